//! Everything the classifier's signals look at, gathered in one pass over a document
//! (issue 12): path parts, title, what each heading is about, structure (numbered steps,
//! command blocks, tables) and counts of a few word families in the text.
//!
//! Stage: gather facts (no kind is decided here; `signals.rs` weighs these). Reads the path,
//! the text, the [`ParsedDoc`] and the site context; allocates per heading and per path part,
//! never per word of the text (words are slices, compared ASCII case-insensitively against
//! static tables).

use super::model::ParsedDoc;
use super::site::{Site, SiteContext};
use super::words::{has_any, is, is_phrase, name_words, one_of, starts, unnumbered, words};

/// What a heading is about. Each heading may have several topics; a document keeps the first
/// heading of each topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Topic {
    // Nygard and MADR decision records, and other record templates (Tyree/Akerman, Y-statements).
    Status,
    Context,
    Decision,
    Consequences,
    ContextProblem,
    ConsideredOptions,
    DecisionOutcome,
    DecisionDrivers,
    ProsCons,
    Positions,
    // Design documents, RFCs and KEPs.
    Summary,
    Motivation,
    Goals,
    NonGoals,
    Proposal,
    DesignDetails,
    RisksMitigations,
    Graduation,
    TestPlan,
    Alternatives,
    Drawbacks,
    UserStories,
    ImplementationHistory,
    ProductionReadiness,
    UnresolvedQuestions,
    // Runbooks: the four groups of DESIGN §4 and the alert-runbook sections.
    Alerts,
    Diagnosis,
    Mitigation,
    Escalation,
    Meaning,
    Impact,
    // Procedures.
    Prerequisites,
    Steps,
    Verify,
    // Postmortems.
    Timeline,
    RootCause,
    Lessons,
    KeyEvents,
    TimeToRepair,
    ActionItems,
    // Onboarding.
    Install,
    GettingStarted,
    Development,
    Contributing,
    Workflow,
    Joiners,
    // Security policies.
    Vulnerability,
    SupportedVersions,
    // References (API, CLI, terraform-docs module READMEs).
    TfRequirements,
    TfProviders,
    TfModules,
    TfResources,
    Inputs,
    Outputs,
    Usage,
    Options,
    Examples,
    // Descriptions.
    Architecture,
    Components,
    Overview,
    Troubleshooting,
    Access,
    Deployment,
    OnCall,
    Monitoring,
}

/// How a topic's phrase must appear in a heading (numbering such as "3." removed).
#[derive(Clone, Copy)]
enum How {
    /// The whole heading is the phrase ("Context").
    Is,
    /// The phrase appears anywhere ("Risks and Mitigations").
    Has,
    /// Some word of the heading starts with the text ("Troubleshooting" for `troubleshoot`).
    Prefix,
}

use How::{Has, Is, Prefix};
use Topic as T;

