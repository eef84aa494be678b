//! Markdown bodies become HTML first, so that one renderer handles both (and HTML embedded
//! in Markdown, which the archives mix freely, passes straight through).

use pulldown_cmark::{Options, Parser, html};

pub(super) fn to_html(md: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    html::push_html(&mut out, Parser::new_ext(md, options));
    out
}
