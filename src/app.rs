//! The application: owns the open pack, the settings and the screens, and applies the
//! [`Command`]s the screens return. Everything that touches files happens here, not in widgets.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use crate::cli::{Cli, Command as CliCommand, pack_dir};
use crate::clock::{Clock, SystemClock};
use crate::i18n::{Lang, T};
use crate::model::ItemRef;
use crate::model::exam::{ExamSession, assemble};
use crate::model::study::StudyState;
use crate::model::{LessonRef, Pack};
use crate::pack::import::{self, Format, ImportError, ImportResult, TextEncoding};
use crate::pack::{
    self, Diagnostic, DirSource, InstallError, Installed, Library, PackSource, Progress,
};
use crate::progress::export::{self, ExportError};
use crate::progress::notes::notes_markdown;
use crate::progress::profile::{self as profiles, ProfileError};
use crate::progress::{
    AppSettings, BackupKind, Notice, ProfileSession, SaveStatus, Saver, SessionError,
    SessionOptions, ThemePref, data_dir, dates,
};
use crate::store::{save_atomic, save_ron};
use crate::ui::Command;
use crate::ui::backups::{BackupsView, when};
use crate::ui::exam::ExamView;
use crate::ui::focus;
use crate::ui::fonts::{self, MissingCjk};
use crate::ui::help::{self, help_ui};
use crate::ui::home::{HomeView, Summary};
use crate::ui::images::ImageCache;
use crate::ui::import::{ImportWindow, ParsedBank};
use crate::ui::item::ItemView;
use crate::ui::lesson::{BlockReveal, LessonView, reading_column};
use crate::ui::library::{BuiltinInfo, LibraryView};
use crate::ui::mistakes::mistakes_ui;
use crate::ui::my_swot::MySwotView;
use crate::ui::notes::{NoteTargetView, NotesList, NotesPanel};
use crate::ui::ordering::OrderingView;
use crate::ui::pdca::PdcaView;
use crate::ui::practice::PracticeCenter;
use crate::ui::profiles::ProfilePicker;
use crate::ui::quiz::{QuizMode, QuizRun, QuizView};
use crate::ui::roleplay::RolePlayView;
use crate::ui::search::SearchView;
use crate::ui::swot::SwotView;
use crate::ui::tour::{Tour, TourArea, mark_area};
use crate::ui::tree::SyllabusTree;
use crate::ui::welcome::Welcome;
use crate::ui::worksheet::WorksheetView;

/// Typed text (worksheets, My SWOT) is written to disk this long after the last keystroke.
const TYPING_SAVE_DELAY_MS: i64 = 1500;

/// Presentation mode enlarges everything by this much on top of the learner's own text size.
const PRESENTATION_ZOOM: f32 = 1.5;

/// How the app starts: from the command line, or from a test.
#[derive(Clone)]
pub struct AppConfig {
    pub data_dir: PathBuf,
    /// `--lang`, overriding the saved language for this run.
    pub lang: Option<Lang>,
    /// `open PATH`: the pack to open instead of the built-in syllabus.
    pub open: Option<PathBuf>,
    pub exit_after_first_frame: bool,
    pub started: Instant,
    /// Look for Chinese fonts on the system (off in headless tests).
    pub system_fonts: bool,
    /// `--profile NAME`: open this learner's profile at once (created if missing), skipping the
    /// picker — for a desktop shortcut per learner, and for tests.
    pub profile: Option<String>,
    pub session: SessionOptions,
    /// Read a profile on a background thread while the window draws (years of answers take a
    /// while); off in most tests, which want the profile open once the app is built.
    pub open_profile_in_background: bool,
    pub clock: Arc<dyn Clock>,
    /// Behave as on a learner's computer: take the default language from the system locale, and
    /// on a data folder without settings welcome the learner (language, profile, tour). Off in
    /// tests, which then do not depend on the machine's locale, unless a test asks for it.
    pub first_start: bool,
}

impl AppConfig {
    pub fn from_cli(cli: &Cli, started: Instant) -> Self {
        Self {
            data_dir: data_dir(cli.data_dir.as_deref()),
            lang: cli.lang.as_deref().and_then(Lang::parse),
            open: match &cli.command {
                Some(CliCommand::Open { path }) => Some(path.clone()),
                _ => None,
            },
            exit_after_first_frame: cli.exit_after_first_frame,
            started,
            system_fonts: true,
            profile: cli.profile.clone(),
            session: SessionOptions::default(),
            open_profile_in_background: true,
            clock: Arc::new(SystemClock),
            first_start: true,
        }
    }

    /// The profile `AppConfig::for_tests` opens.
    pub const TEST_PROFILE: &'static str = "测试";

    /// A configuration for headless tests: the given data folder, no system fonts, and the
    /// profile [`Self::TEST_PROFILE`] opened at once.
    pub fn for_tests(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            lang: None,
            open: None,
            exit_after_first_frame: false,
            started: Instant::now(),
            system_fonts: false,
            profile: Some(Self::TEST_PROFILE.to_owned()),
            session: SessionOptions::default(),
            open_profile_in_background: false,
            clock: Arc::new(SystemClock),
            first_start: false,
        }
    }
}

/// The pack being studied, with where its files come from.
pub struct PackView {
    pub source: Arc<dyn PackSource>,
    pub pack: Arc<Pack>,
    /// The library id when the pack is an installed one (`None`: built-in or opened in place).
    pub installed: Option<String>,
    /// Counted once on opening; the status line shows them every frame.
    pub counts: crate::model::Counts,
}

impl PackView {
    fn new(source: Arc<dyn PackSource>, pack: Pack, installed: Option<String>) -> Self {
        Self {
            counts: pack.counts().0,
            source,
            pack: Arc::new(pack),
            installed,
        }
    }

    fn builtin() -> Self {
        let source = pack::builtin_source();
        let loaded = pack::load_installed_pack(&source);
        for problem in &loaded.diagnostics {
            log::error!("built-in syllabus: {problem}");
        }
        let pack = loaded
            .pack
            .unwrap_or_else(|| Pack::new(empty_manifest(), Vec::new()));
        Self::new(Arc::new(source), pack, None)
    }
}

fn empty_manifest() -> crate::model::Manifest {
    crate::model::Manifest {
        format_version: crate::model::FORMAT_VERSION,
        id: String::new(),
        title: "ServiceCraft".to_owned(),
        version: String::new(),
        language: "zh-CN".to_owned(),
        authors: Vec::new(),
        description: String::new(),
        chapters: Vec::new(),
        scoring: Default::default(),
        mock_exams: Vec::new(),
    }
}

pub enum Screen {
    Home,
    Lesson(LessonRef),
    Item(String),
    /// An opened pack had errors: the path and the problems.
    PackProblems(String, Vec<Diagnostic>),
    /// Every note, by chapter.
    Notes,
    Backups,
    Practice,
    Quiz(Box<QuizRun>),
    Exam(Box<ExamView>),
    Mistakes,
    RolePlay(Box<RolePlayView>),
    Swot(Box<SwotView>),
    Ordering(Box<OrderingView>),
    Pdca(Box<PdcaView>),
    Worksheet(Box<WorksheetView>),
    MySwot(Box<MySwotView>),
    Library,
    /// Search across the pack and the notes (Ctrl+F).
    Search,
}

/// What a background job produced.
enum JobOutcome {
    Installed(Box<Result<Installed, InstallError>>),
    BankRead(
        PathBuf,
        Result<(ImportResult, Format, TextEncoding), ImportError>,
    ),
    Saved(PathBuf, Result<(), ImportError>),
    Exported(usize, Result<[PathBuf; 3], ExportError>),
}

/// A long operation on its own thread, so the window never freezes.
struct Job {
    title: T,
    progress: Arc<Progress>,
    receiver: std::sync::mpsc::Receiver<JobOutcome>,
}

/// The outcome of an install, import or export, shown until closed.
pub struct Report {
    pub ok: bool,
    pub headline: String,
    pub details: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a background thread sent for the work in `slot`: the work is taken out once its thread
/// has answered, or has ended without answering.
fn take_finished<W, R>(
    slot: &mut Option<W>,
    receiver: impl Fn(&W) -> &std::sync::mpsc::Receiver<R>,
) -> Option<(W, R)> {
    let work = slot.as_ref()?;
    match receiver(work).try_recv() {
        Ok(result) => slot.take().map(|work| (work, result)),
        Err(std::sync::mpsc::TryRecvError::Empty) => None,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            *slot = None;
            None
        }
    }
}

/// What the dashboard figures were computed from: profile folder, data generation, pack, minute.
type SummaryKey = (String, u64, usize, i64);

/// A profile being read on a background thread.
struct Opening {
    folder: String,
    name: String,
    /// The first profile made on this computer (see [`ServiceCraftApp::select_profile`]).
    first: bool,
    receiver: std::sync::mpsc::Receiver<Result<ProfileSession, SessionError>>,
}

