//! The exit inventory as data (`ExitInventory`): what ties the systems to the vendor and what an
//! in-house team needs to rebuild them, each item with the file and line it was read from.
//!
//! Facts only: no status, no score. Secret *values* never enter these types: a credential is
//! its name, and a value-looking literal is kept as its first four characters and `…`.

/// A place in a tracked file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Location {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
}

impl Location {
    /// A location.
    pub fn new(path: &str, line: usize) -> Location {
        Location {
            path: path.to_string(),
            line,
        }
    }
}

/// Everything the exit inventory found in one root.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ExitInventory {
    /// Whether a vendor organisation is configured (without one, nothing is vendor's).
    pub vendor_configured: bool,
    /// Hosts under a vendor domain linked from documents and configs, by host.
    pub hosted: Vec<HostedSystem>,
    /// Ownership rules, alert routes, on-call sections and CI notifications naming vendor people.
    pub operations: Vec<OperationalPath>,
    /// CI runners, registries, base images, Terraform backends and providers, Helm repositories
    /// the vendor runs (and self-hosted runners whose operator cannot be told).
    pub infrastructure: Vec<InfraItem>,
    /// Names of the secrets CI and deployment use, by name.
    pub credentials: Vec<Credential>,
    /// Value-looking literals committed where secrets are configured (redacted).
    pub committed_values: Vec<CommittedValue>,
    /// Whether an in-house team could build and run the system.
    pub rebuild: RebuildFacts,
    /// Files not read (over the size limit), repository-relative.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
}

/// What a host under a vendor domain seems to be, from its name and path.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum HostKind {
    /// A wiki or documentation site (Confluence, Notion, `wiki.`, `docs.`).
    Wiki,
    /// An issue tracker (Jira, YouTrack).
    Tracker,
    /// A shared drive (SharePoint, Google Drive, `files.`).
    Drive,
    /// A dashboard or monitoring site (Grafana, Kibana, status pages).
    Dashboard,
    /// Code hosting (GitLab, Bitbucket, `git.`).
    Code,
    /// A CI server.
    Ci,
    /// A container or package registry.
    Registry,
    /// Anything else.
    Other,
}

/// One host under a vendor domain and every place that links to it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct HostedSystem {
    /// The host, lower-case (`wiki.acme-outsourcing.com`).
    pub host: String,
    /// What it seems to be.
    pub kind: HostKind,
    /// How many places reference it (the list below keeps the first 100).
    pub reference_count: usize,
    /// The places, by path and line.
    pub references: Vec<HostReference>,
}

/// One reference to a vendor host.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct HostReference {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The URL or host as written, without credentials, query or fragment.
    pub url: String,
    /// Whether the file is a document (else a config).
    pub in_document: bool,
}

/// Where a vendor person sits in an operational path.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OpsContext {
    /// An ownership rule (CODEOWNERS, OWNERS, MAINTAINERS).
    Ownership,
    /// An alert route (Alertmanager receiver, PagerDuty or Opsgenie settings).
    AlertRoute,
    /// An on-call, rota or escalation section of a document.
    OnCall,
    /// A CI configuration (notifications, commit identity).
    CiNotification,
}

/// An operational path (a rule, a receiver, a section) with the vendor people in it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct OperationalPath {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line where the rule, receiver or section starts.
    pub line: usize,
    /// What kind of path it is.
    pub context: OpsContext,
    /// Its name: the rule's pattern, the receiver's name, the section's heading, the file.
    pub name: String,
    /// Every person named in it, as written.
    pub people: Vec<String>,
    /// The vendor people, each with its line.
    pub vendor_people: Vec<PersonAt>,
    /// Whether everybody named in it is the vendor's.
    pub vendor_only: bool,
}

/// A person as written, at a line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PersonAt {
    /// The email or handle, as written.
    pub who: String,
    /// 1-based line.
    pub line: usize,
}

/// What a piece of infrastructure is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum InfraKind {
    /// A CI runner selected by labels or tags (GitHub `runs-on`, GitLab `tags`, Jenkins `agent`).
    CiRunner,
    /// A container registry named in CI or deployment.
    ContainerRegistry,
    /// A package registry (`.npmrc`, `pip.conf`, `.cargo/config.toml`, `settings.xml`, …).
    PackageRegistry,
    /// A Dockerfile base image pulled from a vendor host.
    BaseImage,
    /// A Terraform state backend (or HCP Terraform organisation).
    TerraformBackend,
    /// A Terraform provider's endpoint or registry.
    TerraformProvider,
    /// A Terraform module source.
    TerraformModule,
    /// A Helm chart repository.
    HelmRepository,
    /// Another vendor host a CI pipeline talks to.
    CiHost,
}

