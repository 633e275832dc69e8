//! Instructor packs end to end: installing folders and zips into the library (hostile zips and
//! images are refused in `pack_zip`), question-bank import, the results export and the CLI's exit
//! codes. Every fixture is made here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use servicecraft::cli::{
    EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID, ImportFormat, ImportOptions, run_export_results,
    run_import, run_install,
};
use servicecraft::model::QuestionKind;
use servicecraft::pack::import::{self, Format, TextEncoding};
use servicecraft::pack::{self, DirSource, InstallError, Library, Progress};
use zip::write::SimpleFileOptions;

use crate::common::starter_dir;

pub(crate) const CHAPTER: &str = "chapters/01-complaints.ron";

pub(crate) fn write_starter(dir: &Path) {
    for (rel, bytes) in pack::starter_source().files() {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

pub(crate) fn set_version(dir: &Path, version: &str) {
    let path = dir.join("pack.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("version: \"").unwrap() + "version: \"".len();
    let end = start + text[start..].find('"').unwrap();
    std::fs::write(
        &path,
        format!("{}{version}{}", &text[..start], &text[end..]),
    )
    .unwrap();
}

/// Zips every file under `dir`, each name prefixed with `prefix`.
pub(crate) fn zip_dir(dir: &Path, prefix: &str, out: &Path) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                writer
                    .start_file(format!("{prefix}{rel}"), options)
                    .unwrap();
                writer.write_all(&std::fs::read(&path).unwrap()).unwrap();
            }
        }
    }
    writer.finish().unwrap();
}

/// A zip holding the starter pack plus `extra(writer)`'s entries.
pub(crate) fn hostile_zip(out: &Path, extra: impl FnOnce(&mut zip::ZipWriter<std::fs::File>)) {
    let starter = starter_dir();
    let plain = out.with_extension("plain.zip");
    zip_dir(starter.path(), "", &plain);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
    for i in 0..archive.len() {
        writer.raw_copy_file(archive.by_index(i).unwrap()).unwrap();
    }
    extra(&mut writer);
    writer.finish().unwrap();
    std::fs::remove_file(plain).unwrap();
}

