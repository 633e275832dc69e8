//! Search across a pack and the learner's notes: an index built once per opened pack, and queries
//! whose whitespace-separated terms must all match (case-insensitive for Latin text, Chinese as
//! substrings), answered with grouped hits and highlighted snippets.

use std::collections::HashMap;
use std::ops::Range;

use super::{Block, LessonRef, Pack, Question, QuestionKind};
use crate::text::plain;

/// How many hits of one kind are listed; the total is still counted.
pub const MAX_HITS_PER_KIND: usize = 50;

/// Characters of context kept before the first match in a snippet.
const CONTEXT_BEFORE: usize = 24;

/// Characters a snippet aims for, match included, when the text around it is long.
const SNIPPET_CHARS: usize = 90;

/// Characters of a question stem kept as a hit's title.
const TITLE_CHARS: usize = 60;

/// What a hit is, in the order the groups are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HitKind {
    Lesson,
    Question,
    Flashcard,
    /// SWOT, ordering, PDCA, worksheet or role-play.
    Exercise,
    Note,
}

impl HitKind {
    pub const ALL: [Self; 5] = [
        Self::Lesson,
        Self::Question,
        Self::Flashcard,
        Self::Exercise,
        Self::Note,
    ];
}

/// Where choosing a hit goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A lesson, scrolled to `block` (the block holding the first match) when there is one.
    Lesson { at: LessonRef, block: Option<usize> },
    /// A question, flashcard or exercise, by id.
    Item(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub kind: HitKind,
    pub target: Target,
    pub title: String,
    /// Byte ranges of the query terms in `title`, sorted and not overlapping.
    pub title_marks: Vec<Range<usize>>,
    /// A line of text around the first match, with `…` where it was cut.
    pub snippet: String,
    /// Byte ranges of the query terms in `snippet`, sorted and not overlapping.
    pub marks: Vec<Range<usize>>,
}

/// The hits of one kind: at most [`MAX_HITS_PER_KIND`] listed, `total` found.
#[derive(Clone, Debug, PartialEq)]
pub struct HitGroup {
    pub kind: HitKind,
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// The answer to one query: the kinds that have hits, in [`HitKind::ALL`] order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    pub groups: Vec<HitGroup>,
}

impl SearchResults {
    /// Every hit found, listed or not.
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.total).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The listed hits in display order.
    pub fn hits(&self) -> impl Iterator<Item = &Hit> {
        self.groups.iter().flat_map(|g| g.hits.iter())
    }
}

/// One searchable thing of the pack. `folded` and `folded_title` are the texts case-folded
/// character by character into characters of the same UTF-8 length, so a byte offset found in
/// them is a valid offset into the original.
struct Entry {
    kind: HitKind,
    target: Target,
    title: String,
    folded_title: String,
    /// The searchable text, one field per line, emphasis markers removed.
    body: String,
    folded: String,
    /// For a lesson: where each block's text starts in `body`, as (byte offset, block index),
    /// in order, so a match can open the lesson at its block.
    block_starts: Vec<(usize, usize)>,
}

/// Where a note on an id goes and what it is called.
struct Place {
    title: String,
    target: Target,
    /// Position in study order, so note hits list like the syllabus.
    order: usize,
}

/// The pack's text prepared for searching. Notes are not part of it: they change while the pack
/// stays open, so [`SearchIndex::search`] takes them on each query.
pub struct SearchIndex {
    entries: Vec<Entry>,
    places: HashMap<String, Place>,
}

