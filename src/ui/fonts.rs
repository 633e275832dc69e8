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

pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

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
