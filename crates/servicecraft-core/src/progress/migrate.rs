//! Versioned learner files: every file starts with `format_version`; older versions are migrated
//! when read, newer ones are recognised (and left alone) before anything else is parsed.

use std::path::Path;

use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::store::LoadError;

/// A learner file with a `format_version` field.
pub trait Versioned: Serialize + DeserializeOwned {
    /// The version this build writes and reads natively.
    const VERSION: u32;

    /// Reads the text of a file written as the older `version` (1 ≤ version < `VERSION`).
    /// Each type with a history overrides this; a type still at version 1 never sees it called.
    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        let _ = text;
        Err(format!("no migration from format {version}"))
    }
}

/// A file read successfully; `migrated_from` is set when it was in an older format and should be
/// written back (after a backup of the original) in the current one.
#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub migrated_from: Option<u32>,
}

/// Just the version, read before the rest so a newer file is recognised even when the rest of it
/// would not parse with this build's types.
#[derive(Deserialize)]
struct Header {
    format_version: u32,
}

/// `format_version` when it is the first field of the file's top-level struct, read without
/// parsing the rest: `(` (after an optional struct name) then `format_version: N`.
fn leading_version(text: &str) -> Option<u32> {
    let rest = text.trim_start();
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let rest = rest[name_end..].trim_start().strip_prefix('(')?;
    let rest = rest.trim_start().strip_prefix("format_version")?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let after = rest[digits_end..].trim_start();
    if !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits_end].parse().ok()
}

/// Reads and, if needed, migrates a versioned file.
pub fn load_versioned<T: Versioned>(path: &Path) -> Result<Loaded<T>, LoadError> {
    parse_versioned(path, &crate::store::read_file(path)?)
}

/// Parses the bytes of a versioned file; `path` is only used in errors.
pub fn parse_versioned<T: Versioned>(path: &Path, bytes: &[u8]) -> Result<Loaded<T>, LoadError> {
    let corrupt = |message: String| LoadError::Corrupt {
        path: path.to_owned(),
        message,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        // An empty or zero-filled file is what some file systems leave after a power cut.
        return Err(corrupt(if bytes.is_empty() {
            "the file is empty".to_owned()
        } else {
            "the file holds only blanks or zero bytes".to_owned()
        }));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| corrupt(e.to_string()))?;
    let options = ron::Options::default();
    // The version as this app writes it, first in the file; anything else (comments, another
    // field order) is read by parsing the whole file for it, which doubled the time to read a
    // long attempt log.
    let version = match leading_version(text).map_or_else(
        || options.from_str::<Header>(text).map(|h| h.format_version),
        Ok,
    ) {
        Ok(version) => version,
        // No readable header: the full parse below gives the more useful message.
        Err(_) => T::VERSION,
    };
    if version == 0 {
        return Err(corrupt("format_version 0 does not exist".to_owned()));
    }
    if version > T::VERSION {
        return Err(LoadError::Newer {
            path: path.to_owned(),
            version,
            supported: T::VERSION,
        });
    }
    if version < T::VERSION {
        let value = T::migrate(version, text).map_err(corrupt)?;
        return Ok(Loaded {
            value,
            migrated_from: Some(version),
        });
    }
    let value = options
        .from_str::<T>(text)
        .map_err(|e| corrupt(e.to_string()))?;
    Ok(Loaded {
        value,
        migrated_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct V2 {
        format_version: u32,
        names: Vec<String>,
    }

    impl Versioned for V2 {
        const VERSION: u32 = 2;
        fn migrate(version: u32, text: &str) -> Result<Self, String> {
            #[derive(Deserialize)]
            struct V1 {
                name: String,
            }
            match version {
                1 => {
                    let old: V1 = ron::from_str(text).map_err(|e| e.to_string())?;
                    Ok(Self {
                        format_version: 2,
                        names: vec![old.name],
                    })
                }
                _ => Err(format!("no migration from format {version}")),
            }
        }
    }

    fn parse(text: &str) -> Result<Loaded<V2>, LoadError> {
        parse_versioned(Path::new("x.ron"), text.as_bytes())
    }

    #[test]
    fn versions_are_read_migrated_or_refused() {
        let current = parse(r#"(format_version: 2, names: ["a"])"#).unwrap();
        assert_eq!(current.migrated_from, None);
        let old = parse(r#"(format_version: 1, name: "a")"#).unwrap();
        assert_eq!(old.migrated_from, Some(1));
        assert_eq!(old.value.names, vec!["a".to_owned()]);
        // A newer file is recognised even though its fields mean nothing to this build.
        assert!(matches!(
            parse(r#"(format_version: 3, people: {"a": 1})"#),
            Err(LoadError::Newer { version: 3, .. })
        ));
    }

    #[test]
    fn the_leading_version_is_read_without_parsing_the_rest() {
        assert_eq!(
            leading_version("(\n  format_version: 2,\n  names: [)"),
            Some(2)
        );
        assert_eq!(leading_version("V2 ( format_version : 7 )"), Some(7));
        // Anything else is left to the full parse of the header.
        assert_eq!(leading_version("(names: [], format_version: 2)"), None);
        assert_eq!(leading_version("// note\n(format_version: 2)"), None);
        assert_eq!(leading_version("(format_version: 2x)"), None);
        assert_eq!(leading_version("(format_versions: 2)"), None);
        // The full parse still finds the version in another order or after a comment.
        let reordered = parse("// kept by hand\n(name: \"b\", format_version: 1)").unwrap();
        assert_eq!(reordered.migrated_from, Some(1));
        assert_eq!(reordered.value.names, vec!["b".to_owned()]);
        let late = parse(r#"(names: ["a"], format_version: 3)"#);
        assert!(matches!(late, Err(LoadError::Newer { version: 3, .. })));
    }

    #[test]
    fn damage_is_reported_as_corrupt() {
        for text in [
            "",
            "\0\0\0\0",
            "   \n",
            r#"(format_version: 2, names: ["a""#,
            r#"(format_version: 2, names: 5)"#,
            r#"(format_version: 0, names: [])"#,
            "garbage",
        ] {
            assert!(
                matches!(parse(text), Err(LoadError::Corrupt { .. })),
                "{text:?}"
            );
        }
        assert!(matches!(
            parse_versioned::<V2>(Path::new("x"), &[0xff, 0xfe, b'(']),
            Err(LoadError::Corrupt { .. })
        ));
    }
}