/// The heading table: (topic, how, phrases). Decision-record headings are listed in the
/// languages the common ADR templates are translated into (Welsh, Spanish, French, German,
/// Portuguese, Italian, Turkish), since teams keep them in their own language.
const HEADING_TOPICS: &[(Topic, How, &[&str])] = &[
    (
        T::Status,
        Is,
        &["status", "state", "estado", "statut", "stato", "durum", "statws"],
    ),
    (
        T::Context,
        Is,
        &[
            "context",
            "contexto",
            "contexte",
            "kontext",
            "contesto",
            "bağlam",
            "cyd destun",
            "cyd-destun",
        ],
    ),
    (
        T::Decision,
        Is,
        &[
            "decision",
            "the decision",
            "decision made",
            "our decision",
            "decisión",
            "décision",
            "entscheidung",
            "decisão",
            "decisione",
            "karar",
            "penderfyniad",
        ],
    ),
    (
        T::Consequences,
        Is,
        &[
            "consequences",
            "consequence",
            "consecuencias",
            "conséquences",
            "konsequenzen",
            "consequências",
            "conseguenze",
            "sonuçlar",
            "canlyniadau",
            "implications",
            "etkiler",
            "implicaciones",
        ],
    ),
    (T::ContextProblem, Has, &["problem statement", "context and problem"]),
    (T::ConsideredOptions, Has, &["considered options", "options considered"]),
    (T::DecisionOutcome, Has, &["decision outcome"]),
    (T::DecisionDrivers, Has, &["decision drivers"]),
    (T::ProsCons, Has, &["pros and cons"]),
    (
        T::Positions,
        Is,
        &[
            "positions",
            "argument",
            "arguments",
            "pozisyonlar",
            "argüman",
            "posiciones",
            "argumento",
        ],
    ),
    (T::Summary, Is, &["summary", "tl dr", "abstract"]),
    (T::Motivation, Is, &["motivation", "background and motivation"]),
    (T::Goals, Is, &["goals", "goals and non goals"]),
    (T::NonGoals, Is, &["non goals", "nongoals", "non-goals"]),
    (
        T::Proposal,
        Is,
        &[
            "proposal",
            "proposed solution",
            "proposed design",
            "detailed design",
            "the proposal",
        ],
    ),
    (T::DesignDetails, Has, &["design details"]),
    (T::RisksMitigations, Has, &["risks and mitigations"]),
    (T::Graduation, Has, &["graduation criteria"]),
    (T::TestPlan, Is, &["test plan", "testing plan"]),
    (T::Alternatives, Prefix, &["alternative"]),
    // Rust RFCs and Python PEPs name their sections so.
    (
        T::Alternatives,
        Has,
        &["rejected ideas", "prior art", "rationale and alternatives"],
    ),
    (
        T::DesignDetails,
        Is,
        &[
            "specification",
            "guide level explanation",
            "reference level explanation",
            "backwards compatibility",
            "backward compatibility",
        ],
    ),
    (T::Drawbacks, Is, &["drawbacks"]),
    (T::UserStories, Has, &["user stories"]),
    (T::ImplementationHistory, Has, &["implementation history"]),
    (T::ProductionReadiness, Has, &["production readiness"]),
    (
        T::UnresolvedQuestions,
        Has,
        &[
            "unresolved questions",
            "open questions",
            "open issues",
            "future possibilities",
        ],
    ),
    // "Alertmanager" names a tool, not the alert a runbook answers.
    (
        T::Alerts,
        Has,
        &[
            "alert",
            "alerts",
            "alerting",
            "symptom",
            "symptoms",
            "detection",
            "detected",
            "when this fires",
        ],
    ),
    (
        T::Diagnosis,
        Prefix,
        &["diagnos", "triag", "troubleshoot", "investigat", "debug"],
    ),
    (
        T::Mitigation,
        Prefix,
        &[
            "mitigat",
            "remediat",
            "resolution",
            "resolv",
            "workaround",
            "recover",
            "rollback",
            "restor",
            "failover",
        ],
    ),
    (
        T::Mitigation,
        Has,
        &["fix", "fixes", "fixing", "roll back", "how to fix"],
    ),
    (
        T::Escalation,
        Prefix,
        &["escalat", "contact", "oncall", "pager", "paging"],
    ),
    (T::Escalation, Has, &["on call"]),
    (T::Meaning, Is, &["meaning"]),
    (T::Impact, Is, &["impact"]),
    (
        T::Prerequisites,
        Has,
        &[
            "prerequisite",
            "prerequisites",
            "pre requisites",
            "before you start",
            "before you begin",
            "requirements",
        ],
    ),
    (
        T::Steps,
        Is,
        &["steps", "procedure", "instructions", "process", "the process", "how to"],
    ),
    (T::Steps, Prefix, &["step"]),
    (T::Verify, Prefix, &["verif", "validat", "check"]),
    (T::Timeline, Has, &["timeline"]),
    (T::RootCause, Has, &["root cause", "root causes", "cause"]),
    (
        T::Lessons,
        Has,
        &["lessons learned", "lessons learnt", "what went wrong", "what went well"],
    ),
    (T::KeyEvents, Has, &["key events"]),
    (
        T::TimeToRepair,
        Has,
        &["time to repair", "time to resolve", "time to recovery"],
    ),
    (T::ActionItems, Has, &["action items", "follow up actions", "actions"]),
    (T::Install, Prefix, &["install"]),
    (
        T::GettingStarted,
        Has,
        &[
            "getting started",
            "get started",
            "quick start",
            "quickstart",
            "quick-start",
        ],
    ),
    (
        T::Development,
        Has,
        &[
            "development",
            "developing",
            "running locally",
            "run locally",
            "local setup",
            "building locally",
            "build locally",
            "running the tests",
            "running tests",
            "run the tests",
            "testing",
            "building",
            "local environment",
            "dev environment",
        ],
    ),
    (T::Contributing, Prefix, &["contribut"]),
    (
        T::Workflow,
        Has,
        &[
            "pull request",
            "pull requests",
            "code review",
            "reviewing",
            "how we work",
            "ways of working",
            "working practices",
            "sprint",
            "sprints",
            "branching",
            "commit messages",
        ],
    ),
    (
        T::Joiners,
        Has,
        &[
            "joiners",
            "joiner",
            "leavers",
            "leaver",
            "new starter",
            "new starters",
            "onboarding",
            "your first",
            "first day",
            "first week",
            "orientation",
        ],
    ),
    (
        T::Vulnerability,
        Has,
        &[
            "vulnerability",
            "vulnerabilities",
            "security issue",
            "security issues",
            "security bug",
            "security vulnerability",
            "disclosure",
            "security policy",
            "security release",
            "security announcements",
        ],
    ),
    (T::SupportedVersions, Has, &["supported versions", "supported releases"]),
    (T::TfRequirements, Is, &["requirements"]),
    (T::TfProviders, Is, &["providers"]),
    (T::TfModules, Is, &["modules"]),
    (T::TfResources, Is, &["resources"]),
    (T::Inputs, Is, &["inputs"]),
    (T::Outputs, Is, &["outputs"]),
    (T::Usage, Is, &["usage", "synopsis", "syntax"]),
    (
        T::Options,
        Is,
        &[
            "options",
            "flags",
            "arguments",
            "argument reference",
            "attributes reference",
            "attribute reference",
            "parameters",
            "command options",
            "general options",
            "return value",
            "returns",
        ],
    ),
    (T::Examples, Is, &["examples", "example", "example usage"]),
    (
        T::Architecture,
        Has,
        &["architecture", "how it works", "how this works", "design overview"],
    ),
    (
        T::Components,
        Is,
        &["components", "main components", "services", "data flow", "data flows"],
    ),
    (T::Overview, Is, &["overview", "introduction", "about"]),
    (T::Troubleshooting, Prefix, &["troubleshoot"]),
    (
        T::Troubleshooting,
        Has,
        &["common issues", "common problems", "known issues"],
    ),
    (
        T::Access,
        Has,
        &[
            "access",
            "credentials",
            "accounts",
            "secrets",
            "passwords",
            "permissions",
        ],
    ),
    (T::Deployment, Prefix, &["deploy", "releas"]),
    (
        T::OnCall,
        Has,
        &["on call", "oncall", "rota", "support hours", "out of hours"],
    ),
    (T::Monitoring, Prefix, &["monitor", "alerting", "dashboard"]),
];

