//! Vendor people in operational paths: ownership rules (CODEOWNERS, OWNERS, MAINTAINERS), alert
//! routes (Alertmanager receivers, PagerDuty and Opsgenie settings in Terraform or YAML),
//! on-call, rota and escalation sections of documents, and CI configurations (notifications).
//!
//! One `OperationalPath` per rule, receiver, resource, section or CI file that names at least
//! one vendor person; `vendor_only` when everybody it names is the vendor's (people nobody
//! configured count as not the vendor's).

use super::files::{FileView, file_name};
use super::model::{OperationalPath, OpsContext, PersonAt};
use super::text::{emails_in, numbered};
use super::vendor::Vendor;
use super::yaml;

/// Collects operational paths, file by file.
#[derive(Debug, Default)]
pub struct People {
    paths: Vec<OperationalPath>,
}

/// The people of one path, as they are found.
struct Group {
    line: usize,
    name: String,
    people: Vec<String>,
    vendor: Vec<PersonAt>,
}

impl Group {
    fn new(line: usize, name: &str) -> Group {
        Group {
            line,
            name: name.trim().to_string(),
            people: Vec::new(),
            vendor: Vec::new(),
        }
    }

    fn add(&mut self, who: &str, line: usize, vendor: &Vendor) {
        if !self.people.iter().any(|p| p == who) {
            self.people.push(who.to_string());
        }
        if vendor.person_is_vendor(who) && !self.vendor.iter().any(|p| p.who == who) {
            self.vendor.push(PersonAt {
                who: who.to_string(),
                line,
            });
        }
    }
}

impl People {
    /// Reads the operational people of one file.
    pub fn visit(&mut self, file: &FileView, vendor: &Vendor) {
        let name = file.name;
        if name == "CODEOWNERS" {
            self.push(file.path, OpsContext::Ownership, codeowners(file.text, vendor));
        } else if name == "OWNERS" || name == "OWNERS_ALIASES" {
            self.push(file.path, OpsContext::Ownership, owners_lists(file.text, vendor));
        } else if name.starts_with("MAINTAINERS") {
            self.push(file.path, OpsContext::Ownership, whole_file(file, vendor, true));
        } else if file.ci.is_some() {
            let mut groups = whole_file(file, vendor, true);
            for group in &mut groups {
                // `npm i -g @angular/cli` is no person: in CI files only vendor handles count.
                group
                    .people
                    .retain(|p| !p.starts_with('@') || vendor.handle_is_vendor(p));
            }
            self.push(file.path, OpsContext::CiNotification, groups);
        } else if let Some(list) = (file.yaml() && file.text.contains("receivers"))
            .then(|| alertmanager(file.text))
            .flatten()
        {
            self.push(file.path, OpsContext::AlertRoute, receivers(list, vendor, file.text));
        } else if file.terraform() {
            self.push(file.path, OpsContext::AlertRoute, paging_resources(file.text, vendor));
        } else if file.config && (file.yaml() || file.ext == "json") && mentions_paging(file.text) {
            self.push(file.path, OpsContext::AlertRoute, whole_file(file, vendor, false));
        } else if file.document {
            self.push(file.path, OpsContext::OnCall, on_call_sections(file, vendor));
        }
    }

    fn push(&mut self, path: &str, context: OpsContext, groups: Vec<Group>) {
        for group in groups.into_iter().filter(|g| !g.vendor.is_empty()) {
            let vendor_only = group.vendor.len() == group.people.len();
            self.paths.push(OperationalPath {
                path: path.to_string(),
                line: group.line,
                context,
                name: group.name,
                people: group.people,
                vendor_people: group.vendor,
                vendor_only,
            });
        }
    }

    /// The paths, by file and line.
    pub fn finish(mut self) -> Vec<OperationalPath> {
        self.paths.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        self.paths
    }
}

fn mentions_paging(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["pagerduty", "opsgenie", "oncall", "on-call", "escalation"]
        .iter()
        .any(|w| lower.contains(w))
}

