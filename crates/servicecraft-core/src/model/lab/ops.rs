//! One change the learner makes to a lab, as a value ([`LabOp`]): the lab screen builds it from a
//! form, checks it by applying it to a copy (so an error is shown beside the field before
//! anything changes), and the shell applies it to the learner's copy in the profile.

use chrono::{NaiveDate, NaiveDateTime};

use super::{
    CarePlan, Competitor, Customer, FeedbackType, LabData, LabError, LabState, OrderLine,
    ServiceStatus,
};

/// A change to the learner's copy of a lab.
#[derive(Clone, Debug, PartialEq)]
pub enum LabOp {
    /// A new customer, agent or potential customer (by the draft's kind).
    AddCustomer(Customer),
    /// An edited customer record.
    EditCustomer {
        id: String,
        draft: Customer,
    },
    /// 客户转代理.
    ConvertToAgent(String),
    /// A potential customer becomes a customer.
    PromotePotential(String),
    AddCompetitor(Competitor),
    AddOrder {
        customer: String,
        staff: String,
        date: NaiveDate,
        lines: Vec<OrderLine>,
    },
    TerminateOrder(String),
    /// A payment plan: `(due, amount)` per instalment.
    SetPlan {
        order: String,
        instalments: Vec<(NaiveDate, i64)>,
    },
    RecordPayment {
        order: String,
        /// The instalment, 0-based.
        n: usize,
        date: NaiveDate,
        amount: i64,
    },
    Remind {
        order: String,
        n: usize,
    },
    AddServiceTask {
        customer: String,
        kind: FeedbackType,
        title: String,
    },
    ChangeStatus {
        id: String,
        to: ServiceStatus,
        resolution: String,
    },
    AddCare(CarePlan),
    /// The learner's answer to a `TopCustomers` or `Decision` task.
    Answer {
        task: String,
        picks: Vec<String>,
    },
}

impl LabOp {
    /// Applies the change at `now`; refused changes leave `state` as it was.
    pub fn apply(
        &self,
        data: &LabData,
        state: &mut LabState,
        now: NaiveDateTime,
    ) -> Result<(), LabError> {
        match self {
            Self::AddCustomer(draft) => state.add_customer(data, draft.clone()).map(drop),
            Self::EditCustomer { id, draft } => state.edit_customer(data, id, draft.clone()),
            Self::ConvertToAgent(id) => state.convert_to_agent(id, now),
            Self::PromotePotential(id) => state.promote_potential(id),
            Self::AddCompetitor(draft) => state.add_competitor(draft.clone()).map(drop),
            Self::AddOrder {
                customer,
                staff,
                date,
                lines,
            } => state
                .add_order(data, customer, staff, *date, lines.clone())
                .map(drop),
            Self::TerminateOrder(id) => state.terminate_order(id),
            Self::SetPlan { order, instalments } => state.set_plan(order, instalments),
            Self::RecordPayment {
                order,
                n,
                date,
                amount,
            } => state.record_payment(data, order, *n, *date, *amount),
            Self::Remind { order, n } => state.remind(data, order, *n),
            Self::AddServiceTask {
                customer,
                kind,
                title,
            } => state
                .add_service_task(data, customer, *kind, title)
                .map(drop),
            Self::ChangeStatus { id, to, resolution } => {
                state.change_status(id, *to, resolution, now)
            }
            Self::AddCare(draft) => state.add_care(data, draft.clone()).map(drop),
            Self::Answer { task, picks } => {
                state.answer(task, picks.clone());
                Ok(())
            }
        }
    }
}
