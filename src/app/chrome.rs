//! The window's chrome around the screen: the menu bar, the status line, the banners, the
//! keyboard shortcuts, the pack-problems page and the "unsaved changes" dialog on closing.

use egui::{RichText, Ui};

use crate::i18n::{Lang, T};
use crate::pack::Diagnostic;
use crate::progress::{ProfileSession, SaveStatus, ThemePref};
use crate::ui::help;
use crate::ui::lesson::reading_column;
use crate::ui::tour::{TourArea, mark_area};
use crate::ui::{Command, FilesCmd, LibraryCmd, NavCmd, PrefsCmd, ProfileCmd, WindowCmd};

use super::{Screen, ServiceCraftApp};

impl ServiceCraftApp {
    /// Whether a dialog is open that Esc should close first.
    pub(super) fn dialog_open(&self) -> bool {
        self.windows.show_help
            || self.windows.tour.is_some()
            || self.jobs.report.is_some()
            || self.profile.exit_blocked.is_some()
            || self.windows.show_about
            || self.typed_path.is_open()
    }

    pub(super) fn shortcuts(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let mut commands = Vec::new();
        // The search screen uses Esc itself, to go back to where the search was opened.
        let escape_is_free = self.prefs.presenting
            && !self.dialog_open()
            && !egui::Popup::is_any_open(ctx)
            && !matches!(self.nav.screen(), Screen::Search);
        ctx.input_mut(|input| {
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::ArrowRight)) {
                commands.push(Command::Nav(NavCmd::NextLesson));
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::ArrowLeft)) {
                commands.push(Command::Nav(NavCmd::PrevLesson));
            }
            if input.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::Home)) {
                commands.push(Command::Nav(NavCmd::ShowHome));
            }
            if self.profile.session.is_some() && input.consume_shortcut(&help::NOTE) {
                commands.push(Command::Window(WindowCmd::FocusNotes));
            }
            if input.consume_shortcut(&help::HELP) {
                commands.push(Command::Window(WindowCmd::Help(!self.windows.show_help)));
            }
            if self.profile.session.is_some()
                && (input.consume_shortcut(&help::PRESENT)
                    || input.consume_shortcut(&help::PRESENT_ALT))
            {
                commands.push(Command::Prefs(PrefsCmd::SetPresentation(
                    !self.prefs.presenting,
                )));
            }
            // Esc closes an open dialog first (the dialog sees it); only then leaves presenting.
            if escape_is_free && input.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::Prefs(PrefsCmd::SetPresentation(false)));
            }
            // On the lab screen Ctrl+F is the table's filter, as in a CRM; the screen takes it.
            if self.profile.session.is_some()
                && !matches!(self.nav.screen(), Screen::Lab(_))
                && input.consume_shortcut(&help::SEARCH)
            {
                commands.push(Command::Nav(NavCmd::ShowSearch));
            }
        });
        commands
    }

    pub(super) fn menu_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let lang = self.prefs.lang;
        let mut commands = Vec::new();
        // Wrapped: with large text (presenting) the menus and tabs take a second row instead of
        // running past the window's edge.
        egui::MenuBar::new().ui(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if self.profile.session.is_some() {
                    crate::ui::regions::skip_link_ui(ui, T::SkipToContent.get(lang));
                }
                ui.menu_button(T::MenuFile.get(lang), |ui| {
                    for (command, label) in [
                        (Command::Files(FilesCmd::ChoosePack), T::OpenPack),
                        (
                            Command::Files(FilesCmd::ChoosePackFolder),
                            T::OpenPackFolder,
                        ),
                        (Command::Nav(NavCmd::ShowLibrary), T::PackLibrary),
                        (Command::Window(WindowCmd::Import(true)), T::ImportBank),
                        (
                            Command::Files(FilesCmd::ChooseResultsFile),
                            T::ExportResults,
                        ),
                    ] {
                        if ui.button(label.get(lang)).clicked() {
                            commands.push(command);
                        }
                    }
                    // The report is a screen, drawn once a profile is open.
                    if self.profile.session.is_some()
                        && ui.button(T::ClassReportMenu.get(lang)).clicked()
                    {
                        commands.push(Command::Nav(NavCmd::ShowClassReport));
                    }
                    if ui.button(T::UseBuiltin.get(lang)).clicked() {
                        commands.push(Command::Library(LibraryCmd::UseBuiltin));
                    }
                    if self.profile.session.is_some() {
                        ui.separator();
                        if ui.button(T::ExportNotes.get(lang)).clicked() {
                            commands.push(Command::Files(FilesCmd::ChooseNotesFile));
                        }
                        if ui.button(T::Backups.get(lang)).clicked() {
                            commands.push(Command::Nav(NavCmd::ShowBackups));
                        }
                        ui.separator();
                        if ui.button(T::SwitchProfile.get(lang)).clicked() {
                            commands.push(Command::Profile(ProfileCmd::Switch));
                        }
                    }
                    ui.separator();
                    if ui.button(T::Quit.get(lang)).clicked() {
                        commands.push(Command::Window(WindowCmd::Quit));
                    }
                });
                ui.menu_button(T::MenuView.get(lang), |ui| {
                    ui.menu_button(T::Language.get(lang), |ui| {
                        for option in Lang::ALL {
                            if ui.radio(lang == option, option.native_name()).clicked() {
                                commands.push(Command::Prefs(PrefsCmd::SetLanguage(option)));
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
                                .radio(self.prefs.settings.theme == theme, label.get(lang))
                                .clicked()
                            {
                                commands.push(Command::Prefs(PrefsCmd::SetTheme(theme)));
                                ui.close_kind(egui::UiKind::Menu);
                            }
                        }
                    });
                    if let Some(session) = &self.profile.session {
                        let mut open = session.settings().notes_open;
                        if ui.checkbox(&mut open, T::ShowNotes.get(lang)).changed() {
                            commands.push(Command::Prefs(PrefsCmd::SetNotesOpen(open)));
                        }
                        let mut presenting = self.prefs.presenting;
                        let label = format!(
                            "{}{}",
                            T::PresentationMode.get(lang),
                            crate::i18n::paren(lang, &ui.ctx().format_shortcut(&help::PRESENT))
                        );
                        if ui.checkbox(&mut presenting, label).changed() {
                            commands.push(Command::Prefs(PrefsCmd::SetPresentation(presenting)));
                            ui.close_kind(egui::UiKind::Menu);
                        }
                    }
                    ui.separator();
                    for (command, label) in [
                        (Command::Prefs(PrefsCmd::ZoomIn), T::TextBigger),
                        (Command::Prefs(PrefsCmd::ZoomOut), T::TextSmaller),
                        (Command::Prefs(PrefsCmd::ZoomReset), T::TextReset),
                    ] {
                        if ui.button(label.get(lang)).clicked() {
                            commands.push(command);
                        }
                    }
                    let mut reduce = self.prefs.settings.reduce_motion;
                    if ui
                        .checkbox(&mut reduce, T::ReduceMotion.get(lang))
                        .changed()
                    {
                        commands.push(Command::Prefs(PrefsCmd::SetReduceMotion(reduce)));
                    }
                    let mut shuffle = self.prefs.settings.shuffle_options;
                    if ui
                        .checkbox(&mut shuffle, T::ShuffleOptions.get(lang))
                        .changed()
                    {
                        commands.push(Command::Prefs(PrefsCmd::SetShuffleOptions(shuffle)));
                    }
                    ui.separator();
                    if ui.button(T::ChooseFont.get(lang)).clicked() {
                        commands.push(Command::Files(FilesCmd::ChooseFont));
                    }
                    if self.prefs.settings.font_path.is_some()
                        && ui.button(T::ClearFont.get(lang)).clicked()
                    {
                        commands.push(Command::Prefs(PrefsCmd::ClearFontFile));
                    }
                });
                let help_menu = ui.menu_button(T::MenuHelp.get(lang), |ui| {
                    let help = egui::Button::new(T::HelpAndShortcuts.get(lang))
                        .shortcut_text(ui.ctx().format_shortcut(&help::HELP));
                    if ui.add(help).clicked() {
                        commands.push(Command::Window(WindowCmd::Help(true)));
                    }
                    if self.profile.session.is_some() && ui.button(T::TakeTour.get(lang)).clicked()
                    {
                        commands.push(Command::Window(WindowCmd::StartTour));
                    }
                    if ui.button(T::About.get(lang)).clicked() {
                        commands.push(Command::Window(WindowCmd::About(true)));
                    }
                });
                mark_area(ui.ctx(), TourArea::Help, help_menu.response.rect);
                if self.profile.session.is_some() {
                    ui.separator();
                    let mut practice_rect = egui::Rect::NOTHING;
                    for (command, label, active) in [
                        (
                            Command::Nav(NavCmd::ShowHome),
                            T::Home,
                            matches!(self.nav.screen(), Screen::Home),
                        ),
                        (
                            Command::Nav(NavCmd::ShowPractice),
                            T::PracticeCenter,
                            matches!(
                                self.nav.screen(),
                                Screen::Practice | Screen::Quiz(_) | Screen::Exam(_)
                            ),
                        ),
                        (
                            Command::Nav(NavCmd::ShowMistakes),
                            T::Mistakes,
                            matches!(self.nav.screen(), Screen::Mistakes),
                        ),
                        (
                            Command::Nav(NavCmd::ShowNotesList),
                            T::AllNotes,
                            matches!(self.nav.screen(), Screen::Notes),
                        ),
                        (
                            Command::Nav(NavCmd::ShowLibrary),
                            T::PackLibrary,
                            matches!(self.nav.screen(), Screen::Library),
                        ),
                    ] {
                        let response = ui.selectable_label(active, label.get(lang));
                        if matches!(
                            command,
                            Command::Nav(NavCmd::ShowPractice) | Command::Nav(NavCmd::ShowMistakes)
                        ) {
                            practice_rect = practice_rect.union(response.rect);
                        }
                        if response.clicked() {
                            commands.push(command);
                        }
                    }
                    let searching = matches!(self.nav.screen(), Screen::Search);
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
                        commands.push(Command::Nav(NavCmd::ShowSearch));
                    }
                    mark_area(ui.ctx(), TourArea::Practice, practice_rect);
                }
                // The pack's title takes what the tabs leave and is shortened to fit, or left out when
                // there is no room for a few characters: with large text (presenting) it ran into the
                // tabs. The pack library still names it.
                if ui.available_width() > 4.0 * ui.text_style_height(&egui::TextStyle::Body) {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let title = RichText::new(&self.packs.view.pack.manifest.title).strong();
                        ui.add(egui::Label::new(title).truncate());
                    });
                }
            })
        });
        commands
    }

    pub(super) fn status_ui(&self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        let counts = &self.packs.view.counts;
        ui.horizontal(|ui| {
            let where_ = match self.nav.screen() {
                Screen::Quiz(run) => Some(run.title.clone()),
                Screen::Lesson(at) => self.packs.view.pack.lesson(*at).map(|l| l.title.clone()),
                _ => None,
            };
            // The right side first; the title gets what is left and is cut short, not overlapped.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(session) = &self.profile.session {
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
                if !self.prefs.presenting {
                    ui.label(RichText::new(crate::ui::library::counts_line(counts, lang)).weak());
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    if self.prefs.presenting {
                        ui.label(RichText::new(T::PresentationHint.get(lang)).strong());
                    }
                    let text = where_.unwrap_or_else(|| T::StatusReady.get(lang).to_owned());
                    ui.add(egui::Label::new(text).truncate());
                });
            });
        });
    }

    /// What the banners show this frame.
    pub(super) fn banner_view(&self) -> BannerView<'_> {
        BannerView {
            lang: self.prefs.lang,
            messages: &self.banners,
            font_missing: self.font_missing(),
            failing: self.failing_save(),
        }
    }

    pub(super) fn font_missing(&self) -> bool {
        self.prefs.missing_cjk.is_missing() && self.prefs.settings.font_path.is_none()
    }

    /// The file that cannot be saved and why, while saving fails.
    pub(super) fn failing_save(&self) -> Option<(std::path::PathBuf, String)> {
        match self.profile.session.as_ref().map(ProfileSession::status) {
            Some(SaveStatus::Failing { file, error }) => Some((file, error)),
            _ => None,
        }
    }

    /// Closing with a profile open: hold the close, write everything on a job's thread (the
    /// window shows "saving…" meanwhile), and close when the job reports that all is on disk
    /// ([`Self::finish_flush`]); when the disk refuses, ask (once per attempt).
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if self.profile.quitting || self.guard_close_exam(ctx) {
            return;
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            // Nothing open to save: close at once (a profile still opening is waited for on exit).
            if self.profile.session.is_none() && self.profile.away.is_none() {
                return;
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.profile.exit_blocked = None;
            self.profile.closing = true;
        }
        // Another job (or the profile's own restore) finishes first; then the flush starts.
        if self.profile.closing && !self.jobs.busy() && self.profile.session.is_some() {
            self.profile.closing = false;
            self.flush_in_background(true);
        }
    }

    pub(super) fn exit_dialog_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(error) = &self.profile.exit_blocked else {
            return commands;
        };
        let lang = self.prefs.lang;
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
                // Enter retries: the safe default, which loses nothing.
                if ui.button(T::RetryNow.get(lang)).clicked()
                    || crate::ui::focus::enter_confirms(ui)
                {
                    commands.push(Command::Profile(ProfileCmd::RetrySave));
                }
                if ui.button(T::QuitAnyway.get(lang)).clicked() {
                    commands.push(Command::Window(WindowCmd::QuitAnyway));
                }
            });
        });
        commands
    }
}

