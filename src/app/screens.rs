//! The study layout: the syllabus on the left, the notes on the right, and the screen in the
//! middle, drawn from one [`ScreenCtx`]; and the dashboard figures it is given.

use std::sync::Arc;

use egui::Ui;

use crate::i18n::T;
use crate::model::study::StudyState;
use crate::progress::ProfileSession;
use crate::progress::summary::Summary;
use crate::ui::backups::backups_ui;
use crate::ui::home::HomeView;
use crate::ui::item::ItemView;
use crate::ui::lesson::{BlockReveal, LessonView};
use crate::ui::notes::NoteTargetView;
use crate::ui::quiz::QuizView;
use crate::ui::regions::{Region, anchor_ui, divider_id, skip_dividers};
use crate::ui::tour::{TourArea, mark_area};
use crate::ui::{BackupsInfo, BuiltinInfo, Command, LibraryInfo, ScreenCtx};

use super::chrome::{BannerView, banner_ui, problems_ui};
use super::packs::builtin_summary;
use super::{Panels, Screen, ServiceCraftApp};

/// What the dashboard figures were computed from: profile folder, data generation, pack, minute.
pub type SummaryKey = (String, u64, usize, i64);

/// What the scoped study state was derived from: profile folder, study version, pack.
pub type ScopeKey = (String, u64, usize);

impl ServiceCraftApp {
    /// The study state screens draw from, scoped to the open pack: `None` when the session's
    /// own holds nothing of another pack (then it is drawn as it is). Every screen and count
    /// reads this one scoping, so the review queue, 错题本 and favourites name only items the
    /// open pack can show.
    pub(super) fn scoped_study(&mut self) -> Option<Arc<StudyState>> {
        let session = self.profile.session.as_ref()?;
        let pack = &self.packs.view.pack;
        let key = (
            session.folder().to_owned(),
            session.study_version(),
            Arc::as_ptr(pack) as usize,
        );
        if self.scoped.as_ref().is_none_or(|(k, _)| *k != key) {
            let study = session.study();
            let scoped = (!study.within(pack)).then(|| Arc::new(study.scoped_to(pack)));
            self.scoped = Some((key, scoped));
        }
        self.scoped.as_ref().and_then(|(_, s)| s.clone())
    }

