//! Text colours that can be read: every colour text is drawn in has at least 4.5:1 contrast
//! (WCAG AA) against the backgrounds it is drawn on, in the light and the dark theme. egui's own
//! weak text, links, warnings and errors fall short of it, so they are set here; the right/wrong
//! feedback colours live here too, so one test checks them all.

use egui::{Color32, Visuals};

/// Body text, dark theme: brighter than egui's grey 140, so weak text can stay distinct.
const DARK_TEXT: Color32 = Color32::from_gray(170);
/// Weak text (hints, captions, counts): dimmer than body text but still 4.5:1.
const DARK_WEAK: Color32 = Color32::from_gray(135);
const LIGHT_WEAK: Color32 = Color32::from_gray(100);

/// The selection bar: a darker teal than egui's in the dark theme and a paler blue in the light
/// one, so right/wrong feedback and the selected text on it read as well as on the page.
const DARK_SELECTION: Color32 = Color32::from_rgb(0, 60, 90);
const LIGHT_SELECTION: Color32 = Color32::from_rgb(190, 225, 255);

/// Right: green.
pub fn good_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(100, 205, 130)
    } else {
        Color32::from_rgb(10, 100, 40)
    }
}

/// Wrong: red.
pub fn bad_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(170, 20, 20)
    }
}

/// Sets the text colours of `visuals` to readable ones: body and weak text, links, warnings
/// and errors (the exam timer's red), and the selection bar behind selected text.
pub fn readable_text(visuals: &mut Visuals) {
    if visuals.dark_mode {
        visuals.widgets.noninteractive.fg_stroke.color = DARK_TEXT;
        visuals.weak_text_color = Some(DARK_WEAK);
        visuals.hyperlink_color = Color32::from_rgb(120, 185, 255);
        visuals.warn_fg_color = Color32::from_rgb(255, 160, 60);
        visuals.error_fg_color = bad_color(true);
        visuals.selection.bg_fill = DARK_SELECTION;
    } else {
        visuals.weak_text_color = Some(LIGHT_WEAK);
        visuals.hyperlink_color = Color32::from_rgb(0, 85, 175);
        visuals.warn_fg_color = Color32::from_rgb(150, 75, 0);
        visuals.error_fg_color = bad_color(false);
        visuals.selection.bg_fill = LIGHT_SELECTION;
    }
}

/// WCAG relative luminance of an opaque sRGB colour.
pub fn luminance(c: Color32) -> f32 {
    let channel = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
}

/// WCAG contrast ratio of two opaque colours, 1 to 21.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `top` (premultiplied, possibly translucent or additive) as drawn over the opaque `below`.
pub fn over(top: Color32, below: Color32) -> Color32 {
    let keep = 1.0 - f32::from(top.a()) / 255.0;
    let mix = |t: u8, b: u8| {
        let v = f32::from(t) + f32::from(b) * keep;
        v.round().clamp(0.0, 255.0) as u8
    };
    Color32::from_rgb(
        mix(top.r(), below.r()),
        mix(top.g(), below.g()),
        mix(top.b(), below.b()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our visuals for a theme, as `app::settings::style` sets them.
    fn visuals(dark: bool) -> Visuals {
        let mut style = egui::Style {
            visuals: if dark {
                Visuals::dark()
            } else {
                Visuals::light()
            },
            ..egui::Style::default()
        };
        readable_text(&mut style.visuals);
        super::super::focus::style_focus(&mut style);
        style.visuals
    }

    #[test]
    fn text_colours_have_4_5_to_1_contrast_in_both_themes() {
        for dark in [false, true] {
            let v = visuals(dark);
            let page = v.panel_fill;
            let backgrounds = [
                ("panel", page),
                ("window", v.window_fill),
                ("faint rows", over(v.faint_bg_color, page)),
                ("text field", v.text_edit_bg_color()),
            ];
            let texts = [
                ("body text", v.text_color()),
                ("weak text", over(v.weak_text_color(), page)),
                ("strong text", v.strong_text_color()),
                ("link", v.hyperlink_color),
                ("right", good_color(dark)),
                ("wrong", bad_color(dark)),
                ("warning", v.warn_fg_color),
                // The exam timer: red under five minutes, strong text before.
                ("timer, last minutes", v.error_fg_color),
            ];
            for (text_name, text) in texts {
                for (bg_name, background) in backgrounds {
                    let ratio = contrast(text, background);
                    assert!(
                        ratio >= 4.5,
                        "dark={dark}: {text_name} {text:?} on {bg_name} {background:?}: {ratio:.2}"
                    );
                }
            }
            // On the selection bar: the selected text, and right/wrong marks on a chosen option.
            let bar = v.selection.bg_fill;
            for (name, text) in [
                ("selected text", v.selection.stroke.color),
                ("right on the bar", good_color(dark)),
                ("wrong on the bar", bad_color(dark)),
            ] {
                let ratio = contrast(text, bar);
                assert!(ratio >= 4.5, "dark={dark}: {name} on {bar:?}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn the_check_fails_on_egui_s_own_weak_text() {
        // The default dark theme's weak text (grey 140 at 60 %) is too dim: the check sees it.
        let v = Visuals::dark();
        let weak = over(v.weak_text_color(), v.panel_fill);
        assert!(contrast(weak, v.panel_fill) < 4.5);
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    }
}
