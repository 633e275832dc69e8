//! The study layout: the syllabus on the left, the notes on the right, and the screen in the
//! middle, drawn from one [`ScreenCtx`]; and the dashboard figures it is given.

use std::sync::Arc;

use egui::Ui;

use crate::progress::summary::Summary;
use crate::ui::backups::BackupsView;
use crate::ui::home::HomeView;
use crate::ui::item::ItemView;
use crate::ui::lesson::LessonView;
use crate::ui::library::BuiltinInfo;
use crate::ui::mistakes::mistakes_ui;
use crate::ui::notes::NoteTargetView;
use crate::ui::quiz::QuizView;
use crate::ui::tour::{TourArea, mark_area};
use crate::ui::{Command, ScreenCtx};

use super::chrome::{BannerView, banner_ui, problems_ui};
use super::packs::builtin_summary;
use super::{Panels, Screen, ServiceCraftApp};
use crate::pack::InstalledPack;
use crate::progress::ProfileSession;
use crate::ui::lesson::BlockReveal;

/// What the dashboard figures were computed from: profile folder, data generation, pack, minute.
pub type SummaryKey = (String, u64, usize, i64);

impl ServiceCraftApp {
    /// The dashboard figures, recomputed when the progress, the pack or the minute changes.
    fn summary(&mut self) -> Option<Arc<Summary>> {
        let session = self.profile.session.as_ref()?;
        let now = self.config.clock.now();
        let key = (
            session.folder().to_owned(),
            session.generation(),
            Arc::as_ptr(&self.packs.view.pack) as usize,
            now.timestamp() / 60,
        );
        if self.summary.as_ref().is_none_or(|(k, _)| *k != key) {
            let summary = Summary::compute(
                &self.packs.view.pack,
                session.progress(),
                session.study(),
                now,
            );
            self.summary = Some((key, Arc::new(summary)));
        }
        self.summary.as_ref().map(|(_, s)| Arc::clone(s))
    }

