//! Hostile and broken zips and images refused at install time, leaving nothing behind: zip slip,
//! links, pipes and devices, bombs by declared and by real size, too many entries, junk, and
//! oversized or broken images. The fixtures and the starter pack come from `packs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use servicecraft::pack::images::{self, ImageError};
use servicecraft::pack::zip::{ExtractLimits, ZipError};
use servicecraft::pack::{self, DirSource, InstallError, Library, Progress};
use zip::write::SimpleFileOptions;

use crate::common::starter_dir;
use crate::packs::{CHAPTER, hostile_zip, tree, zip_dir};
/// Installs `zip` into a fresh library and expects a refusal that leaves nothing anywhere.
fn refused(zip: &Path, limits: &ExtractLimits) -> InstallError {
    let work = zip.parent().unwrap();
    let before = tree(work);
    let data = tempfile::tempdir().unwrap();
    let library = Library::new(data.path());
    let err = library
        .install_with_limits(zip, limits, &Progress::default())
        .expect_err("a hostile zip must be refused");
    assert_eq!(tree(work), before, "something was written beside the zip");
    let left: Vec<PathBuf> = tree(data.path())
        .into_iter()
        .filter(|p| p != Path::new("packs"))
        .collect();
    assert!(left.is_empty(), "debris left in the data folder: {left:?}");
    assert!(library.list().is_empty());
    err
}

#[test]
fn a_zipped_pack_installs_from_its_top_or_its_only_folder() {
    let starter = starter_dir();
    let work = tempfile::tempdir().unwrap();
    for (name, prefix) in [("top.zip", ""), ("folder.zip", "my-pack/")] {
        let zip = work.path().join(name);
        zip_dir(starter.path(), prefix, &zip);
        let data = tempfile::tempdir().unwrap();
        let library = Library::new(data.path());
        let installed = library.install(&zip, &Progress::default()).unwrap();
        assert_eq!(installed.pack.id, "example.complaints");
        assert!(installed.warnings.is_empty(), "{:?}", installed.warnings);
        assert_eq!(installed.dir, data.path().join("packs/example.complaints"));
        // The installed copy stands on its own: the zip can go.
        std::fs::remove_file(&zip).unwrap();
        let loaded = pack::load_pack(&DirSource::new(&installed.dir));
        assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
        assert_eq!(library.list().len(), 1);
        assert_eq!(
            tree(&data.path().join("packs"))
                .iter()
                .filter(|p| p.starts_with("."))
                .count(),
            0
        );
    }
}

#[test]
fn zip_slip_names_are_refused() {
    let work = tempfile::tempdir().unwrap();
    for name in [
        "../evil.ron",
        "chapters/../../evil.ron",
        "/tmp/servicecraft-abs.ron",
        "C:/evil.ron",
        "..\\evil.ron",
    ] {
        let zip = work.path().join("slip.zip");
        hostile_zip(&zip, |w| {
            w.start_file(name, SimpleFileOptions::default()).unwrap();
            w.write_all(b"()").unwrap();
        });
        let err = refused(&zip, &ExtractLimits::default());
        assert!(
            matches!(err, InstallError::Zip(ZipError::Escapes(_))),
            "{name}: {err}"
        );
        assert!(err.to_string().contains("outside the pack"), "{err}");
        assert!(!Path::new("/tmp/servicecraft-abs.ron").exists());
        std::fs::remove_file(&zip).unwrap();
    }
}

#[test]
fn symbolic_links_in_a_zip_are_refused() {
    let work = tempfile::tempdir().unwrap();
    let zip = work.path().join("link.zip");
    hostile_zip(&zip, |w| {
        w.add_symlink("assets/passwd", "/etc/passwd", SimpleFileOptions::default())
            .unwrap();
    });
    let err = refused(&zip, &ExtractLimits::default());
    assert!(
        matches!(err, InstallError::Zip(ZipError::Symlink(_))),
        "{err}"
    );
    assert!(err.to_string().contains("symbolic link"));
}

