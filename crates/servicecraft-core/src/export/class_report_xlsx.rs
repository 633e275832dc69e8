//! The class report's .xlsx twin: the same three tables as the HTML page, on three sheets, with
//! the heat colours as cell fills and shares as real percentages Excel can sort and chart.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::{ClassReport, duration_text};
use crate::i18n::{Lang, T};

/// The fill for a share, matching the page's red-to-green scale.
fn fill(share: Option<f32>) -> Color {
    let [r, g, b] = super::heat_rgb(share);
    Color::RGB((u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b))
}

fn share_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    share: Option<f32>,
    coloured: bool,
) -> Result<(), XlsxError> {
    let mut format = Format::new().set_num_format("0%");
    if coloured {
        format = format.set_background_color(fill(share));
    }
    match share {
        Some(s) => sheet.write_number_with_format(row, col, f64::from(s), &format)?,
        None => sheet.write_string_with_format(row, col, "—", &format)?,
    };
    Ok(())
}

fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, bold)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The workbook bytes.
pub fn workbook(report: &ClassReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = |k: T| k.get(lang);
    let mut book = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00E8_EEF6));

    let sheet = book.add_worksheet();
    sheet.set_name(t(T::ClassTrainees))?;
    header(
        sheet,
        &[
            t(T::ClassTrainee),
            t(T::ClassScore),
            t(T::ClassCompletion),
            t(T::ClassAttempts),
            t(T::ClassPassProbability),
            t(T::ClassTimeSpent),
            t(T::ClassLastStudied),
            t(T::ClassInactive),
        ],
        &bold,
    )?;
    for (i, tr) in report.trainees.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &tr.name)?;
        share_cell(sheet, r, 1, tr.score, true)?;
        share_cell(sheet, r, 2, Some(tr.completion), false)?;
        sheet.write_number(r, 3, tr.attempts as f64)?;
        share_cell(sheet, r, 4, tr.pass_probability, false)?;
        sheet.write_string(r, 5, duration_text(tr.seconds, lang))?;
        if let Some(last) = tr.last {
            sheet.write_string(r, 6, last.format("%Y-%m-%d").to_string())?;
        }
        if tr.inactive {
            sheet.write_string(r, 7, "✗")?;
        }
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_range_width(1, 7, 13)?;

    let sheet = book.add_worksheet();
    sheet.set_name(t(T::ClassChapter))?;
    let mut names = vec![t(T::ClassChapter)];
    names.extend(report.trainees.iter().map(|tr| tr.name.as_str()));
    names.push(t(T::ClassAverage));
    header(sheet, &names, &bold)?;
    for (c, chapter) in report.chapters.iter().enumerate() {
        let r = c as u32 + 1;
        sheet.write_string(r, 0, chapter)?;
        for (t_index, row) in report.cells.iter().enumerate() {
            share_cell(sheet, r, t_index as u16 + 1, row[c].score, true)?;
        }
        share_cell(
            sheet,
            r,
            report.trainees.len() as u16 + 1,
            report.class_average[c],
            true,
        )?;
    }
    sheet.set_column_width(0, 28)?;

    let sheet = book.add_worksheet();
    sheet.set_name(t(T::ClassMostMissed).chars().take(31).collect::<String>())?;
    header(
        sheet,
        &[
            t(T::ClassQuestion),
            t(T::ClassChapter),
            "id",
            t(T::ClassKey),
            t(T::ClassWrong),
            t(T::ClassAttempts),
            t(T::ClassWrongAnswers),
        ],
        &bold,
    )?;
    let wrap = Format::new().set_text_wrap();
    for (i, m) in report.missed.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string_with_format(r, 0, &m.question, &wrap)?;
        sheet.write_string(r, 1, &m.chapter)?;
        sheet.write_string(r, 2, &m.item_id)?;
        sheet.write_string(r, 3, &m.key)?;
        sheet.write_number(r, 4, m.wrong as f64)?;
        sheet.write_number(r, 5, m.attempts as f64)?;
        let spread: Vec<String> = m
            .wrong_answers
            .iter()
            .map(|(a, n)| format!("{a} ×{n}"))
            .collect();
        sheet.write_string_with_format(r, 6, spread.join("\n"), &wrap)?;
    }
    sheet.set_column_width(0, 50)?;
    sheet.set_column_width(6, 36)?;
    book.save_to_buffer()
}
