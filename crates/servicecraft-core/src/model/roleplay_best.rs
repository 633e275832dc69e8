//! The best a learner can score in a role-play, by dynamic programming over the states a
//! conversation can be in — (node, variable values) — each solved once and remembered. A
//! scenario whose rounds reconverge (20 rounds of 3 choices: 3^20 paths) has only a few thousand
//! such states, so the end of any valid conversation scores at once.
//!
//! Bounds: at most [`MAX_STATES`] states are explored (about 100 bytes each, so ~25 MB); beyond
//! that the remaining states count as dead ends and the result is a lower bound (the percentage
//! shown is then capped at 100). A state met again on the way to itself is a loop and is not
//! followed, as in a real conversation, which must end.

use std::collections::HashMap;

use super::roleplay::{Condition, MAX_AUTO_STEPS, Node, RolePlay, VAR_MAX, VAR_MIN};

/// The most (node, variables) states [`RolePlay::best_path`] explores.
pub const MAX_STATES: usize = 250_000;

/// A solved state: the best total from here, and the choice (and the state it leads to) that
/// reaches it. `None` when no ending can be reached from here.
type Solved = Option<(i32, Option<(usize, usize)>)>;

enum Memo {
    /// On the current path (a loop back to it is not followed).
    Open,
    Done(Solved),
}

/// The scenario with variables as numbered slots and nodes by position, so a state is two
/// small numbers and a short vector instead of strings.
struct Compiled<'a> {
    play: &'a RolePlay,
    index: HashMap<&'a str, usize>,
    slots: HashMap<&'a str, usize>,
}

impl<'a> Compiled<'a> {
    fn new(play: &'a RolePlay) -> Self {
        let mut index = HashMap::with_capacity(play.nodes.len());
        for (i, node) in play.nodes.iter().enumerate() {
            // The first of two nodes with one id wins, as `RolePlay::node` finds it.
            index.entry(node.id.as_str()).or_insert(i);
        }
        let mut slots: HashMap<&'a str, usize> = HashMap::new();
        let mut slot = |name: &'a str| {
            let next = slots.len();
            slots.entry(name).or_insert(next);
        };
        slot(super::roleplay::ANGER);
        slot(super::roleplay::TRUST);
        for var in &play.variables {
            slot(var.name.as_str());
        }
        for node in &play.nodes {
            for choice in &node.choices {
                for name in choice.effects.keys() {
                    slot(name);
                }
                for cond in choice
                    .requires
                    .iter()
                    .chain(choice.branches.iter().flat_map(|b| &b.when))
                {
                    slot(cond.var());
                }
            }
        }
        Self { play, index, slots }
    }

    fn initial(&self) -> Vec<i32> {
        let mut values = vec![0; self.slots.len()];
        for (name, value) in self.play.initial_vars() {
            if let Some(&slot) = self.slots.get(name.as_str()) {
                values[slot] = value;
            }
        }
        values
    }

    fn holds(&self, cond: &Condition, values: &[i32]) -> bool {
        let value = self.slots.get(cond.var()).map_or(0, |&s| values[s]);
        match cond {
            Condition::Ge(_, n) => value >= *n,
            Condition::Le(_, n) => value <= *n,
            Condition::Gt(_, n) => value > *n,
            Condition::Lt(_, n) => value < *n,
            Condition::Eq(_, n) => value == *n,
        }
    }

    /// `RolePlay::settle` by position: follows narrator `next` links.
    fn settle(&self, id: &str) -> Option<usize> {
        let mut at = *self.index.get(id)?;
        for _ in 0..MAX_AUTO_STEPS {
            let node = &self.play.nodes[at];
            match (&node.next, node.choices.is_empty(), &node.ending) {
                (Some(next), true, None) => at = *self.index.get(next.as_str())?,
                _ => return Some(at),
            }
        }
        None
    }

    /// The choices of `node` open with `values`: (index, score, next node, next values).
    fn moves(&self, node: &Node, values: &[i32]) -> Vec<(usize, i32, Option<usize>, Vec<i32>)> {
        node.choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.requires.iter().all(|cond| self.holds(cond, values)))
            .map(|(i, choice)| {
                let mut next = values.to_vec();
                for (name, delta) in &choice.effects {
                    if let Some(&slot) = self.slots.get(name.as_str()) {
                        next[slot] = next[slot].saturating_add(*delta).clamp(VAR_MIN, VAR_MAX);
                    }
                }
                let target = choice
                    .branches
                    .iter()
                    .find(|b| b.when.iter().all(|c| self.holds(c, &next)))
                    .map_or(choice.goto.as_str(), |b| b.goto.as_str());
                (i, choice.score, self.settle(target), next)
            })
            .collect()
    }
}

