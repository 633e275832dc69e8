//! The profile lifecycle: the picker, creating and opening a profile (in the background when it
//! is large), closing it, backups and restoring one, retrying a failing save ([`ProfileCmd`]).

use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::i18n::{Lang, T};
use crate::progress::profile::{self as profiles, ProfileError};
use crate::progress::{BackupKind, Notice, ProfileSession, SaveStatus, SessionError};
use crate::ui::ProfileCmd;
use crate::ui::backups::when;
use crate::ui::notes::NotesPanel;
use crate::ui::profiles::ProfilePicker;

use super::jobs::{SessionWork, take_finished};
use super::{Screen, ServiceCraftApp, waker};

/// How long a flush waits for the saver (on a job's thread, not the UI's).
const FLUSH_WAIT: Duration = Duration::from_secs(2);

/// A profile being read on a background thread.
pub struct Opening {
    pub folder: String,
    pub name: String,
    /// The first profile made on this computer (see [`ServiceCraftApp::select_profile`]).
    first: bool,
    pub receiver: Receiver<Result<ProfileSession, SessionError>>,
}

/// The open profile and what goes with it.
#[derive(Default)]
pub struct ProfileState {
    /// The open profile; `None` while the profile picker is shown or a profile is being opened.
    pub session: Option<ProfileSession>,
    pub opening: Option<Opening>,
    pub picker: ProfilePicker,
    pub notes_panel: NotesPanel,
    pub confirm_restore: Option<String>,
    /// Set when closing was held back because changes could not be saved: the error.
    pub exit_blocked: Option<String>,
    /// The window was asked to close: it closes once a flush has written everything.
    pub closing: bool,
    /// Everything is written (or the learner chose to quit anyway): the next close goes through.
    pub quitting: bool,
    /// The profile's name while its session is on a job's thread (a restore, a flush).
    pub away: Option<String>,
}

impl ServiceCraftApp {
    /// The open profile, if one is chosen.
    pub fn session(&self) -> Option<&ProfileSession> {
        self.profile.session.as_ref()
    }

    /// Whether a profile is still being read in the background.
    pub fn is_opening_profile(&self) -> bool {
        self.profile.opening.is_some()
    }

    pub(super) fn apply_profile(&mut self, ctx: &egui::Context, command: ProfileCmd) {
        match command {
            ProfileCmd::Select(folder) => self.select_profile(&folder, false),
            ProfileCmd::Create { name, avatar } => self.create_profile(&name, avatar),
            ProfileCmd::Switch => {
                self.close_session();
                self.refresh_profiles();
            }
            ProfileCmd::BackupNow => {
                if let Some(session) = &mut self.profile.session {
                    session.queue_backup(BackupKind::Manual);
                }
            }
            ProfileCmd::AskRestore(name) => self.profile.confirm_restore = name,
            ProfileCmd::Restore(name) => self.restore(&name),
            ProfileCmd::RetrySave => {
                // Asked in the exit dialog, the window closes once the retry has written
                // everything; asked from the banner, it only saves.
                if self.profile.exit_blocked.take().is_some() {
                    self.profile.closing = true;
                } else {
                    self.flush_in_background(false);
                }
                ctx.request_repaint();
            }
            ProfileCmd::SetExamDate(date) => {
                if let Some(session) = &mut self.profile.session {
                    session.update_settings(|s| s.exam_date = date);
                }
            }
        }
    }

    pub(super) fn refresh_profiles(&mut self) {
        let list = profiles::list_profiles(&self.config.data_dir);
        let last = self.prefs.settings.last_profile.clone();
        self.profile.picker.set_profiles(list, last.as_deref());
    }

    /// `--profile NAME`: the profile with that name (or folder), created when there is none.
    pub(super) fn open_named_profile(&mut self, name: &str) {
        let found = self
            .profile
            .picker
            .profiles
            .iter()
            .find(|p| p.name == name || p.folder == name)
            .map(|p| p.folder.clone());
        match found {
            Some(folder) => self.select_profile(&folder, false),
            None => self.create_profile(name, None),
        }
    }