impl SearchIndex {
    pub fn new(pack: &Pack) -> Self {
        let mut index = Self {
            entries: Vec::new(),
            places: HashMap::new(),
        };
        for (at, lesson) in pack.lessons() {
            let mut body = Lines::default();
            body.push(&lesson.summary);
            let mut block_starts = Vec::with_capacity(lesson.blocks.len());
            for (i, block) in lesson.blocks.iter().enumerate() {
                block_starts.push((body.0.len(), i));
                block_text(block, &mut body);
            }
            let dropped = index.add(
                HitKind::Lesson,
                Target::Lesson { at, block: None },
                &lesson.id,
                &lesson.title,
                body,
            );
            if let Some(entry) = index.entries.last_mut() {
                entry.block_starts = block_starts
                    .into_iter()
                    .map(|(start, i)| (start.saturating_sub(dropped), i))
                    .collect();
            }
        }
        for (_, question) in pack.questions() {
            let mut body = Lines::default();
            question_text(question, &mut body);
            index.add(
                HitKind::Question,
                Target::Item(question.id.clone()),
                &question.id,
                &short_title(&question.stem),
                body,
            );
            // A note can be on one part of a case; it opens that part.
            if let QuestionKind::Case { questions, .. } = &question.kind {
                for part in questions {
                    index.add_place(
                        &part.id,
                        short_title(&part.stem),
                        Target::Item(part.id.clone()),
                    );
                }
            }
        }
        for chapter in &pack.chapters {
            for card in &chapter.flashcards {
                let mut body = Lines::default();
                body.push(&card.front);
                body.push(&card.back);
                index.add(
                    HitKind::Flashcard,
                    Target::Item(card.id.clone()),
                    &card.id,
                    &short_title(&card.front),
                    body,
                );
            }
        }
        for chapter in &pack.chapters {
            let mut exercise = |id: &str, title: &str, body: Lines| {
                index.add(
                    HitKind::Exercise,
                    Target::Item(id.to_owned()),
                    id,
                    title,
                    body,
                );
            };
            for swot in &chapter.swot {
                let mut body = Lines::default();
                body.push(&swot.case_text);
                body.extend(swot.cards.iter().map(|c| &c.text));
                body.extend(swot.strategies.iter().map(|c| &c.text));
                exercise(&swot.id, &swot.title, body);
            }
            for ordering in &chapter.orderings {
                let mut body = Lines::default();
                body.push(&ordering.prompt);
                body.extend(&ordering.steps);
                body.push(&ordering.explanation);
                exercise(&ordering.id, &ordering.title, body);
            }
            for pdca in &chapter.pdca {
                let mut body = Lines::default();
                body.push(&pdca.prompt);
                body.extend(pdca.steps.iter().map(|s| &s.text));
                exercise(&pdca.id, &pdca.title, body);
            }
            for sheet in &chapter.worksheets {
                let mut body = Lines::default();
                body.push(&sheet.case_text);
                body.extend(sheet.fields.iter().map(|f| &f.label));
                exercise(&sheet.id, &sheet.title, body);
            }
            for play in &chapter.roleplays {
                let mut body = Lines::default();
                body.push(&play.customer);
                body.push(&play.brief);
                exercise(&play.id, &play.title, body);
            }
        }
        index
    }

    /// Adds an entry and returns how many bytes were dropped from the front of `body`.
    fn add(&mut self, kind: HitKind, target: Target, id: &str, title: &str, body: Lines) -> usize {
        let title = plain(title);
        self.add_place(id, title.clone(), target.clone());
        // A body that starts with the title (a short stem, a flashcard's front) would repeat it
        // as the snippet; the title is searched on its own anyway.
        let full = body.0.len();
        let body = match body.0.split_once('\n') {
            Some((first, rest)) if first == title => rest.to_owned(),
            None if body.0 == title => String::new(),
            _ => body.0,
        };
        let dropped = full - body.len();
        self.entries.push(Entry {
            kind,
            target,
            folded_title: fold(&title),
            title,
            folded: fold(&body),
            body,
            block_starts: Vec::new(),
        });
        dropped
    }

    fn add_place(&mut self, id: &str, title: String, target: Target) {
        let order = self.places.len();
        self.places.entry(id.to_owned()).or_insert(Place {
            title,
            target,
            order,
        });
    }