/// What the banners at the top show: messages, a missing Chinese font, a failing save.
pub struct BannerView<'a> {
    pub lang: Lang,
    pub messages: &'a [String],
    pub font_missing: bool,
    pub failing: Option<(std::path::PathBuf, String)>,
}

/// An opened pack had errors: the path and every problem.
pub fn problems_ui(ui: &mut Ui, lang: Lang, path: &str, problems: &[Diagnostic]) -> Vec<Command> {
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
                    ui.add(egui::Label::new(RichText::new(problem.to_string()).monospace()).wrap());
                }
            });
        ui.add_space(8.0);
        if ui.button(T::UseBuiltin.get(lang)).clicked() {
            commands.push(Command::Library(LibraryCmd::UseBuiltin));
        }
    });
    commands
}

/// The banners at the top of the screen; the failing save one cannot be dismissed.
pub fn banner_ui(ui: &mut Ui, view: &BannerView<'_>) -> Vec<Command> {
    let lang = view.lang;
    let mut commands = Vec::new();
    let font_missing = view.font_missing;
    let failing = view.failing.as_ref();
    if view.messages.is_empty() && !font_missing && failing.is_none() {
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
                            T::SaveFailed.fmt(lang, &[&file.display().to_string(), error]),
                        )
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                    );
                    if ui.button(T::RetryNow.get(lang)).clicked() {
                        commands.push(Command::Profile(ProfileCmd::RetrySave));
                    }
                });
            });
    }
    if view.messages.is_empty() && !font_missing {
        return commands;
    }
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(message) = view.messages.first() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(message);
                    if view.messages.len() > 1 {
                        ui.label(RichText::new(format!("(1/{})", view.messages.len())).weak());
                    }
                    if ui.button(T::Dismiss.get(lang)).clicked() {
                        commands.push(Command::Window(WindowCmd::DismissBanner));
                    }
                });
            }
            if font_missing {
                ui.horizontal_wrapped(|ui| {
                    ui.label(T::NoCjkFont.get(lang));
                    if ui.button(T::ChooseFont.get(lang)).clicked() {
                        commands.push(Command::Files(FilesCmd::ChooseFont));
                    }
                });
            }
        });
    commands
}
