//! The framework exercises driven through the UI as a learner would: a SWOT case sorted with the
//! keyboard alone, the six SWOT steps put in order, the eight PDCA steps placed and scored, and a
//! worksheet answer and a "My SWOT" that are still there after a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::common::{builtin, harness, open_lesson, start, wait_for_saved};
use chrono::Duration;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{Screen, ServiceCraftApp};
use servicecraft::model::{ItemRef, Pack, PdcaStage, Quadrant};

/// Clicks the lesson's button for an exercise ("▶ 种类：标题").
fn open_exercise(harness: &mut Harness<'static, ServiceCraftApp>, pack: &Pack, id: &str) {
    let item = pack.practice_item(id).unwrap();
    // A title that starts with its kind ("PDCA 工作表：…") is not said twice on the button.
    let shown = item
        .title
        .rsplit_once('：')
        .map_or(item.title.as_str(), |(_, t)| t);
    harness
        .get_all_by_label_contains(&format!("：{shown}"))
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with('▶'))
        })
        .expect("the lesson's button for the exercise")
        .click_accesskit();
    harness.run();
}

const DIGITS: [Key; 4] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];

#[test]
fn a_swot_case_is_sorted_with_the_keyboard_alone_to_full_marks() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let id = "ch1.swot.bank-callcentre";
    let Some(ItemRef::Swot(c, i)) = pack.get(id) else {
        panic!("{id} is a SWOT case")
    };
    let exercise = pack.chapters[c].swot[i].clone();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_lesson(&mut harness, &pack, &exercise.lesson);
    open_exercise(&mut harness, &pack, id);

    // The selected card is the one the number keys place; after each, the next is selected.
    for _ in 0..exercise.cards.len() {
        let Screen::Swot(view) = harness.state().screen() else {
            panic!("the SWOT screen is open")
        };
        let card = view.selected().expect("a card is selected");
        let quadrant = exercise.cards[card].quadrant;
        harness.key_press(DIGITS[quadrant.index()]);
        harness.run();
    }
    harness.get_by_label_contains("所有卡片都已放好");
    harness.key_press(Key::Enter);
    harness.run();
    let full = format!("得分 {n} / {n}（100%）", n = exercise.cards.len());
    harness.get_by_label(&full);
    let scores = &harness.state().study().exercise_scores[id];
    assert_eq!((scores[0].score, scores[0].max), (8.0, 8.0));

    // The strategy stage: one strategy by clicking its pairing, the rest with the keys, one of
    // them wrongly on purpose, and the feedback says which side was wrong.
    harness.get_by_label("下一步：策略配对（TOWS）→").click();
    harness.run();
    let strategies = &exercise.strategies;
    for n in 0..strategies.len() {
        let Screen::Swot(view) = harness.state().screen() else {
            panic!()
        };
        let s = view.selected().expect("a strategy is selected");
        let right = strategies[s].pairing;
        if n == 0 {
            let cell = format!(
                "放入 {}",
                servicecraft::export::pairing_title(right, servicecraft::i18n::Lang::Zh)
            );
            harness.get_by_label(&cell).click();
        } else if n == 1 {
            // S↔W swapped: SO↔WO, ST↔WT.
            let wrong = [1, 0, 3, 2][right.index()];
            harness.key_press(DIGITS[wrong]);
        } else {
            harness.key_press(DIGITS[right.index()]);
        }
        harness.run();
    }
    harness.key_press(Key::Enter);
    harness.run();
    let total = strategies.len();
    harness.get_by_label(&format!(
        "得分 {} / {total}（{}%）",
        total - 1,
        ((total - 1) as f64 / total as f64 * 100.0).round()
    ));
    harness.get_by_label_contains("内部一侧选错了");
    assert!(
        harness
            .state()
            .study()
            .exercise_scores
            .contains_key(&format!("{id}#tows"))
    );
}

