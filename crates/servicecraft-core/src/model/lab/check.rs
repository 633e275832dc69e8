//! The pack author's mistakes in a lab data file or an experiment: references to records that
//! do not exist, seed payment plans that do not add up, goals naming unknown fields. The pack
//! validator turns each [`LabProblem`] into a `file:line:col` diagnostic.

use std::collections::HashSet;

use super::state::check_plan;
use super::{CUSTOMER_FIELDS, Goal, Lab, LabData, LabState, Metric};
use crate::i18n::Lang;

/// A problem and where to point: the `nth` place `field "value"` is written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabProblem {
    pub field: &'static str,
    pub value: String,
    pub message: String,
}

fn problem(field: &'static str, value: &str, message: String) -> LabProblem {
    LabProblem {
        field,
        value: value.to_owned(),
        message,
    }
}

/// Problems in a lab data file.
pub fn check_data(data: &LabData) -> Vec<LabProblem> {
    let mut out = Vec::new();
    let c = &data.company;
    if c.name.trim().is_empty() {
        out.push(problem(
            "name:",
            &c.name,
            "the company has no name".to_owned(),
        ));
    }
    let records = &data.records;
    let mut seen = HashSet::new();
    let ids = c
        .departments
        .iter()
        .map(|d| &d.id)
        .chain(c.staff.iter().map(|s| &s.id))
        .chain(data.products.iter().map(|p| &p.id))
        .chain(records.customers.iter().map(|x| &x.id))
        .chain(records.competitors.iter().map(|x| &x.id))
        .chain(records.orders.iter().map(|x| &x.id))
        .chain(records.service.iter().map(|x| &x.id))
        .chain(records.cares.iter().map(|x| &x.id))
        .chain(records.activities.iter().map(|x| &x.id));
    for id in ids {
        if id.trim().is_empty() {
            out.push(problem("id:", id, "a record has an empty id".to_owned()));
        } else if !seen.insert(id.as_str()) {
            out.push(problem("id:", id, format!("duplicate record id `{id}`")));
        }
    }
    for s in &c.staff {
        if data.department(&s.department).is_none() {
            out.push(problem(
                "id:",
                &s.id,
                format!(
                    "staff `{}` is in department `{}`, which does not exist",
                    s.id, s.department
                ),
            ));
        }
    }
    let customer = |id: &str| records.customers.iter().any(|x| x.id == id);
    for x in &records.customers {
        if x.name.trim().is_empty() {
            out.push(problem(
                "id:",
                &x.id,
                format!("customer `{}` has no name", x.id),
            ));
        }
        if !x.owner.is_empty() && data.staff(&x.owner).is_none() {
            out.push(problem(
                "id:",
                &x.id,
                format!(
                    "customer `{}` is owned by staff `{}`, who does not exist",
                    x.id, x.owner
                ),
            ));
        }
    }
    for o in &records.orders {
        let mut bad = |message: String| {
            out.push(problem(
                "id:",
                &o.id,
                format!("order `{}`: {message}", o.id),
            ))
        };
        if !customer(&o.customer) {
            bad(format!("customer `{}` does not exist", o.customer));
        }
        if data.staff(&o.staff).is_none() {
            bad(format!("staff `{}` does not exist", o.staff));
        }
        if o.lines.is_empty() {
            bad("has no lines".to_owned());
        }
        for line in &o.lines {
            if data.product(&line.product).is_none() {
                bad(format!("product `{}` does not exist", line.product));
            }
            if line.quantity == 0 || line.price <= 0 {
                bad("a line needs a quantity and a price above 0".to_owned());
            }
        }
        if !o.plan.is_empty() {
            let plan: Vec<_> = o.plan.iter().map(|i| (i.due, i.amount)).collect();
            if let Err(err) = check_plan(o.date, o.total(), &plan) {
                bad(format!("payment plan: {}", err.message(Lang::En)));
            }
        }
        for part in &o.plan {
            if part.paid() > part.amount {
                bad(format!(
                    "the instalment due {} is paid {} of {}",
                    part.due,
                    part.paid(),
                    part.amount
                ));
            }
            if part
                .payments
                .iter()
                .any(|p| p.date < o.date || p.date > data.today)
            {
                bad("a payment is dated before the order or after the lab's today".to_owned());
            }
        }
    }
    for t in &records.service {
        if !customer(&t.customer) {
            out.push(problem(
                "id:",
                &t.id,
                format!(
                    "service task `{}`: customer `{}` does not exist",
                    t.id, t.customer
                ),
            ));
        }
        let chained = t.history.windows(2).all(|w| w[0].to == w[1].from)
            && t.history.last().is_none_or(|h| h.to == t.status);
        if !chained {
            out.push(problem(
                "id:",
                &t.id,
                format!(
                    "service task `{}`: its status history does not lead to its status",
                    t.id
                ),
            ));
        }
    }
    for x in &records.cares {
        if !customer(&x.customer) {
            out.push(problem(
                "id:",
                &x.id,
                format!(
                    "care plan `{}`: customer `{}` does not exist",
                    x.id, x.customer
                ),
            ));
        }
    }
    for a in &records.activities {
        if data.department(&a.department).is_none() {
            out.push(problem(
                "id:",
                &a.id,
                format!(
                    "market activity `{}`: department `{}` does not exist",
                    a.id, a.department
                ),
            ));
        }
    }
    out
}

