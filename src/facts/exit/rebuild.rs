//! Rebuild readiness: could an in-house team build and run the system from the repository alone?
//! Build instructions (a README section, BUILDING, CONTRIBUTING or INSTALL with commands), a
//! lockfile for each package manifest, pinned toolchains (`rust-toolchain.toml`,
//! `.tool-versions`, `.nvmrc`, the `go.mod` go line, `.python-version`, …), Dockerfile base
//! images and how they are pinned, infrastructure as code, the environment variables the code
//! reads and where each is documented. The CI pipelines come from `infra`.

use std::collections::{BTreeMap, BTreeSet};

use super::files::{FileView, file_name, is_code, is_env_file, parent};
use super::infra::from_image;
use super::model::{
    BaseImage, BuildInstructions, CiPipeline, EnvVar, IacKind, ImagePin, Location, PackageManager, RebuildFacts,
    Toolchain,
};
use super::text::{assignment, numbered, words};

/// Collects rebuild facts, file by file.
#[derive(Debug, Default)]
pub struct Rebuild {
    paths: BTreeSet<String>,
    instructions: Vec<BuildInstructions>,
    toolchains: Vec<Toolchain>,
    base_images: Vec<BaseImage>,
    iac: BTreeMap<&'static str, Vec<String>>,
    env_reads: BTreeMap<String, Location>,
    documented: BTreeMap<String, Location>,
    pinned_requirements: BTreeSet<String>,
}

/// Package manifests: file name, manager, the lockfiles that pin it.
const MANIFESTS: &[(&str, &str, &[&str])] = &[
    ("Cargo.toml", "cargo", &["Cargo.lock"]),
    (
        "package.json",
        "npm",
        &[
            "package-lock.json",
            "yarn.lock",
            "pnpm-lock.yaml",
            "npm-shrinkwrap.json",
            "bun.lockb",
            "bun.lock",
        ],
    ),
    ("go.mod", "go", &["go.sum", "go.work.sum"]),
    ("Gemfile", "bundler", &["Gemfile.lock"]),
    ("Pipfile", "pipenv", &["Pipfile.lock"]),
    (
        "pyproject.toml",
        "python",
        &["poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock"],
    ),
    ("composer.json", "composer", &["composer.lock"]),
    ("mix.exs", "mix", &["mix.lock"]),
    ("pubspec.yaml", "pub", &["pubspec.lock"]),
    ("Package.swift", "swiftpm", &["Package.resolved"]),
];

/// Headings of README sections that hold build instructions.
const BUILD_HEADINGS: &[&str] = &[
    "build",
    "install",
    "setup",
    "set up",
    "getting started",
    "get started",
    "quick start",
    "quickstart",
    "develop",
    "local",
    "running",
    "run ",
    "compil",
    "how to",
    "prerequisite",
];

/// Commands that make a line an instruction.
const COMMANDS: &[&str] = &[
    "make",
    "cargo",
    "npm",
    "yarn",
    "pnpm",
    "go",
    "mvn",
    "gradle",
    "./gradlew",
    "pip",
    "poetry",
    "uv",
    "docker",
    "bundle",
    "rake",
    "python",
    "dotnet",
    "mix",
    "terraform",
    "helm",
    "kubectl",
    "just",
    "task",
    "bazel",
    "./",
    "bin/",
    "script/",
    "scripts/",
    "git",
    "brew",
    "apt-get",
    "nix",
];

/// Environment variables every process has, not the application's configuration.
const AMBIENT_ENV: &[&str] = &[
    "HOME",
    "PATH",
    "USER",
    "USERNAME",
    "PWD",
    "SHELL",
    "TMPDIR",
    "TEMP",
    "TMP",
    "LANG",
    "LC_ALL",
    "TERM",
    "HOSTNAME",
    "CI",
    "NO_COLOR",
    "OUT_DIR",
    "TARGET",
    "PROFILE",
    "HOST",
    "OPT_LEVEL",
    "DEBUG",
    "NUM_JOBS",
];

