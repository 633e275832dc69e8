//! Fuzz target: a whole pack (manifest and chapter files) parsed and validated from bytes.
//!
//! The input is the files of one pack separated by the byte 0x1E (ASCII record separator): the
//! first part is `pack.ron`, each later part is a relative path on its first line and the file's
//! bytes after it. The seeds (made by `examples/fuzz_seeds.rs` of the engine) are real packs cut
//! into small chapters, so mutations start from text the parser accepts. Checked: loading never
//! panics, every diagnostic has a message, and a pack that validates can be counted, practised,
//! examined and searched.
#![no_main]

use libfuzzer_sys::fuzz_target;
use servicecraft_core::model::exam;
use servicecraft_core::model::search::SearchIndex;
use servicecraft_core::pack::{MemSource, load_installed_pack, load_pack};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|b| *b == 0x1e);
    let mut source = MemSource::new("fuzz");
    source.insert("pack.ron", parts.next().unwrap_or_default());
    for part in parts {
        let (path, bytes) = match part.iter().position(|b| *b == b'\n') {
            Some(at) => (&part[..at], &part[at + 1..]),
            None => (part, &[][..]),
        };
        source.insert(String::from_utf8_lossy(path).into_owned(), bytes);
    }
    for loaded in [load_pack(&source), load_installed_pack(&source)] {
        for diagnostic in &loaded.diagnostics {
            assert!(!diagnostic.message.is_empty());
        }
        // A pack that validates is opened by the app: what it does first must not panic either.
        if let Some(pack) = loaded.pack.as_ref().filter(|_| loaded.is_valid()) {
            let _ = pack.counts();
            let _ = pack.all_ids().count();
            for (_, lesson) in pack.lessons() {
                let _ = pack.practice_for(&lesson.id);
            }
            for spec in &pack.manifest.mock_exams {
                let _ = exam::assemble(pack, spec, 7);
            }
            let index = SearchIndex::new(pack);
            let _ = index.search("客户 服务", [], 20);
        }
    }
});
