//! Question banks as spreadsheet CSV: columns found by their header (Chinese or English), one
//! question per row; a bad row is reported with its line and the good rows still import.

use super::{ImportResult, ImportedQuestion};
use crate::model::{QuestionKind, ScoringPoint};
use crate::pack::Diagnostic;
use crate::pack::validate::MAX_OPTIONS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
    Type,
    Stem,
    Option(usize),
    Answer,
    Explanation,
    Chapter,
    Difficulty,
    Id,
    /// How often the exam asks it (0–3), as `export-bank` writes it.
    Frequency,
    Source,
    /// 拓展: rests on material beyond the syllabus.
    Supplement,
    /// A short answer's scoring points, one a line: `text | keyword, keyword | score`.
    Points,
    /// The 编号 of the 案例 row a sub-question belongs to.
    CaseId,
    /// A case's shared text (on its 案例 row).
    CaseText,
}

/// The column a header names, in the spellings spreadsheets and Chinese exam platforms use.
pub(super) fn column(header: &str) -> Option<Column> {
    let h: String = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    let option = |letter: &str| {
        let letter = letter.chars().next()?;
        let index = usize::from(u8::try_from(letter).ok()?.checked_sub(b'a')?);
        (index < MAX_OPTIONS).then_some(Column::Option(index))
    };
    match h.as_str() {
        "题型" | "类型" | "题目类型" | "试题类型" | "题型名称" | "type" | "questiontype"
        | "kind" => Some(Column::Type),
        "题干" | "题目" | "试题" | "题目内容" | "试题内容" | "试题题干" | "stem" | "question" => {
            Some(Column::Stem)
        }
        "答案" | "正确答案" | "参考答案" | "标准答案" | "answer" => {
            Some(Column::Answer)
        }
        "解析" | "答案解析" | "试题解析" | "题目解析" | "explanation" | "analysis" => {
            Some(Column::Explanation)
        }
        "章节" | "章" | "所属章节" | "章节名称" | "chapter" => Some(Column::Chapter),
        "难度" | "难易度" | "难易程度" | "difficulty" => Some(Column::Difficulty),
        "编号" | "题号" | "试题编号" | "id" => Some(Column::Id),
        "频度" | "考频" | "frequency" => Some(Column::Frequency),
        "来源" | "出处" | "source" => Some(Column::Source),
        "拓展" | "supplement" => Some(Column::Supplement),
        "踩分点" | "得分点" | "评分要点" | "points" => Some(Column::Points),
        "案例编号" | "所属案例" | "caseid" | "case" => Some(Column::CaseId),
        "案例材料" | "案例" | "材料" | "casetext" => Some(Column::CaseText),
        _ => {
            if h.chars().count() == 1 {
                option(&h)
            } else if let Some(rest) = h
                .strip_prefix("选项")
                .or_else(|| h.strip_prefix("option"))
                .filter(|r| r.len() == 1)
            {
                option(rest)
            } else {
                None
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Type {
    Single,
    Multiple,
    TrueFalse,
    ShortAnswer { essay: bool },
    Case,
}

pub(super) fn question_type(value: &str) -> Option<Type> {
    let v = value.trim().to_lowercase().replace([' ', '-'], "_");
    let v = v.trim_end_matches('题');
    Some(match v {
        "单选" | "单项选择" | "单选择" | "single" | "single_choice" => Type::Single,
        "多选" | "多项选择" | "多选择" | "multiple" | "multiple_choice" | "multi" => {
            Type::Multiple
        }
        "判断" | "是非" | "true_false" | "truefalse" | "tf" | "judge" => Type::TrueFalse,
        "简答" | "问答" | "short_answer" | "short" => Type::ShortAnswer { essay: false },
        "论述" | "essay" => Type::ShortAnswer { essay: true },
        "案例" | "案例分析" | "case" => Type::Case,
        _ => return None,
    })
}

/// 对/错 and their many spellings.
pub fn true_false(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "对" | "正确" | "是" | "√" | "✓" | "✔" | "t" | "true" | "y" | "yes" | "a" | "1" => {
            Some(true)
        }
        "错" | "错误" | "否" | "×" | "✗" | "✘" | "x" | "f" | "false" | "n" | "no" | "b" | "0" => {
            Some(false)
        }
        _ => None,
    }
}

/// Answer letters as written in spreadsheets: `B`, `ACD`, `A,C,D`, `A、C`, `a c`.
pub(super) fn answer_letters(value: &str, options: usize) -> Result<Vec<usize>, String> {
    let mut picks = Vec::new();
    for c in value.chars() {
        if c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '/') {
            continue;
        }
        // Some exam platforms number the options: answer `1` is A, `13` is A and C.
        let upper = match c.to_digit(10) {
            Some(d @ 1..=8) => char::from(b'A' + d as u8 - 1),
            _ => c.to_ascii_uppercase(),
        };
        if !upper.is_ascii_uppercase() {
            return Err(format!(
                "answer `{value}` must be option letters like B or ACD"
            ));
        }
        let index = usize::from(upper as u8 - b'A');
        if index >= options {
            return Err(format!(
                "answer `{value}` names option {upper}, but only {options} options are filled in"
            ));
        }
        if picks.contains(&index) {
            return Err(format!("answer `{value}` repeats the letter {upper}"));
        }
        picks.push(index);
    }
    if picks.is_empty() {
        return Err("the answer is empty".to_owned());
    }
    picks.sort_unstable();
    Ok(picks)
}

fn letters(picks: &[usize]) -> String {
    picks
        .iter()
        .map(|&i| crate::model::option_letter(i))
        .collect()
}

/// A model answer split into scoring points: one per line or per `；`-separated clause, without
/// its numbering. A clause that is nothing but a number (`1`, `（2）`) is kept as written, so a
/// model answer that is not blank always gives at least one point (found by fuzzing: `{####1}`
/// imported an essay with no scoring point, and the pack did not validate). An answer of nothing
/// but separators (`;`, `；；`) is one point, as written (found by fuzzing too).
pub fn scoring_points(answer: &str) -> Vec<ScoringPoint> {
    let points: Vec<ScoringPoint> = answer
        .split(['\n', '；', ';'])
        .map(|part| {
            let part = part.trim();
            let text = part
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '.' | '、' | ')' | '）' | '(' | '（')
                })
                .trim();
            if text.is_empty() { part } else { text }
        })
        .filter(|part| !part.is_empty())
        .map(|text| ScoringPoint {
            text: text.to_owned(),
            keywords: Vec::new(),
            score: 1,
        })
        .collect();
    match answer.trim() {
        whole if points.is_empty() && !whole.is_empty() => vec![ScoringPoint {
            text: whole.to_owned(),
            keywords: Vec::new(),
            score: 1,
        }],
        _ => points,
    }
}

