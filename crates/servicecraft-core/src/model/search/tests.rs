//! Tests of search: indexing, matching, grouping, snippets and notes.

use super::*;
use crate::model::{Block, Chapter, Flashcard, Lesson, Manifest, Question, Section};

fn lesson(id: &str, title: &str, blocks: Vec<Block>) -> Lesson {
    Lesson {
        id: id.into(),
        title: title.into(),
        summary: String::new(),
        minutes: 5,
        blocks,
    }
}

fn question(id: &str, stem: &str, kind: QuestionKind, explanation: &str) -> Question {
    Question {
        id: id.into(),
        lesson: "l1".into(),
        stem: stem.into(),
        kind,
        explanation: explanation.into(),
        difficulty: 2,
        frequency: 1,
        source: String::new(),
        supplement: false,
    }
}

/// A small pack with every kind of searchable text.
fn pack() -> Pack {
    let chapter = Chapter {
        id: "c1".into(),
        title: "第一章".into(),
        summary: String::new(),
        sections: vec![Section {
            id: "s1".into(),
            title: "第一节".into(),
            lessons: vec![
                lesson(
                    "l1",
                    "客户满意度",
                    vec![
                        Block::Paragraph(
                            "客户满意度是客户**感知**与期望比较后的感受，投诉是不满意的表现。"
                                .into(),
                        ),
                        Block::Definition {
                            term: "SERVQUAL".into(),
                            text: "Service Quality model with five gaps.".into(),
                        },
                    ],
                ),
                lesson(
                    "l2",
                    "投诉处理",
                    vec![Block::KeyPoints {
                        title: String::new(),
                        items: vec!["先倾听，再道歉。".into(), "跟踪回访".into()],
                    }],
                ),
            ],
        }],
        questions: vec![
            question(
                "q1",
                "处理投诉的第一步是（ ）。",
                QuestionKind::Single {
                    options: vec!["倾听".into(), "辩解".into()],
                    answer: "A".into(),
                },
                "先倾听客户的抱怨。",
            ),
            question(
                "case1",
                "阅读案例回答问题。",
                QuestionKind::Case {
                    case_text: "某呼叫中心的 Net Promoter Score 下降。".into(),
                    questions: vec![question(
                        "case1.a",
                        "原因是什么？",
                        QuestionKind::ShortAnswer {
                            essay: false,
                            model_answer: "等待时间过长".into(),
                            points: Vec::new(),
                        },
                        "",
                    )],
                },
                "",
            ),
        ],
        flashcards: vec![Flashcard {
            id: "f1".into(),
            lesson: "l1".into(),
            front: "PDCA".into(),
            back: "计划、执行、检查、处理".into(),
            kind: Default::default(),
            supplement: false,
        }],
        swot: Vec::new(),
        orderings: Vec::new(),
        pdca: Vec::new(),
        worksheets: Vec::new(),
        roleplays: Vec::new(),
        labs: Vec::new(),
    };
    let manifest = Manifest {
        format_version: crate::model::FORMAT_VERSION,
        id: "t".into(),
        title: "t".into(),
        version: "1".into(),
        language: "zh-CN".into(),
        authors: Vec::new(),
        description: String::new(),
        chapters: Vec::new(),
        scoring: Default::default(),
        mock_exams: Vec::new(),
    };
    Pack::new(manifest, vec![chapter])
}

fn notes() -> Vec<(&'static str, &'static str)> {
    vec![
        ("l2", "回访客户要及时，NPS 才会上升。"),
        ("case1.a", "NPS 下降: because of waiting"),
        ("gone.lesson", "客户：这条笔记属于另一个课程包"),
    ]
}

/// (kind, id) of every listed hit, lessons by their id.
fn listed(pack: &Pack, results: &SearchResults) -> Vec<(HitKind, String)> {
    results
        .hits()
        .map(|hit| {
            let id = match &hit.target {
                Target::Lesson { at, .. } => pack.lesson(*at).unwrap().id.clone(),
                Target::Item(id) => id.clone(),
            };
            (hit.kind, id)
        })
        .collect()
}

