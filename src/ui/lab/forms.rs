//! The lab's forms: what is typed into each module's form (kept while the learner switches
//! tabs), and the field helpers every form uses — a labelled field with its error beside it,
//! Tab moving through them in order and Enter saving.

use chrono::NaiveDate;
use egui::{Key, RichText, Ui};

use super::FormError;
use crate::i18n::{Lang, T};
use crate::model::lab::{CustomerClass, FeedbackType, LabOp};

#[derive(Default)]
pub struct CustomerForm {
    /// The id of the record being edited; none for a new one.
    pub editing: Option<String>,
    pub name: String,
    pub class: Option<CustomerClass>,
    pub industry: String,
    pub contact: String,
    pub phone: String,
    pub region: String,
    pub address: String,
    pub owner: String,
    pub note: String,
}

#[derive(Default)]
pub struct CompetitorForm {
    pub name: String,
    pub products: String,
    pub strengths: String,
    pub weaknesses: String,
    pub price_level: String,
}

#[derive(Default)]
pub struct OrderForm {
    pub customer: String,
    pub staff: String,
    pub date: String,
    /// The product lines, at least one once the form is shown.
    pub lines: Vec<LineForm>,
}

/// One product line of an order as typed; an empty price is the product's list price.
#[derive(Clone, Default)]
pub struct LineForm {
    pub product: String,
    pub quantity: String,
    pub price: String,
}

#[derive(Default)]
pub struct PlanForm {
    /// The order the rows were loaded for.
    pub order: Option<String>,
    /// `(due, amount)` as typed.
    pub rows: Vec<(String, String)>,
    pub pay_n: usize,
    pub pay_date: String,
    pub pay_amount: String,
}

pub struct TaskForm {
    pub customer: String,
    pub kind: FeedbackType,
    pub title: String,
    pub resolution: String,
}

impl Default for TaskForm {
    fn default() -> Self {
        Self {
            customer: String::new(),
            kind: FeedbackType::Inquiry,
            title: String::new(),
            resolution: String::new(),
        }
    }
}

#[derive(Default)]
pub struct CareForm {
    pub customer: String,
    pub kind: String,
    pub date: String,
    pub staff: String,
    pub note: String,
}

/// Every form of the lab.
#[derive(Default)]
pub struct Forms {
    pub customer: CustomerForm,
    pub competitor: CompetitorForm,
    pub order: OrderForm,
    pub plan: PlanForm,
    pub task: TaskForm,
    pub care: CareForm,
}

impl Forms {
    /// Empties the form a saved change came from, ready for the next record.
    pub fn saved(&mut self, op: &LabOp) {
        match op {
            LabOp::AddCustomer(_) => self.customer = CustomerForm::default(),
            LabOp::AddCompetitor(_) => self.competitor = CompetitorForm::default(),
            LabOp::AddOrder { .. } => {
                self.order = OrderForm {
                    staff: std::mem::take(&mut self.order.staff),
                    ..OrderForm::default()
                }
            }
            LabOp::RecordPayment { .. } => {
                self.plan.pay_amount.clear();
            }
            LabOp::AddServiceTask { .. } => {
                self.task.title.clear();
            }
            LabOp::ChangeStatus { .. } => self.task.resolution.clear(),
            LabOp::AddCare(_) => {
                self.care = CareForm {
                    kind: std::mem::take(&mut self.care.kind),
                    staff: std::mem::take(&mut self.care.staff),
                    ..CareForm::default()
                }
            }
            _ => {}
        }
    }
}

/// A form's grid of rows (label, field, the error beside it): the shape every lab form shares.
/// It gathers whether Enter was pressed in a text field and the keys of those fields, so a refusal
/// about anything else is shown under the form.
pub struct FormGrid<'e> {
    lang: Lang,
    error: Option<&'e FormError>,
    /// Enter was pressed in one of the text fields: the form is sent.
    pub enter: bool,
    keys: Vec<&'static str>,
}

impl<'e> FormGrid<'e> {
    /// Draws the rows `rows` adds, in the three-column grid `id`.
    pub fn show(
        ui: &mut Ui,
        id: &str,
        lang: Lang,
        error: Option<&'e FormError>,
        rows: impl FnOnce(&mut Ui, &mut Self),
    ) -> Self {
        let mut grid = Self {
            lang,
            error,
            enter: false,
            keys: Vec::new(),
        };
        egui::Grid::new(id)
            .num_columns(3)
            .spacing([8.0, 4.0])
            .show(ui, |ui| rows(ui, &mut grid));
        grid
    }

