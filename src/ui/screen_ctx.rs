//! [`ScreenCtx`]: everything a screen may read while it draws, handed over in one piece by the
//! shell instead of a different handful of arguments per screen.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::i18n::Lang;
use crate::model::Pack;
use crate::model::study::StudyState;
use crate::pack::PackSource;
use crate::progress::notes::Notes;
use crate::progress::summary::Summary;
use crate::progress::{AppSettings, Progress, SaveStatus};

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
}

impl ScreenFixture {
    pub fn new(pack: Arc<Pack>) -> Self {
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
        }
    }
}
