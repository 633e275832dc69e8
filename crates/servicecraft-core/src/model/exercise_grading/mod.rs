//! Grading of the framework exercises: SWOT sorting, TOWS strategy matching, step ordering and
//! PDCA placement, each telling per item what was right and why not; plus the seeded shuffles.

use super::{Pairing, PdcaExercise, PdcaStage, Quadrant, StrategyCard, SwotCard};

impl Quadrant {
    /// Strengths and weaknesses are the organisation's own; opportunities and threats come from outside.
    pub fn is_internal(self) -> bool {
        matches!(self, Self::Strength | Self::Weakness)
    }

    /// Strengths and opportunities help; weaknesses and threats hurt.
    pub fn is_helpful(self) -> bool {
        matches!(self, Self::Strength | Self::Opportunity)
    }

    /// The letter on the grid.
    pub fn letter(self) -> &'static str {
        match self {
            Self::Strength => "S",
            Self::Weakness => "W",
            Self::Opportunity => "O",
            Self::Threat => "T",
        }
    }

    /// Position in [`Self::ALL`], which is also the number key that places a card there (1–4).
    pub fn index(self) -> usize {
        match self {
            Self::Strength => 0,
            Self::Weakness => 1,
            Self::Opportunity => 2,
            Self::Threat => 3,
        }
    }
}

impl Pairing {
    /// The internal factor the pairing builds on (S or W).
    pub fn internal(self) -> Quadrant {
        match self {
            Self::SO | Self::ST => Quadrant::Strength,
            Self::WO | Self::WT => Quadrant::Weakness,
        }
    }

    /// The external factor it answers (O or T).
    pub fn external(self) -> Quadrant {
        match self {
            Self::SO | Self::WO => Quadrant::Opportunity,
            Self::ST | Self::WT => Quadrant::Threat,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Self::SO => 0,
            Self::WO => 1,
            Self::ST => 2,
            Self::WT => 3,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::SO => "SO",
            Self::WO => "WO",
            Self::ST => "ST",
            Self::WT => "WT",
        }
    }
}

impl PdcaStage {
    pub fn index(self) -> usize {
        match self {
            Self::Plan => 0,
            Self::Do => 1,
            Self::Check => 2,
            Self::Act => 3,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Self::Plan => "P",
            Self::Do => "D",
            Self::Check => "C",
            Self::Act => "A",
        }
    }
}

/// Which of the two SWOT questions a wrong placement got wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwotMistake {
    /// Not placed at all.
    Missing,
    /// Internal taken for external or the other way round; helps/hurts was right.
    InsideOutside,
    /// Helpful taken for harmful or the other way round; internal/external was right.
    HelpsHurts,
    /// Both questions answered wrongly.
    Both,
}

/// The mistake in putting a factor that belongs in `expected` into `placed`, if any.
pub fn swot_mistake(expected: Quadrant, placed: Option<Quadrant>) -> Option<SwotMistake> {
    let placed = match placed {
        None => return Some(SwotMistake::Missing),
        Some(p) if p == expected => return None,
        Some(p) => p,
    };
    let inside_wrong = placed.is_internal() != expected.is_internal();
    let helps_wrong = placed.is_helpful() != expected.is_helpful();
    Some(match (inside_wrong, helps_wrong) {
        (true, true) => SwotMistake::Both,
        (true, false) => SwotMistake::InsideOutside,
        _ => SwotMistake::HelpsHurts,
    })
}

/// How one card (or strategy statement) was judged.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged<T> {
    pub placed: Option<T>,
    pub expected: T,
    pub correct: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SwotGrade {
    /// Per card, in the exercise's card order.
    pub cards: Vec<(Judged<Quadrant>, Option<SwotMistake>)>,
    pub right: usize,
    pub max: usize,
}

/// Grades a SWOT sort: `placed[i]` is where the learner put card `i`.
pub fn grade_swot(cards: &[SwotCard], placed: &[Option<Quadrant>]) -> SwotGrade {
    let judged: Vec<(Judged<Quadrant>, Option<SwotMistake>)> = cards
        .iter()
        .enumerate()
        .map(|(i, card)| {
            let at = placed.get(i).copied().flatten();
            let mistake = swot_mistake(card.quadrant, at);
            (
                Judged {
                    placed: at,
                    expected: card.quadrant,
                    correct: mistake.is_none(),
                },
                mistake,
            )
        })
        .collect();
    let right = judged.iter().filter(|(j, _)| j.correct).count();
    SwotGrade {
        cards: judged,
        right,
        max: cards.len(),
    }
}

