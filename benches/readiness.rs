//! Exam readiness: 10 000 simulated papers of the built-in pack's mock exam (budget: < 100 ms,
//! run off the UI thread), and the per-item estimates from a two-year history.
#![expect(clippy::unwrap_used, reason = "benchmark set-up")]

use chrono::{DateTime, Duration};
use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft::model::memory::MemoryParams;
use servicecraft::model::readiness::simulate::{Blueprint, simulate};
use servicecraft::model::readiness::{Answer, History, estimate, items};
use servicecraft::pack::{builtin_source, load_pack};

fn readiness(c: &mut Criterion) {
    let pack = load_pack(&builtin_source()).pack.unwrap();
    let spec = pack.manifest.mock_exams[0].clone();
    let items = items(&pack);
    let exam = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    // Two years of answers, 30 a day, every third wrong.
    let mut history = History::new();
    for n in 0..(730 * 30) {
        let item = &items[n % items.len()];
        history.entry(item.id.clone()).or_default().push(Answer {
            when: exam - Duration::minutes((730 * 30 - n as i64) * 48),
            ratio: if n % 3 == 0 { 0.0 } else { 1.0 },
            certainty: None,
        });
    }
    let params = MemoryParams::default();
    let estimates = estimate(&items, &history, &params, exam);
    let blueprint = Blueprint::new(&pack, &spec, &items);
    c.bench_function("readiness: 10 000 simulated papers", |b| {
        b.iter(|| simulate(&blueprint, &items, &estimates, 10_000, 1, 10).pass_probability);
    });
    c.bench_function("readiness: estimates from 21 900 answers", |b| {
        b.iter(|| estimate(&items, &history, &params, exam).len());
    });
    // The home screen's figures (4 000 papers, a four-week trend, forecast and plan), computed
    // on a background thread after each answer.
    let mut progress = servicecraft::progress::Progress::default();
    for (id, answers) in &history {
        for a in answers {
            progress.record_attempt(
                id,
                &pack.manifest.id,
                servicecraft::progress::Attempt {
                    started: a.when,
                    finished: a.when,
                    answer: String::new(),
                    score: a.ratio,
                    max: 1.0,
                },
            );
        }
    }
    let study = servicecraft::model::study::StudyState::default();
    let now = exam - Duration::days(30);
    c.bench_function("readiness: home outlook from 21 900 answers", |b| {
        b.iter(|| {
            servicecraft::progress::outlook::outlook(
                &pack,
                Some(&spec),
                &progress,
                &study,
                Some(exam.date_naive()),
                now,
            )
            .trend
            .len()
        });
    });
}

criterion_group!(benches, readiness);
criterion_main!(benches);
