//! Everything the classifier's signals look at, gathered in one pass over a document
//! (issue 12): path parts, title, what each heading is about, structure (numbered steps,
//! command blocks, tables) and counts of a few word families in the text.
//!
//! Stage: gather facts (no kind is decided here; `signals.rs` weighs these). Reads the path,
//! the text, the [`ParsedDoc`] and the site context; allocates per heading and per path part,
//! never per word of the text (words are slices, compared ASCII case-insensitively against
//! static tables).

use super::model::ParsedDoc;
use super::site::{Site, SiteContext};
use super::topics::{HEADING_TOPICS, Topic, heading_topics};
use super::vocabulary::{
    DEV_TOOLS, Family, INSTRUCTION_VERBS, OPERATIONAL_VERBS, OPS_TOOLS, SHELL_LANGS, TASK_VERBS, family_of,
};
use super::words::{has_any, is, name_words, one_of, unnumbered, words};

/// The parts of a path the signals look at.
pub(super) struct PathParts<'a> {
    /// Folder names as written, outermost first.
    pub dirs: Vec<&'a str>,
    /// The file name as written.
    pub name: &'a str,
    /// The file name without its document extensions (`.html.md.erb` and friends).
    pub stem: &'a str,
    /// Words of the stem (of the folder for an `index` page), split at camelCase (see
    /// [`name_words`]).
    pub words: Vec<&'a str>,
}

impl<'a> PathParts<'a> {
    /// Splits a repository-relative path.
    pub(super) fn new(path: &'a str) -> Self {
        let mut dirs: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let name = dirs.pop().unwrap_or("");
        let mut stem = name;
        while let Some(dot) = stem.rfind('.') {
            let ext = &stem[dot + 1..];
            let doc_ext = one_of(
                ext,
                &[
                    "md", "markdown", "mdx", "mdown", "mkd", "erb", "html", "htm", "adoc", "asciidoc", "rst", "txt",
                ],
            );
            if dot == 0 || !doc_ext {
                break;
            }
            stem = &stem[..dot];
        }
        // A page bundle (`roll-back-app/index.html.md`, Hugo and Jekyll `index.md`) is named by
        // its folder.
        let named_by = match dirs.last() {
            Some(dir) if one_of(stem, &["index", "_index"]) => dir,
            _ => stem,
        };
        PathParts {
            dirs,
            name,
            stem,
            words: name_words(named_by),
        }
    }

    /// The folder holding the file.
    pub(super) fn parent(&self) -> Option<&'a str> {
        self.dirs.last().copied()
    }

    /// Whether the stem is one of `stems`.
    pub(super) fn stem_is(&self, stems: &[&str]) -> bool {
        one_of(self.stem, stems)
    }

    /// Whether the stem's words hold one of the phrases.
    pub(super) fn named(&self, phrases: &[&str]) -> bool {
        has_any(&self.words, phrases)
    }
}

/// Counts of code-block structure.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Commands {
    /// Shell blocks (declared shell, or undeclared with a command in them).
    pub shell_blocks: usize,
    /// Command lines (in blocks or code spans) running an operations tool.
    pub ops: usize,
    /// Command lines running a developer tool.
    pub dev: usize,
}

/// Everything the signals read about one document.
pub(super) struct Evidence<'a> {
    /// The repository-relative path.
    pub path: &'a str,
    /// Its parts.
    pub p: PathParts<'a>,
    /// The parsed document.
    pub doc: &'a ParsedDoc,
    /// The raw text.
    pub text: &'a str,
    /// The title, if any.
    pub title: &'a str,
    /// Words of the title, numbering removed.
    pub title_words: Vec<&'a str>,
    /// Per topic bit: the index of the first heading with that topic.
    first_heading: Vec<(Topic, usize)>,
    /// All topics present.
    topics: u128,
    /// The topics of each heading, in document order.
    pub heading_sets: Vec<u128>,
    /// Per family: how many words of the text belong to it.
    families: [usize; 8],
    /// Code structure.
    pub commands: Commands,
    /// Statements of custody: a credential word followed closely by where it is kept
    /// ("credentials … are in Secrets Manager"), or who may use it ("who is allowed to …").
    pub custody: usize,
    /// Words of prose that are not link text.
    pub prose_words: usize,
    /// Lines of prose that start with an instruction verb ("Run …", "1. Click …").
    pub instructions: usize,
    /// Words of the title and file name about the running system (infrastructure, operational
    /// verbs, operations tools) and about code (languages, tests, CI).
    pub subject_live: usize,
    /// See `subject_live`.
    pub subject_dev: usize,
    /// The site the page belongs to.
    pub site: Option<&'a Site>,
    /// The repository's committed description.
    pub repo_description: Option<&'a str>,
    /// Whether the document's folder holds code.
    pub in_code_dir: bool,
}

