//! Inventory: the files of a root and what each one is (source, document, vendored, …).
//!
//! In a repository the files are those tracked at HEAD, read from HEAD's blobs (so `.gitignore`
//! is honoured and the committed state is what is judged); in a plain folder every regular file
//! on disk, symlinks not followed, and nothing else opened (a named pipe would block a read
//! forever). This stage only records facts: it never judges them, and it never writes anything.
//!
//! A repository whose HEAD cannot be read whole (a tree or blob missing, a truncated pack) is
//! an error for that root, not an inventory of what happened to be readable: a report on part
//! of a tree would be wrong in silence (issue 11). Paths from git are never rewritten
//! (`base::git_path`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, Tree};

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
    /// The first blob of HEAD that could not be read: the repository is damaged, and the facts
    /// gathered from it must not be reported (`check_intact`).
    damage: RefCell<Option<String>>,
    /// A partial clone (`extensions.partialClone`): blobs may be missing by design.
    partial_clone: bool,
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
            damage: RefCell::new(None),
            partial_clone: false,
        };
        if root.kind != RootKind::Folder {
            let git_error = |message: String| Error::Git {
                path: root.path.clone(),
                message,
            };
            let repo = crate::discover::open_repository(&root.path).map_err(|e| git_error(e.message().to_string()))?;
            match repo.head() {
                Ok(head) => {
                    snapshot.branch = head.shorthand().ok().filter(|_| head.is_branch()).map(str::to_string);
                    snapshot.head = head.target();
                }
                // An empty repository, or HEAD on a branch with no commit yet: no files.
                Err(e) if e.code() == git2::ErrorCode::UnbornBranch => {}
                // Anything else (`.git/HEAD` holding garbage, a broken symbolic ref) is not "no
                // commits": the state to judge is unknown.
                Err(e) => return Err(git_error(corrupt(&format!("cannot read HEAD: {}", e.message())))),
            }
            snapshot.partial_clone = repo
                .config()
                .and_then(|c| c.get_string("extensions.partialclone"))
                .is_ok();
            snapshot.repo = Some(repo);
        }
        Ok(snapshot)
    }

    /// An error when a blob of HEAD could not be read while gathering: the repository is
    /// damaged and what was gathered from it is not to be reported.
    pub fn check_intact(&self) -> Result<()> {
        match self.damage.borrow().as_ref() {
            Some(message) => Err(Error::Git {
                path: self.root.path.clone(),
                message: corrupt(message),
            }),
            None => Ok(()),
        }
    }

    fn record_damage(&self, message: &str) {
        let mut damage = self.damage.borrow_mut();
        if damage.is_none() && !self.partial_clone {
            *damage = Some(message.to_string());
        }
    }

    /// Reads a file's bytes (at HEAD for repositories, from disk for folders), at most 5 MiB.
    pub fn read(&self, path: &str) -> std::result::Result<Vec<u8>, String> {
        match &self.repo {
            Some(repo) => {
                let oid = self.blobs.get(path).ok_or_else(|| "not tracked at HEAD".to_string())?;
                let blob = repo.find_blob(*oid).map_err(|e| {
                    let message = format!("cannot read blob {oid} ({path}): {}", e.message());
                    self.record_damage(&message);
                    message
                })?;
                if blob.size() as u64 > MAX_READ_BYTES {
                    return Err(format!("larger than {} MiB, not read", MAX_READ_BYTES >> 20));
                }
                Ok(blob.content().to_vec())
            }
            None => {
                let full = self.root.path.join(path);
                let meta = std::fs::symlink_metadata(&full).map_err(|e| e.to_string())?;
                // Only regular files are opened: opening a named pipe blocks until someone
                // writes to it, a device may never end.
                if !meta.file_type().is_file() {
                    return Err(format!(
                        "{}: not read",
                        crate::base::file_class::describe_file_type(&meta.file_type())
                    ));
                }
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

/// Lists and classifies the files of a root; a repository whose HEAD cannot be read whole is
/// an error.
pub fn gather(snapshot: &mut Snapshot, exclude: &Globs, warnings: &mut Vec<Warning>) -> Result<Inventory> {
    let mut raw = match &snapshot.repo {
        Some(repo) => list_git(
            repo,
            snapshot.head,
            snapshot.partial_clone,
            &mut snapshot.blobs,
            warnings,
        )
        .map_err(|message| Error::Git {
            path: snapshot.root.path.clone(),
            message: corrupt(&message),
        })?,
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
    Ok(Inventory { files: raw })
}

/// The message of an error for a damaged repository, with where to look further.
fn corrupt(what: &str) -> String {
    format!("{what}; the repository is corrupt or incomplete (`git fsck --full` lists what is wrong): not scanned")
}

/// HEAD's files. The tree is walked with names as bytes, so that a folder whose name is not
/// UTF-8 is listed like any other (libgit2's own walk, through git2, stops at the first such
/// name: issue 11). `Err` names the first tree or blob that cannot be read; in a partial clone a
/// missing blob is a warning instead.
fn list_git(
    repo: &Repository,
    head: Option<Oid>,
    partial_clone: bool,
    blobs: &mut BTreeMap<String, Oid>,
    warnings: &mut Vec<Warning>,
) -> std::result::Result<Vec<FileEntry>, String> {
    let Some(head) = head else {
        warnings.push(Warning::new(
            "empty_repository",
            None,
            "the repository has no commits on HEAD",
        ));
        return Ok(Vec::new());
    };
    let tree = repo
        .find_commit(head)
        .map_err(|e| format!("cannot read HEAD's commit {head}: {}", e.message()))?
        .tree()
        .map_err(|e| format!("cannot read HEAD's tree (commit {head}): {}", e.message()))?;
    let odb = repo
        .odb()
        .map_err(|e| format!("cannot open the object database: {}", e.message()))?;
    let mut listed = Vec::new();
    walk_tree(repo, &tree, &mut Vec::new(), &mut listed)?;
    let mut files = Vec::with_capacity(listed.len());
    let mut seen = std::collections::HashSet::new();
    for (raw_path, class, id) in listed {
        let (path, lossy) = crate::base::git_path::decode_owned(&raw_path);
        if lossy {
            warnings.push(Warning::new(
                "invalid_utf8",
                Some(&path),
                "path is not valid UTF-8: listed with U+FFFD in place of the invalid bytes",
            ));
        }
        if !seen.insert(path.clone()) {
            warnings.push(Warning::new(
                "invalid_utf8",
                Some(&path),
                "another path decodes to the same text: listed once",
            ));
            continue;
        }
        let size = match class {
            FileClass::Source => match odb.read_header(id) {
                Ok((size, _)) => size as u64,
                Err(e) if partial_clone => {
                    let message = format!("object {id} missing (a partial clone): {}", e.message());
                    warnings.push(Warning::new("missing_object", Some(&path), &message));
                    continue;
                }
                Err(e) => return Err(format!("cannot read blob {id} ({path}): {}", e.message())),
            },
            _ => 0,
        };
        if class == FileClass::Source {
            blobs.insert(path.clone(), id);
        }
        files.push(FileEntry {
            path,
            size,
            class,
            mtime: None,
        });
    }
    Ok(files)
}

/// Every blob, symlink and submodule under `tree`, with its path as bytes (`prefix` + name).
fn walk_tree(
    repo: &Repository,
    tree: &Tree<'_>,
    prefix: &mut Vec<u8>,
    out: &mut Vec<(Vec<u8>, FileClass, Oid)>,
) -> std::result::Result<(), String> {
    for entry in tree.iter() {
        let len = prefix.len();
        if len > 0 {
            prefix.push(b'/');
        }
        prefix.extend_from_slice(entry.name_bytes());
        match entry.kind() {
            Some(ObjectType::Tree) => {
                let subtree = repo.find_tree(entry.id()).map_err(|e| {
                    format!(
                        "cannot read tree {} ({}): {}",
                        entry.id(),
                        crate::base::git_path::decode(prefix),
                        e.message()
                    )
                })?;
                walk_tree(repo, &subtree, prefix, out)?;
            }
            Some(ObjectType::Blob) if entry.filemode() == 0o120000 => {
                out.push((prefix.clone(), FileClass::Symlink, entry.id()))
            }
            Some(ObjectType::Blob) => out.push((prefix.clone(), FileClass::Source, entry.id())),
            Some(ObjectType::Commit) => out.push((prefix.clone(), FileClass::Submodule, entry.id())),
            _ => {}
        }
        prefix.truncate(len);
    }
    Ok(())
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
        let class = if entry.path_is_symlink() {
            FileClass::Symlink
        } else if entry.file_type().is_file() {
            FileClass::Source
        } else {
            // A named pipe, socket or device: never opened (reading a pipe blocks forever).
            let message = format!(
                "{}: skipped, only regular files are read",
                crate::base::file_class::describe_file_type(&entry.file_type())
            );
            warnings.push(Warning::new("not_regular", Some(&path), &message));
            continue;
        };
        let meta = entry.metadata().ok();
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

/// Whether a file's bytes are a git-lfs pointer, as the LFS specification defines one: under
/// 1024 bytes, a first line `version https://git-lfs.github.com/spec/v1` (or the pre-release
/// `hawser` URL), an `oid sha256:` line and a `size` line.
pub fn is_lfs_pointer(bytes: &[u8]) -> bool {
    const VERSIONS: [&[u8]; 2] = [
        b"version https://git-lfs.github.com/spec/v1\n",
        b"version https://hawser.github.com/spec/v1\n",
    ];
    bytes.len() < 1024
        && VERSIONS.iter().any(|v| bytes.starts_with(v))
        && bytes.split(|&b| b == b'\n').any(|l| l.starts_with(b"oid sha256:"))
        && bytes.split(|&b| b == b'\n').any(|l| l.starts_with(b"size "))
}

/// The class a file has by its first bytes: a git-lfs pointer, binary, generated, else source.
pub fn content_class(bytes: &[u8]) -> FileClass {
    if is_lfs_pointer(bytes) {
        return FileClass::LfsPointer;
    }
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
        assert_eq!(content_class(LFS_POINTER), FileClass::LfsPointer);
    }

    const LFS_POINTER: &[u8] = b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";

    #[test]
    fn lfs_pointers_are_told_by_their_three_lines() {
        assert!(is_lfs_pointer(LFS_POINTER));
        assert!(!is_lfs_pointer(b"version https://git-lfs.github.com/spec/v1\n"));
        assert!(!is_lfs_pointer(
            b"# About git-lfs\n\nversion https://git-lfs.github.com/spec/v1\n"
        ));
        let long = [LFS_POINTER, &[b'x'; 1024][..]].concat();
        assert!(!is_lfs_pointer(&long));
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

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// A tree of `folders`, each holding `files`, with names of any bytes git accepts.
    fn commit_tree(repo: &Repository, folders: &[(Vec<u8>, Vec<Vec<u8>>)]) -> Oid {
        let blob = repo.blob(b"x\n").unwrap();
        let mut root = repo.treebuilder(None).unwrap();
        for (folder, files) in folders {
            let mut inner = repo.treebuilder(None).unwrap();
            for file in files {
                // libgit2 refuses some names (`.`, `..`, `.git`): such an entry is not written.
                let _ = inner.insert(file.clone(), blob, 0o100644);
            }
            if inner.is_empty() {
                continue;
            }
            let _ = root.insert(folder.clone(), inner.write().unwrap(), 0o040000);
        }
        let tree = repo.find_tree(root.write().unwrap()).unwrap();
        let who = git2::Signature::new("A", "a@example.com", &git2::Time::new(0, 0)).unwrap();
        repo.commit(Some("HEAD"), &who, &who, "m", &tree, &[]).unwrap()
    }

    fn name() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            any::<u8>().prop_filter("no NUL or slash", |b| *b != 0 && *b != b'/'),
            1..12,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever bytes the names of folders and files hold, every blob of HEAD is listed
        /// (or, when two names decode to the same text, said), and the listing never panics.
        #[test]
        fn every_blob_of_any_tree_is_listed(
            folders in proptest::collection::vec((name(), proptest::collection::vec(name(), 1..4)), 1..5)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let repo = Repository::init(dir.path()).unwrap();
            let head = commit_tree(&repo, &folders);
            // The blobs written: two levels, counted entry by entry (git2's own walk would stop
            // at the first folder name that is not UTF-8).
            let root = repo.find_commit(head).unwrap().tree().unwrap();
            let written: usize = root
                .iter()
                .map(|folder| repo.find_tree(folder.id()).unwrap().len())
                .sum();
            let mut warnings = Vec::new();
            let listed = list_git(&repo, Some(head), false, &mut BTreeMap::new(), &mut warnings).unwrap();
            let merged = warnings.iter().filter(|w| w.message.contains("decodes to the same text")).count();
            prop_assert_eq!(listed.len() + merged, written);
            for warning in &warnings {
                let path = warning.path.as_deref().unwrap_or_default();
                prop_assert!(listed.iter().any(|f| f.path == path), "{warning:?}");
            }
        }
    }
}