/// CODEOWNERS (GitHub and GitLab): one group per rule or section header.
fn codeowners(text: &str, vendor: &Vendor) -> Vec<Group> {
    let mut out = Vec::new();
    for (n, line) in numbered(text) {
        let line = line.split(" #").next().unwrap_or(line).trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (pattern, owners) = if line.starts_with('[') || line.starts_with("^[") {
            match line.rfind(']') {
                Some(end) => (&line[..=end], &line[end + 1..]),
                None => continue,
            }
        } else {
            let mut end = 0;
            let bytes = line.as_bytes();
            while end < bytes.len() && !(bytes[end].is_ascii_whitespace() && (end == 0 || bytes[end - 1] != b'\\')) {
                end += 1;
            }
            (&line[..end], &line[end..])
        };
        let mut group = Group::new(n, pattern);
        for (_, who) in vendor.people_in(owners, true) {
            group.add(&who, n, vendor);
        }
        out.push(group);
    }
    out
}

/// OWNERS and OWNERS_ALIASES (Kubernetes/Prow): one group per list (`approvers`, an alias).
fn owners_lists(text: &str, vendor: &Vendor) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (n, line) in numbered(text) {
        let trimmed = line.split('#').next().unwrap_or("").trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            let item = super::text::unquote(item.trim()).to_ascii_lowercase();
            if item.is_empty() {
                continue;
            }
            let who = if item.contains('@') { item } else { format!("@{item}") };
            if out.is_empty() {
                out.push(Group::new(n, "OWNERS"));
            }
            if let Some(group) = out.last_mut() {
                group.add(&who, n, vendor);
            }
        } else if let Some(key) = trimmed.strip_suffix(':') {
            out.push(Group::new(n, key));
        }
    }
    out
}

/// A whole file as one group: every email (and, with `handles`, every `@handle`).
fn whole_file(file: &FileView, vendor: &Vendor, handles: bool) -> Vec<Group> {
    let mut group = Group::new(0, file_name(file.path));
    for (n, line) in numbered(file.text) {
        for (_, who) in vendor.people_in(line, handles) {
            if group.line == 0 {
                group.line = n;
            }
            group.add(&who, n, vendor);
        }
    }
    vec![group]
}

/// The receivers of an Alertmanager config (or a Prometheus Operator `AlertmanagerConfig`).
fn alertmanager(text: &str) -> Option<Vec<serde_yaml_ng::Value>> {
    let documents = yaml::documents(text);
    let mut receivers = Vec::new();
    for document in &documents {
        let spec = if yaml::get(document, "kind").and_then(|k| k.as_str()) == Some("AlertmanagerConfig") {
            yaml::get(document, "spec")
        } else if yaml::get(document, "route").is_some() {
            Some(document)
        } else {
            None
        };
        if let Some(list) = spec
            .and_then(|s| yaml::get(s, "receivers"))
            .and_then(|r| r.as_sequence())
        {
            receivers.extend(list.iter().cloned());
        }
    }
    (!receivers.is_empty()).then_some(receivers)
}

/// One group per receiver: its name, and every email in its settings.
fn receivers(list: Vec<serde_yaml_ng::Value>, vendor: &Vendor, text: &str) -> Vec<Group> {
    let mut out = Vec::new();
    let mut from = yaml::key_line(text, 1, "receivers", None).unwrap_or(1);
    for receiver in list {
        let name = yaml::get(&receiver, "name").and_then(yaml::scalar).unwrap_or_default();
        let line = yaml::key_line(text, from, "name", Some(&name)).unwrap_or(from);
        from = line;
        let mut strings = Vec::new();
        yaml::all_strings(&receiver, &mut strings);
        let mut group = Group::new(line, &format!("receiver `{name}`"));
        for s in &strings {
            for (_, email) in emails_in(s) {
                let at = yaml::line_with(text, line, &email).unwrap_or(line);
                group.add(&email, at, vendor);
            }
        }
        out.push(group);
    }
    out
}

