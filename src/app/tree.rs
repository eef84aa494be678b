//! The category tree: the Hexo hierarchy (group › source › channel), then flat categories and
//! tags, each node counting the articles under it that pass the date filter.

use crate::library::Article;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// Every article: choosing it clears the category filter.
    All,
    Hierarchy,
    /// The heading above flat categories and tags; choosing it does nothing.
    Heading,
    Flat,
    Tag,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// The category path this node filters on (one element for flat categories and tags).
    pub path: Vec<String>,
    pub depth: usize,
    pub count: usize,
    pub has_children: bool,
}

impl Node {
    pub fn label(&self) -> &str {
        match self.kind {
            NodeKind::All => "All articles",
            NodeKind::Heading => self.path.first().map_or("", String::as_str),
            _ => self.path.last().map_or("", String::as_str),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Every node in display order (depth first).
    pub nodes: Vec<Node>,
    collapsed: HashSet<(NodeKind, Vec<String>)>,
    /// Indices into `nodes` of the nodes not hidden under a collapsed parent.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    pub offset: usize,
}

impl Tree {
    /// Builds the tree from all articles; `counted` says which ones count (the date filter).
    pub fn build<'a>(articles: impl Iterator<Item = (&'a Article, bool)>) -> Tree {
        let mut hier: BTreeMap<Vec<String>, (usize, bool)> = BTreeMap::new();
        let mut flat: BTreeMap<String, usize> = BTreeMap::new();
        let mut tags: BTreeMap<String, usize> = BTreeMap::new();
        let mut total = 0;
        for (a, counted) in articles {
            let n = usize::from(counted);
            total += n;
            for depth in 1..=a.categories.len() {
                let entry = hier.entry(a.categories[..depth].to_vec()).or_default();
                entry.0 += n;
                entry.1 |= depth < a.categories.len();
            }
            for f in &a.flat_categories {
                *flat.entry(f.clone()).or_default() += n;
            }
            for t in &a.tags {
                *tags.entry(t.clone()).or_default() += n;
            }
        }
        let mut nodes = vec![Node {
            kind: NodeKind::All,
            path: vec![],
            depth: 0,
            count: total,
            has_children: false,
        }];
        for (path, (count, has_children)) in hier {
            nodes.push(Node {
                kind: NodeKind::Hierarchy,
                depth: path.len() - 1,
                path,
                count,
                has_children,
            });
        }
        for (heading, kind, map) in [
            ("Categories", NodeKind::Flat, flat),
            ("Tags", NodeKind::Tag, tags),
        ] {
            if map.is_empty() {
                continue;
            }
            let count = map.values().sum();
            nodes.push(Node {
                kind: NodeKind::Heading,
                path: vec![heading.into()],
                depth: 0,
                count,
                has_children: true,
            });
            for (name, count) in map {
                nodes.push(Node {
                    kind,
                    path: vec![name],
                    depth: 1,
                    count,
                    has_children: false,
                });
            }
        }
        let mut tree = Tree {
            nodes,
            ..Tree::default()
        };
        tree.refresh_visible();
        tree
    }

    /// Rebuilds from new counts, keeping what was collapsed and the selected node.
    pub fn rebuild<'a>(&mut self, articles: impl Iterator<Item = (&'a Article, bool)>) {
        let selected = self.selected_node().map(|n| (n.kind, n.path.clone()));
        let mut fresh = Tree::build(articles);
        fresh.collapsed = std::mem::take(&mut self.collapsed);
        fresh.refresh_visible();
        if let Some((kind, path)) = selected {
            fresh.select_node(kind, &path);
        }
        *self = fresh;
    }

    pub fn selected_node(&self) -> Option<&Node> {
        self.visible.get(self.selected).map(|&i| &self.nodes[i])
    }

    pub fn is_collapsed(&self, node: &Node) -> bool {
        self.collapsed.contains(&(node.kind, node.path.clone()))
    }

    pub fn select_node(&mut self, kind: NodeKind, path: &[String]) {
        if let Some(pos) = self
            .visible
            .iter()
            .position(|&i| self.nodes[i].kind == kind && self.nodes[i].path == path)
        {
            self.selected = pos;
        }
    }

    /// Expands or collapses the selected node, if it has children.
    pub fn toggle_selected(&mut self) {
        let Some(node) = self.selected_node().filter(|n| n.has_children) else {
            return;
        };
        let (kind, path) = (node.kind, node.path.clone());
        if !self.collapsed.remove(&(kind, path.clone())) {
            self.collapsed.insert((kind, path.clone()));
        }
        self.refresh_visible();
        self.select_node(kind, &path);
    }

    fn refresh_visible(&mut self) {
        let mut hidden_below: Option<(NodeKind, Vec<String>, usize)> = None;
        self.visible.clear();
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some((kind, path, depth)) = &hidden_below {
                let inside = match kind {
                    NodeKind::Heading => {
                        matches!(node.kind, NodeKind::Flat | NodeKind::Tag) && node.depth > *depth
                    }
                    _ => {
                        node.kind == *kind
                            && node.path.len() > path.len()
                            && node.path.starts_with(path)
                    }
                };
                if inside && heading_owns(kind, path, node) {
                    continue;
                }
                hidden_below = None;
            }
            self.visible.push(i);
            if self.collapsed.contains(&(node.kind, node.path.clone())) {
                hidden_below = Some((node.kind, node.path.clone(), node.depth));
            }
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }
}

/// A collapsed heading hides only its own kind of nodes (Categories hides flat ones, Tags tags).
fn heading_owns(kind: &NodeKind, path: &[String], node: &Node) -> bool {
    match kind {
        NodeKind::Heading => match path.first().map(String::as_str) {
            Some("Categories") => node.kind == NodeKind::Flat,
            _ => node.kind == NodeKind::Tag,
        },
        _ => true,
    }
}