    fn create_profile(&mut self, name: &str, avatar: Option<String>) {
        let first = self.profile.picker.profiles.is_empty();
        let now = self.config.clock.now();
        match profiles::create_profile(&self.config.data_dir, name, avatar, now) {
            Ok(folder) => {
                self.refresh_profiles();
                self.select_profile(&folder, first);
            }
            Err(err) => {
                let lang = self.prefs.lang;
                let message = match &err {
                    ProfileError::EmptyName => T::NameEmpty.get(lang).to_owned(),
                    ProfileError::NameTooLong => {
                        T::NameTooLong.fmt(lang, &[&profiles::MAX_NAME_CHARS.to_string()])
                    }
                    ProfileError::Duplicate(name) => T::NameTaken.fmt(lang, &[name]),
                    other => T::ProfileCreateFailed.fmt(lang, &[&other.to_string()]),
                };
                self.profile.picker.error = Some(message);
            }
        }
    }

    /// Closes the open profile, writing everything it holds (typed text still waiting too).
    pub(super) fn close_session(&mut self) {
        self.save_typing_now();
        if let Some(mut session) = self.profile.session.take()
            && let Err(rescue) = session.close(Duration::from_secs(5))
        {
            let path = rescue.display().to_string();
            self.banners
                .push(T::RescuedTo.fmt(self.prefs.lang, &[&path]));
        }
        self.profile.notes_panel.reset();
        self.summary = None;
        self.scoped = None;
        self.readiness.clear();
        self.profile.confirm_restore = None;
        self.profile.exit_blocked = None;
    }

    /// Writes every change of the open profile on a job's thread, with the progress display;
    /// [`Self::finish_flush`] takes the answer. `then_close`: the window is closing.
    pub(super) fn flush_in_background(&mut self, then_close: bool) {
        // Typed text still waiting for its pause goes too.
        self.save_typing_now();
        self.with_session_away(T::SavingProfile, move |session| SessionWork::Saved {
            saved: session.flush(FLUSH_WAIT),
            then_close,
        });
    }

