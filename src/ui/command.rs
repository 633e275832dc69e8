//! What a screen can ask of the app: [`Command`], grouped by the part of the shell that answers.
//!
//! Naming, the same in every group:
//! - `Show*` changes the screen in the middle; the screen left goes on the back stack and
//!   [`NavCmd::Back`] (Escape on the search screen) returns to it.
//! - `Start*` begins a fresh run of something (a quiz, an exam), also a screen.
//! - `Choose*` asks the learner for a file or folder through a file dialog; the answer comes back
//!   later as another command that carries the path (`*To(path)`, `Install(path)`, …).
//! - `Record*` and `Edit*` change the learner's data; `Set*` changes a preference.
//! - A window over the screen is opened and closed with one variant taking a `bool`.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};

use crate::i18n::Lang;
use crate::model::evidence::{Cause, Certainty};
use crate::model::exam::ExamReport;
use crate::model::lab::LabOp;
use crate::model::my_swot::MySwot;
use crate::model::readiness::notebook::GroupBy;
use crate::model::study::{Recall, RolePlayResult};
use crate::model::{Grade, LessonRef, MockExamSpec, Response};
use crate::pack::import::PackMeta;
use crate::progress::{ExamTag, ThemePref};

use super::quiz::QuizMode;

/// Something the user asked for; applied by `ServiceCraftApp::apply`, which hands each group to
/// its own part of the shell (`src/app/`).
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Moving between screens (`app/nav.rs`).
    Nav(NavCmd),
    /// The learner's answers, scores and typed work (`app/study.rs`).
    Study(StudyCmd),
    /// Packs: installing, switching, importing question banks (`app/packs.rs`).
    Library(LibraryCmd),
    /// The learner's profile: choosing, creating, backups, saving (`app/profile.rs`).
    Profile(ProfileCmd),
    /// Language, theme, text size and other preferences (`app/settings.rs`).
    Prefs(PrefsCmd),
    /// File dialogs, exports and file writes (`app/files.rs`).
    Files(FilesCmd),
    /// Windows over the screen, the tour, quitting (`app/mod.rs`).
    Window(WindowCmd),
}

/// Moving between screens.
#[derive(Clone, Debug, PartialEq)]
pub enum NavCmd {
    /// Show the dashboard.
    ShowHome,
    /// Show a lesson from its top.
    ShowLesson(LessonRef),
    /// Show a lesson scrolled to one of its blocks, marked (a search hit).
    ShowLessonAt {
        /// The lesson.
        at: LessonRef,
        /// The block to scroll to and mark.
        block: usize,
    },
    /// Show a lesson by its id (from an exercise's back link).
    ShowLessonById(String),
    /// Show the next lesson of the syllabus (Alt+→).
    NextLesson,
    /// Show the previous lesson of the syllabus (Alt+←).
    PrevLesson,
    /// Show a question, flashcard or exercise by id.
    ShowItem(String),
    /// Show the practice centre.
    ShowPractice,
    /// Show the mistakes collection.
    ShowMistakes,
    /// Show the pack library.
    ShowLibrary,
    /// Show every note, by chapter.
    ShowNotesList,
    /// Show the search screen with the cursor in its field (Ctrl+F).
    ShowSearch,
    /// Show the profile's backups.
    ShowBackups,
    /// Show "My SWOT", on the analysis with this id if given.
    ShowMySwot(Option<u64>),
    /// Show the PDCA cycle diagram.
    ShowPdcaDiagram,
    /// Show a CRM lab (experiment), by id.
    ShowLab(String),
    /// Show the class report (the instructor's view of trainees' results files).
    ShowClassReport,
    /// Start a quiz over these items.
    StartQuiz {
        /// Shown above the questions.
        title: String,
        /// Practice, review or mistakes.
        mode: QuizMode,
        /// The item ids, in order.
        items: Vec<String>,
    },
    /// Start a mock exam assembled from this specification.
    StartExam(MockExamSpec),
    /// Show the mock exam in progress again (saved with the learner's data), its clock running.
    ResumeExam,
    /// Practise these questions from the mistake notebook; leaving the quiz returns to it.
    PractiseFromNotebook(Vec<String>),
    /// Return to the screen this one was shown from (Escape on the search screen).
    Back,
}

