//! Linux: a `.deb` laid out by hand for `dpkg-deb` and a portable `.tar.gz`.
//!
//! The layout is written here rather than by cargo-deb so nothing needs installing beyond
//! `dpkg-deb`, which every Debian and Ubuntu has.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Ctx, Result, VERSION, copy, run_cmd, write};

/// What the app loads at run time. winit and glutin open the X11, Wayland and GL libraries
/// with dlopen, so the binary's own NEEDED list (libc only) does not name them.
const DEPENDS: &str = "libc6 (>= 2.31), libgcc-s1, libgl1, libegl1, libx11-6, libxcursor1, \
    libxrandr2, libxi6, libxkbcommon0, libxkbcommon-x11-0, libwayland-client0, \
    libwayland-cursor0, libwayland-egl1, \
    fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei";
/// File dialogs (choosing a pack or a font) go through the desktop portal, or zenity without one.
const RECOMMENDS: &str = "xdg-desktop-portal-gtk | xdg-desktop-portal | zenity";

pub fn dist(ctx: &Ctx) -> Result<Vec<PathBuf>> {
    let binary = ctx.release_binary(None)?;
    let arch = deb_arch()?;
    let mut written = Vec::new();
    if crate::have("dpkg-deb") {
        written.push(deb(ctx, &binary, &arch)?);
    } else {
        eprintln!("xtask: dpkg-deb not found, skipping the .deb");
    }
    written.push(tarball(ctx, &binary)?);
    Ok(written)
}

fn deb_arch() -> Result<String> {
    Ok(match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => return Err(format!("no Debian architecture known for {other}")),
    }
    .to_owned())
}

fn deb(ctx: &Ctx, binary: &Path, arch: &str) -> Result<PathBuf> {
    let stage = ctx.stage("deb")?;
    let usr = stage.join("usr");
    copy(binary, &usr.join("bin/servicecraft"))?;
    set_mode(&usr.join("bin/servicecraft"), 0o755)?;
    copy(
        &ctx.root.join("packaging/linux/servicecraft.desktop"),
        &usr.join("share/applications/servicecraft.desktop"),
    )?;
    copy(
        &ctx.root.join("assets/icon.png"),
        &usr.join("share/icons/hicolor/256x256/apps/servicecraft.png"),
    )?;
    write(&usr.join("share/doc/servicecraft/copyright"), copyright())?;
    let installed_kib = dir_size(&usr).div_ceil(1024);
    let control = format!(
        "Package: servicecraft\n\
         Version: {VERSION}\n\
         Architecture: {arch}\n\
         Maintainer: ServiceCraft contributors <servicecraft@users.noreply.github.com>\n\
         Installed-Size: {installed_kib}\n\
         Depends: {DEPENDS}\n\
         Recommends: {RECOMMENDS}\n\
         Section: education\n\
         Priority: optional\n\
         Description: trainer for the advanced customer service manager qualification\n \
         ServiceCraft teaches the Chinese 高级客户服务管理师 qualification with lessons,\n \
         interactive exercises, spaced review and mock exams, in Chinese and English.\n"
    );
    write(&stage.join("DEBIAN/control"), control)?;
    let out = ctx.dist.join(format!("servicecraft_{VERSION}_{arch}.deb"));
    run_cmd(
        Command::new("dpkg-deb")
            .args(["--root-owner-group", "-Zxz", "--build"])
            .arg(&stage)
            .arg(&out),
    )?;
    Ok(out)
}

fn copyright() -> String {
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\
     Upstream-Name: ServiceCraft\n\n\
     Files: *\n\
     Copyright: ServiceCraft contributors\n\
     License: MIT or Apache-2.0\n"
        .to_owned()
}

/// `servicecraft-<version>-linux-<arch>.tar.gz`: the program, its icon and desktop entry in one
/// folder; it runs from wherever it is unpacked.
fn tarball(ctx: &Ctx, binary: &Path) -> Result<PathBuf> {
    let name = format!("servicecraft-{VERSION}-linux-{}", std::env::consts::ARCH);
    let stage = ctx.stage("tar")?;
    let top = stage.join(&name);
    copy(binary, &top.join("servicecraft"))?;
    set_mode(&top.join("servicecraft"), 0o755)?;
    copy(
        &ctx.root.join("assets/icon.png"),
        &top.join("servicecraft.png"),
    )?;
    copy(
        &ctx.root.join("packaging/linux/servicecraft.desktop"),
        &top.join("servicecraft.desktop"),
    )?;
    write(
        &top.join("README.txt"),
        "ServiceCraft for Linux\n\n\
         Start: ./servicecraft\n\
         Needs OpenGL (Mesa), X11 or Wayland, and a Chinese font (fonts-noto-cjk).\n\
         Data lives in ~/.local/share/servicecraft; to keep it beside the program instead\n\
         (USB stick), create an empty file named portable.txt next to servicecraft.\n",
    )?;
    let out = ctx.dist.join(format!("{name}.tar.gz"));
    run_cmd(
        Command::new("tar")
            .current_dir(&stage)
            .args(["--owner=0", "--group=0", "-czf"])
            .arg(&out)
            .arg(&name),
    )?;
    Ok(out)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(m) if m.is_dir() => dir_size(&entry.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| format!("chmod {}: {e}", path.display()))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result {
    Ok(())
}
