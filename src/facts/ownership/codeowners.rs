//! CODEOWNERS files: where each forge looks for them, which dialect one is written in, how
//! its lines parse, and which rule decides each tracked file.
//!
//! Stage: facts. Reads the bytes of the CODEOWNERS file (given by the caller), produces an
//! [`OwnershipSource`] with every rule and its line, [`OwnershipError`]s naming line and
//! column, and a [`Codeowners`] resolver. It never touches the network or judges coverage.
//!
//! - GitHub ("About code owners", docs.github.com): looked for in `.github/`, the root, then
//!   `docs/`; the last matching line wins and owners are never merged; a pattern without
//!   owners makes matching files explicitly unowned; `!` negation, `[ ]` ranges and `\#`
//!   escapes do not work; `#` after the owners starts a comment; owners are `@user`,
//!   `@org/team` or an email; a line with invalid syntax or an invalid owner is skipped.
//! - GitLab ("Syntax of CODEOWNERS file", docs.gitlab.com): looked for in the root, `docs/`,
//!   then `.gitlab/`; `[Section]`, `^[Optional]`, `[Section][N]` headers with default owners;
//!   same-name sections (case-insensitive) merge; within a section the last match wins and an
//!   `!exclusion` is sticky; a file's owners are the union over sections, the unnamed leading
//!   section included; `@@role` owners; inline comments are unsupported, but owners written
//!   after a `#` are still parsed (and the `#` is reported as a malformed owner, as GitLab
//!   does).

use std::collections::HashMap;

use super::model::{CodeownersSection, Dialect, OwnershipError, OwnershipRule, OwnershipSource, SourceKind, err};
use super::pattern::{self, Pattern, RuleSet};

/// Where GitHub looks, in its order ("first found wins").
pub(crate) const GITHUB_LOCATIONS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];
/// Where GitLab looks, in its order.
pub(crate) const GITLAB_LOCATIONS: [&str; 3] = ["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"];
/// Lines longer than this many bytes are reported and skipped (they are never real rules).
const MAX_LINE_BYTES: usize = 8192;
/// Owner and pattern text quoted in messages is cut to this many characters.
const QUOTE_CHARS: usize = 60;

/// Chooses the CODEOWNERS file in effect: the first found in the configured dialect's order,
/// or (auto) the first of `.github/`, root, `docs/`, `.gitlab/`.
pub(crate) fn choose(found: &[&str], dialect: Option<Dialect>) -> Option<String> {
    let order: Vec<&str> = match dialect {
        Some(Dialect::Github) => GITHUB_LOCATIONS.to_vec(),
        Some(Dialect::Gitlab) => GITLAB_LOCATIONS.to_vec(),
        None => vec![
            ".github/CODEOWNERS",
            "CODEOWNERS",
            "docs/CODEOWNERS",
            ".gitlab/CODEOWNERS",
        ],
    };
    order.into_iter().find(|loc| found.contains(loc)).map(str::to_string)
}

/// The dialect of a file when none is configured: GitLab for `.gitlab/CODEOWNERS` or a file
/// with at least one well-formed `[Section]` header, GitHub otherwise.
pub(crate) fn detect(path: &str, text: &str) -> Dialect {
    if path == ".gitlab/CODEOWNERS" || text.lines().any(|l| parse_header(l.trim()).is_ok_and(|h| h.is_some())) {
        Dialect::Gitlab
    } else {
        Dialect::Github
    }
}

/// A parsed CODEOWNERS file ready to resolve paths.
#[derive(Debug)]
pub(crate) struct Codeowners {
    dialect: Dialect,
    /// GitHub: one set. GitLab: one per section (the unnamed one first when present).
    sections: Vec<SectionSet>,
}

/// The rules of one section, as pattern sets whose positions map back to rule indices.
#[derive(Debug)]
struct SectionSet {
    include: RuleSet,
    include_rules: Vec<usize>,
    exclude: RuleSet,
    exclude_rules: Vec<usize>,
}

