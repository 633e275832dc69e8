//! The CRM lab at 10 000 records: a filter keystroke over the customer table (budget 5 ms), sorting
//! it, and opening a lab — reading the learner's saved copy and computing every analysis the
//! screen shows (budget 100 ms); and the lab screen itself drawn over 10 000 records: one frame
//! of the customer and order tables (budget 2 ms) and one filter keystroke typed into the table
//! (budget 5 ms). Budgets are in `docs/performance.md`.
#![expect(clippy::unwrap_used, reason = "benchmark setup")]

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft::model::lab::sample::{Scale, generate};
use servicecraft::model::lab::{
    CustomerColumn, CustomerFilter, LabData, LabState, OrderFilter, arrears_ageing,
    customer_ranking, feedback_by_type, filter_customers, filter_orders, leads_by_activity_kind,
    sales_by_day, sales_by_department, sales_by_staff, sort_customers, value_scores,
};
use servicecraft::progress::labs::LabStates;

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
    c.bench_function(
        "lab: filter 11 500 customers by two words (杭州 教育)",
        |b| {
            let filter = CustomerFilter {
                text: "杭州 教育".to_owned(),
                ..CustomerFilter::default()
            };
            b.iter(|| filter_customers(customers, &filter).len());
        },
    );
    c.bench_function(
        "lab: filter 10 000 orders owing money by a customer's name",
        |b| {
            let filter = OrderFilter {
                text: "恒信".to_owned(),
                owing: true,
                ..OrderFilter::default()
            };
            b.iter(|| filter_orders(&data.records, &filter).len());
        },
    );
    c.bench_function("lab: sort 11 500 customers by name", |b| {
        let all = filter_customers(customers, &CustomerFilter::default());
        b.iter(|| {
            let mut rows = all.clone();
            sort_customers(customers, &mut rows, CustomerColumn::Name, false);
            rows[0]
        });
    });
    let mut states = LabStates::default();
    states.open("pack", "lab", &data);
    let saved = servicecraft::store::encode_ron(&states).unwrap();
    c.bench_function(
        "lab: open a 10 000-order lab (parse labs.ron + rebase on the seed + every analysis)",
        |b| {
            b.iter(|| {
                let mut states: LabStates = ron::from_str(&saved).unwrap();
                let state = states.open("pack", "lab", &data);
                analyses(&data, state)
            });
        },
    );
}

/// The real lab screen on the built-in pack whose company has 10 000 orders, drawn headlessly.
fn screen(c: &mut Criterion) {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use servicecraft::ui::ScreenFixture;
    use servicecraft::ui::lab::LabView;

    let mut pack = servicecraft::pack::load_pack(&servicecraft::pack::builtin_source())
        .pack
        .unwrap();
    let (lab_id, file) = {
        let (_, lab) = pack.labs().next().unwrap();
        (lab.id.clone(), lab.data.clone())
    };
    pack.lab_data
        .insert(file, Arc::new(generate(Scale::large(10_000), 1)));
    let fixture = ScreenFixture::new(Arc::new(pack));
    let mut states = LabStates::default();
    let (_, data) = fixture.pack.lab(&lab_id).unwrap();
    let customers = data.records.customers.len();
    states.open(&fixture.pack.manifest.id, &lab_id, data);
    let mut view = LabView::new(lab_id, fixture.now);
    let mut app = Harness::builder()
        .with_size([1280.0, 800.0])
        .allow_missing_glyphs()
        .build_ui(move |ui| {
            let _ = view.ui(ui, &fixture.ctx(), &states);
        });
    app.run();
    // The customer tab of a company this size: every customer record is behind the table.
    assert!(customers >= 10_000);
    assert!(app.query_by_label("筛选").is_some());
    c.bench_function(
        "lab screen: frame of the customer table, 11 500 records",
        |b| b.iter(|| app.step()),
    );
    app.get_by_label("模块：订单与回款").click();
    app.run();
    c.bench_function("lab screen: frame of the order table, 10 000 orders", |b| {
        b.iter(|| app.step())
    });
    app.get_by_label("模块：客户").click();
    app.run();
    app.get_by_label("筛选").focus();
    app.run();
    // Each keystroke changes the filter (a letter typed, then taken back), so every frame
    // refilters all customers: the cost of one keystroke.
    let mut typed = false;
    c.bench_function(
        "lab screen: a filter keystroke over 11 500 customers (frame included)",
        |b| {
            b.iter(|| {
                if typed {
                    app.key_press(egui::Key::Backspace);
                } else {
                    app.event(egui::Event::Text("杭".to_owned()));
                }
                typed = !typed;
                app.step();
            })
        },
    );
}

criterion_group!(benches, lab, screen);
criterion_main!(benches);
