//! The category tree: saved views, then the Hexo hierarchy (group › source › channel), the
//! library's own folders, flat categories and tags, each node counting the articles under it
//! that pass the date filter (views count what their query matches).
//!
//! Nodes are kept in display order with a depth each, so "below a node" is "the nodes after
//! it that are deeper": collapsing, filtering by name and finding ancestors all follow from
//! that one rule. A tree of 3,000 tags stays usable because large sections start collapsed
//! and typing narrows the tree to the nodes whose name holds the text.

use super::line_edit::{Edit, LineEdit, Outcome};
use super::tally::GroupCounts;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Sections with more children than this start collapsed (a screen's worth, about).
pub const LARGE_SECTION: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// Every article: choosing it clears the category and folder filters.
    All,
    Hierarchy,
    /// A section's title (Views, Folders, Categories, Tags); choosing it does nothing.
    Heading,
    Flat,
    Tag,
    /// A folder below the library root (its path, one element per folder).
    Folder,
    /// A saved view (its name, one element): choosing it applies its query.
    View,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// The category path this node filters on (one element for flat categories and tags),
    /// the folder path for a folder, the name for a view or a heading.
    pub path: Vec<String>,
    pub depth: usize,
    pub count: usize,
    pub unread: usize,
    pub has_children: bool,
    /// The label is the path from this element on: a chain of folders that hold nothing but
    /// the next one (`source/_posts`) is one node.
    label_from: usize,
}

impl Node {
    pub fn label(&self) -> Cow<'_, str> {
        match self.kind {
            NodeKind::All => Cow::Borrowed("All articles"),
            _ if self.label_from + 1 < self.path.len() => {
                Cow::Owned(self.path[self.label_from..].join("/"))
            }
            _ => Cow::Borrowed(self.path.last().map_or("", String::as_str)),
        }
    }
}

/// (total, unread) articles under a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts(pub usize, pub usize);

impl Counts {
    fn add(&mut self, other: Counts) {
        self.0 += other.0;
        self.1 += other.1;
    }
}

/// A node's identity across rebuilds.
type NodeKey = (NodeKind, Vec<String>);

/// Typing in the tree: the text, and whether the line still has the keyboard.
#[derive(Debug, Clone, Default)]
struct NameFilter {
    line: LineEdit,
    editing: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Every node in display order (depth first).
    pub nodes: Vec<Node>,
    collapsed: HashSet<NodeKey>,
    /// Nodes whose starting state was decided (collapsed for being large, or toggled by the
    /// user): a section that grows past [`LARGE_SECTION`] while loading, or that the user
    /// opened, is not folded again behind their back.
    decided: HashSet<NodeKey>,
    filter: Option<NameFilter>,
    /// Indices into `nodes` of the nodes shown: not hidden under a collapsed parent, and,
    /// while a name filter is typed, matching it or above a node that does.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    pub offset: usize,
}

/// How the nodes of one section are counted: by every prefix of a path (of folder names or
/// shared category names), so a parent counts what is below it.
struct PathCounts<'a, S>(HashMap<&'a [S], (Counts, bool)>);

impl<S> Default for PathCounts<'_, S> {
    fn default() -> Self {
        PathCounts(HashMap::new())
    }
}

impl<'a, S: AsRef<str> + std::hash::Hash + Eq> PathCounts<'a, S> {
    fn add(&mut self, path: &'a [S], n: Counts) {
        for depth in 1..=path.len() {
            let entry = self.0.entry(&path[..depth]).or_default();
            entry.0.add(n);
            entry.1 |= depth < path.len();
        }
    }

    fn sorted(self) -> BTreeMap<Vec<String>, (Counts, bool)> {
        let owned = |k: &[S]| k.iter().map(|s| s.as_ref().to_string()).collect();
        self.0.into_iter().map(|(k, v)| (owned(k), v)).collect()
    }
}

fn node(kind: NodeKind, path: Vec<String>, depth: usize, c: Counts, children: bool) -> Node {
    Node {
        kind,
        label_from: path.len().saturating_sub(1),
        path,
        depth,
        count: c.0,
        unread: c.1,
        has_children: children,
    }
}

