//! `exitready signoff`: the handoff sign-off document bound to a report by its SHA-256, and
//! `--verify SIGNOFF REPORT`, which checks that binding.
//!
//! Exit 0 when every item is passed or attested (or the hashes match), 1 when items are missing
//! (or the hashes differ), 2 when an input is unreadable or malformed.

use std::path::{Path, PathBuf};

use crate::checks::checklist;
use crate::cli::{GlobalArgs, SignoffArgs, TextFormat};
use crate::error::{Error, Result};
use crate::report::model::SignOff;
use crate::report::render::{Templates, json};
use crate::workflows::signoff;

use super::common::Outcome;

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
            (signoff::parse_attestations(path, &text)?, path.display().to_string())
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
        eprintln!("warning: {warning}");
    }
    for (path, kind) in &outputs {
        super::common::write_output(path, &render(&document, *kind, &templates)?)?;
    }
    match args.format {
        Some(TextFormat::Json) => print!("{}", json(&document)?),
        Some(TextFormat::Md) => print!("{}", templates.render("signoff.md.hbs", &document)?),
        Some(TextFormat::Text) => print!("{}", crate::report::signoff::text(&document)),
        None if !global.quiet => print!("{}", crate::report::signoff::text(&document)),
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
        eprintln!("exitready: not signed off: {}", why.join("; "));
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

fn render(document: &SignOff, kind: Kind, templates: &Templates) -> Result<String> {
    match kind {
        Kind::Json => json(document),
        Kind::Markdown => templates.render("signoff.md.hbs", document),
        Kind::Html => templates.render("signoff.html.hbs", document),
    }
}

fn verify(global: &GlobalArgs, document: &Path, report: &Path) -> Result<Outcome> {
    let text = std::fs::read_to_string(document).map_err(|e| Error::io(document, e))?;
    let Some(claimed) = signoff::hash_in(&text) else {
        return Err(Error::Input {
            path: document.to_path_buf(),
            message: "no report SHA-256 found: not an exitready sign-off".to_string(),
        });
    };
    let bytes = std::fs::read(report).map_err(|e| Error::io(report, e))?;
    let actual = crate::base::digest::sha256_hex(&bytes);
    if claimed == actual {
        if !global.quiet {
            println!(
                "{} belongs to {} (sha256 {actual})",
                document.display(),
                report.display()
            );
        }
        Ok(Outcome::Done)
    } else {
        eprintln!(
            "exitready: {} does not belong to {}: it names report sha256 {claimed}, the report's is {actual}",
            document.display(),
            report.display()
        );
        Ok(Outcome::GateFailed)
    }
}