/// The delimiter of the header line: a comma, or a tab or semicolon if there are more of those.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&d| (first.matches(char::from(d)).count(), d == b','))
        .unwrap_or(b',')
}

/// One row of a sheet with the meaning of each of its cells.
pub(super) struct Row<'a> {
    pub cells: &'a [String],
    pub columns: &'a [Option<Column>],
}

impl Row<'_> {
    pub fn get(&self, wanted: Column) -> &str {
        self.columns
            .iter()
            .position(|c| *c == Some(wanted))
            .and_then(|i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }
}

/// `text | keyword, keyword | score` lines, as `export-bank` writes a short answer's points.
fn written_points(text: &str) -> Result<Vec<ScoringPoint>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.split('|').map(str::trim);
            let text = parts.next().unwrap_or_default().to_owned();
            let keywords = parts
                .next()
                .unwrap_or_default()
                .split([',', '，', '、'])
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect();
            let score = match parts.next() {
                None | Some("") => 1,
                Some(n) => n
                    .parse()
                    .map_err(|_| format!("scoring point score `{n}` is not a whole number"))?,
            };
            Ok(ScoringPoint {
                text,
                keywords,
                score,
            })
        })
        .collect()
}

pub(super) fn question(row: &Row<'_>, line: usize) -> Result<ImportedQuestion, String> {
    let stem = row.get(Column::Stem);
    if stem.is_empty() {
        return Err("the stem (题干) is empty".to_owned());
    }
    let mut options: Vec<String> = (0..MAX_OPTIONS)
        .map(|i| row.get(Column::Option(i)).to_owned())
        .collect();
    while options.last().is_some_and(String::is_empty) {
        options.pop();
    }
    if let Some(gap) = options.iter().position(String::is_empty) {
        return Err(format!(
            "option {} is empty but a later option is filled in",
            crate::model::option_letter(gap)
        ));
    }
    let answer = row.get(Column::Answer);
    let written_type = row.get(Column::Type);
    let kind = if written_type.is_empty() && !row.get(Column::CaseText).is_empty() {
        Type::Case
    } else if written_type.is_empty() {
        // No type given: judge by the answer, as a reader would.
        if true_false(answer).is_some() && options.is_empty() {
            Type::TrueFalse
        } else if options.is_empty() {
            Type::ShortAnswer { essay: false }
        } else if answer_letters(answer, options.len()).is_ok_and(|p| p.len() > 1) {
            Type::Multiple
        } else {
            Type::Single
        }
    } else {
        question_type(written_type).ok_or_else(|| {
            format!(
                "unknown question type `{written_type}` (use 单选, 多选, 判断, 简答, 论述 or 案例)"
            )
        })?
    };
    let kind = match kind {
        Type::Single | Type::Multiple => {
            if options.len() < 2 {
                return Err(format!(
                    "a choice question needs at least 2 options, has {}",
                    options.len()
                ));
            }
            let picks = answer_letters(answer, options.len())?;
            if kind == Type::Single && picks.len() != 1 {
                return Err(format!(
                    "a single-choice (单选) answer is one letter, not `{answer}`"
                ));
            }
            let answer = letters(&picks);
            if kind == Type::Single {
                QuestionKind::Single { options, answer }
            } else {
                QuestionKind::Multiple { options, answer }
            }
        }
        Type::TrueFalse => QuestionKind::TrueFalse {
            answer: true_false(answer)
                .ok_or_else(|| format!("a true/false (判断) answer is 对 or 错, not `{answer}`"))?,
        },
        Type::ShortAnswer { essay } => {
            if answer.is_empty() {
                return Err("a short answer (简答) needs its model answer in 答案".to_owned());
            }
            let written = row.get(Column::Points);
            QuestionKind::ShortAnswer {
                essay,
                model_answer: answer.to_owned(),
                points: if written.is_empty() {
                    scoring_points(answer)
                } else {
                    written_points(written)?
                },
            }
        }
        // The sub-questions are the rows whose 案例编号 names this row; they are attached after
        // the whole sheet is read.
        Type::Case => QuestionKind::Case {
            case_text: row.get(Column::CaseText).to_owned(),
            questions: Vec::new(),
        },
    };
    let difficulty = match row.get(Column::Difficulty) {
        "" => None,
        "1" | "易" | "简单" | "easy" => Some(1),
        "2" | "中" | "中等" | "medium" => Some(2),
        "3" | "难" | "困难" | "hard" => Some(3),
        other => {
            return Err(format!(
                "difficulty `{other}` is not 1, 2 or 3 (易, 中, 难)"
            ));
        }
    };
    let frequency = match row.get(Column::Frequency) {
        "" => None,
        n => Some(
            n.parse::<u8>()
                .ok()
                .filter(|f| *f <= 3)
                .ok_or_else(|| format!("frequency (频度) `{n}` is not 0, 1, 2 or 3"))?,
        ),
    };
    let id = row.get(Column::Id);
    let case = row.get(Column::CaseId);
    Ok(ImportedQuestion {
        line,
        id: (!id.is_empty()).then(|| id.to_owned()),
        chapter: row.get(Column::Chapter).to_owned(),
        stem: stem.to_owned(),
        kind,
        explanation: row.get(Column::Explanation).to_owned(),
        difficulty,
        extra: super::Extra {
            frequency,
            source: row.get(Column::Source).to_owned(),
            supplement: true_false(row.get(Column::Supplement)) == Some(true),
            case: (!case.is_empty()).then(|| case.to_owned()),
        },
    })
}

