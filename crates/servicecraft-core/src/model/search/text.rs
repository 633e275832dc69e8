//! The text side of search: what of each block and question is searchable, case folding, query
//! terms, and snippets with the matches marked.

use std::ops::Range;

use super::super::{Block, Question, QuestionKind};
use super::{CONTEXT_BEFORE, SNIPPET_CHARS, TITLE_CHARS};
use crate::text::plain;

/// Searchable text, one field per line; empty fields are skipped. A line break is whitespace,
/// which no query term contains, so no term can match across two fields.
#[derive(Default)]
pub(super) struct Lines(pub(super) String);

impl Lines {
    pub(super) fn push(&mut self, text: &str) {
        let text = plain(text);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str(text);
    }

    pub(super) fn extend<S: AsRef<str>>(&mut self, texts: impl IntoIterator<Item = S>) {
        for text in texts {
            self.push(text.as_ref());
        }
    }
}

pub(super) fn block_text(block: &Block, out: &mut Lines) {
    match block {
        Block::Heading(text) | Block::Paragraph(text) => out.push(text),
        Block::List { items, .. } => out.extend(items),
        Block::KeyPoints { title, items } => {
            out.push(title);
            out.extend(items);
        }
        Block::Definition { term, text } => {
            out.push(term);
            out.push(text);
        }
        Block::Mnemonic {
            phrase,
            parts,
            note,
        } => {
            out.push(phrase);
            for part in parts {
                out.push(&format!("{}：{}", part.key, part.meaning));
            }
            out.push(note);
        }
        Block::ExamTip { text, .. } => out.push(text),
        Block::Example { title, text } => {
            out.push(title);
            out.push(text);
        }
        Block::Table { header, rows } => {
            out.push(&header.join(" | "));
            for row in rows {
                out.push(&row.join(" | "));
            }
        }
        Block::Image { caption, alt, .. } => {
            out.push(caption);
            out.push(alt);
        }
        Block::Supplement { title, text, items } => {
            out.push(title);
            out.push(text);
            out.extend(items);
        }
        Block::Exercise(_) => {}
    }
}

pub(super) fn question_text(question: &Question, out: &mut Lines) {
    out.push(&question.stem);
    match &question.kind {
        // One line, lettered as on screen: shown alone, a bare first option would read as if it
        // were the answer.
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => {
            let lettered: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(i, option)| format!("{}. {}", crate::model::option_letter(i), option.trim()))
                .collect();
            out.push(&lettered.join("　"));
        }
        QuestionKind::TrueFalse { .. } => {}
        QuestionKind::ShortAnswer {
            model_answer,
            points,
            ..
        } => {
            out.push(model_answer);
            out.extend(points.iter().map(|p| &p.text));
        }
        QuestionKind::Case {
            case_text,
            questions,
        } => {
            out.push(case_text);
            for part in questions {
                question_text(part, out);
            }
        }
    }
    out.push(&question.explanation);
}

/// The first line of `text`, cut to [`TITLE_CHARS`] characters.
pub(super) fn short_title(text: &str) -> String {
    let text = plain(text);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match line.char_indices().nth(TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

/// Lower case for characters whose lower case is one character of the same UTF-8 length
/// (Latin, Greek, Cyrillic, full-width letters); others, Chinese included, stay as they are.
/// Keeping lengths means offsets found in the folded text are offsets into the original.
pub(super) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// [`fold`] into a buffer the caller reuses, so searching notes allocates nothing per note.
pub(super) fn fold_into(text: &str, folded: &mut String) {
    folded.clear();
    if text.is_ascii() {
        folded.push_str(text);
        folded.make_ascii_lowercase();
    } else {
        folded.extend(text.chars().map(fold_char));
    }
}

pub(super) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // CJK punctuation, kana and ideographs have no case: skip the table lookup, which is most of
    // the time spent folding Chinese text.
    if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF01}'..='\u{FF20}').contains(&c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// The folded query terms: split on any whitespace (the ideographic space too), duplicates
/// dropped, longest first so a term inside another is marked inside it.
pub(super) fn terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = query.split_whitespace().map(fold).collect();
    terms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    terms.dedup();
    terms
}

/// A line of `text` around the earliest match of any term, cut on character boundaries, with the
/// marks of every term inside it. Without a match (the terms were all in the title) it is the
/// start of the text.
pub(super) fn snippet(text: &str, folded: &str, terms: &[String]) -> (String, Vec<Range<usize>>) {
    let (at, end) = first_match(folded, terms).unwrap_or((0, 0));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let start = text[line_start..at]
        .char_indices()
        .rev()
        .take(CONTEXT_BEFORE)
        .last()
        .map_or(at, |(i, _)| line_start + i);
    let used = text[start..end].chars().count();
    let after = SNIPPET_CHARS.saturating_sub(used).max(CONTEXT_BEFORE);
    let stop = text[end..line_end]
        .char_indices()
        .nth(after)
        .map_or(line_end, |(i, _)| end + i);
    let mut snippet = String::with_capacity(stop - start + 6);
    if start > line_start {
        snippet.push('…');
    }
    let shift = snippet.len();
    snippet.push_str(&text[start..stop]);
    if stop < line_end {
        snippet.push('…');
    }
    let marks = marks_in(folded, start..stop, terms)
        .into_iter()
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    (snippet, marks)
}

/// The byte range of the earliest match of any term in `folded`.
pub(super) fn first_match(folded: &str, terms: &[String]) -> Option<(usize, usize)> {
    terms
        .iter()
        .filter_map(|term| folded.find(term.as_str()).map(|at| (at, at + term.len())))
        .min()
}

/// Every occurrence of every term inside `window` of `folded`, merged where they overlap.
pub(super) fn marks_in(folded: &str, window: Range<usize>, terms: &[String]) -> Vec<Range<usize>> {
    let Some(part) = folded.get(window.clone()) else {
        return Vec::new();
    };
    let mut marks: Vec<Range<usize>> = terms
        .iter()
        .filter(|term| !term.is_empty())
        .flat_map(|term| {
            part.match_indices(term.as_str())
                .map(|(i, m)| window.start + i..window.start + i + m.len())
        })
        .collect();
    marks.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for mark in marks {
        match merged.last_mut() {
            Some(last) if mark.start <= last.end => last.end = last.end.max(mark.end),
            _ => merged.push(mark),
        }
    }
    merged
}
