//! Proof that the readiness model is honest: simulated learners whose true probability of
//! answering every question on the exam day is known practise with realistic histories, then
//! sit one simulated exam each. Their predicted pass probabilities, binned, are compared with
//! the observed pass rates (calibration error, Brier score), against the naive estimate that
//! takes the learner's practice accuracy for every question. Figures: `docs/readiness.md`.

use chrono::{DateTime, Duration, Utc};

use super::simulate::{Blueprint, simulate, simulate_uncertain};
use super::{Answer, Estimate, History, ItemInfo, estimate, items};
use crate::model::Pack;
use crate::model::evidence::Certainty;
use crate::model::memory::MemoryParams;
use crate::pack::{builtin_source, load_pack};

const LEARNERS: u64 = 300;
const PAPERS: u32 = 1000;
const STUDY_DAYS: i64 = 60;

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

fn normal(rng: &mut fastrand::Rng) -> f32 {
    // Box–Muller.
    let (u, v) = (rng.f32().max(1e-7), rng.f32());
    (-2.0 * u.ln()).sqrt() * (std::f32::consts::TAU * v).cos()
}

/// One simulated learner: their history and their true exam-day probability per item.
struct Learner {
    history: History,
    truth: Vec<f32>,
}

/// A learner of ability θ: knows item q with probability k = σ(θ + chapter offset − difficulty).
/// They practise a random share of the items 1–5 times over the study period; each answer is
/// right with probability chance + (1 − chance)·k·r, where r is their recall since the previous
/// practice (exponential forgetting, half-life 15 days at first — about FSRS's first stability
/// of 2.3 days at 90 % — times 2.5 after a right answer and halved after a wrong one). On the
/// exam day a practised item is known with its recall then; an item never practised only with
/// k·0.5 (the lesson was read, never tested). Certainty: sure when they knew it, a guess when
/// they did not (with some noise).
fn learner(items: &[ItemInfo], difficulty: &[f32], seed: u64, exam: DateTime<Utc>) -> Learner {
    let mut rng = fastrand::Rng::with_seed(seed);
    let theta = normal(&mut rng) * 1.2 + 1.0;
    let n_chapters = items.iter().map(|i| i.chapter + 1).max().unwrap_or(1);
    let offsets: Vec<f32> = (0..n_chapters).map(|_| normal(&mut rng) * 0.6).collect();
    let coverage = 0.15 + 0.85 * rng.f32();
    let start = exam - Duration::days(STUDY_DAYS);
    let mut history = History::new();
    let mut truth = Vec::with_capacity(items.len());
    for (item, b) in items.iter().zip(difficulty) {
        let k = sigmoid(theta + offsets[item.chapter] - b);
        if rng.f32() >= coverage {
            truth.push(item.chance + (1.0 - item.chance) * k * 0.5);
            continue;
        }
        let mut t = rng.i64(0..STUDY_DAYS - 5);
        let mut half_life = 15.0f32;
        let mut last: Option<i64> = None;
        let mut answers = Vec::new();
        for _ in 0..rng.u32(1..=5) {
            let r = last.map_or(1.0, |l| 0.5f32.powf((t - l) as f32 / half_life));
            let knows = rng.f32() < k * r;
            let right = knows || rng.f32() < item.chance;
            let certainty = match (knows, rng.f32()) {
                (_, x) if x < 0.15 => None,
                (true, x) if x < 0.85 => Some(Certainty::Sure),
                (true, _) => Some(Certainty::Unsure),
                (false, x) if x < 0.3 => Some(Certainty::Unsure),
                (false, _) => Some(Certainty::Guess),
            };
            answers.push(Answer {
                when: start + Duration::days(t),
                ratio: if right { 1.0 } else { 0.0 },
                certainty,
            });
            half_life *= if right { 2.5 } else { 0.5 };
            last = Some(t);
            t += rng.i64(1..12);
            if t >= STUDY_DAYS {
                break;
            }
        }
        let r = last.map_or(1.0, |l| 0.5f32.powf((STUDY_DAYS - l) as f32 / half_life));
        truth.push(item.chance + (1.0 - item.chance) * k * r);
        history.insert(item.id.clone(), answers);
    }
    Learner { history, truth }
}

fn uniform(items: &[ItemInfo], p: f32) -> Vec<Estimate> {
    items
        .iter()
        .map(|_| Estimate {
            p,
            answers: 0,
            retrievability: None,
        })
        .collect()
}

/// Expected calibration error over ten equal-width bins, and the Brier score.
fn scores(predicted: &[f32], observed: &[bool]) -> (f32, f32, Vec<(f32, f32, usize)>) {
    let n = predicted.len() as f32;
    let brier = predicted
        .iter()
        .zip(observed)
        .map(|(p, o)| (p - f32::from(u8::from(*o))).powi(2))
        .sum::<f32>()
        / n;
    let mut bins = vec![(0.0f32, 0.0f32, 0usize); 10];
    for (p, o) in predicted.iter().zip(observed) {
        let b = ((p * 10.0) as usize).min(9);
        bins[b].0 += p;
        bins[b].1 += f32::from(u8::from(*o));
        bins[b].2 += 1;
    }
    let ece = bins
        .iter()
        .filter(|b| b.2 > 0)
        .map(|b| (b.0 - b.1).abs() / n)
        .sum::<f32>();
    let table = bins
        .into_iter()
        .filter(|b| b.2 > 0)
        .map(|(p, o, c)| (p / c as f32, o / c as f32, c))
        .collect();
    (ece, brier, table)
}