/// Marks the central-directory entry `name` as made on Unix with file type and permissions
/// `mode`: how an archiver records a named pipe or device it was given.
fn patch_unix_mode(zip: &Path, name: &str, mode: u32) {
    let mut bytes = std::fs::read(zip).unwrap();
    let mut patched = 0;
    let mut i = 0;
    while i + 46 <= bytes.len() {
        if &bytes[i..i + 4] == b"PK\x01\x02" {
            let len = u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize;
            if bytes.get(i + 46..i + 46 + len) == Some(name.as_bytes()) {
                bytes[i + 5] = 3; // "version made by": Unix, so the mode is read.
                bytes[i + 38..i + 42].copy_from_slice(&(mode << 16).to_le_bytes());
                patched += 1;
            }
        }
        i += 1;
    }
    assert_eq!(patched, 1, "{name} not found in the central directory");
    std::fs::write(zip, bytes).unwrap();
}

#[test]
fn named_pipes_and_devices_in_a_zip_are_refused() {
    let work = tempfile::tempdir().unwrap();
    // A FIFO, a character device and a socket, recorded in the entry's Unix mode.
    for mode in [0o010_644, 0o020_644, 0o140_644] {
        let zip = work.path().join("special.zip");
        hostile_zip(&zip, |w| {
            w.start_file("chapters/fifo.ron", SimpleFileOptions::default())
                .unwrap();
            w.write_all(b"()").unwrap();
        });
        patch_unix_mode(&zip, "chapters/fifo.ron", mode);
        let err = refused(&zip, &ExtractLimits::default());
        assert!(
            matches!(err, InstallError::Zip(ZipError::Special(ref name)) if name == "chapters/fifo.ron"),
            "{mode:o}: {err}"
        );
        std::fs::remove_file(&zip).unwrap();
    }
    // The same entry as a regular file installs: the check reads the type, not the name.
    let zip = work.path().join("plain.zip");
    hostile_zip(&zip, |w| {
        w.start_file("assets/note.txt", SimpleFileOptions::default())
            .unwrap();
        w.write_all(b"hello").unwrap();
    });
    patch_unix_mode(&zip, "assets/note.txt", 0o100_644);
    let data = tempfile::tempdir().unwrap();
    Library::new(data.path())
        .install(&zip, &Progress::default())
        .unwrap();
}

