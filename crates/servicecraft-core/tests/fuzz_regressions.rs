//! Replays every input the fuzz targets found a crash with (`tests/fuzz-regressions/TARGET/`),
//! checking what the target checks, so a fixed crash stays fixed under `cargo test`, where no
//! nightly toolchain is needed. See docs/testing.md, "Fuzzing".
#![expect(clippy::unwrap_used, reason = "tests")]

use std::path::Path;

use servicecraft_core::pack::import::{self, Format, PackMeta};
use servicecraft_core::pack::{MemSource, load_pack};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    found.sort();
    found
}

/// What the `csv_import` and `gift_import` targets check: the pack made from a bank validates.
fn import_round_trip(name: &str, bytes: &[u8], format: Format) {
    let (text, _) = import::decode_text(bytes);
    let result = match format {
        Format::Csv => import::csv::parse("bank.csv", &text),
        Format::Gift => import::gift::parse("bank.gift", &text),
        other => panic!("only CSV and GIFT inputs are replayed here, not {other:?}"),
    };
    if result.questions.is_empty() {
        return;
    }
    let meta = PackMeta {
        id: "import.fuzz".to_owned(),
        title: "fuzz".to_owned(),
        version: "1.0.0".to_owned(),
        authors: Vec::new(),
    };
    let mut source = MemSource::new("import");
    for (rel, text) in import::pack_files(&meta, &result.questions).unwrap() {
        source.insert(rel, text);
    }
    let errors: Vec<String> = load_pack(&source)
        .errors()
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
}

#[test]
fn gift_banks_that_made_invalid_packs() {
    let found = inputs("gift_import");
    assert!(!found.is_empty());
    for (name, bytes) in found {
        import_round_trip(&name, &bytes, Format::Gift);
    }
}

#[test]
fn csv_banks_that_made_invalid_packs() {
    for (name, bytes) in inputs("csv_import") {
        import_round_trip(&name, &bytes, Format::Csv);
    }
}

#[test]
fn an_essay_whose_model_answer_is_a_number_keeps_it_as_its_point() {
    let result = import::gift::parse("q.gift", "论述。{####1}");
    assert_eq!(result.problems, vec![]);
    let Some(servicecraft_core::model::QuestionKind::ShortAnswer { points, .. }) =
        result.questions.first().map(|q| &q.kind)
    else {
        panic!("{result:?}");
    };
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].text, "1");
}

#[test]
fn a_role_play_effect_of_i32_min_is_reported_not_a_panic() {
    use servicecraft_core::model::{RolePlay, check_roleplay};
    let play: RolePlay = servicecraft_core::pack::parse_ron(
        "rp.ron",
        r#"(id: "rp", lesson: "l", title: "t", brief: "b", start: "a", nodes: [
            (id: "a", text: "", choices: [(text: "", effects: {"anger": -2147483648}, goto: "z")]),
            (id: "z", text: "", ending: Some((outcome: Success, score: 1, debrief: ""))),
        ])"#,
    )
    .unwrap();
    let problems = check_roleplay(&play);
    assert!(
        problems.iter().any(|p| p.message.contains("-2147483648")),
        "{problems:?}"
    );
}

/// The `roleplay` target found a scenario the graph check passed although a learner could be
/// trapped: a condition closes the only way out once anger has risen (input in
/// `tests/fuzz-regressions/roleplay/state-trap-by-conditions`). The minimal case: every node has
/// an unconditional choice, but once anger has risen past the condition it only loops; with a calming reply the way reopens.
#[test]
fn a_condition_that_closes_every_way_out_is_reported() {
    use servicecraft_core::model::{RolePlay, check_roleplay};
    let scenario = |way_out: &str| -> RolePlay {
        servicecraft_core::pack::parse_ron(
            "rp.ron",
            &format!(
                r#"(id: "rp", lesson: "l", title: "t", brief: "b", start: "a", nodes: [
                (id: "a", text: "", choices: [(text: "", effects: {{"anger": 3}}, goto: "n1")]),
                (id: "n1", text: "", choices: [
                    (text: "", requires: [Lt("anger", 52)], goto: "z"),
                    (text: "", goto: "n1"),
                    {way_out}
                ]),
                (id: "z", text: "", ending: Some((outcome: Success, score: 1, debrief: ""))),
            ])"#
            ),
        )
        .unwrap()
    };
    let trapped = check_roleplay(&scenario(""));
    assert!(
        trapped
            .iter()
            .any(|p| p.message.contains("no longer reach")),
        "{trapped:?}"
    );
    // A reply that calms the customer opens the way again.
    let open = check_roleplay(&scenario(
        r#"(text: "", effects: {"anger": -2}, goto: "n1"),"#,
    ));
    assert!(open.is_empty(), "{open:?}");
}
