//! The lab's analyses (分析决策) and its table filters: sales by day, month, department and staff;
//! the customer ranking by payments; service feedback by type and status; arrears ageing; leads
//! by market-activity kind; the 对象挖掘 value score (RFM); and filtering and sorting customers
//! and orders. Each is one pass over the records, so 10 000 of them cost a few milliseconds.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::{
    Customer, CustomerClass, CustomerKind, FeedbackType, LabData, Order, OrderStatus, Records,
    ServiceStatus,
};

/// One bar of a chart: what it counts (an id or a label), how it is shown, the amount and the
/// number of records behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub key: String,
    pub label: String,
    pub amount: i64,
    pub count: u32,
}

fn in_period(date: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    from <= date && date <= to
}

/// Largest amount first, then by label, so equal bars keep a stable order.
fn ranked(map: HashMap<String, (i64, u32)>, label: impl Fn(&str) -> String) -> Vec<Tally> {
    let mut out: Vec<Tally> = map
        .into_iter()
        .map(|(key, (amount, count))| Tally {
            label: label(&key),
            key,
            amount,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.key.cmp(&b.key)));
    out
}

fn sales(records: &Records, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &Order> {
    records
        .orders
        .iter()
        .filter(move |o| o.counts_as_sale() && in_period(o.date, from, to))
}

/// 销售时间分析: sales amount and order count per day with any sale, in date order.
pub fn sales_by_day(
    records: &Records,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, i64, u32)> {
    let mut days: std::collections::BTreeMap<NaiveDate, (i64, u32)> = Default::default();
    for order in sales(records, from, to) {
        let day = days.entry(order.date).or_default();
        day.0 += order.total();
        day.1 += 1;
    }
    days.into_iter().map(|(d, (a, n))| (d, a, n)).collect()
}

/// Sales per calendar month, keyed `YYYY-MM`, in month order.
pub fn sales_by_month(records: &Records, from: NaiveDate, to: NaiveDate) -> Vec<Tally> {
    let mut months: std::collections::BTreeMap<String, (i64, u32)> = Default::default();
    for order in sales(records, from, to) {
        let key = format!("{:04}-{:02}", order.date.year(), order.date.month());
        let month = months.entry(key).or_default();
        month.0 += order.total();
        month.1 += 1;
    }
    months
        .into_iter()
        .map(|(key, (amount, count))| Tally {
            label: key.clone(),
            key,
            amount,
            count,
        })
        .collect()
}

/// 员工分析: sales per staff member, best first.
pub fn sales_by_staff(
    data: &LabData,
    records: &Records,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Tally> {
    let mut map: HashMap<String, (i64, u32)> = HashMap::new();
    for order in sales(records, from, to) {
        let entry = map.entry(order.staff.clone()).or_default();
        entry.0 += order.total();
        entry.1 += 1;
    }
    ranked(map, |id| {
        data.staff(id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    })
}

/// 销售情况分析: sales per department (through each order's salesperson), best first.
pub fn sales_by_department(
    data: &LabData,
    records: &Records,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Tally> {
    let dept_of: HashMap<&str, &str> = data
        .company
        .staff
        .iter()
        .map(|s| (s.id.as_str(), s.department.as_str()))
        .collect();
    let mut map: HashMap<String, (i64, u32)> = HashMap::new();
    for order in sales(records, from, to) {
        let dept = dept_of.get(order.staff.as_str()).copied().unwrap_or("");
        let entry = map.entry(dept.to_owned()).or_default();
        entry.0 += order.total();
        entry.1 += 1;
    }
    ranked(map, |id| {
        data.department(id)
            .map_or_else(|| id.to_owned(), |d| d.name.clone())
    })
}

/// 客户排行分析: payments received per customer from `from` to `to`, most first.
pub fn customer_ranking(records: &Records, from: NaiveDate, to: NaiveDate) -> Vec<Tally> {
    let mut map: HashMap<String, (i64, u32)> = HashMap::new();
    for order in &records.orders {
        for payment in order.plan.iter().flat_map(|i| &i.payments) {
            if in_period(payment.date, from, to) {
                let entry = map.entry(order.customer.clone()).or_default();
                entry.0 += payment.amount;
                entry.1 += 1;
            }
        }
    }
    let names: HashMap<&str, &str> = records
        .customers
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    ranked(map, |id| {
        names
            .get(id)
            .map_or_else(|| id.to_owned(), |n| (*n).to_owned())
    })
}

/// 服务反馈分析: service tasks per feedback type, counted by status (in [`ServiceStatus::ALL`]
/// order), with the average satisfaction of those rated.
pub fn feedback_by_type(records: &Records) -> Vec<(FeedbackType, [u32; 4], Option<f32>)> {
    FeedbackType::ALL
        .iter()
        .map(|&kind| {
            let mut by_status = [0u32; 4];
            let (mut rated, mut sum) = (0u32, 0u32);
            for task in records.service.iter().filter(|t| t.kind == kind) {
                let at = ServiceStatus::ALL
                    .iter()
                    .position(|s| *s == task.status)
                    .unwrap_or(0);
                by_status[at] += 1;
                if let Some(s) = task.satisfaction {
                    rated += 1;
                    sum += u32::from(s);
                }
            }
            let average = (rated > 0).then(|| sum as f32 / rated as f32);
            (kind, by_status, average)
        })
        .collect()
}

/// The arrears-ageing buckets: not yet due, then days past due.
pub const ARREARS_BUCKETS: [&str; 5] = [
    "未到期",
    "逾期1–30天",
    "逾期31–60天",
    "逾期61–90天",
    "逾期90天以上",
];

/// 欠款账目 ageing: money still owed on open orders, by how long past due each instalment is.
pub fn arrears_ageing(records: &Records, today: NaiveDate) -> [i64; 5] {
    let mut buckets = [0i64; 5];
    for order in records
        .orders
        .iter()
        .filter(|o| o.status != OrderStatus::Terminated)
    {
        for part in &order.plan {
            let owed = part.outstanding();
            if owed == 0 {
                continue;
            }
            let late = (today - part.due).num_days();
            let at = match late {
                ..=0 => 0,
                1..=30 => 1,
                31..=60 => 2,
                61..=90 => 3,
                _ => 4,
            };
            buckets[at] += owed;
        }
    }
    buckets
}

/// 市场活动分析: leads (as `amount`) and activities (as `count`) per activity kind, most first.
pub fn leads_by_activity_kind(records: &Records) -> Vec<Tally> {
    let mut map: HashMap<String, (i64, u32)> = HashMap::new();
    for activity in &records.activities {
        let entry = map.entry(activity.kind.clone()).or_default();
        entry.0 += i64::from(activity.leads);
        entry.1 += 1;
    }
    ranked(map, str::to_owned)
}

/// A customer's value for 对象挖掘, RFM-style over the year up to the lab's today:
/// - recency: days since the customer's last payment (none: scored 1);
/// - frequency: orders placed in the year (terminated ones excluded);
/// - monetary: yuan paid in the year.
///
/// Each is scored 1–5 by its rank among the customers and agents (top fifth 5, bottom fifth 1;
/// a shorter recency ranks higher), and `score` is their sum, 3–15.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueScore {
    pub customer: String,
    pub recency_days: Option<i64>,
    pub frequency: u32,
    pub monetary: i64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub score: u8,
}

/// The value score of every customer and agent, best first.
pub fn value_scores(records: &Records, today: NaiveDate) -> Vec<ValueScore> {
    let year_ago = today - chrono::Duration::days(365);
    let mut by_id: HashMap<&str, (Option<NaiveDate>, u32, i64)> = records
        .customers
        .iter()
        .filter(|c| c.kind != CustomerKind::Potential)
        .map(|c| (c.id.as_str(), (None, 0, 0)))
        .collect();
    for order in &records.orders {
        let Some(entry) = by_id.get_mut(order.customer.as_str()) else {
            continue;
        };
        if order.counts_as_sale() && in_period(order.date, year_ago, today) {
            entry.1 += 1;
        }
        for payment in order.plan.iter().flat_map(|i| &i.payments) {
            if payment.date <= today {
                entry.0 = entry.0.max(Some(payment.date));
                if payment.date >= year_ago {
                    entry.2 += payment.amount;
                }
            }
        }
    }
    let mut rows: Vec<ValueScore> = by_id
        .into_iter()
        .map(|(id, (last, frequency, monetary))| ValueScore {
            customer: id.to_owned(),
            recency_days: last.map(|d| (today - d).num_days()),
            frequency,
            monetary,
            r: 1,
            f: 1,
            m: 1,
            score: 0,
        })
        .collect();
    rows.sort_by(|a, b| a.customer.cmp(&b.customer));
    let n = rows.len();
    // Quintile of a rank (0 = best) among n: 5 for the top fifth down to 1.
    let quintile = |rank: usize| 5 - u8::try_from(rank * 5 / n.max(1)).unwrap_or(4).min(4);
    let score_by = |rows: &mut Vec<ValueScore>,
                    key: &dyn Fn(&ValueScore) -> i64,
                    set: fn(&mut ValueScore, u8)| {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(key(&rows[i])));
        let mut rank = 0;
        for (pos, &i) in order.iter().enumerate() {
            // Equal values share the better rank.
            if pos > 0 && key(&rows[order[pos - 1]]) != key(&rows[i]) {
                rank = pos;
            }
            set(&mut rows[i], quintile(rank));
        }
    };
    score_by(
        &mut rows,
        &|v| v.recency_days.map_or(i64::MIN, |d| -d),
        |v, s| v.r = s,
    );
    score_by(&mut rows, &|v| i64::from(v.frequency), |v, s| v.f = s);
    score_by(&mut rows, &|v| v.monetary, |v, s| v.m = s);
    for row in &mut rows {
        row.score = row.r + row.f + row.m;
    }
    rows.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.monetary.cmp(&a.monetary))
            .then_with(|| a.customer.cmp(&b.customer))
    });
    rows
}

