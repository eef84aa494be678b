//! The category tree: the Hexo hierarchy (group › source › channel), then flat categories and
//! tags, each node counting the articles under it that pass the date filter.

use super::groups::Group;
use std::collections::{BTreeMap, HashMap, HashSet};

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
    pub unread: usize,
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

/// (total, unread) articles under a node.
#[derive(Debug, Clone, Copy, Default)]
struct Counts(usize, usize);

impl Counts {
    fn add(&mut self, other: Counts) {
        self.0 += other.0;
        self.1 += other.1;
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
    /// Builds the tree from groups of articles (articles sharing their categories), each
    /// with how many of its articles count (pass the date filter) and how many are unread.
    pub fn build<'a>(groups: impl Iterator<Item = (&'a Group, usize, usize)>) -> Tree {
        let mut hier_counts: HashMap<&'a [String], (Counts, bool)> = HashMap::new();
        let mut flat_counts: HashMap<&'a str, Counts> = HashMap::new();
        let mut tag_counts: HashMap<&'a str, Counts> = HashMap::new();
        let mut total = Counts::default();
        for (g, counted, unread) in groups {
            let n = Counts(counted, unread);
            total.add(n);
            for depth in 1..=g.categories.len() {
                let entry = hier_counts.entry(&g.categories[..depth]).or_default();
                entry.0.add(n);
                entry.1 |= depth < g.categories.len();
            }
            for f in &g.flat {
                flat_counts.entry(f).or_default().add(n);
            }
            for t in &g.tags {
                tag_counts.entry(t).or_default().add(n);
            }
        }
        let hier: BTreeMap<Vec<String>, (Counts, bool)> = hier_counts
            .into_iter()
            .map(|(k, v)| (k.to_vec(), v))
            .collect();
        let owned = |m: HashMap<&str, Counts>| {
            m.into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>()
        };
        let (flat, tags) = (owned(flat_counts), owned(tag_counts));
        let node = |kind, path: Vec<String>, depth, c: Counts, has_children| Node {
            kind,
            path,
            depth,
            count: c.0,
            unread: c.1,
            has_children,
        };
        let mut nodes = vec![node(NodeKind::All, vec![], 0, total, false)];
        for (path, (c, has_children)) in hier {
            let depth = path.len() - 1;
            nodes.push(node(NodeKind::Hierarchy, path, depth, c, has_children));
        }
        for (heading, kind, map) in [
            ("Categories", NodeKind::Flat, flat),
            ("Tags", NodeKind::Tag, tags),
        ] {
            if map.is_empty() {
                continue;
            }
            let mut sum = Counts::default();
            map.values().for_each(|c| sum.add(*c));
            nodes.push(node(NodeKind::Heading, vec![heading.into()], 0, sum, true));
            for (name, c) in map {
                nodes.push(node(kind, vec![name], 1, c, false));
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
    pub fn rebuild<'a>(&mut self, groups: impl Iterator<Item = (&'a Group, usize, usize)>) {
        let selected = self.selected_node().map(|n| (n.kind, n.path.clone()));
        let mut fresh = Tree::build(groups);
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
