//! Decides a document's kind by weighing evidence (DESIGN §4, issue 12), says how sure it is
//! and which signals decided, marks look-alikes, and finds sections of another kind.
//!
//! Reads a repository-relative path, the text, its [`ParsedDoc`], config pins and the root's
//! [`SiteContext`]; produces a [`Classification`]. Pure: no I/O, one pass over the document
//! (`evidence.rs`), then the table of signals (`signals.rs`) votes:
//!
//! 1. front matter `type:`/`kind:` naming a kind, then a config pin, decide outright
//!    (confidence 1);
//! 2. otherwise every signal adds weight to kinds; the heaviest kind wins if it reaches
//!    [`MIN_WEIGHT`], else the document is `other`. The confidence grows with the winner's
//!    lead over the runner-up (`1 - e^(-lead/3)`); the reason names the winner's top signals;
//! 3. look-alikes (`lookalike.rs`: templates, fixtures, index pages, stubs) keep the kind they
//!    imitate and say why no check should count them;
//! 4. sections of a combined document that are clearly of another kind are listed with their
//!    anchors, without changing the file's kind.

use super::evidence::Evidence;
use super::lookalike::lookalike;
use super::model::{Classification, KindPin, ParsedDoc, SectionKind, WeighedSignal};
use super::signals::{MIN_WEIGHT, Vote, Votes};
use super::site::SiteContext;
use super::topics::{Topic, heading_topics};
use crate::base::doc_kind::DocKind;

/// Which of the four runbook heading groups a doc has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunbookGroups {
    /// A heading about alerts or symptoms.
    pub alerts: bool,
    /// A heading about diagnosis, triage, troubleshooting or investigation.
    pub diagnosis: bool,
    /// A heading about mitigation, remediation, resolution, recovery or rollback.
    pub mitigation: bool,
    /// A heading about escalation, contacts or on-call.
    pub escalation: bool,
}

impl RunbookGroups {
    /// How many of the four groups are present.
    pub fn count(&self) -> usize {
        [self.alerts, self.diagnosis, self.mitigation, self.escalation]
            .iter()
            .filter(|b| **b)
            .count()
    }
}

/// Which of the four runbook heading groups a doc has: alerts/symptoms, diagnosis/triage,
/// mitigation/remediation, escalation/contacts (for hollow-runbook checks).
pub fn runbook_groups(doc: &ParsedDoc) -> RunbookGroups {
    let mut g = RunbookGroups::default();
    for h in &doc.headings {
        let set = heading_topics(&h.text);
        let has = |t: Topic| set & (1 << (t as u32)) != 0;
        g.alerts |= has(Topic::Alerts);
        g.diagnosis |= has(Topic::Diagnosis);
        g.mitigation |= has(Topic::Mitigation);
        g.escalation |= has(Topic::Escalation);
    }
    g
}

/// How many top signals a reason names.
const REASON_SIGNALS: usize = 3;

/// Decides a document's kind: front matter `type:`/`kind:` wins, then config pins, then the
/// weighed signals (see the module documentation).
pub fn classify(path: &str, text: &str, doc: &ParsedDoc, pins: &[KindPin], site: &SiteContext) -> Classification {
    let e = Evidence::new(path, text, doc, site);
    let decided = front_matter_kind(doc)
        .or_else(|| {
            pins.iter()
                .find(|pin| pin.glob.is_match(path))
                .map(|pin| (pin.kind, format!("config pin `{}`", pin.pattern)))
        })
        .map(|(kind, reason)| Classification {
            kind,
            reason,
            confidence: 1.0,
            signals: Vec::new(),
            lookalike: None,
            sections: Vec::new(),
        });
    let mut class = decided.unwrap_or_else(|| weigh(&e));
    let look = lookalike(&e, class.kind);
    if let Some(l) = &look {
        class.reason = format!("{}; {l}", class.reason);
    }
    class.lookalike = look;
    if class.lookalike.is_none() {
        class.sections = sections(&e, class.kind);
    }
    class
}

/// Front matter `type:` or `kind:` naming a kind.
fn front_matter_kind(doc: &ParsedDoc) -> Option<(DocKind, String)> {
    ["type", "kind"].iter().find_map(|key| {
        let value = doc.field(key)?;
        let kind = value.parse::<DocKind>().ok()?;
        Some((kind, format!("front matter `{key}: {value}`")))
    })
}

