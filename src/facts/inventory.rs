//! Inventory: the files of a root and what each one is (source, document, vendored, …).
//!
//! In a repository the files are those tracked at HEAD, read from HEAD's blobs (so `.gitignore`
//! is honoured and the committed state is what is judged); in a plain folder every file on
//! disk, symlinks not followed. This stage only records facts: it never judges them, and it
//! never writes anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::warning::Warning;
use crate::discover::{Root, RootKind};
use crate::error::{Error, Result};
use crate::settings::Globs;

/// Files larger than this are not read (their class is `huge`).
pub const MAX_READ_BYTES: u64 = 5 * 1024 * 1024;
/// How much of a file is looked at for a NUL byte or a "generated" header.
const SNIFF_BYTES: usize = 8 * 1024;

pub use crate::base::file_class::FileClass;

/// One file of the inventory.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileEntry {
    /// Repository-relative path with `/`.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// What it is.
    pub class: FileClass,
    /// Last modification (unix seconds) for plain folders only: git dates come from history.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mtime: Option<i64>,
}

/// Read access to the files of a root at the state being judged.
pub struct Snapshot {
    /// The root.
    pub root: Root,
    /// The repository, for git roots.
    pub repo: Option<Repository>,
    /// HEAD's commit id, when there is one.
    pub head: Option<Oid>,
    /// The current branch name, when HEAD is on one.
    pub branch: Option<String>,
    blobs: BTreeMap<String, Oid>,
}

impl Snapshot {
    /// Opens a root for reading.
    pub fn open(root: &Root) -> Result<Snapshot> {
        let mut snapshot = Snapshot {
            root: root.clone(),
            repo: None,
            head: None,
            branch: None,
            blobs: BTreeMap::new(),
        };
        if root.kind != RootKind::Folder {
            let repo = crate::discover::open_repository(&root.path).map_err(|e| Error::Git {
                path: root.path.clone(),
                message: e.message().to_string(),
            })?;
            if let Ok(head) = repo.head() {
                snapshot.branch = head.shorthand().ok().filter(|_| head.is_branch()).map(str::to_string);
                snapshot.head = head.target();
            }
            snapshot.repo = Some(repo);
        }
        Ok(snapshot)
    }

    /// Reads a file's bytes (at HEAD for repositories, from disk for folders), at most 5 MiB.
    pub fn read(&self, path: &str) -> std::result::Result<Vec<u8>, String> {
        match &self.repo {
            Some(repo) => {
                let oid = self.blobs.get(path).ok_or_else(|| "not tracked at HEAD".to_string())?;
                let blob = repo
                    .find_blob(*oid)
                    .map_err(|e| format!("cannot read blob {oid}: {}", e.message()))?;
                if blob.size() as u64 > MAX_READ_BYTES {
                    return Err(format!("larger than {} MiB, not read", MAX_READ_BYTES >> 20));
                }
                Ok(blob.content().to_vec())
            }
            None => {
                let full = self.root.path.join(path);
                let meta = std::fs::symlink_metadata(&full).map_err(|e| e.to_string())?;
                if meta.len() > MAX_READ_BYTES {
                    return Err(format!("larger than {} MiB, not read", MAX_READ_BYTES >> 20));
                }
                std::fs::read(&full).map_err(|e| e.to_string())
            }
        }
    }

    /// Reads a file as text, decoding invalid UTF-8 lossily with a warning.
    pub fn read_text(&self, path: &str, warnings: &mut Vec<Warning>) -> Option<String> {
        match self.read(path) {
            Ok(bytes) => Some(match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    warnings.push(Warning::new(
                        "invalid_utf8",
                        Some(path),
                        "not valid UTF-8: decoded lossily",
                    ));
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            }),
            Err(message) => {
                warnings.push(Warning::new("unreadable", Some(path), &message));
                None
            }
        }
    }
}

/// The inventory of a root.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Inventory {
    /// Every file, sorted by path.
    pub files: Vec<FileEntry>,
}

impl Inventory {
    /// Paths of the files of a class, in path order.
    pub fn paths_of(&self, class: FileClass) -> Vec<String> {
        self.files
            .iter()
            .filter(|f| f.class == class)
            .map(|f| f.path.clone())
            .collect()
    }

    /// The class of a path, if it is in the inventory.
    pub fn class_of(&self, path: &str) -> Option<FileClass> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| self.files[i].class)
    }

    /// Counts per class, for the report.
    pub fn counts(&self) -> BTreeMap<FileClass, usize> {
        let mut counts = BTreeMap::new();
        for file in &self.files {
            *counts.entry(file.class).or_insert(0) += 1;
        }
        counts
    }
}

