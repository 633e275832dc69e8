//! What several fuzz targets share: the import round trip (bank → pack → validation).

use servicecraft_core::pack::import::{self, Format, PackMeta};
use servicecraft_core::pack::{MemSource, load_pack};

/// Decodes and parses `bytes` as a bank in `format`, writes the pack for the questions that
/// imported into memory and loads it: it must validate with no error.
pub fn import_round_trip(bytes: &[u8], format: Format) {
    let (text, _) = import::decode_text(bytes);
    let result = match format {
        Format::Csv => import::csv::parse("bank.csv", &text),
        Format::Gift => import::gift::parse("bank.gift", &text),
        // The workbook and Word readers take files, not text; these targets fuzz the two text formats.
        _ => return,
    };
    for problem in &result.problems {
        assert!(!problem.message.is_empty());
    }
    if result.questions.is_empty() {
        return;
    }
    let meta = PackMeta {
        id: "import.fuzz".to_owned(),
        title: "fuzz".to_owned(),
        version: "1.0.0".to_owned(),
        authors: Vec::new(),
    };
    let files = match import::pack_files(&meta, &result.questions) {
        Ok(files) => files,
        Err(err) => panic!("the imported questions do not encode: {err}"),
    };
    let mut source = MemSource::new("import");
    for (rel, text) in files {
        source.insert(rel, text);
    }
    let loaded = load_pack(&source);
    let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
    assert!(
        errors.is_empty(),
        "an imported bank made a pack that does not validate: {errors:?}"
    );
}