/// What CODEOWNERS says about one path; `None` from [`Codeowners::resolve`] means no rule
/// matched at all.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decision {
    /// Owners as written, deduplicated in order of appearance.
    pub owners: Vec<String>,
    /// Indices (into the source's rules) of the rules that decided, in section order.
    pub rules: Vec<usize>,
}

/// Scratch space reused across [`Codeowners::resolve`] calls.
pub(crate) type Scratch<'a> = Vec<(&'a [u32], usize)>;

impl Codeowners {
    /// The decision for one path (split into components), or `None` when no rule matches.
    pub(crate) fn resolve<'a>(
        &'a self,
        rules: &[OwnershipRule],
        comps: &[&str],
        scratch: &mut Scratch<'a>,
    ) -> Option<Decision> {
        let mut decision = Decision {
            owners: Vec::new(),
            rules: Vec::new(),
        };
        let mut matched = false;
        for section in &self.sections {
            if self.dialect == Dialect::Gitlab
                && let Some(pos) = section.exclude.last_match(comps, scratch)
            {
                // GitLab: an exclusion is final within its section, whatever the order.
                matched = true;
                decision.rules.push(section.exclude_rules[pos]);
                continue;
            }
            if let Some(pos) = section.include.last_match(comps, scratch) {
                matched = true;
                let rule = section.include_rules[pos];
                decision.rules.push(rule);
                for owner in &rules[rule].owners {
                    if !decision.owners.contains(owner) {
                        decision.owners.push(owner.clone());
                    }
                }
            }
        }
        matched.then_some(decision)
    }

    /// Every (rule index, compiled pattern) pair, for dead-rule and catch-all checks.
    pub(crate) fn patterns(&self) -> Vec<(usize, &Pattern, String)> {
        let mut out = Vec::new();
        for s in &self.sections {
            for (pos, rule) in s.include_rules.iter().enumerate() {
                out.push((*rule, s.include.pattern(pos), s.include.prefix_of(pos)));
            }
            for (pos, rule) in s.exclude_rules.iter().enumerate() {
                out.push((*rule, s.exclude.pattern(pos), s.exclude.prefix_of(pos)));
            }
        }
        out.sort_by_key(|(rule, _, _)| *rule);
        out
    }
}

/// Parses a CODEOWNERS file into its source record, errors and resolver.
pub(crate) fn parse(path: &str, bytes: &[u8], dialect: Dialect) -> (OwnershipSource, Vec<OwnershipError>, Codeowners) {
    let mut source = OwnershipSource::new(path, SourceKind::Codeowners);
    source.dialect = Some(dialect);
    source.active = true;
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    for (idx, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line_no = idx as u32 + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let raw = if idx == 0 {
            raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
        } else {
            raw
        };
        if raw.len() > MAX_LINE_BYTES {
            errors.push(err(
                path,
                line_no,
                None,
                format!("line is {} bytes long (limit {MAX_LINE_BYTES}); skipped", raw.len()),
            ));
            continue;
        }
        if let Some(at) = raw.iter().position(|b| *b == 0) {
            let col = String::from_utf8_lossy(&raw[..at]).chars().count() as u32 + 1;
            errors.push(err(path, line_no, Some(col), "NUL byte in line; skipped".into()));
            continue;
        }
        match std::str::from_utf8(raw) {
            Ok(text) => lines.push((line_no, text)),
            Err(e) => {
                let col = String::from_utf8_lossy(&raw[..e.valid_up_to()]).chars().count() as u32 + 1;
                errors.push(err(path, line_no, Some(col), "invalid UTF-8; line skipped".into()));
            }
        }
    }
    let resolver = match dialect {
        Dialect::Github => parse_github(path, &lines, &mut source, &mut errors),
        Dialect::Gitlab => parse_gitlab(path, &lines, &mut source, &mut errors),
    };
    (source, errors, resolver)
}

/// A whitespace-separated token with its 1-based character column; `\` escapes the next
/// character (so `\ ` stays inside the token).
fn tokens(line: &str) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, u32)> = None;
    let mut escaped = false;
    for (col, (i, c)) in line.char_indices().enumerate() {
        let col = col as u32 + 1;
        if escaped {
            escaped = false;
            continue;
        }
        if c == ' ' || c == '\t' {
            if let Some((s, scol)) = start.take() {
                out.push((scol, &line[s..i]));
            }
            continue;
        }
        if start.is_none() {
            start = Some((i, col));
        }
        escaped = c == '\\';
    }
    if let Some((s, scol)) = start {
        out.push((scol, &line[s..]));
    }
    out
}

