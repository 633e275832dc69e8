//! A study view of one practice item: the question with its answer and explanation, or a
//! role-play's brief, for reading through (背题). SWOT, ordering, PDCA and worksheet exercises
//! have interactive screens of their own.

use egui::{RichText, Ui};

use super::Command;
use super::lesson::{Accent, card_ui, item_kind_label, list_ui, reading_column};
use super::rich::paragraph_ui;
use crate::i18n::{Lang, T, paren};
use crate::model::{ItemRef, Pack, Question, QuestionKind, answer_indices, option_letter};

pub struct ItemView<'a> {
    pub pack: &'a Pack,
    /// The learner's progress, for the self-check line (absent without a profile).
    pub progress: Option<&'a crate::progress::Progress>,
    pub lang: Lang,
}

impl ItemView<'_> {
    pub fn ui(&self, ui: &mut Ui, id: &str) -> Vec<Command> {
        let mut commands = Vec::new();
        let lang = self.lang;
        egui::ScrollArea::vertical()
            .id_salt(("item", id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                reading_column(ui, |ui| {
                    ui.add_space(12.0);
                    if ui.button(format!("← {}", T::Back2.get(lang))).clicked() {
                        commands.push(Command::Home);
                    }
                    let Some(item) = self.pack.practice_item(id) else {
                        ui.label(format!("{}{id}", T::ItemNotFound.get(lang)));
                        return;
                    };
                    ui.label(RichText::new(item_kind_label(item.kind, lang)).weak());
                    ui.add(
                        egui::Label::new(RichText::new(super::rich::plain(&item.title)).heading())
                            .wrap(),
                    );
                    ui.add_space(8.0);
                    match self.pack.get(id) {
                        Some(ItemRef::Question(c, q)) => {
                            if let Some(question) =
                                self.pack.chapters.get(c).and_then(|ch| ch.questions.get(q))
                            {
                                question_ui(ui, question, lang, false);
                            }
                        }
                        Some(ItemRef::CaseQuestion(c, q, sub)) => {
                            if let Some(QuestionKind::Case { questions, .. }) = self
                                .pack
                                .chapters
                                .get(c)
                                .and_then(|ch| ch.questions.get(q))
                                .map(|q| &q.kind)
                                && let Some(part) = questions.get(sub)
                            {
                                question_ui(ui, part, lang, true);
                            }
                        }
                        Some(ItemRef::Flashcard(c, i)) => {
                            if let Some(card) = self
                                .pack
                                .chapters
                                .get(c)
                                .and_then(|ch| ch.flashcards.get(i))
                            {
                                card_ui(ui, Accent::Definition, T::Back.get(lang), |ui| {
                                    paragraph_ui(ui, &card.back)
                                });
                            }
                        }
                        Some(ItemRef::RolePlay(c, i)) => {
                            if let Some(play) =
                                self.pack.chapters.get(c).and_then(|ch| ch.roleplays.get(i))
                            {
                                card_ui(ui, Accent::Example, T::Brief.get(lang), |ui| {
                                    paragraph_ui(ui, &play.brief)
                                });
                            }
                        }
                        _ => {}
                    }
                    commands.extend(super::selfcheck::ui(ui, id, self.progress, lang));
                });
            });
        commands
    }
}

fn question_ui(ui: &mut Ui, question: &Question, lang: Lang, _in_case: bool) {
    match &question.kind {
        QuestionKind::Single { options, answer } | QuestionKind::Multiple { options, answer } => {
            for (i, option) in options.iter().enumerate() {
                ui.label(format!("{}. {option}", option_letter(i)));
            }
            let letters: String = answer_indices(answer)
                .unwrap_or_default()
                .into_iter()
                .map(option_letter)
                .collect();
            ui.label(RichText::new(format!("{}{letters}", T::Answer.get(lang))).strong());
        }
        QuestionKind::TrueFalse { answer } => {
            let text = if *answer { T::True } else { T::False }.get(lang);
            ui.label(RichText::new(format!("{}{text}", T::Answer.get(lang))).strong());
        }
        QuestionKind::ShortAnswer {
            model_answer,
            points,
            ..
        } => {
            card_ui(ui, Accent::Definition, T::ModelAnswer.get(lang), |ui| {
                paragraph_ui(ui, model_answer)
            });
            ui.label(RichText::new(T::ScoringPoints.get(lang)).strong());
            let items: Vec<String> = points
                .iter()
                .map(|p| format!("{}{}", p.text, paren(lang, &p.score.to_string())))
                .collect();
            list_ui(ui, true, &items);
        }
        QuestionKind::Case {
            case_text,
            questions,
        } => {
            card_ui(ui, Accent::Example, T::CaseText.get(lang), |ui| {
                paragraph_ui(ui, case_text)
            });
            for part in questions {
                ui.add_space(8.0);
                ui.label(RichText::new(&part.stem).strong());
                question_ui(ui, part, lang, true);
            }
        }
    }
    if !question.explanation.is_empty() {
        ui.add_space(6.0);
        card_ui(ui, Accent::KeyPoints, T::Explanation.get(lang), |ui| {
            paragraph_ui(ui, &question.explanation)
        });
    }
}
