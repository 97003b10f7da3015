//! The configuration of one root, resolved once (ripgrep's `HiArgs`): globs compiled, kind pins,
//! dialect and dates typed, organisations named. `commands/` builds a [`Settings`] per root before
//! any work starts; facts, checks and waivers receive the parts they need already compiled.
//!
//! Every problem a file has is reported at once, each as `file:line:column: key: message`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::config::{Config, Dialect, Thresholds, UnknownRole};
use super::globs::Globs;
use crate::base::doc_kind::DocKind;
use crate::base::role::Role;
use crate::error::{Error, Problem, Result};

/// The file name looked for at the top of each scanned root.
pub const CONFIG_FILE: &str = "exitready.toml";

/// The longest day limit `[thresholds]` takes (a hundred years).
pub const MAX_DAYS: u32 = 36_500;

/// One root's configuration, ready to use.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The file it was read from; `None` when defaults are in force.
    pub source: Option<PathBuf>,
    /// Paths left out of every measure (fixtures, examples).
    pub exclude: Globs,
    /// Organisations, bots and identity merging.
    pub identities: Identities,
    /// Limits (`[thresholds]`).
    pub thresholds: Thresholds,
    /// Services declared by hand.
    pub services: Vec<DeclaredService>,
    /// Document kinds pinned by glob, in file order (the first match wins).
    pub kind_pins: Vec<KindPin>,
    /// The CODEOWNERS dialect, when not detected.
    pub dialect: Option<Dialect>,
    /// CI gate options.
    pub gate: GateSettings,
    /// Findings set aside until they expire.
    pub waivers: Vec<WaiverRule>,
    /// Named in-house people accountable after the exit: role → person.
    pub accountability: BTreeMap<String, String>,
}

/// Who is who: organisations with their roles, bots, and second addresses.
#[derive(Debug, Clone, Default)]
pub struct Identities {
    /// `[organisations]` (named after their first email domain), then every `[[organisation]]`.
    pub organisations: Vec<OrgSpec>,
    /// Bot patterns, `*` the only wildcard, matched against name and email.
    pub bots: Vec<String>,
    /// Second address → canonical address, both lower-case.
    pub aliases: BTreeMap<String, String>,
    /// CODEOWNERS handle (`@carol`) → email, as written.
    pub handles: BTreeMap<String, String>,
    /// How unconfigured organisations count (`[organisations] unknown_role`).
    pub unknown_role: UnknownRole,
}

/// One configured organisation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OrgSpec {
    /// Display name (for `[organisations]`, its first email domain).
    pub name: String,
    /// Its role.
    pub role: Role,
    /// `@domain.tld` (that domain and its subdomains), `a@b.c` (one email); other entries are
    /// CODEOWNERS handles.
    pub matchers: Vec<String>,
}

/// A service declared in `[[services]]`.
#[derive(Debug, Clone)]
pub struct DeclaredService {
    /// Its name.
    pub name: String,
    /// Its code.
    pub paths: Globs,
    /// Its runbook, repository-relative.
    pub runbook: Option<String>,
}

/// A config pin: documents matching `glob` get `kind` (DESIGN §5 kind overrides).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KindPin {
    /// The pattern as written.
    #[serde(rename = "glob")]
    pub pattern: String,
    /// The pattern compiled, over repository-relative paths.
    #[serde(skip)]
    pub glob: Globs,
    /// The kind to give.
    pub kind: DocKind,
}

/// `[gate]`, compiled.
#[derive(Debug, Clone, Default)]
pub struct GateSettings {
    /// Services whose changes need no runbook update.
    pub exempt: Vec<String>,
    /// Documentation changes that need no runbook update (replaces the checklist's).
    pub docs: Option<Globs>,
    /// Test changes that need no runbook update (replaces the checklist's).
    pub tests: Option<Globs>,
}

