//! Pack images in the window, as textures. This module does no IO: a picture not loaded yet is
//! asked for here, and the shell's image loader (`app/jobs.rs`) reads and decodes it off the UI
//! thread (with the limits of `pack::images`) and hands the result back with [`ImageCache::insert`].

use std::cell::RefCell;
use std::collections::HashMap;

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::pack::images;

#[derive(Clone)]
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

/// The pack's images as textures, and the ones screens asked for that are not loaded yet.
/// Screens hold it shared (in the `ScreenCtx`), so the cache keeps its entries in a `RefCell`.
#[derive(Default)]
pub struct ImageCache {
    entries: RefCell<HashMap<String, ImageState>>,
    wanted: RefCell<Vec<String>>,
}

impl ImageCache {
    /// Forgets every image (when another pack is opened).
    pub fn clear(&mut self) {
        self.entries.get_mut().clear();
        self.wanted.get_mut().clear();
    }

    /// The state of the image at `path` in the pack; the first ask queues it for the loader.
    pub fn get(&self, path: &str) -> ImageState {
        self.entries
            .borrow_mut()
            .entry(path.to_owned())
            .or_insert_with(|| {
                self.wanted.borrow_mut().push(path.to_owned());
                ImageState::Loading
            })
            .clone()
    }

    /// The paths asked for since the last call, for the loader to read.
    pub fn take_wanted(&mut self) -> Vec<String> {
        std::mem::take(self.wanted.get_mut())
    }

    /// A picture the loader finished: a texture, or why it cannot be shown.
    pub fn insert(
        &mut self,
        ctx: &egui::Context,
        path: String,
        decoded: Result<ColorImage, String>,
    ) {
        let state = match decoded {
            Ok(image) => ImageState::Ready(ctx.load_texture(&path, image, TextureOptions::LINEAR)),
            Err(message) => ImageState::Failed(message),
        };
        self.entries.get_mut().insert(path, state);
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
