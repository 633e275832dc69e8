//! The mistake notebook (错题本) as data: its entries grouped by chapter, lesson, question type
//! or the cause the learner tagged, misconceptions (sure and wrong) first, and exported as
//! Markdown or a printable HTML page with the question, the learner's answer, the right answer
//! and the explanation.

use std::collections::{BTreeMap, HashMap};

use crate::model::evidence::{Cause, Certainty};
use crate::model::study::StudyState;
use crate::model::{Pack, QuestionKind, QuestionType};

/// The learner's latest answer to an item: what they answered and how sure they were.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LastAnswer {
    pub answer: String,
    pub certainty: Option<Certainty>,
}

/// One question in the notebook.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub chapter: usize,
    pub lesson: String,
    pub qtype: QuestionType,
    pub cause: Option<Cause>,
    /// The latest wrong answer was given as "sure".
    pub misconception: bool,
    pub wrong_count: u32,
    pub last_answer: String,
}

/// How the notebook is grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Chapter,
    Lesson,
    Type,
    Cause,
}

/// A group's key, in display order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Chapter(usize),
    Lesson(usize, String),
    Type(QuestionType),
    /// `None`: not tagged yet (listed last).
    Cause(Option<Cause>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub key: Key,
    pub entries: Vec<Entry>,
}

/// The notebook's entries in pack order.
pub fn entries(pack: &Pack, study: &StudyState, last: &HashMap<String, LastAnswer>) -> Vec<Entry> {
    let mut out: Vec<Entry> = study
        .mistakes
        .iter()
        .filter_map(|(id, mistake)| {
            let (chapter, question, _) = pack.question(id)?;
            let latest = last.get(id);
            Some(Entry {
                id: id.clone(),
                chapter,
                lesson: pack.question_lesson(id).unwrap_or_default().to_owned(),
                qtype: question.kind.question_type(),
                cause: study.causes.get(id).copied(),
                misconception: latest.is_some_and(|l| l.certainty == Some(Certainty::Sure)),
                wrong_count: mistake.wrong_count,
                last_answer: latest.map(|l| l.answer.clone()).unwrap_or_default(),
            })
        })
        .collect();
    let order: HashMap<String, usize> = super::items(pack)
        .into_iter()
        .enumerate()
        .map(|(i, item)| (item.id, i))
        .collect();
    out.sort_by_key(|e| order.get(&e.id).copied().unwrap_or(usize::MAX));
    out
}

/// Groups `entries` by `by`, groups in key order, misconceptions first inside each.
pub fn group(pack: &Pack, entries: &[Entry], by: GroupBy) -> Vec<Group> {
    let lesson_order: HashMap<&str, usize> = pack
        .lessons()
        .enumerate()
        .map(|(i, (_, l))| (l.id.as_str(), i))
        .collect();
    let mut groups: BTreeMap<Key, Vec<Entry>> = BTreeMap::new();
    for e in entries {
        let key = match by {
            GroupBy::Chapter => Key::Chapter(e.chapter),
            GroupBy::Lesson => Key::Lesson(
                lesson_order
                    .get(e.lesson.as_str())
                    .copied()
                    .unwrap_or(usize::MAX),
                e.lesson.clone(),
            ),
            GroupBy::Type => Key::Type(e.qtype),
            GroupBy::Cause => Key::Cause(e.cause),
        };
        groups.entry(key).or_default().push(e.clone());
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|(key, mut entries)| {
            // Stable: pack order within misconceptions and within the rest.
            entries.sort_by_key(|e| !e.misconception);
            Group { key, entries }
        })
        .collect();
    if by == GroupBy::Cause {
        // Untagged last (None sorts first in Option's order).
        let untagged = out.first().is_some_and(|g| g.key == Key::Cause(None));
        out.rotate_left(usize::from(untagged));
    }
    out
}

