//! Data-driven tests of pack loading and validation: each bad input gives a clear, positioned
//! error and never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use servicecraft::cli::{EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID, run_validate};
use servicecraft::pack::{self, DirSource};

use crate::common::starter_dir;

const CHAPTER: &str = "chapters/01-complaints.ron";

fn replace_in(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "fixture text `{from}` not in {rel}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Loads the pack in `dir` and returns its diagnostics as CLI lines.
fn problems(dir: &Path) -> Vec<String> {
    pack::load_pack(&DirSource::new(dir))
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Applies `mutate` to a copy of the starter pack and checks that one problem contains every
/// fragment in `expected`.
fn check(mutate: impl FnOnce(&Path), expected: &[&str]) {
    let dir = starter_dir();
    mutate(dir.path());
    let found = problems(dir.path());
    assert!(
        found
            .iter()
            .any(|line| expected.iter().all(|e| line.contains(e))),
        "expected a problem containing {expected:?}, got {found:#?}"
    );
}

#[test]
fn the_starter_pack_is_valid() {
    let dir = starter_dir();
    assert_eq!(problems(dir.path()), Vec::<String>::new());
}

#[test]
fn syntax_errors_have_file_line_and_col() {
    check(
        |d| {
            replace_in(
                d,
                CHAPTER,
                "title: \"第一章 投诉处理\",",
                "title: \"第一章 投诉处理\" oops",
            )
        },
        &["01-complaints.ron:4:", "error:"],
    );
}

#[test]
fn unknown_fields_are_named() {
    check(
        |d| replace_in(d, CHAPTER, "summary: \"先处理心情", "sumary: \"先处理心情"),
        &["01-complaints.ron:", "sumary"],
    );
    check(
        |d| replace_in(d, "pack.ron", "authors:", "autors:"),
        &["pack.ron:", "autors"],
    );
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    check(
        |d| std::fs::write(d.join(CHAPTER), "[".repeat(100_000)).unwrap(),
        &["01-complaints.ron:1:", "error:"],
    );
}

#[test]
fn huge_files_are_refused_before_reading() {
    check(
        |d| {
            let file = std::fs::File::create(d.join(CHAPTER)).unwrap();
            file.set_len(200 * 1024 * 1024).unwrap();
        },
        &["01-complaints.ron", "over the limit"],
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    check(
        |d| std::fs::write(d.join(CHAPTER), b"(\n  id: \"a\xff\xfe\"").unwrap(),
        &["01-complaints.ron:2:", "UTF-8"],
    );
}

#[test]
fn missing_chapter_files_are_named() {
    check(
        |d| std::fs::remove_file(d.join(CHAPTER)).unwrap(),
        &["01-complaints.ron: error: file not found"],
    );
}

#[test]
fn chapter_paths_cannot_leave_the_pack() {
    check(
        |d| {
            replace_in(
                d,
                "pack.ron",
                "\"chapters/01-complaints.ron\"",
                "\"../../etc/passwd\"",
            )
        },
        &["pack.ron:", "../../etc/passwd", "inside the pack"],
    );
}

#[test]
fn unsupported_format_versions_are_refused() {
    check(
        |d| replace_in(d, "pack.ron", "format_version: 1", "format_version: 7"),
        &["pack.ron:3:", "format_version 7"],
    );
}

#[test]
fn duplicate_ids_point_at_the_second_one() {
    check(
        |d| replace_in(d, CHAPTER, "id: \"ex.q.multiple\"", "id: \"ex.q.single\""),
        &["01-complaints.ron:", "duplicate id `ex.q.single`"],
    );
}

#[test]
fn dangling_references_are_found() {
    check(
        |d| std::fs::remove_file(d.join("assets/steps.png")).unwrap(),
        &["assets/steps.png", "not found"],
    );
    check(
        |d| {
            replace_in(
                d,
                CHAPTER,
                "Exercise(\"ex.order.steps\")",
                "Exercise(\"nope\")",
            )
        },
        &["01-complaints.ron:", "`nope`"],
    );
    check(
        |d| {
            replace_in(
                d,
                CHAPTER,
                "lesson: \"ex.lesson.principles\",\n            stem: \"处理投诉的第一步",
                "lesson: \"missing\",\n            stem: \"处理投诉的第一步",
            )
        },
        &["lesson `missing`"],
    );
}

#[test]
fn empty_titles_and_bad_answers_are_errors() {
    check(
        |d| replace_in(d, CHAPTER, "title: \"投诉处理的基本原则\"", "title: \"  \""),
        &["empty title"],
    );
    check(
        |d| {
            replace_in(
                d,
                CHAPTER,
                "answer: \"B\"),\n            explanation: \"先倾听",
                "answer: \"Z\"),\n            explanation: \"先倾听",
            )
        },
        &["ex.q.single", "does not exist"],
    );
    check(
        |d| replace_in(d, CHAPTER, "answer: \"ABD\"", "answer: \"\""),
        &["ex.q.multiple", "at least one letter"],
    );
}

#[test]
fn roleplay_defects_are_each_reported() {
    check(
        |d| replace_in(d, CHAPTER, "goto: \"checked\"", "goto: \"nowhere\""),
        &["`nowhere`", "does not exist"],
    );
    check(
        |d| {
            replace_in(
                d,
                CHAPTER,
                "{\"anger\": -30, \"trust\": 20}",
                "{\"patience\": -30}",
            )
        },
        &["`patience`", "not declared"],
    );
    check(
        |d| {
            replace_in(
                d,
                CHAPTER,
                "{\"anger\": -30, \"trust\": 20}",
                "{\"anger\": -300}",
            )
        },
        &["out of range"],
    );
    check(
        |d| replace_in(d, CHAPTER, "goto: \"partial_end\"", "goto: \"checked\""),
        &["partial_end", "cannot be reached"],
    );
    check(
        |d| replace_in(d, CHAPTER, "goto: \"good_end\"", "goto: \"open\""),
        &["role-play `ex.rp.refund`"],
    );
    check(
        |d| replace_in(d, CHAPTER, "[Ge(\"trust\", 40)]", "[Ge(\"mood\", 40)]"),
        &["`mood`", "not declared"],
    );
}

#[test]
fn loops_without_exit_are_found() {
    // `checked` loops back to itself both ways: no way to an ending from it.
    check(
        |d| {
            replace_in(d, CHAPTER, "goto: \"good_end\"", "goto: \"checked\"");
            replace_in(
                d,
                CHAPTER,
                "branches: [(when: [Le(\"trust\", 30)], goto: \"angry_end\")],\n                            goto: \"partial_end\"",
                "goto: \"checked\"",
            );
        },
        &["`checked`", "no way to an ending"],
    );
}

#[test]
fn validate_exit_codes_follow_the_contract() {
    let mut out = Vec::new();
    assert_eq!(
        run_validate(true, false, &[], &mut out),
        EXIT_VALID,
        "{}",
        String::from_utf8_lossy(&out)
    );

    let dir = starter_dir();
    replace_in(
        dir.path(),
        CHAPTER,
        "goto: \"checked\"",
        "goto: \"nowhere\"",
    );
    let mut out = Vec::new();
    assert_eq!(
        run_validate(false, false, &[dir.path().to_path_buf()], &mut out),
        EXIT_INVALID
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("checked 1 pack: 0 valid, 1 invalid"),
        "{text}"
    );

    let empty = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    assert_eq!(
        run_validate(false, false, &[empty.path().to_path_buf()], &mut out),
        EXIT_UNREADABLE
    );
    assert_eq!(
        run_validate(false, false, &[], &mut Vec::new()),
        EXIT_UNREADABLE
    );
}

#[test]
fn json_reports_have_the_stable_keys_and_counts() {
    let dir = starter_dir();
    let mut out = Vec::new();
    run_validate(false, true, &[dir.path().join("pack.ron")], &mut out);
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for key in [
        "path",
        "id",
        "title",
        "version",
        "valid",
        "errors",
        "counts",
        "question_types",
    ] {
        assert!(report.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(report["valid"], true);
    assert_eq!(report["counts"]["roleplays"], 1);
    assert_eq!(report["counts"]["questions"], 6);
    assert_eq!(report["question_types"]["case"], 1);
    assert_eq!(report["question_types"]["true_false"], 2);
    assert_eq!(report["counts"]["labs"], 1);
    assert_eq!(report["counts"]["lab_tasks"], 4);
    let mut out = Vec::new();
    run_validate(true, true, &[], &mut out);
    let builtin: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(builtin["valid"], true, "{builtin}");
    assert_eq!(builtin["counts"]["labs"], 4);
    assert_eq!(builtin["counts"]["lab_tasks"], 16);
}

#[test]
fn the_docs_example_is_the_starter_pack() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/pack-format.md"))
            .unwrap();
    for (rel, bytes) in pack::starter_source().files() {
        if rel.ends_with(".ron") {
            let text = std::str::from_utf8(bytes).unwrap().trim_end();
            assert!(
                doc.contains(text),
                "docs/pack-format.md no longer shows {rel} as it is"
            );
        }
    }
}
