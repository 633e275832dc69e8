//! The built-in syllabus is complete: the coverage table names only real lessons, every lesson
//! has practice, and the question bank has every exam type in the promised numbers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use servicecraft::model::audit::{key_spread, near_duplicates, unlabelled_sittings};
use servicecraft::model::{Block, ItemRef, QuestionKind, QuestionType};

use crate::common::builtin;

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
    assert!(counts.questions >= 700, "{counts:?}");
    assert!(counts.flashcards >= 200, "{counts:?}");
    assert!(types.multiple >= 30 && types.true_false >= 30, "{types:?}");
    assert!(
        types.short_answer >= 40 && types.case >= 30 && types.essay >= 25 && types.single > 0,
        "{types:?}"
    );
    // At least three case sets in each of chapters 1–7.
    for (c, chapter) in pack.chapters.iter().enumerate().take(7) {
        let cases = chapter
            .questions
            .iter()
            .filter(|q| matches!(q.kind, QuestionKind::Case { .. }))
            .count();
        assert!(cases >= 3, "chapter {} has {cases} case sets", c + 1);
    }
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
        "Supplement",
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

#[test]
fn answer_keys_cannot_be_guessed_from_their_position() {
    let pack = builtin();
    let spread = key_spread(&pack, &[]);
    assert!(
        spread.single_four.iter().sum::<usize>() >= 100 && spread.multiple >= 50,
        "{spread:?}"
    );
    assert_eq!(spread.problems(), Vec::<String>::new(), "{spread:?}");
}

#[test]
fn no_exam_sitting_or_page_is_named_without_its_source() {
    let found = unlabelled_sittings(&builtin());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_two_questions_are_near_duplicates() {
    let found = near_duplicates(&builtin(), 0.6);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_lesson_is_practised_with_two_question_types() {
    let pack = builtin();
    let mut types: BTreeMap<String, std::collections::BTreeSet<QuestionType>> = BTreeMap::new();
    for (_, question) in pack.questions() {
        let parts: Vec<_> = match &question.kind {
            QuestionKind::Case { questions, .. } => questions.iter().collect(),
            _ => vec![question],
        };
        for part in parts {
            let lesson = if part.lesson.is_empty() {
                &question.lesson
            } else {
                &part.lesson
            };
            types
                .entry(lesson.clone())
                .or_default()
                .insert(part.kind.question_type());
        }
    }
    for (_, lesson) in pack.lessons() {
        let n = types.get(&lesson.id).map_or(0, |t| t.len());
        assert!(
            n >= 2,
            "lesson {} is practised with {n} question type(s)",
            lesson.id
        );
    }
}

#[test]
fn role_plays_reward_judgement_not_position_or_length() {
    let pack = builtin();
    let (mut points, mut first, mut longest) = (0, 0, 0);
    for chapter in &pack.chapters {
        for play in &chapter.roleplays {
            for node in play.nodes.iter().filter(|n| n.choices.len() >= 2) {
                let best = node.choices.iter().map(|c| c.score).max().unwrap();
                let best_at = node.choices.iter().position(|c| c.score == best).unwrap();
                let longest_at = (0..node.choices.len())
                    .max_by_key(|&i| node.choices[i].text.chars().count())
                    .unwrap();
                points += 1;
                first += usize::from(best_at == 0);
                longest += usize::from(node.choices[longest_at].score == best);
            }
        }
    }
    assert!(points >= 60, "{points} decision points");
    assert!(
        first * 100 <= points * 45,
        "best reply first at {first} of {points}"
    );
    assert!(
        longest * 100 <= points * 45,
        "best reply longest at {longest} of {points}"
    );
}

#[test]
fn the_built_in_papers_are_a_theory_and_a_skills_paper() {
    let pack = builtin();
    let papers = &pack.manifest.mock_exams;
    let theory = papers.iter().find(|p| p.id == "mock.theory").unwrap();
    let skills = papers.iter().find(|p| p.id == "mock.skills").unwrap();
    assert!(theory.single > 0 && theory.multiple > 0 && theory.true_false > 0);
    assert_eq!((theory.short_answer, theory.essay, theory.case), (0, 0, 0));
    assert_eq!(
        (skills.single, skills.multiple, skills.true_false),
        (0, 0, 0)
    );
    assert!(skills.short_answer > 0 && skills.essay > 0 && skills.case > 0);
    assert_eq!((theory.pass_percent, skills.pass_percent), (60, 60));
}
