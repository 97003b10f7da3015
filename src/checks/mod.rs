//! Evaluating checklists: rule kinds turn facts into findings, and findings into a status and a
//! score with evidence.
//!
//! A checklist (TOML, see `checklist`) names, for each item, a rule kind from the closed set in
//! `RULE_KINDS` and its parameters. Every rule kind lives in its own file, is pure (facts and
//! `now` in, `Outcome` out: no I/O, no clock) and scores through the five constructors of
//! `Outcome`. A rule that cannot judge says `skip` with the reason; one that fails says `error`;
//! neither stops the scan.

pub mod adrs_statused;
pub mod attestation;
pub mod checklist;
pub mod controls;
pub mod credentials_listed;
pub mod docs_fresh;
pub mod docs_present;
pub mod evaluate;
mod exit_facts;
pub mod freshness_evidence;
pub mod inhouse_truck_factor;
pub mod knowledge_trend;
pub mod links_alive;
pub mod named_roles;
pub mod open_tickets;
pub mod owners_active;
pub mod owners_inhouse;
pub mod ownership_coverage;
pub mod ownership_valid;
pub mod rebuild_ready;
mod registry;
mod rule;
pub mod runbook_per_service;
pub mod runbook_updated_with_code;
pub mod runbooks_fresh;
pub mod score;
pub mod stale_branches;
pub mod staleness;
#[cfg(test)]
pub(crate) mod testkit;
pub mod vendor_exit;
pub mod vendor_hosted;
pub mod vendor_in_operations;
pub mod vendor_infrastructure;
pub mod vendor_islands;
pub mod waivers;

pub use crate::load::in_range;
pub use registry::{RULE_KINDS, RuleKind, build_rule};
pub use rule::{Context, Evidence, Outcome, Rule, Status};
