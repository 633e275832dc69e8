//! [`ScreenCtx`]: everything a screen may read while it draws, handed over in one piece by the
//! shell instead of a different handful of arguments per screen.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::i18n::Lang;
use crate::model::study::StudyState;
use crate::model::{Counts, LessonRef, Pack};
use crate::pack::{InstalledPack, PackSource};
use crate::progress::notes::Notes;
use crate::progress::summary::Summary;
use crate::progress::{AppSettings, BackupInfo, Progress, SaveStatus};

use super::images::ImageCache;

/// What screens draw from: read-only views of the shell's state for this frame. Screens change
/// nothing here; they return [`super::Command`]s.
pub struct ScreenCtx<'a> {
    /// The pack being studied.
    pub pack: &'a Arc<Pack>,
    /// Where the pack's files (images) come from.
    pub source: &'a Arc<dyn PackSource>,
    /// The learner's reviews, mistakes, favourites and typed work: the open profile's, the one
    /// copy there is.
    pub study: &'a StudyState,
    /// The learner's attempts, finished lessons and study days.
    pub progress: &'a Progress,
    /// The learner's notes.
    pub notes: &'a Notes,
    /// Whether the profile's files are saved, pending or failing.
    pub status: SaveStatus,
    /// The dashboard figures, computed when the data changes.
    pub summary: Option<&'a Summary>,
    /// The language the app is shown in.
    pub lang: Lang,
    /// Now, from the app's clock.
    pub now: DateTime<Utc>,
    /// The app-wide preferences (reduced motion, …).
    pub settings: &'a AppSettings,
    /// Whether everything typed is on disk (or on its way there).
    pub typing_saved: bool,
    /// Pack images as textures; pictures not loaded yet are asked for here and loaded by the shell.
    pub images: &'a ImageCache,
    /// The lesson open in the middle, if one is (the syllabus tree highlights it).
    pub lesson: Option<LessonRef>,
    /// The pack library, for the library screen.
    pub library: LibraryInfo<'a>,
    /// The open profile's backups, for the backups screen.
    pub backups: BackupsInfo<'a>,
}

/// What the library screen shows: the built-in syllabus and the installed packs.
#[derive(Clone, Copy)]
pub struct LibraryInfo<'a> {
    pub builtin: BuiltinInfo<'a>,
    /// Every installed pack, in the order installed.
    pub installed: &'a [InstalledPack],
    /// The installed pack being studied (`None`: the built-in one, or a pack opened in place).
    pub current: Option<&'a str>,
}

/// What the library screen shows about the built-in syllabus.
#[derive(Clone, Copy)]
pub struct BuiltinInfo<'a> {
    pub title: &'a str,
    pub version: &'a str,
    pub counts: &'a Counts,
}

/// What the backups screen shows: the copies of the open profile and where they are.
#[derive(Clone, Copy)]
pub struct BackupsInfo<'a> {
    /// Newest first.
    pub list: &'a [BackupInfo],
    /// The folder they are kept in.
    pub folder: &'a Path,
    /// The backup the learner asked to restore, awaiting confirmation.
    pub confirming: Option<&'a str>,
    /// Why the last backup failed, if it did.
    pub last_error: Option<&'a str>,
}

/// Owned stand-ins for everything a [`ScreenCtx`] points at, for drawing one screen on its own
/// (tests, benches): an empty learner on `pack`, in Chinese, at a fixed moment.
pub struct ScreenFixture {
    pub pack: Arc<Pack>,
    pub source: Arc<dyn PackSource>,
    pub study: StudyState,
    pub progress: Progress,
    pub notes: Notes,
    pub settings: AppSettings,
    pub images: ImageCache,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub lesson: Option<LessonRef>,
    pub installed: Vec<InstalledPack>,
    pub current_pack: Option<String>,
    /// The built-in pack's title, version and counts, as the library shows them.
    pub builtin: (String, String, Counts),
    pub backups: Vec<BackupInfo>,
    pub backups_folder: PathBuf,
}

impl ScreenFixture {
    pub fn new(pack: Arc<Pack>) -> Self {
        let builtin = (
            pack.manifest.title.clone(),
            pack.manifest.version.clone(),
            pack.counts().0,
        );
        Self {
            pack,
            source: Arc::new(crate::pack::builtin_source()),
            study: StudyState::default(),
            progress: Progress::default(),
            notes: Notes::default(),
            settings: AppSettings::default(),
            images: ImageCache::default(),
            lang: Lang::Zh,
            now: DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default(),
            lesson: None,
            installed: Vec::new(),
            current_pack: None,
            builtin,
            backups: Vec::new(),
            backups_folder: PathBuf::from("backups"),
        }
    }

    /// The context screens draw from.
    pub fn ctx(&self) -> ScreenCtx<'_> {
        ScreenCtx {
            pack: &self.pack,
            source: &self.source,
            study: &self.study,
            progress: &self.progress,
            notes: &self.notes,
            status: SaveStatus::Saved,
            summary: None,
            lang: self.lang,
            now: self.now,
            settings: &self.settings,
            typing_saved: true,
            images: &self.images,
            lesson: self.lesson,
            library: LibraryInfo {
                builtin: BuiltinInfo {
                    title: &self.builtin.0,
                    version: &self.builtin.1,
                    counts: &self.builtin.2,
                },
                installed: &self.installed,
                current: self.current_pack.as_deref(),
            },
            backups: BackupsInfo {
                list: &self.backups,
                folder: &self.backups_folder,
                confirming: None,
                last_error: None,
            },
        }
    }
}