/// A group's heading.
pub fn heading(pack: &Pack, key: &Key) -> String {
    match key {
        Key::Chapter(c) => pack
            .chapters
            .get(*c)
            .map_or_else(String::new, |ch| ch.title.clone()),
        Key::Lesson(_, id) => pack
            .lesson_by_id(id)
            .map_or_else(|| id.clone(), |(_, l)| l.title.clone()),
        Key::Type(t) => match t {
            QuestionType::Single => "单选题",
            QuestionType::Multiple => "多选题",
            QuestionType::TrueFalse => "判断题",
            QuestionType::ShortAnswer => "简答题",
            QuestionType::Case => "案例分析题",
        }
        .to_owned(),
        Key::Cause(Some(c)) => c.label_zh().to_owned(),
        Key::Cause(None) => "未标注原因".to_owned(),
    }
}

/// The right answer as text.
pub fn right_answer(kind: &QuestionKind) -> String {
    let lettered = |options: &[String], answer: &str| {
        answer
            .chars()
            .filter_map(|c| {
                let i = (c as u32).checked_sub('A' as u32)? as usize;
                Some(format!("{c}. {}", options.get(i)?))
            })
            .collect::<Vec<_>>()
            .join("；")
    };
    match kind {
        QuestionKind::Single { options, answer } | QuestionKind::Multiple { options, answer } => {
            lettered(options, answer)
        }
        QuestionKind::TrueFalse { answer } => if *answer { "正确" } else { "错误" }.to_owned(),
        QuestionKind::ShortAnswer { model_answer, .. } => model_answer.clone(),
        QuestionKind::Case { .. } => String::new(),
    }
}

/// One entry's printable parts: stem, options, learner's answer, right answer, explanation.
fn parts(pack: &Pack, e: &Entry) -> Option<(String, Vec<String>, String, String)> {
    let (_, q, case) = pack.question(&e.id)?;
    let stem = match case {
        Some(case) => match &case.kind {
            QuestionKind::Case { case_text, .. } => format!("{case_text}\n\n{}", q.stem),
            _ => q.stem.clone(),
        },
        None => q.stem.clone(),
    };
    let options = match &q.kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => options
            .iter()
            .enumerate()
            .map(|(i, o)| format!("{}. {o}", char::from(b'A' + i.min(25) as u8)))
            .collect(),
        _ => Vec::new(),
    };
    Some((stem, options, right_answer(&q.kind), q.explanation.clone()))
}

