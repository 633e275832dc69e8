//! Case-study role-plays: a branching conversation with a simulated customer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The built-in mood variables every scenario has, 0–100.
pub const ANGER: &str = "anger";
pub const TRUST: &str = "trust";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RolePlay {
    pub id: String,
    pub lesson: String,
    pub title: String,
    /// Who the learner talks to, e.g. "王女士（会员客户）".
    #[serde(default)]
    pub customer: String,
    /// The situation, shown before the first line.
    pub brief: String,
    #[serde(default)]
    pub feedback: FeedbackTiming,
    #[serde(default = "default_mood")]
    pub anger: i32,
    #[serde(default = "default_mood")]
    pub trust: i32,
    /// Extra variables the author declares, beside anger and trust.
    #[serde(default)]
    pub variables: Vec<Variable>,
    /// Portrait image per emotion, relative to the pack; a drawn face stands in for missing ones.
    #[serde(default)]
    pub portraits: BTreeMap<Emotion, String>,
    pub start: String,
    pub nodes: Vec<Node>,
}

fn default_mood() -> i32 {
    50
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum FeedbackTiming {
    /// After each choice.
    #[default]
    Immediate,
    /// Only in the debrief.
    AtEnd,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub name: String,
    #[serde(default)]
    pub initial: i32,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    #[serde(default)]
    pub speaker: Speaker,
    #[serde(default)]
    pub emotion: Emotion,
    pub text: String,
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Where a node without choices continues (a narrator's aside).
    #[serde(default)]
    pub next: Option<String>,
    /// Set on the nodes that end the conversation.
    #[serde(default)]
    pub ending: Option<Ending>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum Speaker {
    #[default]
    Customer,
    Narrator,
}

#[derive(
    Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord, Default,
)]
pub enum Emotion {
    #[default]
    Neutral,
    Pleased,
    Anxious,
    Doubtful,
    Annoyed,
    Angry,
    Furious,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: String,
    /// What the trainer says about this choice.
    #[serde(default)]
    pub feedback: String,
    /// The syllabus principle behind it.
    #[serde(default)]
    pub principle: String,
    #[serde(default)]
    pub score: i32,
    /// Added to variables (clamped to 0–100).
    #[serde(default)]
    pub effects: BTreeMap<String, i32>,
    /// The choice is offered only when all of these hold.
    #[serde(default)]
    pub requires: Vec<Condition>,
    /// Checked in order after the effects; the first whose conditions hold wins over `goto`.
    #[serde(default)]
    pub branches: Vec<Branch>,
    pub goto: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub when: Vec<Condition>,
    pub goto: String,
}

/// A comparison of a variable with a number.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Condition {
    /// At least.
    Ge(String, i32),
    /// At most.
    Le(String, i32),
    Gt(String, i32),
    Lt(String, i32),
    Eq(String, i32),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub outcome: Outcome,
    pub score: i32,
    pub debrief: String,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Partial,
    Failure,
}

/// Every variable is kept in this range.
pub const VAR_MIN: i32 = 0;
pub const VAR_MAX: i32 = 100;

/// Narrator chains longer than this are treated as a loop.
const MAX_AUTO_STEPS: usize = 64;

impl Condition {
    pub fn var(&self) -> &str {
        match self {
            Self::Ge(v, _) | Self::Le(v, _) | Self::Gt(v, _) | Self::Lt(v, _) | Self::Eq(v, _) => v,
        }
    }

    pub fn holds(&self, vars: &Vars) -> bool {
        let value = |name: &str| vars.get(name).copied().unwrap_or(0);
        match self {
            Self::Ge(v, n) => value(v) >= *n,
            Self::Le(v, n) => value(v) <= *n,
            Self::Gt(v, n) => value(v) > *n,
            Self::Lt(v, n) => value(v) < *n,
            Self::Eq(v, n) => value(v) == *n,
        }
    }
}

pub type Vars = BTreeMap<String, i32>;