/// Parses CSV text (already decoded); `file` names it in messages.
pub fn parse(file: &str, text: &str) -> ImportResult {
    // Windows line ends (and old Mac Excel's bare CR) become `\n`: the csv crate numbers lines
    // after a CRLF one too low, and messages must name the line the instructor sees.
    let text = &text.replace("\r\n", "\n").replace('\r', "\n");
    let mut result = ImportResult::default();
    let problem = |line: u64, message: String| {
        Diagnostic::error(file, message).at(Some((usize::try_from(line).unwrap_or(0), 1)))
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => {
                result
                    .problems
                    .push(Diagnostic::error(file, "the file has no header row"));
                return result;
            }
            Some(Err(err)) => {
                let line = err.position().map_or(1, csv::Position::line);
                result.problems.push(problem(line, err.to_string()));
                return result;
            }
            Some(Ok(record)) if record.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(record)) => break record,
        }
    };
    let header_line = header.position().map_or(1, csv::Position::line);
    let columns: Vec<Option<Column>> = header.iter().map(column).collect();
    for (name, required) in [
        ("题干 (stem)", Column::Stem),
        ("答案 (answer)", Column::Answer),
    ] {
        if !columns.contains(&Some(required)) {
            result.problems.push(problem(
                header_line,
                format!(
                    "no {name} column; the header row needs 题型, 题干, 选项A…选项F, 答案, 解析, 章节"
                ),
            ));
        }
    }
    if !result.problems.is_empty() {
        return result;
    }
    for (cell, column) in header.iter().zip(&columns) {
        if column.is_none() && !cell.trim().is_empty() {
            result.problems.push(
                Diagnostic::warning(file, format!("column `{}` is not used", cell.trim()))
                    .at(Some((usize::try_from(header_line).unwrap_or(1), 1))),
            );
        }
    }
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(0, csv::Position::line);
                result.problems.push(problem(line, err.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            result.problems.push(problem(
                line,
                format!(
                    "the row has {} fields but the header has {} (a comma inside a cell needs quotes)",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        let row = Row {
            cells: &cells,
            columns: &columns,
        };
        match question(&row, usize::try_from(line).unwrap_or(0)) {
            Ok(q) => result.questions.push(q),
            Err(message) => result.problems.push(problem(line, message)),
        }
    }
    super::attach_cases(file, &mut result);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_languages() {
        for (header, expected) in [
            ("题型", Some(Column::Type)),
            ("\u{feff}题干", Some(Column::Stem)),
            ("选项A", Some(Column::Option(0))),
            ("选项 F", Some(Column::Option(5))),
            ("Option_C", Some(Column::Option(2))),
            ("B", Some(Column::Option(1))),
            ("answer", Some(Column::Answer)),
            ("Explanation", Some(Column::Explanation)),
            ("章节", Some(Column::Chapter)),
            ("备注", None),
            ("Z", None),
        ] {
            assert_eq!(column(header), expected, "{header}");
        }
    }

    #[test]
    fn types_and_answers_parse() {
        for (value, expected) in [
            ("单选", Some(Type::Single)),
            ("多选题", Some(Type::Multiple)),
            ("判断", Some(Type::TrueFalse)),
            ("简答", Some(Type::ShortAnswer { essay: false })),
            ("true_false", Some(Type::TrueFalse)),
            ("Multiple", Some(Type::Multiple)),
            ("填空", None),
        ] {
            assert_eq!(question_type(value), expected, "{value}");
        }
        for (value, expected) in [
            ("对", Some(true)),
            ("错误", Some(false)),
            ("×", Some(false)),
            ("也许", None),
        ] {
            assert_eq!(true_false(value), expected, "{value}");
        }
        assert_eq!(answer_letters("A、C, d", 4), Ok(vec![0, 2, 3]));
        assert!(answer_letters("E", 4).is_err());
        assert!(answer_letters("AA", 4).is_err());
    }

    #[test]
    fn rows_become_questions_and_bad_rows_are_reported_by_line() {
        let text = "题型,题干,选项A,选项B,选项C,答案,解析,章节\n\
                    单选,第一步是？,倾听,争辩,沉默,A,先倾听,第一章\n\
                    多选,\"应当, 做到\",道歉,行动,拖延,AB,,第一章\n\
                    判断,投诉说明客户放弃了企业。,,,,错,,第二章\n\
                    简答,简述四步。,,,,倾听；道歉；行动；回访,,第二章\n\
                    单选,坏行,甲,乙,,C,,\n\
                    单选,少了列,甲\n";
        let result = parse("bank.csv", text);
        assert_eq!(result.questions.len(), 4, "{:#?}", result.problems);
        assert_eq!(result.questions[1].stem, "应当, 做到");
        assert!(matches!(
            &result.questions[3].kind,
            QuestionKind::ShortAnswer { points, .. } if points.len() == 4
        ));
        let lines: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[0].starts_with("bank.csv:6:1: error:"), "{}", lines[0]);
        assert!(lines[1].starts_with("bank.csv:7:1: error:") && lines[1].contains("fields"));
    }

    #[test]
    fn line_numbers_survive_windows_and_old_mac_line_ends() {
        for ending in ["\r\n", "\r", "\n"] {
            let text = ["题干,答案", "甲？,对", "乙", "丙？,错", ""].join(ending);
            let result = parse("b.csv", &text);
            assert_eq!(result.questions.len(), 2, "{ending:?}");
            assert_eq!(result.questions[1].line, 4, "{ending:?}");
            assert_eq!(result.problems[0].line, Some(3), "{ending:?}");
        }
    }

    #[test]
    fn english_headers_tabs_and_points() {
        let text = "type\tstem\tA\tB\tanswer\n\
                    single\tFirst?\tListen\tArgue\tA\n\
                    true_false\tComplaints are gifts.\t\t\tT\n";
        let result = parse("bank.tsv", text);
        assert_eq!(result.questions.len(), 2, "{:#?}", result.problems);
        assert_eq!(
            scoring_points("1. 倾听\n2、道歉；（3）行动")
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>(),
            ["倾听", "道歉", "行动"]
        );
    }

    #[test]
    fn a_model_answer_that_is_not_blank_always_gives_a_scoring_point() {
        let check = |answer: &str, expected: &[&str]| {
            let points = scoring_points(answer);
            let texts: Vec<&str> = points.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(texts, expected, "{answer:?}");
        };
        check("倾听；道歉", &["倾听", "道歉"]);
        check("（2）", &["（2）"]);
        check(";", &[";"]);
        check(" ；；\n; ", &["；；\n;"]);
        check("", &[]);
        check(" \n ", &[]);
    }
}
