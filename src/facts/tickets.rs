//! Open tickets and the work in flight on them (issue 14): read from offline exports given with
//! `scan --tickets FILE` (repeatable), never from a tracker's API.
//!
//! Three formats, told apart by their header: a Jira CSV export (`Issue key`, `Summary`,
//! `Status`, `Assignee`, `Created`), a GitLab issues CSV export (`Issue ID`, `Title`, `State`,
//! `Assignee`, `Created At (UTC)`), and the JSON of `gh issue list --state open --json
//! number,title,assignees,labels,createdAt,updatedAt,url`. A file that is none of them is an
//! input error naming the expected columns (exit 2, before any work).
//!
//! Per repository, `assess` lists the open tickets assigned to vendor people or to nobody, with
//! their age, and links the in-flight branches (and their commits) that name their keys
//! (`PAY-123`, `#123`; branch `PAY-123-fix-retry` → ticket PAY-123). Facts only: the check
//! `open_tickets` judges them.

use std::path::Path;

use crate::error::{Error, Problem, Result};
use crate::facts::exit::Vendor;
use crate::facts::history::HistoryFacts;

/// Exports larger than this are refused.
const MAX_EXPORT_BYTES: u64 = 32 * 1024 * 1024;

/// Commits read per in-flight branch when looking for ticket keys in messages.
const MAX_COMMITS_PER_BRANCH: usize = 50;

/// The message naming the formats read, for a file that is none of them.
pub const EXPECTED: &str = "not a ticket export exitready reads: expected a Jira CSV export (columns Issue key, Summary, Status, Assignee, Created), a GitLab issues CSV export (columns Issue ID, Title, State, Assignee, Created At (UTC)) or the JSON of `gh issue list --state open --json number,title,assignees,labels,createdAt,updatedAt,url`";

/// The format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketFormat {
    /// Jira CSV export.
    Jira,
    /// `gh issue list --json …`.
    Github,
    /// GitLab issues CSV export.
    Gitlab,
}

/// One ticket of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    /// `PAY-123` (Jira) or `#123` (GitHub, GitLab).
    pub key: String,
    /// Its title.
    pub title: String,
    /// Whether it is open (not done, closed, resolved or cancelled).
    pub open: bool,
    /// Assignees as written: emails, `@logins`, or display names.
    pub assignees: Vec<String>,
    /// When it was created.
    pub created: Option<jiff::Timestamp>,
    /// Its web address, when the export has one.
    pub url: Option<String>,
    /// 1-based line in the export.
    pub line: usize,
}

/// An export as read.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketExport {
    /// The file, as given on the command line.
    pub path: String,
    /// Its format.
    pub format: TicketFormat,
    /// Its tickets, in file order.
    pub tickets: Vec<Ticket>,
}

/// Reads an export file (at most 32 MiB).
pub fn read_export(path: &Path) -> Result<TicketExport> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_EXPORT_BYTES {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: format!("ticket export larger than {} MiB", MAX_EXPORT_BYTES >> 20),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    parse_export(path, &String::from_utf8_lossy(&bytes))
}

fn problem(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::invalid(Problem {
        file: path.to_path_buf(),
        line: Some(line),
        column: None,
        key: None,
        message: message.into(),
    })
}

/// Parses an export, its format told from its header.
pub fn parse_export(path: &Path, text: &str) -> Result<TicketExport> {
    let text = text.trim_start_matches('\u{feff}');
    let tickets_and_format = if text.trim_start().starts_with(['[', '{']) {
        github(path, text).map(|t| (TicketFormat::Github, t))
    } else {
        csv_export(path, text)
    }?;
    Ok(TicketExport {
        path: path.display().to_string(),
        format: tickets_and_format.0,
        tickets: tickets_and_format.1,
    })
}

/// The JSON of `gh issue list --json number,title,assignees,…`.
fn github(path: &Path, text: &str) -> Result<Vec<Ticket>> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| problem(path, e.line().max(1), format!("{EXPECTED} ({e})")))?;
    let items = value.as_array().ok_or_else(|| problem(path, 1, EXPECTED))?;
    // gh writes compact JSON when piped: the n-th `"number"` is on the n-th ticket's line.
    let number_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .flat_map(|(i, l)| std::iter::repeat_n(i + 1, l.matches("\"number\"").count()))
        .collect();
    let mut tickets = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let line = number_lines.get(index).copied().unwrap_or(1);
        let (Some(number), Some(title)) = (
            item.get("number").and_then(|n| n.as_u64()),
            item.get("title").and_then(|t| t.as_str()),
        ) else {
            return Err(problem(path, line, EXPECTED));
        };
        let assignees = item
            .get("assignees")
            .and_then(|a| a.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.get("login").and_then(|l| l.as_str()))
                    .map(|l| format!("@{}", l.to_lowercase()))
                    .collect()
            })
            .unwrap_or_default();
        let open = item
            .get("state")
            .and_then(|s| s.as_str())
            .is_none_or(|s| s.eq_ignore_ascii_case("open"));
        tickets.push(Ticket {
            key: format!("#{number}"),
            title: title.to_string(),
            open,
            assignees,
            created: item.get("createdAt").and_then(|c| c.as_str()).and_then(parse_time),
            url: item.get("url").and_then(|u| u.as_str()).map(str::to_string),
            line,
        });
    }
    Ok(tickets)
}