impl RolePlay {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn initial_vars(&self) -> Vars {
        let mut vars = Vars::new();
        vars.insert(ANGER.to_owned(), self.anger.clamp(VAR_MIN, VAR_MAX));
        vars.insert(TRUST.to_owned(), self.trust.clamp(VAR_MIN, VAR_MAX));
        for var in &self.variables {
            vars.insert(var.name.clone(), var.initial.clamp(VAR_MIN, VAR_MAX));
        }
        vars
    }

    /// The choices of `node` the learner may take with `vars`, with their indices.
    pub fn available<'a>(&self, node: &'a Node, vars: &Vars) -> Vec<(usize, &'a Choice)> {
        node.choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.requires.iter().all(|cond| cond.holds(vars)))
            .collect()
    }

    /// Applies `choice` to `vars` and returns where the conversation goes.
    pub fn apply<'a>(&self, choice: &'a Choice, vars: &mut Vars) -> &'a str {
        for (name, delta) in &choice.effects {
            let value = vars.entry(name.clone()).or_insert(0);
            *value = (*value + delta).clamp(VAR_MIN, VAR_MAX);
        }
        choice
            .branches
            .iter()
            .find(|b| b.when.iter().all(|c| c.holds(vars)))
            .map_or(choice.goto.as_str(), |b| b.goto.as_str())
    }

    /// Follows `next` from narrator nodes until a node with choices or an ending.
    pub fn settle<'a>(&'a self, mut id: &'a str) -> Option<&'a Node> {
        for _ in 0..MAX_AUTO_STEPS {
            let node = self.node(id)?;
            match (&node.next, node.choices.is_empty(), &node.ending) {
                (Some(next), true, None) => id = next,
                _ => return Some(node),
            }
        }
        None
    }

    /// The highest total (choice scores plus the ending's score) any path can reach, and that
    /// path as choice indices. `None` when no ending can be reached.
    pub fn best_path(&self) -> Option<(i32, Vec<usize>)> {
        fn search(
            play: &RolePlay,
            node_id: &str,
            vars: &Vars,
            depth: usize,
            on_path: &mut Vec<(String, Vars)>,
        ) -> Option<(i32, Vec<usize>)> {
            let node = play.settle(node_id)?;
            if let Some(ending) = &node.ending {
                return Some((ending.score, Vec::new()));
            }
            let state = (node.id.clone(), vars.clone());
            if depth > MAX_AUTO_STEPS || on_path.contains(&state) {
                return None;
            }
            on_path.push(state);
            let mut best: Option<(i32, Vec<usize>)> = None;
            for (index, choice) in play.available(node, vars) {
                let mut next_vars = vars.clone();
                let target = play.apply(choice, &mut next_vars);
                if let Some((rest, mut path)) = search(play, target, &next_vars, depth + 1, on_path)
                {
                    let total = rest + choice.score;
                    if best.as_ref().is_none_or(|(b, _)| total > *b) {
                        path.insert(0, index);
                        best = Some((total, path));
                    }
                }
            }
            on_path.pop();
            best
        }
        search(self, &self.start, &self.initial_vars(), 0, &mut Vec::new())
    }
}

/// One decision the learner made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub node: String,
    pub choice: usize,
    pub score: i32,
}

/// A conversation in progress: where it stands, the variables and the path so far.
#[derive(Clone, Debug)]
pub struct Conversation {
    pub node: String,
    pub vars: Vars,
    pub path: Vec<Step>,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlayError {
    #[error("the scenario has no node `{0}`")]
    MissingNode(String),
    #[error("that choice is not available now")]
    Unavailable,
    #[error("the conversation has ended")]
    Ended,
}

impl Conversation {
    pub fn start(play: &RolePlay) -> Result<Self, PlayError> {
        let node = play
            .settle(&play.start)
            .ok_or_else(|| PlayError::MissingNode(play.start.clone()))?;
        Ok(Self {
            node: node.id.clone(),
            vars: play.initial_vars(),
            path: Vec::new(),
        })
    }

