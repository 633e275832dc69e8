//! The pack → chapter → section → lesson → block content model, as written in pack files.

use serde::{Deserialize, Serialize};

use super::{
    Flashcard, OrderingExercise, PdcaExercise, PdcaWorksheet, Question, RolePlay, SwotExercise,
};

/// The only pack format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// `pack.ron`: what the pack is and which chapter files it is made of.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    pub version: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// Chapter files, relative to the folder holding `pack.ron`, in study order.
    pub chapters: Vec<String>,
    #[serde(default)]
    pub scoring: Scoring,
    #[serde(default)]
    pub mock_exams: Vec<MockExamSpec>,
}

fn default_language() -> String {
    "zh-CN".to_owned()
}

/// How answers earn points, for the whole pack.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    pub multiple: MultipleScoring,
    pub single_points: f32,
    pub multiple_points: f32,
    pub true_false_points: f32,
}

impl Default for Scoring {
    fn default() -> Self {
        Self {
            multiple: MultipleScoring::AllOrNothing,
            single_points: 1.0,
            multiple_points: 2.0,
            true_false_points: 1.0,
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum MultipleScoring {
    /// Every correct option and nothing else, or zero.
    #[default]
    AllOrNothing,
    /// A correct subset earns its share; any wrong pick earns nothing.
    Partial,
}

/// A mock exam the pack offers: how many questions of each type and how long.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MockExamSpec {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    #[serde(default)]
    pub single: u32,
    #[serde(default)]
    pub multiple: u32,
    #[serde(default)]
    pub true_false: u32,
    /// 简答 questions; when `essay` is set, only the non-essay ones.
    #[serde(default)]
    pub short_answer: u32,
    /// 论述 questions (`ShortAnswer` with `essay: true`), drawn apart from `short_answer`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub essay: u32,
    #[serde(default)]
    pub case: u32,
    /// Chapter ids to draw from; empty means every chapter.
    #[serde(default)]
    pub chapters: Vec<String>,
    #[serde(default = "default_pass_percent")]
    pub pass_percent: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn default_pass_percent() -> u32 {
    60
}

/// One chapter file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub flashcards: Vec<Flashcard>,
    #[serde(default)]
    pub swot: Vec<SwotExercise>,
    #[serde(default)]
    pub orderings: Vec<OrderingExercise>,
    #[serde(default)]
    pub pdca: Vec<PdcaExercise>,
    #[serde(default)]
    pub worksheets: Vec<PdcaWorksheet>,
    #[serde(default)]
    pub roleplays: Vec<RolePlay>,
    /// CRM lab experiments, each run on a lab data file (see [`super::lab`]).
    #[serde(default)]
    pub labs: Vec<super::lab::Lab>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub lessons: Vec<Lesson>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// Estimated study time.
    #[serde(default)]
    pub minutes: u32,
    pub blocks: Vec<Block>,
}

/// One piece of a lesson. Text fields accept `**strong**` emphasis.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<String>,
    },
    /// 要点
    KeyPoints {
        #[serde(default)]
        title: String,
        items: Vec<String>,
    },
    /// 名词解释
    Definition {
        term: String,
        text: String,
    },
    /// 记忆口诀: the phrase and what each syllable stands for.
    Mnemonic {
        phrase: String,
        #[serde(default)]
        parts: Vec<MnemonicPart>,
        #[serde(default)]
        note: String,
    },
    /// 考点: how the exam asks about this point.
    ExamTip {
        #[serde(default)]
        asked_as: Vec<ExamKind>,
        #[serde(default)]
        stars: u8,
        text: String,
    },
    /// A worked example from customer-service work.
    Example {
        #[serde(default)]
        title: String,
        text: String,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Image {
        path: String,
        #[serde(default)]
        caption: String,
        #[serde(default)]
        alt: String,
    },
    /// 拓展: material beyond the syllabus sources (standard management textbooks, common
    /// practice), shown under its own marker so a learner never takes it for the syllabus.
    Supplement {
        #[serde(default)]
        title: String,
        #[serde(default)]
        text: String,
        #[serde(default)]
        items: Vec<String>,
    },
    /// A link to a question, quiz, flashcard, SWOT, ordering, PDCA, worksheet or role-play by id.
    Exercise(String),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MnemonicPart {
    pub key: String,
    pub meaning: String,
}

/// The ways the exam asks a question.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExamKind {
    Single,
    Multiple,
    TrueFalse,
    ShortAnswer,
    Essay,
    Case,
}

/// A whole pack in memory, with an index from every id to the item it names.
#[derive(Clone, Debug)]
pub struct Pack {
    pub manifest: Manifest,
    pub chapters: Vec<Chapter>,
    /// The lab data files the chapters' labs name, by path relative to `pack.ron`.
    pub lab_data: std::collections::BTreeMap<String, std::sync::Arc<super::lab::LabData>>,
    index: std::collections::HashMap<String, ItemRef>,
}

/// Where an id points inside a [`Pack`]; indices into `chapters` and their lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemRef {
    Chapter(usize),
    Section(usize, usize),
    Lesson(LessonRef),
    Question(usize, usize),
    /// A sub-question of the case at (chapter, question), index `2`.
    CaseQuestion(usize, usize, usize),
    Flashcard(usize, usize),
    Swot(usize, usize),
    Ordering(usize, usize),
    Pdca(usize, usize),
    Worksheet(usize, usize),
    RolePlay(usize, usize),
    MockExam(usize),
}

