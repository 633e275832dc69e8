//! The eframe application (placeholder until the shell lands).
pub fn run(_cli: &crate::cli::Cli) -> anyhow::Result<()> {
    Ok(())
}