/// One `[[waiver]]`, compiled.
#[derive(Debug, Clone)]
pub struct WaiverRule {
    /// The check id it applies to.
    pub check: String,
    /// The path (a folder or a glob) it is limited to, as written, with its compiled glob.
    pub path: Option<(String, Globs)>,
    /// Why the findings are accepted.
    pub reason: String,
    /// The day it stops applying, as written.
    pub expires: String,
    /// The instant it stops applying (a date is midnight UTC of that day).
    pub ends: jiff::Timestamp,
}

impl WaiverRule {
    /// Whether it still applies at `now`.
    pub fn active(&self, now: jiff::Timestamp) -> bool {
        now < self.ends
    }

    /// Whether its path (a folder or a glob) covers a finding's path; every path without one.
    pub fn covers(&self, path: Option<&str>) -> bool {
        match (&self.path, path) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some((pattern, glob)), Some(path)) => {
                let folder = pattern.trim_end_matches('/');
                path == folder
                    || path.strip_prefix(folder).is_some_and(|rest| rest.starts_with('/'))
                    || glob.is_match(path)
            }
        }
    }
}

impl Settings {
    /// Reads, validates and resolves a config file, reporting every problem at once.
    pub fn load(path: &Path) -> Result<Settings> {
        if path.is_dir() {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: "is a folder, not a config file".to_string(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::invalid(Problem {
                file: path.to_path_buf(),
                line: None,
                column: None,
                key: None,
                message: format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
            })
        })?;
        Settings::parse(path, &text)
    }

