//! The built-in syllabus and the starter pack, compiled into the binary by `build.rs`.

use super::source::EmbeddedSource;

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));
}

/// The syllabus in `lessons/`.
pub fn builtin_source() -> EmbeddedSource {
    EmbeddedSource::new("<builtin>", files::BUILTIN)
}

/// The starter pack in `assets/starter-pack/`, written out by `servicecraft new-pack`.
pub fn starter_source() -> EmbeddedSource {
    EmbeddedSource::new("<starter>", files::STARTER)
}
