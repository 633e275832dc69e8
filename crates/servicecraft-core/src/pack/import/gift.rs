//! Moodle's GIFT question format, parsed by hand with line numbers: `::title:: stem {answers}`,
//! questions separated by blank lines, `$CATEGORY:` naming the chapter, `//` comments.
//!
//! Supported: multiple choice (`{=right ~wrong}`, one `=` → 单选; `~%50%` weights → 多选),
//! true/false (`{T}`, `{FALSE}`), short answer (`{=answer =other}`) and essay (`{}` with a model
//! answer as general feedback `####…`). Matching and numerical questions are reported.

use super::{ImportResult, ImportedQuestion};
use crate::model::{QuestionKind, ScoringPoint, option_letter};
use crate::pack::Diagnostic;
use crate::pack::validate::MAX_OPTIONS;

/// A character of the question text and whether it was escaped (`\{` is a brace, not syntax).
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    escaped: bool,
    line: usize,
}

fn is(ch: &Ch, c: char) -> bool {
    !ch.escaped && ch.c == c
}

fn text(chars: &[Ch]) -> String {
    chars
        .iter()
        .map(|c| c.c)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Undoes GIFT escapes (`\~ \= \# \{ \} \: \n`), remembering which characters were escaped.
fn unescape(lines: &[(usize, &str)]) -> Vec<Ch> {
    let mut out = Vec::new();
    for (n, (line, content)) in lines.iter().enumerate() {
        if n > 0 {
            out.push(Ch {
                c: '\n',
                escaped: true,
                line: *line,
            });
        }
        let mut chars = content.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\'
                && let Some(&next) = chars.peek()
                && matches!(next, '~' | '=' | '#' | '{' | '}' | ':' | '\\' | 'n')
            {
                chars.next();
                out.push(Ch {
                    c: if next == 'n' { '\n' } else { next },
                    escaped: true,
                    line: *line,
                });
            } else {
                out.push(Ch {
                    c,
                    escaped: false,
                    line: *line,
                });
            }
        }
    }
    out
}

/// One answer inside the braces.
struct Choice {
    correct: bool,
    weight: Option<f32>,
    text: String,
    feedback: String,
}

/// Splits `=a#fb ~%50%b` into choices; the general feedback (`####…`) comes back separately.
fn choices(body: &[Ch]) -> Result<(Vec<Choice>, String), String> {
    let mut general = String::new();
    let mut end = body.len();
    if let Some(at) =
        (0..body.len().saturating_sub(3)).find(|&i| body[i..i + 4].iter().all(|c| is(c, '#')))
    {
        general = text(&body[at + 4..]);
        end = at;
    }
    let body = &body[..end];
    let mut out = Vec::new();
    let starts: Vec<usize> = (0..body.len())
        .filter(|&i| is(&body[i], '=') || is(&body[i], '~'))
        .collect();
    if starts
        .first()
        .is_some_and(|&first| !text(&body[..first]).is_empty())
    {
        return Err(format!(
            "`{}` before the first answer: each answer starts with = or ~",
            text(&body[..starts[0]])
        ));
    }
    for (n, &start) in starts.iter().enumerate() {
        let stop = starts.get(n + 1).copied().unwrap_or(body.len());
        let mut part = &body[start + 1..stop];
        let correct = is(&body[start], '=');
        let mut weight = None;
        let trimmed_start = part
            .iter()
            .position(|c| !c.c.is_whitespace())
            .unwrap_or(part.len());
        part = &part[trimmed_start..];
        if part.first().is_some_and(|c| is(c, '%'))
            && let Some(close) = part.iter().skip(1).position(|c| is(c, '%'))
        {
            let value = text(&part[1..=close]);
            weight = Some(
                value
                    .parse::<f32>()
                    .map_err(|_| format!("weight `%{value}%` is not a number"))?,
            );
            part = &part[close + 2..];
        }
        let (answer, feedback) = match part.iter().position(|c| is(c, '#')) {
            Some(hash) => (text(&part[..hash]), text(&part[hash + 1..])),
            None => (text(part), String::new()),
        };
        if answer.contains("->") {
            return Err("matching questions (->) are not supported".to_owned());
        }
        out.push(Choice {
            correct,
            weight,
            text: answer,
            feedback,
        });
    }
    Ok((out, general))
}