    /// Loads `exitready.toml` at the top of `root` when there is one. Inside a scanned root only
    /// a regular file is read: a named pipe there would block the scan forever, and anything
    /// else (a folder, a device) is refused rather than silently ignored.
    pub fn load_for_root(root: &Path) -> Result<Option<Settings>> {
        let path = root.join(CONFIG_FILE);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => Settings::load(&path).map(Some),
            Ok(meta) => Err(Error::Input {
                message: format!(
                    "{}, not a regular file: not read (move it away to scan this folder)",
                    crate::base::file_class::describe_file_type(&meta.file_type())
                ),
                path,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Parses and resolves the text of a config file (`file` names it in problems).
    pub fn parse(file: &Path, text: &str) -> Result<Settings> {
        let config: Config = crate::load::parse_toml(file, text)?;
        Resolver {
            file,
            text,
            problems: Vec::new(),
        }
        .resolve(config)
    }

    /// Whether `[organisations]` or `[[organisation]]` names any vendor or in-house organisation.
    pub fn organisations_configured(&self) -> bool {
        !self.identities.organisations.is_empty()
    }
}

/// Resolves one file's raw config, collecting every problem with its place.
struct Resolver<'a> {
    file: &'a Path,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Resolver<'_> {
    fn resolve(mut self, config: Config) -> Result<Settings> {
        let exclude = self.globs("exclude", &config.exclude);
        let services = config
            .services
            .iter()
            .map(|decl| DeclaredService {
                name: decl.name.clone(),
                paths: self.globs(&format!("services.{}.paths", decl.name), &decl.paths),
                runbook: decl.runbook.clone(),
            })
            .collect();
        let kind_pins = config
            .kinds
            .iter()
            .filter_map(|(glob, kind)| {
                let key = format!("kinds.{glob}");
                let compiled = Globs::new(&[glob]);
                if let Err(e) = &compiled {
                    self.problem(kind.span(), &key, format!("bad glob: {}", e.message));
                }
                let parsed = kind.get_ref().parse::<DocKind>();
                if parsed.is_err() {
                    self.problem(kind.span(), &key, format!("unknown document kind `{}`", kind.get_ref()));
                }
                Some(KindPin {
                    pattern: glob.clone(),
                    glob: compiled.ok()?,
                    kind: parsed.ok()?,
                })
            })
            .collect();
        let waivers = config
            .waiver
            .iter()
            .filter_map(|waiver| {
                let key = format!("waiver.{}", waiver.check);
                let path = waiver.path.as_ref().map(|path| {
                    let compiled = self.globs(&format!("{key}.path"), std::slice::from_ref(path));
                    (path.get_ref().clone(), compiled)
                });
                let expires = waiver.expires.get_ref().to_string();
                let ends = expiry(waiver.expires.get_ref());
                if ends.is_none() {
                    self.problem(
                        waiver.expires.span(),
                        &format!("{key}.expires"),
                        "expected a date (YYYY-MM-DD)".to_string(),
                    );
                }
                Some(WaiverRule {
                    check: waiver.check.clone(),
                    path,
                    reason: waiver.reason.clone(),
                    expires,
                    ends: ends?,
                })
            })
            .collect();
        self.thresholds(&config.thresholds);
        self.one_role_per_matcher(&config);
        let gate = GateSettings {
            exempt: config.gate.exempt.clone(),
            docs: config.gate.docs.as_deref().map(|d| self.plain_globs("gate.docs", d)),
            tests: config.gate.tests.as_deref().map(|t| self.plain_globs("gate.tests", t)),
        };
        if !self.problems.is_empty() {
            return Err(Error::Invalid {
                problems: self.problems,
            });
        }
        Ok(Settings {
            source: Some(self.file.to_path_buf()),
            exclude,
            identities: identities(&config),
            thresholds: config.thresholds.clone(),
            services,
            kind_pins,
            dialect: config.ownership.dialect,
            gate,
            waivers,
            accountability: config.accountability.clone(),
        })
    }

    /// Range-checks `[thresholds]` (the ranges are in `Thresholds`' doc and the README).
    fn thresholds(&mut self, t: &Thresholds) {
        let days = [
            ("runbook_max_age_days", t.runbook_max_age_days, 1..=MAX_DAYS),
            ("doc_max_age_days", t.doc_max_age_days, 1..=MAX_DAYS),
            ("drift_grace_days", t.drift_grace_days, 0..=MAX_DAYS),
            ("owner_inactive_days", t.owner_inactive_days, 1..=MAX_DAYS),
        ];
        let mut messages: Vec<(&str, String)> = days
            .into_iter()
            .filter_map(|(key, value, range)| crate::load::in_range(key, value, range).err().map(|m| (key, m)))
            .collect();
        if let Some(Err(message)) = t
            .fail_under
            .map(|bar| crate::load::in_range("fail_under", bar, 0.0..=100.0))
        {
            messages.push(("fail_under", message));
        }
        for (key, message) in messages {
            let span = self.key_span_in("thresholds", key);
            let problem = self.located(span, &format!("thresholds.{key}"), message);
            self.problems.push(problem);
        }
    }

    /// An email domain, an email or a CODEOWNERS owner listed for two organisations of different
    /// roles (vendor and internal) would make one person both: refused, naming the second place.
    fn one_role_per_matcher(&mut self, config: &Config) {
        let mut roles: Vec<(String, Role)> = Vec::new();
        let short = [
            (&config.organisations.vendor, Role::Vendor),
            (&config.organisations.internal, Role::Internal),
        ];
        let entries = short
            .into_iter()
            .flat_map(|(matchers, role)| matchers.iter().map(move |m| (m, role)))
            .chain(
                config
                    .organisation
                    .iter()
                    .flat_map(|o| o.matchers.iter().map(move |m| (m, o.role))),
            );
        for (matcher, role) in entries {
            let normal = matcher.trim().to_lowercase();
            match roles.iter().find(|(m, _)| *m == normal) {
                Some((_, first)) if *first != role => {
                    let quoted = format!("\"{matcher}\"");
                    let span = self
                        .text
                        .match_indices(&quoted)
                        .nth(1)
                        .or_else(|| self.text.match_indices(&quoted).next())
                        .map(|(start, _)| start..start);
                    let problem = self.located(
                        span,
                        "organisations",
                        format!(
                            "{matcher} is listed as {} and as {}: an email domain, email or owner belongs to one role",
                            first.as_str(),
                            role.as_str()
                        ),
                    );
                    self.problems.push(problem);
                }
                Some(_) => {}
                None => roles.push((normal, role)),
            }
        }
    }

    /// Where `key` is written in table `[table]` (else anywhere), for values serde does not place.
    fn key_span_in(&self, table: &str, key: &str) -> Option<std::ops::Range<usize>> {
        let header = format!("[{table}]");
        let start = self.text.find(&header).map_or(0, |at| at + header.len());
        key_span(&self.text[start..], key)
            .map(|span| span.start + start..span.end + start)
            .or_else(|| key_span(self.text, key))
    }

    /// Compiles globs whose places in the file are known, naming the line of a bad one.
    fn globs(&mut self, key: &str, patterns: &[Spanned<String>]) -> Globs {
        let plain: Vec<&str> = patterns.iter().map(|p| p.get_ref().as_str()).collect();
        match Globs::new(&plain) {
            Ok(globs) => globs,
            Err(bad) => {
                self.problem(patterns[bad.index].span(), key, bad.to_string());
                Globs::default()
            }
        }
    }

    /// Compiles globs whose places are not kept (the key names them).
    fn plain_globs(&mut self, key: &str, patterns: &[String]) -> Globs {
        Globs::new(patterns).unwrap_or_else(|bad| {
            let span = self
                .text
                .find(&format!("\"{}\"", bad.pattern))
                .map(|start| start..start);
            self.problems.push(self.located(span, key, bad.to_string()));
            Globs::default()
        })
    }

    fn problem(&mut self, span: std::ops::Range<usize>, key: &str, message: String) {
        let problem = self.located(Some(span), key, message);
        self.problems.push(problem);
    }

    fn located(&self, span: Option<std::ops::Range<usize>>, key: &str, message: String) -> Problem {
        let place = span.map(|span| crate::load::line_column(self.text, span.start));
        Problem {
            file: self.file.to_path_buf(),
            line: place.map(|(line, _)| line),
            column: place.map(|(_, column)| column),
            key: Some(key.to_string()),
            message,
        }
    }
}

/// Where a key is written (the first line that starts with it), for values serde does not place.
fn key_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(key) {
            let start = offset + line.len() - line.trim_start().len();
            return Some(start..start);
        }
        offset += line.len();
    }
    None
}

/// The organisations, bots and aliases of a config.
fn identities(config: &Config) -> Identities {
    let short = [
        (&config.organisations.vendor, Role::Vendor),
        (&config.organisations.internal, Role::Internal),
    ];
    let mut organisations: Vec<OrgSpec> = short
        .into_iter()
        .filter(|(matchers, _)| !matchers.is_empty())
        .map(|(matchers, role)| OrgSpec {
            name: org_name(matchers),
            role,
            matchers: matchers.clone(),
        })
        .collect();
    organisations.extend(config.organisation.iter().map(|entry| OrgSpec {
        name: entry.name.clone(),
        role: entry.role,
        matchers: entry.matchers.clone(),
    }));
    Identities {
        organisations,
        bots: config.organisations.bots.clone(),
        aliases: config
            .people
            .aliases
            .iter()
            .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
            .collect(),
        handles: config.people.handles.clone(),
        unknown_role: config.organisations.unknown_role,
    }
}

/// An organisation's name: its first email domain (`@acme.com` → `acme.com`), else its first entry.
fn org_name(matchers: &[String]) -> String {
    matchers
        .iter()
        .find_map(|m| {
            m.strip_prefix('@')
                .filter(|d| d.contains('.') && !d.contains('/'))
                .map(str::to_string)
        })
        .or_else(|| {
            matchers
                .iter()
                .find_map(|m| m.split_once('@').map(|(_, d)| d.to_string()))
        })
        .unwrap_or_else(|| matchers[0].clone())
}

/// When a waiver stops applying: a date is midnight UTC of that day; `None` without a date.
fn expiry(value: &toml::value::Datetime) -> Option<jiff::Timestamp> {
    let text = value.to_string();
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(timestamp);
    }
    let date: jiff::civil::Date = text.get(..10)?.parse().ok()?;
    date.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}
