//! The learner's data through the real app: profiles picked and created, notes typed and still
//! there after a restart, lessons marked complete, a second copy refused, damage reported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
use servicecraft::pack;
use servicecraft::progress::{Notes, Progress, load_versioned};
use servicecraft::ui::{Command, PrefsCmd};

use crate::common;

use crate::common::harness_with;

fn harness(data: &std::path::Path) -> Harness<'static, ServiceCraftApp> {
    harness_with(AppConfig::for_tests(data))
}

/// Without `--profile`: the picker comes first.
fn picker_harness(data: &std::path::Path) -> Harness<'static, ServiceCraftApp> {
    harness_with(AppConfig {
        profile: None,
        ..AppConfig::for_tests(data)
    })
}

fn type_note(harness: &mut Harness<'static, ServiceCraftApp>, text: &str) {
    harness.get_by_label("笔记").focus();
    harness.run();
    harness.get_by_label("笔记").type_text(text);
    harness.run();
}

fn note_value(harness: &Harness<'static, ServiceCraftApp>) -> String {
    harness.get_by_label("笔记").value().unwrap_or_default()
}

fn create_profile(harness: &mut Harness<'static, ServiceCraftApp>, name: &str) {
    harness.get_by_label("姓名").focus();
    harness.run();
    harness.get_by_label("姓名").type_text(name);
    harness.run();
    harness.get_by_label("创建档案").click();
    harness.run();
}

#[test]
fn a_typed_note_is_there_after_the_app_is_dropped_and_started_again() {
    let data = tempfile::tempdir().unwrap();
    let note = "服务质量差距模型：感知 − 期望。\n第二行，长一点的笔记。";
    {
        let mut harness = harness(data.path());
        harness.run();
        harness.get_by_label("从第一课开始").click();
        harness.run();
        type_note(&mut harness, note);
        assert_eq!(note_value(&harness), note);
        // No Save button anywhere: the app saves on its own.
        assert!(harness.query_by_label("保存").is_none());
    }
    let mut harness = harness(data.path());
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));
    assert_eq!(note_value(&harness), note);
    let pack = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let (_, first) = pack.lessons().next().unwrap();
    let notes = load_versioned::<Notes>(
        &data
            .path()
            .join("profiles")
            .join(AppConfig::TEST_PROFILE)
            .join("notes.ron"),
    )
    .unwrap()
    .value;
    assert_eq!(notes.text(&first.id), note);
}

#[test]
fn notes_are_saved_within_two_seconds_of_typing_without_closing_the_app() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path());
    harness.run();
    harness.get_by_label("从第一课开始").click();
    harness.run();
    type_note(&mut harness, "边打字边保存");
    let path = data
        .path()
        .join("profiles")
        .join(AppConfig::TEST_PROFILE)
        .join("notes.ron");
    let typed = std::time::Instant::now();
    while !std::fs::read_to_string(&path).is_ok_and(|t| t.contains("边打字边保存")) {
        assert!(
            typed.elapsed() < std::time::Duration::from_secs(2),
            "not saved within 2 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
}

#[test]
fn two_profiles_each_see_only_their_own_notes_and_the_last_one_is_preselected() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = picker_harness(data.path());
        harness.run();
        harness.get_by_label("选择你的学习档案");
        assert!(harness.state().session().is_none());
        create_profile(&mut harness, "张三");
        assert_eq!(harness.state().session().unwrap().profile().name, "张三");
        harness.get_by_label("从第一课开始").click();
        harness.run();
        type_note(&mut harness, "张三的笔记");

        common::click_through(&mut harness, &["文件", "切换档案…"]);
        assert!(harness.state().session().is_none());
        create_profile(&mut harness, "李四");
        harness.get_by_label("从第一课开始").click();
        harness.run();
        assert_eq!(note_value(&harness), "", "李四 does not see 张三's note");
        type_note(&mut harness, "李四的笔记");
    }
    let mut harness = picker_harness(data.path());
    harness.run();
    // Both are listed; 李四 was last and is preselected, so "start" opens it.
    harness.get_by_label("张三");
    harness.get_by_label("李四");
    harness.get_by_label("开始学习").click();
    harness.run();
    assert_eq!(harness.state().session().unwrap().profile().name, "李四");
    assert_eq!(note_value(&harness), "李四的笔记");

    common::click_through(&mut harness, &["文件", "切换档案…", "张三", "开始学习"]);
    assert_eq!(harness.state().session().unwrap().profile().name, "张三");
    assert_eq!(note_value(&harness), "张三的笔记");
}