/// Rewrites the uncompressed size of every entry, in the local headers and the central
/// directory, to `size`: what a zip bomb or a lying archiver does.
fn patch_sizes(zip: &Path, size: u32) {
    let mut bytes = std::fs::read(zip).unwrap();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let offset = match &bytes[i..i + 4] {
            b"PK\x03\x04" => Some(22),
            b"PK\x01\x02" => Some(24),
            _ => None,
        };
        if let Some(offset) = offset {
            bytes[i + offset..i + offset + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
    std::fs::write(zip, bytes).unwrap();
}

#[test]
fn zip_bombs_are_refused_by_declared_and_by_real_size() {
    let work = tempfile::tempdir().unwrap();

    // A small file declaring gigabytes.
    let declared = work.path().join("declared.zip");
    hostile_zip(&declared, |w| {
        w.start_file("assets/big.bin", SimpleFileOptions::default())
            .unwrap();
        w.write_all(&[7u8; 1000]).unwrap();
    });
    patch_sizes(&declared, 0xFFFF_FF00);
    let err = refused(&declared, &ExtractLimits::default());
    assert!(
        matches!(err, InstallError::Zip(ZipError::TooLarge { .. })),
        "{err}"
    );

    // Real data: 64 MiB of zeros deflate to about 64 KiB.
    let real = work.path().join("real.zip");
    hostile_zip(&real, |w| {
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file("assets/zeros.bin", options).unwrap();
        let chunk = vec![0u8; 1 << 20];
        for _ in 0..64 {
            w.write_all(&chunk).unwrap();
        }
    });
    assert!(std::fs::metadata(&real).unwrap().len() < 1 << 20);
    let err = refused(&real, &ExtractLimits::default());
    assert!(
        matches!(err, InstallError::Zip(ZipError::Ratio { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("zip bomb"));

    // Sizes that lie low: the total is counted from the bytes actually read.
    let lying = work.path().join("lying.zip");
    hostile_zip(&lying, |w| {
        w.start_file("assets/data.bin", SimpleFileOptions::default())
            .unwrap();
        w.write_all(&vec![1u8; 200_000]).unwrap();
    });
    patch_sizes(&lying, 10);
    let limits = ExtractLimits {
        max_total_bytes: 100_000,
        ..ExtractLimits::default()
    };
    let err = refused(&lying, &limits);
    assert!(matches!(err, InstallError::Zip(_)), "{err}");
}

#[test]
fn too_many_entries_and_junk_zips_are_refused() {
    let work = tempfile::tempdir().unwrap();
    let many = work.path().join("many.zip");
    hostile_zip(&many, |w| {
        for i in 0..50 {
            w.start_file(format!("assets/{i}.txt"), SimpleFileOptions::default())
                .unwrap();
        }
    });
    let limits = ExtractLimits {
        max_entries: 20,
        ..ExtractLimits::default()
    };
    let err = refused(&many, &limits);
    assert!(
        matches!(err, InstallError::Zip(ZipError::TooManyEntries { .. })),
        "{err}"
    );

    let junk = work.path().join("junk.zip");
    std::fs::write(&junk, b"PK\x03\x04 this is not really a zip").unwrap();
    let err = refused(&junk, &ExtractLimits::default());
    assert!(
        matches!(err, InstallError::Zip(ZipError::Archive(_))),
        "{err}"
    );
}

/// A PNG whose header declares `side` × `side` pixels, with a correct header checksum.
fn huge_png(side: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut bytes = Vec::new();
    image::RgbaImage::new(1, 1)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes[16..20].copy_from_slice(&side.to_be_bytes());
    bytes[20..24].copy_from_slice(&side.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn jpeg(side: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_fn(side, side, |x, y| image::Rgb([x as u8, y as u8, 128]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    bytes
}

#[test]
fn oversized_and_broken_images_are_validation_errors() {
    let huge = huge_png(100_000);
    assert_eq!(
        images::decode(&huge),
        Err(ImageError::TooLarge {
            width: 100_000,
            height: 100_000
        })
    );
    let good = jpeg(64);
    assert_eq!(images::decode(&good).unwrap().width, 64);
    let truncated = &good[..good.len() / 2];
    assert!(
        matches!(images::decode(truncated), Err(ImageError::Broken(_))),
        "{:?}",
        images::decode(truncated).map(|i| i.width)
    );

    // An installed pack (validated in full when installed) is reopened checking headers only.
    for (bytes, expected, header_finds_it) in [
        (huge, "100000×100000", true),
        // Whether a header check notices a cut-off JPEG depends on where it was cut.
        (truncated.to_vec(), "damaged or incomplete", false),
        (b"GIF89a".to_vec(), "PNG, JPEG or WebP", true),
    ] {
        let dir = starter_dir();
        std::fs::write(dir.path().join("assets/steps.png"), bytes).unwrap();
        let quick = pack::load_installed_pack(&DirSource::new(dir.path()));
        if header_finds_it {
            assert!(!quick.is_valid(), "{expected}");
        }
        let loaded = pack::load_pack(&DirSource::new(dir.path()));
        let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
        assert!(
            errors.iter().any(|e| e.contains(CHAPTER)
                && e.contains("assets/steps.png")
                && e.contains(expected)),
            "{expected}: {errors:#?}"
        );
        // file:line:col points at the Image block.
        assert!(errors.iter().any(|e| {
            e.split(':')
                .nth(1)
                .is_some_and(|l| l.parse::<usize>().is_ok())
        }));
    }
}
