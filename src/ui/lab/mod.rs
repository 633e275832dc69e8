//! The CRM lab screen: one tab per module of the simulated company's CRM (each a sortable,
//! filterable table with a form), the experiment's tasks beside it, and the reset question.
//! The screen never changes the learner's copy itself: it checks each change by applying it to
//! a copy (so an error shows beside its field at once) and returns it as a command.

mod charts;
mod customers;
mod forms;
mod orders;
mod service;
mod table;
mod tasks;

use std::cell::OnceCell;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use egui::{RichText, Ui};

use super::{Command, NavCmd, ScreenCtx, StudyCmd};
use crate::i18n::{Lang, T};
use crate::model::lab::{
    CustomerClass, CustomerKind, FeedbackType, GoalProgress, Lab, LabData, LabError, LabOp,
    LabState, OrderStatus, SearchKeys, ServiceStatus, decision_options, task_progress,
};
use crate::progress::labs::LabStates;

pub use table::Table;

/// The modules of the CRM, one tab each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Customers,
    Agents,
    Potential,
    Competitors,
    Products,
    Orders,
    Accounts,
    Service,
    Care,
    Mining,
    Analysis,
}

impl Tab {
    pub const ALL: [Self; 11] = [
        Self::Customers,
        Self::Agents,
        Self::Potential,
        Self::Competitors,
        Self::Products,
        Self::Orders,
        Self::Accounts,
        Self::Service,
        Self::Care,
        Self::Mining,
        Self::Analysis,
    ];

    pub fn title(self) -> T {
        match self {
            Self::Customers => T::LabTabCustomers,
            Self::Agents => T::LabTabAgents,
            Self::Potential => T::LabTabPotential,
            Self::Competitors => T::LabTabCompetitors,
            Self::Products => T::LabTabProducts,
            Self::Orders => T::LabTabOrders,
            Self::Accounts => T::LabTabAccounts,
            Self::Service => T::LabTabService,
            Self::Care => T::LabTabCare,
            Self::Mining => T::LabTabMining,
            Self::Analysis => T::LabTabAnalysis,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// What a change was refused for, and the form field to show it beside.
#[derive(Clone, Debug, PartialEq)]
pub struct FormError {
    pub field: &'static str,
    pub message: String,
}

/// What a tab asks for this frame: a change to check and save, or a form it could not read.
pub type TabOut = Option<Result<LabOp, FormError>>;

/// The form field a refusal belongs beside.
fn field_of(error: &LabError) -> &'static str {
    use crate::model::lab::state::RecordKind;
    match error {
        LabError::Required(field) => field,
        LabError::DuplicateName(_) => "name",
        LabError::BadPhone(_) => "phone",
        LabError::Unknown(RecordKind::Customer, _)
        | LabError::PotentialCannotOrder(_)
        | LabError::NotCustomer(_) => "customer",
        LabError::Unknown(RecordKind::Staff, _) => "staff",
        LabError::Unknown(RecordKind::Product, _) | LabError::NoLines => "product",
        LabError::BadQuantity => "quantity",
        LabError::BadAmount | LabError::Overpay(_) => "amount",
        LabError::FutureDate(..) | LabError::BeforeOrder(..) | LabError::PastDate(..) => "date",
        LabError::PlanEmpty | LabError::PlanOrder | LabError::PlanSum(..) => "plan",
        LabError::NeedResolution | LabError::BadMove(..) => "resolution",
        _ => "form",
    }
}

/// The lab screen's own state: the tab shown, each tab's table and form, the reset question.
pub struct LabView {
    pub id: String,
    tab: Tab,
    tables: [Table; 11],
    forms: forms::Forms,
    /// The last refusal, shown beside its field until the next try.
    error: Option<FormError>,
    /// A short confirmation after a save.
    saved: bool,
    confirm_reset: bool,
    /// When the screen opened: the start of the attempt a finished lab records.
    started: DateTime<Utc>,
    /// The copy shown when the profile holds none to show as it is: the seed while the learner
    /// has changed nothing (`false`), or the saved changes laid over the seed (`true`) until the
    /// shell rebases the saved copy with the first change.
    seed: Option<(bool, LabState)>,
    charts: charts::ChartsState,
    /// Counts the changes sent, so cached figures are recomputed after each.
    epoch: u64,
    /// What is worked out from the records, kept until they change.
    derived: Derived,
}

/// Figures worked out from the learner's records once per change of them (per epoch), each on
/// first use: the customer index, the search keys of the tables, the tasks' progress and the
/// decision questions' options. Drawing a frame or typing a filter then costs no pass over all
/// records.
#[derive(Default)]
pub struct Derived {
    epoch: u64,
    customer_at: OnceCell<HashMap<String, usize>>,
    customer_keys: OnceCell<SearchKeys>,
    order_keys: OnceCell<SearchKeys>,
    progress: OnceCell<Vec<GoalProgress>>,
    options: OnceCell<HashMap<String, Vec<String>>>,
    choices: OnceCell<Vec<(String, String)>>,
}

/// Everything a tab draws from this frame.
pub struct LabCx<'a> {
    pub lab: &'a Lab,
    pub data: &'a LabData,
    pub state: &'a LabState,
    pub lang: Lang,
    /// The moment status changes are stamped with (the app's clock, local time).
    pub now: NaiveDateTime,
    pub derived: &'a Derived,
}

impl LabCx<'_> {
    /// Checks `op` against a copy of the learner's records; the error, if refused.
    pub fn check(&self, op: &LabOp) -> Result<(), FormError> {
        let mut copy = self.state.clone();
        op.apply(self.data, &mut copy, self.now)
            .map_err(|err| FormError {
                field: field_of(&err),
                message: err.message(self.lang),
            })
    }

