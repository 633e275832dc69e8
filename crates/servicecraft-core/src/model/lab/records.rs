//! The records of a simulated company's CRM: customers (and agents and potential customers),
//! competitors, orders with their payment plans, service tasks with their status history, care
//! plans and market activities. Amounts are whole yuan, so a payment plan adds up exactly.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// Everything in a lab's CRM, as seeded by the pack and as the learner changes it.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Records {
    pub customers: Vec<Customer>,
    pub competitors: Vec<Competitor>,
    pub orders: Vec<Order>,
    pub service: Vec<ServiceTask>,
    pub cares: Vec<CarePlan>,
    pub activities: Vec<MarketActivity>,
}

/// Whether a customer record is a customer, an agent (代理) or a potential customer (潜在客户).
#[derive(
    Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
pub enum CustomerKind {
    /// 客户
    #[default]
    Customer,
    /// 代理
    Agent,
    /// 潜在客户
    Potential,
}

/// The class a customer is managed by (客户分类, ABC analysis): who gets which resources.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CustomerClass {
    /// 关键客户 (A)
    Key,
    /// 重要客户 (B)
    Major,
    /// 普通客户 (C)
    Ordinary,
    /// 小客户 (D)
    Small,
}

impl CustomerClass {
    pub const ALL: [Self; 4] = [Self::Key, Self::Major, Self::Ordinary, Self::Small];

    pub fn zh(self) -> &'static str {
        match self {
            Self::Key => "关键客户",
            Self::Major => "重要客户",
            Self::Ordinary => "普通客户",
            Self::Small => "小客户",
        }
    }
}

/// The fields of a customer record a task goal may require, by the names goals use.
pub const CUSTOMER_FIELDS: [&str; 8] = [
    "name", "class", "industry", "contact", "phone", "region", "owner", "address",
];

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: CustomerKind,
    #[serde(default)]
    pub class: Option<CustomerClass>,
    #[serde(default)]
    pub industry: String,
    /// The contact person.
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub address: String,
    /// The staff id of the account owner.
    #[serde(default)]
    pub owner: String,
    pub created: NaiveDate,
    #[serde(default)]
    pub note: String,
    /// Entered by the learner rather than seeded by the pack.
    #[serde(default, skip_serializing_if = "is_false")]
    pub by_learner: bool,
    /// When the learner turned this customer into an agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted: Option<NaiveDateTime>,
}

impl Customer {
    /// Whether the named field (one of [`CUSTOMER_FIELDS`]) is filled in.
    pub fn has_field(&self, field: &str) -> bool {
        let filled = |s: &str| !s.trim().is_empty();
        match field {
            "name" => filled(&self.name),
            "class" => self.class.is_some(),
            "industry" => filled(&self.industry),
            "contact" => filled(&self.contact),
            "phone" => filled(&self.phone),
            "region" => filled(&self.region),
            "owner" => filled(&self.owner),
            "address" => filled(&self.address),
            _ => false,
        }
    }
}

/// 竞争对手
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Competitor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub products: String,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub weaknesses: String,
    #[serde(default)]
    pub price_level: String,
}

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// 执行中
    #[default]
    Open,
    /// 已完成
    Done,
    /// 已终止: counts in no sales figure and needs no payment.
    Terminated,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Order {
    pub id: String,
    pub customer: String,
    /// The staff id of the salesperson.
    pub staff: String,
    pub date: NaiveDate,
    pub lines: Vec<OrderLine>,
    #[serde(default)]
    pub status: OrderStatus,
    /// 回款计划: instalments in due-date order; their amounts add up to the order total.
    #[serde(default)]
    pub plan: Vec<Instalment>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub by_learner: bool,
    /// The learner wrote this order's payment plan.
    #[serde(default, skip_serializing_if = "is_false")]
    pub plan_by_learner: bool,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    pub product: String,
    pub quantity: u32,
    /// Yuan per unit.
    pub price: i64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Instalment {
    pub due: NaiveDate,
    pub amount: i64,
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// When the customer was last reminded of this instalment.
    #[serde(default)]
    pub reminded: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: i64,
}

impl Instalment {
    pub fn paid(&self) -> i64 {
        self.payments.iter().map(|p| p.amount).sum()
    }

    pub fn outstanding(&self) -> i64 {
        (self.amount - self.paid()).max(0)
    }

    /// Unpaid (in part) after its due date.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.due < today && self.outstanding() > 0
    }
}

