//! Learner profiles: one folder per learner under `profiles/`, holding `profile.ron` (who),
//! `settings.ron` (their own preferences), `progress.ron`, `notes.ron` and `backups/`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::migrate::{Versioned, load_versioned};
use crate::store::{LoadError, SaveError, save_ron};

pub const PROFILES_DIR: &str = "profiles";
pub const PROFILE_FILE: &str = "profile.ron";
pub const PROFILE_SETTINGS_FILE: &str = "settings.ron";
pub const PROFILE_VERSION: u32 = 1;
pub const PROFILE_SETTINGS_VERSION: u32 = 1;
/// Longest profile name, in characters: it has to fit a button.
pub const MAX_NAME_CHARS: usize = 24;

/// Avatars offered when creating a profile: characters with a good meaning, drawn on a coloured
/// disc. Characters rather than emoji because every Chinese font has them.
pub const AVATARS: &[&str] = &["福", "星", "竹", "梅", "兰", "松", "鹤", "月", "山", "海"];

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Profile {
    pub format_version: u32,
    pub name: String,
    /// One character shown on the learner's disc instead of the name's first character.
    #[serde(default)]
    pub avatar: Option<String>,
    pub created: DateTime<Utc>,
}

impl Versioned for Profile {
    const VERSION: u32 = PROFILE_VERSION;
}

impl Profile {
    pub fn new(name: &str, avatar: Option<String>, now: DateTime<Utc>) -> Self {
        Self {
            format_version: PROFILE_VERSION,
            name: name.trim().to_owned(),
            avatar,
            created: now,
        }
    }
}

/// One learner's own settings.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ProfileSettings {
    pub format_version: u32,
    /// The last lesson opened, by id, to return to it.
    pub last_lesson: Option<String>,
    /// Whether the notes panel is shown beside lessons.
    pub notes_open: bool,
    /// The day of the learner's exam, for readiness and the study plan (`None`: not set).
    pub exam_date: Option<chrono::NaiveDate>,
}

impl Default for ProfileSettings {
    fn default() -> Self {
        Self {
            format_version: PROFILE_SETTINGS_VERSION,
            last_lesson: None,
            notes_open: true,
            exam_date: None,
        }
    }
}

impl Versioned for ProfileSettings {
    const VERSION: u32 = PROFILE_SETTINGS_VERSION;
}

#[derive(Debug, Error)]
pub enum ProfileError {
    #[error("the name is empty")]
    EmptyName,
    #[error("the name is longer than {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("a profile named “{0}” already exists")]
    Duplicate(String),
    #[error("cannot create the profile folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// A profile as listed on the picker.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileEntry {
    /// The folder name under `profiles/`: the profile's stable id.
    pub folder: String,
    /// The name, or the folder name when `profile.ron` cannot be read.
    pub name: String,
    pub avatar: Option<String>,
    /// `profile.ron` is damaged or newer; opening the profile will recover it.
    pub damaged: bool,
}

pub fn profiles_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(PROFILES_DIR)
}

/// Every profile folder in `data_dir`, by name.
pub fn list_profiles(data_dir: &Path) -> Vec<ProfileEntry> {
    let Ok(entries) = std::fs::read_dir(profiles_dir(data_dir)) else {
        return Vec::new();
    };
    let mut list: Vec<ProfileEntry> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let folder = e.file_name().to_str()?.to_owned();
            if folder.starts_with('.') {
                return None;
            }
            Some(
                match load_versioned::<Profile>(&e.path().join(PROFILE_FILE)) {
                    Ok(loaded) => ProfileEntry {
                        folder,
                        name: loaded.value.name,
                        avatar: loaded.value.avatar,
                        damaged: false,
                    },
                    // A folder without profile.ron is not a profile (an empty folder someone made).
                    Err(LoadError::Missing { .. }) => return None,
                    Err(_) => ProfileEntry {
                        name: folder.clone(),
                        folder,
                        avatar: None,
                        damaged: true,
                    },
                },
            )
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.folder.cmp(&b.folder)));
    list
}

