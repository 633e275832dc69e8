//! The application shell: [`ServiceCraftApp`] holds one part per job (navigation, study, packs,
//! profile, jobs, files, settings — each in its own file here), runs the frame loop, and routes
//! each [`Command`] the screens return to the part that answers it. Everything that touches files
//! happens in this folder, not in the widgets of `ui/`, and off the UI thread.

mod chrome;
mod class_report;
mod config;
mod exam;
mod files;
mod jobs;
mod nav;
mod packs;
mod profile;
mod readiness;
mod screens;
mod settings;
mod study;
mod typed_path;

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use crate::i18n::T;
use crate::model::Pack;
use crate::progress::{AppSettings, Saver, dates};
use crate::store::save_ron;
use crate::ui::help::{self, help_ui};
use crate::ui::import::ImportWindow;
use crate::ui::library::LibraryView;
use crate::ui::notes::NotesList;
use crate::ui::practice::PracticeCenter;
use crate::ui::search::SearchView;
use crate::ui::tour::Tour;
use crate::ui::tree::SyllabusTree;
use crate::ui::welcome::Welcome;
use crate::ui::{Command, WindowCmd, focus};

pub use config::{AppConfig, native_options, run};
pub use files::{DialogAnswer, DialogKind, DialogRequest, Dialogs, ScriptedDialogs, SystemDialogs};
pub use jobs::Report;
pub use nav::Screen;
pub use packs::PackView;
pub use profile::notice_text;
pub use settings::{FontError, read_font_file, set_aside_damaged_window_state};

/// The screens' own state kept between frames (scroll, fields typed, choices).
#[derive(Default)]
pub struct Panels {
    tree: SyllabusTree,
    notes_list: NotesList,
    search: SearchView,
    practice: PracticeCenter,
    library_view: LibraryView,
    home: crate::ui::home::HomeState,
    mistakes: crate::ui::mistakes::MistakesView,
}

/// Windows over the screen, and the first-start welcome and tour.
#[derive(Default)]
struct Windows {
    show_about: bool,
    show_help: bool,
    import: ImportWindow,
    /// First start: the language step, shown before anything else.
    welcome: Option<Welcome>,
    /// First start: the tour follows once a profile is open.
    tour_after_welcome: bool,
    tour: Option<Tour>,
}

