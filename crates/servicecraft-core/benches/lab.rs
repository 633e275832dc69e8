//! The CRM lab engine at 10 000 records, in release without the app (`cargo bench -p
//! servicecraft-core --bench lab`): a filter keystroke over the customers (budget 5 ms) with the
//! search keys kept between keystrokes as the lab screen keeps them, building those keys once,
//! and opening a lab — reading the learner's saved work and computing every analysis the screen
//! shows (budget 100 ms). Budgets are in `docs/performance.md`; the app's `benches/lab.rs`
//! measures the screen.
#![expect(clippy::unwrap_used, reason = "benchmark set-up")]

use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft_core::model::lab::sample::{Scale, generate};
use servicecraft_core::model::lab::{
    Customer, CustomerFilter, LabData, LabState, OrderFilter, SearchKeys, arrears_ageing,
    customer_ranking, feedback_by_type, filter_customers_with, filter_orders_with,
    leads_by_activity_kind, sales_by_day, sales_by_department, sales_by_staff, value_scores,
};
use servicecraft_core::progress::labs::LabStates;

/// Everything the analyses tab computes when a lab opens.
fn analyses(data: &LabData, state: &LabState) -> usize {
    let r = &state.records;
    let (from, to) = (data.today - chrono::Duration::days(365), data.today);
    sales_by_day(r, from, to).len()
        + sales_by_department(data, r, from, to).len()
        + sales_by_staff(data, r, from, to).len()
        + customer_ranking(r, from, to).len()
        + feedback_by_type(r).len()
        + usize::from(arrears_ageing(r, data.today)[0] > 0)
        + leads_by_activity_kind(r).len()
        + value_scores(r, data.today).len()
}

fn lab(c: &mut Criterion) {
    let data = generate(Scale::large(10_000), 1);
    let customers = &data.records.customers;
    assert!(customers.len() >= 10_000 && data.records.orders.len() == 10_000);
    let keys = SearchKeys::customers(customers);
    c.bench_function(
        "lab engine: filter 11 500 customers by two words (杭州 教育), keys kept",
        |b| {
            let filter = CustomerFilter {
                text: "杭州 教育".to_owned(),
                ..CustomerFilter::default()
            };
            b.iter(|| filter_customers_with(customers, &keys, &filter).len());
        },
    );
    c.bench_function(
        "lab engine: build the search keys of 11 500 customers",
        |b| {
            b.iter(|| SearchKeys::customers(customers).len());
        },
    );
    let order_keys = SearchKeys::orders(&data.records);
    c.bench_function(
        "lab engine: filter 10 000 orders owing money by a customer's name, keys kept",
        |b| {
            let filter = OrderFilter {
                text: "恒信".to_owned(),
                owing: true,
                ..OrderFilter::default()
            };
            b.iter(|| filter_orders_with(&data.records, &order_keys, &filter).len());
        },
    );

    // A learner who has worked in the lab: customers entered and edited, an order planned.
    let mut states = LabStates::default();
    let state = states.open("pack", "lab", &data);
    for n in 0..20 {
        let draft = Customer {
            name: format!("学员客户{n}"),
            ..Customer::default()
        };
        state.add_customer(&data, draft).unwrap();
    }
    let saved = servicecraft_core::store::encode_ron(&states).unwrap();
    assert!(saved.len() < 100_000, "only the changes are saved");
    c.bench_function(
        "lab engine: open a 10 000-order lab (parse labs.ron + rebase on the seed + every analysis)",
        |b| {
            b.iter(|| {
                let mut states: LabStates = ron::from_str(&saved).unwrap();
                let state = states.open("pack", "lab", &data);
                analyses(&data, state)
            });
        },
    );
    // The two halves of opening, to see which one counts.
    c.bench_function(
        "lab engine: open, part 1: parse labs.ron + rebase on the seed",
        |b| {
            b.iter(|| {
                let mut states: LabStates = ron::from_str(&saved).unwrap();
                states.open("pack", "lab", &data).records.orders.len()
            });
        },
    );
    let opened = states.get("pack", "lab").unwrap();
    c.bench_function("lab engine: open, part 2: every analysis", |b| {
        b.iter(|| analyses(&data, opened));
    });
    c.bench_function(
        "lab engine: save a 10 000-order lab (labs.ron, changes only)",
        |b| {
            b.iter(|| servicecraft_core::store::encode_ron(&states).unwrap().len());
        },
    );
}

criterion_group!(benches, lab);
criterion_main!(benches);