/// Every path under `dir`, for checking that nothing was left behind.
pub(crate) fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn install_update_and_remove() {
    let data = tempfile::tempdir().unwrap();
    let library = Library::new(data.path());
    let v1 = starter_dir();
    let first = library.install(v1.path(), &Progress::default()).unwrap();
    assert_eq!(first.replaced, None);
    library.set_current(Some("example.complaints")).unwrap();

    let v2 = starter_dir();
    set_version(v2.path(), "1.1.0");
    let second = library
        .install(&v2.path().join("pack.ron"), &Progress::default())
        .unwrap();
    assert_eq!(second.replaced.as_deref(), Some("1.0.0"));
    assert_eq!(second.dir, first.dir);
    let listed = library.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].version, "1.1.0");
    assert_eq!(library.current().unwrap().version, "1.1.0");

    // An older version does not silently replace a newer one.
    let err = library
        .install(v1.path(), &Progress::default())
        .unwrap_err();
    assert!(matches!(err, InstallError::Older { .. }), "{err}");
    assert_eq!(library.list()[0].version, "1.1.0");

    // A pack with errors is reported with positions and not installed.
    let broken = starter_dir();
    let chapter = broken.path().join(CHAPTER);
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(&chapter, text.replacen("answer: \"B\"", "answer: \"Z\"", 1)).unwrap();
    set_version(broken.path(), "2.0.0");
    let InstallError::Invalid(problems) = library
        .install(broken.path(), &Progress::default())
        .unwrap_err()
    else {
        panic!("expected validation errors");
    };
    let shown = problems[0].to_string();
    assert!(
        shown.starts_with(&broken.path().join(CHAPTER).display().to_string()),
        "{shown}"
    );
    assert!(problems[0].line.is_some());
    assert_eq!(library.list()[0].version, "1.1.0");

    // The index is a cache: deleting it loses nothing.
    std::fs::remove_file(data.path().join("packs/index.ron")).unwrap();
    assert_eq!(library.list()[0].version, "1.1.0");

    library.remove("example.complaints").unwrap();
    assert!(library.list().is_empty());
    assert!(library.current().is_none());
    assert!(!first.dir.exists());
    assert!(library.remove("example.complaints").is_err());
    let left: Vec<PathBuf> = tree(&data.path().join("packs"))
        .into_iter()
        .filter(|p| p != Path::new("index.ron"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

const BANK: &str = "题型,题干,选项A,选项B,选项C,选项D,答案,解析,章节\r\n\
单选,处理投诉的第一步是（ ）。,解释规定,倾听并确认问题,提出赔偿,转交上级,B,先倾听。,第一章 投诉\r\n\
多选,处理投诉时应当做到（ ）。,不争辩,将心比心,拖延答复,迅速行动,ABD,,第一章 投诉\r\n\
判断,投诉说明客户已经放弃了企业。,,,,,错,愿意投诉的客户仍在给机会。,第二章 服务\r\n\
简答,简述投诉处理的四个步骤。,,,,,倾听；道歉；行动；回访,,第二章 服务\r\n";

#[test]
fn csv_banks_in_every_excel_encoding_import_to_a_valid_pack() {
    let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), BANK.as_bytes()].concat();
    for (bytes, encoding) in [
        (gbk(BANK), TextEncoding::Gbk),
        (BANK.as_bytes().to_vec(), TextEncoding::Utf8),
        (utf8_bom, TextEncoding::Utf8Bom),
    ] {
        let work = tempfile::tempdir().unwrap();
        let file = work.path().join("题库.csv");
        std::fs::write(&file, bytes).unwrap();
        let (result, format, found) = import::import_file(&file, None).unwrap();
        assert_eq!((format, found), (Format::Csv, encoding));
        assert!(result.problems.is_empty(), "{:?}", result.problems);
        assert_eq!(result.questions.len(), 4);
        assert_eq!(result.questions[0].stem, "处理投诉的第一步是（ ）。");
        assert_eq!(
            result.questions[2].kind,
            QuestionKind::TrueFalse { answer: false }
        );

        let out = work.path().join("pack");
        let options = ImportOptions {
            out: out.clone(),
            format: None,
            id: None,
            title: None,
            pack_version: Some("1.0.0".into()),
        };
        let mut log = Vec::new();
        assert_eq!(
            run_import(&file, &options, &mut log),
            EXIT_VALID,
            "{}",
            String::from_utf8_lossy(&log)
        );
        let loaded = pack::load_pack(&DirSource::new(&out));
        assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
        let pack = loaded.pack.unwrap();
        assert_eq!(pack.manifest.title, "题库");
        assert_eq!(pack.chapters.len(), 2);
        assert_eq!(pack.chapters[1].title, "第二章 服务");
        assert_eq!(pack.counts().0.questions, 4);
    }
}

#[test]
fn reimporting_an_edited_bank_keeps_question_ids() {
    let work = tempfile::tempdir().unwrap();
    let ids = |text: &str, name: &str| {
        let file = work.path().join(format!("{name}.csv"));
        std::fs::write(&file, text).unwrap();
        let (result, _, _) = import::import_file(&file, None).unwrap();
        let meta = import::PackMeta {
            id: "acme.bank".into(),
            ..import::PackMeta::from_file(&file)
        };
        let (_, chapters) = import::build_pack(&meta, &result.questions);
        let mut ids: Vec<String> = chapters
            .iter()
            .flat_map(|(_, c)| c.questions.iter().map(|q| q.id.clone()))
            .collect();
        ids.sort();
        ids
    };
    let mut lines: Vec<&str> = BANK.lines().collect();
    let original = ids(&lines.join("\n"), "a");
    lines.swap(1, 3);
    let reordered = ids(
        &lines.join("\n").replace("先倾听。", "先倾听，再道歉。"),
        "b",
    );
    assert_eq!(original, reordered);
}

