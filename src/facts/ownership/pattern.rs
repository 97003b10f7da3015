//! The path matcher for ownership patterns: CODEOWNERS (GitHub and GitLab dialects) and the
//! per-file globs of Chromium OWNERS files.
//!
//! Stage: facts. Reads a pattern string, produces a compiled [`Pattern`] and answers whether a
//! repository-relative path (split into components) matches it; [`RuleSet`] indexes many
//! patterns by their literal leading directories so that resolving 100,000 files stays fast.
//! It never reads files, never allocates per match, and never backtracks exponentially: a
//! pattern is a list of segments run as a small NFA over the path's components (at most
//! segments × components steps), and a segment is matched against one component with the
//! two-pointer wildcard algorithm (at most |segment| × |component| steps).
//!
//! Two dialects compile into the same form:
//! - GitHub follows gitignore (<https://git-scm.com/docs/gitignore#_pattern_format>) as
//!   GitHub's "About code owners" page describes it: `[ ]` are literal, a pattern also
//!   matches everything below a directory it names, except that a final lone `*` (`docs/*`)
//!   matches only direct children.
//! - GitLab normalises the pattern (`*` → `/**/*`, no leading `/` → `/**/` prefix, trailing
//!   `/` → `**/*` suffix) and calls Ruby's `File.fnmatch?` with `FNM_PATHNAME|FNM_DOTMATCH`:
//!   an exact match, `**/` is zero or more directories, a final `**` is a plain `*`, and
//!   `[...]` classes work (see `ee/lib/gitlab/code_owners/file.rb`).

use std::collections::HashMap;

/// One token of a segment glob.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// One literal byte (multi-byte characters are several tokens).
    Lit(u8),
    /// `*`: any run of characters within one component.
    Star,
    /// `?`: exactly one character.
    Any,
    /// `[...]` (GitLab only): one character in (or, negated, not in) the ranges.
    Class { negated: bool, ranges: Vec<(char, char)> },
    /// An unclosed `[` (GitLab only): Ruby's fnmatch never matches past it.
    Never,
}

/// One `/`-separated segment of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    /// `**` followed by more segments: zero or more whole components.
    Globstar,
    /// A glob matching exactly one component.
    Glob(Vec<Tok>),
}

/// A compiled ownership pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    segs: Vec<Seg>,
    /// Whether the pattern also matches every path below a directory it matches
    /// (gitignore's directory semantics); `false` means the whole path must match.
    dirs: bool,
}

/// Compiles a GitHub CODEOWNERS pattern as written (escapes included); `None` when the
/// pattern names no path at all (`/`, `//`).
pub(crate) fn github(raw: &str) -> Option<Pattern> {
    let anchored_by_slash = raw.starts_with('/');
    let body = raw.strip_prefix('/').unwrap_or(raw);
    let dir_only = body.ends_with('/') && !body.ends_with("\\/");
    let body = if dir_only { &body[..body.len() - 1] } else { body };
    let parts: Vec<&str> = body.split('/').filter(|p| !p.is_empty()).collect();
    let last_raw = *parts.last()?;
    // gitignore: a separator at the start or in the middle anchors the pattern to the root;
    // otherwise it matches at any depth, as if it began with `**/`.
    let anchored = anchored_by_slash || parts.len() > 1;
    let mut segs = Vec::with_capacity(parts.len() + 2);
    if !anchored && last_raw != "**" {
        segs.push(Seg::Globstar);
    }
    for part in &parts {
        segs.push(if *part == "**" {
            Seg::Globstar
        } else {
            Seg::Glob(tokenize(part, false))
        });
    }
    if dir_only {
        segs.push(Seg::Globstar);
    }
    let dirs = if segs.last() == Some(&Seg::Globstar) {
        // A trailing `**` (or `/`) is "one or more components": one `*` component, then
        // anything below it through directory matching. So `dir/**` never matches a file `dir`.
        segs.pop();
        segs.push(Seg::Glob(vec![Tok::Star]));
        true
    } else {
        // GitHub: "`docs/*` matches docs/getting-started.md but not further nested files".
        last_raw != "*"
    };
    Some(Pattern { segs, dirs })
}

