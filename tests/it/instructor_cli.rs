//! The instructor's commands end to end: a banner-row workbook and a Word-style text bank
//! imported, the built-in bank through Excel and back, five trainees' exports into one class
//! report (HTML and .xlsx), and bad input refused with nothing written. Every file is made here.
#![expect(clippy::unwrap_used, reason = "tests")]

use std::path::{Path, PathBuf};

use servicecraft::cli::{
    EXIT_UNREADABLE, EXIT_VALID, ImportOptions, run_class_report, run_export_bank,
    run_export_results, run_import,
};
use servicecraft::i18n::Lang;
use servicecraft::pack::{self, DirSource};
use servicecraft::progress::sample::write_history;

fn options(out: &Path) -> ImportOptions {
    ImportOptions {
        out: out.to_path_buf(),
        format: None,
        id: None,
        title: None,
        pack_version: None,
    }
}

fn run(f: impl FnOnce(&mut Vec<u8>) -> i32) -> (i32, String) {
    let mut out = Vec::new();
    let code = f(&mut out);
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn the_builtin_bank_goes_to_excel_and_back_as_the_same_pack() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("题库.xlsx");
    let (code, text) = run(|o| run_export_bank(Path::new("builtin"), &book, o));
    assert_eq!(code, EXIT_VALID, "{text}");
    let out = dir.path().join("pack");
    let mut opts = options(&out);
    opts.pack_version = Some("9.0.0".into());
    let (code, text) = run(|o| run_import(&book, &opts, o));
    assert_eq!(code, EXIT_VALID, "{text}");
    let imported = pack::load_pack(&DirSource::new(&out));
    assert!(imported.is_valid(), "{:#?}", imported.diagnostics);
    let imported = imported.pack.unwrap();
    let builtin = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    assert_eq!(
        imported.manifest.id, builtin.manifest.id,
        "the pack id survives"
    );
    assert_eq!(imported.manifest.version, "9.0.0");
    let ids = |p: &servicecraft::model::Pack| -> Vec<String> {
        p.questions().map(|(_, q)| q.id.clone()).collect()
    };
    assert_eq!(ids(&imported), ids(&builtin));
}

#[test]
fn a_word_style_text_bank_imports_with_types() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("练习.txt");
    std::fs::write(
        &bank,
        "一、单选题\n1、第一步是（ ）\nA．倾听 B．争辩\n答案：A\n二、判断题\n2. 服务是过程。\n【答案】√\n",
    )
    .unwrap();
    let out = dir.path().join("pack");
    let (code, text) = run(|o| run_import(&bank, &options(&out), o));
    assert_eq!(code, EXIT_VALID, "{text}");
    assert!(
        text.contains("imported 2 questions") && text.contains("Word text"),
        "{text}"
    );
}

#[test]
fn bad_workbooks_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("照片.xlsx");
    std::fs::write(&renamed, b"PK\x03\x04 not really a zip").unwrap();
    let big = dir.path().join("big.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    for (file, expected) in [
        (&renamed, "not an Excel workbook"),
        (&big, "over the limit"),
    ] {
        let out = dir.path().join("out");
        let started = std::time::Instant::now();
        let (code, text) = run(|o| run_import(file, &options(&out), o));
        assert_eq!(code, EXIT_UNREADABLE, "{text}");
        assert!(text.contains(expected), "{text}");
        assert!(!out.exists(), "nothing written");
        assert!(started.elapsed().as_secs() < 3);
    }
}

/// Five trainees' data folders, each exported as its own results file (one handed in twice).
fn five_exports(dir: &Path) -> PathBuf {
    let builtin = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let exports = dir.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let now = chrono::Utc::now();
    for (n, (name, days, per_day, idle)) in [
        ("王芳", 20, 12, 0),
        ("李强", 10, 25, 0),
        ("张敏", 5, 40, 0),
        ("刘洋", 12, 8, 10),
        ("陈静", 30, 6, 1),
    ]
    .into_iter()
    .enumerate()
    {
        let data = dir.join(format!("data{n}"));
        let end = now - chrono::Duration::days(idle);
        write_history(&data, name, &builtin, days, per_day, end).unwrap();
        let csv = exports.join(format!("{name}.csv"));
        let (code, text) = run(|o| run_export_results(&data, &csv, o));
        assert_eq!(code, EXIT_VALID, "{text}");
    }
    std::fs::copy(exports.join("王芳.csv"), exports.join("王芳 (1).csv")).unwrap();
    exports
}

#[test]
fn five_trainees_make_one_class_report() {
    let dir = tempfile::tempdir().unwrap();
    let exports = five_exports(dir.path());
    let html = dir.path().join("report.html");
    let (code, text) =
        run(|o| run_class_report(std::slice::from_ref(&exports), &html, Lang::Zh, o));
    assert_eq!(code, EXIT_VALID, "{text}");
    assert!(text.contains("5 trainees from 6 files"), "{text}");
    assert!(text.contains("duplicate records counted once"), "{text}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("刘洋") && page.contains("class=\"idle\""),
        "刘洋 has been idle"
    );
    if let Ok(keep) = std::env::var("SERVICECRAFT_KEEP_REPORT") {
        std::fs::copy(&html, keep).unwrap();
    }
    let xlsx = dir.path().join("report.xlsx");
    let (code, text) = run(|o| run_class_report(&[exports], &xlsx, Lang::Zh, o));
    assert_eq!(code, EXIT_VALID, "{text}");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn a_foreign_results_file_is_named_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("成绩表.csv");
    std::fs::write(&foreign, "姓名,总分\n张三,88\n").unwrap();
    let html = dir.path().join("report.html");
    let (code, text) = run(|o| run_class_report(&[foreign], &html, Lang::Zh, o));
    assert_eq!(code, EXIT_UNREADABLE, "{text}");
    assert!(text.contains("成绩表.csv") && text.contains("not a ServiceCraft results export"));
    assert!(!html.exists());
}
