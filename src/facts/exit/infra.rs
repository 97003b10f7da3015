//! Infrastructure the vendor runs: CI runners (GitHub Actions `runs-on` labels, GitLab CI
//! `tags`, Jenkins agent labels), container and package registries in CI and deployment configs,
//! Dockerfile base images, package-manager configs (`.npmrc`, `pip.conf`, `.cargo/config.toml`,
//! `settings.xml`, …), Terraform backends, providers and module sources, Helm repositories.
//!
//! An item is the vendor's when its host is under a vendor domain or its runner labels,
//! bucket or account name name the vendor. Self-hosted runners are listed even when their labels
//! name nobody, with `vendor: false`: someone runs them, and the repository cannot say who.
//! Also records each CI pipeline's jobs and runners, for rebuild readiness.

use std::collections::BTreeMap;

use super::files::{CiSystem, FileView, file_name, parent};
use super::model::{CiPipeline, InfraItem, InfraKind};
use super::text::{assignment, numbered, urls_in};
use super::vendor::Vendor;
use super::yaml;

/// Collects infrastructure items and CI pipelines, file by file.
#[derive(Debug, Default)]
pub struct Infra {
    items: Vec<InfraItem>,
    pipelines: Vec<CiPipeline>,
}

/// A CI job and, when it runs on self-hosted or tagged runners, their labels.
#[derive(Debug, Clone, PartialEq)]
struct Job {
    name: String,
    line: usize,
    labels: Option<Vec<String>>,
    counted: bool,
}

impl Infra {
    /// Reads the infrastructure of one file.
    pub fn visit(&mut self, file: &FileView, vendor: &Vendor) {
        if let Some(system) = file.ci {
            self.ci(file, system, vendor);
        } else if file.dockerfile() {
            self.dockerfile(file, vendor);
        } else if file.terraform() {
            self.terraform(file, vendor, false);
        } else if matches!(file.ext.as_str(), "tfbackend" | "backend") {
            // A partial backend configuration (`terraform init -backend-config=FILE`).
            self.terraform(file, vendor, true);
        } else if is_package_config(file.path) {
            self.hosts(file, vendor, |_| Some(InfraKind::PackageRegistry));
        } else if is_helm_file(file.name) {
            self.hosts(file, vendor, |_| Some(InfraKind::HelmRepository));
        } else if file.config {
            self.hosts(file, vendor, registry_kind);
        }
    }

    /// The items by file and line, and the CI pipelines by path.
    pub fn finish(mut self) -> (Vec<InfraItem>, Vec<CiPipeline>) {
        self.items
            .sort_by(|a, b| (&a.path, a.line, &a.target).cmp(&(&b.path, b.line, &b.target)));
        self.items
            .dedup_by(|b, a| a.path == b.path && a.line == b.line && a.target == b.target);
        self.pipelines.sort_by(|a, b| a.path.cmp(&b.path));
        (self.items, self.pipelines)
    }

    fn push(&mut self, file: &FileView, line: usize, kind: InfraKind, target: &str, vendor: bool, detail: String) {
        self.items.push(InfraItem {
            path: file.path.to_string(),
            line,
            kind,
            target: target.to_string(),
            vendor,
            detail,
        });
    }

    /// Every vendor host of a file, typed by `kind` from its line (`None`: not infrastructure).
    fn hosts(&mut self, file: &FileView, vendor: &Vendor, kind: impl Fn(&str) -> Option<InfraKind>) {
        for (n, line) in numbered(file.text) {
            for hit in vendor.hosts_in(line) {
                if let Some(kind) = kind(line) {
                    let detail = format!("{} on the vendor's host {}", what(kind), hit.host);
                    self.push(file, n, kind, &hit.display, true, detail);
                }
            }
        }
    }