fn quote(s: &str) -> String {
    if s.chars().count() > QUOTE_CHARS {
        format!("{}…", s.chars().take(QUOTE_CHARS).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A GitHub/GitLab user or group name: starts alphanumeric; letters, digits, `-`, `_`, `.`.
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A plausible email address: one `@`, a non-empty local part, a dotted domain.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | ',' | '#'))
}

/// GitHub owners: `@user`, `@org/team` or an email.
fn is_github_owner(s: &str) -> bool {
    match s.strip_prefix('@') {
        Some(rest) => match rest.split_once('/') {
            Some((org, team)) => is_name(org) && is_name(team),
            None => is_name(rest),
        },
        None => is_email(s),
    }
}

/// GitLab owners: `@user`, `@group/sub/…`, `@@role` or an email.
fn is_gitlab_owner(s: &str) -> bool {
    if let Some(role) = s.strip_prefix("@@") {
        return !role.is_empty() && role.chars().all(|c| c.is_ascii_alphabetic());
    }
    match s.strip_prefix('@') {
        Some(rest) => rest.split('/').all(is_name),
        None => is_email(s),
    }
}

fn parse_github(
    path: &str,
    lines: &[(u32, &str)],
    source: &mut OwnershipSource,
    errors: &mut Vec<OwnershipError>,
) -> Codeowners {
    let mut patterns = Vec::new();
    let mut rule_ids = Vec::new();
    'lines: for &(line_no, text) in lines {
        let toks = tokens(text);
        let Some(&(pcol, pat)) = toks.first() else {
            continue;
        };
        if pat.starts_with('#') {
            continue;
        }
        if pat.starts_with('!') {
            errors.push(err(
                path,
                line_no,
                Some(pcol),
                format!(
                    "`!` negation does not work in GitHub CODEOWNERS (`{}`); line skipped",
                    quote(pat)
                ),
            ));
            continue;
        }
        if pat.starts_with("\\#") {
            errors.push(err(
                path,
                line_no,
                Some(pcol),
                "escaping a leading `#` with `\\` does not work in GitHub CODEOWNERS; line skipped".into(),
            ));
            continue;
        }
        let Some(compiled) = pattern::github(pat) else {
            errors.push(err(
                path,
                line_no,
                Some(pcol),
                format!("pattern `{}` matches no path; line skipped", quote(pat)),
            ));
            continue;
        };
        if let Some(off) = pat.chars().position(|c| c == '[' || c == ']') {
            // GitHub flags `[ ]` ranges; the brackets are kept as literal characters.
            errors.push(err(
                path,
                line_no,
                Some(pcol + off as u32),
                format!(
                    "`[ ]` character ranges do not work in GitHub CODEOWNERS; `{}` is matched with literal brackets",
                    quote(pat)
                ),
            ));
        }
        let mut owners = Vec::new();
        for &(col, tok) in &toks[1..] {
            if tok.starts_with('#') {
                break;
            }
            if !is_github_owner(tok) {
                errors.push(err(
                    path,
                    line_no,
                    Some(col),
                    format!(
                        "invalid owner `{}`: expected @user, @org/team or an email address; line skipped",
                        quote(tok)
                    ),
                ));
                continue 'lines;
            }
            if !owners.iter().any(|o| o == tok) {
                owners.push(tok.to_string());
            }
        }
        rule_ids.push(source.rules.len());
        source.rules.push(OwnershipRule::new(line_no, pat, owners));
        patterns.push(compiled);
    }
    Codeowners {
        dialect: Dialect::Github,
        sections: vec![SectionSet {
            include: RuleSet::new(patterns),
            include_rules: rule_ids,
            exclude: RuleSet::default(),
            exclude_rules: Vec::new(),
        }],
    }
}

