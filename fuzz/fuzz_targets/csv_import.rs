//! Fuzz target: a spreadsheet question bank (CSV, UTF-8 or GBK) imported into a pack.
//!
//! Checked: decoding and parsing never panic, and the pack written for the rows that imported
//! validates with no error (the importer promises a pack that opens).
#![no_main]

use libfuzzer_sys::fuzz_target;
use servicecraft_fuzz::import_round_trip;

fuzz_target!(|data: &[u8]| {
    import_round_trip(data, servicecraft_core::pack::import::Format::Csv);
});
