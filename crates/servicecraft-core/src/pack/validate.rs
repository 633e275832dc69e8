//! Checks a parsed pack: unique ids, resolvable references, complete questions and exercises.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, position_of_offset};
use super::load::MANIFEST;
use super::source::{PackSource, check_enclosed};
use crate::model::{
    Block, ItemRef, Pack, PdcaStage, Question, QuestionKind, answer_indices, check_roleplay,
};

/// The most options a choice question may have (A–H).
pub const MAX_OPTIONS: usize = 8;

/// Finds positions in the files a pack was read from.
pub(super) struct Locator<'a> {
    pub(super) source: &'a dyn PackSource,
    chapter_files: &'a [String],
    texts: HashMap<&'a str, &'a str>,
    /// Each image is checked once however often it is shown: path → the problem, if any.
    images: RefCell<HashMap<String, Option<String>>>,
    image_check: ImageCheck,
}

/// How thoroughly images are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageCheck {
    /// Decode every image in full, as the reader will: a header can be fine while the data is
    /// cut off. For packs from outside (validate, install).
    Full,
    /// Read only the headers (format and size): for packs already validated in full when they
    /// were installed, so switching to one does not decode every image on the UI thread.
    Header,
}

impl Locator<'_> {
    fn file(&self, chapter: Option<usize>) -> &str {
        chapter
            .and_then(|c| self.chapter_files.get(c))
            .map_or(MANIFEST, String::as_str)
    }

    /// A diagnostic in the pack file `rel` at the `nth` place `field: "value"` is written.
    pub(super) fn error_in(
        &self,
        rel: &str,
        field: &str,
        value: &str,
        nth: usize,
        message: String,
    ) -> Diagnostic {
        let position = self
            .texts
            .get(rel)
            .and_then(|text| locate_field(text, field, value, nth));
        Diagnostic::error(self.source.display(rel), message).at(position)
    }

    /// A diagnostic in `chapter`'s file (the manifest for `None`) at the `nth` place where
    /// `field: "value"` is written, or at the file alone when it cannot be found.
    pub(super) fn error(
        &self,
        chapter: Option<usize>,
        field: &str,
        value: &str,
        nth: usize,
        message: String,
    ) -> Diagnostic {
        let rel = self.file(chapter);
        let position = self
            .texts
            .get(rel)
            .and_then(|text| locate_field(text, field, value, nth));
        Diagnostic::error(self.source.display(rel), message).at(position)
    }

    /// A diagnostic at the `nth` place where `key:` is written in `chapter`'s file (the
    /// manifest for `None`), for numbers, which [`Self::error`] cannot find by their value.
    pub(super) fn at_key(
        &self,
        chapter: Option<usize>,
        key: &str,
        nth: usize,
        diagnostic: fn(String, String) -> Diagnostic,
        message: String,
    ) -> Diagnostic {
        let rel = self.file(chapter);
        let position = self.texts.get(rel).and_then(|text| {
            text.match_indices(key)
                .filter(|(offset, _)| {
                    let before = text[..*offset].chars().next_back();
                    let after = text[offset + key.len()..].trim_start();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                        && after.starts_with(':')
                })
                .nth(nth)
                .map(|(offset, _)| position_of_offset(text, offset))
        });
        diagnostic(self.source.display(rel), message).at(position)
    }
}

/// The `nth` place where `value` is written as a quoted string right after `field` (such as
/// `id:` or `Exercise(`; anywhere when `field` is empty).
fn locate_field(text: &str, field: &str, value: &str, nth: usize) -> Option<(usize, usize)> {
    let quoted = format!("{value:?}");
    text.match_indices(&quoted)
        .filter(|(offset, _)| field.is_empty() || text[..*offset].trim_end().ends_with(field))
        .nth(nth)
        .map(|(offset, _)| position_of_offset(text, offset))
}