/// Statuses that mean a Jira ticket is finished.
const CLOSED: &[&str] = &[
    "done",
    "closed",
    "resolved",
    "cancelled",
    "canceled",
    "won't do",
    "won't fix",
    "rejected",
    "duplicate",
    "complete",
    "completed",
    "released",
];

/// A Jira or GitLab CSV export.
fn csv_export(path: &Path, text: &str) -> Result<(TicketFormat, Vec<Ticket>)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| problem(path, 1, format!("{EXPECTED} ({e})")))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let format = if column("Issue key").is_some() && column("Summary").is_some() {
        TicketFormat::Jira
    } else if column("Issue ID").is_some() && column("Title").is_some() && column("State").is_some() {
        TicketFormat::Gitlab
    } else {
        return Err(problem(path, 1, EXPECTED));
    };
    let (key, title) = match format {
        TicketFormat::Jira => (column("Issue key"), column("Summary")),
        _ => (column("Issue ID"), column("Title")),
    };
    let status = column("Status").or(column("State"));
    let resolution = column("Resolution");
    let assignee = column("Assignee Username").or(column("Assignee"));
    let created = column("Created").or(column("Created At (UTC)"));
    let url = column("URL");
    let mut tickets = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            problem(path, line, format!("unreadable CSV row: {e}"))
        })?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).filter(|s| !s.is_empty());
        let Some(id) = field(key) else {
            return Err(problem(
                path,
                line,
                "a row without its ticket key (Issue key / Issue ID)",
            ));
        };
        let state = field(status).map(str::to_lowercase);
        let open = match format {
            TicketFormat::Gitlab => state.as_deref().is_none_or(|s| s == "open" || s == "opened"),
            _ => {
                state.as_deref().is_none_or(|s| !CLOSED.contains(&s))
                    && field(resolution).is_none_or(|r| r.eq_ignore_ascii_case("unresolved"))
            }
        };
        let assignees = field(assignee)
            .map(|a| {
                a.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        if format == TicketFormat::Gitlab
                            && column("Assignee Username").is_some()
                            && !s.starts_with('@')
                        {
                            format!("@{}", s.to_lowercase())
                        } else {
                            s.to_string()
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        tickets.push(Ticket {
            key: if format == TicketFormat::Gitlab {
                format!("#{id}")
            } else {
                id.to_uppercase()
            },
            title: field(title).unwrap_or_default().to_string(),
            open,
            assignees,
            created: field(created).and_then(parse_time),
            url: field(url).map(str::to_string),
            line,
        });
    }
    Ok((format, tickets))
}

/// A ticket date: RFC 3339, `YYYY-MM-DD[ HH:MM[:SS]][ UTC]`, or Jira's `12/Mar/24 3:45 PM`.
pub fn parse_time(text: &str) -> Option<jiff::Timestamp> {
    let text = text.trim().trim_end_matches(" UTC");
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    let utc = |dt: jiff::civil::DateTime| {
        dt.to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    };
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
    ] {
        if let Ok(dt) = jiff::civil::DateTime::strptime(format, text) {
            return utc(dt);
        }
    }
    let day = text.split_whitespace().next()?;
    for format in ["%Y-%m-%d", "%d/%b/%y", "%d/%b/%Y"] {
        if let Ok(date) = jiff::civil::Date::strptime(format, day) {
            return utc(date.to_datetime(jiff::civil::Time::midnight()));
        }
    }
    None
}

/// An in-flight branch with the messages of its newest commits.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchWork {
    /// Branch name (`origin/x` for remote branches).
    pub branch: String,
    /// Each commit's full id and summary line, newest first.
    pub commits: Vec<(String, String)>,
}

