//! The class report screen (File → Class report…): the results files an instructor chose, and
//! the report built from them on a worker thread — each trainee's score and completion per
//! chapter in heat colours, pass probability, time spent, who has been idle, and the questions
//! the class misses most with the wrong answers chosen — with buttons to save it as HTML or Excel.
//! The same content as `servicecraft class-report` writes (`export::class_report`).

use std::path::PathBuf;

use egui::{Color32, RichText, Ui};

use super::layout::wide_page;
use super::{Command, FilesCmd, ScreenCtx};
use crate::export::class_report::{ClassReport, duration_text, heat_rgb, percent};
use crate::i18n::{Lang, T};

/// What the screen holds: the files and folders chosen, the report once built (the shell puts
/// it here when the job ends), or why it could not be built.
#[derive(Default)]
pub struct ClassReportView {
    pub sources: Vec<PathBuf>,
    pub report: Option<ClassReport>,
    pub error: Option<String>,
}

/// Chapter titles are shortened in column headers (the full title shows on hover).
const HEADER_CHARS: usize = 8;

fn heat(share: Option<f32>) -> Color32 {
    let [r, g, b] = heat_rgb(share);
    Color32::from_rgb(r, g, b)
}

/// A cell on its heat colour, in dark text whatever the theme (the colours are light).
fn heat_cell(ui: &mut Ui, share: Option<f32>, text: &str) {
    egui::Frame::new()
        .fill(heat(share))
        .inner_margin(egui::Margin::symmetric(6, 2))
        .corner_radius(3.0)
        .show(ui, |ui| {
            ui.label(RichText::new(text).color(Color32::from_gray(20)));
        });
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(14.0);
    ui.label(RichText::new(text).size(18.0).strong());
    ui.add_space(4.0);
}

impl ClassReportView {
    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let lang = cx.lang;
        let mut commands = Vec::new();
        wide_page(ui, "class-report", |ui| {
            ui.add_space(12.0);
            ui.label(
                RichText::new(T::ClassReportTitle.get(lang))
                    .size(24.0)
                    .strong(),
            );
            ui.add(egui::Label::new(RichText::new(T::ClassReportIntro.get(lang)).weak()).wrap());
            ui.add_space(6.0);
            self.sources_ui(ui, lang, &mut commands);
            if let Some(error) = &self.error {
                ui.add_space(6.0);
                ui.add(
                    egui::Label::new(
                        RichText::new(T::ClassReportFailed.fmt(lang, &[error]))
                            .color(ui.visuals().error_fg_color),
                    )
                    .wrap(),
                );
            }
            if let Some(report) = &self.report {
                report_ui(ui, report, lang, &mut commands);
            }
            ui.add_space(24.0);
        });
        commands
    }

    fn sources_ui(&mut self, ui: &mut Ui, lang: Lang, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            if ui.button(T::ClassAddFiles.get(lang)).clicked() {
                commands.push(Command::Files(FilesCmd::ChooseClassResults));
            }
            if ui.button(T::ClassAddFolder.get(lang)).clicked() {
                commands.push(Command::Files(FilesCmd::ChooseClassFolder));
            }
            if !self.sources.is_empty() && ui.button(T::ClassClear.get(lang)).clicked() {
                self.sources.clear();
                self.report = None;
                self.error = None;
            }
        });
        if self.sources.is_empty() {
            ui.label(RichText::new(T::ClassNoSources.get(lang)).weak());
            return;
        }
        let mut removed = None;
        for (i, source) in self.sources.iter().enumerate() {
            ui.horizontal(|ui| {
                let name = source.file_name().map_or_else(
                    || source.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(RichText::new(source.display().to_string()).small());
                if ui
                    .small_button(T::ClassRemoveSource.fmt(lang, &[&name]))
                    .clicked()
                {
                    removed = Some(i);
                }
            });
        }
        if let Some(i) = removed {
            self.sources.remove(i);
            self.report = None;
            self.error = None;
            if !self.sources.is_empty() {
                commands.push(Command::Files(FilesCmd::BuildClassReport(
                    self.sources.clone(),
                )));
            }
        }
    }
}

fn report_ui(ui: &mut Ui, report: &ClassReport, lang: Lang, commands: &mut Vec<Command>) {
    ui.add_space(10.0);
    let mut meta = T::ClassReportMeta.fmt(
        lang,
        &[
            &report.trainees.len().to_string(),
            &report.files.to_string(),
            &report.made.format("%Y-%m-%d %H:%M UTC").to_string(),
        ],
    );
    if report.duplicates > 0 {
        meta.push_str(" · ");
        meta.push_str(&T::ClassReportDuplicates.fmt(lang, &[&report.duplicates.to_string()]));
    }
    ui.label(RichText::new(meta).weak());
    ui.horizontal(|ui| {
        if ui.button(T::ClassSaveHtml.get(lang)).clicked() {
            commands.push(Command::Files(FilesCmd::SaveClassReport { xlsx: false }));
        }
        if ui.button(T::ClassSaveXlsx.get(lang)).clicked() {
            commands.push(Command::Files(FilesCmd::SaveClassReport { xlsx: true }));
        }
    });
    trainees_ui(ui, report, lang);
    chapters_ui(ui, report, lang);
    missed_ui(ui, report, lang);
    ui.add_space(8.0);
    ui.add(egui::Label::new(RichText::new(T::ClassReportNote.get(lang)).small().weak()).wrap());
}