pub fn validate(
    pack: &Pack,
    source: &dyn PackSource,
    chapter_files: &[String],
    texts: &[(String, String)],
    image_check: ImageCheck,
) -> Vec<Diagnostic> {
    let at = Locator {
        source,
        chapter_files,
        texts: texts
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        images: RefCell::default(),
        image_check,
    };
    let mut out = Vec::new();
    check_manifest(pack, &at, &mut out);
    super::validate_numbers::check_numbers(pack, &at, &mut out);
    check_ids(pack, &at, &mut out);
    super::validate_lab::check_labs(pack, &at, &mut out);
    for (c, chapter) in pack.chapters.iter().enumerate() {
        let ch = Some(c);
        let need_lesson = |owner: &str, lesson: &str, out: &mut Vec<Diagnostic>| {
            if !matches!(pack.get(lesson), Some(ItemRef::Lesson(_))) {
                out.push(at.error(
                    ch,
                    "lesson:",
                    lesson,
                    0,
                    format!("`{owner}` names lesson `{lesson}`, which does not exist"),
                ));
            }
        };
        if chapter.title.trim().is_empty() {
            out.push(at.error(
                ch,
                "id:",
                &chapter.id,
                0,
                format!("chapter `{}` has an empty title", chapter.id),
            ));
        }
        if chapter.sections.is_empty() {
            out.push(at.error(
                ch,
                "id:",
                &chapter.id,
                0,
                format!("chapter `{}` has no sections", chapter.id),
            ));
        }
        for section in &chapter.sections {
            if section.title.trim().is_empty() {
                out.push(at.error(
                    ch,
                    "id:",
                    &section.id,
                    0,
                    format!("section `{}` has an empty title", section.id),
                ));
            }
            for lesson in &section.lessons {
                if lesson.title.trim().is_empty() {
                    out.push(at.error(
                        ch,
                        "id:",
                        &lesson.id,
                        0,
                        format!("lesson `{}` has an empty title", lesson.id),
                    ));
                }
                if lesson.blocks.is_empty() {
                    out.push(at.error(
                        ch,
                        "id:",
                        &lesson.id,
                        0,
                        format!("lesson `{}` has no blocks", lesson.id),
                    ));
                }
                for block in &lesson.blocks {
                    check_block(pack, source, &at, ch, &lesson.id, block, &mut out);
                }
            }
        }
        for question in &chapter.questions {
            need_lesson(&question.id, &question.lesson, &mut out);
            check_question(&at, ch, question, false, &mut out);
        }
        for card in &chapter.flashcards {
            need_lesson(&card.id, &card.lesson, &mut out);
            if card.front.trim().is_empty() || card.back.trim().is_empty() {
                out.push(at.error(
                    ch,
                    "id:",
                    &card.id,
                    0,
                    format!("flashcard `{}` needs a front and a back", card.id),
                ));
            }
        }
        for swot in &chapter.swot {
            need_lesson(&swot.id, &swot.lesson, &mut out);
            if swot.cards.len() < 4 {
                out.push(at.error(
                    ch,
                    "id:",
                    &swot.id,
                    0,
                    format!("SWOT `{}` needs at least 4 cards", swot.id),
                ));
            }
            check_unique(
                &at,
                ch,
                &swot.id,
                "card",
                swot.cards.iter().map(|c| c.text.as_str()),
                &mut out,
            );
            check_unique(
                &at,
                ch,
                &swot.id,
                "strategy",
                swot.strategies.iter().map(|c| c.text.as_str()),
                &mut out,
            );
        }
        for ordering in &chapter.orderings {
            need_lesson(&ordering.id, &ordering.lesson, &mut out);
            if ordering.steps.len() < 2 {
                out.push(at.error(
                    ch,
                    "id:",
                    &ordering.id,
                    0,
                    format!("ordering `{}` needs at least 2 steps", ordering.id),
                ));
            }
            check_unique(
                &at,
                ch,
                &ordering.id,
                "step",
                ordering.steps.iter().map(String::as_str),
                &mut out,
            );
        }
        for pdca in &chapter.pdca {
            need_lesson(&pdca.id, &pdca.lesson, &mut out);
            check_unique(
                &at,
                ch,
                &pdca.id,
                "step",
                pdca.steps.iter().map(|s| s.text.as_str()),
                &mut out,
            );
            let stages: Vec<PdcaStage> = pdca.steps.iter().map(|s| s.stage).collect();
            if stages.windows(2).any(|w| w[0] > w[1]) {
                out.push(at.error(
                    ch,
                    "id:",
                    &pdca.id,
                    0,
                    format!(
                        "PDCA `{}` must list its steps in cycle order (Plan, Do, Check, Act)",
                        pdca.id
                    ),
                ));
            }
            for stage in PdcaStage::ALL {
                if !stages.contains(&stage) {
                    out.push(at.error(
                        ch,
                        "id:",
                        &pdca.id,
                        0,
                        format!("PDCA `{}` has no step in stage {stage:?}", pdca.id),
                    ));
                }
            }
        }
        for sheet in &chapter.worksheets {
            need_lesson(&sheet.id, &sheet.lesson, &mut out);
            if sheet.fields.is_empty() {
                out.push(at.error(
                    ch,
                    "id:",
                    &sheet.id,
                    0,
                    format!("worksheet `{}` has no fields", sheet.id),
                ));
            }
            check_unique(
                &at,
                ch,
                &sheet.id,
                "field id",
                sheet.fields.iter().map(|f| f.id.as_str()),
                &mut out,
            );
        }
        for play in &chapter.roleplays {
            need_lesson(&play.id, &play.lesson, &mut out);
            for problem in check_roleplay(play) {
                let (field, value) = match &problem.node {
                    Some(node) => ("id:", node.as_str()),
                    None => ("id:", play.id.as_str()),
                };
                out.push(at.error(
                    ch,
                    field,
                    value,
                    0,
                    format!("role-play `{}`: {}", play.id, problem.message),
                ));
            }
            for path in play.portraits.values() {
                check_asset(source, &at, ch, path, &mut out);
            }
        }
    }
    out
}

