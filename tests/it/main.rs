//! The app's integration tests, one module per former test file, in one binary: the app and
//! its dependencies are linked once instead of once per file (figures in `docs/testing.md`).
//! Run one part with a filter, e.g. `cargo test --test it full_disk::`.

#[path = "../common/mod.rs"]
mod common;
mod crash_safety;
mod exam_ui;
mod exercises_ui;
mod fit_picture;
mod full_disk;
mod instructor_cli;
mod instructor_ui;
mod keyboard_ui;
mod lab_entry_ui;
mod lab_orders_ui;
mod lab_ui;
mod layout_fit;
mod learner_data;
mod library_ui;
mod pack_scope_ui;
mod pack_validation;
mod pack_zip;
mod packs;
mod polish_ui;
mod quiz_ui;
mod readiness;
mod readiness_ui;
mod roleplay_ui;
mod search_ui;
mod shuffle_ui;
mod syllabus;
mod ui_learner;
mod ui_shell;
mod ux_ui;