/// The open tickets of every export that need an owner in-house, for one repository.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct TicketFacts {
    /// The exports read, as given.
    pub exports: Vec<String>,
    /// Open tickets in them.
    pub open_tickets: usize,
    /// The open tickets assigned to vendor people or to nobody, in export order.
    pub items: Vec<OpenTicket>,
}

/// An open ticket assigned to the vendor or to nobody.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct OpenTicket {
    /// `PAY-123` or `#123`.
    pub key: String,
    /// Its title.
    pub title: String,
    /// The export it is in.
    pub export: String,
    /// 1-based line in the export.
    pub line: usize,
    /// Its web address, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `vendor` or `nobody`.
    pub assigned_to: String,
    /// The vendor assignees, as written.
    pub assignees: Vec<String>,
    /// When it was created (RFC 3339 UTC).
    pub created: Option<String>,
    /// Days since it was created, on the report clock.
    pub age_days: Option<i64>,
    /// In-flight branches that name its key, in the name or in a commit message.
    pub in_flight: Vec<LinkedWork>,
}

/// An in-flight branch linked to a ticket.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct LinkedWork {
    /// The branch.
    pub branch: String,
    /// The commit whose message names the key (`null` when the branch name does).
    pub commit: Option<String>,
}

/// Lists the open tickets assigned to vendor people or to nobody, and links in-flight work.
pub fn assess(
    exports: &[TicketExport],
    is_vendor: &dyn Fn(&str) -> bool,
    work: &[BranchWork],
    now: jiff::Timestamp,
) -> TicketFacts {
    let mut facts = TicketFacts {
        exports: exports.iter().map(|e| e.path.clone()).collect(),
        ..TicketFacts::default()
    };
    for export in exports {
        for ticket in export.tickets.iter().filter(|t| t.open) {
            facts.open_tickets += 1;
            let vendor: Vec<String> = ticket.assignees.iter().filter(|a| is_vendor(a)).cloned().collect();
            let assigned_to = if ticket.assignees.is_empty() {
                "nobody"
            } else if !vendor.is_empty() {
                "vendor"
            } else {
                continue;
            };
            let mut in_flight = Vec::new();
            for branch in work {
                if branch_names_key(&branch.branch, &ticket.key) {
                    in_flight.push(LinkedWork {
                        branch: branch.branch.clone(),
                        commit: None,
                    });
                } else if let Some((id, _)) = branch.commits.iter().find(|(_, m)| text_names_key(m, &ticket.key)) {
                    in_flight.push(LinkedWork {
                        branch: branch.branch.clone(),
                        commit: Some(id.clone()),
                    });
                }
            }
            facts.items.push(OpenTicket {
                key: ticket.key.clone(),
                title: ticket.title.clone(),
                export: export.path.clone(),
                line: ticket.line,
                url: ticket.url.clone(),
                assigned_to: assigned_to.to_string(),
                assignees: vendor,
                created: ticket.created.map(crate::base::dates::timestamp_rfc3339),
                age_days: ticket
                    .created
                    .map(|c| crate::base::dates::days_since(c.as_second(), now)),
                in_flight,
            });
        }
    }
    facts
}

/// Whether a text names a key: `PAY-123` (any case, not `PAY-1234` nor `XPAY-123`) or `#123`.
pub fn text_names_key(text: &str, key: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let key = key.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    lower.match_indices(&key).any(|(at, _)| {
        let end = at + key.len();
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = end >= bytes.len() || !bytes[end].is_ascii_digit();
        (before || key.starts_with('#')) && after
    })
}

/// Whether a branch name names a key: `PAY-123-fix-retry`, `feature/pay-123`, `123-fix`,
/// `issue-123`, `fix/#123`.
pub fn branch_names_key(branch: &str, key: &str) -> bool {
    let Some(number) = key.strip_prefix('#') else {
        return text_names_key(branch, key);
    };
    let lower = branch.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    lower.match_indices(number).any(|(at, _)| {
        let end = at + number.len();
        let before = &lower[..at];
        let starts = at == 0
            || before.ends_with('/')
            || before.ends_with('#')
            || ["issue-", "issues/", "issue/", "gh-", "issue_"]
                .iter()
                .any(|p| before.ends_with(p));
        let ends = end >= bytes.len() || matches!(bytes[end], b'-' | b'_' | b'/');
        starts && ends
    })
}

