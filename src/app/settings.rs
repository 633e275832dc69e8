//! Settings and style: the app-wide preferences ([`PrefsCmd`]) and their saving, the text size
//! and presentation mode, theme and motion, the Chinese font file (read off the UI thread) and
//! the fonts for export pictures, and the window state eframe keeps in `window.ron`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use egui::FontFamily;
use egui::epaint::text::{FallbackRequest, FontProvider};

use crate::export::picture::FontFace;
use crate::i18n::{Lang, T};
use crate::progress::{AppSettings, SaveEvent, Saver, ThemePref};
use crate::ui::fonts::{self, MissingCjk};
use crate::ui::{Command, PrefsCmd, focus};

use super::ServiceCraftApp;

/// Presentation mode enlarges everything by this much on top of the learner's own text size.
pub const PRESENTATION_ZOOM: f32 = 1.5;

/// Font files larger than this are not loaded (CJK fonts are 5–30 MB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The preferences and how they are kept.
pub struct Prefs {
    pub settings: AppSettings,
    /// False when `settings.ron` comes from a newer version: then it is never overwritten.
    pub writable: bool,
    /// The settings as last handed to the saver, so they are written only when they change.
    pub saved: AppSettings,
    pub generation: u64,
    pub saver: Saver,
    pub lang: Lang,
    pub missing_cjk: MissingCjk,
    /// Fonts for export pictures, found on the first export (on the job's thread).
    faces: Arc<OnceLock<Vec<FontFace>>>,
    /// Classroom mode: larger text, no side panels; not remembered across restarts.
    pub presenting: bool,
    /// A zoom set during this frame: egui applies it only from the next one.
    pub zoom_set: Option<f32>,
}

/// The fonts for export pictures, looked for once, by whichever thread needs them first.
pub struct ExportFaces {
    user_font: Option<PathBuf>,
    faces: Arc<OnceLock<Vec<FontFace>>>,
}

impl ExportFaces {
    pub fn get(&self) -> &[FontFace] {
        self.faces
            .get_or_init(|| export_faces(self.user_font.as_deref()))
    }
}

impl Prefs {
    pub fn new(settings: AppSettings, saved: AppSettings, writable: bool, saver: Saver) -> Self {
        Self {
            lang: Lang::default(),
            settings,
            writable,
            saved,
            generation: 0,
            saver,
            missing_cjk: MissingCjk::default(),
            faces: Arc::default(),
            presenting: false,
            zoom_set: None,
        }
    }

    pub fn export_faces(&self) -> ExportFaces {
        ExportFaces {
            user_font: self.settings.font_path.clone(),
            faces: Arc::clone(&self.faces),
        }
    }

    /// Hands the app settings to their saver when they changed (off the UI thread: fsync can
    /// take milliseconds on a slow disk).
    pub fn save(&mut self, data_dir: &Path) {
        for event in self.saver.poll() {
            if let SaveEvent::Failed { path, error, .. } = event {
                log::error!("cannot save {}: {error}", path.display());
            }
        }
        if !self.writable || self.settings == self.saved {
            return;
        }
        self.saved = self.settings.clone();
        self.generation += 1;
        let path = AppSettings::path(data_dir);
        if let Err(err) =
            self.saver
                .save_ron(path, self.generation, Arc::new(self.settings.clone()))
        {
            log::error!("{err}");
        }
    }

    /// The zoom in effect, counting one set earlier in this frame.
    pub fn zoom(&self, ctx: &egui::Context) -> f32 {
        self.zoom_set.unwrap_or_else(|| ctx.zoom_factor())
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        ctx.set_zoom_factor(zoom);
        self.zoom_set = Some(zoom);
    }

    /// The learner's text size, without presentation mode's enlargement.
    pub fn own_zoom(&self, ctx: &egui::Context) -> f32 {
        if self.presenting {
            self.zoom(ctx) / PRESENTATION_ZOOM
        } else {
            self.zoom(ctx)
        }
    }
}

