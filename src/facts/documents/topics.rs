//! What a heading is about: the table of heading topics the classifier's signals read
//! (decision-record, design, runbook, procedure, postmortem, onboarding, security and reference
//! sections), in the languages ADR templates are commonly translated into.
//!
//! Stage: facts about one heading's words (no kind decided). A heading's topics are a bit set
//! over [`Topic`]; `evidence.rs` keeps the first heading of each topic. To teach the classifier
//! a new section name, add a phrase to [`HEADING_TOPICS`].

use super::words::{has_any, is_phrase, starts, unnumbered, words};

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
pub(super) enum How {
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
pub(super) const HEADING_TOPICS: &[(Topic, How, &[&str])] = &[
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

#[cfg(test)]
mod tests {
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
}