impl ItemRef {
    /// The chapter the item is in (none for a mock exam, which spans the pack).
    pub fn chapter(self) -> Option<usize> {
        match self {
            Self::Chapter(c)
            | Self::Section(c, _)
            | Self::Question(c, _)
            | Self::CaseQuestion(c, _, _)
            | Self::Flashcard(c, _)
            | Self::Swot(c, _)
            | Self::Ordering(c, _)
            | Self::Pdca(c, _)
            | Self::Worksheet(c, _)
            | Self::RolePlay(c, _) => Some(c),
            Self::Lesson(at) => Some(at.chapter),
            Self::MockExam(_) => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LessonRef {
    pub chapter: usize,
    pub section: usize,
    pub lesson: usize,
}

/// Builds the [`ItemRef`] of the `i`th item of a chapter's list.
type MakeRef = fn(usize, usize) -> ItemRef;

/// How many of each thing a pack holds (the `counts` of `validate --json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    pub chapters: usize,
    pub lessons: usize,
    pub blocks: usize,
    /// Every answerable question, case sub-questions included.
    pub questions: usize,
    pub flashcards: usize,
    pub swot: usize,
    /// PDCA placement exercises and worksheets.
    pub pdca: usize,
    pub orderings: usize,
    pub roleplays: usize,
    /// CRM lab experiments and their tasks.
    pub labs: usize,
    pub lab_tasks: usize,
}

/// Answerable questions by type; `case` counts case sets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TypeCounts {
    pub single: usize,
    pub multiple: usize,
    pub true_false: usize,
    /// 简答 and 论述 together.
    pub short_answer: usize,
    /// 论述 (essay) questions alone, also counted in `short_answer`.
    pub essay: usize,
    pub case: usize,
}

impl Pack {
    /// Builds the id index; the first item with an id wins (duplicates are a validation error).
    pub fn new(manifest: Manifest, chapters: Vec<Chapter>) -> Self {
        let mut pack = Self {
            manifest,
            chapters,
            lab_data: Default::default(),
            index: Default::default(),
        };
        let entries: Vec<(String, ItemRef)> = pack.all_ids().collect();
        for (id, item) in entries {
            pack.index.entry(id).or_insert(item);
        }
        pack
    }

    /// Every id in the pack with what it names, in file order, duplicates included.
    pub fn all_ids(&self) -> impl Iterator<Item = (String, ItemRef)> + '_ {
        let mut ids = Vec::new();
        for (m, exam) in self.manifest.mock_exams.iter().enumerate() {
            ids.push((exam.id.clone(), ItemRef::MockExam(m)));
        }
        for (c, chapter) in self.chapters.iter().enumerate() {
            ids.push((chapter.id.clone(), ItemRef::Chapter(c)));
            for (s, section) in chapter.sections.iter().enumerate() {
                ids.push((section.id.clone(), ItemRef::Section(c, s)));
                for (l, lesson) in section.lessons.iter().enumerate() {
                    let at = LessonRef {
                        chapter: c,
                        section: s,
                        lesson: l,
                    };
                    ids.push((lesson.id.clone(), ItemRef::Lesson(at)));
                }
            }
            for (q, question) in chapter.questions.iter().enumerate() {
                ids.push((question.id.clone(), ItemRef::Question(c, q)));
                if let super::QuestionKind::Case { questions, .. } = &question.kind {
                    for (sub, part) in questions.iter().enumerate() {
                        ids.push((part.id.clone(), ItemRef::CaseQuestion(c, q, sub)));
                    }
                }
            }
            let lists: [(Vec<&str>, MakeRef); 6] = [
                (
                    chapter.flashcards.iter().map(|x| x.id.as_str()).collect(),
                    ItemRef::Flashcard,
                ),
                (
                    chapter.swot.iter().map(|x| x.id.as_str()).collect(),
                    ItemRef::Swot,
                ),
                (
                    chapter.orderings.iter().map(|x| x.id.as_str()).collect(),
                    ItemRef::Ordering,
                ),
                (
                    chapter.pdca.iter().map(|x| x.id.as_str()).collect(),
                    ItemRef::Pdca,
                ),
                (
                    chapter.worksheets.iter().map(|x| x.id.as_str()).collect(),
                    ItemRef::Worksheet,
                ),
                (
                    chapter.roleplays.iter().map(|x| x.id.as_str()).collect(),
                    ItemRef::RolePlay,
                ),
            ];
            for (list, make) in lists {
                for (i, id) in list.into_iter().enumerate() {
                    ids.push((id.to_owned(), make(c, i)));
                }
            }
        }
        ids.into_iter()
    }

