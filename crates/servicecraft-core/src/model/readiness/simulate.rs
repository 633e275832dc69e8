//! The mock exam simulated many thousand times with the learner's per-item probabilities: the
//! same pools, counts (essays apart), points, partial credit and pass mark as
//! `model/exam.rs::assemble` draws, giving the pass probability, the score's spread, the points
//! expected lost per chapter and question type, and the items whose review would help most.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Estimate, ItemInfo};
use crate::model::{MockExamSpec, Pack, QuestionType};

/// One drawable unit of a pool: a question, or a whole case with its parts (item indices).
#[derive(Clone, Debug)]
struct Unit {
    items: Vec<usize>,
}

/// A section of the blueprint: how many units it draws from which pool.
#[derive(Clone, Debug)]
struct Section {
    qtype: QuestionType,
    wanted: usize,
    pool: Vec<Unit>,
}

/// The blueprint of a mock exam, compiled against the pack's items.
#[derive(Clone, Debug)]
pub struct Blueprint {
    sections: Vec<Section>,
    pass_percent: f32,
}

impl Blueprint {
    /// Compiles `spec` as [`crate::model::exam::assemble`] reads it.
    pub fn new(pack: &Pack, spec: &MockExamSpec, items: &[ItemInfo]) -> Self {
        let index: BTreeMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.as_str(), i))
            .collect();
        let mut sections = Vec::new();
        for (qtype, wanted, pool) in crate::model::exam::blueprint(pack, spec) {
            let pool: Vec<Unit> = pool
                .into_iter()
                .map(|(_, q)| Unit {
                    items: Pack::answerable_ids(q)
                        .iter()
                        .filter_map(|id| index.get(id.as_str()).copied())
                        .collect(),
                })
                .filter(|u| !u.items.is_empty())
                .collect();
            if wanted > 0 && !pool.is_empty() {
                sections.push(Section {
                    qtype,
                    wanted: wanted.min(pool.len()),
                    pool,
                });
            }
        }
        Self {
            sections,
            pass_percent: spec.pass_percent as f32,
        }
    }

    /// The chance that item `i` is on a drawn paper, per item (0 for items no section draws).
    pub fn inclusion(&self, n_items: usize) -> Vec<f32> {
        let mut out = vec![0.0; n_items];
        for s in &self.sections {
            let share = s.wanted as f32 / s.pool.len() as f32;
            for u in &s.pool {
                for &i in &u.items {
                    if let Some(slot) = out.get_mut(i) {
                        *slot = share;
                    }
                }
            }
        }
        out
    }
}

/// An item whose review would raise the pass probability.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gain {
    pub id: String,
    /// The model's probability of a right answer now.
    pub p: f32,
    /// Estimated rise in pass probability if it were learned (p → 0.95).
    pub pass_gain: f32,
}

/// The simulated exam.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Simulation {
    pub papers: u32,
    /// Simulated papers that passed.
    pub passes: u32,
    pub pass_probability: f32,
    /// 95 % interval of the pass probability (Wilson interval over the simulated papers).
    pub pass_interval: (f32, f32),
    /// Expected percentage score and its standard deviation.
    pub expected_percent: f32,
    pub sd_percent: f32,
    pub pass_percent: f32,
    /// (chapter index, expected points lost per paper).
    pub lost_by_chapter: Vec<(usize, f32)>,
    /// (question type, expected points lost per paper).
    pub lost_by_type: Vec<(QuestionType, f32)>,
    /// Items ranked by how much learning them would raise the pass probability.
    pub top_items: Vec<Gain>,
}