fn check_manifest(pack: &Pack, at: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    let m = &pack.manifest;
    for (field, value) in [
        ("id:", &m.id),
        ("title:", &m.title),
        ("version:", &m.version),
    ] {
        if value.trim().is_empty() {
            out.push(at.error(
                None,
                field,
                value,
                0,
                format!("the pack's `{}` is empty", field.trim_end_matches(':')),
            ));
        }
    }
    if m.chapters.is_empty() {
        out.push(Diagnostic::error(
            at.source.display(MANIFEST),
            "the pack lists no chapter files",
        ));
    }
    let mut seen = HashSet::new();
    for file in &m.chapters {
        if !seen.insert(file) {
            out.push(at.error(
                None,
                "",
                file,
                1,
                format!("chapter file `{file}` is listed twice"),
            ));
        }
    }
    for exam in &m.mock_exams {
        if exam.minutes == 0 {
            out.push(at.error(
                None,
                "id:",
                &exam.id,
                0,
                format!("mock exam `{}` has no time limit", exam.id),
            ));
        }
        for chapter in &exam.chapters {
            if !matches!(pack.get(chapter), Some(ItemRef::Chapter(_))) {
                out.push(at.error(
                    None,
                    "id:",
                    &exam.id,
                    0,
                    format!(
                        "mock exam `{}` names chapter `{chapter}`, which does not exist",
                        exam.id
                    ),
                ));
            }
        }
    }
}

fn check_ids(pack: &Pack, at: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (id, item) in pack.all_ids() {
        let chapter = ItemRef::chapter(item);
        if id.trim().is_empty() {
            out.push(at.error(chapter, "id:", "", 0, "an item has an empty id".to_owned()));
            continue;
        }
        let count = seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            // Point at this occurrence in its own file: count earlier ones in the same file.
            let earlier_here = pack
                .all_ids()
                .take_while(|(_, other)| *other != item)
                .filter(|(other_id, other)| *other_id == id && ItemRef::chapter(*other) == chapter)
                .count();
            out.push(at.error(
                chapter,
                "id:",
                &id,
                earlier_here,
                format!("duplicate id `{id}`: ids must be unique in a pack"),
            ));
        }
    }
}

fn check_unique<'s>(
    at: &Locator<'_>,
    ch: Option<usize>,
    owner: &str,
    what: &str,
    items: impl Iterator<Item = &'s str>,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    for item in items {
        if item.trim().is_empty() {
            out.push(at.error(
                ch,
                "id:",
                owner,
                0,
                format!("`{owner}` has an empty {what}"),
            ));
        } else if !seen.insert(item) {
            out.push(at.error(
                ch,
                "",
                item,
                1,
                format!("`{owner}` lists the {what} `{item}` twice"),
            ));
        }
    }
}

fn check_asset(
    source: &dyn PackSource,
    at: &Locator<'_>,
    ch: Option<usize>,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Err(err) = check_enclosed(path) {
        out.push(at.error(ch, "", path, 0, err.to_string()));
        return;
    }
    if !source.exists(path) {
        // Tell a missing file from a folder or named pipe in its place (read refuses those
        // without opening them).
        let message = match source.read(path) {
            Err(super::SourceError::NotFound) | Ok(_) => {
                format!("image `{path}` not found in the pack")
            }
            Err(err) => format!("image `{path}`: {err}"),
        };
        out.push(at.error(ch, "", path, 0, message));
        return;
    }
    let problem = at
        .images
        .borrow_mut()
        .entry(path.to_owned())
        .or_insert_with(|| image_problem(source, path, at.image_check))
        .clone();
    if let Some(problem) = problem {
        out.push(at.error(ch, "", path, 0, format!("image `{path}`: {problem}")));
    }
}

fn image_problem(source: &dyn PackSource, path: &str, check: ImageCheck) -> Option<String> {
    let bytes = match source.read(path) {
        Err(err) => return Some(err.to_string()),
        Ok(bytes) => bytes,
    };
    let problem = match check {
        ImageCheck::Full => super::images::decode(&bytes).err(),
        ImageCheck::Header => super::images::dimensions(&bytes).err(),
    };
    problem.map(|e| e.to_string())
}

