//! The help window (F1): every keyboard shortcut the app answers to, a way to take the tour
//! again, and the version.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::{Command, WindowCmd};
use crate::i18n::{Lang, T};

/// How a row's keys are written: shortcuts with a modifier are formatted by egui, so a Mac shows
/// ⌘ where others show Ctrl; plain keys are key caps, the same in every language.
#[derive(Clone, Copy, Debug)]
pub enum Keys {
    /// Any of these shortcuts does it.
    Shortcuts(&'static [KeyboardShortcut]),
    Caps(&'static str),
}

pub const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
pub const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F11);
pub const PRESENT_ALT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
pub const NOTE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const SEARCH: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

/// Every shortcut, in the order a learner meets them. Kept beside the code that reads the keys
/// in `app.rs` and the screens; the help test checks the app-wide ones really work.
pub const SHORTCUTS: &[(Keys, T)] = &[
    (Keys::Caps("Alt+→"), T::KeyNextLesson),
    (Keys::Caps("Alt+←"), T::KeyPrevLesson),
    (Keys::Caps("Alt+Home"), T::KeyHome),
    (Keys::Caps("1–8 / A–H"), T::KeyPickOption),
    (Keys::Caps("T / F"), T::KeyTrueFalse),
    (Keys::Caps("Enter"), T::KeySubmit),
    (Keys::Caps("Space"), T::KeyFlip),
    (Keys::Caps("1–4"), T::KeyRecall),
    (Keys::Caps("1–6"), T::KeyRolePlay),
    (Keys::Caps("← →  1–4  0"), T::KeyCards),
    (Keys::Caps("↑ ↓  Alt+↑ / Alt+↓"), T::KeyReorder),
    (Keys::Shortcuts(&[NOTE]), T::KeyNote),
    (Keys::Shortcuts(&[SEARCH]), T::KeySearch),
    (
        Keys::Shortcuts(&[
            egui::gui_zoom::kb_shortcuts::ZOOM_IN,
            egui::gui_zoom::kb_shortcuts::ZOOM_OUT,
            egui::gui_zoom::kb_shortcuts::ZOOM_RESET,
        ]),
        T::KeyZoom,
    ),
    (Keys::Shortcuts(&[HELP]), T::KeyHelp),
    (Keys::Shortcuts(&[PRESENT, PRESENT_ALT]), T::KeyPresent),
    (Keys::Caps("Esc"), T::KeyEscape),
    (Keys::Caps("Tab / Shift+Tab"), T::KeyTab),
    (Keys::Caps("F6 / Shift+F6"), T::KeyRegions),
    (Keys::Caps("PgUp PgDn ↑ ↓ Home End"), T::KeyScroll),
    (Keys::Caps("Space / Enter"), T::KeyActivate),
];

/// The keys of a row as they are shown.
pub fn keys_text(ctx: &egui::Context, keys: Keys, lang: Lang) -> String {
    match keys {
        Keys::Caps(text) => text.to_owned(),
        // Zoom's three shortcuts do three things, in the order the action names them.
        Keys::Shortcuts(list) if list.len() > 2 => list
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(" / "),
        Keys::Shortcuts(list) => list
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .reduce(|a, b| T::KeyAnyOf.fmt(lang, &[&a, &b]))
            .unwrap_or_default(),
    }
}

/// The help window, shown over everything until closed (Esc, F1 or the Close button).
/// `can_tour`: a profile is open, so there are screens to show.
pub fn help_ui(ctx: &egui::Context, lang: Lang, can_tour: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("help-window")).show(ctx, |ui| {
        let width = 620.0_f32.min(ctx.content_rect().width() - 60.0);
        ui.set_width(width);
        ui.label(RichText::new(T::HelpTitle.get(lang)).size(22.0).strong());
        ui.label(T::HelpIntro.get(lang));
        ui.add_space(8.0);
        // A fixed height from the first frame: left to find its size, the list grows over several
        // frames and the centred dialog moves under the pointer meanwhile.
        let list_height = (ctx.content_rect().height() - 240.0).clamp(160.0, 600.0);
        egui::ScrollArea::vertical()
            .min_scrolled_height(list_height)
            .max_height(list_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                shortcuts_ui(ui, lang);
                ui.add_space(12.0);
                about_ui(ui, lang);
            });
        ui.add_space(6.0);
        ui.separator();
        // `Sides`, not a right-to-left layout: centred in a dialog's unbounded height, that would
        // grow the dialog a little on every frame.
        let (tour, close) = egui::Sides::new().show(
            ui,
            |ui| can_tour && ui.button(T::RestartTour.get(lang)).clicked(),
            |ui| ui.button(T::ReportClose.get(lang)).clicked() || super::focus::enter_confirms(ui),
        );
        if tour {
            commands.push(Command::Window(WindowCmd::StartTour));
        }
        if close {
            commands.push(Command::Window(WindowCmd::Help(false)));
        }
    });
    if modal.should_close() && commands.is_empty() {
        commands.push(Command::Window(WindowCmd::Help(false)));
    }
    commands
}