/// The notebook as Markdown.
pub fn to_markdown(pack: &Pack, groups: &[Group]) -> String {
    let mut md = format!("# 错题本 — {}\n", pack.manifest.title);
    for g in groups {
        md.push_str(&format!("\n## {}\n", heading(pack, &g.key)));
        for (n, e) in g.entries.iter().enumerate() {
            let Some((stem, options, right, explanation)) = parts(pack, e) else {
                continue;
            };
            let flag = if e.misconception {
                " ⚠ 误解（确定却答错）"
            } else {
                ""
            };
            md.push_str(&format!(
                "\n### {}. {}{flag}\n\n",
                n + 1,
                stem.replace('\n', "\n> ")
            ));
            for o in options {
                md.push_str(&format!("- {o}\n"));
            }
            md.push_str(&format!(
                "\n- 我的答案：{}\n- 正确答案：{right}\n",
                e.last_answer
            ));
            if let Some(c) = e.cause {
                md.push_str(&format!("- 原因：{}\n", c.label_zh()));
            }
            if !explanation.is_empty() {
                md.push_str(&format!("- 解析：{explanation}\n"));
            }
        }
    }
    md
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The notebook as a self-contained printable HTML page.
pub fn to_html(pack: &Pack, groups: &[Group]) -> String {
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>错题本 — {t}</title>\
<style>body{{font-family:sans-serif;max-width:46em;margin:auto}}section.q{{break-inside:avoid;\
border-top:1px solid #ccc;padding:.4em 0}}.mis{{color:#a00}}dt{{font-weight:bold}}\
@media print{{h2{{break-before:page}}h2:first-of-type{{break-before:auto}}}}</style></head>\
<body><h1>错题本 — {t}</h1>\n",
        t = esc(&pack.manifest.title)
    );
    for g in groups {
        h.push_str(&format!("<h2>{}</h2>\n", esc(&heading(pack, &g.key))));
        for e in &g.entries {
            let Some((stem, options, right, explanation)) = parts(pack, e) else {
                continue;
            };
            h.push_str("<section class=\"q\">");
            if e.misconception {
                h.push_str("<p class=\"mis\">⚠ 误解（确定却答错）</p>");
            }
            h.push_str(&format!("<p>{}</p>", esc(&stem).replace('\n', "<br>")));
            if !options.is_empty() {
                h.push_str("<ol type=\"A\">");
                for o in &options {
                    h.push_str(&format!("<li>{}</li>", esc(o.get(3..).unwrap_or(o))));
                }
                h.push_str("</ol>");
            }
            h.push_str(&format!(
                "<dl><dt>我的答案</dt><dd>{}</dd><dt>正确答案</dt><dd>{}</dd>",
                esc(&e.last_answer),
                esc(&right)
            ));
            if let Some(c) = e.cause {
                h.push_str(&format!("<dt>原因</dt><dd>{}</dd>", c.label_zh()));
            }
            if !explanation.is_empty() {
                h.push_str(&format!("<dt>解析</dt><dd>{}</dd>", esc(&explanation)));
            }
            h.push_str("</dl></section>\n");
        }
    }
    h.push_str("</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Grade;
    use crate::pack::{builtin_source, load_pack};

    fn setup() -> (Pack, StudyState, HashMap<String, LastAnswer>) {
        let pack = load_pack(&builtin_source()).pack.unwrap();
        let mut study = StudyState::default();
        let wrong = Grade {
            score: 0.0,
            max: 1.0,
        };
        let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let ids: Vec<String> = pack
            .questions()
            .filter(|(_, q)| matches!(q.kind, QuestionKind::Single { .. }))
            .map(|(_, q)| q.id.clone())
            .take(4)
            .collect();
        let mut last = HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            study.record_answer(id, &wrong, now);
            last.insert(
                id.clone(),
                LastAnswer {
                    answer: "A".into(),
                    certainty: (i == 3).then_some(Certainty::Sure),
                },
            );
        }
        study.set_cause(&ids[0], Some(Cause::Careless));
        study.set_cause(&ids[1], Some(Cause::Concept));
        (pack, study, last)
    }

    #[test]
    fn misconceptions_come_first_and_causes_group() {
        let (pack, study, last) = setup();
        let e = entries(&pack, &study, &last);
        assert_eq!(e.len(), 4);
        let by_chapter = group(&pack, &e, GroupBy::Chapter);
        assert!(by_chapter[0].entries[0].misconception, "{by_chapter:?}");
        let by_cause = group(&pack, &e, GroupBy::Cause);
        let keys: Vec<&Key> = by_cause.iter().map(|g| &g.key).collect();
        assert_eq!(
            keys,
            [
                &Key::Cause(Some(Cause::Concept)),
                &Key::Cause(Some(Cause::Careless)),
                &Key::Cause(None)
            ]
        );
        assert_eq!(group(&pack, &e, GroupBy::Type).len(), 1);
        assert!(!group(&pack, &e, GroupBy::Lesson).is_empty());
    }

    #[test]
    fn exports_hold_question_answers_and_explanation() {
        let (pack, study, last) = setup();
        let groups = group(&pack, &entries(&pack, &study, &last), GroupBy::Cause);
        let md = to_markdown(&pack, &groups);
        assert!(md.contains("## 粗心") && md.contains("我的答案：A") && md.contains("正确答案："));
        assert!(md.contains("误解"));
        let html = to_html(&pack, &groups);
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h2>概念不清</h2>"));
        assert_eq!(html.matches("<section class=\"q\">").count(), 4);
        assert!(!html.contains("<script"));
    }
}