/// The topics of one heading's text. Repositories repeat their headings (every KEP has a
/// "Motivation", every alert runbook a "Diagnosis"), so results are remembered per thread.
pub(super) fn heading_topics(text: &str) -> u128 {
    use std::cell::RefCell;
    use std::collections::HashMap;
    /// Distinct headings remembered before the memory starts over.
    const REMEMBERED: usize = 4096;
    thread_local! {
        static SEEN: RefCell<HashMap<String, u128>> = RefCell::new(HashMap::new());
    }
    if let Some(set) = SEEN.with(|s| s.borrow().get(text).copied()) {
        return set;
    }
    let set = topics_of_heading(text);
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= REMEMBERED {
            s.clear();
        }
        s.insert(text.to_string(), set);
    });
    set
}

/// The topics of one heading's text, from [`HEADING_TOPICS`].
fn topics_of_heading(text: &str) -> u128 {
    let all: Vec<&str> = words(text).collect();
    let w = unnumbered(&all);
    // A heading that is a sentence ("Make sure you have access to our alerts mailing lists")
    // states something; only section labels name a section's topic.
    let label = w.len() <= 7;
    let mut set = 0u128;
    for (topic, how, phrases) in HEADING_TOPICS {
        let hit = match how {
            Is => phrases.iter().any(|p| is_phrase(&w, p)),
            Has => label && has_any(&w, phrases),
            Prefix => label && w.iter().any(|word| phrases.iter().any(|p| starts(word, p))),
        };
        if hit {
            set |= 1 << (*topic as u32);
        }
    }
    set
}

/// Word families counted over the whole text (prose and code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    /// The running system: production, live, clusters, nodes, databases.
    Live,
    /// Incidents and alerts.
    Incident,
    /// Working on code: local machines, tests, pull requests, branches, dependencies.
    Dev,
    /// Decisions: decided, options, trade-offs.
    Decided,
    /// Vulnerabilities and disclosure.
    Vuln,
    /// Credentials and who holds them.
    Credential,
    /// Accounts, roles and sign-in.
    Account,
    /// Where credentials are kept, and the verbs that say so.
    Store,
}