#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings> {
        Settings::parse(Path::new("exitready.toml"), text)
    }

    #[test]
    fn design_example_parses() {
        let settings = parse(
            r#"
exclude = ["fixtures/**"]
[organisations]
vendor   = ["@acme-outsourcing.com", "@acme-team"]
internal = ["@example.com", "@example/platform"]
bots     = ["renovate*", "*-ci@example.com"]
[people]
aliases = { "carol.v@gmail.com" = "carol@acme-outsourcing.com" }
[thresholds]
runbook_max_age_days = 180
doc_max_age_days     = 365
fail_under           = 60
[[services]]
name = "payments"
paths = ["services/payments/**"]
runbook = "docs/runbooks/payments.md"
[[waiver]]
check = "documentation.handoff_plan"
reason = "written next sprint"
expires = 2027-01-31
"#,
        )
        .unwrap();
        let vendor = &settings.identities.organisations[0];
        assert_eq!(
            (vendor.name.as_str(), vendor.role, vendor.matchers.len()),
            ("acme-outsourcing.com", Role::Vendor, 2)
        );
        assert_eq!(
            settings.identities.aliases["carol.v@gmail.com"],
            "carol@acme-outsourcing.com"
        );
        assert_eq!(settings.thresholds.fail_under, Some(60.0));
        assert_eq!(settings.thresholds.drift_grace_days, 30);
        assert_eq!(settings.thresholds.knower_active_days, 365);
        assert_eq!(settings.identities.unknown_role, UnknownRole::Unknown);
        let internal = parse("[organisations]\nunknown_role = \"internal\"\n[thresholds]\nknower_active_days = 90\n");
        let internal = internal.unwrap();
        assert_eq!(internal.identities.unknown_role, UnknownRole::Internal);
        assert_eq!(internal.thresholds.knower_active_days, 90);
        assert!(parse("[organisations]\nunknown_role = \"vendor\"\n").is_err());
        assert_eq!(
            settings.services[0].runbook.as_deref(),
            Some("docs/runbooks/payments.md")
        );
        assert!(settings.services[0].paths.is_match("services/payments/app.py"));
        assert!(settings.exclude.is_match("fixtures/a.md"));
        let waiver = &settings.waivers[0];
        assert_eq!(waiver.expires, "2027-01-31");
        assert!(waiver.active("2027-01-30T23:59:59Z".parse().unwrap()));
        assert!(!waiver.active("2027-01-31T00:00:00Z".parse().unwrap()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let Err(Error::Invalid { problems }) =
            parse("[thresholds]\nrunbook_max_age = 3\n[organisations]\nvendor = \"@a.com\"\n")
        else {
            panic!("expected problems")
        };
        let located: Vec<_> = problems.iter().map(|p| (p.line, p.key.as_deref())).collect();
        assert_eq!(
            located,
            vec![(Some(2), Some("thresholds")), (Some(4), Some("organisations"))]
        );
    }

    #[test]
    fn thresholds_are_range_checked_with_their_line() {
        let Err(Error::Invalid { problems }) = parse(
            "[organisations]\nvendor = [\"@a.com\"]\n[thresholds]\nrunbook_max_age_days = 0\ndrift_grace_days = 4000000000\nfail_under = 500\n",
        ) else {
            panic!("expected problems")
        };
        let found: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            found,
            vec![
                "exitready.toml:4:1: thresholds.runbook_max_age_days: runbook_max_age_days 0 is out of range: expected 1 to 36500",
                "exitready.toml:5:1: thresholds.drift_grace_days: drift_grace_days 4000000000 is out of range: expected 0 to 36500",
                "exitready.toml:6:1: thresholds.fail_under: fail_under 500 is out of range: expected 0 to 100",
            ]
        );
    }

    #[test]
    fn one_domain_cannot_be_vendor_and_internal() {
        let Err(Error::Invalid { problems }) =
            parse("[organisations]\nvendor = [\"@acme.com\"]\ninternal = [\"@example.com\",\n  \"@acme.com\"]\n")
        else {
            panic!("expected problems")
        };
        assert_eq!(
            problems[0].to_string(),
            "exitready.toml:4:3: organisations: @acme.com is listed as vendor and as internal: an email domain, email or owner belongs to one role"
        );
        assert!(parse("[organisations]\nvendor = [\"@acme.com\", \"@ACME.com\"]\n").is_ok());
    }

    #[test]
    fn waivers_need_a_valid_glob_and_a_date() {
        let Err(Error::Invalid { problems }) =
            parse("[[waiver]]\ncheck = \"a.b\"\npath = \"x[\"\nreason = \"r\"\nexpires = 10:00:00\n")
        else {
            panic!("expected problems")
        };
        let keys: Vec<_> = problems.iter().map(|p| p.key.as_deref()).collect();
        assert_eq!(keys, vec![Some("waiver.a.b.path"), Some("waiver.a.b.expires")]);
    }

    #[test]
    fn bad_glob_and_kind_are_problems() {
        let Err(Error::Invalid { problems }) = parse("exclude = [\"a[\"]\n[kinds]\n\"docs/**\" = \"recipe\"\n") else {
            panic!("expected problems")
        };
        let found: Vec<(Option<usize>, Option<&str>)> = problems.iter().map(|p| (p.line, p.key.as_deref())).collect();
        assert_eq!(
            found,
            vec![(Some(1), Some("exclude")), (Some(3), Some("kinds.docs/**"))]
        );
        assert!(problems[1].message.contains("unknown document kind `recipe`"));
    }
}

