//! File classes: what a file is as far as the measures are concerned (source, document,
//! vendored, generated, …). The inventory decides them; checks and the report count by them.

/// What a file is, as far as the measures are concerned.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FileClass {
    /// Code, config, scripts, tests: what people must know.
    Source,
    /// A document (see `documents::doc_format`).
    Document,
    /// Third-party code kept in the tree (vendor/, node_modules/, third_party/, linguist-vendored).
    Vendored,
    /// Generated code (linguist-generated, a "DO NOT EDIT" or "@generated" header).
    Generated,
    /// A dependency lock file.
    Lock,
    /// Minified JavaScript or CSS.
    Minified,
    /// A NUL byte in the first 8 KiB.
    Binary,
    /// Larger than 5 MiB: not read.
    Huge,
    /// Left out by the config's `exclude` globs.
    Excluded,
    /// A symbolic link: never followed.
    Symlink,
    /// A git submodule: listed, not descended.
    Submodule,
    /// A git-lfs pointer: the content lives on an LFS server, not in the repository; never
    /// read as text (a document stored this way is not measured, and a warning says so).
    LfsPointer,
}

/// What a file on disk is, for a message about one that is not a regular file (only regular
/// files are opened inside a scanned root: a named pipe would block the read forever).
pub fn describe_file_type(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}
