//! Pack images: decoded off the UI thread with size limits, then kept as textures.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::pack::PackSource;

/// Largest width or height accepted.
pub const MAX_SIDE: u32 = 8192;
/// Most memory the decoder may allocate for one image.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;

pub enum ImageState {
    Loading,
    Ready(TextureHandle),
    Failed(String),
}

/// Decodes an image file's bytes, refusing oversized or malformed images before allocating.
pub fn decode(bytes: &[u8]) -> Result<ColorImage, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| e.to_string())?.to_rgba8();
    let size = [decoded.width() as usize, decoded.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, decoded.as_raw()))
}

type Decoded = (String, Result<ColorImage, String>);

pub struct ImageCache {
    entries: HashMap<String, ImageState>,
    sender: Sender<Decoded>,
    receiver: Receiver<Decoded>,
}

impl Default for ImageCache {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            entries: HashMap::new(),
            sender,
            receiver,
        }
    }
}

impl ImageCache {
    /// Forgets every image (when another pack is opened).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The state of the image at `path` in `source`, starting its decoding on first use.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        source: &Arc<dyn PackSource>,
        path: &str,
    ) -> &ImageState {
        while let Ok((done, result)) = self.receiver.try_recv() {
            let state = match result {
                Ok(image) => {
                    ImageState::Ready(ctx.load_texture(&done, image, TextureOptions::LINEAR))
                }
                Err(message) => ImageState::Failed(message),
            };
            self.entries.insert(done, state);
        }
        self.entries.entry(path.to_owned()).or_insert_with(|| {
            let sender = self.sender.clone();
            let source = Arc::clone(source);
            let path = path.to_owned();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                let result = source
                    .read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| decode(&bytes));
                let _ = sender.send((path, result));
                ctx.request_repaint();
            });
            ImageState::Loading
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbaImage::new(width, height)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
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

    #[test]
    fn small_images_decode() {
        let image = decode(&png(3, 2)).unwrap();
        assert_eq!(image.size, [3, 2]);
    }

    #[test]
    fn oversized_truncated_and_junk_images_are_refused() {
        // A PNG header declaring 100 000 × 100 000 pixels: refused from the header alone.
        let mut huge = png(1, 1);
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&huge[12..29]);
        huge[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = decode(&huge).unwrap_err();
        assert!(err.to_lowercase().contains("limit"), "{err}");
        let full = png(64, 64);
        assert!(decode(&full[..full.len() / 2]).is_err());
        assert!(decode(b"not an image").is_err());
    }
}