#[cfg(test)]
mod resolution {
    use super::*;

    #[test]
    fn waiver_paths_cover_folders_and_globs() {
        let settings = Settings::parse(
            Path::new("c.toml"),
            "[[waiver]]\ncheck = \"a.b\"\npath = \"services/legacy\"\nreason = \"r\"\nexpires = 2027-01-01\n\n[[waiver]]\ncheck = \"a.b\"\npath = \"**/*.md\"\nreason = \"r\"\nexpires = 2027-01-01\n",
        )
        .unwrap();
        let (folder, glob) = (&settings.waivers[0], &settings.waivers[1]);
        assert!(folder.covers(Some("services/legacy")) && folder.covers(Some("services/legacy/a.py")));
        assert!(!folder.covers(Some("services/legacy2/a.py")) && !folder.covers(None));
        assert!(glob.covers(Some("docs/x.md")) && !glob.covers(Some("docs/x.rs")));
    }

    #[test]
    fn a_folder_is_not_a_config_file() {
        let dir = std::env::temp_dir();
        let Err(Error::Input { message, .. }) = Settings::load(&dir) else {
            panic!("expected an input error");
        };
        assert_eq!(message, "is a folder, not a config file");
    }

    #[test]
    fn dialect_is_typed() {
        let settings = Settings::parse(Path::new("c.toml"), "[ownership]\ndialect = \"gitlab\"\n").unwrap();
        assert_eq!(settings.dialect, Some(Dialect::Gitlab));
        let Err(Error::Invalid { problems }) =
            Settings::parse(Path::new("c.toml"), "[ownership]\ndialect = \"bitbucket\"\n")
        else {
            panic!("expected problems");
        };
        assert_eq!(
            (problems[0].line, problems[0].key.as_deref()),
            (Some(2), Some("ownership"))
        );
    }
}