/// Word → family (lower-case ASCII). `Live` is the vocabulary of a running system: its
/// environments, infrastructure and the services that watch it; `Dev` that of working on
/// code. Sorted at first use.
const FAMILY_WORDS: &[(&str, Family)] = &[
    // Accounts and sign-in; where credentials are kept (1Password, Vault…) and verbs saying so.
    ("account", Family::Account),
    ("accounts", Family::Account),
    ("admin", Family::Account),
    ("admins", Family::Account),
    ("group", Family::Account),
    ("groups", Family::Account),
    ("iam", Family::Account),
    ("login", Family::Account),
    ("logins", Family::Account),
    ("permission", Family::Account),
    ("permissions", Family::Account),
    ("role", Family::Account),
    ("roles", Family::Account),
    ("sso", Family::Account),
    ("bitwarden", Family::Store),
    ("credhub", Family::Store),
    ("encrypted", Family::Store),
    ("held", Family::Store),
    ("keychain", Family::Store),
    ("kept", Family::Store),
    ("lives", Family::Store),
    ("manager", Family::Store),
    ("sops", Family::Store),
    ("store", Family::Store),
    ("stored", Family::Store),
    ("vault", Family::Store),
    ("1password", Family::Credential),
    ("alert", Family::Incident),
    ("alertmanager", Family::Live),
    ("alerts", Family::Incident),
    ("aws", Family::Live),
    ("backup", Family::Live),
    ("backups", Family::Live),
    ("bosh", Family::Live),
    ("brakeman", Family::Dev),
    ("bucket", Family::Live),
    ("certificate", Family::Live),
    ("certificates", Family::Live),
    ("chosen", Family::Decided),
    ("ci", Family::Dev),
    ("cloudfront", Family::Live),
    ("cluster", Family::Live),
    ("clusters", Family::Live),
    ("codebase", Family::Dev),
    ("codeql", Family::Dev),
    ("compile", Family::Dev),
    ("concourse", Family::Live),
    ("consequences", Family::Decided),
    ("contributor", Family::Dev),
    ("contributors", Family::Dev),
    ("credential", Family::Credential),
    ("credentials", Family::Credential),
    ("css", Family::Dev),
    ("cve", Family::Vuln),
    ("database", Family::Live),
    ("databases", Family::Live),
    ("decide", Family::Decided),
    ("decided", Family::Decided),
    ("decision", Family::Decided),
    ("dependabot", Family::Dev),
    ("dependencies", Family::Dev),
    ("developer", Family::Dev),
    ("developers", Family::Dev),
    ("disclosure", Family::Vuln),
    ("dns", Family::Live),
    ("downtime", Family::Incident),
    ("ec2", Family::Live),
    ("eks", Family::Live),
    ("elasticsearch", Family::Live),
    ("eslint", Family::Dev),
    ("exploit", Family::Vuln),
    ("failover", Family::Live),
    ("fastly", Family::Live),
    ("gem", Family::Dev),
    ("gemfile", Family::Dev),
    ("gems", Family::Dev),
    ("gke", Family::Live),
    ("grafana", Family::Live),
    ("incident", Family::Incident),
    ("incidents", Family::Incident),
    ("ingress", Family::Live),
    ("instance", Family::Live),
    ("instances", Family::Live),
    ("javascript", Family::Dev),
    ("jquery", Family::Dev),
    ("keepass", Family::Credential),
    ("kibana", Family::Live),
    ("kubernetes", Family::Live),
    ("lastpass", Family::Credential),
    ("lint", Family::Dev),
    ("linter", Family::Dev),
    ("live", Family::Live),
    ("localhost", Family::Dev),
    ("locally", Family::Dev),
    ("logit", Family::Live),
    ("mfa", Family::Credential),
    ("namespace", Family::Live),
    ("namespaces", Family::Live),
    ("node", Family::Live),
    ("nodes", Family::Live),
    ("opensearch", Family::Live),
    ("outage", Family::Incident),
    ("pagerduty", Family::Live),
    ("password", Family::Credential),
    ("passwords", Family::Credential),
    ("pipeline", Family::Live),
    ("pipelines", Family::Live),
    ("pod", Family::Live),
    ("pods", Family::Live),
    ("postgres", Family::Live),
    ("postgresql", Family::Live),
    ("prod", Family::Live),
    ("production", Family::Live),
    ("prometheus", Family::Live),
    ("rails", Family::Dev),
    ("rds", Family::Live),
    ("redis", Family::Live),
    ("refactor", Family::Dev),
    ("refactoring", Family::Dev),
    ("rotate", Family::Credential),
    ("rotated", Family::Credential),
    ("rotation", Family::Credential),
    ("rspec", Family::Dev),
    ("rubocop", Family::Dev),
    ("ruby", Family::Dev),
    ("sass", Family::Dev),
    ("security", Family::Vuln),
    ("severity", Family::Incident),
    ("snapshot", Family::Live),
    ("snapshots", Family::Live),
    ("staging", Family::Live),
    ("terraform", Family::Live),
    ("tests", Family::Dev),
    ("tradeoffs", Family::Decided),
    ("typescript", Family::Dev),
    ("vpc", Family::Live),
    ("vulnerabilities", Family::Vuln),
    ("vulnerability", Family::Vuln),
];

/// Which family a word belongs to. Words are bucketed by length and first and last letter,
/// so that the common case (a word in no family) costs one array look-up and no comparison.
fn family_of(word: &str) -> Option<Family> {
    const LENGTHS: usize = 16;
    /// 0–25 for ASCII letters, 26 for anything else.
    fn letter(b: u8) -> usize {
        let l = b.to_ascii_lowercase();
        if l.is_ascii_lowercase() {
            usize::from(l - b'a')
        } else {
            26
        }
    }
    fn slot(bytes: &[u8]) -> Option<usize> {
        let (first, last) = (*bytes.first()?, *bytes.last()?);
        (bytes.len() < LENGTHS).then(|| (bytes.len() * 27 + letter(first)) * 27 + letter(last))
    }
    static BUCKETS: std::sync::OnceLock<Vec<Vec<(&'static str, Family)>>> = std::sync::OnceLock::new();
    let buckets = BUCKETS.get_or_init(|| {
        let mut b = vec![Vec::new(); LENGTHS * 27 * 27];
        for &(w, f) in FAMILY_WORDS {
            if let Some(i) = slot(w.as_bytes()) {
                b[i].push((w, f));
            }
        }
        b
    });
    let bucket = buckets.get(slot(word.as_bytes())?)?;
    bucket
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(_, f)| *f)
}

/// Commands that act on running systems: cloud CLIs, Kubernetes, infrastructure as code, PaaS
/// and database clients, remote shells.
const OPS_TOOLS: &[&str] = &[
    "kubectl",
    "k9s",
    "stern",
    "helm",
    "kubens",
    "kubectx",
    "eksctl",
    "aws",
    "aws-vault",
    "gcloud",
    "gsutil",
    "az",
    "terraform",
    "terragrunt",
    "tofu",
    "cf",
    "bosh",
    "credhub",
    "fly",
    "vault",
    "psql",
    "mysql",
    "redis-cli",
    "mongo",
    "mongosh",
    "pg_dump",
    "pg_restore",
    "ssh",
    "scp",
    "gds",
    "velero",
    "argocd",
    "systemctl",
    "journalctl",
    "ansible-playbook",
    "cloud-platform",
    "nomad",
    "consul",
    "openstack",
    "heroku",
    "flux",
    "istioctl",
];

