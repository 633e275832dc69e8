//! Lesson text with `**strong**` emphasis, laid out as one egui text job.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Ui};

pub use crate::text::{plain, segments};

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
        job.append(&crate::text::keep_blanks_together(segment), 0.0, format);
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
