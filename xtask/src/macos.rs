//! macOS: the `ServiceCraft.app` bundle (Info.plist, binary, .icns icon), zipped with `ditto`.
//!
//! Only on a Mac: the binary must be built (and later signed) there. docs/packaging.md walks
//! through it step by step.

use std::path::PathBuf;
use std::process::Command;

use crate::{Ctx, Result, VERSION, copy, run_cmd, write};

pub const BUNDLE_ID: &str = "org.servicecraft.ServiceCraft";

pub fn dist(ctx: &Ctx) -> Result<Vec<PathBuf>> {
    if !cfg!(target_os = "macos") {
        return Err("the macOS bundle is built on a Mac (docs/packaging.md)".to_owned());
    }
    let binary = ctx.release_binary(None)?;
    let stage = ctx.stage("macos")?;
    let contents = stage.join("ServiceCraft.app/Contents");
    copy(&binary, &contents.join("MacOS/servicecraft"))?;
    crate::icons::icns(
        &ctx.root.join("assets/icon.png"),
        &contents.join("Resources/servicecraft.icns"),
    )?;
    write(&contents.join("Info.plist"), info_plist())?;
    let out = ctx.dist.join(format!(
        "ServiceCraft-{VERSION}-macos-{}.zip",
        std::env::consts::ARCH
    ));
    // ditto keeps the bundle's permissions and extended attributes, as Finder's "Compress" does.
    run_cmd(
        Command::new("ditto")
            .args(["-c", "-k", "--keepParent"])
            .arg(stage.join("ServiceCraft.app"))
            .arg(&out),
    )?;
    Ok(vec![out])
}

pub fn info_plist() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>CFBundleName</key><string>ServiceCraft</string>
    <key>CFBundleDisplayName</key><string>ServiceCraft</string>
    <key>CFBundleIdentifier</key><string>{BUNDLE_ID}</string>
    <key>CFBundleVersion</key><string>{VERSION}</string>
    <key>CFBundleShortVersionString</key><string>{VERSION}</string>
    <key>CFBundlePackageType</key><string>APPL</string>
    <key>CFBundleExecutable</key><string>servicecraft</string>
    <key>CFBundleIconFile</key><string>servicecraft.icns</string>
    <key>CFBundleDevelopmentRegion</key><string>zh_CN</string>
    <key>CFBundleLocalizations</key><array><string>zh_CN</string><string>en</string></array>
    <key>LSApplicationCategoryType</key><string>public.app-category.education</string>
    <key>LSMinimumSystemVersion</key><string>11.0</string>
    <key>NSHighResolutionCapable</key><true/>
    <key>NSHumanReadableCopyright</key><string>ServiceCraft contributors, MIT OR Apache-2.0</string>
</dict>
</plist>
"#
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_info_plist_names_the_bundle_version_icon_and_retina() {
        let plist = super::info_plist();
        for needle in [
            "<string>org.servicecraft.ServiceCraft</string>",
            &format!("<string>{}</string>", crate::VERSION),
            "<string>servicecraft.icns</string>",
            "<key>NSHighResolutionCapable</key><true/>",
        ] {
            assert!(plist.contains(needle), "Info.plist lacks {needle}");
        }
    }
}