/// What the customer tables filter on: words to find in any text field, and optionally a kind
/// and a class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerFilter {
    pub text: String,
    pub kind: Option<CustomerKind>,
    pub class: Option<CustomerClass>,
}

/// The search keys of a list of records: per record, the fields a filter looks in, in ASCII
/// lower case, one per line. Built once when the records change, then every keystroke only
/// searches them (no lower-casing or allocating per record).
#[derive(Clone, Debug, Default)]
pub struct SearchKeys {
    keys: Vec<String>,
}

impl SearchKeys {
    fn build<'a, T: 'a, F: IntoIterator<Item = &'a str>>(
        records: &'a [T],
        fields: impl Fn(&'a T) -> F,
    ) -> Self {
        let keys = records
            .iter()
            .map(|r| {
                let mut key = String::new();
                for field in fields(r) {
                    key.push_str(field);
                    // A line break: never inside a word, so no word matches across two fields.
                    key.push('\n');
                }
                key.make_ascii_lowercase();
                key
            })
            .collect();
        Self { keys }
    }

    /// The keys of customer records: id, name, contact, phone, industry, region, address.
    pub fn customers(customers: &[Customer]) -> Self {
        Self::build(customers, |c| {
            [
                c.id.as_str(),
                &c.name,
                &c.contact,
                &c.phone,
                &c.industry,
                &c.region,
                &c.address,
            ]
        })
    }

