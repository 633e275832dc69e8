//! Validator messages written for Chinese authors: the full-width punctuation an input method
//! types where RON needs ASCII is named with its fix, and an unknown field or variant gets the
//! nearest known name ("titel → title?").

use ron::error::Error;

/// The fix for a full-width character typed where RON needs ASCII.
pub fn full_width_fix(c: char) -> Option<&'static str> {
    Some(match c {
        '，' => "全角逗号，请改为半角逗号 , (full-width comma: use ,)",
        '：' => "全角冒号：请改为半角冒号 : (full-width colon: use :)",
        '“' | '”' => "中文引号“”请改为英文双引号 \" (curly quotes: use \")",
        '‘' | '’' => "中文单引号‘’请改为英文双引号 \" (curly quotes: use \")",
        '（' | '）' => "全角括号（）请改为半角括号 ( ) (full-width parenthesis: use ( ))",
        '【' | '】' => "全角方括号【】请改为半角方括号 [ ] (full-width bracket: use [ ])",
        '；' => "全角分号；请改为半角逗号 , (full-width semicolon: RON separates with ,)",
        '\u{3000}' => "全角空格请改为半角空格 (full-width space: use an ASCII space)",
        _ => return None,
    })
}

/// The first full-width character outside a string on `line`, from character `from` on.
fn full_width_outside_strings(line: &str, from: usize) -> Option<char> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.chars().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        } else if i + 1 >= from && full_width_fix(c).is_some() {
            return Some(c);
        }
    }
    None
}

/// Edit distance, for suggesting the field an author meant.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            row.push((prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()]
}

/// The known name closest to `found`, if it is close enough to be a slip.
pub fn nearest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    let lower = found.to_lowercase();
    expected
        .iter()
        .map(|e| (distance(&lower, &e.to_lowercase()), *e))
        .filter(|(d, e)| *e != found && *d <= (e.chars().count() / 3).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// ron's message for `code` at `line`:`col` of `text`, with the author's likely fix.
pub fn explain(code: &Error, text: &str, line: usize, col: usize) -> String {
    let base = code.to_string();
    match code {
        Error::NoSuchStructField {
            expected, found, ..
        } => {
            if let Some(near) = nearest(found, expected) {
                return format!("{base} ({found} → {near}?)");
            }
        }
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => {
            if let Some(near) = nearest(found, expected) {
                return format!("{base} ({found} → {near}?)");
            }
        }
        _ => {}
    }
    // A syntax error: look for full-width punctuation on the error line, then the line before
    // (ron often stops at the token after the slip).
    let lines: Vec<&str> = text.lines().collect();
    let at_line = lines
        .get(line.wrapping_sub(1))
        .and_then(|l| full_width_outside_strings(l, col.saturating_sub(1)))
        .or_else(|| {
            lines
                .get(line.wrapping_sub(1))
                .and_then(|l| full_width_outside_strings(l, 0))
        })
        .or_else(|| {
            lines
                .get(line.wrapping_sub(2))
                .and_then(|l| full_width_outside_strings(l, 0))
        });
    match at_line.and_then(full_width_fix) {
        Some(fix) => format!("{base}: {fix}"),
        None => base,
    }
}

/// The `.ron` files a manifest names, read from its text even when it does not parse.
pub fn chapter_files_named(manifest: &str) -> Vec<String> {
    let mut files = Vec::new();
    let mut rest = manifest;
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else { break };
        let value = &after[..close];
        if value.ends_with(".ron") && !value.contains('\n') && value != "pack.ron" {
            files.push(value.to_owned());
        }
        rest = &after[close + 1..];
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Chapter;
    use crate::pack::parse_ron;

    #[test]
    fn full_width_punctuation_is_named_with_its_fix() {
        for (text, fix) in [
            ("(id: \"a\"， title: \"b\")", "全角逗号，请改为半角逗号 ,"),
            ("(id： \"a\")", "全角冒号：请改为半角冒号 :"),
            ("(id: “a”)", "中文引号“”请改为英文双引号 \""),
        ] {
            let err = parse_ron::<Chapter>("c.ron", text).unwrap_err();
            assert!(err.message.contains(fix), "{text}: {}", err.message);
        }
        // Inside a string, full-width punctuation is content, not a slip.
        assert_eq!(full_width_outside_strings("stem: \"甲，乙\",", 0), None);
    }

    #[test]
    fn an_unknown_field_suggests_the_nearest() {
        let err = parse_ron::<Chapter>("c.ron", "(id: \"a\", titel: \"b\")").unwrap_err();
        assert!(err.message.contains("titel → title?"), "{}", err.message);
        assert_eq!(nearest("sumary", &["summary", "sections"]), Some("summary"));
        assert_eq!(nearest("zzzzzz", &["summary", "sections"]), None);
        assert_eq!(
            chapter_files_named("(chapters: [\"chapters/01.ron\", \"x.png\"]，)"),
            ["chapters/01.ron"]
        );
    }
}