    /// The hits for `query` in the pack and in `notes` (note id, text), at most `cap` per kind.
    /// Notes on ids this pack does not have belong to another pack and are left out.
    pub fn search<'n>(
        &self,
        query: &str,
        notes: impl IntoIterator<Item = (&'n str, &'n str)>,
        cap: usize,
    ) -> SearchResults {
        let terms = terms(query);
        if terms.is_empty() {
            return SearchResults::default();
        }
        // Per kind: entries whose title holds every term come first, then the rest, each in
        // study order.
        let mut found: [(Vec<usize>, Vec<usize>); 5] = Default::default();
        for (i, entry) in self.entries.iter().enumerate() {
            let mut in_title = true;
            let all = terms.iter().all(|term| {
                let title = entry.folded_title.contains(term.as_str());
                in_title &= title;
                title || entry.folded.contains(term.as_str())
            });
            if all {
                let (first, rest) = &mut found[kind_slot(entry.kind)];
                if in_title { first } else { rest }.push(i);
            }
        }
        let mut groups = Vec::new();
        for kind in HitKind::ALL {
            if kind == HitKind::Note {
                continue;
            }
            let (first, rest) = &found[kind_slot(kind)];
            let total = first.len() + rest.len();
            if total == 0 {
                continue;
            }
            let hits = first
                .iter()
                .chain(rest)
                .take(cap)
                .filter_map(|&i| self.entries.get(i))
                .map(|entry| {
                    let (snippet, marks) = snippet(&entry.body, &entry.folded, &terms);
                    Hit {
                        kind,
                        target: entry.target_of(&terms),
                        title_marks: marks_in(&entry.folded_title, 0..entry.title.len(), &terms),
                        title: entry.title.clone(),
                        snippet,
                        marks,
                    }
                })
                .collect();
            groups.push(HitGroup { kind, total, hits });
        }
        // Notes are folded on each query (they are not indexed), unless no term has a letter
        // with case: then folding could not change whether the text holds the term.
        let caseless = terms.iter().all(|t| !t.chars().any(char::is_lowercase));
        let mut folded = String::new();
        let mut notes_found: Vec<(usize, &Place, &str)> = notes
            .into_iter()
            .filter_map(|(id, text)| {
                let place = self.places.get(id)?;
                let haystack = if caseless {
                    text
                } else {
                    fold_into(text, &mut folded);
                    &folded
                };
                terms
                    .iter()
                    .all(|term| haystack.contains(term.as_str()))
                    .then_some((place.order, place, text))
            })
            .collect();
        if !notes_found.is_empty() {
            notes_found.sort_by_key(|(order, ..)| *order);
            let total = notes_found.len();
            let hits = notes_found
                .iter()
                .take(cap)
                .map(|(_, place, text)| {
                    let (snippet, marks) = snippet(text, &fold(text), &terms);
                    Hit {
                        kind: HitKind::Note,
                        target: place.target.clone(),
                        title: place.title.clone(),
                        title_marks: marks_in(&fold(&place.title), 0..place.title.len(), &terms),
                        snippet,
                        marks,
                    }
                })
                .collect();
            groups.push(HitGroup {
                kind: HitKind::Note,
                total,
                hits,
            });
        }
        SearchResults { groups }
    }
}

impl Entry {
    /// Where choosing this entry goes: a lesson opens at the block of the earliest match.
    fn target_of(&self, terms: &[String]) -> Target {
        match self.target {
            Target::Lesson { at, .. } => {
                let block = first_match(&self.folded, terms).and_then(|(at, _)| {
                    self.block_starts
                        .iter()
                        .take_while(|(start, _)| *start <= at)
                        .last()
                        .map(|&(_, i)| i)
                });
                Target::Lesson { at, block }
            }
            ref other => other.clone(),
        }
    }
}

fn kind_slot(kind: HitKind) -> usize {
    match kind {
        HitKind::Lesson => 0,
        HitKind::Question => 1,
        HitKind::Flashcard => 2,
        HitKind::Exercise => 3,
        HitKind::Note => 4,
    }
}

/// Searchable text, one field per line; empty fields are skipped. A line break is whitespace,
/// which no query term contains, so no term can match across two fields.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn push(&mut self, text: &str) {
        let text = plain(text);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str(text);
    }

    fn extend<S: AsRef<str>>(&mut self, texts: impl IntoIterator<Item = S>) {
        for text in texts {
            self.push(text.as_ref());
        }
    }
}