#[test]
fn a_second_copy_of_the_app_is_refused_the_same_profile() {
    let data = tempfile::tempdir().unwrap();
    let mut first = harness(data.path());
    first.run();
    let mut second = harness(data.path());
    second.run();
    assert!(second.state().session().is_none());
    second.get_by_label_contains("正在另一个 ServiceCraft 窗口中使用");
    // The first copy goes on undisturbed; once it closes, the profile opens.
    assert!(first.state().session().is_some());
    drop(first);
    second.get_by_label("开始学习").click();
    second.run();
    assert!(second.state().session().is_some());
}

#[test]
fn finishing_a_lesson_ticks_it_in_the_tree_and_counts_on_the_home_screen() {
    let data = tempfile::tempdir().unwrap();
    let pack = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let (_, first) = pack.lessons().next().unwrap();
    let total = pack.lessons().count();
    let mut harness = harness(data.path());
    harness.run();
    harness.get_by_label(&format!("已完成 0 / {total} 课"));
    harness.get_by_label("从第一课开始").click();
    harness.run();
    // At the end of a long lesson: pressed through AccessKit, as a screen reader would.
    harness.get_by_label("✔ 完成本课").click_accesskit();
    harness.run();
    harness.get_by_label(&format!("✔ {}", first.title));
    harness.get_by_label("本课已完成 ✔");
    harness.get_by_label("首页").click();
    harness.run();
    harness.get_by_label(&format!("已完成 1 / {total} 课"));
    drop(harness);
    let progress = load_versioned::<Progress>(
        &data
            .path()
            .join("profiles")
            .join(AppConfig::TEST_PROFILE)
            .join("progress.ron"),
    )
    .unwrap()
    .value;
    assert!(progress.lesson_done(&first.id));
    assert_eq!(progress.study_days.len(), 1);
}

#[test]
fn an_answer_is_recorded_with_what_was_picked_and_shows_in_recent_scores() {
    let data = tempfile::tempdir().unwrap();
    let pack = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let question = pack.chapters[0].questions.first().unwrap();
    let servicecraft::model::QuestionKind::Single { options, answer } = &question.kind else {
        panic!("chapter 1 should open with a single-choice question");
    };
    let right = servicecraft::model::answer_indices(answer).unwrap()[0];
    let letter = servicecraft::model::option_letter(right);
    let mut harness = harness(data.path());
    harness.run();
    common::practise_first_chapter(&mut harness, &pack);
    common::answer_with(&mut harness, &format!("{letter}. {}", options[right]));
    let session = harness.state().session().unwrap();
    let progress = session.progress();
    let attempts: Vec<_> = progress.attempts_of(&question.id).collect();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].answer, letter.to_string());
    assert!(progress.items[&question.id].completed);
    assert_eq!(progress.logged(0).unwrap().pack, pack.manifest.id);
    harness.get_by_label("首页").click();
    harness.run();
    harness.get_by_label_contains("1.0 / 1.0");
}

#[test]
fn a_damaged_notes_file_is_reported_with_where_it_went() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = harness(data.path());
        harness.run();
    }
    let dir = data.path().join("profiles").join(AppConfig::TEST_PROFILE);
    std::fs::write(dir.join("notes.ron"), [0u8; 300]).unwrap();
    let mut harness = harness(data.path());
    harness.run();
    harness.get_by_label_contains("已损坏");
    let banner = &harness.state().banners()[0];
    assert!(banner.contains("notes.ron.corrupt-"), "{banner}");
    assert!(banner.contains("没有可用的备份"), "{banner}");
    // The learner can keep working.
    assert!(harness.state().session().is_some());
}

