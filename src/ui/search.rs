//! The search screen (Ctrl+F): a query field, and what matches it in the lessons, questions,
//! flashcards, exercises and the learner's notes, grouped by kind with the matching words
//! highlighted; each hit is a button that goes there.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Key, RichText, Ui};

use super::layout::{reading_column, reading_page};
use super::{Command, NavCmd, ScreenCtx};
use crate::i18n::{Lang, T, paren};
use crate::model::Pack;
use crate::model::search::{Hit, HitKind, MAX_HITS_PER_KIND, SearchIndex, SearchResults, Target};
use crate::progress::Notes;

/// The query and its results, kept while the learner looks elsewhere so Ctrl+F comes back to
/// them. The index is built on first use for each pack; results are recomputed only when the
/// query or the notes change, not every frame.
#[derive(Default)]
pub struct SearchView {
    query: String,
    /// Put the cursor in the field (selecting the old query) on the next frame.
    focus_field: bool,
    /// Move the keyboard focus to the first hit on the next frame.
    focus_first_hit: bool,
    /// The pack the index was built from; holding it keeps the pointer from being reused.
    index: Option<(Arc<Pack>, SearchIndex)>,
    cached: Option<Cached>,
    searches: usize,
}

struct Cached {
    query: String,
    notes: u64,
    results: SearchResults,
}

impl SearchView {
    pub fn field_id() -> egui::Id {
        egui::Id::unique("search-query")
    }

    /// Puts the cursor in the query field, with the last query selected so typing replaces it.
    pub fn focus(&mut self) {
        self.focus_field = true;
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// How many times a query was run (each change of query or notes runs one).
    pub fn searches_run(&self) -> usize {
        self.searches
    }

    /// The results for the current query, searching only when it or the notes changed.
    pub fn results(&mut self, pack: &Arc<Pack>, notes: &Notes) -> &SearchResults {
        if !self
            .index
            .as_ref()
            .is_some_and(|(built_from, _)| Arc::ptr_eq(built_from, pack))
        {
            self.index = Some((Arc::clone(pack), SearchIndex::new(pack)));
            self.cached = None;
        }
        let notes_key = notes_key(notes);
        let fresh = self
            .cached
            .as_ref()
            .is_some_and(|c| c.query == self.query && c.notes == notes_key);
        if !fresh && let Some((_, index)) = &self.index {
            let results = index.search(
                &self.query,
                notes
                    .notes
                    .iter()
                    .map(|(id, note)| (id.as_str(), note.text.as_str())),
                MAX_HITS_PER_KIND,
            );
            self.searches += 1;
            self.cached = Some(Cached {
                query: self.query.clone(),
                notes: notes_key,
                results,
            });
        }
        static EMPTY: SearchResults = SearchResults { groups: Vec::new() };
        self.cached.as_ref().map_or(&EMPTY, |c| &c.results)
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let (pack, notes, lang): (&Arc<Pack>, &Notes, Lang) = (cx.pack, cx.notes, cx.lang);
        let mut commands = Vec::new();
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            commands.push(Command::Nav(NavCmd::Back));
        }
        reading_column(ui, |ui| {
            ui.add_space(12.0);
            ui.label(RichText::new(T::SearchTitle.get(lang)).size(24.0).strong());
            ui.add_space(4.0);
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(Self::field_id())
                        .hint_text(T::SearchHint.get(lang))
                        .desired_width(f32::INFINITY)
                        .font(egui::TextStyle::Heading),
                )
                .accessible_name(T::Search.get(lang));
            if std::mem::take(&mut self.focus_field) {
                select_all(ui.ctx(), Self::field_id(), &self.query);
                field.request_focus();
            }
            // The field keeps ↑/↓ for its cursor; ↓ is taken to mean "to the results".
            let down = field.has_focus() && ui.input(|i| i.key_pressed(Key::ArrowDown));
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if down || enter {
                self.focus_first_hit = true;
                ui.ctx().request_repaint();
            }
            ui.label(RichText::new(T::SearchHelp.get(lang)).small().weak());
            ui.add_space(6.0);
        });
        let focus_first = std::mem::take(&mut self.focus_first_hit);
        let empty_query = self.query.trim().is_empty();
        let results = self.results(pack, notes);
        if empty_query {
            return commands;
        }
        reading_column(ui, |ui| {
            let summary = if results.is_empty() {
                T::SearchNothing.get(lang).to_owned()
            } else {
                T::SearchCount.fmt(lang, &[&results.total().to_string()])
            };
            ui.label(RichText::new(summary).weak());
        });
        ui.separator();
        reading_page(ui, "search-results", |ui| {
            let mut first = focus_first;
            for group in &results.groups {
                ui.add_space(10.0);
                ui.label(
                    RichText::new(format!(
                        "{}{}",
                        group_name(group.kind).get(lang),
                        paren(lang, &group.total.to_string())
                    ))
                    .size(18.0)
                    .strong(),
                );
                if group.total > group.hits.len() {
                    ui.label(
                        RichText::new(T::SearchShowingFirst.fmt(
                            lang,
                            &[&group.hits.len().to_string(), &group.total.to_string()],
                        ))
                        .small()
                        .weak(),
                    );
                }
                for hit in &group.hits {
                    let response = hit_ui(ui, hit, lang);
                    if std::mem::take(&mut first) {
                        response.request_focus();
                    }
                    if response.gained_focus() {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        commands.push(match &hit.target {
                            Target::Lesson { at, block: None } => {
                                Command::Nav(NavCmd::ShowLesson(*at))
                            }
                            Target::Lesson {
                                at,
                                block: Some(block),
                            } => Command::Nav(NavCmd::ShowLessonAt {
                                at: *at,
                                block: *block,
                            }),
                            Target::Item(id) => Command::Nav(NavCmd::ShowItem(id.clone())),
                        });
                    }
                }
            }
            ui.add_space(24.0);
        });
        commands
    }
}