/// A parsed GitLab section header.
#[derive(Debug, PartialEq)]
struct Header<'a> {
    optional: bool,
    name: &'a str,
    approvals: Option<u32>,
    /// Default owners with their columns (relative to the header text).
    owners: Vec<(u32, &'a str)>,
}

/// Parses `^[Name][N] @owners` (already trimmed). `Ok(None)`: not a header line at all;
/// `Err((column, message))`: a header that GitLab would reject.
fn parse_header(line: &str) -> Result<Option<Header<'_>>, (u32, String)> {
    let (optional, rest) = match line.strip_prefix('^') {
        Some(r) if r.starts_with('[') => (true, r),
        _ if line.starts_with('[') => (false, line),
        _ => return Ok(None),
    };
    let base = (line.len() - rest.len()) as u32;
    let Some(close) = rest.find(']') else {
        return Err((base + 1, "invalid section header: missing `]`".into()));
    };
    let name = &rest[1..close];
    if name.trim().is_empty() {
        return Err((base + 1, "section header has no name".into()));
    }
    let mut after = &rest[close + 1..];
    let mut approvals = None;
    if let Some(inner) = after.strip_prefix('[') {
        let Some(end) = inner.find(']') else {
            return Err((
                base + close as u32 + 2,
                "invalid section header: missing `]` after the approval count".into(),
            ));
        };
        match inner[..end].parse::<u32>() {
            Ok(n) if n >= 1 => approvals = Some(n),
            _ => {
                return Err((
                    base + close as u32 + 2,
                    format!(
                        "invalid approval count `{}`: must be a whole number of at least 1",
                        quote(&inner[..end])
                    ),
                ));
            }
        }
        after = &inner[end + 1..];
    }
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return Err((
            base + 1,
            format!("invalid section header: unexpected `{}` after `]`", quote(after)),
        ));
    }
    let offset = line[..line.len() - after.len()].chars().count() as u32;
    let owners = tokens(after).into_iter().map(|(c, t)| (c + offset, t)).collect();
    Ok(Some(Header {
        optional,
        name,
        approvals,
        owners,
    }))
}

/// GitLab's normalisation (ee/lib/gitlab/code_owners/file.rb `normalize_pattern`).
fn gitlab_normalize(pat: &str) -> String {
    if pat == "*" {
        return "/**/*".into();
    }
    let pat = match pat.strip_prefix("\\#") {
        Some(rest) => format!("#{rest}"),
        None => pat.to_string(),
    };
    // `\ ` (an escaped space) is a plain space in the pattern.
    let pat = pat.replace("\\ ", " ").replace("\\\t", " ");
    let pat = if pat.starts_with('/') {
        pat
    } else {
        format!("/**/{pat}")
    };
    if pat.ends_with('/') { format!("{pat}**/*") } else { pat }
}

/// One section while parsing: its entries keyed by normalised pattern (GitLab keeps the
/// first position and the last entry for a duplicate pattern, as a Ruby Hash does).
struct SectionAcc {
    key: String,
    slots: Vec<usize>,
    by_pattern: HashMap<String, usize>,
    excludes: Vec<usize>,
}

