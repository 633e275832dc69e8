//! The question bank's honesty checks: answer keys not guessable from position, no exam
//! sittings named without their source, no near-duplicate questions. Pure functions over a
//! [`Pack`], used by the syllabus tests and by `examples/bank_audit.rs` for authors.

use std::collections::{BTreeMap, HashSet};

use super::{Block, Pack, Question, QuestionKind, answer_indices};

/// Every answerable choice question in the pack, case parts included, with its chapter index.
fn choice_questions(pack: &Pack) -> impl Iterator<Item = (usize, &Question)> {
    pack.chapters.iter().enumerate().flat_map(|(c, chapter)| {
        chapter.questions.iter().flat_map(move |q| {
            let parts: Vec<&Question> = match &q.kind {
                QuestionKind::Case { questions, .. } => questions.iter().collect(),
                _ => vec![q],
            };
            parts.into_iter().map(move |p| (c, p))
        })
    })
}

/// How the answer keys of a set of choice questions are spread over positions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeySpread {
    /// Four-option single-choice questions, by the key's letter (A–D).
    pub single_four: [usize; 4],
    /// Multiple-choice questions.
    pub multiple: usize,
    /// Multiple-choice keys that are a leading run (AB, ABC, ABCD …).
    pub multiple_leading_run: usize,
    /// Multiple-choice questions whose last option is right.
    pub multiple_last_right: usize,
    /// Multiple-choice option slots that are right, by position from the start (A, B, …).
    pub multiple_right_by_position: BTreeMap<usize, usize>,
}

impl KeySpread {
    /// The share of four-option single-choice keys on each letter.
    pub fn single_shares(&self) -> [f64; 4] {
        let total: usize = self.single_four.iter().sum();
        let total = total.max(1) as f64;
        self.single_four.map(|n| n as f64 / total)
    }

    /// Problems against the bounds the bank promises (issue: keys not guessable by position).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (letter, share) in ['A', 'B', 'C', 'D'].iter().zip(self.single_shares()) {
            if !(0.20..=0.30).contains(&share) {
                out.push(format!(
                    "single choice: {letter} is the key of {:.0} % of four-option questions (bounds 20–30 %)",
                    share * 100.0
                ));
            }
        }
        if self.multiple > 0 {
            if self.multiple_leading_run * 3 > self.multiple {
                out.push(format!(
                    "multiple choice: {} of {} keys are a leading run (at most a third)",
                    self.multiple_leading_run, self.multiple
                ));
            }
            // The last option is right as often as a typical option: compare with the mean rate
            // over the first four positions, allowing ±10 points.
            let first_four: usize = (0..4)
                .map(|i| {
                    self.multiple_right_by_position
                        .get(&i)
                        .copied()
                        .unwrap_or(0)
                })
                .sum();
            let mean = first_four as f64 / 4.0 / self.multiple as f64;
            let last = self.multiple_last_right as f64 / self.multiple as f64;
            if (last - mean).abs() > 0.10 {
                out.push(format!(
                    "multiple choice: the last option is right in {:.0} % of questions, a typical option in {:.0} %",
                    last * 100.0,
                    mean * 100.0
                ));
            }
        }
        out
    }
}

