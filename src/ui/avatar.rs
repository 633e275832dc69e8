//! A learner's avatar: a coloured disc with one character (the chosen avatar, or the first
//! character of the name). Drawn from the text font, so it needs no emoji font, which egui does
//! not ship by default and which Windows and macOS only have in colour formats egui cannot draw.

use egui::{Align2, Color32, FontId, Response, Sense, Ui};

/// Colours readable with white text in light and dark themes.
const PALETTE: [Color32; 8] = [
    Color32::from_rgb(30, 110, 200),
    Color32::from_rgb(20, 130, 100),
    Color32::from_rgb(150, 70, 190),
    Color32::from_rgb(200, 95, 0),
    Color32::from_rgb(190, 50, 80),
    Color32::from_rgb(0, 130, 150),
    Color32::from_rgb(110, 120, 30),
    Color32::from_rgb(90, 90, 160),
];

/// The character shown: the avatar if set, else the name's first character.
pub fn glyph(name: &str, avatar: Option<&str>) -> String {
    avatar
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .and_then(|a| a.chars().next())
        .or_else(|| name.trim().chars().next())
        .map_or_else(|| "?".to_owned(), String::from)
}

/// A stable colour per name, so a learner's disc looks the same on every start.
pub fn color(name: &str) -> Color32 {
    // FNV-1a: tiny and stable across runs and platforms (unlike the std hasher).
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    PALETTE[(hash % PALETTE.len() as u64) as usize]
}

pub fn avatar_ui(ui: &mut Ui, name: &str, avatar: Option<&str>, diameter: f32) -> Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(diameter, diameter), Sense::hover());
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        painter.circle_filled(rect.center(), diameter / 2.0, color(name));
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            glyph(name, avatar),
            FontId::proportional(diameter * 0.55),
            Color32::WHITE,
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_avatar_or_the_first_character_is_shown() {
        assert_eq!(glyph("张三", Some("竹")), "竹");
        assert_eq!(glyph("张三", None), "张");
        assert_eq!(glyph("张三", Some("  ")), "张");
        assert_eq!(glyph("", None), "?");
        assert_eq!(color("张三"), color("张三"));
    }
}
