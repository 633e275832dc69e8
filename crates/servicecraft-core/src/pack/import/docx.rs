//! Word .docx files: the text of `word/document.xml`, a paragraph a line, read as the Word-paste
//! format (`word.rs`). Only the text is taken; pictures, tables' layout and styles are not.

use std::io::{Cursor, Read};

use super::ImportResult;

/// The document part is refused above this size once unpacked (a 500-page bank is ~10 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 32 * 1024 * 1024;

/// The plain text of a .docx: each `<w:p>` a line, `<w:tab/>` a tab, `<w:br/>` a line break.
pub fn document_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "not a Word .docx file (not a zip archive); open it in Word and save it as .docx".to_owned()
    })?;
    let entry = archive.by_name("word/document.xml").map_err(|_| {
        "not a Word .docx file (no word/document.xml inside; perhaps another file renamed to .docx)"
            .to_owned()
    })?;
    let mut xml = String::new();
    entry
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("the document cannot be read: {e}"))?;
    if xml.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "the document's text is over {} MB; split it into several files",
            MAX_DOCUMENT_BYTES / 1_048_576
        ));
    }
    Ok(xml_text(&xml))
}

/// Walks the XML by its tags: text inside `<w:t>` is kept, paragraphs end lines.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut in_text = false;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        if in_text {
            out.push_str(&unescape(&rest[..open]));
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or_default();
        match (name, tag.starts_with('/'), tag.ends_with('/')) {
            ("w:t", false, false) => in_text = true,
            ("w:t", true, _) => in_text = false,
            ("w:p", true, _) => out.push('\n'),
            ("w:tab", _, _) => out.push('\t'),
            ("w:br" | "w:cr", _, _) => out.push('\n'),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    out
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Reads a .docx's text as a Word-paste bank.
pub fn parse(file: &str, bytes: &[u8]) -> Result<ImportResult, String> {
    Ok(super::word::parse(file, &document_text(bytes)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal .docx: only the part the reader looks at.
    pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>{body}</w:body></w:document>"
        );
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn paragraphs_become_lines_and_questions() {
        let bytes = docx(&[
            "一、单选题",
            "1、处理投诉的第一步是（ ）。",
            "A．倾听 B．争辩 C．沉默",
            "答案：A",
            "2. 客户说 &lt;太慢&gt; 时应当（ ）",
            "A. 道歉",
            "B. 解释",
            "【答案】A",
        ]);
        let result = parse("bank.docx", &bytes).unwrap();
        assert_eq!(result.questions.len(), 2, "{:#?}", result.problems);
        assert_eq!(result.questions[1].stem, "客户说 <太慢> 时应当（ ）");
    }

    #[test]
    fn a_renamed_file_is_refused_in_words() {
        let err = parse("bank.docx", b"just text").unwrap_err();
        assert!(err.contains("not a Word .docx"), "{err}");
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.finish().unwrap();
        let err = parse("bank.docx", &out.into_inner()).unwrap_err();
        assert!(err.contains("renamed"), "{err}");
    }
}
