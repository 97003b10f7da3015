//! The closed set of rule kinds (`RULE_KINDS`): each kind's name in checklists, one line of
//! documentation, and how to build it from its checklist parameters.

use serde::de::DeserializeOwned;

use super::rule::Rule;
use super::{
    adrs_statused, attestation, docs_fresh, docs_present, inhouse_truck_factor, knowledge_trend, links_alive,
    named_roles, owners_active, owners_inhouse, ownership_coverage, ownership_valid, runbook_per_service,
    runbook_updated_with_code, runbooks_fresh, stale_branches, vendor_exit, vendor_islands,
};
use super::{
    credentials_listed, open_tickets, rebuild_ready, vendor_hosted, vendor_in_operations, vendor_infrastructure,
};

type Builder = fn(toml::Table) -> Result<Box<dyn Rule>, String>;

/// A rule kind: its name in checklists, one line of documentation, and how to build it.
pub struct RuleKind {
    /// The name used in checklist files.
    pub name: &'static str,
    /// What it decides.
    pub doc: &'static str,
    build: Builder,
}

/// Deserialises a rule's parameters (unknown keys and wrong types refused) and checks their
/// ranges (`Rule::validate`).
fn build<P: Rule + DeserializeOwned + 'static>(params: toml::Table) -> Result<Box<dyn Rule>, String> {
    let rule = P::deserialize(toml::Value::Table(params)).map_err(|e| e.message().to_string())?;
    rule.validate()?;
    Ok(Box::new(rule))
}

/// The closed set of rule kinds.
pub const RULE_KINDS: &[RuleKind] = &[
    RuleKind {
        name: "docs_present",
        doc: "at least `min` documents of `kind` exist",
        build: build::<docs_present::DocsPresent>,
    },
    RuleKind {
        name: "runbook_per_service",
        doc: "every service has a runbook",
        build: build::<runbook_per_service::RunbookPerService>,
    },
    RuleKind {
        name: "named_roles",
        doc: "each of `roles` has a named person in a document or the config",
        build: build::<named_roles::NamedRoles>,
    },
    RuleKind {
        name: "vendor_exit",
        doc: "if the vendor left, under `max_percent` of source files would be orphaned",
        build: build::<vendor_exit::VendorExit>,
    },
    RuleKind {
        name: "inhouse_truck_factor",
        doc: "the in-house truck factor is at least `min`",
        build: build::<inhouse_truck_factor::InhouseTruckFactor>,
    },
    RuleKind {
        name: "knowledge_trend",
        doc: "the in-house known share rose over the last `quarters` (or is at `target`)",
        build: build::<knowledge_trend::KnowledgeTrend>,
    },
    RuleKind {
        name: "vendor_islands",
        doc: "no folder of `min_files`+ source files is known only by the vendor",
        build: build::<vendor_islands::VendorIslands>,
    },
    RuleKind {
        name: "runbooks_fresh",
        doc: "every runbook is neither stale (age, drift, dead reference, overdue review) nor hollow",
        build: build::<runbooks_fresh::RunbooksFresh>,
    },
    RuleKind {
        name: "docs_fresh",
        doc: "no document of `kinds` (all when empty) is stale",
        build: build::<docs_fresh::DocsFresh>,
    },
    RuleKind {
        name: "links_alive",
        doc: "documents of `kinds` have no dead link, anchor or code-span path",
        build: build::<links_alive::LinksAlive>,
    },
    RuleKind {
        name: "adrs_statused",
        doc: "every ADR states a recognised status and none stays Proposed past the age limit",
        build: build::<adrs_statused::AdrsStatused>,
    },
    RuleKind {
        name: "stale_branches",
        doc: "no vendor branch in flight is older than `max_age_days`",
        build: build::<stale_branches::StaleBranches>,
    },
    RuleKind {
        name: "ownership_coverage",
        doc: "at least `min_percent` of tracked files have an owner (`specific`: catch-all rules not counted)",
        build: build::<ownership_coverage::OwnershipCoverage>,
    },
    RuleKind {
        name: "ownership_valid",
        doc: "ownership files have no errors and no rule that matches nothing",
        build: build::<ownership_valid::OwnershipValid>,
    },
    RuleKind {
        name: "owners_inhouse",
        doc: "at most `max_percent` of owned files are owned only by the vendor",
        build: build::<owners_inhouse::OwnersInhouse>,
    },
    RuleKind {
        name: "owners_active",
        doc: "owners tied to a git identity committed within thresholds.owner_inactive_days",
        build: build::<owners_active::OwnersActive>,
    },
    RuleKind {
        name: "attestation",
        doc: "only a person can confirm it: `skip` in a scan, attested in `exitready signoff`",
        build: build::<attestation::Attestation>,
    },
    RuleKind {
        name: "vendor_hosted",
        doc: "no document or config links to vendor-hosted pages (wiki, tracker, drive); `allow_hosts` set aside",
        build: build::<vendor_hosted::VendorHosted>,
    },
    RuleKind {
        name: "vendor_in_operations",
        doc: "at most `max_vendor_only` ownership rules, alert routes, on-call sections or CI configs name only vendor people",
        build: build::<vendor_in_operations::VendorInOperations>,
    },
    RuleKind {
        name: "vendor_infrastructure",
        doc: "no CI runner, registry, base image, Terraform backend or Helm repository of the vendor's (`allow_hosts` set aside)",
        build: build::<vendor_infrastructure::VendorInfrastructure>,
    },
    RuleKind {
        name: "credentials_listed",
        doc: "every secret name CI and deployment use is in the access inventory, and no secret value is committed",
        build: build::<credentials_listed::CredentialsListed>,
    },
    RuleKind {
        name: "rebuild_ready",
        doc: "build instructions, lockfiles, pinned toolchains and images, IaC, documented environment, CI off vendor runners",
        build: build::<rebuild_ready::RebuildReady>,
    },
    RuleKind {
        name: "open_tickets",
        doc: "at most `max_tickets` open tickets (from `scan --tickets`) are assigned to the vendor or to nobody",
        build: build::<open_tickets::OpenTickets>,
    },
    RuleKind {
        name: "runbook_updated_with_code",
        doc: "a service whose code changed in the gate's range changed its runbook too (`docs`, `tests`: globs that need none)",
        build: build::<runbook_updated_with_code::RunbookUpdatedWithCode>,
    },
];

/// Builds a rule from its kind name and parameters.
pub fn build_rule(kind: &str, params: toml::Table) -> Result<Box<dyn Rule>, String> {
    let Some(rule) = RULE_KINDS.iter().find(|k| k.name == kind) else {
        let known: Vec<_> = RULE_KINDS.iter().map(|k| k.name).collect();
        return Err(format!("unknown rule kind `{kind}` (known: {})", known.join(", ")));
    };
    (rule.build)(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_kind_and_bad_params_are_errors() {
        assert!(
            build_rule("nope", toml::Table::new())
                .unwrap_err()
                .starts_with("unknown rule kind `nope`")
        );
        let mut params = toml::Table::new();
        params.insert("kind".into(), toml::Value::String("runbook".into()));
        params.insert("mni".into(), toml::Value::Integer(1));
        assert!(
            build_rule("docs_present", params)
                .unwrap_err()
                .contains("unknown field `mni`")
        );
    }
}
