//! Embeds the built-in syllabus (the workspace's `lessons/`) and the starter pack
//! (`assets/starter-pack`) so the binary needs no files beside it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

fn table(name: &str, root: &Path) -> String {
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let mut code = format!("pub static {name}: &[(&str, &[u8])] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if rel.ends_with(".md") {
            continue;
        }
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    code
}

fn main() {
    // The syllabus is the app package's content at the workspace root, two folders up.
    let manifest_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../..");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let mut code = table("BUILTIN", &manifest_dir.join("lessons"));
    code += &table("STARTER", &manifest_dir.join("assets/starter-pack"));
    if let Err(err) = std::fs::write(out_dir.join("embedded_packs.rs"), code) {
        panic!("cannot write embedded pack table: {err}");
    }
}
