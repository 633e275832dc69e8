//! Chinese fonts: the system's own fallback fonts, a user-chosen font file, and noticing when
//! neither can draw Chinese so the user can be told.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider, InsertFontFamily};
use egui::{FontData, FontFamily, FontPriority};

/// Font files larger than this are not loaded (CJK fonts are 5–30 MB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// Set when some Chinese character could not be drawn with any font.
#[derive(Clone, Default)]
pub struct MissingCjk(Arc<AtomicBool>);

impl MissingCjk {
    pub fn is_missing(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    pub fn clear(&self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

pub use crate::text::is_cjk;

/// The system font fallback, watched for Chinese characters it cannot find a font for.
struct WatchedSystemFonts {
    inner: egui_system_font_provider::SystemFontProvider,
    missing: MissingCjk,
}

impl FontProvider for WatchedSystemFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let found = self.inner.font_for(request);
        if found.is_none() && request.cluster.chars().next().is_some_and(is_cjk) {
            self.missing.0.store(true, Ordering::Relaxed);
        }
        found
    }
}

/// Installs the system font fallback (preferring Simplified Chinese fonts) and returns the flag
/// that tells whether Chinese text lacked a font.
pub fn install_system_fonts(ctx: &egui::Context) -> MissingCjk {
    let missing = MissingCjk::default();
    ctx.add_font_provider(Arc::new(WatchedSystemFonts {
        inner: egui_system_font_provider::SystemFontProvider::new().with_locale(Some("zh-Hans")),
        missing: missing.clone(),
    }));
    missing
}

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the file is larger than {} MB", MAX_FONT_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("not a TrueType/OpenType font file")]
    NotAFont,
}

/// Reads a font file and checks that it looks like a font, without installing it.
pub fn read_font_file(path: &Path) -> Result<Vec<u8>, FontError> {
    if std::fs::metadata(path)?.len() > MAX_FONT_BYTES {
        return Err(FontError::TooLarge);
    }
    let bytes = std::fs::read(path)?;
    let magic = bytes.get(..4).unwrap_or_default();
    let known: [&[u8]; 5] = [b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"typ1"];
    if !known.contains(&magic) {
        return Err(FontError::NotAFont);
    }
    Ok(bytes)
}

/// Fonts for drawing export pictures, best first: the user's chosen font, the system's Simplified
/// Chinese font, then egui's built-in Latin fonts. Finding the system font enumerates the
/// installed fonts, which takes a moment; the app keeps the result.
pub fn export_faces(user_font: Option<&Path>) -> Vec<crate::export::picture::FontFace> {
    use crate::export::picture::FontFace;
    let mut faces = Vec::new();
    if let Some(path) = user_font {
        match read_font_file(path) {
            Ok(bytes) => faces.push(FontFace {
                data: Arc::new(bytes),
                index: 0,
            }),
            Err(err) => log::warn!("{}: {err}", path.display()),
        }
    }
    let system = egui_system_font_provider::SystemFontProvider::new().with_locale(Some("zh-Hans"));
    if let Some(found) = system.font_for(&FallbackRequest {
        cluster: "汉",
        family: &FontFamily::Proportional,
    }) {
        faces.push(FontFace {
            data: found.data.font,
            index: found.data.index,
        });
    }
    for data in egui::FontDefinitions::default().font_data.into_values() {
        faces.push(FontFace {
            data: data.font.clone(),
            index: data.index,
        });
    }
    faces
}

/// Puts a user font first in line for every character the default fonts lack.
pub fn install_font_bytes(ctx: &egui::Context, bytes: Vec<u8>) {
    ctx.add_font(FontInsert::new(
        "user-chinese-font",
        FontData::from_owned(bytes),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_recognised() {
        assert!(is_cjk('客'));
        assert!(is_cjk('，'));
        assert!(!is_cjk('a'));
    }

    #[test]
    fn exported_pictures_draw_chinese_with_a_system_font() {
        use crate::export::picture::{PictureError, render_my_swot};
        use crate::model::Quadrant;
        use crate::model::my_swot::MySwot;
        let faces = export_faces(None);
        let mut swot = MySwot {
            title: "客服中心".into(),
            ..MySwot::default()
        };
        swot.add_item(Quadrant::Strength, "坐席经验丰富");
        let chinese = faces.iter().any(|f| {
            skrifa::FontRef::from_index((*f.data).as_ref(), f.index).is_ok_and(|font| {
                use skrifa::MetadataProvider;
                font.charmap().map('客').is_some()
            })
        });
        match render_my_swot(&swot, &faces, crate::i18n::Lang::Zh, "ServiceCraft") {
            Ok(picture) => {
                assert!(chinese, "drew Chinese without a Chinese font");
                assert!(picture.pixels().any(|p| p.0[0] < 100), "nothing was drawn");
            }
            Err(PictureError::NoChineseFont) => {
                assert!(!chinese, "a Chinese font was found but refused")
            }
            Err(err) => panic!("{err}"),
        }
    }

    #[test]
    fn non_fonts_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ttf");
        std::fs::write(&path, b"hello world").unwrap();
        assert!(matches!(read_font_file(&path), Err(FontError::NotAFont)));
        assert!(matches!(
            read_font_file(&dir.path().join("none.ttf")),
            Err(FontError::Io(_))
        ));
    }
}