impl ServiceCraftApp {
    /// The app-wide settings as they are now (written to `settings.ron` when they change).
    pub fn settings(&self) -> &AppSettings {
        &self.prefs.settings
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    pub(super) fn apply_prefs(&mut self, ctx: &egui::Context, command: PrefsCmd) {
        let prefs = &mut self.prefs;
        match command {
            PrefsCmd::SetLanguage(lang) => {
                prefs.lang = lang;
                prefs.settings.language = Some(lang);
            }
            PrefsCmd::ConfirmLanguage => {
                prefs.settings.language = Some(prefs.lang);
                self.windows.welcome = None;
                self.windows.tour_after_welcome = !prefs.settings.tour_done;
            }
            PrefsCmd::SetTheme(theme) => {
                prefs.settings.theme = theme;
                apply_theme(ctx, theme);
            }
            PrefsCmd::ZoomIn | PrefsCmd::ZoomOut | PrefsCmd::ZoomReset => {
                let zoom = match command {
                    PrefsCmd::ZoomIn => prefs.zoom(ctx) + 0.1,
                    PrefsCmd::ZoomOut => prefs.zoom(ctx) - 0.1,
                    _ => 1.0,
                };
                prefs.set_zoom(ctx, zoom.clamp(0.5, 3.0));
            }
            PrefsCmd::SetReduceMotion(reduce) => {
                prefs.settings.reduce_motion = reduce;
                apply_motion(ctx, reduce);
            }
            PrefsCmd::SetShuffleOptions(on) => prefs.settings.shuffle_options = on,
            PrefsCmd::SetFontFile(path) => {
                self.jobs.task(move || {
                    let bytes = read_font_file(&path).map_err(|e| e.to_string());
                    Command::Prefs(PrefsCmd::FontRead { path, bytes })
                });
            }
            PrefsCmd::FontRead { path, bytes } => match bytes {
                Ok(bytes) => {
                    fonts::install_font_bytes(ctx, bytes);
                    prefs.missing_cjk.clear();
                    prefs.faces = Arc::default();
                    prefs.settings.font_path = Some(path);
                }
                Err(err) => {
                    let message = format!(
                        "{}{} ({err})",
                        T::FontLoadFailed.get(prefs.lang),
                        path.display()
                    );
                    self.banners.push(message);
                }
            },
            PrefsCmd::ClearFontFile => {
                prefs.settings.font_path = None;
                prefs.faces = Arc::default();
            }
            PrefsCmd::SetNotesOpen(open) => {
                if let Some(session) = &mut self.profile.session {
                    session.update_settings(|s| s.notes_open = open);
                }
            }
            PrefsCmd::SetPresentation(on) if on != prefs.presenting => {
                let zoom = if on {
                    prefs.zoom(ctx) * PRESENTATION_ZOOM
                } else {
                    prefs.zoom(ctx) / PRESENTATION_ZOOM
                };
                // The presenter's own size stays what it was; only the enlargement comes and goes.
                prefs.presenting = on;
                prefs.set_zoom(ctx, zoom.clamp(0.5, 3.0 * PRESENTATION_ZOOM));
            }
            PrefsCmd::SetPresentation(_) => {}
        }
    }
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
/// installed fonts, which takes a moment; [`ExportFaces`] keeps the result.
pub fn export_faces(user_font: Option<&Path>) -> Vec<FontFace> {
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

/// The file where eframe keeps the window's size and place, in the data folder.
pub fn window_state_path(data_dir: &Path) -> PathBuf {
    data_dir.join("window.ron")
}

/// eframe overwrites a `window.ron` it cannot read without a word. Like our other files, a
/// damaged one is first moved aside (as `window.ron.corrupt-STAMP`) so it can be looked at;
/// returns where it went.
pub fn set_aside_damaged_window_state(data_dir: &Path, stamp: &str) -> Option<PathBuf> {
    let path = window_state_path(data_dir);
    let text = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(_) => return None,
    };
    let parses = std::str::from_utf8(&text)
        .ok()
        .is_some_and(|text| ron::from_str::<ron::Value>(text).is_ok());
    if parses {
        return None;
    }
    match crate::store::move_aside(&path, stamp) {
        Ok(moved) => Some(moved),
        Err(err) => {
            log::error!("cannot move the damaged {} aside: {err}", path.display());
            None
        }
    }
}

pub fn apply_motion(ctx: &egui::Context, reduce: bool) {
    ctx.all_styles_mut(|style| {
        style.animation_time = if reduce { 0.0 } else { 1.0 / 12.0 };
    });
}

pub fn apply_theme(ctx: &egui::Context, theme: ThemePref) {
    ctx.set_theme(match theme {
        ThemePref::System => egui::ThemePreference::System,
        ThemePref::Light => egui::ThemePreference::Light,
        ThemePref::Dark => egui::ThemePreference::Dark,
    });
}

/// Slightly larger text and roomier spacing than egui's defaults: Chinese needs the height.
pub fn style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use egui::{FontId, TextStyle};
        style
            .text_styles
            .insert(TextStyle::Body, FontId::new(16.0, FontFamily::Proportional));
        style.text_styles.insert(
            TextStyle::Button,
            FontId::new(15.0, FontFamily::Proportional),
        );
        style.text_styles.insert(
            TextStyle::Heading,
            FontId::new(22.0, FontFamily::Proportional),
        );
        style.text_styles.insert(
            TextStyle::Small,
            FontId::new(12.5, FontFamily::Proportional),
        );
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        // A scroll bar beside the text, not floating over its last characters.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        if !style.visuals.dark_mode {
            // egui's light theme draws unticked checkboxes and buttons as pale grey on near-white
            // with no outline, which washes out on a projector or a dim laptop screen.
            style.visuals.widgets.inactive.bg_stroke =
                egui::Stroke::new(1.0, egui::Color32::from_gray(175));
        }
        crate::ui::palette::readable_text(&mut style.visuals);
        focus::style_focus(style);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

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
        match render_my_swot(&swot, &faces, Lang::Zh, "ServiceCraft") {
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

    #[test]
    fn a_damaged_window_state_is_moved_aside_and_a_sound_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = window_state_path(dir.path());
        // None there: nothing to do.
        assert_eq!(
            set_aside_damaged_window_state(dir.path(), "20250101T000000"),
            None
        );
        // What eframe writes: a map of strings.
        let sound = "{\"egui\":\"(zoom_factor:1.0)\"}";
        std::fs::write(&path, sound).unwrap();
        assert_eq!(
            set_aside_damaged_window_state(dir.path(), "20250101T000000"),
            None
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), sound);
        // Cut off half-way, as a crash during a write leaves it.
        std::fs::write(&path, "{\"egui\":\"(zoom_fa").unwrap();
        let moved = set_aside_damaged_window_state(dir.path(), "20250101T000000").unwrap();
        assert_eq!(
            moved.file_name().unwrap().to_string_lossy(),
            "window.ron.corrupt-20250101T000000"
        );
        assert_eq!(
            std::fs::read_to_string(&moved).unwrap(),
            "{\"egui\":\"(zoom_fa"
        );
        assert!(!path.exists());
    }
}