fn kind_of(body: &[Ch]) -> Result<(QuestionKind, String), String> {
    let whole = text(body);
    if whole.starts_with('#') && !whole.starts_with("####") {
        return Err("numerical questions ({#…}) are not supported".to_owned());
    }
    let (head, general) = match whole.find("####") {
        Some(at) => (
            whole[..at].trim().to_owned(),
            whole[at + 4..].trim().to_owned(),
        ),
        None => (whole.clone(), String::new()),
    };
    let (head_word, head_feedback) = match head.split_once('#') {
        Some((word, feedback)) => (word.trim().to_uppercase(), feedback.trim().to_owned()),
        None => (head.trim().to_uppercase(), String::new()),
    };
    if let Some(answer) = match head_word.as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    } {
        let explanation = [head_feedback, general]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        return Ok((QuestionKind::TrueFalse { answer }, explanation));
    }
    if head.is_empty() {
        if general.is_empty() {
            return Err(
                "an essay question needs a model answer: write it after #### inside the braces"
                    .to_owned(),
            );
        }
        return Ok((
            QuestionKind::ShortAnswer {
                essay: true,
                model_answer: general.clone(),
                points: super::csv::scoring_points(&general),
            },
            String::new(),
        ));
    }
    let (choices, general) = choices(body)?;
    if choices.is_empty() {
        return Err(
            "no answers: write them as {=right ~wrong}, {T}, or {=accepted answer}".to_owned(),
        );
    }
    if choices.iter().all(|c| c.correct) {
        let accepted: Vec<String> = choices.iter().map(|c| c.text.clone()).collect();
        if accepted.iter().any(String::is_empty) {
            return Err("an accepted answer is empty".to_owned());
        }
        return Ok((
            QuestionKind::ShortAnswer {
                essay: false,
                model_answer: accepted.join(" / "),
                points: vec![ScoringPoint {
                    text: accepted.join(" / "),
                    keywords: accepted,
                    score: 1,
                }],
            },
            general,
        ));
    }
    if choices.len() > MAX_OPTIONS {
        return Err(format!(
            "{} answers; at most {MAX_OPTIONS} are allowed",
            choices.len()
        ));
    }
    if choices.len() < 2 {
        return Err("a choice question needs at least 2 answers".to_owned());
    }
    if choices.iter().any(|c| c.text.is_empty()) {
        return Err("an answer is empty".to_owned());
    }
    let weighted = choices.iter().any(|c| c.weight.is_some_and(|w| w > 0.0));
    let right: Vec<usize> = choices
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            if weighted {
                c.weight.is_some_and(|w| w > 0.0)
            } else {
                c.correct
            }
        })
        .map(|(i, _)| i)
        .collect();
    if right.is_empty() {
        return Err("no answer is marked right (= or a positive %weight%)".to_owned());
    }
    let answer: String = right.iter().map(|&i| option_letter(i)).collect();
    let mut explanation: Vec<String> = choices
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.feedback.is_empty())
        .map(|(i, c)| format!("{}：{}", option_letter(i), c.feedback))
        .collect();
    if !general.is_empty() {
        explanation.insert(0, general);
    }
    let options = choices.into_iter().map(|c| c.text).collect();
    let kind = if weighted || right.len() > 1 {
        QuestionKind::Multiple { options, answer }
    } else {
        QuestionKind::Single { options, answer }
    };
    Ok((kind, explanation.join("\n")))
}

/// One question's lines (comments removed) → a question, or the line and message of its problem.
fn question(lines: &[(usize, &str)], chapter: &str) -> Result<ImportedQuestion, (usize, String)> {
    let first_line = lines.first().map_or(0, |(l, _)| *l);
    let mut chars = unescape(lines);
    // `::title::` is for the instructor's overview; the learner sees the question text.
    let start = chars.iter().position(|c| !c.c.is_whitespace()).unwrap_or(0);
    chars.drain(..start);
    if chars.len() >= 2 && is(&chars[0], ':') && is(&chars[1], ':') {
        let close = (2..chars.len().saturating_sub(1))
            .find(|&i| is(&chars[i], ':') && is(&chars[i + 1], ':'))
            .ok_or((
                first_line,
                "the title `::…` is never closed with `::`".to_owned(),
            ))?;
        chars.drain(..close + 2);
    }
    let mut opens = chars.iter().enumerate().filter(|(_, c)| is(c, '{'));
    let Some((open, open_ch)) = opens.next() else {
        return Err((
            first_line,
            "no answer braces: write the answers as {=right ~wrong}".to_owned(),
        ));
    };
    let open_line = open_ch.line;
    let close = chars[open + 1..]
        .iter()
        .position(|c| is(c, '}'))
        .map(|i| open + 1 + i)
        .ok_or((
            open_line,
            "`{` is never closed: add `}` before the blank line that ends the question".to_owned(),
        ))?;
    if let Some(nested) = chars[open + 1..close].iter().find(|c| is(c, '{')) {
        return Err((
            nested.line,
            "`{` inside an answer block; escape it as \\{".to_owned(),
        ));
    }
    if let Some(extra) = chars[close + 1..].iter().find(|c| is(c, '{') || is(c, '}')) {
        return Err((
            extra.line,
            "a second brace: a question has one answer block".to_owned(),
        ));
    }
    let mut before = text(&chars[..open]);
    for format in ["[html]", "[moodle]", "[plain]", "[markdown]"] {
        if let Some(rest) = before.strip_prefix(format) {
            before = rest.trim().to_owned();
        }
    }
    let after = text(&chars[close + 1..]);
    let stem = if after.is_empty() {
        before
    } else {
        format!("{before} ____ {after}")
    };
    if stem.is_empty() {
        return Err((first_line, "the question text is empty".to_owned()));
    }
    let (kind, explanation) = kind_of(&chars[open + 1..close]).map_err(|m| (open_line, m))?;
    Ok(ImportedQuestion {
        line: first_line,
        id: None,
        chapter: chapter.to_owned(),
        stem,
        kind,
        explanation,
        difficulty: None,
        extra: super::Extra::default(),
    })
}

