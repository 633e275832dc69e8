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

#[cfg(test)]
mod tests {
    use super::*;

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