    /// A flush came back. Closing, the window closes when all is written, and asks what to do
    /// when the disk refuses (the exit dialog: retry, or quit with a rescue copy).
    pub(super) fn finish_flush(&mut self, saved: bool, then_close: bool) {
        let failing = match self.profile.session.as_ref().map(ProfileSession::status) {
            Some(SaveStatus::Failing { error, .. }) => Some(error),
            _ => None,
        };
        match failing {
            Some(error) if !saved && then_close => self.profile.exit_blocked = Some(error),
            // Still writing on a slow disk: closing waits for it once more and rescues what it
            // cannot write, as it always has.
            _ if then_close => {
                self.profile.quitting = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            _ => {}
        }
        self.ctx.request_repaint();
    }

    /// Opens the profile in `folder`: on a background thread when configured, so a long history
    /// does not hold up the window. `first`: the first profile made on this computer, which takes
    /// over the files from before profiles existed.
    fn select_profile(&mut self, folder: &str, first: bool) {
        self.close_session();
        let name = self
            .profile
            .picker
            .profiles
            .iter()
            .find(|p| p.folder == folder)
            .map_or_else(|| folder.to_owned(), |p| p.name.clone());
        let data_dir = self.config.data_dir.clone();
        let options = self.config.session;
        let waker = waker(&self.ctx);
        if self.config.open_profile_in_background {
            let (sender, receiver) = std::sync::mpsc::channel();
            let ctx = self.ctx.clone();
            let owned = folder.to_owned();
            let thread_waker = Arc::clone(&waker);
            let clock = Arc::clone(&self.config.clock);
            let spawned = std::thread::Builder::new()
                .name("open-profile".into())
                .spawn(move || {
                    let opened = ProfileSession::open_with_clock(
                        &data_dir,
                        &owned,
                        options,
                        Some(thread_waker),
                        clock,
                    );
                    // Nobody waits any more (another profile was chosen): dropping the session
                    // closes it and frees its lock.
                    let _ = sender.send(opened);
                    ctx.request_repaint();
                });
            match spawned {
                Ok(_) => {
                    self.profile.opening = Some(Opening {
                        folder: folder.to_owned(),
                        name,
                        first,
                        receiver,
                    });
                    return;
                }
                Err(err) => log::warn!("cannot start a thread to open the profile: {err}"),
            }
        }
        let clock = Arc::clone(&self.config.clock);
        let opened = ProfileSession::open_with_clock(
            &self.config.data_dir,
            folder,
            options,
            Some(waker),
            clock,
        );
        self.finish_open(folder, &name, first, opened);
    }

    /// Takes the profile opened in the background once it is ready.
    pub(super) fn poll_opening(&mut self) {
        if let Some((opening, opened)) = take_finished(&mut self.profile.opening, |o| &o.receiver) {
            self.finish_open(&opening.folder, &opening.name, opening.first, opened);
        }
    }

    fn finish_open(
        &mut self,
        folder: &str,
        name: &str,
        first: bool,
        opened: Result<ProfileSession, SessionError>,
    ) {
        let lang = self.prefs.lang;
        match opened {
            Ok(mut session) => {
                for notice in session.take_notices() {
                    self.banners.push(notice_text(&notice, lang));
                }
                // A learner who used ServiceCraft before profiles existed continues where they
                // were: the old single-user study files and last lesson go to the first profile.
                if first {
                    session.adopt_legacy_files(&self.config.data_dir);
                    if let Some(lesson) = self.prefs.settings.legacy_last_lesson.take() {
                        session.update_settings(|s| s.last_lesson = Some(lesson));
                    }
                }
                let last = session.settings().last_lesson.clone();
                self.profile.session = Some(session);
                self.profile.picker.error = None;
                self.prefs.settings.last_profile = Some(folder.to_owned());
                if !matches!(self.nav.screen(), Screen::PackProblems(..)) {
                    self.nav.reset(Screen::Home);
                }
                if let Some((at, _)) = last.and_then(|id| self.packs.view.pack.lesson_by_id(&id)) {
                    self.show_lesson(at);
                }
            }
            Err(SessionError::Locked(crate::progress::LockError::Busy { .. })) => {
                self.profile.picker.error = Some(T::ProfileBusy.fmt(lang, &[name]));
                self.refresh_profiles();
            }
            Err(err) => {
                self.profile.picker.error =
                    Some(T::ProfileOpenFailed.fmt(lang, &[&err.to_string()]));
                self.refresh_profiles();
            }
        }
    }

    /// Restores a backup of the open profile on a job's thread (the session swaps its files and
    /// reloads them); [`Self::finish_restore`] says how it went.
    fn restore(&mut self, name: &str) {
        self.profile.confirm_restore = None;
        let Some(session) = &self.profile.session else {
            return;
        };
        let taken = session
            .backups()
            .iter()
            .find(|b| b.name == name)
            .map_or_else(|| name.to_owned(), when);
        // Typed text waiting for its pause is part of what the restore keeps aside.
        self.save_typing_now();
        let name = name.to_owned();
        self.with_session_away(T::RestoringBackup, move |session| {
            let result = session.restore(&name).map_err(|e| e.to_string());
            SessionWork::Restored { taken, result }
        });
    }

    pub(super) fn finish_restore(&mut self, taken: String, result: Result<String, String>) {
        let lang = self.prefs.lang;
        let Some(session) = &mut self.profile.session else {
            return;
        };
        match result {
            Ok(kept) => {
                let kept = crate::progress::backup::parse_name(&kept)
                    .map_or(kept.clone(), |(at, _)| {
                        at.format("%Y-%m-%d %H:%M:%S").to_string()
                    });
                self.banners.push(T::Restored.fmt(lang, &[&taken, &kept]));
                for notice in session.take_notices() {
                    self.banners.push(notice_text(&notice, lang));
                }
            }
            Err(err) => self.banners.push(T::RestoreFailed.fmt(lang, &[&err])),
        }
        // The restored files replace whatever was typed since.
        self.study = super::study::Study::default();
        self.profile.notes_panel.reset();
        self.summary = None;
        self.scoped = None;
    }
}

/// A recovery notice as the learner reads it: what happened, where the file is, what was loaded.
pub fn notice_text(notice: &Notice, lang: Lang) -> String {
    let file = notice.file().display().to_string();
    let what = match notice {
        Notice::Corrupt {
            message,
            moved_to: Some(moved),
            ..
        } => T::FileCorrupt.fmt(lang, &[&file, message, &moved.display().to_string()]),
        Notice::Corrupt { message, .. } => T::FileCorruptKept.fmt(lang, &[&file, message]),
        Notice::Newer { version, .. } => T::FileNewer.fmt(lang, &[&file, &version.to_string()]),
        Notice::Unreadable { message, .. } => T::FileUnreadable.fmt(lang, &[&file, message]),
    };
    let then = match notice.restored_from() {
        Some(name) => {
            let taken = crate::progress::backup::parse_name(name).map_or_else(
                || name.to_owned(),
                |(t, _)| t.format("%Y-%m-%d %H:%M").to_string(),
            );
            T::LoadedBackup.fmt(lang, &[&taken])
        }
        None => T::NoBackupFresh.get(lang).to_owned(),
    };
    format!("{what} {then}")
}