/// Checks a new profile's name against the rules and the existing profiles.
pub fn check_name(name: &str, existing: &[ProfileEntry]) -> Result<(), ProfileError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ProfileError::EmptyName);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ProfileError::NameTooLong);
    }
    if existing
        .iter()
        .any(|p| p.name.to_lowercase() == name.to_lowercase())
    {
        return Err(ProfileError::Duplicate(name.to_owned()));
    }
    Ok(())
}

/// Creates a profile folder with its `profile.ron`; returns the folder name.
pub fn create_profile(
    data_dir: &Path,
    name: &str,
    avatar: Option<String>,
    now: DateTime<Utc>,
) -> Result<String, ProfileError> {
    check_name(name, &list_profiles(data_dir))?;
    let root = profiles_dir(data_dir);
    let base = folder_name(name);
    let mut folder = base.clone();
    let mut n = 2;
    // create_dir (not _all) fails if the folder exists, so two copies of the app creating the
    // same name at once cannot share a folder.
    loop {
        std::fs::create_dir_all(&root).map_err(|source| ProfileError::CreateDir {
            path: root.clone(),
            source,
        })?;
        match std::fs::create_dir(root.join(&folder)) {
            Ok(()) => break,
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => {
                folder = format!("{base}-{n}");
                n += 1;
            }
            Err(source) => {
                return Err(ProfileError::CreateDir {
                    path: root.join(&folder),
                    source,
                });
            }
        }
    }
    let profile = Profile::new(name, avatar, now);
    save_ron(&root.join(&folder).join(PROFILE_FILE), &profile)?;
    Ok(folder)
}

/// A folder name for a profile: the name's letters and digits (Chinese included; every OS stores
/// them), other characters replaced, and names Windows reserves avoided.
pub fn folder_name(name: &str) -> String {
    let mut folder: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(32)
        .collect();
    folder = folder.trim_matches('_').to_owned();
    if folder.is_empty() {
        folder = "learner".to_owned();
    }
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&folder.to_lowercase().as_str()) {
        folder = format!("p-{folder}");
    }
    folder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_safe_on_every_os() {
        assert_eq!(folder_name("张三"), "张三");
        assert_eq!(folder_name(" Anna Li "), "Anna_Li");
        assert_eq!(folder_name("../etc"), "etc");
        assert_eq!(folder_name("a/b\\c:d"), "a_b_c_d");
        assert_eq!(folder_name("CON"), "p-CON");
        assert_eq!(folder_name("***"), "learner");
    }

    #[test]
    fn profiles_are_created_listed_and_names_checked() {
        let dir = tempfile::tempdir().unwrap();
        let now = super::super::dates::now();
        let a = create_profile(dir.path(), "张三", Some("竹".into()), now).unwrap();
        let b = create_profile(dir.path(), "Anna", None, now).unwrap();
        assert!(matches!(
            create_profile(dir.path(), "anna", None, now),
            Err(ProfileError::Duplicate(_))
        ));
        assert!(matches!(
            create_profile(dir.path(), "  ", None, now),
            Err(ProfileError::EmptyName)
        ));
        // Same folder name from a different profile name gets a suffix.
        let c = create_profile(dir.path(), "张三!", None, now).unwrap();
        assert_eq!(c, format!("{a}-2"));
        let list = list_profiles(dir.path());
        let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Anna", "张三", "张三!"]);
        assert_eq!(list[0].folder, b);
        assert_eq!(list[1].avatar.as_deref(), Some("竹"));

        // A damaged profile.ron is still listed, so the learner can open and recover it.
        std::fs::write(profiles_dir(dir.path()).join(&b).join(PROFILE_FILE), "\0\0").unwrap();
        let list = list_profiles(dir.path());
        assert!(list.iter().any(|p| p.folder == b && p.damaged));
    }
}