    pub fn get(&self, id: &str) -> Option<ItemRef> {
        self.index.get(id).copied()
    }

    pub fn lesson(&self, at: LessonRef) -> Option<&Lesson> {
        self.chapters
            .get(at.chapter)?
            .sections
            .get(at.section)?
            .lessons
            .get(at.lesson)
    }

    pub fn lesson_by_id(&self, id: &str) -> Option<(LessonRef, &Lesson)> {
        match self.get(id)? {
            ItemRef::Lesson(at) => self.lesson(at).map(|lesson| (at, lesson)),
            _ => None,
        }
    }

    /// Every lesson in study order.
    pub fn lessons(&self) -> impl Iterator<Item = (LessonRef, &Lesson)> + '_ {
        self.chapters.iter().enumerate().flat_map(|(c, chapter)| {
            chapter
                .sections
                .iter()
                .enumerate()
                .flat_map(move |(s, section)| {
                    section.lessons.iter().enumerate().map(move |(l, lesson)| {
                        (
                            LessonRef {
                                chapter: c,
                                section: s,
                                lesson: l,
                            },
                            lesson,
                        )
                    })
                })
        })
    }

    /// Every top-level question with its chapter index.
    pub fn questions(&self) -> impl Iterator<Item = (usize, &super::Question)> + '_ {
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(c, chapter)| chapter.questions.iter().map(move |q| (c, q)))
    }

    pub fn counts(&self) -> (Counts, TypeCounts) {
        use super::QuestionKind;
        let mut counts = Counts {
            chapters: self.chapters.len(),
            ..Counts::default()
        };
        let mut types = TypeCounts::default();
        for (_, lesson) in self.lessons() {
            counts.lessons += 1;
            counts.blocks += lesson.blocks.len();
        }
        let count_one = |kind: &QuestionKind, types: &mut TypeCounts| match kind {
            QuestionKind::Single { .. } => types.single += 1,
            QuestionKind::Multiple { .. } => types.multiple += 1,
            QuestionKind::TrueFalse { .. } => types.true_false += 1,
            QuestionKind::ShortAnswer { essay, .. } => {
                types.short_answer += 1;
                types.essay += usize::from(*essay);
            }
            QuestionKind::Case { .. } => types.case += 1,
        };
        for (_, question) in self.questions() {
            count_one(&question.kind, &mut types);
            if let QuestionKind::Case { questions, .. } = &question.kind {
                for part in questions {
                    count_one(&part.kind, &mut types);
                }
            }
        }
        counts.questions = types.single + types.multiple + types.true_false + types.short_answer;
        for chapter in &self.chapters {
            counts.flashcards += chapter.flashcards.len();
            counts.swot += chapter.swot.len();
            counts.pdca += chapter.pdca.len() + chapter.worksheets.len();
            counts.orderings += chapter.orderings.len();
            counts.roleplays += chapter.roleplays.len();
            counts.labs += chapter.labs.len();
            counts.lab_tasks += chapter.labs.iter().map(|l| l.tasks.len()).sum::<usize>();
        }
        (counts, types)
    }
}

/// What kind of thing an exercise id names, for labels and for choosing the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Question(super::QuestionType),
    Flashcard,
    Swot,
    Ordering,
    Pdca,
    Worksheet,
    RolePlay,
}

/// A practice item as listed under a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct PracticeItem {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
}