fn block_text(block: &Block, out: &mut Lines) {
    match block {
        Block::Heading(text) | Block::Paragraph(text) => out.push(text),
        Block::List { items, .. } => out.extend(items),
        Block::KeyPoints { title, items } => {
            out.push(title);
            out.extend(items);
        }
        Block::Definition { term, text } => {
            out.push(term);
            out.push(text);
        }
        Block::Mnemonic {
            phrase,
            parts,
            note,
        } => {
            out.push(phrase);
            for part in parts {
                out.push(&format!("{}：{}", part.key, part.meaning));
            }
            out.push(note);
        }
        Block::ExamTip { text, .. } => out.push(text),
        Block::Example { title, text } => {
            out.push(title);
            out.push(text);
        }
        Block::Table { header, rows } => {
            out.push(&header.join(" | "));
            for row in rows {
                out.push(&row.join(" | "));
            }
        }
        Block::Image { caption, alt, .. } => {
            out.push(caption);
            out.push(alt);
        }
        Block::Supplement { title, text, items } => {
            out.push(title);
            out.push(text);
            out.extend(items);
        }
        Block::Exercise(_) => {}
    }
}

fn question_text(question: &Question, out: &mut Lines) {
    out.push(&question.stem);
    match &question.kind {
        // One line, lettered as on screen: shown alone, a bare first option would read as if it
        // were the answer.
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => {
            let lettered: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(i, option)| format!("{}. {}", crate::model::option_letter(i), option.trim()))
                .collect();
            out.push(&lettered.join("　"));
        }
        QuestionKind::TrueFalse { .. } => {}
        QuestionKind::ShortAnswer {
            model_answer,
            points,
            ..
        } => {
            out.push(model_answer);
            out.extend(points.iter().map(|p| &p.text));
        }
        QuestionKind::Case {
            case_text,
            questions,
        } => {
            out.push(case_text);
            for part in questions {
                question_text(part, out);
            }
        }
    }
    out.push(&question.explanation);
}

