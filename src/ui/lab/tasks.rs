//! The task panel beside the lab: each task's instructions and progress, checked live against
//! the learner's records, a check when met; the answers to ranking and decision questions; the
//! lesson each task teaches; finishing the experiment (its score goes to the attempt log) and
//! the debrief.

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use super::{LabCx, ok_colour};
use crate::i18n::T;
use crate::model::lab::{Goal, GoalProgress, LabOp, LabTask};
use crate::ui::{Command, NavCmd, StudyCmd};

pub fn panel_ui(
    ui: &mut Ui,
    lcx: &LabCx<'_>,
    ops: &mut Vec<LabOp>,
    commands: &mut Vec<Command>,
    started: &DateTime<Utc>,
) {
    let lang = lcx.lang;
    egui::ScrollArea::vertical()
        .id_salt("lab-task-panel")
        .show(ui, |ui| {
            ui.label(RichText::new(T::LabTasks.get(lang)).size(18.0).strong());
            let mut met = 0;
            for (n, task) in lcx.lab.tasks.iter().enumerate() {
                ui.separator();
                let progress = lcx
                    .progress()
                    .get(n)
                    .copied()
                    .unwrap_or(GoalProgress { done: 0, need: 1 });
                if progress.met() {
                    met += 1;
                }
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{}. {}", n + 1, task.title)).strong());
                });
                if progress.met() {
                    ui.colored_label(ok_colour(ui), T::LabTaskMet.get(lang));
                } else {
                    ui.label(T::LabProgress.fmt(
                        lang,
                        &[&progress.done.to_string(), &progress.need.to_string()],
                    ));
                }
                ui.add(egui::Label::new(RichText::new(&task.instructions).small()).wrap());
                answer_ui(ui, lcx, task, ops);
                let link = ui.link(RichText::new(T::LabStudyLesson.get(lang)).small());
                if link.clicked() {
                    commands.push(Command::Nav(NavCmd::ShowLessonById(task.lesson.clone())));
                }
            }
            ui.separator();
            let total = lcx.lab.tasks.len();
            if let Some(when) = lcx.state.finished {
                ui.colored_label(
                    ok_colour(ui),
                    T::LabFinished.fmt(lang, &[&met.to_string(), &total.to_string()]),
                );
                ui.label(RichText::new(when.format("%Y-%m-%d %H:%M").to_string()).weak());
            }
            if ui.button(T::LabFinish.get(lang)).clicked() {
                commands.push(Command::Study(StudyCmd::FinishLab {
                    lab: lcx.lab.id.clone(),
                    started: *started,
                }));
            }
            if lcx.state.finished.is_some() && !lcx.lab.debrief.is_empty() {
                ui.label(RichText::new(T::LabDebrief.get(lang)).strong());
                for line in &lcx.lab.debrief {
                    crate::ui::rich::paragraph_ui(ui, &format!("• {line}"));
                }
            }
        });
}

/// The answer controls of a ranking or decision task.
fn answer_ui(ui: &mut Ui, lcx: &LabCx<'_>, task: &LabTask, ops: &mut Vec<LabOp>) {
    let lang = lcx.lang;
    let picks = lcx.state.answers.get(&task.id).cloned().unwrap_or_default();
    match &task.goal {
        Goal::Decision { question, .. } => {
            ui.label(RichText::new(question).italics());
            let options = lcx.options(&task.id);
            ui.horizontal_wrapped(|ui| {
                for option in options {
                    let chosen = picks.first() == Some(option);
                    let response = ui.radio(chosen, option);
                    let label = T::LabAnswerWith.fmt(lang, &[option]);
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::RadioButton, true, chosen, &label)
                    });
                    if response.clicked() && !chosen {
                        ops.push(LabOp::Answer {
                            task: task.id.clone(),
                            picks: vec![option.clone()],
                        });
                    }
                }
            });
        }
        Goal::TopCustomers { count, .. } => {
            // Customers and agents by name: the order gives nothing away.
            let choices = lcx.pick_choices();
            for place in 0..*count as usize {
                let label = T::LabPickN.fmt(lang, &[&(place + 1).to_string()]);
                let current = picks.get(place).cloned().unwrap_or_default();
                let shown = choices
                    .iter()
                    .find(|(id, _)| *id == current)
                    .map_or_else(|| T::LabNone.get(lang).to_owned(), |(_, n)| n.clone());
                ui.horizontal(|ui| {
                    ui.label(&label);
                    let mut picked = current.clone();
                    let response = egui::ComboBox::from_id_salt((&task.id, place))
                        .selected_text(shown)
                        .width(150.0)
                        .show_ui(ui, |ui| {
                            for (id, name) in choices {
                                ui.selectable_value(&mut picked, id.clone(), name.as_str());
                            }
                        })
                        .response;
                    let name = format!("{} · {label}", task.title);
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name)
                    });
                    if picked != current {
                        let mut next = picks.clone();
                        next.resize(*count as usize, String::new());
                        next[place] = picked;
                        ops.push(LabOp::Answer {
                            task: task.id.clone(),
                            picks: next,
                        });
                    }
                });
            }
        }
        _ => {}
    }
}