    pub fn current<'a>(&self, play: &'a RolePlay) -> Option<&'a Node> {
        play.node(&self.node)
    }

    pub fn ending<'a>(&self, play: &'a RolePlay) -> Option<&'a Ending> {
        self.current(play)?.ending.as_ref()
    }

    /// Takes choice `index` of the current node (an index into all its choices).
    pub fn choose(&mut self, play: &RolePlay, index: usize) -> Result<(), PlayError> {
        let node = self
            .current(play)
            .ok_or_else(|| PlayError::MissingNode(self.node.clone()))?;
        if node.ending.is_some() {
            return Err(PlayError::Ended);
        }
        let (_, choice) = play
            .available(node, &self.vars)
            .into_iter()
            .find(|(i, _)| *i == index)
            .ok_or(PlayError::Unavailable)?;
        let target = play.apply(choice, &mut self.vars);
        let next = play
            .settle(target)
            .ok_or_else(|| PlayError::MissingNode(target.to_owned()))?;
        self.path.push(Step {
            node: node.id.clone(),
            choice: index,
            score: choice.score,
        });
        self.node = next.id.clone();
        Ok(())
    }

    /// Choice scores plus the ending's score, once ended.
    pub fn total(&self, play: &RolePlay) -> i32 {
        self.path.iter().map(|s| s.score).sum::<i32>() + self.ending(play).map_or(0, |e| e.score)
    }

    /// The result as a percentage of the best path's total (0–100).
    pub fn percent(&self, play: &RolePlay) -> u32 {
        let best = play.best_path().map_or(0, |(total, _)| total);
        if best <= 0 {
            return 0;
        }
        let ratio = f64::from(self.total(play).max(0)) / f64::from(best);
        // Clamped to 0..=100 first, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let percent = (ratio * 100.0).round().clamp(0.0, 100.0) as u32;
        percent
    }
}

/// A defect in a scenario, anchored to a node where there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub node: Option<String>,
    pub message: String,
}