/// The Folders section's nodes, below its heading. A folder holding no article of its own
/// and a single folder is joined with that one (`hexo-site/source/_posts`): archives nest
/// their files in such chains, which would otherwise take a row and a level each.
fn folder_nodes(
    folders: BTreeMap<Vec<String>, (Counts, bool)>,
    own: &HashSet<&[String]>,
) -> Vec<Node> {
    let mut children: HashMap<Vec<String>, usize> = HashMap::new();
    for path in folders.keys() {
        *children.entry(path[..path.len() - 1].to_vec()).or_default() += 1;
    }
    let joined = |p: &[String]| children.get(p) == Some(&1) && !own.contains(p);
    // (depth, label_from) of each folder joined into its child, for that child to take.
    let mut carried: HashMap<Vec<String>, (usize, usize)> = HashMap::new();
    let mut depth_of: HashMap<Vec<String>, usize> = HashMap::new();
    let mut nodes = Vec::new();
    for (path, (c, has_children)) in folders {
        let parent = &path[..path.len() - 1];
        let (depth, label_from) = match carried.get(parent) {
            Some(&at) => at,
            None => (depth_of.get(parent).map_or(1, |d| d + 1), path.len() - 1),
        };
        if joined(&path) {
            carried.insert(path, (depth, label_from));
            continue;
        }
        depth_of.insert(path.clone(), depth);
        let mut n = node(NodeKind::Folder, path, depth, c, has_children);
        n.label_from = label_from;
        nodes.push(n);
    }
    nodes
}

impl Tree {
    /// Builds the tree from groups of articles (articles sharing their categories) and
    /// folders, each with how many of its articles count (pass the date filter) and how many
    /// are unread, and from the saved views with their counts.
    pub fn build(counted: &GroupCounts, views: &[(String, Counts)]) -> Tree {
        let mut hier = PathCounts::default();
        let mut folders = PathCounts::default();
        let mut flat_counts: HashMap<&str, Counts> = HashMap::new();
        let mut tag_counts: HashMap<&str, Counts> = HashMap::new();
        let mut total = Counts::default();
        for &(folder, n) in &counted.folders {
            folders.add(folder, n);
        }
        let own_folders: HashSet<&[String]> = counted.folders.iter().map(|f| f.0).collect();
        for &(g, n) in &counted.groups {
            total.add(n);
            hier.add(&g.categories, n);
            for f in &g.flat {
                flat_counts.entry(f).or_default().add(n);
            }
            for t in &g.tags {
                tag_counts.entry(t).or_default().add(n);
            }
        }
        let owned = |m: HashMap<&str, Counts>| {
            m.into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>()
        };
        let heading =
            |name: &str, c: Counts| node(NodeKind::Heading, vec![name.to_string()], 0, c, true);
        let mut nodes = Vec::new();
        if !views.is_empty() {
            nodes.push(heading("Views", Counts::default()));
            for (name, c) in views {
                nodes.push(node(NodeKind::View, vec![name.clone()], 1, *c, false));
            }
        }
        nodes.push(node(NodeKind::All, vec![], 0, total, false));
        for (path, (c, has_children)) in hier.sorted() {
            let depth = path.len() - 1;
            nodes.push(node(NodeKind::Hierarchy, path, depth, c, has_children));
        }
        let folders = folders.sorted();
        if !folders.is_empty() {
            let mut sum = Counts::default();
            (folders.iter().filter(|(p, _)| p.len() == 1)).for_each(|(_, (c, _))| sum.add(*c));
            nodes.push(heading("Folders", sum));
            nodes.extend(folder_nodes(folders, &own_folders));
        }
        for (title, kind, map) in [
            ("Categories", NodeKind::Flat, owned(flat_counts)),
            ("Tags", NodeKind::Tag, owned(tag_counts)),
        ] {
            if map.is_empty() {
                continue;
            }
            let mut sum = Counts::default();
            map.values().for_each(|c| sum.add(*c));
            nodes.push(heading(title, sum));
            for (name, c) in map {
                nodes.push(node(kind, vec![name], 1, c, false));
            }
        }
        let mut tree = Tree {
            nodes,
            ..Tree::default()
        };
        tree.collapse_large();
        tree.refresh_visible();
        tree.select_node(NodeKind::All, &[]);
        tree
    }

    /// Rebuilds from new counts, keeping what was collapsed, the name filter and the selected
    /// node.
    pub fn rebuild(&mut self, counted: &GroupCounts, views: &[(String, Counts)]) {
        let selected = self.selected_node().map(|n| (n.kind, n.path.clone()));
        let mut fresh = Tree::build(counted, views);
        fresh.collapsed = std::mem::take(&mut self.collapsed);
        fresh.decided = std::mem::take(&mut self.decided);
        fresh.filter = self.filter.take();
        fresh.offset = self.offset;
        fresh.collapse_large();
        fresh.refresh_visible();
        if let Some((kind, path)) = selected {
            fresh.select_node(kind, &path);
        }
        *self = fresh;
    }

