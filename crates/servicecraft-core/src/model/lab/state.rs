//! The learner's working copy of a lab, and the operations on it. Each operation checks its
//! input as a real CRM would (required fields, amounts, dates, a payment plan that adds up to
//! the order) and refuses with a typed [`LabError`] whose text comes from the catalog.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use super::{
    CarePlan, Competitor, Customer, CustomerKind, FeedbackType, Instalment, LabData, Order,
    OrderLine, OrderStatus, Payment, Records, ServiceStatus, ServiceTask, StatusChange,
};
use crate::i18n::{Lang, T};

/// Who the learner is in status histories.
pub const LEARNER: &str = "学员";

/// Reminders are sent at most this many days before an instalment falls due.
pub const REMIND_DAYS_BEFORE: i64 = 7;

/// One learner's work on one lab. In `labs.ron` only the records the learner added or changed
/// are written (the pack holds the seed), see `saved.rs`; a state read back holds just those
/// until [`LabState::rebase`] lays them over the seed again.
#[derive(Clone, Debug)]
pub struct LabState {
    /// The lab's id.
    pub lab: String,
    /// Every record of the learner's copy: the seed with the learner's changes (once based).
    pub records: Records,
    /// Per task id, the learner's picks: customer ids for `TopCustomers`, one option for
    /// `Decision`.
    pub answers: BTreeMap<String, Vec<String>>,
    /// The last number used for the ids of records the learner adds.
    pub seq: u32,
    /// When the learner finished the experiment (its score went into the attempt log).
    pub finished: Option<NaiveDateTime>,
    /// The seed `records` started from: what is left out when saving. `None` for a state read
    /// from `labs.ron` and not yet rebased: then `records` holds only the learner's changes.
    pub(super) seed: Option<Arc<Records>>,
}

impl PartialEq for LabState {
    /// The same work: the same records, answers and marks, and both based or both not.
    fn eq(&self, other: &Self) -> bool {
        self.lab == other.lab
            && self.seed.is_some() == other.seed.is_some()
            && self.seq == other.seq
            && self.finished == other.finished
            && self.answers == other.answers
            && self.records == other.records
    }
}

/// The sort of record an id was meant to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Customer,
    Staff,
    Product,
    Order,
    Instalment,
    ServiceTask,
}

/// Why an operation was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LabError {
    #[error("required field `{0}` is empty")]
    Required(&'static str),
    #[error("a customer named `{0}` exists")]
    DuplicateName(String),
    #[error("bad phone number `{0}`")]
    BadPhone(String),
    #[error("no {0:?} `{1}`")]
    Unknown(RecordKind, String),
    #[error("`{0}` is not a customer (only customers become agents)")]
    NotCustomer(String),
    #[error("`{0}` is a potential customer and cannot order yet")]
    PotentialCannotOrder(String),
    #[error("an order needs a line")]
    NoLines,
    #[error("a quantity must be above 0")]
    BadQuantity,
    #[error("an amount must be above 0")]
    BadAmount,
    #[error("{0} is after today {1}")]
    FutureDate(NaiveDate, NaiveDate),
    #[error("{0} is before the order date {1}")]
    BeforeOrder(NaiveDate, NaiveDate),
    #[error("{0} is before today {1}")]
    PastDate(NaiveDate, NaiveDate),
    #[error("a payment plan needs an instalment")]
    PlanEmpty,
    #[error("instalments must fall due in date order")]
    PlanOrder,
    #[error("the plan adds up to {0}, the order total is {1}")]
    PlanSum(i64, i64),
    #[error("the order already has payments")]
    PlanHasPayments,
    #[error("the order is terminated or done")]
    OrderClosed,
    #[error("only {0} is outstanding")]
    Overpay(i64),
    #[error("the instalment is paid")]
    AlreadyPaid,
    #[error("the instalment falls due on {0}, too far off to remind")]
    NotDueSoon(NaiveDate),
    #[error("cannot move from {0:?} to {1:?}")]
    BadMove(ServiceStatus, ServiceStatus),
    #[error("a resolution is needed")]
    NeedResolution,
}