fn check_block(
    pack: &Pack,
    source: &dyn PackSource,
    at: &Locator<'_>,
    ch: Option<usize>,
    lesson: &str,
    block: &Block,
    out: &mut Vec<Diagnostic>,
) {
    match block {
        Block::Image { path, .. } => check_asset(source, at, ch, path, out),
        Block::Exercise(id) => match pack.get(id) {
            Some(
                ItemRef::Chapter(_)
                | ItemRef::Section(..)
                | ItemRef::Lesson(_)
                | ItemRef::MockExam(_),
            )
            | None => {
                out.push(at.error(
                    ch,
                    "Exercise(",
                    id,
                    0,
                    format!("lesson `{lesson}` links to exercise `{id}`, which does not exist"),
                ));
            }
            Some(_) => {}
        },
        Block::Table { header, rows } if rows.iter().any(|row| row.len() != header.len()) => {
            out.push(at.error(
                ch,
                "id:",
                lesson,
                0,
                format!(
                    "lesson `{lesson}`: every table row needs {} cells, like its header",
                    header.len()
                ),
            ));
        }
        Block::List { items, .. } | Block::KeyPoints { items, .. } if items.is_empty() => {
            out.push(at.error(
                ch,
                "id:",
                lesson,
                0,
                format!("lesson `{lesson}` has an empty list"),
            ));
        }
        Block::ExamTip { stars, .. } if *stars > 5 => {
            out.push(at.error(
                ch,
                "id:",
                lesson,
                0,
                format!("lesson `{lesson}`: an exam tip has at most 5 stars"),
            ));
        }
        _ => {}
    }
}

fn check_question(
    at: &Locator<'_>,
    ch: Option<usize>,
    q: &Question,
    in_case: bool,
    out: &mut Vec<Diagnostic>,
) {
    let mut error = |message: String| {
        out.push(at.error(
            ch,
            "id:",
            &q.id,
            0,
            format!("question `{}`: {message}", q.id),
        ))
    };
    if q.stem.trim().is_empty() {
        error("the stem is empty".to_owned());
    }
    if !(1..=3).contains(&q.difficulty) {
        error(format!("difficulty {} is not 1, 2 or 3", q.difficulty));
    }
    if q.frequency > 3 {
        error(format!("frequency {} is not 0 to 3", q.frequency));
    }
    match &q.kind {
        QuestionKind::Single { options, answer } | QuestionKind::Multiple { options, answer } => {
            let multiple = matches!(q.kind, QuestionKind::Multiple { .. });
            if options.len() < 2 || options.len() > MAX_OPTIONS {
                error(format!(
                    "needs 2 to {MAX_OPTIONS} options, has {}",
                    options.len()
                ));
            }
            if options.iter().any(|o| o.trim().is_empty()) {
                error("an option is empty".to_owned());
            }
            match answer_indices(answer) {
                None => error(format!(
                    "answer `{answer}` must be option letters like \"B\" or \"ACD\""
                )),
                Some(picks) => {
                    let unique: HashSet<_> = picks.iter().collect();
                    if picks.iter().any(|&i| i >= options.len()) {
                        error(format!(
                            "answer `{answer}` names an option that does not exist"
                        ));
                    } else if unique.len() != picks.len() {
                        error(format!("answer `{answer}` repeats a letter"));
                    } else if !multiple && picks.len() != 1 {
                        error(format!(
                            "a single-choice answer is one letter, not `{answer}`"
                        ));
                    } else if multiple && picks.is_empty() {
                        error("a multiple-choice answer needs at least one letter".to_owned());
                    }
                }
            }
        }
        QuestionKind::TrueFalse { .. } => {}
        QuestionKind::ShortAnswer {
            model_answer,
            points,
            ..
        } => {
            if model_answer.trim().is_empty() {
                error("the model answer is empty".to_owned());
            }
            if points.is_empty() {
                error("needs at least one scoring point".to_owned());
            }
            if points.iter().any(|p| p.score == 0) {
                error("a scoring point is worth 0".to_owned());
            }
        }
        QuestionKind::Case {
            case_text,
            questions,
        } => {
            if in_case {
                error("a case cannot contain another case".to_owned());
            }
            if case_text.trim().is_empty() {
                error("the case text is empty".to_owned());
            }
            if questions.is_empty() {
                error("a case needs at least one sub-question".to_owned());
            }
            for part in questions {
                check_question(at, ch, part, true, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_locating_skips_references() {
        let text = "(lesson: \"a\",\n id: \"a\")";
        assert_eq!(locate_field(text, "id:", "a", 0), Some((2, 6)));
        assert_eq!(locate_field(text, "", "a", 0), Some((1, 10)));
    }
}
