//! Checking a task's goal against the learner's copy of the records: how far along it is, and
//! for questions, which options there are and which is right — computed from the data, never
//! written in the pack. Also the attempt-log entry of a finished experiment.

use chrono::{DateTime, Utc};

use super::analysis::{
    arrears_ageing, customer_ranking, feedback_by_type, leads_by_activity_kind,
    sales_by_department, sales_by_month, sales_by_staff,
};
use super::{
    ARREARS_BUCKETS, CustomerKind, Goal, Lab, LabData, LabState, LabTask, Metric, ServiceStatus,
};
use crate::progress::Attempt;

/// How far a goal is: `done` of `need`. Met when `done >= need`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoalProgress {
    pub done: u32,
    pub need: u32,
}

impl GoalProgress {
    pub fn met(self) -> bool {
        self.done >= self.need
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The progress of one task on the learner's records.
pub fn task_progress(data: &LabData, state: &LabState, task: &LabTask) -> GoalProgress {
    let records = &state.records;
    let (done, need) = match &task.goal {
        Goal::NewCustomers {
            count: n,
            fields,
            kind,
        } => {
            let done = records
                .customers
                .iter()
                .filter(|c| c.by_learner && kind.is_none_or(|k| c.kind == k))
                .filter(|c| fields.iter().all(|f| c.has_field(f)))
                .count();
            (count(done), *n)
        }
        Goal::ConvertToAgent { count: n } => {
            let done = records
                .customers
                .iter()
                .filter(|c| c.kind == CustomerKind::Agent && c.converted.is_some())
                .count();
            (count(done), *n)
        }
        Goal::OrderWithPlan { instalments } => {
            let done = records.orders.iter().any(|o| {
                o.plan_by_learner
                    && o.plan.len() == *instalments as usize
                    && o.plan.iter().map(|i| i.amount).sum::<i64>() == o.total()
            });
            (u32::from(done), 1)
        }
        Goal::OverdueReminded => {
            let overdue: Vec<_> = records
                .orders
                .iter()
                .filter(|o| o.counts_as_sale())
                .flat_map(|o| &o.plan)
                .filter(|i| i.overdue(data.today))
                .collect();
            let reminded = overdue.iter().filter(|i| i.reminded.is_some()).count();
            (count(reminded), count(overdue.len()).max(1))
        }
        Goal::ServiceResolved { count: n } => {
            let done = records
                .service
                .iter()
                .filter(|t| {
                    let started = t.history.first().map_or(t.status, |h| h.from);
                    matches!(t.status, ServiceStatus::Resolved | ServiceStatus::Closed)
                        && !t.resolution.trim().is_empty()
                        && started == ServiceStatus::Accepted
                        && t.history
                            .iter()
                            .any(|h| h.by_learner && h.to == ServiceStatus::Resolved)
                        && t.history
                            .iter()
                            .any(|h| h.by_learner && h.from == ServiceStatus::Accepted)
                })
                .count();
            (count(done), *n)
        }
        Goal::CarePlans { count: n, class } => {
            let done = records
                .cares
                .iter()
                .filter(|c| c.by_learner)
                .filter(|c| {
                    class.is_none_or(|k| {
                        state
                            .customer(&c.customer)
                            .is_some_and(|x| x.class == Some(k))
                    })
                })
                .count();
            (count(done), *n)
        }
        Goal::TopCustomers { count: n, from, to } => {
            let ranking = customer_ranking(records, *from, *to);
            let picks = state.answers.get(&task.id).map_or(&[][..], Vec::as_slice);
            // With a tie at the edge, any of the tied customers is right.
            let bar = ranking
                .get((*n as usize).saturating_sub(1))
                .map_or(i64::MAX, |t| t.amount);
            let right = picks
                .iter()
                .filter(|p| ranking.iter().any(|t| t.key == **p && t.amount >= bar))
                .count();
            let done = if picks.len() > *n as usize { 0 } else { right };
            (count(done), *n)
        }
        Goal::Decision { metric, .. } => {
            let (_, answer) = decision_options(data, state, metric);
            let picked = state.answers.get(&task.id).and_then(|p| p.first());
            (u32::from(answer.is_some() && picked == answer.as_ref()), 1)
        }
    };
    GoalProgress {
        done: done.min(need),
        need,
    }
}

/// The options of a decision question and the right one (the largest value), from the data.
/// `None` when the data has nothing to compare.
pub fn decision_options(
    data: &LabData,
    state: &LabState,
    metric: &Metric,
) -> (Vec<String>, Option<String>) {
    let records = &state.records;
    let bars: Vec<(String, i64)> = match metric {
        Metric::TopDepartmentBySales { from, to } => {
            let mut bars: Vec<(String, i64)> = sales_by_department(data, records, *from, *to)
                .into_iter()
                .map(|t| (t.label, t.amount))
                .collect();
            // Every department is an option, also one that sold nothing.
            for dept in &data.company.departments {
                if !bars.iter().any(|(l, _)| *l == dept.name) {
                    bars.push((dept.name.clone(), 0));
                }
            }
            bars
        }
        Metric::TopStaffBySales { from, to } => sales_by_staff(data, records, *from, *to)
            .into_iter()
            .map(|t| (t.label, t.amount))
            .collect(),
        Metric::PeakSalesMonth { from, to } => sales_by_month(records, *from, *to)
            .into_iter()
            .map(|t| (t.label, t.amount))
            .collect(),
        Metric::TopFeedbackType => feedback_by_type(records)
            .into_iter()
            .map(|(kind, by_status, _)| {
                (
                    kind.zh().to_owned(),
                    i64::from(by_status.iter().sum::<u32>()),
                )
            })
            .collect(),
        Metric::LargestArrearsBucket => ARREARS_BUCKETS
            .iter()
            .zip(arrears_ageing(records, data.today))
            .map(|(label, amount)| ((*label).to_owned(), amount))
            .collect(),
        Metric::TopActivityKindByLeads => leads_by_activity_kind(records)
            .into_iter()
            .map(|t| (t.label, t.amount))
            .collect(),
    };
    let best = bars.iter().map(|(_, v)| *v).max();
    // A tie for the top has no single right answer.
    let answer = best
        .filter(|b| bars.iter().filter(|(_, v)| v == b).count() == 1)
        .and_then(|b| bars.iter().find(|(_, v)| *v == b).map(|(l, _)| l.clone()));
    let mut options: Vec<String> = bars.into_iter().map(|(l, _)| l).collect();
    if !matches!(
        metric,
        Metric::PeakSalesMonth { .. } | Metric::LargestArrearsBucket
    ) {
        options.sort();
    }
    (options, answer)
}

/// The attempt-log entry of a finished experiment: one point per task met; the answer lists
/// the tasks met, as `task-id,task-id`.
pub fn lab_attempt(
    data: &LabData,
    lab: &Lab,
    state: &LabState,
    started: DateTime<Utc>,
    finished: DateTime<Utc>,
) -> Attempt {
    let met: Vec<&str> = lab
        .tasks
        .iter()
        .filter(|t| task_progress(data, state, t).met())
        .map(|t| t.id.as_str())
        .collect();
    Attempt {
        started,
        finished,
        answer: met.join(","),
        score: met.len() as f32,
        max: lab.tasks.len() as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lab::sample::{Scale, generate};
    use crate::model::lab::{Customer, Goal};

    fn task(id: &str, goal: Goal) -> LabTask {
        LabTask {
            id: id.to_owned(),
            title: "t".to_owned(),
            instructions: "do it".to_owned(),
            lesson: "l".to_owned(),
            goal,
        }
    }

    #[test]
    fn a_finished_lab_is_an_attempt() {
        let data = generate(Scale::BUILTIN, 7);
        let mut state = LabState::new("lab", &data);
        let lab = Lab {
            id: "lab".into(),
            title: "实验".into(),
            lesson: "l".into(),
            data: "x".into(),
            role: String::new(),
            intro: String::new(),
            tasks: vec![
                task("a", Goal::ConvertToAgent { count: 1 }),
                task(
                    "b",
                    Goal::NewCustomers {
                        count: 1,
                        fields: vec![],
                        kind: None,
                    },
                ),
            ],
            debrief: Vec::new(),
        };
        let customer = Customer {
            name: "新客户".into(),
            ..Customer::default()
        };
        state.add_customer(&data, customer).unwrap();
        let t = Utc::now();
        let attempt = lab_attempt(&data, &lab, &state, t, t);
        assert_eq!(
            (attempt.score, attempt.max, attempt.answer.as_str()),
            (1.0, 2.0, "b")
        );
    }
}
