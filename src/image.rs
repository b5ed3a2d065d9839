//! Images a document carries (a letterhead's logo): what format a file is,
//! its size in pixels, and its pixels for the writers that need them.
//!
//! PNG is decoded with the `png` crate; a JPEG is never decoded, only its
//! frame header read, since PDF and DOCX both embed it as it is. An SVG
//! drawing is read into paths with `usvg`, and rendered to pixels with
//! `resvg` where a writer needs them. Used by the dataset loader (to refuse
//! a logo that cannot be printed, naming the field) and by the writers (to
//! draw it).

use crate::document::ImageFormat;

/// A file that is not an image hrdraft can print.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ImageError {
    /// What is wrong, for a drafter.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

fn bad(message: impl Into<String>, hint: Option<&str>) -> ImageError {
    ImageError {
        message: message.into(),
        hint: hint.map(str::to_string),
    }
}

/// An image's format and size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// PNG, JPEG or SVG (whose size gives its proportions).
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The largest side a logo may have, in pixels: a bound on the memory its
/// decoding takes.
const MAX_SIDE: u32 = 8192;

/// What `bytes` are: a PNG is decoded whole, so that a damaged file is
/// refused here and not when a writer draws it.
pub fn inspect(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let info = if bytes.starts_with(PNG_SIGNATURE) {
        let pixels = decode_png(bytes)?;
        ImageInfo {
            format: ImageFormat::Png,
            width: pixels.width,
            height: pixels.height,
        }
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg_info(bytes)?
    } else if looks_like_svg(bytes) {
        return svg_info(bytes);
    } else {
        return Err(bad(
            "the logo is neither a PNG nor a JPEG image",
            Some("give a .png or .jpg file"),
        ));
    };
    if info.width == 0 || info.height == 0 || info.width > MAX_SIDE || info.height > MAX_SIDE {
        return Err(bad(
            format!(
                "the logo is {} × {} pixels; a logo may be 1 to {MAX_SIDE} pixels on a side",
                info.width, info.height
            ),
            None,
        ));
    }
    Ok(info)
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    text.contains("<svg")
}

/// The elements of an SVG that hrdraft cannot draw, what they are, and
/// how to do without them. Text needs the fonts it names, which the
/// drawing would look different without; a picture inside the drawing is
/// not decoded.
const SVG_REFUSED: &[(&str, &str, &str)] = &[
    (
        "text",
        "text",
        "convert its text to outlines (in Inkscape: Path › Object to Path; in Illustrator: Type › Create Outlines) and save it again",
    ),
    (
        "image",
        "a picture",
        "export the logo as a PNG at 600 pixels wide or more and name that file",
    ),
    (
        "foreignObject",
        "foreign content",
        "export the logo as a PNG at 600 pixels wide or more and name that file",
    ),
];

/// The side an SVG's proportions are given at, in [`ImageInfo`]: enough
/// that rounding does not change them visibly.
const SVG_SIDE: f32 = 1000.0;

/// An SVG drawing read into paths, after the checks of [`inspect`].
pub fn parse_svg(bytes: &[u8]) -> Result<usvg::Tree, ImageError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        bad(
            "the logo is an SVG drawing that is not UTF-8 text",
            Some("save it again as plain SVG"),
        )
    })?;
    let unreadable = |e: &dyn std::fmt::Display| {
        bad(
            format!("the logo is not an SVG drawing that can be read: {e}"),
            Some("open it in a drawing program and save it again as plain SVG"),
        )
    };
    let options = usvg::roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let xml =
        usvg::roxmltree::Document::parse_with_options(text, options).map_err(|e| unreadable(&e))?;
    for node in xml.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if let Some((_, what, hint)) = SVG_REFUSED.iter().find(|(tag, ..)| *tag == name) {
            return Err(bad(
                format!(
                    "the logo's SVG drawing holds {what} (a `<{name}>` element, line {}), which hrdraft does not draw",
                    xml.text_pos_at(node.range().start).row
                ),
                Some(hint),
            ));
        }
    }
    let tree = usvg::Tree::from_xmltree(&xml, &usvg::Options::default()).map_err(|e| match e {
        usvg::Error::InvalidSize => bad(
            "the logo's SVG drawing has no size that can be read: its `width`, `height` or `viewBox` is zero or missing",
            Some("give its `<svg>` element a `viewBox` (\"0 0 WIDTH HEIGHT\")"),
        ),
        e => unreadable(&e),
    })?;
    if !tree.root().has_children() {
        return Err(bad(
            "the logo's SVG drawing draws nothing",
            Some("check that the file is the logo and not an empty page"),
        ));
    }
    Ok(tree)
}

/// An SVG logo's format and proportions, its larger side [`SVG_SIDE`].
fn svg_info(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let size = parse_svg(bytes)?.size();
    let scale = SVG_SIDE / size.width().max(size.height());
    let side = |v: f32| ((v * scale).round() as u32).max(1);
    Ok(ImageInfo {
        format: ImageFormat::Svg,
        width: side(size.width()),
        height: side(size.height()),
    })
}

