//! One question in the mistake notebook: its stem (and options), a misconception flag, the
//! learner's last answer, the right answer and the explanation inline; the cause tags; and
//! buttons to practise it (returning to the notebook) or take it out.

use egui::{RichText, Ui};

use super::super::{Command, NavCmd, ScreenCtx, StudyCmd};
use crate::i18n::T;
use crate::model::QuestionKind;
use crate::model::readiness::notebook::{Entry, right_answer};

pub fn entry_ui(ui: &mut Ui, cx: &ScreenCtx<'_>, e: &Entry) -> Vec<Command> {
    let (pack, lang) = (cx.pack, cx.lang);
    let mut commands = Vec::new();
    let Some((_, question, _)) = pack.question(&e.id) else {
        return commands;
    };
    let dark = ui.visuals().dark_mode;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            if e.misconception {
                ui.label(
                    RichText::new(format!("⚠ {}", T::Misconception.get(lang)))
                        .strong()
                        .color(ui.visuals().error_fg_color),
                );
            }
            ui.label(RichText::new(super::qtype_label(e.qtype).get(lang)).weak());
            ui.label(RichText::new(T::WrongTimes.fmt(lang, &[&e.wrong_count.to_string()])).weak());
        });
        ui.label(RichText::new(crate::ui::rich::plain(&question.stem)).strong());
        if let QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } =
            &question.kind
        {
            for (i, option) in options.iter().enumerate() {
                ui.label(format!("{}. {option}", crate::model::option_letter(i)));
            }
        }
        let yours = if e.last_answer.is_empty() {
            T::NoAnswerRecorded.get(lang).to_owned()
        } else {
            e.last_answer.clone()
        };
        ui.label(
            RichText::new(format!("{}{yours}", T::YourAnswerIs.get(lang)))
                .color(ui.visuals().error_fg_color),
        );
        let right = right_answer(&question.kind);
        if !right.is_empty() {
            let good = crate::ui::lesson::Accent::Definition.color(dark);
            ui.label(RichText::new(format!("{}{right}", T::RightAnswerIs.get(lang))).color(good));
        }
        if !question.explanation.is_empty() {
            ui.label(format!(
                "{}{}",
                T::Explanation.get(lang),
                crate::ui::rich::plain(&question.explanation)
            ));
        }
        commands.extend(crate::ui::certainty::cause_ui(ui, lang, &e.id, e.cause));
        ui.horizontal_wrapped(|ui| {
            let practise = ui.button(T::PractiseThis.get(lang));
            practise.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("{} {}", T::PractiseThis.get(lang), e.id),
                )
            });
            if practise.clicked() {
                commands.push(Command::Nav(NavCmd::PractiseFromNotebook(vec![
                    e.id.clone(),
                ])));
            }
            let remove = ui.small_button(T::Remove.get(lang));
            remove.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("{} {}", T::Remove.get(lang), e.id),
                )
            });
            if remove.clicked() {
                commands.push(Command::Study(StudyCmd::RemoveMistake(e.id.clone())));
            }
        });
    });
    ui.add_space(4.0);
    commands
}
