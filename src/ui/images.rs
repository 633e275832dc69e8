//! Pack images in the window: decoded off the UI thread (with the limits of `pack::images`),
//! then kept as textures.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::pack::{PackSource, images};

pub enum ImageState {
    Loading,
    Ready(TextureHandle),
    Failed(String),
}

/// Decodes an image file's bytes into an egui image, with the pack's limits.
pub fn decode(bytes: &[u8]) -> Result<ColorImage, String> {
    let image = images::decode(bytes).map_err(|e| e.to_string())?;
    let size = [image.width as usize, image.height as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, &image.rgba))
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

    #[test]
    fn decoded_images_keep_their_size() {
        let mut bytes = Vec::new();
        image::RgbaImage::new(3, 2)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        assert_eq!(decode(&bytes).unwrap().size, [3, 2]);
        assert!(decode(b"junk").is_err());
    }
}