/// The newest commit summaries of each in-flight branch (first parents, at most 50 each).
pub fn branch_work(repo: &git2::Repository, history: &HistoryFacts) -> Vec<BranchWork> {
    history
        .in_flight
        .iter()
        .map(|b| {
            let mut commits = Vec::new();
            let mut next = git2::Oid::from_str(&b.last_commit).ok();
            while let Some(id) = next {
                if commits.len() >= MAX_COMMITS_PER_BRANCH.min(b.commits_ahead.max(1)) {
                    break;
                }
                let Ok(commit) = repo.find_commit(id) else { break };
                let summary = String::from_utf8_lossy(commit.message_bytes())
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string();
                commits.push((id.to_string(), summary));
                next = commit.parent_id(0).ok();
            }
            BranchWork {
                branch: b.branch.clone(),
                commits,
            }
        })
        .collect()
}

/// Whether an assignee as written is a vendor person: an email or `@handle` by the vendor's
/// matchers; a display name (Jira) through the git identity of that name.
pub fn assignee_is_vendor(who: &str, vendor: &Vendor, history: Option<&HistoryFacts>) -> bool {
    if who.contains('@') {
        return vendor.person_is_vendor(who);
    }
    history.is_some_and(|h| {
        h.identities
            .iter()
            .any(|i| i.name.eq_ignore_ascii_case(who.trim()) && vendor.email_is_vendor(&i.email))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const JIRA: &str = "Summary,Issue key,Issue id,Status,Assignee,Reporter,Created,Resolution\n\
\"Fix retry, again\",PAY-123,10001,In Progress,alice@acme-outsourcing.com,bob,12/Mar/26 3:45 PM,\n\
Old bug,PAY-99,10002,Done,alice@acme-outsourcing.com,bob,01/Jan/25 9:00 AM,Done\n\
Nobody's,PAY-124,10003,To Do,,bob,2026-06-01 10:00,Unresolved\n\
In-house,PAY-125,10004,To Do,bob@example.com,bob,2026-06-01,\n";

    const GH: &str = "[{\"assignees\":[{\"id\":\"1\",\"login\":\"Dave\",\"name\":\"Dave\"}],\"createdAt\":\"2026-05-01T10:00:00Z\",\"labels\":[],\"number\":7,\"title\":\"Flaky deploy\",\"updatedAt\":\"2026-05-02T10:00:00Z\",\"url\":\"https://github.com/o/r/issues/7\"},\n{\"assignees\":[],\"createdAt\":\"2026-06-01T10:00:00Z\",\"labels\":[],\"number\":8,\"title\":\"Docs\",\"updatedAt\":\"2026-06-01T10:00:00Z\",\"url\":\"https://github.com/o/r/issues/8\"}]\n";

    const GITLAB: &str = "Title,Description,Issue ID,URL,State,Author,Author Username,Assignee,Assignee Username,Created At (UTC)\n\
Upgrade,,12,https://gitlab.example.com/g/p/-/issues/12,Open,Bob,bob,Alice,alice-acme,2026-04-01 08:00:00 UTC\n\
Done,,13,https://gitlab.example.com/g/p/-/issues/13,Closed,Bob,bob,Alice,alice-acme,2026-04-01 08:00:00 UTC\n";

    fn vendor() -> Vendor {
        let specs = vec![crate::facts::knowledge::OrgSpec {
            name: "acme-outsourcing.com".into(),
            role: crate::base::role::Role::Vendor,
            matchers: vec!["@acme-outsourcing.com".into(), "@alice-acme".into()],
        }];
        let mut handles = std::collections::BTreeMap::new();
        handles.insert("@dave".to_string(), "dave@acme-outsourcing.com".to_string());
        Vendor::from_specs(&specs, &handles)
    }

    #[test]
    fn formats_are_told_from_the_header() {
        let jira = parse_export(Path::new("jira.csv"), JIRA).unwrap();
        assert_eq!(jira.format, TicketFormat::Jira);
        let rows: Vec<(&str, bool, usize)> = jira.tickets.iter().map(|t| (t.key.as_str(), t.open, t.line)).collect();
        assert_eq!(
            rows,
            vec![
                ("PAY-123", true, 2),
                ("PAY-99", false, 3),
                ("PAY-124", true, 4),
                ("PAY-125", true, 5)
            ]
        );
        assert_eq!(jira.tickets[0].title, "Fix retry, again");
        assert_eq!(jira.tickets[0].created, Some("2026-03-12T15:45:00Z".parse().unwrap()));
        let gh = parse_export(Path::new("gh.json"), GH).unwrap();
        assert_eq!(gh.format, TicketFormat::Github);
        let rows: Vec<(&str, Vec<String>, usize)> = gh
            .tickets
            .iter()
            .map(|t| (t.key.as_str(), t.assignees.clone(), t.line))
            .collect();
        assert_eq!(rows, vec![("#7", vec!["@dave".to_string()], 1), ("#8", vec![], 2)]);
        let gitlab = parse_export(Path::new("gl.csv"), GITLAB).unwrap();
        assert_eq!(gitlab.format, TicketFormat::Gitlab);
        assert_eq!(gitlab.tickets[0].key, "#12");
        assert_eq!(gitlab.tickets[0].assignees, vec!["@alice-acme"]);
        assert!(!gitlab.tickets[1].open);
    }

    #[test]
    fn unknown_exports_name_the_expected_columns() {
        for text in ["id,name\n1,x\n", "{\"a\": 1}", "[{\"id\": 1}]", "not json ["] {
            let Err(Error::Invalid { problems }) = parse_export(Path::new("x.csv"), text) else {
                panic!("{text} should be refused")
            };
            assert_eq!(problems[0].line, Some(1), "{text}");
            assert!(
                problems[0].message.contains("Issue key, Summary"),
                "{}",
                problems[0].message
            );
        }
        let Err(Error::Invalid { problems }) = parse_export(Path::new("x.csv"), "Issue key,Summary\nPAY-1,a\n,b\n")
        else {
            panic!()
        };
        assert_eq!(problems[0].line, Some(3));
    }

    #[test]
    fn vendor_and_unassigned_tickets_with_their_work() {
        let exports = vec![
            parse_export(Path::new("jira.csv"), JIRA).unwrap(),
            parse_export(Path::new("gh.json"), GH).unwrap(),
        ];
        let work = vec![
            BranchWork {
                branch: "PAY-123-fix-retry".into(),
                commits: vec![("a".repeat(40), "Retry with backoff".into())],
            },
            BranchWork {
                branch: "origin/docs".into(),
                commits: vec![("b".repeat(40), "Write the docs (#8)".into())],
            },
            BranchWork {
                branch: "PAY-1234".into(),
                commits: vec![],
            },
        ];
        let v = vendor();
        let facts = assess(
            &exports,
            &|who| assignee_is_vendor(who, &v, None),
            &work,
            "2026-06-30T00:00:00Z".parse().unwrap(),
        );
        assert_eq!(facts.open_tickets, 5);
        type Row<'a> = (
            &'a str,
            &'a str,
            usize,
            &'a str,
            Option<i64>,
            Vec<(String, Option<String>)>,
        );
        let rows: Vec<Row> = facts
            .items
            .iter()
            .map(|t| {
                (
                    t.key.as_str(),
                    t.export.as_str(),
                    t.line,
                    t.assigned_to.as_str(),
                    t.age_days,
                    t.in_flight
                        .iter()
                        .map(|w| (w.branch.clone(), w.commit.clone()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "PAY-123",
                    "jira.csv",
                    2,
                    "vendor",
                    Some(109),
                    vec![("PAY-123-fix-retry".into(), None)]
                ),
                ("PAY-124", "jira.csv", 4, "nobody", Some(28), vec![]),
                ("#7", "gh.json", 1, "vendor", Some(59), vec![]),
                (
                    "#8",
                    "gh.json",
                    2,
                    "nobody",
                    Some(28),
                    vec![("origin/docs".into(), Some("b".repeat(40)))]
                ),
            ]
        );
    }

    #[test]
    fn keys_in_branch_names_and_messages() {
        assert!(branch_names_key("feature/pay-123", "PAY-123"));
        assert!(!branch_names_key("PAY-1234-x", "PAY-123"));
        assert!(!branch_names_key("XPAY-123", "PAY-123"));
        assert!(branch_names_key("123-fix-login", "#123"));
        assert!(branch_names_key("fix/issue-123", "#123"));
        assert!(!branch_names_key("release-1230", "#123"));
        assert!(!branch_names_key("v2.123", "#123"));
        assert!(text_names_key("Fixes #12.", "#12"));
        assert!(!text_names_key("see #123", "#12"));
    }
}

/// Exports are untrusted input: anything must give tickets or an error, never a panic.
#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_export_parses_or_is_refused(
            head in "(Summary,Issue key,Status,Assignee,Created|Title,Issue ID,State,Assignee Username,Created At \\(UTC\\)|\\[|\\{|[a-z,]{0,20})",
            body in "(?s)[ -~\\n\\t\"',é{}\\[\\]:]{0,300}",
        ) {
            let text = format!("{head}\n{body}");
            if let Ok(export) = parse_export(Path::new("x"), &text) {
                let facts = assess(&[export], &|_| true, &[], jiff::Timestamp::UNIX_EPOCH);
                prop_assert!(facts.items.iter().all(|t| t.line >= 1));
            }
        }
    }
}
