//! A pack's questions as an Excel workbook in exactly the import format (one sheet per chapter,
//! 编号 with the stable ids, cases as a 案例 row followed by its sub-question rows), so an
//! instructor can edit the bank in Excel and import it again with a higher version.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::model::{Pack, Question, QuestionKind, option_letter};
use crate::pack::MAX_OPTIONS;
use crate::pack::import::xlsx::{META_ID, META_SHEET, META_TITLE, META_VERSION};

/// The header row every chapter sheet starts with; the import knows each of these names.
pub fn header() -> Vec<String> {
    let mut names: Vec<String> = ["编号", "章节", "题型", "题干"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    names.extend((0..MAX_OPTIONS).map(|i| format!("选项{}", option_letter(i))));
    names.extend(
        [
            "答案",
            "解析",
            "难度",
            "频度",
            "来源",
            "拓展",
            "踩分点",
            "案例编号",
            "案例材料",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    names
}

/// One question as cells in `header()` order; `case` is the 编号 of its case, if any.
pub fn question_cells(q: &Question, chapter: &str, case: Option<&str>) -> Vec<String> {
    let mut options = vec![String::new(); MAX_OPTIONS];
    let mut answer = String::new();
    let mut points = String::new();
    let mut case_text = String::new();
    let kind = match &q.kind {
        QuestionKind::Single {
            options: o,
            answer: a,
        }
        | QuestionKind::Multiple {
            options: o,
            answer: a,
        } => {
            for (slot, text) in options.iter_mut().zip(o) {
                slot.clone_from(text);
            }
            answer.clone_from(a);
            if matches!(q.kind, QuestionKind::Single { .. }) {
                "单选"
            } else {
                "多选"
            }
        }
        QuestionKind::TrueFalse { answer: a } => {
            answer = if *a { "对" } else { "错" }.to_owned();
            "判断"
        }
        QuestionKind::ShortAnswer {
            essay,
            model_answer,
            points: p,
        } => {
            answer.clone_from(model_answer);
            points = p
                .iter()
                .map(|p| format!("{} | {} | {}", p.text, p.keywords.join(", "), p.score))
                .collect::<Vec<_>>()
                .join("\n");
            if *essay { "论述" } else { "简答" }
        }
        QuestionKind::Case { case_text: t, .. } => {
            case_text.clone_from(t);
            "案例"
        }
    };
    let mut cells = vec![
        q.id.clone(),
        chapter.to_owned(),
        kind.to_owned(),
        q.stem.clone(),
    ];
    cells.extend(options);
    cells.extend([
        answer,
        q.explanation.clone(),
        q.difficulty.to_string(),
        q.frequency.to_string(),
        q.source.clone(),
        if q.supplement { "是" } else { "" }.to_owned(),
        points,
        case.unwrap_or_default().to_owned(),
        case_text,
    ]);
    cells
}

/// The rows of one chapter: each question, and after a case its sub-questions.
pub fn chapter_rows(chapter: &str, questions: &[Question]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for q in questions {
        rows.push(question_cells(q, chapter, None));
        if let QuestionKind::Case {
            questions: subs, ..
        } = &q.kind
        {
            rows.extend(
                subs.iter()
                    .map(|sub| question_cells(sub, chapter, Some(&q.id))),
            );
        }
    }
    rows
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
pub fn sheet_name(title: &str, n: usize, used: &[String]) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(28)
        .collect();
    let clean = clean.trim().trim_matches('\'').to_owned();
    let base = if clean.is_empty() {
        format!("第{n}章")
    } else {
        clean
    };
    if used.iter().any(|u| u.eq_ignore_ascii_case(&base)) || base == META_SHEET {
        format!("{base} {n}")
    } else {
        base
    }
}

fn write_rows(
    sheet: &mut Worksheet,
    rows: &[Vec<String>],
    head: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    for (c, name) in header().iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, head)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let (r, c) = (r as u32 + 1, c as u16);
            // Whole numbers are written as numbers so Excel does not flag them as text.
            match cell.parse::<u32>() {
                Ok(n) if cell.len() < 3 && c >= 12 => {
                    sheet.write_number(r, c, f64::from(n))?;
                }
                _ => {
                    sheet.write_string_with_format(r, c, cell, wrap)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 16)?;
    sheet.set_column_width(3, 48)?;
    sheet.set_column_range_width(4, 11, 18)?;
    sheet.set_column_width(13, 48)?;
    Ok(())
}

/// The workbook for `pack`: a 说明 sheet with the pack's id, title and version and how to edit,
/// then one sheet per chapter that has questions.
pub fn bank_workbook(pack: &Pack) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0x00DD_EBF7));
    let wrap = Format::new().set_text_wrap();
    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    let m = &pack.manifest;
    for (r, (key, value)) in [
        (META_ID, m.id.as_str()),
        (META_TITLE, m.title.as_str()),
        (META_VERSION, m.version.as_str()),
        (
            "怎样修改",
            "每章一张工作表，一行一题。编号是题目的固定标识：改题不改编号，学员的记录就会保留；新题可不填编号。案例题先写一行题型为“案例”的行（案例材料写在“案例材料”列），其小题紧随其后，“案例编号”填案例行的编号。改完后提高版本号，再用“导入题库”导入。",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        meta.write_string_with_format(r as u32, 0, key, &head)?;
        meta.write_string_with_format(r as u32, 1, value, &wrap)?;
    }
    meta.set_column_width(0, 12)?;
    meta.set_column_width(1, 80)?;
    let mut used: Vec<String> = Vec::new();
    for (n, chapter) in pack.chapters.iter().enumerate() {
        if chapter.questions.is_empty() {
            continue;
        }
        let name = sheet_name(&chapter.title, n + 1, &used);
        let rows = chapter_rows(&chapter.title, &chapter.questions);
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        write_rows(sheet, &rows, &head, &wrap)?;
        used.push(name);
    }
    book.save_to_buffer()
}
