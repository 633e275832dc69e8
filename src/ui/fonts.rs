//! Chinese fonts in the window: the system's own fallback fonts, a user-chosen font (its file is
//! read by the shell, `app/settings.rs`), and noticing when neither can draw Chinese so the user
//! can be told. No file IO here.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider, InsertFontFamily};
use egui::{FontData, FontFamily, FontPriority};

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
}
