//! The first start's first step: choosing the language, before the profile picker. Picking one
//! switches the whole window at once, so the learner sees what they chose.

use egui::{RichText, Ui};

use super::layout::narrow_page_ui;
use super::{Command, PrefsCmd};
use crate::i18n::{Lang, T};

#[derive(Default)]
pub struct Welcome {
    /// The keyboard focus goes to the chosen language on the first frame.
    focused: bool,
}

impl Welcome {
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        narrow_page_ui(ui, 480.0, 48.0, |ui| {
            ui.label(RichText::new(T::Welcome.get(lang)).size(28.0).strong());
            ui.add_space(16.0);
            ui.label(RichText::new(T::ChooseLanguage.get(lang)).size(18.0));
            ui.add_space(8.0);
            let mut chosen = None;
            for option in Lang::ALL {
                let button = ui.add(
                    egui::Button::selectable(
                        option == lang,
                        (
                            RichText::new(option.native_name()).size(20.0),
                            egui::Atom::grow(),
                        ),
                    )
                    .frame_when_inactive(true)
                    .min_size(egui::vec2(ui.available_width(), 48.0)),
                );
                if option == lang {
                    chosen = Some(button.id);
                    if !std::mem::replace(&mut self.focused, true) {
                        button.request_focus();
                    }
                }
                if button.clicked() && option != lang {
                    commands.push(Command::Prefs(PrefsCmd::SetLanguage(option)));
                }
            }
            ui.add_space(6.0);
            ui.label(RichText::new(T::ChooseLanguageHelp.get(lang)).weak());
            ui.add_space(16.0);
            let go = ui.add(
                egui::Button::new(RichText::new(T::Continue.get(lang)).size(17.0).strong())
                    .min_size(egui::vec2(160.0, 38.0)),
            );
            // Enter continues from the chosen language (which has the focus at first) or from
            // nowhere; on the other language it picks that one, as a button does.
            let focused = ui.memory(|m| m.focused());
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter))
                && (focused.is_none() || focused == chosen);
            if go.clicked() || enter {
                commands.push(Command::Prefs(PrefsCmd::ConfirmLanguage));
            }
        });
        commands
    }
}
