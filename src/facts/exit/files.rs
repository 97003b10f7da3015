//! What a tracked file is to the exit inventory, from its path alone: a document, a config, a
//! CI pipeline, a Dockerfile, Terraform, an ownership file, an env example, code that may read
//! the environment. Decides which files are read at all.

use crate::facts::inventory::FileClass;

/// A CI system, from the path of its pipeline file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiSystem {
    /// `.github/workflows/*.yml`.
    GithubActions,
    /// `.gitlab-ci.yml` and files under `.gitlab/ci/`.
    GitlabCi,
    /// `Jenkinsfile`.
    Jenkins,
    /// `.circleci/config.yml`.
    CircleCi,
    /// `.travis.yml`.
    Travis,
    /// `azure-pipelines.yml`.
    AzurePipelines,
    /// `bitbucket-pipelines.yml`.
    Bitbucket,
    /// `.drone.yml`, `.woodpecker.yml`, `.buildkite/`, `cloudbuild.yaml`.
    Other(&'static str),
}

impl CiSystem {
    /// The name used in facts.
    pub fn name(self) -> &'static str {
        match self {
            CiSystem::GithubActions => "github_actions",
            CiSystem::GitlabCi => "gitlab_ci",
            CiSystem::Jenkins => "jenkins",
            CiSystem::CircleCi => "circleci",
            CiSystem::Travis => "travis",
            CiSystem::AzurePipelines => "azure_pipelines",
            CiSystem::Bitbucket => "bitbucket",
            CiSystem::Other(name) => name,
        }
    }
}

/// One file as the concerns see it.
#[derive(Debug)]
pub struct FileView<'a> {
    /// Repository-relative path.
    pub path: &'a str,
    /// The file name (last component).
    pub name: &'a str,
    /// Lower-case extension without the dot (`""` when none).
    pub ext: String,
    /// Its text.
    pub text: &'a str,
    /// A document (Markdown, AsciiDoc, …).
    pub document: bool,
    /// A config file (YAML, TOML, JSON, HCL, INI, XML, dotfiles of package managers, …).
    pub config: bool,
    /// A CI pipeline file, and which system.
    pub ci: Option<CiSystem>,
}

impl FileView<'_> {
    /// A YAML file.
    pub fn yaml(&self) -> bool {
        matches!(self.ext.as_str(), "yml" | "yaml")
    }

    /// A Dockerfile or Containerfile.
    pub fn dockerfile(&self) -> bool {
        is_dockerfile(self.name)
    }

    /// A Terraform file.
    pub fn terraform(&self) -> bool {
        self.ext == "tf"
    }
}

fn is_dockerfile(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.ends_with(".dockerfile")
}

/// The CI system a path belongs to.
pub fn ci_system(path: &str) -> Option<CiSystem> {
    let name = file_name(path);
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    if (path.starts_with(".github/workflows/") && yaml && !path[".github/workflows/".len()..].contains('/'))
        || (path.starts_with(".github/actions/") && (name == "action.yml" || name == "action.yaml"))
    {
        return Some(CiSystem::GithubActions);
    }
    if name == ".gitlab-ci.yml" || name.ends_with(".gitlab-ci.yml") || (path.starts_with(".gitlab/ci/") && yaml) {
        return Some(CiSystem::GitlabCi);
    }
    if name == "Jenkinsfile" || name.starts_with("Jenkinsfile.") {
        return Some(CiSystem::Jenkins);
    }
    match path {
        ".circleci/config.yml" | ".circleci/config.yaml" => return Some(CiSystem::CircleCi),
        ".travis.yml" => return Some(CiSystem::Travis),
        "azure-pipelines.yml" | "azure-pipelines.yaml" => return Some(CiSystem::AzurePipelines),
        "bitbucket-pipelines.yml" => return Some(CiSystem::Bitbucket),
        ".drone.yml" => return Some(CiSystem::Other("drone")),
        ".woodpecker.yml" => return Some(CiSystem::Other("woodpecker")),
        "cloudbuild.yaml" | "cloudbuild.yml" => return Some(CiSystem::Other("cloud_build")),
        _ => {}
    }
    if (path.starts_with(".buildkite/") || path.starts_with(".woodpecker/")) && yaml {
        return Some(CiSystem::Other(if path.starts_with(".buildkite/") {
            "buildkite"
        } else {
            "woodpecker"
        }));
    }
    None
}

