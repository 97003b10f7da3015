//! The exit inventory (issue 14, DESIGN §10): what ties the systems to the vendor, read from
//! the tracked files only, never from the network.
//!
//! Reads the inventory's files (path, size, class), their text through a `read` function, the
//! vendor's `[organisations]` matchers and the text of the access inventory documents; produces
//! an [`ExitInventory`]: systems hosted under vendor domains (`hosted`), vendor people in
//! operational paths (`people`), infrastructure the vendor runs (`infra`), the names of the
//! credentials to rotate and value-looking literals committed beside them (`secrets`), and
//! rebuild readiness (`rebuild`). Every item carries its file and line.
//!
//! Each file is read at most once, and only when its name says a concern needs it (documents,
//! configs, CI pipelines, code that may read the environment); files over 1 MiB are skipped and
//! listed. Secret values are never kept. No judgement here: the checks in `checks/` decide.

mod files;
mod hosted;
mod infra;
mod model;
mod people;
mod rebuild;
mod secrets;
mod text;
mod vendor;
mod yaml;

pub use model::{
    BaseImage, BuildInstructions, CiPipeline, CommittedValue, Credential, CredentialSource, CredentialUse, EnvVar,
    ExitInventory, HostKind, HostReference, HostedSystem, IacKind, ImagePin, InfraItem, InfraKind, Location,
    OperationalPath, OpsContext, PackageManager, PersonAt, RebuildFacts, Toolchain,
};
pub use secrets::redact;
pub use vendor::Vendor;

use crate::facts::inventory::{FileClass, FileEntry};
use files::FileView;

/// Files larger than this are not read by the exit inventory.
pub const MAX_BYTES: u64 = 1 << 20;

/// What the exit inventory reads.
pub struct ExitInput<'a> {
    /// The root's files (tracked files at HEAD, or a folder's files), in path order.
    pub files: &'a [FileEntry],
    /// Reads a file's text (lossily decoded), `None` when it cannot be read.
    pub read: &'a dyn Fn(&str) -> Option<String>,
    /// The vendor's matchers.
    pub vendor: &'a Vendor,
    /// The access inventory documents (documents of kind `access`): path and text.
    pub access: &'a [(String, String)],
}

