//! `notes.ron`: the learner's own notes, one per lesson or practice item, and how they are grouped
//! by chapter for the notes screen and the Markdown export.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::migrate::Versioned;
use crate::i18n::{Lang, T};
use crate::model::{ItemRef, LessonRef, Pack, QuestionKind};

pub const NOTES_FILE: &str = "notes.ron";
pub const NOTES_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Notes {
    pub format_version: u32,
    /// Per lesson, question, flashcard or exercise id.
    pub notes: BTreeMap<String, Note>,
}

impl Default for Notes {
    fn default() -> Self {
        Self {
            format_version: NOTES_VERSION,
            notes: BTreeMap::new(),
        }
    }
}

impl Versioned for Notes {
    const VERSION: u32 = NOTES_VERSION;
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Note {
    pub text: String,
    pub updated: DateTime<Utc>,
}

impl Notes {
    pub fn text(&self, id: &str) -> &str {
        self.notes.get(id).map_or("", |n| n.text.as_str())
    }

    /// Sets the note of `id`; a note emptied down to blanks is removed. Returns whether anything
    /// changed.
    pub fn set(&mut self, id: &str, text: &str, now: DateTime<Utc>) -> bool {
        if text.trim().is_empty() {
            return self.notes.remove(id).is_some();
        }
        match self.notes.get_mut(id) {
            Some(note) if note.text == text => false,
            Some(note) => {
                text.clone_into(&mut note.text);
                note.updated = now;
                true
            }
            None => {
                self.notes.insert(
                    id.to_owned(),
                    Note {
                        text: text.to_owned(),
                        updated: now,
                    },
                );
                true
            }
        }
    }
}

/// Where a note belongs in the pack.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteTarget {
    Lesson(LessonRef),
    /// A practice item, with the lesson that teaches it when there is one.
    Item(Option<LessonRef>),
    /// An id this pack does not have (a note taken with another pack).
    Unknown,
}

#[derive(Clone, Debug)]
pub struct NoteEntry<'a> {
    pub id: &'a str,
    pub title: String,
    pub target: NoteTarget,
    pub note: &'a Note,
}

/// The notes of one chapter (`chapter` is `None` for notes the pack does not know).
#[derive(Clone, Debug)]
pub struct NoteGroup<'a> {
    pub chapter: Option<usize>,
    pub title: String,
    pub entries: Vec<NoteEntry<'a>>,
}