/// A state being solved: its successors and how far through them it is.
struct Frame {
    state: usize,
    moves: Vec<(usize, i32, Option<usize>)>,
    next: usize,
    best: Solved,
}

impl RolePlay {
    /// The highest total (choice scores plus the ending's score) any path can reach, and that
    /// path as choice indices. `None` when no ending can be reached. See the module's bounds.
    pub fn best_path(&self) -> Option<(i32, Vec<usize>)> {
        let compiled = Compiled::new(self);
        let start = compiled.settle(&self.start)?;
        let mut states: HashMap<(usize, Vec<i32>), usize> = HashMap::new();
        let mut keys: Vec<(usize, Vec<i32>)> = Vec::new();
        let mut memo: Vec<Option<Memo>> = Vec::new();
        let mut intern = |key: (usize, Vec<i32>),
                          keys: &mut Vec<(usize, Vec<i32>)>,
                          memo: &mut Vec<Option<Memo>>|
         -> Option<usize> {
            if let Some(&id) = states.get(&key) {
                return Some(id);
            }
            if keys.len() >= MAX_STATES {
                return None;
            }
            let id = keys.len();
            states.insert(key.clone(), id);
            keys.push(key);
            memo.push(None);
            Some(id)
        };
        let root = intern((start, compiled.initial()), &mut keys, &mut memo)?;
        let mut stack: Vec<Frame> = Vec::new();
        let mut open = |state: usize,
                        keys: &mut Vec<(usize, Vec<i32>)>,
                        memo: &mut Vec<Option<Memo>>,
                        stack: &mut Vec<Frame>| {
            let (node_at, values) = keys[state].clone();
            let node = &self.nodes[node_at];
            if let Some(ending) = &node.ending {
                memo[state] = Some(Memo::Done(Some((ending.score, None))));
                return;
            }
            let moves = compiled
                .moves(node, &values)
                .into_iter()
                .map(|(i, score, target, next)| {
                    let id = target.and_then(|t| intern((t, next), keys, memo));
                    (i, score, id)
                })
                .collect();
            memo[state] = Some(Memo::Open);
            stack.push(Frame {
                state,
                moves,
                next: 0,
                best: None,
            });
        };
        open(root, &mut keys, &mut memo, &mut stack);
        while let Some(frame) = stack.last_mut() {
            let Some(&(choice, score, target)) = frame.moves.get(frame.next) else {
                if let Some(done) = stack.pop() {
                    memo[done.state] = Some(Memo::Done(done.best));
                }
                continue;
            };
            let Some(target) = target else {
                frame.next += 1;
                continue;
            };
            let known = match &memo[target] {
                None => None,
                Some(Memo::Open) => Some(None),
                Some(Memo::Done(solved)) => Some(Some(*solved)),
            };
            match known {
                None => open(target, &mut keys, &mut memo, &mut stack),
                Some(None) => frame.next += 1,
                Some(Some(solved)) => {
                    if let Some((rest, _)) = solved {
                        let total = rest.saturating_add(score);
                        if frame.best.is_none_or(|(b, _)| total > b) {
                            frame.best = Some((total, Some((choice, target))));
                        }
                    }
                    frame.next += 1;
                }
            }
        }
        let Some(Memo::Done(Some((total, _)))) = &memo[root] else {
            return None;
        };
        let mut path = Vec::new();
        let mut at = root;
        while let Some(Memo::Done(Some((_, Some((choice, next)))))) = &memo[at] {
            path.push(*choice);
            at = *next;
        }
        Some((*total, path))
    }
}
