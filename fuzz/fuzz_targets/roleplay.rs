//! Fuzz target: the role-play engine, on random scenarios and on the syllabus's own.
//!
//! The input is either a scenario built by `arbitrary` (up to 24 nodes, with conditions, branches,
//! effects and scores anywhere in `i32`) or a pick among the built-in scenarios, followed by the
//! learner's choices. Every scenario goes through the validator; one that passes is played:
//! each step must offer a way on (a choice or an ending), a choice the engine offers must be
//! accepted, an ending must stay reachable from wherever the learner is, and a finished
//! conversation must score 0–100 %.
#![no_main]

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use servicecraft_core::model::{
    Branch, Choice, Condition, Conversation, Emotion, Ending, Node, Outcome, RolePlay, Speaker,
    Variable, Vars, check_roleplay,
};
use servicecraft_core::pack::{builtin_source, load_pack};

/// Variable names: the two built in, one a scenario may declare, one it never declares.
const NAMES: [&str; 4] = ["anger", "trust", "patience", "undeclared"];
/// States explored when checking that an ending stays reachable; past it the check gives up.
const STATE_BUDGET: usize = 20_000;

#[derive(Arbitrary, Debug)]
struct Cond {
    op: u8,
    var: u8,
    value: i32,
}

#[derive(Arbitrary, Debug)]
struct ChoiceSpec {
    score: i32,
    effects: Vec<(u8, i32)>,
    requires: Vec<Cond>,
    branches: Vec<(Vec<Cond>, u8)>,
    goto: u8,
}

#[derive(Arbitrary, Debug)]
struct NodeSpec {
    narrator: bool,
    next: Option<u8>,
    ending: Option<(u8, i32)>,
    choices: Vec<ChoiceSpec>,
}

#[derive(Arbitrary, Debug)]
struct Spec {
    anger: i32,
    trust: i32,
    patience: Option<i32>,
    start: u8,
    nodes: Vec<NodeSpec>,
}

/// Node ids `n0`…; an index past the end names a node that does not exist.
fn id(index: u8, len: usize) -> String {
    format!("n{}", usize::from(index) % (len + 1))
}

fn condition(c: &Cond) -> Condition {
    let var = NAMES[usize::from(c.var) % NAMES.len()].to_owned();
    match c.op % 5 {
        0 => Condition::Ge(var, c.value),
        1 => Condition::Le(var, c.value),
        2 => Condition::Gt(var, c.value),
        3 => Condition::Lt(var, c.value),
        _ => Condition::Eq(var, c.value),
    }
}

fn build(spec: &Spec) -> RolePlay {
    let len = spec.nodes.len().min(24);
    let nodes = spec.nodes[..len]
        .iter()
        .enumerate()
        .map(|(n, node)| Node {
            id: format!("n{n}"),
            speaker: if node.narrator {
                Speaker::Narrator
            } else {
                Speaker::Customer
            },
            emotion: Emotion::Neutral,
            text: String::new(),
            choices: node
                .choices
                .iter()
                .take(4)
                .map(|c| Choice {
                    text: String::new(),
                    feedback: String::new(),
                    principle: String::new(),
                    score: c.score,
                    effects: c
                        .effects
                        .iter()
                        .take(3)
                        .map(|(v, d)| (NAMES[usize::from(*v) % NAMES.len()].to_owned(), *d))
                        .collect::<BTreeMap<_, _>>(),
                    requires: c.requires.iter().take(2).map(condition).collect(),
                    branches: c
                        .branches
                        .iter()
                        .take(2)
                        .map(|(when, to)| Branch {
                            when: when.iter().take(2).map(condition).collect(),
                            goto: id(*to, len),
                        })
                        .collect(),
                    goto: id(c.goto, len),
                })
                .collect(),
            next: node.next.map(|to| id(to, len)),
            ending: node.ending.map(|(outcome, score)| Ending {
                outcome: match outcome % 3 {
                    0 => Outcome::Success,
                    1 => Outcome::Partial,
                    _ => Outcome::Failure,
                },
                score,
                debrief: String::new(),
            }),
        })
        .collect();
    RolePlay {
        id: "fuzz".to_owned(),
        lesson: "fuzz".to_owned(),
        title: String::new(),
        customer: String::new(),
        brief: String::new(),
        feedback: Default::default(),
        anger: spec.anger,
        trust: spec.trust,
        variables: spec
            .patience
            .map(|initial| Variable {
                name: "patience".to_owned(),
                initial,
            })
            .into_iter()
            .collect(),
        portraits: BTreeMap::new(),
        start: id(spec.start, len),
        nodes,
    }
}

/// The syllabus's scenarios, loaded once.
fn builtin() -> &'static [RolePlay] {
    static PLAYS: OnceLock<Vec<RolePlay>> = OnceLock::new();
    PLAYS.get_or_init(|| {
        load_pack(&builtin_source())
            .pack
            .map(|pack| {
                pack.chapters
                    .into_iter()
                    .flat_map(|c| c.roleplays)
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Whether some sequence of available choices leads from `node` with `vars` to an ending;
/// `None` when the search ran out of budget.
fn ending_reachable(play: &RolePlay, node: &str, vars: &Vars) -> Option<bool> {
    let mut seen = HashSet::new();
    let mut stack = vec![(node.to_owned(), vars.clone())];
    while let Some((id, vars)) = stack.pop() {
        let Some(node) = play.settle(&id) else {
            continue;
        };
        if node.ending.is_some() {
            return Some(true);
        }
        if !seen.insert((node.id.clone(), vars.clone())) {
            continue;
        }
        if seen.len() > STATE_BUDGET {
            return None;
        }
        for (_, choice) in play.available(node, &vars) {
            let mut next = vars.clone();
            let target = play.apply(choice, &mut next).to_owned();
            stack.push((target, next));
        }
    }
    Some(false)
}

fn play(play: &RolePlay, choices: &[u8]) {
    if !check_roleplay(play).is_empty() {
        return;
    }
    let mut talk = match Conversation::start(play) {
        Ok(talk) => talk,
        Err(err) => panic!("a valid scenario does not start: {err}"),
    };
    for &byte in choices {
        let Some(node) = talk.current(play) else {
            panic!("the conversation stands on a missing node `{}`", talk.node);
        };
        if node.ending.is_some() {
            break;
        }
        let offered = play.available(node, &talk.vars);
        assert!(
            !offered.is_empty(),
            "a valid scenario leaves the learner with no choice at `{}` ({:?})",
            node.id,
            talk.vars
        );
        let (index, _) = offered[usize::from(byte) % offered.len()];
        if let Err(err) = talk.choose(play, index) {
            panic!("an offered choice was refused at `{}`: {err}", node.id);
        }
    }
    if talk.ending(play).is_some() {
        let percent = talk.percent(play);
        assert!(percent <= 100);
    } else if let Some(false) = ending_reachable(play, &talk.node, &talk.vars) {
        panic!(
            "a valid scenario traps the learner at `{}` with {:?}: no ending can be reached",
            talk.node, talk.vars
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Unstructured::new(data);
    let Ok(pick) = input.arbitrary::<u8>() else {
        return;
    };
    if pick % 4 == 0 {
        let plays = builtin();
        if let Some(scenario) = plays.get(usize::from(pick / 4) % plays.len().max(1)) {
            play(scenario, input.take_rest());
        }
        return;
    }
    let Ok(spec) = input.arbitrary::<Spec>() else {
        return;
    };
    let scenario = build(&spec);
    play(&scenario, input.take_rest());
});
