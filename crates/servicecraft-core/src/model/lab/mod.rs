//! The CRM teaching lab: a simulated company's CRM (a data file) and the experiments run on it
//! (listed in a chapter's `labs`), each a list of tasks with machine-checkable goals. The
//! learner works on a copy of the data ([`LabState`]); goals are checked against that copy.
//! The format is documented in `docs/pack-format.md` ("Labs").

pub mod analysis;
pub mod check;
pub mod goals;
pub mod ops;
pub mod records;
pub mod sample;
mod saved;
pub mod state;

pub use analysis::*;
pub use goals::{GoalProgress, decision_options, lab_attempt, task_progress};
pub use ops::LabOp;
pub use records::*;
pub use state::{LEARNER, LabError, LabState};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A lab data file: the simulated company and its CRM records on the lab's "today".
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LabData {
    pub company: Company,
    /// The date the simulation stands on: what is overdue, what is due soon.
    pub today: NaiveDate,
    #[serde(default)]
    pub products: Vec<Product>,
    #[serde(default)]
    pub records: Records,
    /// `records` shared by every learner copy made from this data (see [`LabData::seed`]).
    #[serde(skip)]
    pub shared: SharedSeed,
}

/// The seed records behind an `Arc`, made on first use, so each learner copy keeps the seed it
/// is saved against without a copy of its own. Not cloned with the data (a clone may be changed)
/// and not compared.
#[derive(Default)]
pub struct SharedSeed(std::sync::OnceLock<std::sync::Arc<Records>>);

impl Clone for SharedSeed {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for SharedSeed {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for SharedSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedSeed")
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub departments: Vec<Department>,
    pub staff: Vec<Staff>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub id: String,
    pub name: String,
    /// The department id.
    pub department: String,
    /// 客服人员, 会计, 生产主管, 服务主管, 销售员, 销售经理…
    pub role: String,
}

/// 产品档案
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub unit: String,
    /// List price in yuan.
    pub price: i64,
    #[serde(default)]
    pub warranty_months: u32,
    #[serde(default)]
    pub description: String,
}

/// One experiment (实验): the tasks a learner does on a copy of a lab data file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lab {
    pub id: String,
    pub title: String,
    /// The lesson the experiment belongs to.
    pub lesson: String,
    /// The lab data file, relative to the folder holding `pack.ron`.
    pub data: String,
    /// The role the learner plays, such as 客服人员.
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub intro: String,
    pub tasks: Vec<LabTask>,
    /// What the experiment teaches, shown when it is finished.
    #[serde(default)]
    pub debrief: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LabTask {
    pub id: String,
    pub title: String,
    pub instructions: String,
    /// The syllabus point the task teaches: a lesson id.
    pub lesson: String,
    pub goal: Goal,
}

/// What a task asks for, checked against the learner's copy of the records.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Goal {
    /// At least `count` customer records entered by the learner, each with every named field
    /// (see [`CUSTOMER_FIELDS`]) filled in; `kind` limits them to customers, agents or
    /// potential customers.
    NewCustomers {
        count: u32,
        #[serde(default)]
        fields: Vec<String>,
        #[serde(default)]
        kind: Option<CustomerKind>,
    },
    /// At least `count` customers converted to agents (代理) by the learner.
    ConvertToAgent { count: u32 },
    /// An order whose payment plan the learner wrote, with exactly `instalments` instalments
    /// adding up to the order total.
    OrderWithPlan { instalments: u32 },
    /// Every instalment overdue on the lab's `today` has been reminded.
    OverdueReminded,
    /// At least `count` service tasks the learner took from 受理 to 已解决 with a resolution.
    ServiceResolved { count: u32 },
    /// At least `count` care plans (客户关怀) added by the learner for customers of `class`
    /// (any class when absent).
    CarePlans {
        count: u32,
        #[serde(default)]
        class: Option<CustomerClass>,
    },
    /// Pick the `count` customers with the most payments received from `from` to `to`
    /// (inclusive). The right answer is computed from the records.
    TopCustomers {
        count: u32,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// A decision question answered from a chart; the options and the right one are computed
    /// from the records by `metric`.
    Decision { question: String, metric: Metric },
}

/// What a decision question asks to read off a chart; the answer is the option with the
/// largest value.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Metric {
    /// Which department sold the most (销售情况分析).
    TopDepartmentBySales { from: NaiveDate, to: NaiveDate },
    /// Which staff member sold the most (员工分析).
    TopStaffBySales { from: NaiveDate, to: NaiveDate },
    /// Which month had the highest sales (销售时间分析); options are `YYYY-MM`.
    PeakSalesMonth { from: NaiveDate, to: NaiveDate },
    /// Which feedback type has the most tasks (服务反馈分析).
    TopFeedbackType,
    /// Which arrears-ageing bucket holds the most money owed (欠款账目).
    LargestArrearsBucket,
    /// Which kind of market activity brought the most leads (市场活动分析).
    TopActivityKindByLeads,
}

impl Goal {
    /// The goal kind's name as written in pack files.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::NewCustomers { .. } => "NewCustomers",
            Self::ConvertToAgent { .. } => "ConvertToAgent",
            Self::OrderWithPlan { .. } => "OrderWithPlan",
            Self::OverdueReminded => "OverdueReminded",
            Self::ServiceResolved { .. } => "ServiceResolved",
            Self::CarePlans { .. } => "CarePlans",
            Self::TopCustomers { .. } => "TopCustomers",
            Self::Decision { .. } => "Decision",
        }
    }
}

impl LabData {
    /// The seed records, shared: copied once per data, the first time a lab is opened on it.
    /// The records must not change after that (pack data never does).
    pub fn seed(&self) -> std::sync::Arc<Records> {
        std::sync::Arc::clone(
            self.shared
                .0
                .get_or_init(|| std::sync::Arc::new(self.records.clone())),
        )
    }

    pub fn staff(&self, id: &str) -> Option<&Staff> {
        self.company.staff.iter().find(|s| s.id == id)
    }

    pub fn department(&self, id: &str) -> Option<&Department> {
        self.company.departments.iter().find(|d| d.id == id)
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }
}

impl super::Pack {
    /// Every lab in study order, with its chapter index.
    pub fn labs(&self) -> impl Iterator<Item = (usize, &Lab)> + '_ {
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(c, chapter)| chapter.labs.iter().map(move |l| (c, l)))
    }

    /// A lab by id, with the data it runs on (none when its data file did not load).
    pub fn lab(&self, id: &str) -> Option<(&Lab, &LabData)> {
        let (_, lab) = self.labs().find(|(_, l)| l.id == id)?;
        Some((lab, self.lab_data.get(&lab.data)?))
    }
}

#[cfg(test)]
mod tests;
