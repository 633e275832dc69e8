//! CPU time per frame of the heaviest screens, driving the real app headlessly (budget: median
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! ≤ 2 ms). egui_kittest runs the UI code and tessellation-free layout, as a frame would.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, ServiceCraftApp};
use servicecraft::model::Pack;
use servicecraft::pack::{builtin_source, load_pack};

fn harness(data: &std::path::Path) -> Harness<'static, ServiceCraftApp> {
    let config = AppConfig::for_tests(data);
    Harness::builder()
        .with_size([1280.0, 900.0])
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config))
}

/// The lesson with the most blocks.
fn longest_lesson(pack: &Pack) -> (String, String) {
    let (at, lesson) = pack.lessons().max_by_key(|(_, l)| l.blocks.len()).unwrap();
    (
        pack.chapters[at.chapter].title.clone(),
        lesson.title.clone(),
    )
}

fn frames(c: &mut Criterion) {
    let pack = load_pack(&builtin_source()).pack.unwrap();
    let data = tempfile::tempdir().unwrap();

    let mut app = harness(data.path());
    app.run();
    c.bench_function("frame: home", |b| b.iter(|| app.step()));

    let (chapter, lesson) = longest_lesson(&pack);
    // The home screen lists chapters as links too; open the tree's header, not the link.
    app.get_all_by_label(&chapter)
        .find(|node| node.accesskit_node().role() != Role::Link)
        .unwrap()
        .click();
    app.run();
    app.get_by_label(&lesson).click();
    app.run();
    c.bench_function("frame: longest lesson", |b| b.iter(|| app.step()));

    app.get_by_label("练习中心").click();
    app.run();
    app.get_by_label("开始考试 全真模拟考试").click();
    app.run();
    c.bench_function("frame: mock exam with answer sheet", |b| {
        b.iter(|| app.step())
    });

    // The most results a query gives: one common character, every kind of hit listed.
    app.key_press_modifiers(Modifiers::COMMAND, Key::F);
    app.run();
    app.get_by_label("搜索").type_text("客");
    app.run();
    app.get_by_label_contains("课程（");
    c.bench_function("frame: search results for 客", |b| b.iter(|| app.step()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = frames
}
criterion_main!(benches);
