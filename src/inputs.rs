//! Input discovery for `batch`: files, folders (walked in sorted order),
//! `.zip`, `.tar`, `.tar.gz`/`.tgz` archives read in place, and `-` (a list
//! of paths on stdin). Each input becomes a [`Unit`]: a display path and its
//! bytes, or the reason it could not be read. Hidden files, symlinks and
//! binary files are skipped with a note. Archive members are capped at
//! [`MAX_MEMBER_BYTES`] and a compression ratio of [`MAX_RATIO`], so a zip
//! bomb is refused rather than unpacked.

use std::fs::File;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// The largest archive member (or file) read, in bytes.
pub const MAX_MEMBER_BYTES: u64 = 256 << 20;
/// The largest uncompressed/compressed ratio accepted for a zip member.
pub const MAX_RATIO: u64 = 1000;

/// One document source.
#[derive(Debug)]
pub struct Unit {
    /// `dir/file.txt`, or `archive.zip!/inner/path.txt` for archive members.
    pub path: String,
    /// The path below its root, for mirroring into `--out-dir`.
    pub rel: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// What to do with each discovered unit; return false to stop.
pub type Sink<'a> = dyn FnMut(Unit) -> bool + 'a;

/// Reports a skipped input (not an error).
pub type Note<'a> = dyn FnMut(&str, &str) + 'a;

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Does `bytes` look like a binary file rather than text in some encoding?
pub fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"\x7fELF",
        b"GIF8",
        b"\xff\xd8\xff",
        b"%PDF",
        b"PK\x03\x04",
        b"\x1f\x8b",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let nul = head.iter().filter(|b| **b == 0).count();
    // UTF-16 text has NULs in about half its bytes at one parity; binary has them scattered.
    if nul == 0 {
        return false;
    }
    // UTF-8 text with a few stray NULs is text.
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    };
    if utf8 && nul * 10 < head.len() {
        return false;
    }
    // UTF-16 text (with or without a BOM) has its NULs at one parity (the
    // high bytes of ASCII characters); binary has them scattered.
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = nul - even;
    if even.min(odd) * 10 < nul {
        return false;
    }
    // UTF-16 of Han text has NULs at both parities (一 is 00 4E): the
    // decoder's own choice, which weighs how text-like each reading is.
    let even_head = &head[..head.len() & !1];
    !crate::decode::decode(even_head, None)
        .encoding
        .starts_with("UTF-16")
}

fn archive_kind(p: &Path) -> Option<&'static str> {
    let name = p.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".zip") {
        Some("zip")
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        Some("tgz")
    } else if name.ends_with(".tar") {
        Some("tar")
    } else {
        None
    }
}

/// Walks `roots` in order, calling `sink` for each unit. Paths in `skip`
/// (batch's own output file or folder) are passed over with a note.
///
/// A unit's `rel` is its path as given, made relative (a leading `/` dropped,
/// `..` written `__`), so that two roots ending in the same name
/// (`/x/dev`, `/y/dev`) mirror to different places under `--out-dir`.
pub fn walk(roots: &[PathBuf], skip: &[PathBuf], sink: &mut Sink, note: &mut Note) {
    for root in roots {
        if root.as_os_str() == "-" {
            let stdin = std::io::stdin();
            let paths: Vec<PathBuf> = stdin
                .lock()
                .lines()
                .map_while(Result::ok)
                .filter(|l| !l.trim().is_empty())
                .map(|l| PathBuf::from(l.trim()))
                .collect();
            walk(&paths, skip, sink, note);
            continue;
        }
        if !visit(root, skip, true, sink, note) {
            return;
        }
    }
}

/// `p` as given, relative: `./a` → `a`, `/x/dev` → `x/dev`, `../a` → `__/a`.
fn rel_of(p: &Path) -> String {
    use std::path::Component;
    let parts: Vec<String> = p
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("__".to_string()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// Whether `p` is (or lies inside) one of `skip`.
fn skipped(p: &Path, skip: &[PathBuf]) -> bool {
    if skip.is_empty() {
        return false;
    }
    std::fs::canonicalize(p).is_ok_and(|c| skip.iter().any(|s| c.starts_with(s)))
}

fn visit(p: &Path, skip: &[PathBuf], top: bool, sink: &mut Sink, note: &mut Note) -> bool {
    let shown = p.display().to_string();
    if skipped(p, skip) {
        note(&shown, "skipped: batch's own output");
        return true;
    }
    let meta = match std::fs::symlink_metadata(p) {
        Ok(m) => m,
        Err(e) => {
            return sink(Unit {
                path: shown,
                rel: rel_of(p),
                bytes: Err(format!("cannot read: {e}")),
            })
        }
    };
    if meta.file_type().is_symlink() && !top {
        note(&shown, "skipped: symbolic link");
        return true;
    }
    if !top && is_hidden(p) {
        note(&shown, "skipped: hidden");
        return true;
    }
    if std::fs::metadata(p).is_ok_and(|m| m.is_dir()) {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                return sink(Unit {
                    path: shown,
                    rel: rel_of(p),
                    bytes: Err(format!("cannot read folder: {e}")),
                })
            }
        };
        entries.sort();
        for e in entries {
            if !visit(&e, skip, false, sink, note) {
                return false;
            }
        }
        return true;
    }
    match archive_kind(p) {
        Some(kind) => read_archive(p, kind, &rel_of(p), sink),
        None => {
            let bytes = read_capped(p);
            if let Ok(b) = &bytes {
                if looks_binary(b) {
                    note(&shown, "skipped: binary file");
                    return true;
                }
            }
            sink(Unit {
                path: shown,
                rel: rel_of(p),
                bytes,
            })
        }
    }
}

