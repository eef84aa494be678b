//! Helpers the integration tests share: a made-up library and key typing (`common`), article
//! files written by the tests (`fixtures`), the real binary in a pseudo-terminal (`pty`), the
//! hostile library (`hostile`), picture files (`pictures`) and the text layout checker (`text`).

pub mod common;
pub mod fixtures;
pub mod hostile;
pub mod mixed;
pub mod pictures;
pub mod pty;
pub mod session;
pub mod text;