/// Runs the signal table and picks the heaviest kind.
fn weigh(e: &Evidence) -> Classification {
    let mut votes = Votes::new();
    votes.weigh_all(e);
    let mut totals: Vec<(DocKind, f64)> = Vec::new();
    for vote in &votes.all {
        match totals.iter_mut().find(|(k, _)| *k == vote.kind) {
            Some((_, w)) => *w += vote.weight,
            None => totals.push((vote.kind, vote.weight)),
        }
    }
    // Heaviest first; ties go to the kind listed first in DESIGN §4 (a stable, documented order).
    totals.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut signals: Vec<WeighedSignal> = votes
        .all
        .iter()
        .filter(|v| v.weight != 0.0)
        .map(|v| WeighedSignal {
            name: v.signal.to_string(),
            label: v.label.clone(),
            kind: v.kind,
            weight: (v.weight * 100.0).round() / 100.0,
        })
        .collect();
    signals.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    let (kind, confidence, reason) = match totals.first() {
        Some(&(kind, top)) if top >= MIN_WEIGHT => {
            // How far the winner is ahead of the runner-up, on the signals' scale: one good
            // sign ahead (3) gives about 0.63, a settling one (6) about 0.86.
            let second = totals.get(1).map_or(0.0, |t| t.1.max(0.0));
            (kind, 1.0 - (-(top - second) / 3.0).exp(), reason_for(kind, &votes.all))
        }
        best => {
            // `other` by default: sure when nothing pointed elsewhere, unsure near the threshold.
            let best_weight = best.map_or(0.0, |b| b.1.max(0.0));
            let confidence = 1.0 - (-(MIN_WEIGHT - best_weight + 0.5)).exp();
            let reason = match best {
                Some(&(k, w)) if w > 0.0 => format!(
                    "no kind reached the threshold (closest: {k} {w:.1}, {})",
                    reason_for(k, &votes.all)
                ),
                _ => "no signal matched".to_string(),
            };
            (DocKind::Other, confidence, reason)
        }
    };
    Classification {
        kind,
        reason,
        confidence: confidence.clamp(0.0, 1.0),
        signals,
        lookalike: None,
        sections: Vec::new(),
    }
}