/// One piece of infrastructure the vendor runs (or may run).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct InfraItem {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// What it is.
    pub kind: InfraKind,
    /// The host, image, URL or runner labels.
    pub target: String,
    /// Whether it is under a vendor domain or names the vendor; `false` for a self-hosted runner
    /// whose operator cannot be told from the repository.
    pub vendor: bool,
    /// One sentence: what was found.
    pub detail: String,
}

/// Where a secret name is used.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CredentialSource {
    /// `secrets.X` in a GitHub Actions workflow or action.
    GithubActions,
    /// A variable a GitLab CI file reads but does not define (a project or group variable).
    GitlabCi,
    /// A Kubernetes `secretKeyRef`/`secretRef` name, or a `Secret` manifest.
    Kubernetes,
    /// A Terraform variable marked `sensitive = true`.
    Terraform,
    /// A key of `.env.example` (or `.env.sample`, `.env.template`, a committed `.env`).
    EnvExample,
}

/// A secret's name with every place it is used; never its value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Credential {
    /// The name (`DEPLOY_TOKEN`, `db-credentials`).
    pub name: String,
    /// Where it is used, by path and line.
    pub found: Vec<CredentialUse>,
    /// Where the access inventory mentions it, when it does.
    pub listed_in: Option<Location>,
}

/// One use of a secret name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CredentialUse {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The kind of place.
    pub source: CredentialSource,
}

/// A value-looking literal committed where secrets are configured.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CommittedValue {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The key it is assigned to, when there is one.
    pub name: Option<String>,
    /// The first four characters and `…`: never more.
    pub redacted: String,
    /// Why it looks real (`a GitHub token prefix`, `a high-entropy literal`, …).
    pub why: String,
}

/// Whether an in-house team could build and run the system from the repository.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RebuildFacts {
    /// Build instructions: a README section, BUILDING, CONTRIBUTING or INSTALL with commands.
    pub build_instructions: Vec<BuildInstructions>,
    /// Each package manifest and the lockfile that pins it.
    pub package_managers: Vec<PackageManager>,
    /// Pinned toolchain versions.
    pub toolchains: Vec<Toolchain>,
    /// Dockerfile base images and how they are pinned.
    pub base_images: Vec<BaseImage>,
    /// Infrastructure as code, per kind.
    pub iac: Vec<IacKind>,
    /// Environment variables the code reads, and where each is documented.
    pub env_vars: Vec<EnvVar>,
    /// CI pipelines and the runners their jobs use.
    pub ci: Vec<CiPipeline>,
}

/// Build instructions found.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct BuildInstructions {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line of the section (or of the first command).
    pub line: usize,
    /// The section's heading, when in a README.
    pub heading: Option<String>,
}

/// A package manifest and its lockfile.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PackageManager {
    /// `cargo`, `npm`, `go`, `bundler`, `poetry`, …
    pub manager: String,
    /// The manifest's path.
    pub manifest: String,
    /// The lockfile that pins it (same folder or a workspace above), when there is one.
    pub lockfile: Option<String>,
}

/// A pinned toolchain version.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Toolchain {
    /// `rust`, `node`, `go`, `python`, …
    pub tool: String,
    /// The version as written.
    pub version: String,
    /// Repository-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
}

/// How a base image is pinned.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ImagePin {
    /// `@sha256:…`: reproducible.
    Digest,
    /// A version tag (`node:20.11-alpine`).
    Tag,
    /// `:latest`, or no tag at all (which means latest).
    Latest,
    /// Set by a build argument (`FROM ${BASE}`): cannot be told.
    Variable,
}

/// A Dockerfile `FROM`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct BaseImage {
    /// Repository-relative path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// The image reference as written.
    pub image: String,
    /// How it is pinned.
    pub pin: ImagePin,
}

/// Infrastructure-as-code files of one kind.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct IacKind {
    /// `terraform`, `helm`, `kubernetes`, `kustomize`, `pulumi`, `cloudformation`, …
    pub kind: String,
    /// How many files.
    pub files: usize,
    /// The first one, by path.
    pub example: String,
}

/// An environment variable the code reads.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct EnvVar {
    /// Its name.
    pub name: String,
    /// The first place the code reads it.
    pub read_at: Location,
    /// Where it is documented (`.env.example`, Helm values, a document), when it is.
    pub documented_in: Option<Location>,
}

/// One CI pipeline file and the runners of its jobs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CiPipeline {
    /// `github_actions`, `gitlab_ci`, `jenkins`, `circleci`, …
    pub system: String,
    /// Repository-relative path.
    pub path: String,
    /// Jobs in it (1 when the format is not read job by job).
    pub jobs: usize,
    /// Jobs on self-hosted or tagged runners.
    pub self_hosted_jobs: usize,
    /// Jobs on runners whose labels name the vendor.
    pub vendor_jobs: usize,
}