fn kind_name(kind: RecordKind, lang: Lang) -> &'static str {
    match kind {
        RecordKind::Customer => T::LabWhatCustomer,
        RecordKind::Staff => T::LabWhatStaff,
        RecordKind::Product => T::LabWhatProduct,
        RecordKind::Order => T::LabWhatOrder,
        RecordKind::Instalment => T::LabWhatInstalment,
        RecordKind::ServiceTask => T::LabWhatServiceTask,
    }
    .get(lang)
}

impl LabError {
    /// The message shown beside the form, from the catalog.
    pub fn message(&self, lang: Lang) -> String {
        let d = |d: &NaiveDate| d.to_string();
        match self {
            Self::Required(field) => T::LabRequired.fmt(lang, &[field]),
            Self::DuplicateName(name) => T::LabDuplicateName.fmt(lang, &[name]),
            Self::BadPhone(phone) => T::LabBadPhone.fmt(lang, &[phone]),
            Self::Unknown(kind, id) => T::LabUnknown.fmt(lang, &[kind_name(*kind, lang), id]),
            Self::NotCustomer(name) => T::LabNotCustomer.fmt(lang, &[name]),
            Self::PotentialCannotOrder(name) => T::LabPotentialCannotOrder.fmt(lang, &[name]),
            Self::NoLines => T::LabNoLines.get(lang).to_owned(),
            Self::BadQuantity => T::LabBadQuantity.get(lang).to_owned(),
            Self::BadAmount => T::LabBadAmount.get(lang).to_owned(),
            Self::FutureDate(a, b) => T::LabFutureDate.fmt(lang, &[&d(a), &d(b)]),
            Self::BeforeOrder(a, b) => T::LabBeforeOrder.fmt(lang, &[&d(a), &d(b)]),
            Self::PastDate(a, b) => T::LabPastDate.fmt(lang, &[&d(a), &d(b)]),
            Self::PlanEmpty => T::LabPlanEmpty.get(lang).to_owned(),
            Self::PlanOrder => T::LabPlanOrder.get(lang).to_owned(),
            Self::PlanSum(sum, total) => {
                T::LabPlanSum.fmt(lang, &[&sum.to_string(), &total.to_string()])
            }
            Self::PlanHasPayments => T::LabPlanHasPayments.get(lang).to_owned(),
            Self::OrderClosed => T::LabOrderClosed.get(lang).to_owned(),
            Self::Overpay(left) => T::LabOverpay.fmt(lang, &[&left.to_string()]),
            Self::AlreadyPaid => T::LabAlreadyPaid.get(lang).to_owned(),
            Self::NotDueSoon(due) => T::LabNotDueSoon.fmt(lang, &[&d(due)]),
            Self::BadMove(from, to) => T::LabBadMove.fmt(lang, &[from.zh(), to.zh()]),
            Self::NeedResolution => T::LabNeedResolution.get(lang).to_owned(),
        }
    }
}

/// A phone number as people write them: digits, blanks, `-` and a leading `+`, 7–20 long.
fn phone_ok(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (7..=20).contains(&digits)
        && phone
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '-' || c == ' ' || (i == 0 && c == '+'))
}

impl LabState {
    /// A fresh copy of `data`'s records for lab `lab`.
    pub fn new(lab: &str, data: &LabData) -> Self {
        Self {
            lab: lab.to_owned(),
            records: data.records.clone(),
            answers: BTreeMap::new(),
            seq: 0,
            finished: None,
            seed: Some(data.seed()),
        }
    }

    /// Whether `records` is the full copy (made from the seed, or rebased onto it).
    pub fn is_based(&self) -> bool {
        self.seed.is_some()
    }

    /// Lays the learner's changes read from `labs.ron` over the lab's seed records, so
    /// `records` is the full copy again; nothing happens to a state already based.
    pub fn rebase(&mut self, data: &LabData) {
        if self.seed.is_some() {
            return;
        }
        let changes = std::mem::take(&mut self.records);
        self.records = super::saved::merge(&data.records, changes);
        self.seed = Some(data.seed());
    }

