//! Turning question banks kept elsewhere (spreadsheet CSV, Excel workbooks, text pasted from
//! Word or a .docx, Moodle GIFT) into lesson packs: parsing is pure and reports bad rows by line;
//! the writer makes a pack folder that validates.

pub mod csv;
pub mod docx;
pub mod gift;
pub mod word;
pub mod xlsx;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use thiserror::Error;

use super::diagnostic::Diagnostic;
use crate::model::{Block, Chapter, FORMAT_VERSION, Lesson, Manifest, QuestionKind, Section};

/// A question bank bigger than this is refused before it is read (a CSV of 20 000 questions is
/// about 10 MiB).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Gift,
    /// An Excel (.xlsx, .xls) or OpenDocument (.ods) workbook.
    Workbook,
    /// Numbered questions as pasted from Word into a .txt file.
    WordText,
    /// The same read from a Word .docx file.
    Docx,
}

/// The file names the import accepts, for file dialogs.
pub const EXTENSIONS: [&str; 9] = [
    "csv", "tsv", "txt", "gift", "xlsx", "xlsm", "xls", "ods", "docx",
];

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "CSV",
            Self::Gift => "GIFT",
            Self::Workbook => "Excel",
            Self::WordText => "Word text",
            Self::Docx => "Word .docx",
        }
    }

    /// Whether the format is read from bytes as a zip or Office file rather than as text.
    pub fn is_binary(self) -> bool {
        matches!(self, Self::Workbook | Self::Docx)
    }

    /// By file extension, then by content: GIFT answers sit in braces, a Word bank has numbered
    /// questions and 答案 lines, a spreadsheet has commas or tabs in its first line.
    pub fn guess(path: &Path, text: &str) -> Self {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("csv" | "tsv") => Self::Csv,
            Some("gift") => Self::Gift,
            Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods") => Self::Workbook,
            Some("docx") => Self::Docx,
            _ if word::looks_like_word_text(text) => Self::WordText,
            _ if text.contains('{') && text.contains('}') => Self::Gift,
            _ => Self::Csv,
        }
    }
}

/// How the file's bytes were read as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Gbk,
    /// Not text: a workbook or .docx, whose text is always Unicode.
    Office,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 (BOM)",
            Self::Gbk => "GBK",
            Self::Office => "Office",
        }
    }
}

/// Reads spreadsheet text: UTF-8 with or without a byte-order mark, or else GBK (what Excel
/// writes on Chinese Windows for "CSV (comma delimited)").
pub fn decode_text(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            TextEncoding::Utf8Bom,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), TextEncoding::Utf8),
        // GB18030 decodes every GBK file and the few characters GBK lacks.
        Err(_) => (
            encoding_rs::GB18030
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            TextEncoding::Gbk,
        ),
    }
}

/// One question read from a bank, before it gets its place in a pack.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedQuestion {
    /// Where it starts in the file, for messages.
    pub line: usize,
    /// An id given in the bank, if any.
    pub id: Option<String>,
    pub chapter: String,
    pub stem: String,
    pub kind: QuestionKind,
    pub explanation: String,
    pub difficulty: Option<u8>,
    pub extra: Extra,
}

/// What only a spreadsheet written by `export-bank` usually carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extra {
    pub frequency: Option<u8>,
    pub source: String,
    pub supplement: bool,
    /// The 编号 of the case this is a sub-question of.
    pub case: Option<String>,
}

