//! GitHub Actions workflow commands: with `GITHUB_ACTIONS=true`, `scan` and `gate` also print
//! each counting finding of a failing or warning check as `::error file=PATH,line=N,title=…::
//! message` (`::warning` for warn), so that it shows on the pull request's diff.
//!
//! Stage: rendering; reads only the `Report`. Escaping follows the runner's rules
//! (actions/toolkit `command.ts`): in the message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in
//! property values `:` and `,` become `%3A` and `%2C` as well, so a file name or message from the
//! repository cannot end the command or forge another; every other control character and the
//! bidirectional controls are replaced (`base::text::terminal`), since the runner's log is a
//! terminal too. Waived findings are not annotated.

use std::fmt::Write;

use super::model::Report;
use crate::checks::Status;

/// Whether the process runs in GitHub Actions (`GITHUB_ACTIONS=true`).
pub fn in_github_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// The workflow commands for a report, one per line (empty when nothing fails or warns).
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    for check in &report.checks {
        let command = match check.status {
            Status::Fail | Status::Error => "error",
            Status::Warn => "warning",
            Status::Pass | Status::Skip => continue,
        };
        let title = format!("{} ({})", check.title, check.id);
        let findings: Vec<_> = check
            .evidence
            .iter()
            .filter(|e| e.negative && e.waived.is_none())
            .collect();
        if findings.is_empty() && check.status == Status::Error {
            let _ = writeln!(
                out,
                "::{command} title={}::{}",
                escape_property(&title),
                escape_data(&check.reason)
            );
        }
        for evidence in findings {
            let mut properties = Vec::new();
            if let Some(path) = &evidence.path {
                properties.push(format!("file={}", escape_property(path)));
                if let Some(line) = evidence.line {
                    properties.push(format!("line={line}"));
                }
            }
            properties.push(format!("title={}", escape_property(&title)));
            let _ = writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&evidence.message)
            );
        }
    }
    out
}

/// Escapes a command's message.
pub fn escape_data(text: &str) -> String {
    let escaped = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    crate::base::text::terminal(&escaped).into_owned()
}

/// Escapes a command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% done\r\nnext::x"), "50%25 done%0D%0Anext::x");
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(escape_data("\u{1b}]0;x\u{7}\u{202e}"), "\u{FFFD}]0;x\u{FFFD}\u{FFFD}");
    }
}