fn wilson(successes: f32, n: f32) -> (f32, f32) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let z = 1.96f32;
    let p = successes / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * ((p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt()) / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Papers simulated per thread chunk once there are enough to share out.
const CHUNK_PAPERS: u32 = 2_500;

/// What a run of papers gave: passes, each paper's percentage, expected points lost per
/// chapter and per question type (summed over the papers).
struct Tally {
    passed: u32,
    percents: Vec<f32>,
    lost_chapter: Vec<f64>,
    lost_type: BTreeMap<QuestionType, f64>,
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut fastrand::Rng) -> f32 {
    let (u, v) = (rng.f32().max(1e-7), rng.f32());
    (-2.0 * u.ln()).sqrt() * (std::f32::consts::TAU * v).cos()
}

/// `p` with the part above chance moved by `shift` on the logit scale.
fn shifted(p: f32, chance: f32, shift: f32) -> f32 {
    if shift == 0.0 || chance >= 1.0 {
        return p;
    }
    let known = ((p - chance) / (1.0 - chance)).clamp(1e-4, 1.0 - 1e-4);
    let logit = (known / (1.0 - known)).ln() + shift;
    chance + (1.0 - chance) / (1.0 + (-logit).exp())
}

fn run_papers(
    blueprint: &Blueprint,
    items: &[ItemInfo],
    estimates: &[Estimate],
    spread: f32,
    papers: u32,
    seed: u64,
) -> Tally {
    let mut rng = fastrand::Rng::with_seed(seed);
    let n_chapters = items.iter().map(|i| i.chapter + 1).max().unwrap_or(0);
    let mut tally = Tally {
        passed: 0,
        percents: Vec::with_capacity(papers as usize),
        lost_chapter: vec![0.0f64; n_chapters],
        lost_type: BTreeMap::new(),
    };
    let mut order: Vec<Vec<usize>> = blueprint
        .sections
        .iter()
        .map(|s| (0..s.pool.len()).collect())
        .collect();
    for _ in 0..papers {
        let (mut score, mut max) = (0.0f32, 0.0f32);
        // How far this learner's exam day is from the estimates, shared by all its items.
        let shift = if spread > 0.0 {
            normal(&mut rng) * spread
        } else {
            0.0
        };
        for (s, section) in blueprint.sections.iter().enumerate() {
            let idx = &mut order[s];
            let mut lost_section = 0.0f64;
            // Partial Fisher–Yates: the first `wanted` of a shuffled pool.
            for k in 0..section.wanted {
                let j = rng.usize(k..idx.len());
                idx.swap(k, j);
                let unit = &section.pool[idx[k]];
                for &i in &unit.items {
                    let item = &items[i];
                    let p = shifted(estimates[i].p, item.chance, shift);
                    max += item.points;
                    let earned = if item.parts.is_empty() {
                        if rng.f32() < p { item.points } else { 0.0 }
                    } else {
                        // Each scoring point is earned on its own: partial credit.
                        item.parts.iter().filter(|_| rng.f32() < p).sum::<f32>()
                    };
                    score += earned;
                    let lost = f64::from(item.points * (1.0 - p));
                    tally.lost_chapter[item.chapter] += lost;
                    lost_section += lost;
                }
            }
            *tally.lost_type.entry(section.qtype).or_default() += lost_section;
        }
        let percent = if max > 0.0 { score / max * 100.0 } else { 0.0 };
        if max > 0.0 && percent >= blueprint.pass_percent - 1e-4 {
            tally.passed += 1;
        }
        tally.percents.push(percent);
    }
    tally
}

/// Simulates `papers` papers of `blueprint` with the estimates as they are (each item's
/// probability known exactly); `top` limits the ranked items.
pub fn simulate(
    blueprint: &Blueprint,
    items: &[ItemInfo],
    estimates: &[Estimate],
    papers: u32,
    seed: u64,
    top: usize,
) -> Simulation {
    simulate_uncertain(blueprint, items, estimates, 0.0, papers, seed, top)
}

/// Simulates `papers` papers of `blueprint`; `top` limits the ranked items. `spread` is the
/// uncertainty of the estimates as a whole: each paper moves every item's probability above
/// chance by one shared normal draw of that standard deviation on the logit scale (a learner
/// the model reads a little too high or too low on every item at once), so the pass
/// probability carries the model's uncertainty, not only the luck of the draw. Many papers are
/// shared out in fixed chunks (each with its own seed) over the cores, so the figures depend
/// on the seed and the number of papers only, not on the machine.
pub fn simulate_uncertain(
    blueprint: &Blueprint,
    items: &[ItemInfo],
    estimates: &[Estimate],
    spread: f32,
    papers: u32,
    seed: u64,
    top: usize,
) -> Simulation {
    let chunks = papers.div_ceil(CHUNK_PAPERS).max(1);
    let tally = if chunks == 1 {
        run_papers(blueprint, items, estimates, spread, papers, seed)
    } else {
        let parts: Vec<Tally> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..chunks)
                .map(|c| {
                    let n = (papers - c * CHUNK_PAPERS).min(CHUNK_PAPERS);
                    let chunk_seed =
                        seed.wrapping_add(u64::from(c).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                    scope.spawn(move || {
                        run_papers(blueprint, items, estimates, spread, n, chunk_seed)
                    })
                })
                .collect();
            // A panic in a worker would be a bug; its papers are then simply missing.
            workers.into_iter().filter_map(|w| w.join().ok()).collect()
        });
        let mut all = Tally {
            passed: 0,
            percents: Vec::with_capacity(papers as usize),
            lost_chapter: Vec::new(),
            lost_type: BTreeMap::new(),
        };
        for part in parts {
            all.passed += part.passed;
            all.percents.extend(part.percents);
            if all.lost_chapter.len() < part.lost_chapter.len() {
                all.lost_chapter.resize(part.lost_chapter.len(), 0.0);
            }
            for (sum, l) in all.lost_chapter.iter_mut().zip(part.lost_chapter) {
                *sum += l;
            }
            for (t, l) in part.lost_type {
                *all.lost_type.entry(t).or_default() += l;
            }
        }
        all
    };
    let Tally {
        passed,
        percents,
        lost_chapter,
        lost_type,
    } = tally;
    let papers = percents.len() as u32;
    let n = papers.max(1) as f32;
    let mean = percents.iter().sum::<f32>() / n;
    let var = percents
        .iter()
        .map(|x| (x - mean) * (x - mean))
        .sum::<f32>()
        / n;
    let sd = var.sqrt();
    // Density of the score at the pass mark, for the marginal value of each item's points.
    let band = (sd * 0.5).max(1.0);
    let near = percents
        .iter()
        .filter(|x| (**x - blueprint.pass_percent).abs() <= band)
        .count() as f32
        / n
        / (2.0 * band);
    let expected_max = expected_paper_points(blueprint, items);
    let inclusion = blueprint.inclusion(items.len());
    let mut gains: Vec<Gain> = items
        .iter()
        .zip(estimates)
        .zip(&inclusion)
        .filter(|((_, e), pi)| **pi > 0.0 && e.p < 0.95)
        .map(|((item, e), pi)| Gain {
            id: item.id.clone(),
            p: e.p,
            pass_gain: (pi * item.points * (0.95 - e.p) / expected_max.max(1e-3) * 100.0 * near)
                .min(1.0),
        })
        .collect();
    gains.sort_by(|a, b| {
        b.pass_gain
            .total_cmp(&a.pass_gain)
            .then_with(|| a.id.cmp(&b.id))
    });
    gains.truncate(top);
    Simulation {
        papers,
        passes: passed,
        // Never reported as certain: no pass (or no failure) in n papers is shown as half a paper.
        pass_probability: (passed as f32).clamp(0.5, (n - 0.5).max(0.5)) / n,
        pass_interval: wilson(passed as f32, n),
        expected_percent: mean,
        sd_percent: sd,
        pass_percent: blueprint.pass_percent,
        lost_by_chapter: lost_chapter
            .into_iter()
            .enumerate()
            .filter(|(_, l)| *l > 0.0)
            .map(|(c, l)| (c, (l / f64::from(n)) as f32))
            .collect(),
        lost_by_type: lost_type
            .into_iter()
            .map(|(t, l)| (t, (l / f64::from(n)) as f32))
            .collect(),
        top_items: gains,
    }
}