/// The first line of `text`, cut to [`TITLE_CHARS`] characters.
fn short_title(text: &str) -> String {
    let text = plain(text);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match line.char_indices().nth(TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

/// Lower case for characters whose lower case is one character of the same UTF-8 length
/// (Latin, Greek, Cyrillic, full-width letters); others, Chinese included, stay as they are.
/// Keeping lengths means offsets found in the folded text are offsets into the original.
fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// [`fold`] into a buffer the caller reuses, so searching notes allocates nothing per note.
fn fold_into(text: &str, folded: &mut String) {
    folded.clear();
    if text.is_ascii() {
        folded.push_str(text);
        folded.make_ascii_lowercase();
    } else {
        folded.extend(text.chars().map(fold_char));
    }
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // CJK punctuation, kana and ideographs have no case: skip the table lookup, which is most of
    // the time spent folding Chinese text.
    if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF01}'..='\u{FF20}').contains(&c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// The folded query terms: split on any whitespace (the ideographic space too), duplicates
/// dropped, longest first so a term inside another is marked inside it.
fn terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = query.split_whitespace().map(fold).collect();
    terms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    terms.dedup();
    terms
}

/// A line of `text` around the earliest match of any term, cut on character boundaries, with the
/// marks of every term inside it. Without a match (the terms were all in the title) it is the
/// start of the text.
fn snippet(text: &str, folded: &str, terms: &[String]) -> (String, Vec<Range<usize>>) {
    let (at, end) = first_match(folded, terms).unwrap_or((0, 0));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let start = text[line_start..at]
        .char_indices()
        .rev()
        .take(CONTEXT_BEFORE)
        .last()
        .map_or(at, |(i, _)| line_start + i);
    let used = text[start..end].chars().count();
    let after = SNIPPET_CHARS.saturating_sub(used).max(CONTEXT_BEFORE);
    let stop = text[end..line_end]
        .char_indices()
        .nth(after)
        .map_or(line_end, |(i, _)| end + i);
    let mut snippet = String::with_capacity(stop - start + 6);
    if start > line_start {
        snippet.push('…');
    }
    let shift = snippet.len();
    snippet.push_str(&text[start..stop]);
    if stop < line_end {
        snippet.push('…');
    }
    let marks = marks_in(folded, start..stop, terms)
        .into_iter()
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    (snippet, marks)
}

/// The byte range of the earliest match of any term in `folded`.
fn first_match(folded: &str, terms: &[String]) -> Option<(usize, usize)> {
    terms
        .iter()
        .filter_map(|term| folded.find(term.as_str()).map(|at| (at, at + term.len())))
        .min()
}

/// Every occurrence of every term inside `window` of `folded`, merged where they overlap.
fn marks_in(folded: &str, window: Range<usize>, terms: &[String]) -> Vec<Range<usize>> {
    let Some(part) = folded.get(window.clone()) else {
        return Vec::new();
    };
    let mut marks: Vec<Range<usize>> = terms
        .iter()
        .filter(|term| !term.is_empty())
        .flat_map(|term| {
            part.match_indices(term.as_str())
                .map(|(i, m)| window.start + i..window.start + i + m.len())
        })
        .collect();
    marks.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for mark in marks {
        match merged.last_mut() {
            Some(last) if mark.start <= last.end => last.end = last.end.max(mark.end),
            _ => merged.push(mark),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Chapter, Flashcard, Lesson, Manifest, Section};

    fn lesson(id: &str, title: &str, blocks: Vec<Block>) -> Lesson {
        Lesson {
            id: id.into(),
            title: title.into(),
            summary: String::new(),
            minutes: 5,
            blocks,
        }
    }

    fn question(id: &str, stem: &str, kind: QuestionKind, explanation: &str) -> Question {
        Question {
            id: id.into(),
            lesson: "l1".into(),
            stem: stem.into(),
            kind,
            explanation: explanation.into(),
            difficulty: 2,
            frequency: 1,
            source: String::new(),
            supplement: false,
        }
    }

    /// A small pack with every kind of searchable text.
    fn pack() -> Pack {
        let chapter = Chapter {
            id: "c1".into(),
            title: "第一章".into(),
            summary: String::new(),
            sections: vec![Section {
                id: "s1".into(),
                title: "第一节".into(),
                lessons: vec![
                    lesson(
                        "l1",
                        "客户满意度",
                        vec![
                            Block::Paragraph(
                                "客户满意度是客户**感知**与期望比较后的感受，投诉是不满意的表现。"
                                    .into(),
                            ),
                            Block::Definition {
                                term: "SERVQUAL".into(),
                                text: "Service Quality model with five gaps.".into(),
                            },
                        ],
                    ),
                    lesson(
                        "l2",
                        "投诉处理",
                        vec![Block::KeyPoints {
                            title: String::new(),
                            items: vec!["先倾听，再道歉。".into(), "跟踪回访".into()],
                        }],
                    ),
                ],
            }],
            questions: vec![
                question(
                    "q1",
                    "处理投诉的第一步是（ ）。",
                    QuestionKind::Single {
                        options: vec!["倾听".into(), "辩解".into()],
                        answer: "A".into(),
                    },
                    "先倾听客户的抱怨。",
                ),
                question(
                    "case1",
                    "阅读案例回答问题。",
                    QuestionKind::Case {
                        case_text: "某呼叫中心的 Net Promoter Score 下降。".into(),
                        questions: vec![question(
                            "case1.a",
                            "原因是什么？",
                            QuestionKind::ShortAnswer {
                                essay: false,
                                model_answer: "等待时间过长".into(),
                                points: Vec::new(),
                            },
                            "",
                        )],
                    },
                    "",
                ),
            ],
            flashcards: vec![Flashcard {
                id: "f1".into(),
                lesson: "l1".into(),
                front: "PDCA".into(),
                back: "计划、执行、检查、处理".into(),
                kind: Default::default(),
                supplement: false,
            }],
            swot: Vec::new(),
            orderings: Vec::new(),
            pdca: Vec::new(),
            worksheets: Vec::new(),
            roleplays: Vec::new(),
            labs: Vec::new(),
        };
        let manifest = Manifest {
            format_version: crate::model::FORMAT_VERSION,
            id: "t".into(),
            title: "t".into(),
            version: "1".into(),
            language: "zh-CN".into(),
            authors: Vec::new(),
            description: String::new(),
            chapters: Vec::new(),
            scoring: Default::default(),
            mock_exams: Vec::new(),
        };
        Pack::new(manifest, vec![chapter])
    }

    fn notes() -> Vec<(&'static str, &'static str)> {
        vec![
            ("l2", "回访客户要及时，NPS 才会上升。"),
            ("case1.a", "NPS 下降: because of waiting"),
            ("gone.lesson", "客户：这条笔记属于另一个课程包"),
        ]
    }

    /// (kind, id) of every listed hit, lessons by their id.
    fn listed(pack: &Pack, results: &SearchResults) -> Vec<(HitKind, String)> {
        results
            .hits()
            .map(|hit| {
                let id = match &hit.target {
                    Target::Lesson { at, .. } => pack.lesson(*at).unwrap().id.clone(),
                    Target::Item(id) => id.clone(),
                };
                (hit.kind, id)
            })
            .collect()
    }

    #[test]
    fn queries_find_what_a_reader_expects() {
        use HitKind::*;
        let pack = pack();
        let index = SearchIndex::new(&pack);
        for (query, expected) in [
            // One common Chinese character, as a substring; another pack's note is left out.
            ("客", vec![(Lesson, "l1"), (Question, "q1"), (Note, "l2")]),
            ("倾听", vec![(Lesson, "l2"), (Question, "q1")]),
            // Latin text ignores case, in the query and in the text.
            ("servqual", vec![(Lesson, "l1")]),
            ("FIVE gaps", vec![(Lesson, "l1")]),
            ("pdca", vec![(Flashcard, "f1")]),
            // Every term must match, in any field of the same thing.
            ("servqual 客户", vec![(Lesson, "l1")]),
            ("倾听 道歉", vec![(Lesson, "l2")]),
            ("倾听 不存在", vec![]),
            ("倾听\u{3000}道歉", vec![(Lesson, "l2")]),
            // Emphasis markers are not part of the text.
            ("户感知与", vec![(Lesson, "l1")]),
            // A case is found by its text and by its parts; a note on a part opens the part.
            ("net promoter", vec![(Question, "case1")]),
            ("等待时间", vec![(Question, "case1")]),
            ("nps", vec![(Note, "l2"), (Note, "case1.a")]),
            ("nps waiting", vec![(Note, "case1.a")]),
            // A title that holds every term comes before a body that does.
            (
                "投诉",
                vec![(Lesson, "l2"), (Lesson, "l1"), (Question, "q1")],
            ),
            ("", vec![]),
            ("  \u{3000} ", vec![]),
            ("zzz", vec![]),
        ] {
            let results = index.search(query, notes(), MAX_HITS_PER_KIND);
            let expected: Vec<(HitKind, String)> = expected
                .into_iter()
                .map(|(k, id)| (k, id.to_owned()))
                .collect();
            assert_eq!(listed(&pack, &results), expected, "{query:?}");
            assert_eq!(results.total(), expected.len(), "{query:?}");
        }
    }

    #[test]
    fn a_lesson_hit_opens_at_the_block_of_its_first_match() {
        let pack = pack();
        let index = SearchIndex::new(&pack);
        for (query, expected) in [
            // In the first block (a paragraph), in the second (a definition's term, its text).
            ("感知", Some(0)),
            ("servqual", Some(1)),
            ("five gaps", Some(1)),
            // The earliest match decides, whichever term it is.
            ("servqual 客户", Some(0)),
            // Only in the title: the lesson opens at the top.
            ("满意度是", Some(0)),
            ("道歉", Some(0)),
        ] {
            let results = index.search(query, Vec::new(), MAX_HITS_PER_KIND);
            let hit = results
                .hits()
                .find(|hit| hit.kind == HitKind::Lesson)
                .unwrap_or_else(|| panic!("{query:?}: no lesson hit"));
            let Target::Lesson { block, .. } = hit.target else {
                panic!("{query:?}: {:?}", hit.target);
            };
            assert_eq!(block, expected, "{query:?}");
        }
        // A title-only match has no block to go to.
        let results = index.search("投诉处理", Vec::new(), MAX_HITS_PER_KIND);
        let hit = results.hits().next().unwrap();
        assert!(matches!(hit.target, Target::Lesson { block: None, .. }));
    }

    #[test]
    fn every_hit_marks_its_terms_in_the_snippet_and_title() {
        let pack = pack();
        let index = SearchIndex::new(&pack);
        for (query, kind, title_marks, snippet, snippet_marks) in [
            (
                "servqual 客户",
                HitKind::Lesson,
                vec!["客户"],
                "客户满意度是客户感知与期望比较后的感受，投诉是不满意的表现。",
                vec!["客户", "客户"],
            ),
            (
                "quality",
                HitKind::Lesson,
                vec![],
                "Service Quality model with five gaps.",
                vec!["Quality"],
            ),
            // The title is not repeated as the snippet.
            (
                "pdca",
                HitKind::Flashcard,
                vec!["PDCA"],
                "计划、执行、检查、处理",
                vec![],
            ),
            // A question matched by its stem shows its options lettered, never a bare first
            // option that would read as the answer.
            (
                "第一步",
                HitKind::Question,
                vec!["第一步"],
                "A. 倾听　B. 辩解",
                vec![],
            ),
            // Overlapping terms become one mark.
            (
                "回访 访客",
                HitKind::Note,
                vec![],
                "回访客户要及时，NPS 才会上升。",
                vec!["回访客"],
            ),
        ] {
            let results = index.search(query, notes(), MAX_HITS_PER_KIND);
            let hit = results.hits().find(|h| h.kind == kind).unwrap();
            let marked = |text: &str, marks: &[Range<usize>]| -> Vec<String> {
                marks.iter().map(|r| text[r.clone()].to_owned()).collect()
            };
            assert_eq!(marked(&hit.title, &hit.title_marks), title_marks, "{query}");
            assert_eq!(hit.snippet, snippet, "{query}");
            assert_eq!(marked(&hit.snippet, &hit.marks), snippet_marks, "{query}");
        }
    }

    #[test]
    fn snippets_cut_on_character_boundaries() {
        let long = format!("{}目标{}", "甲".repeat(30), "乙".repeat(100));
        let mixed = format!("{}Ärger 😀 ÉCOLE{}", "é😀".repeat(20), "ß中".repeat(60));
        let two_lines = "第一行没有\n第二行有目标\n第三行".to_owned();
        for (text, query, expected, marked) in [
            (
                long.as_str(),
                "目标",
                format!("…{}目标{}…", "甲".repeat(24), "乙".repeat(64)),
                vec!["目标"],
            ),
            (
                mixed.as_str(),
                "école ärger",
                format!("…{}Ärger 😀 ÉCOLE{}ß…", "é😀".repeat(12), "ß中".repeat(26)),
                vec!["Ärger", "ÉCOLE"],
            ),
            // The snippet stays on the line of the match.
            (
                two_lines.as_str(),
                "目标",
                "第二行有目标".to_owned(),
                vec!["目标"],
            ),
            // Nothing matches in the text (the title did): the start of the text.
            ("短文本", "标题", "短文本".to_owned(), vec![]),
            ("STRAßE", "straße", "STRAßE".to_owned(), vec!["STRAßE"]),
        ] {
            let terms = terms(query);
            let (snippet, marks) = snippet(text, &fold(text), &terms);
            assert_eq!(snippet, expected, "{query}");
            let got: Vec<&str> = marks.iter().map(|r| &snippet[r.clone()]).collect();
            assert_eq!(got, marked, "{query}");
        }
    }

    #[test]
    fn folding_keeps_byte_offsets() {
        for text in ["ÄÖÜ İstanbul ΣΑΣ Ǆ ẞ Ａ客户", "plain ASCII", "中文"] {
            let folded = fold(text);
            assert_eq!(folded.len(), text.len(), "{text}");
            assert!(
                folded.char_indices().all(|(i, _)| text.is_char_boundary(i)),
                "{text}"
            );
        }
        assert_eq!(fold("ÄBC Ａ"), "äbc ａ");
    }

    #[test]
    fn results_are_capped_per_kind_but_counted_in_full() {
        let pack = crate::pack::load_pack(&crate::pack::builtin_source())
            .pack
            .unwrap();
        let index = SearchIndex::new(&pack);
        let results = index.search("客", std::iter::empty(), MAX_HITS_PER_KIND);
        let questions = results
            .groups
            .iter()
            .find(|g| g.kind == HitKind::Question)
            .unwrap();
        assert!(questions.total > MAX_HITS_PER_KIND, "{}", questions.total);
        assert_eq!(questions.hits.len(), MAX_HITS_PER_KIND);
        for hit in results.hits() {
            assert!(
                !hit.marks.is_empty() || !hit.title_marks.is_empty(),
                "{hit:?}"
            );
        }
        let few = index.search("客", std::iter::empty(), 3);
        assert!(few.groups.iter().all(|g| g.hits.len() <= 3));
        assert_eq!(few.total(), results.total());
    }
}
