//! The `servicecraft` binary: parses the command line, sets up logging and starts the app.

use std::process::ExitCode;

use clap::Parser;
use servicecraft::cli::{Cli, Command, run_new_pack, run_validate};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,egui_system_font_provider=error"),
    )
    .init();
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Validate {
            builtin,
            json,
            paths,
        }) => {
            let code = run_validate(*builtin, *json, paths, &mut std::io::stdout().lock());
            ExitCode::from(u8::try_from(code).unwrap_or(2))
        }
        Some(Command::NewPack { dir }) => match run_new_pack(dir, &mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: {err:#}");
                ExitCode::from(2)
            }
        },
        Some(Command::Open { .. }) | None => match servicecraft::app::run(&cli, started) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: {err:#}");
                ExitCode::FAILURE
            }
        },
    }
}
