//! Navigation: the screen in the middle, the back stack of screens left (each with what it
//! showed, so Back returns to exactly that), and the [`NavCmd`]s that move between them.

use crate::i18n::T;
use crate::model::{ItemRef, LessonRef, Pack};
use crate::pack::Diagnostic;
use crate::ui::NavCmd;
use crate::ui::class_report::ClassReportView;
use crate::ui::lab::LabView;
use crate::ui::lesson::BlockReveal;
use crate::ui::my_swot::MySwotView;
use crate::ui::ordering::OrderingView;
use crate::ui::pdca::PdcaView;
use crate::ui::quiz::{QuizMode, QuizRun};
use crate::ui::roleplay::RolePlayView;
use crate::ui::swot::SwotView;
use crate::ui::worksheet::WorksheetView;

use super::ServiceCraftApp;

/// How many screens Back can return through; older ones are forgotten.
const BACK_STACK_LIMIT: usize = 32;

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
    Exam(Box<crate::ui::exam::ExamView>),
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
    /// A CRM lab.
    Lab(Box<LabView>),
    /// The class report from trainees' results files.
    ClassReport(Box<ClassReportView>),
}

/// The screen shown and the way back.
pub struct Nav {
    screen: Screen,
    /// Screens left by showing another, oldest first: [`NavCmd::Back`] returns to the last.
    back: Vec<Screen>,
    /// The block a search hit opened the lesson at: scrolled to once, marked while it is open.
    pub reveal: Option<BlockReveal>,
}

impl Default for Nav {
    fn default() -> Self {
        Self {
            screen: Screen::Home,
            back: Vec::new(),
            reveal: None,
        }
    }
}

impl Nav {
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn screen_mut(&mut self) -> &mut Screen {
        &mut self.screen
    }

    /// Shows `screen`; the one left goes on the back stack.
    pub fn show(&mut self, screen: Screen) {
        let left = std::mem::replace(&mut self.screen, screen);
        self.back.push(left);
        if self.back.len() > BACK_STACK_LIMIT {
            self.back.remove(0);
        }
    }

    /// Shows `screen` with no way back (another pack or profile: the old screens mean nothing).
    pub fn reset(&mut self, screen: Screen) {
        self.screen = screen;
        self.back.clear();
        self.reveal = None;
    }

    /// Returns to the screen this one was shown from (the dashboard when there is none).
    pub fn back(&mut self) {
        self.screen = self.back.pop().unwrap_or(Screen::Home);
    }

    /// How many screens Back can return through.
    pub fn depth(&self) -> usize {
        self.back.len()
    }

    /// The screen while it draws: taken out so it can borrow the rest of the app, then put back.
    pub fn take_screen(&mut self) -> Screen {
        std::mem::replace(&mut self.screen, Screen::Home)
    }

    pub fn put_screen(&mut self, screen: Screen) {
        self.screen = screen;
    }
}

impl ServiceCraftApp {
    pub(super) fn apply_nav(&mut self, ctx: &egui::Context, command: NavCmd) {
        // Leaving a lesson or exercise writes its note now rather than after the pause.
        if let Some(session) = &mut self.profile.session {
            session.save_soon();
        }
        match command {
            NavCmd::ShowHome => self.nav.show(Screen::Home),
            NavCmd::ShowLesson(at) => self.show_lesson(at),
            NavCmd::ShowLessonAt { at, block } => {
                self.show_lesson(at);
                self.nav.reveal = Some(BlockReveal::new(at, block));
            }
            NavCmd::ShowLessonById(id) => {
                if let Some((at, _)) = self.packs.view.pack.lesson_by_id(&id) {
                    self.show_lesson(at);
                }
            }
            NavCmd::NextLesson | NavCmd::PrevLesson => {
                let forward = command == NavCmd::NextLesson;
                let pack = &self.packs.view.pack;
                let next = match self.nav.screen() {
                    Screen::Lesson(at) => pack.neighbour(*at, forward),
                    _ => pack.lessons().next().map(|(at, _)| at),
                };
                if let Some(at) = next {
                    self.show_lesson(at);
                }
            }
            NavCmd::ShowItem(id) => self.show_item(id),
            NavCmd::ShowPractice => self.nav.show(Screen::Practice),
            NavCmd::ShowMistakes => self.nav.show(Screen::Mistakes),
            NavCmd::ShowLibrary => {
                self.packs.installed = self.packs.library.list();
                self.nav.show(Screen::Library);
            }
            NavCmd::ShowNotesList => self.nav.show(Screen::Notes),
            NavCmd::ShowSearch => {
                if !matches!(self.nav.screen(), Screen::Search) {
                    self.nav.show(Screen::Search);
                }
                self.panels.search.focus();
                // The field takes the cursor when it is drawn, on the next frame.
                ctx.request_repaint();
            }
            NavCmd::ShowBackups => {
                if let Some(session) = &mut self.profile.session {
                    session.refresh_backups();
                }
                self.nav.show(Screen::Backups);
            }
            NavCmd::ShowMySwot(id) => self.nav.show(Screen::MySwot(Box::new(MySwotView::new(id)))),
            NavCmd::ShowPdcaDiagram => self.nav.show(Screen::Pdca(Box::new(PdcaView::diagram()))),
            NavCmd::ShowClassReport => {
                if self.class_report_view().is_none() {
                    self.nav.show(Screen::ClassReport(Box::default()));
                }
            }
            NavCmd::ShowLab(id) => {
                let now = self.config.clock.now();
                self.nav.show(Screen::Lab(Box::new(LabView::new(id, now))));
            }
            NavCmd::StartQuiz { title, mode, items } => self.start_quiz(title, mode, items),
            NavCmd::StartExam(spec) => self.start_exam(spec),
            NavCmd::ResumeExam => self.resume_exam(),
            NavCmd::PractiseFromNotebook(items) => {
                let title = T::Mistakes.get(self.prefs.lang).to_owned();
                let mut run =
                    QuizRun::new(title, QuizMode::Practice, items, self.config.clock.now());
                run.returns_to_notebook = true;
                self.nav.show(Screen::Quiz(Box::new(run)));
            }
            NavCmd::Back => self.nav.back(),
        }
    }