/// What one simulated population gives: the model's and the naive estimate's calibration.
struct Calibration {
    pass_rate: f32,
    ece: f32,
    brier: f32,
    naive_ece: f32,
    naive_brier: f32,
}

/// Calibrates on [`LEARNERS`] learners numbered from `first`, over item difficulties drawn with
/// `difficulty_seed`.
fn calibrate(first: u64, difficulty_seed: u64) -> Calibration {
    let pack: Pack = load_pack(&builtin_source()).pack.unwrap();
    let spec = &pack.manifest.mock_exams[0];
    let items = items(&pack);
    let blueprint = Blueprint::new(&pack, spec, &items);
    let exam = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let mut rng = fastrand::Rng::with_seed(difficulty_seed);
    let difficulty: Vec<f32> = items.iter().map(|_| normal(&mut rng) * 0.8).collect();
    let params = MemoryParams::default();
    let (mut model, mut naive, mut observed) = (Vec::new(), Vec::new(), Vec::new());
    for seed in first..first + LEARNERS {
        let l = learner(&items, &difficulty, seed, exam);
        let est = estimate(&items, &l.history, &params, exam);
        model.push(
            simulate_uncertain(
                &blueprint,
                &items,
                &est,
                super::ESTIMATE_SPREAD,
                PAPERS,
                seed,
                0,
            )
            .pass_probability,
        );
        let (right, total) = l
            .history
            .values()
            .flatten()
            .fold((0.0, 0.0), |(r, t), a| (r + a.ratio, t + 1.0));
        let accuracy = if total > 0.0 { right / total } else { 0.5 };
        naive.push(
            simulate(
                &blueprint,
                &items,
                &uniform(&items, accuracy),
                PAPERS,
                seed,
                0,
            )
            .pass_probability,
        );
        // The exam actually sat: one paper with the true probabilities.
        let truth: Vec<Estimate> = l
            .truth
            .iter()
            .map(|&p| Estimate {
                p,
                answers: 0,
                retrievability: None,
            })
            .collect();
        observed.push(simulate(&blueprint, &items, &truth, 1, seed + 1_000_000, 0).passes == 1);
    }
    let (ece, brier, table) = scores(&model, &observed);
    let (naive_ece, naive_brier, naive_table) = scores(&naive, &observed);
    let pass_rate = observed.iter().filter(|o| **o).count() as f32 / observed.len() as f32;
    println!("learners {first}.., observed pass rate {pass_rate:.3}");
    println!("model: ECE {ece:.3}, Brier {brier:.3}; bins (predicted, observed, n) {table:.2?}");
    println!("naive: ECE {naive_ece:.3}, Brier {naive_brier:.3}; bins {naive_table:.2?}");
    Calibration {
        pass_rate,
        ece,
        brier,
        naive_ece,
        naive_brier,
    }
}

/// The model beats the naive estimate on both scores, and the population is mixed.
fn assert_honest(c: &Calibration) {
    assert!(
        c.brier < c.naive_brier,
        "model Brier {} vs naive {}",
        c.brier,
        c.naive_brier
    );
    assert!(
        c.ece < c.naive_ece,
        "model ECE {} vs naive {}",
        c.ece,
        c.naive_ece
    );
    assert!(
        (0.1..0.9).contains(&c.pass_rate),
        "the learners must not all pass or all fail"
    );
}

#[test]
fn predicted_pass_probabilities_match_observed_pass_rates() {
    let c = calibrate(0, 99);
    assert_honest(&c);
    // Measured: ECE 0.061, Brier 0.100 (naive 0.403 / 0.351); before the fresh-knowledge
    // share and the estimates' spread it was 0.150 / 0.133 (docs/readiness.md). A regression
    // past 0.08 or 0.11 fails.
    assert!(c.ece < 0.08, "calibration error {}", c.ece);
    assert!(c.brier < 0.11, "Brier score {}", c.brier);
}

#[test]
fn calibration_holds_on_learners_the_spread_was_not_chosen_on() {
    // `ESTIMATE_SPREAD` was chosen on the population above; other learners and other item
    // difficulties must be as well calibrated, or the choice only fitted that population.
    // Measured: ECE 0.059, Brier 0.089 (naive 0.402 / 0.347).
    let c = calibrate(10_000, 7);
    assert_honest(&c);
    assert!(c.ece < 0.08, "calibration error {}", c.ece);
    assert!(c.brier < 0.11, "Brier score {}", c.brier);
}
