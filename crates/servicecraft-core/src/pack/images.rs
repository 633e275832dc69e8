//! Pack images (PNG, JPEG, WebP): decoding with size and memory limits, shared by validation
//! and the lesson reader so a pack that validates is a pack whose images display.

use thiserror::Error;

/// Largest width or height accepted.
pub const MAX_SIDE: u32 = 8192;
/// Most pixels one image may have (4096 × 4096, about 16.8 million), checked from the header
/// before anything is decoded: decoded as RGBA that is 64 MiB. A long banner of 8192 × 2048 fits;
/// an 8000 × 8000 picture (256 MiB decoded, twice that while converting) does not.
pub const MAX_PIXELS: u64 = 4096 * 4096;
/// Most memory the decoder may allocate for one image: the largest allowed image in its own
/// format plus its RGBA copy (2 × 64 MiB). Peak memory for one image stays under ~130 MiB.
pub const MAX_ALLOC: u64 = 2 * 4 * MAX_PIXELS;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImageError {
    #[error("not a PNG, JPEG or WebP image")]
    UnknownFormat,
    #[error("image format {0} is not supported (use PNG, JPEG or WebP)")]
    Unsupported(String),
    #[error("image is {width}×{height} pixels, over the limit of {MAX_SIDE}×{MAX_SIDE}")]
    TooLarge { width: u32, height: u32 },
    #[error(
        "image is {width}×{height} pixels ({pixels} million), over the limit of {limit} million pixels",
        pixels = u64::from(*width) * u64::from(*height) / 1_000_000,
        limit = MAX_PIXELS / 1_000_000
    )]
    TooManyPixels { width: u32, height: u32 },
    #[error("image is over a size limit: {0}")]
    Limit(String),
    #[error("image is damaged or incomplete: {0}")]
    Broken(String),
}

/// An image decoded to 8-bit RGBA, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn reader(bytes: &[u8]) -> Result<image::ImageReader<std::io::Cursor<&[u8]>>, ImageError> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Broken(e.to_string()))?;
    match reader.format() {
        None => Err(ImageError::UnknownFormat),
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::WebP) => {
            Ok(reader)
        }
        Some(other) => Err(ImageError::Unsupported(format!("{other:?}"))),
    }
}

fn classify(err: image::ImageError) -> ImageError {
    match err {
        image::ImageError::Limits(limit) => ImageError::Limit(limit.to_string()),
        image::ImageError::Unsupported(unsupported) => {
            ImageError::Unsupported(unsupported.to_string())
        }
        other => ImageError::Broken(other.to_string()),
    }
}

/// The width and height written in the image's header, refusing sides over [`MAX_SIDE`] and
/// more than [`MAX_PIXELS`] in all without decoding (or allocating for) any pixels.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    let (width, height) = reader(bytes)?.into_dimensions().map_err(classify)?;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ImageError::TooLarge { width, height });
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels { width, height });
    }
    Ok((width, height))
}

/// Decodes an image file, checking its header first so an oversized image is refused before
/// anything is allocated for its pixels.
pub fn decode(bytes: &[u8]) -> Result<DecodedImage, ImageError> {
    dimensions(bytes)?;
    let mut reader = reader(bytes)?;
    reader.limits(limits());
    let rgba = reader.decode().map_err(classify)?.to_rgba8();
    Ok(DecodedImage {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbaImage::new(width, height)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    /// A 1×1 PNG whose header claims `width` × `height` (with the header's checksum redone).
    pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        // IHDR: length (4) at 8, "IHDR" at 12, width at 16, height at 20, CRC after 13 bytes.
        bytes[16..20].copy_from_slice(&width.to_be_bytes());
        bytes[20..24].copy_from_slice(&height.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        bytes
    }

    #[test]
    fn small_images_decode() {
        let image = decode(&png(3, 2)).unwrap();
        assert_eq!((image.width, image.height, image.rgba.len()), (3, 2, 24));
    }

    #[test]
    fn junk_and_other_formats_are_refused() {
        assert_eq!(decode(b"not an image"), Err(ImageError::UnknownFormat));
        let mut gif = Vec::new();
        gif.extend_from_slice(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
        assert!(matches!(decode(&gif), Err(ImageError::Unsupported(_))));
    }

    #[test]
    fn an_image_with_too_many_pixels_is_refused_from_its_header() {
        // 8000 × 8000 is inside the side limit but four times the pixel budget. Encoding it
        // here would itself take 256 MB, so its header is written by hand: the decoder must
        // refuse it from the header alone, before reading any pixel data.
        let header = png_claiming(8000, 8000);
        let err = decode(&header).unwrap_err();
        assert!(matches!(err, ImageError::TooManyPixels { .. }), "{err}");
        assert!(err.to_string().contains("64 million"), "{err}");
        // A banner at the side limit with few pixels still passes the header check.
        assert_eq!(dimensions(&png_claiming(8192, 512)), Ok((8192, 512)));
    }
}
