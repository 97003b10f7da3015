//! Services: the deployable units of a repository, and the runbook each one maps to.
//!
//! A service is a directory with a deployable (Dockerfile, Chart.yaml, a package.json with
//! `main`/`bin`, a Cargo binary, pyproject scripts, a Go `package main`), a platform manifest
//! that declares one (a Heroku `Procfile`, a Cloud Foundry `manifest.yml` with `applications:`,
//! an App Engine `app.yaml`, `fly.toml`, `render.yaml`, a Kubernetes `Deployment`), a
//! catalog-info.yaml Component, or one declared in `[[services]]`. Test, fixture and example
//! folders hold no services, nor do development-only folders (`.devcontainer/`, `.github/`,
//! `.gitlab/`, `tools/`…: a dev container or a CI image is not deployed; issue 15), and a
//! deployable nested inside a service does not make another. Mapping a runbook is a fact (which
//! file is its runbook, and why), not a judgement of it.

use std::collections::{BTreeMap, BTreeSet};

use super::document::Document;
use super::documents::DocKind;
use super::inventory::{FileClass, Inventory, Snapshot};
use super::warning::Warning;
use crate::settings::{DeclaredService, Globs};

/// One service.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Its name: catalog-info `metadata.name`, the config's, the folder's (the repository's for the root).
    pub name: String,
    /// Its folder, repository-relative (`.` for the root).
    pub path: String,
    /// Globs of its code.
    pub paths: Vec<String>,
    /// `paths`, compiled once when the service is found or declared.
    pub matcher: Globs,
    /// What made it a service (`Dockerfile`, `config`, …).
    pub found_by: String,
    /// Its runbook, when one maps to it.
    pub runbook: Option<String>,
    /// How the runbook was mapped (`declared`, `in the service folder`, `names the service`).
    pub runbook_reason: Option<String>,
}

