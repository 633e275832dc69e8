//! Small text helpers both the engine and the screens need: CJK detection and the `**strong**`
//! emphasis markers pack text may carry.

/// Whether a character is a CJK ideograph, CJK punctuation or a full-width form.
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Splits `text` into (segment, is_strong) by `**` markers; an unclosed marker is kept as text.
pub fn segments(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("**") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("**") else {
            break;
        };
        if start > 0 {
            out.push((&rest[..start], false));
        }
        if end > 0 {
            out.push((&after[..end], true));
        }
        rest = &after[end + 2..];
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    out
}

/// The text without its `**strong**` markers, as titles, exports, search and screen readers see it.
pub fn plain(text: &str) -> String {
    segments(text).into_iter().map(|(s, _)| s).collect()
}

/// The blank of a fill-in stem, "（ ）" or "( )", joined with a no-break space so a line never
/// ends inside the brackets (egui breaks lines at ordinary spaces).
pub fn keep_blanks_together(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("（ ") && !text.contains("( ") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(open) = rest.find(['（', '(']) {
        let bracket = rest[open..].chars().next().unwrap_or('(');
        let close = if bracket == '（' { '）' } else { ')' };
        let after = &rest[open + bracket.len_utf8()..];
        let blanks = after.len() - after.trim_start_matches(' ').len();
        out.push_str(&rest[..open]);
        out.push(bracket);
        if blanks > 0 && after[blanks..].starts_with(close) {
            out.extend(std::iter::repeat_n('\u{a0}', blanks));
            rest = &after[blanks..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A score with one decimal, never "-0.0": a rounding of a tiny negative (an answer whose
/// penalties cancel its points) reads as 0.0.
pub fn points(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0.0".to_owned()
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_s_brackets_stay_on_one_line() {
        assert_eq!(
            keep_blanks_together("分为（ ）。再（  ）和 (a) 与 ( )"),
            "分为（\u{a0}）。再（\u{a0}\u{a0}）和 (a) 与 (\u{a0})"
        );
        assert_eq!(keep_blanks_together("（注意 空格）"), "（注意 空格）");
        assert!(matches!(
            keep_blanks_together("没有括号"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn scores_never_read_minus_zero() {
        assert_eq!(points(-0.0), "0.0");
        assert_eq!(points(-0.04), "0.0");
        assert_eq!(points(3.25), "3.3");
        assert_eq!(points(-1.0), "-1.0");
    }

    #[test]
    fn cjk_and_emphasis() {
        for (c, expected) in [('客', true), ('，', true), ('a', false), ('é', false)] {
            assert_eq!(is_cjk(c), expected, "{c}");
        }
        for (text, expected) in [
            ("**要点**：倾听", "要点：倾听"),
            ("plain", "plain"),
            ("a**b", "a**b"),
        ] {
            assert_eq!(plain(text), expected);
        }
    }

    #[test]
    fn emphasis_markers_split_text() {
        let cases: [(&str, Vec<(&str, bool)>); 4] = [
            ("plain", vec![("plain", false)]),
            ("a **b** c", vec![("a ", false), ("b", true), (" c", false)]),
            ("**全部**", vec![("全部", true)]),
            ("open **never closed", vec![("open **never closed", false)]),
        ];
        for (input, expected) in cases {
            assert_eq!(segments(input), expected, "{input}");
        }
        assert_eq!(plain("先**倾听**再道歉"), "先倾听再道歉");
    }
}
