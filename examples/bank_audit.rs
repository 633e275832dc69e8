//! Prints the question bank's honesty checks for a pack folder (or the built-in syllabus):
//! counts by type, how answer keys spread over positions, unlabelled exam sittings and
//! near-duplicate questions. For authors rebalancing a bank; the syllabus tests enforce the same.
//!
//! `cargo run --example bank_audit -- [PACK_DIR] [--chapter N]...`

use std::process::ExitCode;

use servicecraft::model::audit::{key_spread, near_duplicates, unlabelled_sittings};
use servicecraft::pack::{self, DirSource};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut chapters = Vec::new();
    let mut dir = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--chapter" {
            if let Some(n) = it.next().and_then(|n| n.parse::<usize>().ok()) {
                chapters.push(n.saturating_sub(1));
            }
        } else {
            dir = Some(arg.clone());
        }
    }
    let loaded = match &dir {
        Some(dir) => pack::load_pack(&DirSource::new(dir)),
        None => pack::load_pack(&pack::builtin_source()),
    };
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let Some(pack) = loaded.pack else {
        return ExitCode::from(2);
    };
    let (counts, types) = pack.counts();
    println!("{counts:?}\nquestions by type: {types:?}");
    let spread = key_spread(&pack, &chapters);
    println!(
        "single (4 options) keys A/B/C/D: {:?} shares {:?}",
        spread.single_four,
        spread.single_shares().map(|s| (s * 100.0).round())
    );
    println!(
        "multiple: {} questions, {} leading runs, last option right {} times, right by position {:?}",
        spread.multiple,
        spread.multiple_leading_run,
        spread.multiple_last_right,
        spread.multiple_right_by_position
    );
    let mut bad = false;
    for p in spread.problems() {
        bad = true;
        println!("PROBLEM {p}");
    }
    for (id, text) in unlabelled_sittings(&pack) {
        bad = true;
        println!("PROBLEM unlabelled sitting or page in {id}: {text}");
    }
    for (a, b, s) in near_duplicates(&pack, 0.6) {
        bad = true;
        println!("PROBLEM near-duplicate {a} ~ {b} ({s:.2})");
    }
    if bad {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
