//! Practising questions one at a time: with immediate feedback (练习), with the answer shown
//! up front for reading through (背题), or as the day's review queue mixing flashcards and
//! mistakes. The run's drafts are UI state; results go to the app as commands.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

mod question;

pub use question::{
    Showing, draft_response, feedback_in_order_ui, feedback_ui, question_body_ui, shown_order,
    type_label,
};
use question::{enter_pressed, space_pressed, supplement_tag_ui};

use super::layout::reading_page;
use super::lesson::{Accent, card_ui};
use super::rich::paragraph_ui;
use super::{Command, NavCmd, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::evidence::Certainty;
use crate::model::study::{Recall, StudyState};
use crate::model::{Flashcard, Grade, ItemRef, Pack, Question, QuestionKind, Response, grade};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuizMode {
    /// Answer, then see whether it was right and why.
    Practice,
    /// 背题: the answer and explanation are shown with the question.
    Memorise,
    /// The day's review queue: flashcards are self-rated, questions answered.
    Review,
}

/// The learner's answer to the question on screen, before it is graded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub picked: BTreeSet<usize>,
    pub true_false: Option<bool>,
    pub text: String,
    pub covered: BTreeSet<usize>,
    /// The order a choice question's options are shown in for this attempt:
    /// `order[shown] = index in the pack`; empty means the printed order. Picks are kept as
    /// pack indices, so grading and the attempt log never see the shown order.
    pub order: Vec<usize>,
}

/// A practice run through a list of items.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizRun {
    pub title: String,
    pub mode: QuizMode,
    /// Answerable question ids and, in review, flashcard ids.
    pub items: Vec<String>,
    pub index: usize,
    pub draft: Draft,
    /// Set once the current question is graded.
    pub graded: Option<Grade>,
    /// The model answer (short answers) or the back (flashcards) is showing.
    pub revealed: bool,
    pub shown_at: DateTime<Utc>,
    pub right: usize,
    pub answered: usize,
    pub finished: bool,
    /// Each graded question of this round: id, answer and grade (the result screen).
    pub results: Vec<(String, Response, Grade)>,
    /// When the round began and ended (time used on the result screen).
    pub started: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Counts the questions shown, so each showing (a redo too) is a new attempt with its own
    /// option order, while redrawing the same showing keeps it.
    pub attempt: u64,
    /// Started from the mistake notebook: leaving returns to it (the back stack).
    pub returns_to_notebook: bool,
    /// This round's answers as (certainty given, right?), for its calibration line.
    pub certainties: Vec<(Option<Certainty>, bool)>,
}

impl QuizRun {
    pub fn new(title: String, mode: QuizMode, items: Vec<String>, now: DateTime<Utc>) -> Self {
        Self {
            title,
            mode,
            finished: items.is_empty(),
            items,
            index: 0,
            draft: Draft::default(),
            graded: None,
            revealed: false,
            shown_at: now,
            right: 0,
            answered: 0,
            results: Vec::new(),
            started: now,
            finished_at: None,
            attempt: 0,
            returns_to_notebook: false,
            certainties: Vec::new(),
        }
    }

    /// The seed of the current showing's option order: new with every showing and every
    /// moment a run starts, the same on every frame of one showing.
    pub fn seed(&self) -> u64 {
        self.shown_at
            .timestamp_millis()
            .unsigned_abs()
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ self.attempt
    }

    pub fn current(&self) -> Option<&str> {
        self.items.get(self.index).map(String::as_str)
    }

    fn go(&mut self, index: usize, now: DateTime<Utc>) {
        if index >= self.items.len() {
            self.finished = true;
            self.finished_at.get_or_insert(now);
        } else {
            self.index = index;
        }
        self.draft = Draft::default();
        self.graded = None;
        self.revealed = false;
        self.shown_at = now;
        self.attempt += 1;
    }

    pub fn next(&mut self, now: DateTime<Utc>) {
        self.go(self.index + 1, now);
    }

    pub fn restart(&mut self, now: DateTime<Utc>) {
        self.finished = self.items.is_empty();
        self.right = 0;
        self.answered = 0;
        self.results.clear();
        self.started = now;
        self.finished_at = None;
        self.certainties.clear();
        self.go(0, now);
    }

    fn note_result(&mut self, id: &str, response: &Response, grade: Grade) {
        self.results.push((id.to_owned(), response.clone(), grade));
        self.graded = Some(grade);
        self.answered += 1;
        if grade.is_correct() {
            self.right += 1;
        }
    }
}

pub struct QuizView<'a> {
    pub pack: &'a Pack,
    pub study: &'a StudyState,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    /// Options in a fresh order per attempt (the 设置 switch), except in 背题.
    pub shuffle: bool,
}