/// Which side of a TOWS pairing a wrong match got wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairingMistake {
    Missing,
    /// Strength taken for weakness (or the reverse).
    InternalSide,
    /// Opportunity taken for threat (or the reverse).
    ExternalSide,
    Both,
}

pub fn pairing_mistake(expected: Pairing, placed: Option<Pairing>) -> Option<PairingMistake> {
    let placed = match placed {
        None => return Some(PairingMistake::Missing),
        Some(p) if p == expected => return None,
        Some(p) => p,
    };
    let internal = placed.internal() != expected.internal();
    let external = placed.external() != expected.external();
    Some(match (internal, external) {
        (true, true) => PairingMistake::Both,
        (true, false) => PairingMistake::InternalSide,
        _ => PairingMistake::ExternalSide,
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct StrategyGrade {
    pub strategies: Vec<(Judged<Pairing>, Option<PairingMistake>)>,
    pub right: usize,
    pub max: usize,
}

/// Grades the matching of strategy statements to SO/WO/ST/WT.
pub fn grade_strategies(strategies: &[StrategyCard], placed: &[Option<Pairing>]) -> StrategyGrade {
    let judged: Vec<(Judged<Pairing>, Option<PairingMistake>)> = strategies
        .iter()
        .enumerate()
        .map(|(i, strategy)| {
            let at = placed.get(i).copied().flatten();
            let mistake = pairing_mistake(strategy.pairing, at);
            (
                Judged {
                    placed: at,
                    expected: strategy.pairing,
                    correct: mistake.is_none(),
                },
                mistake,
            )
        })
        .collect();
    let right = judged.iter().filter(|(j, _)| j.correct).count();
    StrategyGrade {
        strategies: judged,
        right,
        max: strategies.len(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderingGrade {
    /// Per position of the learner's order: is the step there the one that belongs there?
    pub positions: Vec<bool>,
    pub right: usize,
    pub max: usize,
    /// The longest stretch of neighbours the learner kept in the correct sequence (a step directly
    /// followed by its true successor), even if the stretch as a whole sits in the wrong place.
    pub longest_run: usize,
}

/// Grades an ordering: `order[p]` is the index (in the correct order) of the step the learner put
/// at position `p`.
pub fn grade_ordering(order: &[usize]) -> OrderingGrade {
    let positions: Vec<bool> = order.iter().enumerate().map(|(p, &s)| p == s).collect();
    let right = positions.iter().filter(|ok| **ok).count();
    let mut longest_run = usize::from(!order.is_empty());
    let mut run = longest_run;
    for pair in order.windows(2) {
        run = if pair[1] == pair[0] + 1 { run + 1 } else { 1 };
        longest_run = longest_run.max(run);
    }
    OrderingGrade {
        positions,
        right,
        max: order.len(),
        longest_run,
    }
}

/// Where the learner put one PDCA step and how that was judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdcaStepResult {
    /// The stage column and the position in it, if placed.
    pub placed: Option<(PdcaStage, usize)>,
    pub expected: PdcaStage,
    pub right_stage: bool,
    /// In the right stage and in the right order relative to the other steps rightly placed there.
    pub right_order: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdcaGrade {
    /// Per step, in the exercise's (correct) order.
    pub steps: Vec<PdcaStepResult>,
    pub right_stage: usize,
    pub right_order: usize,
}

impl PdcaGrade {
    /// One point for the right stage and one for the right order, per step.
    pub fn score(&self) -> usize {
        self.right_stage + self.right_order
    }

    pub fn max(&self) -> usize {
        self.steps.len() * 2
    }
}

/// Grades a PDCA placement: `columns[stage]` lists the step indices the learner put in that stage,
/// top to bottom. A step's order is right when it belongs to the longest in-order chain of the
/// rightly staged steps in its column, so one step out of place costs one point, not a cascade.
pub fn grade_pdca(exercise: &PdcaExercise, columns: &[Vec<usize>; 4]) -> PdcaGrade {
    let mut steps: Vec<PdcaStepResult> = exercise
        .steps
        .iter()
        .map(|step| PdcaStepResult {
            placed: None,
            expected: step.stage,
            right_stage: false,
            right_order: false,
        })
        .collect();
    for stage in PdcaStage::ALL {
        let column = &columns[stage.index()];
        for (position, &step) in column.iter().enumerate() {
            if let Some(result) = steps.get_mut(step) {
                result.placed = Some((stage, position));
                result.right_stage = result.expected == stage;
            }
        }
        let staged: Vec<usize> = column
            .iter()
            .copied()
            .filter(|&s| steps.get(s).is_some_and(|r| r.right_stage))
            .collect();
        for s in longest_increasing(&staged) {
            if let Some(result) = steps.get_mut(s) {
                result.right_order = true;
            }
        }
    }
    let right_stage = steps.iter().filter(|s| s.right_stage).count();
    let right_order = steps.iter().filter(|s| s.right_order).count();
    PdcaGrade {
        steps,
        right_stage,
        right_order,
    }
}

/// The longest strictly increasing subsequence of `values` (the earliest one among equals).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // O(n²) is plenty for a handful of steps and keeps the tie-breaking obvious.
    let n = values.len();
    let mut length = vec![1usize; n];
    let mut previous: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = Some(j);
            }
        }
    }
    let Some(mut end) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut chain = vec![values[end]];
    while let Some(p) = previous[end] {
        chain.push(values[p]);
        end = p;
    }
    chain.reverse();
    chain
}

/// Cards being sorted into four bins (quadrants, pairings or PDCA stages): what is still in the
/// pool, and the order of the cards in each bin. Card numbers index the exercise's own list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    /// The shuffled order the cards were dealt in; the pool keeps it.
    order: Vec<usize>,
    pub pool: Vec<usize>,
    pub bins: [Vec<usize>; 4],
}

impl Board {
    pub fn new(order: Vec<usize>) -> Self {
        Self {
            pool: order.clone(),
            order,
            bins: Default::default(),
        }
    }

    pub fn bin_of(&self, card: usize) -> Option<usize> {
        self.bins.iter().position(|bin| bin.contains(&card))
    }

    fn take(&mut self, card: usize) {
        self.pool.retain(|c| *c != card);
        for bin in &mut self.bins {
            bin.retain(|c| *c != card);
        }
    }

    /// Puts `card` into `bin` at `at` (clamped; the end when `None`), from wherever it was.
    pub fn place(&mut self, card: usize, bin: usize, at: Option<usize>) {
        if bin >= self.bins.len() || !self.order.contains(&card) {
            return;
        }
        self.take(card);
        let target = &mut self.bins[bin];
        let at = at.unwrap_or(target.len()).min(target.len());
        target.insert(at, card);
    }

    /// Returns `card` to the pool, in its dealt position.
    pub fn unplace(&mut self, card: usize) {
        if !self.order.contains(&card) || self.pool.contains(&card) {
            return;
        }
        self.take(card);
        let order = &self.order;
        let rank = |c: &usize| order.iter().position(|o| o == c);
        let at = self.pool.iter().filter(|c| rank(c) < rank(&card)).count();
        self.pool.insert(at, card);
    }

    /// Moves a placed card one place up or down in its bin. Returns whether it moved.
    pub fn shift(&mut self, card: usize, up: bool) -> bool {
        let Some(bin) = self.bin_of(card) else {
            return false;
        };
        let list = &mut self.bins[bin];
        let Some(i) = list.iter().position(|c| *c == card) else {
            return false;
        };
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        match j {
            Some(j) if j < list.len() => {
                list.swap(i, j);
                true
            }
            _ => false,
        }
    }

    pub fn is_complete(&self) -> bool {
        self.pool.is_empty()
    }

    /// Every card in reading order: the pool, then each bin.
    pub fn reading_order(&self) -> Vec<usize> {
        self.pool
            .iter()
            .chain(self.bins.iter().flatten())
            .copied()
            .collect()
    }

    /// Where each of `n` cards is, as one of `kinds` (the bins' meanings).
    pub fn placements<K: Copy>(&self, n: usize, kinds: [K; 4]) -> Vec<Option<K>> {
        (0..n)
            .map(|card| self.bin_of(card).map(|bin| kinds[bin]))
            .collect()
    }
}

/// Moves item `from` of a list to position `to` (clamped), shifting the others.
pub fn move_in_list<T>(list: &mut Vec<T>, from: usize, to: usize) {
    if from >= list.len() {
        return;
    }
    let item = list.remove(from);
    let to = to.min(list.len());
    list.insert(to, item);
}

/// `0..n` in a random order from `seed`, never the identity when `n > 1` (a "shuffle" that
/// shows the answer teaches nothing).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    if n > 1 && order.iter().enumerate().all(|(i, &s)| i == s) {
        order.rotate_left(1);
    }
    order
}

/// A percentage for display, 0 when there is nothing to score.
pub fn percent(score: usize, max: usize) -> u32 {
    if max == 0 {
        0
    } else {
        ((score as f64 / max as f64) * 100.0).round() as u32
    }
}

#[cfg(test)]
mod tests;
