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
}
