//! Question banks as Excel (.xlsx, .xls) or OpenDocument workbooks: the CSV import's columns,
//! found below any banner rows and on every sheet; several sheets become several chapters.
//! Bad files (another zip renamed, a password, too big) are refused before their cells are read.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader};

use super::csv::{Column, Row, column, question};
use super::{ImportResult, PackMeta};
use crate::pack::Diagnostic;

/// The magic bytes of an OLE compound file: an .xls, or an .xlsx saved with a password.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A workbook bigger than this is refused before it is opened: its cells unpack to several
/// times its size (a 16 MiB .xlsx holds roughly 150 000 questions, far beyond any bank).
pub const MAX_WORKBOOK_BYTES: u64 = 16 * 1024 * 1024;

/// A sheet with more rows is refused (its declared size is checked before any cell is read).
pub const MAX_ROWS: u32 = 50_000;

/// The shared-string table unpacked beyond this is refused before calamine loads it whole: a
/// real bank's is a few times the workbook's size, a zip bomb's thousands of times.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 * 1024 * 1024;

/// How many rows above the header (titles, merged banners, notes) are searched.
const HEADER_SEARCH_ROWS: usize = 30;

/// The sheet `export-bank` writes the pack's id, title and version in.
pub const META_SHEET: &str = "说明";
pub const META_ID: &str = "题库编号";
pub const META_TITLE: &str = "题库名称";
pub const META_VERSION: &str = "版本";

/// A cell as the instructor meant it: whole numbers without `.0`, booleans as 对/错, dates as
/// dates.
fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::Bool(true) => "对".to_owned(),
        DataRef::Bool(false) => "错".to_owned(),
        DataRef::DateTime(d) => excel_date(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
    }
}

