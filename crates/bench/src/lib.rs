//! Nothing to link: this crate exists for its `benches/` (see the README's "Measuring"). A
//! workspace member of its own so that criterion and the benchmark code stay out of
//! `cargo test` at the root, which is what CI runs.
