//! Search query time over the built-in syllabus with 2 000 notes, and over ten copies of it; the
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! index is built once per pack, queries run as the learner types (the frame budget is 2 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use servicecraft::model::Pack;
use servicecraft::model::search::{MAX_HITS_PER_KIND, SearchIndex};
use servicecraft::pack::{builtin_source, load_pack};

/// 2 000 notes spread over the pack's lessons and questions.
fn notes(pack: &Pack) -> Vec<(String, String)> {
    let ids: Vec<String> = pack
        .lessons()
        .map(|(_, l)| l.id.clone())
        .chain(pack.questions().map(|(_, q)| q.id.clone()))
        .collect();
    (0..2000)
        .map(|i| {
            (
                ids[i % ids.len()].clone(),
                format!("第 {i} 条笔记：处理投诉先倾听，再道歉，最后跟踪回访，提高客户满意度。"),
            )
        })
        .collect()
}

fn search(c: &mut Criterion) {
    let pack = load_pack(&builtin_source()).pack.unwrap();
    c.bench_function("search: build the index of the built-in syllabus", |b| {
        b.iter(|| SearchIndex::new(&pack));
    });
    let index = SearchIndex::new(&pack);
    let notes = notes(&pack);
    let notes = || notes.iter().map(|(id, text)| (id.as_str(), text.as_str()));
    for (name, query) in [
        ("one common character 客", "客"),
        ("two terms 客户 满意", "客户 满意"),
        ("Latin, any case: pdca", "pdca"),
        ("no match", "不存在的词语"),
    ] {
        c.bench_function(&format!("search: {name}, built-in + 2000 notes"), |b| {
            b.iter(|| index.search(query, notes(), MAX_HITS_PER_KIND).total());
        });
    }
    // Ten copies of the syllabus: ~4 600 questions, 630 lessons.
    let big = Pack::new(
        pack.manifest.clone(),
        (0..10).flat_map(|_| pack.chapters.clone()).collect(),
    );
    let big_index = SearchIndex::new(&big);
    c.bench_function("search: 客 in ten copies of the syllabus", |b| {
        b.iter(|| {
            big_index
                .search("客", std::iter::empty(), MAX_HITS_PER_KIND)
                .total()
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = search
}
criterion_main!(benches);