impl Rebuild {
    /// Notes a considered path (manifests, lockfiles and IaC are found by name).
    pub fn see(&mut self, path: &str) {
        self.paths.insert(path.to_string());
        let name = file_name(path);
        let kind = match name {
            _ if name.ends_with(".tf") => Some("terraform"),
            _ if name.ends_with(".bicep") => Some("bicep"),
            _ if name.ends_with(".pkr.hcl") => Some("packer"),
            _ if name.ends_with(".nomad") => Some("nomad"),
            "Pulumi.yaml" | "Pulumi.yml" => Some("pulumi"),
            "Chart.yaml" => Some("helm"),
            "kustomization.yaml" | "kustomization.yml" => Some("kustomize"),
            "serverless.yml" | "serverless.yaml" => Some("serverless"),
            _ if name.starts_with("docker-compose") || name == "compose.yaml" || name == "compose.yml" => {
                Some("docker_compose")
            }
            _ => None,
        };
        if let Some(kind) = kind {
            self.iac.entry(kind).or_default().push(path.to_string());
        }
    }

    /// Reads the rebuild facts of one file.
    pub fn visit(&mut self, file: &FileView) {
        if file.document {
            self.instructions(file);
            self.document_words(file);
        }
        if file.config {
            self.toolchain(file);
            if file.yaml() {
                let text = file.text;
                let kind = if text.contains("AWSTemplateFormatVersion") {
                    Some("cloudformation")
                } else if file.path.contains("playbook")
                    || (file.path.contains("roles/") && file.path.contains("/tasks/"))
                {
                    Some("ansible")
                } else if text.lines().any(|l| l.starts_with("apiVersion:"))
                    && text.lines().any(|l| l.starts_with("kind:"))
                {
                    Some("kubernetes")
                } else {
                    None
                };
                if let Some(kind) = kind {
                    self.iac.entry(kind).or_default().push(file.path.to_string());
                }
            }
            let name = file.name;
            if is_env_file(name) {
                for (n, line) in numbered(file.text) {
                    if let Some((key, _)) = assignment(line).filter(|_| !line.trim_start().starts_with('#')) {
                        self.documented
                            .entry(key.to_string())
                            .or_insert_with(|| Location::new(file.path, n));
                    }
                }
            }
            if (name.starts_with("values") && file.yaml())
                || name.starts_with("docker-compose")
                || name.starts_with("compose.")
            {
                self.document_words(file);
            }
            if name.starts_with("requirements") && name.ends_with(".txt") {
                let requirements: Vec<&str> = file
                    .text
                    .lines()
                    .map(|l| l.split('#').next().unwrap_or("").trim())
                    .filter(|l| !l.is_empty() && !l.starts_with('-'))
                    .collect();
                if !requirements.is_empty() && requirements.iter().all(|l| l.contains("==")) {
                    self.pinned_requirements.insert(file.path.to_string());
                }
            }
        }
        if file.dockerfile() {
            self.base_images(file);
        }
        if is_code(file.path) {
            for (n, line) in numbered(file.text) {
                for name in env_reads(line) {
                    if !AMBIENT_ENV.contains(&name)
                        && !name.starts_with("CARGO_")
                        && !name.starts_with("RUSTC")
                        && !name.starts_with("XDG_")
                    {
                        self.env_reads
                            .entry(name.to_string())
                            .or_insert_with(|| Location::new(file.path, n));
                    }
                }
            }
        }
    }

    fn document_words(&mut self, file: &FileView) {
        for (n, line) in numbered(file.text) {
            for (_, word) in words(line) {
                if word.len() >= 2
                    && word.bytes().any(|b| b.is_ascii_uppercase())
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                {
                    self.documented
                        .entry(word.to_string())
                        .or_insert_with(|| Location::new(file.path, n));
                }
            }
        }
    }