pub struct ServiceCraftApp {
    config: AppConfig,
    ctx: egui::Context,
    settings: AppSettings,
    /// False when `settings.ron` comes from a newer version: then it is never overwritten.
    settings_writable: bool,
    /// The settings as last handed to the saver, so they are written only when they change.
    settings_saved: AppSettings,
    settings_generation: u64,
    settings_saver: Saver,
    lang: Lang,
    view: PackView,
    screen: Screen,
    tree: SyllabusTree,
    /// The block a search hit opened the lesson at: scrolled to once, marked while it is open.
    reveal: Option<BlockReveal>,
    images: ImageCache,
    missing_cjk: MissingCjk,
    /// Messages shown at the top until dismissed, oldest first.
    banners: Vec<String>,
    show_about: bool,
    frames: u64,
    /// The open profile; `None` while the profile picker is shown or a profile is being opened.
    session: Option<ProfileSession>,
    opening: Option<Opening>,
    picker: ProfilePicker,
    notes_panel: NotesPanel,
    notes_list: NotesList,
    search: SearchView,
    /// The screen the search was opened from, to return to on Escape.
    before_search: Option<Screen>,
    /// The dashboard figures (and the practice centre's review queue), and what they were
    /// computed from.
    summary: Option<(SummaryKey, Arc<Summary>)>,
    confirm_restore: Option<String>,
    /// Set when closing was held back because changes could not be saved: the error.
    exit_blocked: Option<String>,
    quitting: bool,
    study: StudyState,
    practice: PracticeCenter,
    /// When typed text not yet on disk was last changed.
    study_edited: Option<chrono::DateTime<chrono::Utc>>,
    /// Fonts for export pictures, found on the first export.
    export_faces: Option<Vec<crate::export::picture::FontFace>>,
    library: Library,
    library_view: LibraryView,
    job: Option<Job>,
    report: Option<Report>,
    import: ImportWindow,
    /// The library's packs as last read (not re-read every frame).
    installed_packs: Vec<crate::pack::InstalledPack>,
    /// First start: the language step, shown before anything else.
    welcome: Option<Welcome>,
    /// First start: the tour follows once a profile is open.
    tour_after_welcome: bool,
    tour: Option<Tour>,
    show_help: bool,
    /// Classroom mode: larger text, no side panels; not remembered across restarts.
    presenting: bool,
    /// A zoom set during this frame: egui applies it only from the next one.
    zoom_set: Option<f32>,
}

