//! Pictures of an article, from the disk only: gazette never fetches.
//!
//! - [`mod@resolve`]: where an `<img src>` is on disk (beside the article, under the site's
//!   source root, or in a folder of saved images), never outside those roots.
//! - [`mod@decode`]: a file → pixels within limits, so a broken or hostile image is an error with
//!   a reason, never a hang, a crash or gigabytes of memory.
//! - [`shown`]: pixels → what the terminal draws (kitty, sixel, iTerm2 or halfblocks) at a
//!   size in cells; the only part that knows the terminal.
//!
//! `resolve` and `decode` are used by `gazette check` as much as by the reader.

pub mod decode;
pub mod resolve;
pub mod shown;

pub use decode::decode;
pub use resolve::{Roots, resolve};
pub use shown::{Mode, Picture};
