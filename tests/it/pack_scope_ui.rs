//! The study state follows the open pack (review queue, 错题本, favourites and counts name only
//! its items, and no review page is ever empty), one count of questions per chapter, and notes
//! on every item (questions, exercises, role-plays), driven through the real app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{builtin, harness, start, starter_dir};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use servicecraft::app::{Screen, ServiceCraftApp};
use servicecraft::model::study::Recall;
use servicecraft::model::{Grade, Response};
use servicecraft::pack::{Library, Progress};
use servicecraft::ui::quiz::QuizMode;
use servicecraft::ui::{Command, LibraryCmd, NavCmd, StudyCmd};

type App = Harness<'static, ServiceCraftApp>;

fn apply(harness: &mut App, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run();
}

fn wrong_answer(harness: &mut App, item: &str) {
    apply(
        harness,
        Command::Study(StudyCmd::RecordAnswer {
            item: item.to_owned(),
            response: Response::Choices(vec![0]),
            grade: Grade {
                score: 0.0,
                max: 1.0,
            },
            started: chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
            certainty: None,
        }),
    );
}

/// The number in a button labelled "NAME (N)".
fn count_in(harness: &App, name: &str) -> usize {
    let label = harness
        .query_all_by_label_contains(&format!("{name} ("))
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} (N)"));
    label[name.len() + 2..label.len() - 1].parse().unwrap()
}

#[test]
fn switching_to_an_instructors_pack_scopes_reviews_mistakes_and_favourites() {
    let data = tempfile::tempdir().unwrap();
    let starter = starter_dir();
    Library::new(data.path())
        .install(starter.path(), &Progress::default())
        .unwrap();
    let clock = start();
    let pack = builtin();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    // Work in the built-in pack: two mistakes, a favourite, reviewed cards due later.
    let questions: Vec<String> = pack
        .questions()
        .take(2)
        .map(|(_, q)| q.id.clone())
        .collect();
    for id in &questions {
        wrong_answer(&mut harness, id);
    }
    apply(
        &mut harness,
        Command::Study(StudyCmd::ToggleFavourite(questions[0].clone())),
    );
    let recalled: Vec<String> = pack
        .chapters
        .iter()
        .flat_map(|c| &c.flashcards)
        .take(3)
        .map(|card| card.id.clone())
        .collect();
    for card in &recalled {
        apply(
            &mut harness,
            Command::Study(StudyCmd::RecordRecall {
                item: card.clone(),
                recall: Recall::Again,
            }),
        );
    }
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));
    assert_eq!(count_in(&harness, "错题本"), 2);
    assert_eq!(count_in(&harness, "我的收藏"), 1);
    // In the built-in pack they are due: 开始复习 brings them.
    harness.get_by_label("开始复习").click();
    harness.run();
    let Screen::Quiz(run) = harness.state().screen() else {
        panic!("a review")
    };
    assert!(
        recalled.iter().all(|id| run.items.contains(id)),
        "{:?}",
        run.items
    );
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));

    apply(
        &mut harness,
        Command::Library(LibraryCmd::Switch("example.complaints".into())),
    );
    assert_eq!(harness.state().pack().manifest.id, "example.complaints");
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));
    assert_eq!(
        count_in(&harness, "错题本"),
        0,
        "the built-in pack's mistakes are not counted"
    );
    // The review queue names only the open pack's cards: 开始复习 never brings the built-in
    // pack's due cards.
    let open = harness.state().pack().clone();
    harness.get_by_label("开始复习").click();
    harness.run();
    match harness.state().screen() {
        Screen::Quiz(run) => {
            assert!(
                run.items.iter().all(|id| open.get(id).is_some()),
                "{:?}",
                run.items
            );
            assert!(
                !run.items.iter().any(|id| recalled.contains(id)),
                "{:?}",
                run.items
            );
        }
        // Nothing due in the open pack: the button is disabled.
        Screen::Practice => {}
        _ => panic!("开始复习 went elsewhere"),
    }
    apply(&mut harness, Command::Nav(NavCmd::ShowMistakes));
    harness.get_by_label("错题本是空的。");
    // Even a queue naming another pack's cards never shows an empty page.
    apply(
        &mut harness,
        Command::Nav(NavCmd::StartQuiz {
            title: "今日复习".into(),
            mode: QuizMode::Review,
            items: questions.clone(),
        }),
    );
    let Screen::Quiz(run) = harness.state().screen() else {
        panic!("a quiz")
    };
    assert!(run.finished, "nothing of the open pack to show");
    assert!(harness.query_by_label_contains("第 1 / ").is_none());
    harness.get_by_label("这里暂时没有可练习的题目。");

    // Back on the built-in pack, its work is all there.
    apply(&mut harness, Command::Library(LibraryCmd::UseBuiltin));
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));
    assert_eq!(count_in(&harness, "错题本"), 2);
    assert_eq!(count_in(&harness, "我的收藏"), 1);
    assert_eq!(harness.state().study().mistakes.len(), 2);
}