    /// A customer record by id, through the cached index.
    pub fn customer(&self, id: &str) -> Option<&crate::model::lab::Customer> {
        let at = self.derived.customer_at.get_or_init(|| {
            let customers = &self.state.records.customers;
            customers
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect()
        });
        at.get(id)
            .and_then(|&i| self.state.records.customers.get(i))
            .filter(|c| c.id == id)
    }

    pub fn customer_name(&self, id: &str) -> String {
        self.customer(id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    }

    /// The company's staff as drop-down choices: id, and name with role.
    pub fn staff_choices(&self) -> Vec<(String, String)> {
        let staff = &self.data.company.staff;
        staff
            .iter()
            .map(|s| (s.id.clone(), format!("{}（{}）", s.name, s.role)))
            .collect()
    }

    /// The customers' search keys.
    pub fn customer_keys(&self) -> &SearchKeys {
        self.derived
            .customer_keys
            .get_or_init(|| SearchKeys::customers(&self.state.records.customers))
    }

    /// The orders' search keys.
    pub fn order_keys(&self) -> &SearchKeys {
        self.derived
            .order_keys
            .get_or_init(|| SearchKeys::orders(&self.state.records))
    }

    /// Each task's progress, in task order.
    pub fn progress(&self) -> &[GoalProgress] {
        self.derived.progress.get_or_init(|| {
            self.lab
                .tasks
                .iter()
                .map(|t| task_progress(self.data, self.state, t))
                .collect()
        })
    }

    /// The customers and agents a ranking task picks from, `(id, name)` by name: the order gives
    /// nothing away.
    pub fn pick_choices(&self) -> &[(String, String)] {
        self.derived.choices.get_or_init(|| {
            let mut choices: Vec<(String, String)> = self
                .state
                .records
                .customers
                .iter()
                .filter(|c| c.kind != CustomerKind::Potential)
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect();
            choices.sort_by(|a, b| a.1.cmp(&b.1));
            choices
        })
    }

    /// The options of a decision task (by task id).
    pub fn options(&self, task: &str) -> &[String] {
        let all = self.derived.options.get_or_init(|| {
            self.lab
                .tasks
                .iter()
                .filter_map(|t| match &t.goal {
                    crate::model::lab::Goal::Decision { metric, .. } => Some((
                        t.id.clone(),
                        decision_options(self.data, self.state, metric).0,
                    )),
                    _ => None,
                })
                .collect()
        });
        all.get(task).map_or(&[], Vec::as_slice)
    }

    pub fn staff_name(&self, id: &str) -> String {
        self.data
            .staff(id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    }
}

impl LabView {
    pub fn new(id: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            tab: Tab::Customers,
            tables: Default::default(),
            forms: forms::Forms::default(),
            error: None,
            saved: false,
            confirm_reset: false,
            started: now,
            seed: None,
            charts: charts::ChartsState::default(),
            epoch: 0,
            derived: Derived::default(),
        }
    }

    /// The tab shown.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Draws the lab; `labs` is the learner's saved work (`labs.ron`).
    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>, labs: &LabStates) -> Vec<Command> {
        let mut commands = Vec::new();
        let lang = cx.lang;
        let pack_id = &cx.pack.manifest.id;
        let Some((lab, data)) = cx.pack.lab(&self.id) else {
            ui.label(T::LabNotFound.fmt(lang, &[&self.id]));
            return commands;
        };
        let saved = labs.get(pack_id, &self.id);
        let shown = match saved {
            Some(s) if s.is_based() => None,
            Some(_) => Some(true),
            None => Some(false),
        };
        if shown != self.seed.as_ref().map(|(from_saved, _)| *from_saved) {
            // A copy to make (no copy yet, just reset, or read from the file and not yet
            // rebased), or one no longer needed: tables and figures are rebuilt.
            self.tables.iter_mut().for_each(Table::invalidate);
            self.epoch += 1;
            self.seed = match (shown, saved) {
                (Some(true), Some(s)) => Some((true, s.based(data).into_owned())),
                (Some(false), _) => Some((false, LabState::new(&self.id, data))),
                _ => None,
            };
        }
        if self.derived.epoch != self.epoch {
            self.derived = Derived {
                epoch: self.epoch,
                ..Derived::default()
            };
        }
        let seed = self.seed.take();
        let derived = std::mem::take(&mut self.derived);
        let state = match (&seed, saved) {
            (Some((_, copy)), _) => copy,
            (None, Some(s)) => s,
            (None, None) => return commands,
        };
        let lcx = LabCx {
            lab,
            data,
            state,
            lang,
            now: cx.now.with_timezone(&chrono::Local).naive_local(),
            derived: &derived,
        };
        self.header_ui(ui, &lcx, &mut commands);
        ui.separator();
        let mut ops: Vec<LabOp> = Vec::new();
        let panel_width = (ui.available_width() * 0.3).clamp(220.0, 340.0);
        egui::Panel::right("lab-tasks")
            .resizable(true)
            .default_size(panel_width)
            .min_size(200.0)
            .show(ui, |ui| {
                tasks::panel_ui(ui, &lcx, &mut ops, &mut commands, &self.started);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.tabs_ui(ui, lang);
            ui.separator();
            let tab = self.tab;
            let table = &mut self.tables[tab.index()];
            let forms = &mut self.forms;
            let error = self.error.clone();
            let out = match tab {
                Tab::Customers | Tab::Agents | Tab::Potential => {
                    customers::customers_ui(ui, &lcx, tab, table, forms, error.as_ref())
                }
                Tab::Competitors => {
                    customers::competitors_ui(ui, &lcx, table, forms, error.as_ref())
                }
                Tab::Products => customers::products_ui(ui, &lcx, table),
                Tab::Orders => orders::orders_ui(ui, &lcx, table, forms, error.as_ref()),
                Tab::Accounts => orders::accounts_ui(ui, &lcx, table, forms, error.as_ref()),
                Tab::Service => service::service_ui(ui, &lcx, table, forms, error.as_ref()),
                Tab::Care => service::care_ui(ui, &lcx, table, forms, error.as_ref()),
                Tab::Mining => charts::mining_ui(ui, &lcx, table, &mut self.charts, self.epoch),
                Tab::Analysis => charts::analysis_ui(ui, &lcx, &mut self.charts, self.epoch),
            };
            match out {
                Some(Ok(op)) => ops.push(op),
                Some(Err(err)) => {
                    self.saved = false;
                    self.error = Some(err);
                }
                None => {}
            }
        });
        for op in ops {
            match lcx.check(&op) {
                Ok(()) => {
                    self.error = None;
                    self.saved = !matches!(op, LabOp::Answer { .. });
                    self.forms.saved(&op);
                    self.tables.iter_mut().for_each(Table::invalidate);
                    self.epoch += 1;
                    commands.push(Command::Study(StudyCmd::Lab {
                        lab: self.id.clone(),
                        op,
                    }));
                }
                Err(err) => {
                    self.saved = false;
                    self.error = Some(err);
                }
            }
        }
        if self.seed.is_none() {
            self.seed = seed;
        }
        if derived.epoch == self.epoch {
            self.derived = derived;
        }
        commands
    }