impl<'a> Evidence<'a> {
    /// Gathers the evidence of one document.
    pub(super) fn new(path: &'a str, text: &'a str, doc: &'a ParsedDoc, site: &'a SiteContext) -> Self {
        let title = doc.title.as_deref().unwrap_or("");
        let all: Vec<&str> = words(title).collect();
        let title_words = unnumbered(&all);
        let mut first_heading: Vec<(Topic, usize)> = Vec::new();
        let mut topics = 0u128;
        let heading_sets: Vec<u128> = doc.headings.iter().map(|h| heading_topics(&h.text)).collect();
        for (i, &set) in heading_sets.iter().enumerate() {
            let new = set & !topics;
            if new != 0 {
                for (topic, _, _) in HEADING_TOPICS {
                    let bit = 1u128 << (*topic as u32);
                    if new & bit != 0 && !first_heading.iter().any(|(t, _)| t == topic) {
                        first_heading.push((*topic, i));
                    }
                }
                topics |= set;
            }
        }
        let mut families = [0usize; 8];
        let mut custody = 0usize;
        // Word index of the last credential word, and of the last "who".
        let (mut credential_at, mut who_at): (Option<usize>, Option<usize>) = (None, None);
        for (i, word) in words(text).enumerate() {
            let family = family_of(word);
            if let Some(f) = family {
                families[f as usize] += 1;
            }
            if family == Some(Family::Credential) {
                credential_at = Some(i);
            } else if credential_at.is_some_and(|at| i - at <= 12) && family == Some(Family::Store) {
                // "the credentials for Heroku are in Secrets Manager", "passwords are kept in 1Password"
                custody += 1;
                credential_at = None;
            }
            if is(word, "who") {
                who_at = Some(i);
            } else if who_at.is_some_and(|at| i - at <= 4)
                && one_of(word, &["allowed", "access", "can", "holds", "receives", "owns"])
            {
                // "who is allowed to assume the roles", "who has access", "who receives resets"
                custody += 1;
                who_at = None;
            }
        }
        let mut commands = Commands::default();
        for block in &doc.code_blocks {
            let ops = block
                .first_words
                .iter()
                .filter(|w| OPS_TOOLS.contains(&w.as_str()))
                .count();
            let dev = block
                .first_words
                .iter()
                .filter(|w| DEV_TOOLS.contains(&w.as_str()))
                .count();
            if one_of(&block.lang, &SHELL_LANGS[..SHELL_LANGS.len() - 1]) || ops + dev > 0 {
                commands.shell_blocks += 1;
            }
            commands.ops += ops;
            commands.dev += dev;
        }
        for span in &doc.code_spans {
            let first = span.text.split_whitespace().next().unwrap_or("");
            if span.text.contains(' ') {
                if one_of(first, OPS_TOOLS) {
                    commands.ops += 1;
                } else if one_of(first, DEV_TOOLS) {
                    commands.dev += 1;
                }
            }
        }
        let p = PathParts::new(path);
        let (mut subject_live, mut subject_dev) = (0, 0);
        for (i, word) in title_words.iter().chain(p.words.iter()).enumerate() {
            let first = i == 0 || i == title_words.len();
            // In a title, "dev environment" or "locally" says the task is on a developer's copy.
            if one_of(word, &["dev", "development", "local", "locally"]) {
                subject_dev += 1;
                continue;
            }
            match family_of(word) {
                Some(Family::Live | Family::Incident | Family::Credential) => subject_live += 1,
                Some(Family::Dev) => subject_dev += 1,
                _ if one_of(word, OPS_TOOLS) || (first && one_of(word, OPERATIONAL_VERBS)) => subject_live += 1,
                _ if one_of(word, DEV_TOOLS) => subject_dev += 1,
                _ => {}
            }
        }
        let body_start = doc.front_matter.as_ref().map_or(0, |f| f.end_line as usize);
        Evidence {
            path,
            custody,
            instructions: instruction_lines(text, body_start),
            subject_live,
            subject_dev,
            p,
            doc,
            text,
            title,
            title_words,
            first_heading,
            topics,
            heading_sets,
            families,
            commands,
            prose_words: doc.words.saturating_sub(doc.link_words),
            site: site.site_of(path),
            repo_description: site.repository.as_ref().map(|r| r.text.as_str()),
            in_code_dir: site.in_code_dir(path),
        }
    }

    /// Whether some heading has the topic.
    pub(super) fn has(&self, topic: Topic) -> bool {
        self.topics & (1 << (topic as u32)) != 0
    }

