//! Pack loading and validation: the embedded syllabus, and a synthetic pack of 5 000 questions,
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! 500 lessons and 50 role-plays written to disk (budget: ≤ 150 ms).

use std::collections::BTreeMap;
use std::path::Path;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft::model::*;
use servicecraft::pack::{DirSource, builtin_source, load_pack};

fn question(n: usize, lesson: &str) -> Question {
    let kind = match n % 4 {
        0 => QuestionKind::Single {
            options: vec!["甲".into(), "乙".into(), "丙".into(), "丁".into()],
            answer: "B".into(),
        },
        1 => QuestionKind::Multiple {
            options: vec!["甲".into(), "乙".into(), "丙".into(), "丁".into()],
            answer: "ACD".into(),
        },
        2 => QuestionKind::TrueFalse {
            answer: n.is_multiple_of(3),
        },
        _ => QuestionKind::ShortAnswer {
            essay: false,
            model_answer: "倾听、道歉、行动、跟踪。".into(),
            points: vec![ScoringPoint {
                text: "倾听".into(),
                keywords: vec!["倾听".into()],
                score: 2,
            }],
        },
    };
    Question {
        id: format!("q{n}"),
        lesson: lesson.to_owned(),
        stem: format!("第 {n} 题：客户服务中，下列说法正确的是（ ）。"),
        kind,
        explanation: "因为客户的感受决定满意度。".into(),
        difficulty: 2,
        frequency: 1,
        source: String::new(),
        supplement: false,
    }
}

fn roleplay(n: usize, lesson: &str) -> RolePlay {
    let choice = |text: &str, goto: &str, score: i32, anger: i32| Choice {
        text: text.into(),
        feedback: "说明".into(),
        principle: "将心比心".into(),
        score,
        effects: BTreeMap::from([("anger".to_owned(), anger)]),
        requires: Vec::new(),
        branches: Vec::new(),
        goto: goto.into(),
    };
    let node = |id: &str, choices: Vec<Choice>, ending: Option<Ending>| Node {
        id: id.into(),
        speaker: Speaker::Customer,
        emotion: Emotion::Angry,
        text: "你们怎么回事？".into(),
        choices,
        next: None,
        ending,
    };
    let end = |outcome, score| {
        Some(Ending {
            outcome,
            score,
            debrief: "复盘".into(),
        })
    };
    RolePlay {
        id: format!("rp{n}"),
        lesson: lesson.to_owned(),
        title: format!("情景 {n}"),
        customer: "王女士".into(),
        brief: "客户来电投诉。".into(),
        feedback: FeedbackTiming::Immediate,
        anger: 60,
        trust: 40,
        variables: Vec::new(),
        portraits: BTreeMap::new(),
        start: "a".into(),
        nodes: vec![
            node(
                "a",
                vec![
                    choice("抱歉", "b", 10, -20),
                    choice("不是我的错", "lose", -10, 30),
                ],
                None,
            ),
            node(
                "b",
                vec![
                    choice("马上处理", "win", 10, -20),
                    choice("等通知", "meh", 0, 10),
                ],
                None,
            ),
            node("win", Vec::new(), end(Outcome::Success, 80)),
            node("meh", Vec::new(), end(Outcome::Partial, 40)),
            node("lose", Vec::new(), end(Outcome::Failure, 0)),
        ],
    }
}

