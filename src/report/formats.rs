//! Every output format of a report, and the one function that renders a report in any of them:
//! JSON, Markdown and HTML (templates), the terminal summary, SARIF, JUnit and GitLab Code
//! Quality. Commands decide where each goes (`commands::output`).

use std::path::Path;

use super::model::Report;
use super::render::{Templates, json};
use crate::error::Result;

/// The output formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The terminal summary.
    Text,
    /// JSON.
    Json,
    /// Markdown.
    Markdown,
    /// The self-contained HTML report.
    Html,
    /// SARIF 2.1.0 (`report::sarif`).
    Sarif,
    /// JUnit XML (`report::junit`).
    Junit,
    /// GitLab Code Quality JSON (`report::codequality`).
    CodeQuality,
}

impl OutputFormat {
    /// The format an output path asks for, by extension.
    pub fn from_path(path: &Path) -> Option<OutputFormat> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".json") && (name.contains("codequality") || name.contains("code-quality")) {
            Some(OutputFormat::CodeQuality)
        } else if name.ends_with(".sarif") || name.ends_with(".sarif.json") {
            Some(OutputFormat::Sarif)
        } else if name.ends_with(".xml") {
            Some(OutputFormat::Junit)
        } else if name.ends_with(".json") {
            Some(OutputFormat::Json)
        } else if name.ends_with(".md") || name.ends_with(".markdown") {
            Some(OutputFormat::Markdown)
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            Some(OutputFormat::Html)
        } else if name.ends_with(".txt") {
            Some(OutputFormat::Text)
        } else {
            None
        }
    }
}

/// Renders the report in one format (`color`: ANSI colour in the terminal summary;
/// `full_report`: the full report written beside it, which the summary points to).
pub fn render(
    report: &Report,
    format: OutputFormat,
    templates: &Templates,
    color: bool,
    full_report: Option<&str>,
) -> Result<String> {
    match format {
        OutputFormat::Json => json(report),
        OutputFormat::Markdown => templates.markdown(&super::view::context(report)),
        OutputFormat::Html => super::html::render(report, templates),
        OutputFormat::Text => Ok(super::terminal::summary(report, color, full_report)),
        OutputFormat::Sarif => super::sarif::sarif(report),
        OutputFormat::Junit => Ok(super::junit::junit(report)),
        OutputFormat::CodeQuality => super::codequality::codequality(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(OutputFormat::from_path(Path::new("q3.JSON")), Some(OutputFormat::Json));
        assert_eq!(
            OutputFormat::from_path(Path::new("q3.md")),
            Some(OutputFormat::Markdown)
        );
        assert_eq!(OutputFormat::from_path(Path::new("q3")), None);
        assert_eq!(OutputFormat::from_path(Path::new("x.sarif")), Some(OutputFormat::Sarif));
        assert_eq!(
            OutputFormat::from_path(Path::new("x.sarif.json")),
            Some(OutputFormat::Sarif)
        );
        assert_eq!(
            OutputFormat::from_path(Path::new("x.junit.xml")),
            Some(OutputFormat::Junit)
        );
    }
}
