//! Role-play budgets from issue #17: a pack holding a 30 000-node chain loads and validates in
//! under 1 s (the graph checks are linear), and the best path of 20 reconverging rounds of three
//! choices (3^20 paths) is found in under 10 ms (dynamic programming over the states).
#![expect(clippy::unwrap_used, reason = "benchmark set-up")]

use std::collections::BTreeMap;

use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft_core::model::{
    Branch, Choice, Condition, Emotion, Ending, FeedbackTiming, Node, Outcome, RolePlay, Speaker,
    check_roleplay,
};
use servicecraft_core::pack::{DirSource, load_pack, starter_source};

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

fn play(id: &str, nodes: Vec<Node>) -> RolePlay {
    RolePlay {
        id: id.to_owned(),
        lesson: "ex.lesson.principles".to_owned(),
        title: "t".to_owned(),
        customer: String::new(),
        brief: "b".to_owned(),
        feedback: FeedbackTiming::Immediate,
        anger: 50,
        trust: 50,
        variables: Vec::new(),
        portraits: BTreeMap::new(),
        start: "n0".to_owned(),
        nodes,
    }
}

fn chain(n: usize) -> RolePlay {
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
    play("rp.chain", nodes)
}

/// 20 rounds of three choices, all leading on; the ending pays only a calm customer.
fn rounds(rounds: usize) -> RolePlay {
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
    play("rp.rounds", nodes)
}

fn roleplays(c: &mut Criterion) {
    let long = chain(30_000);
    c.bench_function("check_roleplay: 30 000-node chain", |b| {
        b.iter(|| assert!(check_roleplay(&long).is_empty()));
    });
    // The whole pack, read from disk, parsed and validated, with the chain in its chapter.
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in starter_source().files() {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let chapter = dir.path().join("chapters/01-complaints.ron");
    let text = std::fs::read_to_string(&chapter).unwrap();
    let chain_ron = ron::to_string(&long).unwrap();
    std::fs::write(
        &chapter,
        text.replacen("roleplays: [", &format!("roleplays: [{chain_ron},"), 1),
    )
    .unwrap();
    let source = DirSource::new(dir.path());
    let loaded = load_pack(&source);
    assert!(loaded.is_valid(), "{:?}", loaded.diagnostics.first());
    c.bench_function("load+validate starter pack with a 30 000-node chain", |b| {
        b.iter(|| load_pack(&source));
    });
    let play = rounds(20);
    assert!(check_roleplay(&play).is_empty());
    c.bench_function("best_path: 20 rounds x 3 choices", |b| {
        b.iter(|| play.best_path().unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = roleplays
}
criterion_main!(benches);