fn parse_gitlab(
    path: &str,
    lines: &[(u32, &str)],
    source: &mut OwnershipSource,
    errors: &mut Vec<OwnershipError>,
) -> Codeowners {
    let mut accs = vec![SectionAcc {
        key: String::new(),
        slots: Vec::new(),
        by_pattern: HashMap::new(),
        excludes: Vec::new(),
    }];
    let mut current = 0usize;
    let mut defaults: Vec<String> = Vec::new();
    let mut compiled: Vec<Pattern> = Vec::new();
    for &(line_no, text) in lines {
        let lead = text.chars().take_while(|c| c.is_whitespace()).count() as u32;
        let line = text.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_header(line) {
            Err((col, message)) => {
                errors.push(err(path, line_no, Some(col + lead), format!("{message}; line skipped")));
                continue;
            }
            Ok(Some(h)) => {
                defaults = valid_owners(path, line_no, lead, &h.owners, errors);
                let key = h.name.to_lowercase();
                current = match accs.iter().position(|a| a.key == key) {
                    Some(i) => i,
                    None => {
                        accs.push(SectionAcc {
                            key,
                            slots: Vec::new(),
                            by_pattern: HashMap::new(),
                            excludes: Vec::new(),
                        });
                        source.sections.push(CodeownersSection {
                            name: h.name.to_string(),
                            line: line_no,
                            optional: h.optional,
                            approvals: h.approvals,
                            default_owners: defaults.clone(),
                        });
                        accs.len() - 1
                    }
                };
                // "If a section is duplicated … and one of them is marked as optional and the
                // other isn't, the section is required."
                let sec = &mut source.sections[current - 1];
                sec.optional &= h.optional;
                sec.approvals = sec.approvals.or(h.approvals);
                for d in &defaults {
                    if !sec.default_owners.contains(d) {
                        sec.default_owners.push(d.clone());
                    }
                }
                continue;
            }
            Ok(None) => {}
        }
        let (exclusion, body, body_col) = match line.strip_prefix('!') {
            Some(rest) => (true, rest, lead + 2),
            None => (false, line, lead + 1),
        };
        let toks = tokens(body);
        let Some(&(_, pat)) = toks.first() else {
            errors.push(err(
                path,
                line_no,
                Some(lead + 1),
                "lone `!` without a pattern; line skipped".into(),
            ));
            continue;
        };
        let owner_toks: Vec<(u32, &str)> = toks[1..].iter().map(|&(c, t)| (c + body_col - 1, t)).collect();
        if let Some(col) = unclosed_bracket(pat) {
            errors.push(err(
                path,
                line_no,
                Some(body_col + col),
                format!("unclosed `[` in `{}`: the pattern can never match", quote(pat)),
            ));
        }
        let owners = if exclusion {
            if !owner_toks.is_empty() {
                errors.push(err(
                    path,
                    line_no,
                    Some(owner_toks[0].0),
                    "owners on an exclusion line are ignored".into(),
                ));
            }
            Vec::new()
        } else {
            let written = valid_owners(path, line_no, 0, &owner_toks, errors);
            if written.is_empty() { defaults.clone() } else { written }
        };
        if !exclusion && owners.is_empty() {
            errors.push(err(
                path,
                line_no,
                Some(body_col),
                format!("entry `{}` has no owners and its section no default owners", quote(pat)),
            ));
        }
        let normalized = gitlab_normalize(pat);
        let rule_idx = source.rules.len();
        let mut rule = OwnershipRule::new(line_no, &format!("{}{pat}", if exclusion { "!" } else { "" }), owners);
        rule.exclusion = exclusion;
        rule.section = (current > 0).then(|| source.sections[current - 1].name.clone());
        source.rules.push(rule);
        compiled.push(pattern::gitlab(&normalized));
        let acc = &mut accs[current];
        if exclusion {
            acc.excludes.push(rule_idx);
        } else if let Some(&slot) = acc.by_pattern.get(&normalized) {
            acc.slots[slot] = rule_idx;
        } else {
            acc.by_pattern.insert(normalized, acc.slots.len());
            acc.slots.push(rule_idx);
        }
    }
    let sections = accs
        .into_iter()
        .map(|acc| SectionSet {
            include: RuleSet::new(acc.slots.iter().map(|r| compiled[*r].clone()).collect()),
            include_rules: acc.slots,
            exclude: RuleSet::new(acc.excludes.iter().map(|r| compiled[*r].clone()).collect()),
            exclude_rules: acc.excludes,
        })
        .collect();
    Codeowners {
        dialect: Dialect::Gitlab,
        sections,
    }
}

/// The 0-based character offset of a `[` that has no closing `]` in a GitLab pattern.
fn unclosed_bracket(pat: &str) -> Option<u32> {
    let mut open: Option<u32> = None;
    let mut escaped = false;
    for (i, c) in pat.chars().enumerate() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if open.is_none() => open = Some(i as u32),
            ']' => open = None,
            _ => {}
        }
    }
    open
}

