//! The mistake notebook (错题本): the open pack's wrongly answered questions, grouped by chapter,
//! lesson, question type or the cause the learner tagged, filtered by each, misconceptions (sure
//! and wrong) first; each shown with the learner's last answer, the right answer and the
//! explanation (`entry.rs`). Practising from here returns here; the notebook as filtered exports
//! as Markdown or a printable HTML page through the shell's file jobs.

mod entry;

use egui::{RichText, Ui};

use super::layout::reading_page;
use super::{Command, FilesCmd, NavCmd, ScreenCtx};
use crate::i18n::{Lang, T};
use crate::model::QuestionType;
use crate::model::evidence::Cause;
use crate::model::readiness::notebook::{Entry, GroupBy, entries, group, heading};
use crate::progress::outlook::last_answers;

/// The notebook's grouping and filters, kept while the app runs.
pub struct MistakesView {
    pub by: GroupBy,
    pub chapter: Option<usize>,
    pub qtype: Option<QuestionType>,
    /// `Some(None)`: untagged only.
    pub cause: Option<Option<Cause>>,
}

impl Default for MistakesView {
    fn default() -> Self {
        Self {
            by: GroupBy::Chapter,
            chapter: None,
            qtype: None,
            cause: None,
        }
    }
}

pub fn qtype_label(t: QuestionType) -> T {
    match t {
        QuestionType::Single => T::KindSingle,
        QuestionType::Multiple => T::KindMultiple,
        QuestionType::TrueFalse => T::KindTrueFalse,
        QuestionType::ShortAnswer => T::KindShortAnswer,
        QuestionType::Case => T::KindCase,
    }
}

const TYPES: [QuestionType; 5] = [
    QuestionType::Single,
    QuestionType::Multiple,
    QuestionType::TrueFalse,
    QuestionType::ShortAnswer,
    QuestionType::Case,
];

impl MistakesView {
    fn keeps(&self, e: &Entry) -> bool {
        self.chapter.is_none_or(|c| e.chapter == c)
            && self.qtype.is_none_or(|t| e.qtype == t)
            && self.cause.is_none_or(|c| e.cause == c)
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (pack, lang) = (cx.pack, cx.lang);
        let mut commands = Vec::new();
        let last = last_answers(pack, cx.progress, cx.study);
        let all = entries(pack, cx.study, &last);
        let shown: Vec<Entry> = all.iter().filter(|e| self.keeps(e)).cloned().collect();
        let groups = group(pack, &shown, self.by);
        reading_page(ui, "mistakes", |ui| {
            ui.add_space(16.0);
            ui.label(RichText::new(T::Mistakes.get(lang)).size(26.0).strong());
            ui.label(T::MistakesHelp.get(lang));
            ui.add_space(8.0);
            if all.is_empty() {
                ui.label(RichText::new(T::NoMistakes.get(lang)).italics());
                return;
            }
            self.toolbar_ui(ui, cx, lang);
            let ids: Vec<String> = groups
                .iter()
                .flat_map(|g| g.entries.iter().map(|e| e.id.clone()))
                .collect();
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    T::MistakesShown.fmt(lang, &[&ids.len().to_string(), &all.len().to_string()]),
                );
                if ui
                    .add_enabled(
                        !ids.is_empty(),
                        egui::Button::new(
                            RichText::new(format!(
                                "{} ({})",
                                T::PractiseMistakes.get(lang),
                                ids.len()
                            ))
                            .strong(),
                        ),
                    )
                    .clicked()
                {
                    commands.push(Command::Nav(NavCmd::PractiseFromNotebook(ids.clone())));
                }
                for (html, label) in [(false, T::ExportMarkdown), (true, T::ExportPrintable)] {
                    if ui
                        .add_enabled(!ids.is_empty(), egui::Button::new(label.get(lang)))
                        .clicked()
                    {
                        commands.push(Command::Files(FilesCmd::ExportMistakes {
                            html,
                            by: self.by,
                            ids: ids.clone(),
                        }));
                    }
                }
            });
            for g in &groups {
                ui.add_space(10.0);
                let title = match g.key {
                    crate::model::readiness::notebook::Key::Type(t) => {
                        qtype_label(t).get(lang).to_owned()
                    }
                    crate::model::readiness::notebook::Key::Cause(c) => c.map_or_else(
                        || T::CauseUntagged.get(lang).to_owned(),
                        |c| super::certainty::cause_label(c).get(lang).to_owned(),
                    ),
                    _ => heading(pack, &g.key),
                };
                ui.label(
                    RichText::new(format!("{title} · {}", g.entries.len()))
                        .size(18.0)
                        .strong(),
                );
                for e in &g.entries {
                    commands.extend(entry::entry_ui(ui, cx, e));
                }
            }
            ui.add_space(24.0);
        });
        commands
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            ui.label(T::GroupByLabel.get(lang));
            for (by, label) in [
                (GroupBy::Chapter, T::ByChapter),
                (GroupBy::Lesson, T::ByLesson),
                (GroupBy::Type, T::ByQType),
                (GroupBy::Cause, T::ByCause),
            ] {
                if ui
                    .add(egui::Button::selectable(self.by == by, label.get(lang)))
                    .clicked()
                {
                    self.by = by;
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(T::FilterLabel.get(lang));
            let all = T::FilterAll.get(lang);
            let chapter_text = |c: Option<usize>| {
                c.and_then(|c| cx.pack.chapters.get(c))
                    .map_or_else(|| all.to_owned(), |ch| ch.title.clone())
            };
            egui::ComboBox::new("mistakes-chapter", T::GroupChapter.get(lang))
                .selected_text(chapter_text(self.chapter))
                .width(160.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.chapter, None, all);
                    for c in 0..cx.pack.chapters.len() {
                        ui.selectable_value(&mut self.chapter, Some(c), chapter_text(Some(c)));
                    }
                });
            let type_text = |t: Option<QuestionType>| {
                t.map_or_else(|| all.to_owned(), |t| qtype_label(t).get(lang).to_owned())
            };
            egui::ComboBox::new("mistakes-type", T::GroupType.get(lang))
                .selected_text(type_text(self.qtype))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.qtype, None, all);
                    for t in TYPES {
                        ui.selectable_value(&mut self.qtype, Some(t), type_text(Some(t)));
                    }
                });
            let cause_text = |c: Option<Option<Cause>>| match c {
                None => all.to_owned(),
                Some(None) => T::CauseUntagged.get(lang).to_owned(),
                Some(Some(c)) => super::certainty::cause_label(c).get(lang).to_owned(),
            };
            egui::ComboBox::new("mistakes-cause", T::GroupCause.get(lang))
                .selected_text(cause_text(self.cause))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.cause, None, all);
                    for c in Cause::ALL.map(Some).into_iter().chain([None]) {
                        ui.selectable_value(&mut self.cause, Some(c), cause_text(Some(c)));
                    }
                });
        });
    }
}