/// Compiles a GitLab CODEOWNERS pattern that was already normalised by GitLab's rules (it
/// starts with `/`); the match is exact, as `File.fnmatch?` with `FNM_PATHNAME` is.
pub(crate) fn gitlab(normalized: &str) -> Pattern {
    let body = normalized.strip_prefix('/').unwrap_or(normalized);
    let parts: Vec<&str> = body.split('/').collect();
    let last = parts.len() - 1;
    let segs = parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            // Ruby treats `**` as recursive only when a `/` follows it.
            if *part == "**" && i < last {
                Seg::Globstar
            } else {
                Seg::Glob(tokenize(part, true))
            }
        })
        .collect();
    Pattern { segs, dirs: false }
}

/// Compiles a simple glob relative to a directory (Chromium `per-file`): exact match, `*` and
/// `?` within one component, `**/` for any depth.
pub(crate) fn relative_glob(glob: &str) -> Pattern {
    gitlab(&format!("/{}", glob.trim_start_matches('/')))
}

/// Splits one segment into tokens; `classes` turns on `[...]` (GitLab), otherwise brackets
/// are literal (GitHub: "Using [ ] to define a character range" does not work).
fn tokenize(seg: &str, classes: bool) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(seg.len());
    let mut chars = seg.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '\\' => {
                // `\x` is a literal `x`; a trailing backslash is itself.
                let lit = chars.next().map_or('\\', |(_, n)| n);
                push_lit(&mut toks, lit);
            }
            '*' => {
                if toks.last() != Some(&Tok::Star) {
                    toks.push(Tok::Star);
                }
            }
            '?' => toks.push(Tok::Any),
            '[' if classes => {
                let mut negated = false;
                if let Some(&(_, n)) = chars.peek()
                    && (n == '!' || n == '^')
                {
                    negated = true;
                    chars.next();
                }
                let mut ranges = Vec::new();
                let mut closed = false;
                let mut first = true;
                while let Some((_, n)) = chars.next() {
                    if n == ']' && !first {
                        closed = true;
                        break;
                    }
                    first = false;
                    let lo = if n == '\\' {
                        chars.next().map_or('\\', |(_, e)| e)
                    } else {
                        n
                    };
                    let mut hi = lo;
                    if let Some(&(_, '-')) = chars.peek() {
                        let mut look = chars.clone();
                        look.next();
                        if let Some((_, h)) = look.next()
                            && h != ']'
                        {
                            chars.next();
                            chars.next();
                            hi = if h == '\\' {
                                chars.next().map_or('\\', |(_, e)| e)
                            } else {
                                h
                            };
                        }
                    }
                    ranges.push((lo, hi));
                }
                if !closed {
                    toks.push(Tok::Never);
                    return toks;
                }
                toks.push(Tok::Class { negated, ranges });
            }
            _ => push_lit(&mut toks, c),
        }
    }
    toks
}

fn push_lit(toks: &mut Vec<Tok>, c: char) {
    let mut buf = [0u8; 4];
    toks.extend(c.encode_utf8(&mut buf).bytes().map(Tok::Lit));
}

/// Length in bytes of the UTF-8 character starting at `s[i]` (clamped to the slice).
fn char_len(s: &[u8], i: usize) -> usize {
    let len = match s[i] {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        b if b >= 0xC0 => 2,
        _ => 1,
    };
    len.min(s.len() - i)
}

/// Matches one component against one segment glob: the two-pointer algorithm, which only
/// ever restarts from the most recent `*` (enough for globs without alternation), so it runs
/// in O(|toks| × |comp|) at worst.
fn glob_match(toks: &[Tok], comp: &str) -> bool {
    let s = comp.as_bytes();
    let (mut p, mut i) = (0usize, 0usize);
    let mut restart: Option<(usize, usize)> = None;
    loop {
        if p < toks.len() {
            let advanced = match &toks[p] {
                Tok::Star => {
                    restart = Some((p + 1, i));
                    p += 1;
                    continue;
                }
                Tok::Lit(b) => {
                    i < s.len() && s[i] == *b && {
                        i += 1;
                        true
                    }
                }
                Tok::Any => {
                    i < s.len() && {
                        i += char_len(s, i);
                        true
                    }
                }
                Tok::Class { negated, ranges } => match comp.get(i..).and_then(|r| r.chars().next()) {
                    Some(c) if ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated => {
                        i += c.len_utf8();
                        true
                    }
                    _ => false,
                },
                Tok::Never => false,
            };
            if advanced {
                p += 1;
                continue;
            }
        } else if i == s.len() {
            return true;
        }
        match restart {
            Some((sp, si)) if si < s.len() => {
                let next = si + char_len(s, si);
                restart = Some((sp, next));
                p = sp;
                i = next;
            }
            _ => return false,
        }
    }
}

