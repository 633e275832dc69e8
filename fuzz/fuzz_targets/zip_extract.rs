//! Fuzz target: a zipped pack extracted from bytes in memory into a temporary folder.
//!
//! Checked: extraction never panics; it either refuses the archive or writes only inside the
//! folder (no file appears beside it), never more bytes than the limit, and every file it reports.
//! The limits are smaller than the app's so one run stays fast; the code paths are the same.
#![no_main]

use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use servicecraft_core::pack::Progress;
use servicecraft_core::pack::zip::{ExtractLimits, extract_from};

/// Regular files and their total size under `dir`, without following links.
fn count(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            assert!(
                !kind.is_symlink(),
                "a link was extracted: {:?}",
                entry.path()
            );
            if kind.is_dir() {
                stack.push(entry.path());
            } else {
                files += 1;
                bytes += entry.metadata().map_or(0, |m| m.len());
            }
        }
    }
    (files, bytes)
}

fuzz_target!(|data: &[u8]| {
    let Ok(outer) = tempfile::tempdir() else {
        return;
    };
    let dest = outer.path().join("pack");
    if std::fs::create_dir(&dest).is_err() {
        return;
    }
    let limits = ExtractLimits {
        max_entries: 200,
        max_total_bytes: 4 * 1024 * 1024,
        max_ratio: 100,
        ratio_floor: 64 * 1024,
    };
    let result = extract_from(Cursor::new(data), &dest, &limits, &Progress::default());
    // Nothing may be written beside the destination, whatever the archive's names say.
    let beside: Vec<_> = std::fs::read_dir(outer.path())
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(beside, vec![std::ffi::OsString::from("pack")]);
    let (files, bytes) = count(&dest);
    assert!(bytes <= limits.max_total_bytes);
    if let Ok(extracted) = result {
        assert_eq!(extracted.files, files);
        assert_eq!(extracted.bytes, bytes);
    }
});
