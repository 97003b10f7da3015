//! `exitready plan [PATH]`: the knowledge-transfer plan of one repository, in Markdown (a
//! starting `docs/handoff.md`) or JSON. It runs the scan's pipeline on that repository (history,
//! knowledge, documents and their freshness) and renders the report's `plan` with the
//! `plan.md.hbs` template.

use std::path::Path;

use crate::checks::checklist;
use crate::cli::{GlobalArgs, PlanArgs, PlanFormat};
use crate::discover::{self, RootKind};
use crate::error::{Error, Result};
use crate::facts::{self, GatherOptions};
use crate::report::build::{Scanned, build};
use crate::report::model::PlanArea;
use crate::report::render::{Templates, json};

use super::common::Outcome;

/// What the plan template reads.
#[derive(serde::Serialize)]
struct PlanContext<'a> {
    repository: &'a str,
    head: Option<&'a str>,
    generated_at: &'a str,
    tool: &'a crate::report::model::Tool,
    active_days: u32,
    organisations: String,
    areas: &'a [PlanArea],
}

/// Runs `plan`.
pub fn run(global: &GlobalArgs, args: PlanArgs) -> Result<Outcome> {
    let now = super::common::now(global)?;
    let root = discover::discover(std::slice::from_ref(&args.path))?.remove(0);
    if root.kind == RootKind::Folder {
        return Err(Error::Input {
            path: args.path.clone(),
            message: "not a git repository: the plan is read from its history".to_string(),
        });
    }
    let format = match args.output.as_deref().and_then(Path::extension) {
        Some(ext) if ext == "json" => PlanFormat::Json,
        _ => args.format,
    };
    let templates = Templates::load(None)?;
    let checklist = checklist::load(&[])?;
    let shared = super::common::shared_settings(global)?;
    let options = GatherOptions {
        settings: super::common::settings_for(shared.as_ref(), &root)?,
        now,
        progress: !global.quiet && super::common::stderr_is_terminal(),
        ..GatherOptions::default()
    };
    let facts = facts::gather(&root, &options)?;
    if !options.settings.organisations_configured() {
        eprintln!("exitready: no [organisations] configured: the plan needs to know the vendor (run exitready init)");
    }
    let report = build(
        &checklist,
        vec![Scanned {
            facts,
            settings: options.settings,
        }],
        now,
    );
    let repository = &report.repositories[0];
    let text = match format {
        PlanFormat::Json => json(&repository.plan)?,
        PlanFormat::Md => {
            let vendors: Vec<&str> = repository
                .knowledge
                .iter()
                .flat_map(|k| &k.organisations)
                .filter(|o| o.role == "vendor")
                .map(|o| o.name.as_str())
                .collect();
            templates.render(
                "plan.md.hbs",
                &PlanContext {
                    repository: &repository.name,
                    head: repository.head.as_deref(),
                    generated_at: &report.generated_at,
                    tool: &report.tool,
                    active_days: repository.knowledge.as_ref().map_or(0, |k| k.knowers_active_days),
                    organisations: vendors.join(" or "),
                    areas: &repository.plan,
                },
            )?
        }
    };
    match &args.output {
        Some(path) => super::common::write_output(path, &text)?,
        None => print!("{text}"),
    }
    Ok(Outcome::Done)
}