impl Pattern {
    /// Whether the path, split into its `/` components, matches.
    pub(crate) fn matches(&self, comps: &[&str]) -> bool {
        let n = comps.len();
        if n == 0 {
            return false;
        }
        let words = (self.segs.len() + 1).div_ceil(64);
        if words == 1 {
            let (mut cur, mut next) = ([0u64; 1], [0u64; 1]);
            self.run(comps, &mut cur, &mut next)
        } else {
            let (mut cur, mut next) = (vec![0u64; words], vec![0u64; words]);
            self.run(comps, &mut cur, &mut next)
        }
    }

    /// The NFA over segments: state `s` means "segments `..s` consumed"; state `segs.len()`
    /// accepts. Each state is visited at most once per component.
    fn run<'b>(&self, comps: &[&str], mut cur: &'b mut [u64], mut next: &'b mut [u64]) -> bool {
        let total = self.segs.len();
        let get = |set: &[u64], s: usize| set[s / 64] & (1 << (s % 64)) != 0;
        let set_bit = |set: &mut [u64], s: usize| set[s / 64] |= 1 << (s % 64);
        let close = |set: &mut [u64]| {
            for s in 0..total {
                if self.segs[s] == Seg::Globstar && get(set, s) {
                    set_bit(set, s + 1);
                }
            }
        };
        cur.fill(0);
        set_bit(cur, 0);
        close(cur);
        for (i, comp) in comps.iter().enumerate() {
            next.fill(0);
            let mut any = false;
            for s in 0..total {
                if !get(cur, s) {
                    continue;
                }
                match &self.segs[s] {
                    Seg::Globstar => {
                        set_bit(next, s);
                        any = true;
                    }
                    Seg::Glob(toks) => {
                        if glob_match(toks, comp) {
                            set_bit(next, s + 1);
                            any = true;
                        }
                    }
                }
            }
            if !any {
                return false;
            }
            close(next);
            std::mem::swap(&mut cur, &mut next);
            if get(cur, total) && (i + 1 == comps.len() || self.dirs) {
                return true;
            }
        }
        false
    }

    /// The leading segments that are plain literals: every matching path starts with them.
    fn literal_prefix(&self) -> Vec<String> {
        let mut out = Vec::new();
        for seg in &self.segs {
            let Seg::Glob(toks) = seg else { break };
            let bytes: Option<Vec<u8>> = toks
                .iter()
                .map(|t| if let Tok::Lit(b) = t { Some(*b) } else { None })
                .collect();
            match bytes.and_then(|b| String::from_utf8(b).ok()) {
                Some(lit) => out.push(lit),
                None => break,
            }
        }
        out
    }

    /// Whether the pattern matches every possible path by its shape (`*`, `**`, `/**`,
    /// `**/*`, GitLab's `/**/*`, …).
    pub(crate) fn matches_everything(&self) -> bool {
        let lead = self.segs.iter().take_while(|s| **s == Seg::Globstar).count();
        let rest = &self.segs[lead..];
        rest == [Seg::Glob(vec![Tok::Star])] && (lead > 0 || self.dirs)
    }
}

/// Splits a repository-relative path into components (empty components dropped).
pub(crate) fn components(path: &str) -> Vec<&str> {
    path.split('/').filter(|c| !c.is_empty()).collect()
}

/// A trie node of the [`RuleSet`] index.
#[derive(Debug, Default)]
struct Node {
    /// Rules (positions in the set, ascending) whose literal prefix ends at this node.
    rules: Vec<u32>,
    children: HashMap<String, Node>,
}

/// An ordered list of patterns, indexed by their literal leading directories, answering
/// "which is the last pattern that matches this path" without testing patterns that cannot.
#[derive(Debug, Default)]
pub(crate) struct RuleSet {
    patterns: Vec<Pattern>,
    root: Node,
}

impl RuleSet {
    /// Builds the set; positions follow the order of `patterns`.
    pub(crate) fn new(patterns: Vec<Pattern>) -> Self {
        let mut root = Node::default();
        for (pos, pattern) in patterns.iter().enumerate() {
            let mut node = &mut root;
            for lit in pattern.literal_prefix() {
                node = node.children.entry(lit).or_default();
            }
            node.rules.push(pos as u32);
        }
        RuleSet { patterns, root }
    }

