//! Every integration test, in one binary: one link step instead of one per file, and helpers
//! shared as ordinary modules (`support`). Each module tests one claim area; see its doc.

mod support;

mod cache;
mod calendar_days;
mod claims_cli;
mod claims_crash;
mod claims_files;
mod claims_keys;
mod claims_links;
mod claims_mouse;
mod claims_reader;
mod claims_search;
mod cli;
mod closed_pipe;
mod clreq;
mod e2e_state;
mod e2e_tui;
mod empty_library;
mod exact_paths;
mod first_load;
mod frames;
mod fuzz_regressions;
mod help_overlay;
mod hostile;
mod keys;
mod properties;
mod reading_place;
mod readme;
mod real_titles;
mod search;
mod status_words;
mod text_render;
mod text_rules;
mod two_readers;
mod typography;
mod watch;
