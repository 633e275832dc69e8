//! A problem found in a pack, with the file and, where the text has one, the line and column.

use std::fmt;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    #[serde(skip)]
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: None,
            col: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    #[must_use]
    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, col)) = position {
            self.line = Some(line);
            self.col = Some(col);
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `FILE:LINE:COL: error: MESSAGE`, or `FILE: error: MESSAGE` without a position.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match (self.line, self.col) {
            (Some(line), Some(col)) => {
                write!(f, "{}:{line}:{col}: {level}: {}", self.file, self.message)
            }
            _ => write!(f, "{}: {level}: {}", self.file, self.message),
        }
    }
}

/// The 1-based line and column (in characters) of byte offset `offset` in `text`.
pub fn position_of_offset(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Where the `nth` (0-based) occurrence of `needle` starts in `text`.
pub fn locate(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.match_indices(needle)
        .nth(nth)
        .map(|(offset, _)| position_of_offset(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "第一行\n  名词: \"x\"\n";
        assert_eq!(locate(text, "\"x\"", 0), Some((2, 7)));
        assert_eq!(locate(text, "\"x\"", 1), None);
        assert_eq!(position_of_offset(text, 0), (1, 1));
    }

    #[test]
    fn display_matches_cli_contract() {
        let with = Diagnostic::error("a.ron", "bad").at(Some((3, 4)));
        assert_eq!(with.to_string(), "a.ron:3:4: error: bad");
        assert_eq!(
            Diagnostic::error("a.ron", "bad").to_string(),
            "a.ron: error: bad"
        );
    }
}
