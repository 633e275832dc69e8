//! The mock exam in progress as protected work: a command that would leave it (a tab, a lesson
//! in the tree, Alt+→, search, another pack or profile, closing the window) is held while the
//! learner chooses 继续考试 / 稍后继续 / 交卷 / 放弃; starting and continuing exams; and the exam
//! saved with the learner's data when the app closes.

use egui::RichText;

use crate::i18n::T;
use crate::model::MockExamSpec;
use crate::model::exam::{ExamSession, assemble};
use crate::ui::exam::ExamView;
use crate::ui::{Command, LibraryCmd, NavCmd, ProfileCmd, StudyCmd, WindowCmd};

use super::ServiceCraftApp;
use super::nav::Screen;

/// What the shell keeps about the exam beyond the screen.
#[derive(Default)]
pub struct ExamGuard {
    /// A command that would leave the exam, held while the learner chooses.
    pub leaving: Option<Command>,
}

/// The learner's answer to "an exam is in progress".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Stay,
    Later,
    Submit,
    Discard,
}

impl ServiceCraftApp {
    /// Whether a started exam whose result is not yet recorded is on screen.
    pub fn exam_in_progress(&self) -> bool {
        matches!(self.nav.screen(), Screen::Exam(view) if view.in_progress())
    }

    /// Whether the app is asking the learner before leaving an exam (tests look).
    pub fn asking_to_leave_exam(&self) -> bool {
        self.exam.leaving.is_some()
    }

    /// Holds `command` if it would leave the exam in progress; true if held.
    pub(super) fn hold_if_leaving_exam(&mut self, command: &Command) -> bool {
        if !self.exam_in_progress() {
            return false;
        }
        let leaves = match command {
            Command::Nav(NavCmd::ResumeExam) => false,
            Command::Nav(_) => true,
            Command::Library(command) => matches!(
                command,
                LibraryCmd::Install(_)
                    | LibraryCmd::StudyInPlace(_)
                    | LibraryCmd::Switch(_)
                    | LibraryCmd::Remove { .. }
                    | LibraryCmd::UseBuiltin
            ),
            Command::Profile(command) => matches!(
                command,
                ProfileCmd::Select(_)
                    | ProfileCmd::Create { .. }
                    | ProfileCmd::Switch
                    | ProfileCmd::Restore(_)
            ),
            Command::Window(WindowCmd::Quit) => true,
            _ => false,
        };
        if leaves {
            self.exam.leaving = Some(command.clone());
        }
        leaves
    }

    /// Closing the window during an exam asks first, like any other way out.
    pub(super) fn guard_close_exam(&mut self, ctx: &egui::Context) -> bool {
        if self.profile.quitting
            || !ctx.input(|i| i.viewport().close_requested())
            || !self.exam_in_progress()
        {
            return false;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.exam.leaving = Some(Command::Window(WindowCmd::Quit));
        true
    }

    pub(super) fn start_exam(&mut self, spec: MockExamSpec) {
        let pack_id = self.packs.view.pack.manifest.id.clone();
        // An unfinished exam of this pack is continued rather than replaced: it can only be
        // discarded on purpose.
        if self
            .study()
            .exam
            .as_ref()
            .is_some_and(|e| e.pack == pack_id)
        {
            return self.resume_exam();
        }
        let now = self.config.clock.now();
        let seed = now.timestamp().unsigned_abs();
        let paper = assemble(&self.packs.view.pack, &spec, seed);
        let mut session = ExamSession::new(pack_id, paper);
        if self.prefs.settings.shuffle_options {
            // Another stream than the paper's draw, so the options' order is not tied to it.
            session = session.shuffled(seed.rotate_left(32) ^ 0x9e37_79b9_7f4a_7c15);
        }
        let view = ExamView::new(session);
        self.nav.show(Screen::Exam(Box::new(view)));
    }

    /// Shows the saved exam again; its clock runs once it is drawn.
    pub(super) fn resume_exam(&mut self) {
        if matches!(self.nav.screen(), Screen::Exam(view) if view.in_progress()) {
            return;
        }
        let pack_id = &self.packs.view.pack.manifest.id;
        let Some(exam) = self.study().exam.clone().filter(|e| &e.pack == pack_id) else {
            return;
        };
        self.nav.show(Screen::Exam(Box::new(ExamView::new(exam))));
    }

    /// Takes the exam off the screen, saved (clock paused) or discarded.
    fn leave_exam(&mut self, ctx: &egui::Context, keep: bool) {
        let now = self.config.clock.now();
        let save = match self.nav.take_screen() {
            Screen::Exam(mut view) if keep => view.save_command(now),
            _ => Command::Study(StudyCmd::SaveExam(None)),
        };
        self.apply(ctx, save);
    }

    /// Saves the exam on screen before the app closes (its clock stops with the app).
    pub(super) fn save_exam_on_exit(&mut self) {
        let now = self.config.clock.now();
        if let Screen::Exam(view) = self.nav.screen_mut()
            && view.in_progress()
        {
            let command = view.save_command(now);
            if let Command::Study(command) = command {
                self.apply_study(command);
            }
        }
    }

    /// The question while a command waits to leave the exam; acts on the answer.
    pub(super) fn leave_exam_dialog_ui(&mut self, ctx: &egui::Context) {
        if self.exam.leaving.is_none() {
            return;
        }
        let lang = self.prefs.lang;
        let sitting = matches!(self.nav.screen(), Screen::Exam(view) if view.sitting());
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::unique("leave-exam")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.label(
                RichText::new(T::LeaveExamTitle.get(lang))
                    .strong()
                    .size(18.0),
            );
            ui.add(egui::Label::new(T::LeaveExamText.get(lang)).wrap());
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                let stay = ui.button(RichText::new(T::ContinueExam.get(lang)).strong());
                if stay.clicked() {
                    choice = Some(Choice::Stay);
                }
                if ui.button(T::ExamLater.get(lang)).clicked() {
                    choice = Some(Choice::Later);
                }
                if sitting && ui.button(T::SubmitPaper.get(lang)).clicked() {
                    choice = Some(Choice::Submit);
                }
                if ui.button(T::DiscardExam.get(lang)).clicked() {
                    choice = Some(Choice::Discard);
                }
            });
        });
        if modal.should_close() && choice.is_none() {
            choice = Some(Choice::Stay);
        }
        let Some(choice) = choice else {
            return;
        };
        let pending = self.exam.leaving.take();
        match choice {
            Choice::Stay => {}
            Choice::Submit => {
                let now = self.config.clock.now();
                if let Screen::Exam(view) = self.nav.screen_mut() {
                    view.session.submit(now);
                }
            }
            Choice::Later | Choice::Discard => {
                self.leave_exam(ctx, choice == Choice::Later);
                if let Some(command) = pending {
                    self.apply(ctx, command);
                }
            }
        }
    }
}