    fn header_ui(&mut self, ui: &mut Ui, lcx: &LabCx<'_>, commands: &mut Vec<Command>) {
        let lang = lcx.lang;
        ui.horizontal_wrapped(|ui| {
            if ui.button(format!("← {}", T::LabBack.get(lang))).clicked() {
                commands.push(Command::Nav(NavCmd::Back));
            }
            ui.label(RichText::new(&lcx.lab.title).size(22.0).strong());
            ui.label(RichText::new(&lcx.data.company.name).weak());
            if !lcx.lab.role.is_empty() {
                ui.label(T::LabRole.fmt(lang, &[&lcx.lab.role]));
            }
            ui.label(T::LabToday.fmt(lang, &[&lcx.data.today.to_string()]));
            if self.saved {
                ui.colored_label(ok_colour(ui), T::LabSaved.get(lang));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(T::LabReset.get(lang)).clicked() {
                    self.confirm_reset = true;
                }
            });
        });
        if !lcx.lab.intro.is_empty() {
            ui.add(egui::Label::new(RichText::new(&lcx.lab.intro).weak()).wrap());
        }
        if self.confirm_reset {
            ui.group(|ui| {
                ui.add(egui::Label::new(T::LabResetConfirm.get(lang)).wrap());
                ui.horizontal(|ui| {
                    if ui.button(T::LabResetYes.get(lang)).clicked() {
                        self.confirm_reset = false;
                        self.error = None;
                        self.saved = false;
                        self.forms = forms::Forms::default();
                        self.tables.iter_mut().for_each(Table::invalidate);
                        commands.push(Command::Study(StudyCmd::ResetLab(self.id.clone())));
                    }
                    if ui.button(T::Cancel.get(lang)).clicked() {
                        self.confirm_reset = false;
                    }
                });
            });
        }
    }

    fn tabs_ui(&mut self, ui: &mut Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                let title = tab.title().get(lang);
                let response = ui.selectable_label(self.tab == tab, title);
                // Named with the word "module", so a tab is not mistaken for a field's label.
                let name = T::LabelledText.fmt(lang, &[T::LabModules.get(lang), title]);
                let selected = self.tab == tab;
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
                });
                if response.clicked() && self.tab != tab {
                    self.tab = tab;
                    self.error = None;
                    self.saved = false;
                }
            }
        });
    }
}