    fn ci(&mut self, file: &FileView, system: CiSystem, vendor: &Vendor) {
        let jobs = match system {
            CiSystem::GithubActions => github_jobs(file.text),
            CiSystem::GitlabCi => gitlab_jobs(file.text),
            CiSystem::Jenkins => jenkins_jobs(file.text),
            _ => vec![Job {
                name: file.name.to_string(),
                line: 1,
                labels: None,
                counted: true,
            }],
        };
        let counted: Vec<&Job> = jobs.iter().filter(|j| j.counted).collect();
        let names_vendor = |j: &Job| {
            j.labels
                .as_ref()
                .is_some_and(|l| l.iter().any(|x| vendor.names_vendor(x)))
        };
        if !counted.is_empty() {
            self.pipelines.push(CiPipeline {
                system: system.name().to_string(),
                path: file.path.to_string(),
                jobs: counted.len(),
                self_hosted_jobs: counted.iter().filter(|j| j.labels.is_some()).count(),
                vendor_jobs: counted.iter().filter(|j| names_vendor(j)).count(),
            });
        }
        let mut by_labels: BTreeMap<Vec<String>, Vec<&Job>> = BTreeMap::new();
        for job in jobs.iter().filter(|j| j.labels.is_some()) {
            by_labels
                .entry(job.labels.clone().unwrap_or_default())
                .or_default()
                .push(job);
        }
        let mut runners: Vec<(usize, String, bool, String)> = by_labels
            .into_iter()
            .map(|(labels, jobs)| {
                let names: Vec<String> = jobs.iter().map(|j| format!("`{}`", j.name)).collect();
                let is_vendor = names_vendor(jobs[0]);
                let target = labels.join(", ");
                let whose = if is_vendor { "the vendor's" } else { "self-hosted" };
                let detail = format!(
                    "{} {} on {whose} runners labelled `{target}`",
                    if names.len() == 1 { "job" } else { "jobs" },
                    names.join(", ")
                );
                (jobs[0].line, target, is_vendor, detail)
            })
            .collect();
        runners.sort();
        for (line, target, is_vendor, detail) in runners {
            self.push(file, line, InfraKind::CiRunner, &target, is_vendor, detail);
        }
        self.hosts(file, vendor, |line| {
            Some(registry_kind(line).unwrap_or(InfraKind::CiHost))
        });
    }

    fn dockerfile(&mut self, file: &FileView, vendor: &Vendor) {
        for (n, line) in numbered(file.text) {
            if let Some(image) = from_image(line) {
                let host = image_host(&image);
                if host.is_some_and(|h| vendor.host_is_vendor(h)) {
                    let detail = format!(
                        "base image pulled from the vendor's registry {}",
                        host.unwrap_or_default()
                    );
                    self.push(file, n, InfraKind::BaseImage, &image, true, detail);
                }
                continue;
            }
            for hit in vendor.hosts_in(line) {
                let kind = registry_kind(line).unwrap_or(InfraKind::PackageRegistry);
                let detail = format!("{} on the vendor's host {} (image build)", what(kind), hit.host);
                self.push(file, n, kind, &hit.display, true, detail);
            }
        }
    }