    /// Collapses the Tags section and every node with more than [`LARGE_SECTION`] children,
    /// the first time each is seen that large.
    fn collapse_large(&mut self) {
        for (i, n) in self.nodes.iter().enumerate() {
            if !n.has_children {
                continue;
            }
            let tags = n.kind == NodeKind::Heading && n.label() == "Tags";
            let children = self.nodes[i + 1..]
                .iter()
                .take_while(|c| c.depth > n.depth)
                .filter(|c| c.depth == n.depth + 1)
                .count();
            let key = (n.kind, n.path.clone());
            if (tags || children > LARGE_SECTION) && self.decided.insert(key.clone()) {
                self.collapsed.insert(key);
            }
        }
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
        let key = (node.kind, node.path.clone());
        self.decided.insert(key.clone());
        if !self.collapsed.remove(&key) {
            self.collapsed.insert(key.clone());
        }
        self.refresh_visible();
        self.select_node(key.0, &key.1);
    }

    /// The name filter's text and whether it is being typed; `None` when there is none.
    pub fn name_filter(&self) -> Option<(&LineEdit, bool)> {
        self.filter.as_ref().map(|f| (&f.line, f.editing))
    }

    /// The name filter's line has the keyboard.
    pub fn filter_editing(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| f.editing)
    }

    /// Starts typing a name filter (again, on the current one, to edit it).
    pub fn start_filter(&mut self) {
        self.filter.get_or_insert_with(NameFilter::default).editing = true;
    }

    /// Drops the name filter: the whole tree again, the selection kept.
    pub fn clear_filter(&mut self) {
        let selected = self.selected_node().map(|n| (n.kind, n.path.clone()));
        self.filter = None;
        self.refresh_visible();
        if let Some((kind, path)) = selected {
            self.select_node(kind, &path);
        }
    }

    /// An edit of the name filter; `None` when no filter is being typed. Each change narrows
    /// the tree and selects the first node whose name matches; Esc drops the filter; Enter
    /// is returned for the caller to apply the selected node.
    pub fn edit_filter(&mut self, edit: Edit) -> Option<Outcome> {
        let f = self.filter.as_mut().filter(|f| f.editing)?;
        let outcome = f.line.apply(edit, |_, c| !c.is_control())?;
        match outcome {
            Outcome::Changed => {
                self.refresh_visible();
                let needle = self.needle();
                self.selected = (self.visible.iter())
                    .position(|&i| {
                        needle
                            .as_ref()
                            .is_some_and(|t| name_holds(&self.nodes[i], t))
                    })
                    .unwrap_or(0);
            }
            Outcome::Cancel => self.clear_filter(),
            Outcome::Submit => f.editing = false,
            Outcome::Moved => {}
        }
        Some(outcome)
    }

    /// The typed name, folded for matching; `None` when nothing is typed.
    fn needle(&self) -> Option<String> {
        let text = self.filter.as_ref()?.line.text().trim();
        (!text.is_empty()).then(|| text.to_lowercase())
    }

    fn refresh_visible(&mut self) {
        self.visible = match self.needle() {
            Some(needle) => self.matching(&needle),
            None => self.unfolded(),
        };
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// The nodes not hidden below a collapsed one.
    fn unfolded(&self) -> Vec<usize> {
        let mut visible = Vec::with_capacity(self.nodes.len());
        let mut hidden_below: Option<usize> = None;
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some(depth) = hidden_below {
                if node.depth > depth {
                    continue;
                }
                hidden_below = None;
            }
            visible.push(i);
            if self.is_collapsed(node) {
                hidden_below = Some(node.depth);
            }
        }
        visible
    }

    /// The nodes whose name holds `needle`, with the nodes above them (collapsed or not), so
    /// a match is seen in its place.
    fn matching(&self, needle: &str) -> Vec<usize> {
        let mut keep = vec![false; self.nodes.len()];
        let mut above: Vec<usize> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            while above
                .last()
                .is_some_and(|&a| self.nodes[a].depth >= node.depth)
            {
                above.pop();
            }
            if node.kind != NodeKind::Heading && name_holds(node, needle) {
                keep[i] = true;
                // Ancestors already kept were marked by an earlier match, and theirs too.
                for &a in above.iter().rev() {
                    if std::mem::replace(&mut keep[a], true) {
                        break;
                    }
                }
            }
            above.push(i);
        }
        (0..self.nodes.len()).filter(|&i| keep[i]).collect()
    }
}

/// Whether the node's name holds `needle` (already lowercase), ignoring case.
fn name_holds(node: &Node, needle: &str) -> bool {
    node.label().to_lowercase().contains(needle)
}