impl Service {
    /// Whether a repository path belongs to this service.
    pub fn contains(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

/// Folder names under which deployables are test data, fuzzers or benchmarks, not services.
const NOT_SERVICE_DIRS: &[&str] = &[
    "test",
    "tests",
    "testdata",
    "fixtures",
    "fixture",
    "__fixtures__",
    "examples",
    "example",
    "samples",
    "e2e",
    "spec",
    "fuzz",
    "benches",
    "benchmarks",
];

/// Whether a folder lies under test data, fuzzers or benchmarks (also `tests-integration`,
/// `test_utils`: a test crate is no service, as seen in tokio).
fn is_test_folder(dir: &str) -> bool {
    dir.split('/').any(|segment| {
        NOT_SERVICE_DIRS.contains(&segment)
            || ["test-", "tests-", "test_", "tests_"]
                .iter()
                .any(|prefix| segment.starts_with(prefix))
    })
}

/// Folder names that hold development or CI tooling, never a deployed service: a Dockerfile
/// there builds a dev container, a CI image or a tool (issue 15).
const DEV_ONLY_DIRS: &[&str] = &[
    ".devcontainer",
    ".github",
    ".gitlab",
    ".circleci",
    ".buildkite",
    ".ci",
    ".vscode",
    ".idea",
    "tools",
    "tooling",
    "devtools",
    "dev-tools",
    "hack",
];

/// Whether a folder lies under development-only tooling (`.devcontainer`, `.github`, `tools`…).
fn is_dev_folder(dir: &str) -> bool {
    dir.split('/').any(|segment| DEV_ONLY_DIRS.contains(&segment))
}

/// Finds the services of a root and maps their runbooks.
pub fn gather(
    snapshot: &Snapshot,
    inventory: &Inventory,
    documents: &[Document],
    declared: &[DeclaredService],
    warnings: &mut Vec<Warning>,
) -> Vec<Service> {
    let tracked: BTreeSet<&str> = inventory.files.iter().map(|f| f.path.as_str()).collect();
    let mut found: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    for file in &inventory.files {
        if matches!(
            file.class,
            FileClass::Vendored | FileClass::Excluded | FileClass::Symlink | FileClass::Submodule
        ) {
            continue;
        }
        let (dir, name) = split(&file.path);
        if is_test_folder(dir) || is_dev_folder(dir) {
            continue;
        }
        if let Some(evidence) = deployable(snapshot, &tracked, dir, name, &file.path, warnings) {
            found.entry(dir.to_string()).or_insert(evidence);
        }
    }
    let declared: Vec<Service> = declared
        .iter()
        .map(|decl| Service {
            name: decl.name.clone(),
            path: decl
                .paths
                .patterns()
                .first()
                .map(|g| literal_prefix(g))
                .unwrap_or_else(|| ".".to_string()),
            paths: decl.paths.patterns().to_vec(),
            matcher: decl.paths.clone(),
            found_by: "config".to_string(),
            runbook: decl.runbook.clone(),
            runbook_reason: decl.runbook.as_ref().map(|_| "declared in config".to_string()),
        })
        .collect();
    let mut kept: Vec<(String, String, Option<String>)> = Vec::new();
    for (dir, (evidence, catalog_name)) in found {
        let nested = kept.iter().any(|(outer, _, _)| is_within(&dir, outer));
        let probe = if dir.is_empty() {
            "x".to_string()
        } else {
            format!("{dir}/x")
        };
        let covered = declared.iter().any(|s| s.contains(&probe));
        if !nested && !covered {
            kept.push((dir, evidence, catalog_name));
        }
    }
    let base_names: Vec<String> = kept
        .iter()
        .map(|(dir, _, catalog)| catalog.clone().unwrap_or_else(|| base_name(dir, &snapshot.root.name)))
        .collect();
    let mut services = declared;
    for (index, (dir, evidence, _)) in kept.iter().enumerate() {
        let collides = base_names.iter().filter(|n| **n == base_names[index]).count() > 1
            || services.iter().any(|s| s.name == base_names[index]);
        let name = if collides && !dir.is_empty() {
            dir.clone()
        } else {
            base_names[index].clone()
        };
        let paths = vec![if dir.is_empty() {
            "**".to_string()
        } else {
            format!("{dir}/**")
        }];
        services.push(Service {
            name,
            path: if dir.is_empty() { ".".to_string() } else { dir.clone() },
            matcher: Globs::lenient(&paths),
            paths,
            found_by: evidence.clone(),
            runbook: None,
            runbook_reason: None,
        });
    }
    let runbooks: Vec<&Document> = documents.iter().filter(|d| d.kind == DocKind::Runbook).collect();
    for service in &mut services {
        if service.runbook.is_none()
            && let Some((path, reason)) = map_runbook(service, &runbooks)
        {
            service.runbook = Some(path);
            service.runbook_reason = Some(reason.to_string());
        }
    }
    services.sort_by(|a, b| a.name.cmp(&b.name).then(a.path.cmp(&b.path)));
    services
}

fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

fn is_within(dir: &str, outer: &str) -> bool {
    outer.is_empty() || dir == outer || dir.starts_with(&format!("{outer}/"))
}

fn base_name(dir: &str, repo_name: &str) -> String {
    if dir.is_empty() {
        repo_name.to_string()
    } else {
        split(dir).1.to_string()
    }
}

/// The folder part of a glob before its first wildcard (`services/pay/**` → `services/pay`).
fn literal_prefix(glob: &str) -> String {
    let literal: Vec<&str> = glob
        .split('/')
        .take_while(|s| !s.contains(['*', '?', '[', '{']))
        .collect();
    if literal.is_empty() {
        ".".to_string()
    } else {
        literal.join("/")
    }
}

/// What makes `dir` deployable, if `name` (a file in it) does: evidence, and a catalog name.
fn deployable(
    snapshot: &Snapshot,
    tracked: &BTreeSet<&str>,
    dir: &str,
    name: &str,
    path: &str,
    warnings: &mut Vec<Warning>,
) -> Option<(String, Option<String>)> {
    let lower = name.to_ascii_lowercase();
    if lower == "dockerfile" || lower.starts_with("dockerfile.") || lower.ends_with(".dockerfile") {
        return Some(("Dockerfile".to_string(), None));
    }
    if name == "Chart.yaml" {
        return Some(("Helm chart".to_string(), None));
    }
    let sibling = |file: &str| {
        if dir.is_empty() {
            file.to_string()
        } else {
            format!("{dir}/{file}")
        }
    };
    match name {
        "package.json" => {
            let json: serde_json::Value = serde_json::from_str(&snapshot.read_text(path, warnings)?).ok()?;
            (json.get("main").is_some() || json.get("bin").is_some())
                .then(|| ("package.json main/bin".to_string(), None))
        }
        "Cargo.toml" => {
            let has_main = tracked.contains(sibling("src/main.rs").as_str());
            let manifest: toml::Table = snapshot.read_text(path, warnings)?.parse().ok()?;
            (has_main || manifest.contains_key("bin")).then(|| ("Cargo binary".to_string(), None))
        }
        "pyproject.toml" => {
            let manifest: toml::Table = snapshot.read_text(path, warnings)?.parse().ok()?;
            let scripts = manifest.get("project").and_then(|p| p.get("scripts")).is_some()
                || manifest
                    .get("tool")
                    .and_then(|t| t.get("poetry"))
                    .and_then(|p| p.get("scripts"))
                    .is_some();
            scripts.then(|| ("pyproject scripts".to_string(), None))
        }
        "catalog-info.yaml" | "catalog-info.yml" => catalog_component(&snapshot.read_text(path, warnings)?),
        "Procfile" => {
            let text = snapshot.read_text(path, warnings)?;
            procfile_declares_process(&text).then(|| ("Procfile".to_string(), None))
        }
        "manifest.yml" | "manifest.yaml" => cloud_foundry_app(&snapshot.read_text(path, warnings)?),
        "app.yaml" | "app.yml" => app_engine_service(&snapshot.read_text(path, warnings)?),
        "fly.toml" => {
            let manifest: toml::Table = snapshot.read_text(path, warnings)?.parse().ok()?;
            let app = manifest.get("app").and_then(|a| a.as_str()).map(str::to_string);
            Some(("fly.toml".to_string(), app))
        }
        "render.yaml" | "render.yml" => render_blueprint(&snapshot.read_text(path, warnings)?),
        _ if lower.ends_with(".yaml") || lower.ends_with(".yml") => {
            let text = snapshot.read_text(path, warnings)?;
            kubernetes_deployment(&text)
        }
        _ if lower.ends_with(".go") && !lower.ends_with("_test.go") => {
            let text = snapshot.read_text(path, warnings)?;
            let package = text.lines().map(str::trim).find(|l| l.starts_with("package "))?;
            (package.split_whitespace().nth(1) == Some("main")).then(|| ("Go package main".to_string(), None))
        }
        _ => None,
    }
}

/// A Backstage Component in a catalog-info file (possibly one of several YAML documents).
fn catalog_component(text: &str) -> Option<(String, Option<String>)> {
    use serde::Deserialize;
    for document in serde_yaml_ng::Deserializer::from_str(text) {
        let Ok(value) = serde_yaml_ng::Value::deserialize(document) else {
            continue;
        };
        if value.get("kind").and_then(|k| k.as_str()) == Some("Component") {
            let name = value
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(|n| n.as_str())
                .map(str::to_string);
            return Some(("catalog-info.yaml Component".to_string(), name));
        }
    }
    None
}

/// YAML documents of a file (a stream of `---`-separated documents), those that parse.
fn yaml_documents(text: &str) -> impl Iterator<Item = serde_yaml_ng::Value> + '_ {
    use serde::Deserialize;
    serde_yaml_ng::Deserializer::from_str(text).filter_map(|d| serde_yaml_ng::Value::deserialize(d).ok())
}

/// A Heroku-style `Procfile`: at least one `type: command` line.
fn procfile_declares_process(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        !line.starts_with('#')
            && line.split_once(':').is_some_and(|(kind, command)| {
                !kind.is_empty()
                    && kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    && !command.trim().is_empty()
            })
    })
}