impl ServiceCraftApp {
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        let ctx = &cc.egui_ctx;
        let first_start = config.first_start && !AppSettings::path(&config.data_dir).exists();
        let loaded = AppSettings::load(&config.data_dir, &dates::file_stamp(config.clock.now()));
        let settings = loaded.value;
        let lang = config
            .lang
            .or(settings.language)
            .or_else(|| {
                config
                    .first_start
                    .then(crate::locale::system_lang)
                    .flatten()
            })
            .unwrap_or_default();
        let mut banners: Vec<String> = loaded
            .notice
            .iter()
            .map(|notice| notice_text(notice, lang))
            .collect();
        if !loaded.writable {
            banners.push(T::SettingsNotSaved.get(lang).to_owned());
        }
        let missing_cjk = if config.system_fonts {
            fonts::install_system_fonts(ctx)
        } else {
            MissingCjk::default()
        };
        if let Some(path) = &settings.font_path {
            match fonts::read_font_file(path) {
                Ok(bytes) => fonts::install_font_bytes(ctx, bytes),
                Err(err) => banners.push(format!(
                    "{}{} ({err})",
                    T::FontLoadFailed.get(lang),
                    path.display()
                )),
            }
        }
        ctx.set_zoom_factor(settings.text_scale.clamp(0.5, 3.0));
        apply_theme(ctx, settings.theme);
        style(ctx);
        apply_motion(ctx, settings.reduce_motion);
        let config_data_dir = config.data_dir.clone();
        let mut app = Self {
            ctx: ctx.clone(),
            settings_writable: loaded.writable,
            // A converted (older) file is written back once in the current format.
            settings_saved: if loaded.migrated_from.is_some() {
                AppSettings {
                    format_version: 0,
                    ..settings.clone()
                }
            } else {
                settings.clone()
            },
            settings_generation: 0,
            settings_saver: Saver::start("settings", Some(waker(ctx))),
            settings,
            lang,
            view: PackView::builtin(),
            screen: Screen::Home,
            tree: SyllabusTree::default(),
            reveal: None,
            images: ImageCache::default(),
            missing_cjk,
            banners,
            show_about: false,
            frames: 0,
            session: None,
            opening: None,
            picker: ProfilePicker::default(),
            notes_panel: NotesPanel::default(),
            notes_list: NotesList::default(),
            search: SearchView::default(),
            before_search: None,
            summary: None,
            confirm_restore: None,
            exit_blocked: None,
            quitting: false,
            study: StudyState::default(),
            practice: PracticeCenter::default(),
            study_edited: None,
            export_faces: None,
            library: Library::new(&config_data_dir),
            library_view: LibraryView::default(),
            job: None,
            report: None,
            import: ImportWindow::default(),
            installed_packs: Vec::new(),
            welcome: first_start.then(Welcome::default),
            tour_after_welcome: false,
            tour: None,
            show_help: false,
            presenting: false,
            zoom_set: None,
            config,
        };
        app.refresh_profiles();
        app.library.clean_debris();
        // `open` with a zip installs it on top of what the learner was studying.
        let open = app.config.open.clone();
        let open_in_place = open
            .as_ref()
            .filter(|p| !p.is_file() || p.file_name().is_some_and(|n| n == "pack.ron"));
        if let Some(path) = open_in_place {
            app.open_pack(path);
        } else {
            if let Some(current) = app.library.current() {
                app.switch_pack(&current.id);
            }
            if let Some(zip) = open {
                app.install(zip);
            }
        }
        // The last lesson is the profile's: opening the profile returns to it.
        if let Some(name) = app.config.profile.clone() {
            app.open_named_profile(&name);
        }
        app.save_settings();
        app
    }

    /// The open profile, if one is chosen.
    pub fn session(&self) -> Option<&ProfileSession> {
        self.session.as_ref()
    }

    /// Messages currently shown at the top of the window.
    pub fn banners(&self) -> &[String] {
        &self.banners
    }

    fn refresh_profiles(&mut self) {
        let list = profiles::list_profiles(&self.config.data_dir);
        let last = self.settings.last_profile.clone();
        self.picker.set_profiles(list, last.as_deref());
    }

    /// `--profile NAME`: the profile with that name (or folder), created when there is none.
    fn open_named_profile(&mut self, name: &str) {
        let found = self
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
        let first = self.picker.profiles.is_empty();
        match profiles::create_profile(&self.config.data_dir, name, avatar, self.config.clock.now())
        {
            Ok(folder) => {
                self.refresh_profiles();
                self.select_profile(&folder, first);
            }
            Err(err) => {
                let message = match &err {
                    ProfileError::EmptyName => T::NameEmpty.get(self.lang).to_owned(),
                    ProfileError::NameTooLong => {
                        T::NameTooLong.fmt(self.lang, &[&profiles::MAX_NAME_CHARS.to_string()])
                    }
                    ProfileError::Duplicate(name) => T::NameTaken.fmt(self.lang, &[name]),
                    other => T::ProfileCreateFailed.fmt(self.lang, &[&other.to_string()]),
                };
                self.picker.error = Some(message);
            }
        }
    }

    fn close_session(&mut self) {
        if self.study_edited.take().is_some() {
            self.save_study();
        }
        self.study = StudyState::default();
        if let Some(mut session) = self.session.take()
            && let Err(rescue) = session.close(Duration::from_secs(5))
        {
            self.banners
                .push(T::RescuedTo.fmt(self.lang, &[&rescue.display().to_string()]));
        }
        self.notes_panel.reset();
        self.summary = None;
        self.confirm_restore = None;
        self.exit_blocked = None;
    }

    /// Opens the profile in `folder`: on a background thread when configured, so a long history
    /// does not hold up the window. `first`: the first profile made on this computer, which takes
    /// over the files from before profiles existed.
    fn select_profile(&mut self, folder: &str, first: bool) {
        self.close_session();
        let name = self
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
            let spawned = std::thread::Builder::new()
                .name("open-profile".into())
                .spawn(move || {
                    let opened =
                        ProfileSession::open(&data_dir, &owned, options, Some(thread_waker));
                    // Nobody waits any more (another profile was chosen): dropping the session
                    // closes it and frees its lock.
                    let _ = sender.send(opened);
                    ctx.request_repaint();
                });
            match spawned {
                Ok(_) => {
                    self.opening = Some(Opening {
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
        let opened = ProfileSession::open(&self.config.data_dir, folder, options, Some(waker));
        self.finish_open(folder, &name, first, opened);
    }

    /// Takes the profile opened in the background once it is ready.
    fn poll_opening(&mut self) {
        if let Some((opening, opened)) = take_finished(&mut self.opening, |o| &o.receiver) {
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
        match opened {
            Ok(mut session) => {
                for notice in session.take_notices() {
                    self.banners.push(notice_text(&notice, self.lang));
                }
                // A learner who used ServiceCraft before profiles existed continues where they
                // were: the old single-user study files and last lesson go to the first profile.
                if first {
                    session.adopt_legacy_files(&self.config.data_dir);
                    if let Some(lesson) = self.settings.legacy_last_lesson.take() {
                        session.update_settings(|s| s.last_lesson = Some(lesson));
                    }
                }
                let last = session.settings().last_lesson.clone();
                self.study = session.study().clone();
                self.session = Some(session);
                self.picker.error = None;
                self.settings.last_profile = Some(folder.to_owned());
                if !matches!(self.screen, Screen::PackProblems(..)) {
                    self.screen = Screen::Home;
                }
                if let Some((at, _)) = last.and_then(|id| self.view.pack.lesson_by_id(&id)) {
                    self.show_lesson(at);
                }
            }
            Err(SessionError::Locked(crate::progress::LockError::Busy { .. })) => {
                self.picker.error = Some(T::ProfileBusy.fmt(self.lang, &[name]));
                self.refresh_profiles();
            }
            Err(err) => {
                self.picker.error = Some(T::ProfileOpenFailed.fmt(self.lang, &[&err.to_string()]));
                self.refresh_profiles();
            }
        }
    }

    /// Whether a profile is still being read in the background.
    pub fn is_opening_profile(&self) -> bool {
        self.opening.is_some()
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn pack(&self) -> &Pack {
        &self.view.pack
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The app-wide settings as they are now (written to `settings.ron` when they change).
    pub fn settings(&self) -> &AppSettings {
        &self.settings
    }

    pub fn study(&self) -> &StudyState {
        &self.study
    }

    /// Whether an install, import or export is still running (tests wait for it).
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The outcome of the last install, import or export, while it is shown.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// Records a graded answer in the open profile's attempt log (dashboard, results export).
    fn record_progress(
        &mut self,
        item: &str,
        answer: String,
        score: f32,
        max: f32,
        started: DateTime<Utc>,
    ) {
        let finished = self.config.clock.now();
        if let Some(session) = &mut self.session {
            session.record_attempt(
                item,
                &self.view.pack.manifest.id,
                crate::progress::Attempt {
                    started,
                    finished,
                    answer,
                    score,
                    max,
                },
            );
            // The answer's day is a study day. It is handed to the saver by the next frame's
            // tick, once for however many answers this frame recorded (a submitted exam records
            // all of its questions at once).
        }
    }

    /// Runs `work` on its own thread; its outcome is picked up by [`Self::poll_job`].
    fn start_job(&mut self, title: T, work: impl FnOnce(&Progress) -> JobOutcome + Send + 'static) {
        if self.job.is_some() {
            return;
        }
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = std::sync::mpsc::channel();
        let shared = Arc::clone(&progress);
        std::thread::spawn(move || {
            let _ = sender.send(work(&shared));
        });
        self.job = Some(Job {
            title,
            progress,
            receiver,
        });
    }

    fn poll_job(&mut self) {
        let Some((_, outcome)) = take_finished(&mut self.job, |j| &j.receiver) else {
            return;
        };
        let lang = self.lang;
        match outcome {
            JobOutcome::Installed(result) => self.finish_install(*result),
            JobOutcome::BankRead(path, Ok((result, format, encoding))) => {
                self.import.set_parsed(ParsedBank {
                    path,
                    result,
                    format,
                    encoding,
                });
            }
            JobOutcome::BankRead(_, Err(err)) => self.import.error = Some(err.to_string()),
            JobOutcome::Saved(dir, result) => {
                self.report = Some(match result {
                    Ok(()) => Report {
                        ok: true,
                        headline: T::ImportSaved.get(lang).to_owned(),
                        details: vec![dir.display().to_string()],
                        diagnostics: Vec::new(),
                    },
                    Err(err) => Report {
                        ok: false,
                        headline: T::ImportFailed.get(lang).to_owned(),
                        details: vec![err.to_string()],
                        diagnostics: Vec::new(),
                    },
                });
            }
            JobOutcome::Exported(count, result) => {
                self.report = Some(match result {
                    Ok(paths) => Report {
                        ok: true,
                        headline: T::ExportDone.get(lang).to_owned(),
                        details: std::iter::once(format!("{count} {}", T::AttemptCount.get(lang)))
                            .chain(paths.iter().map(|p| p.display().to_string()))
                            .collect(),
                        diagnostics: Vec::new(),
                    },
                    Err(err) => Report {
                        ok: false,
                        headline: T::ExportFailed.get(lang).to_owned(),
                        details: vec![err.to_string()],
                        diagnostics: Vec::new(),
                    },
                });
            }
        }
    }

    fn finish_install(&mut self, result: Result<Installed, InstallError>) {
        let lang = self.lang;
        match result {
            Ok(installed) => {
                let (headline, key) = match &installed.replaced {
                    Some(_) => (installed.pack.title.clone(), T::PackUpdated),
                    None => (installed.pack.title.clone(), T::PackInstalled),
                };
                let mut details = vec![format!(
                    "{} {} · {}",
                    T::Version.get(lang),
                    installed.pack.version,
                    installed.pack.id
                )];
                if let Some(old) = &installed.replaced {
                    details.push(format!("{old} → {}", installed.pack.version));
                }
                self.report = Some(Report {
                    ok: true,
                    headline: format!("{}{headline}", key.get(lang)),
                    details,
                    diagnostics: installed.warnings.clone(),
                });
                self.import.open = false;
                self.switch_pack(&installed.pack.id);
                self.installed_packs = self.library.list();
            }
            Err(err) => {
                let diagnostics = match &err {
                    InstallError::Invalid(diagnostics) => diagnostics.clone(),
                    _ => Vec::new(),
                };
                self.report = Some(Report {
                    ok: false,
                    headline: T::PackRefused.get(lang).to_owned(),
                    details: vec![err.to_string()],
                    diagnostics,
                });
            }
        }
    }

    /// Studies the installed pack `id`; a pack whose files were damaged since shows its problems.
    fn switch_pack(&mut self, id: &str) {
        let Some(entry) = self.library.get(id) else {
            return;
        };
        let dir = self.library.dir_of(&entry);
        let source = DirSource::new(&dir);
        let loaded = pack::load_installed_pack(&source);
        if self.show_pack(&dir, source, loaded, Some(id.to_owned()))
            && let Err(err) = self.library.set_current(Some(id))
        {
            log::error!("{err}");
        }
    }

    /// Studies `loaded` if it is valid, or shows its problems; true when it is now studied.
    fn show_pack(
        &mut self,
        dir: &Path,
        source: DirSource,
        loaded: pack::LoadedPack,
        installed: Option<String>,
    ) -> bool {
        let valid = loaded.is_valid();
        match loaded.pack {
            Some(pack) if valid => {
                self.view = PackView::new(Arc::new(source), pack, installed);
                self.images.clear();
                self.screen = Screen::Home;
                true
            }
            _ => {
                self.screen = Screen::PackProblems(dir.display().to_string(), loaded.diagnostics);
                false
            }
        }
    }

    fn use_builtin(&mut self) {
        self.view = PackView::builtin();
        self.images.clear();
        self.summary = None;
        self.screen = Screen::Home;
        if let Err(err) = self.library.set_current(None) {
            log::error!("{err}");
        }
    }

    fn install(&mut self, path: PathBuf) {
        let library = Library::new(&self.config.data_dir);
        self.start_job(T::InstallingPack, move |progress| {
            JobOutcome::Installed(Box::new(library.install(&path, progress)))
        });
    }

    /// Reads a question bank in the background and shows it in the import window.
    fn read_bank(&mut self, path: PathBuf) {
        self.import.open = true;
        self.start_job(T::ImportingBank, move |_| {
            let result = import::import_file(&path, None);
            JobOutcome::BankRead(path, result)
        });
    }

    /// Writes the results export for `csv_path` (and its summary and xAPI files) in the background.
    pub fn export_results(&mut self, csv_path: PathBuf) {
        // The open profile's newest attempts are read from disk with everyone else's.
        if let Some(session) = &mut self.session
            && !session.flush(Duration::from_secs(5))
        {
            log::warn!("exporting results while some changes are not saved yet");
        }
        let data_dir = self.config.data_dir.clone();
        self.start_job(T::ExportingResults, move |_| {
            let packs = Library::new(&data_dir).known_packs();
            let rows = export::rows_from_profiles(&data_dir, &packs);
            JobOutcome::Exported(rows.len(), export::export_results(&rows, &csv_path))
        });
    }

    fn remove_pack(&mut self, id: &str, forget_records: bool) {
        if forget_records && let Some(entry) = self.library.get(id) {
            let loaded = pack::load_installed_pack(&DirSource::new(self.library.dir_of(&entry)));
            if let Some(pack) = loaded.pack {
                let ids: std::collections::HashSet<String> =
                    pack.all_ids().map(|(id, _)| id).collect();
                self.study.reviews.retain(|k, _| !ids.contains(k));
                self.study.mistakes.retain(|k, _| !ids.contains(k));
                self.study.favourites.retain(|k| !ids.contains(k));
                self.save_study();
            }
            if let Some(session) = &mut self.session {
                session.forget_pack_attempts(id);
            }
        }
        let removed = self.library.remove(id);
        self.installed_packs = self.library.list();
        match removed {
            Ok(_) => {
                if self.view.installed.as_deref() == Some(id) {
                    self.use_builtin();
                    self.screen = Screen::Library;
                }
            }
            Err(err) => self.banners.push(err.to_string()),
        }
    }

    /// Hands the study state to the open profile, which saves it in the background.
    fn save_study(&mut self) {
        if let Some(session) = &mut self.session {
            session.set_study(self.study.clone());
        }
    }

    /// Notes typed text to save once typing pauses (see [`Self::save_typing_when_due`]).
    fn study_typed(&mut self) {
        self.study_edited = Some(self.config.clock.now());
    }

    /// Saves typed text once the learner has paused, or at once when `now` is true (leaving the
    /// screen, quitting); otherwise asks to be called again when the pause will be long enough.
    fn save_typing_when_due(&mut self, ctx: &egui::Context, now: bool) {
        let Some(edited) = self.study_edited else {
            return;
        };
        let waited = (self.config.clock.now() - edited).num_milliseconds();
        if now || waited >= TYPING_SAVE_DELAY_MS {
            self.study_edited = None;
            self.save_study();
            // The "saving…" note on screen was drawn before this; show "saved".
            ctx.request_repaint();
        } else {
            let left = (TYPING_SAVE_DELAY_MS - waited).max(1).unsigned_abs();
            ctx.request_repaint_after(std::time::Duration::from_millis(left));
        }
    }

    /// Whether everything typed is on disk (or on its way there).
    pub fn typing_saved(&self) -> bool {
        self.study_edited.is_none()
    }

    fn seed(&self) -> u64 {
        self.config.clock.now().timestamp_millis().unsigned_abs()
    }

    fn open_my_swot(&mut self, id: Option<u64>) {
        self.screen = Screen::MySwot(Box::new(MySwotView::new(id)));
    }

    /// Asks where to save an export and writes it there; says how it went in the banner.
    fn export(&mut self, name: &str, extension: &str, bytes: Result<Vec<u8>, String>) {
        let lang = self.lang;
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(message) => {
                self.banners.push(message);
                return;
            }
        };
        let file_name = format!("{}.{extension}", sanitize_file_name(name));
        let Some(path) = rfd::FileDialog::new()
            .set_file_name(file_name)
            .add_filter(extension.to_uppercase(), &[extension])
            .save_file()
        else {
            return;
        };
        self.banners.push(match std::fs::write(&path, bytes) {
            Ok(()) => format!("{}{}", T::Exported.get(lang), path.display()),
            Err(err) => format!("{}{} ({err})", T::ExportFailed.get(lang), path.display()),
        });
    }

    fn footer(&self) -> String {
        format!(
            "ServiceCraft · {}",
            self.config.clock.now().format("%Y-%m-%d")
        )
    }

    fn start_quiz(&mut self, title: String, mode: QuizMode, items: Vec<String>) {
        self.screen = Screen::Quiz(Box::new(QuizRun::new(
            title,
            mode,
            items,
            self.config.clock.now(),
        )));
    }

    fn show_lesson(&mut self, at: LessonRef) {
        self.screen = Screen::Lesson(at);
        self.reveal = None;
        self.tree.reveal(at);
        if let (Some(lesson), Some(session)) = (self.view.pack.lesson(at), &mut self.session) {
            let id = lesson.id.clone();
            session.update_settings(|s| s.last_lesson = Some(id));
            session.mark_studied(self.config.clock.now());
        }
    }

    fn open_pack(&mut self, path: &Path) {
        let dir = pack_dir(path);
        let source = DirSource::new(&dir);
        let loaded = pack::load_pack(&source);
        self.show_pack(&dir, source, loaded, None);
    }

    /// Hands the app settings to their saver when they changed (off the UI thread: fsync can
    /// take milliseconds on a slow disk).
    fn save_settings(&mut self) {
        for event in self.settings_saver.poll() {
            if let crate::progress::SaveEvent::Failed { path, error, .. } = event {
                log::error!("cannot save {}: {error}", path.display());
            }
        }
        if !self.settings_writable || self.settings == self.settings_saved {
            return;
        }
        self.settings_saved = self.settings.clone();
        self.settings_generation += 1;
        let path = AppSettings::path(&self.config.data_dir);
        if let Err(err) = self.settings_saver.save_ron(
            path,
            self.settings_generation,
            Arc::new(self.settings.clone()),
        ) {
            log::error!("{err}");
        }
    }

    /// The one place where user requests change the app.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        // Leaving a lesson or exercise writes its note now rather than after the pause.
        if matches!(
            command,
            Command::Home
                | Command::OpenLesson(_)
                | Command::OpenLessonAt { .. }
                | Command::NextLesson
                | Command::PrevLesson
                | Command::OpenItem(_)
                | Command::OpenNotesList
                | Command::OpenBackups
                | Command::OpenSearch
        ) && let Some(session) = &mut self.session
        {
            session.save_soon();
        }
        match command {
            Command::Home => self.screen = Screen::Home,
            Command::OpenLesson(at) => self.show_lesson(at),
            Command::OpenLessonAt { at, block } => {
                self.show_lesson(at);
                self.reveal = Some(BlockReveal::new(at, block));
            }
            Command::NextLesson | Command::PrevLesson => {
                let forward = command == Command::NextLesson;
                let next = match &self.screen {
                    Screen::Lesson(at) => self.view.pack.neighbour(*at, forward),
                    _ => self.view.pack.lessons().next().map(|(at, _)| at),
                };
                if let Some(at) = next {
                    self.show_lesson(at);
                }
            }
            Command::OpenItem(id) => match self.view.pack.get(&id) {
                Some(ItemRef::Lesson(at)) => self.show_lesson(at),
                Some(ItemRef::Question(c, q)) => {
                    let items = self
                        .view
                        .pack
                        .chapters
                        .get(c)
                        .and_then(|ch| ch.questions.get(q))
                        .map(Pack::answerable_ids)
                        .unwrap_or_default();
                    let title = self
                        .view
                        .pack
                        .practice_item(&id)
                        .map(|i| crate::ui::rich::plain(&i.title))
                        .unwrap_or_default();
                    self.start_quiz(title, QuizMode::Practice, items);
                }
                Some(ItemRef::CaseQuestion(..)) => {
                    let title = self
                        .view
                        .pack
                        .practice_item(&id)
                        .map(|i| crate::ui::rich::plain(&i.title))
                        .unwrap_or_default();
                    self.start_quiz(title, QuizMode::Practice, vec![id]);
                }
                Some(ItemRef::Flashcard(..)) => {
                    self.start_quiz(
                        T::KindFlashcard.get(self.lang).to_owned(),
                        QuizMode::Review,
                        vec![id],
                    );
                }
                Some(ItemRef::RolePlay(c, i)) => {
                    if let Some(play) = self
                        .view
                        .pack
                        .chapters
                        .get(c)
                        .and_then(|ch| ch.roleplays.get(i))
                    {
                        self.screen = Screen::RolePlay(Box::new(RolePlayView::new(play)));
                    }
                }
                Some(ItemRef::Swot(c, i)) => {
                    if let Some(exercise) =
                        self.view.pack.chapters.get(c).and_then(|ch| ch.swot.get(i))
                    {
                        self.screen =
                            Screen::Swot(Box::new(SwotView::new(exercise.clone(), self.seed())));
                    }
                }
                Some(ItemRef::Ordering(c, i)) => {
                    if let Some(exercise) = self
                        .view
                        .pack
                        .chapters
                        .get(c)
                        .and_then(|ch| ch.orderings.get(i))
                    {
                        self.screen = Screen::Ordering(Box::new(OrderingView::new(
                            exercise.clone(),
                            self.seed(),
                        )));
                    }
                }
                Some(ItemRef::Pdca(c, i)) => {
                    if let Some(exercise) =
                        self.view.pack.chapters.get(c).and_then(|ch| ch.pdca.get(i))
                    {
                        self.screen = Screen::Pdca(Box::new(PdcaView::exercise(
                            exercise.clone(),
                            self.seed(),
                        )));
                    }
                }
                Some(ItemRef::Worksheet(c, i)) => {
                    if let Some(sheet) = self
                        .view
                        .pack
                        .chapters
                        .get(c)
                        .and_then(|ch| ch.worksheets.get(i))
                    {
                        let saved = self.study.worksheets.get(&sheet.id);
                        self.screen =
                            Screen::Worksheet(Box::new(WorksheetView::new(sheet.clone(), saved)));
                    }
                }
                _ => self.screen = Screen::Item(id),
            },
            Command::OpenLessonById(id) => {
                if let Some((at, _)) = self.view.pack.lesson_by_id(&id) {
                    self.show_lesson(at);
                }
            }
            Command::RecordRolePlay { id, result } => {
                let now = self.config.clock.now();
                let answer = result
                    .path
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(",");
                #[allow(clippy::cast_precision_loss)]
                let percent = result.percent.min(100) as f32;
                self.record_progress(&id, answer, percent, 100.0, now);
                self.study.record_roleplay(&id, result);
                self.save_study();
            }
            Command::RecordExerciseScore { item, score, max } => {
                let now = self.config.clock.now();
                self.record_progress(&item, String::new(), score, max, now);
                self.study.record_exercise(&item, score, max, now);
                self.save_study();
            }
            Command::EditWorksheet {
                worksheet,
                field,
                text,
            } => {
                self.study.set_worksheet_field(&worksheet, &field, &text);
                self.study_typed();
            }
            Command::OpenMySwot(id) => self.open_my_swot(id),
            Command::NewMySwotFromCase(exercise_id) => {
                let exercise = match self.view.pack.get(&exercise_id) {
                    Some(ItemRef::Swot(c, i)) => {
                        self.view.pack.chapters.get(c).and_then(|ch| ch.swot.get(i))
                    }
                    _ => None,
                };
                if let Some(exercise) = exercise {
                    let now = self.config.clock.now();
                    let id = crate::model::my_swot::fresh_id(&self.study.my_swot, now);
                    self.study
                        .save_my_swot(crate::model::my_swot::MySwot::from_case(id, exercise, now));
                    self.save_study();
                    self.open_my_swot(Some(id));
                }
            }
            Command::SaveMySwot(swot) => {
                self.study.save_my_swot(swot);
                self.study_typed();
            }
            Command::DeleteMySwot(id) => {
                self.study.delete_my_swot(id);
                self.save_study();
            }
            Command::OpenPdcaDiagram => self.screen = Screen::Pdca(Box::new(PdcaView::diagram())),
            Command::ExportMySwotPng(id) => {
                if let Some(swot) = self.study.my_swot.iter().find(|s| s.id == id).cloned() {
                    let lang = self.lang;
                    let footer = self.footer();
                    let user_font = self.settings.font_path.clone();
                    let faces = self
                        .export_faces
                        .get_or_insert_with(|| fonts::export_faces(user_font.as_deref()));
                    let bytes = crate::export::picture::render_my_swot(&swot, faces, lang, &footer)
                        .and_then(|picture| crate::export::picture::encode_png(&picture))
                        .map_err(|err| match err {
                            crate::export::picture::PictureError::NoChineseFont => {
                                T::ExportNoFont.get(lang).to_owned()
                            }
                            other => format!("{}{other}", T::ExportFailed.get(lang)),
                        });
                    self.export(&swot.title, "png", bytes);
                }
            }
            Command::ExportMySwotMarkdown(id) => {
                if let Some(swot) = self.study.my_swot.iter().find(|s| s.id == id).cloned() {
                    let text = crate::export::my_swot_markdown(&swot, self.lang, &self.footer());
                    self.export(&swot.title, "md", Ok(text.into_bytes()));
                }
            }
            Command::ExportWorksheet(id) => {
                if let Some(ItemRef::Worksheet(c, i)) = self.view.pack.get(&id)
                    && let Some(sheet) = self
                        .view
                        .pack
                        .chapters
                        .get(c)
                        .and_then(|ch| ch.worksheets.get(i))
                        .cloned()
                {
                    let text = crate::export::worksheet_markdown(
                        &sheet,
                        self.study.worksheets.get(&id),
                        self.lang,
                        &self.footer(),
                    );
                    self.export(&sheet.title, "md", Ok(text.into_bytes()));
                }
            }
            Command::SetReduceMotion(reduce) => {
                self.settings.reduce_motion = reduce;
                apply_motion(ctx, reduce);
            }
            Command::ShowPractice => self.screen = Screen::Practice,
            Command::ShowMistakes => self.screen = Screen::Mistakes,
            Command::StartQuiz { title, mode, items } => self.start_quiz(title, mode, items),
            Command::StartExam(spec) => {
                let now = self.config.clock.now();
                let paper = assemble(&self.view.pack, &spec, now.timestamp().unsigned_abs());
                self.screen = Screen::Exam(Box::new(ExamView::new(ExamSession::new(paper, now))));
            }
            Command::RecordAnswer {
                item,
                response,
                grade,
                started,
            } => {
                self.record_progress(
                    &item,
                    response.record_text(),
                    grade.score,
                    grade.max,
                    started,
                );
                self.study
                    .record_answer(&item, &grade, self.config.clock.now());
                self.save_study();
            }
            Command::RecordRecall { item, recall } => {
                self.study
                    .record_recall(&item, recall, self.config.clock.now());
                self.save_study();
            }
            Command::ToggleFavourite(item) => {
                self.study.toggle_favourite(&item);
                self.save_study();
            }
            Command::RemoveMistake(item) => {
                self.study.remove_mistake(&item);
                self.save_study();
            }
            Command::ExamFinished(report) => {
                let now = self.config.clock.now();
                let started = match &self.screen {
                    Screen::Exam(exam) => exam.session.started,
                    _ => now,
                };
                for result in &report.results {
                    self.record_progress(
                        &result.id,
                        String::new(),
                        result.grade.score,
                        result.grade.max,
                        started,
                    );
                    self.study.record_answer(&result.id, &result.grade, now);
                }
                self.save_study();
            }
            Command::SetLanguage(lang) => {
                self.lang = lang;
                self.settings.language = Some(lang);
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                apply_theme(ctx, theme);
            }
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => {
                let zoom = match command {
                    Command::ZoomIn => self.zoom(ctx) + 0.1,
                    Command::ZoomOut => self.zoom(ctx) - 0.1,
                    _ => 1.0,
                };
                self.set_zoom(ctx, zoom.clamp(0.5, 3.0));
            }
            Command::ChooseFontFile => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter(
                        T::FontFileFilter.get(self.lang),
                        &["ttf", "otf", "ttc", "otc"],
                    )
                    .pick_file()
                {
                    match fonts::read_font_file(&path) {
                        Ok(bytes) => {
                            fonts::install_font_bytes(ctx, bytes);
                            self.missing_cjk.clear();
                            self.export_faces = None;
                            self.settings.font_path = Some(path);
                        }
                        Err(err) => {
                            self.banners.push(format!(
                                "{}{} ({err})",
                                T::FontLoadFailed.get(self.lang),
                                path.display()
                            ));
                        }
                    }
                }
            }
            Command::ClearFontFile => {
                self.settings.font_path = None;
                self.export_faces = None;
            }
            Command::OpenPackDialog => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title(T::OpenPack.get(self.lang))
                    .add_filter(T::PackFileFilter.get(self.lang), &["zip", "ron"])
                    .pick_file()
                {
                    self.install(path);
                }
            }
            Command::OpenPackFolderDialog => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title(T::OpenPackFolder.get(self.lang))
                    .pick_folder()
                {
                    self.install(path);
                }
            }
            Command::OpenPackAt(path) => self.open_pack(&path),
            Command::InstallPack(path) => self.install(path),
            Command::ShowLibrary => {
                self.installed_packs = self.library.list();
                self.screen = Screen::Library;
            }
            Command::SwitchPack(id) => self.switch_pack(&id),
            Command::RemovePack { id, forget_records } => self.remove_pack(&id, forget_records),
            Command::DismissReport => self.report = None,
            Command::ShowImport(open) => self.import.open = open,
            Command::ImportChooseFile => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter(T::BankFileFilter.get(self.lang), &import::EXTENSIONS)
                    .pick_file()
                {
                    self.read_bank(path);
                }
            }
            Command::ImportFile(path) => self.read_bank(path),
            Command::ImportInstall(meta) => {
                if let Some(parsed) = &self.import.parsed {
                    let questions = parsed.result.questions.clone();
                    let library = Library::new(&self.config.data_dir);
                    self.start_job(T::InstallingPack, move |progress| {
                        JobOutcome::Installed(Box::new(
                            library.install_questions(&meta, &questions, progress),
                        ))
                    });
                }
            }
            Command::ImportSaveFolder(meta) => {
                if let Some(parsed) = &self.import.parsed
                    && let Some(dir) = rfd::FileDialog::new().pick_folder()
                {
                    let questions = parsed.result.questions.clone();
                    self.start_job(T::ImportingBank, move |_| {
                        let result = import::write_pack(&dir, &meta, &questions);
                        JobOutcome::Saved(dir, result)
                    });
                }
            }
            Command::ExportResultsDialog => {
                let name = format!("results-{}.csv", self.config.clock.now().format("%Y%m%d"));
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("CSV", &["csv"])
                    .set_file_name(name)
                    .save_file()
                {
                    self.export_results(path);
                }
            }
            Command::UseBuiltin => self.use_builtin(),
            Command::DismissBanner => {
                if !self.banners.is_empty() {
                    self.banners.remove(0);
                }
            }
            Command::ShowAbout(show) => self.show_about = show,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::SelectProfile(folder) => self.select_profile(&folder, false),
            Command::CreateProfile { name, avatar } => self.create_profile(&name, avatar),
            Command::SwitchProfile => {
                self.close_session();
                self.refresh_profiles();
            }
            Command::EditNote { id, text } => {
                if let Some(session) = &mut self.session {
                    session.set_note(&id, &text, self.config.clock.now());
                }
            }
            Command::ShowNotes(show) => {
                if let Some(session) = &mut self.session {
                    session.update_settings(|s| s.notes_open = show);
                }
            }
            Command::FocusNotes => {
                if let Some(session) = &mut self.session {
                    session.update_settings(|s| s.notes_open = true);
                    self.notes_panel.focus();
                }
            }
            Command::OpenNotesList => self.screen = Screen::Notes,
            Command::OpenSearch => {
                if !matches!(self.screen, Screen::Search) {
                    self.before_search = Some(std::mem::replace(&mut self.screen, Screen::Search));
                }
                self.search.focus();
                // The field takes the cursor when it is drawn, on the next frame.
                ctx.request_repaint();
            }
            Command::CloseSearch => {
                self.screen = self.before_search.take().unwrap_or(Screen::Home);
            }
            Command::ExportNotes => {
                let name = self
                    .session
                    .as_ref()
                    .map_or_else(String::new, |s| s.profile().name.clone());
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Markdown", &["md"])
                    .set_file_name(format!(
                        "ServiceCraft-{}-{name}.md",
                        T::Notes.get(self.lang)
                    ))
                    .save_file()
                {
                    self.export_notes(&path);
                }
            }
            Command::ExportNotesTo(path) => self.export_notes(&path),
            Command::SetLessonDone { lesson, done } => {
                if let Some(session) = &mut self.session {
                    session.set_lesson_done(&lesson, done);
                    session.mark_studied(self.config.clock.now());
                    // Saved at once: a finished lesson is a milestone, not a keystroke.
                    session.save_soon();
                }
            }
            Command::OpenBackups => {
                if let Some(session) = &mut self.session {
                    session.refresh_backups();
                }
                self.screen = Screen::Backups;
            }
            Command::BackupNow => {
                if let Some(session) = &mut self.session {
                    session.queue_backup(BackupKind::Manual);
                }
            }
            Command::AskRestore(name) => self.confirm_restore = name,
            Command::RestoreBackup(name) => {
                self.confirm_restore = None;
                if let Some(session) = &mut self.session {
                    let taken = session
                        .backups()
                        .iter()
                        .find(|b| b.name == name)
                        .map_or_else(|| name.clone(), when);
                    match session.restore(&name) {
                        Ok(kept) => {
                            let kept = crate::progress::backup::parse_name(&kept)
                                .map_or(kept.clone(), |(at, _)| {
                                    at.format("%Y-%m-%d %H:%M:%S").to_string()
                                });
                            self.banners
                                .push(T::Restored.fmt(self.lang, &[&taken, &kept]));
                            for notice in session.take_notices() {
                                self.banners.push(notice_text(&notice, self.lang));
                            }
                        }
                        Err(err) => self
                            .banners
                            .push(T::RestoreFailed.fmt(self.lang, &[&err.to_string()])),
                    }
                    self.study = session.study().clone();
                    self.study_edited = None;
                    self.notes_panel.reset();
                    self.summary = None;
                }
            }
            Command::RetrySave => {
                if let Some(session) = &mut self.session
                    && session.flush(Duration::from_secs(2))
                {
                    self.exit_blocked = None;
                }
            }
            Command::QuitAnyway => {
                self.quitting = true;
                self.exit_blocked = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::ShowHelp(show) => self.show_help = show,
            Command::ConfirmLanguage => {
                self.settings.language = Some(self.lang);
                self.welcome = None;
                self.tour_after_welcome = !self.settings.tour_done;
            }
            Command::StartTour => {
                self.show_help = false;
                self.tour = Some(Tour::default());
            }
            Command::TourStep(step) => self.tour = Some(Tour::at(step)),
            Command::EndTour => {
                self.tour = None;
                self.settings.tour_done = true;
            }
            Command::SetPresentation(on) if on != self.presenting => {
                let zoom = if on {
                    self.zoom(ctx) * PRESENTATION_ZOOM
                } else {
                    self.zoom(ctx) / PRESENTATION_ZOOM
                };
                // The presenter's own size stays what it was; only the enlargement comes and goes.
                self.presenting = on;
                self.set_zoom(ctx, zoom.clamp(0.5, 3.0 * PRESENTATION_ZOOM));
            }
            Command::SetPresentation(_) => {}
        }
        if !matches!(self.screen, Screen::Search) {
            self.before_search = None;
        }
        self.settings.text_scale = self.own_zoom(ctx);
        self.save_settings();
    }

    /// The zoom in effect, counting one set earlier in this frame.
    fn zoom(&self, ctx: &egui::Context) -> f32 {
        self.zoom_set.unwrap_or_else(|| ctx.zoom_factor())
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        ctx.set_zoom_factor(zoom);
        self.zoom_set = Some(zoom);
    }

    /// The learner's text size, without presentation mode's enlargement.
    fn own_zoom(&self, ctx: &egui::Context) -> f32 {
        if self.presenting {
            self.zoom(ctx) / PRESENTATION_ZOOM
        } else {
            self.zoom(ctx)
        }
    }

    /// Whether a dialog is open that Esc should close first.
    fn dialog_open(&self) -> bool {
        self.show_help
            || self.tour.is_some()
            || self.report.is_some()
            || self.exit_blocked.is_some()
            || self.show_about
    }

    fn export_notes(&mut self, path: &Path) {
        let Some(session) = &self.session else {
            return;
        };
        let markdown = notes_markdown(
            &self.view.pack,
            session.notes(),
            &session.profile().name,
            self.lang,
            self.config.clock.now(),
        );
        let message = match save_atomic(path, markdown.as_bytes()) {
            Ok(()) => T::NotesExported.fmt(self.lang, &[&path.display().to_string()]),
            Err(err) => format!("{}{err}", T::ExportFailed.get(self.lang)),
        };
        self.banners.push(message);
    }

    /// What the notes panel is about: the open lesson or exercise.
    fn note_target(&self) -> Option<(String, String)> {
        match &self.screen {
            Screen::Lesson(at) => self
                .view
                .pack
                .lesson(*at)
                .map(|l| (l.id.clone(), l.title.clone())),
            Screen::Item(id) => self.view.pack.practice_item(id).map(|item| {
                let title: String = crate::text::plain(&item.title).chars().take(40).collect();
                (id.clone(), title)
            }),
            _ => None,
        }
    }

    fn shortcuts(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let mut commands = Vec::new();
        // The search screen uses Esc itself, to go back to where the search was opened.
        let escape_is_free = self.presenting
            && !self.dialog_open()
            && !egui::Popup::is_any_open(ctx)
            && !matches!(self.screen, Screen::Search);
        ctx.input_mut(|input| {
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::ArrowRight)) {
                commands.push(Command::NextLesson);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::ArrowLeft)) {
                commands.push(Command::PrevLesson);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::Home)) {
                commands.push(Command::Home);
            }
            if self.session.is_some() && input.consume_shortcut(&help::NOTE) {
                commands.push(Command::FocusNotes);
            }
            if input.consume_shortcut(&help::HELP) {
                commands.push(Command::ShowHelp(!self.show_help));
            }
            if self.session.is_some()
                && (input.consume_shortcut(&help::PRESENT)
                    || input.consume_shortcut(&help::PRESENT_ALT))
            {
                commands.push(Command::SetPresentation(!self.presenting));
            }
            // Esc closes an open dialog first (the dialog sees it); only then leaves presenting.
            if escape_is_free && input.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::SetPresentation(false));
            }
            if self.session.is_some() && input.consume_shortcut(&help::SEARCH) {
                commands.push(Command::OpenSearch);
            }
        });
        commands
    }

    fn menu_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let lang = self.lang;
        let mut commands = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(T::MenuFile.get(lang), |ui| {
                for (command, label) in [
                    (Command::OpenPackDialog, T::OpenPack),
                    (Command::OpenPackFolderDialog, T::OpenPackFolder),
                    (Command::ShowLibrary, T::PackLibrary),
                    (Command::ShowImport(true), T::ImportBank),
                    (Command::ExportResultsDialog, T::ExportResults),
                ] {
                    if ui.button(label.get(lang)).clicked() {
                        commands.push(command);
                    }
                }
                if ui.button(T::UseBuiltin.get(lang)).clicked() {
                    commands.push(Command::UseBuiltin);
                }
                if self.session.is_some() {
                    ui.separator();
                    if ui.button(T::ExportNotes.get(lang)).clicked() {
                        commands.push(Command::ExportNotes);
                    }
                    if ui.button(T::Backups.get(lang)).clicked() {
                        commands.push(Command::OpenBackups);
                    }
                    ui.separator();
                    if ui.button(T::SwitchProfile.get(lang)).clicked() {
                        commands.push(Command::SwitchProfile);
                    }
                }
                ui.separator();
                if ui.button(T::Quit.get(lang)).clicked() {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button(T::MenuView.get(lang), |ui| {
                ui.menu_button(T::Language.get(lang), |ui| {
                    for option in Lang::ALL {
                        if ui.radio(lang == option, option.native_name()).clicked() {
                            commands.push(Command::SetLanguage(option));
                            // A radio does not close its menu as a button does; the choice is made.
                            ui.close_kind(egui::UiKind::Menu);
                        }
                    }
                });
                ui.menu_button(T::Theme.get(lang), |ui| {
                    for (theme, label) in [
                        (ThemePref::System, T::ThemeSystem),
                        (ThemePref::Light, T::ThemeLight),
                        (ThemePref::Dark, T::ThemeDark),
                    ] {
                        if ui
                            .radio(self.settings.theme == theme, label.get(lang))
                            .clicked()
                        {
                            commands.push(Command::SetTheme(theme));
                            ui.close_kind(egui::UiKind::Menu);
                        }
                    }
                });
                if let Some(session) = &self.session {
                    let mut open = session.settings().notes_open;
                    if ui.checkbox(&mut open, T::ShowNotes.get(lang)).changed() {
                        commands.push(Command::ShowNotes(open));
                    }
                    let mut presenting = self.presenting;
                    let label = format!(
                        "{}{}",
                        T::PresentationMode.get(lang),
                        crate::i18n::paren(lang, &ui.ctx().format_shortcut(&help::PRESENT))
                    );
                    if ui.checkbox(&mut presenting, label).changed() {
                        commands.push(Command::SetPresentation(presenting));
                        ui.close_kind(egui::UiKind::Menu);
                    }
                }
                ui.separator();
                for (command, label) in [
                    (Command::ZoomIn, T::TextBigger),
                    (Command::ZoomOut, T::TextSmaller),
                    (Command::ZoomReset, T::TextReset),
                ] {
                    if ui.button(label.get(lang)).clicked() {
                        commands.push(command);
                    }
                }
                let mut reduce = self.settings.reduce_motion;
                if ui
                    .checkbox(&mut reduce, T::ReduceMotion.get(lang))
                    .changed()
                {
                    commands.push(Command::SetReduceMotion(reduce));
                }
                ui.separator();
                if ui.button(T::ChooseFont.get(lang)).clicked() {
                    commands.push(Command::ChooseFontFile);
                }
                if self.settings.font_path.is_some() && ui.button(T::ClearFont.get(lang)).clicked()
                {
                    commands.push(Command::ClearFontFile);
                }
            });
            let help_menu = ui.menu_button(T::MenuHelp.get(lang), |ui| {
                let help = egui::Button::new(T::HelpAndShortcuts.get(lang))
                    .shortcut_text(ui.ctx().format_shortcut(&help::HELP));
                if ui.add(help).clicked() {
                    commands.push(Command::ShowHelp(true));
                }
                if self.session.is_some() && ui.button(T::TakeTour.get(lang)).clicked() {
                    commands.push(Command::StartTour);
                }
                if ui.button(T::About.get(lang)).clicked() {
                    commands.push(Command::ShowAbout(true));
                }
            });
            mark_area(ui.ctx(), TourArea::Help, help_menu.response.rect);
            if self.session.is_some() {
                ui.separator();
                let mut practice_rect = egui::Rect::NOTHING;
                for (command, label, active) in [
                    (Command::Home, T::Home, matches!(self.screen, Screen::Home)),
                    (
                        Command::ShowPractice,
                        T::PracticeCenter,
                        matches!(
                            self.screen,
                            Screen::Practice | Screen::Quiz(_) | Screen::Exam(_)
                        ),
                    ),
                    (
                        Command::ShowMistakes,
                        T::Mistakes,
                        matches!(self.screen, Screen::Mistakes),
                    ),
                    (
                        Command::OpenNotesList,
                        T::AllNotes,
                        matches!(self.screen, Screen::Notes),
                    ),
                    (
                        Command::ShowLibrary,
                        T::PackLibrary,
                        matches!(self.screen, Screen::Library),
                    ),
                ] {
                    let response = ui.selectable_label(active, label.get(lang));
                    if matches!(command, Command::ShowPractice | Command::ShowMistakes) {
                        practice_rect = practice_rect.union(response.rect);
                    }
                    if response.clicked() {
                        commands.push(command);
                    }
                }
                let searching = matches!(self.screen, Screen::Search);
                let search = ui
                    .selectable_label(searching, T::Search.get(lang))
                    .on_hover_text(T::OpenSearch.get(lang));
                search.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::Button,
                        true,
                        searching,
                        T::OpenSearch.get(lang),
                    )
                });
                if search.clicked() {
                    commands.push(Command::OpenSearch);
                }
                mark_area(ui.ctx(), TourArea::Practice, practice_rect);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(&self.view.pack.manifest.title).strong());
            });
        });
        commands
    }

    fn status_ui(&self, ui: &mut Ui) {
        let lang = self.lang;
        let counts = &self.view.counts;
        ui.horizontal(|ui| {
            let where_ = match &self.screen {
                Screen::Quiz(run) => Some(run.title.clone()),
                Screen::Lesson(at) => self.view.pack.lesson(*at).map(|l| l.title.clone()),
                _ => None,
            };
            // The right side first; the title gets what is left and is cut short, not overlapped.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(session) = &self.session {
                    let (text, color) = match session.status() {
                        SaveStatus::Saved => (T::StatusSaved, ui.visuals().weak_text_color()),
                        SaveStatus::Pending => (T::StatusSaving, ui.visuals().weak_text_color()),
                        SaveStatus::Failing { .. } => {
                            (T::StatusSaveFailed, ui.visuals().error_fg_color)
                        }
                    };
                    ui.label(RichText::new(text.get(lang)).color(color));
                    let profile = session.profile();
                    ui.label("·");
                    ui.label(RichText::new(&profile.name).strong());
                    crate::ui::avatar::avatar_ui(
                        ui,
                        &profile.name,
                        profile.avatar.as_deref(),
                        18.0,
                    );
                }
                // Enlarged for a class, the counts would crowd out the hint on leaving.
                if !self.presenting {
                    ui.label(RichText::new(crate::ui::library::counts_line(counts, lang)).weak());
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    if self.presenting {
                        ui.label(RichText::new(T::PresentationHint.get(lang)).strong());
                    }
                    let text = where_.unwrap_or_else(|| T::StatusReady.get(lang).to_owned());
                    ui.add(egui::Label::new(text).truncate());
                });
            });
        });
    }

    /// The dashboard figures, recomputed when the progress, the pack or the minute changes.
    fn summary(&mut self) -> Option<Arc<Summary>> {
        let session = self.session.as_ref()?;
        let now = self.config.clock.now();
        let key = (
            session.folder().to_owned(),
            session.generation(),
            Arc::as_ptr(&self.view.pack) as usize,
            now.timestamp() / 60,
        );
        if self.summary.as_ref().is_none_or(|(k, _)| *k != key) {
            let summary =
                Summary::compute(&self.view.pack, session.progress(), session.study(), now);
            self.summary = Some((key, Arc::new(summary)));
        }
        self.summary.as_ref().map(|(_, s)| Arc::clone(s))
    }

    fn problems_ui(&self, ui: &mut Ui, path: &str, problems: &[Diagnostic]) -> Vec<Command> {
        let lang = self.lang;
        let mut commands = Vec::new();
        reading_column(ui, |ui| {
            ui.add_space(16.0);
            ui.label(
                RichText::new(T::PackProblems.get(lang))
                    .size(22.0)
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            ui.label(path);
            ui.label(T::PackProblemsHelp.get(lang));
            ui.add_space(8.0);
            egui::ScrollArea::vertical()
                .max_height(ui.available_height() - 48.0)
                .show(ui, |ui| {
                    for problem in problems {
                        ui.add(
                            egui::Label::new(RichText::new(problem.to_string()).monospace()).wrap(),
                        );
                    }
                });
            ui.add_space(8.0);
            if ui.button(T::UseBuiltin.get(lang)).clicked() {
                commands.push(Command::UseBuiltin);
            }
        });
        commands
    }

    /// A modal with a progress bar while a job runs; the window keeps drawing meanwhile.
    fn job_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let Some(job) = &self.job else {
            return Vec::new();
        };
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
        egui::Modal::new(egui::Id::unique("job-progress")).show(ctx, |ui| {
            ui.set_width(360.0);
            ui.label(RichText::new(job.title.get(self.lang)).strong());
            ui.add_space(6.0);
            match job.progress.fraction() {
                Some(fraction) => {
                    ui.add(egui::ProgressBar::new(fraction).show_percentage());
                }
                None => {
                    ui.add(egui::ProgressBar::new(0.0).animate(true));
                }
            }
        });
        Vec::new()
    }

    /// The report of the last install, import or export: what happened, and every problem with
    /// its `file:line:col`.
    fn report_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(report) = &self.report else {
            return commands;
        };
        let lang = self.lang;
        let modal = egui::Modal::new(egui::Id::unique("pack-report")).show(ctx, |ui| {
            ui.set_width(640.0_f32.min(ctx.content_rect().width() - 80.0));
            let color = if report.ok {
                ui.visuals().text_color()
            } else {
                ui.visuals().error_fg_color
            };
            ui.label(
                RichText::new(&report.headline)
                    .size(18.0)
                    .strong()
                    .color(color),
            );
            for line in &report.details {
                ui.add(egui::Label::new(line).wrap());
            }
            if !report.diagnostics.is_empty() {
                ui.add_space(6.0);
                if report.ok {
                    ui.label(T::PackWarnings.get(lang));
                } else {
                    ui.label(T::PackProblemsHelp.get(lang));
                }
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() * 0.5)
                    .show(ui, |ui| {
                        for problem in &report.diagnostics {
                            let color = if problem.is_error() {
                                ui.visuals().error_fg_color
                            } else {
                                ui.visuals().warn_fg_color
                            };
                            ui.add(
                                egui::Label::new(
                                    RichText::new(problem.to_string()).monospace().color(color),
                                )
                                .wrap(),
                            );
                        }
                    });
            }
            ui.add_space(8.0);
            if ui.button(T::ReportClose.get(lang)).clicked() {
                commands.push(Command::DismissReport);
            }
        });
        if modal.should_close() && commands.is_empty() {
            commands.push(Command::DismissReport);
        }
        commands
    }

    fn banner_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let lang = self.lang;
        let mut commands = Vec::new();
        let font_missing = self.missing_cjk.is_missing() && self.settings.font_path.is_none();
        let failing = match self.session.as_ref().map(ProfileSession::status) {
            Some(SaveStatus::Failing { file, error }) => Some((file, error)),
            _ => None,
        };
        if self.banners.is_empty() && !font_missing && failing.is_none() {
            return commands;
        }
        if let Some((file, error)) = failing {
            // Not dismissable: it stays until a save succeeds.
            egui::Frame::new()
                .fill(ui.visuals().error_fg_color.gamma_multiply(0.18))
                .inner_margin(egui::Margin::symmetric(12, 8))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(
                                T::SaveFailed.fmt(lang, &[&file.display().to_string(), &error]),
                            )
                            .color(ui.visuals().error_fg_color)
                            .strong(),
                        );
                        if ui.button(T::RetryNow.get(lang)).clicked() {
                            commands.push(Command::RetrySave);
                        }
                    });
                });
        }
        if self.banners.is_empty() && !font_missing {
            return commands;
        }
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .inner_margin(egui::Margin::symmetric(12, 8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                if let Some(message) = self.banners.first() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(message);
                        if self.banners.len() > 1 {
                            ui.label(RichText::new(format!("(1/{})", self.banners.len())).weak());
                        }
                        if ui.button(T::Dismiss.get(lang)).clicked() {
                            commands.push(Command::DismissBanner);
                        }
                    });
                }
                if font_missing {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(T::NoCjkFont.get(lang));
                        if ui.button(T::ChooseFont.get(lang)).clicked() {
                            commands.push(Command::ChooseFontFile);
                        }
                    });
                }
            });
        commands
    }

    /// The study layout: syllabus on the left, notes on the right, the screen in the middle.
    fn study_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let lang = self.lang;
        let current = match &self.screen {
            Screen::Lesson(at) => Some(*at),
            _ => None,
        };
        let pack = Arc::clone(&self.view.pack);
        let empty = std::collections::BTreeSet::new();
        let done = self
            .session
            .as_ref()
            .map_or(&empty, |s| &s.progress().lessons_done);
        // Presenting to a class, the lesson gets the whole width.
        if !self.presenting {
            let tree = egui::Panel::left("syllabus")
                .resizable(true)
                .default_size(300.0)
                .min_size(200.0)
                .show(ui, |ui| {
                    commands.extend(self.tree.ui(ui, &pack, current, done, lang));
                });
            mark_area(ui.ctx(), TourArea::Tree, tree.response.rect);
        }
        // The notes screen is the notes, search lists them, and backups have none: no panel beside
        // them.
        let notes_open = self
            .session
            .as_ref()
            .is_some_and(|s| s.settings().notes_open)
            && !matches!(
                self.screen,
                Screen::Notes | Screen::Backups | Screen::Search
            )
            && !self.presenting;
        if notes_open && let Some(session) = &self.session {
            let target = self.note_target();
            let panel = egui::Panel::right("notes")
                .resizable(true)
                .default_size(320.0)
                .min_size(220.0)
                .show(ui, |ui| {
                    commands.extend(
                        self.notes_panel.ui(
                            ui,
                            target
                                .as_ref()
                                .map(|(id, title)| NoteTargetView { id, title }),
                            session.notes(),
                            session.writable(crate::progress::session::Doc::Notes),
                            &session.status(),
                            lang,
                        ),
                    );
                });
            mark_area(ui.ctx(), TourArea::Notes, panel.response.rect);
        }
        // Computed before the panel borrows the app.
        let summary = self.summary();
        let central = egui::CentralPanel::default().show(ui, |ui| {
            commands.extend(self.banner_ui(ui));
            // The screen is taken out while it draws so it can borrow the rest of the app.
            let mut screen = std::mem::replace(&mut self.screen, Screen::Home);
            let now = self.config.clock.now();
            let session = self.session.as_ref();
            let more = match &mut screen {
                Screen::Home => match (&summary, session) {
                    (Some(summary), Some(session)) => HomeView {
                        pack: &pack,
                        summary,
                        profile_name: &session.profile().name,
                        profile_avatar: session.profile().avatar.as_deref(),
                        last_lesson: session.settings().last_lesson.as_deref(),
                        lang,
                    }
                    .ui(ui),
                    _ => Vec::new(),
                },
                Screen::Lesson(at) => {
                    let done = pack
                        .lesson(*at)
                        .is_some_and(|l| session.is_some_and(|s| s.progress().lesson_done(&l.id)));
                    LessonView {
                        pack: &pack,
                        source: &self.view.source,
                        images: &mut self.images,
                        lang,
                        done,
                        reveal: self.reveal.as_mut().filter(|r| r.at == *at),
                    }
                    .ui(ui, *at)
                }
                Screen::Item(id) => ItemView { lang }.ui(ui, id),
                Screen::PackProblems(path, problems) => self.problems_ui(ui, path, problems),
                Screen::Notes => match session {
                    Some(session) => self.notes_list.ui(ui, &pack, session.notes(), lang),
                    None => Vec::new(),
                },
                Screen::Search => match session {
                    Some(session) => self.search.ui(ui, &pack, session.notes(), lang),
                    None => Vec::new(),
                },
                Screen::Backups => match session {
                    Some(session) => BackupsView {
                        backups: session.backups(),
                        folder: &crate::progress::backup::backups_dir(session.dir()),
                        confirming: self.confirm_restore.as_deref(),
                        last_error: session.last_backup_error(),
                        lang,
                    }
                    .ui(ui),
                    None => Vec::new(),
                },
                Screen::Practice => {
                    let queue = summary.as_ref().map_or(&[][..], |s| &s.review_queue[..]);
                    self.practice
                        .ui(ui, &pack, &self.study, queue, self.lang, now)
                }
                Screen::Quiz(run) => QuizView {
                    pack: &pack,
                    study: &self.study,
                    lang: self.lang,
                    now,
                }
                .ui(ui, run),
                Screen::Exam(exam) => exam.ui(ui, &pack, self.lang, now),
                Screen::Mistakes => mistakes_ui(ui, &pack, &self.study, self.lang),
                Screen::RolePlay(view) => match roleplay_of(&pack, &view.id) {
                    Some(play) => view.ui(
                        ui,
                        play,
                        &self.view.source,
                        &mut self.images,
                        self.lang,
                        now,
                    ),
                    None => Vec::new(),
                },
                Screen::Swot(view) => view.ui(ui, &pack, &self.study, self.lang),
                Screen::Ordering(view) => view.ui(ui, &pack, &self.study, self.lang),
                Screen::Pdca(view) => view.ui(
                    ui,
                    &pack,
                    &self.study,
                    self.lang,
                    self.settings.reduce_motion,
                ),
                Screen::Worksheet(view) => view.ui(
                    ui,
                    &pack,
                    &self.study,
                    self.lang,
                    self.study_edited.is_none(),
                ),
                Screen::MySwot(view) => {
                    view.ui(ui, &self.study, self.lang, now, self.study_edited.is_none())
                }
                Screen::Library => {
                    let (title, version, counts) = builtin_summary();
                    self.library_view.ui(
                        ui,
                        &BuiltinInfo {
                            title,
                            version,
                            counts,
                        },
                        &self.installed_packs,
                        self.view.installed.as_deref(),
                        self.lang,
                    )
                }
            };
            self.screen = screen;
            commands.extend(more);
        });
        mark_area(ui.ctx(), TourArea::Reading, central.response.rect);
        commands
    }

    /// Closing while changes cannot be written: hold the close and ask (once per attempt).
    fn guard_close(&mut self, ctx: &egui::Context) {
        if self.quitting || !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        let Some(session) = &mut self.session else {
            return;
        };
        if session.flush(Duration::from_secs(2)) {
            return;
        }
        if let SaveStatus::Failing { error, .. } = session.status() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.exit_blocked = Some(error);
        }
    }

    fn exit_dialog_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(error) = &self.exit_blocked else {
            return commands;
        };
        let lang = self.lang;
        egui::Modal::new(egui::Id::unique("unsaved-on-exit")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.label(
                RichText::new(T::UnsavedOnExit.get(lang))
                    .strong()
                    .size(18.0),
            );
            ui.add(egui::Label::new(T::UnsavedOnExitText.fmt(lang, &[error])).wrap());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(T::RetryNow.get(lang)).clicked() {
                    commands.push(Command::RetrySave);
                }
                if ui.button(T::QuitAnyway.get(lang)).clicked() {
                    commands.push(Command::QuitAnyway);
                }
            });
        });
        commands
    }
}