    /// This state as a full copy: itself when based, else a rebased clone.
    pub fn based(&self, data: &LabData) -> std::borrow::Cow<'_, Self> {
        if self.is_based() {
            std::borrow::Cow::Borrowed(self)
        } else {
            let mut copy = self.clone();
            copy.rebase(data);
            std::borrow::Cow::Owned(copy)
        }
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        format!("{prefix}-L{:03}", self.seq)
    }

    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.records.customers.iter().find(|c| c.id == id)
    }

    fn check_customer(&self, data: &LabData, draft: &Customer, id: &str) -> Result<(), LabError> {
        if draft.name.trim().is_empty() {
            return Err(LabError::Required("name"));
        }
        let name = draft.name.trim();
        if self
            .records
            .customers
            .iter()
            .any(|c| c.id != id && c.name.trim() == name)
        {
            return Err(LabError::DuplicateName(name.to_owned()));
        }
        if !draft.phone.trim().is_empty() && !phone_ok(draft.phone.trim()) {
            return Err(LabError::BadPhone(draft.phone.clone()));
        }
        if !draft.owner.is_empty() && data.staff(&draft.owner).is_none() {
            return Err(LabError::Unknown(RecordKind::Staff, draft.owner.clone()));
        }
        Ok(())
    }

    /// Enters a new customer (or agent, or potential customer, by `draft.kind`); returns its id.
    /// The id, creation date and learner mark are set here, whatever the draft says.
    pub fn add_customer(&mut self, data: &LabData, draft: Customer) -> Result<String, LabError> {
        self.check_customer(data, &draft, "")?;
        let id = self.next_id("C");
        self.records.customers.push(Customer {
            id: id.clone(),
            name: draft.name.trim().to_owned(),
            created: data.today,
            by_learner: true,
            converted: None,
            ..draft
        });
        Ok(id)
    }

    /// Saves an edited customer record; its id, kind, creation date and marks stay.
    pub fn edit_customer(
        &mut self,
        data: &LabData,
        id: &str,
        draft: Customer,
    ) -> Result<(), LabError> {
        self.check_customer(data, &draft, id)?;
        let at = self.customer_index(id)?;
        let old = &mut self.records.customers[at];
        *old = Customer {
            id: old.id.clone(),
            name: draft.name.trim().to_owned(),
            kind: old.kind,
            created: old.created,
            by_learner: old.by_learner,
            converted: old.converted,
            ..draft
        };
        Ok(())
    }

    fn customer_index(&self, id: &str) -> Result<usize, LabError> {
        self.records
            .customers
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| LabError::Unknown(RecordKind::Customer, id.to_owned()))
    }

    /// 客户转代理: a customer becomes an agent.
    pub fn convert_to_agent(&mut self, id: &str, now: NaiveDateTime) -> Result<(), LabError> {
        let at = self.customer_index(id)?;
        let customer = &mut self.records.customers[at];
        if customer.kind != CustomerKind::Customer {
            return Err(LabError::NotCustomer(customer.name.clone()));
        }
        customer.kind = CustomerKind::Agent;
        customer.converted = Some(now);
        Ok(())
    }

    /// A potential customer who has decided to buy becomes a customer.
    pub fn promote_potential(&mut self, id: &str) -> Result<(), LabError> {
        let at = self.customer_index(id)?;
        let customer = &mut self.records.customers[at];
        if customer.kind != CustomerKind::Potential {
            return Err(LabError::NotCustomer(customer.name.clone()));
        }
        customer.kind = CustomerKind::Customer;
        Ok(())
    }

    pub fn add_competitor(&mut self, draft: Competitor) -> Result<String, LabError> {
        if draft.name.trim().is_empty() {
            return Err(LabError::Required("name"));
        }
        let id = self.next_id("K");
        self.records.competitors.push(Competitor {
            id: id.clone(),
            ..draft
        });
        Ok(id)
    }

    /// Enters an order dated `date` (not after the lab's today); returns its id.
    pub fn add_order(
        &mut self,
        data: &LabData,
        customer: &str,
        staff: &str,
        date: NaiveDate,
        lines: Vec<OrderLine>,
    ) -> Result<String, LabError> {
        let who = self
            .customer(customer)
            .ok_or_else(|| LabError::Unknown(RecordKind::Customer, customer.to_owned()))?;
        if who.kind == CustomerKind::Potential {
            return Err(LabError::PotentialCannotOrder(who.name.clone()));
        }
        if data.staff(staff).is_none() {
            return Err(LabError::Unknown(RecordKind::Staff, staff.to_owned()));
        }
        if date > data.today {
            return Err(LabError::FutureDate(date, data.today));
        }
        if lines.is_empty() {
            return Err(LabError::NoLines);
        }
        for line in &lines {
            if data.product(&line.product).is_none() {
                return Err(LabError::Unknown(RecordKind::Product, line.product.clone()));
            }
            if line.quantity == 0 {
                return Err(LabError::BadQuantity);
            }
            if line.price <= 0 {
                return Err(LabError::BadAmount);
            }
        }
        let id = self.next_id("O");
        self.records.orders.push(Order {
            id: id.clone(),
            customer: customer.to_owned(),
            staff: staff.to_owned(),
            date,
            lines,
            status: OrderStatus::Open,
            plan: Vec::new(),
            by_learner: true,
            plan_by_learner: false,
        });
        Ok(id)
    }

    fn open_order(&mut self, id: &str) -> Result<&mut Order, LabError> {
        let order = self
            .records
            .orders
            .iter_mut()
            .find(|o| o.id == id)
            .ok_or_else(|| LabError::Unknown(RecordKind::Order, id.to_owned()))?;
        if order.status != OrderStatus::Open {
            return Err(LabError::OrderClosed);
        }
        Ok(order)
    }

    /// 终止订单: an open order without payments is called off.
    pub fn terminate_order(&mut self, id: &str) -> Result<(), LabError> {
        let order = self.open_order(id)?;
        if order.paid() > 0 {
            return Err(LabError::PlanHasPayments);
        }
        order.status = OrderStatus::Terminated;
        Ok(())
    }

    /// Writes an order's payment plan (回款计划): instalments `(due, amount)` in date order, none
    /// before the order date, every amount above 0, adding up to the order total.
    pub fn set_plan(&mut self, id: &str, instalments: &[(NaiveDate, i64)]) -> Result<(), LabError> {
        let order = self.open_order(id)?;
        if order.paid() > 0 {
            return Err(LabError::PlanHasPayments);
        }
        check_plan(order.date, order.total(), instalments)?;
        order.plan = instalments
            .iter()
            .map(|&(due, amount)| Instalment {
                due,
                amount,
                payments: Vec::new(),
                reminded: None,
            })
            .collect();
        order.plan_by_learner = true;
        Ok(())
    }

    fn instalment(
        &mut self,
        order: &str,
        n: usize,
    ) -> Result<(&mut Instalment, NaiveDate), LabError> {
        let order = self.open_order(order)?;
        let date = order.date;
        let id = format!("{}#{}", order.id, n + 1);
        let part = order
            .plan
            .get_mut(n)
            .ok_or(LabError::Unknown(RecordKind::Instalment, id))?;
        Ok((part, date))
    }

    /// Books a payment against instalment `n` (0-based) of an order; an order fully paid is done.
    pub fn record_payment(
        &mut self,
        data: &LabData,
        order: &str,
        n: usize,
        date: NaiveDate,
        amount: i64,
    ) -> Result<(), LabError> {
        let (part, order_date) = self.instalment(order, n)?;
        if amount <= 0 {
            return Err(LabError::BadAmount);
        }
        if date > data.today {
            return Err(LabError::FutureDate(date, data.today));
        }
        if date < order_date {
            return Err(LabError::BeforeOrder(date, order_date));
        }
        if amount > part.outstanding() {
            return Err(LabError::Overpay(part.outstanding()));
        }
        part.payments.push(Payment { date, amount });
        if let Some(o) = self.records.orders.iter_mut().find(|o| o.id == order)
            && o.outstanding() == 0
        {
            o.status = OrderStatus::Done;
        }
        Ok(())
    }

    /// 回款提醒: reminds the customer of instalment `n`, overdue or due within
    /// [`REMIND_DAYS_BEFORE`] days.
    pub fn remind(&mut self, data: &LabData, order: &str, n: usize) -> Result<(), LabError> {
        let (part, _) = self.instalment(order, n)?;
        if part.outstanding() == 0 {
            return Err(LabError::AlreadyPaid);
        }
        if (part.due - data.today).num_days() > REMIND_DAYS_BEFORE {
            return Err(LabError::NotDueSoon(part.due));
        }
        part.reminded = Some(data.today);
        Ok(())
    }

    /// 反馈受理: takes in a feedback as a new service task in 受理.
    pub fn add_service_task(
        &mut self,
        data: &LabData,
        customer: &str,
        kind: FeedbackType,
        title: &str,
    ) -> Result<String, LabError> {
        if self.customer(customer).is_none() {
            return Err(LabError::Unknown(RecordKind::Customer, customer.to_owned()));
        }
        if title.trim().is_empty() {
            return Err(LabError::Required("title"));
        }
        let id = self.next_id("S");
        self.records.service.push(ServiceTask {
            id: id.clone(),
            customer: customer.to_owned(),
            kind,
            title: title.trim().to_owned(),
            product: String::new(),
            staff: String::new(),
            opened: data.today,
            status: ServiceStatus::Accepted,
            history: Vec::new(),
            resolution: String::new(),
            satisfaction: None,
        });
        Ok(id)
    }

    /// Moves a service task on, keeping who/when/from/to; 已解决 needs a resolution text.
    pub fn change_status(
        &mut self,
        id: &str,
        to: ServiceStatus,
        resolution: &str,
        now: NaiveDateTime,
    ) -> Result<(), LabError> {
        let task = self
            .records
            .service
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or_else(|| LabError::Unknown(RecordKind::ServiceTask, id.to_owned()))?;
        if !task.status.can_move_to(to) {
            return Err(LabError::BadMove(task.status, to));
        }
        if to == ServiceStatus::Resolved {
            if resolution.trim().is_empty() {
                return Err(LabError::NeedResolution);
            }
            resolution.trim().clone_into(&mut task.resolution);
        }
        task.history.push(StatusChange {
            who: LEARNER.to_owned(),
            when: now,
            from: task.status,
            to,
            by_learner: true,
        });
        task.status = to;
        Ok(())
    }

    /// 客户关怀: plans a contact with a customer on or after the lab's today.
    pub fn add_care(&mut self, data: &LabData, draft: CarePlan) -> Result<String, LabError> {
        if self.customer(&draft.customer).is_none() {
            return Err(LabError::Unknown(RecordKind::Customer, draft.customer));
        }
        if draft.kind.trim().is_empty() {
            return Err(LabError::Required("kind"));
        }
        if draft.date < data.today {
            return Err(LabError::PastDate(draft.date, data.today));
        }
        if !draft.staff.is_empty() && data.staff(&draft.staff).is_none() {
            return Err(LabError::Unknown(RecordKind::Staff, draft.staff));
        }
        let id = self.next_id("H");
        self.records.cares.push(CarePlan {
            id: id.clone(),
            by_learner: true,
            ..draft
        });
        Ok(id)
    }

    /// Records the learner's answer to a `TopCustomers` or `Decision` task.
    pub fn answer(&mut self, task: &str, picks: Vec<String>) {
        self.answers.insert(task.to_owned(), picks);
    }
}

/// Checks a payment plan against its order: the rules of [`LabState::set_plan`], also used by
/// the pack validator on seed orders.
pub fn check_plan(
    order_date: NaiveDate,
    total: i64,
    instalments: &[(NaiveDate, i64)],
) -> Result<(), LabError> {
    if instalments.is_empty() {
        return Err(LabError::PlanEmpty);
    }
    if instalments.iter().any(|&(_, amount)| amount <= 0) {
        return Err(LabError::BadAmount);
    }
    if let Some(&(due, _)) = instalments.iter().find(|(due, _)| *due < order_date) {
        return Err(LabError::BeforeOrder(due, order_date));
    }
    if instalments.windows(2).any(|w| w[0].0 > w[1].0) {
        return Err(LabError::PlanOrder);
    }
    let sum: i64 = instalments.iter().map(|&(_, amount)| amount).sum();
    if sum != total {
        return Err(LabError::PlanSum(sum, total));
    }
    Ok(())
}