/// The learner's answers, scores and typed work.
#[derive(Clone, Debug, PartialEq)]
pub enum StudyCmd {
    /// A graded answer to a question.
    RecordAnswer {
        /// The question's id.
        item: String,
        /// What the learner answered.
        response: Response,
        /// How it was graded.
        grade: Grade,
        /// When the question was shown.
        started: DateTime<Utc>,
        /// How sure the learner said they were (确定 / 不太确定 / 猜的), if they said.
        certainty: Option<Certainty>,
    },
    /// A flashcard self-rating.
    RecordRecall {
        /// The flashcard's id.
        item: String,
        /// How well it was recalled.
        recall: Recall,
    },
    /// A submitted mock exam: every question's grade.
    RecordExam {
        /// The graded paper.
        report: ExamReport,
        /// When the exam started (the attempts' start time).
        started: DateTime<Utc>,
        /// The mock exam's id and title, logged with every answer of the sitting.
        exam: ExamTag,
    },
    /// The mock exam in progress as it stands (saved with the study state), or `None` once
    /// its result is recorded or it is discarded.
    SaveExam(Option<Box<crate::model::exam::ExamSession>>),
    /// A finished role-play.
    RecordRolePlay {
        /// The role-play's id.
        id: String,
        /// The path taken and its score.
        result: RolePlayResult,
        /// When the conversation started.
        started: DateTime<Utc>,
    },
    /// A scored attempt at a SWOT, ordering or PDCA exercise.
    RecordExerciseScore {
        /// The exercise's id.
        item: String,
        /// Points earned.
        score: f32,
        /// Points possible.
        max: f32,
        /// When the exercise was started (dealt or last reset), so the results export shows the
        /// time it took.
        started: DateTime<Utc>,
    },
    /// Add the item to the favourites, or take it out.
    ToggleFavourite(String),
    /// Take a question out of the mistakes collection.
    RemoveMistake(String),
    /// Tag why a question was answered wrongly (`None`: untag).
    SetCause {
        /// The question's id.
        item: String,
        /// The cause the learner chose.
        cause: Option<Cause>,
    },
    /// The share of reviews to be remembered when due (FSRS desired retention).
    SetRetention(f32),
    /// The learner's own FSRS-6 weights, fitted on this many answers (a background job's answer).
    SetMemoryWeights {
        /// The 21 weights.
        weights: Vec<f32>,
        /// Answers they were fitted on.
        fitted_on: usize,
    },
    /// Mark a lesson done or not done.
    SetLessonDone {
        /// The lesson's id.
        lesson: String,
        /// Done or not.
        done: bool,
    },
    /// The text of the note on a lesson or item, as typed so far.
    EditNote {
        /// The lesson or item id.
        id: String,
        /// The whole note.
        text: String,
    },
    /// The learner typed into a worksheet field (saved shortly after typing stops).
    EditWorksheet {
        /// The worksheet's id.
        worksheet: String,
        /// The field's id.
        field: String,
        /// The field's whole text.
        text: String,
    },
    /// A "My SWOT" analysis as edited so far (saved shortly after typing stops).
    EditMySwot(MySwot),
    /// Start a "My SWOT" from a SWOT case's factors, to write one's own strategies.
    NewMySwotFromCase(String),
    /// Delete a "My SWOT" analysis.
    DeleteMySwot(u64),
    /// A change to the learner's copy of a CRM lab (already checked by the screen).
    Lab {
        /// The lab's id.
        lab: String,
        /// The change.
        op: LabOp,
    },
    /// Finish a CRM lab: its score (tasks met) goes into the attempt log.
    FinishLab {
        /// The lab's id.
        lab: String,
        /// When the learner opened it.
        started: DateTime<Utc>,
    },
    /// Reset a CRM lab to its seed data, after a backup.
    ResetLab(String),
}

/// Packs: installing, switching, importing question banks.
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryCmd {
    /// Validate and install a pack (folder, `pack.ron` or `.zip`), then study it.
    Install(PathBuf),
    /// Study a pack folder in place, without installing it (`servicecraft open`, for authors).
    StudyInPlace(PathBuf),
    /// Study an installed pack, by id.
    Switch(String),
    /// Remove an installed pack, and the learner's records on it if asked.
    Remove {
        /// The pack's id.
        id: String,
        /// Also forget the reviews, mistakes, favourites and attempts on its items.
        forget_records: bool,
    },
    /// Study the built-in syllabus.
    UseBuiltin,
    /// Read a question bank (chosen or dropped) into the import window.
    ReadBank(PathBuf),
    /// Install the question bank read into the import window as a pack.
    InstallBank(PackMeta),
    /// Write the question bank read into the import window as a pack folder at this place.
    SaveBankTo {
        /// What the pack is called.
        meta: PackMeta,
        /// The folder to write it in.
        dir: PathBuf,
    },
}

/// The learner's profile: choosing, creating, backups, saving.
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileCmd {
    /// Open the profile in this folder under `profiles/`.
    Select(String),
    /// Make a new profile and open it.
    Create {
        /// The learner's name.
        name: String,
        /// The avatar chosen, if any.
        avatar: Option<String>,
    },
    /// Close the open profile (saving it) and show the profile picker.
    Switch,
    /// Take a backup of the profile now.
    BackupNow,
    /// Ask whether to restore this backup (`None`: the question is dismissed)…
    AskRestore(Option<String>),
    /// …and restore it.
    Restore(String),
    /// Try a failing save again now.
    RetrySave,
    /// The day of the learner's exam (`None`: not set), kept in the profile's settings.
    SetExamDate(Option<NaiveDate>),
}