    /// A README section about building with a command in it; in BUILDING, CONTRIBUTING, INSTALL
    /// (and docs named so) any section with a command.
    fn instructions(&mut self, file: &FileView) {
        let upper = file.name.to_ascii_uppercase();
        let readme = upper.starts_with("README") && !file.path.contains('/');
        let build_doc = [
            "BUILDING",
            "BUILD.",
            "CONTRIBUTING",
            "INSTALL",
            "HACKING",
            "DEVELOPING",
            "DEVELOPMENT",
            "GETTING-STARTED",
            "GETTING_STARTED",
            "SETUP",
        ]
        .iter()
        .any(|p| upper.starts_with(p));
        if !(readme || build_doc) {
            return;
        }
        let mut section: Option<(usize, String)> = None;
        let mut fence = false;
        for (n, line) in numbered(file.text) {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = !fence;
                continue;
            }
            if !fence && let Some(heading) = trimmed.strip_prefix('#').or_else(|| trimmed.strip_prefix('=')) {
                let text = heading.trim_start_matches(['#', '=']).trim().to_string();
                section = Some((n, text));
                continue;
            }
            let relevant = match &section {
                Some((_, heading)) => {
                    build_doc || BUILD_HEADINGS.iter().any(|w| heading.to_ascii_lowercase().contains(w))
                }
                None => build_doc,
            };
            let command = trimmed.strip_prefix("$ ").unwrap_or(trimmed);
            let is_command = (fence || line.starts_with("    ") || line.starts_with('\t') || trimmed.starts_with("$ "))
                && COMMANDS.iter().any(|c| {
                    command.starts_with(c)
                        && (c.ends_with('/') || command[c.len()..].starts_with([' ', '\t']) || command.len() == c.len())
                });
            if relevant && is_command {
                let (line, heading) = section.clone().map_or((n, None), |(l, h)| (l, Some(h)));
                self.instructions.push(BuildInstructions {
                    path: file.path.to_string(),
                    line,
                    heading,
                });
                return;
            }
        }
    }

    fn toolchain(&mut self, file: &FileView) {
        let mut push = |tool: &str, version: &str, line: usize| {
            let version = version.trim().trim_matches(['"', '\'']);
            if !version.is_empty() {
                self.toolchains.push(Toolchain {
                    tool: tool.to_string(),
                    version: version.to_string(),
                    path: file.path.to_string(),
                    line,
                });
            }
        };
        let first = || numbered(file.text).find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        match file.name {
            "rust-toolchain.toml" | "rust-toolchain" => {
                match numbered(file.text)
                    .find_map(|(n, l)| assignment(l).filter(|(k, _)| *k == "channel").map(|(_, v)| (n, v)))
                {
                    Some((n, v)) => push("rust", v, n),
                    None if file.name == "rust-toolchain" => {
                        if let Some((n, l)) = first() {
                            push("rust", l, n);
                        }
                    }
                    None => {}
                }
            }
            ".tool-versions" => {
                for (n, line) in numbered(file.text) {
                    let mut parts = line.split('#').next().unwrap_or("").split_whitespace();
                    if let (Some(tool), Some(version)) = (parts.next(), parts.next()) {
                        push(tool, version, n);
                    }
                }
            }
            ".nvmrc" | ".node-version" | ".python-version" | ".ruby-version" | ".java-version"
            | ".terraform-version" => {
                let tool = file.name.trim_start_matches('.').split('-').next().unwrap_or("");
                let tool = if tool == "nvmrc" { "node" } else { tool };
                if let Some((n, l)) = first() {
                    push(tool, l, n);
                }
            }
            ".sdkmanrc" => {
                for (n, line) in numbered(file.text) {
                    if let Some((tool, version)) = line.split_once('=').filter(|_| !line.trim_start().starts_with('#'))
                    {
                        push(tool.trim(), version, n);
                    }
                }
            }
            "go.mod" => {
                for (n, line) in numbered(file.text) {
                    if let Some(v) = line.strip_prefix("go ") {
                        push("go", v, n);
                    } else if let Some(v) = line.strip_prefix("toolchain ") {
                        push("go", v.trim_start_matches("go"), n);
                    }
                }
            }
            _ => {}
        }
    }

    fn base_images(&mut self, file: &FileView) {
        let mut stages: Vec<String> = Vec::new();
        for (n, line) in numbered(file.text) {
            let Some(image) = from_image(line) else { continue };
            let is_stage = stages.contains(&image.to_ascii_lowercase());
            let words: Vec<&str> = line.split_whitespace().collect();
            if let Some(stage) = words
                .iter()
                .position(|w| w.eq_ignore_ascii_case("as"))
                .and_then(|p| words.get(p + 1))
            {
                stages.push(stage.to_ascii_lowercase());
            }
            if image == "scratch" || is_stage {
                continue;
            }
            self.base_images.push(BaseImage {
                path: file.path.to_string(),
                line: n,
                pin: image_pin(&image),
                image,
            });
        }
    }

    /// The rebuild facts, with the CI pipelines `infra` found.
    pub fn finish(mut self, ci: Vec<CiPipeline>) -> RebuildFacts {
        let mut package_managers = Vec::new();
        for path in &self.paths {
            let name = file_name(path);
            if let Some((_, manager, locks)) = MANIFESTS.iter().find(|(m, _, _)| *m == name) {
                package_managers.push(PackageManager {
                    manager: manager.to_string(),
                    manifest: path.clone(),
                    lockfile: find_lock(&self.paths, parent(path), locks),
                });
            } else if name.starts_with("requirements") && name.ends_with(".txt") {
                package_managers.push(PackageManager {
                    manager: "pip".to_string(),
                    manifest: path.clone(),
                    lockfile: self.pinned_requirements.contains(path).then(|| path.clone()),
                });
            }
        }
        let iac = std::mem::take(&mut self.iac)
            .into_iter()
            .map(|(kind, mut files)| {
                files.sort();
                files.dedup();
                IacKind {
                    kind: kind.to_string(),
                    files: files.len(),
                    example: files[0].clone(),
                }
            })
            .collect();
        let env_vars = std::mem::take(&mut self.env_reads)
            .into_iter()
            .map(|(name, read_at)| EnvVar {
                documented_in: self.documented.get(&name).cloned(),
                name,
                read_at,
            })
            .collect();
        RebuildFacts {
            build_instructions: self.instructions,
            package_managers,
            toolchains: self.toolchains,
            base_images: self.base_images,
            iac,
            env_vars,
            ci,
        }
    }
}

