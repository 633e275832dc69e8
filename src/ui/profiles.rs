//! The profile picker, shown before anything else: pick a learner (the last one preselected) or
//! create one with a name and an avatar.

use egui::{RichText, Ui};

use super::avatar::avatar_ui;
use super::layout::narrow_page_ui;
use super::{Command, ProfileCmd};
use crate::i18n::{Lang, T};
use crate::progress::ProfileEntry;
use crate::progress::profile::{AVATARS, MAX_NAME_CHARS, ProfileError, check_name};

#[derive(Default)]
pub struct ProfilePicker {
    /// Folder of the highlighted profile.
    pub selected: Option<String>,
    /// The profiles on this computer; the app refreshes the list.
    pub profiles: Vec<ProfileEntry>,
    /// Why the last open or create failed, shown above the list.
    pub error: Option<String>,
    new_name: String,
    avatar: Option<usize>,
    /// The name field was given the focus once for an empty list.
    focused_empty: bool,
}

impl ProfilePicker {
    pub fn set_profiles(&mut self, profiles: Vec<ProfileEntry>, preselect: Option<&str>) {
        self.selected = preselect
            .filter(|f| profiles.iter().any(|p| p.folder == *f))
            .or_else(|| profiles.first().map(|p| p.folder.as_str()))
            .map(str::to_owned);
        self.profiles = profiles;
    }

    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Vec<Command> {
        let mut commands = Vec::new();
        narrow_page_ui(ui, 560.0, 32.0, |ui| {
            ui.label(
                RichText::new(T::ProfilesTitle.get(lang))
                    .size(28.0)
                    .strong(),
            );
            ui.add_space(4.0);
            ui.label(RichText::new(T::ProfilesHelp.get(lang)).weak());
            ui.add_space(12.0);
            if let Some(error) = &self.error {
                egui::Frame::new()
                    .fill(ui.visuals().error_fg_color.gamma_multiply(0.12))
                    .inner_margin(egui::Margin::symmetric(12, 8))
                    .corner_radius(6)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.colored_label(ui.visuals().error_fg_color, error);
                    });
                ui.add_space(8.0);
            }
            self.list_ui(ui, lang, &mut commands);
            ui.add_space(20.0);
            ui.separator();
            ui.add_space(8.0);
            self.create_ui(ui, lang, &mut commands);
        });
        commands
    }

    fn list_ui(&mut self, ui: &mut Ui, lang: Lang, commands: &mut Vec<Command>) {
        if self.profiles.is_empty() {
            ui.label(T::NoProfilesYet.get(lang));
            return;
        }
        for profile in &self.profiles {
            let selected = self.selected.as_deref() == Some(profile.folder.as_str());
            let mut text = profile.name.clone();
            if profile.damaged {
                text.push_str(T::ProfileDamaged.get(lang));
            }
            let response = ui
                .horizontal(|ui| {
                    avatar_ui(ui, &profile.name, profile.avatar.as_deref(), 36.0);
                    // Name on the left and a frame on every row: a list of people, not a
                    // row of loose words.
                    ui.add(
                        egui::Button::selectable(
                            selected,
                            (RichText::new(text).size(18.0), egui::Atom::grow()),
                        )
                        .frame_when_inactive(true)
                        .min_size(egui::vec2(ui.available_width(), 40.0)),
                    )
                })
                .inner;
            if response.clicked() {
                self.selected = Some(profile.folder.clone());
            }
            if response.double_clicked() {
                commands.push(Command::Profile(ProfileCmd::Select(profile.folder.clone())));
            }
        }
        ui.add_space(8.0);
        let start = ui.add_enabled(
            self.selected.is_some(),
            egui::Button::new(
                RichText::new(T::StartStudying.get(lang))
                    .size(17.0)
                    .strong(),
            ),
        );
        let enter =
            ui.input(|i| i.key_pressed(egui::Key::Enter)) && !ui.ctx().egui_wants_keyboard_input();
        if let Some(folder) = &self.selected
            && (start.clicked() || enter)
        {
            commands.push(Command::Profile(ProfileCmd::Select(folder.clone())));
        }
    }

    fn create_ui(&mut self, ui: &mut Ui, lang: Lang, commands: &mut Vec<Command>) {
        ui.label(RichText::new(T::NewProfile.get(lang)).size(18.0).strong());
        ui.add_space(4.0);
        let mut submit = false;
        ui.horizontal(|ui| {
            let label = ui.label(T::ProfileName.get(lang));
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.new_name)
                    .id_salt("new-profile-name")
                    .char_limit(MAX_NAME_CHARS + 8)
                    .desired_width(260.0),
            );
            edit.clone().labelled_by(label.id);
            // With nobody to pick, typing a name is the only thing to do: start there.
            if self.profiles.is_empty() && !self.focused_empty {
                self.focused_empty = true;
                edit.request_focus();
            }
            submit = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(T::Avatar.get(lang));
            if ui
                .selectable_label(self.avatar.is_none(), T::NoAvatar.get(lang))
                .clicked()
            {
                self.avatar = None;
            }
            for (i, avatar) in AVATARS.iter().enumerate() {
                if ui
                    .selectable_label(self.avatar == Some(i), RichText::new(*avatar).size(18.0))
                    .clicked()
                {
                    self.avatar = Some(i);
                }
            }
        });
        // A preview of the disc the new profile gets.
        if !self.new_name.trim().is_empty() {
            ui.horizontal(|ui| {
                avatar_ui(
                    ui,
                    self.new_name.trim(),
                    self.avatar.and_then(|i| AVATARS.get(i)).copied(),
                    36.0,
                );
                ui.label(RichText::new(self.new_name.trim()).size(18.0));
            });
        }
        let problem = match check_name(&self.new_name, &self.profiles) {
            Ok(()) => None,
            // Not an error to shout about before anything is typed.
            Err(ProfileError::EmptyName) => Some(None),
            Err(ProfileError::NameTooLong) => Some(Some(
                T::NameTooLong.fmt(lang, &[&MAX_NAME_CHARS.to_string()]),
            )),
            Err(ProfileError::Duplicate(name)) => Some(Some(T::NameTaken.fmt(lang, &[&name]))),
            Err(other) => Some(Some(other.to_string())),
        };
        if let Some(Some(message)) = &problem {
            ui.colored_label(ui.visuals().warn_fg_color, message);
        }
        ui.add_space(4.0);
        let create = ui.add_enabled(
            problem.is_none(),
            egui::Button::new(RichText::new(T::CreateProfile.get(lang)).size(16.0)),
        );
        if problem.is_none() && (create.clicked() || submit) {
            commands.push(Command::Profile(ProfileCmd::Create {
                name: self.new_name.trim().to_owned(),
                avatar: self
                    .avatar
                    .and_then(|i| AVATARS.get(i))
                    .map(|a| (*a).to_owned()),
            }));
            self.new_name.clear();
            self.avatar = None;
        }
    }
}