impl eframe::App for ServiceCraftApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.guard_close(&ctx);
        self.poll_job();
        self.poll_opening();
        if let Some(session) = &mut self.session {
            if let Some(wait) = session.tick(Instant::now()) {
                ctx.request_repaint_after(wait);
            }
            for notice in session.take_notices() {
                self.banners.push(notice_text(&notice, self.lang));
            }
        }
        // A zoom set last frame is in effect now.
        self.zoom_set = None;
        focus::scroll_focus_into_view(&ctx);
        let mut commands = self.shortcuts(&ctx);
        egui::Panel::top("menu").show(ui, |ui| commands.extend(self.menu_ui(ui)));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if let Some(welcome) = &mut self.welcome {
            egui::CentralPanel::default().show(ui, |ui| {
                commands.extend(welcome.ui(ui, self.lang));
            });
        } else if let Some(opening) = &self.opening {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height() / 3.0);
                    ui.add(egui::Spinner::new().size(36.0));
                    ui.add_space(8.0);
                    ui.label(
                        RichText::new(T::OpeningProfile.fmt(self.lang, &[&opening.name]))
                            .size(18.0),
                    );
                });
            });
        } else if self.session.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                commands.extend(self.banner_ui(ui));
                commands.extend(self.picker.ui(ui, self.lang));
            });
        } else {
            if std::mem::take(&mut self.tour_after_welcome) {
                self.tour = Some(Tour::default());
            }
            commands.extend(self.study_ui(ui));
            if let Some(tour) = &mut self.tour {
                commands.extend(tour.ui(&ctx, self.lang));
            }
        }
        if self.show_help {
            commands.extend(help_ui(&ctx, self.lang, self.session.is_some()));
        }
        commands.extend(self.exit_dialog_ui(&ctx));
        commands.extend(self.import.ui(&ctx, self.lang));
        commands.extend(self.job_ui(&ctx));
        commands.extend(self.report_ui(&ctx));
        commands.extend(drop_ui(&ctx, self.lang, self.job.is_none()));
        if self.show_about {
            commands.extend(help::about_dialog_ui(&ctx, self.lang));
        }
        focus::focus_ring_ui(&ctx);
        let screen_before = std::mem::discriminant(&self.screen);
        for command in commands {
            self.apply(&ctx, command);
        }
        // Leaving a screen with typing on it saves at once; otherwise after a pause.
        let left_screen = std::mem::discriminant(&self.screen) != screen_before;
        self.save_typing_when_due(&ctx, left_screen);
        self.frames += 1;
        if self.config.exit_after_first_frame {
            // The first frame is painted after this call returns; report on the next one.
            if self.frames == 1 {
                ctx.request_repaint();
            } else if self.frames == 2 {
                eprintln!("{}", crate::perf::first_frame_report(self.config.started));
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A profile still opening is waited for, so it is closed properly (its lock freed, any
        // recovered file written back) before the process ends.
        if let Some(opening) = self.opening.take()
            && let Ok(Ok(session)) = opening.receiver.recv_timeout(Duration::from_secs(30))
        {
            drop(session);
        }
        // Closing the profile writes typed text still waiting for its pause, and everything else.
        self.close_session();
        self.settings.text_scale = self.own_zoom(&self.ctx);
        if self.settings_writable && self.settings != self.settings_saved {
            let path = AppSettings::path(&self.config.data_dir);
            if let Err(err) = save_ron(&path, &self.settings) {
                log::error!("{err}");
            }
        }
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// Wakes the UI when a background saver reports, so an idle window still shows the result.
fn waker(ctx: &egui::Context) -> crate::progress::saver::Waker {
    let ctx = ctx.clone();
    Arc::new(move || ctx.request_repaint())
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

fn roleplay_of<'a>(pack: &'a Pack, id: &str) -> Option<&'a crate::model::RolePlay> {
    match pack.get(id)? {
        ItemRef::RolePlay(c, i) => pack.chapters.get(c)?.roleplays.get(i),
        _ => None,
    }
}

/// Title, version and counts of the built-in syllabus, read once.
fn builtin_summary() -> (&'static str, &'static str, &'static crate::model::Counts) {
    static SUMMARY: std::sync::OnceLock<(String, String, crate::model::Counts)> =
        std::sync::OnceLock::new();
    let (title, version, counts) = SUMMARY.get_or_init(|| {
        pack::load_installed_pack(&pack::builtin_source())
            .pack
            .map_or_else(Default::default, |p| {
                (
                    p.manifest.title.clone(),
                    p.manifest.version.clone(),
                    p.counts().0,
                )
            })
    });
    (title, version, counts)
}

/// Packs dropped on the window are installed and question banks imported; while they hover, the window says so.
fn drop_ui(ctx: &egui::Context, lang: Lang, idle: bool) -> Vec<Command> {
    let (hovering, dropped) =
        ctx.input(|i| (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.clone()));
    if hovering {
        let rect = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop-overlay"),
        ));
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            T::DropToInstall.get(lang),
            egui::FontId::proportional(28.0),
            egui::Color32::WHITE,
        );
    }
    if !idle {
        return Vec::new();
    }
    // A question bank goes to the import window; anything else is taken for a pack.
    dropped
        .iter()
        .map(|file| file.path().to_path_buf())
        .find(|path| !path.as_os_str().is_empty())
        .map(|path| {
            let bank = path
                .extension()
                .is_some_and(|e| import::EXTENSIONS.iter().any(|b| e.eq_ignore_ascii_case(b)));
            if bank {
                Command::ImportFile(path)
            } else {
                Command::InstallPack(path)
            }
        })
        .into_iter()
        .collect()
}

