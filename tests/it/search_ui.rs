//! Search through the real app: Ctrl+F, a phrase from a lesson found and opened, a note found,
//! English labels, the keyboard alone, Escape, and results not recomputed on idle frames.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use crate::common::{builtin, harness, start, switch_to_english};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use servicecraft::app::{Screen, ServiceCraftApp};
use servicecraft::model::search::{HitKind, MAX_HITS_PER_KIND, SearchIndex};
use servicecraft::model::{Block, LessonRef, Pack};
use servicecraft::ui::rich::plain;
use servicecraft::ui::search::SearchView;
use servicecraft::ui::{Command, NavCmd, ScreenFixture};

/// A phrase to search for: one lesson paragraph of more than 30 characters.
struct Phrase {
    at: LessonRef,
    title: String,
    /// The paragraph's block index in its lesson.
    block: usize,
    /// Ten characters from the middle of the paragraph.
    text: String,
}

/// Every lesson's long paragraphs, in study order.
fn long_paragraphs(pack: &Pack) -> impl Iterator<Item = Phrase> + '_ {
    pack.lessons().flat_map(|(at, lesson)| {
        lesson
            .blocks
            .iter()
            .enumerate()
            .filter_map(move |(block, b)| match b {
                Block::Paragraph(text) if plain(text).chars().count() > 30 => Some(Phrase {
                    at,
                    title: lesson.title.clone(),
                    block,
                    text: plain(text).chars().skip(12).take(10).collect(),
                }),
                _ => None,
            })
    })
}

/// The first long paragraph of a lesson past the first few.
fn lesson_phrase(pack: &Pack) -> Phrase {
    let first_four: Vec<LessonRef> = pack.lessons().take(4).map(|(at, _)| at).collect();
    long_paragraphs(pack)
        .find(|p| !first_four.contains(&p.at))
        .expect("a lesson with a long paragraph")
}

/// The long paragraph that comes latest in its lesson (the most blocks before it).
fn late_phrase(pack: &Pack) -> Phrase {
    long_paragraphs(pack)
        .max_by_key(|p| p.block)
        .expect("a lesson with a long paragraph")
}

fn open_search(harness: &mut Harness<'static, ServiceCraftApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Search));
}

#[test]
fn ctrl_f_finds_a_phrase_of_a_lesson_and_opens_the_lesson() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let Phrase {
        at,
        title,
        text: phrase,
        ..
    } = lesson_phrase(&pack);
    let mut harness = harness(data.path(), &clock);
    harness.run();
    open_search(&mut harness);
    // Ctrl+F put the cursor in the field: typing goes there without clicking it.
    assert!(harness.get_by_label("搜索").is_focused());
    harness.get_by_label("搜索").type_text(&phrase);
    harness.run();
    assert_eq!(harness.get_by_label("搜索").value().unwrap(), phrase);
    harness.get_by_label(&format!("课程：{title}")).click();
    harness.run();
    assert!(
        matches!(harness.state().screen(), Screen::Lesson(open) if *open == at),
        "{phrase}"
    );
}

/// Whether the paragraph holding `phrase` lies inside the window.
fn on_screen(harness: &Harness<'static, ServiceCraftApp>, phrase: &str) -> bool {
    let rect = harness.get_by_label_contains(phrase).rect();
    rect.top() >= 0.0 && rect.bottom() <= 900.0
}

#[test]
fn a_lesson_found_by_a_late_paragraph_opens_scrolled_to_it() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let Phrase {
        at,
        title,
        block,
        text: phrase,
    } = late_phrase(&pack);
    assert!(
        block >= 8,
        "the test needs a paragraph below the fold: block {block}"
    );
    let mut harness = harness(data.path(), &clock);
    harness.run();
    // Opened from the start, the lesson shows its top: the paragraph is below the window.
    common::apply(&mut harness, Command::Nav(NavCmd::ShowLesson(at)));
    assert!(
        !on_screen(&harness, &phrase),
        "{phrase} is visible without scrolling"
    );
    open_search(&mut harness);
    harness.get_by_label("搜索").type_text(&phrase);
    harness.run();
    harness.get_by_label(&format!("课程：{title}")).click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(open) if *open == at));
    assert!(
        on_screen(&harness, &phrase),
        "{phrase} was not scrolled into view"
    );
}

