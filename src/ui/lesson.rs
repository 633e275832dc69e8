//! The lesson reader: every block kind drawn so it is recognisable at a glance.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use super::images::{ImageCache, ImageState};
use super::layout::reading_page;
use super::rich::paragraph_ui;
use super::{Command, NavCmd, StudyCmd, rich};
// The app shell (being split in parallel) still reaches the column through this path.
pub use super::layout::reading_column;
use crate::i18n::{Lang, T};
use crate::model::{Block, ExamKind, ItemKind, LessonRef, Pack, QuestionType};

/// Accent colours per block kind, readable in light and dark themes.
#[derive(Clone, Copy)]
pub enum Accent {
    KeyPoints,
    Definition,
    Mnemonic,
    ExamTip,
    Example,
    Supplement,
}

impl Accent {
    pub fn color(self, dark: bool) -> Color32 {
        let (light, dark_c) = match self {
            Self::KeyPoints => (
                Color32::from_rgb(30, 110, 200),
                Color32::from_rgb(110, 170, 240),
            ),
            Self::Definition => (
                Color32::from_rgb(20, 130, 100),
                Color32::from_rgb(90, 200, 160),
            ),
            Self::Mnemonic => (
                Color32::from_rgb(150, 70, 190),
                Color32::from_rgb(200, 140, 240),
            ),
            Self::ExamTip => (
                Color32::from_rgb(200, 95, 0),
                Color32::from_rgb(250, 160, 70),
            ),
            Self::Example => (
                Color32::from_rgb(110, 110, 110),
                Color32::from_rgb(170, 170, 170),
            ),
            Self::Supplement => (
                Color32::from_rgb(150, 100, 20),
                Color32::from_rgb(220, 180, 90),
            ),
        };
        if dark { dark_c } else { light }
    }
}

/// A tinted card with a coloured left edge and a small caption.
pub fn card_ui<R>(ui: &mut Ui, accent: Accent, caption: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let dark = ui.visuals().dark_mode;
    let color = accent.color(dark);
    let fill = color.gamma_multiply(if dark { 0.14 } else { 0.08 });
    Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.0, color.gamma_multiply(0.5)))
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::symmetric(14, 10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(caption).color(color).strong().small());
            ui.add_space(2.0);
            add(ui)
        })
        .inner
}

pub fn exam_kind_label(kind: ExamKind, lang: Lang) -> &'static str {
    match kind {
        ExamKind::Single => T::KindSingle,
        ExamKind::Multiple => T::KindMultiple,
        ExamKind::TrueFalse => T::KindTrueFalse,
        ExamKind::ShortAnswer => T::KindShortAnswer,
        ExamKind::Essay => T::KindEssay,
        ExamKind::Case => T::KindCase,
    }
    .get(lang)
}

pub fn item_kind_label(kind: ItemKind, lang: Lang) -> &'static str {
    match kind {
        ItemKind::Question(QuestionType::Single) => T::KindSingle,
        ItemKind::Question(QuestionType::Multiple) => T::KindMultiple,
        ItemKind::Question(QuestionType::TrueFalse) => T::KindTrueFalse,
        ItemKind::Question(QuestionType::ShortAnswer) => T::KindShortAnswer,
        ItemKind::Question(QuestionType::Case) => T::KindCase,
        ItemKind::Flashcard => T::KindFlashcard,
        ItemKind::Swot => T::KindSwot,
        ItemKind::Ordering => T::KindOrdering,
        ItemKind::Pdca => T::KindPdca,
        ItemKind::Worksheet => T::KindWorksheet,
        ItemKind::RolePlay => T::KindRolePlay,
    }
    .get(lang)
}

/// A block of a lesson to bring into view and mark: where a search hit was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockReveal {
    pub at: LessonRef,
    pub block: usize,
    /// Frames left in which to scroll to the block. The first frame of a lesson does not know
    /// how tall the lesson is yet, so the scroll area may stop short; the next frames finish it.
    /// After that the learner scrolls freely.
    scroll_frames: u8,
}

