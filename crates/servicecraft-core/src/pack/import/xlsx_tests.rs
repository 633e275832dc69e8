//! Tests of the workbook import: banners, header synonyms, sheets as chapters, typed cells, and
//! the bad files an instructor may hand in (each generated here, none committed).

use std::time::Instant;

use rust_xlsxwriter::Workbook;

use super::*;
use crate::model::QuestionKind;

/// A cell written as the instructor's Excel would store it.
#[derive(Clone)]
pub enum Cell {
    Text(&'static str),
    Number(f64),
    Bool(bool),
}

pub fn workbook(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Text("") => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, *t).unwrap();
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(r, c, *b).unwrap();
                    }
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

use Cell::{Bool, Number, Text};

#[test]
fn a_banner_row_and_platform_headers() {
    let rows = vec![
        vec![Text("客户服务管理师题库（2024版）")],
        vec![Text("制表：培训部"), Text(""), Text("日期：2024-03")],
        vec![
            Text("所属章节"),
            Text("试题类型"),
            Text("题目"),
            Text("选项A"),
            Text("选项B"),
            Text("选项C"),
            Text("正确答案"),
            Text("答案解析"),
        ],
        vec![
            Text("第一章"),
            Text("单选题"),
            Text("第一步是？"),
            Text("倾听"),
            Text("争辩"),
            Text("沉默"),
            Number(1.0),
            Text("先倾听"),
        ],
        vec![
            Text("第一章"),
            Text("判断题"),
            Text("服务是一个过程。"),
            Text(""),
            Text(""),
            Text(""),
            Bool(true),
        ],
        vec![
            Text("第二章"),
            Text("多选题"),
            Text("技巧有？"),
            Text("微笑"),
            Text("倾听"),
            Text("争辩"),
            Text("AB"),
        ],
        vec![Text("第二章"), Text("单选题"), Text("坏题"), Text("甲")],
    ];
    let bytes = workbook(&[("题库", rows)]);
    let result = parse("bank.xlsx", &bytes).unwrap();
    assert_eq!(result.questions.len(), 3, "{:#?}", result.problems);
    let q = &result.questions;
    assert!(matches!(&q[0].kind, QuestionKind::Single { answer, .. } if answer == "A"));
    assert_eq!(q[0].chapter, "第一章");
    assert_eq!(q[0].line, 4);
    assert_eq!(q[1].kind, QuestionKind::TrueFalse { answer: true });
    assert!(matches!(&q[2].kind, QuestionKind::Multiple { answer, .. } if answer == "AB"));
    let messages: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].starts_with("bank.xlsx[题库]:7:1: error:"),
        "{messages:?}"
    );
}

#[test]
fn several_sheets_become_chapters_unless_a_chapter_column() {
    let sheet = |stem: &'static str| {
        vec![
            vec![Text("题干"), Text("答案")],
            vec![Text(stem), Text("对")],
        ]
    };
    let bytes = workbook(&[
        ("客户服务概述", sheet("甲")),
        ("备注", vec![vec![Text("这一页只是说明")]]),
        ("服务质量", sheet("乙")),
    ]);
    let result = parse("b.xlsx", &bytes).unwrap();
    let chapters: Vec<&str> = result
        .questions
        .iter()
        .map(|q| q.chapter.as_str())
        .collect();
    assert_eq!(chapters, ["客户服务概述", "服务质量"]);
    assert_eq!(result.problems.len(), 1, "the note sheet is named");
    assert!(!result.problems[0].is_error());

    let with_column = vec![
        vec![Text("章节"), Text("题干"), Text("答案")],
        vec![Text("第三章"), Text("丙"), Text("错")],
    ];
    let bytes = workbook(&[("A", with_column.clone()), ("B", with_column)]);
    let result = parse("b.xlsx", &bytes).unwrap();
    assert!(result.questions.iter().all(|q| q.chapter == "第三章"));
}

#[test]
fn numbers_and_dates_read_as_meant() {
    assert_eq!(float_text(1.0), "1");
    assert_eq!(float_text(2.5), "2.5");
    assert_eq!(excel_date(45383.0), "2024-04-01");
}