/// The lockfile for a manifest in `dir`: in `dir` or the nearest folder above that has one.
fn find_lock(paths: &BTreeSet<String>, dir: &str, locks: &[&str]) -> Option<String> {
    let mut dir = dir.to_string();
    loop {
        for lock in locks {
            let candidate = if dir.is_empty() {
                lock.to_string()
            } else {
                format!("{dir}/{lock}")
            };
            if paths.contains(&candidate) {
                return Some(candidate);
            }
        }
        if dir.is_empty() {
            return None;
        }
        dir = parent(&dir).to_string();
    }
}

/// How an image reference is pinned.
pub fn image_pin(image: &str) -> ImagePin {
    if image.contains("@sha256:") {
        ImagePin::Digest
    } else if image.contains('$') {
        ImagePin::Variable
    } else {
        let last = image.rsplit('/').next().unwrap_or(image);
        match last.split_once(':') {
            Some((_, "latest")) | None => ImagePin::Latest,
            Some(_) => ImagePin::Tag,
        }
    }
}

/// Ways code reads an environment variable; `true` when the name may follow bare
/// (`process.env.NAME`), else it must be quoted (`os.getenv("NAME")`).
const ENV_READS: &[(&str, bool)] = &[
    ("process.env.", true),
    ("process.env[", false),
    ("import.meta.env.", true),
    ("os.environ[", false),
    ("environ.get(", false),
    ("getenv(", false),
    ("Getenv(", false),
    ("LookupEnv(", false),
    ("env::var(", false),
    ("env::var_os(", false),
    ("ENV[", false),
    ("ENV.fetch(", false),
    ("$_ENV[", false),
    ("GetEnvironmentVariable(", false),
    ("System.get_env(", false),
];