/// One hit: its title and snippet with the query's words highlighted, as a full-width button
/// that screen readers announce as "kind: title".
fn hit_ui(ui: &mut Ui, hit: &Hit, lang: Lang) -> egui::Response {
    let width = ui.available_width();
    let job = hit_job(ui, hit, width - 2.0 * ui.spacing().button_padding.x);
    let response = ui.add(
        egui::Button::new(job)
            .wrap()
            .frame_when_inactive(false)
            .min_size(egui::vec2(width, 0.0)),
    );
    let label = T::SearchResultLabel.fmt(lang, &[kind_name(hit.kind).get(lang), &hit.title]);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    response
}

fn hit_job(ui: &Ui, hit: &Hit, width: f32) -> LayoutJob {
    let visuals = ui.visuals();
    let mark = if visuals.dark_mode {
        Color32::from_rgb(120, 96, 16)
    } else {
        Color32::from_rgb(255, 224, 102)
    };
    let title_font = egui::TextStyle::Body.resolve(ui.style());
    let snippet_font = FontId::proportional(14.0);
    let mut job = LayoutJob::default();
    append_marked(
        &mut job,
        &hit.title,
        &hit.title_marks,
        &title_font,
        visuals.strong_text_color(),
        (mark, visuals.strong_text_color()),
    );
    if !hit.snippet.is_empty() {
        job.append(
            "\n",
            0.0,
            TextFormat::simple(snippet_font.clone(), visuals.text_color()),
        );
        append_marked(
            &mut job,
            &hit.snippet,
            &hit.marks,
            &snippet_font,
            visuals.text_color(),
            (mark, visuals.strong_text_color()),
        );
    }
    job.wrap.max_width = width;
    job
}

/// `text` with a background behind each mark; marks that do not fit the text are ignored.
fn append_marked(
    job: &mut LayoutJob,
    text: &str,
    marks: &[Range<usize>],
    font: &FontId,
    color: Color32,
    (mark, strong): (Color32, Color32),
) {
    let plain = TextFormat::simple(font.clone(), color);
    let marked = TextFormat {
        background: mark,
        color: strong,
        ..plain.clone()
    };
    let mut at = 0;
    for range in marks {
        let (Some(before), Some(inside)) =
            (text.get(at..range.start), text.get(range.start..range.end))
        else {
            continue;
        };
        job.append(before, 0.0, plain.clone());
        job.append(inside, 0.0, marked.clone());
        at = range.end;
    }
    job.append(text.get(at..).unwrap_or(""), 0.0, plain);
}

/// Selects the whole query, so typing after Ctrl+F starts a new one.
fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    use egui::text::{CCursor, CCursorRange};
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(0),
        CCursor::new(text.chars().count()),
    )));
    egui::TextEdit::store_state(ctx, id, state);
}

/// Changes whenever a note is added, removed or edited (an edit stamps `updated`).
fn notes_key(notes: &Notes) -> u64 {
    notes
        .notes
        .values()
        .fold(notes.notes.len() as u64, |key, note| {
            key.wrapping_mul(0x0100_0000_01b3)
                .wrapping_add(note.updated.timestamp_micros().cast_unsigned())
                .wrapping_add(note.text.len() as u64)
        })
}

fn group_name(kind: HitKind) -> T {
    match kind {
        HitKind::Lesson => T::SearchLessons,
        HitKind::Question => T::SearchQuestions,
        HitKind::Flashcard => T::SearchFlashcards,
        HitKind::Exercise => T::SearchExercises,
        HitKind::Note => T::SearchNotesGroup,
    }
}

fn kind_name(kind: HitKind) -> T {
    match kind {
        HitKind::Lesson => T::SearchLesson,
        HitKind::Question => T::SearchQuestion,
        HitKind::Flashcard => T::SearchFlashcard,
        HitKind::Exercise => T::SearchExercise,
        HitKind::Note => T::SearchNote,
    }
}