#[test]
fn ragged_rows_are_reported_and_good_rows_still_import() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("ragged.csv");
    let text = format!("{BANK}单选,只有三格,甲\r\n判断,客户永远是对的。,,,,,对,,第二章 服务\r\n");
    std::fs::write(&file, gbk(&text)).unwrap();
    let out = work.path().join("pack");
    let options = ImportOptions {
        out: out.clone(),
        format: Some(ImportFormat::Csv),
        id: Some("acme.bank".into()),
        title: Some("客服题库".into()),
        pack_version: Some("2.0.0".into()),
    };
    let mut log = Vec::new();
    assert_eq!(run_import(&file, &options, &mut log), EXIT_INVALID);
    let log = String::from_utf8(log).unwrap();
    assert!(
        log.contains("ragged.csv:6:1: error: the row has 3 fields but the header has 9"),
        "{log}"
    );
    assert!(log.contains("imported 5 questions"), "{log}");
    let pack = pack::load_pack(&DirSource::new(&out)).pack.unwrap();
    assert_eq!(
        (pack.manifest.id.as_str(), pack.manifest.version.as_str()),
        ("acme.bank", "2.0.0")
    );

    // Writing over an existing pack is refused; nothing imports from an empty file.
    let mut log = Vec::new();
    assert_eq!(run_import(&file, &options, &mut log), EXIT_UNREADABLE);
    let empty = work.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let options = ImportOptions {
        out: work.path().join("none"),
        ..options
    };
    assert_eq!(
        run_import(&empty, &options, &mut Vec::new()),
        EXIT_UNREADABLE
    );
    assert!(!work.path().join("none").exists());
}

const GIFT: &str = "// 客服题库（GIFT）\n\
$CATEGORY: $course$/客服/第一章 投诉\n\
\n\
::单选:: 处理投诉的第一步是？ {=倾听并确认问题 ~解释公司规定#不要先讲规定 ~提出赔偿 ####先倾听}\n\
\n\
::多选:: 处理投诉时应当做到 {~%50%不与客户争辩 ~%50%迅速采取行动 ~%-100%拖延答复}\n\
\n\
::判断:: 客户投诉说明客户已经放弃了企业。{FALSE#愿意投诉的客户仍在给机会}\n\
\n\
::简答:: 投诉处理的第一步叫做 {=倾听 =倾听并确认问题} 。\n";

#[test]
fn gift_imports_every_kind_and_reports_an_unclosed_brace() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("bank.gift");
    std::fs::write(&file, GIFT).unwrap();
    let out = work.path().join("pack");
    let options = ImportOptions {
        out: out.clone(),
        format: None,
        id: None,
        title: None,
        pack_version: Some("1.0.0".into()),
    };
    let mut log = Vec::new();
    assert_eq!(
        run_import(&file, &options, &mut log),
        EXIT_VALID,
        "{}",
        String::from_utf8_lossy(&log)
    );
    let pack = pack::load_pack(&DirSource::new(&out)).pack.unwrap();
    let types = pack.counts().1;
    assert_eq!(
        (
            types.single,
            types.multiple,
            types.true_false,
            types.short_answer
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(pack.chapters[0].title, "第一章 投诉");

    let broken = work.path().join("broken.gift");
    std::fs::write(&broken, GIFT.replace("拖延答复}", "拖延答复")).unwrap();
    let options = ImportOptions {
        out: work.path().join("pack2"),
        format: Some(ImportFormat::Gift),
        ..options
    };
    let mut log = Vec::new();
    assert_eq!(run_import(&broken, &options, &mut log), EXIT_INVALID);
    let log = String::from_utf8(log).unwrap();
    assert!(
        log.contains("broken.gift:6:1: error: `{` is never closed"),
        "{log}"
    );
    assert!(log.contains("imported 3 questions"), "{log}");
}

#[test]
fn cli_install_exit_codes() {
    let data = tempfile::tempdir().unwrap();
    let starter = starter_dir();
    let work = tempfile::tempdir().unwrap();
    let zip = work.path().join("pack.zip");
    zip_dir(starter.path(), "starter/", &zip);

    let mut out = Vec::new();
    assert_eq!(run_install(data.path(), &zip, &mut out), EXIT_VALID);
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("installed 投诉处理入门")
    );
    set_version(starter.path(), "1.0.1");
    let mut out = Vec::new();
    assert_eq!(
        run_install(data.path(), starter.path(), &mut out),
        EXIT_VALID
    );
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("from version 1.0.0 to 1.0.1")
    );

    let slip = work.path().join("slip.zip");
    hostile_zip(&slip, |w| {
        w.start_file("../x", SimpleFileOptions::default()).unwrap();
    });
    let mut out = Vec::new();
    assert_eq!(run_install(data.path(), &slip, &mut out), EXIT_INVALID);
    assert!(String::from_utf8(out).unwrap().contains("outside the pack"));

    assert_eq!(
        run_install(data.path(), &work.path().join("missing"), &mut Vec::new()),
        EXIT_UNREADABLE
    );
    let text = work.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    assert_eq!(
        run_install(data.path(), &text, &mut Vec::new()),
        EXIT_UNREADABLE
    );
    // A folder without a pack is refused before anything is copied.
    assert_eq!(
        run_install(data.path(), work.path(), &mut Vec::new()),
        EXIT_UNREADABLE
    );
    // A folder holding the pack folder is fine.
    let outer = tempfile::tempdir().unwrap();
    write_starter(&outer.path().join("starter"));
    set_version(&outer.path().join("starter"), "1.0.2");
    let mut out = Vec::new();
    assert_eq!(run_install(data.path(), outer.path(), &mut out), EXIT_VALID);
    assert!(String::from_utf8(out).unwrap().contains("to 1.0.2"));
    assert_eq!(Library::new(data.path()).list().len(), 1);
}

