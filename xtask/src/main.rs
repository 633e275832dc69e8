//! `cargo xtask dist`: builds the release files a trainee downloads into `dist/`.
//!
//! A small program rather than a shell script so it runs the same on Linux, macOS and Windows
//! and needs nothing but cargo and the packaging tools it calls (docs/packaging.md lists them).
//! It never downloads anything: every tool it uses is an ordinary distribution package.

mod icons;
mod linux;
mod macos;
mod windows;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The app's version: xtask shares the workspace version with it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The Windows cross target built with mingw.
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";

type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask dist [--only linux|windows|macos]... [--no-build] [--profile NAME]

Builds the release into dist/: on Linux the .deb, the Linux tar.gz, and (with mingw and makensis
installed) the Windows setup .exe and portable zip; on macOS the .app bundle. Then SHA256SUMS.
  --only KIND   build just this kind (may repeat)
  --no-build    package the binaries already in target/ (CI builds them in an earlier step)
  --profile P   build with cargo profile P instead of release (CI: ci-dist, a cheaper build
                that is only tested, never shipped)";

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result {
    let Some((command, rest)) = args.split_first() else {
        return Err(USAGE.to_owned());
    };
    if command != "dist" {
        return Err(USAGE.to_owned());
    }
    let mut kinds = Vec::new();
    let mut build = true;
    let mut profile = "release".to_owned();
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--only" => kinds.push(rest.next().ok_or(USAGE)?.clone()),
            "--no-build" => build = false,
            "--profile" => profile.clone_from(rest.next().ok_or(USAGE)?),
            _ => return Err(USAGE.to_owned()),
        }
    }
    if kinds.is_empty() {
        kinds = default_kinds();
    }
    let root = workspace_root();
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("creating {}: {e}", dist.display()))?;
    let mut written = Vec::new();
    for kind in &kinds {
        let ctx = Ctx {
            root: root.clone(),
            dist: dist.clone(),
            build,
            profile: profile.clone(),
        };
        let files = match kind.as_str() {
            "linux" => linux::dist(&ctx)?,
            "windows" => windows::dist(&ctx)?,
            "macos" => macos::dist(&ctx)?,
            other => return Err(format!("unknown kind {other}\n{USAGE}")),
        };
        written.extend(files);
    }
    write_sha256sums(&dist, &written)?;
    println!("\nwrote into {}:", dist.display());
    for file in written.iter().chain([&dist.join("SHA256SUMS")]) {
        let size = std::fs::metadata(file).map_or(0, |m| m.len());
        println!("  {:>12} bytes  {}", size, file_name(file));
    }
    Ok(())
}

/// What this machine can build without extra setup.
fn default_kinds() -> Vec<String> {
    if cfg!(target_os = "macos") {
        vec!["macos".to_owned()]
    } else if cfg!(target_os = "windows") {
        vec!["windows".to_owned()]
    } else {
        let mut kinds = vec!["linux".to_owned()];
        if have("makensis") && have("x86_64-w64-mingw32-gcc") {
            kinds.push("windows".to_owned());
        } else {
            eprintln!(
                "xtask: makensis or x86_64-w64-mingw32-gcc not found, skipping Windows \
                 (Debian: apt-get install nsis gcc-mingw-w64-x86-64)"
            );
        }
        kinds
    }
}

/// Where and how one packaging run works.
pub struct Ctx {
    pub root: PathBuf,
    pub dist: PathBuf,
    /// False: use the binaries already built.
    pub build: bool,
    /// The cargo profile: `release` for what is shipped, `ci-dist` for CI's smoke build.
    pub profile: String,
}

impl Ctx {
    /// `cargo build --profile <profile>` of the app, for `target` (None: this machine); returns
    /// the binary.
    pub fn release_binary(&self, target: Option<&str>) -> Result<PathBuf> {
        let exe = if target.is_some_and(|t| t.contains("windows")) {
            "servicecraft.exe"
        } else {
            "servicecraft"
        };
        let mut dir = self.target_dir();
        if let Some(target) = target {
            dir.push(target);
        }
        let binary = dir.join(profile_dir(&self.profile)).join(exe);
        if self.build {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
            let mut cmd = Command::new(cargo);
            cmd.current_dir(&self.root)
                .args(["build", "--profile", &self.profile])
                .args(["--package", "servicecraft", "--bin", "servicecraft"]);
            if let Some(target) = target {
                cmd.args(["--target", target]);
            }
            run_cmd(&mut cmd)?;
        }
        if binary.is_file() {
            Ok(binary)
        } else {
            Err(format!("{} was not built", binary.display()))
        }
    }

