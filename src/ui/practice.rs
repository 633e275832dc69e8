//! The practice centre: today's review, the mistake notebook, favourites, chapter practice and
//! 背题, random practice across chapters, and mock exams (the pack's or the learner's own).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::layout::reading_page;
use super::quiz::QuizMode;
use super::{Command, NavCmd, ScreenCtx};
use crate::i18n::{Lang, T, paren};
use crate::model::study::StudyState;
use crate::model::{MockExamSpec, Pack};

/// Every answerable question id of chapter `c`, in file order: the engine's one count of a
/// chapter's questions, which the home screen shows too.
pub fn chapter_items(pack: &Pack, c: usize) -> Vec<String> {
    pack.chapter_questions(c)
}

pub use crate::progress::summary::flashcard_ids;

pub struct PracticeCenter {
    random_chapters: BTreeSet<usize>,
    random_count: usize,
    custom: MockExamSpec,
}

impl Default for PracticeCenter {
    fn default() -> Self {
        Self {
            random_chapters: BTreeSet::new(),
            random_count: 20,
            custom: MockExamSpec {
                id: "custom".into(),
                title: String::new(),
                minutes: 30,
                single: 10,
                multiple: 5,
                true_false: 5,
                short_answer: 1,
                essay: 0,
                case: 0,
                chapters: Vec::new(),
                pass_percent: 60,
            },
        }
    }
}

