//! The import window: choose a question bank (Excel, CSV, Word text or .docx, GIFT), see what was
//! read and which rows were skipped (by line), name the pack, then install it or save it as a
//! pack folder.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Command, FilesCmd, LibraryCmd, WindowCmd};
use crate::i18n::{Lang, T};
use crate::pack::import::{Format, ImportResult, PackMeta, TextEncoding};

/// A bank that was read, waiting to become a pack.
pub struct ParsedBank {
    pub path: PathBuf,
    pub result: ImportResult,
    pub format: Format,
    pub encoding: TextEncoding,
}

#[derive(Default)]
pub struct ImportWindow {
    pub open: bool,
    pub parsed: Option<ParsedBank>,
    /// The last error reading a file.
    pub error: Option<String>,
    meta: Option<PackMeta>,
}

impl ImportWindow {
    /// Shows a freshly read bank, naming the pack after the file, or as the workbook's 说明 sheet
    /// names it (a bank exported with `export-bank`, so the edit updates the same pack).
    pub fn set_parsed(&mut self, parsed: ParsedBank) {
        let from_file = PackMeta::from_file(&parsed.path);
        let meta = match parsed.result.meta.clone() {
            Some(mut meta) => {
                if meta.title.is_empty() {
                    meta.title = from_file.title;
                }
                meta
            }
            None => from_file,
        };
        self.meta = Some(meta);
        self.parsed = Some(parsed);
        self.error = None;
    }

    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let mut open = true;
        egui::Window::new(T::ImportTitle.get(lang))
            .id(egui::Id::unique("import-window"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 80.0))
            .show(ctx, |ui| commands.extend(self.contents_ui(ui, lang)));
        if !open {
            commands.push(Command::Window(WindowCmd::Import(false)));
        }
        commands
    }

    fn contents_ui(&mut self, ui: &mut Ui, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.label(T::ImportHelp.get(lang));
        ui.label(RichText::new(T::ImportDropHint.get(lang)).weak());
        ui.add_space(6.0);
        if ui.button(T::ChooseBankFile.get(lang)).clicked() {
            commands.push(Command::Files(FilesCmd::ChooseBank));
        }
        if let Some(error) = &self.error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{}{error}", T::ImportFailed.get(lang)),
            );
        }
        let Some(parsed) = &self.parsed else {
            return commands;
        };
        ui.separator();
        ui.label(RichText::new(parsed.path.display().to_string()).monospace());
        let errors: Vec<_> = parsed
            .result
            .problems
            .iter()
            .filter(|p| p.is_error())
            .collect();
        ui.label(format!(
            "{}{} · {}{} · {}{}, {}",
            T::BankRead.get(lang),
            parsed.result.questions.len(),
            T::BankProblems.get(lang),
            errors.len(),
            T::BankEncoding.get(lang),
            parsed.format.name(),
            parsed.encoding.name()
        ));
        if !parsed.result.problems.is_empty() {
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for problem in &parsed.result.problems {
                        let color = if problem.is_error() {
                            ui.visuals().error_fg_color
                        } else {
                            ui.visuals().warn_fg_color
                        };
                        ui.add(
                            egui::Label::new(
                                RichText::new(problem.to_string()).monospace().color(color),
                            )
                            .wrap(),
                        );
                    }
                });
        }
        let Some(meta) = &mut self.meta else {
            return commands;
        };
        ui.add_space(6.0);
        egui::Grid::new("import-meta")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, value) in [
                    (T::PackTitle, &mut meta.title),
                    (T::PackId, &mut meta.id),
                    (T::Version, &mut meta.version),
                ] {
                    let name = ui.label(label.get(lang));
                    ui.text_edit_singleline(value).labelled_by(name.id);
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        let ready = !parsed.result.questions.is_empty()
            && !meta.id.trim().is_empty()
            && !meta.title.trim().is_empty();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(T::ImportInstall.get(lang)))
                .clicked()
            {
                commands.push(Command::Library(LibraryCmd::InstallBank(meta.clone())));
            }
            if ui
                .add_enabled(ready, egui::Button::new(T::ImportSaveFolder.get(lang)))
                .clicked()
            {
                commands.push(Command::Files(FilesCmd::ChooseBankFolder(meta.clone())));
            }
        });
        commands
    }
}
