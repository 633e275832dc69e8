//! Tests of the Word-paste format: numbering, option and answer spellings, sections, inference.

use super::*;
use crate::model::QuestionKind;

const BANK: &str = "客户服务管理师练习题（2024版）
说明：请在答题卡上作答。

一、单选题
1. 处理客户投诉的第一步是（　）。
A. 倾听  B. 争辩  C. 沉默  D. 转交
答案：A
解析：先倾听，再道歉。

2、客户满意度的公式中，期望值越高，满意度（ ）。
A、越高
B、越低
C、不变
【答案】B
【解析】满意度是感知与期望之比：
期望越高，满意度越低。
（3）服务承诺应当（ ）
A．具体  B．模糊
答案：a

二、多选题
4. 处理抱怨的技巧有（ ）。
A: 微笑化解 B: 设身处地 C: 争辩到底
答案：A、B
三、判断题
5. 投诉说明客户已经放弃了企业。
答案：×
6．服务是一个过程。
【答案】正确
四、简答题
7. 简述处理投诉的四个步骤。
答案：
1. 倾听
2. 道歉
3. 行动
4. 回访
解析：四步缺一不可。
8. 什么是服务补救？
参考答案：服务失误后企业采取的弥补行动。
";

#[test]
fn a_pasted_bank_imports_with_the_right_types() {
    let result = parse("bank.txt", BANK);
    assert_eq!(result.problems, vec![]);
    let kinds: Vec<_> = result
        .questions
        .iter()
        .map(|q| q.kind.question_type())
        .collect();
    use crate::model::QuestionType::*;
    assert_eq!(
        kinds,
        [
            Single,
            Single,
            Single,
            Multiple,
            TrueFalse,
            TrueFalse,
            ShortAnswer,
            ShortAnswer
        ]
    );
    let q = &result.questions;
    // The author's full-width punctuation is kept in the text.
    assert_eq!(q[0].stem, "处理客户投诉的第一步是（　）。");
    assert_eq!(
        q[0].kind,
        QuestionKind::Single {
            options: vec!["倾听".into(), "争辩".into(), "沉默".into(), "转交".into()],
            answer: "A".into()
        }
    );
    assert_eq!(
        q[1].explanation,
        "满意度是感知与期望之比：\n期望越高，满意度越低。"
    );
    assert!(matches!(&q[2].kind, QuestionKind::Single { answer, .. } if answer == "A"));
    assert!(matches!(&q[3].kind, QuestionKind::Multiple { answer, .. } if answer == "AB"));
    assert_eq!(q[4].kind, QuestionKind::TrueFalse { answer: false });
    assert_eq!(q[5].kind, QuestionKind::TrueFalse { answer: true });
    let QuestionKind::ShortAnswer { points, .. } = &q[6].kind else {
        panic!("{:?}", q[6].kind)
    };
    assert_eq!(points.len(), 4, "the numbered answer lines are its points");
    assert_eq!(q[6].explanation, "四步缺一不可。");
    assert_eq!(q[0].line, 5);
}

#[test]
fn without_headings_the_type_comes_from_the_answer() {
    let text = "1.甲？\nA.x\nB.y\nC.z\n答案:AC\n2.乙。\n答案:对\n3.丙？\n答案:要点一；要点二\n4.丁？\nA.x B.y\n答案:B";
    let result = parse("t.txt", text);
    assert_eq!(result.problems, vec![]);
    use crate::model::QuestionType::*;
    let kinds: Vec<_> = result
        .questions
        .iter()
        .map(|q| q.kind.question_type())
        .collect();
    assert_eq!(kinds, [Multiple, TrueFalse, ShortAnswer, Single]);
}

#[test]
fn a_bad_question_is_reported_by_line_and_the_rest_import() {
    let text = "一、单选题\n1. 甲？\nA. x\nB. y\n答案：E\n2. 乙？\nA. x\nB. y\n答案：B\n3. 丙？\n";
    let result = parse("t.txt", text);
    assert_eq!(result.questions.len(), 1);
    let messages: Vec<String> = result.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages[0].starts_with("t.txt:2:1: error: question 1:"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("t.txt:10:1: error: question 3:"),
        "{messages:?}"
    );
}

#[test]
fn chapters_and_gbk_text() {
    let text = "第一章 客户服务概述\n1. 甲？\n答案：对\n第二章 服务质量\n1. 乙？\n答案：错\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let (decoded, encoding) = super::super::decode_text(&bytes);
    assert_eq!(encoding, super::super::TextEncoding::Gbk);
    let result = parse("t.txt", &decoded);
    assert_eq!(result.problems, vec![]);
    assert_eq!(result.questions[0].chapter, "第一章 客户服务概述");
    assert_eq!(result.questions[1].chapter, "第二章 服务质量");
    assert!(looks_like_word_text(text));
    assert!(!looks_like_word_text("题干,答案\n甲,对\n"));
    assert_eq!(stems(&result), ["甲？", "乙？"]);
}

#[test]
fn numbers_inside_text_are_not_questions() {
    assert_eq!(numbered(&normalise("1.5倍的期望")), None);
    assert_eq!(numbered(&normalise("（12）甲")), Some((12, 4)));
    assert_eq!(numbered(&normalise("12、甲")), Some((12, 3)));
    assert!(heading(&normalise("一、单项选择题（每题1分）"), "").is_some());
    assert!(heading(&normalise("一般来说，客户会投诉"), "").is_none());
    assert!(parse("t.txt", "just words\n").problems[0].is_error());
}
