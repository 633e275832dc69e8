//! The built-in bank exported to Excel and imported back gives the same questions, ids and all.

use servicecraft_core::export::bank::bank_workbook;
use servicecraft_core::model::{Question, QuestionKind};
use servicecraft_core::pack::import::{build_pack, xlsx};
use servicecraft_core::pack::{builtin_source, load_pack};

/// A question without the lesson it is listed under (an import makes its own lessons).
fn unlisted(q: &Question) -> Question {
    let mut q = q.clone();
    q.lesson.clear();
    if let QuestionKind::Case { questions, .. } = &mut q.kind {
        for sub in questions {
            sub.lesson.clear();
        }
    }
    q
}

#[test]
fn the_builtin_bank_survives_excel() {
    let loaded = load_pack(&builtin_source());
    let pack = loaded.pack.expect("the built-in pack loads");
    let started = std::time::Instant::now();
    let bytes = bank_workbook(&pack).unwrap();
    let result = xlsx::parse("题库.xlsx", &bytes).unwrap();
    eprintln!(
        "exported and re-read {} questions ({} KiB) in {:?}",
        result.questions.len(),
        bytes.len() / 1024,
        started.elapsed()
    );
    assert_eq!(result.problems, vec![]);
    let meta = result.meta.clone().expect("the 说明 sheet names the pack");
    assert_eq!(meta.id, pack.manifest.id);
    assert_eq!(meta.version, pack.manifest.version);
    let (_, chapters) = build_pack(&meta, &result.questions);
    let original: Vec<_> = pack
        .chapters
        .iter()
        .filter(|c| !c.questions.is_empty())
        .collect();
    assert_eq!(chapters.len(), original.len());
    let mut count = 0;
    for ((_, imported), before) in chapters.iter().zip(original) {
        assert_eq!(imported.title, before.title);
        assert_eq!(
            imported.questions.len(),
            before.questions.len(),
            "{}",
            before.title
        );
        for (a, b) in imported.questions.iter().zip(&before.questions) {
            assert_eq!(unlisted(a), unlisted(b));
            count += 1;
        }
    }
    assert!(count > 300, "{count}");
}
