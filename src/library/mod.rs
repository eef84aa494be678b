//! Everything that touches article files: finding them, decoding, parsing, the in-memory library.

pub mod date;
pub mod front_matter;
