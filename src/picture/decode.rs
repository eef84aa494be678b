//! A picture file → pixels, within limits. A decompression bomb (a small file whose header
//! claims a vast image), a 30,000-pixel-wide PNG, a truncated file or random bytes with an
//! image's name all become an error with a reason; the decoder never allocates more than
//! [`MAX_ALLOC`] and a panic inside it is caught.

use image::{DynamicImage, ImageReader, Limits};
use std::io::{BufReader, Read};
use std::path::Path;

/// No side longer than this many pixels: far more than any screen shows, far less than a bomb.
pub const MAX_SIDE: u32 = 10_000;
/// The most the decoder may allocate for one picture.
pub const MAX_ALLOC: u64 = 256 << 20;
/// Larger files are not pictures an article shows inline.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// The picture at `path`, or why it cannot be shown.
pub fn decode(path: &Path) -> Result<DynamicImage, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open the picture: {e}"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "the picture is {} MiB, more than the {} MiB shown inline",
            len >> 20,
            MAX_FILE_BYTES >> 20
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    BufReader::new(file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the picture: {e}"))?;
    decode_bytes(&bytes)
}

/// Pixels from the bytes of a picture file, its format told by its content (not its name).
pub fn decode_bytes(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let decoded = crate::crash::catch_quietly(|| {
        let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())?;
        if reader.format().is_none() {
            return Err("not a picture gazette can show (PNG, JPEG, GIF or WebP)".to_string());
        }
        reader.limits(limits);
        reader
            .decode()
            .map_err(|e| format!("cannot decode the picture: {e}"))
    });
    decoded.unwrap_or_else(|| Err("the picture decoder failed on this file".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbaImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 255]))
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_small_png_decodes() {
        let img = decode_bytes(&png(12, 7)).unwrap();
        assert_eq!((img.width(), img.height()), (12, 7));
    }

    #[test]
    fn a_side_longer_than_the_limit_is_refused_however_small_the_file() {
        let wide = png(MAX_SIDE + 1, 1);
        assert!(wide.len() < 4096);
        let err = decode_bytes(&wide).unwrap_err();
        assert!(err.contains("limit"), "{err}");
        assert!(decode_bytes(&png(MAX_SIDE, 1)).is_ok());
    }

    #[test]
    fn truncated_and_random_bytes_are_errors() {
        let bytes = png(40, 40);
        assert!(decode_bytes(&bytes[..bytes.len() / 2]).is_err());
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let err = decode_bytes(&noise).unwrap_err();
        assert!(err.contains("not a picture"), "{err}");
        assert!(decode_bytes(&[]).is_err());
    }

    #[test]
    fn a_missing_file_says_so() {
        let err = decode(Path::new("/nonexistent/gazette/x.png")).unwrap_err();
        assert!(err.contains("cannot open"), "{err}");
    }
}