#[test]
fn a_wrongly_sorted_card_is_told_why() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let id = "ch1.swot.hotel-front-office";
    let Some(ItemRef::Swot(c, i)) = pack.get(id) else {
        panic!()
    };
    let exercise = pack.chapters[c].swot[i].clone();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_lesson(&mut harness, &pack, &exercise.lesson);
    open_exercise(&mut harness, &pack, id);
    let mut misplaced = None;
    for n in 0..exercise.cards.len() {
        let Screen::Swot(view) = harness.state().screen() else {
            panic!()
        };
        let card = view.selected().unwrap();
        let right = exercise.cards[card].quadrant;
        if n == 0 {
            misplaced = Some(card);
        }
        // The first card goes to the quadrant across the internal/external line.
        let put = if n == 0 {
            match right {
                Quadrant::Strength => Quadrant::Opportunity,
                Quadrant::Weakness => Quadrant::Threat,
                Quadrant::Opportunity => Quadrant::Strength,
                Quadrant::Threat => Quadrant::Weakness,
            }
        } else {
            right
        };
        harness.key_press(DIGITS[put.index()]);
        harness.run();
    }
    harness.get_by_label("检查").click();
    harness.run();
    harness.get_by_label("得分 7 / 8（88%）");
    // The wrong card says where it belongs, what kind of slip that was, and the pack's reason;
    // the right ones say why they are right.
    let wrong = &exercise.cards[misplaced.unwrap()];
    let title = servicecraft::export::quadrant_title(wrong.quadrant, servicecraft::i18n::Lang::Zh);
    harness.get_by_label_contains(&format!("✘ 应放入：{title}"));
    harness.get_by_label_contains("内外弄反了");
    if !wrong.reason.is_empty() {
        assert!(harness.query_all_by_label(&wrong.reason).count() >= 1);
    }
    assert_eq!(harness.query_all_by_label_contains("✔ ").count(), 7);
}

#[test]
fn the_six_swot_steps_are_put_in_order_with_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let id = "ch1.order.swot-steps";
    let Some(ItemRef::Ordering(c, i)) = pack.get(id) else {
        panic!()
    };
    let exercise = pack.chapters[c].orderings[i].clone();
    assert_eq!(exercise.steps.len(), 6);
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_lesson(&mut harness, &pack, &exercise.lesson);
    open_exercise(&mut harness, &pack, id);

    let state = |harness: &Harness<'static, ServiceCraftApp>| {
        let Screen::Ordering(view) = harness.state().screen() else {
            panic!("the ordering screen is open")
        };
        (view.order.clone(), view.selected)
    };
    for step in 0..exercise.steps.len() {
        // Walk the selection to the step with ↑/↓, then lift it with Alt+↑ to its place.
        for _ in 0..20 {
            let (order, selected) = state(&harness);
            let Some(selected) = selected else { break };
            if selected == step {
                break;
            }
            let here = order.iter().position(|s| *s == selected).unwrap();
            let there = order.iter().position(|s| *s == step).unwrap();
            harness.key_press(if there > here {
                Key::ArrowDown
            } else {
                Key::ArrowUp
            });
            harness.run();
        }
        assert_eq!(state(&harness).1, Some(step));
        for _ in 0..20 {
            let (order, _) = state(&harness);
            if order[step] == step {
                break;
            }
            harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
            harness.run();
        }
    }
    assert_eq!(state(&harness).0, vec![0, 1, 2, 3, 4, 5]);
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("位置正确 6 / 6（100%）");
    harness.get_by_label_contains("连续排对的最长一段：6 / 6");
    assert_eq!(
        harness.state().study().exercise_summary(id),
        Some((100, 100))
    );
}

#[test]
fn the_eight_pdca_steps_are_placed_and_scored() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let id = "ch4.pdca.eight-steps";
    let Some(ItemRef::Pdca(c, i)) = pack.get(id) else {
        panic!()
    };
    let exercise = pack.chapters[c].pdca[i].clone();
    assert_eq!(exercise.steps.len(), 8);
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_lesson(&mut harness, &pack, &exercise.lesson);
    open_exercise(&mut harness, &pack, id);

    // Place the steps in the cycle's order, except that the second plan step goes in first.
    let order = [1, 0, 2, 3, 4, 5, 6, 7];
    for step in order {
        for _ in 0..20 {
            let Screen::Pdca(view) = harness.state().screen() else {
                panic!("the PDCA screen is open")
            };
            if view.selected() == Some(step) {
                break;
            }
            harness.key_press(Key::ArrowRight);
            harness.run();
        }
        let stage: PdcaStage = exercise.steps[step].stage;
        harness.key_press(DIGITS[stage.index()]);
        harness.run();
    }
    let Screen::Pdca(view) = harness.state().screen() else {
        panic!()
    };
    let board = view.board().expect("the screen holds an exercise");
    assert!(board.is_complete());
    assert_eq!(board.bins[0], vec![1, 0, 2, 3]);
    harness.get_by_label("检查").click();
    harness.run();
    harness.get_by_label("得分 15 / 16（94%）");
    harness.get_by_label_contains("阶段正确 8 / 8 · 顺序正确 7 / 8");
    // The step out of order is told so, with the number it should have.
    harness.get_by_label_contains("阶段对了，顺序不对");
    let scores = &harness.state().study().exercise_scores[id];
    assert_eq!((scores[0].score, scores[0].max), (15.0, 16.0));

    // The diagram is a tab away; its stage buttons explain each stage.
    harness.get_by_label("PDCA 循环图").click();
    harness.run_steps(3);
    harness.get_by_label("C  检查").click();
    harness.run_steps(3);
    harness.get_by_label("检查效果");
}