impl Pack {
    /// The kind and a short title of the practice item `id`, if it is one.
    pub fn practice_item(&self, id: &str) -> Option<PracticeItem> {
        let (kind, title) = match self.get(id)? {
            ItemRef::Question(c, q) => {
                let question = self.chapters.get(c)?.questions.get(q)?;
                (
                    ItemKind::Question(question.kind.question_type()),
                    question.stem.clone(),
                )
            }
            ItemRef::CaseQuestion(c, q, sub) => {
                let super::QuestionKind::Case { questions, .. } =
                    &self.chapters.get(c)?.questions.get(q)?.kind
                else {
                    return None;
                };
                let part = questions.get(sub)?;
                (
                    ItemKind::Question(part.kind.question_type()),
                    part.stem.clone(),
                )
            }
            ItemRef::Flashcard(c, i) => (
                ItemKind::Flashcard,
                self.chapters.get(c)?.flashcards.get(i)?.front.clone(),
            ),
            ItemRef::Swot(c, i) => (
                ItemKind::Swot,
                self.chapters.get(c)?.swot.get(i)?.title.clone(),
            ),
            ItemRef::Ordering(c, i) => (
                ItemKind::Ordering,
                self.chapters.get(c)?.orderings.get(i)?.title.clone(),
            ),
            ItemRef::Pdca(c, i) => (
                ItemKind::Pdca,
                self.chapters.get(c)?.pdca.get(i)?.title.clone(),
            ),
            ItemRef::Worksheet(c, i) => (
                ItemKind::Worksheet,
                self.chapters.get(c)?.worksheets.get(i)?.title.clone(),
            ),
            ItemRef::RolePlay(c, i) => (
                ItemKind::RolePlay,
                self.chapters.get(c)?.roleplays.get(i)?.title.clone(),
            ),
            ItemRef::Chapter(_)
            | ItemRef::Section(..)
            | ItemRef::Lesson(_)
            | ItemRef::MockExam(_) => return None,
        };
        Some(PracticeItem {
            id: id.to_owned(),
            kind,
            title,
        })
    }

    /// Every question, flashcard and exercise whose `lesson` is `lesson_id`, in file order.
    pub fn practice_for(&self, lesson_id: &str) -> Vec<PracticeItem> {
        let mut ids: Vec<&str> = Vec::new();
        for chapter in &self.chapters {
            ids.extend(
                chapter
                    .questions
                    .iter()
                    .filter(|x| x.lesson == lesson_id)
                    .map(|x| x.id.as_str()),
            );
            ids.extend(
                chapter
                    .flashcards
                    .iter()
                    .filter(|x| x.lesson == lesson_id)
                    .map(|x| x.id.as_str()),
            );
            ids.extend(
                chapter
                    .swot
                    .iter()
                    .filter(|x| x.lesson == lesson_id)
                    .map(|x| x.id.as_str()),
            );
            ids.extend(
                chapter
                    .orderings
                    .iter()
                    .filter(|x| x.lesson == lesson_id)
                    .map(|x| x.id.as_str()),
            );
            ids.extend(
                chapter
                    .pdca
                    .iter()
                    .filter(|x| x.lesson == lesson_id)
                    .map(|x| x.id.as_str()),
            );
            ids.extend(
                chapter
                    .worksheets
                    .iter()
                    .filter(|x| x.lesson == lesson_id)
                    .map(|x| x.id.as_str()),
            );
            ids.extend(
                chapter
                    .roleplays
                    .iter()
                    .filter(|x| x.lesson == lesson_id)
                    .map(|x| x.id.as_str()),
            );
        }
        ids.into_iter()
            .filter_map(|id| self.practice_item(id))
            .collect()
    }

    /// The lesson before or after `at` in study order.
    pub fn neighbour(&self, at: LessonRef, forward: bool) -> Option<LessonRef> {
        let order: Vec<LessonRef> = self.lessons().map(|(r, _)| r).collect();
        let here = order.iter().position(|r| *r == at)?;
        if forward {
            order.get(here + 1).copied()
        } else {
            here.checked_sub(1).and_then(|i| order.get(i).copied())
        }
    }
}

impl Pack {
    /// An answerable question (top-level or inside a case) by id, with its chapter index and,
    /// for a case part, the case.
    pub fn question(
        &self,
        id: &str,
    ) -> Option<(usize, &super::Question, Option<&super::Question>)> {
        match self.get(id)? {
            ItemRef::Question(c, q) => Some((c, self.chapters.get(c)?.questions.get(q)?, None)),
            ItemRef::CaseQuestion(c, q, sub) => {
                let case = self.chapters.get(c)?.questions.get(q)?;
                let super::QuestionKind::Case { questions, .. } = &case.kind else {
                    return None;
                };
                Some((c, questions.get(sub)?, Some(case)))
            }
            _ => None,
        }
    }

    /// The answerable question ids of a top-level question: itself, or a case's parts.
    pub fn answerable_ids(question: &super::Question) -> Vec<String> {
        match &question.kind {
            super::QuestionKind::Case { questions, .. } => {
                questions.iter().map(|q| q.id.clone()).collect()
            }
            _ => vec![question.id.clone()],
        }
    }

    /// The lesson a question is linked to (a case part inherits the case's).
    pub fn question_lesson<'a>(&'a self, id: &str) -> Option<&'a str> {
        let (_, question, case) = self.question(id)?;
        if !question.lesson.is_empty() {
            Some(question.lesson.as_str())
        } else {
            case.map(|c| c.lesson.as_str())
        }
    }
}
