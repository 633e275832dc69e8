//! Measurements the startup benchmark prints: resident memory, read from the OS where it can be.

/// Resident set size of this process in MiB, where the platform exposes it cheaply (Linux).
pub fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The line `--exit-after-first-frame` prints on stderr.
pub fn first_frame_report(started: std::time::Instant) -> String {
    let ms = started.elapsed().as_millis();
    match resident_mib() {
        Some(mib) => format!("first frame after {ms} ms, resident {mib:.1} MiB"),
        None => format!("first frame after {ms} ms"),
    }
}