/// Gathers the exit inventory of one root.
pub fn gather(input: &ExitInput) -> ExitInventory {
    let vendor = input.vendor;
    let mut hosted = hosted::Hosted::default();
    let mut people = people::People::default();
    let mut infra = infra::Infra::default();
    let mut secrets = secrets::Secrets::default();
    let mut rebuild = rebuild::Rebuild::default();
    let mut skipped = Vec::new();
    for file in input.files.iter().filter(|f| files::considered(f.class)) {
        rebuild.see(&file.path);
        if file.class == FileClass::Lock {
            continue;
        }
        let document = file.class == FileClass::Document;
        let config = files::is_config(&file.path);
        if !(document || config || files::is_code(&file.path)) {
            continue;
        }
        if file.size > MAX_BYTES {
            skipped.push(file.path.clone());
            continue;
        }
        let Some(text) = (input.read)(&file.path) else {
            continue;
        };
        if text.len() as u64 > MAX_BYTES {
            skipped.push(file.path.clone());
            continue;
        }
        let name = files::file_name(&file.path);
        let view = FileView {
            path: &file.path,
            name,
            ext: files::extension(name),
            text: &text,
            document,
            config,
            ci: files::ci_system(&file.path),
        };
        if vendor.is_configured() {
            hosted.visit(&view, vendor);
            people.visit(&view, vendor);
            infra.visit(&view, vendor);
        } else if view.ci.is_some() {
            infra.visit(&view, vendor); // CI pipelines still count for rebuild readiness
        }
        secrets.visit(&view);
        rebuild.visit(&view);
    }
    let (infrastructure, pipelines) = infra.finish();
    let (credentials, committed_values) = secrets.finish(input.access);
    ExitInventory {
        vendor_configured: vendor.is_configured(),
        hosted: hosted.finish(),
        operations: people.finish(),
        infrastructure: if vendor.is_configured() {
            infrastructure
        } else {
            Vec::new()
        },
        credentials,
        committed_values,
        rebuild: rebuild.finish(pipelines),
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn entry(path: &str, class: FileClass, size: u64) -> FileEntry {
        FileEntry {
            path: path.to_string(),
            size,
            class,
            mtime: None,
        }
    }

    #[test]
    fn files_are_read_once_by_need_and_big_ones_skipped() {
        let texts: BTreeMap<&str, &str> = [
            ("README.md", "See https://wiki.acme-outsourcing.com/x\n"),
            ("src/main.rs", "fn main() { std::env::var(\"API_URL\"); }\n"),
            ("logo.svg", "<svg/>"),
            ("Cargo.lock", ""),
        ]
        .into_iter()
        .collect();
        let reads = std::cell::RefCell::new(Vec::new());
        let read = |p: &str| {
            reads.borrow_mut().push(p.to_string());
            texts.get(p).map(|t| t.to_string())
        };
        let files = vec![
            entry("Cargo.lock", FileClass::Lock, 1),
            entry("README.md", FileClass::Document, 40),
            entry("big.yaml", FileClass::Source, MAX_BYTES + 1),
            entry("logo.svg", FileClass::Source, 6),
            entry("src/main.rs", FileClass::Source, 40),
            entry("vendor/x.yaml", FileClass::Vendored, 10),
        ];
        let vendor = vendor::acme();
        let inventory = gather(&ExitInput {
            files: &files,
            read: &read,
            vendor: &vendor,
            access: &[],
        });
        assert_eq!(*reads.borrow(), vec!["README.md", "src/main.rs"]);
        assert_eq!(inventory.skipped, vec!["big.yaml"]);
        assert_eq!(inventory.hosted[0].host, "wiki.acme-outsourcing.com");
        assert_eq!(inventory.rebuild.env_vars[0].name, "API_URL");
        assert!(inventory.vendor_configured);
    }
}

/// The inventory reads untrusted text: any file, in any place, must give a result, never a
/// panic (DESIGN §9, parsers fuzzed).
#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const PATHS: [&str; 16] = [
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        "Jenkinsfile",
        "monitoring/alertmanager.yml",
        "deploy/app.yaml",
        "infra/main.tf",
        "Dockerfile",
        ".env.example",
        ".npmrc",
        "CODEOWNERS",
        "OWNERS",
        "README.md",
        "docs/on-call.md",
        "go.mod",
        "src/app.py",
        "charts/x/Chart.yaml",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_text_anywhere_gives_an_inventory(
            text in "(?s)[ -~\\n\\t@:/.{}\\[\\]$\"'#=é-]{0,400}|\\PC{0,200}",
            extra in "(?s)(secrets\\.|runs-on: |receivers:\\n  - name: |FROM |backend \"|secretKeyRef:\\n  name: |@acme-outsourcing\\.com|https://x\\.acme-outsourcing\\.com/|ghp_)[ -~é\\n]{0,60}",
        ) {
            let body = format!("{text}\n{extra}\n{text}");
            let files: Vec<FileEntry> = PATHS
                .iter()
                .map(|p| FileEntry {
                    path: p.to_string(),
                    size: body.len() as u64,
                    class: if p.ends_with(".md") { FileClass::Document } else { FileClass::Source },
                    mtime: None,
                })
                .collect();
            let read = |_: &str| Some(body.clone());
            let vendor = vendor::acme();
            let access = vec![("docs/access.md".to_string(), body.clone())];
            let inventory = gather(&ExitInput { files: &files, read: &read, vendor: &vendor, access: &access });
            for value in &inventory.committed_values {
                prop_assert!(value.redacted.chars().count() <= 5);
            }
            prop_assert!(inventory.hosted.iter().all(|h| h.references.iter().all(|r| r.line >= 1)));
        }
    }
}