/// Finds every structural defect: unknown targets, unreachable nodes, dead ends, loops with no
/// exit, undeclared variables and effects out of range.
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
    // Can reach an ending: fixed point over the edges.
    let mut finishes: HashSet<&str> = play
        .nodes
        .iter()
        .filter(|n| n.ending.is_some())
        .map(|n| n.id.as_str())
        .collect();
    loop {
        let before = finishes.len();
        for (id, targets) in &edges {
            if targets.iter().any(|t| finishes.contains(t)) {
                finishes.insert(id);
            }
        }
        if finishes.len() == before {
            break;
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
    problems
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

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(text: &str, goto: &str, score: i32, effects: &[(&str, i32)]) -> Choice {
        Choice {
            text: text.into(),
            feedback: String::new(),
            principle: String::new(),
            score,
            effects: effects.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            requires: Vec::new(),
            branches: Vec::new(),
            goto: goto.into(),
        }
    }

    fn node(id: &str, choices: Vec<Choice>) -> Node {
        Node {
            id: id.into(),
            speaker: Speaker::Customer,
            emotion: Emotion::Angry,
            text: id.into(),
            choices,
            next: None,
            ending: None,
        }
    }

    fn ending(id: &str, outcome: Outcome, score: i32) -> Node {
        Node {
            ending: Some(Ending {
                outcome,
                score,
                debrief: String::new(),
            }),
            ..node(id, Vec::new())
        }
    }

    /// open → (apologise: trust +30 | argue) ; offer requires trust ≥ 50.
    fn scenario() -> RolePlay {
        let mut offer = choice("offer", "win", 10, &[("trust", 10)]);
        offer.requires = vec![Condition::Ge("trust".into(), 50)];
        let mut wait = choice("wait", "meh", 0, &[("anger", 10)]);
        wait.branches = vec![Branch {
            when: vec![Condition::Ge("anger".into(), 70)],
            goto: "lose".into(),
        }];
        RolePlay {
            id: "rp".into(),
            lesson: "l".into(),
            title: "t".into(),
            customer: String::new(),
            brief: "b".into(),
            feedback: FeedbackTiming::Immediate,
            anger: 60,
            trust: 30,
            variables: Vec::new(),
            portraits: BTreeMap::new(),
            start: "open".into(),
            nodes: vec![
                node(
                    "open",
                    vec![
                        choice("apologise", "mid", 5, &[("trust", 30), ("anger", -30)]),
                        choice("argue", "mid", -5, &[("anger", 30)]),
                    ],
                ),
                node("mid", vec![offer, wait]),
                ending("win", Outcome::Success, 50),
                ending("meh", Outcome::Partial, 20),
                ending("lose", Outcome::Failure, 0),
            ],
        }
    }

    #[test]
    fn effects_clamp_and_conditions_gate_choices() {
        let play = scenario();
        let mut talk = Conversation::start(&play).unwrap();
        talk.choose(&play, 1).unwrap(); // argue: anger 60 → 90, trust stays 30
        assert_eq!(talk.vars[ANGER], 90);
        let mid = talk.current(&play).unwrap();
        let offered: Vec<usize> = play
            .available(mid, &talk.vars)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        assert_eq!(offered, vec![1], "the offer needs trust ≥ 50");
        assert_eq!(talk.choose(&play, 0), Err(PlayError::Unavailable));
        talk.choose(&play, 1).unwrap(); // wait: anger 90 → 100 (clamped) → branch to lose
        assert_eq!(talk.vars[ANGER], 100);
        assert_eq!(
            talk.ending(&play).map(|e| e.outcome),
            Some(Outcome::Failure)
        );
        assert_eq!(talk.choose(&play, 0), Err(PlayError::Ended));
        assert_eq!(talk.total(&play), -5);
    }

    #[test]
    fn paths_replay_deterministically_and_score_against_the_best() {
        let play = scenario();
        let (best, path) = play.best_path().unwrap();
        assert_eq!((best, path.clone()), (65, vec![0, 0]));
        let play_through = |choices: &[usize]| {
            let mut talk = Conversation::start(&play).unwrap();
            for &c in choices {
                talk.choose(&play, c).unwrap();
            }
            (talk.node.clone(), talk.percent(&play))
        };
        assert_eq!(play_through(&path), ("win".to_owned(), 100));
        assert_eq!(play_through(&[0, 1]), ("meh".to_owned(), 38)); // (5 + 0 + 20) / 65
        assert_eq!(play_through(&[0, 1]), play_through(&[0, 1]));
        assert_eq!(
            play.reachable_endings().into_iter().collect::<Vec<_>>(),
            vec!["lose", "meh", "win"]
        );
    }

    #[test]
    fn structural_checks_pass_on_a_sound_scenario() {
        assert_eq!(check_roleplay(&scenario()), Vec::new());
    }

    #[test]
    fn every_ending_of_every_built_in_scenario_is_reachable() {
        let pack = crate::pack::load_pack(&crate::pack::builtin_source())
            .pack
            .unwrap();
        let mut scenarios = 0;
        for chapter in &pack.chapters {
            for play in &chapter.roleplays {
                scenarios += 1;
                let endings: std::collections::BTreeSet<String> = play
                    .nodes
                    .iter()
                    .filter(|n| n.ending.is_some())
                    .map(|n| n.id.clone())
                    .collect();
                assert_eq!(play.reachable_endings(), endings, "{}", play.id);
                let outcomes: std::collections::BTreeSet<_> = play
                    .nodes
                    .iter()
                    .filter_map(|n| n.ending.as_ref())
                    .map(|e| format!("{:?}", e.outcome))
                    .collect();
                assert_eq!(
                    outcomes.len(),
                    3,
                    "{} needs success, partial and failure endings",
                    play.id
                );
                let (_, best) = play.best_path().unwrap();
                let mut talk = Conversation::start(play).unwrap();
                for c in best {
                    talk.choose(play, c).unwrap();
                }
                assert_eq!(talk.percent(play), 100, "{}", play.id);
            }
        }
        assert!(scenarios >= 8, "only {scenarios} built-in role-plays");
    }
}
