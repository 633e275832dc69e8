//! App-wide settings (`settings.ron` in the data folder) and where that folder is.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::migrate::Versioned;
use super::recovery::{Recovered, load_or_recover};
use crate::i18n::Lang;

pub const SETTINGS_FILE: &str = "settings.ron";
/// Version 2 moved `last_lesson` into each profile's own settings and added `last_profile`.
pub const SETTINGS_VERSION: u32 = 2;

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

/// Settings shared by every profile on this computer. Missing fields fall back to defaults, so a
/// hand-edited file still loads.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct AppSettings {
    pub format_version: u32,
    /// `None` until chosen: the system locale decides on first start.
    pub language: Option<Lang>,
    pub theme: ThemePref,
    /// Multiplies every text size (Ctrl + plus / minus).
    pub text_scale: f32,
    /// A font file with Chinese glyphs, for systems that have none.
    pub font_path: Option<PathBuf>,
    /// The folder name (under `profiles/`) of the profile used last, preselected at start.
    pub last_profile: Option<String>,
    /// The last lesson of a version-1 file, from before profiles existed: handed to the first
    /// profile created so a returning learner continues where they were. Never written.
    #[serde(skip)]
    pub legacy_last_lesson: Option<String>,
    /// Keep pictures still and switch off egui's animations.
    pub reduce_motion: bool,
    /// The first-start tour was finished or skipped (it stays reachable from the Help menu).
    #[serde(default)]
    pub tour_done: bool,
    /// Show choice options and role-play replies in a fresh order for each attempt, so a right
    /// answer is never a remembered position (on unless the learner turns it off).
    pub shuffle_options: bool,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            format_version: SETTINGS_VERSION,
            language: None,
            theme: ThemePref::System,
            text_scale: 1.0,
            font_path: None,
            last_profile: None,
            legacy_last_lesson: None,
            reduce_motion: false,
            tour_done: false,
            shuffle_options: true,
        }
    }
}

/// `settings.ron` as version 1 wrote it (before profiles).
#[derive(Deserialize)]
#[serde(default)]
struct AppSettingsV1 {
    language: Option<Lang>,
    theme: ThemePref,
    text_scale: f32,
    font_path: Option<PathBuf>,
    last_lesson: Option<String>,
}

impl Default for AppSettingsV1 {
    fn default() -> Self {
        let v2 = AppSettings::default();
        Self {
            language: v2.language,
            theme: v2.theme,
            text_scale: v2.text_scale,
            font_path: v2.font_path,
            last_lesson: None,
        }
    }
}

impl Versioned for AppSettings {
    const VERSION: u32 = SETTINGS_VERSION;

    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        match version {
            1 => {
                let v1: AppSettingsV1 = ron::from_str(text).map_err(|e| e.to_string())?;
                Ok(Self {
                    format_version: SETTINGS_VERSION,
                    language: v1.language,
                    theme: v1.theme,
                    text_scale: v1.text_scale,
                    font_path: v1.font_path,
                    last_profile: None,
                    legacy_last_lesson: v1.last_lesson,
                    reduce_motion: false,
                    tour_done: false,
                    shuffle_options: true,
                })
            }
            _ => Err(format!("no migration from format {version}")),
        }
    }
}

impl AppSettings {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(SETTINGS_FILE)
    }

    /// Loads the settings. A damaged file is moved aside and a newer one left alone (and then
    /// not written: `writable` is false); both give defaults and a notice.
    pub fn load(data_dir: &Path, stamp: &str) -> Recovered<Self> {
        let mut loaded = load_or_recover(&Self::path(data_dir), &[], stamp, Self::default);
        loaded.value.format_version = SETTINGS_VERSION;
        loaded
    }
}

/// A file of this name beside the program turns on portable mode (USB sticks in training
/// centres): learner data then lives in [`PORTABLE_DATA_DIR`] beside the program too. The
/// Windows portable zip ships it; its content does not matter.
pub const PORTABLE_MARKER: &str = "portable.txt";
/// The data folder's name beside the program in portable mode.
pub const PORTABLE_DATA_DIR: &str = "data";