/// Commands of working on code: package managers, builds, tests. Version control (`git`),
/// `make` and `rake` are left out: operations teams use them as much (GitOps, Makefile
/// targets, rake tasks run on live apps).
const DEV_TOOLS: &[&str] = &[
    "bundle",
    "npm",
    "yarn",
    "pnpm",
    "npx",
    "go",
    "cargo",
    "pip",
    "pip3",
    "pipenv",
    "poetry",
    "python",
    "python3",
    "node",
    "./gradlew",
    "gradle",
    "mvn",
    "dotnet",
    "rspec",
    "rails",
    "ruby",
    "brew",
    "rbenv",
    "nvm",
    "pyenv",
    "docker-compose",
    "skaffold",
    "tox",
    "pytest",
    "jest",
];

/// Languages of code blocks that are shell sessions.
const SHELL_LANGS: &[&str] = &[
    "sh",
    "bash",
    "shell",
    "console",
    "zsh",
    "shell-session",
    "shellsession",
    "terminal",
    "powershell",
    "ps1",
    "cmd",
    "bat",
    "fish",
    "",
];

/// Verbs that open the title of an operational or developer task ("Add nodes to the cluster",
/// "Rotate the auth0 credentials", "Unlock the Terraform state"): the imperative titles of
/// procedure pages in runbook sites and team manuals.
const TASK_VERBS: &[&str] = &[
    "access",
    "add",
    "adding",
    "analyse",
    "analyze",
    "analysing",
    "analyzing",
    "identify",
    "inspect",
    "apply",
    "block",
    "bootstrap",
    "change",
    "changing",
    "check",
    "clean",
    "configure",
    "configuring",
    "connect",
    "connecting",
    "convert",
    "create",
    "creating",
    "debug",
    "debugging",
    "decommission",
    "delete",
    "deleting",
    "deploy",
    "deploying",
    "destroy",
    "disable",
    "drain",
    "edit",
    "editing",
    "empty",
    "enable",
    "escalate",
    "expand",
    "export",
    "fix",
    "fixing",
    "find",
    "finding",
    "gain",
    "get",
    "getting",
    "grant",
    "import",
    "importing",
    "increase",
    "install",
    "investigate",
    "investigating",
    "kill",
    "manage",
    "managing",
    "manually",
    "migrate",
    "migrating",
    "monitor",
    "move",
    "patch",
    "promote",
    "provision",
    "provisioning",
    "purge",
    "query",
    "rebuild",
    "recover",
    "recycle",
    "recycling",
    "reduce",
    "reducing",
    "refresh",
    "reindex",
    "remove",
    "removing",
    "rename",
    "renew",
    "replace",
    "request",
    "reset",
    "resize",
    "resolve",
    "resolving",
    "respond",
    "responding",
    "restart",
    "restore",
    "restoring",
    "resync",
    "retrieve",
    "revoke",
    "roll",
    "rollback",
    "rotate",
    "rotating",
    "run",
    "running",
    "scale",
    "scaling",
    "set",
    "setting",
    "setup",
    "shut",
    "start",
    "stop",
    "switch",
    "sync",
    "test",
    "testing",
    "troubleshoot",
    "troubleshooting",
    "unblock",
    "unlock",
    "update",
    "updating",
    "upgrade",
    "upgrading",
    "use",
    "using",
    "validate",
    "verify",
];

/// Verbs that open an instruction line ("Run the following", "Log in to the console", "1. Click
/// Save"): how procedures talk, whatever their headings.
const INSTRUCTION_VERBS: &[&str] = &[
    "add", "apply", "ask", "cd", "change", "check", "choose", "click", "clone", "confirm", "connect", "contact",
    "copy", "create", "delete", "deploy", "disable", "download", "drain", "edit", "enable", "ensure", "enter",
    "export", "find", "follow", "go", "install", "log", "login", "look", "make", "merge", "navigate", "note", "open",
    "paste", "pause", "push", "raise", "remove", "replace", "request", "rerun", "restart", "revoke", "rotate", "run",
    "scale", "search", "select", "send", "set", "ssh", "start", "stop", "switch", "tell", "trigger", "type", "unpause",
    "update", "upload", "use", "verify", "visit", "wait",
];

/// Verbs of a title or file name that act on a running system whatever the tools: rotate
/// credentials, recycle nodes, restore a backup, unlock state, deploy, decommission.
const OPERATIONAL_VERBS: &[&str] = &[
    "block",
    "decommission",
    "decommissioning",
    "delete",
    "deleting",
    "deploy",
    "deploying",
    "destroy",
    "drain",
    "escalate",
    "expand",
    "failover",
    "provision",
    "provisioning",
    "purge",
    "recover",
    "recycle",
    "recycling",
    "reindex",
    "release",
    "releasing",
    "renew",
    "resize",
    "restart",
    "restore",
    "restoring",
    "resync",
    "revoke",
    "roll",
    "rollback",
    "rotate",
    "rotating",
    "scale",
    "scaling",
    "unblock",
    "unlock",
];

