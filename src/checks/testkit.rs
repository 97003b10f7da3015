//! Facts built by hand for the unit tests of rule kinds.

use crate::checks::rule::Context;
use crate::discover::{Root, RootKind};
use crate::facts::documents::{DocFormat, DocKind, ParsedDoc};
use crate::facts::{Document, Reason, RepoFacts};
use crate::settings::Config;

/// The report clock of rule tests, with the default config.
pub fn context() -> Context<'static> {
    Context {
        now: "2026-06-30T00:00:00Z".parse().unwrap(),
        config: Box::leak(Box::new(Config::default())),
    }
}

/// A document with reasons; stale when any is a staleness signal.
pub fn with(path: &str, kind: DocKind, reasons: Vec<Reason>) -> Document {
    Document {
        path: path.to_string(),
        kind,
        kind_reason: "test".to_string(),
        parsed: ParsedDoc::empty(DocFormat::Markdown),
        last_changed: None,
        last_changed_from: None,
        kind_confidence: 1.0,
        kind_signals: Vec::new(),
        lookalike: None,
        sections: Vec::new(),
        stale: reasons
            .iter()
            .any(|r| crate::facts::freshness::STALE_SIGNALS.contains(&r.signal.as_str())),
        reasons,
    }
}

/// A reason.
pub fn reason(signal: &str, message: &str, line: Option<u32>) -> Reason {
    Reason {
        signal: signal.to_string(),
        message: message.to_string(),
        path: None,
        line,
    }
}

/// The facts of a repository holding only these documents (sorted by path here).
pub fn facts(mut documents: Vec<Document>) -> RepoFacts {
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    RepoFacts {
        documents,
        partial_history: false,
        ..RepoFacts::empty(Root {
            path: "/repo".into(),
            name: "repo".to_string(),
            kind: RootKind::WorkTree,
        })
    }
}