#[test]
fn a_word_from_a_note_finds_the_note_and_goes_back_to_its_lesson() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let (first_at, first) = pack.lessons().next().unwrap();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    harness.get_by_label("从第一课开始").click();
    harness.run();
    harness.get_by_label("笔记").focus();
    harness.run();
    harness
        .get_by_label("笔记")
        .type_text("考前复习：倾听比辩解重要，Zebra 法则");
    harness.run();
    // Somewhere else, so going to the note is seen to move.
    harness.get_by_label("首页").click();
    harness.run();
    open_search(&mut harness);
    harness.get_by_label("搜索").type_text("zebra");
    harness.run();
    harness.get_by_label("笔记（1）");
    harness
        .get_by_label(&format!("笔记：{}", first.title))
        .click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(at) if *at == first_at));
}

#[test]
fn the_search_screen_speaks_english_when_english_is_chosen() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let expected = SearchIndex::new(&pack).search("客", std::iter::empty(), MAX_HITS_PER_KIND);
    let lessons = expected
        .groups
        .iter()
        .find(|g| g.kind == HitKind::Lesson)
        .unwrap();
    let mut harness = harness(data.path(), &clock);
    harness.run();
    switch_to_english(&mut harness);
    harness.get_by_label("Open search (Ctrl+F)").click();
    harness.run();
    harness.get_by_label("Search lessons, questions, flashcards and notes");
    harness.get_by_label("Search").type_text("客");
    harness.run();
    harness.get_by_label(&format!("{} found", expected.total()));
    harness.get_by_label(&format!("Lessons ({})", lessons.total));
    harness.get_by_label(&format!("Lesson: {}", lessons.hits[0].title));
    if lessons.total > lessons.hits.len() {
        harness.get_by_label(&format!(
            "Showing the first {} of {}",
            lessons.hits.len(),
            lessons.total
        ));
    }
    for group in &expected.groups {
        let name = match group.kind {
            HitKind::Lesson => "Lessons",
            HitKind::Question => "Questions",
            HitKind::Flashcard => "Flashcards",
            HitKind::Exercise => "Exercises",
            HitKind::Note => "Notes",
        };
        harness.get_by_label(&format!("{name} ({})", group.total));
    }
}

#[test]
fn the_keyboard_alone_reaches_and_opens_a_result_and_escape_goes_back() {
    let data = tempfile::tempdir().unwrap();
    let clock = start();
    let pack = builtin();
    let Phrase {
        at, text: phrase, ..
    } = lesson_phrase(&pack);
    let mut harness = harness(data.path(), &clock);
    harness.run();
    harness.get_by_label("从第一课开始").click();
    harness.run();
    let (first_at, _) = pack.lessons().next().unwrap();
    // Escape returns to the lesson the search was opened from.
    open_search(&mut harness);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(open) if *open == first_at));

    // Enter in the field moves to the first result, Enter there opens it.
    open_search(&mut harness);
    harness.get_by_label("搜索").type_text(&phrase);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(!harness.get_by_label("搜索").is_focused());
    harness.key_press(Key::Enter);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(open) if *open == at));

    // ↓ from the field reaches the results too; ↑ comes back.
    open_search(&mut harness);
    // The last query is kept and selected: reopening shows its results at once.
    assert_eq!(harness.get_by_label("搜索").value().unwrap(), phrase);
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert!(!harness.get_by_label("搜索").is_focused());
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert!(harness.get_by_label("搜索").is_focused());
    // Tab moves on from the field as well.
    harness.key_press(Key::Tab);
    harness.run();
    assert!(!harness.get_by_label("搜索").is_focused());
    harness.key_press(Key::Enter);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Lesson(open) if *open == at));
}

#[test]
fn idle_frames_do_not_search_again_but_a_changed_note_does() {
    let pack = Arc::new(builtin());
    let mut harness = Harness::builder().allow_missing_glyphs().build_ui_state(
        |ui, (view, fixture): &mut (SearchView, ScreenFixture)| {
            view.ui(ui, &fixture.ctx());
        },
        (SearchView::default(), ScreenFixture::new(pack)),
    );
    harness.state_mut().0.focus();
    harness.run();
    harness.get_by_label("搜索").type_text("客");
    harness.run();
    let after_typing = harness.state().0.searches_run();
    for _ in 0..5 {
        harness.step();
    }
    assert_eq!(harness.state().0.searches_run(), after_typing);
    let (_, first) = harness.state().1.pack.lessons().next().unwrap();
    let id = first.id.clone();
    harness
        .state_mut()
        .1
        .notes
        .set(&id, "客户至上", chrono::Utc::now());
    harness.step();
    assert_eq!(harness.state().0.searches_run(), after_typing + 1);
    harness.get_by_label("笔记（1）");
}
