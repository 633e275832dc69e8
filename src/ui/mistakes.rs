//! The mistake notebook (错题本): every wrongly answered question, grouped by chapter and type,
//! to practise on its own or remove by hand.

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use super::layout::reading_page;
use super::quiz::{QuizMode, type_label};
use super::{Command, NavCmd, ScreenCtx, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::Pack;
use crate::model::study::StudyState;

pub fn mistakes_ui(ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
    let (pack, study, lang): (&Pack, &StudyState, Lang) = (cx.pack, cx.study, cx.lang);
    let mut commands = Vec::new();
    // chapter → type label → ids
    let mut groups: BTreeMap<usize, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for id in study.mistakes.keys() {
        if let Some((c, question, _)) = pack.question(id) {
            groups
                .entry(c)
                .or_default()
                .entry(type_label(&question.kind, lang))
                .or_default()
                .push(id);
        }
    }
    reading_page(ui, "mistakes", |ui| {
        ui.add_space(16.0);
        ui.label(RichText::new(T::Mistakes.get(lang)).size(26.0).strong());
        ui.label(T::MistakesHelp.get(lang));
        ui.add_space(8.0);
        let all: Vec<String> = groups
            .values()
            .flat_map(|g| g.values().flatten())
            .map(|s| (*s).to_owned())
            .collect();
        if all.is_empty() {
            ui.label(RichText::new(T::NoMistakes.get(lang)).italics());
        } else if ui
            .button(
                RichText::new(format!("{} ({})", T::PractiseMistakes.get(lang), all.len()))
                    .strong(),
            )
            .clicked()
        {
            commands.push(Command::Nav(NavCmd::StartQuiz {
                title: T::Mistakes.get(lang).to_owned(),
                mode: QuizMode::Practice,
                items: all,
            }));
        }
        for (c, by_type) in &groups {
            ui.add_space(10.0);
            ui.label(
                RichText::new(pack.chapters.get(*c).map_or("", |ch| ch.title.as_str()))
                    .size(18.0)
                    .strong(),
            );
            for (kind, ids) in by_type {
                ui.label(RichText::new(format!("{kind} · {}", ids.len())).weak());
                for id in ids {
                    let Some((_, question, _)) = pack.question(id) else {
                        continue;
                    };
                    let wrong = study.mistakes.get(*id).map_or(0, |m| m.wrong_count);
                    // Wrapped: with large text the Remove button would run past the edge.
                    ui.horizontal_wrapped(|ui| {
                        let stem: String = crate::ui::rich::plain(&question.stem)
                            .chars()
                            .take(48)
                            .collect();
                        if ui.link(stem).clicked() {
                            commands.push(Command::Nav(NavCmd::StartQuiz {
                                title: T::Mistakes.get(lang).to_owned(),
                                mode: QuizMode::Practice,
                                items: vec![(*id).to_owned()],
                            }));
                        }
                        ui.label(RichText::new(format!("×{wrong}")).weak());
                        let remove = ui.small_button(T::Remove.get(lang));
                        remove.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("{} {id}", T::Remove.get(lang)),
                            )
                        });
                        if remove.clicked() {
                            commands
                                .push(Command::Study(StudyCmd::RemoveMistake((*id).to_owned())));
                        }
                    });
                }
            }
        }
        ui.add_space(24.0);
    });
    commands
}