#[test]
fn queries_find_what_a_reader_expects() {
    use HitKind::*;
    let pack = pack();
    let index = SearchIndex::new(&pack);
    for (query, expected) in [
        // One common Chinese character, as a substring; another pack's note is left out.
        ("客", vec![(Lesson, "l1"), (Question, "q1"), (Note, "l2")]),
        ("倾听", vec![(Lesson, "l2"), (Question, "q1")]),
        // Latin text ignores case, in the query and in the text.
        ("servqual", vec![(Lesson, "l1")]),
        ("FIVE gaps", vec![(Lesson, "l1")]),
        ("pdca", vec![(Flashcard, "f1")]),
        // Every term must match, in any field of the same thing.
        ("servqual 客户", vec![(Lesson, "l1")]),
        ("倾听 道歉", vec![(Lesson, "l2")]),
        ("倾听 不存在", vec![]),
        ("倾听\u{3000}道歉", vec![(Lesson, "l2")]),
        // Emphasis markers are not part of the text.
        ("户感知与", vec![(Lesson, "l1")]),
        // A case is found by its text and by its parts; a note on a part opens the part.
        ("net promoter", vec![(Question, "case1")]),
        ("等待时间", vec![(Question, "case1")]),
        ("nps", vec![(Note, "l2"), (Note, "case1.a")]),
        ("nps waiting", vec![(Note, "case1.a")]),
        // A title that holds every term comes before a body that does.
        (
            "投诉",
            vec![(Lesson, "l2"), (Lesson, "l1"), (Question, "q1")],
        ),
        ("", vec![]),
        ("  \u{3000} ", vec![]),
        ("zzz", vec![]),
    ] {
        let results = index.search(query, notes(), MAX_HITS_PER_KIND);
        let expected: Vec<(HitKind, String)> = expected
            .into_iter()
            .map(|(k, id)| (k, id.to_owned()))
            .collect();
        assert_eq!(listed(&pack, &results), expected, "{query:?}");
        assert_eq!(results.total(), expected.len(), "{query:?}");
    }
}

#[test]
fn a_lesson_hit_opens_at_the_block_of_its_first_match() {
    let pack = pack();
    let index = SearchIndex::new(&pack);
    for (query, expected) in [
        // In the first block (a paragraph), in the second (a definition's term, its text).
        ("感知", Some(0)),
        ("servqual", Some(1)),
        ("five gaps", Some(1)),
        // The earliest match decides, whichever term it is.
        ("servqual 客户", Some(0)),
        // Only in the title: the lesson opens at the top.
        ("满意度是", Some(0)),
        ("道歉", Some(0)),
    ] {
        let results = index.search(query, Vec::new(), MAX_HITS_PER_KIND);
        let hit = results
            .hits()
            .find(|hit| hit.kind == HitKind::Lesson)
            .unwrap_or_else(|| panic!("{query:?}: no lesson hit"));
        let Target::Lesson { block, .. } = hit.target else {
            panic!("{query:?}: {:?}", hit.target);
        };
        assert_eq!(block, expected, "{query:?}");
    }
    // A title-only match has no block to go to.
    let results = index.search("投诉处理", Vec::new(), MAX_HITS_PER_KIND);
    let hit = results.hits().next().unwrap();
    assert!(matches!(hit.target, Target::Lesson { block: None, .. }));
}