/// Writes a pack of `chapters` chapters, each with 50 lessons, 500 questions and 5 role-plays,
/// into `dir` (10 chapters: 5 000 questions, 500 lessons, 50 role-plays).
fn write_synthetic_pack(dir: &Path, chapters: usize) {
    let chapters_dir = dir.join("chapters");
    std::fs::create_dir_all(&chapters_dir).unwrap();
    let mut files = Vec::new();
    for c in 0..chapters {
        let lessons: Vec<Lesson> = (0..50)
            .map(|l| Lesson {
                id: format!("c{c}.l{l}"),
                title: format!("第 {l} 课"),
                summary: String::new(),
                minutes: 10,
                blocks: vec![
                    Block::Heading("要点".into()),
                    Block::Paragraph("客户满意度等于感知效果减去期望值，**重点**掌握。".repeat(3)),
                    Block::KeyPoints {
                        title: String::new(),
                        items: vec!["倾听".into(), "道歉".into(), "行动".into()],
                    },
                    Block::Definition {
                        term: "客户满意".into(),
                        text: "客户的感受与期望相比较后的状态。".into(),
                    },
                ],
            })
            .collect();
        let first_lesson = lessons[0].id.clone();
        let chapter = Chapter {
            id: format!("c{c}"),
            title: format!("第 {c} 章"),
            summary: String::new(),
            sections: vec![Section {
                id: format!("c{c}.s"),
                title: "第一节".into(),
                lessons,
            }],
            questions: (0..500)
                .map(|q| question(c * 500 + q, &format!("c{c}.l{}", q % 50)))
                .collect(),
            flashcards: Vec::new(),
            swot: Vec::new(),
            orderings: Vec::new(),
            pdca: Vec::new(),
            worksheets: Vec::new(),
            roleplays: (0..5).map(|r| roleplay(c * 5 + r, &first_lesson)).collect(),
            labs: Vec::new(),
        };
        let rel = format!("chapters/c{c}.ron");
        std::fs::write(
            dir.join(&rel),
            ron::ser::to_string_pretty(&chapter, Default::default()).unwrap(),
        )
        .unwrap();
        files.push(rel);
    }
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        id: "bench".into(),
        title: "基准".into(),
        version: "1".into(),
        language: "zh-CN".into(),
        authors: Vec::new(),
        description: String::new(),
        chapters: files,
        scoring: Scoring::default(),
        mock_exams: Vec::new(),
    };
    std::fs::write(
        dir.join("pack.ron"),
        ron::ser::to_string_pretty(&manifest, Default::default()).unwrap(),
    )
    .unwrap();
}

/// Counts the bytes allocated and not yet freed, so the memory a loaded pack holds can be
/// measured exactly (resident memory moves in allocator-sized steps and hides small packs).
struct CountingAllocator;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc`/`realloc` above, i.e. from `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `dealloc`; `new_size` is checked by the caller.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Heap memory held by a loaded pack, for packs of 1×, 2×, 4× and 8× a 2 500-question pack:
/// printed, since criterion measures time. Growth should be linear in the pack's size.
fn memory_growth() {
    for chapters in [5, 10, 20, 40] {
        let dir = tempfile::tempdir().unwrap();
        write_synthetic_pack(dir.path(), chapters);
        let source = DirSource::new(dir.path());
        let before = LIVE_BYTES.load(Ordering::Relaxed);
        let pack = load_pack(&source).pack.unwrap();
        let held = LIVE_BYTES.load(Ordering::Relaxed).saturating_sub(before);
        let (counts, _) = pack.counts();
        eprintln!(
            "memory: pack of {} questions, {} lessons, {} role-plays holds {:.1} MiB ({} bytes per question)",
            counts.questions,
            counts.lessons,
            counts.roleplays,
            held as f64 / (1024.0 * 1024.0),
            held / counts.questions.max(1)
        );
    }
}

fn packs(c: &mut Criterion) {
    c.bench_function("load+validate built-in syllabus", |b| {
        let source = builtin_source();
        b.iter(|| {
            let loaded = load_pack(&source);
            assert!(loaded.is_valid());
        });
    });
    memory_growth();
    let dir = tempfile::tempdir().unwrap();
    write_synthetic_pack(dir.path(), 10);
    let source = DirSource::new(dir.path());
    let loaded = load_pack(&source);
    assert!(loaded.is_valid(), "{:?}", loaded.diagnostics.first());
    let (counts, _) = loaded.pack.as_ref().unwrap().counts();
    assert_eq!(
        (counts.questions, counts.lessons, counts.roleplays),
        (5000, 500, 50)
    );
    c.bench_function(
        "load+validate synthetic pack (5000 q, 500 lessons, 50 role-plays)",
        |b| {
            b.iter(|| load_pack(&source));
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = packs
}
criterion_main!(benches);
