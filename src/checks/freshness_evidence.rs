//! Shared by the freshness rule kinds: which documents a rule judges (with the verdict
//! `checks::staleness` gave each), and a document's reasons as evidence. Pure.

use super::rule::{Context, Evidence};
use super::staleness::Verdict;
use crate::base::signal::{Reason, Signal};
use crate::facts::documents::DocKind;
use crate::facts::{Document, RepoFacts};

/// The documents of the given kinds (all kinds when empty) with their verdicts, look-alikes
/// (templates, fixtures, index pages, stubs) left out.
pub fn judged<'a>(
    facts: &'a RepoFacts,
    context: &'a Context,
    kinds: &'a [DocKind],
) -> impl Iterator<Item = (&'a Document, &'a Verdict)> {
    facts
        .documents
        .iter()
        .zip(context.verdicts)
        .filter(move |(d, _)| d.counted() && (kinds.is_empty() || kinds.contains(&d.kind)))
}

/// One piece of evidence naming the document, the signal and its sentence, at its line.
pub fn against(doc: &Document, reason: &Reason) -> Evidence {
    let line = reason.line.map(|l| l as usize);
    Evidence::against(
        Some(&doc.path),
        format!("{} {} ({}): {}", doc.kind, doc.path, reason.signal, reason.message),
    )
    .at_line(line)
}

/// The reasons of a verdict whose signal `keep` accepts.
pub fn reasons_in(verdict: &Verdict, keep: impl Fn(Signal) -> bool) -> impl Iterator<Item = &Reason> {
    verdict.reasons.iter().filter(move |r| keep(r.signal))
}