fn trainees_ui(ui: &mut Ui, report: &ClassReport, lang: Lang) {
    heading(ui, T::ClassTrainees.get(lang));
    let has_pass = report.trainees.iter().any(|t| t.pass_probability.is_some());
    egui::Grid::new("class-trainees")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            let mut columns = vec![
                T::ClassTrainee,
                T::ClassScore,
                T::ClassCompletion,
                T::ClassAttempts,
            ];
            if has_pass {
                columns.push(T::ClassPassProbability);
            }
            columns.extend([T::ClassTimeSpent, T::ClassLastStudied]);
            for column in columns {
                ui.label(RichText::new(column.get(lang)).strong());
            }
            ui.end_row();
            for tr in &report.trainees {
                ui.label(&tr.name);
                heat_cell(ui, tr.score, &percent(tr.score));
                ui.label(percent(Some(tr.completion)));
                ui.label(tr.attempts.to_string());
                if has_pass {
                    ui.label(percent(tr.pass_probability));
                }
                ui.label(duration_text(tr.seconds, lang));
                let last = tr
                    .last
                    .map_or_else(|| "—".to_owned(), |l| l.format("%Y-%m-%d").to_string());
                if tr.inactive {
                    ui.colored_label(ui.visuals().error_fg_color, last);
                } else {
                    ui.label(last);
                }
                ui.end_row();
            }
        });
    let idle: Vec<&str> = report
        .trainees
        .iter()
        .filter(|t| t.inactive)
        .map(|t| t.name.as_str())
        .collect();
    ui.add_space(4.0);
    if idle.is_empty() {
        ui.label(T::ClassInactiveNone.get(lang));
    } else {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{}：", T::ClassInactive.get(lang))).strong());
            ui.colored_label(ui.visuals().error_fg_color, idle.join("、"));
        });
    }
}

/// Trainees down, chapters across (scrolling sideways when there are many): each cell the
/// score on its heat colour and the items done out of the class's.
fn chapters_ui(ui: &mut Ui, report: &ClassReport, lang: Lang) {
    heading(ui, T::ClassByChapter.get(lang));
    ui.add(
        egui::Label::new(
            RichText::new(T::ClassByChapterHelp.get(lang))
                .small()
                .weak(),
        )
        .wrap(),
    );
    egui::ScrollArea::horizontal()
        .id_salt("class-chapters-scroll")
        .show(ui, |ui| {
            egui::Grid::new("class-chapters")
                .spacing([6.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(T::ClassTrainee.get(lang)).strong());
                    for chapter in &report.chapters {
                        let short: String = chapter.chars().take(HEADER_CHARS).collect();
                        let shown = if short.chars().count() < chapter.chars().count() {
                            format!("{short}…")
                        } else {
                            short
                        };
                        ui.label(RichText::new(shown).strong())
                            .on_hover_text(chapter);
                    }
                    ui.end_row();
                    for (tr, cells) in report.trainees.iter().zip(&report.cells) {
                        ui.label(&tr.name);
                        for cell in cells {
                            heat_cell(
                                ui,
                                cell.score,
                                &format!("{} · {}/{}", percent(cell.score), cell.done, cell.total),
                            );
                        }
                        ui.end_row();
                    }
                    ui.label(RichText::new(T::ClassAverage.get(lang)).strong());
                    for avg in &report.class_average {
                        heat_cell(ui, *avg, &percent(*avg));
                    }
                    ui.end_row();
                });
        });
}

fn missed_ui(ui: &mut Ui, report: &ClassReport, lang: Lang) {
    heading(ui, T::ClassMostMissed.get(lang));
    if report.missed.is_empty() {
        ui.label(T::ClassNoMisses.get(lang));
        return;
    }
    let width = ui.available_width();
    egui::Grid::new("class-missed")
        .striped(true)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for column in ["#", T::ClassQuestion.get(lang), T::ClassKey.get(lang)] {
                ui.label(RichText::new(column).strong());
            }
            ui.label(RichText::new(T::ClassWrong.get(lang)).strong());
            ui.label(RichText::new(T::ClassWrongAnswers.get(lang)).strong());
            ui.end_row();
            for (i, m) in report.missed.iter().enumerate() {
                ui.label((i + 1).to_string());
                ui.vertical(|ui| {
                    ui.set_max_width((width * 0.45).max(240.0));
                    let question = if m.question.is_empty() {
                        &m.item_id
                    } else {
                        &m.question
                    };
                    ui.add(egui::Label::new(question.as_str()).wrap());
                    ui.label(
                        RichText::new(format!("{} · {}", m.chapter, m.item_id))
                            .small()
                            .weak(),
                    );
                });
                ui.label(&m.key);
                ui.label(format!("{}/{}", m.wrong, m.attempts));
                ui.vertical(|ui| {
                    ui.set_max_width((width * 0.3).max(200.0));
                    for (answer, n) in &m.wrong_answers {
                        ui.add(egui::Label::new(format!("{answer} ×{n}")).wrap());
                    }
                });
                ui.end_row();
            }
        });
}