/// Lists and classifies the files of a root.
pub fn gather(snapshot: &mut Snapshot, exclude: &Globs, warnings: &mut Vec<Warning>) -> Inventory {
    let mut raw = match &snapshot.repo {
        Some(repo) => list_git(repo, snapshot.head, &mut snapshot.blobs, warnings),
        None => list_folder(&snapshot.root.path, warnings),
    };
    raw.sort_by(|a, b| a.path.cmp(&b.path));
    let attributes = Attributes::load(snapshot, warnings);
    for file in &mut raw {
        if file.class != FileClass::Source {
            continue;
        }
        file.class = classify(snapshot, &file.path, file.size, exclude, &attributes);
        if file.class == FileClass::Huge {
            let message = format!(
                "{} MiB, over the {} MiB read limit: not read, not measured",
                file.size >> 20,
                MAX_READ_BYTES >> 20
            );
            warnings.push(Warning::new("huge", Some(&file.path), &message));
        }
    }
    Inventory { files: raw }
}

fn list_git(
    repo: &Repository,
    head: Option<Oid>,
    blobs: &mut BTreeMap<String, Oid>,
    warnings: &mut Vec<Warning>,
) -> Vec<FileEntry> {
    let Some(head) = head else {
        warnings.push(Warning::new(
            "empty_repository",
            None,
            "the repository has no commits on HEAD",
        ));
        return Vec::new();
    };
    let tree = match repo.find_commit(head).and_then(|c| c.tree()) {
        Ok(tree) => tree,
        Err(e) => {
            warnings.push(Warning::new(
                "corrupt",
                None,
                &format!("cannot read HEAD's tree ({head}): {}", e.message()),
            ));
            return Vec::new();
        }
    };
    let odb = repo.odb().ok();
    let mut files = Vec::new();
    let _ = tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
        let path = format!("{dir}{}", String::from_utf8_lossy(entry.name_bytes()));
        let class = match entry.kind() {
            Some(ObjectType::Blob) if entry.filemode() == 0o120000 => FileClass::Symlink,
            Some(ObjectType::Blob) => FileClass::Source,
            Some(ObjectType::Commit) => FileClass::Submodule,
            _ => return TreeWalkResult::Ok,
        };
        let size = match (&odb, class) {
            (Some(odb), FileClass::Source) => match odb.read_header(entry.id()) {
                Ok((size, _)) => size as u64,
                Err(e) => {
                    warnings.push(Warning::new(
                        "corrupt",
                        Some(&path),
                        &format!("object {} unreadable: {}", entry.id(), e.message()),
                    ));
                    return TreeWalkResult::Ok;
                }
            },
            _ => 0,
        };
        if class == FileClass::Source {
            blobs.insert(path.clone(), entry.id());
        }
        files.push(FileEntry {
            path,
            size,
            class,
            mtime: None,
        });
        TreeWalkResult::Ok
    });
    files
}

fn list_folder(root: &Path, warnings: &mut Vec<Warning>) -> Vec<FileEntry> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.file_type().is_dir() && matches!(e.file_name().to_str(), Some(".git" | ".hg" | ".svn"))));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p));
                warnings.push(Warning::new("unreadable", path.as_deref(), &e.to_string()));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = relative(root, entry.path());
        let meta = entry.metadata().ok();
        let class = if entry.path_is_symlink() {
            FileClass::Symlink
        } else {
            FileClass::Source
        };
        files.push(FileEntry {
            size: meta.as_ref().map_or(0, |m| m.len()),
            mtime: meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_secs() as i64)),
            path,
            class,
        });
    }
    files
}

fn relative(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn classify(snapshot: &Snapshot, path: &str, size: u64, exclude: &Globs, attributes: &Attributes) -> FileClass {
    if exclude.is_match(path) {
        return FileClass::Excluded;
    }
    if let Some(class) = path_class(path) {
        return class;
    }
    if let Some(class) = attributes.class_of(path) {
        return class;
    }
    if size > MAX_READ_BYTES {
        return FileClass::Huge;
    }
    if super::documents::doc_format(path).is_some() {
        return FileClass::Document;
    }
    match snapshot.read(path) {
        Ok(bytes) => content_class(&bytes),
        // Unreadable here is reported when (if) the file is read for a measure.
        Err(_) => FileClass::Source,
    }
}

/// The class a path has by its name alone: vendored folders, lock files, minified files.
pub fn path_class(path: &str) -> Option<FileClass> {
    const VENDORED: &[&str] = &[
        "vendor",
        "node_modules",
        "third_party",
        "third-party",
        "bower_components",
        "Pods",
    ];
    let mut segments = path.split('/');
    let file = segments.next_back().unwrap_or(path);
    if path.split('/').rev().skip(1).any(|s| VENDORED.contains(&s)) {
        return Some(FileClass::Vendored);
    }
    const LOCKS: &[&str] = &[
        "Cargo.lock",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "Gemfile.lock",
        "poetry.lock",
        "Pipfile.lock",
        "composer.lock",
        "go.sum",
        "uv.lock",
        "flake.lock",
        "mix.lock",
        "pubspec.lock",
        "Podfile.lock",
        "packages.lock.json",
        "gradle.lockfile",
    ];
    if LOCKS.contains(&file) {
        return Some(FileClass::Lock);
    }
    if file.ends_with(".min.js") || file.ends_with(".min.css") || file.ends_with(".min.mjs") {
        return Some(FileClass::Minified);
    }
    None
}

/// The class a file has by its first bytes: binary, generated, else source.
pub fn content_class(bytes: &[u8]) -> FileClass {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return FileClass::Binary;
    }
    // Generators put their marker in the first lines; looking further finds docs quoting it.
    let first_lines: Vec<u8> = head
        .split(|&b| b == b'\n')
        .take(5)
        .flat_map(|l| l.iter().copied().chain([b'\n']))
        .collect();
    let first_lines = String::from_utf8_lossy(&first_lines);
    if first_lines.contains("DO NOT EDIT") || first_lines.contains("@generated") {
        return FileClass::Generated;
    }
    FileClass::Source
}

