//! The PDCA cycle (休哈特-戴明环) screen: the diagram alone (from the practice page), or a
//! placement exercise with the diagram a tab away. The wheel's painting is in [`wheel`], the
//! diagram in [`diagram`], the exercise in [`placement`].

pub mod diagram;
pub mod placement;
pub mod wheel;

use egui::{RichText, Ui};

use self::placement::Placement;
// The worksheets paint small wheels too.
pub use self::wheel::{WheelAt, paint_wheel, stage_color};
use super::exercise::header_ui;
use super::layout::{tabs_ui, wide_page};
use super::{Command, NavCmd, ScreenCtx};
use crate::i18n::T;
use crate::model::{Board, ItemKind, PdcaExercise, PdcaStage};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdcaTab {
    Diagram,
    Exercise,
}

pub struct PdcaView {
    /// The placement exercise, when the screen was opened for one.
    pub placement: Option<Placement>,
    pub tab: PdcaTab,
    /// The stage whose steps the diagram explains (clicked); hovering shows another for a while.
    pub pinned: PdcaStage,
}

impl PdcaView {
    /// The diagram alone.
    pub fn diagram() -> Self {
        Self {
            placement: None,
            tab: PdcaTab::Diagram,
            pinned: PdcaStage::Plan,
        }
    }

    /// A placement exercise, opened on the exercise with the diagram a tab away.
    pub fn exercise(exercise: PdcaExercise, seed: u64) -> Self {
        Self {
            placement: Some(Placement::new(exercise, seed)),
            tab: PdcaTab::Exercise,
            ..Self::diagram()
        }
    }

    /// The step the keyboard acts on, if any (its index in the exercise's step list).
    pub fn selected(&self) -> Option<usize> {
        self.placement.as_ref().and_then(|p| p.sorting.selected)
    }

    /// The exercise's board: the steps placed so far.
    pub fn board(&self) -> Option<&Board> {
        self.placement.as_ref().map(|p| &p.sorting.board)
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &ScreenCtx<'_>) -> Vec<Command> {
        let lang = cx.lang;
        let reduce_motion = cx.settings.reduce_motion;
        let mut commands = Vec::new();
        let id_salt = self
            .placement
            .as_ref()
            .map_or_else(|| "pdca-diagram".to_owned(), |p| p.exercise.id.clone());
        wide_page(ui, ("pdca", id_salt), |ui| {
            match &self.placement {
                Some(Placement { exercise, .. }) => {
                    header_ui(
                        ui,
                        cx,
                        ItemKind::Pdca,
                        &exercise.title,
                        &exercise.lesson,
                        Some(&exercise.id),
                        &mut commands,
                    );
                    tabs_ui(
                        ui,
                        &mut self.tab,
                        &[
                            (PdcaTab::Exercise, T::PdcaExerciseTab.get(lang)),
                            (PdcaTab::Diagram, T::PdcaDiagram.get(lang)),
                        ],
                    );
                    ui.add_space(6.0);
                }
                None => {
                    ui.add_space(10.0);
                    if ui.button(format!("← {}", T::Back2.get(lang))).clicked() {
                        commands.push(Command::Nav(NavCmd::ShowPractice));
                    }
                    ui.label(RichText::new(T::PdcaDiagram.get(lang)).heading().size(24.0));
                }
            }
            match (self.tab, &mut self.placement) {
                (PdcaTab::Exercise, Some(placement)) => {
                    placement.ui(ui, lang, cx.now, &mut commands)
                }
                _ => diagram::diagram_ui(ui, &mut self.pinned, lang, reduce_motion),
            }
            ui.add_space(24.0);
        });
        commands
    }
}
