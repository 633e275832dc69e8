//! Structural checks of a role-play scenario (for pack validation) and the endings a learner
//! can really reach; both linear in the size of the graph or of the states visited.

use super::roleplay::{ANGER, RolePlay, TRUST, VAR_MAX, VAR_MIN};

/// A defect in a scenario, anchored to a node where there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub node: Option<String>,
    pub message: String,
}

/// Finds every structural defect: unknown targets, unreachable nodes, dead ends, loops with no
/// exit, undeclared variables and effects out of range. Linear in nodes plus choices: every
/// pass looks at each node and each edge a bounded number of times.
pub fn check_roleplay(play: &RolePlay) -> Vec<Problem> {
    use std::collections::{HashMap, HashSet};
    let mut problems = Vec::new();
    let mut problem = |node: Option<&str>, message: String| {
        problems.push(Problem {
            node: node.map(str::to_owned),
            message,
        });
    };
    let declared: HashSet<&str> = [ANGER, TRUST]
        .into_iter()
        .chain(play.variables.iter().map(|v| v.name.as_str()))
        .collect();
    for (name, value) in [(ANGER, play.anger), (TRUST, play.trust)]
        .into_iter()
        .chain(play.variables.iter().map(|v| (v.name.as_str(), v.initial)))
    {
        if !(VAR_MIN..=VAR_MAX).contains(&value) {
            problem(
                None,
                format!("variable `{name}` starts at {value}, outside {VAR_MIN}–{VAR_MAX}"),
            );
        }
    }
    let mut ids = HashSet::new();
    for node in &play.nodes {
        if !ids.insert(node.id.as_str()) {
            problem(
                Some(&node.id),
                format!("node id `{}` is used twice", node.id),
            );
        }
    }
    if !ids.contains(play.start.as_str()) {
        problem(None, format!("start node `{}` does not exist", play.start));
    }
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
    for node in &play.nodes {
        let here = Some(node.id.as_str());
        let targets = edges.entry(node.id.as_str()).or_default();
        if node.ending.is_some() && (!node.choices.is_empty() || node.next.is_some()) {
            problem(
                here,
                format!(
                    "node `{}` is an ending but has choices or a next node",
                    node.id
                ),
            );
        }
        if node.ending.is_none() && node.choices.is_empty() && node.next.is_none() {
            problem(
                here,
                format!(
                    "node `{}` has no choices, no next node and no ending",
                    node.id
                ),
            );
        }
        if !node.choices.is_empty() && node.choices.iter().all(|c| !c.requires.is_empty()) {
            problem(
                here,
                format!(
                    "every choice of node `{}` has a condition, so the learner can be stuck",
                    node.id
                ),
            );
        }
        if let Some(next) = &node.next {
            targets.push(next);
        }
        for choice in &node.choices {
            targets.push(&choice.goto);
            targets.extend(choice.branches.iter().map(|b| b.goto.as_str()));
            for (name, delta) in &choice.effects {
                if !declared.contains(name.as_str()) {
                    problem(
                        here,
                        format!("a choice changes `{name}`, which is not declared in `variables`"),
                    );
                }
                // `unsigned_abs`: `abs` of `i32::MIN` overflows (found by fuzzing).
                if delta.unsigned_abs() > (VAR_MAX - VAR_MIN).unsigned_abs() {
                    problem(
                        here,
                        format!(
                            "a choice changes `{name}` by {delta}, out of range ±{}",
                            VAR_MAX - VAR_MIN
                        ),
                    );
                }
            }
            let conditions = choice
                .requires
                .iter()
                .chain(choice.branches.iter().flat_map(|b| &b.when));
            for cond in conditions {
                if !declared.contains(cond.var()) {
                    problem(
                        here,
                        format!(
                            "a condition tests `{}`, which is not declared in `variables`",
                            cond.var()
                        ),
                    );
                }
            }
        }
        for target in edges.get(node.id.as_str()).into_iter().flatten() {
            if !ids.contains(target) {
                problem(
                    here,
                    format!(
                        "node `{}` leads to `{target}`, which does not exist",
                        node.id
                    ),
                );
            }
        }
    }
    // Reachable from the start.
    let mut reachable = HashSet::new();
    let mut stack = vec![play.start.as_str()];
    while let Some(id) = stack.pop() {
        if ids.contains(id) && reachable.insert(id) {
            stack.extend(edges.get(id).into_iter().flatten().copied());
        }
    }
    // Can reach an ending: a search backwards from the endings over reversed edges, so each
    // edge is looked at once (a fixed point over all edges was quadratic on a long chain).
    let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, targets) in &edges {
        for target in targets {
            incoming.entry(target).or_default().push(id);
        }
    }
    let mut finishes: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = play
        .nodes
        .iter()
        .filter(|n| n.ending.is_some())
        .map(|n| n.id.as_str())
        .collect();
    while let Some(id) = stack.pop() {
        if finishes.insert(id) {
            stack.extend(incoming.get(id).into_iter().flatten().copied());
        }
    }
    if finishes.is_empty() {
        problem(None, "the scenario has no ending".to_owned());
    }
    for node in &play.nodes {
        if !reachable.contains(node.id.as_str()) {
            problem(
                Some(&node.id),
                format!("node `{}` cannot be reached from the start", node.id),
            );
        } else if !finishes.contains(node.id.as_str()) {
            problem(
                Some(&node.id),
                format!(
                    "node `{}` has no way to an ending (a loop with no exit?)",
                    node.id
                ),
            );
        }
    }
    if problems.is_empty()
        && let Some((node, vars)) = state_trap(play)
    {
        problems.push(Problem {
            message: format!(
                "at node `{node}` with {vars:?} the learner can no longer reach an ending \
                 (the choices' conditions close every way out)"
            ),
            node: Some(node),
        });
    }
    problems
}