/// The last component of a path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder of a path (`""` at the top).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

const CONFIG_EXTENSIONS: &[&str] = &[
    "yml",
    "yaml",
    "json",
    "toml",
    "tf",
    "tfvars",
    "tfbackend",
    "backend",
    "hcl",
    "ini",
    "cfg",
    "conf",
    "properties",
    "xml",
    "env",
];

const CONFIG_NAMES: &[&str] = &[
    ".npmrc",
    ".yarnrc",
    ".pypirc",
    ".gemrc",
    "pip.conf",
    "pip.ini",
    "Gemfile",
    "go.mod",
    ".nvmrc",
    ".node-version",
    ".python-version",
    ".ruby-version",
    ".java-version",
    ".terraform-version",
    ".tool-versions",
    "rust-toolchain",
    ".sdkmanrc",
    "CODEOWNERS",
    "OWNERS",
    "OWNERS_ALIASES",
    "MAINTAINERS",
];

/// Whether a file is a config file the inventory reads.
pub fn is_config(path: &str) -> bool {
    let name = file_name(path);
    let ext = extension(name);
    CONFIG_EXTENSIONS.contains(&ext.as_str())
        || CONFIG_NAMES.contains(&name)
        || is_env_file(name)
        || is_dockerfile(name)
        || ci_system(path).is_some()
        || (name.starts_with("requirements") && ext == "txt")
        || (name == "config" && parent(path).ends_with(".cargo"))
}

/// `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `example.env`, a committed `.env`.
pub fn is_env_file(name: &str) -> bool {
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env")
}

/// Code in a language whose environment reads the inventory recognises.
pub fn is_code(path: &str) -> bool {
    matches!(
        extension(file_name(path)).as_str(),
        "rs" | "go"
            | "py"
            | "js"
            | "mjs"
            | "cjs"
            | "ts"
            | "tsx"
            | "jsx"
            | "rb"
            | "java"
            | "kt"
            | "kts"
            | "scala"
            | "php"
            | "cs"
            | "ex"
            | "exs"
            | "c"
            | "cc"
            | "cpp"
    )
}

/// The lower-case extension of a file name.
pub fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map_or_else(String::new, |(_, e)| e.to_ascii_lowercase())
}

/// Whether a file of this class is looked at at all (third-party, generated, binary and
/// excluded files are not).
pub fn considered(class: FileClass) -> bool {
    matches!(class, FileClass::Source | FileClass::Document | FileClass::Lock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_systems_from_paths() {
        assert_eq!(ci_system(".github/workflows/deploy.yml"), Some(CiSystem::GithubActions));
        assert_eq!(ci_system(".github/workflows/sub/x.yml"), None);
        assert_eq!(
            ci_system(".github/actions/setup/action.yml"),
            Some(CiSystem::GithubActions)
        );
        assert_eq!(ci_system("ci/build.gitlab-ci.yml"), Some(CiSystem::GitlabCi));
        assert_eq!(ci_system("Jenkinsfile"), Some(CiSystem::Jenkins));
        assert_eq!(ci_system("docs/x.yml"), None);
    }

    #[test]
    fn configs_and_code() {
        assert!(is_config("deploy/values.yaml"));
        assert!(is_config(".env.example"));
        assert!(is_config("services/api/Dockerfile"));
        assert!(is_config(".cargo/config"));
        assert!(is_config("requirements-dev.txt"));
        assert!(!is_config("src/main.rs"));
        assert!(is_code("src/main.rs"));
        assert!(!is_code("README.md"));
        assert_eq!(extension(".npmrc"), "");
    }
}