/// The pixels of an SVG drawing rendered `width` pixels wide, its height
/// in proportion (at least one pixel); colour and alpha apart, as a PNG's.
pub fn render_svg(bytes: &[u8], width: u32) -> Result<Pixels, ImageError> {
    let tree = parse_svg(bytes)?;
    let size = tree.size();
    let width = width.clamp(1, MAX_SIDE);
    let scale = width as f32 / size.width();
    let height = ((size.height() * scale).round() as u32).clamp(1, MAX_SIDE);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| bad("the logo is too large to render", None))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, height as f32 / size.height()),
        &mut pixmap.as_mut(),
    );
    let count = (width as usize) * (height as usize);
    let mut color = Vec::with_capacity(count * 3);
    let mut alpha = Vec::with_capacity(count);
    for px in pixmap.pixels() {
        let c = px.demultiply();
        color.extend_from_slice(&[c.red(), c.green(), c.blue()]);
        alpha.push(c.alpha());
    }
    let opaque = alpha.iter().all(|&a| a == 255);
    Ok(Pixels {
        width,
        height,
        grey: false,
        color,
        alpha: (!opaque).then_some(alpha),
    })
}

/// `pixels` as a PNG file.
pub fn encode_png(pixels: &Pixels) -> Result<Vec<u8>, ImageError> {
    let failed =
        |e: png::EncodingError| bad(format!("the logo could not be written as PNG: {e}"), None);
    let channels = if pixels.grey { 1 } else { 3 };
    let mut data = Vec::with_capacity(pixels.color.len() / channels * 4);
    match &pixels.alpha {
        Some(alpha) => {
            for (c, a) in pixels.color.chunks_exact(channels).zip(alpha) {
                data.extend_from_slice(c);
                data.push(*a);
            }
        }
        None => data.extend_from_slice(&pixels.color),
    }
    let color = match (pixels.grey, pixels.alpha.is_some()) {
        (true, false) => png::ColorType::Grayscale,
        (true, true) => png::ColorType::GrayscaleAlpha,
        (false, false) => png::ColorType::Rgb,
        (false, true) => png::ColorType::Rgba,
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixels.width, pixels.height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    // The fast deflate tuned for PNG: a logo of flat colours compresses
    // about as well, in less time (the DOCX deflates it again).
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&data).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

/// A PNG's pixels, 8 bits a channel: colour (grey or RGB) and, apart, alpha.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Whether `color` holds one grey byte a pixel rather than three.
    pub grey: bool,
    /// The colour samples, row by row.
    pub color: Vec<u8>,
    /// One alpha byte a pixel, when the image has any transparency.
    pub alpha: Option<Vec<u8>>,
}

/// Decode a PNG to 8-bit grey or RGB samples and an alpha channel.
pub fn decode_png(bytes: &[u8]) -> Result<Pixels, ImageError> {
    let damaged = |e: png::DecodingError| {
        bad(
            format!("the logo is not a PNG image that can be read: {e}"),
            Some("open it in an image editor and save it again as PNG"),
        )
    };
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palettes expanded, 16-bit samples cut to 8, transparency chunks made alpha.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let header = reader.info();
    if header.width > MAX_SIDE || header.height > MAX_SIDE {
        return Err(bad(
            format!(
                "the logo is {} × {} pixels; a logo may be at most {MAX_SIDE} pixels on a side",
                header.width, header.height
            ),
            None,
        ));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad("the logo is too large to decode", None))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(damaged)?;
    buf.truncate(frame.buffer_size());
    let (width, height) = (frame.width, frame.height);
    let (channels, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (2, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (4, true),
        png::ColorType::Indexed => {
            return Err(bad("the logo's palette could not be expanded", None));
        }
    };
    let color_channels = if channels <= 2 { 1 } else { 3 };
    let pixels = (width as usize) * (height as usize);
    let mut color = Vec::with_capacity(pixels * color_channels);
    let mut alpha = has_alpha.then(|| Vec::with_capacity(pixels));
    for px in buf.chunks_exact(channels) {
        color.extend_from_slice(&px[..color_channels]);
        if let Some(a) = &mut alpha {
            a.push(px[channels - 1]);
        }
    }
    // A fully opaque alpha channel draws the same as none.
    if alpha.as_ref().is_some_and(|a| a.iter().all(|&v| v == 255)) {
        alpha = None;
    }
    Ok(Pixels {
        width,
        height,
        grey: color_channels == 1,
        color,
        alpha,
    })
}

/// A JPEG's size and format from its frame header (SOFn), without decoding it.
fn jpeg_info(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let damaged = || {
        bad(
            "the logo is not a JPEG image that can be read: no frame header",
            Some("open it in an image editor and save it again"),
        )
    };
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(damaged());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let f = bytes.get(i + 4..i + 10).ok_or_else(damaged)?;
            if marker != 0xC0 && marker != 0xC1 && marker != 0xC2 {
                return Err(bad(
                    "the logo is a JPEG of a kind PDF readers do not all show (lossless or arithmetic-coded)",
                    Some("save it again as a baseline JPEG or as PNG"),
                ));
            }
            let height = u32::from(u16::from_be_bytes([f[1], f[2]]));
            let width = u32::from(u16::from_be_bytes([f[3], f[4]]));
            let components = f[5];
            if components != 1 && components != 3 {
                return Err(bad(
                    "the logo is a CMYK JPEG",
                    Some("save it again in RGB, or as PNG"),
                ));
            }
            return Ok(ImageInfo {
                format: ImageFormat::Jpeg,
                width,
                height,
            });
        }
        i += 2 + len;
    }
    Err(damaged())
}

