//! The one catalog of UI strings, in Simplified Chinese and English. Every widget text comes
//! from here; a missing translation is a compile error, not a blank label.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::Zh, Self::En];

    /// `zh` / `en`, as on the command line.
    pub fn parse(code: &str) -> Option<Self> {
        match code.to_ascii_lowercase().as_str() {
            c if c.starts_with("zh") => Some(Self::Zh),
            c if c.starts_with("en") => Some(Self::En),
            _ => None,
        }
    }

    /// The name of the language in itself, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::Zh => "简体中文",
            Self::En => "English",
        }
    }
}

/// Replaces `{0}`…`{9}` in one pass, so an argument containing `{1}` stays as it is.
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let mut chars = after.chars();
        match (chars.next(), chars.next()) {
            (Some(digit @ '0'..='9'), Some('}')) => {
                let index = usize::from(digit as u8 - b'0');
                out.push_str(args.get(index).copied().unwrap_or(""));
                rest = &after[2..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `inner` in brackets as each language writes them: full-width in Chinese.
pub fn paren(lang: Lang, inner: &str) -> String {
    match lang {
        Lang::Zh => format!("（{inner}）"),
        Lang::En => format!(" ({inner})"),
    }
}

/// `text` without a leading "label：" that repeats `label` (or a shorter form of it): a case
/// titled "案例：…" under the caption 案例材料, a worksheet titled "PDCA 工作表：…" after its kind.
pub fn without_repeated_label<'a>(label: &str, text: &'a str) -> &'a str {
    for colon in ["：", ": ", ":"] {
        if let Some((head, rest)) = text.split_once(colon) {
            let head = head.trim();
            if !head.is_empty() && (label.contains(head) || head.contains(label)) {
                return rest.trim_start();
            }
        }
    }
    text
}

/// "label：text" (in English "label: text"), without saying the label twice.
pub fn labelled(lang: Lang, label: &str, text: &str) -> String {
    T::LabelledText.fmt(lang, &[label, without_repeated_label(label, text)])
}

/// "1 chapter", "8 chapters": `one` for exactly one, `many` otherwise. Chinese has one form, so
/// both keys read the same there.
pub fn counted(lang: Lang, n: usize, one: T, many: T) -> String {
    let word = if n == 1 { one } else { many };
    let text = word.get(lang);
    if text.contains("{0}") {
        word.fmt(lang, &[&n.to_string()])
    } else {
        format!("{n} {text}")
    }
}

macro_rules! catalog {
    ([] $($key:ident => $zh:literal, $en:literal;)*) => {
        /// A UI string; `T::X.get(lang)` gives its text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key,)* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The text with `{0}`, `{1}`, … replaced by `args`: word order differs between the
            /// languages, so a sentence is one entry with numbered gaps, not pieces.
            pub fn fmt(self, lang: Lang, args: &[&str]) -> String {
                fill(self.get(lang), args)
            }

            pub fn get(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Zh => match self { $(T::$key => $zh,)* },
                    Lang::En => match self { $(T::$key => $en,)* },
                }
            }
        }
    };
}

// The catalog's entries live in four parts by subject, each a macro that hands the entries
// gathered so far, plus its own, to the next part named in the brackets; the last, `catalog!`,
// makes the one `T` enum, so every key is still checked at compile time in both languages.
#[macro_use]
mod app;
#[macro_use]
mod exercises;
#[macro_use]
mod lab;
#[macro_use]
mod readiness;

strings_app! { [strings_exercises strings_lab strings_readiness catalog] }

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_has_both_languages() {
        for key in T::ALL {
            for lang in Lang::ALL {
                assert!(!key.get(lang).trim().is_empty(), "{key:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_gaps() {
        let gaps = |text: &str| {
            (0..10)
                .filter(|i| text.contains(&format!("{{{i}}}")))
                .collect::<Vec<_>>()
        };
        for key in T::ALL {
            assert_eq!(gaps(key.get(Lang::Zh)), gaps(key.get(Lang::En)), "{key:?}");
        }
        assert_eq!(T::Hello.fmt(Lang::En, &["Li"]), "Hello, Li");
        assert_eq!(fill("{0} and {1}", &["{1}", "x"]), "{1} and x");
        assert_eq!(fill("{a} {0", &["x"]), "{a} {0");
    }

    #[test]
    fn counts_say_one_in_the_singular() {
        assert_eq!(
            counted(Lang::En, 1, T::ChapterOne, T::Chapters),
            "1 chapter"
        );
        assert_eq!(
            counted(Lang::En, 8, T::ChapterOne, T::Chapters),
            "8 chapters"
        );
        assert_eq!(counted(Lang::En, 1, T::DayOne, T::DaysN), "1 day");
        assert_eq!(counted(Lang::En, 0, T::DayOne, T::DaysN), "0 days");
        assert_eq!(counted(Lang::Zh, 1, T::DayOne, T::DaysN), "1 天");
        assert_eq!(counted(Lang::Zh, 8, T::ChapterOne, T::Chapters), "8 章");
        for (one, many) in [
            (T::ChapterOne, T::Chapters),
            (T::LessonOne, T::Lessons),
            (T::QuestionOne, T::Questions),
            (T::ExerciseOne, T::Exercises),
            (T::DayOne, T::DaysN),
            (T::NoteOne, T::NotesCount),
            (T::AttemptOne, T::AttemptCount),
        ] {
            assert_eq!(one.get(Lang::Zh), many.get(Lang::Zh), "{one:?}");
            assert_ne!(one.get(Lang::En), many.get(Lang::En), "{one:?}");
        }
    }

    #[test]
    fn a_label_is_not_said_twice() {
        assert_eq!(
            labelled(Lang::Zh, "案例材料", "案例：蹦极项目的投诉"),
            "案例材料：蹦极项目的投诉"
        );
        assert_eq!(
            labelled(Lang::Zh, "PDCA 工作表", "PDCA 工作表：缩短投诉处理时长"),
            "PDCA 工作表：缩短投诉处理时长"
        );
        assert_eq!(
            labelled(Lang::Zh, "案例材料", "银行网点"),
            "案例材料：银行网点"
        );
        assert_eq!(labelled(Lang::En, "Case", "Case: a bank"), "Case: a bank");
        assert_eq!(
            labelled(Lang::Zh, "案例材料", "投诉：处理流程"),
            "案例材料：投诉：处理流程"
        );
    }

    #[test]
    fn brackets_follow_the_language() {
        assert_eq!(paren(Lang::Zh, "8"), "（8）");
        assert_eq!(paren(Lang::En, "8"), " (8)");
    }

    #[test]
    fn language_codes_parse() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