/// The parts of a path the signals look at.
pub(super) struct PathParts<'a> {
    /// Folder names as written, outermost first.
    pub dirs: Vec<&'a str>,
    /// The file name as written.
    pub name: &'a str,
    /// The file name without its document extensions (`.html.md.erb` and friends).
    pub stem: &'a str,
    /// Words of the stem (of the folder for an `index` page), split at camelCase (see
    /// [`name_words`]).
    pub words: Vec<&'a str>,
}

impl<'a> PathParts<'a> {
    /// Splits a repository-relative path.
    pub(super) fn new(path: &'a str) -> Self {
        let mut dirs: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let name = dirs.pop().unwrap_or("");
        let mut stem = name;
        while let Some(dot) = stem.rfind('.') {
            let ext = &stem[dot + 1..];
            let doc_ext = one_of(
                ext,
                &[
                    "md", "markdown", "mdx", "mdown", "mkd", "erb", "html", "htm", "adoc", "asciidoc", "rst", "txt",
                ],
            );
            if dot == 0 || !doc_ext {
                break;
            }
            stem = &stem[..dot];
        }
        // A page bundle (`roll-back-app/index.html.md`, Hugo and Jekyll `index.md`) is named by
        // its folder.
        let named_by = match dirs.last() {
            Some(dir) if one_of(stem, &["index", "_index"]) => dir,
            _ => stem,
        };
        PathParts {
            dirs,
            name,
            stem,
            words: name_words(named_by),
        }
    }

    /// The folder holding the file.
    pub(super) fn parent(&self) -> Option<&'a str> {
        self.dirs.last().copied()
    }

    /// Whether the stem is one of `stems`.
    pub(super) fn stem_is(&self, stems: &[&str]) -> bool {
        one_of(self.stem, stems)
    }

    /// Whether the stem's words hold one of the phrases.
    pub(super) fn named(&self, phrases: &[&str]) -> bool {
        has_any(&self.words, phrases)
    }
}

/// Counts of code-block structure.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Commands {
    /// Shell blocks (declared shell, or undeclared with a command in them).
    pub shell_blocks: usize,
    /// Command lines (in blocks or code spans) running an operations tool.
    pub ops: usize,
    /// Command lines running a developer tool.
    pub dev: usize,
}

/// Everything the signals read about one document.
pub(super) struct Evidence<'a> {
    /// The repository-relative path.
    pub path: &'a str,
    /// Its parts.
    pub p: PathParts<'a>,
    /// The parsed document.
    pub doc: &'a ParsedDoc,
    /// The raw text.
    pub text: &'a str,
    /// The title, if any.
    pub title: &'a str,
    /// Words of the title, numbering removed.
    pub title_words: Vec<&'a str>,
    /// Per topic bit: the index of the first heading with that topic.
    first_heading: Vec<(Topic, usize)>,
    /// All topics present.
    topics: u128,
    /// The topics of each heading, in document order.
    pub heading_sets: Vec<u128>,
    /// Per family: how many words of the text belong to it.
    families: [usize; 8],
    /// Code structure.
    pub commands: Commands,
    /// Statements of custody: a credential word followed closely by where it is kept
    /// ("credentials … are in Secrets Manager"), or who may use it ("who is allowed to …").
    pub custody: usize,
    /// Words of prose that are not link text.
    pub prose_words: usize,
    /// Lines of prose that start with an instruction verb ("Run …", "1. Click …").
    pub instructions: usize,
    /// Words of the title and file name about the running system (infrastructure, operational
    /// verbs, operations tools) and about code (languages, tests, CI).
    pub subject_live: usize,
    /// See `subject_live`.
    pub subject_dev: usize,
    /// The site the page belongs to.
    pub site: Option<&'a Site>,
    /// The repository's committed description.
    pub repo_description: Option<&'a str>,
    /// Whether the document's folder holds code.
    pub in_code_dir: bool,
}