#[test]
fn a_renamed_zip_and_other_files_are_refused_in_words() {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("photo.jpg", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.finish().unwrap();
    let err = parse("bank.xlsx", &out.into_inner()).unwrap_err();
    assert!(err.contains("not an Excel workbook"), "{err}");
    let err = parse("bank.xlsx", b"hello").unwrap_err();
    assert!(err.contains("not an Excel workbook"), "{err}");
}

#[test]
fn a_password_protected_workbook_is_named_as_such() {
    // What Excel writes for a workbook with a password: an OLE compound file whose directory
    // holds EncryptionInfo and EncryptedPackage streams.
    let mut bytes = OLE_MAGIC.to_vec();
    bytes.resize(512, 0);
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.resize(bytes.len() + 64, 0);
    }
    let err = parse("bank.xlsx", &bytes).unwrap_err();
    assert!(err.contains("password"), "{err}");
}

#[test]
fn a_50_mb_workbook_is_refused_before_it_is_opened() {
    let bytes = vec![0_u8; 50 * 1024 * 1024];
    let started = Instant::now();
    let err = parse("big.xlsx", &bytes).unwrap_err();
    assert!(err.contains("50.0 MB") && err.contains("16 MB"), "{err}");
    assert!(started.elapsed().as_secs() < 2);
}

#[test]
fn a_200_000_row_sheet_is_refused_quickly() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "题干").unwrap();
    sheet.write_string(0, 1, "答案").unwrap();
    for r in 1..200_000 {
        sheet.write_number(r, 0, f64::from(r)).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let started = Instant::now();
    let err = parse("rows.xlsx", &bytes).unwrap_err();
    assert!(err.contains("200000 rows"), "{err}");
    assert!(started.elapsed().as_secs() < 3, "{:?}", started.elapsed());
}

/// The workbook with every sheet's `<dimension …/>` taken out, as some programs write it.
fn without_dimension(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(data).unwrap();
            let start = text.find("<dimension").unwrap();
            let end = start + text[start..].find("/>").unwrap() + 2;
            data = format!("{}{}", &text[..start], &text[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_200_000_row_sheet_without_its_size_is_refused_within_two_seconds() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in ["题干", "选项A", "选项B", "答案"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    for r in 1..200_000 {
        sheet
            .write_string(r, 0, format!("第{r}题：处理客户投诉的第一步是（ ）。"))
            .unwrap();
        sheet.write_string(r, 1, "倾听").unwrap();
        sheet.write_string(r, 2, "争辩").unwrap();
        sheet.write_string(r, 3, "A").unwrap();
    }
    let bytes = without_dimension(&book.save_to_buffer().unwrap());
    let started = Instant::now();
    let err = parse("rows.xlsx", &bytes).unwrap_err();
    let took = started.elapsed();
    assert!(err.contains("more than 50000 rows"), "{err}");
    // About 0.2 s of CPU in a debug build (docs/pack-format.md); the margin is for loaded CI.
    assert!(took.as_secs() < 3, "{took:?}");
}

#[test]
fn rows_are_counted_across_chunks_and_namespaces() {
    let mut xml = String::from("<worksheet><sheetData>");
    for r in 1..=70_000 {
        // Rows of odd lengths, so `<row` falls on every chunk boundary sooner or later.
        xml.push_str(&format!(
            "<x:row r=\"{r}\"><c><v>{}</v></c></x:row>",
            "9".repeat(r % 7)
        ));
    }
    xml.push_str("<rowBreaks count=\"1\"/></sheetData></worksheet>");
    assert_eq!(count_rows(xml.as_bytes(), 100_000).unwrap(), 70_000);
    assert_eq!(count_rows(xml.as_bytes(), 50_000).unwrap(), 50_001);
    assert_eq!(count_rows(&b"<row>"[..], 10).unwrap(), 1);
    let declared = b"<worksheet><dimension ref=\"A1:H200000\"/><sheetData><row r=\"1\">";
    assert_eq!(count_rows(&declared[..], 50_000).unwrap(), 200_000);
    assert_eq!(declared_rows(b"dimension ref=\"B3\"/>"), Some(1));
}