    /// The candidate lists for a path: the rules at every trie node along its components.
    fn candidates<'a>(&'a self, comps: &[&str], lists: &mut Vec<(&'a [u32], usize)>) {
        lists.clear();
        let mut node = &self.root;
        lists.push((&node.rules, node.rules.len()));
        for comp in comps {
            match node.children.get(*comp) {
                Some(child) => {
                    node = child;
                    if !node.rules.is_empty() {
                        lists.push((&node.rules, node.rules.len()));
                    }
                }
                None => break,
            }
        }
    }

    /// The position of the last pattern matching the path (GitHub's and GitLab's "last
    /// matching line wins"), testing candidates from the last one backwards.
    pub(crate) fn last_match<'a>(&'a self, comps: &[&str], lists: &mut Vec<(&'a [u32], usize)>) -> Option<usize> {
        self.candidates(comps, lists);
        loop {
            let mut best: Option<(usize, u32)> = None;
            for (k, (list, end)) in lists.iter().enumerate() {
                if *end > 0 && best.is_none_or(|(_, b)| list[*end - 1] > b) {
                    best = Some((k, list[*end - 1]));
                }
            }
            let (k, pos) = best?;
            lists[k].1 -= 1;
            if self.patterns[pos as usize].matches(comps) {
                return Some(pos as usize);
            }
        }
    }

    /// The compiled pattern at a position.
    pub(crate) fn pattern(&self, pos: usize) -> &Pattern {
        &self.patterns[pos]
    }

    /// The literal directory prefix of the pattern at a position, joined with `/`.
    pub(crate) fn prefix_of(&self, pos: usize) -> String {
        self.patterns[pos].literal_prefix().join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gh(p: &str, path: &str) -> bool {
        github(p).is_some_and(|c| c.matches(&components(path)))
    }

    fn gl(p: &str, path: &str) -> bool {
        gitlab(p).matches(&components(path))
    }

    #[test]
    fn tokens_and_classes() {
        assert!(gl("/a[bc]d", "abd"));
        assert!(gl("/a[!bc]d", "axd"));
        assert!(!gl("/a[!bc]d", "abd"));
        assert!(gl("/[a-c]x", "bx"));
        assert!(!gl("/[a-c]x", "dx"));
        assert!(!gl("/a[bc", "ab"), "unclosed class never matches");
        assert!(gh("a[bc]", "a[bc]"), "GitHub brackets are literal");
        assert!(!gh("a[bc]", "ab"));
    }

    #[test]
    fn unicode_question_mark_takes_one_character() {
        assert!(gh("caf?.md", "café.md"));
        assert!(!gh("caf?.md", "cafe.mdx"));
        assert!(gh("*é*", "xéy"));
    }

    #[test]
    fn literal_prefix_and_everything() {
        assert_eq!(github("/a/b/").unwrap().literal_prefix(), vec!["a", "b"]);
        assert_eq!(github("a/*.rs").unwrap().literal_prefix(), vec!["a"]);
        assert!(github("*.rs").unwrap().literal_prefix().is_empty());
        for p in ["*", "**", "/**", "**/*", "/**/*", "**/"] {
            assert!(github(p).unwrap().matches_everything(), "{p}");
        }
        for p in ["/*", "*.md", "docs/"] {
            assert!(!github(p).unwrap().matches_everything(), "{p}");
        }
        assert!(gitlab("/**/*").matches_everything());
        assert!(!gitlab("/**").matches_everything(), "GitLab's final ** is a plain *");
    }

    #[test]
    fn rule_set_returns_last_match() {
        let pats = ["*", "/src/", "/src/a/", "*.md", "/docs/"]
            .iter()
            .map(|p| github(p).unwrap())
            .collect();
        let set = RuleSet::new(pats);
        let mut lists = Vec::new();
        let cases = [
            ("src/a/x.rs", Some(2)),
            ("src/a/x.md", Some(3)),
            ("src/b.rs", Some(1)),
            ("docs/x.md", Some(4)),
            ("README", Some(0)),
        ];
        for (path, want) in cases {
            assert_eq!(set.last_match(&components(path), &mut lists), want, "{path}");
        }
        assert_eq!(set.prefix_of(2), "src/a");
    }

    #[test]
    fn pathological_pattern_stays_polynomial() {
        let p = github("**/**/**/**/*a*b*c*d*").unwrap();
        let deep: Vec<String> = (0..200).map(|_| "a".repeat(60)).collect();
        let comps: Vec<&str> = deep.iter().map(String::as_str).collect();
        assert!(!p.matches(&comps));
    }
}