/// The heaviest signals of a kind, in the table's order (folder, name, headings, …), joined
/// with " + ".
fn reason_for(kind: DocKind, votes: &[Vote]) -> String {
    let mut mine: Vec<(usize, &Vote)> = votes
        .iter()
        .enumerate()
        .filter(|(_, v)| v.kind == kind && v.weight > 0.0)
        .collect();
    mine.sort_by(|a, b| b.1.weight.total_cmp(&a.1.weight).then(a.0.cmp(&b.0)));
    mine.truncate(REASON_SIGNALS);
    mine.sort_by_key(|(i, _)| *i);
    mine.iter()
        .map(|(_, v)| v.label.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Kinds whose sections belong to the record itself: a KEP's "Troubleshooting" or an ADR's
/// "Access" section is part of the proposal or decision, not a runbook or an inventory.
const RECORD_KINDS: &[DocKind] = &[
    DocKind::Adr,
    DocKind::Design,
    DocKind::Postmortem,
    DocKind::Changelog,
    DocKind::License,
    DocKind::Api,
];

/// Sections of a combined document (a README, a team manual page) that are clearly of another
/// kind: the heading alone says so and the section has content.
fn sections(e: &Evidence, file_kind: DocKind) -> Vec<SectionKind> {
    if RECORD_KINDS.contains(&file_kind) {
        return Vec::new();
    }
    let doc = e.doc;
    let mut out = Vec::new();
    for (i, h) in doc.headings.iter().enumerate() {
        if h.level == 1 || h.level > 3 || doc.empty_sections.iter().any(|s| s.line == h.line) {
            continue;
        }
        let set = e.heading_sets[i];
        let has = |t: Topic| set & (1 << (t as u32)) != 0;
        let words: Vec<&str> = super::words::words(&h.text).collect();
        let says = |list: &[&str]| super::words::has_any(&words, list);
        let end = doc
            .headings
            .iter()
            .skip(i + 1)
            .find(|n| n.level <= h.level)
            .map_or(u32::MAX, |n| n.line);
        let inventory = doc
            .tables
            .iter()
            .any(|t| t.line > h.line && t.line < end && t.header.len() >= 3);
        let kind = if says(&["runbook", "runbooks", "playbook"])
            || has(Topic::Troubleshooting)
            || (has(Topic::Diagnosis) && has(Topic::Mitigation))
            || has(Topic::Escalation) && says(&["incident", "incidents", "outage"])
        {
            Some(DocKind::Runbook)
        } else if has(Topic::Joiners) || has(Topic::GettingStarted) || says(&["onboarding", "new joiners"]) {
            Some(DocKind::Onboarding)
        } else if has(Topic::Vulnerability) || says(&["incident response", "security policy"]) {
            Some(DocKind::Security)
        } else if has(Topic::Access) && inventory {
            Some(DocKind::Access)
        } else if says(&["disaster recovery", "on call", "oncall", "rota"]) {
            Some(DocKind::Operations)
        } else {
            None
        };
        if let Some(kind) = kind.filter(|k| *k != file_kind) {
            out.push(SectionKind {
                anchor: h.anchor.clone(),
                heading: h.text.clone(),
                line: h.line,
                kind,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::model::LookalikeKind;
    use super::super::{DocFormat, DocKind, KindPin, doc_format, parse};
    use super::*;
    use pretty_assertions::assert_eq;

    /// Classifies `text` at `path` with no pins, in a root with the given files around it.
    fn in_root(path: &str, text: &str, files: &[(&str, &str)]) -> Classification {
        let mut paths: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
        paths.push(path.to_string());
        let read = |p: &str| files.iter().find(|(q, _)| *q == p).map(|(_, t)| t.to_string());
        let site = SiteContext::from_files(&paths, &read);
        let format = doc_format(path).unwrap_or(DocFormat::Markdown);
        classify(path, text, &parse(path, format, text), &[], &site)
    }

    fn run(path: &str, text: &str) -> Classification {
        in_root(path, text, &[])
    }

    const NYGARD: &str = "# 1. Record decisions\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need.\n\n## Decision\n\nWe will.\n\n## Consequences\n\nFine.\n";
    const MADR: &str = "# Use Postgres\n\n## Context and Problem Statement\n\nX\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nA.\n";
    const ALERT_RUNBOOK: &str = "# KubeNodeNotReady\n\n## Meaning\n\nA node is not ready.\n\n## Impact\n\nPods move.\n\n## Diagnosis\n\nCheck the node.\n\n## Mitigation\n\nDrain it.\n";
    const KEP: &str = "# KEP-2232: Suspend Jobs\n\n## Summary\n\nx\n\n## Motivation\n\nx\n\n### Goals\n\nx\n\n### Non-Goals\n\nx\n\n## Proposal\n\nx\n\n### Risks and Mitigations\n\nx\n\n## Design Details\n\nx\n\n### Troubleshooting\n\nx\n\n## Alternatives\n\nx\n";
    const PROCEDURE: &str = "---\ntitle: Rotate the auth0 credentials\n---\n\n## Prerequisites\n\nAccess to the live cluster.\n\n## Steps\n\n1. Log in to the AWS console.\n2. Run:\n\n```bash\nkubectl -n live get secrets\naws secretsmanager list-secrets\n```\n\n3. Restart the pods:\n\n```bash\nkubectl rollout restart deployment/auth\n```\n";
    const DEV_PROCEDURE: &str = "# Upgrade Rails\n\n1. Update the Gemfile.\n2. Run the tests locally:\n\n```sh\nbundle install\nbundle exec rspec\nyarn install\n```\n\n3. Open a pull request.\n";
    const PLAIN: &str = "# Title\n\nSome words here.\n";

    /// One row per signal or class of failure of issue 12: path, text, expected kind, and a
    /// piece the reason must contain.
    #[test]
    fn kinds_by_signal() {
        use DocKind::*;
        let cases: &[(&str, &str, DocKind, &str)] = &[
            // Front matter decides outright.
            (
                "docs/notes.md",
                "---\ntype: runbook\n---\n# Notes\n",
                Runbook,
                "front matter `type: runbook`",
            ),
            (
                "docs/notes.md",
                "---\nkind: Post-Mortem\n---\n# Notes\n",
                Postmortem,
                "front matter `kind: Post-Mortem`",
            ),
            // Named files, whatever they mention.
            ("LICENSE.md", "MIT License\n", License, "name LICENSE.md"),
            ("GPL.txt", "GNU GENERAL PUBLIC LICENSE\n", License, "name GPL.txt"),
            (
                "CHANGELOG.md",
                "# Changelog\n## 1.2\n- Added runbook for payments\n## Mitigation\n## Escalation\n",
                Changelog,
                "name CHANGELOG.md",
            ),
            (
                "CODE_OF_CONDUCT.md",
                "# Code of conduct\n\nBe kind.\n",
                Other,
                "name CODE_OF_CONDUCT.md",
            ),
            (
                "blog/2023-05-01-runbooks.md",
                "# Runbooks at scale\n## Alerts\n## Mitigation\n",
                Other,
                "folder blog/",
            ),
            (
                "docs/how-we-write-runbooks.md",
                "# How we write runbooks\n## Alerts\n## Escalation\n",
                Other,
                "is about such documents",
            ),
            // Class 1: procedures are runbooks.
            (
                "content/runbooks/node/KubeNodeNotReady.md",
                ALERT_RUNBOOK,
                Runbook,
                "folder runbooks/",
            ),
            (
                "docs/node.md",
                ALERT_RUNBOOK,
                Runbook,
                "headings Meaning/Diagnosis/Mitigation",
            ),
            (
                "docs/auth0-rotation.md",
                PROCEDURE,
                Runbook,
                "imperative title (Rotate …)",
            ),
            ("docs/upgrade-rails.md", DEV_PROCEDURE, Onboarding, "on code"),
            // Class 2: folder, number and sections beat name keywords.
            (
                "architecture-decision-record/024-SSO-for-CP-Team-to-access-AWS.md",
                NYGARD,
                Adr,
                "folder architecture-decision-record/",
            ),
            (
                "architecture-decision-record/029-Kubernetes-security-config-auditing.md",
                NYGARD,
                Adr,
                "numbered name 029",
            ),
            (
                "architecture-decision-record/022-EKS.md",
                "# EKS\n\n## Status\n\nAccepted\n\n## Context\n\nWe run kops.\n\n## Decision\n\nUse EKS.\n",
                Adr,
                "Status/Context/Decision headings",
            ),
            (
                "source/architecture_decision_records/ADR040-bosh-access.html.md",
                NYGARD,
                Adr,
                "ADR040",
            ),
            ("notes/db-choice.md", MADR, Adr, "MADR headings"),
            (
                "keps/sig-apps/2232-suspend-jobs/README.md",
                KEP,
                Design,
                "headings Motivation/Goals/Non-Goals/Proposal",
            ),
            (
                "design/queue-proposal.md",
                "# Queue\n\n## Risks and Mitigations\n\nx\n",
                Design,
                "folder design/",
            ),
            (
                "rfc/20240513-static-evaluation.md",
                "# Static evaluation\n\n## Proposed Solution\n\nx\n",
                Design,
                "folder rfc/",
            ),
            ("docs/README.md", KEP, Design, "headings"),
            (
                "text/0001-private-fields.md",
                "# Summary\n\nx\n\n# Motivation\n\nx\n\n# Guide-level explanation\n\nx\n\n# Drawbacks\n\nx\n\n# Rationale and alternatives\n\nx\n\n# Unresolved questions\n\nx\n",
                Design,
                "headings Motivation",
            ),
            // Class 4: access is an inventory; security is a policy.
            (
                "docs/access.md",
                "# Access\n\n| System | Who has access | Where the credential lives | Rotation |\n|---|---|---|---|\n| AWS prod | Platform team | Vault `aws/prod` | 90 days |\n",
                Access,
                "inventory table",
            ),
            (
                "docs/access-eks-cluster.md",
                "# Access the EKS cluster\n\n1. Install kubectl.\n2. Run:\n\n```sh\naws eks update-kubeconfig --name live\nkubectl get nodes\n```\n3. Check the nodes.\n",
                Runbook,
                "imperative title (Access …)",
            ),
            (
                "SECURITY.md",
                "# Security policy\n\n## Reporting a vulnerability\n\nEmail us.\n",
                Security,
                "name SECURITY.md",
            ),
            (
                "docs/adr/0031-security-group-naming.md",
                NYGARD,
                Adr,
                "numbered name 0031",
            ),
            (
                "source/incident-process.html.md.erb",
                "---\ntitle: Incident process\n---\n# Incidents\n## Escalation\n## Mitigation\n",
                Security,
                "incident-response process",
            ),
            // Class 5: onboarding.
            ("CONTRIBUTING.md", PLAIN, Onboarding, "name CONTRIBUTING.md"),
            (
                "README.md",
                "# Payments\n\nWhat this repository holds.\n",
                Onboarding,
                "root README",
            ),
            (
                "source/joiners-guide.html.md.erb",
                "# Joiners' guide\n\n1. Get a laptop.\n2. Ask for access.\n3. Read the manual.\n",
                Onboarding,
                "name joiners-guide",
            ),
            (
                "source/how-we-work.html.md.erb",
                "# How we work\n\nSprints and ceremonies.\n",
                Onboarding,
                "how-we-work",
            ),
            (
                "docs/contributing/DEVELOPING.md",
                "# Developing\n\nBuild it.\n",
                Onboarding,
                "folder contributing/",
            ),
            (
                "docs/PRs-and-workflow.md",
                "# PRs and workflow\n\nWe review each other's pull requests.\n",
                Onboarding,
                "team practice",
            ),
            (
                "content/docs/add-runbook.md",
                "---\ntitle: Add Runbook\n---\n\n1. Copy the template.\n2. Fill it in.\n3. Open a pull request.\n",
                Onboarding,
                "how to write docs",
            ),
            // Postmortems share headings with runbooks.
            (
                "docs/2024-03-01-outage.md",
                "# Outage 2024-03-01\n## Impact\nUsers.\n## Timeline\n10:00 alert.\n## Root cause\nDisk.\n## Mitigation\nCleaned.\n## Escalation\nPaged.\n",
                Postmortem,
                "headings Timeline",
            ),
            // Other kinds.
            (
                "terraform/modules/vpc/README.md",
                "# VPC\n\n## Requirements\n\nx\n\n## Providers\n\nx\n\n## Inputs\n\nx\n\n## Outputs\n\nx\n",
                Api,
                "terraform-docs headings",
            ),
            ("docs/handover-plan.md", PLAIN, Handoff, "handover-plan"),
            ("docs/faq.md", PLAIN, Other, "no signal matched"),
        ];
        for (path, text, kind, reason) in cases {
            let got = run(path, text);
            assert_eq!(got.kind, *kind, "{path}: {}", got.reason);
            assert!(
                got.reason.contains(reason),
                "{path}: reason {:?} lacks {reason:?}",
                got.reason
            );
            assert!((0.0..=1.0).contains(&got.confidence), "{path}: {}", got.confidence);
        }
    }

    /// Look-alikes keep the kind they imitate but are not counted, with why (class 3).
    #[test]
    fn lookalikes() {
        use DocKind::*;
        use LookalikeKind::*;
        type Case<'a> = (&'a str, &'a str, DocKind, Option<(LookalikeKind, &'a str)>);
        let cases: &[Case] = &[
            (
                "docs/adr/template.md",
                NYGARD,
                Adr,
                Some((Template, "name template.md")),
            ),
            (
                "src/init.md",
                "# 1. Record architecture decisions\n\nDate: DATE\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n\n## Consequences\n\nx\n",
                Adr,
                Some((Template, "placeholder `Date: DATE`")),
            ),
            (
                "doc/adr/0007-x.md",
                "# 7. X\n\nDate: {DATE_YESTERDAY}\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nx\n",
                Adr,
                Some((Template, "{DATE_YESTERDAY}")),
            ),
            (
                "docs/decisions/0000-title.md",
                "# [short title of solved problem]\n\n## Context and Problem Statement\n\n## Considered Options\n",
                Adr,
                Some((Template, "placeholder title")),
            ),
            (
                "integration-tests/adr/0002-use-x.md",
                NYGARD,
                Adr,
                Some((Fixture, "under integration-tests/")),
            ),
            (
                "pkg/repo/testdata/keps/123-newstyle/README.md",
                KEP,
                Design,
                Some((Fixture, "under testdata/")),
            ),
            (
                "content/runbooks/etcd/_index.md",
                "---\ntitle: etcd\n---\n",
                Runbook,
                Some((Index, "section page")),
            ),
            (
                "docs/adr/README.md",
                "# Decisions\n\n- [1. Use X](0001-use-x.md)\n- [2. Use Y](0002-use-y.md)\n- [3. Use Z](0003-use-z.md)\n",
                Adr,
                Some((Index, "lists 3 links")),
            ),
            (
                "docs/security/SECURITY.md",
                "# Security\n\nSee the [organisation's SECURITY.md](https://github.com/org/.github/blob/main/SECURITY.md).\n",
                Security,
                Some((
                    Stub,
                    "only points to https://github.com/org/.github/blob/main/SECURITY.md",
                )),
            ),
            (
                ".github/ISSUE_TEMPLATE/bug.md",
                "# Bug\n\nDescribe it.\n",
                Other,
                Some((Template, "ISSUE_TEMPLATE")),
            ),
            // Real documents next to look-alikes stay counted.
            (
                "locales/en/templates/arc42/LICENSE.md",
                "MIT License\n\nCopyright.\n",
                License,
                None,
            ),
            ("locales/en/examples/java/index.md", NYGARD, Adr, None),
            ("docs/adr/0001-record-architecture-decisions.md", NYGARD, Adr, None),
        ];
        for (path, text, kind, want) in cases {
            let got = run(path, text);
            assert_eq!(got.kind, *kind, "{path}: {}", got.reason);
            let look = got.lookalike.as_ref().map(|l| (l.kind, l.reason.as_str()));
            match (look, want) {
                (None, None) => {}
                (Some((k, reason)), Some((wk, wr))) => {
                    assert_eq!(k, *wk, "{path}: {reason}");
                    assert!(reason.contains(wr), "{path}: {reason:?} lacks {wr:?}");
                    assert!(got.reason.contains(reason), "{path}: the kind reason says why");
                }
                (look, want) => panic!("{path}: got {look:?}, want {want:?}"),
            }
        }
    }

    /// The issue's fixture: a GOV.UK Tech Docs site named "… Runbooks" and five procedure
    /// pages (imperative titles, numbered steps, shell blocks) are all runbooks; the same
    /// pages outside such a site and without procedure structure are not.
    #[test]
    fn runbook_site_of_procedures() {
        let pages = [
            (
                "add-nodes-to-the-cluster",
                "Add nodes to the cluster",
                "kubectl scale nodegroup live --nodes 6",
            ),
            (
                "rotate-auth0-credentials",
                "Rotate the auth0 credentials",
                "aws secretsmanager rotate-secret --secret-id auth0",
            ),
            (
                "recycle-node",
                "Debug and recycle a node with seccomp errors",
                "kubectl drain ip-10-0-0-1 --ignore-daemonsets",
            ),
            (
                "delete-cluster",
                "Delete a cluster",
                "terraform destroy -target module.cluster",
            ),
            (
                "unlock-terraform-state",
                "Unlock the Terraform state",
                "terraform force-unlock 1234",
            ),
        ];
        let config = (
            "config/tech-docs.yml",
            "service_name: Cloud Platform Runbooks\nhost: https://runbooks.example\n",
        );
        for (slug, title, command) in pages {
            let path = format!("source/{slug}.html.md.erb");
            let text = format!(
                "---\ntitle: {title}\nlast_reviewed_on: 2025-07-18\nreview_in: 6 months\n---\n\n# {title}\n\n1. Log in to the cluster.\n2. Run the command:\n\n```bash\n{command}\n```\n\n3. Check that it worked.\n"
            );
            let got = in_root(&path, &text, &[config]);
            assert_eq!(got.kind, DocKind::Runbook, "{path}: {}", got.reason);
            assert!(
                got.reason.contains("Cloud Platform Runbooks") || got.signals.iter().any(|s| s.name == "runbook site")
            );
            assert_eq!(got.lookalike, None, "{path}");
            // The same subject, described rather than performed, outside any site.
            let plain = format!("notes/{slug}.md");
            let text = format!(
                "# About: {title}\n\nThis note records some history of the team and of the way we think about the subject.\n"
            );
            let got = run(&plain, &text);
            assert_ne!(got.kind, DocKind::Runbook, "{plain}: {}", got.reason);
        }
    }

    /// A combined document keeps its kind; its clearly-kinded sections are listed with anchors.
    #[test]
    fn sections_of_a_combined_document() {
        let text = "# Payments\n\nWhat it is.\n\n## Onboarding\n\nAsk for access.\n\n## Troubleshooting production deploys\n\nCheck the pipeline.\n\n## Reporting a vulnerability\n\nEmail security@.\n\n## Licence\n\nMIT.\n";
        let got = run("README.md", text);
        assert_eq!(got.kind, DocKind::Onboarding);
        let sections: Vec<(&str, u32, DocKind)> = got
            .sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.line, s.kind))
            .collect();
        assert_eq!(
            sections,
            [
                ("troubleshooting-production-deploys", 9, DocKind::Runbook),
                ("reporting-a-vulnerability", 13, DocKind::Security),
            ]
        );
        // A decision record's sections belong to the record.
        assert_eq!(
            run("docs/adr/0001-x.md", &format!("{NYGARD}\n## Troubleshooting\n\nx\n")).sections,
            []
        );
    }

    #[test]
    fn pins_come_after_front_matter() {
        let pin = KindPin {
            pattern: "docs/ops/**".to_string(),
            glob: crate::settings::Globs::new(&["docs/ops/**"]).unwrap(),
            kind: DocKind::Runbook,
        };
        let site = SiteContext::default();
        let classify_pinned = |path: &str, text: &str| {
            classify(
                path,
                text,
                &parse(path, DocFormat::Markdown, text),
                std::slice::from_ref(&pin),
                &site,
            )
        };
        let got = classify_pinned("docs/ops/kafka.md", PLAIN);
        assert_eq!(
            (got.kind, got.reason.as_str(), got.confidence),
            (DocKind::Runbook, "config pin `docs/ops/**`", 1.0)
        );
        let got = classify_pinned("docs/ops/kafka.md", "---\ntype: design\n---\n");
        assert_eq!(
            (got.kind, got.reason.as_str()),
            (DocKind::Design, "front matter `type: design`")
        );
    }

    #[test]
    fn weighed_signals_are_kept_heaviest_first() {
        let got = run(
            "architecture-decision-record/024-SSO-for-CP-Team-to-access-AWS.md",
            NYGARD,
        );
        assert_eq!(got.kind, DocKind::Adr);
        assert!(got.signals.len() >= 3, "{:?}", got.signals);
        assert!(got.signals.windows(2).all(|w| w[0].weight.abs() >= w[1].weight.abs()));
        assert_eq!(got.signals[0].kind, DocKind::Adr);
        assert_eq!(
            got.reason,
            "folder architecture-decision-record/ + numbered name 024 + Status/Context/Decision/Consequences headings"
        );
        assert!(got.confidence > 0.95, "{}", got.confidence);
        // Nothing pointed anywhere: surely `other`.
        let none = run("docs/faq.md", PLAIN);
        assert_eq!((none.kind, none.signals.len()), (DocKind::Other, 0));
        assert!(none.confidence > 0.8, "{}", none.confidence);
        // A weak lead is an unsure call.
        let weak = run(
            "docs/notes.md",
            "# Restart the cache\n\nRun `kubectl rollout restart deploy/cache`.\n",
        );
        assert_eq!(weak.kind, DocKind::Runbook, "{}", weak.reason);
        assert!(weak.confidence < 0.6, "{}", weak.confidence);
    }

    #[test]
    fn runbook_groups_from_headings() {
        let doc = parse(
            "x.md",
            DocFormat::Markdown,
            "## Alerting\n## How to troubleshoot\n## Roll back\n## On-call contacts\n",
        );
        let g = runbook_groups(&doc);
        assert_eq!(
            (g.alerts, g.diagnosis, g.mitigation, g.escalation, g.count()),
            (true, true, true, true, 4)
        );
        let doc = parse(
            "x.md",
            DocFormat::Markdown,
            "## Overview\n## Installation\n## Alertmanager\n",
        );
        assert_eq!(runbook_groups(&doc).count(), 0);
    }
}