/// The upper-case environment variable names a line of code reads.
pub fn env_reads(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (pattern, bare) in ENV_READS {
        for (at, _) in line.match_indices(pattern) {
            let rest = line[at + pattern.len()..].trim_start();
            let (quote, rest) = match rest.chars().next() {
                Some(q @ ('"' | '\'' | '`')) => (Some(q), &rest[1..]),
                _ => (None, rest),
            };
            if quote.is_none() && !bare {
                continue;
            }
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let name = &rest[..end];
            let closed = quote.is_none_or(|q| rest[end..].starts_with(q));
            if closed
                && name.len() >= 2
                && name.bytes().any(|b| b.is_ascii_uppercase())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                && !out.contains(&name)
            {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::exit::files::{ci_system, extension, is_config};

    fn run(files: &[(&str, &str, bool)]) -> RebuildFacts {
        let mut rebuild = Rebuild::default();
        for (path, text, document) in files {
            rebuild.see(path);
            let name = file_name(path);
            rebuild.visit(&FileView {
                path,
                name,
                ext: extension(name),
                text,
                document: *document,
                config: is_config(path),
                ci: ci_system(path),
            });
        }
        rebuild.finish(Vec::new())
    }

    #[test]
    fn instructions_locks_and_toolchains() {
        let facts = run(&[
            (
                "README.md",
                "# App\n\nAbout.\n\n## Usage\n\n```\napp --help\n```\n\n## Development\n\n```sh\n$ cargo build --release\n```\n",
                true,
            ),
            ("Cargo.toml", "[package]\n", false),
            ("Cargo.lock", "", false),
            ("web/package.json", "{}", false),
            ("tools/go.mod", "module x\n\ngo 1.22\ntoolchain go1.22.3\n", false),
            ("rust-toolchain.toml", "[toolchain]\nchannel = \"1.91\"\n", false),
            (".tool-versions", "nodejs 20.11.0\n# c\npython 3.12.1\n", false),
            (".nvmrc", "\n20\n", false),
            ("requirements.txt", "flask==3.0.0\n# dev\nrequests==2.31.0\n", false),
        ]);
        assert_eq!(
            facts.build_instructions,
            vec![BuildInstructions {
                path: "README.md".into(),
                line: 11,
                heading: Some("Development".into())
            }]
        );
        let locks: Vec<(&str, &str, Option<&str>)> = facts
            .package_managers
            .iter()
            .map(|p| (p.manager.as_str(), p.manifest.as_str(), p.lockfile.as_deref()))
            .collect();
        assert_eq!(
            locks,
            vec![
                ("cargo", "Cargo.toml", Some("Cargo.lock")),
                ("pip", "requirements.txt", Some("requirements.txt")),
                ("go", "tools/go.mod", None),
                ("npm", "web/package.json", None),
            ]
        );
        let tools: Vec<(&str, &str, &str, usize)> = facts
            .toolchains
            .iter()
            .map(|t| (t.tool.as_str(), t.version.as_str(), t.path.as_str(), t.line))
            .collect();
        assert_eq!(
            tools,
            vec![
                ("go", "1.22", "tools/go.mod", 3),
                ("go", "1.22.3", "tools/go.mod", 4),
                ("rust", "1.91", "rust-toolchain.toml", 2),
                ("nodejs", "20.11.0", ".tool-versions", 1),
                ("python", "3.12.1", ".tool-versions", 3),
                ("node", "20", ".nvmrc", 2),
            ]
        );
    }

    #[test]
    fn images_iac_and_environment() {
        let facts = run(&[
            (
                "Dockerfile",
                "FROM golang:1.22@sha256:abc AS build\nFROM build AS test\nFROM gcr.io/distroless/static\nFROM ${BASE}\nFROM scratch\n",
                false,
            ),
            ("infra/main.tf", "terraform {}\n", false),
            ("deploy/app.yaml", "apiVersion: v1\nkind: Service\n", false),
            (
                "src/app.py",
                "import os\nDB = os.environ[\"DATABASE_URL\"]\nport = os.getenv('PORT', 80)\nhome = os.environ['HOME']\n",
                false,
            ),
            (
                "web/index.ts",
                "const k = process.env.API_KEY ?? process.env[name];\n",
                false,
            ),
            (".env.example", "DATABASE_URL=\n", false),
            ("docs/config.md", "| `PORT` | the port |\n", true),
        ]);
        let images: Vec<(usize, &str, ImagePin)> = facts
            .base_images
            .iter()
            .map(|b| (b.line, b.image.as_str(), b.pin))
            .collect();
        assert_eq!(
            images,
            vec![
                (1, "golang:1.22@sha256:abc", ImagePin::Digest),
                (3, "gcr.io/distroless/static", ImagePin::Latest),
                (4, "${BASE}", ImagePin::Variable),
            ]
        );
        let iac: Vec<(&str, usize, &str)> = facts
            .iac
            .iter()
            .map(|i| (i.kind.as_str(), i.files, i.example.as_str()))
            .collect();
        assert_eq!(
            iac,
            vec![("kubernetes", 1, "deploy/app.yaml"), ("terraform", 1, "infra/main.tf")]
        );
        let env: Vec<(&str, String, Option<String>)> = facts
            .env_vars
            .iter()
            .map(|e| {
                (
                    e.name.as_str(),
                    format!("{}:{}", e.read_at.path, e.read_at.line),
                    e.documented_in.as_ref().map(|d| format!("{}:{}", d.path, d.line)),
                )
            })
            .collect();
        assert_eq!(
            env,
            vec![
                ("API_KEY", "web/index.ts:1".into(), None),
                ("DATABASE_URL", "src/app.py:2".into(), Some(".env.example:1".into())),
                ("PORT", "src/app.py:3".into(), Some("docs/config.md:1".into())),
            ]
        );
    }
}