/// The number of colour components of a JPEG (1 grey, 3 colour), read from
/// its frame header; 3 when it cannot be read.
pub fn jpeg_components(bytes: &[u8]) -> u8 {
    let mut i = 2;
    while i + 10 <= bytes.len() {
        let marker = bytes[i + 1];
        if matches!(marker, 0xC0..=0xC2) {
            return bytes[i + 9];
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        i += 2 + len;
    }
    3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3 × 2 RGBA PNG, written with the `png` crate.
    pub(crate) fn png(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().expect("header");
        w.write_image_data(rgba).expect("data");
        w.finish().expect("finish");
        out
    }

    #[test]
    fn png_is_decoded_with_alpha_apart() {
        let mut rgba = Vec::new();
        for i in 0..6u8 {
            rgba.extend_from_slice(&[i, 10, 20, if i == 0 { 0 } else { 255 }]);
        }
        let bytes = png(3, 2, &rgba);
        let info = inspect(&bytes).expect("a PNG");
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::Png, 3, 2)
        );
        let px = decode_png(&bytes).expect("decoded");
        assert_eq!(px.color.len(), 18);
        assert_eq!(&px.color[3..6], &[1, 10, 20]);
        assert_eq!(px.alpha.as_deref().map(|a| a[0]), Some(0));
    }

    const SVG: &str = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80">
  <rect x="0" y="0" width="80" height="80" fill="#1a4f8b"/>
  <circle cx="140" cy="40" r="30" fill="none" stroke="#f5c400" stroke-width="6"/>
</svg>"##;

    #[test]
    fn an_svg_gives_its_proportions_and_renders_to_pixels() {
        let info = inspect(SVG.as_bytes()).expect("an SVG");
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::Svg, 1000, 400)
        );
        let px = render_svg(SVG.as_bytes(), 100).expect("rendered");
        assert_eq!((px.width, px.height), (100, 40));
        // The square's blue at its middle; the ring's hole transparent.
        let at = |x: usize, y: usize| {
            let i = y * 100 + x;
            (&px.color[i * 3..i * 3 + 3], px.alpha.as_ref().map(|a| a[i]))
        };
        assert_eq!(at(20, 20), (&[0x1a, 0x4f, 0x8b][..], Some(255)));
        assert_eq!(at(70, 20).1, Some(0));
        let png = encode_png(&px).expect("encoded");
        let back = decode_png(&png).expect("decoded");
        assert_eq!((back.width, back.height), (100, 40));
        assert_eq!(back.color, px.color);
    }

    #[test]
    fn svg_text_pictures_and_sizeless_drawings_are_refused_with_the_way_out() {
        let text = SVG.replace("</svg>", "<text x=\"10\" y=\"70\">ACME</text></svg>");
        let e = inspect(text.as_bytes()).expect_err("text");
        assert!(
            e.message.contains("`<text>` element, line 5"),
            "{}",
            e.message
        );
        assert!(e.hint.as_deref().is_some_and(|h| h.contains("outlines")));
        let picture = SVG.replace(
            "</svg>",
            "<image href=\"logo.png\" width=\"9\" height=\"9\"/></svg>",
        );
        let e = inspect(picture.as_bytes()).expect_err("image");
        assert!(e.message.contains("picture"), "{}", e.message);
        let sizeless = inspect(
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"9\"><rect width=\"4\" height=\"4\"/></svg>",
        )
        .expect_err("no size");
        assert!(sizeless.message.contains("no size"), "{}", sizeless.message);
        let empty = inspect(b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\"/>")
            .expect_err("empty");
        assert!(empty.message.contains("draws nothing"), "{}", empty.message);
        let broken =
            inspect(b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\"><rect")
                .expect_err("cut");
        assert!(broken.message.contains("SVG"), "{}", broken.message);
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(inspect(b"not an image").is_err());
        let cut = &png(2, 2, &[0; 16])[..40];
        assert!(inspect(cut).is_err());
    }

    #[test]
    fn jpeg_size_comes_from_its_frame_header() {
        // SOI, an APP0 segment of 4 bytes, SOF0 for 40 × 30, 3 components.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00,
            0x1E, 0x00, 0x28, 0x03,
        ];
        let info = inspect(&jpeg).expect("jpeg");
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::Jpeg, 40, 30)
        );
        assert_eq!(jpeg_components(&jpeg), 3);
    }
}
