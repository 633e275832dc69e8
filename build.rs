//! Build script: gives the Windows .exe its icon and version information (file properties).
//!
//! The icon is made here from `assets/icon.png` (an .ico may hold a PNG image as is, which
//! Windows Vista and later read), so the repository keeps one icon file. On other targets this
//! does nothing. `winresource` calls mingw's `windres` when cross-building and the Windows SDK's
//! `rc.exe` under MSVC; neither downloads anything.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon.png");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        panic!("cargo sets OUT_DIR for build scripts");
    };
    let ico = out_dir.join("servicecraft.ico");
    if let Err(err) = write_ico(Path::new("assets/icon.png"), &ico) {
        panic!("could not make the Windows icon: {err}");
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut res = winresource::WindowsResource::new();
    res.set_icon(&ico.to_string_lossy())
        .set("ProductName", "ServiceCraft")
        .set("FileDescription", "ServiceCraft 高级客户服务管理师 trainer")
        .set("CompanyName", "ServiceCraft contributors")
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set("OriginalFilename", "servicecraft.exe")
        .set("InternalName", "servicecraft")
        .set("ProductVersion", &version)
        .set("FileVersion", &version);
    // Simplified Chinese (PRC); winresource writes the .rc as UTF-8 (code page 65001).
    res.set_language(0x0804);
    if let Err(err) = res.compile() {
        panic!("could not compile the Windows resource (is windres installed?): {err}");
    }
}

/// Wraps a square PNG (at most 256 px) in a one-image .ico file.
fn write_ico(png_path: &Path, ico_path: &Path) -> std::io::Result<()> {
    let png = std::fs::read(png_path)?;
    // Width and height sit big-endian at bytes 16..24 of the PNG's IHDR chunk.
    let side = |at: usize| {
        png.get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_be_bytes)
    };
    let (width, height) = (side(16), side(20));
    // In an .ico directory entry 0 means 256.
    let dim = |v: u32| u8::try_from(v).unwrap_or(0);
    let size = u32::try_from(png.len()).map_err(std::io::Error::other)?;
    let mut ico = Vec::with_capacity(png.len() + 22);
    ico.extend_from_slice(&[0, 0, 1, 0, 1, 0]); // reserved, type 1 (icon), one image
    ico.extend_from_slice(&[dim(width), dim(height), 0, 0]); // size, no palette, reserved
    ico.extend_from_slice(&1u16.to_le_bytes()); // colour planes
    ico.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
    ico.extend_from_slice(&size.to_le_bytes());
    ico.extend_from_slice(&22u32.to_le_bytes()); // the image follows the 6 + 16 byte header
    ico.extend_from_slice(&png);
    std::fs::write(ico_path, ico)
}
