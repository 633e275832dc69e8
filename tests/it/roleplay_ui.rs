//! Playing a built-in role-play through the UI with the keyboard alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, Screen};
use servicecraft::model::{Conversation, ItemRef, Outcome};

use crate::common::builtin;

#[test]
fn the_best_ending_is_reachable_with_the_keyboard_and_scores_100() {
    let pack = builtin();
    let Some(ItemRef::RolePlay(c, i)) = pack.get("rp.domineering") else {
        panic!("rp.domineering missing")
    };
    let play = &pack.chapters[c].roleplays[i];

    let data = tempfile::tempdir().unwrap();
    let mut harness = common::harness_with(AppConfig::for_tests(data.path()));
    harness.run();
    common::open_lesson(&mut harness, &pack, &play.lesson);
    harness
        .get_by_label_contains(&format!("情景演练：{}", play.title))
        .click_accesskit();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::RolePlay(_)));
    // The customer's mood meter starts where the scenario says.
    let anger = format!("怒气 {}", play.anger);
    assert!(
        harness
            .query_all_by_label_contains("怒气")
            .filter_map(|node| node.accesskit_node().label())
            .any(|label| label.contains(&anger)),
        "no meter showing {anger}"
    );

    // Follow the best path, pressing the number of each choice among those offered.
    let (_, best) = play.best_path().unwrap();
    let mut talk = Conversation::start(play).unwrap();
    for index in best {
        let node = talk.current(play).unwrap();
        let offered: Vec<usize> = play
            .available(node, &talk.vars)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        let position = offered.iter().position(|i| *i == index).unwrap();
        let key = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
        ][position];
        harness.key_press(key);
        harness.run();
        talk.choose(play, index).unwrap();
    }
    assert_eq!(talk.ending(play).unwrap().outcome, Outcome::Success);
    harness.get_by_label("圆满解决");
    harness.get_by_label("得分 100 / 100");
    harness.get_by_label("你的选择与最佳路径");
    let results = &harness.state().study().roleplays["rp.domineering"];
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].percent, 100);
}