/// PagerDuty and Opsgenie resources in Terraform: one group per `resource`/`data` block.
fn paging_resources(text: &str, vendor: &Vendor) -> Vec<Group> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Group> = None;
    for (n, line) in numbered(text) {
        let trimmed = line.trim();
        if depth == 0 && (trimmed.starts_with("resource ") || trimmed.starts_with("data ")) {
            let parts: Vec<&str> = trimmed.split('"').collect();
            let (kind, name) = (parts.get(1).copied().unwrap_or(""), parts.get(3).copied().unwrap_or(""));
            if kind.starts_with("pagerduty_") || kind.starts_with("opsgenie_") {
                current = Some(Group::new(n, &format!("{kind}.{name}")));
            }
        }
        if let Some(group) = current.as_mut() {
            for (_, email) in emails_in(line) {
                group.add(&email, n, vendor);
            }
        }
        depth = (depth + line.matches('{').count()).saturating_sub(line.matches('}').count());
        if depth == 0
            && let Some(group) = current.take()
        {
            out.push(group);
        }
    }
    out.extend(current);
    out
}

/// Words that make a document section (or a whole document, by path) an on-call section.
const ON_CALL: &[&str] = &[
    "on-call",
    "on call",
    "oncall",
    "rota",
    "rotation",
    "escalation",
    "escalate",
    "contacts",
    "contact",
    "pager",
    "support",
    "who to call",
    "emergency",
];