/// A Cloud Foundry `manifest.yml`: an `applications:` list (its name when it declares one).
fn cloud_foundry_app(text: &str) -> Option<(String, Option<String>)> {
    let doc = yaml_documents(text).next()?;
    let apps = doc.get("applications")?.as_sequence()?;
    let name = match apps.as_slice() {
        [one] => one.get("name").and_then(|n| n.as_str()).map(str::to_string),
        _ => None,
    };
    (!apps.is_empty()).then(|| ("Cloud Foundry manifest".to_string(), name))
}

/// An App Engine `app.yaml`: a `runtime:` (its `service:` name when not `default`).
fn app_engine_service(text: &str) -> Option<(String, Option<String>)> {
    let doc = yaml_documents(text).next()?;
    doc.get("runtime")?;
    let name = doc
        .get("service")
        .and_then(|s| s.as_str())
        .filter(|s| *s != "default")
        .map(str::to_string);
    Some(("App Engine app.yaml".to_string(), name))
}

/// A Render blueprint: a non-empty `services:` list (its name when it declares one service).
fn render_blueprint(text: &str) -> Option<(String, Option<String>)> {
    let doc = yaml_documents(text).next()?;
    let services = doc.get("services")?.as_sequence()?;
    let name = match services.as_slice() {
        [one] => one.get("name").and_then(|n| n.as_str()).map(str::to_string),
        _ => None,
    };
    (!services.is_empty()).then(|| ("render.yaml".to_string(), name))
}

/// A Kubernetes manifest with a `Deployment` (or `StatefulSet`, `DaemonSet`): the folder of
/// manifests deploys a service, named after the workload when the file holds one. Only files
/// that mention such a kind are parsed.
fn kubernetes_deployment(text: &str) -> Option<(String, Option<String>)> {
    const KINDS: [&str; 3] = ["Deployment", "StatefulSet", "DaemonSet"];
    if !text.contains("apiVersion") || !KINDS.iter().any(|k| text.contains(k)) {
        return None;
    }
    let names: Vec<Option<String>> = yaml_documents(text)
        .filter(|doc| {
            doc.get("apiVersion").is_some()
                && doc
                    .get("kind")
                    .and_then(|k| k.as_str())
                    .is_some_and(|k| KINDS.contains(&k))
        })
        .map(|doc| {
            doc.get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(|n| n.as_str())
                .map(str::to_string)
        })
        .collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(("Kubernetes Deployment".to_string(), one.clone())),
        _ => Some(("Kubernetes Deployment".to_string(), None)),
    }
}