    fn target_dir(&self) -> PathBuf {
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| self.root.join("target"), PathBuf::from)
    }

    /// A fresh, empty staging folder under `target/dist-stage/`.
    pub fn stage(&self, name: &str) -> Result<PathBuf> {
        let dir = self.target_dir().join("dist-stage").join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| format!("clearing {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        Ok(dir)
    }
}

/// The folder under `target/` a profile builds into: cargo names it after the profile, except
/// that `dev` (and `test`) build into `debug`.
fn profile_dir(profile: &str) -> &str {
    match profile {
        "dev" | "test" => "debug",
        "bench" => "release",
        other => other,
    }
}

fn workspace_root() -> PathBuf {
    // xtask lives in <root>/xtask.
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or(manifest.clone(), Path::to_path_buf)
}

/// Whether `program` can be started (is on PATH).
pub fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// Runs a command, turning a failure into a message that names it.
pub fn run_cmd(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    println!("+ {shown}");
    match cmd.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("{shown} failed: {status}")),
        Err(err) => Err(format!("could not start {shown}: {err}")),
    }
}

/// Writes `contents` to `path`, naming the file in the error.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Copies a file, naming both in the error.
pub fn copy(from: &Path, to: &Path) -> Result {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `SHA256SUMS` in the format `sha256sum -c` reads, via the system's tool (coreutils on Linux,
/// `shasum` on macOS), so no hashing code lives here. Lines for files an earlier run wrote and
/// this one did not (`--only linux`, then `--only windows`) are kept while the file is still in
/// `dist/`, so the sums always cover everything there.
fn write_sha256sums(dist: &Path, files: &[PathBuf]) -> Result {
    let names: Vec<String> = files.iter().map(|f| file_name(f)).collect();
    let (program, pre): (&str, &[&str]) = if have("sha256sum") {
        ("sha256sum", &[])
    } else {
        ("shasum", &["-a", "256"])
    };
    let out = Command::new(program)
        .current_dir(dist)
        .args(pre)
        .args(&names)
        .output()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let previous = std::fs::read_to_string(dist.join("SHA256SUMS")).unwrap_or_default();
    let sums = merge_sums(&previous, &String::from_utf8_lossy(&out.stdout), |name| {
        dist.join(name).is_file()
    });
    write(&dist.join("SHA256SUMS"), sums)
}

/// `fresh` sums first, then the `previous` lines for other files that `exists` still.
fn merge_sums(previous: &str, fresh: &str, exists: impl Fn(&str) -> bool) -> String {
    // `sha256sum` writes `HASH  NAME` (`HASH *NAME` in binary mode).
    let name = |line: &str| line.get(66..).map(str::to_owned);
    let fresh_names: Vec<String> = fresh.lines().filter_map(name).collect();
    let mut out = String::from(fresh);
    for line in previous.lines() {
        if let Some(file) = name(line)
            && !fresh_names.contains(&file)
            && exists(&file)
        {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn profiles_build_into_the_folders_cargo_uses() {
        assert_eq!(super::profile_dir("release"), "release");
        assert_eq!(super::profile_dir("ci-dist"), "ci-dist");
        assert_eq!(super::profile_dir("dev"), "debug");
    }

    #[test]
    fn sums_of_an_earlier_run_are_kept_for_files_still_there() {
        let hash = |c: char| c.to_string().repeat(64);
        let previous = format!(
            "{}  a.deb\n{}  old.zip\n{}  gone.exe\n",
            hash('1'),
            hash('2'),
            hash('3')
        );
        let fresh = format!("{}  old.zip\n{}  new.exe\n", hash('4'), hash('5'));
        let merged = super::merge_sums(&previous, &fresh, |name| name != "gone.exe");
        assert_eq!(
            merged,
            format!(
                "{}  old.zip\n{}  new.exe\n{}  a.deb\n",
                hash('4'),
                hash('5'),
                hash('1')
            )
        );
    }

    #[test]
    fn the_ci_profile_exists_in_the_workspace_manifest() {
        let manifest = include_str!("../../Cargo.toml");
        assert!(manifest.contains("[profile.ci-dist]"));
    }
}
