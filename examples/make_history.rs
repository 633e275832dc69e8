//! Writes a profile with a long study history into a data folder, to measure startup with it:
//!
//! ```text
//! cargo run --release --example make_history -- /tmp/year 365 30
//! ./target/release/servicecraft --data-dir /tmp/year --profile 学员 --exit-after-first-frame
//! ```
//!
//! Arguments: the data folder, the number of days (default 365) and answers per day (default 30).

use servicecraft::pack::{builtin_source, load_pack};
use servicecraft::progress::sample::write_history;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: make_history DATA_DIR [DAYS] [PER_DAY]"))?;
    let days: i64 = args.next().map_or(Ok(365), |a| a.parse())?;
    let per_day: i64 = args.next().map_or(Ok(30), |a| a.parse())?;
    let pack = load_pack(&builtin_source())
        .pack
        .ok_or_else(|| anyhow::anyhow!("the built-in pack does not load"))?;
    let folder = write_history(
        std::path::Path::new(&dir),
        "学员",
        &pack,
        days,
        per_day,
        chrono::Utc::now(),
    )?;
    println!(
        "profile {folder} in {dir}: {} answers over {days} days",
        days * per_day
    );
    Ok(())
}
