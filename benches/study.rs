//! Building the day's review queue for 10 000 cards (budget: ≤ 10 ms).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration};
use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft::model::study::{Recall, StudyState};

fn study(c: &mut Criterion) {
    let start = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let mut state = StudyState::default();
    let ids: Vec<String> = (0..10_000).map(|i| format!("card{i}")).collect();
    // 8 000 cards reviewed over the past year, 2 000 never seen.
    for (i, id) in ids.iter().take(8_000).enumerate() {
        let when = start + Duration::minutes(i as i64 * 60);
        let recall = [Recall::Good, Recall::Hard, Recall::Again, Recall::Easy][i % 4];
        state.record_recall(id, recall, when);
    }
    let now = start + Duration::days(365);
    c.bench_function("review queue, 10 000 cards", |b| {
        b.iter(|| state.queue(ids.iter().map(String::as_str), now).len());
    });
}

criterion_group!(benches, study);
criterion_main!(benches);
