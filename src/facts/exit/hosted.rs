//! Systems hosted by the vendor: every host under a vendor domain that a document or a config
//! links to (their wiki, Jira or Confluence, shared drives, dashboards, registries), listed per
//! host with each place that links there. These pages and services vanish at exit.

use std::collections::BTreeMap;

use super::files::FileView;
use super::model::{HostKind, HostReference, HostedSystem};
use super::text::numbered;
use super::vendor::Vendor;

/// How many references are kept per host (the count keeps them all).
const MAX_REFERENCES: usize = 100;

/// Collects vendor hosts, file by file.
#[derive(Debug, Default)]
pub struct Hosted {
    hosts: BTreeMap<String, Vec<HostReference>>,
}

impl Hosted {
    /// Reads the vendor hosts of one document or config.
    pub fn visit(&mut self, file: &FileView, vendor: &Vendor) {
        if !(file.document || file.config) {
            return;
        }
        for (line, text) in numbered(file.text) {
            for hit in vendor.hosts_in(text) {
                // In prose a bare host is a name (a DNS zone, an example), not a link to a page;
                // so is one in a config's free-text `description`.
                let prose = file.document
                    || super::text::assignment(text).is_some_and(|(k, _)| k == "description" || k == "summary");
                if prose && !hit.display.contains("://") {
                    continue;
                }
                self.hosts.entry(hit.host).or_default().push(HostReference {
                    path: file.path.to_string(),
                    line,
                    url: hit.display,
                    in_document: file.document,
                });
            }
        }
    }

    /// The hosts in name order, each with its references in path and line order.
    pub fn finish(self) -> Vec<HostedSystem> {
        self.hosts
            .into_iter()
            .map(|(host, mut references)| {
                references.sort();
                references.dedup();
                let reference_count = references.len();
                let kind = host_kind(&host, references.iter().map(|r| r.url.as_str()));
                references.truncate(MAX_REFERENCES);
                HostedSystem {
                    host,
                    kind,
                    reference_count,
                    references,
                }
            })
            .collect()
    }
}

/// What a host seems to be, from its name and the paths linked on it (first match wins).
pub fn host_kind<'a>(host: &str, urls: impl Iterator<Item = &'a str>) -> HostKind {
    let labels: Vec<&str> = host.split('.').collect();
    let first = labels.first().copied().unwrap_or_default();
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| labels.contains(w) || first.split('-').any(|p| p == *w))
    };
    let paths: Vec<&str> = urls.collect();
    let path_has = |words: &[&str]| paths.iter().any(|u| words.iter().any(|w| u.contains(w)));
    if has(&[
        "wiki",
        "confluence",
        "docs",
        "doc",
        "notion",
        "kb",
        "handbook",
        "guide",
        "manual",
        "runbooks",
        "runbook",
    ]) || path_has(&["/wiki/", "/confluence/"])
    {
        HostKind::Wiki
    } else if has(&[
        "jira",
        "youtrack",
        "tracker",
        "issues",
        "redmine",
        "servicedesk",
        "pagerduty",
        "opsgenie",
    ]) || path_has(&["/browse/", "/jira/"])
    {
        HostKind::Tracker
    } else if has(&["drive", "sharepoint", "share", "files", "box", "dropbox", "nextcloud"]) {
        HostKind::Drive
    } else if has(&[
        "grafana",
        "kibana",
        "dashboard",
        "dashboards",
        "monitoring",
        "status",
        "metrics",
        "logs",
        "sentry",
        "prometheus",
        "alertmanager",
        "reports",
    ]) {
        HostKind::Dashboard
    } else if has(&[
        "registry",
        "docker",
        "cr",
        "harbor",
        "nexus",
        "artifactory",
        "npm",
        "pypi",
        "maven",
        "packages",
        "charts",
        "helm",
    ]) {
        HostKind::Registry
    } else if has(&["ci", "jenkins", "build", "builds", "drone", "teamcity", "concourse"]) {
        HostKind::Ci
    } else if has(&["git", "gitlab", "github", "bitbucket", "code", "gitea", "svn"]) {
        HostKind::Code
    } else {
        HostKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::exit::vendor::acme;

    fn view<'a>(path: &'a str, text: &'a str, document: bool) -> FileView<'a> {
        FileView {
            path,
            name: super::super::files::file_name(path),
            ext: String::new(),
            text,
            document,
            config: !document,
            ci: None,
        }
    }

    #[test]
    fn hosts_are_grouped_with_their_references() {
        let mut hosted = Hosted::default();
        let v = acme();
        hosted.visit(
            &view(
                "docs/runbooks/payments.md",
                "# Payments\n\nSee [the wiki](https://wiki.acme-outsourcing.com/display/PAY/Runbook).\nMail ops@acme-outsourcing.com; zone `eu.acme-outsourcing.com`.\n",
                true,
            ),
            &v,
        );
        hosted.visit(
            &view("monitoring/rules.yml", "annotations:\n  runbook_url: https://wiki.acme-outsourcing.com/x\n  description: served from eu.acme-outsourcing.com\n  dashboard: https://grafana.acme-outsourcing.com/d/1\n", false),
            &v,
        );
        let hosts = hosted.finish();
        assert_eq!(hosts.len(), 2);
        assert_eq!(hosts[0].host, "grafana.acme-outsourcing.com");
        assert_eq!(hosts[0].kind, HostKind::Dashboard);
        assert_eq!(hosts[1].host, "wiki.acme-outsourcing.com");
        assert_eq!(hosts[1].kind, HostKind::Wiki);
        let refs: Vec<(&str, usize, &str, bool)> = hosts[1]
            .references
            .iter()
            .map(|r| (r.path.as_str(), r.line, r.url.as_str(), r.in_document))
            .collect();
        assert_eq!(
            refs,
            vec![
                (
                    "docs/runbooks/payments.md",
                    3,
                    "https://wiki.acme-outsourcing.com/display/PAY/Runbook",
                    true
                ),
                ("monitoring/rules.yml", 2, "https://wiki.acme-outsourcing.com/x", false),
            ]
        );
    }

    #[test]
    fn kinds_from_names() {
        let k = |h: &str| host_kind(h, std::iter::empty());
        assert_eq!(k("acme.atlassian.net"), HostKind::Other);
        assert_eq!(k("jira.acme.com"), HostKind::Tracker);
        assert_eq!(k("registry.acme.com"), HostKind::Registry);
        assert_eq!(k("gitlab.acme.com"), HostKind::Code);
        assert_eq!(k("user-guide.acme.com"), HostKind::Wiki);
        assert_eq!(k("runbooks.acme.com"), HostKind::Wiki);
        assert_eq!(k("acme.pagerduty.com"), HostKind::Tracker);
        assert_eq!(k("prometheus.acme.com"), HostKind::Dashboard);
        assert_eq!(
            host_kind("acme.com", ["https://acme.com/wiki/x"].into_iter()),
            HostKind::Wiki
        );
    }
}
