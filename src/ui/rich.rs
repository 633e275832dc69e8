//! Lesson text with `**strong**` emphasis, laid out as one egui text job.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Ui};

/// Splits `text` into (segment, is_strong) by `**` markers; an unclosed marker is kept as text.
pub fn segments(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("**") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("**") else {
            break;
        };
        if start > 0 {
            out.push((&rest[..start], false));
        }
        if end > 0 {
            out.push((&after[..end], true));
        }
        rest = &after[end + 2..];
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    out
}

/// The text without emphasis markers, as screen readers and search see it.
pub fn plain(text: &str) -> String {
    segments(text).into_iter().map(|(s, _)| s).collect()
}

pub fn job(ui: &Ui, text: &str, font: FontId, color: Color32) -> LayoutJob {
    let strong = ui.visuals().strong_text_color();
    let highlight = ui.visuals().selection.bg_fill.gamma_multiply(0.35);
    let mut job = LayoutJob::default();
    for (segment, is_strong) in segments(text) {
        let format = if is_strong {
            TextFormat {
                font_id: font.clone(),
                color: strong,
                background: highlight,
                ..Default::default()
            }
        } else {
            TextFormat::simple(font.clone(), color)
        };
        job.append(segment, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// A wrapped paragraph with emphasis.
pub fn paragraph_ui(ui: &mut Ui, text: &str) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let job = job(ui, text, font, color);
    ui.label(job);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_markers_split_text() {
        let cases: [(&str, Vec<(&str, bool)>); 4] = [
            ("plain", vec![("plain", false)]),
            ("a **b** c", vec![("a ", false), ("b", true), (" c", false)]),
            ("**全部**", vec![("全部", true)]),
            ("open **never closed", vec![("open **never closed", false)]),
        ];
        for (input, expected) in cases {
            assert_eq!(segments(input), expected, "{input}");
        }
        assert_eq!(plain("先**倾听**再道歉"), "先倾听再道歉");
    }
}