pub struct ServiceCraftApp {
    config: AppConfig,
    ctx: egui::Context,
    prefs: settings::Prefs,
    nav: nav::Nav,
    panels: Panels,
    windows: Windows,
    packs: packs::Packs,
    profile: profile::ProfileState,
    study: study::Study,
    /// The exam in progress: a command leaving it waits here while the learner chooses.
    exam: exam::ExamGuard,
    /// The home screen's readiness figures and the FSRS fit, computed off the UI thread.
    readiness: readiness::Readiness,
    jobs: jobs::Jobs,
    /// Messages shown at the top until dismissed, oldest first.
    banners: Vec<String>,
    /// A path typed in when no file dialog could open.
    typed_path: typed_path::TypedPath,
    /// The dashboard figures (and the practice centre's review queue), and what they were
    /// computed from.
    summary: Option<(screens::SummaryKey, Arc<crate::progress::summary::Summary>)>,
    /// The study state scoped to the open pack, when it holds another pack's items (`None`
    /// inside: it holds only this pack's, and screens draw the session's own), and its key.
    scoped: Option<(
        screens::ScopeKey,
        Option<Arc<crate::model::study::StudyState>>,
    )>,
    frames: u64,
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
        if let Some(moved) = &config.window_state_moved {
            banners.push(T::WindowStateReset.fmt(lang, &[&moved.display().to_string()]));
        }
        // A converted (older) file is written back once in the current format.
        let saved = if loaded.migrated_from.is_some() {
            AppSettings {
                format_version: 0,
                ..settings.clone()
            }
        } else {
            settings.clone()
        };
        let saver = Saver::start("settings", Some(waker(ctx)));
        let mut prefs = settings::Prefs::new(settings, saved, loaded.writable, saver);
        prefs.lang = lang;
        if config.system_fonts {
            prefs.missing_cjk = crate::ui::fonts::install_system_fonts(ctx);
        }
        ctx.set_zoom_factor(prefs.settings.text_scale.clamp(0.5, 3.0));
        settings::apply_theme(ctx, prefs.settings.theme);
        settings::style(ctx);
        settings::apply_motion(ctx, prefs.settings.reduce_motion);
        let mut app = Self {
            ctx: ctx.clone(),
            packs: packs::Packs::new(&config.data_dir, Arc::clone(&config.clock)),
            prefs,
            nav: nav::Nav::default(),
            panels: Panels::default(),
            windows: Windows {
                welcome: first_start.then(Welcome::default),
                ..Windows::default()
            },
            profile: profile::ProfileState::default(),
            study: study::Study::default(),
            exam: exam::ExamGuard::default(),
            readiness: readiness::Readiness::default(),
            jobs: jobs::Jobs::new(ctx),
            banners,
            typed_path: typed_path::TypedPath::default(),
            summary: None,
            scoped: None,
            frames: 0,
            config,
        };
        // The chosen font file is read off the UI thread, like every later choice.
        if let Some(path) = app.prefs.settings.font_path.clone() {
            app.apply(ctx, Command::Prefs(crate::ui::PrefsCmd::SetFontFile(path)));
        }
        app.refresh_profiles();
        app.packs.library.clean_debris();
        // `open` with a zip installs it on top of what the learner was studying.
        let open = app.config.open.clone();
        let open_in_place = open
            .as_ref()
            .filter(|p| !p.is_file() || p.file_name().is_some_and(|n| n == "pack.ron"));
        if let Some(path) = open_in_place {
            app.open_pack(path);
        } else {
            if let Some(current) = app.packs.library.current() {
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
        app.prefs.save(&app.config.data_dir);
        app
    }

    /// Messages currently shown at the top of the window.
    pub fn banners(&self) -> &[String] {
        &self.banners
    }

    pub fn screen(&self) -> &Screen {
        self.nav.screen()
    }

    /// How many screens Back can return through.
    pub fn back_depth(&self) -> usize {
        self.nav.depth()
    }

    pub fn pack(&self) -> &Pack {
        &self.packs.view.pack
    }

    /// Whether an install, import or export is still running (tests wait for it).
    pub fn is_busy(&self) -> bool {
        self.jobs.busy()
    }

    /// The outcome of the last install, import or export, while it is shown.
    pub fn report(&self) -> Option<&Report> {
        self.jobs.report.as_ref()
    }

    /// The one place where user requests change the app: each group goes to its own part.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        // Leaving an exam in progress asks first; the command waits for the answer.
        if self.hold_if_leaving_exam(&command) {
            return;
        }
        match command {
            Command::Nav(command) => self.apply_nav(ctx, command),
            Command::Study(command) => self.apply_study(command),
            Command::Library(command) => self.apply_library(command),
            Command::Profile(command) => self.apply_profile(ctx, command),
            Command::Prefs(command) => self.apply_prefs(ctx, command),
            Command::Files(command) => self.apply_files(command),
            Command::Window(command) => self.apply_window(ctx, command),
        }
        self.prefs.settings.text_scale = self.prefs.own_zoom(ctx);
        self.prefs.save(&self.config.data_dir);
    }