fn data_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(true) => "对".to_owned(),
        Data::Bool(false) => "错".to_owned(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    // Whole days only: a bank's date cells are dates, not times.
    let days = serial.floor().clamp(-1e6, 1e6) as i64;
    base.checked_add_signed(chrono::Duration::days(days))
        .map_or_else(|| serial.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// One sheet's non-empty rows: 1-based row number and the cell texts from column A.
type Grid = Vec<(usize, Vec<String>)>;

fn push_cell(grid: &mut Grid, row: u32, col: u32, text: String) {
    if text.trim().is_empty() {
        return;
    }
    let row = row as usize + 1;
    if grid.last().is_none_or(|(r, _)| *r != row) {
        grid.push((row, Vec::new()));
    }
    if let Some((_, cells)) = grid.last_mut() {
        let col = col as usize;
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
    }
}

fn too_many_rows(sheet: &str, rows: u64) -> String {
    format!(
        "sheet `{sheet}` has {rows} rows, over the limit of {MAX_ROWS}; split the bank into several files"
    )
}

/// Counts a sheet's `<row` elements in its XML, streaming it out of the zip, and stops as soon
/// as there are more than `limit`: a sheet that does not declare its size (or declares it
/// wrongly) is refused after unpacking at most that many rows, not after parsing every cell.
fn count_rows(mut xml: impl std::io::Read, limit: u64) -> std::io::Result<u64> {
    // `<row` and a namespaced `<x:row` end their name with one of these.
    let ends_name = |b: u8| matches!(b, b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r');
    let mut buf = vec![0_u8; 64 * 1024];
    let mut data: Vec<u8> = Vec::with_capacity(buf.len() + 16);
    let mut count = 0_u64;
    loop {
        let n = xml.read(&mut buf)?;
        let end = n == 0;
        data.extend_from_slice(&buf[..n]);
        // Only positions whose name is complete in `data` are judged; the last few bytes wait
        // for the next chunk, unless there is none.
        let judged = if end {
            data.len()
        } else {
            data.len().saturating_sub(16)
        };
        // memchr finds each `<` at memory speed, even in a debug build; only tags are looked at.
        for found in memchr::memchr_iter(b'<', &data[..judged]) {
            let name = &data[found + 1..];
            if name.first() == Some(&b'/') {
                continue;
            }
            let local = match name.iter().take(12).position(|&b| b == b':') {
                Some(colon) => &name[colon + 1..],
                None => name,
            };
            // A declared size (`<dimension ref="A1:H200000"/>`) over the limit ends it at once.
            if local.starts_with(b"dimension")
                && let Some(rows) = declared_rows(&local[..local.len().min(120)])
                && rows > limit
            {
                return Ok(rows);
            }
            if local.starts_with(b"row") && local.get(3).copied().is_some_and(ends_name) {
                count += 1;
                if count > limit {
                    return Ok(count);
                }
            }
        }
        if end {
            return Ok(count);
        }
        data.drain(..judged);
    }
}

/// The rows a `dimension ref="A1:H200000"` declares (`A1` alone: 1).
fn declared_rows(tag: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(tag).ok()?;
    let range = text.split("ref=\"").nth(1)?.split('"').next()?;
    let row = |cell: &str| {
        cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u64>()
            .ok()
    };
    let (first, last) = range.split_once(':').unwrap_or((range, range));
    Some(row(last)?.saturating_sub(row(first)?) + 1)
}

/// The bytes an entry unpacks to, counted up to `limit + 1` (the size a zip declares can lie).
fn unpacked_size(bytes: &[u8], name: &str, limit: u64) -> Result<u64, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_a_workbook(&e.to_string()))?;
    let Ok(entry) = archive.by_name(name) else {
        return Ok(0);
    };
    std::io::copy(
        &mut std::io::Read::take(entry, limit + 1),
        &mut std::io::sink(),
    )
    .map_err(|e| not_a_workbook(&e.to_string()))
}

/// Refuses an .xlsx whose sheets hold more than [`MAX_ROWS`] rows, or whose shared strings
/// unpack beyond [`MAX_SHARED_STRINGS_BYTES`], before calamine reads any of it (it loads the
/// shared strings whole when the workbook is opened).
fn check_xlsx_size(bytes: &[u8], names: &[String]) -> Result<(), String> {
    let strings = unpacked_size(bytes, "xl/sharedStrings.xml", MAX_SHARED_STRINGS_BYTES)?;
    if strings > MAX_SHARED_STRINGS_BYTES {
        return Err(format!(
            "the workbook's text unpacks to more than {} MB; it is not a question bank (or is damaged)",
            MAX_SHARED_STRINGS_BYTES / 1_048_576
        ));
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_a_workbook(&e.to_string()))?;
    for name in names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
    {
        let entry = archive
            .by_name(name)
            .map_err(|e| not_a_workbook(&e.to_string()))?;
        let rows = count_rows(entry, u64::from(MAX_ROWS))
            .map_err(|e| format!("{name} cannot be read: {e}"))?;
        let sheet = name
            .trim_start_matches("xl/worksheets/")
            .trim_end_matches(".xml");
        if rows > u64::from(MAX_ROWS) + 1 {
            return Err(format!(
                "a sheet ({sheet}) declares {rows} rows, over the limit of {MAX_ROWS}; split the bank into several files"
            ));
        }
        if rows > u64::from(MAX_ROWS) {
            return Err(format!(
                "a sheet ({sheet}) has more than {MAX_ROWS} rows, the limit; reading stopped there. Split the bank into several files"
            ));
        }
    }
    Ok(())
}

/// Reads every sheet of an .xlsx by streaming its cells, refusing oversized sheets by their
/// declared size first.
fn xlsx_grids(bytes: &[u8]) -> Result<Vec<(String, Grid)>, String> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => password_message(),
        other => not_a_workbook(&other.to_string()),
    })?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| format!("sheet `{name}` cannot be read: {e}"))?;
        let dims = reader.dimensions();
        let declared = u64::from(dims.end.0.saturating_sub(dims.start.0)) + 1;
        if declared > u64::from(MAX_ROWS) {
            return Err(too_many_rows(&name, declared));
        }
        let mut grid = Grid::new();
        loop {
            let cell = reader
                .next_cell()
                .map_err(|e| format!("sheet `{name}` cannot be read: {e}"))?;
            let Some(cell) = cell else { break };
            let (row, col) = cell.get_position();
            // The declared size can be missing or wrong: count as well.
            if row >= MAX_ROWS {
                return Err(too_many_rows(&name, u64::from(row) + 1));
            }
            push_cell(&mut grid, row, col, cell_text(cell.get_value()));
        }
        grids.push((name, grid));
    }
    Ok(grids)
}

/// .xls and .ods are read a sheet at a time (.xls holds at most 65 536 rows anyway).
fn other_grids<R: Reader<Cursor<Vec<u8>>>>(mut book: R) -> Result<Vec<(String, Grid)>, String>
where
    R::Error: std::fmt::Display,
{
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet `{name}` cannot be read: {e}"))?;
        if range.height() > MAX_ROWS as usize {
            return Err(too_many_rows(&name, range.height() as u64));
        }
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::new();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                push_cell(
                    &mut grid,
                    start_row + r as u32,
                    start_col + c as u32,
                    data_text(cell),
                );
            }
        }
        grids.push((name, grid));
    }
    Ok(grids)
}

fn password_message() -> String {
    "the workbook is password-protected; open it in Excel, remove the password (File → Info → Protect Workbook) and save it again".to_owned()
}

fn not_a_workbook(detail: &str) -> String {
    format!(
        "not an Excel workbook (perhaps another file renamed to .xlsx); open it in Excel and save it as .xlsx ({detail})"
    )
}

