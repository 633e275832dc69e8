//! The built-in syllabus is complete: the coverage table names only real lessons, every lesson
//! has practice, and the question bank has every exam type in the promised numbers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use servicecraft::model::{Block, ItemRef, Pack, QuestionKind};
use servicecraft::pack;

fn builtin() -> Pack {
    let loaded = pack::load_pack(&pack::builtin_source());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    loaded.pack.unwrap()
}

#[test]
fn every_lesson_named_in_the_coverage_table_exists() {
    let pack = builtin();
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/syllabus-coverage.md"
    ))
    .unwrap();
    let mut named = 0;
    for row in table
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("| ---") && !l.contains("lesson id"))
    {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let lesson_cell = cells.last().unwrap();
        for id in lesson_cell
            .split([',', '，', ' ', '`', '、'])
            .filter(|t| t.contains(".l."))
        {
            named += 1;
            assert!(
                matches!(pack.get(id), Some(ItemRef::Lesson(_))),
                "coverage names `{id}`, which is not a lesson"
            );
        }
    }
    assert!(named >= 300, "only {named} coverage rows name a lesson");
    // And every lesson is accounted for in the table.
    for (_, lesson) in pack.lessons() {
        assert!(
            table.contains(&lesson.id),
            "lesson {} is not in docs/syllabus-coverage.md",
            lesson.id
        );
    }
}

#[test]
fn every_lesson_has_at_least_three_questions() {
    let pack = builtin();
    let mut per_lesson: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, question) in pack.questions() {
        let parts: Vec<&str> = match &question.kind {
            QuestionKind::Case { questions, .. } => questions
                .iter()
                .map(|q| {
                    if q.lesson.is_empty() {
                        question.lesson.as_str()
                    } else {
                        q.lesson.as_str()
                    }
                })
                .collect(),
            _ => vec![question.lesson.as_str()],
        };
        for lesson in parts {
            *per_lesson.entry(lesson).or_default() += 1;
        }
    }
    for (_, lesson) in pack.lessons() {
        let n = per_lesson.get(lesson.id.as_str()).copied().unwrap_or(0);
        assert!(n >= 3, "lesson {} has {n} questions", lesson.id);
    }
}

#[test]
fn the_question_bank_has_every_type_in_number() {
    let pack = builtin();
    let (counts, types) = pack.counts();
    assert!(counts.lessons >= 40, "{counts:?}");
    assert!(counts.questions >= 250, "{counts:?}");
    assert!(counts.flashcards >= 100, "{counts:?}");
    assert!(types.multiple >= 30 && types.true_false >= 30, "{types:?}");
    assert!(
        types.short_answer >= 40 && types.case >= 5 && types.single > 0,
        "{types:?}"
    );
    assert!(
        counts.roleplays >= 8 && counts.swot >= 4 && counts.pdca >= 3,
        "{counts:?}"
    );
}

#[test]
fn every_block_kind_teaches_somewhere() {
    let pack = builtin();
    let mut kinds = BTreeMap::new();
    for (_, lesson) in pack.lessons() {
        for block in &lesson.blocks {
            let name = format!("{block:?}")
                .split(['(', ' ', '{'])
                .next()
                .unwrap()
                .to_owned();
            *kinds.entry(name).or_insert(0) += 1;
        }
    }
    for kind in [
        "Heading",
        "Paragraph",
        "List",
        "KeyPoints",
        "Definition",
        "Mnemonic",
        "ExamTip",
        "Example",
        "Table",
        "Image",
        "Exercise",
    ] {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} block in the syllabus: {kinds:?}"
        );
    }
    // The mnemonics the seeds give are all there.
    let phrases: Vec<String> = pack
        .lessons()
        .flat_map(|(_, l)| l.blocks.iter())
        .filter_map(|b| match b {
            Block::Mnemonic { phrase, .. } => Some(phrase.clone()),
            _ => None,
        })
        .collect();
    for needed in ["一提两降一加强", "剔关改明量", "主难成", "两度三L"] {
        assert!(
            phrases.iter().any(|p| p.contains(needed)),
            "mnemonic {needed} missing: {phrases:?}"
        );
    }
}