/// The runbook of a service: one in its folder (or its docs/ or runbooks/), else one whose file
/// stem or title names the service as a whole word.
fn map_runbook(service: &Service, runbooks: &[&Document]) -> Option<(String, &'static str)> {
    let dir = if service.path == "." {
        String::new()
    } else {
        format!("{}/", service.path)
    };
    let beside = runbooks
        .iter()
        .filter_map(|d| {
            let rest = d.path.strip_prefix(&dir)?;
            let near = !rest.contains('/') || rest.starts_with("docs/") || rest.starts_with("runbooks/");
            near.then_some(d.path.as_str())
        })
        .min_by_key(|p| (p.matches('/').count(), *p));
    if let Some(path) = beside {
        return Some((path.to_string(), "in the service folder"));
    }
    let name = service.name.to_lowercase();
    runbooks
        .iter()
        .find(|d| {
            let stem = split(&d.path).1.split('.').next().unwrap_or("").to_lowercase();
            let title = d.parsed.title.as_deref().unwrap_or("").to_lowercase();
            names_word(&stem, &name) || names_word(&title, &name)
        })
        .map(|d| (d.path.clone(), "names the service"))
}

/// Whether `word` stands in `text` as a whole word (delimited by non-alphanumerics).
fn names_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    text.match_indices(word).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words() {
        assert!(names_word("payments-runbook", "payments"));
        assert!(names_word("runbook: payments api", "payments"));
        assert!(!names_word("paymentsv2", "payments"));
        assert!(!names_word("repayments", "payments"));
    }

    #[test]
    fn test_fuzz_and_bench_folders_hold_no_service() {
        for dir in [
            "tests/fixtures/app",
            "tests-integration",
            "tokio/fuzz",
            "crates/x/benches",
            "test_utils/server",
        ] {
            assert!(is_test_folder(dir), "{dir}");
        }
        for dir in ["services/payments", "", "testimonials", "contest"] {
            assert!(!is_test_folder(dir), "{dir}");
        }
    }

    #[test]
    fn dev_only_folders_hold_no_service() {
        for dir in [
            ".devcontainer",
            ".github/actions/lint",
            ".gitlab/ci",
            "tools/builder",
            "hack",
        ] {
            assert!(is_dev_folder(dir), "{dir}");
        }
        for dir in ["services/payments", "", "toolshed", "web"] {
            assert!(!is_dev_folder(dir), "{dir}");
        }
    }

    #[test]
    fn platform_manifests_declare_services() {
        assert!(procfile_declares_process(
            "# heroku\nweb: bundle exec puma\nworker: rake jobs\n"
        ));
        assert!(!procfile_declares_process("# nothing\n\n"));
        assert_eq!(
            cloud_foundry_app("---\napplications:\n- name: billing\n  memory: 1G\n"),
            Some(("Cloud Foundry manifest".into(), Some("billing".into())))
        );
        assert_eq!(cloud_foundry_app("name: chart\nversion: 1\n"), None);
        assert_eq!(
            app_engine_service("runtime: python39\nservice: api\n"),
            Some(("App Engine app.yaml".into(), Some("api".into())))
        );
        assert_eq!(
            app_engine_service("runtime: go121\n"),
            Some(("App Engine app.yaml".into(), None))
        );
        assert_eq!(app_engine_service("openapi: 3.0.0\n"), None);
        assert_eq!(
            render_blueprint("services:\n  - type: web\n    name: shop\n"),
            Some(("render.yaml".into(), Some("shop".into())))
        );
        let manifests = "apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\n";
        assert_eq!(
            kubernetes_deployment(manifests),
            Some(("Kubernetes Deployment".into(), Some("cart".into())))
        );
        assert_eq!(kubernetes_deployment("apiVersion: v1\nkind: ConfigMap\n"), None);
        assert_eq!(kubernetes_deployment("steps:\n  - Deployment\n"), None);
    }

    #[test]
    fn glob_prefixes() {
        assert_eq!(literal_prefix("services/pay/**"), "services/pay");
        assert_eq!(literal_prefix("**/*.go"), ".");
    }

    #[test]
    fn catalog_components() {
        let text = "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\n---\nkind: Component\nmetadata:\n  name: cart\n";
        assert_eq!(
            catalog_component(text),
            Some(("catalog-info.yaml Component".into(), Some("cart".into())))
        );
        assert_eq!(catalog_component("kind: Group\n"), None);
    }
}