    /// The keys of orders: the order id and its customer's name.
    pub fn orders(records: &Records) -> Self {
        let names: HashMap<&str, &str> = records
            .customers
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        Self::build(&records.orders, |o| {
            [
                o.id.as_str(),
                names.get(o.customer.as_str()).copied().unwrap_or(""),
            ]
        })
    }

    /// How many records the keys were built from.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The words of a filter text, each ready to search keys with.
struct Words(Vec<memchr::memmem::Finder<'static>>);

impl Words {
    fn new(text: &str) -> Self {
        Self(
            text.split_whitespace()
                .map(|w| {
                    memchr::memmem::Finder::new(w.to_ascii_lowercase().as_bytes()).into_owned()
                })
                .collect(),
        )
    }

    /// Whether every word is in record `i`'s key (a record without a key matches no word).
    fn all_in(&self, keys: &SearchKeys, i: usize) -> bool {
        self.0.is_empty()
            || keys
                .keys
                .get(i)
                .is_some_and(|k| self.0.iter().all(|w| w.find(k.as_bytes()).is_some()))
    }
}

/// The indices of the customers that pass `filter`, in record order. Every word of the text
/// must appear in one of id, name, contact, phone, industry, region or address (ignoring ASCII
/// case). Builds the search keys; a table filtering on every keystroke keeps them and calls
/// [`filter_customers_with`].
pub fn filter_customers(customers: &[Customer], filter: &CustomerFilter) -> Vec<usize> {
    filter_customers_with(customers, &SearchKeys::customers(customers), filter)
}

/// [`filter_customers`] with the customers' search keys already built.
pub fn filter_customers_with(
    customers: &[Customer],
    keys: &SearchKeys,
    filter: &CustomerFilter,
) -> Vec<usize> {
    let words = Words::new(&filter.text);
    customers
        .iter()
        .enumerate()
        .filter(|(_, c)| filter.kind.is_none_or(|k| c.kind == k))
        .filter(|(_, c)| filter.class.is_none_or(|k| c.class == Some(k)))
        .filter(|(i, _)| words.all_in(keys, *i))
        .map(|(i, _)| i)
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerColumn {
    Id,
    Name,
    Class,
    Industry,
    Region,
    Created,
}

/// Sorts filtered customer indices by a column (stable, so equal rows keep record order).
pub fn sort_customers(
    customers: &[Customer],
    rows: &mut [usize],
    by: CustomerColumn,
    descending: bool,
) {
    let get = |i: usize| &customers[i];
    match by {
        CustomerColumn::Id => rows.sort_by(|&a, &b| get(a).id.cmp(&get(b).id)),
        CustomerColumn::Name => rows.sort_by(|&a, &b| get(a).name.cmp(&get(b).name)),
        CustomerColumn::Class => rows.sort_by_key(|&i| get(i).class.map_or(9, |c| c as u8)),
        CustomerColumn::Industry => rows.sort_by(|&a, &b| get(a).industry.cmp(&get(b).industry)),
        CustomerColumn::Region => rows.sort_by(|&a, &b| get(a).region.cmp(&get(b).region)),
        CustomerColumn::Created => rows.sort_by_key(|&i| get(i).created),
    }
    if descending {
        rows.reverse();
    }
}

/// What the order tables filter on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrderFilter {
    /// Words to find in the order id or the customer's name.
    pub text: String,
    pub status: Option<OrderStatus>,
    /// Only orders with money owed (欠款账目).
    pub owing: bool,
}

/// The indices of the orders that pass `filter`, in record order: every word of the text in the
/// order id or the customer's name.
pub fn filter_orders(records: &Records, filter: &OrderFilter) -> Vec<usize> {
    filter_orders_with(records, &SearchKeys::orders(records), filter)
}

/// [`filter_orders`] with the orders' search keys already built.
pub fn filter_orders_with(
    records: &Records,
    keys: &SearchKeys,
    filter: &OrderFilter,
) -> Vec<usize> {
    let words = Words::new(&filter.text);
    records
        .orders
        .iter()
        .enumerate()
        .filter(|(_, o)| filter.status.is_none_or(|s| o.status == s))
        .filter(|(_, o)| !filter.owing || o.outstanding() > 0)
        .filter(|(i, _)| words.all_in(keys, *i))
        .map(|(i, _)| i)
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderColumn {
    Id,
    Date,
    Total,
    Paid,
    Outstanding,
}

/// Sorts filtered order indices by a column (stable).
pub fn sort_orders(orders: &[Order], rows: &mut [usize], by: OrderColumn, descending: bool) {
    match by {
        OrderColumn::Id => rows.sort_by(|&a, &b| orders[a].id.cmp(&orders[b].id)),
        OrderColumn::Date => rows.sort_by_key(|&i| orders[i].date),
        OrderColumn::Total => rows.sort_by_cached_key(|&i| orders[i].total()),
        OrderColumn::Paid => rows.sort_by_cached_key(|&i| orders[i].paid()),
        OrderColumn::Outstanding => rows.sort_by_cached_key(|&i| orders[i].outstanding()),
    }
    if descending {
        rows.reverse();
    }
}