    /// The dashboard figures, recomputed when the progress, the pack or the minute changes.
    fn summary(&mut self) -> Option<Arc<Summary>> {
        let scoped = self.scoped_study();
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
                scoped.as_deref().unwrap_or(session.study()),
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
        let scoped = self.scoped_study();
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
        let backups_folder = crate::progress::backup::backups_dir(session.dir());
        let (title, version, counts) = builtin_summary();
        let cx = ScreenCtx {
            pack: &pack,
            source: &self.packs.view.source,
            study: scoped.as_deref().unwrap_or(session.study()),
            progress: session.progress(),
            notes: session.notes(),
            status: session.status(),
            summary: summary.as_deref(),
            lang,
            now: self.config.clock.now(),
            settings: &self.prefs.settings,
            typing_saved: self.study.typing_saved(),
            images: &self.packs.images,
            lesson: current,
            library: LibraryInfo {
                builtin: BuiltinInfo {
                    title,
                    version,
                    counts,
                },
                installed: &self.packs.installed,
                current: self.packs.view.installed.as_deref(),
            },
            backups: BackupsInfo {
                list: session.backups(),
                folder: &backups_folder,
                confirming: profile.confirm_restore.as_deref(),
                last_error: session.last_backup_error(),
            },
        };
        // A mock exam being sat has the window to itself: no tree, no notes.
        let exam_focus = matches!(self.nav.screen(), Screen::Exam(view) if view.sitting());
        // Tab passes over the two dividers: they are dragged with the mouse, not stops on the way.
        skip_dividers(
            ui.ctx(),
            &[divider_id(ui, "syllabus"), divider_id(ui, "notes")],
        );
        // Presenting to a class, the lesson gets the whole width; so does a lab's CRM, whose
        // tables, forms and task panel need it.
        let lab = matches!(self.nav.screen(), Screen::Lab(_));
        if !presenting && !exam_focus && !lab {
            let tree = egui::Panel::left("syllabus")
                .resizable(true)
                .default_size(300.0)
                .min_size(200.0)
                .show(ui, |ui| {
                    let rect = ui.max_rect();
                    anchor_ui(ui, Region::Tree, T::RegionTree.get(lang), rect);
                    commands.extend(self.panels.tree.ui(ui, &cx));
                });
            mark_area(ui.ctx(), TourArea::Tree, tree.response.rect);
        }
        // The notes screen is the notes, search lists them, and backups have none: no panel beside
        // them.
        let notes_open = session.settings().notes_open
            && !matches!(
                self.nav.screen(),
                Screen::Notes | Screen::Backups | Screen::Search | Screen::Lab(_)
            )
            && !presenting
            && !exam_focus;
        if notes_open {
            let panel = egui::Panel::right("notes")
                .resizable(true)
                .default_size(320.0)
                .min_size(220.0)
                .show(ui, |ui| {
                    let rect = ui.max_rect();
                    anchor_ui(ui, Region::Notes, T::RegionNotes.get(lang), rect);
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
            let rect = ui.max_rect();
            anchor_ui(ui, Region::Content, T::RegionContent.get(lang), rect);
            let banners = BannerView {
                lang,
                messages: &self.banners,
                font_missing,
                failing,
            };
            commands.extend(banner_ui(ui, &banners));
            // An exam in progress can be continued from any other screen.
            if let Some(exam) = session.study().exam.as_ref()
                && !matches!(self.nav.screen(), Screen::Exam(_))
            {
                commands.extend(crate::ui::exam_start::waiting_ui(
                    ui,
                    exam,
                    &pack.manifest.id,
                    self.config.clock.now(),
                    lang,
                ));
            }
            // The screen is taken out while it draws so it can borrow the rest of the app.
            let mut screen = self.nav.take_screen();
            let readiness = HomeReadiness {
                outlook: self.readiness.outlook().map(|o| &**o),
                computing: self.readiness.computing(),
                fitting: self.readiness.fitting(),
            };
            let more = screen_ui(
                ui,
                &mut screen,
                &cx,
                session,
                &readiness,
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

/// Draws one screen.
/// The home screen's readiness figures, from the shell's background job.
struct HomeReadiness<'a> {
    /// The last figures computed; newer ones or a parameter fit may be on their way.
    outlook: Option<&'a crate::progress::outlook::Outlook>,
    computing: bool,
    fitting: bool,
}

fn screen_ui(
    ui: &mut Ui,
    screen: &mut Screen,
    cx: &ScreenCtx<'_>,
    // The home screen still reads the profile's name and last lesson from it.
    session: &ProfileSession,
    readiness: &HomeReadiness<'_>,
    panels: &mut Panels,
    reveal: &mut Option<BlockReveal>,
) -> Vec<Command> {
    match screen {
        Screen::Home => match cx.summary {
            Some(summary) => HomeView {
                pack: cx.pack,
                summary,
                study: cx.study,
                profile_name: &session.profile().name,
                profile_avatar: session.profile().avatar.as_deref(),
                last_lesson: session.settings().last_lesson.as_deref(),
                lang: cx.lang,
                exam_date: session.settings().exam_date,
                today: crate::progress::dates::local_day(cx.now),
                outlook: readiness.outlook,
                computing: readiness.computing,
                fitting: readiness.fitting,
            }
            .ui(ui, &mut panels.home),
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
        Screen::Backups => backups_ui(ui, cx),
        Screen::Practice => panels.practice.ui(ui, cx),
        Screen::Quiz(run) => QuizView::new(cx).ui(ui, run),
        Screen::Exam(exam) => exam.ui(ui, cx),
        Screen::Mistakes => panels.mistakes.ui(ui, cx),
        Screen::RolePlay(view) => match roleplay_of(cx.pack, &view.id) {
            Some(play) => view.ui(ui, play, cx),
            None => Vec::new(),
        },
        Screen::Swot(view) => view.ui(ui, cx),
        Screen::Ordering(view) => view.ui(ui, cx),
        Screen::Pdca(view) => view.ui(ui, cx),
        Screen::Worksheet(view) => view.ui(ui, cx),
        Screen::MySwot(view) => view.ui(ui, cx),
        Screen::Lab(view) => view.ui(ui, cx, session.labs()),
        Screen::ClassReport(view) => view.ui(ui, cx),
        Screen::Library => panels.library_view.ui(ui, cx),
    }
}

fn roleplay_of<'a>(pack: &'a crate::model::Pack, id: &str) -> Option<&'a crate::model::RolePlay> {
    match pack.get(id)? {
        crate::model::ItemRef::RolePlay(c, i) => pack.chapters.get(c)?.roleplays.get(i),
        _ => None,
    }
}
