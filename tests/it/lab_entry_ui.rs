//! The ways into the CRM lab, clicked by their labels in the real app: each experiment's button in
//! the practice centre, the 打开实验 button of the lesson an experiment belongs to, and the
//! 在实验中练习 button of each lesson one of its tasks teaches. Each must open the lab screen on
//! that experiment (its id, its title and its first task shown).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable;
use servicecraft::app::Screen;
use servicecraft::ui::{Command, NavCmd};

use crate::common::{self, App};

/// The experiment the lab screen shows, if the lab screen is shown.
fn lab_shown(h: &App) -> Option<String> {
    match h.state().screen() {
        Screen::Lab(view) => Some(view.id.clone()),
        _ => None,
    }
}

use common::click_shown as click;

/// The lab screen is on experiment `id`: its id, and its title and first task on screen.
fn assert_lab(h: &App, pack: &servicecraft::model::Pack, id: &str) {
    assert_eq!(lab_shown(h).as_deref(), Some(id));
    let (lab, _) = pack.lab(id).unwrap();
    assert!(
        h.query_by_label(&lab.title).is_some(),
        "{} shown",
        lab.title
    );
    let first = format!("1. {}", lab.tasks[0].title);
    assert!(h.query_by_label(&first).is_some(), "{first} shown");
}

/// Goes to a lesson as its link in the syllabus does.
fn show_lesson(h: &mut App, lesson: &str) {
    common::apply(h, Command::Nav(NavCmd::ShowLessonById(lesson.to_owned())));
    assert!(matches!(h.state().screen(), Screen::Lesson(_)));
}

fn leave_lab(h: &mut App) {
    click(h, "← 返回");
    assert_eq!(lab_shown(h), None);
}

#[test]
fn each_experiment_in_the_practice_centre_opens_that_experiment() {
    let pack = common::builtin();
    let labs: Vec<(String, String)> = pack
        .labs()
        .map(|(_, l)| (l.id.clone(), l.title.clone()))
        .collect();
    assert!(labs.len() >= 4, "{labs:?}");
    let data = tempfile::tempdir().unwrap();
    let clock = common::start();
    let mut h = common::harness(data.path(), &clock);
    h.run();
    // In reverse order too, so no button merely opens the first or the last lab.
    for (id, title) in labs.iter().chain(labs.iter().rev()) {
        // Back from a lab returns to the practice centre; the first time it is opened.
        if !matches!(h.state().screen(), Screen::Practice) {
            click(&mut h, "练习中心");
        }
        assert!(matches!(h.state().screen(), Screen::Practice));
        click(&mut h, &format!("打开实验：{title}"));
        assert_lab(&h, &pack, id);
        leave_lab(&mut h);
    }
}

#[test]
fn the_lessons_buttons_open_their_experiment() {
    let pack = common::builtin();
    let data = tempfile::tempdir().unwrap();
    let clock = common::start();
    let mut h = common::harness(data.path(), &clock);
    h.run();
    let mut practised = 0;
    for (_, lab) in pack.labs() {
        // The lesson the experiment belongs to opens it.
        show_lesson(&mut h, &lab.lesson);
        click(&mut h, &format!("打开实验：{}", lab.title));
        assert_lab(&h, &pack, &lab.id);
        leave_lab(&mut h);
        // So does each lesson one of its tasks teaches.
        let mut lessons: Vec<&str> = lab
            .tasks
            .iter()
            .map(|t| t.lesson.as_str())
            .filter(|l| *l != lab.lesson)
            .collect();
        lessons.sort_unstable();
        lessons.dedup();
        for lesson in lessons {
            show_lesson(&mut h, lesson);
            click(&mut h, &format!("在实验中练习：{}", lab.title));
            assert_lab(&h, &pack, &lab.id);
            leave_lab(&mut h);
            practised += 1;
        }
    }
    assert!(
        practised > 0,
        "some task teaches a lesson other than its lab's"
    );
}