/// The colour of a met task and a saved form, readable in both themes.
pub fn ok_colour(ui: &Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(120, 210, 130)
    } else {
        egui::Color32::from_rgb(20, 120, 40)
    }
}

pub fn kind_label(kind: CustomerKind) -> T {
    match kind {
        CustomerKind::Customer => T::LabKindCustomer,
        CustomerKind::Agent => T::LabKindAgent,
        CustomerKind::Potential => T::LabKindPotential,
    }
}

pub fn class_label(class: CustomerClass) -> T {
    match class {
        CustomerClass::Key => T::LabClassKey,
        CustomerClass::Major => T::LabClassMajor,
        CustomerClass::Ordinary => T::LabClassOrdinary,
        CustomerClass::Small => T::LabClassSmall,
    }
}

pub fn feedback_label(kind: FeedbackType) -> T {
    match kind {
        FeedbackType::Inquiry => T::LabFbInquiry,
        FeedbackType::Complaint => T::LabFbComplaint,
        FeedbackType::Repair => T::LabFbRepair,
        FeedbackType::Suggestion => T::LabFbSuggestion,
    }
}

pub fn status_label(status: ServiceStatus) -> T {
    match status {
        ServiceStatus::Accepted => T::LabStAccepted,
        ServiceStatus::InProgress => T::LabStInProgress,
        ServiceStatus::Resolved => T::LabStResolved,
        ServiceStatus::Closed => T::LabStClosed,
    }
}

pub fn order_status_label(status: OrderStatus) -> T {
    match status {
        OrderStatus::Open => T::LabOrderOpen,
        OrderStatus::Done => T::LabOrderDone,
        OrderStatus::Terminated => T::LabOrderTerminated,
    }
}
