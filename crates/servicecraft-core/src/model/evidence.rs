//! What an answer says about the learner beyond its score: the certainty they gave with it
//! (确定 / 不太确定 / 猜的, as in certainty-based marking), the cause they tag a mistake with, and
//! calibration ("when you were sure, you were right 92 % of the time").

use serde::{Deserialize, Serialize};

/// How sure the learner said they were, given with an answer (optional).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Certainty {
    /// 确定
    Sure,
    /// 不太确定
    Unsure,
    /// 猜的
    Guess,
}

impl Certainty {
    pub const ALL: [Self; 3] = [Self::Sure, Self::Unsure, Self::Guess];

    /// How much a right answer given with this certainty counts as evidence of knowing the item:
    /// a right guess is mostly luck, so it moves the estimate little (and keeps the item in
    /// review); wrong answers count fully whatever the certainty.
    pub fn right_weight(certainty: Option<Self>) -> f32 {
        match certainty {
            None | Some(Self::Sure) => 1.0,
            Some(Self::Unsure) => 0.6,
            Some(Self::Guess) => 0.2,
        }
    }

    /// A sure answer that was wrong: a misconception, worse than not knowing.
    pub fn is_misconception(certainty: Option<Self>, correct: bool) -> bool {
        certainty == Some(Self::Sure) && !correct
    }
}

/// Why the learner says a question went wrong (错题原因).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Cause {
    /// 概念不清
    Concept,
    /// 记忆混淆
    Confusion,
    /// 审题失误
    Misreading,
    /// 粗心
    Careless,
}

impl Cause {
    pub const ALL: [Self; 4] = [
        Self::Concept,
        Self::Confusion,
        Self::Misreading,
        Self::Careless,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Concept => "概念不清",
            Self::Confusion => "记忆混淆",
            Self::Misreading => "审题失误",
            Self::Careless => "粗心",
        }
    }
}

/// Right and total answers given with one certainty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CalibrationRow {
    pub right: u32,
    pub total: u32,
}

impl CalibrationRow {
    /// Share right, `None` without answers.
    pub fn rate(&self) -> Option<f32> {
        (self.total > 0).then(|| self.right as f32 / self.total as f32)
    }
}

/// Right rates per stated certainty, in [`Certainty::ALL`] order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Calibration {
    pub sure: CalibrationRow,
    pub unsure: CalibrationRow,
    pub guess: CalibrationRow,
}

impl Calibration {
    pub fn row(&self, certainty: Certainty) -> &CalibrationRow {
        match certainty {
            Certainty::Sure => &self.sure,
            Certainty::Unsure => &self.unsure,
            Certainty::Guess => &self.guess,
        }
    }
}

/// Calibration over answers given as (certainty, right?); answers without a certainty are left out.
pub fn calibration(answers: impl IntoIterator<Item = (Option<Certainty>, bool)>) -> Calibration {
    let mut out = Calibration::default();
    for (certainty, right) in answers {
        let row = match certainty {
            Some(Certainty::Sure) => &mut out.sure,
            Some(Certainty::Unsure) => &mut out.unsure,
            Some(Certainty::Guess) => &mut out.guess,
            None => continue,
        };
        row.total += 1;
        row.right += u32::from(right);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_counts_per_certainty() {
        let mut answers = vec![(Some(Certainty::Sure), true); 23];
        answers.push((Some(Certainty::Sure), false));
        answers.extend([(Some(Certainty::Guess), false), (None, true)]);
        let c = calibration(answers);
        assert_eq!(
            c.sure,
            CalibrationRow {
                right: 23,
                total: 24
            }
        );
        assert_eq!((c.sure.rate().unwrap() * 100.0).round(), 96.0);
        assert_eq!(c.guess.rate(), Some(0.0));
        assert_eq!(c.unsure.rate(), None);
    }

    #[test]
    fn guesses_weigh_less_and_sure_mistakes_are_misconceptions() {
        assert!(
            Certainty::right_weight(Some(Certainty::Guess))
                < Certainty::right_weight(Some(Certainty::Unsure))
        );
        assert!(Certainty::right_weight(Some(Certainty::Unsure)) < Certainty::right_weight(None));
        assert!(Certainty::is_misconception(Some(Certainty::Sure), false));
        assert!(!Certainty::is_misconception(Some(Certainty::Guess), false));
        assert!(!Certainty::is_misconception(Some(Certainty::Sure), true));
    }

    #[test]
    fn old_logs_without_certainty_still_load() {
        let c: Option<Certainty> = ron::from_str("Some(Sure)").unwrap();
        assert_eq!(c, Some(Certainty::Sure));
    }
}