impl<'a> Evidence<'a> {
    /// Gathers the evidence of one document.
    pub(super) fn new(path: &'a str, text: &'a str, doc: &'a ParsedDoc, site: &'a SiteContext) -> Self {
        let title = doc.title.as_deref().unwrap_or("");
        let all: Vec<&str> = words(title).collect();
        let title_words = unnumbered(&all);
        let mut first_heading: Vec<(Topic, usize)> = Vec::new();
        let mut topics = 0u128;
        let heading_sets: Vec<u128> = doc.headings.iter().map(|h| heading_topics(&h.text)).collect();
        for (i, &set) in heading_sets.iter().enumerate() {
            let new = set & !topics;
            if new != 0 {
                for (topic, _, _) in HEADING_TOPICS {
                    let bit = 1u128 << (*topic as u32);
                    if new & bit != 0 && !first_heading.iter().any(|(t, _)| t == topic) {
                        first_heading.push((*topic, i));
                    }
                }
                topics |= set;
            }
        }
        let mut families = [0usize; 8];
        let mut custody = 0usize;
        // Word index of the last credential word, and of the last "who".
        let (mut credential_at, mut who_at): (Option<usize>, Option<usize>) = (None, None);
        for (i, word) in words(text).enumerate() {
            let family = family_of(word);
            if let Some(f) = family {
                families[f as usize] += 1;
            }
            if family == Some(Family::Credential) {
                credential_at = Some(i);
            } else if credential_at.is_some_and(|at| i - at <= 12) && family == Some(Family::Store) {
                // "the credentials for Heroku are in Secrets Manager", "passwords are kept in 1Password"
                custody += 1;
                credential_at = None;
            }
            if is(word, "who") {
                who_at = Some(i);
            } else if who_at.is_some_and(|at| i - at <= 4)
                && one_of(word, &["allowed", "access", "can", "holds", "receives", "owns"])
            {
                // "who is allowed to assume the roles", "who has access", "who receives resets"
                custody += 1;
                who_at = None;
            }
        }
        let mut commands = Commands::default();
        for block in &doc.code_blocks {
            let ops = block
                .first_words
                .iter()
                .filter(|w| OPS_TOOLS.contains(&w.as_str()))
                .count();
            let dev = block
                .first_words
                .iter()
                .filter(|w| DEV_TOOLS.contains(&w.as_str()))
                .count();
            if one_of(&block.lang, &SHELL_LANGS[..SHELL_LANGS.len() - 1]) || ops + dev > 0 {
                commands.shell_blocks += 1;
            }
            commands.ops += ops;
            commands.dev += dev;
        }
        for span in &doc.code_spans {
            let first = span.text.split_whitespace().next().unwrap_or("");
            if span.text.contains(' ') {
                if one_of(first, OPS_TOOLS) {
                    commands.ops += 1;
                } else if one_of(first, DEV_TOOLS) {
                    commands.dev += 1;
                }
            }
        }
        let p = PathParts::new(path);
        let (mut subject_live, mut subject_dev) = (0, 0);
        for (i, word) in title_words.iter().chain(p.words.iter()).enumerate() {
            let first = i == 0 || i == title_words.len();
            // In a title, "dev environment" or "locally" says the task is on a developer's copy.
            if one_of(word, &["dev", "development", "local", "locally"]) {
                subject_dev += 1;
                continue;
            }
            match family_of(word) {
                Some(Family::Live | Family::Incident | Family::Credential) => subject_live += 1,
                Some(Family::Dev) => subject_dev += 1,
                _ if one_of(word, OPS_TOOLS) || (first && one_of(word, OPERATIONAL_VERBS)) => subject_live += 1,
                _ if one_of(word, DEV_TOOLS) => subject_dev += 1,
                _ => {}
            }
        }
        let body_start = doc.front_matter.as_ref().map_or(0, |f| f.end_line as usize);
        Evidence {
            path,
            custody,
            instructions: instruction_lines(text, body_start),
            subject_live,
            subject_dev,
            p,
            doc,
            text,
            title,
            title_words,
            first_heading,
            topics,
            heading_sets,
            families,
            commands,
            prose_words: doc.words.saturating_sub(doc.link_words),
            site: site.site_of(path),
            repo_description: site.repository.as_ref().map(|r| r.text.as_str()),
            in_code_dir: site.in_code_dir(path),
        }
    }

    /// Whether some heading has the topic.
    pub(super) fn has(&self, topic: Topic) -> bool {
        self.topics & (1 << (topic as u32)) != 0
    }

    /// The first heading with the topic, as written.
    pub(super) fn heading(&self, topic: Topic) -> Option<&'a str> {
        self.first_heading
            .iter()
            .find(|(t, _)| *t == topic)
            .map(|(_, i)| self.doc.headings[*i].text.as_str())
    }

    /// The headings of the topics present, in the order given, as a reason list.
    pub(super) fn headings_of(&self, topics: &[Topic]) -> Vec<&'a str> {
        topics.iter().filter_map(|t| self.heading(*t)).collect()
    }

    /// How many of the topics are present.
    pub(super) fn count(&self, topics: &[Topic]) -> usize {
        topics.iter().filter(|t| self.has(**t)).count()
    }

    /// How many words of the family the text holds.
    pub(super) fn family(&self, family: Family) -> usize {
        self.families[family as usize]
    }

    /// Whether the title opens with a task verb ("Rotate…", "How to rotate…", "Rotating…").
    pub(super) fn imperative_title(&self) -> Option<&'a str> {
        imperative(&self.title_words)
    }

    /// Whether the file name opens with a task verb (`rotate-git-crypt-key`, `howto-restore-db`):
    /// docs sites name procedure pages so.
    pub(super) fn imperative_name(&self) -> Option<&'a str> {
        imperative(&self.p.words)
    }

    /// Whether the `Status` of a decision record is stated: a `Status:` field, or a Status
    /// heading whose first line is one of the usual states.
    pub(super) fn decision_status(&self) -> bool {
        let states = [
            "proposed",
            "accepted",
            "rejected",
            "deprecated",
            "superseded",
            "draft",
            "approved",
            "decided",
            "agreed",
            "implemented",
            "amended",
            "pending",
            "on hold",
        ];
        let stated = |v: &str| {
            let w: Vec<&str> = words(v).collect();
            w.first()
                .is_some_and(|f| states.iter().any(|s| is(f, s.split(' ').next().unwrap_or(s))))
        };
        let field = self
            .doc
            .inline_fields
            .iter()
            .any(|(k, v, _)| is(k, "status") && stated(v))
            || self.doc.field("status").is_some_and(|v| stated(&v));
        let heading = self
            .first_heading
            .iter()
            .find(|(t, _)| *t == Topic::Status)
            .and_then(|(_, i)| self.doc.headings[*i].first_text.as_deref())
            .is_some_and(stated);
        field || heading
    }
}

