//! A visible keyboard focus: a thick ring in a high-contrast colour around the focused control,
//! shown while the learner moves with the keyboard and hidden again once they use the mouse.

use egui::{Color32, Id, Stroke};

/// The ring's colour: dark blue on the light theme, amber on the dark one; both stand out from
/// the panels and from egui's own selection colour.
pub fn focus_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 196, 64)
    } else {
        Color32::from_rgb(0, 70, 160)
    }
}

fn keyboard_mode_id() -> Id {
    Id::unique("focus-by-keyboard")
}

fn scrolled_to_id() -> Id {
    Id::unique("focus-scrolled-to")
}

/// Scrolls a control that the keyboard just moved to into view: egui moves the focus with Tab
/// but leaves a control below the fold hidden. Call at the start of a frame, before any widget:
/// the request is the one a screen reader sends, answered by the widget as it is drawn.
pub fn scroll_focus_into_view(ctx: &egui::Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    let keyboard = ctx.data(|d| d.get_temp::<bool>(keyboard_mode_id()).unwrap_or(false));
    let scrolled = ctx.data(|d| d.get_temp::<Id>(scrolled_to_id()));
    if !keyboard || scrolled == Some(id) {
        return;
    }
    ctx.data_mut(|d| d.insert_temp(scrolled_to_id(), id));
    let request = egui::accesskit::ActionRequest {
        action: egui::accesskit::Action::ScrollIntoView,
        target_tree: egui::accesskit::TreeId::ROOT,
        target_node: id.accesskit_id(),
        data: None,
    };
    ctx.input_mut(|i| i.events.push(egui::Event::AccessKitActionRequest(request)));
}

/// Sets egui's own focus cues (a focused text field's border) to the same colour and weight.
pub fn style_focus(style: &mut egui::Style) {
    let dark = style.visuals.dark_mode;
    style.visuals.selection.stroke = Stroke::new(2.0, focus_color(dark));
}

/// Draws the ring around the focused widget. Call once a frame, after every widget is drawn.
pub fn focus_ring_ui(ctx: &egui::Context) {
    let keyboard = ctx.input(|i| {
        let pointer = i.pointer.any_pressed();
        let keys = i.events.iter().any(|e| {
            matches!(e, egui::Event::Key { pressed: true, key, .. }
                if matches!(key, egui::Key::Tab | egui::Key::ArrowUp | egui::Key::ArrowDown
                    | egui::Key::ArrowLeft | egui::Key::ArrowRight))
        });
        (pointer, keys)
    });
    let shown = ctx.data_mut(|d| {
        let shown = d.get_temp_mut_or_default::<bool>(keyboard_mode_id());
        match keyboard {
            (true, _) => *shown = false,
            (false, true) => *shown = true,
            _ => {}
        }
        *shown
    });
    if !shown {
        return;
    }
    let Some(focused) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if ctx.data(|d| d.get_temp::<Id>(scrolled_to_id())) != Some(focused) {
        // One more frame, in which `scroll_focus_into_view` brings it into sight.
        ctx.request_repaint();
    }
    let Some(response) = ctx.read_response(focused) else {
        return;
    };
    let dark = ctx.global_style().visuals.dark_mode;
    // Drawn on the widget's own layer, so a dialog on top still covers it.
    ctx.layer_painter(response.layer_id).rect_stroke(
        response.interact_rect.expand(2.0),
        4.0,
        Stroke::new(2.5, focus_color(dark)),
        egui::StrokeKind::Outside,
    );
}

/// Enter pressed with no control focused: the page's or dialog's default button answers it. A
/// focused control (a button, a text field) has Enter for itself.
pub fn enter_confirms(ui: &egui::Ui) -> bool {
    ui.memory(|m| m.focused().is_none()) && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::palette::contrast;

    #[test]
    fn the_ring_stands_out_from_every_background_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let ring = focus_color(visuals.dark_mode);
            for background in [
                visuals.panel_fill,
                visuals.window_fill,
                visuals.extreme_bg_color,
                visuals.widgets.inactive.weak_bg_fill,
                visuals.widgets.active.weak_bg_fill,
                visuals.selection.bg_fill,
            ] {
                // WCAG 2.2 asks 3:1 for focus indicators against what is next to them.
                assert!(
                    contrast(ring, background) >= 3.0,
                    "dark={} {ring:?} on {background:?}: {:.2}",
                    visuals.dark_mode,
                    contrast(ring, background)
                );
            }
        }
    }
}
