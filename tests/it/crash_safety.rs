//! Kills a process that is saving attempts at random moments, hundreds of times. After every
//! kill the file must load and be either the last version the process reported as saved or the
//! one it was writing — never a mix, never a torn file.
//!
//! The child is this test binary itself, re-run with `SERVICECRAFT_CRASH_CHILD` set, which makes
//! [`save_loop_child`] save through the real background saver in a loop.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::DateTime;
use servicecraft::progress::record::AttemptSegment;
use servicecraft::progress::{Attempt, Progress, SaveEvent, Saver, load_versioned};
use servicecraft::store::{remove_stale_temporaries, save_ron};

/// The attempt-log segment the child rewrites: the file that changes with every answer.
const FILE: &str = "attempts-0000.ron";

const CHILD_ENV: &str = "SERVICECRAFT_CRASH_CHILD";
const KILLS: usize = 200;

/// Version `generation` of the log segment: its size and every answer depend on the generation,
/// so a file stitched from two versions, or cut short, cannot pass [`generation_of`].
fn version(generation: u64) -> AttemptSegment {
    let mut progress = Progress::default();
    let count = 150 + (generation % 13) * 23;
    let at = DateTime::from_timestamp(1_750_000_000, 0).unwrap();
    for i in 0..count {
        progress.record_attempt(
            &format!("ch{}.q.{:03}", i % 7 + 1, i % 97),
            "pack",
            Attempt {
                started: at,
                finished: at,
                answer: format!("g{generation}"),
                score: 1.0,
                max: 1.0,
            },
        );
    }
    progress.segment(0)
}

/// The generation a file holds, after checking it is exactly that version.
fn generation_of(path: &Path) -> u64 {
    let segment = load_versioned::<AttemptSegment>(path)
        .unwrap_or_else(|err| panic!("the file does not load after a kill: {err}"))
        .value;
    let first = segment
        .attempts
        .first()
        .map(|a| a.attempt.answer.clone())
        .unwrap_or_default();
    let generation: u64 = first.trim_start_matches('g').parse().unwrap();
    assert_eq!(
        segment,
        version(generation),
        "the file is not a complete version {generation}"
    );
    generation
}

/// The child process of the crash test, not a test of its own: ignored, so it never counts as a
/// pass, and started by `killing_a_saving_process_never_leaves_a_broken_file` with `--ignored`.
#[test]
#[ignore = "the crash test's child process; it runs only when that test starts it"]
fn save_loop_child() {
    let dir = std::env::var(CHILD_ENV).expect("started by the crash test, which names the folder");
    let path = PathBuf::from(dir).join(FILE);
    let mut generation = generation_of(&path);
    let saver = Saver::start("crash", None);
    loop {
        generation += 1;
        saver
            .save_ron(path.clone(), generation, Arc::new(version(generation)))
            .unwrap();
        loop {
            match saver.wait_event(Duration::from_secs(10)) {
                Some(SaveEvent::Saved { generation: g, .. }) if g == generation => break,
                Some(SaveEvent::Failed { error, .. }) => panic!("{error}"),
                Some(_) => {}
                None => panic!("the saver did not answer"),
            }
        }
        println!("saved {generation}");
    }
}

/// A small xorshift generator: enough randomness for kill times, no extra dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn killing_a_saving_process_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    save_ron(&path, &version(0)).unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill-time seed {seed}");
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut last = 0;
    let (mut old, mut new, mut advanced) = (0, 0, 0);
    for round in 0..KILLS {
        let mut child = std::process::Command::new(&exe)
            .args([
                "--exact",
                // Its name in the one test binary (tests/it/main.rs).
                "crash_safety::save_loop_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (acks, acked) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                // The test harness writes "test save_loop_child ... " with no line break before
                // the child's first line, so the report is looked for anywhere in the line.
                if let Some((_, n)) = line.rsplit_once("saved ") {
                    let _ = acks.send(n.trim().parse::<u64>().unwrap());
                }
            }
        });
        // Most kills should land while a save is under way: wait for the first save, then
        // kill within the next few saves. Some rounds kill before the first save completes.
        let mut reported = last;
        if rng.below(8) != 0
            && let Ok(first) = acked.recv_timeout(Duration::from_secs(20))
        {
            reported = first;
        }
        std::thread::sleep(Duration::from_micros(rng.below(15_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        let reported = acked.try_iter().last().unwrap_or(reported);
        let on_disk = generation_of(&path);
        assert!(
            on_disk == reported || on_disk == reported + 1,
            "round {round}: the child reported {reported} saved, the file holds {on_disk}"
        );
        assert!(
            on_disk >= last,
            "round {round}: went back from {last} to {on_disk}"
        );
        if on_disk == reported {
            old += 1;
        } else {
            new += 1;
        }
        if on_disk > last {
            advanced += 1;
        }
        last = on_disk;
    }
    let leftovers = remove_stale_temporaries(dir.path());
    eprintln!(
        "{KILLS} kills in {:.1} s: {old} left the last reported version, {new} the one being \
         written; {advanced} rounds saved something; {leftovers} unfinished temporary files \
         cleaned up",
        started.elapsed().as_secs_f32()
    );
    assert!(
        advanced > KILLS / 4,
        "too few rounds saved anything to prove much"
    );
    generation_of(&path);
}