fn shortcuts_ui(ui: &mut Ui, lang: Lang) {
    ui.label(
        RichText::new(T::KeyboardShortcuts.get(lang))
            .size(18.0)
            .strong(),
    );
    ui.add_space(4.0);
    let ctx = ui.ctx().clone();
    // Rows with a fixed key column, not a Grid: a Grid learns its column widths over a frame or
    // two, and while the wrapped actions settle the centred dialog would jump under the pointer.
    let keys_width = 230.0_f32.min(ui.available_width() * 0.4);
    let row = |ui: &mut Ui, keys: RichText, action: RichText, shaded: bool| {
        let fill = if shaded {
            ui.visuals().faint_bg_color
        } else {
            egui::Color32::TRANSPARENT
        };
        egui::Frame::new()
            .fill(fill)
            // Room on the right for the scroll bar, which floats over the rows.
            .inner_margin(egui::Margin {
                left: 4,
                right: 14,
                top: 3,
                bottom: 3,
            })
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_top(|ui| {
                    ui.allocate_ui_with_layout(
                        egui::vec2(keys_width, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(keys_width);
                            ui.add(egui::Label::new(keys).wrap());
                        },
                    );
                    ui.add(egui::Label::new(action).wrap());
                });
            });
    };
    row(
        ui,
        RichText::new(T::ShortcutKeys.get(lang)).weak(),
        RichText::new(T::ShortcutAction.get(lang)).weak(),
        false,
    );
    for (i, (keys, action)) in SHORTCUTS.iter().enumerate() {
        row(
            ui,
            // As tall as the action beside it, so the two sit on one line.
            RichText::new(keys_text(&ctx, *keys, lang))
                .monospace()
                .size(15.0)
                .strong(),
            RichText::new(action.get(lang)),
            i % 2 == 0,
        );
    }
}

/// Help → About: the version and what ServiceCraft is, with a Close button in the learner's
/// language (egui's window close button speaks English to screen readers).
pub fn about_dialog_ui(ctx: &egui::Context, lang: Lang) -> Vec<Command> {
    let mut commands = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("about-window")).show(ctx, |ui| {
        ui.set_width(420.0_f32.min(ctx.content_rect().width() - 60.0));
        ui.label(RichText::new(T::About.get(lang)).size(20.0).strong());
        ui.label(T::VersionN.fmt(lang, &[env!("CARGO_PKG_VERSION")]));
        ui.add(egui::Label::new(T::AboutText.get(lang)).wrap());
        ui.add_space(8.0);
        if ui.button(T::ReportClose.get(lang)).clicked() || super::focus::enter_confirms(ui) {
            commands.push(Command::Window(WindowCmd::About(false)));
        }
    });
    if modal.should_close() && commands.is_empty() {
        commands.push(Command::Window(WindowCmd::About(false)));
    }
    commands
}

fn about_ui(ui: &mut Ui, lang: Lang) {
    ui.separator();
    ui.label(RichText::new(T::About.get(lang)).size(18.0).strong());
    ui.label(T::VersionN.fmt(lang, &[env!("CARGO_PKG_VERSION")]));
    ui.add(egui::Label::new(T::AboutText.get(lang)).wrap());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_for_the_platform_and_the_language() {
        let ctx = egui::Context::default();
        let zh = keys_text(&ctx, Keys::Shortcuts(&[PRESENT, PRESENT_ALT]), Lang::Zh);
        let en = keys_text(&ctx, Keys::Shortcuts(&[PRESENT, PRESENT_ALT]), Lang::En);
        assert_eq!(en, "F11 or Ctrl+Shift+P");
        assert_eq!(zh, "F11 或 Ctrl+Shift+P");
        assert_eq!(
            keys_text(&ctx, Keys::Shortcuts(&[NOTE]), Lang::En),
            "Ctrl+N"
        );
        let zoom = SHORTCUTS
            .iter()
            .find(|(_, action)| *action == T::KeyZoom)
            .map(|(keys, _)| keys_text(&ctx, *keys, Lang::En));
        assert_eq!(zoom.as_deref(), Some("Ctrl+Plus / Ctrl+Minus / Ctrl+0"));
    }

    #[test]
    fn every_action_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (_, action) in SHORTCUTS {
            assert!(seen.insert(*action), "{action:?} twice");
        }
    }
}
