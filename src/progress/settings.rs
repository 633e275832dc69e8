//! App-wide settings (`settings.ron` in the data folder) and where that folder is.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

pub const SETTINGS_FILE: &str = "settings.ron";
pub const SETTINGS_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

/// Settings shared by every profile on this computer. Unknown or missing fields fall back to
/// defaults so a settings file from another version never stops the app from starting.
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
    /// The last lesson opened, by id, to return to it.
    pub last_lesson: Option<String>,
    /// Keep pictures still and switch off egui's animations.
    pub reduce_motion: bool,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            format_version: SETTINGS_VERSION,
            language: None,
            theme: ThemePref::System,
            text_scale: 1.0,
            font_path: None,
            last_lesson: None,
            reduce_motion: false,
        }
    }
}

impl AppSettings {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(SETTINGS_FILE)
    }

    /// Loads the settings; a missing or broken file gives defaults (and a warning in the log).
    pub fn load(data_dir: &Path) -> Self {
        match super::load_ron::<Self>(&Self::path(data_dir)) {
            Ok(settings) => settings,
            Err(super::LoadError::Missing { .. }) => Self::default(),
            Err(err) => {
                log::warn!("{err}; using default settings");
                Self::default()
            }
        }
    }
}

/// The data folder: `--data-dir`/`SERVICECRAFT_DATA_DIR` if given, else the OS's data folder.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    directories::ProjectDirs::from("org", "ServiceCraft", "ServiceCraft").map_or_else(
        || PathBuf::from("servicecraft-data"),
        |dirs| dirs.data_dir().to_path_buf(),
    )
}