/// Moves rows that name a case (案例编号) into that case's sub-questions; a row naming a case
/// that is not in the bank is reported and dropped.
pub fn attach_cases(file: &str, result: &mut ImportResult) {
    if result.questions.iter().all(|q| q.extra.case.is_none()) {
        return;
    }
    let all = std::mem::take(&mut result.questions);
    let mut subs: Vec<ImportedQuestion> = Vec::new();
    for q in all {
        if q.extra.case.is_some() {
            subs.push(q);
        } else {
            result.questions.push(q);
        }
    }
    for sub in subs {
        let case_id = sub.extra.case.clone().unwrap_or_default();
        let case = result.questions.iter_mut().find(|q| {
            q.id.as_deref() == Some(case_id.as_str()) && matches!(q.kind, QuestionKind::Case { .. })
        });
        let Some(case) = case else {
            result.problems.push(
                Diagnostic::error(
                    file,
                    format!(
                        "案例编号 `{case_id}` names no 案例 row (a row with 题型 案例 and that 编号)"
                    ),
                )
                .at(Some((sub.line, 1))),
            );
            continue;
        };
        if let QuestionKind::Case { questions, .. } = &mut case.kind {
            let n = questions.len() + 1;
            let id = match &sub.id {
                Some(id) if id.contains('.') => id.clone(),
                Some(id) => format!("{case_id}.{id}"),
                None => format!("{case_id}.{n}"),
            };
            questions.push(crate::model::Question {
                id,
                lesson: String::new(),
                stem: sub.stem,
                kind: sub.kind,
                explanation: sub.explanation,
                difficulty: sub.difficulty.unwrap_or(2),
                frequency: sub.extra.frequency.unwrap_or(1),
                source: sub.extra.source,
                supplement: sub.extra.supplement,
            });
        }
    }
    // A case row whose sub-questions all failed is an empty case: say so rather than import it.
    let mut kept = Vec::new();
    for q in std::mem::take(&mut result.questions) {
        if matches!(&q.kind, QuestionKind::Case { questions, .. } if questions.is_empty()) {
            result.problems.push(
                Diagnostic::error(file, "a 案例 row with no sub-question rows (案例编号)")
                    .at(Some((q.line, 1))),
            );
        } else {
            kept.push(q);
        }
    }
    result.questions = kept;
}

/// The good questions of a bank and a problem (with its line) for each bad one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportResult {
    pub questions: Vec<ImportedQuestion>,
    pub problems: Vec<Diagnostic>,
    /// The pack id, title and version a workbook written by `export-bank` names in its 说明
    /// sheet, so re-importing it updates the same pack.
    pub meta: Option<PackMeta>,
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes, over the limit of {MAX_IMPORT_BYTES} bytes")]
    TooLarge { path: String, size: u64 },
    #[error("{0} exists and is not empty; choose a new or empty folder")]
    NotEmpty(String),
    #[error("no question could be imported")]
    Empty,
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot encode the pack: {0}")]
    Encode(String),
    /// A workbook or .docx that cannot be read, with the reason in the instructor's terms.
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
}

/// Reads and parses a bank file; `format` `None` guesses it.
pub fn import_file(
    path: &Path,
    format: Option<Format>,
) -> Result<(ImportResult, Format, TextEncoding), ImportError> {
    let shown = path.display().to_string();
    let read_err = |source| ImportError::Read {
        path: shown.clone(),
        source,
    };
    let file = crate::pack::source::open_regular(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
        });
    }
    let guessed = format.unwrap_or_else(|| Format::guess(path, ""));
    if guessed.is_binary() {
        let result = if guessed == Format::Docx {
            docx::parse(&shown, &bytes)
        } else {
            xlsx::parse(&shown, &bytes)
        }
        .map_err(|message| ImportError::Unreadable {
            path: shown.clone(),
            message,
        })?;
        return Ok((result, guessed, TextEncoding::Office));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&xlsx::OLE_MAGIC) {
        return Err(ImportError::Unreadable {
            path: shown,
            message: "this is an Office or zip file, not text; name it .xlsx or .docx, or save it as CSV or text".to_owned(),
        });
    }
    let (text, encoding) = decode_text(&bytes);
    let format = format.unwrap_or_else(|| Format::guess(path, &text));
    let result = match format {
        Format::Csv => csv::parse(&shown, &text),
        Format::Gift => gift::parse(&shown, &text),
        Format::WordText => word::parse(&shown, &text),
        Format::Workbook | Format::Docx => unreachable_binary(&shown),
    };
    Ok((result, format, encoding))
}

