//! Shared by the freshness rule kinds: which documents a rule judges, and a document's reasons
//! as evidence. Pure; reads `documents` only.

use super::rule::Evidence;
use crate::facts::documents::DocKind;
use crate::facts::{Document, Reason, RepoFacts};

/// The documents of the given kinds (all kinds when empty), look-alikes (templates, fixtures,
/// index pages, stubs) left out.
pub fn judged<'a>(facts: &'a RepoFacts, kinds: &'a [DocKind]) -> impl Iterator<Item = &'a Document> {
    facts
        .documents
        .iter()
        .filter(move |d| d.counted() && (kinds.is_empty() || kinds.contains(&d.kind)))
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

/// The reasons of a document whose signal is one of `signals`.
pub fn reasons_in<'a>(doc: &'a Document, signals: &'a [&str]) -> impl Iterator<Item = &'a Reason> {
    doc.reasons.iter().filter(move |r| signals.contains(&r.signal.as_str()))
}