/// Whether an OLE file is an encrypted Office package: its directory names `EncryptedPackage`
/// (in UTF-16, as compound files store names).
fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Reads a workbook's sheets into questions; `Err` when the file as a whole cannot be read.
pub fn parse(file: &str, bytes: &[u8]) -> Result<ImportResult, String> {
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(format!(
            "the workbook is {:.1} MB, over the limit of {} MB; split it into several workbooks",
            bytes.len() as f64 / 1_048_576.0,
            MAX_WORKBOOK_BYTES / 1_048_576
        ));
    }
    let grids = if bytes.starts_with(&OLE_MAGIC) {
        if is_encrypted_ole(bytes) {
            return Err(password_message());
        }
        let book = calamine::Xls::new(Cursor::new(bytes.to_vec())).map_err(|e| match e {
            calamine::XlsError::Password => password_message(),
            other => not_a_workbook(&other.to_string()),
        })?;
        other_grids(book)?
    } else if bytes.starts_with(b"PK\x03\x04") {
        let names = zip_names(bytes);
        if names.iter().any(|n| n == "xl/workbook.xml") {
            check_xlsx_size(bytes, &names)?;
            xlsx_grids(bytes)?
        } else if names.iter().any(|n| n == "content.xml") {
            let book = calamine::Ods::new(Cursor::new(bytes.to_vec()))
                .map_err(|e| not_a_workbook(&e.to_string()))?;
            other_grids(book)?
        } else if names.iter().any(|n| n == "word/document.xml") {
            return Err(
                "this is a Word document renamed as a workbook; name it .docx to import its text"
                    .to_owned(),
            );
        } else {
            return Err(not_a_workbook("a zip archive without xl/workbook.xml"));
        }
    } else {
        return Err(not_a_workbook("it is neither a zip nor an Office file"));
    };
    Ok(parse_sheets(file, &grids))
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|archive| {
            archive
                .file_names()
                .filter_map(Result::ok)
                .map(|n| n.into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The pack's id, title and version from an export-bank 说明 sheet.
fn read_meta(grid: &Grid) -> Option<PackMeta> {
    let value = |key: &str| {
        grid.iter()
            .find(|(_, cells)| cells.first().is_some_and(|c| c.trim() == key))
            .and_then(|(_, cells)| cells.get(1))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    Some(PackMeta {
        id: value(META_ID)?,
        title: value(META_TITLE).unwrap_or_default(),
        version: value(META_VERSION).unwrap_or_else(|| "1.0.0".to_owned()),
        authors: Vec::new(),
    })
}

/// Every sheet with a header row becomes questions; a sheet's name is its questions' chapter
/// when the workbook has several question sheets and no 章节 column.
pub fn parse_sheets(file: &str, grids: &[(String, Grid)]) -> ImportResult {
    let mut result = ImportResult::default();
    let mut found: Vec<(&str, &Grid, usize, Vec<Option<Column>>)> = Vec::new();
    for (name, grid) in grids {
        if name == META_SHEET {
            result.meta = read_meta(grid);
            continue;
        }
        let header = grid
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .enumerate()
            .map(|(i, (_, cells))| (i, cells.iter().map(|c| column(c)).collect::<Vec<_>>()))
            .find(|(_, cols)| cols.contains(&Some(Column::Stem)));
        match header {
            Some((index, columns)) => found.push((name, grid, index, columns)),
            None if grid.is_empty() => {}
            None => result.problems.push(Diagnostic::warning(
                format!("{file}[{name}]"),
                "no header row with a 题干 (or 题目) column in the first 30 rows; the sheet is skipped",
            )),
        }
    }
    if found.is_empty() {
        result.problems.push(Diagnostic::error(
            file,
            "no sheet has a header row; the header needs 题型, 题干, 选项A…选项H, 答案, 解析 (and may sit below title rows)",
        ));
        return result;
    }
    let sheet_chapters = found.len() > 1;
    for (name, grid, index, columns) in found {
        let shown = format!("{file}[{name}]");
        let header_row = grid[index].0;
        let has_answer = columns.contains(&Some(Column::Answer));
        if !has_answer {
            result.problems.push(
                Diagnostic::error(&shown, "no 答案 (answer) column in the header row")
                    .at(Some((header_row, 1))),
            );
            continue;
        }
        for (_, (line, cells)) in grid.iter().enumerate().skip(index + 1) {
            let row = Row {
                cells,
                columns: &columns,
            };
            match question(&row, *line) {
                Ok(mut q) => {
                    if q.chapter.is_empty() && sheet_chapters {
                        name.clone_into(&mut q.chapter);
                    }
                    result.questions.push(q);
                }
                Err(message) => result
                    .problems
                    .push(Diagnostic::error(&shown, message).at(Some((*line, 1)))),
            }
        }
    }
    super::attach_cases(file, &mut result);
    result
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