/// On-call sections of a document: one group per section; the whole document when its path says
/// on-call. Code blocks are skipped.
fn on_call_sections(file: &FileView, vendor: &Vendor) -> Vec<Group> {
    let path = file.path.to_ascii_lowercase();
    let whole = ["oncall", "on-call", "on_call", "rota", "escalation"]
        .iter()
        .any(|w| path.contains(w));
    let mut out = Vec::new();
    let mut current: Option<Group> = whole.then(|| Group::new(1, file_name(file.path)));
    let mut fence = false;
    for (n, line) in numbered(file.text) {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        let heading = trimmed.strip_prefix('#').or_else(|| trimmed.strip_prefix('='));
        if let Some(heading) = heading.filter(|_| !whole) {
            out.extend(current.take());
            let text = heading.trim_start_matches(['#', '=']).trim();
            let lower = text.to_ascii_lowercase();
            if ON_CALL.iter().any(|w| lower.contains(w)) {
                current = Some(Group::new(n, text));
            }
            continue;
        }
        if let Some(group) = current.as_mut() {
            for (_, who) in vendor.people_in(line, true) {
                group.add(&who, n, vendor);
            }
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::exit::files::{ci_system, extension, is_config};
    use crate::facts::exit::vendor::acme;

    type Row = (String, usize, OpsContext, String, Vec<(String, usize)>, bool);

    fn paths(files: &[(&str, &str, bool)]) -> Vec<Row> {
        let v = acme();
        let mut people = People::default();
        for (path, text, document) in files {
            let name = file_name(path);
            people.visit(
                &FileView {
                    path,
                    name,
                    ext: extension(name),
                    text,
                    document: *document,
                    config: is_config(path),
                    ci: ci_system(path),
                },
                &v,
            );
        }
        people
            .finish()
            .into_iter()
            .map(|p| {
                (
                    p.path,
                    p.line,
                    p.context,
                    p.name,
                    p.vendor_people.into_iter().map(|w| (w.who, w.line)).collect(),
                    p.vendor_only,
                )
            })
            .collect()
    }

    #[test]
    fn codeowners_rules_with_vendor_owners() {
        let found = paths(&[(
            ".github/CODEOWNERS",
            "# owners\n* @example/platform @acme-team\n/infra/ @acme-team # vendor\n/docs/ @bob\n[Ops][2] @acme-team\n",
            false,
        )]);
        assert_eq!(
            found,
            vec![
                (
                    ".github/CODEOWNERS".into(),
                    2,
                    OpsContext::Ownership,
                    "*".into(),
                    vec![("@acme-team".into(), 2)],
                    false
                ),
                (
                    ".github/CODEOWNERS".into(),
                    3,
                    OpsContext::Ownership,
                    "/infra/".into(),
                    vec![("@acme-team".into(), 3)],
                    true
                ),
                (
                    ".github/CODEOWNERS".into(),
                    5,
                    OpsContext::Ownership,
                    "[Ops][2]".into(),
                    vec![("@acme-team".into(), 5)],
                    true
                ),
            ]
        );
    }

    #[test]
    fn owners_files_and_maintainers() {
        let found = paths(&[
            ("OWNERS", "approvers:\n  - dave\n  - bob\nreviewers:\n  - dave\n", false),
            (
                "MAINTAINERS",
                "Bob <bob@example.com>\nOps <ops@acme-outsourcing.com>\n",
                false,
            ),
        ]);
        assert_eq!(
            found,
            vec![
                (
                    "MAINTAINERS".into(),
                    1,
                    OpsContext::Ownership,
                    "MAINTAINERS".into(),
                    vec![("ops@acme-outsourcing.com".into(), 2)],
                    false
                ),
                (
                    "OWNERS".into(),
                    1,
                    OpsContext::Ownership,
                    "approvers".into(),
                    vec![("@dave".into(), 2)],
                    false
                ),
                (
                    "OWNERS".into(),
                    4,
                    OpsContext::Ownership,
                    "reviewers".into(),
                    vec![("@dave".into(), 5)],
                    true
                ),
            ]
        );
    }

    #[test]
    fn alertmanager_receivers() {
        let text = "route:\n  receiver: vendor\nreceivers:\n  - name: inhouse\n    email_configs:\n      - to: ops@example.com\n  - name: vendor\n    email_configs:\n      - to: 'oncall@acme-outsourcing.com, bob@example.com'\n  - name: vendor-only\n    email_configs:\n      - to: noc@acme-outsourcing.com\n";
        let found = paths(&[("monitoring/alertmanager.yml", text, false)]);
        assert_eq!(
            found,
            vec![
                (
                    "monitoring/alertmanager.yml".into(),
                    7,
                    OpsContext::AlertRoute,
                    "receiver `vendor`".into(),
                    vec![("oncall@acme-outsourcing.com".into(), 9)],
                    false
                ),
                (
                    "monitoring/alertmanager.yml".into(),
                    10,
                    OpsContext::AlertRoute,
                    "receiver `vendor-only`".into(),
                    vec![("noc@acme-outsourcing.com".into(), 12)],
                    true
                ),
            ]
        );
    }

    #[test]
    fn paging_in_terraform_and_on_call_docs() {
        let tf = "resource \"pagerduty_user\" \"noc\" {\n  name  = \"NOC\"\n  email = \"noc@acme-outsourcing.com\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  tags = { owner = \"ops@acme-outsourcing.com\" }\n}\n";
        let doc = "# Service\n\n## On-call rota\n\n| week | who |\n| 1 | ops@acme-outsourcing.com |\n| 2 | @bob |\n\n## Build\n\nmail ops@acme-outsourcing.com\n";
        let found = paths(&[("infra/pagerduty.tf", tf, false), ("docs/service.md", doc, true)]);
        assert_eq!(
            found,
            vec![
                (
                    "docs/service.md".into(),
                    3,
                    OpsContext::OnCall,
                    "On-call rota".into(),
                    vec![("ops@acme-outsourcing.com".into(), 6)],
                    false
                ),
                (
                    "infra/pagerduty.tf".into(),
                    1,
                    OpsContext::AlertRoute,
                    "pagerduty_user.noc".into(),
                    vec![("noc@acme-outsourcing.com".into(), 3)],
                    true
                ),
            ]
        );
    }

    #[test]
    fn ci_notifications() {
        let ci = "notifications:\n  email:\n    - ci@acme-outsourcing.com\nscript: npm i -g @angular/cli\n";
        let found = paths(&[(".travis.yml", ci, false)]);
        assert_eq!(
            found,
            vec![(
                ".travis.yml".into(),
                3,
                OpsContext::CiNotification,
                ".travis.yml".into(),
                vec![("ci@acme-outsourcing.com".into(), 3)],
                true
            )]
        );
    }
}
