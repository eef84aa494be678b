//! Every integration test, in one binary: one link step instead of one per file, and helpers
//! shared as ordinary modules (`support`). Each module tests one claim area; see its doc.

mod support;

mod cache;
mod calendar_days;
mod cli;
mod e2e_state;
mod e2e_tui;
mod frames;
mod fuzz_regressions;
mod hostile;
mod keys;
mod properties;
mod readme;
mod search;
mod text_render;
mod text_rules;
mod watch;