    fn apply_window(&mut self, ctx: &egui::Context, command: WindowCmd) {
        match command {
            WindowCmd::Help(show) => self.windows.show_help = show,
            WindowCmd::About(show) => self.windows.show_about = show,
            WindowCmd::Import(open) => self.windows.import.open = open,
            WindowCmd::FocusNotes => {
                if let Some(session) = &mut self.profile.session {
                    session.update_settings(|s| s.notes_open = true);
                    self.profile.notes_panel.focus();
                }
            }
            WindowCmd::DismissReport => self.jobs.report = None,
            WindowCmd::Banner(message) => self.banners.push(message),
            WindowCmd::DismissBanner => {
                if !self.banners.is_empty() {
                    self.banners.remove(0);
                }
            }
            WindowCmd::StartTour => {
                self.windows.show_help = false;
                self.windows.tour = Some(Tour::default());
            }
            WindowCmd::TourStep(step) => self.windows.tour = Some(Tour::at(step)),
            WindowCmd::EndTour => {
                self.windows.tour = None;
                self.prefs.settings.tour_done = true;
            }
            WindowCmd::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            WindowCmd::QuitAnyway => {
                self.profile.quitting = true;
                self.profile.exit_blocked = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Background work that finished since the last frame: jobs, a profile opened, saves,
    /// images, and the commands tasks and dialogs answered with.
    fn poll_background(&mut self, ctx: &egui::Context) -> Vec<Command> {
        self.poll_job();
        self.poll_opening();
        if let Some(session) = &mut self.profile.session {
            if let Some(wait) = session.tick(Instant::now()) {
                ctx.request_repaint_after(wait);
            }
            for notice in session.take_notices() {
                self.banners.push(notice_text(&notice, self.prefs.lang));
            }
        }
        self.jobs
            .load_images(&mut self.packs.images, &self.packs.view.source);
        let mut commands = self.poll_readiness();
        commands.extend(self.jobs.take_commands());
        commands
    }

    /// The middle of the window: the welcome, a profile opening, the picker, or the study.
    fn central_ui(&mut self, ui: &mut Ui, ctx: &egui::Context) -> Vec<Command> {
        let lang = self.prefs.lang;
        let mut commands = Vec::new();
        if let Some(welcome) = &mut self.windows.welcome {
            egui::CentralPanel::default().show(ui, |ui| commands.extend(welcome.ui(ui, lang)));
        } else if let Some(name) = self
            .profile
            .opening
            .as_ref()
            .map(|o| &o.name)
            .or(self.profile.away.as_ref())
        {
            // Being opened, or busy on a job's thread: the job's own modal says which.
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(ui.available_height() / 3.0);
                    ui.add(egui::Spinner::new().size(36.0));
                    ui.add_space(8.0);
                    if self.profile.away.is_none() {
                        let text = T::OpeningProfile.fmt(lang, &[name]);
                        ui.label(RichText::new(text).size(18.0));
                    }
                });
            });
        } else if self.profile.session.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                commands.extend(chrome::banner_ui(ui, &self.banner_view()));
                commands.extend(self.profile.picker.ui(ui, lang));
            });
        } else {
            if std::mem::take(&mut self.windows.tour_after_welcome) {
                self.windows.tour = Some(Tour::default());
            }
            commands.extend(self.study_ui(ui));
            if let Some(tour) = &mut self.windows.tour {
                commands.extend(tour.ui(ctx, lang));
            }
        }
        commands
    }
}

impl eframe::App for ServiceCraftApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let lang = self.prefs.lang;
        self.guard_close(&ctx);
        let mut commands = self.poll_background(&ctx);
        // A zoom set last frame is in effect now.
        self.prefs.zoom_set = None;
        focus::scroll_focus_into_view(&ctx);
        // F6 reads last frame's regions; this frame's panels record them anew.
        crate::ui::regions::cycle_regions(&ctx);
        crate::ui::regions::clear_regions(&ctx);
        commands.extend(self.shortcuts(&ctx));
        egui::Panel::top("menu").show(ui, |ui| commands.extend(self.menu_ui(ui)));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        commands.extend(self.central_ui(ui, &ctx));
        if self.windows.show_help {
            commands.extend(help_ui(&ctx, lang, self.profile.session.is_some()));
        }
        commands.extend(self.exit_dialog_ui(&ctx));
        self.leave_exam_dialog_ui(&ctx);
        commands.extend(self.typed_path.ui(&ctx, lang));
        commands.extend(self.windows.import.ui(&ctx, lang));
        self.jobs.job_ui(&ctx, lang);
        commands.extend(self.jobs.report_ui(&ctx, lang));
        commands.extend(packs::drop_ui(&ctx, lang, !self.jobs.busy()));
        if self.windows.show_about {
            commands.extend(help::about_dialog_ui(&ctx, lang));
        }
        focus::focus_ring_ui(&ctx);
        let screen_before = std::mem::discriminant(self.nav.screen());
        for command in commands {
            self.apply(&ctx, command);
        }
        // Leaving a screen with typing on it saves at once; otherwise after a pause.
        let left_screen = std::mem::discriminant(self.nav.screen()) != screen_before;
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
        if let Some(opening) = self.profile.opening.take()
            && let Ok(Ok(session)) = opening.receiver.recv_timeout(Duration::from_secs(30))
        {
            drop(session);
        }
        // A profile on a job's thread (restoring, saving) is waited for and closed properly too.
        if self.profile.away.is_some()
            && let Some(jobs::JobOutcome::SessionBack(session, _)) =
                self.jobs.wait(Duration::from_secs(30))
        {
            self.profile.session = Some(*session);
        }
        // Closing the profile writes typed text still waiting for its pause, the exam in
        // progress with its time, and everything else.
        self.save_exam_on_exit();
        self.close_session();
        self.prefs.settings.text_scale = self.prefs.own_zoom(&self.ctx);
        if self.prefs.writable && self.prefs.settings != self.prefs.saved {
            let path = AppSettings::path(&self.config.data_dir);
            if let Err(err) = save_ron(&path, &self.prefs.settings) {
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