impl Order {
    pub fn total(&self) -> i64 {
        self.lines
            .iter()
            .map(|l| i64::from(l.quantity) * l.price)
            .sum()
    }

    pub fn paid(&self) -> i64 {
        self.plan.iter().map(Instalment::paid).sum()
    }

    /// What is still owed (nothing on a terminated order).
    pub fn outstanding(&self) -> i64 {
        if self.status == OrderStatus::Terminated {
            0
        } else {
            (self.total() - self.paid()).max(0)
        }
    }

    pub fn counts_as_sale(&self) -> bool {
        self.status != OrderStatus::Terminated
    }
}

/// The type of a service feedback (服务反馈).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedbackType {
    /// 咨询
    Inquiry,
    /// 投诉
    Complaint,
    /// 维修
    Repair,
    /// 建议
    Suggestion,
}

impl FeedbackType {
    pub const ALL: [Self; 4] = [
        Self::Inquiry,
        Self::Complaint,
        Self::Repair,
        Self::Suggestion,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Self::Inquiry => "咨询",
            Self::Complaint => "投诉",
            Self::Repair => "维修",
            Self::Suggestion => "建议",
        }
    }
}

/// Where a service task stands: 受理 → 处理中 → 已解决 → 已关闭.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServiceStatus {
    /// 受理
    Accepted,
    /// 处理中
    InProgress,
    /// 已解决
    Resolved,
    /// 已关闭
    Closed,
}

impl ServiceStatus {
    pub const ALL: [Self; 4] = [
        Self::Accepted,
        Self::InProgress,
        Self::Resolved,
        Self::Closed,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Self::Accepted => "受理",
            Self::InProgress => "处理中",
            Self::Resolved => "已解决",
            Self::Closed => "已关闭",
        }
    }

    /// The moves a real service desk allows: forward one step, or reopen a resolved task.
    pub fn can_move_to(self, to: Self) -> bool {
        use ServiceStatus::{Accepted, Closed, InProgress, Resolved};
        matches!(
            (self, to),
            (Accepted, InProgress) | (InProgress, Resolved) | (Resolved, Closed | InProgress)
        )
    }
}

/// One status change: who made it, when, from what to what.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub who: String,
    pub when: NaiveDateTime,
    pub from: ServiceStatus,
    pub to: ServiceStatus,
    #[serde(default, skip_serializing_if = "is_false")]
    pub by_learner: bool,
}

/// 服务任务: a feedback taken in and handled.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServiceTask {
    pub id: String,
    pub customer: String,
    pub kind: FeedbackType,
    pub title: String,
    #[serde(default)]
    pub product: String,
    /// The staff id handling it.
    #[serde(default)]
    pub staff: String,
    pub opened: NaiveDate,
    pub status: ServiceStatus,
    #[serde(default)]
    pub history: Vec<StatusChange>,
    #[serde(default)]
    pub resolution: String,
    /// The customer's satisfaction after the task, 1–5.
    #[serde(default)]
    pub satisfaction: Option<u8>,
}

/// 客户关怀: a planned contact with a customer.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CarePlan {
    pub id: String,
    pub customer: String,
    /// 生日问候, 节日关怀, 回访, 满意度调查…
    pub kind: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub staff: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub done: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub by_learner: bool,
}

/// 市场活动
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarketActivity {
    pub id: String,
    pub title: String,
    /// 展会, 研讨会, 电话营销, 广告…
    pub kind: String,
    /// The department id running it.
    pub department: String,
    #[serde(default)]
    pub staff: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub cost: i64,
    /// Potential customers it brought in.
    #[serde(default)]
    pub leads: u32,
}
