//! The per-service view of the exit: for each service, the owners of its files (as written in
//! the ownership files, most files first) and, per organisation, how many of its source files
//! someone there knows. Measured once, after ownership and knowledge; no judgement.

use std::collections::BTreeMap;

use super::knowledge::KnowledgeFacts;
use super::ownership::OwnershipFacts;
use super::services::Service;

/// One service's figures, in the order of the services.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceFigures {
    /// Owners of its files, most files first (ties by name).
    pub owners: Vec<String>,
    /// Its source files (those with knowledge figures).
    pub source_files: usize,
    /// Per organisation (index into `KnowledgeFacts::organisations`), the source files someone
    /// of it knows, most first (ties by name).
    pub known_by: Vec<(usize, usize)>,
}

/// The figures of every service. `tracked` are the paths `ownership.files` describes, in order.
pub fn gather(
    services: &[Service],
    tracked: &[String],
    ownership: Option<&OwnershipFacts>,
    knowledge: Option<&KnowledgeFacts>,
) -> Vec<ServiceFigures> {
    services
        .iter()
        .map(|service| {
            let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
            if let Some(ownership) = ownership {
                for (path, file) in tracked.iter().zip(&ownership.files) {
                    if service.contains(path) {
                        for owner in &file.owners {
                            *owners.entry(owner.as_str()).or_insert(0) += 1;
                        }
                    }
                }
            }
            let mut owners: Vec<(&str, usize)> = owners.into_iter().collect();
            owners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let mut source_files = 0;
            let mut known: BTreeMap<usize, usize> = BTreeMap::new();
            if let Some(knowledge) = knowledge {
                for authors in knowledge
                    .files
                    .iter()
                    .filter(|(path, _)| service.contains(path))
                    .map(|(_, authors)| authors)
                {
                    source_files += 1;
                    let mut orgs: Vec<usize> = authors
                        .iter()
                        .filter(|a| a.knows)
                        .filter_map(|a| knowledge.identity_organisations.get(a.identity).copied())
                        .collect();
                    orgs.sort_unstable();
                    orgs.dedup();
                    for org in orgs {
                        *known.entry(org).or_insert(0) += 1;
                    }
                }
            }
            let mut known_by: Vec<(usize, usize)> = known.into_iter().collect();
            if let Some(knowledge) = knowledge {
                known_by.sort_by(|a, b| {
                    b.1.cmp(&a.1).then(
                        knowledge.organisations[a.0]
                            .name
                            .cmp(&knowledge.organisations[b.0].name),
                    )
                });
            }
            ServiceFigures {
                owners: owners.into_iter().map(|(o, _)| o.to_string()).collect(),
                source_files,
                known_by,
            }
        })
        .collect()
}