#[test]
fn the_settings_of_the_first_release_carry_the_last_lesson_into_the_first_profile() {
    let data = tempfile::tempdir().unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/v1/settings.ron"
        ),
        data.path().join("settings.ron"),
    )
    .unwrap();
    let pack = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let (at, _) = pack.lesson_by_id("ch1.l.swot-steps").unwrap();
    {
        let mut harness = harness(data.path());
        harness.run();
        assert!(matches!(harness.state().screen(), Screen::Lesson(open) if *open == at));
    }
    let settings = std::fs::read_to_string(data.path().join("settings.ron")).unwrap();
    assert!(settings.contains("format_version: 2"), "{settings}");
    assert!(!settings.contains("last_lesson"), "{settings}");
    assert!(settings.contains("last_profile: Some("), "{settings}");
}

#[test]
fn ctrl_n_opens_the_notes_panel_and_puts_the_cursor_in_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(data.path());
    harness.run();
    harness.get_by_label("从第一课开始").click();
    harness.run();
    // Hide the panel through the menu, then bring it back with the shortcut.
    common::apply(&mut harness, Command::Prefs(PrefsCmd::SetNotesOpen(false)));
    assert!(harness.query_by_label("笔记").is_none());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    assert!(harness.get_by_label("笔记").is_focused());
    harness.get_by_label("笔记").type_text("快捷键");
    harness.run();
    assert_eq!(note_value(&harness), "快捷键");
}

/// Draws frames until the profile read in the background is open (at most five seconds).
fn wait_for_profile(harness: &mut Harness<'static, ServiceCraftApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while harness.state().is_opening_profile() {
        assert!(
            std::time::Instant::now() < deadline,
            "the profile never opened"
        );
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run();
}

#[test]
fn a_long_history_is_read_in_the_background_while_the_window_draws() {
    let data = tempfile::tempdir().unwrap();
    let pack = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let now = chrono::Utc::now();
    servicecraft::progress::sample::write_history(data.path(), "学员", &pack, 100, 30, now)
        .unwrap();
    let mut harness = harness_with(AppConfig {
        profile: Some("学员".into()),
        open_profile_in_background: true,
        ..AppConfig::for_tests(data.path())
    });
    // Building the app did not wait for the 3 000 answers: the first frame can be drawn at once.
    assert!(harness.state().session().is_none());
    assert!(harness.state().is_opening_profile());
    wait_for_profile(&mut harness);
    let session = harness.state().session().expect("the profile opened");
    assert_eq!(session.profile().name, "学员");
    assert_eq!(session.progress().attempt_count(), 3_000);
    assert!(matches!(harness.state().screen(), Screen::Home));
    harness.get_by_label("3000");
}

#[test]
fn the_first_profile_takes_over_the_study_record_kept_before_profiles() {
    for background in [false, true] {
        first_profile_takes_over_the_old_study_record(background);
    }
}

fn first_profile_takes_over_the_old_study_record(background: bool) {
    let data = tempfile::tempdir().unwrap();
    let config = || AppConfig {
        open_profile_in_background: background,
        ..AppConfig::for_tests(data.path())
    };
    let mut study = servicecraft::model::study::StudyState::default();
    study.favourites.insert("ch1.q.001".to_owned());
    servicecraft::store::save_ron(&data.path().join("study.ron"), &study).unwrap();
    {
        let mut harness = harness_with(config());
        wait_for_profile(&mut harness);
        assert!(
            harness.state().study().favourites.contains("ch1.q.001"),
            "background: {background}"
        );
    }
    assert!(!data.path().join("study.ron").exists());
    assert!(data.path().join("study.ron.moved-to-profile").exists());
    let kept = std::fs::read_to_string(
        data.path()
            .join("profiles")
            .join(AppConfig::TEST_PROFILE)
            .join("study.ron"),
    )
    .unwrap();
    assert!(kept.contains("ch1.q.001"), "{kept}");
    // A second start does not take anything twice, and the favourite is the profile's now.
    let mut harness = harness_with(config());
    wait_for_profile(&mut harness);
    assert!(harness.state().study().favourites.contains("ch1.q.001"));
}