    /// A text field titled `title`, its error (for `key`) beside it.
    pub fn text(&mut self, ui: &mut Ui, title: T, value: &mut String, key: &'static str) {
        self.text_named(ui, title.get(self.lang), value, key, true);
    }

    /// A text field with its own label; its error beside it only when `beside`.
    pub fn text_named(
        &mut self,
        ui: &mut Ui,
        label: &str,
        value: &mut String,
        key: &'static str,
        beside: bool,
    ) {
        self.keys.push(key);
        let error = if beside { self.error } else { None };
        self.enter |= text_row(ui, label, value, key, error);
    }

    /// A drop-down titled `title`, with a "(none)" choice when `optional`.
    pub fn choice(
        &mut self,
        ui: &mut Ui,
        title: T,
        value: &mut String,
        choices: &[(String, String)],
        optional: bool,
    ) {
        choice_row(
            ui,
            self.lang,
            title.get(self.lang),
            value,
            choices,
            optional,
        );
    }

    /// The refusal about none of the grid's text fields, under the form.
    pub fn other_error(&self, ui: &mut Ui) {
        form_error(ui, &self.keys, self.error);
    }
}

/// The colour of an error beside a field, readable in both themes.
pub fn error_colour(ui: &Ui) -> egui::Color32 {
    ui.visuals().error_fg_color
}

/// Whether Enter was pressed in a single-line field this frame (it then loses the focus).
pub fn entered(response: &egui::Response, ui: &Ui) -> bool {
    response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
}

/// One row of a form grid: the label, the field, and the error for `key` beside it. Returns
/// whether Enter was pressed in the field.
pub fn text_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    key: &str,
    error: Option<&FormError>,
) -> bool {
    let name = ui.label(label);
    let response = ui
        .add(egui::TextEdit::singleline(value).desired_width(200.0))
        .labelled_by(name.id);
    error_cell(ui, key, error);
    ui.end_row();
    entered(&response, ui)
}

/// The error for `key`, if the last refusal was about it.
pub fn error_cell(ui: &mut Ui, key: &str, error: Option<&FormError>) {
    match error.filter(|e| e.field == key) {
        Some(e) => {
            ui.add(egui::Label::new(RichText::new(&e.message).color(error_colour(ui))).wrap());
        }
        None => {
            ui.label("");
        }
    }
}

/// A refusal not tied to a field, under the form.
pub fn form_error(ui: &mut Ui, keys: &[&str], error: Option<&FormError>) {
    if let Some(e) = error.filter(|e| !keys.contains(&e.field)) {
        ui.add(egui::Label::new(RichText::new(&e.message).color(error_colour(ui))).wrap());
    }
}

/// A labelled drop-down of `(value, shown)` choices into `value`, with an empty "(none)"
/// choice when `optional`.
pub fn choice_row(
    ui: &mut Ui,
    lang: Lang,
    label: &str,
    value: &mut String,
    choices: &[(String, String)],
    optional: bool,
) {
    let name = ui.label(label);
    let shown = choices
        .iter()
        .find(|(v, _)| v == value)
        .map_or_else(|| T::LabNone.get(lang).to_owned(), |(_, s)| s.clone());
    let response = egui::ComboBox::from_id_salt(label)
        .selected_text(shown)
        .width(190.0)
        .truncate()
        .show_ui(ui, |ui| {
            if optional {
                ui.selectable_value(value, String::new(), T::LabNone.get(lang));
            }
            for (v, s) in choices {
                ui.selectable_value(value, v.clone(), s);
            }
        })
        .response;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
    let _ = name;
    ui.label("");
    ui.end_row();
}

/// A date as typed, `YYYY-MM-DD`; an error for the `date` field when it is not one.
pub fn parse_date(text: &str, lang: Lang) -> Result<NaiveDate, FormError> {
    text.trim().parse().map_err(|_| FormError {
        field: "date",
        message: T::LabBadDate.fmt(lang, &[text.trim()]),
    })
}

/// A whole number as typed (blanks and thousands commas ignored); an error for `field`.
pub fn parse_number(text: &str, field: &'static str, lang: Lang) -> Result<i64, FormError> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    cleaned.parse().map_err(|_| FormError {
        field,
        message: T::LabBadNumber.fmt(lang, &[text.trim()]),
    })
}