/// The spread of answer keys over the chapters `chapters` (all when empty).
pub fn key_spread(pack: &Pack, chapters: &[usize]) -> KeySpread {
    let mut spread = KeySpread::default();
    for (c, q) in choice_questions(pack) {
        if !chapters.is_empty() && !chapters.contains(&c) {
            continue;
        }
        match &q.kind {
            QuestionKind::Single { options, answer } if options.len() == 4 => {
                if let Some(&[i]) = answer_indices(answer).as_deref()
                    && i < 4
                {
                    spread.single_four[i] += 1;
                }
            }
            QuestionKind::Multiple { options, answer } => {
                let Some(mut keys) = answer_indices(answer) else {
                    continue;
                };
                keys.sort_unstable();
                keys.dedup();
                spread.multiple += 1;
                if keys.len() >= 2 && keys.iter().enumerate().all(|(n, &k)| n == k) {
                    spread.multiple_leading_run += 1;
                }
                if keys.contains(&(options.len().saturating_sub(1))) {
                    spread.multiple_last_right += 1;
                }
                for k in keys {
                    *spread.multiple_right_by_position.entry(k).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    spread
}

/// Every text of a question a learner reads: stem, options, explanation, model answer, source.
fn texts(q: &Question) -> Vec<&str> {
    let mut out = vec![q.stem.as_str(), q.explanation.as_str(), q.source.as_str()];
    match &q.kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => {
            out.extend(options.iter().map(String::as_str));
        }
        QuestionKind::ShortAnswer {
            model_answer,
            points,
            ..
        } => {
            out.push(model_answer);
            out.extend(points.iter().map(|p| p.text.as_str()));
        }
        QuestionKind::Case {
            case_text,
            questions,
        } => {
            out.push(case_text);
            for part in questions {
                out.extend(texts(part));
            }
        }
        QuestionKind::TrueFalse { .. } => {}
    }
    out
}

/// Texts that name an exam sitting (a year with a month, "2013.1") or a textbook page ("P91")
/// without saying whose exam or book it is. A mention is labelled when the same text says
/// 自考 (the self-study course 10421 whose notes are seed 002).
pub fn unlabelled_sittings(pack: &Pack) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for chapter in &pack.chapters {
        for q in &chapter.questions {
            for text in texts(q) {
                if names_sitting(text) && !text.contains("自考") {
                    out.push((q.id.clone(), text.to_owned()));
                }
            }
        }
    }
    for (_, lesson) in pack.lessons() {
        for block in &lesson.blocks {
            for text in block_texts(block) {
                if names_sitting(text) && !text.contains("自考") {
                    out.push((lesson.id.clone(), text.to_owned()));
                }
            }
        }
    }
    out
}

/// The texts of a lesson block a learner reads.
fn block_texts(block: &Block) -> Vec<&str> {
    match block {
        Block::Heading(text) | Block::Paragraph(text) => vec![text],
        Block::List { items, .. } => items.iter().map(String::as_str).collect(),
        Block::KeyPoints { title, items } | Block::Supplement { title, items, .. } => {
            let mut out = vec![title.as_str()];
            out.extend(items.iter().map(String::as_str));
            if let Block::Supplement { text, .. } = block {
                out.push(text);
            }
            out
        }
        Block::Definition { term, text } => vec![term, text],
        Block::Mnemonic {
            phrase,
            parts,
            note,
        } => {
            let mut out = vec![phrase.as_str(), note.as_str()];
            out.extend(parts.iter().map(|p| p.meaning.as_str()));
            out
        }
        Block::ExamTip { text, .. } => vec![text],
        Block::Example { title, text } => vec![title, text],
        Block::Table { header, rows } => header
            .iter()
            .chain(rows.iter().flatten())
            .map(String::as_str)
            .collect(),
        Block::Image { caption, alt, .. } => vec![caption, alt],
        Block::Exercise(_) => Vec::new(),
    }
}

/// A year followed by a month ("2013年1月", "2013.1"), or a page reference ("P91", "P87–P101").
fn names_sitting(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    for (i, window) in chars.windows(5).enumerate() {
        let year = window[..4].iter().all(char::is_ascii_digit)
            && (window[0] == '1' || window[0] == '2')
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if year && (window[4] == '年' || window[4] == '.') {
            let month = chars.get(i + 5).is_some_and(char::is_ascii_digit);
            if month {
                return true;
            }
        }
    }
    chars.windows(2).enumerate().any(|(i, w)| {
        (w[0] == 'P' || w[0] == 'p')
            && w[1].is_ascii_digit()
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
    })
}

/// Character bigrams of a text, punctuation and spaces left out.
fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric() && !matches!(c, '（' | '）'))
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn jaccard(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// What a question asks and answers, as one text: the stem with the right options or the model
/// answer. Two questions are near-duplicates when these are nearly the same, even when their
/// wrong options differ.
fn question_core(q: &Question) -> String {
    match &q.kind {
        QuestionKind::Single { options, answer } | QuestionKind::Multiple { options, answer } => {
            let right: Vec<&str> = answer_indices(answer)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|i| options.get(i).map(String::as_str))
                .collect();
            format!("{}{}", q.stem, right.join(""))
        }
        QuestionKind::TrueFalse { answer } => format!("{}{answer}", q.stem),
        QuestionKind::ShortAnswer { model_answer, .. } => format!("{}{model_answer}", q.stem),
        QuestionKind::Case { case_text, .. } => case_text.clone(),
    }
}

/// Pairs of questions of the same type whose stem and answer are nearly the same (bigram
/// Jaccard similarity at least `threshold`), with the similarity.
pub fn near_duplicates(pack: &Pack, threshold: f64) -> Vec<(String, String, f64)> {
    let all: Vec<(&Question, HashSet<(char, char)>)> = choice_questions(pack)
        .map(|(_, q)| (q, bigrams(&question_core(q))))
        .collect();
    let mut out = Vec::new();
    for (i, (a, ga)) in all.iter().enumerate() {
        for (b, gb) in &all[i + 1..] {
            if a.kind.question_type() != b.kind.question_type() {
                continue;
            }
            let similarity = jaccard(ga, gb);
            if similarity >= threshold {
                out.push((a.id.clone(), b.id.clone(), similarity));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sittings_and_pages_are_recognised() {
        for (text, expected) in [
            ("★2013年1月论述题", true),
            ("2017.7 多选", true),
            ("教材P91", true),
            ("P87–P101", true),
            ("PDCA 循环", false),
            ("满意度提高 20%", false),
            ("2000 年以后", false),
            ("约 1200 名客户", false),
            ("APP 下载", false),
        ] {
            assert_eq!(names_sitting(text), expected, "{text}");
        }
    }

    #[test]
    fn similar_texts_score_high_and_different_ones_low() {
        let a = bigrams("客户流失的三种类型是什么？");
        let b = bigrams("客户流失的三种类型是（ ）。");
        let c = bigrams("PDCA 循环的第一个阶段是计划。");
        assert!(jaccard(&a, &b) > 0.6);
        assert!(jaccard(&a, &c) < 0.1);
    }
}
