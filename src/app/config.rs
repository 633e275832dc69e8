//! How the app starts: [`AppConfig`] (from the command line or a test, with the clock and the
//! file dialogs injected), the native window's options, and [`run`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;

use crate::cli::{Cli, Command as CliCommand};
use crate::clock::{Clock, SystemClock};
use crate::i18n::Lang;
use crate::progress::{SessionOptions, data_dir, dates};

use super::ServiceCraftApp;
use super::files::{Dialogs, ScriptedDialogs, SystemDialogs};
use super::settings::{set_aside_damaged_window_state, window_state_path};

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
    /// The file dialogs: the system's, or in tests ones that answer by themselves.
    pub dialogs: Arc<dyn Dialogs>,
    /// Behave as on a learner's computer: take the default language from the system locale, and
    /// on a data folder without settings welcome the learner (language, profile, tour). Off in
    /// tests, which then do not depend on the machine's locale, unless a test asks for it.
    pub first_start: bool,
    /// A damaged `window.ron` moved aside before the window opened: where it went, to say so.
    pub window_state_moved: Option<PathBuf>,
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
            dialogs: Arc::new(SystemDialogs),
            first_start: true,
            window_state_moved: None,
        }
    }

    /// The profile `AppConfig::for_tests` opens.
    pub const TEST_PROFILE: &'static str = "测试";

    /// A configuration for headless tests: the given data folder, no system fonts, the
    /// profile [`Self::TEST_PROFILE`] opened at once, and file dialogs that are cancelled.
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
            dialogs: Arc::new(ScriptedDialogs::default()),
            first_start: false,
            window_state_moved: None,
        }
    }
}

/// The window the app runs in: its size, icon, renderer and where its size is remembered.
pub fn native_options(config: &AppConfig) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("ServiceCraft")
        .with_app_id("servicecraft")
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([720.0, 480.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport,
        persist_window: true,
        persistence_path: Some(window_state_path(&config.data_dir)),
        // We install the system font fallback ourselves, to notice when it finds nothing.
        system_font_fallback: false,
        ..Default::default()
    }
}

/// Opens the window and runs until it is closed.
pub fn run(cli: &Cli, started: Instant) -> anyhow::Result<()> {
    let mut config = AppConfig::from_cli(cli, started);
    std::fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "cannot create the data folder {}",
            config.data_dir.display()
        )
    })?;
    // Before eframe reads it: a damaged window state is kept aside, not silently overwritten.
    let stamp = dates::file_stamp(config.clock.now());
    config.window_state_moved = set_aside_damaged_window_state(&config.data_dir, &stamp);
    let options = native_options(&config);
    eframe::run_native(
        "ServiceCraft",
        options,
        Box::new(move |cc| Ok(Box::new(ServiceCraftApp::new(cc, config)))),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}