    /// The first heading with the topic, as written.
    pub(super) fn heading(&self, topic: Topic) -> Option<&'a str> {
        self.first_heading
            .iter()
            .find(|(t, _)| *t == topic)
            .map(|(_, i)| self.doc.headings[*i].text.as_str())
    }

    /// The headings of the topics present, in the order given, as a reason list.
    pub(super) fn headings_of(&self, topics: &[Topic]) -> Vec<&'a str> {
        topics.iter().filter_map(|t| self.heading(*t)).collect()
    }

    /// How many of the topics are present.
    pub(super) fn count(&self, topics: &[Topic]) -> usize {
        topics.iter().filter(|t| self.has(**t)).count()
    }

    /// How many words of the family the text holds.
    pub(super) fn family(&self, family: Family) -> usize {
        self.families[family as usize]
    }

    /// Whether the title opens with a task verb ("Rotate…", "How to rotate…", "Rotating…").
    pub(super) fn imperative_title(&self) -> Option<&'a str> {
        imperative(&self.title_words)
    }

    /// Whether the file name opens with a task verb (`rotate-git-crypt-key`, `howto-restore-db`):
    /// docs sites name procedure pages so.
    pub(super) fn imperative_name(&self) -> Option<&'a str> {
        imperative(&self.p.words)
    }

    /// Whether the `Status` of a decision record is stated: a `Status:` field, or a Status
    /// heading whose first line is one of the usual states.
    pub(super) fn decision_status(&self) -> bool {
        let states = [
            "proposed",
            "accepted",
            "rejected",
            "deprecated",
            "superseded",
            "draft",
            "approved",
            "decided",
            "agreed",
            "implemented",
            "amended",
            "pending",
            "on hold",
        ];
        let stated = |v: &str| {
            let w: Vec<&str> = words(v).collect();
            w.first()
                .is_some_and(|f| states.iter().any(|s| is(f, s.split(' ').next().unwrap_or(s))))
        };
        let field = self
            .doc
            .inline_fields
            .iter()
            .any(|(k, v, _)| is(k, "status") && stated(v))
            || self.doc.field("status").is_some_and(|v| stated(&v));
        let heading = self
            .first_heading
            .iter()
            .find(|(t, _)| *t == Topic::Status)
            .and_then(|(_, i)| self.doc.headings[*i].first_text.as_deref())
            .is_some_and(stated);
        field || heading
    }
}

/// The task verb opening `words` ("Rotate the credentials", "How to rotate …"), when it has
/// an object: a lone "Deploying" names a topic, not a task.
fn imperative<'a>(w: &[&'a str]) -> Option<&'a str> {
    let (verb, rest) = match w {
        [how, to, rest @ ..] if is(how, "how") && is(to, "to") => (rest.first(), rest.len()),
        [howto, rest @ ..] if is(howto, "howto") => (rest.first(), rest.len()),
        [first, ..] => (Some(first), w.len()),
        [] => (None, 0),
    };
    // "Getting started" names a guide, not a task.
    let started = w.get(1).is_some_and(|s| is(s, "started"));
    verb.filter(|v| rest >= 2 && !started && one_of(v, TASK_VERBS)).copied()
}

/// Lines of prose (outside code fences, after line `skip`) that open with an instruction verb,
/// after a list marker or with a capital letter.
fn instruction_lines(text: &str, skip: usize) -> usize {
    let mut fence: Option<&str> = None;
    let mut count = 0;
    for line in text.lines().skip(skip) {
        let t = line.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let (marked, rest) = if let Some(r) = t.strip_prefix(['-', '*', '+']).filter(|r| r.starts_with(' ')) {
            (true, r)
        } else if digits > 0 && t[digits..].starts_with(['.', ')']) {
            (true, &t[digits + 1..])
        } else {
            (false, t)
        };
        let rest = rest.trim_start().trim_start_matches(['*', '_']);
        let Some(word) = words(rest).next() else { continue };
        let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
        if rest.starts_with(word) && (marked || capital) && one_of(word, INSTRUCTION_VERBS) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::super::{DocFormat, parse};
    use super::*;
    use Topic as T;
    use pretty_assertions::assert_eq;

    #[test]
    fn one_pass_evidence() {
        let text = "---\ntitle: Rotate the auth0 credentials\n---\n\n## Prerequisites\n\nAccess to production.\n\n## Steps\n\n1. Log in\n2. Run:\n\n```bash\n$ kubectl -n live get pods\naws s3 ls\n# a comment\n```\n\n3. Check `git status` and `bundle exec rake x`\n";
        let doc = parse("source/rotate.html.md.erb", DocFormat::Markdown, text);
        let site = SiteContext::default();
        let e = Evidence::new("source/rotate.html.md.erb", text, &doc, &site);
        assert_eq!(e.p.stem, "rotate");
        assert_eq!(e.imperative_title(), Some("Rotate"));
        assert!(e.has(T::Prerequisites) && e.has(T::Steps));
        assert_eq!(e.headings_of(&[T::Steps, T::Prerequisites]), ["Steps", "Prerequisites"]);
        assert_eq!(e.family(Family::Live), 4);
        assert_eq!(e.family(Family::Credential), 2);
        assert_eq!((e.commands.shell_blocks, e.commands.ops, e.commands.dev), (1, 2, 1));
        assert_eq!((e.instructions, e.subject_live, e.subject_dev), (3, 3, 0));
        assert_eq!(doc.ordered_items, 3);
    }
}
