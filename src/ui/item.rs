//! The page for an id that has no screen of its own: an id the pack does not have (a note or
//! link left from another version of the pack) says so, with a way back. Questions, flashcards,
//! exercises and role-plays open their own screens.

use egui::Ui;

use super::layout::reading_column;
use super::{Command, NavCmd};
use crate::i18n::{Lang, T};

pub struct ItemView {
    pub lang: Lang,
}

impl ItemView {
    pub fn ui(&self, ui: &mut Ui, id: &str) -> Vec<Command> {
        let mut commands = Vec::new();
        let lang = self.lang;
        reading_column(ui, |ui| {
            ui.add_space(12.0);
            if ui.button(format!("← {}", T::Back2.get(lang))).clicked() {
                commands.push(Command::Nav(NavCmd::ShowHome));
            }
            ui.add_space(8.0);
            ui.label(format!("{}{id}", T::ItemNotFound.get(lang)));
        });
        commands
    }
}