/// Every note grouped by chapter in study order: each lesson's note, then its items' notes.
pub fn group_notes<'a>(pack: &Pack, notes: &'a Notes, lang: Lang) -> Vec<NoteGroup<'a>> {
    let lesson_order: HashMap<LessonRef, usize> = pack
        .lessons()
        .enumerate()
        .map(|(i, (at, _))| (at, i))
        .collect();
    let id_order: HashMap<String, usize> = pack
        .all_ids()
        .enumerate()
        .map(|(i, (id, _))| (id, i))
        .collect();
    let mut keyed: Vec<((usize, usize, u8, usize), NoteEntry<'a>)> = Vec::new();
    for (id, note) in &notes.notes {
        let (chapter, target, title) = describe(pack, id);
        let lesson = match target {
            NoteTarget::Lesson(at) | NoteTarget::Item(Some(at)) => lesson_order.get(&at).copied(),
            _ => None,
        };
        let key = (
            chapter.unwrap_or(usize::MAX),
            lesson.unwrap_or(usize::MAX),
            u8::from(!matches!(target, NoteTarget::Lesson(_))),
            id_order.get(id).copied().unwrap_or(usize::MAX),
        );
        keyed.push((
            key,
            NoteEntry {
                id,
                title: title.unwrap_or_else(|| id.clone()),
                target,
                note,
            },
        ));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(b.1.id)));
    let mut groups: Vec<NoteGroup<'a>> = Vec::new();
    for ((chapter, ..), entry) in keyed {
        let chapter = (chapter != usize::MAX).then_some(chapter);
        if groups.last().is_none_or(|g| g.chapter != chapter) {
            let title = chapter
                .and_then(|c| pack.chapters.get(c))
                .map_or_else(|| T::OtherNotes.get(lang).to_owned(), |c| c.title.clone());
            groups.push(NoteGroup {
                chapter,
                title,
                entries: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.entries.push(entry);
        }
    }
    groups
}

/// The chapter, target and title of the thing `id` names.
fn describe(pack: &Pack, id: &str) -> (Option<usize>, NoteTarget, Option<String>) {
    let lesson_of = |lesson_id: &str| pack.lesson_by_id(lesson_id).map(|(at, _)| at);
    let Some(item) = pack.get(id) else {
        return (None, NoteTarget::Unknown, None);
    };
    let title = || pack.practice_item(id).map(|p| crate::text::plain(&p.title));
    match item {
        ItemRef::Lesson(at) => (
            Some(at.chapter),
            NoteTarget::Lesson(at),
            pack.lesson(at).map(|l| l.title.clone()),
        ),
        ItemRef::Question(c, q) => {
            let lesson = pack
                .chapters
                .get(c)
                .and_then(|ch| ch.questions.get(q))
                .and_then(|q| lesson_of(&q.lesson));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::CaseQuestion(c, q, sub) => {
            let case = pack.chapters.get(c).and_then(|ch| ch.questions.get(q));
            let own = case.and_then(|case| match &case.kind {
                QuestionKind::Case { questions, .. } => questions.get(sub),
                _ => None,
            });
            let lesson = own
                .and_then(|part| lesson_of(&part.lesson))
                .or_else(|| case.and_then(|case| lesson_of(&case.lesson)));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::Flashcard(c, i) => {
            let lesson = pack
                .chapters
                .get(c)
                .and_then(|ch| ch.flashcards.get(i))
                .and_then(|x| lesson_of(&x.lesson));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::Swot(c, i) => {
            let lesson = pack
                .chapters
                .get(c)
                .and_then(|ch| ch.swot.get(i))
                .and_then(|x| lesson_of(&x.lesson));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::Ordering(c, i) => {
            let lesson = pack
                .chapters
                .get(c)
                .and_then(|ch| ch.orderings.get(i))
                .and_then(|x| lesson_of(&x.lesson));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::Pdca(c, i) => {
            let lesson = pack
                .chapters
                .get(c)
                .and_then(|ch| ch.pdca.get(i))
                .and_then(|x| lesson_of(&x.lesson));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::Worksheet(c, i) => {
            let lesson = pack
                .chapters
                .get(c)
                .and_then(|ch| ch.worksheets.get(i))
                .and_then(|x| lesson_of(&x.lesson));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::RolePlay(c, i) => {
            let lesson = pack
                .chapters
                .get(c)
                .and_then(|ch| ch.roleplays.get(i))
                .and_then(|x| lesson_of(&x.lesson));
            (Some(c), NoteTarget::Item(lesson), title())
        }
        ItemRef::Chapter(c) | ItemRef::Section(c, _) => (
            Some(c),
            NoteTarget::Unknown,
            pack.chapters.get(c).map(|ch| ch.title.clone()),
        ),
        ItemRef::MockExam(_) => (None, NoteTarget::Unknown, None),
    }
}

/// All notes as one Markdown document, by chapter, for printing or moving elsewhere.
pub fn notes_markdown(
    pack: &Pack,
    notes: &Notes,
    profile_name: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> String {
    let mut out = format!(
        "# {} — {profile_name}\n\n{} {}\n",
        T::NotesExportTitle.get(lang),
        T::ExportedAt.get(lang),
        super::dates::display(now)
    );
    for group in group_notes(pack, notes, lang) {
        out.push_str(&format!("\n## {}\n", group.title));
        for entry in group.entries {
            let kind = match entry.target {
                NoteTarget::Lesson(_) => T::LessonNote.get(lang),
                NoteTarget::Item(_) => T::ItemNote.get(lang),
                NoteTarget::Unknown => "",
            };
            out.push_str(&format!(
                "\n### {kind}{}\n\n*{} {}*\n\n{}\n",
                entry.title.replace('\n', " "),
                T::UpdatedAt.get(lang),
                super::dates::display(entry.note.updated),
                entry.note.text.trim_end()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack;

    fn builtin() -> Pack {
        pack::load_pack(&pack::builtin_source()).pack.unwrap()
    }

    #[test]
    fn emptied_notes_disappear_and_unchanged_text_is_no_change() {
        let now = super::super::dates::now();
        let mut notes = Notes::default();
        assert!(notes.set("a", "要点：SWOT", now));
        assert!(!notes.set("a", "要点：SWOT", now));
        assert_eq!(notes.text("a"), "要点：SWOT");
        assert!(notes.set("a", "  \n", now));
        assert!(notes.notes.is_empty());
        assert!(!notes.set("b", "", now));
    }

    #[test]
    fn notes_group_by_chapter_in_study_order_and_export_as_markdown() {
        let pack = builtin();
        let now = super::super::dates::now();
        let mut lessons = pack.lessons();
        let (first_at, first) = lessons.next().unwrap();
        let (_, second) = lessons.next().unwrap();
        let (last_at, last) = pack.lessons().last().unwrap();
        let question = pack.questions().next().map(|(_, q)| q.id.clone()).unwrap();
        let mut notes = Notes::default();
        notes.set(&last.id, "最后一课", now);
        notes.set(&second.id, "第二课的笔记", now);
        notes.set(&first.id, "第一课\n两行", now);
        notes.set(&question, "题目笔记", now);
        notes.set("gone.lesson", "旧课程包的笔记", now);
        let groups = group_notes(&pack, &notes, Lang::Zh);
        assert_eq!(groups.first().unwrap().chapter, Some(first_at.chapter));
        assert_eq!(groups.first().unwrap().entries[0].id, first.id);
        assert_eq!(groups.last().unwrap().chapter, None);
        let last_group = &groups[groups.len() - 2];
        assert_eq!(last_group.chapter, Some(last_at.chapter));
        let ids: Vec<&str> = groups
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.id))
            .collect();
        assert_eq!(ids.len(), 5);

        let md = notes_markdown(&pack, &notes, "张三", Lang::Zh, now);
        assert!(md.starts_with("# "));
        assert!(md.contains("张三"));
        assert!(md.contains(&format!("## {}", pack.chapters[0].title)));
        assert!(md.contains(&first.title));
        assert!(md.contains("第一课\n两行"));
        assert!(md.contains("旧课程包的笔记"));
        assert!(md.find("第一课").unwrap() < md.find("最后一课").unwrap());
    }
}
