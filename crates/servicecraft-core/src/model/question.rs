//! Exam questions (单选, 多选, 判断, 简答/论述, 案例分析) and flashcards.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// The lesson that teaches it. Sub-questions of a case may leave it empty to inherit the case's.
    #[serde(default)]
    pub lesson: String,
    pub stem: String,
    pub kind: QuestionKind,
    /// 解析
    #[serde(default)]
    pub explanation: String,
    /// 1 easy, 2 medium, 3 hard.
    #[serde(default = "default_difficulty")]
    pub difficulty: u8,
    /// How often the exam asks it: 0 rarely … 3 at almost every sitting.
    #[serde(default = "default_frequency")]
    pub frequency: u8,
    /// Where it comes from: a textbook page, an exam sitting.
    #[serde(default)]
    pub source: String,
    /// Rests on material beyond the syllabus sources; shown with a 拓展 marker.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supplement: bool,
}

fn default_difficulty() -> u8 {
    2
}

fn default_frequency() -> u8 {
    1
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum QuestionKind {
    /// 单选: `answer` is one letter, `"B"`.
    Single {
        options: Vec<String>,
        answer: String,
    },
    /// 多选: `answer` is the letters of every correct option, `"ACD"`.
    Multiple {
        options: Vec<String>,
        answer: String,
    },
    /// 判断
    TrueFalse { answer: bool },
    /// 简答 (or 论述 with `essay: true`): scored by the points the learner covered.
    ShortAnswer {
        #[serde(default)]
        essay: bool,
        model_answer: String,
        points: Vec<ScoringPoint>,
    },
    /// 案例分析: a case text shared by several sub-questions of the other kinds.
    Case {
        case_text: String,
        questions: Vec<Question>,
    },
}

/// 踩分点: one thing a model answer must say, with words that show it was said.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScoringPoint {
    pub text: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default = "default_point_score")]
    pub score: u32,
}

fn default_point_score() -> u32 {
    1
}

/// The question type as counted and filtered.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuestionType {
    Single,
    Multiple,
    TrueFalse,
    ShortAnswer,
    Case,
}

impl QuestionKind {
    pub fn question_type(&self) -> QuestionType {
        match self {
            Self::Single { .. } => QuestionType::Single,
            Self::Multiple { .. } => QuestionType::Multiple,
            Self::TrueFalse { .. } => QuestionType::TrueFalse,
            Self::ShortAnswer { .. } => QuestionType::ShortAnswer,
            Self::Case { .. } => QuestionType::Case,
        }
    }
}

/// The zero-based option indices named by answer letters (`"ACD"` → 0, 2, 3).
/// `None` when a character is not a letter A–Z.
pub fn answer_indices(answer: &str) -> Option<Vec<usize>> {
    answer
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .map(|c| {
            let upper = c.to_ascii_uppercase();
            upper
                .is_ascii_uppercase()
                .then(|| usize::from(upper as u8 - b'A'))
        })
        .collect()
}

/// The letter shown for option `index` (0 → A).
pub fn option_letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Flashcard {
    pub id: String,
    pub lesson: String,
    pub front: String,
    pub back: String,
    #[serde(default)]
    pub kind: CardKind,
    /// Rests on material beyond the syllabus sources; shown with a 拓展 marker.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supplement: bool,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum CardKind {
    #[default]
    Definition,
    List,
    Mnemonic,
    Fact,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_letters_map_to_indices() {
        for (answer, expected) in [
            ("B", Some(vec![1])),
            ("acd", Some(vec![0, 2, 3])),
            ("A, C", Some(vec![0, 2])),
            ("A1", None),
            ("对", None),
        ] {
            assert_eq!(answer_indices(answer), expected, "{answer}");
        }
        assert_eq!(option_letter(5), 'F');
        assert_eq!(option_letter(40), '?');
    }
}
