//! Question banks as Chinese teachers paste them from Word: numbered questions (`1.`, `1、`,
//! `（1）`), options on their own lines or on one line (`A.`, `A、`, `A．`, `A:`), `答案：` or
//! `【答案】` and `解析：` or `【解析】` lines, section headings (`一、单选题`) that set the type,
//! which is otherwise inferred from the answer. Full- and half-width punctuation alike.

use super::csv::{Column, Row, question, true_false};
use super::{ImportResult, ImportedQuestion};
use crate::pack::Diagnostic;
use crate::pack::validate::MAX_OPTIONS;

/// Full-width forms of the punctuation the format uses, made half-width for matching.
fn half_width(c: char) -> char {
    match c {
        '．' => '.',
        '：' => ':',
        '（' => '(',
        '）' => ')',
        '【' => '[',
        '】' => ']',
        '\u{3000}' => ' ',
        c if ('Ａ'..='Ｚ').contains(&c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c if ('０'..='９').contains(&c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

fn normalise(line: &str) -> Vec<char> {
    line.chars().map(half_width).collect()
}

/// `一、单选题` → the type written in the 题型 column; `第一章 …` → a chapter.
enum Heading {
    Type(&'static str),
    Chapter(String),
}

fn heading(norm: &[char], orig: &str) -> Option<Heading> {
    let line: String = norm.iter().collect();
    let t = line.trim();
    let numerals = "一二三四五六七八九十0123456789";
    if let Some(after) = t.strip_prefix('第') {
        let rest = after.trim_start_matches(|c| numerals.contains(c));
        if rest.len() < after.len() && rest.starts_with(['章', '部']) {
            return Some(Heading::Chapter(orig.trim().to_owned()));
        }
    }
    let rest = t.trim_start_matches(|c: char| numerals.contains(c) && !c.is_ascii_digit());
    if rest.len() == t.len() || !rest.starts_with(['、', '.', ' ']) {
        return None;
    }
    let rest = rest.trim_start_matches(['、', '.', ' ']);
    // A heading is short: "二、多项选择题（每题2分，共20分）".
    if rest.chars().count() > 40 {
        return None;
    }
    let kind = [
        ("单选", "单选"),
        ("单项选择", "单选"),
        ("多选", "多选"),
        ("多项选择", "多选"),
        ("不定项", "多选"),
        ("判断", "判断"),
        ("是非", "判断"),
        ("简答", "简答"),
        ("问答", "简答"),
        ("论述", "论述"),
        ("案例", "简答"),
    ]
    .iter()
    .find(|(word, _)| rest.starts_with(word))?;
    Some(Heading::Type(kind.1))
}

/// The characters of `orig` from char index `from` on, trimmed. Matching is done on the
/// half-width copy (same length in characters); the text kept is the author's own.
fn tail(orig: &[char], from: usize) -> String {
    orig.get(from..)
        .unwrap_or_default()
        .iter()
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The number of a question line (`12.`, `12、`, `(12)`, `12)`) and where its text starts.
fn numbered(line: &[char]) -> Option<(u32, usize)> {
    let lead = line.iter().take_while(|c| c.is_whitespace()).count();
    let t = &line[lead..];
    let (digits, after): (&[char], usize) = if t.first() == Some(&'(') {
        let end = t.iter().position(|c| *c == ')')?;
        (&t[1..end], end + 1)
    } else {
        let end = t.iter().position(|c| !c.is_ascii_digit())?;
        if !matches!(t[end], '.' | '、' | ')' | ' ') {
            return None;
        }
        // `1.5 倍` is not a question number.
        if t.get(end + 1).is_some_and(char::is_ascii_digit) {
            return None;
        }
        (&t[..end], end + 1)
    };
    if digits.is_empty() || digits.len() > 4 || !digits.iter().all(char::is_ascii_digit) {
        return None;
    }
    let number: String = digits.iter().collect();
    Some((number.parse().ok()?, lead + after))
}

const OPTION_MARKS: [char; 4] = ['.', '、', ':', ')'];

/// Options on a line: `A. 倾听  B. 争辩` or one `C、沉默`; letters must run A, B, C… from
/// `next_letter`. Returns the text before the first option (a stem on the same line) and the
/// options, both from the author's own text `orig`.
fn options_in(norm: &[char], orig: &[char], next_letter: usize) -> Option<(String, Vec<String>)> {
    let mut starts = Vec::new();
    let mut want = next_letter;
    let mut i = 0;
    while i + 1 < norm.len() && want < MAX_OPTIONS {
        let letter = char::from(b'A' + want as u8);
        let boundary = i == 0 || norm[i - 1].is_whitespace() || norm[i - 1] == ')';
        if norm[i] == letter && OPTION_MARKS.contains(&norm[i + 1]) && boundary {
            starts.push(i);
            want += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    let first = *starts.first()?;
    let mut options = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(orig.len());
        options.push(
            orig[s + 2..end]
                .iter()
                .collect::<String>()
                .trim()
                .to_owned(),
        );
    }
    Some((
        orig[..first].iter().collect::<String>().trim().to_owned(),
        options,
    ))
}

/// `答案: B`, `[答案] B`, `参考答案:`; the same for 解析: where the value starts.
fn labelled(line: &[char], labels: &[&str]) -> Option<usize> {
    let lead = line.iter().take_while(|c| c.is_whitespace()).count();
    let mut at = lead + usize::from(line.get(lead) == Some(&'['));
    for label in labels {
        let label: Vec<char> = label.chars().collect();
        if line.get(at..at + label.len()) == Some(label.as_slice()) {
            at += label.len();
            while line.get(at).is_some_and(|c| c.is_whitespace()) {
                at += 1;
            }
            if matches!(line.get(at), Some(':' | ']')) {
                return Some(at + 1);
            }
            return None;
        }
    }
    None
}

const ANSWER_LABELS: [&str; 4] = ["参考答案", "正确答案", "标准答案", "答案"];
const EXPLANATION_LABELS: [&str; 3] = ["答案解析", "试题解析", "解析"];

/// Whether text reads like this format (numbered lines and 答案 lines), for guessing the format.
pub fn looks_like_word_text(text: &str) -> bool {
    let mut numbered_lines = 0;
    let mut answers = 0;
    for line in text.lines().take(200) {
        let line = normalise(line);
        numbered_lines += usize::from(numbered(&line).is_some());
        answers += usize::from(labelled(&line, &ANSWER_LABELS).is_some());
    }
    numbered_lines > 0 && answers > 0
}

#[derive(Default)]
struct Draft {
    line: usize,
    number: u32,
    stem: Vec<String>,
    options: Vec<String>,
    answer: Vec<String>,
    explanation: Vec<String>,
    /// Which part a continuation line belongs to.
    part: Part,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum Part {
    #[default]
    Stem,
    Options,
    Answer,
    Explanation,
}

fn finish(draft: Draft, kind: Option<&str>, chapter: &str, file: &str, result: &mut ImportResult) {
    let answer = draft.answer.join("\n");
    // An answer such as `对` or `√` with no options is a 判断 whatever the section says.
    let written = kind.unwrap_or("");
    let written = if written == "单选" && draft.options.is_empty() && true_false(&answer).is_some()
    {
        "判断"
    } else {
        written
    };
    let mut cells = vec![
        written.to_owned(),
        draft.stem.join("\n"),
        answer,
        draft.explanation.join("\n"),
        chapter.to_owned(),
    ];
    let mut columns = vec![
        Some(Column::Type),
        Some(Column::Stem),
        Some(Column::Answer),
        Some(Column::Explanation),
        Some(Column::Chapter),
    ];
    for (i, option) in draft.options.into_iter().enumerate() {
        cells.push(option);
        columns.push(Some(Column::Option(i)));
    }
    let row = Row {
        cells: &cells,
        columns: &columns,
    };
    match question(&row, draft.line) {
        Ok(q) => result.questions.push(q),
        Err(message) => result.problems.push(
            Diagnostic::error(file, format!("question {}: {message}", draft.number))
                .at(Some((draft.line, 1))),
        ),
    }
}

/// Parses the text (already decoded); `file` names it in messages.
pub fn parse(file: &str, text: &str) -> ImportResult {
    let mut result = ImportResult::default();
    let mut kind: Option<&'static str> = None;
    let mut chapter = String::new();
    let mut draft: Option<Draft> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let raw = raw.trim_end_matches('\r');
        let orig: Vec<char> = raw.chars().collect();
        let norm = normalise(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let in_answer = draft
            .as_ref()
            .is_some_and(|d| matches!(d.part, Part::Answer | Part::Explanation));
        if let Some(h) = heading(&norm, raw) {
            if let Some(d) = draft.take() {
                finish(d, kind, &chapter, file, &mut result);
            }
            match h {
                Heading::Type(t) => kind = Some(t),
                Heading::Chapter(c) => chapter = c,
            }
            continue;
        }
        if let Some((number, from)) = numbered(&norm) {
            // Inside an answer, `1.` `2.` are its points; a new question has the next number.
            let expected = draft.as_ref().map_or(0, |d| d.number + 1);
            if !in_answer || number == expected {
                if let Some(d) = draft.take() {
                    finish(d, kind, &chapter, file, &mut result);
                }
                let mut d = Draft {
                    line: line_no,
                    number,
                    ..Draft::default()
                };
                match options_in(&norm[from..], &orig[from..], 0).filter(|(_, o)| o.len() >= 2) {
                    Some((stem, options)) => {
                        d.stem.push(stem);
                        d.options = options;
                        d.part = Part::Options;
                    }
                    None => d.stem.push(tail(&orig, from)),
                }
                draft = Some(d);
                continue;
            }
        }
        let Some(d) = draft.as_mut() else {
            // Text before the first question (a title, instructions) is not a question.
            continue;
        };
        if let Some(from) = labelled(&norm, &ANSWER_LABELS) {
            d.part = Part::Answer;
            let rest = tail(&orig, from);
            if !rest.is_empty() {
                d.answer.push(rest);
            }
            continue;
        }
        if let Some(from) = labelled(&norm, &EXPLANATION_LABELS) {
            d.part = Part::Explanation;
            let rest = tail(&orig, from);
            if !rest.is_empty() {
                d.explanation.push(rest);
            }
            continue;
        }
        if matches!(d.part, Part::Stem | Part::Options) {
            let lead = norm.iter().take_while(|c| c.is_whitespace()).count();
            if let Some((before, options)) =
                options_in(&norm[lead..], &orig[lead..], d.options.len())
                && before.is_empty()
            {
                d.options.extend(options);
                d.part = Part::Options;
                continue;
            }
        }
        let text = raw.trim().to_owned();
        match d.part {
            Part::Stem => d.stem.push(text),
            Part::Options => {
                if let Some(last) = d.options.last_mut() {
                    last.push('\n');
                    last.push_str(&text);
                }
            }
            Part::Answer => d.answer.push(text),
            Part::Explanation => d.explanation.push(text),
        }
    }
    if let Some(d) = draft.take() {
        finish(d, kind, &chapter, file, &mut result);
    }
    if result.questions.is_empty() && result.problems.is_empty() {
        result.problems.push(Diagnostic::error(
            file,
            "no numbered question (1. 1、 or （1）) with an 答案 line was found",
        ));
    }
    result
}

/// The questions as read, for tests and the import preview.
pub fn stems(result: &ImportResult) -> Vec<&str> {
    result
        .questions
        .iter()
        .map(|q: &ImportedQuestion| q.stem.as_str())
        .collect()
}

#[cfg(test)]
#[path = "word_tests.rs"]
mod tests;
