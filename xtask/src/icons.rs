//! The app icon in the formats installers want, made from `assets/icon.png` (256 × 256) alone:
//! both .ico and .icns may carry a PNG image unchanged, so nothing is resized or re-encoded.

use std::path::Path;

use crate::Result;

fn read_png(png: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(png).map_err(|e| format!("reading {}: {e}", png.display()))?;
    if bytes.get(..8) != Some(b"\x89PNG\r\n\x1a\n".as_slice()) {
        return Err(format!("{} is not a PNG", png.display()));
    }
    Ok(bytes)
}

/// Big-endian width and height from the PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    let at = |i: usize| {
        png.get(i..i + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_be_bytes)
    };
    (at(16), at(20))
}

/// A one-image .ico holding the PNG (Windows Vista and later, NSIS 3).
pub fn ico(png: &Path, out: &Path) -> Result {
    let png = read_png(png)?;
    let (w, h) = png_size(&png);
    // 0 stands for 256 in an icon directory entry.
    let dim = |v: u32| u8::try_from(v).unwrap_or(0);
    let len = u32::try_from(png.len()).map_err(|e| e.to_string())?;
    let mut ico = vec![0, 0, 1, 0, 1, 0, dim(w), dim(h), 0, 0];
    ico.extend_from_slice(&1u16.to_le_bytes()); // colour planes
    ico.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
    ico.extend_from_slice(&len.to_le_bytes());
    ico.extend_from_slice(&22u32.to_le_bytes()); // image offset: after the 6 + 16 byte header
    ico.extend_from_slice(&png);
    crate::write(out, ico)
}

/// An .icns holding the PNG as its 256 × 256 image (`ic08`).
pub fn icns(png: &Path, out: &Path) -> Result {
    let png = read_png(png)?;
    let entry_len = u32::try_from(png.len() + 8).map_err(|e| e.to_string())?;
    let mut icns = b"icns".to_vec();
    icns.extend_from_slice(&(entry_len + 8).to_be_bytes());
    icns.extend_from_slice(b"ic08");
    icns.extend_from_slice(&entry_len.to_be_bytes());
    icns.extend_from_slice(&png);
    crate::write(out, icns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_files_wrap_the_png_with_correct_headers() {
        let root = crate::workspace_root();
        let png = root.join("assets/icon.png");
        let dir = std::env::temp_dir().join(format!("xtask-icons-{}", std::process::id()));
        ico(&png, &dir.join("a.ico")).unwrap();
        icns(&png, &dir.join("a.icns")).unwrap();
        let original = std::fs::read(&png).unwrap();
        let ico = std::fs::read(dir.join("a.ico")).unwrap();
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 1, 0]);
        assert_eq!(&ico[22..], original.as_slice());
        let icns = std::fs::read(dir.join("a.icns")).unwrap();
        assert_eq!(&icns[..4], b"icns");
        assert_eq!(
            u32::from_be_bytes(icns[4..8].try_into().unwrap()) as usize,
            icns.len()
        );
        assert_eq!(&icns[16..], original.as_slice());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
