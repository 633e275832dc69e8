//! Search across a pack and the learner's notes: an index built once per opened pack, and queries
//! whose whitespace-separated terms must all match (case-insensitive for Latin text, Chinese as
//! substrings), answered with grouped hits and highlighted snippets.

#[cfg(test)]
mod tests;
mod text;

use std::collections::HashMap;
use std::ops::Range;

use super::{LessonRef, Pack, QuestionKind};
use crate::text::plain;
use text::{
    Lines, block_text, first_match, fold, fold_into, marks_in, question_text, short_title, snippet,
    terms,
};

/// How many hits of one kind are listed; the total is still counted.
pub const MAX_HITS_PER_KIND: usize = 50;

/// Characters of context kept before the first match in a snippet.
pub(super) const CONTEXT_BEFORE: usize = 24;

/// Characters a snippet aims for, match included, when the text around it is long.
pub(super) const SNIPPET_CHARS: usize = 90;

/// Characters of a question stem kept as a hit's title.
pub(super) const TITLE_CHARS: usize = 60;

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