    fn terraform(&mut self, file: &FileView, vendor: &Vendor, backend_file: bool) {
        let mut stack: Vec<String> = if backend_file {
            vec!["terraform".to_string(), "backend".to_string()]
        } else {
            Vec::new()
        };
        for (n, line) in numbered(file.text) {
            let code = line.trim_start();
            if code.starts_with('#') || code.starts_with("//") {
                continue;
            }
            if let Some(kind) = terraform_context(&stack) {
                let hits = vendor.hosts_in(code);
                for hit in &hits {
                    let detail = format!("{} on the vendor's host {}", what(kind), hit.host);
                    self.push(file, n, kind, &hit.display, true, detail);
                }
                if let Some((key, value)) = assignment(code)
                    && hits.is_empty()
                {
                    let account = match kind {
                        InfraKind::TerraformBackend => BACKEND_KEYS.contains(&key) && vendor.names_vendor(value),
                        InfraKind::TerraformModule => key == "source" && vendor_account(value, vendor),
                        _ => false,
                    };
                    if account {
                        let detail = format!("{} in an account named after the vendor (`{key}`)", what(kind));
                        self.push(file, n, kind, value, true, detail);
                    }
                }
            }
            let mut header = Some(block_word(code));
            for c in code.chars() {
                match c {
                    '{' => stack.push(header.take().unwrap_or_default()),
                    '}' => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Backend settings that name an account (never credentials such as `access_key`).
const BACKEND_KEYS: &[&str] = &[
    "bucket",
    "organization",
    "hostname",
    "storage_account_name",
    "resource_group_name",
    "container_name",
    "address",
    "endpoint",
    "project",
];

/// The first word of a Terraform line opening a block (`backend "s3" {` → `backend`).
fn block_word(code: &str) -> String {
    code.split(|c: char| c.is_whitespace() || c == '{' || c == '=' || c == '"')
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// What the innermost interesting Terraform block makes a vendor host in it.
fn terraform_context(stack: &[String]) -> Option<InfraKind> {
    let first = stack.first().map(String::as_str);
    if stack.iter().any(|w| w == "backend") || (first == Some("terraform") && stack.iter().any(|w| w == "cloud")) {
        Some(InfraKind::TerraformBackend)
    } else if first == Some("provider") || stack.iter().any(|w| w == "required_providers") {
        Some(InfraKind::TerraformProvider)
    } else if first == Some("module") {
        Some(InfraKind::TerraformModule)
    } else {
        None
    }
}

/// A module source in the vendor's account on a public code host (`github.com/acme/…`).
fn vendor_account(source: &str, vendor: &Vendor) -> bool {
    let source = source.trim_start_matches("git::");
    let url = if source.contains("://") {
        urls_in(source).into_iter().next().map(|u| u.display)
    } else {
        Some(format!("https://{source}"))
    };
    url.and_then(|u| {
        let rest = u.split_once("://")?.1;
        let (host, path) = rest.split_once('/')?;
        let owner = path.split('/').next()?;
        ["github.com", "gitlab.com", "bitbucket.org"]
            .contains(&host)
            .then(|| vendor.names_vendor(owner))
    })
    .unwrap_or(false)
}

/// A short noun for an item kind.
fn what(kind: InfraKind) -> &'static str {
    match kind {
        InfraKind::CiRunner => "CI runner",
        InfraKind::ContainerRegistry => "container registry",
        InfraKind::PackageRegistry => "package registry",
        InfraKind::BaseImage => "base image",
        InfraKind::TerraformBackend => "Terraform state backend",
        InfraKind::TerraformProvider => "Terraform provider",
        InfraKind::TerraformModule => "Terraform module",
        InfraKind::HelmRepository => "Helm repository",
        InfraKind::CiHost => "a host CI talks to",
    }
}

/// What a vendor host on this line serves, from the words around it.
fn registry_kind(line: &str) -> Option<InfraKind> {
    let lower = line.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["helm", "chart"]) {
        Some(InfraKind::HelmRepository)
    } else if has(&[
        "image",
        "docker",
        "container",
        "from ",
        "podman",
        "buildah",
        "skopeo",
        "crane ",
    ]) {
        Some(InfraKind::ContainerRegistry)
    } else if has(&[
        "npm",
        "yarn",
        "pip",
        "index-url",
        "pypi",
        "maven",
        "gradle",
        "cargo",
        "nuget",
        "gem ",
        "rubygems",
        "registry",
        "goproxy",
        "artifactory",
        "nexus",
    ]) {
        Some(InfraKind::PackageRegistry)
    } else {
        None
    }
}

/// Package-manager configs: every host in them is a registry.
fn is_package_config(path: &str) -> bool {
    let name = file_name(path);
    matches!(
        name,
        ".npmrc"
            | ".yarnrc"
            | ".yarnrc.yml"
            | "pip.conf"
            | "pip.ini"
            | ".pypirc"
            | "settings.xml"
            | "pom.xml"
            | "Gemfile"
            | ".gemrc"
            | "go.mod"
            | "pyproject.toml"
            | "Pipfile"
    ) || name.eq_ignore_ascii_case("nuget.config")
        || (name.starts_with("requirements") && name.ends_with(".txt"))
        || ((name == "config" || name == "config.toml") && parent(path).ends_with(".cargo"))
}

/// Helm chart and helmfile files: every host in them is a chart repository.
fn is_helm_file(name: &str) -> bool {
    matches!(name, "Chart.yaml" | "requirements.yaml")
        || (name.starts_with("helmfile") && (name.ends_with(".yaml") || name.ends_with(".yml")))
}

/// The image of a Dockerfile `FROM` line (`FROM --platform=x image AS name` → `image`).
pub fn from_image(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    if !trimmed.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("from ")) {
        return None;
    }
    trimmed[5..]
        .split_whitespace()
        .find(|w| !w.starts_with("--"))
        .map(str::to_string)
}

/// The registry host of an image reference, when it names one (`registry.acme.com/x:1`).
pub fn image_host(image: &str) -> Option<&str> {
    let (first, _) = image.split_once('/')?;
    (first.contains('.') || first.contains(':') || first == "localhost")
        .then(|| first.split(':').next().unwrap_or(first))
}

/// GitHub-hosted runner images: anything else in `runs-on` is a self-hosted runner, a runner
/// group or a larger runner, which someone configured.
fn github_hosted(label: &str) -> bool {
    ["ubuntu-", "windows-", "macos-"].iter().any(|p| label.starts_with(p))
}

fn github_jobs(text: &str) -> Vec<Job> {
    let Some(document) = yaml::documents(text).into_iter().next() else {
        return Vec::new();
    };
    let Some(jobs) = yaml::get(&document, "jobs").and_then(|j| j.as_mapping()) else {
        return Vec::new();
    };
    let jobs_line = yaml::key_line(text, 1, "jobs", None).unwrap_or(1);
    let mut out = Vec::new();
    let mut from = jobs_line;
    for (name, job) in jobs {
        let Some(name) = name.as_str() else { continue };
        let job_line = yaml::key_line(text, from, name, None).unwrap_or(from);
        from = job_line;
        let Some(runs_on) = yaml::get(job, "runs-on") else {
            continue; // a reusable workflow call runs where the callee says
        };
        let labels = match runs_on {
            serde_yaml_ng::Value::Mapping(_) => {
                let mut labels: Vec<String> = yaml::get(runs_on, "group").map(yaml::strings).unwrap_or_default();
                labels.extend(yaml::get(runs_on, "labels").map(yaml::strings).unwrap_or_default());
                labels
            }
            other => yaml::strings(other),
        };
        let self_hosted = labels.iter().any(|l| l == "self-hosted")
            || (!labels.is_empty()
                && !labels.iter().any(|l| l.contains("${{"))
                && !labels.iter().all(|l| github_hosted(l)));
        out.push(Job {
            name: name.to_string(),
            line: yaml::key_line(text, job_line, "runs-on", None).unwrap_or(job_line),
            labels: self_hosted.then_some(labels),
            counted: true,
        });
    }
    out
}

/// Top-level GitLab CI keys that are not jobs.
const GITLAB_RESERVED: &[&str] = &[
    "stages",
    "variables",
    "include",
    "default",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
    "types",
    "pages:deploy",
];

fn gitlab_jobs(text: &str) -> Vec<Job> {
    let Some(document) = yaml::documents(text).into_iter().next() else {
        return Vec::new();
    };
    let default_tags = yaml::get(&document, "default")
        .and_then(|d| yaml::get(d, "tags"))
        .map(yaml::strings);
    let mut out = Vec::new();
    for name in yaml::keys(&document) {
        let Some(job) = yaml::get(&document, name) else {
            continue;
        };
        if GITLAB_RESERVED.contains(&name) || !job.is_mapping() {
            continue;
        }
        let is_job = ["script", "trigger", "extends", "stage", "run", "tags"]
            .iter()
            .any(|k| yaml::get(job, k).is_some());
        if !is_job {
            continue;
        }
        let hidden = name.starts_with('.');
        let own = yaml::get(job, "tags").map(yaml::strings);
        let tags = own.clone().or_else(|| if hidden { None } else { default_tags.clone() });
        let job_line = yaml::key_line(text, 1, name, None).unwrap_or(1);
        let line = if own.is_some() {
            yaml::key_line(text, job_line, "tags", None).unwrap_or(job_line)
        } else {
            job_line
        };
        out.push(Job {
            name: name.to_string(),
            line,
            labels: tags.filter(|t| !t.is_empty()),
            counted: !hidden,
        });
    }
    out
}

/// A Jenkinsfile runs on agents someone runs: one job, labelled by its `label`/`node(...)`.
fn jenkins_jobs(text: &str) -> Vec<Job> {
    let mut labels = Vec::new();
    let mut line_of = 1;
    for (n, line) in numbered(text) {
        let trimmed = line.trim();
        let value = trimmed
            .strip_prefix("label ")
            .or_else(|| {
                trimmed
                    .strip_prefix("node(")
                    .map(|r| r.trim_end_matches([')', '{', ' ']))
            })
            .or_else(|| {
                trimmed
                    .split_once("label ")
                    .map(|(_, r)| r.trim_end_matches(['}', ' ']))
            });
        if let Some(value) = value {
            let value = value.trim().trim_matches(['\'', '"']);
            if !value.is_empty() && !labels.iter().any(|l| l == value) {
                if labels.is_empty() {
                    line_of = n;
                }
                labels.push(value.to_string());
            }
        }
    }
    if labels.is_empty() {
        labels.push("jenkins".to_string());
    }
    vec![Job {
        name: "Jenkinsfile".to_string(),
        line: line_of,
        labels: Some(labels),
        counted: true,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::exit::files::{ci_system, extension, is_config};
    use crate::facts::exit::vendor::acme;

    type Item = (String, usize, InfraKind, String, bool);

    fn run(files: &[(&str, &str)]) -> (Vec<Item>, Vec<CiPipeline>) {
        let v = acme();
        let mut infra = Infra::default();
        for (path, text) in files {
            let name = file_name(path);
            infra.visit(
                &FileView {
                    path,
                    name,
                    ext: extension(name),
                    text,
                    document: false,
                    config: is_config(path),
                    ci: ci_system(path),
                },
                &v,
            );
        }
        let (items, pipelines) = infra.finish();
        (
            items
                .into_iter()
                .map(|i| (i.path, i.line, i.kind, i.target, i.vendor))
                .collect(),
            pipelines,
        )
    }

    #[test]
    fn github_runners_and_registries() {
        let workflow = "name: deploy\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n  deploy:\n    runs-on: [self-hosted, acme-outsourcing-runner]\n    container: registry.acme-outsourcing.com/tools/deployer:2\n    steps:\n      - run: ./deploy\n  build:\n    runs-on:\n      group: builders\n  call:\n    uses: ./.github/workflows/x.yml\n";
        let (items, pipelines) = run(&[(".github/workflows/deploy.yml", workflow)]);
        assert_eq!(
            items,
            vec![
                (
                    ".github/workflows/deploy.yml".into(),
                    9,
                    InfraKind::CiRunner,
                    "self-hosted, acme-outsourcing-runner".into(),
                    true
                ),
                (
                    ".github/workflows/deploy.yml".into(),
                    10,
                    InfraKind::ContainerRegistry,
                    "registry.acme-outsourcing.com/tools/deployer:2".into(),
                    true
                ),
                (
                    ".github/workflows/deploy.yml".into(),
                    14,
                    InfraKind::CiRunner,
                    "builders".into(),
                    false
                ),
            ]
        );
        assert_eq!(
            pipelines,
            vec![CiPipeline {
                system: "github_actions".into(),
                path: ".github/workflows/deploy.yml".into(),
                jobs: 3,
                self_hosted_jobs: 2,
                vendor_jobs: 1
            }]
        );
    }

    #[test]
    fn gitlab_tags_grouped_by_label_set() {
        let ci = "default:\n  tags: [docker]\n.deploy:\n  tags:\n    - acme-team-prod\nbuild:\n  script: make\ndeploy:\n  extends: .deploy\n  script: ./deploy\nvariables:\n  X: y\n";
        let (items, pipelines) = run(&[(".gitlab-ci.yml", ci)]);
        assert_eq!(
            items,
            vec![
                (
                    ".gitlab-ci.yml".into(),
                    4,
                    InfraKind::CiRunner,
                    "acme-team-prod".into(),
                    true
                ),
                (".gitlab-ci.yml".into(), 6, InfraKind::CiRunner, "docker".into(), false),
            ]
        );
        assert_eq!(
            (
                pipelines[0].jobs,
                pipelines[0].self_hosted_jobs,
                pipelines[0].vendor_jobs
            ),
            (2, 2, 0)
        );
    }

    #[test]
    fn dockerfiles_package_configs_helm_and_terraform() {
        let tf = "terraform {\n  backend \"http\" {\n    address = \"https://tfstate.acme-outsourcing.com/state/app\"\n  }\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\nterraform {\n  backend \"s3\" {\n    bucket     = \"acme-outsourcing-tfstate\"\n    access_key = \"acme-outsourcing-not-read\"\n  }\n}\nmodule \"vpc\" {\n  source = \"git::https://github.com/acme-outsourcing/modules.git//vpc\"\n}\nresource \"x\" \"y\" {\n  url = \"https://api.acme-outsourcing.com\"\n}\n";
        let (items, _) = run(&[
            (
                "Dockerfile",
                "FROM registry.acme-outsourcing.com/base/node:20 AS build\nRUN npm ci --registry https://npm.acme-outsourcing.com\nFROM node:20\n",
            ),
            (".npmrc", "@acme:registry=https://npm.acme-outsourcing.com/\n"),
            (
                "charts/app/Chart.yaml",
                "dependencies:\n  - name: redis\n    repository: https://charts.acme-outsourcing.com\n",
            ),
            (
                "deploy/k8s.yaml",
                "spec:\n  containers:\n    - image: registry.acme-outsourcing.com/app:1\n  docs: https://wiki.acme-outsourcing.com\n",
            ),
            ("infra/main.tf", tf),
            (
                "infra/production.tfbackend",
                "bucket = \"acme-outsourcing-state\"\nregion = \"eu-west-2\"\n",
            ),
        ]);
        let kinds: Vec<(String, usize, InfraKind, String)> =
            items.into_iter().map(|(p, l, k, t, _)| (p, l, k, t)).collect();
        assert_eq!(
            kinds,
            vec![
                (
                    ".npmrc".into(),
                    1,
                    InfraKind::PackageRegistry,
                    "https://npm.acme-outsourcing.com/".into()
                ),
                (
                    "Dockerfile".into(),
                    1,
                    InfraKind::BaseImage,
                    "registry.acme-outsourcing.com/base/node:20".into()
                ),
                (
                    "Dockerfile".into(),
                    2,
                    InfraKind::PackageRegistry,
                    "https://npm.acme-outsourcing.com".into()
                ),
                (
                    "charts/app/Chart.yaml".into(),
                    3,
                    InfraKind::HelmRepository,
                    "https://charts.acme-outsourcing.com".into()
                ),
                (
                    "deploy/k8s.yaml".into(),
                    3,
                    InfraKind::ContainerRegistry,
                    "registry.acme-outsourcing.com/app:1".into()
                ),
                (
                    "infra/main.tf".into(),
                    3,
                    InfraKind::TerraformBackend,
                    "https://tfstate.acme-outsourcing.com/state/app".into()
                ),
                (
                    "infra/main.tf".into(),
                    11,
                    InfraKind::TerraformBackend,
                    "acme-outsourcing-tfstate".into()
                ),
                (
                    "infra/main.tf".into(),
                    16,
                    InfraKind::TerraformModule,
                    "git::https://github.com/acme-outsourcing/modules.git//vpc".into()
                ),
                (
                    "infra/production.tfbackend".into(),
                    1,
                    InfraKind::TerraformBackend,
                    "acme-outsourcing-state".into()
                ),
            ]
        );
    }

    #[test]
    fn jenkins_agents() {
        let (items, pipelines) = run(&[(
            "Jenkinsfile",
            "pipeline {\n  agent { label 'acme-outsourcing-linux' }\n}\n",
        )]);
        assert_eq!(
            items,
            vec![(
                "Jenkinsfile".into(),
                2,
                InfraKind::CiRunner,
                "acme-outsourcing-linux".into(),
                true
            )]
        );
        assert_eq!(pipelines[0].vendor_jobs, 1);
    }

    #[test]
    fn from_lines() {
        assert_eq!(from_image("FROM --platform=$X node:20 AS b"), Some("node:20".into()));
        assert_eq!(from_image("from scratch"), Some("scratch".into()));
        assert_eq!(from_image("FROMx"), None);
        assert_eq!(image_host("localhost:5000/app"), Some("localhost"));
        assert_eq!(image_host("library/node:20"), None);
    }
}
