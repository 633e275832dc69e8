//! Hostile packs (issue #17): a named pipe where a file should be, NaN and negative points,
//! nonsensical percentages and scores, an image of 8000 × 8000 pixels, a role-play that is one
//! long chain, one of 20 reconverging rounds, and a mock exam asking for more than the pack
//! holds. Each is refused (or warned about) with a positioned message, quickly, without a panic.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use servicecraft_core::model::{
    Choice, Emotion, Ending, FeedbackTiming, Node, Outcome, RolePlay, Speaker, check_roleplay,
};
use servicecraft_core::pack::{self, DirSource, Severity};

const MANIFEST: &str = "pack.ron";
const CHAPTER: &str = "chapters/01-complaints.ron";

fn starter_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in pack::starter_source().files() {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn replace_in(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "fixture text `{from}` not in {rel}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Loads the pack in `dir` on another thread, failing (instead of hanging) after 10 s.
fn diagnostics(dir: &Path) -> Vec<pack::Diagnostic> {
    let (tx, rx) = mpsc::channel();
    let root = dir.to_owned();
    std::thread::spawn(move || {
        let _ = tx.send(pack::load_pack(&DirSource::new(root)).diagnostics);
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("validation hung or panicked")
}

/// The one diagnostic containing every fragment, as a CLI line.
fn find(found: &[pack::Diagnostic], expected: &[&str]) -> pack::Diagnostic {
    found
        .iter()
        .find(|d| {
            let line = d.to_string();
            expected.iter().all(|e| line.contains(e))
        })
        .cloned()
        .unwrap_or_else(|| panic!("expected a problem containing {expected:?}, got {found:#?}"))
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    std::fs::remove_file(path).ok();
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_for_a_chapter_an_image_or_the_manifest_is_refused_without_hanging() {
    for (rel, fragment) in [
        (CHAPTER, "01-complaints.ron"),
        ("assets/steps.png", "steps.png"),
        (MANIFEST, "pack.ron"),
    ] {
        let dir = starter_dir();
        mkfifo(&dir.path().join(rel));
        let found = diagnostics(dir.path());
        let problem = find(&found, &[fragment, "not a regular file"]);
        assert!(problem.is_error(), "{problem}");
    }
}

#[test]
fn nan_negative_and_infinite_points_are_refused_with_their_position() {
    for bad in ["NaN", "-5.0", "inf", "0.0", "1e9"] {
        let dir = starter_dir();
        replace_in(
            dir.path(),
            MANIFEST,
            "single_points: 1.0",
            &format!("single_points: {bad}"),
        );
        let found = diagnostics(dir.path());
        let problem = find(&found, &["pack.ron:13:9:", "single_points"]);
        assert!(problem.is_error(), "{bad}: {problem}");
    }
}

#[test]
fn nonsensical_exam_and_role_play_numbers_are_refused() {
    let dir = starter_dir();
    replace_in(
        dir.path(),
        MANIFEST,
        "minutes: 10,",
        "minutes: 10, pass_percent: 150,",
    );
    replace_in(dir.path(), CHAPTER, "score: 10,", "score: 2000000000,");
    let found = diagnostics(dir.path());
    assert!(find(&found, &["pack.ron:", "pass mark of 150%"]).is_error());
    let score = find(&found, &["01-complaints.ron:", "score of 2000000000"]);
    assert!(score.is_error() && score.line.is_some(), "{score}");
}

#[test]
fn a_mock_exam_asking_for_more_than_the_pack_holds_is_a_warning() {
    let dir = starter_dir();
    replace_in(dir.path(), MANIFEST, "single: 1,", "single: 40,");
    let found = diagnostics(dir.path());
    let warning = find(&found, &["pack.ron:", "asks for 40 `single` questions"]);
    assert_eq!(warning.severity, Severity::Warning, "{warning}");
    assert!(found.iter().all(|d| !d.is_error()), "{found:#?}");
}

/// A 1×1 PNG whose header claims `width` × `height`, with the header checksum redone: the real
/// 8000 × 8000 file is a few hundred KB but would take 256 MB to encode here.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbaImage::new(1, 1)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    bytes
}

#[test]
fn an_image_of_8000_by_8000_pixels_is_refused_from_its_header() {
    let dir = starter_dir();
    std::fs::write(
        dir.path().join("assets/steps.png"),
        png_claiming(8000, 8000),
    )
    .unwrap();
    let found = diagnostics(dir.path());
    let problem = find(
        &found,
        &["steps.png", "over the limit of 16 million pixels"],
    );
    assert!(problem.is_error(), "{problem}");
}

fn node(id: &str, choices: Vec<Choice>, ending: Option<i32>) -> Node {
    Node {
        id: id.to_owned(),
        speaker: Speaker::Customer,
        emotion: Emotion::Neutral,
        text: id.to_owned(),
        choices,
        next: None,
        ending: ending.map(|score| Ending {
            outcome: Outcome::Success,
            score,
            debrief: String::new(),
        }),
    }
}

fn choice(goto: String, score: i32, effects: &[(&str, i32)]) -> Choice {
    Choice {
        text: goto.clone(),
        feedback: String::new(),
        principle: String::new(),
        score,
        effects: effects.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        requires: Vec::new(),
        branches: Vec::new(),
        goto,
    }
}

fn play(nodes: Vec<Node>) -> RolePlay {
    RolePlay {
        id: "rp".to_owned(),
        lesson: "l".to_owned(),
        title: "t".to_owned(),
        customer: String::new(),
        brief: "b".to_owned(),
        feedback: FeedbackTiming::Immediate,
        anger: 50,
        trust: 50,
        variables: Vec::new(),
        portraits: std::collections::BTreeMap::new(),
        start: "n0".to_owned(),
        nodes,
    }
}

#[test]
fn a_long_chain_is_checked_without_problems() {
    // Correctness only; the time (30 000 nodes) is measured by the `roleplay` bench.
    let n = 30_000;
    let nodes = (0..n)
        .map(|i| {
            node(
                &format!("n{i}"),
                vec![choice(format!("n{}", i + 1), 1, &[])],
                None,
            )
        })
        .chain([node(&format!("n{n}"), Vec::new(), Some(5))])
        .collect();
    let chain = play(nodes);
    assert_eq!(check_roleplay(&chain), Vec::new());
    let (total, path) = chain.best_path().unwrap();
    assert_eq!((total, path.len()), (n + 5, n as usize));
}

/// `rounds` rounds of three choices that change anger and trust differently and all lead on;
/// the ending pays 100 only to a customer whose anger came down to 20, so the best choice in
/// each round depends on the variables, not just the node.
fn rounds_play(rounds: i32) -> RolePlay {
    use servicecraft_core::model::{Branch, Condition};
    let mut nodes: Vec<Node> = (0..rounds)
        .map(|r| {
            let next = format!("n{}", r + 1);
            node(
                &format!("n{r}"),
                vec![
                    choice(next.clone(), 3, &[("anger", 10)]),
                    choice(next.clone(), 1, &[("anger", -5), ("trust", 5)]),
                    choice(next, 2, &[("trust", -10)]),
                ],
                None,
            )
        })
        .collect();
    nodes.push(node(
        &format!("n{rounds}"),
        vec![Choice {
            branches: vec![Branch {
                when: vec![Condition::Le("anger".into(), 20)],
                goto: "calm".into(),
            }],
            ..choice("upset".into(), 0, &[])
        }],
        None,
    ));
    nodes.push(node("calm", Vec::new(), Some(100)));
    nodes.push(node("upset", Vec::new(), Some(0)));
    play(nodes)
}

/// The best total by trying every path (3^rounds of them).
fn exhaustive(play: &RolePlay, conversation: &servicecraft_core::model::Conversation) -> i32 {
    let node = conversation.current(play).unwrap();
    if node.ending.is_some() {
        return conversation.total(play);
    }
    play.available(node, &conversation.vars)
        .into_iter()
        .map(|(index, _)| {
            let mut next = conversation.clone();
            next.choose(play, index).unwrap();
            exhaustive(play, &next)
        })
        .max()
        .unwrap()
}

#[test]
fn the_best_path_matches_an_exhaustive_search_and_replays_to_its_total() {
    use servicecraft_core::model::Conversation;
    for rounds in [1, 4, 7, 10] {
        let play = rounds_play(rounds);
        assert_eq!(check_roleplay(&play), Vec::new());
        let (total, path) = play.best_path().unwrap();
        let start = Conversation::start(&play).unwrap();
        assert_eq!(total, exhaustive(&play, &start), "{rounds} rounds");
        let mut replay = start;
        for index in &path {
            replay.choose(&play, *index).unwrap();
        }
        assert_eq!(replay.total(&play), total, "{rounds} rounds");
    }
    // 20 rounds (3^20 paths) is answered too; its time is measured by the `roleplay` bench.
    let (total, path) = rounds_play(20).best_path().unwrap();
    assert_eq!(path.len(), 21);
    assert!(total >= 100, "{total}");
}