#[test]
fn a_chapter_has_one_question_count_in_the_practice_centre_and_its_practice() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    let count = pack.chapter_questions(0).len();
    let cases = pack.chapters[0].questions.len();
    assert_ne!(
        count, cases,
        "chapter 1 has a case, so counting cases once would differ"
    );
    // The home screen no longer lists chapters (the mastery map is per lesson); the practice
    // centre's count is the length of the chapter's practice.
    apply(&mut harness, Command::Nav(NavCmd::ShowPractice));
    harness.get_by_label(&format!("{}（{count} 题）", pack.chapters[0].title));
    apply(&mut harness, Command::Nav(NavCmd::ShowHome));
    crate::common::practise_first_chapter(&mut harness, &pack);
    harness.get_by_label_contains(&format!(" 1 / {count}"));
}

#[test]
fn a_question_an_exercise_and_a_role_play_each_take_a_note_found_everywhere() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    let question = pack.chapters[0].questions[0].id.clone();
    let swot = pack
        .chapters
        .iter()
        .flat_map(|c| &c.swot)
        .next()
        .unwrap()
        .id
        .clone();
    let play = pack
        .chapters
        .iter()
        .flat_map(|c| &c.roleplays)
        .next()
        .unwrap()
        .id
        .clone();
    for (open, id, text) in [
        (
            Command::Nav(NavCmd::StartQuiz {
                title: "练习".into(),
                mode: QuizMode::Practice,
                items: vec![question.clone()],
            }),
            question.clone(),
            "题目笔记：注意审题关键字",
        ),
        (
            Command::Nav(NavCmd::ShowItem(swot.clone())),
            swot.clone(),
            "SWOT笔记：机会来自外部",
        ),
        (
            Command::Nav(NavCmd::ShowItem(play.clone())),
            play.clone(),
            "演练笔记：先共情再解决",
        ),
    ] {
        apply(&mut harness, open);
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
        harness.run();
        assert!(harness.get_by_label("笔记").is_focused(), "{id}: Ctrl+N");
        harness.get_by_label("笔记").type_text(text);
        harness.run();
        assert_eq!(harness.state().session().unwrap().notes().text(&id), text);
        // Leave the text box, so the next Ctrl+N is a fresh focus.
        harness.key_press(egui::Key::Escape);
        harness.run();
    }
    // 全部笔记 lists them, each with a way back to its item.
    apply(&mut harness, Command::Nav(NavCmd::ShowNotesList));
    for text in ["注意审题关键字", "机会来自外部", "先共情再解决"] {
        harness.get_by_label_contains(text);
    }
    let title = pack.practice_item(&play).unwrap().title;
    let title = servicecraft::text::plain(&title);
    let link = harness
        .query_all_by_label_contains(&title)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Link)
        .expect("a link back to the role-play");
    link.click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::RolePlay(_)));
    // Search (Ctrl+F) finds a note on an item and goes back to it.
    apply(&mut harness, Command::Nav(NavCmd::ShowHome));
    apply(&mut harness, Command::Nav(NavCmd::ShowSearch));
    harness.get_by_label("搜索").type_text("机会来自外部");
    harness.run();
    harness.get_by_label("笔记（1）");
    let swot_title = servicecraft::text::plain(&pack.practice_item(&swot).unwrap().title);
    harness.get_by_label(&format!("笔记：{swot_title}")).click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Swot(_)));
}