/// The points of an average paper.
fn expected_paper_points(blueprint: &Blueprint, items: &[ItemInfo]) -> f32 {
    blueprint
        .sections
        .iter()
        .map(|s| {
            let total: f32 = s
                .pool
                .iter()
                .map(|u| u.items.iter().map(|&i| items[i].points).sum::<f32>())
                .sum();
            total / s.pool.len() as f32 * s.wanted as f32
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::super::items;
    use super::*;
    use crate::pack::{builtin_source, load_pack};

    fn builtin_pack() -> Pack {
        load_pack(&builtin_source()).pack.unwrap()
    }

    fn with_p(n: usize, p: f32) -> Vec<Estimate> {
        vec![
            Estimate {
                p,
                answers: 0,
                retrievability: None,
            };
            n
        ]
    }

    #[test]
    fn pass_probability_follows_the_item_probabilities() {
        let pack = builtin_pack();
        let spec = &pack.manifest.mock_exams[0];
        let items = items(&pack);
        let bp = Blueprint::new(&pack, spec, &items);
        let strong = simulate(&bp, &items, &with_p(items.len(), 0.9), 2000, 1, 5);
        let weak = simulate(&bp, &items, &with_p(items.len(), 0.3), 2000, 1, 5);
        assert!(strong.pass_probability > 0.95, "{strong:?}");
        assert!(weak.pass_probability < 0.05);
        assert!((strong.expected_percent - 90.0).abs() < 3.0);
        let (lo, hi) = strong.pass_interval;
        assert!(lo - 1e-3 <= strong.pass_probability && strong.pass_probability <= hi + 1e-3);
        // Points lost per type add up to what the expected score says is lost.
        let lost: f32 = weak.lost_by_type.iter().map(|(_, l)| l).sum();
        let per_paper = expected_paper_points(&bp, &items);
        assert!(
            (lost / per_paper - 0.7).abs() < 0.05,
            "{lost} of {per_paper}"
        );
        assert_eq!(weak.top_items.len(), 5);
    }

    #[test]
    fn papers_shared_over_threads_are_reproducible_and_agree_with_one_run() {
        let pack = builtin_pack();
        let spec = &pack.manifest.mock_exams[0];
        let items = items(&pack);
        let bp = Blueprint::new(&pack, spec, &items);
        let est = with_p(items.len(), 0.62);
        let many = simulate(&bp, &items, &est, 4 * CHUNK_PAPERS + 1, 3, 5);
        assert_eq!(
            many,
            simulate(&bp, &items, &est, 4 * CHUNK_PAPERS + 1, 3, 5)
        );
        assert_eq!(many.papers, 4 * CHUNK_PAPERS + 1);
        let one = simulate(&bp, &items, &est, CHUNK_PAPERS, 3, 5);
        assert!((many.expected_percent - 62.0).abs() < 1.0, "{many:?}");
        assert!((many.expected_percent - one.expected_percent).abs() < 1.0);
        assert!((many.pass_probability - one.pass_probability).abs() < 0.05);
        // Points lost are per paper, whatever the number of chunks.
        let lost = |s: &Simulation| s.lost_by_type.iter().map(|(_, l)| l).sum::<f32>();
        assert!((lost(&many) - lost(&one)).abs() < 0.01 * lost(&one));
    }

    #[test]
    fn the_estimates_spread_widens_the_scores_and_keeps_their_centre() {
        let pack = builtin_pack();
        let spec = &pack.manifest.mock_exams[0];
        let items = items(&pack);
        let bp = Blueprint::new(&pack, spec, &items);
        let est = with_p(items.len(), 0.75);
        let exact = simulate(&bp, &items, &est, 3000, 5, 0);
        let unsure = simulate_uncertain(&bp, &items, &est, 0.5, 3000, 5, 0);
        assert!(
            unsure.sd_percent > exact.sd_percent * 1.3,
            "{unsure:?} {exact:?}"
        );
        assert!((unsure.expected_percent - exact.expected_percent).abs() < 3.0);
        // A sure pass is a little less sure when the estimates may be off.
        assert!(unsure.pass_probability < exact.pass_probability);
        assert!(unsure.pass_probability > 0.5);
        // The shift moves only the part above chance, both ways.
        assert!((shifted(0.75, 0.25, 0.0) - 0.75).abs() < 1e-6);
        assert!(shifted(0.75, 0.25, 1.0) > 0.75 && shifted(0.75, 0.25, -1.0) < 0.75);
        assert!(shifted(0.25, 0.25, -3.0) >= 0.25);
    }

    #[test]
    fn the_weakest_heavy_items_rank_first() {
        let pack = builtin_pack();
        let spec = &pack.manifest.mock_exams[0];
        let items = items(&pack);
        let bp = Blueprint::new(&pack, spec, &items);
        let mut est = with_p(items.len(), 0.62);
        let inclusion = bp.inclusion(items.len());
        let weak = inclusion.iter().position(|&pi| pi > 0.0).unwrap();
        est[weak].p = 0.05;
        let sim = simulate(&bp, &items, &est, 3000, 7, 3);
        assert!(
            sim.top_items.iter().any(|g| g.id == items[weak].id),
            "{:?}",
            sim.top_items
        );
    }
}