/// The task verb opening `words` ("Rotate the credentials", "How to rotate …"), when it has
/// an object: a lone "Deploying" names a topic, not a task.
fn imperative<'a>(w: &[&'a str]) -> Option<&'a str> {
    let (verb, rest) = match w {
        [how, to, rest @ ..] if is(how, "how") && is(to, "to") => (rest.first(), rest.len()),
        [howto, rest @ ..] if is(howto, "howto") => (rest.first(), rest.len()),
        [first, ..] => (Some(first), w.len()),
        [] => (None, 0),
    };
    // "Getting started" names a guide, not a task.
    let started = w.get(1).is_some_and(|s| is(s, "started"));
    verb.filter(|v| rest >= 2 && !started && one_of(v, TASK_VERBS)).copied()
}

/// Lines of prose (outside code fences, after line `skip`) that open with an instruction verb,
/// after a list marker or with a capital letter.
fn instruction_lines(text: &str, skip: usize) -> usize {
    let mut fence: Option<&str> = None;
    let mut count = 0;
    for line in text.lines().skip(skip) {
        let t = line.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let (marked, rest) = if let Some(r) = t.strip_prefix(['-', '*', '+']).filter(|r| r.starts_with(' ')) {
            (true, r)
        } else if digits > 0 && t[digits..].starts_with(['.', ')']) {
            (true, &t[digits + 1..])
        } else {
            (false, t)
        };
        let rest = rest.trim_start().trim_start_matches(['*', '_']);
        let Some(word) = words(rest).next() else { continue };
        let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
        if rest.starts_with(word) && (marked || capital) && one_of(word, INSTRUCTION_VERBS) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::super::{DocFormat, parse};
    use super::*;
    use pretty_assertions::assert_eq;

    fn topics_of(text: &str) -> Vec<Topic> {
        let set = heading_topics(text);
        let mut out: Vec<Topic> = HEADING_TOPICS
            .iter()
            .map(|(t, _, _)| *t)
            .filter(|t| set & (1 << (*t as u32)) != 0)
            .collect();
        out.dedup();
        out
    }

    #[test]
    fn heading_table() {
        let cases: &[(&str, &[Topic])] = &[
            ("Context", &[T::Context]),
            ("3. Context and Problem Statement", &[T::ContextProblem]),
            ("## Decision Outcome", &[T::DecisionOutcome]),
            ("Karar", &[T::Decision]),
            ("Bağlam", &[T::Context]),
            ("Risks and Mitigations", &[T::RisksMitigations, T::Mitigation]),
            ("Non-Goals", &[T::NonGoals]),
            ("Troubleshooting", &[T::Diagnosis, T::Troubleshooting]),
            ("Step 2: drain the node", &[T::Steps]),
            ("Prerequisites", &[T::Prerequisites]),
            ("Reporting a Vulnerability", &[T::Vulnerability]),
            ("Inputs", &[T::Inputs]),
            ("Joiners' guide", &[T::Joiners]),
            ("Overview", &[T::Overview]),
        ];
        for (text, want) in cases {
            assert_eq!(topics_of(text), *want, "{text}");
        }
    }

    #[test]
    fn one_pass_evidence() {
        let text = "---\ntitle: Rotate the auth0 credentials\n---\n\n## Prerequisites\n\nAccess to production.\n\n## Steps\n\n1. Log in\n2. Run:\n\n```bash\n$ kubectl -n live get pods\naws s3 ls\n# a comment\n```\n\n3. Check `git status` and `bundle exec rake x`\n";
        let doc = parse("source/rotate.html.md.erb", DocFormat::Markdown, text);
        let site = SiteContext::default();
        let e = Evidence::new("source/rotate.html.md.erb", text, &doc, &site);
        assert_eq!(e.p.stem, "rotate");
        assert_eq!(e.imperative_title(), Some("Rotate"));
        assert!(e.has(T::Prerequisites) && e.has(T::Steps));
        assert_eq!(e.headings_of(&[T::Steps, T::Prerequisites]), ["Steps", "Prerequisites"]);
        assert_eq!(e.family(Family::Live), 4);
        assert_eq!(e.family(Family::Credential), 2);
        assert_eq!((e.commands.shell_blocks, e.commands.ops, e.commands.dev), (1, 2, 1));
        assert_eq!((e.instructions, e.subject_live, e.subject_dev), (3, 3, 0));
        assert_eq!(doc.ordered_items, 3);
    }
}