    /// The study layout: syllabus on the left, notes on the right, the screen in the middle.
    pub(super) fn study_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        // Computed before the panels borrow the app.
        let summary = self.summary();
        let target = self.note_target();
        let font_missing = self.font_missing();
        let failing = self.failing_save();
        let profile = &mut self.profile;
        let Some(session) = profile.session.as_ref() else {
            return commands;
        };
        let lang = self.prefs.lang;
        let pack = Arc::clone(&self.packs.view.pack);
        let current = match self.nav.screen() {
            Screen::Lesson(at) => Some(*at),
            _ => None,
        };
        let presenting = self.prefs.presenting;
        // Presenting to a class, the lesson gets the whole width.
        if !presenting {
            let done = &session.progress().lessons_done;
            let tree = egui::Panel::left("syllabus")
                .resizable(true)
                .default_size(300.0)
                .min_size(200.0)
                .show(ui, |ui| {
                    commands.extend(self.panels.tree.ui(ui, &pack, current, done, lang));
                });
            mark_area(ui.ctx(), TourArea::Tree, tree.response.rect);
        }
        // The notes screen is the notes, search lists them, and backups have none: no panel beside
        // them.
        let notes_open = session.settings().notes_open
            && !matches!(
                self.nav.screen(),
                Screen::Notes | Screen::Backups | Screen::Search
            )
            && !presenting;
        if notes_open {
            let panel = egui::Panel::right("notes")
                .resizable(true)
                .default_size(320.0)
                .min_size(220.0)
                .show(ui, |ui| {
                    commands.extend(
                        profile.notes_panel.ui(
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
        let central = egui::CentralPanel::default().show(ui, |ui| {
            let banners = BannerView {
                lang,
                messages: &self.banners,
                font_missing,
                failing,
            };
            commands.extend(banner_ui(ui, &banners));
            // The screen is taken out while it draws so it can borrow the rest of the app.
            let mut screen = self.nav.take_screen();
            let cx = ScreenCtx {
                pack: &pack,
                source: &self.packs.view.source,
                study: session.study(),
                progress: session.progress(),
                notes: session.notes(),
                status: session.status(),
                summary: summary.as_deref(),
                lang,
                now: self.config.clock.now(),
                settings: &self.prefs.settings,
                typing_saved: self.study.typing_saved(),
                images: &self.packs.images,
            };
            let shell = Shell {
                session,
                confirm_restore: profile.confirm_restore.as_deref(),
                installed: &self.packs.installed,
                current_pack: self.packs.view.installed.as_deref(),
            };
            let more = screen_ui(
                ui,
                &mut screen,
                &cx,
                &shell,
                &mut self.panels,
                &mut self.nav.reveal,
            );
            self.nav.put_screen(screen);
            commands.extend(more);
        });
        mark_area(ui.ctx(), TourArea::Reading, central.response.rect);
        commands
    }
}

/// What some screens show of the shell beyond the [`ScreenCtx`].
struct Shell<'a> {
    session: &'a ProfileSession,
    confirm_restore: Option<&'a str>,
    installed: &'a [InstalledPack],
    current_pack: Option<&'a str>,
}

/// Draws one screen.
fn screen_ui(
    ui: &mut Ui,
    screen: &mut Screen,
    cx: &ScreenCtx<'_>,
    shell: &Shell<'_>,
    panels: &mut Panels,
    reveal: &mut Option<BlockReveal>,
) -> Vec<Command> {
    let session = shell.session;
    match screen {
        Screen::Home => match cx.summary {
            Some(summary) => HomeView {
                pack: cx.pack,
                summary,
                profile_name: &session.profile().name,
                profile_avatar: session.profile().avatar.as_deref(),
                last_lesson: session.settings().last_lesson.as_deref(),
                lang: cx.lang,
            }
            .ui(ui),
            None => Vec::new(),
        },
        Screen::Lesson(at) => {
            let done = cx
                .pack
                .lesson(*at)
                .is_some_and(|l| cx.progress.lesson_done(&l.id));
            LessonView {
                pack: cx.pack,
                images: cx.images,
                lang: cx.lang,
                done,
                reveal: reveal.as_mut().filter(|r| r.at == *at),
            }
            .ui(ui, *at)
        }
        Screen::Item(id) => ItemView { lang: cx.lang }.ui(ui, id),
        Screen::PackProblems(path, problems) => problems_ui(ui, cx.lang, path, problems),
        Screen::Notes => panels.notes_list.ui(ui, cx),
        Screen::Search => panels.search.ui(ui, cx),
        Screen::Backups => BackupsView {
            backups: session.backups(),
            folder: &crate::progress::backup::backups_dir(session.dir()),
            confirming: shell.confirm_restore,
            last_error: session.last_backup_error(),
            lang: cx.lang,
        }
        .ui(ui),
        Screen::Practice => panels.practice.ui(ui, cx),
        Screen::Quiz(run) => QuizView::new(cx).ui(ui, run),
        Screen::Exam(exam) => exam.ui(ui, cx),
        Screen::Mistakes => mistakes_ui(ui, cx),
        Screen::RolePlay(view) => match roleplay_of(cx.pack, &view.id) {
            Some(play) => view.ui(ui, play, cx),
            None => Vec::new(),
        },
        Screen::Swot(view) => view.ui(ui, cx),
        Screen::Ordering(view) => view.ui(ui, cx),
        Screen::Pdca(view) => view.ui(ui, cx),
        Screen::Worksheet(view) => view.ui(ui, cx),
        Screen::MySwot(view) => view.ui(ui, cx),
        Screen::ClassReport(view) => view.ui(ui, cx),
        Screen::Library => {
            let (title, version, counts) = builtin_summary();
            panels.library_view.ui(
                ui,
                &BuiltinInfo {
                    title,
                    version,
                    counts,
                },
                shell.installed,
                shell.current_pack,
                cx.lang,
            )
        }
    }
}

fn roleplay_of<'a>(pack: &'a crate::model::Pack, id: &str) -> Option<&'a crate::model::RolePlay> {
    match pack.get(id)? {
        crate::model::ItemRef::RolePlay(c, i) => pack.chapters.get(c)?.roleplays.get(i),
        _ => None,
    }
}