/// Keeps the well-formed GitLab owners of a token list, reporting the first malformed one
/// (GitLab's "malformed owner" error) but still using the valid ones, as GitLab does.
fn valid_owners(
    path: &str,
    line_no: u32,
    lead: u32,
    toks: &[(u32, &str)],
    errors: &mut Vec<OwnershipError>,
) -> Vec<String> {
    let mut owners: Vec<String> = Vec::new();
    let mut reported = false;
    for &(col, tok) in toks {
        if is_gitlab_owner(tok) {
            if !owners.iter().any(|o| o == tok) {
                owners.push(tok.to_string());
            }
        } else if !reported {
            reported = true;
            let why = if tok.starts_with('#') {
                "GitLab does not support inline comments (owners written after it are still used)"
            } else {
                "expected @user, @group/subgroup, @@role or an email address"
            };
            errors.push(err(
                path,
                line_no,
                Some(col + lead),
                format!("malformed owner `{}`: {why}", quote(tok)),
            ));
        }
    }
    owners
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_escaped_spaces_and_columns() {
        assert_eq!(tokens("a\\ b  @x\t@y"), vec![(1, "a\\ b"), (7, "@x"), (10, "@y")]);
        assert_eq!(tokens("   "), Vec::<(u32, &str)>::new());
        assert_eq!(tokens("trailing\\"), vec![(1, "trailing\\")]);
    }

    #[test]
    fn owner_syntax() {
        let cases = [
            ("@octocat", true, true),
            ("@org/team", true, true),
            ("@group/sub/subsub", false, true),
            ("@@maintainer", false, true),
            ("docs@example.com", true, true),
            ("@", false, false),
            ("octocat", false, false),
            ("@-bad", false, false),
            ("a@b", false, false),
            ("@org/", false, false),
            ("#", false, false),
        ];
        for (owner, github, gitlab) in cases {
            assert_eq!(is_github_owner(owner), github, "github {owner}");
            assert_eq!(is_gitlab_owner(owner), gitlab, "gitlab {owner}");
        }
    }

    #[test]
    fn header_forms() {
        let h = parse_header("^[Docs][2] @a @b").unwrap().unwrap();
        assert_eq!((h.optional, h.name, h.approvals), (true, "Docs", Some(2)));
        assert_eq!(h.owners, vec![(12, "@a"), (15, "@b")]);
        assert_eq!(parse_header("*.rb @x").unwrap(), None);
        assert_eq!(
            parse_header("[Docs").unwrap_err().1,
            "invalid section header: missing `]`"
        );
        assert_eq!(parse_header("[]").unwrap_err().1, "section header has no name");
        assert!(
            parse_header("[A][0]")
                .unwrap_err()
                .1
                .starts_with("invalid approval count `0`")
        );
        assert!(parse_header("[A]x").is_err());
    }

    #[test]
    fn gitlab_normalization_follows_gitlab() {
        let cases = [
            ("*", "/**/*"),
            ("README.md", "/**/README.md"),
            ("/docs/", "/docs/**/*"),
            ("docs/", "/**/docs/**/*"),
            ("\\#file", "/**/#file"),
            ("path\\ with\\ spaces/", "/**/path with spaces/**/*"),
        ];
        for (input, want) in cases {
            assert_eq!(gitlab_normalize(input), want, "{input}");
        }
    }

    #[test]
    fn choose_follows_each_forge_order() {
        let found = ["CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"];
        assert_eq!(choose(&found, Some(Dialect::Gitlab)).as_deref(), Some("CODEOWNERS"));
        assert_eq!(choose(&[".gitlab/CODEOWNERS"], Some(Dialect::Github)), None);
        assert_eq!(
            choose(&[".github/CODEOWNERS", "CODEOWNERS"], None).as_deref(),
            Some(".github/CODEOWNERS")
        );
        assert_eq!(
            choose(&[".gitlab/CODEOWNERS"], None).as_deref(),
            Some(".gitlab/CODEOWNERS")
        );
        assert_eq!(detect("CODEOWNERS", "* @a\n[Docs] @d\n"), Dialect::Gitlab);
        assert_eq!(detect("CODEOWNERS", "* @a\n[abc].txt @d\n"), Dialect::Github);
    }
}