impl PracticeCenter {
    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (pack, study, lang, now): (&Pack, &StudyState, Lang, DateTime<Utc>) =
            (cx.pack, cx.study, cx.lang, cx.now);
        let review_queue = cx.summary.map_or(&[][..], |s| &s.review_queue[..]);
        let mut commands = Vec::new();
        reading_page(ui, "practice", |ui| {
            ui.add_space(16.0);
            ui.label(
                RichText::new(T::PracticeCenter.get(lang))
                    .size(26.0)
                    .strong(),
            );
            ui.add_space(8.0);
            // The open pack's queue only, new cards told apart from reviews due (as Anki).
            let queue = super::home::pack_queue(pack, review_queue);
            let (new, due) = super::home::new_and_due(pack, study, &queue);
            ui.group(|ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        T::DueToday.get(lang),
                        T::NewAndDue.fmt(lang, &[&new.to_string(), &due.to_string()])
                    ))
                    .size(18.0)
                    .strong(),
                );
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .add_enabled(
                            !queue.is_empty(),
                            egui::Button::new(T::StartReview.get(lang)),
                        )
                        .clicked()
                    {
                        commands.push(Command::Nav(NavCmd::StartQuiz {
                            title: T::TodayReview.get(lang).to_owned(),
                            mode: QuizMode::Review,
                            items: queue.clone(),
                        }));
                    }
                    if ui
                        .button(format!(
                            "{} ({})",
                            T::Mistakes.get(lang),
                            study.mistakes.len()
                        ))
                        .clicked()
                    {
                        commands.push(Command::Nav(NavCmd::ShowMistakes));
                    }
                    let favourites: Vec<String> = study
                        .favourites
                        .iter()
                        .filter(|id| pack.question(id).is_some())
                        .cloned()
                        .collect();
                    if ui
                        .add_enabled(
                            !favourites.is_empty(),
                            egui::Button::new(format!(
                                "{} ({})",
                                T::Favourites.get(lang),
                                favourites.len()
                            )),
                        )
                        .clicked()
                    {
                        commands.push(Command::Nav(NavCmd::StartQuiz {
                            title: T::Favourites.get(lang).to_owned(),
                            mode: QuizMode::Practice,
                            items: favourites,
                        }));
                    }
                });
            });
            ui.add_space(12.0);
            ui.group(|ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(T::Frameworks.get(lang)).size(18.0).strong());
                ui.horizontal_wrapped(|ui| {
                    if ui.button(T::MySwot.get(lang)).clicked() {
                        commands.push(Command::Nav(NavCmd::ShowMySwot(None)));
                    }
                    if ui.button(T::PdcaDiagram.get(lang)).clicked() {
                        commands.push(Command::Nav(NavCmd::ShowPdcaDiagram));
                    }
                });
            });
            ui.add_space(12.0);
            ui.label(
                RichText::new(T::ChapterPractice.get(lang))
                    .size(18.0)
                    .strong(),
            );
            for (c, chapter) in pack.chapters.iter().enumerate() {
                let items = chapter_items(pack, c);
                let label = format!(
                    "{}{}",
                    chapter.title,
                    paren(
                        lang,
                        &crate::i18n::counted(lang, items.len(), T::QuestionOne, T::Questions)
                    )
                );
                // Buttons on the right, the title in what is left: a long chapter title
                // in a narrow window wraps instead of pushing the buttons out of view.
                ui.horizontal(|ui| {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let title = &chapter.title;
                        for (mode, name) in [
                            (QuizMode::Memorise, T::Memorise),
                            (QuizMode::Practice, T::Practise),
                        ] {
                            let button = ui
                                .add_enabled(!items.is_empty(), egui::Button::new(name.get(lang)));
                            button.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!("{} {}", name.get(lang), title),
                                )
                            });
                            if button.clicked() {
                                commands.push(Command::Nav(NavCmd::StartQuiz {
                                    title: match mode {
                                        QuizMode::Memorise => {
                                            format!("{} · {}", title, name.get(lang))
                                        }
                                        _ => title.clone(),
                                    },
                                    mode,
                                    items: items.clone(),
                                }));
                            }
                        }
                        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                            ui.add(egui::Label::new(label).wrap());
                        });
                    });
                });
            }
            ui.add_space(12.0);
            ui.label(
                RichText::new(T::RandomPractice.get(lang))
                    .size(18.0)
                    .strong(),
            );
            ui.horizontal_wrapped(|ui| {
                for (c, chapter) in pack.chapters.iter().enumerate() {
                    let mut on = self.random_chapters.contains(&c);
                    if ui.checkbox(&mut on, &chapter.title).changed() {
                        if on {
                            self.random_chapters.insert(c);
                        } else {
                            self.random_chapters.remove(&c);
                        }
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.add(
                    egui::Slider::new(&mut self.random_count, 5..=100)
                        .text(T::QuestionCount.get(lang)),
                );
                let chosen: Vec<usize> = if self.random_chapters.is_empty() {
                    (0..pack.chapters.len()).collect()
                } else {
                    self.random_chapters.iter().copied().collect()
                };
                if ui.button(T::StartRandom.get(lang)).clicked() {
                    let mut items: Vec<String> = chosen
                        .iter()
                        .flat_map(|c| chapter_items(pack, *c))
                        .collect();
                    fastrand::Rng::with_seed(now.timestamp().unsigned_abs()).shuffle(&mut items);
                    items.truncate(self.random_count);
                    commands.push(Command::Nav(NavCmd::StartQuiz {
                        title: T::RandomPractice.get(lang).to_owned(),
                        mode: QuizMode::Practice,
                        items,
                    }));
                }
            });
            ui.add_space(12.0);
            ui.label(RichText::new(T::MockExams.get(lang)).size(18.0).strong());
            for spec in &pack.manifest.mock_exams {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "{} · {} {}",
                        spec.title,
                        spec.minutes,
                        T::Minutes.get(lang)
                    ));
                    let start = ui.button(T::StartExam.get(lang));
                    start.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("{} {}", T::StartExam.get(lang), spec.title),
                        )
                    });
                    if start.clicked() {
                        commands.push(Command::Nav(NavCmd::StartExam(spec.clone())));
                    }
                });
            }
            ui.collapsing(T::CustomExam.get(lang), |ui| {
                egui::Grid::new("custom-exam")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (label, value) in [
                            (T::KindSingle, &mut self.custom.single),
                            (T::KindMultiple, &mut self.custom.multiple),
                            (T::KindTrueFalse, &mut self.custom.true_false),
                            (T::KindShortAnswer, &mut self.custom.short_answer),
                            (T::KindCase, &mut self.custom.case),
                            (T::Minutes, &mut self.custom.minutes),
                        ] {
                            let name = ui.label(label.get(lang));
                            ui.add(egui::DragValue::new(value).range(0..=200))
                                .labelled_by(name.id);
                            ui.end_row();
                        }
                    });
                if ui
                    .add_enabled(
                        self.custom.minutes > 0,
                        egui::Button::new(T::StartCustomExam.get(lang)),
                    )
                    .clicked()
                {
                    let mut spec = self.custom.clone();
                    spec.title = T::CustomExam.get(lang).to_owned();
                    commands.push(Command::Nav(NavCmd::StartExam(spec)));
                }
            });
            ui.add_space(24.0);
            // Last, so the sections above keep their places on screen.
            if pack.labs().next().is_some() {
                ui.add_space(12.0);
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(T::Labs.get(lang)).size(18.0).strong());
                    ui.label(RichText::new(T::LabsHelp.get(lang)).weak());
                    ui.horizontal_wrapped(|ui| {
                        for (_, lab) in pack.labs() {
                            if ui.button(T::LabOpen.fmt(lang, &[&lab.title])).clicked() {
                                commands.push(Command::Nav(NavCmd::ShowLab(lab.id.clone())));
                            }
                        }
                    });
                });
            }
        });
        commands
    }
}
