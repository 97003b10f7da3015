//! Facts built by hand for the unit tests of rule kinds.

use crate::base::signal::{Reason, Signal};
use crate::checks::rule::{Context, Outcome, Rule};
use crate::checks::staleness::Verdict;
use crate::discover::{Root, RootKind};
use crate::facts::documents::{DocFormat, DocKind, ParsedDoc};
use crate::facts::freshness::Measures;
use crate::facts::{Document, RepoFacts};
use crate::settings::Settings;

/// The report clock of rule tests, with the default settings and no document verdicts.
pub fn context() -> Context<'static> {
    context_with(Box::leak(Box::new(Settings::default())))
}

/// The report clock of rule tests, with these settings and no document verdicts.
pub fn context_with(settings: &Settings) -> Context<'_> {
    Context {
        now: "2026-06-30T00:00:00Z".parse().unwrap(),
        identities: &settings.identities,
        thresholds: &settings.thresholds,
        gate: &settings.gate,
        verdicts: &[],
    }
}

/// A document with the reasons its verdict gives; stale when any is a staleness signal.
pub fn with(path: &str, kind: DocKind, reasons: Vec<Reason>) -> (Document, Verdict) {
    let document = Document {
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
        measures: Measures::default(),
    };
    let verdict = Verdict {
        stale: reasons.iter().any(|r| r.signal.makes_stale()),
        reasons,
    };
    (document, verdict)
}

/// A reason of the signal named as in JSON (`dead_link`).
pub fn reason(signal: &str, message: &str, line: Option<u32>) -> Reason {
    let signal = Signal::ALL
        .into_iter()
        .find(|s| s.as_str() == signal)
        .unwrap_or_else(|| panic!("no signal {signal}"));
    Reason::new(signal, message.to_string()).at_line(line)
}

/// A repository holding only these documents (sorted by path here), with their verdicts.
pub struct Fixture {
    /// The facts.
    pub facts: RepoFacts,
    /// Each document's verdict, in `facts.documents` order.
    pub verdicts: Vec<Verdict>,
}

impl Fixture {
    /// Evaluates a rule on the fixture, on the report clock of rule tests.
    pub fn evaluate(&self, rule: &dyn Rule) -> Outcome {
        let context = Context {
            verdicts: &self.verdicts,
            ..context()
        };
        rule.evaluate(&self.facts, &context)
    }
}

/// The fixture of a repository holding only these documents.
pub fn facts(mut documents: Vec<(Document, Verdict)>) -> Fixture {
    documents.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let (documents, verdicts) = documents.into_iter().unzip();
    Fixture {
        facts: RepoFacts {
            documents,
            partial_history: false,
            ..RepoFacts::empty(Root {
                path: "/repo".into(),
                name: "repo".to_string(),
                kind: RootKind::WorkTree,
            })
        },
        verdicts,
    }
}