/// `$CATEGORY: $course$/top/第一章` → `第一章`.
fn category(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix("$CATEGORY:")?;
    let name = rest.trim().rsplit('/').next().unwrap_or("").trim();
    Some(name.to_owned())
}

/// Parses GIFT text; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> ImportResult {
    let mut result = ImportResult::default();
    let mut chapter = String::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    let flush = |block: &mut Vec<(usize, &str)>, chapter: &str, result: &mut ImportResult| {
        if block.is_empty() {
            return;
        }
        match question(block, chapter) {
            Ok(q) => result.questions.push(q),
            Err((line, message)) => result
                .problems
                .push(Diagnostic::error(file, message).at(Some((line, 1)))),
        }
        block.clear();
    };
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut block, &chapter, &mut result);
        } else if trimmed.starts_with("//") {
            continue;
        } else if let Some(name) = category(trimmed) {
            flush(&mut block, &chapter, &mut result);
            chapter = name;
        } else {
            block.push((number, line));
        }
    }
    flush(&mut block, &chapter, &mut result);
    if result.questions.is_empty() && result.problems.is_empty() {
        result
            .problems
            .push(Diagnostic::error(file, "no questions found"));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> ImportedQuestion {
        let result = parse("q.gift", text);
        assert_eq!(result.problems, vec![], "{text}");
        assert_eq!(result.questions.len(), 1);
        result.questions.into_iter().next().unwrap()
    }

    #[test]
    fn every_supported_kind() {
        let q = one("::Q1:: 处理投诉的第一步是？ {=倾听 ~争辩#不要争辩 ~沉默 ####先倾听}");
        assert_eq!(q.stem, "处理投诉的第一步是？");
        assert_eq!(
            q.kind,
            QuestionKind::Single {
                options: vec!["倾听".into(), "争辩".into(), "沉默".into()],
                answer: "A".into()
            }
        );
        assert_eq!(q.explanation, "先倾听\nB：不要争辩");
        let q = one("应当做到 {~%50%道歉 ~%50%行动 ~%-100%拖延}");
        assert!(matches!(q.kind, QuestionKind::Multiple { ref answer, .. } if answer == "AB"));
        assert_eq!(
            one("投诉是礼物。{TRUE}").kind,
            QuestionKind::TrueFalse { answer: true }
        );
        assert_eq!(one("客户总是错的。{F#想想看}").explanation, "想想看");
        let q = one("服务的三要素之一是 {=人员 =员工} 。");
        assert_eq!(q.stem, "服务的三要素之一是 ____ 。");
        assert!(
            matches!(q.kind, QuestionKind::ShortAnswer { essay: false, ref points, .. }
            if points[0].keywords == ["人员", "员工"])
        );
        let q = one("论述服务补救。{####道歉；补偿；跟进}");
        assert!(
            matches!(q.kind, QuestionKind::ShortAnswer { essay: true, ref points, .. } if points.len() == 3)
        );
        assert_eq!(one("1 \\{ 2 \\= 3? {=是 ~否}").stem, "1 { 2 = 3?");
    }

    #[test]
    fn categories_comments_and_multiline_questions() {
        let text =
            "// 题库\n$CATEGORY: $course$/客服/第一章\n\n::a:: 甲\n{\n=对\n~错\n}\n\n乙 {T}\n";
        let result = parse("q.gift", text);
        assert_eq!(result.problems, vec![]);
        assert_eq!(result.questions.len(), 2);
        assert_eq!(result.questions[0].chapter, "第一章");
        assert_eq!(result.questions[0].line, 4);
        assert_eq!(result.questions[1].line, 10);
    }

    #[test]
    fn problems_name_their_line_and_the_rest_imports() {
        let text = "好题 {T}\n\n坏题 {=甲 ~乙\n\n没有答案\n\n数字 {#3}\n\n配对 {=a -> b =c -> d}\n\n又一好题 {F}";
        let result = parse("q.gift", text);
        assert_eq!(result.questions.len(), 2);
        let lines: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(
            lines[0].starts_with("q.gift:3:1: error: `{` is never closed"),
            "{}",
            lines[0]
        );
        assert!(lines[1].starts_with("q.gift:5:1:"));
        assert!(lines[2].contains("numerical"));
        assert!(lines[3].contains("matching"));
    }
}