/// Problems in an experiment, given its data (lesson ids are checked by the pack validator).
pub fn check_lab(lab: &Lab, data: &LabData) -> Vec<LabProblem> {
    let mut out = Vec::new();
    if lab.title.trim().is_empty() {
        out.push(problem(
            "id:",
            &lab.id,
            format!("lab `{}` has an empty title", lab.id),
        ));
    }
    if lab.tasks.is_empty() {
        out.push(problem(
            "id:",
            &lab.id,
            format!("lab `{}` has no tasks", lab.id),
        ));
    }
    let seed = LabState::new(&lab.id, data);
    for task in &lab.tasks {
        let mut bad = |message: String| {
            out.push(problem(
                "id:",
                &task.id,
                format!("lab task `{}`: {message}", task.id),
            ))
        };
        if task.title.trim().is_empty() || task.instructions.trim().is_empty() {
            bad("needs a title and instructions".to_owned());
        }
        match &task.goal {
            Goal::NewCustomers { count, fields, .. } => {
                if *count == 0 {
                    bad("the goal asks for 0 records".to_owned());
                }
                for field in fields {
                    if !CUSTOMER_FIELDS.contains(&field.as_str()) {
                        out.push(problem("", field, format!(
                            "lab task `{}`: the goal names field `{field}`, which customer records do not have (they have {})",
                            task.id,
                            CUSTOMER_FIELDS.join(", ")
                        )));
                    }
                }
            }
            Goal::ConvertToAgent { count }
            | Goal::ServiceResolved { count }
            | Goal::CarePlans { count, .. }
                if *count == 0 =>
            {
                bad("the goal asks for 0 records".to_owned());
            }
            Goal::OrderWithPlan { instalments: 0 } => {
                bad("a payment plan needs at least 1 instalment".to_owned())
            }
            Goal::TopCustomers { count, from, to } if *count == 0 || from > to => {
                bad("the goal needs a count above 0 and `from` not after `to`".to_owned());
            }
            Goal::Decision { question, metric } => {
                if question.trim().is_empty() {
                    bad("the decision question is empty".to_owned());
                }
                if let Metric::TopDepartmentBySales { from, to }
                | Metric::TopStaffBySales { from, to }
                | Metric::PeakSalesMonth { from, to } = metric
                    && from > to
                {
                    bad("`from` is after `to`".to_owned());
                }
                let (options, answer) = super::decision_options(data, &seed, metric);
                if options.len() < 2 || answer.is_none() {
                    bad("the seed data gives this question no single right answer (fewer than 2 options, or a tie for the top)".to_owned());
                }
            }
            _ => {}
        }
    }
    out
}
