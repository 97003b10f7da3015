//! `MAINTAINERS`, `MAINTAINERS.md` and `MAINTAINERS.txt`: the people a project lists as its
//! maintainers.
//!
//! Stage: facts. Reads the file's text, produces the people as written (one entry per
//! person, deduplicated, in file order). People here are reported, never counted as owning
//! files: the lists rarely say which files they cover. Recognised forms: Linux-style
//! `M: Name <email>` lines, Markdown list items and table rows (first cell), and plain lines
//! that carry an email address or an `@handle`. Headings, prose and separators are skipped.

use super::model::{OwnershipSource, SourceKind};

/// Whether a tracked path is a maintainers file.
pub(crate) fn is_maintainers(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(name, "MAINTAINERS" | "MAINTAINERS.md" | "MAINTAINERS.txt")
}

/// Strips Markdown emphasis and turns `[text](url)` into `text`.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|close| (mid, mid + close)))
        {
            Some((mid, close)) => {
                out.push_str(&after[..mid]);
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace('`', "").trim().to_string()
}

/// Whether text names a person by email or handle.
fn has_contact(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | '|'))
        .any(|w| (w.starts_with('@') && w.len() > 1) || super::codeowners::is_email(w))
}

/// Whether a list item or table row names a person: a contact or a forge profile link.
fn names_someone(s: &str) -> bool {
    has_contact(s) || profile_link(s)
}

/// Whether text links a forge profile (`github.com/NAME`, not an issue or a repository).
fn profile_link(s: &str) -> bool {
    ["github.com/", "gitlab.com/"].iter().any(|host| {
        s.match_indices(host).any(|(at, _)| {
            let rest = &s[at + host.len()..];
            let end = rest.find([')', ' ', '>', ']', '"']).unwrap_or(rest.len());
            let name = rest[..end].trim_end_matches('/');
            !name.is_empty() && !name.contains(['/', '?', '#'])
        })
    })
}

/// Parses a maintainers file into its source (people filled in).
pub(crate) fn parse(path: &str, text: &str) -> OwnershipSource {
    let mut source = OwnershipSource::new(path, SourceKind::Maintainers);
    let mut table_rows = 0usize;
    for raw in text.lines() {
        let line = raw.trim();
        let person = if let Some(rest) = line.strip_prefix("M:") {
            Some(rest.trim().to_string())
        } else if let Some(rest) = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| line.strip_prefix("+ "))
        {
            // A list item is a person only with a contact: prose lists are common here.
            names_someone(rest).then(|| plain(rest))
        } else if line.starts_with('|') {
            table_rows += 1;
            let first = line
                .trim_matches('|')
                .split('|')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            // The first row of a table is its header; rows without a contact are not people.
            (table_rows > 1 && !first.is_empty() && names_someone(line)).then(|| plain(&first))
        } else {
            table_rows = 0;
            (!line.starts_with('#') && has_contact(line)).then(|| plain(line))
        };
        if let Some(p) = person.filter(|p| !p.is_empty())
            && !source.people.contains(&p)
        {
            source.people.push(p);
        }
    }
    source
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_from_each_form() {
        let text = "# Maintainers\n\nThe people below review changes.\n\n- Review pull requests\n- **Alice Smith** ([@alice](https://github.com/alice))\n* Bob <bob@example.com>\n\n| Name | GitHub |\n| --- | --- |\n| Carol | @carol |\n\nM:\tDave Jones <dave@example.org>\nerin@example.net\n";
        let src = parse("MAINTAINERS.md", text);
        assert_eq!(
            src.people,
            vec![
                "Alice Smith (@alice)",
                "Bob <bob@example.com>",
                "Carol",
                "Dave Jones <dave@example.org>",
                "erin@example.net"
            ]
        );
        assert!(is_maintainers("docs/MAINTAINERS.txt"));
        let links = parse(
            "MAINTAINERS.md",
            "- see [issues](https://github.com/o/r/issues)\n- [Zed](https://github.com/zed)\n",
        );
        assert_eq!(links.people, vec!["Zed"]);
        assert!(!is_maintainers("MAINTAINERS.rst"));
    }
}