#[test]
fn every_hit_marks_its_terms_in_the_snippet_and_title() {
    let pack = pack();
    let index = SearchIndex::new(&pack);
    for (query, kind, title_marks, snippet, snippet_marks) in [
        (
            "servqual 客户",
            HitKind::Lesson,
            vec!["客户"],
            "客户满意度是客户感知与期望比较后的感受，投诉是不满意的表现。",
            vec!["客户", "客户"],
        ),
        (
            "quality",
            HitKind::Lesson,
            vec![],
            "Service Quality model with five gaps.",
            vec!["Quality"],
        ),
        // The title is not repeated as the snippet.
        (
            "pdca",
            HitKind::Flashcard,
            vec!["PDCA"],
            "计划、执行、检查、处理",
            vec![],
        ),
        // A question matched by its stem shows its options lettered, never a bare first
        // option that would read as the answer.
        (
            "第一步",
            HitKind::Question,
            vec!["第一步"],
            "A. 倾听　B. 辩解",
            vec![],
        ),
        // Overlapping terms become one mark.
        (
            "回访 访客",
            HitKind::Note,
            vec![],
            "回访客户要及时，NPS 才会上升。",
            vec!["回访客"],
        ),
    ] {
        let results = index.search(query, notes(), MAX_HITS_PER_KIND);
        let hit = results.hits().find(|h| h.kind == kind).unwrap();
        let marked = |text: &str, marks: &[Range<usize>]| -> Vec<String> {
            marks.iter().map(|r| text[r.clone()].to_owned()).collect()
        };
        assert_eq!(marked(&hit.title, &hit.title_marks), title_marks, "{query}");
        assert_eq!(hit.snippet, snippet, "{query}");
        assert_eq!(marked(&hit.snippet, &hit.marks), snippet_marks, "{query}");
    }
}

#[test]
fn snippets_cut_on_character_boundaries() {
    let long = format!("{}目标{}", "甲".repeat(30), "乙".repeat(100));
    let mixed = format!("{}Ärger 😀 ÉCOLE{}", "é😀".repeat(20), "ß中".repeat(60));
    let two_lines = "第一行没有\n第二行有目标\n第三行".to_owned();
    for (text, query, expected, marked) in [
        (
            long.as_str(),
            "目标",
            format!("…{}目标{}…", "甲".repeat(24), "乙".repeat(64)),
            vec!["目标"],
        ),
        (
            mixed.as_str(),
            "école ärger",
            format!("…{}Ärger 😀 ÉCOLE{}ß…", "é😀".repeat(12), "ß中".repeat(26)),
            vec!["Ärger", "ÉCOLE"],
        ),
        // The snippet stays on the line of the match.
        (
            two_lines.as_str(),
            "目标",
            "第二行有目标".to_owned(),
            vec!["目标"],
        ),
        // Nothing matches in the text (the title did): the start of the text.
        ("短文本", "标题", "短文本".to_owned(), vec![]),
        ("STRAßE", "straße", "STRAßE".to_owned(), vec!["STRAßE"]),
    ] {
        let terms = terms(query);
        let (snippet, marks) = snippet(text, &fold(text), &terms);
        assert_eq!(snippet, expected, "{query}");
        let got: Vec<&str> = marks.iter().map(|r| &snippet[r.clone()]).collect();
        assert_eq!(got, marked, "{query}");
    }
}

#[test]
fn folding_keeps_byte_offsets() {
    for text in ["ÄÖÜ İstanbul ΣΑΣ Ǆ ẞ Ａ客户", "plain ASCII", "中文"] {
        let folded = fold(text);
        assert_eq!(folded.len(), text.len(), "{text}");
        assert!(
            folded.char_indices().all(|(i, _)| text.is_char_boundary(i)),
            "{text}"
        );
    }
    assert_eq!(fold("ÄBC Ａ"), "äbc ａ");
}

#[test]
fn results_are_capped_per_kind_but_counted_in_full() {
    let pack = crate::pack::load_pack(&crate::pack::builtin_source())
        .pack
        .unwrap();
    let index = SearchIndex::new(&pack);
    let results = index.search("客", std::iter::empty(), MAX_HITS_PER_KIND);
    let questions = results
        .groups
        .iter()
        .find(|g| g.kind == HitKind::Question)
        .unwrap();
    assert!(questions.total > MAX_HITS_PER_KIND, "{}", questions.total);
    assert_eq!(questions.hits.len(), MAX_HITS_PER_KIND);
    for hit in results.hits() {
        assert!(
            !hit.marks.is_empty() || !hit.title_marks.is_empty(),
            "{hit:?}"
        );
    }
    let few = index.search("客", std::iter::empty(), 3);
    assert!(few.groups.iter().all(|g| g.hits.len() <= 3));
    assert_eq!(few.total(), results.total());
}