impl<'a> QuizView<'a> {
    /// The quiz screen drawn from the screen context.
    pub fn new(cx: &'a super::ScreenCtx<'a>) -> Self {
        Self {
            pack: cx.pack,
            study: cx.study,
            lang: cx.lang,
            now: cx.now,
            shuffle: cx.settings.shuffle_options,
        }
    }

    pub fn ui(&self, ui: &mut Ui, run: &mut QuizRun) -> Vec<Command> {
        let mut commands = Vec::new();
        let lang = self.lang;
        reading_page(ui, "quiz", |ui| {
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if run.returns_to_notebook {
                    if ui.button(T::BackToMistakes.get(lang)).clicked() {
                        commands.push(Command::Nav(NavCmd::Back));
                    }
                } else if ui
                    .button(format!("← {}", T::PracticeCenter.get(lang)))
                    .clicked()
                {
                    commands.push(Command::Nav(NavCmd::ShowPractice));
                }
                ui.label(RichText::new(&run.title).strong());
            });
            // An item the open pack does not have (a review of another pack's card) is passed
            // over, never shown as an empty page.
            while let Some(id) = run.current()
                && !self.shows(id)
            {
                run.next(self.now);
            }
            if run.finished {
                self.finished_ui(ui, run, &mut commands);
                return;
            }
            let Some(id) = run.current().map(str::to_owned) else {
                return;
            };
            ui.label(
                RichText::new(format!(
                    "{} {} / {}",
                    T::Item.get(lang),
                    run.index + 1,
                    run.items.len()
                ))
                .weak(),
            );
            ui.add(
                egui::ProgressBar::new(run.index as f32 / run.items.len().max(1) as f32)
                    .desired_height(4.0),
            );
            ui.add_space(8.0);
            match self.pack.get(&id) {
                Some(ItemRef::Flashcard(c, i)) => {
                    if let Some(card) = self
                        .pack
                        .chapters
                        .get(c)
                        .and_then(|ch| ch.flashcards.get(i))
                    {
                        self.flashcard_ui(ui, run, card, &mut commands);
                    }
                }
                _ => {
                    if let Some((_, question, case)) = self.pack.question(&id) {
                        self.question_ui(ui, run, question, case, &mut commands);
                    }
                }
            }
        });
        commands
    }

    /// Whether `id` is a flashcard or answerable question of the open pack.
    fn shows(&self, id: &str) -> bool {
        matches!(self.pack.get(id), Some(ItemRef::Flashcard(..)))
            || self.pack.question(id).is_some()
    }

    fn question_ui(
        &self,
        ui: &mut Ui,
        run: &mut QuizRun,
        question: &Question,
        case: Option<&Question>,
        commands: &mut Vec<Command>,
    ) {
        let lang = self.lang;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(type_label(&question.kind, lang))
                    .strong()
                    .color(Accent::ExamTip.color(ui.visuals().dark_mode)),
            );
            let favourite = self.study.favourites.contains(&question.id);
            let label = if favourite {
                T::Unfavourite
            } else {
                T::Favourite
            };
            let star = if favourite { "★" } else { "☆" };
            if ui.button(format!("{star} {}", label.get(lang))).clicked() {
                commands.push(Command::Study(StudyCmd::ToggleFavourite(
                    question.id.clone(),
                )));
            }
        });
        if let Some(case) = case
            && let QuestionKind::Case { case_text, .. } = &case.kind
        {
            card_ui(
                ui,
                Accent::Example,
                &crate::i18n::labelled(lang, T::CaseText.get(lang), &case.stem),
                |ui| paragraph_ui(ui, case_text),
            );
        }
        let memorise = run.mode == QuizMode::Memorise;
        if let QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } =
            &question.kind
            && run.draft.order.len() != options.len()
        {
            // 背题 reads the printed order; otherwise a fresh order for this showing, kept in the
            // draft so redrawing never reorders.
            run.draft.order = if memorise || !self.shuffle {
                crate::model::shuffle::printed(options.len())
            } else {
                crate::model::shuffle::option_order(
                    options,
                    crate::model::shuffle::attempt_seed(&question.id, run.seed()),
                )
            };
        }
        let showing = if memorise {
            Showing::Memorise
        } else {
            Showing::Practice
        };
        let submitted = question_body_ui(
            ui,
            question,
            &mut run.draft,
            run.graded.as_ref(),
            showing,
            &mut run.revealed,
            lang,
        );
        // Choices and 判断 may be submitted with a certainty (written answers are marked after
        // the model answer is read, when certainty says nothing).
        let certain = (!memorise && run.graded.is_none() && !submitted)
            .then(|| {
                let ready = draft_response(&question.kind, &run.draft).is_some();
                super::certainty::certainty_for(ui, lang, &question.kind, ready)
            })
            .flatten();
        if (submitted || certain.is_some())
            && let Some(response) = draft_response(&question.kind, &run.draft)
            && let Some(result) = grade(&question.kind, &response, &self.pack.manifest.scoring)
        {
            run.note_result(&question.id, &response, result);
            run.certainties.push((certain, result.is_correct()));
            commands.push(Command::Study(StudyCmd::RecordAnswer {
                item: question.id.clone(),
                response,
                grade: result,
                started: run.shown_at,
                certainty: certain,
            }));
        }
        if memorise || run.graded.is_some() {
            ui.add_space(8.0);
            feedback_in_order_ui(ui, question, run.graded.as_ref(), &run.draft.order, lang);
            if run.graded.is_some_and(|g| !g.is_correct()) {
                let cause = self.study.causes.get(&question.id).copied();
                commands.extend(super::certainty::cause_ui(ui, lang, &question.id, cause));
            }
            ui.add_space(8.0);
            let last = run.index + 1 >= run.items.len();
            ui.horizontal(|ui| {
                if memorise
                    && run.index > 0
                    && ui.button(format!("← {}", T::PrevItem.get(lang))).clicked()
                {
                    let index = run.index - 1;
                    run.go(index, self.now);
                }
                let label = if last { T::Finish } else { T::NextItem };
                let advance = ui.button(RichText::new(label.get(lang)).strong()).clicked()
                    || (run.graded.is_some() && !submitted && enter_pressed(ui));
                if advance {
                    run.next(self.now);
                }
            });
        }
    }

    fn flashcard_ui(
        &self,
        ui: &mut Ui,
        run: &mut QuizRun,
        card: &Flashcard,
        commands: &mut Vec<Command>,
    ) {
        let lang = self.lang;
        card_ui(ui, Accent::Mnemonic, T::KindFlashcard.get(lang), |ui| {
            ui.label(RichText::new(&card.front).size(22.0).strong());
            if card.supplement {
                supplement_tag_ui(ui, lang);
            }
        });
        ui.add_space(8.0);
        if !run.revealed {
            if ui
                .button(RichText::new(T::ShowAnswer.get(lang)).strong())
                .clicked()
                || enter_pressed(ui)
                || space_pressed(ui)
            {
                run.revealed = true;
            }
            return;
        }
        card_ui(ui, Accent::Definition, T::Back.get(lang), |ui| {
            paragraph_ui(ui, &card.back)
        });
        ui.add_space(8.0);
        ui.label(T::HowWell.get(lang));
        ui.horizontal(|ui| {
            for (n, (recall, label)) in [
                (Recall::Again, T::RecallAgain),
                (Recall::Hard, T::RecallHard),
                (Recall::Good, T::RecallGood),
                (Recall::Easy, T::RecallEasy),
            ]
            .into_iter()
            .enumerate()
            {
                let key = [
                    egui::Key::Num1,
                    egui::Key::Num2,
                    egui::Key::Num3,
                    egui::Key::Num4,
                ][n];
                let pressed =
                    !ui.ctx().memory(|m| m.focused().is_some()) && ui.input(|i| i.key_pressed(key));
                if ui
                    .button(format!("{} {}", n + 1, label.get(lang)))
                    .clicked()
                    || pressed
                {
                    commands.push(Command::Study(StudyCmd::RecordRecall {
                        item: card.id.clone(),
                        recall,
                    }));
                    run.answered += 1;
                    if recall != Recall::Again {
                        run.right += 1;
                    }
                    run.next(self.now);
                }
            }
        });
    }

    fn finished_ui(&self, ui: &mut Ui, run: &mut QuizRun, commands: &mut Vec<Command>) {
        let lang = self.lang;
        ui.add_space(16.0);
        ui.label(RichText::new(T::RoundDone.get(lang)).size(22.0).strong());
        if run.items.is_empty() {
            ui.label(T::NothingToPractise.get(lang));
        } else if !run.results.is_empty() {
            super::results::quiz_result_ui(ui, self.pack, run, self.now, lang, commands);
        } else if run.mode != QuizMode::Memorise {
            ui.label(format!(
                "{} {} / {}",
                T::RightCount.get(lang),
                run.right,
                run.answered
            ));
            let calibration = crate::model::evidence::calibration(run.certainties.clone());
            super::certainty::calibration_ui(ui, &calibration, lang);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if !run.items.is_empty() && ui.button(T::Again.get(lang)).clicked() {
                run.restart(self.now);
            }
            if run.returns_to_notebook {
                if ui.button(T::BackToMistakes.get(lang)).clicked() {
                    commands.push(Command::Nav(NavCmd::Back));
                }
            } else if ui.button(T::PracticeCenter.get(lang)).clicked() {
                commands.push(Command::Nav(NavCmd::ShowPractice));
            }
        });
    }
}
