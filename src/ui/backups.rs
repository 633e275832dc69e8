//! The backups screen: what copies exist, a button to take one now, and restoring one (after a
//! confirmation that says the current data is kept).

use egui::{RichText, Ui};

use super::layout::reading_page;
use super::{Command, ProfileCmd, ScreenCtx};
use crate::i18n::{Lang, T};
use crate::progress::{BackupInfo, BackupKind};

pub fn kind_label(kind: BackupKind, lang: Lang) -> &'static str {
    match kind {
        BackupKind::Auto => T::BackupKindAuto,
        BackupKind::Manual => T::BackupKindManual,
        BackupKind::BeforeRestore => T::BackupKindBeforeRestore,
        BackupKind::BeforeUpgrade => T::BackupKindBeforeUpgrade,
        BackupKind::BeforeReset => T::BackupKindBeforeReset,
    }
    .get(lang)
}

pub fn when(backup: &BackupInfo) -> String {
    backup.taken.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Draws the backups screen from `cx.backups`.
pub fn backups_ui(ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
    let lang = cx.lang;
    let view = &cx.backups;
    let mut commands = Vec::new();
    reading_page(ui, "backups", |ui| {
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(T::BackupsTitle.get(lang)).size(24.0).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(T::BackupNow.get(lang)).clicked() {
                    commands.push(Command::Profile(ProfileCmd::BackupNow));
                }
            });
        });
        ui.add(egui::Label::new(RichText::new(T::BackupsHelp.get(lang)).weak()).wrap());
        ui.label(
            RichText::new(T::BackupFolder.fmt(lang, &[&view.folder.display().to_string()]))
                .small()
                .weak(),
        );
        if let Some(error) = view.last_error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                T::BackupFailed.fmt(lang, &[error]),
            );
        }
        ui.add_space(10.0);
        if view.list.is_empty() {
            ui.label(RichText::new(T::NoBackups.get(lang)).weak());
            return;
        }
        egui::Grid::new("backup-list")
            .striped(true)
            .num_columns(4)
            .spacing([18.0, 8.0])
            .show(ui, |ui| {
                for backup in view.list {
                    ui.label(RichText::new(when(backup)).monospace());
                    ui.label(kind_label(backup.kind, lang));
                    ui.label(RichText::new(size(backup.bytes)).weak());
                    if ui
                        .button(T::RestoreBackup.get(lang))
                        .on_hover_text(&backup.name)
                        .clicked()
                    {
                        commands.push(Command::Profile(ProfileCmd::AskRestore(Some(
                            backup.name.clone(),
                        ))));
                    }
                    ui.end_row();
                }
            });
    });
    if let Some(name) = view.confirming {
        let taken = view
            .list
            .iter()
            .find(|b| b.name == name)
            .map_or_else(|| name.to_owned(), when);
        egui::Modal::new(egui::Id::unique("confirm-restore")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.label(RichText::new(T::BackupsTitle.get(lang)).strong().size(18.0));
            ui.add(egui::Label::new(T::RestoreConfirm.fmt(lang, &[&taken])).wrap());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(T::RestoreBackup.get(lang)).clicked() {
                    commands.push(Command::Profile(ProfileCmd::Restore(name.to_owned())));
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    commands.push(Command::Profile(ProfileCmd::AskRestore(None)));
                }
            });
        });
    }
    commands
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}