#[test]
fn cli_export_results_writes_csv_summary_and_xapi() {
    use servicecraft::progress::{Attempt, ProfileSession, SessionOptions, profile};
    let data = tempfile::tempdir().unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-05-04T09:00:00+08:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let builtin = pack::load_pack(&pack::builtin_source()).pack.unwrap();
    let question = &builtin.chapters[0].questions[0];
    // Two learners on one computer; the export holds both.
    for (name, score) in [("李雷", 1.0), ("韩梅梅", 0.0)] {
        let folder = profile::create_profile(data.path(), name, None, at).unwrap();
        let mut session =
            ProfileSession::open(data.path(), &folder, SessionOptions::default(), None).unwrap();
        session.record_attempt(
            &question.id,
            &builtin.manifest.id,
            Attempt {
                started: at,
                finished: at + chrono::Duration::seconds(30),
                answer: "B".into(),
                score,
                max: 1.0,
            },
        );
        session.close(std::time::Duration::from_secs(5)).unwrap();
    }
    let out_dir = tempfile::tempdir().unwrap();
    let csv_path = out_dir.path().join("成绩.csv");
    let mut out = Vec::new();
    assert_eq!(
        run_export_results(data.path(), &csv_path, &mut out),
        EXIT_VALID
    );
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("exported 2 attempts")
    );
    let chapter = &builtin.chapters[0].title;
    let (id, version, item) = (
        &builtin.manifest.id,
        &builtin.manifest.version,
        &question.id,
    );

    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the BOM to read UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "profile,pack_id,pack_version,item_id,item_type,chapter,answer,score,max,started,finished,\
         chapter_no,question,key,answer_text,points_ticked,seconds,exam_id,exam_title"
    );
    let rows: Vec<&str> = lines.collect();
    assert!(
        rows.iter().any(|r| r.starts_with(&format!("李雷,{id},{version},{item},single,{chapter},B,1,1,2026-05-04T01:00:00Z,2026-05-04T01:00:30Z,1,"))),
        "{rows:?}"
    );
    assert!(rows.iter().any(|r| r.starts_with("韩梅梅,")), "{rows:?}");
    let summary = std::fs::read_to_string(out_dir.path().join("成绩.summary.csv")).unwrap();
    assert!(
        summary.contains(&format!("李雷,{id},{chapter},1,1,1,1,100")),
        "{summary}"
    );
    let xapi: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.path().join("成绩.xapi.json")).unwrap())
            .unwrap();
    assert_eq!(xapi.as_array().unwrap().len(), 2);
    let scaled: Vec<f64> = xapi
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["result"]["score"]["scaled"].as_f64().unwrap())
        .collect();
    assert!(scaled.contains(&0.0) && scaled.contains(&1.0), "{scaled:?}");

    let mut out = Vec::new();
    assert_eq!(
        run_export_results(data.path(), Path::new("/proc/no/such/dir/x.csv"), &mut out),
        EXIT_UNREADABLE
    );
}
