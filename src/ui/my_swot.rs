//! "My SWOT": a free canvas for the learner's own analysis. Factors are typed into the quadrants
//! and moved between them by dragging (or selecting and pressing 1–4); strategies are written per
//! TOWS pairing. Every change goes to the app, which keeps it with the learner's data; the
//! analysis exports as a PNG picture or as Markdown.

use chrono::{DateTime, Utc};
use egui::{Id, Rect, RichText, Ui};

use super::dnd::{
    CardLook, drag_card_ui, drop_hover, drop_line_ui, exercise_keys, insertion_index, pointer_pos,
    rgb,
};
use super::exercise::hint_ui;
use super::grid::{GridCell, grid_ui, tows_axes};
use super::layout::wide_page;
use super::{Command, FilesCmd, ScreenCtx, StudyCmd};
use crate::export::picture::{pairing_rgb, quadrant_rgb};
use crate::export::{pairing_title, quadrant_title};
use crate::i18n::{Lang, T};
use crate::model::my_swot::{MySwot, fresh_id};
use crate::model::study::StudyState;
use crate::model::{Pairing, Quadrant};

pub struct MySwotView {
    /// The analysis on screen, by id.
    pub current: Option<u64>,
    /// A working copy of it; each change is also sent to the app.
    draft: Option<MySwot>,
    new_items: [String; 4],
    new_strategies: [String; 4],
    /// The factor the keyboard acts on.
    pub selected: Option<(Quadrant, usize)>,
    dragging: Option<(Quadrant, usize)>,
    cells: [Rect; 4],
    confirm_delete: bool,
}

