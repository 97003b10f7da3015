//! The handlebars templates (Markdown and HTML) and JSON serialisation of a `Report`.
//!
//! Templates are embedded from `templates/`, may be overridden by name from `--templates DIR`,
//! and are all compiled in strict mode before any scan starts, so that a broken template is
//! reported at once with its name and line. Every string reaching a template comes from the
//! model and is escaped for the output format: repository content is untrusted. Both escape
//! functions also replace control and bidirectional characters (`base::text`), so that a
//! report opened in a terminal (`cat report.md`) cannot be made to run escape sequences.

use std::path::{Path, PathBuf};

use handlebars::Handlebars;
use serde::Serialize;

use crate::error::{Error, Problem, Result};

/// The built-in templates: name and text.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("report.md.hbs", include_str!("../../templates/report.md.hbs")),
    ("signoff.md.hbs", include_str!("../../templates/signoff.md.hbs")),
    ("signoff.html.hbs", include_str!("../../templates/signoff.html.hbs")),
    ("report.html.hbs", include_str!("../../templates/report.html.hbs")),
    ("plan.md.hbs", include_str!("../../templates/plan.md.hbs")),
];

/// The compiled templates: `*.html.hbs` with HTML escaping, the others with Markdown escaping.
pub struct Templates {
    markdown: Handlebars<'static>,
    html: Handlebars<'static>,
}

impl Templates {
    /// Compiles the built-in templates, with any found in `overrides` replacing them by name.
    pub fn load(overrides: Option<&Path>) -> Result<Templates> {
        if let Some(dir) = overrides
            && !dir.is_dir()
        {
            return Err(Error::Input {
                path: dir.to_path_buf(),
                message: "templates folder not found".to_string(),
            });
        }
        let mut markdown = Handlebars::new();
        markdown.set_strict_mode(true);
        markdown.register_escape_fn(escape_markdown);
        let mut html = Handlebars::new();
        html.set_strict_mode(true);
        html.register_escape_fn(escape_html);
        super::helpers::register(&mut markdown);
        super::helpers::register_markdown(&mut markdown);
        super::helpers::register(&mut html);
        let mut problems = Vec::new();
        for (name, builtin) in TEMPLATES {
            let (origin, text) = match overrides.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => {
                    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                    (path, text)
                }
                None => (PathBuf::from(format!("<built-in {name}>")), builtin.to_string()),
            };
            let registry = if name.ends_with(".html.hbs") {
                &mut html
            } else {
                &mut markdown
            };
            if let Err(e) = registry.register_template_string(name, text) {
                problems.push(Problem {
                    file: origin,
                    line: e.pos().map(|(line, _)| line),
                    column: e.pos().map(|(_, column)| column),
                    key: None,
                    message: e.reason().to_string(),
                });
            }
        }
        if problems.is_empty() {
            Ok(Templates { markdown, html })
        } else {
            Err(Error::Invalid { problems })
        }
    }

    /// Renders the Markdown report.
    pub fn markdown<T: Serialize>(&self, context: &T) -> Result<String> {
        self.render("report.md.hbs", context)
    }

    /// Renders a template by name, escaped for its format (HTML for `*.html.hbs`); Markdown
    /// has its runs of blank lines collapsed to one (the templates' optional sections each
    /// keep a blank line before their heading).
    pub fn render<T: Serialize>(&self, name: &str, context: &T) -> Result<String> {
        let html = name.ends_with(".html.hbs");
        let registry = if html { &self.html } else { &self.markdown };
        let rendered = registry.render(name, context);
        let rendered = if html {
            rendered
        } else {
            rendered.map(|text| super::markdown::collapse_blank_lines(&text))
        };
        rendered.map_err(|e| {
            Error::invalid(Problem {
                file: PathBuf::from(e.template_name.clone().unwrap_or_else(|| name.to_string())),
                line: e.line_no,
                column: e.column_no,
                key: None,
                message: e.reason().to_string(),
            })
        })
    }
}

/// The report as pretty JSON with a final newline.
pub fn json<T: Serialize>(report: &T) -> Result<String> {
    serde_json::to_string_pretty(report)
        .map(|s| s + "\n")
        .map_err(|e| Error::Internal(format!("cannot serialise the report: {e}")))
}

/// Escapes text for HTML (handlebars' escaping: `&<>"'` and the backtick and `=`), control
/// and bidirectional characters replaced.
pub fn escape_html(text: &str) -> String {
    handlebars::html_escape(&crate::base::text::terminal(text))
}

/// Escapes text for Markdown: only what would change the rendering, control and bidirectional
/// characters replaced (`report::markdown`).
pub use super::markdown::escape as escape_markdown;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_replaces_control_characters() {
        assert_eq!(escape_html("<b>\u{1b}[1m"), "&lt;b&gt;\u{FFFD}[1m");
    }

    #[test]
    fn broken_override_is_reported_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report.md.hbs"), "# ok\n{{#each checks}}\n").unwrap();
        let Err(Error::Invalid { problems }) = Templates::load(Some(dir.path())) else {
            panic!("expected problems")
        };
        assert!(problems[0].file.ends_with("report.md.hbs"));
        assert!(problems[0].line.is_some());
    }
}