/// Binary formats are read above; kept total rather than panicking.
fn unreachable_binary(file: &str) -> ImportResult {
    ImportResult {
        questions: Vec::new(),
        problems: vec![Diagnostic::error(file, "not a text format")],
        meta: None,
    }
}

/// What the written pack is called.
#[derive(Clone, Debug, PartialEq)]
pub struct PackMeta {
    pub id: String,
    pub title: String,
    pub version: String,
    pub authors: Vec<String>,
}

impl PackMeta {
    /// A pack named after the bank file: the id from its name (ASCII letters and digits kept,
    /// or a hash of a Chinese name so re-importing the same file gives the same id).
    pub fn from_file(path: &Path) -> Self {
        let stem = path.file_stem().map_or_else(
            || "questions".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let ascii: String = stem
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect::<String>()
            .to_lowercase();
        let id = if ascii.len() >= 3 {
            format!("import.{ascii}")
        } else {
            format!("import.{:08x}", fnv1a(stem.as_bytes()) as u32)
        };
        Self {
            id,
            title: stem,
            version: "1.0.0".to_owned(),
            authors: Vec::new(),
        }
    }
}

/// FNV-1a: a tiny hash that stays the same across Rust versions, for stable ids.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The default chapter for questions whose bank names none.
pub const DEFAULT_CHAPTER: &str = "题库";

/// Arranges questions into a pack: one chapter per chapter name (in the order first seen), each
/// with one lesson that lists its questions. Question ids come from the bank's id column or a
/// hash of the stem, so re-importing an edited bank keeps learners' records.
pub fn build_pack(
    meta: &PackMeta,
    questions: &[ImportedQuestion],
) -> (Manifest, Vec<(String, Chapter)>) {
    let mut order: Vec<String> = Vec::new();
    let mut by_chapter: HashMap<String, Vec<&ImportedQuestion>> = HashMap::new();
    for q in questions {
        let name = if q.chapter.trim().is_empty() {
            DEFAULT_CHAPTER.to_owned()
        } else {
            q.chapter.trim().to_owned()
        };
        if !by_chapter.contains_key(&name) {
            order.push(name.clone());
        }
        by_chapter.entry(name).or_default().push(q);
    }
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut chapters = Vec::new();
    for (n, name) in order.iter().enumerate() {
        let chapter_id = format!("{}.ch{}", meta.id, n + 1);
        let lesson_id = format!("{chapter_id}.questions");
        let list = by_chapter.get(name).map(Vec::as_slice).unwrap_or_default();
        let questions = list
            .iter()
            .map(|q| {
                let base = match &q.id {
                    // A dotted id is already whole (`ch2.q.066`, as export-bank writes it): it is
                    // kept so learners' records follow the question.
                    Some(id) if id.contains('.') => id.clone(),
                    Some(id) => format!("{}.q.{id}", meta.id),
                    None => format!(
                        "{}.q.{:012x}",
                        meta.id,
                        fnv1a(q.stem.trim().as_bytes()) >> 16
                    ),
                };
                let count = used_ids.entry(base.clone()).or_insert(0);
                *count += 1;
                let id = if *count == 1 {
                    base
                } else {
                    format!("{base}-{count}")
                };
                crate::model::Question {
                    id,
                    lesson: lesson_id.clone(),
                    stem: q.stem.clone(),
                    kind: q.kind.clone(),
                    explanation: q.explanation.clone(),
                    difficulty: q.difficulty.unwrap_or(2),
                    frequency: q.extra.frequency.unwrap_or(1),
                    source: q.extra.source.clone(),
                    supplement: q.extra.supplement,
                }
            })
            .collect();
        let chapter = Chapter {
            id: chapter_id.clone(),
            title: name.clone(),
            summary: String::new(),
            sections: vec![Section {
                id: format!("{chapter_id}.s1"),
                title: name.clone(),
                lessons: vec![Lesson {
                    id: lesson_id,
                    title: format!("{name} · 练习题"),
                    summary: String::new(),
                    minutes: 0,
                    blocks: vec![Block::Paragraph(format!(
                        "本章共有 {} 道题，列在下方；也可以在练习中心按章节练习。",
                        list.len()
                    ))],
                }],
            }],
            questions,
            flashcards: Vec::new(),
            swot: Vec::new(),
            orderings: Vec::new(),
            pdca: Vec::new(),
            worksheets: Vec::new(),
            roleplays: Vec::new(),
            labs: Vec::new(),
        };
        chapters.push((format!("chapters/{:02}.ron", n + 1), chapter));
    }
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        id: meta.id.clone(),
        title: meta.title.clone(),
        version: meta.version.clone(),
        language: "zh-CN".to_owned(),
        authors: meta.authors.clone(),
        description: format!("由题库导入，共 {} 道题。", questions.len()),
        chapters: chapters.iter().map(|(file, _)| file.clone()).collect(),
        scoring: Default::default(),
        mock_exams: Vec::new(),
    };
    (manifest, chapters)
}