impl MySwotView {
    pub fn new(current: Option<u64>) -> Self {
        Self {
            current,
            draft: None,
            new_items: Default::default(),
            new_strategies: Default::default(),
            selected: None,
            dragging: None,
            cells: [Rect::NOTHING; 4],
            confirm_delete: false,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (study, lang, now, saved) = (cx.study, cx.lang, cx.now, cx.typing_saved);
        let mut commands = Vec::new();
        if self.current.is_none() {
            self.current = study.my_swot.last().map(|s| s.id);
        }
        if self.draft.as_ref().map(|d| d.id) != self.current {
            self.draft = self
                .current
                .and_then(|id| study.my_swot.iter().find(|s| s.id == id).cloned());
            self.selected = None;
            self.confirm_delete = false;
        }
        wide_page(ui, "my-swot", |ui| {
            ui.add_space(10.0);
            ui.label(RichText::new(T::MySwot.get(lang)).heading().size(26.0));
            hint_ui(ui, T::MySwotHelp.get(lang));
            ui.add_space(6.0);
            self.list_ui(ui, study, lang, now, &mut commands);
            ui.separator();
            if self.draft.is_some() {
                self.editor_ui(ui, lang, saved, &mut commands);
            } else {
                ui.label(RichText::new(T::NoMySwot.get(lang)).weak());
            }
            ui.add_space(24.0);
        });
        commands
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        study: &StudyState,
        lang: Lang,
        now: DateTime<Utc>,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(RichText::new(T::NewSwot.get(lang)).strong())
                .clicked()
            {
                let swot = MySwot::new(
                    fresh_id(&study.my_swot, now),
                    T::Untitled.get(lang).to_owned(),
                    now,
                );
                self.current = Some(swot.id);
                self.draft = Some(swot.clone());
                commands.push(Command::Study(StudyCmd::EditMySwot(swot)));
            }
            for swot in &study.my_swot {
                let title = if swot.title.trim().is_empty() {
                    T::Untitled.get(lang)
                } else {
                    swot.title.as_str()
                };
                if ui
                    .add(egui::Button::selectable(
                        self.current == Some(swot.id),
                        title,
                    ))
                    .clicked()
                {
                    self.current = Some(swot.id);
                }
            }
        });
    }

    fn editor_ui(&mut self, ui: &mut Ui, lang: Lang, saved: bool, commands: &mut Vec<Command>) {
        let Some(mut swot) = self.draft.clone() else {
            return;
        };
        let before = swot.clone();
        ui.horizontal(|ui| {
            ui.label(RichText::new(T::SwotTitle.get(lang)).strong());
            let response = ui.add(
                egui::TextEdit::singleline(&mut swot.title)
                    .id_salt(("my-swot-title", swot.id))
                    .desired_width(ui.available_width() - 120.0)
                    .font(egui::TextStyle::Heading),
            );
            let label = T::SwotTitle.get(lang);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
            ui.label(
                RichText::new(if saved { T::Saved } else { T::Saving }.get(lang))
                    .weak()
                    .small(),
            );
        });
        ui.label(RichText::new(T::SwotContext.get(lang)).strong());
        let response = ui.add(
            egui::TextEdit::multiline(&mut swot.context)
                .id_salt(("my-swot-context", swot.id))
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text(T::SwotContextHint.get(lang)),
        );
        let label = T::SwotContext.get(lang);
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, label));
        ui.add_space(8.0);
        self.factors_ui(ui, &mut swot, lang);
        ui.add_space(14.0);
        ui.label(
            RichText::new(T::TowsStrategies.get(lang))
                .size(19.0)
                .strong(),
        );
        hint_ui(ui, T::MyStrategiesHelp.get(lang));
        self.strategies_ui(ui, &mut swot, lang);
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button(T::ExportPng.get(lang)).clicked() {
                commands.push(Command::Files(FilesCmd::ExportMySwotPng(swot.id)));
            }
            if ui.button(T::ExportMarkdown.get(lang)).clicked() {
                commands.push(Command::Files(FilesCmd::ExportMySwotMarkdown(swot.id)));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.confirm_delete {
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        self.confirm_delete = false;
                    }
                    if ui
                        .button(
                            RichText::new(T::ConfirmDelete.get(lang))
                                .color(ui.visuals().error_fg_color),
                        )
                        .clicked()
                    {
                        commands.push(Command::Study(StudyCmd::DeleteMySwot(swot.id)));
                        self.current = None;
                        self.draft = None;
                        self.confirm_delete = false;
                    }
                } else if ui.button(T::DeleteSwot.get(lang)).clicked() {
                    self.confirm_delete = true;
                }
            });
        });
        if self.draft.is_some() {
            if swot != before {
                commands.push(Command::Study(StudyCmd::EditMySwot(swot.clone())));
            }
            self.draft = Some(swot);
        }
    }

    fn keys(&mut self, ui: &Ui, swot: &mut MySwot) {
        if !exercise_keys(ui) {
            return;
        }
        use egui::{Key, Modifiers};
        let Some((quadrant, index)) = self.selected else {
            return;
        };
        let (targets, up, down, delete, escape) = ui.input_mut(|i| {
            (
                [Key::Num1, Key::Num2, Key::Num3, Key::Num4].map(|k| i.key_pressed(k)),
                i.consume_key(Modifiers::ALT, Key::ArrowUp),
                i.consume_key(Modifiers::ALT, Key::ArrowDown),
                i.key_pressed(Key::Delete),
                i.key_pressed(Key::Escape),
            )
        });
        if let Some(to) = targets.iter().position(|p| *p) {
            self.selected = swot.move_item(quadrant, index, Quadrant::ALL[to], None);
        } else if up && index > 0 {
            self.selected = swot.move_item(quadrant, index, quadrant, Some(index - 1));
        } else if down {
            self.selected = swot.move_item(quadrant, index, quadrant, Some(index + 1));
        } else if delete {
            swot.remove_item(quadrant, index);
            self.selected = None;
        }
        if escape {
            self.selected = None;
        }
    }

    fn factors_ui(&mut self, ui: &mut Ui, swot: &mut MySwot, lang: Lang) {
        self.keys(ui, swot);
        let grid = GridCell::quadrants(T::MoveTo, lang);
        let dragging_before = self.dragging;
        let highlight: [bool; 4] =
            std::array::from_fn(|i| drop_hover(ui, dragging_before.is_some(), self.cells[i]));
        let mut dragging_now = None;
        let mut dropped = None;
        let mut clicked = None;
        let mut removed = None;
        let mut added: Option<(Quadrant, String)> = None;
        let mut rects: [Vec<Rect>; 4] = Default::default();
        let selected = self.selected;
        let snapshot = swot.clone();
        let new_items = &mut self.new_items;
        let output = grid_ui(
            ui,
            Id::unique(("my-swot-grid", swot.id)),
            [T::Helpful.get(lang), T::Harmful.get(lang)],
            [T::Internal.get(lang), T::External.get(lang)],
            &grid,
            highlight,
            |ui, i| {
                let quadrant = Quadrant::ALL[i];
                let width = ui.available_width();
                for (index, text) in snapshot.items(quadrant).iter().enumerate() {
                    ui.horizontal_top(|ui| {
                        let look = CardLook {
                            accent: rgb(quadrant_rgb(quadrant)),
                            selected: selected == Some((quadrant, index)),
                            verdict: None,
                            draggable: true,
                        };
                        let response = drag_card_ui(
                            ui,
                            Id::unique(("my-swot-item", snapshot.id, i, index)),
                            width - 34.0,
                            look,
                            text,
                            |ui| {
                                super::dnd::card_text_ui(ui, text, 15.0);
                            },
                        );
                        rects[i].push(response.rect);
                        if response.clicked() {
                            clicked = Some((quadrant, index));
                        }
                        if response.dragged() {
                            dragging_now = Some((quadrant, index));
                        }
                        if response.drag_stopped() {
                            dropped = Some((quadrant, index));
                        }
                        let remove = ui.small_button("✕");
                        let label = format!("{} {text}", T::Delete.get(lang));
                        remove.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                        });
                        if remove.clicked() {
                            removed = Some((quadrant, index));
                        }
                    });
                    ui.add_space(2.0);
                }
                let draft = &mut new_items[i];
                let response = ui.add(
                    egui::TextEdit::singleline(draft)
                        .id_salt(("my-swot-new", i))
                        .desired_width(f32::INFINITY)
                        .hint_text(T::AddItemHint.get(lang)),
                );
                let label = format!("{} {}", T::AddTo.get(lang), quadrant_title(quadrant, lang));
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    added = Some((quadrant, std::mem::take(draft)));
                    response.request_focus();
                }
            },
        );
        self.cells = output.cells;
        if let (Some((from, index)), Some(pointer)) =
            (dragging_before, ui.ctx().pointer_hover_pos())
            && let Some(bin) = output.cells.iter().position(|r| r.contains(pointer))
        {
            let skip = (Quadrant::ALL[bin] == from).then_some(index);
            drop_line_ui(
                ui,
                output.cells[bin].shrink(6.0),
                &rects[bin],
                pointer.y,
                skip,
            );
        }
        if let Some(at) = clicked {
            self.selected = if self.selected == Some(at) {
                None
            } else {
                Some(at)
            };
        }
        if let (Some(bin), Some((quadrant, index))) = (output.clicked, self.selected) {
            self.selected = swot.move_item(quadrant, index, Quadrant::ALL[bin], None);
        }
        if let Some((from, index)) = dropped
            && let Some(pointer) = pointer_pos(ui)
            && let Some(bin) = output.cells.iter().position(|r| r.contains(pointer))
        {
            let skip = (Quadrant::ALL[bin] == from).then_some(index);
            let at = insertion_index(&rects[bin], pointer.y, skip);
            self.selected = swot.move_item(from, index, Quadrant::ALL[bin], Some(at));
        }
        if let Some((quadrant, index)) = removed {
            swot.remove_item(quadrant, index);
            self.selected = None;
        }
        if let Some((quadrant, text)) = added {
            swot.add_item(quadrant, &text);
        }
        self.dragging = dragging_now;
        if dragging_now.is_some() {
            ui.ctx().request_repaint();
        }
    }

    fn strategies_ui(&mut self, ui: &mut Ui, swot: &mut MySwot, lang: Lang) {
        let grid = GridCell::pairings(None, lang);
        let (columns, rows) = tows_axes(lang);
        let mut removed = None;
        let mut added = None;
        let snapshot = swot.clone();
        let new_strategies = &mut self.new_strategies;
        grid_ui(
            ui,
            Id::unique(("my-swot-tows", swot.id)),
            [&columns[0], &columns[1]],
            [&rows[0], &rows[1]],
            &grid,
            [false; 4],
            |ui, i| {
                let pairing = Pairing::ALL[i];
                let accent = rgb(pairing_rgb(pairing));
                for (index, text) in snapshot.strategies(pairing).iter().enumerate() {
                    ui.horizontal_top(|ui| {
                        let width = ui.available_width() - 34.0;
                        egui::Frame::new()
                            .fill(ui.visuals().extreme_bg_color)
                            .stroke(egui::Stroke::new(1.0, accent.gamma_multiply(0.6)))
                            .corner_radius(egui::CornerRadius::same(6))
                            .inner_margin(egui::Margin::symmetric(10, 6))
                            .show(ui, |ui| {
                                ui.set_width(width - 22.0);
                                ui.add(egui::Label::new(RichText::new(text).size(15.0)).wrap());
                            });
                        let remove = ui.small_button("✕");
                        let label = format!("{} {text}", T::Delete.get(lang));
                        remove.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                        });
                        if remove.clicked() {
                            removed = Some((pairing, index));
                        }
                    });
                    ui.add_space(2.0);
                }
                let draft = &mut new_strategies[i];
                let response = ui.add(
                    egui::TextEdit::singleline(draft)
                        .id_salt(("my-swot-new-strategy", i))
                        .desired_width(f32::INFINITY)
                        .hint_text(T::AddStrategyHint.get(lang)),
                );
                let label = format!("{} {}", T::AddTo.get(lang), pairing_title(pairing, lang));
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    added = Some((pairing, std::mem::take(draft)));
                    response.request_focus();
                }
            },
        );
        if let Some((pairing, index)) = removed {
            swot.remove_strategy(pairing, index);
        }
        if let Some((pairing, text)) = added {
            swot.add_strategy(pairing, &text);
        }
    }
}