/// The states (node, variables) a learner can be in, searched no further than this.
const STATE_BUDGET: usize = 20_000;

/// A state the learner can reach from the start from which no ending can be reached, taking the
/// choices' conditions and effects into account (the graph check above cannot see that a
/// condition closes the only way out). Every reachable state is found once, then endings are
/// searched backwards over the recorded moves, so the check is linear in the states visited.
/// `None` also when the scenario has more states than the budget (the graph check stands).
fn state_trap(play: &RolePlay) -> Option<(String, super::roleplay::Vars)> {
    use std::collections::HashMap;
    type State = (String, super::roleplay::Vars);
    let start = play.settle(&play.start)?;
    let mut index: HashMap<State, usize> = HashMap::new();
    let mut states: Vec<State> = Vec::new();
    let mut incoming: Vec<Vec<usize>> = Vec::new();
    let mut ending = Vec::new();
    let first = (start.id.clone(), play.initial_vars());
    index.insert(first.clone(), 0);
    states.push(first);
    incoming.push(Vec::new());
    let mut next_unseen = 0;
    while next_unseen < states.len() {
        let here = next_unseen;
        next_unseen += 1;
        let (id, vars) = states[here].clone();
        let node = play.node(&id)?;
        if node.ending.is_some() {
            ending.push(here);
            continue;
        }
        for (_, choice) in play.available(node, &vars) {
            let mut after = vars.clone();
            let target = play.apply(choice, &mut after);
            let node = play.settle(target)?;
            let state = (node.id.clone(), after);
            let to = match index.get(&state) {
                Some(&to) => to,
                None => {
                    if states.len() >= STATE_BUDGET {
                        return None;
                    }
                    index.insert(state.clone(), states.len());
                    states.push(state);
                    incoming.push(Vec::new());
                    states.len() - 1
                }
            };
            incoming[to].push(here);
        }
    }
    let mut finishes = vec![false; states.len()];
    let mut stack = ending;
    while let Some(at) = stack.pop() {
        if !std::mem::replace(&mut finishes[at], true) {
            stack.extend(incoming[at].iter().copied());
        }
    }
    finishes
        .iter()
        .position(|done| !done)
        .map(|at| states[at].clone())
}

impl RolePlay {
    /// The ids of every ending some sequence of available choices reaches, taking conditions and
    /// variables into account (not just the graph).
    pub fn reachable_endings(&self) -> std::collections::BTreeSet<String> {
        let mut found = std::collections::BTreeSet::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![(self.start.clone(), self.initial_vars())];
        while let Some((id, vars)) = stack.pop() {
            let Some(node) = self.settle(&id) else {
                continue;
            };
            if !seen.insert((node.id.clone(), vars.clone())) {
                continue;
            }
            if node.ending.is_some() {
                found.insert(node.id.clone());
                continue;
            }
            for (_, choice) in self.available(node, &vars) {
                let mut next = vars.clone();
                let target = self.apply(choice, &mut next).to_owned();
                stack.push((target, next));
            }
        }
        found
    }
}