    pub(super) fn show_lesson(&mut self, at: LessonRef) {
        if !matches!(self.nav.screen(), Screen::Lesson(shown) if *shown == at) {
            self.nav.show(Screen::Lesson(at));
        }
        self.nav.reveal = None;
        self.panels.tree.reveal(at);
        if let (Some(lesson), Some(session)) =
            (self.packs.view.pack.lesson(at), &mut self.profile.session)
        {
            let id = lesson.id.clone();
            session.update_settings(|s| s.last_lesson = Some(id));
            session.mark_studied(self.config.clock.now());
        }
    }

    fn start_quiz(&mut self, title: String, mode: QuizMode, mut items: Vec<String>) {
        // Only what the open pack can show: another pack's card is never an empty page.
        let pack = &self.packs.view.pack;
        items.retain(|id| {
            matches!(pack.get(id), Some(ItemRef::Flashcard(..))) || pack.question(id).is_some()
        });
        let run = QuizRun::new(title, mode, items, self.config.clock.now());
        self.nav.show(Screen::Quiz(Box::new(run)));
    }

    /// A seed for shuffling an exercise's cards, from the clock.
    fn seed(&self) -> u64 {
        self.config.clock.now().timestamp_millis().unsigned_abs()
    }

    /// Shows a lesson, question, flashcard or exercise by id, each on its own screen.
    fn show_item(&mut self, id: String) {
        let pack = std::sync::Arc::clone(&self.packs.view.pack);
        let title = || {
            pack.practice_item(&id)
                .map(|i| crate::ui::rich::plain(&i.title))
                .unwrap_or_default()
        };
        let screen = match pack.get(&id) {
            Some(ItemRef::Lesson(at)) => return self.show_lesson(at),
            Some(ItemRef::Question(c, q)) => {
                let items = pack
                    .chapters
                    .get(c)
                    .and_then(|ch| ch.questions.get(q))
                    .map(Pack::answerable_ids)
                    .unwrap_or_default();
                return self.start_quiz(title(), QuizMode::Practice, items);
            }
            Some(ItemRef::CaseQuestion(..)) => {
                return self.start_quiz(title(), QuizMode::Practice, vec![id.clone()]);
            }
            Some(ItemRef::Flashcard(..)) => {
                let title = T::KindFlashcard.get(self.prefs.lang).to_owned();
                return self.start_quiz(title, QuizMode::Review, vec![id.clone()]);
            }
            Some(ItemRef::RolePlay(c, i)) => pack
                .chapters
                .get(c)
                .and_then(|ch| ch.roleplays.get(i))
                .map(|play| Screen::RolePlay(Box::new(RolePlayView::new(play, self.seed())))),
            Some(ItemRef::Swot(c, i)) => pack
                .chapters
                .get(c)
                .and_then(|ch| ch.swot.get(i))
                .map(|e| Screen::Swot(Box::new(SwotView::new(e.clone(), self.seed())))),
            Some(ItemRef::Ordering(c, i)) => pack
                .chapters
                .get(c)
                .and_then(|ch| ch.orderings.get(i))
                .map(|e| Screen::Ordering(Box::new(OrderingView::new(e.clone(), self.seed())))),
            Some(ItemRef::Pdca(c, i)) => pack
                .chapters
                .get(c)
                .and_then(|ch| ch.pdca.get(i))
                .map(|e| Screen::Pdca(Box::new(PdcaView::exercise(e.clone(), self.seed())))),
            Some(ItemRef::Worksheet(c, i)) => pack
                .chapters
                .get(c)
                .and_then(|ch| ch.worksheets.get(i))
                .map(|sheet| {
                    let saved = self.study().worksheets.get(&sheet.id);
                    Screen::Worksheet(Box::new(WorksheetView::new(sheet.clone(), saved)))
                }),
            _ => Some(Screen::Item(id.clone())),
        };
        if let Some(screen) = screen {
            self.nav.show(screen);
        }
    }

    /// What the notes panel is about: the open lesson or exercise.
    pub(super) fn note_target(&self) -> Option<(String, String)> {
        let pack = &self.packs.view.pack;
        // Every item has a note: a lesson, the question or card a quiz shows, an exercise, a
        // role-play. A mock exam has none (answers only, nothing beside them).
        let item = match self.nav.screen() {
            Screen::Lesson(at) => {
                return pack.lesson(*at).map(|l| (l.id.clone(), l.title.clone()));
            }
            Screen::Item(id) => id.as_str(),
            Screen::Quiz(run) if !run.finished => run.current()?,
            Screen::RolePlay(view) => view.id.as_str(),
            Screen::Swot(view) => view.exercise.id.as_str(),
            Screen::Ordering(view) => view.exercise.id.as_str(),
            Screen::Pdca(view) => view.placement.as_ref()?.exercise.id.as_str(),
            Screen::Worksheet(view) => view.sheet.id.as_str(),
            _ => return None,
        };
        pack.practice_item(item).map(|found| {
            let title: String = crate::text::plain(&found.title).chars().take(40).collect();
            (item.to_owned(), title)
        })
    }
}