/// `linguist-generated` and `linguist-vendored` from the root `.gitattributes`.
struct Attributes {
    generated: Globs,
    vendored: Globs,
}

impl Attributes {
    fn load(snapshot: &Snapshot, warnings: &mut Vec<Warning>) -> Attributes {
        let mut generated = Vec::new();
        let mut vendored = Vec::new();
        let text = match snapshot.read(".gitattributes") {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => String::new(),
        };
        for (number, line) in text.lines().enumerate() {
            let mut words = line.split_whitespace();
            let Some(pattern) = words.next().filter(|p| !p.starts_with('#')) else {
                continue;
            };
            for attr in words {
                let target = match attr {
                    "linguist-generated" | "linguist-generated=true" => &mut generated,
                    "linguist-vendored" | "linguist-vendored=true" => &mut vendored,
                    _ => continue,
                };
                match attribute_globs(pattern) {
                    Some(globs) => target.extend(globs),
                    None => warnings.push(Warning::at(
                        "bad_pattern",
                        ".gitattributes",
                        number + 1,
                        &format!("pattern `{pattern}` not understood"),
                    )),
                }
            }
        }
        Attributes {
            generated: Globs::lenient(&generated),
            vendored: Globs::lenient(&vendored),
        }
    }

    fn class_of(&self, path: &str) -> Option<FileClass> {
        if self.vendored.is_match(path) {
            Some(FileClass::Vendored)
        } else if self.generated.is_match(path) {
            Some(FileClass::Generated)
        } else {
            None
        }
    }
}

/// A gitattributes pattern as globs: anchored when it has a `/`, else at any depth; a folder
/// pattern also covers what is below it.
fn attribute_globs(pattern: &str) -> Option<Vec<String>> {
    let trimmed = pattern.trim_end_matches('/');
    let anchored = trimmed.trim_start_matches('/');
    let base = if trimmed.contains('/') {
        anchored.to_string()
    } else {
        format!("**/{anchored}")
    };
    Globs::new(&[&base]).ok()?;
    Some(vec![base.clone(), format!("{base}/**")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_classes() {
        let cases = [
            ("vendor/github.com/x/y.go", Some(FileClass::Vendored)),
            ("web/node_modules/a/index.js", Some(FileClass::Vendored)),
            ("src/third_party/lib.c", Some(FileClass::Vendored)),
            ("vendor", None),
            ("Cargo.lock", Some(FileClass::Lock)),
            ("web/yarn.lock", Some(FileClass::Lock)),
            ("static/app.min.js", Some(FileClass::Minified)),
            ("src/vendors.rs", None),
            ("src/main.rs", None),
        ];
        for (path, expected) in cases {
            assert_eq!(path_class(path), expected, "{path}");
        }
    }

    #[test]
    fn content_classes() {
        assert_eq!(content_class(b"fn main() {}\n"), FileClass::Source);
        assert_eq!(content_class(b"\x89PNG\r\n\x1a\n\0\0"), FileClass::Binary);
        assert_eq!(
            content_class(b"// Code generated by protoc. DO NOT EDIT.\npackage x\n"),
            FileClass::Generated
        );
        assert_eq!(content_class(b"a\nb\nc\nd\ne\nf\n// DO NOT EDIT\n"), FileClass::Source);
    }

    #[test]
    fn attribute_patterns() {
        assert_eq!(attribute_globs("*.pb.go").unwrap()[0], "**/*.pb.go");
        assert_eq!(
            attribute_globs("/gen/").unwrap(),
            vec!["gen".to_string(), "gen/**".to_string()]
        );
    }
}
