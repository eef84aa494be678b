//! Saved views: `[[views]]` tables with a `name` and a `query`, read with the rest of the
//! file and written back one at a time when the reader saves the current filter as a view.
//!
//! Writing goes through `toml_edit`, which keeps the document as the user wrote it — their
//! comments, order and spacing — and changes only the view being saved; the file is then
//! replaced atomically, so a crash leaves the old configuration or the new one.

use super::settings::{Key, Problem, Value, entries, kind, problem, string, unknown};
use crate::zone::Zone;
use std::io;
use std::path::Path;
use toml::de::DeValue;

/// A named query, shown at the top of the category tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub name: String,
    /// In the search line's language; checked to parse when the file is read.
    pub query: String,
}

/// `[[views]]`: a list of tables, each with a non-empty, unique `name` and a `query` that
/// parses (dates counted in `zone`; only the wording of an error depends on it).
pub(super) fn parse(key: Key, value: Value, zone: Zone) -> Result<Vec<SavedView>, Problem> {
    let DeValue::Array(items) = value.get_ref() else {
        let msg = format!(
            "views: expected [[views]] tables, found {}",
            kind(value.get_ref())
        );
        return Err(problem(key.span().start, msg));
    };
    let mut views: Vec<SavedView> = Vec::new();
    for item in items {
        let at = item.span().start;
        let DeValue::Table(table) = item.get_ref() else {
            let msg = format!("views: expected a table, found {}", kind(item.get_ref()));
            return Err(problem(at, msg));
        };
        let (mut name, mut query) = (None, None);
        for (k, v) in entries(table) {
            match k.get_ref().as_ref() {
                "name" => name = Some((string(v, "views.name")?, v.span().start)),
                "query" => query = Some((string(v, "views.query")?, v.span().start)),
                other => {
                    let msg = unknown("setting", other, " in [[views]]", &["name", "query"]);
                    return Err(problem(k.span().start, msg));
                }
            }
        }
        let Some((name, name_at)) = name.filter(|(n, _)| !n.trim().is_empty()) else {
            return Err(problem(at, "views: each view needs a name (name = \"…\")"));
        };
        if views.iter().any(|v| v.name == name) {
            return Err(problem(
                name_at,
                format!("views: \"{name}\" is named twice"),
            ));
        }
        let Some((query, query_at)) = query else {
            return Err(problem(at, format!("views: \"{name}\" needs a query")));
        };
        if let Err(e) = crate::search::Query::parse(
            query,
            |d| zone.start_of_day(d),
            zone.today(chrono::Utc::now()),
        ) {
            return Err(problem(query_at, format!("views: \"{name}\": {e}")));
        }
        views.push(SavedView {
            name: name.to_string(),
            query: query.to_string(),
        });
    }
    Ok(views)
}

/// Saves `view` into the configuration file at `path`: a view of the same name gets the new
/// query, else a `[[views]]` table is added at the end. Everything else in the file stays as
/// it was, comments included. A missing file (or folder) is created holding just the view.
pub fn save_view(path: &Path, view: &SavedView) -> Result<(), String> {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {shown}: {e}")),
    };
    let text = updated(&text, view).map_err(|e| format!("{shown}: {e}"))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    crate::atomic_file::write_atomic(path, text.as_bytes())
        .map_err(|e| format!("cannot write {shown}: {e}"))
}

/// The file's text with `view` saved in it.
fn updated(text: &str, view: &SavedView) -> Result<String, String> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("not valid TOML: {}", e.message()))?;
    let views = doc
        .entry("views")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or("`views` is not a list of [[views]] tables")?;
    let same = views
        .iter_mut()
        .find(|t| t.get("name").and_then(|n| n.as_str()) == Some(view.name.as_str()));
    match same {
        Some(table) => table["query"] = value(&view.query),
        None => {
            let mut table = Table::new();
            table["name"] = value(&view.name);
            table["query"] = value(&view.query);
            views.push(table);
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str, query: &str) -> SavedView {
        SavedView {
            name: name.into(),
            query: query.into(),
        }
    }

    #[test]
    fn saving_keeps_comments_and_replaces_a_view_of_the_same_name() {
        let text = "# 我的设置\ntheme = \"light\" # 浅色\n\n[[views]]\n# the old one\nname = \"新闻\"\nquery = \"old\"\n";
        let once = updated(text, &view("新闻", "cat:新媒体 since:2022-01-01")).unwrap();
        assert_eq!(
            once,
            "# 我的设置\ntheme = \"light\" # 浅色\n\n[[views]]\n# the old one\nname = \"新闻\"\nquery = \"cat:新媒体 since:2022-01-01\"\n"
        );
        let twice = updated(&once, &view("Rust \"weekly\"", "rust")).unwrap();
        assert!(twice.starts_with(&once), "{twice}");
        assert!(
            twice.ends_with("[[views]]\nname = 'Rust \"weekly\"'\nquery = \"rust\"\n"),
            "{twice}"
        );
    }

    #[test]
    fn views_are_read_in_order_and_mistakes_name_their_line() {
        use crate::config::tests::{err, parse_str};
        let ok = "[[views]]\nname = \"乙\"\nquery = \"cat:a since:2022-02-30\"\n[[views]]\nname = \"甲\"\nquery = \"茶\"\n";
        let e = err(ok);
        assert_eq!(e.line, Some(3), "February has no 30th: {e}");
        let ok = ok.replace("since:2022-02-30", "since:2022-01-01");
        let views = parse_str(&ok).unwrap().views;
        assert_eq!(
            views,
            [view("乙", "cat:a since:2022-01-01"), view("甲", "茶")]
        );
        let twice = format!("{ok}[[views]]\nname = \"甲\"\nquery = \"x\"\n");
        assert!(
            err(&twice).message.contains("named twice"),
            "{}",
            err(&twice)
        );
        assert_eq!(err(&twice).line, Some(8));
        let e = err("[[views]]\nname = \"a\"\n");
        assert!(e.message.contains("needs a query"), "{e}");
        let e = err("[[views]]\nquery = \"a\"\n");
        assert!(e.message.contains("needs a name"), "{e}");
        let e = err("[[views]]\nname = \"a\"\nqeury = \"a\"\n");
        assert!(e.message.contains("did you mean \"query\""), "{e}");
        assert!(err("views = \"a\"\n").message.contains("[[views]]"));
    }

    #[test]
    fn an_empty_file_gets_just_the_view_and_a_broken_one_is_an_error() {
        assert_eq!(
            updated("", &view("a", "b")).unwrap(),
            "[[views]]\nname = \"a\"\nquery = \"b\"\n"
        );
        assert!(updated("theme = ", &view("a", "b")).is_err());
        let e = updated("views = 3\n", &view("a", "b")).unwrap_err();
        assert!(e.contains("[[views]]"), "{e}");
    }
}
