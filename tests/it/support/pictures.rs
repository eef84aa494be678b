//! Picture files the tests make in code: good ones, and hostile ones (a header claiming
//! 30,000×30,000 pixels, a real 30,000-pixel-wide PNG, a truncated PNG, random bytes named
//! `.jpg`).
#![allow(dead_code)]

use image::{ImageFormat, Rgba, RgbaImage};

/// A PNG of `w`×`h` pixels in `colour`, darker downwards: each cell's upper half is brighter
/// than its lower, so halfblocks draw it as `▀` (one colour throughout would be spaces).
pub fn png(w: u32, h: u32, colour: [u8; 4]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    RgbaImage::from_fn(w, h, |_, y| {
        let dim = |c: u8| (u32::from(c) * (h - y) / h) as u8;
        Rgba([dim(colour[0]), dim(colour[1]), dim(colour[2]), colour[3]])
    })
    .write_to(&mut out, ImageFormat::Png)
    .unwrap();
    out.into_inner()
}

/// CRC-32 (ISO-HDLC), as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A well-formed PNG whose header claims `w`×`h` pixels (with 16 pixels of data): a
/// decompression bomb's shape, refused from its header.
pub fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = png(4, 4, [1, 2, 3, 255]);
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// Hostile picture files by name; none may hang, crash or be shown.
pub fn hostile() -> Vec<(&'static str, Vec<u8>)> {
    let good = png(64, 64, [200, 100, 50, 255]);
    let noise: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    vec![
        ("claims-30000.png", png_claiming(30_000, 30_000)),
        ("wide-30000.png", png(30_000, 1, [9, 9, 9, 255])),
        ("truncated.png", good[..good.len() / 2].to_vec()),
        ("noise.jpg", noise),
        ("empty.png", Vec::new()),
    ]
}

/// An `<img>` for each of [`hostile`] under `folder/`, and one climbing out of the library.
pub fn hostile_body(folder: &str) -> String {
    let mut body = String::from("<p>hostile pictures</p>");
    for (name, _) in hostile() {
        body.push_str(&format!(
            "<p><img src=\"{folder}/{name}\" alt=\"{name}\"></p>"
        ));
    }
    body.push_str("<p><img src=\"../../../../../../../../etc/passwd\"></p>");
    body
}
