//! Windows: the setup .exe (NSIS, `packaging/windows/installer.nsi`) and the portable zip.
//!
//! Cross-built on Linux with mingw (`x86_64-pc-windows-gnu`) and makensis; on Windows itself the
//! same command works with NSIS on PATH and the GNU toolchain installed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Ctx, Result, VERSION, WINDOWS_TARGET, copy, run_cmd};

pub fn dist(ctx: &Ctx) -> Result<Vec<PathBuf>> {
    let exe = ctx.release_binary(Some(WINDOWS_TARGET))?;
    Ok(vec![setup(ctx, &exe)?, portable_zip(ctx, &exe)?])
}

fn setup(ctx: &Ctx, exe: &Path) -> Result<PathBuf> {
    let stage = ctx.stage("windows-setup")?;
    copy(exe, &stage.join("servicecraft.exe"))?;
    crate::icons::ico(
        &ctx.root.join("assets/icon.png"),
        &stage.join("servicecraft.ico"),
    )?;
    let out = ctx.dist.join(format!("ServiceCraft-{VERSION}-setup.exe"));
    let makensis = if crate::have("makensis") {
        "makensis"
    } else {
        "makensis.exe"
    };
    // NSIS on Linux takes `-D`, on Windows `/D`; both accept the dash form.
    run_cmd(
        Command::new(makensis)
            .arg("-V2")
            .arg(format!("-DVERSION={VERSION}"))
            .arg(format!("-DSTAGE={}", stage.display()))
            .arg(format!("-DOUTFILE={}", out.display()))
            .arg(ctx.root.join("packaging/windows/installer.nsi")),
    )?;
    Ok(out)
}

/// `ServiceCraft-<version>-windows-portable.zip`: one folder with the program and the portable
/// marker, so data stays on the stick it is unpacked to.
fn portable_zip(ctx: &Ctx, exe: &Path) -> Result<PathBuf> {
    let out = ctx
        .dist
        .join(format!("ServiceCraft-{VERSION}-windows-portable.zip"));
    let folder = format!("ServiceCraft-{VERSION}");
    let file =
        std::fs::File::create(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let entries = [
        ("servicecraft.exe", exe.to_path_buf()),
        (
            servicecraft_marker(),
            ctx.root.join("packaging/windows/portable.txt"),
        ),
    ];
    for (name, source) in entries {
        let bytes =
            std::fs::read(&source).map_err(|e| format!("reading {}: {e}", source.display()))?;
        zip.start_file(format!("{folder}/{name}"), options)
            .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
            .map_err(|e| format!("writing {}: {e}", out.display()))?;
    }
    zip.finish()
        .map_err(|e| format!("writing {}: {e}", out.display()))?;
    Ok(out)
}

/// The marker's name: `PORTABLE_MARKER` in servicecraft-core (xtask does not depend on the
/// engine; the test below keeps the two the same).
const fn servicecraft_marker() -> &'static str {
    "portable.txt"
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_zip_ships_the_marker_the_app_looks_for() {
        let settings = include_str!("../../crates/servicecraft-core/src/progress/settings.rs");
        let declared = format!(
            "PORTABLE_MARKER: &str = \"{}\";",
            super::servicecraft_marker()
        );
        assert!(
            settings.contains(&declared),
            "settings.rs no longer declares {declared}"
        );
    }
}
