//! Moving between the window's regions by keyboard: the syllabus tree, the content in the middle
//! and the notes. A "skip to content" link is the first Tab stop, F6 / Shift+F6 cycle the
//! regions, the panel dividers are passed over by Tab, and the page scrolls with PageUp/PageDown,
//! ↑/↓, Home and End while no text field has the focus.

use egui::{Id, Key, Modifiers, Rect, Sense, Ui};

/// A region of the study layout the keyboard can jump to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    Tree,
    Content,
    Notes,
}

impl Region {
    /// The order F6 visits them in.
    pub const CYCLE: [Self; 3] = [Self::Tree, Self::Content, Self::Notes];

    /// The invisible anchor at the region's top that F6 and the skip link focus: the next Tab
    /// goes on to the region's first control.
    pub fn anchor_id(self) -> Id {
        Id::unique(("region-anchor", self))
    }

    fn rect_id(self) -> Id {
        Id::unique(("region-rect", self))
    }
}

/// Draws the region's anchor: a full-width strip two points high at the top of `ui`, focusable
/// but not a Tab stop of its own worth seeing (it is the region's start), labelled for screen
/// readers. Records the region's rectangle, so F6 knows where the focus is.
pub fn anchor_ui(ui: &mut Ui, region: Region, label: &str, region_rect: Rect) {
    let rect = Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), 2.0));
    let response = ui.interact(rect, region.anchor_id(), Sense::focusable_noninteractive());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, label));
    ui.ctx()
        .data_mut(|d| d.insert_temp(region.rect_id(), region_rect));
}

/// The first Tab stop of the window: hidden until it has the focus, then shown just under the
/// menu bar's left end (covering no menu); Enter (or a click) moves the focus to the content's
/// anchor.
pub fn skip_link_ui(ui: &mut Ui, label: &str) {
    let id = Id::unique("skip-to-content");
    let focused = ui.memory(|m| m.has_focus(id));
    let galley = ui.painter().layout_no_wrap(
        label.to_owned(),
        egui::TextStyle::Button.resolve(ui.style()),
        ui.visuals().strong_text_color(),
    );
    let padding = ui.spacing().button_padding;
    // No room taken in the menu bar.
    let at = ui.cursor().min;
    let size = galley.size() + 2.0 * padding;
    // Focused, it sits under the menu bar's left end, where it covers no menu.
    let rect = if focused {
        Rect::from_min_size(at + egui::vec2(0.0, size.y + 4.0), size)
    } else {
        Rect::from_min_size(at, egui::vec2(0.0, size.y))
    };
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, label));
    if focused {
        let painter = ui
            .ctx()
            .layer_painter(egui::LayerId::new(egui::Order::Foreground, id));
        painter.rect_filled(rect, 4.0, ui.visuals().window_fill);
        // Its own focus ring: the link lies outside the menu bar's clip.
        let ring = super::focus::focus_color(ui.visuals().dark_mode);
        painter.rect_stroke(
            rect,
            4.0,
            egui::Stroke::new(2.5, ring),
            egui::StrokeKind::Outside,
        );
        painter.galley(rect.min + padding, galley, ui.visuals().strong_text_color());
    }
    if response.clicked() {
        ui.memory_mut(|m| m.request_focus(Region::Content.anchor_id()));
    }
}

/// F6 / Shift+F6: moves the focus to the next (previous) region's anchor. Call before the
/// regions are drawn; their rectangles are last frame's.
pub fn cycle_regions(ctx: &egui::Context) {
    // Shift first: a plain F6 shortcut matches with Shift held too.
    let (backward, forward) = ctx.input_mut(|i| {
        let backward = i.consume_key(Modifiers::SHIFT, Key::F6);
        (
            backward,
            !backward && i.consume_key(Modifiers::NONE, Key::F6),
        )
    });
    if !forward && !backward {
        return;
    }
    let present: Vec<(Region, Rect)> = Region::CYCLE
        .into_iter()
        .filter_map(|r| {
            ctx.data(|d| d.get_temp::<Rect>(r.rect_id()))
                .map(|rect| (r, rect))
        })
        .collect();
    if present.is_empty() {
        return;
    }
    let focused_at = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
        .map(|r| r.rect.center());
    // The smallest region holding the focus: the content's rectangle may reach under the panels.
    let here = focused_at.and_then(|p| {
        present
            .iter()
            .enumerate()
            .filter(|(_, (_, rect))| rect.contains(p))
            .min_by(|(_, (_, a)), (_, (_, b))| a.area().total_cmp(&b.area()))
            .map(|(i, _)| i)
    });
    let next = match (here, forward) {
        (Some(i), true) => (i + 1) % present.len(),
        (Some(i), false) => (i + present.len() - 1) % present.len(),
        // From nowhere (the menu, nothing focused), F6 goes to the content.
        (None, _) => present
            .iter()
            .position(|(r, _)| *r == Region::Content)
            .unwrap_or(0),
    };
    if let Some((region, _)) = present.get(next) {
        ctx.memory_mut(|m| m.request_focus(region.anchor_id()));
    }
}