fn to_ron<T: serde::Serialize>(value: &T, comment: &str) -> Result<String, ImportError> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(|e| ImportError::Encode(e.to_string()))?;
    Ok(format!("// {comment}\n{text}\n"))
}

/// The files of the pack for `questions`, as (relative path, text): the manifest first.
pub fn pack_files(
    meta: &PackMeta,
    questions: &[ImportedQuestion],
) -> Result<Vec<(String, String)>, ImportError> {
    let (manifest, chapters) = build_pack(meta, questions);
    let mut files = vec![(
        "pack.ron".to_owned(),
        to_ron(
            &manifest,
            "A ServiceCraft lesson pack imported from a question bank.",
        )?,
    )];
    for (file, chapter) in &chapters {
        files.push((
            file.clone(),
            to_ron(chapter, "Questions imported from a question bank.")?,
        ));
    }
    Ok(files)
}

/// Writes the pack for `questions` into `dir`, which must be new or empty.
pub fn write_pack(
    dir: &Path,
    meta: &PackMeta,
    questions: &[ImportedQuestion],
) -> Result<(), ImportError> {
    if questions.is_empty() {
        return Err(ImportError::Empty);
    }
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(ImportError::NotEmpty(dir.display().to_string()));
    }
    for (rel, text) in pack_files(meta, questions)? {
        let path = dir.join(&rel);
        let err = |source| ImportError::Write {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err)?;
        }
        std::fs::write(&path, text).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        let (gbk, _, _) = encoding_rs::GBK.encode("题干,答案");
        for (bytes, text, encoding) in [
            (
                "题干,答案".as_bytes().to_vec(),
                "题干,答案",
                TextEncoding::Utf8,
            ),
            (
                [b"\xEF\xBB\xBF".as_slice(), "题干".as_bytes()].concat(),
                "题干",
                TextEncoding::Utf8Bom,
            ),
            (gbk.into_owned(), "题干,答案", TextEncoding::Gbk),
        ] {
            assert_eq!(decode_text(&bytes), (text.to_owned(), encoding));
        }
    }

    #[test]
    fn pack_ids_come_from_the_file_name() {
        assert_eq!(
            PackMeta::from_file(Path::new("/x/Bank-2024.csv")).id,
            "import.bank-2024"
        );
        let chinese = PackMeta::from_file(Path::new("客服题库.csv"));
        assert!(
            chinese.id.starts_with("import.") && chinese.id.len() == 15,
            "{}",
            chinese.id
        );
        assert_eq!(chinese.title, "客服题库");
        assert_eq!(chinese, PackMeta::from_file(Path::new("客服题库.csv")));
    }
}
