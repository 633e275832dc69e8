//! The lab screen drawn over 10 000 records (budget 2 ms a frame): one frame of the customer and
//! order tables, and one filter keystroke typed into the table (budget 5 ms). The engine's part
//! (filtering, opening a lab) is measured without the app by `cargo bench -p servicecraft-core
//! --bench lab`. Budgets are in `docs/performance.md`.
#![expect(clippy::unwrap_used, reason = "benchmark setup")]

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft::model::lab::sample::{Scale, generate};
use servicecraft::progress::labs::LabStates;

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

criterion_group!(benches, screen);
criterion_main!(benches);