impl BlockReveal {
    pub fn new(at: LessonRef, block: usize) -> Self {
        Self {
            at,
            block,
            scroll_frames: 3,
        }
    }
}

pub struct LessonView<'a> {
    pub pack: &'a Pack,
    pub images: &'a ImageCache,
    pub lang: Lang,
    /// Whether the learner marked this lesson complete.
    pub done: bool,
    pub reveal: Option<&'a mut BlockReveal>,
}

impl LessonView<'_> {
    pub fn ui(&mut self, ui: &mut Ui, at: LessonRef) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(lesson) = self.pack.lesson(at) else {
            return commands;
        };
        let chapter = self.pack.chapters.get(at.chapter);
        let section = chapter.and_then(|c| c.sections.get(at.section));
        reading_page(ui, ("lesson", &lesson.id), |ui| {
            ui.add_space(12.0);
            let trail = [
                chapter.map(|c| c.title.as_str()),
                section.map(|s| s.title.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" › ");
            ui.label(RichText::new(trail).weak());
            ui.add(egui::Label::new(RichText::new(&lesson.title).heading().size(26.0)).wrap());
            if !lesson.summary.is_empty() || lesson.minutes > 0 {
                let mut line = lesson.summary.clone();
                if lesson.minutes > 0 {
                    if !line.is_empty() {
                        line.push_str(" · ");
                    }
                    line.push_str(&format!("{} {}", lesson.minutes, T::Minutes.get(self.lang)));
                }
                ui.label(RichText::new(line).italics());
            }
            ui.add_space(10.0);
            let revealed = self.reveal.as_ref().map(|r| r.block);
            for (i, block) in lesson.blocks.iter().enumerate() {
                if revealed == Some(i) {
                    self.revealed_block_ui(ui, block, &mut commands);
                } else {
                    self.block_ui(ui, block, &mut commands);
                }
                ui.add_space(10.0);
            }
            self.practice_ui(ui, &lesson.id, &mut commands);
            self.labs_ui(ui, &lesson.id, &mut commands);
            ui.add_space(16.0);
            self.completion_ui(ui, &lesson.id, &mut commands);
            ui.add_space(12.0);
            ui.separator();
            ui.horizontal(|ui| {
                let prev = self.pack.neighbour(at, false);
                let next = self.pack.neighbour(at, true);
                if ui
                    .add_enabled(
                        prev.is_some(),
                        egui::Button::new(format!("← {}", T::PrevLesson.get(self.lang))),
                    )
                    .clicked()
                {
                    commands.push(Command::Nav(NavCmd::PrevLesson));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .add_enabled(
                            next.is_some(),
                            egui::Button::new(format!("{} →", T::NextLesson.get(self.lang))),
                        )
                        .clicked()
                    {
                        commands.push(Command::Nav(NavCmd::NextLesson));
                    }
                });
            });
            ui.add_space(24.0);
        });
        commands
    }

    /// The CRM labs this lesson belongs to or one of whose tasks it teaches: a way into each.
    fn labs_ui(&self, ui: &mut Ui, lesson: &str, commands: &mut Vec<Command>) {
        for (_, lab) in self.pack.labs() {
            let home = lab.lesson == lesson;
            if !home && !lab.tasks.iter().any(|t| t.lesson == lesson) {
                continue;
            }
            let label = if home { T::LabOpen } else { T::LabPractiseIn };
            if ui.button(label.fmt(self.lang, &[&lab.title])).clicked() {
                commands.push(Command::Nav(NavCmd::ShowLab(lab.id.clone())));
            }
        }
    }

    /// A block outlined in the selection colour, scrolled to the top of the view.
    fn revealed_block_ui(&mut self, ui: &mut Ui, block: &Block, commands: &mut Vec<Command>) {
        let response = ui.scope(|ui| self.block_ui(ui, block, commands)).response;
        let rect = response.rect.expand(4.0);
        let stroke = ui.visuals().selection.stroke;
        ui.painter()
            .rect_stroke(rect, 6.0, stroke, egui::StrokeKind::Outside);
        if let Some(reveal) = self.reveal.as_deref_mut()
            && reveal.scroll_frames > 0
        {
            reveal.scroll_frames -= 1;
            ui.scroll_to_rect(rect.expand(8.0), Some(egui::Align::TOP));
            ui.ctx().request_repaint();
        }
    }

    fn block_ui(&mut self, ui: &mut Ui, block: &Block, commands: &mut Vec<Command>) {
        let lang = self.lang;
        match block {
            Block::Heading(text) => {
                ui.add_space(6.0);
                ui.label(RichText::new(rich::plain(text)).size(20.0).strong());
            }
            Block::Paragraph(text) => paragraph_ui(ui, text),
            Block::List { ordered, items } => list_ui(ui, *ordered, items),
            Block::KeyPoints { title, items } => {
                let caption = if title.is_empty() {
                    T::KeyPoints.get(lang)
                } else {
                    title
                };
                card_ui(ui, Accent::KeyPoints, caption, |ui| {
                    list_ui(ui, false, items)
                });
            }
            Block::Definition { term, text } => {
                card_ui(ui, Accent::Definition, T::Definition.get(lang), |ui| {
                    ui.label(RichText::new(term).size(18.0).strong());
                    paragraph_ui(ui, text);
                });
            }
            Block::Mnemonic {
                phrase,
                parts,
                note,
            } => {
                card_ui(ui, Accent::Mnemonic, T::Mnemonic.get(lang), |ui| {
                    let color = Accent::Mnemonic.color(ui.visuals().dark_mode);
                    ui.label(RichText::new(phrase).size(24.0).strong().color(color));
                    if !parts.is_empty() {
                        egui::Grid::new(("mnemonic", phrase))
                            .num_columns(2)
                            .spacing([12.0, 4.0])
                            .show(ui, |ui| {
                                for part in parts {
                                    ui.label(RichText::new(&part.key).strong().color(color));
                                    ui.add(egui::Label::new(&part.meaning).wrap());
                                    ui.end_row();
                                }
                            });
                    }
                    if !note.is_empty() {
                        paragraph_ui(ui, note);
                    }
                });
            }
            Block::ExamTip {
                asked_as,
                stars,
                text,
            } => {
                let star_text = "★".repeat(usize::from(*stars));
                let caption = format!("{} {star_text}", T::ExamTip.get(lang));
                card_ui(ui, Accent::ExamTip, &caption, |ui| {
                    if !asked_as.is_empty() {
                        let kinds: Vec<&str> =
                            asked_as.iter().map(|k| exam_kind_label(*k, lang)).collect();
                        ui.label(
                            RichText::new(format!("{}{}", T::AskedAs.get(lang), kinds.join(" · ")))
                                .strong(),
                        );
                    }
                    paragraph_ui(ui, text);
                });
            }
            Block::Example { title, text } => {
                card_ui(ui, Accent::Example, T::Example.get(lang), |ui| {
                    if !title.is_empty() {
                        ui.label(RichText::new(title).strong());
                    }
                    paragraph_ui(ui, text);
                });
            }
            Block::Supplement { title, text, items } => {
                card_ui(ui, Accent::Supplement, T::Supplement.get(lang), |ui| {
                    if !title.is_empty() {
                        ui.label(RichText::new(title).strong());
                    }
                    if !text.is_empty() {
                        paragraph_ui(ui, text);
                    }
                    if !items.is_empty() {
                        list_ui(ui, false, items);
                    }
                });
            }
            Block::Table { header, rows } => {
                Frame::group(ui.style()).show(ui, |ui| {
                    let id = ui.next_auto_id();
                    super::layout::table_ui(ui, id, header, rows, lang, |text| {
                        rich::plain(text).to_string()
                    });
                });
            }
            Block::Image { path, caption, alt } => {
                match self.images.get(path) {
                    ImageState::Loading => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(T::ImageLoading.get(lang));
                        });
                    }
                    ImageState::Ready(texture) => {
                        let size = texture.size_vec2();
                        let scale = (ui.available_width() / size.x).min(1.0);
                        let response = ui.add(egui::Image::new((texture.id(), size * scale)));
                        let label = if alt.is_empty() {
                            caption.clone()
                        } else {
                            alt.clone()
                        };
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Image, true, &label)
                        });
                    }
                    ImageState::Failed(message) => {
                        Frame::group(ui.style()).show(ui, |ui| {
                            ui.set_min_height(60.0);
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("{}{path} ({message})", T::ImageBroken.get(lang)),
                            );
                        });
                    }
                }
                if !caption.is_empty() {
                    ui.label(RichText::new(caption).weak().italics());
                }
            }
            Block::Exercise(id) => {
                if let Some(item) = self.pack.practice_item(id) {
                    let kind = item_kind_label(item.kind, lang);
                    let title = crate::i18n::without_repeated_label(kind, &item.title);
                    let label = T::ExerciseButton.fmt(lang, &[kind, title]);
                    if ui.button(label).clicked() {
                        commands.push(Command::Nav(NavCmd::ShowItem(id.clone())));
                    }
                }
            }
        }
    }

    /// The end of the lesson: the learner says they are done with it (or takes it back).
    fn completion_ui(&self, ui: &mut Ui, lesson_id: &str, commands: &mut Vec<Command>) {
        let lang = self.lang;
        ui.vertical_centered(|ui| {
            if self.done {
                let color = Accent::Definition.color(ui.visuals().dark_mode);
                ui.label(
                    RichText::new(T::LessonDone.get(lang))
                        .size(18.0)
                        .strong()
                        .color(color),
                );
                if ui.small_button(T::MarkLessonUndone.get(lang)).clicked() {
                    commands.push(Command::Study(StudyCmd::SetLessonDone {
                        lesson: lesson_id.to_owned(),
                        done: false,
                    }));
                }
            } else if ui
                .add(
                    egui::Button::new(
                        RichText::new(format!("✔ {}", T::MarkLessonDone.get(lang))).size(17.0),
                    )
                    .min_size(egui::vec2(220.0, 36.0)),
                )
                .clicked()
            {
                commands.push(Command::Study(StudyCmd::SetLessonDone {
                    lesson: lesson_id.to_owned(),
                    done: true,
                }));
            }
        });
    }

    fn practice_ui(&self, ui: &mut Ui, lesson_id: &str, commands: &mut Vec<Command>) {
        let items = self.pack.practice_for(lesson_id);
        if items.is_empty() {
            return;
        }
        ui.add_space(8.0);
        ui.label(
            RichText::new(T::Practice.get(self.lang))
                .size(18.0)
                .strong(),
        );
        for item in items {
            ui.horizontal(|ui| {
                // A long title is cut at the column's edge: left to extend, it widened the
                // column beyond the window (beside the notes panel) and pushed "next lesson" out
                // of sight.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                let kind = item_kind_label(item.kind, self.lang);
                ui.label(RichText::new(kind).weak());
                let title = crate::i18n::without_repeated_label(kind, &item.title);
                let title: String = rich::plain(title).chars().take(60).collect();
                if ui.link(title).clicked() {
                    commands.push(Command::Nav(NavCmd::ShowItem(item.id.clone())));
                }
            });
        }
    }
}

pub fn list_ui(ui: &mut Ui, ordered: bool, items: &[String]) {
    for (i, item) in items.iter().enumerate() {
        ui.horizontal_top(|ui| {
            let marker = if ordered {
                format!("{}.", i + 1)
            } else {
                "•".to_owned()
            };
            ui.label(RichText::new(marker).strong());
            ui.vertical(|ui| paragraph_ui(ui, item));
        });
    }
}