/// Forgets last frame's regions: a panel not drawn this frame (presenting, a page without notes)
/// is no F6 stop.
pub fn clear_regions(ctx: &egui::Context) {
    ctx.data_mut(|d| {
        for region in Region::CYCLE {
            d.remove::<Rect>(region.rect_id());
        }
    });
}

fn backwards_id() -> Id {
    Id::unique("tab-went-backwards")
}

/// The id of a resizable side panel's divider, as egui makes it (`Panel` keeps it private):
/// `ui` is the one the panel is shown in.
pub fn divider_id(ui: &Ui, salt: &str) -> Id {
    ui.scope_id().with(salt).with("__resize")
}

/// Tab passes over the panel dividers: a divider that just got the focus hands it on in the
/// direction Tab was going. Call once a frame before the panels are drawn: egui passes the
/// focus on when the focused widget is drawn.
pub fn skip_dividers(ctx: &egui::Context, dividers: &[Id]) {
    let tab = ctx.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Key {
                key: Key::Tab,
                pressed: true,
                modifiers,
                ..
            } => Some(modifiers.shift),
            _ => None,
        })
    });
    if let Some(backwards) = tab {
        ctx.data_mut(|d| d.insert_temp(backwards_id(), backwards));
    }
    let Some(focused) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if dividers.contains(&focused) {
        let backwards = ctx.data(|d| d.get_temp::<bool>(backwards_id()).unwrap_or(false));
        ctx.memory_mut(|m| {
            m.move_focus(if backwards {
                egui::FocusDirection::Previous
            } else {
                egui::FocusDirection::Next
            });
        });
        ctx.request_repaint();
    }
}

/// How far the page scrolls this frame from the keyboard: `Some(offset)` to jump to, given the
/// current offset, the largest offset and the visible height. PageUp/PageDown move by most of a
/// screen, ↑/↓ by a line, Home/End to the ends. Nothing while a text field has the focus (the
/// keys are its own); ↑/↓ only while no control has it (they move the focus between controls
/// then) or the content's anchor has it, which is there to read from.
pub fn keyboard_scroll(ui: &Ui, offset: f32, max: f32, visible: f32) -> Option<f32> {
    let ctx = ui.ctx();
    if ctx.text_edit_focused() || egui::Popup::is_any_open(ctx) {
        return None;
    }
    let focused = ctx.memory(|m| m.focused());
    let free = focused.is_none_or(|id| id == Region::Content.anchor_id());
    let line = ui.text_style_height(&egui::TextStyle::Body) * 3.0;
    let page = (visible - line).max(visible * 0.5);
    let target = ui.input_mut(|i| {
        let mut to = None;
        if i.consume_key(Modifiers::NONE, Key::PageDown) {
            to = Some(offset + page);
        } else if i.consume_key(Modifiers::NONE, Key::PageUp) {
            to = Some(offset - page);
        } else if i.consume_key(Modifiers::NONE, Key::Home) {
            to = Some(0.0);
        } else if i.consume_key(Modifiers::NONE, Key::End) {
            to = Some(max);
        } else if free && i.consume_key(Modifiers::NONE, Key::ArrowDown) {
            to = Some(offset + line);
        } else if free && i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            to = Some(offset - line);
        }
        to
    })?;
    // egui would also move the focus with an arrow key pressed while nothing has it.
    ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    Some(target.clamp(0.0, max.max(0.0)))
}
