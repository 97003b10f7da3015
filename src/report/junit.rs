//! JUnit XML: the report as a test run, for the CI systems that show test results (DESIGN §7,
//! issue 6).
//!
//! Stage: rendering; reads only the `Report`. One `<testsuite>` for the checklist(s), one
//! `<testcase>` per checklist item (`classname` `exitready.<category>`, `name` the item id and
//! title); fail and error are a `<failure>` (its `type` says which) whose text holds the reason,
//! the remediation and the counting findings; skip is `<skipped>`; warn passes with its findings
//! in `<system-out>`. Every string is escaped, and characters XML 1.0 forbids (control
//! characters from a file name or commit message) become U+FFFD, so the file always parses.

use std::fmt::Write;

use super::model::{CheckResult, Report};
use crate::checks::Status;

/// Renders the report as JUnit XML.
pub fn junit(report: &Report) -> String {
    let tests = report.checks.len();
    let failures = report
        .checks
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Error))
        .count();
    let skipped = report.checks.iter().filter(|c| c.status == Status::Skip).count();
    let suite = report.checklists.join("+");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"exitready\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"0\" timestamp=\"{}\">",
        attr(&suite),
        attr(&report.generated_at)
    );
    out.push_str("    <properties>\n");
    let mut property = |name: &str, value: &str| {
        let _ = writeln!(
            out,
            "      <property name=\"{}\" value=\"{}\"/>",
            attr(name),
            attr(value)
        );
    };
    property("exitready.version", &report.tool.version);
    if let Some(score) = report.score.overall {
        property("score", &format!("{score:.1}"));
    }
    if let Some(grade) = &report.score.grade {
        property("grade", grade);
    }
    for repository in &report.repositories {
        property("repository", &repository.name);
    }
    for waiver in &report.waivers {
        let state = if waiver.expired { "expired" } else { "active" };
        property(
            "waiver",
            &format!(
                "{} {} until {} ({state}, {} finding(s) set aside): {}",
                waiver.check,
                waiver.path.as_deref().unwrap_or("*"),
                waiver.expires,
                waiver.applied_to,
                waiver.reason
            ),
        );
    }
    out.push_str("    </properties>\n");
    for check in &report.checks {
        testcase(&mut out, check);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn testcase(out: &mut String, check: &CheckResult) {
    let _ = write!(
        out,
        "    <testcase classname=\"exitready.{}\" name=\"{}\" time=\"0\"",
        attr(&check.category),
        attr(&format!("{}: {}", check.id, check.title))
    );
    let findings = |negative_only: bool| {
        check
            .evidence
            .iter()
            .filter(|e| e.negative || !negative_only)
            .map(|e| {
                let place = match (&e.repository, &e.path, e.line) {
                    (repo, Some(path), line) => format!(
                        "{}{path}{}: ",
                        repo.as_ref().map(|r| format!("[{r}] ")).unwrap_or_default(),
                        line.map(|l| format!(":{l}")).unwrap_or_default()
                    ),
                    (Some(repo), None, _) => format!("[{repo}] "),
                    (None, None, _) => String::new(),
                };
                let mark = match (e.negative, &e.waived) {
                    (true, Some(reason)) => format!("waived ({reason}) "),
                    (true, None) => "✗ ".to_string(),
                    (false, _) => "✓ ".to_string(),
                };
                format!("{mark}{place}{}\n", e.message)
            })
            .collect::<String>()
    };
    match check.status {
        Status::Fail | Status::Error => {
            let _ = writeln!(out, ">");
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                check.status.as_str(),
                attr(&check.reason),
                text(&format!(
                    "{}\nRemediation: {}\n{}",
                    check.reason,
                    check.remediation,
                    findings(true)
                ))
            );
            out.push_str("    </testcase>\n");
        }
        Status::Skip => {
            let _ = writeln!(out, ">");
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", attr(&check.reason));
            out.push_str("    </testcase>\n");
        }
        Status::Warn | Status::Pass => {
            let body = findings(false);
            if check.status == Status::Warn || !body.is_empty() {
                let _ = writeln!(out, ">");
                let _ = writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    text(&format!(
                        "{} ({}, score {})\n{body}",
                        check.reason,
                        check.status.as_str(),
                        check.score
                    ))
                );
                out.push_str("    </testcase>\n");
            } else {
                out.push_str("/>\n");
            }
        }
    }
}

/// Replaces characters XML 1.0 does not allow, even escaped, and the other control and
/// bidirectional characters `base::text` keeps off terminals (a CI log shows this text).
fn allowed(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if crate::base::text::is_unsafe(c) || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
        c => c,
    }
}

/// Escapes element text.
pub fn text(value: &str) -> String {
    escape(value, false)
}

/// Escapes an attribute value (quotes, and whitespace that attribute normalisation would lose).
pub fn attr(value: &str) -> String {
    escape(value, true)
}

/// XML escaping shared by text and attributes; attributes also escape quotes, `\n` and `\t`.
fn escape(value: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars().map(allowed) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_the_document_well_formed() {
        assert_eq!(attr("a\"b'<c>&\nd"), "a&quot;b&apos;&lt;c&gt;&amp;&#10;d");
        assert_eq!(
            text("]]></failure><x>\u{1b}[31m"),
            "]]&gt;&lt;/failure&gt;&lt;x&gt;\u{FFFD}[31m"
        );
    }
}
