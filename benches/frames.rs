//! CPU time per frame of the heaviest screens, driving the real app headlessly (budget: median
//! ≤ 2 ms). egui_kittest runs the UI code and tessellation-free layout, as a frame would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use servicecraft::app::{AppConfig, ServiceCraftApp};
use servicecraft::model::{MockExamSpec, Pack};
use servicecraft::pack::{builtin_source, load_pack};
use servicecraft::ui::{Command, NavCmd};

fn harness(data: &std::path::Path) -> Harness<'static, ServiceCraftApp> {
    let config = AppConfig::for_tests(data);
    Harness::builder()
        .with_size([1280.0, 900.0])
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config))
}

/// The lesson with the most blocks.
fn longest_lesson(pack: &Pack) -> servicecraft::model::LessonRef {
    pack.lessons()
        .max_by_key(|(_, l)| l.blocks.len())
        .map(|(at, _)| at)
        .unwrap()
}

fn frames(c: &mut Criterion) {
    let pack = load_pack(&builtin_source()).pack.unwrap();
    let data = tempfile::tempdir().unwrap();
    // Two years of daily study, 30 answers a day, ending now.
    servicecraft::progress::sample::write_history(
        data.path(),
        AppConfig::TEST_PROFILE,
        &pack,
        730,
        30,
        chrono::Utc::now(),
    )
    .unwrap();

    let mut app = harness(data.path());
    app.run();
    assert_eq!(
        app.state().session().unwrap().progress().attempt_count(),
        730 * 30
    );
    // The readiness figures (and the FSRS fit the history asks for) are computed on background
    // threads; the frames measured draw them, and do not share the CPU with them.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(600);
    while app.state().outlook().is_none()
        || app.state().readiness_busy()
        || app.state().fitting_memory()
    {
        assert!(std::time::Instant::now() < deadline, "readiness never came");
        std::thread::sleep(std::time::Duration::from_millis(50));
        app.step();
    }
    app.run();
    app.get_by_label_contains("通过概率");
    app.get_by_label("今日计划");
    c.bench_function(
        "frame: home with plan, readiness and mastery map, two years of daily history",
        |b| b.iter(|| app.step()),
    );

    let ctx = app.ctx.clone();
    app.state_mut()
        .apply(&ctx, Command::Nav(NavCmd::ShowPractice));
    app.run();
    let reviews = app.state().study().reviews.len();
    assert!(reviews > 100, "{reviews} review cards");
    c.bench_function(
        "frame: practice centre, two years of history (review queue, mistakes)",
        |b| b.iter(|| app.step()),
    );

    let at = longest_lesson(&pack);
    app.state_mut()
        .apply(&ctx, Command::Nav(NavCmd::ShowLesson(at)));
    app.run();
    c.bench_function("frame: longest lesson", |b| b.iter(|| app.step()));

    app.get_by_label("练习中心").click();
    app.run();
    app.get_by_label("开始考试 理论知识模拟卷").click();
    app.run();
    c.bench_function("frame: mock exam with answer sheet", |b| {
        b.iter(|| app.step())
    });

    // A 200-item paper on one answer sheet: 195 questions and 5 case sets.
    let spec = MockExamSpec {
        id: "bench.200".into(),
        title: "200".into(),
        minutes: 120,
        single: 100,
        multiple: 40,
        true_false: 40,
        short_answer: 15,
        essay: 0,
        case: 5,
        chapters: vec![],
        pass_percent: 60,
    };
    app.state_mut()
        .apply(&ctx, Command::Nav(NavCmd::StartExam(spec)));
    app.run();
    c.bench_function(
        "frame: mock exam of 200 items (195 questions + 5 cases) with answer sheet",
        |b| b.iter(|| app.step()),
    );

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