#[test]
fn a_worksheet_answer_is_still_there_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let id = "ch4.ws.complaint-time";
    let Some(ItemRef::Worksheet(c, i)) = pack.get(id) else {
        panic!()
    };
    let sheet = pack.chapters[c].worksheets[i].clone();
    let (first, second) = (&sheet.fields[0], &sheet.fields[1]);
    let (first, second) = (
        format!("{}：你的答案", first.label),
        format!("{}：你的答案", second.label),
    );
    {
        let mut harness = harness(data.path(), &clock);
        harness.run();
        // The notes panel says "已自动保存" of its own note, which the sheet now has too: closed
        // here, the status checked below is the sheet's.
        common::apply(
            &mut harness,
            servicecraft::ui::Command::Prefs(servicecraft::ui::PrefsCmd::SetNotesOpen(false)),
        );
        open_lesson(&mut harness, &pack, &sheet.lesson);
        open_exercise(&mut harness, &pack, id);
        harness.get_by_label(&first).click();
        harness.run();
        harness
            .get_by_label(&first)
            .type_text("平均 52 小时，超时 35%");
        harness.run();
        // Saved once typing has paused… (the status line may say "saving" too, for the profile)
        // Not on disk yet: the worksheet answer is still only in memory.
        let study_file = data
            .path()
            .join("profiles")
            .join(servicecraft::app::AppConfig::TEST_PROFILE)
            .join("study.ron");
        let study = std::fs::read_to_string(study_file).unwrap_or_default();
        assert!(
            !study.contains("平均 52 小时"),
            "saved before typing paused"
        );
        clock.advance(Duration::seconds(2));
        harness.run();
        wait_for_saved(data.path(), "平均 52 小时，超时 35%");
        harness.get_by_label_contains("已自动保存");
        // …and at once when the learner leaves the sheet.
        harness.get_by_label(&second).click();
        harness.run();
        harness
            .get_by_label(&second)
            .type_text("工单在部门间流转等待");
        harness.run();
        harness.get_by_label("← 返回课程").click();
        harness.run();
        wait_for_saved(data.path(), "工单在部门间流转等待");
    }
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_lesson(&mut harness, &pack, &sheet.lesson);
    open_exercise(&mut harness, &pack, id);
    assert_eq!(
        harness.get_by_label(&first).value().as_deref(),
        Some("平均 52 小时，超时 35%")
    );
    assert_eq!(
        harness.get_by_label(&second).value().as_deref(),
        Some("工单在部门间流转等待")
    );
    harness.get_by_label_contains("已填写 2 / 8");
}

#[test]
fn my_swot_is_built_moved_and_kept() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    {
        let mut harness = harness(data.path(), &clock);
        harness.run();
        common::click_through(&mut harness, &["练习中心", "我的 SWOT", "＋ 新建 SWOT"]);
        let add = "添加到 S  优势";
        harness.get_by_label(add).click();
        harness.run();
        harness.get_by_label(add).type_text("坐席经验丰富");
        harness.key_press(Key::Enter);
        harness.run();
        // Select the factor and move it to Opportunities with the keyboard.
        harness.get_by_label("坐席经验丰富").click();
        harness.run();
        harness.key_press(Key::Num3);
        harness.run();
        let Screen::MySwot(view) = harness.state().screen() else {
            panic!("My SWOT is open")
        };
        assert_eq!(view.selected, Some((Quadrant::Opportunity, 0)));
        let swot = &harness.state().study().my_swot[0];
        assert_eq!(swot.opportunities, vec!["坐席经验丰富"]);
        assert!(swot.strengths.is_empty());
        clock.advance(Duration::seconds(2));
        harness.run();
        wait_for_saved(data.path(), "坐席经验丰富");
    }
    let mut harness = harness(data.path(), &clock);
    harness.run();
    common::click_through(&mut harness, &["练习中心", "我的 SWOT"]);
    harness.get_by_label("坐席经验丰富");
    assert_eq!(
        harness.state().study().my_swot[0].opportunities,
        vec!["坐席经验丰富"]
    );
}