fn apply_motion(ctx: &egui::Context, reduce: bool) {
    ctx.all_styles_mut(|style| {
        style.animation_time = if reduce { 0.0 } else { 1.0 / 12.0 };
    });
}

/// A file name from a title: characters that file systems refuse become `_`.
fn sanitize_file_name(title: &str) -> String {
    let cleaned: String = title
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if cleaned.is_empty() {
        "servicecraft".to_owned()
    } else {
        cleaned
    }
}

fn apply_theme(ctx: &egui::Context, theme: ThemePref) {
    ctx.set_theme(match theme {
        ThemePref::System => egui::ThemePreference::System,
        ThemePref::Light => egui::ThemePreference::Light,
        ThemePref::Dark => egui::ThemePreference::Dark,
    });
}

/// Slightly larger text and roomier spacing than egui's defaults: Chinese needs the height.
fn style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
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
        focus::style_focus(style);
    });
}

/// The window the app runs in: its size, icon, renderer and where its size is remembered.
pub fn native_options(config: &AppConfig) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("ServiceCraft")
        .with_app_id("servicecraft")
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([720.0, 480.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport,
        persist_window: true,
        persistence_path: Some(config.data_dir.join("window.ron")),
        // We install the system font fallback ourselves, to notice when it finds nothing.
        system_font_fallback: false,
        ..Default::default()
    }
}

/// Opens the window and runs until it is closed.
pub fn run(cli: &Cli, started: Instant) -> anyhow::Result<()> {
    let config = AppConfig::from_cli(cli, started);
    std::fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "cannot create the data folder {}",
            config.data_dir.display()
        )
    })?;
    let options = native_options(&config);
    eframe::run_native(
        "ServiceCraft",
        options,
        Box::new(move |cc| Ok(Box::new(ServiceCraftApp::new(cc, config)))),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}
