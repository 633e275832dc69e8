//! The `servicecraft` binary: parses the command line, sets up logging and starts the app.

// On Windows the window opens without a console beside it; `attach_parent_console` gives the
// command-line subcommands their output back when started from a terminal.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use servicecraft::cli::{
    Cli, Command, ImportOptions, run_class_report, run_export_bank, run_export_results, run_import,
    run_install, run_new_pack, run_readiness, run_validate,
};
use servicecraft::progress::data_dir;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    #[cfg(windows)]
    attach_parent_console();
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,egui_system_font_provider=error"),
    )
    .init();
    let cli = Cli::parse();
    let exit = |code: i32| ExitCode::from(u8::try_from(code).unwrap_or(2));
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
        Some(Command::Install { path }) => exit(run_install(
            &data_dir(cli.data_dir.as_deref()),
            path,
            &mut std::io::stdout().lock(),
        )),
        Some(Command::Import {
            file,
            out,
            format,
            id,
            title,
            pack_version,
        }) => exit(run_import(
            file,
            &ImportOptions {
                out: out.clone(),
                format: *format,
                id: id.clone(),
                title: title.clone(),
                pack_version: pack_version.clone(),
            },
            &mut std::io::stdout().lock(),
        )),
        Some(Command::ExportBank { pack, out }) => {
            exit(run_export_bank(pack, out, &mut std::io::stdout().lock()))
        }
        Some(Command::ClassReport { paths, out }) => exit(run_class_report(
            paths,
            out,
            cli.lang
                .as_deref()
                .and_then(servicecraft::i18n::Lang::parse)
                .unwrap_or_default(),
            &mut std::io::stdout().lock(),
        )),
        Some(Command::ExportResults { out }) => exit(run_export_results(
            &data_dir(cli.data_dir.as_deref()),
            out,
            &mut std::io::stdout().lock(),
        )),
        Some(Command::Readiness { exam_date, json }) => match &cli.profile {
            Some(name) => exit(run_readiness(
                &data_dir(cli.data_dir.as_deref()),
                name,
                *exam_date,
                *json,
                &mut std::io::stdout().lock(),
            )),
            None => {
                eprintln!("error: readiness needs --profile NAME");
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

/// A program built for the Windows GUI subsystem starts without a console, so `--version`,
/// `validate` and error messages would vanish. When its output is not already redirected to a
/// file or pipe, borrow the console of the terminal it was started from (if any); Rust's
/// standard streams look the handles up on every write, so they use it from then on.
#[cfg(windows)]
fn attach_parent_console() {
    use std::ffi::c_void;
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // STD_OUTPUT_HANDLE is (DWORD)-11.
    const STD_OUTPUT_HANDLE: u32 = 0xFFFF_FFF5;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetStdHandle(which: u32) -> *mut c_void;
    }
    // SAFETY: both calls take plain integers and only read or set this process's console state.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out as isize == -1 {
            // Fails harmlessly when started from Explorer (no parent console).
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
