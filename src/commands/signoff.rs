//! `exitready signoff`: the handoff sign-off document bound to a report by its SHA-256, and
//! `--verify SIGNOFF REPORT`, which checks that binding, that the document was not edited since
//! it was written, and that it says "signed off" (`workflows::signoff`).
//!
//! Exit 0 when every item is passed or attested (or all three checks hold), 1 when items are
//! missing (or a check fails), 2 when an input is unreadable or malformed, or an attestation is
//! dated in the future or before the report.

use std::path::{Path, PathBuf};

use crate::checks::checklist;
use crate::cli::{GlobalArgs, SignoffArgs, TextFormat};
use crate::error::{Error, Result};
use crate::report::model::SignOff;
use crate::report::render::{Templates, json};
use crate::workflows::signoff;

use super::common::Outcome;
use super::output::{stderr, stdout};

/// Runs `signoff`.
pub fn run(global: &GlobalArgs, args: SignoffArgs) -> Result<Outcome> {
    if let Some(pair) = &args.verify {
        return verify(global, &pair[0], &pair[1]);
    }
    let Some(report_path) = &args.report else {
        return Err(Error::Usage("signoff: --report REPORT.json is required".to_string()));
    };
    let now = super::common::now(global)?;
    let outputs = outputs(&args.outputs)?;
    let templates = Templates::load(None)?;
    let bytes = std::fs::read(report_path).map_err(|e| Error::io(report_path, e))?;
    let report = crate::report::input::parse(report_path, &bytes)?;
    let handoff = checklist::load(&["handoff".to_string()])?;
    let (attestations, file) = match &args.attestations {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            let attestations = signoff::parse_attestations(path, &text)?;
            signoff::check_dates(path, &attestations, &report.generated_at, now)?;
            (attestations, path.display().to_string())
        }
        None => (Vec::new(), String::new()),
    };
    let document = signoff::evaluate(
        &report,
        &report_path.display().to_string(),
        &bytes,
        &handoff,
        attestations,
        &file,
        now,
    );
    for warning in &document.warnings {
        stderr(&format!("warning: {}\n", crate::base::text::one_line(warning)));
    }
    for (path, kind) in &outputs {
        super::common::write_output(path, &render(&document, *kind, &templates)?)?;
    }
    match args.format {
        Some(TextFormat::Json) => stdout(&render(&document, Kind::Json, &templates)?)?,
        Some(TextFormat::Md) => stdout(&render(&document, Kind::Markdown, &templates)?)?,
        Some(TextFormat::Text) => stdout(&crate::report::signoff::text(&document))?,
        None if !global.quiet => stdout(&crate::report::signoff::text(&document))?,
        None => {}
    }
    if document.signed_off {
        Ok(Outcome::Done)
    } else {
        let mut why = Vec::new();
        if !document.failing.is_empty() {
            why.push(format!(
                "failing checks nobody accepted the risk of: {}",
                document.failing.join(", ")
            ));
        }
        if !document.unattested.is_empty() {
            why.push(format!("not attested: {}", document.unattested.join(", ")));
        }
        stderr(&format!(
            "exitready: not signed off: {}\n",
            crate::base::text::one_line(&why.join("; "))
        ));
        Ok(Outcome::GateFailed)
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Json,
    Markdown,
    Html,
}

fn outputs(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Kind)>> {
    paths
        .iter()
        .map(|path| {
            let name = path.to_string_lossy().to_lowercase();
            let kind = if name.ends_with(".json") {
                Kind::Json
            } else if name.ends_with(".md") {
                Kind::Markdown
            } else if name.ends_with(".html") || name.ends_with(".htm") {
                Kind::Html
            } else {
                return Err(Error::Usage(format!(
                    "-o {}: unknown extension; use .md, .html or .json",
                    path.display()
                )));
            };
            Ok((path.clone(), kind))
        })
        .collect()
}

/// Renders the sign-off with its own hash: over the canonical JSON for JSON, over the rendered
/// text for Markdown and HTML (`workflows::signoff`).
fn render(document: &SignOff, kind: Kind, templates: &Templates) -> Result<String> {
    match kind {
        Kind::Json => json(&signoff::sealed(document)),
        Kind::Markdown => Ok(signoff::seal(&templates.render("signoff.md.hbs", document)?)),
        Kind::Html => Ok(signoff::seal(&templates.render("signoff.html.hbs", document)?)),
    }
}

fn verify(global: &GlobalArgs, document: &Path, report: &Path) -> Result<Outcome> {
    let text = std::fs::read_to_string(document).map_err(|e| Error::io(document, e))?;
    let bytes = std::fs::read(report).map_err(|e| Error::io(report, e))?;
    let found = signoff::verify(&text, &bytes).map_err(|message| Error::Input {
        path: document.to_path_buf(),
        message,
    })?;
    let (name, report_name) = (document.display().to_string(), report.display().to_string());
    let (name, report_name) = (
        crate::base::text::one_line(&name),
        crate::base::text::one_line(&report_name),
    );
    let mut checked = format!("{name}: checked against {report_name}\n");
    let mut failures = String::new();
    if found.report_matches() {
        checked += &format!(
            "  report:   belongs to {report_name} (sha256 {})\n",
            found.report_actual
        );
    } else {
        failures += &format!(
            "exitready: {name} does not belong to {report_name}: it names report sha256 {}, the report's is {}\n",
            found.report_claimed, found.report_actual
        );
    }
    if found.content_intact() {
        checked += &format!(
            "  content:  unedited since it was written (signoff sha256 {})\n",
            found.content_claimed
        );
    } else {
        failures += &format!(
            "exitready: {name} was edited after it was written: its signoff sha256 is {}, its content's is now {}\n",
            found.content_claimed, found.content_actual
        );
    }
    if found.signed_off {
        checked += "  decision: signed off\n";
    } else {
        failures += &format!("exitready: {name} says: not signed off\n");
    }
    if !global.quiet {
        stdout(&checked)?;
    }
    if found.passed() {
        Ok(Outcome::Done)
    } else {
        stderr(&failures);
        Ok(Outcome::GateFailed)
    }
}
