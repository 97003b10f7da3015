//! The output path every command that writes a report shares (`scan`, `gate`, `merge`,
//! `render`): each `-o` file in the format its extension names, `--format` to stdout, text for
//! people on the stream the report leaves free, and the `--fail-under` score bar. Everything
//! that can be wrong with an output is found before any work starts.
//!
//! Every byte a command prints goes through [`stdout`] and [`stderr`]: a reader that closes the
//! pipe early (`exitready people | head -1`) is not an error, as for every Unix tool. The rest
//! of that stream is dropped quietly, `-o` files are still written, and the run exits with the
//! code it earned (issue 11, item 12).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::{Format, GlobalArgs, ReportOutputArgs};
use crate::error::{Error, Result};
use crate::report::formats::{OutputFormat, render};
use crate::report::model::Report;
use crate::report::render::Templates;

/// Where one report goes, resolved and checked.
pub struct ReportOutputs {
    /// Each `-o` file with its format.
    files: Vec<(PathBuf, OutputFormat)>,
    /// The `--format` printed to stdout.
    stdout: Option<OutputFormat>,
    /// The compiled templates (built-ins, overridden by `--templates`).
    templates: Templates,
}

impl ReportOutputs {
    /// Resolves the output flags: every file's format and folder, the templates.
    pub fn resolve(args: &ReportOutputArgs) -> Result<ReportOutputs> {
        if args.format == Some(Format::Html) {
            return Err(Error::Usage(
                "--format html: the HTML report is a file, not a stream: use -o report.html".to_string(),
            ));
        }
        let stdout = args.format.map(output_format);
        let files = args
            .outputs
            .iter()
            .map(|path| {
                let format = OutputFormat::from_path(path).or(stdout).ok_or_else(|| {
                    Error::Usage(format!(
                        "-o {}: unknown extension; use .json, .md, .html, .txt, .sarif, .junit.xml or .codequality.json, or give --format",
                        path.display()
                    ))
                })?;
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                if let Some(folder) = folder.filter(|f| !f.is_dir()) {
                    return Err(Error::Usage(format!(
                        "-o {}: the folder {} does not exist",
                        path.display(),
                        folder.display()
                    )));
                }
                Ok((path.clone(), format))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ReportOutputs {
            files,
            stdout,
            templates: Templates::load(args.templates.as_deref())?,
        })
    }

    /// The full report among the `-o` files (HTML first, then Markdown, then JSON), which the
    /// terminal summary points to for the risks it leaves out.
    fn full_report(&self) -> Option<String> {
        let full = [OutputFormat::Html, OutputFormat::Markdown, OutputFormat::Json];
        full.iter()
            .find_map(|wanted| self.files.iter().find(|(_, f)| f == wanted))
            .map(|(path, _)| path.display().to_string())
            .or_else(|| {
                self.stdout
                    .filter(|f| full.contains(f))
                    .map(|_| "the report on stdout".to_string())
            })
    }

    /// Writes every `-o` file, then prints `--format` to stdout.
    pub fn write(&self, report: &Report, global: &GlobalArgs) -> Result<()> {
        let full = self.full_report();
        for (path, format) in &self.files {
            let text = render(report, *format, &self.templates, false, full.as_deref())?;
            std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
            log::info!("wrote {}", path.display());
        }
        if let Some(format) = self.stdout {
            let color =
                format == OutputFormat::Text && super::common::use_color(global.color, std::io::stdout().is_terminal());
            stdout(&render(report, format, &self.templates, color, full.as_deref())?)?;
        }
        Ok(())
    }

    /// Prints text for people (a summary, the gate's lines, annotations): to stdout when no
    /// `--format` holds it, else to stderr, so that stdout keeps only that format.
    pub fn print_for_people(&self, text: &str) -> Result<()> {
        if self.stdout.is_none() {
            stdout(text)
        } else {
            stderr(text);
            Ok(())
        }
    }

    /// The terminal summary for the stream `print_for_people` writes to, unless `--format text`
    /// already printed it or `-q` asks for silence.
    pub fn summary(&self, report: &Report, global: &GlobalArgs) -> Option<String> {
        if global.quiet || self.stdout == Some(OutputFormat::Text) {
            return None;
        }
        let terminal = if self.stdout.is_none() {
            std::io::stdout().is_terminal()
        } else {
            super::common::stderr_is_terminal()
        };
        Some(crate::report::terminal::summary(
            report,
            super::common::use_color(global.color, terminal),
            self.full_report().as_deref(),
        ))
    }
}

/// Set once stdout's reader has gone: later writes are dropped.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to stdout as is (renderers made it safe). A closed pipe ends stdout quietly:
/// this and every later write are dropped and the command goes on. Another write error (a full
/// disk behind `>`) is an error naming `<stdout>`.
pub fn stdout(text: &str) -> Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => other.map_err(|e| Error::io("<stdout>", e)),
    }
}

/// Writes `text` to stderr as is; a write error there has nowhere to be reported, and is
/// ignored rather than turned into a panic (which is what `eprint!` does).
pub fn stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// The rendering a `--format` asks for.
pub fn output_format(format: Format) -> OutputFormat {
    match format {
        Format::Text => OutputFormat::Text,
        Format::Json => OutputFormat::Json,
        Format::Md => OutputFormat::Markdown,
        Format::Sarif => OutputFormat::Sarif,
        Format::Junit => OutputFormat::Junit,
        Format::Codequality => OutputFormat::CodeQuality,
        Format::Html => OutputFormat::Html,
    }
}

/// The score bar of `--fail-under`, else of `thresholds.fail_under` (range-checked with the
/// config), checked before any work.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreBar(pub f64);

impl ScoreBar {
    /// The flag's bar, else the configured one; a flag out of 0..=100 is a usage error.
    pub fn resolve(flag: Option<f64>, configured: Option<f64>) -> Result<Option<ScoreBar>> {
        if let Some(bar) = flag
            && !(0.0..=100.0).contains(&bar)
        {
            return Err(Error::Usage(format!(
                "--fail-under {bar}: expected a score from 0 to 100"
            )));
        }
        Ok(flag.or(configured).map(ScoreBar))
    }

    /// Whether the report's overall score meets the bar; when not, says why on stderr.
    pub fn met_by(self, report: &Report) -> bool {
        let ScoreBar(bar) = self;
        match report.score.overall {
            Some(score) if score >= bar => true,
            Some(score) => {
                stderr(&format!("exitready: score {score:.1} is under the bar of {bar}\n"));
                false
            }
            None => {
                stderr(&format!(
                    "exitready: no score could be computed, so the bar of {bar} is not met\n"
                ));
                false
            }
        }
    }
}