/// Language, theme, text size and other preferences.
#[derive(Clone, Debug, PartialEq)]
pub enum PrefsCmd {
    /// Show the app in this language.
    SetLanguage(Lang),
    /// First start: the language shown is the one wanted; go on to the profiles.
    ConfirmLanguage,
    /// Light, dark or the system's theme.
    SetTheme(ThemePref),
    /// Make all text bigger.
    ZoomIn,
    /// Make all text smaller.
    ZoomOut,
    /// Text at its normal size.
    ZoomReset,
    /// Turn animations off or on.
    SetReduceMotion(bool),
    /// Shuffle choice options and role-play replies per attempt, or keep the printed order.
    SetShuffleOptions(bool),
    /// Use this font file for Chinese text (read off the UI thread).
    SetFontFile(PathBuf),
    /// A font file read: install it (the bytes travel with the command).
    FontRead {
        /// Where it was read from (remembered in the settings).
        path: PathBuf,
        /// The file's bytes, or why they could not be read.
        bytes: Result<Vec<u8>, String>,
    },
    /// Forget the chosen font file.
    ClearFontFile,
    /// Show or hide the notes panel beside the screen.
    SetNotesOpen(bool),
    /// Classroom presentation mode: larger text, no side panels (F11).
    SetPresentation(bool),
}

/// File dialogs, exports and file writes.
#[derive(Clone, Debug, PartialEq)]
pub enum FilesCmd {
    /// Choose a pack's `.zip` or `pack.ron` to install.
    ChoosePack,
    /// Choose a pack folder to install.
    ChoosePackFolder,
    /// Choose a question bank to import.
    ChooseBank,
    /// Choose the folder to write the imported bank to as a pack.
    ChooseBankFolder(PackMeta),
    /// Choose a font file for Chinese text.
    ChooseFont,
    /// Choose where to write the results export.
    ChooseResultsFile,
    /// Write the results export of every profile here (and its summary and xAPI files).
    ExportResultsTo(PathBuf),
    /// Choose where to write the Markdown export of all notes.
    ChooseNotesFile,
    /// Write the Markdown export of all notes here.
    ExportNotesTo(PathBuf),
    /// Export a "My SWOT" as a picture (choosing where).
    ExportMySwotPng(u64),
    /// Export a "My SWOT" as Markdown (choosing where).
    ExportMySwotMarkdown(u64),
    /// Export a worksheet with the learner's answers as Markdown (choosing where).
    ExportWorksheet(String),
    /// Export the mistake notebook for printing (choosing where): these questions, grouped.
    ExportMistakes {
        /// A printable HTML page, else Markdown.
        html: bool,
        /// How the questions are grouped.
        by: GroupBy,
        /// The questions shown (the notebook as filtered).
        ids: Vec<String>,
    },
    /// Write these bytes to this file (an export whose place was chosen).
    Write {
        /// Where.
        path: PathBuf,
        /// What.
        bytes: Vec<u8>,
    },
    /// A file dialog could not open (no portal or zenity on Linux): say so.
    DialogUnavailable,
    /// Choose trainees' results files (several at once) for the class report.
    ChooseClassResults,
    /// Choose a folder of trainees' results files for the class report.
    ChooseClassFolder,
    /// Add these files or folders to the class report's and build it again.
    AddClassSources(Vec<PathBuf>),
    /// Build the class report from these files and folders (on a worker thread).
    BuildClassReport(Vec<PathBuf>),
    /// Save the class report on screen as HTML or, with `xlsx`, as an Excel workbook (choosing
    /// where).
    SaveClassReport {
        /// An Excel workbook rather than a web page.
        xlsx: bool,
    },
}

/// Windows over the screen, the tour, quitting.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowCmd {
    /// Show or hide the help window with the keyboard shortcuts (F1).
    Help(bool),
    /// Show or hide the About window.
    About(bool),
    /// Show or hide the question-bank import window.
    Import(bool),
    /// Show the notes panel and put the cursor in it (Ctrl+N).
    FocusNotes,
    /// Close the report of the last install, import or export.
    DismissReport,
    /// Show this message at the top of the window (a background task's outcome).
    Banner(String),
    /// Close the oldest message at the top of the window.
    DismissBanner,
    /// Show the tour of the screens from its first step.
    StartTour,
    /// Go to this step of the tour.
    TourStep(usize),
    /// The tour was finished or skipped: remember it, so it does not come back by itself.
    EndTour,
    /// Close the window (saving everything).
    Quit,
    /// Close even though some changes could not be saved.
    QuitAnyway,
}
