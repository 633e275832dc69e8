//! A PDCA worksheet: one improvement cycle on a case, worked through field by field from the
//! problem and its baseline to what carries over into the next cycle. Every keystroke goes to
//! the app, which saves shortly after typing stops, so the work survives leaving and restarting.

use std::collections::BTreeMap;

use egui::{CornerRadius, RichText, Sense, Stroke, Ui, vec2};

use super::exercise::{header_ui, hint_ui};
use super::layout::reading_page;
use super::lesson::{Accent, card_ui};
use super::pdca::{WheelAt, paint_wheel, stage_color};
use super::rich::paragraph_ui;
use super::{Command, FilesCmd, ScreenCtx, StudyCmd};
use crate::export::stage_title;
use crate::i18n::{Lang, T};
use crate::model::{ItemKind, PdcaStage, PdcaWorksheet};

pub struct WorksheetView {
    pub sheet: PdcaWorksheet,
    /// The texts as typed, seeded from the saved answers when the sheet is opened.
    drafts: BTreeMap<String, String>,
}

impl WorksheetView {
    pub fn new(sheet: PdcaWorksheet, saved: Option<&BTreeMap<String, String>>) -> Self {
        Self {
            drafts: saved.cloned().unwrap_or_default(),
            sheet,
        }
    }

    fn filled(&self, field: &str) -> bool {
        self.drafts.get(field).is_some_and(|t| !t.trim().is_empty())
    }

    /// `saved`: whether everything typed is on disk.
    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let lang = cx.lang;
        let saved = cx.typing_saved;
        let mut commands = Vec::new();
        reading_page(ui, ("worksheet", self.sheet.id.clone()), |ui| {
            header_ui(
                ui,
                cx,
                ItemKind::Worksheet,
                &self.sheet.title,
                &self.sheet.lesson,
                None,
                &mut commands,
            );
            self.status_ui(ui, lang, saved, &mut commands);
            card_ui(ui, Accent::Example, T::CaseText.get(lang), |ui| {
                paragraph_ui(ui, &self.sheet.case_text)
            });
            ui.add_space(4.0);
            hint_ui(ui, T::WorksheetHelp.get(lang));
            ui.add_space(8.0);
            for stage in PdcaStage::ALL {
                self.stage_ui(ui, stage, lang, &mut commands);
            }
            ui.add_space(24.0);
        });
        commands
    }

    fn status_ui(&self, ui: &mut Ui, lang: Lang, saved: bool, commands: &mut Vec<Command>) {
        let total = self.sheet.fields.len();
        let done = self
            .sheet
            .fields
            .iter()
            .filter(|f| self.filled(&f.id))
            .count();
        let mut export_button = |ui: &mut Ui| {
            if ui.button(T::ExportMarkdown.get(lang)).clicked() {
                commands.push(Command::Files(FilesCmd::ExportWorksheet(
                    self.sheet.id.clone(),
                )));
            }
        };
        let mut below = false;
        ui.horizontal(|ui| {
            // A small wheel: a stage lights up once all its fields are filled in.
            let (rect, _) = ui.allocate_exact_size(vec2(44.0, 44.0), Sense::hover());
            let complete = PdcaStage::ALL.map(|stage| {
                let fields: Vec<_> = self
                    .sheet
                    .fields
                    .iter()
                    .filter(|f| f.stage == stage)
                    .collect();
                !fields.is_empty() && fields.iter().all(|f| self.filled(&f.id))
            });
            paint_wheel(
                ui.painter(),
                WheelAt {
                    center: rect.center(),
                    radius: 18.0,
                    rotation: 0.0,
                },
                Some(complete),
                false,
                false,
                lang,
            );
            ui.label(format!("{} {done} / {total}", T::Filled.get(lang)));
            ui.label(
                RichText::new(if saved { T::Saved } else { T::Saving }.get(lang))
                    .weak()
                    .small(),
            );
            // At the right end of the row when it fits there, else on a line of its own under
            // it (200 % text): a right-to-left layout with too little room draws the button back
            // over the save status.
            let export = T::ExportMarkdown.get(lang);
            let width = super::layout::line_width(ui, export) + 2.0 * ui.spacing().button_padding.x;
            if ui.available_width() >= width {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    export_button(ui)
                });
            } else {
                below = true;
            }
        });
        if below {
            export_button(ui);
        }
        ui.add_space(6.0);
    }

    fn stage_ui(&mut self, ui: &mut Ui, stage: PdcaStage, lang: Lang, commands: &mut Vec<Command>) {
        let fields: Vec<_> = self
            .sheet
            .fields
            .iter()
            .filter(|f| f.stage == stage)
            .cloned()
            .collect();
        if fields.is_empty() {
            return;
        }
        let dark = ui.visuals().dark_mode;
        let color = stage_color(stage);
        egui::Frame::new()
            .fill(color.gamma_multiply(if dark { 0.12 } else { 0.05 }))
            .stroke(Stroke::new(1.0, color.gamma_multiply(0.45)))
            .corner_radius(CornerRadius::same(10))
            .inner_margin(egui::Margin::symmetric(14, 12))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let (badge, _) = ui.allocate_exact_size(vec2(30.0, 30.0), Sense::hover());
                    ui.painter().circle_filled(badge.center(), 15.0, color);
                    ui.painter().text(
                        badge.center(),
                        egui::Align2::CENTER_CENTER,
                        stage.letter(),
                        egui::FontId::proportional(16.0),
                        egui::Color32::WHITE,
                    );
                    ui.label(
                        RichText::new(stage_title(stage, lang))
                            .size(19.0)
                            .strong()
                            .color(super::dnd::readable(color, dark)),
                    );
                });
                for field in fields {
                    ui.add_space(6.0);
                    ui.label(RichText::new(&field.label).strong());
                    if !field.hint.is_empty() {
                        ui.add(egui::Label::new(RichText::new(&field.hint).weak().small()).wrap());
                    }
                    let text = self.drafts.entry(field.id.clone()).or_default();
                    let editor = egui::TextEdit::multiline(text)
                        .id_salt(("worksheet-field", &self.sheet.id, &field.id))
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .hint_text(T::WriteHere.get(lang));
                    let response = ui.add(editor);
                    // Named apart from the visible heading above it, so each can be found.
                    let label = T::LabelledText.fmt(lang, &[&field.label, T::YourAnswer.get(lang)]);
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, &label)
                    });
                    if response.changed() {
                        commands.push(Command::Study(StudyCmd::EditWorksheet {
                            worksheet: self.sheet.id.clone(),
                            field: field.id.clone(),
                            text: text.clone(),
                        }));
                    }
                }
            });
        ui.add_space(10.0);
    }
}