/// Reads at most [`MAX_MEMBER_BYTES`]; more is an error, not a truncation.
fn read_limited(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    reader
        .take(MAX_MEMBER_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() as u64 > MAX_MEMBER_BYTES {
        return Err(format!("larger than {} MiB", MAX_MEMBER_BYTES >> 20));
    }
    Ok(buf)
}

/// Hands an archive member to `sink`, skipping binary ones; false to stop.
fn emit(sink: &mut Sink, path: String, rel: String, bytes: Result<Vec<u8>, String>) -> bool {
    if matches!(&bytes, Ok(b) if looks_binary(b)) {
        return true;
    }
    sink(Unit { path, rel, bytes })
}

fn read_capped(p: &Path) -> Result<Vec<u8>, String> {
    read_limited(File::open(p).map_err(|e| format!("cannot read: {e}"))?)
}

fn read_archive(p: &Path, kind: &str, rel: &str, sink: &mut Sink) -> bool {
    let shown = p.display().to_string();
    let file = match File::open(p) {
        Ok(f) => f,
        Err(e) => {
            return sink(Unit {
                path: shown,
                rel: rel.into(),
                bytes: Err(format!("cannot read: {e}")),
            })
        }
    };
    let result = match kind {
        "zip" => read_zip(file, &shown, rel, sink),
        "tgz" => read_tar(flate2::read::GzDecoder::new(file), &shown, rel, sink),
        _ => read_tar(file, &shown, rel, sink),
    };
    match result {
        Ok(go_on) => go_on,
        Err(e) => sink(Unit {
            path: shown,
            rel: rel.into(),
            bytes: Err(format!("broken archive: {e}")),
        }),
    }
}

fn member(archive: &str, rel: &str, name: &str) -> (String, String) {
    // tar writes members of `tar -C dir .` as `./a.txt`: shown as `a.txt`.
    let mut name = name;
    while let Some(rest) = name.strip_prefix("./") {
        name = rest;
    }
    (format!("{archive}!/{name}"), format!("{rel}/{name}"))
}

fn read_zip(file: File, shown: &str, rel: &str, sink: &mut Sink) -> Result<bool, String> {
    let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                let (path, r) = member(shown, rel, &format!("#{i}"));
                if !sink(Unit {
                    path,
                    rel: r,
                    bytes: Err(format!("unreadable member: {e}")),
                }) {
                    return Ok(false);
                }
                continue;
            }
        };
        // A name that is not valid text is shown lossily rather than dropped.
        let name = match entry.name() {
            Ok(n) => n.to_string(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if entry.is_dir() || name.ends_with('/') {
            continue;
        }
        let (path, r) = member(shown, rel, &name);
        let declared = entry.size();
        let packed = entry.compressed_size().max(1);
        let bytes = if declared > MAX_MEMBER_BYTES || declared / packed > MAX_RATIO {
            Err(format!("refused: {declared} bytes unpacked from {packed} (limits {} MiB, ratio {MAX_RATIO}:1)", MAX_MEMBER_BYTES >> 20))
        } else {
            read_limited(&mut entry)
        };
        if !emit(sink, path, r, bytes) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn read_tar(reader: impl Read, shown: &str, rel: &str, sink: &mut Sink) -> Result<bool, String> {
    let mut ar = tar::Archive::new(reader);
    let entries = ar.entries().map_err(|e| e.to_string())?;
    for entry in entries {
        let mut entry = entry.map_err(|e| e.to_string())?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "?".into());
        let (path, r) = member(shown, rel, &name);
        if !emit(sink, path, r, read_limited(&mut entry)) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A path below `dir` for `rel`, never outside it: `..`, roots and prefixes are dropped.
pub fn safe_join(dir: &Path, rel: &str) -> PathBuf {
    let mut out = dir.to_path_buf();
    for part in rel.split(['/', '\\']) {
        match part {
            "" | "." | ".." => {}
            p if p.contains(':') && cfg!(windows) => {}
            p => out.push(p.replace('!', "")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_stays_inside() {
        let d = Path::new("/out");
        assert_eq!(
            safe_join(d, "../../etc/passwd"),
            PathBuf::from("/out/etc/passwd")
        );
        assert_eq!(safe_join(d, "/etc/x"), PathBuf::from("/out/etc/x"));
        assert_eq!(
            safe_join(d, "a.zip!/in/b.txt"),
            PathBuf::from("/out/a.zip/in/b.txt")
        );
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0"));
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\0\0\0"));
        assert!(!looks_binary("会议召开".as_bytes()));
        let utf16: Vec<u8> = "会议 ok abc"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(!looks_binary(&utf16));
        let no_bom: Vec<u8> = "会议强调，要抓好落实。全省法院要牢固树立总体国家安全观。"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(!looks_binary(&no_bom));
        let mut with_nul = "会议强调，要抓好落实。".repeat(4).into_bytes();
        with_nul.insert(9, 0);
        assert!(!looks_binary(&with_nul));
    }
}