/// The data folder: `--data-dir`/`SERVICECRAFT_DATA_DIR` if given, else the `data` folder beside
/// the program if [`PORTABLE_MARKER`] is there, else the OS's data folder.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    data_dir_for(explicit, exe_dir.as_deref())
}

/// [`data_dir`] for a program living in `exe_dir`.
fn data_dir_for(explicit: Option<&Path>, exe_dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    if let Some(exe_dir) = exe_dir
        && exe_dir.join(PORTABLE_MARKER).is_file()
    {
        return exe_dir.join(PORTABLE_DATA_DIR);
    }
    directories::ProjectDirs::from("org", "ServiceCraft", "ServiceCraft").map_or_else(
        || PathBuf::from("servicecraft-data"),
        |dirs| dirs.data_dir().to_path_buf(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portable_marker_keeps_data_beside_the_program_and_data_dir_still_wins() {
        let exe_dir = tempfile::tempdir().unwrap();
        let installed = data_dir_for(None, Some(exe_dir.path()));
        assert_ne!(installed, exe_dir.path().join(PORTABLE_DATA_DIR));

        std::fs::write(exe_dir.path().join(PORTABLE_MARKER), "").unwrap();
        assert_eq!(
            data_dir_for(None, Some(exe_dir.path())),
            exe_dir.path().join(PORTABLE_DATA_DIR)
        );
        let explicit = exe_dir.path().join("elsewhere");
        assert_eq!(
            data_dir_for(Some(&explicit), Some(exe_dir.path())),
            explicit
        );
        // A folder of that name is not the marker.
        let dir_marker = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir_marker.path().join(PORTABLE_MARKER)).unwrap();
        assert_eq!(data_dir_for(None, Some(dir_marker.path())), installed);
    }

    #[test]
    fn a_version_1_file_is_migrated_and_keeps_the_last_lesson_for_the_first_profile() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(SETTINGS_FILE),
            include_str!("../../../../tests/fixtures/v1/settings.ron"),
        )
        .unwrap();
        let loaded = AppSettings::load(dir.path(), "x");
        assert_eq!(loaded.migrated_from, Some(1));
        assert!(loaded.writable);
        assert_eq!(loaded.value.format_version, 2);
        assert_eq!(loaded.value.language, Some(Lang::Zh));
        assert_eq!(loaded.value.theme, ThemePref::Dark);
        assert!((loaded.value.text_scale - 1.2).abs() < 1e-6);
        assert_eq!(
            loaded.value.legacy_last_lesson.as_deref(),
            Some("ch1.l.swot-steps")
        );
        // Written back, it is a version-2 file without the old field.
        let text = crate::store::encode_ron(&loaded.value).unwrap();
        assert!(text.contains("format_version: 2"));
        assert!(!text.contains("last_lesson"));
    }

    #[test]
    fn damaged_and_newer_settings_give_defaults_and_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let path = AppSettings::path(dir.path());
        std::fs::write(&path, "(format_version: 2, theme: Dar").unwrap();
        let loaded = AppSettings::load(dir.path(), "20250101T000000");
        assert_eq!(loaded.value, AppSettings::default());
        assert!(matches!(
            loaded.notice,
            Some(super::super::Notice::Corrupt { .. })
        ));
        assert!(
            dir.path()
                .join("settings.ron.corrupt-20250101T000000")
                .exists()
        );

        std::fs::write(&path, "(format_version: 9, colour: \"teal\")").unwrap();
        let loaded = AppSettings::load(dir.path(), "20250101T000001");
        assert!(!loaded.writable);
        assert!(matches!(
            loaded.notice,
            Some(super::super::Notice::Newer { version: 9, .. })
        ));
        assert!(path.exists(), "a newer file is left where it is");
    }
}
