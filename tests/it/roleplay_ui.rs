//! Playing a built-in role-play through the UI with the keyboard alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{AppConfig, Screen, ServiceCraftApp};
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
        // Replies are shuffled per play-through: press the number the reply is shown with.
        let text = &node.choices[index].text;
        let suffix = format!(". {text}");
        let label = harness
            .query_all_by_label_contains(&suffix)
            .filter_map(|n| n.accesskit_node().label())
            .find(|l| l.ends_with(&suffix))
            .unwrap();
        let position: usize = label[..1].parse::<usize>().unwrap() - 1;
        assert!(position < offered.len());
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

/// The replies shown at the current step, as "N. text" labels in the order shown.
fn shown_replies(harness: &Harness<'static, ServiceCraftApp>, texts: &[String]) -> Vec<String> {
    let mut shown: Vec<(usize, String)> = texts
        .iter()
        .map(|text| {
            let suffix = format!(". {text}");
            let label = harness
                .query_all_by_label_contains(&suffix)
                .filter_map(|n| n.accesskit_node().label())
                .find(|l| l.ends_with(&suffix))
                .unwrap_or_else(|| panic!("{text} is not offered"));
            (label[..1].parse().unwrap(), text.clone())
        })
        .collect();
    shown.sort();
    shown.into_iter().map(|(_, t)| t).collect()
}

fn open_roleplay(
    size: [f32; 2],
    id: &str,
) -> (tempfile::TempDir, Harness<'static, ServiceCraftApp>) {
    let data = tempfile::tempdir().unwrap();
    let config = AppConfig::for_tests(data.path());
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(24)
        .allow_missing_glyphs()
        .build_eframe(move |cc| ServiceCraftApp::new(cc, config));
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        servicecraft::ui::Command::Nav(servicecraft::ui::NavCmd::ShowItem(id.to_owned())),
    );
    harness.run();
    (data, harness)
}

#[test]
fn replies_come_in_another_order_when_the_role_play_is_replayed() {
    let pack = builtin();
    let Some(ItemRef::RolePlay(c, i)) = pack.get("rp.domineering") else {
        panic!("rp.domineering missing")
    };
    let play = &pack.chapters[c].roleplays[i];
    let talk = Conversation::start(play).unwrap();
    let first: Vec<String> = play
        .available(talk.current(play).unwrap(), &talk.vars)
        .into_iter()
        .map(|(_, c)| c.text.clone())
        .collect();
    assert!(first.len() > 2);
    let (_data, mut harness) = open_roleplay([1280.0, 900.0], "rp.domineering");
    let mut orders = std::collections::BTreeSet::new();
    for _ in 0..5 {
        let order = shown_replies(&harness, &first);
        // Redrawing keeps the order.
        harness.run();
        assert_eq!(shown_replies(&harness, &first), order);
        orders.insert(order);
        harness.get_by_label("重新开始").click();
        harness.run();
    }
    assert!(orders.len() > 1, "five play-throughs, one order");
    assert!(
        orders.iter().any(|o| *o != first),
        "the printed order is not the only one"
    );
}

/// Plays `id` to its end always taking the reply shown first, and returns the path length.
fn play_first_shown(harness: &mut Harness<'static, ServiceCraftApp>) {
    for _ in 0..40 {
        if harness.query_by_label("你的选择与最佳路径").is_some() {
            return;
        }
        harness.key_press(egui::Key::Num1);
        harness.run();
    }
    panic!("the role-play never ended");
}

#[test]
fn the_debrief_shows_every_step_whole_at_small_windows() {
    for size in [[1024.0, 700.0], [1200.0, 800.0]] {
        let (_data, mut harness) = open_roleplay(size, "rp.domineering");
        play_first_shown(&mut harness);
        let path = match harness.state().screen() {
            Screen::RolePlay(_) => harness.state().study().roleplays["rp.domineering"][0]
                .path
                .len(),
            _ => panic!("still on the role-play"),
        };
        assert!(path > 1);
        // Every step is there, each with the learner's reply and the best one (or a note that
        // it was the best), and no more steps than were taken (no empty rows).
        for step in 1..=path {
            harness.get_by_label(&format!("第 {step} 步"));
        }
        assert!(
            harness
                .query_by_label(&format!("第 {} 步", path + 1))
                .is_none()
        );
        let mine = harness.query_all_by_label_contains("你的回复：").count();
        let best = harness.query_all_by_label_contains("最佳回复：").count()
            + harness.query_all_by_label("✔ 与最佳回复一致").count();
        assert_eq!((mine, best), (path, path), "{size:?}");
        // Nothing runs past the right edge of the window: replies wrap.
        for node in harness.query_all_by_label_contains("回复：") {
            let rect = node.rect();
            assert!(
                rect.max.x <= size[0] + 0.5,
                "{size:?}: {rect:?} {:?}",
                node.accesskit_node().label()
            );
            assert!(rect.width() > 100.0, "{size:?}: squeezed {rect:?}");
        }
    }
}
