//! Line scanners shared by the exit inventory: emails, `@handles`, URLs, hosts, identifiers and
//! `KEY = value` assignments, each found with its byte offset in one line.
//!
//! Hand-written over bytes and never slicing inside a multi-byte character (only ASCII bytes
//! start or end a match), so that any input, however hostile, gives a result and no panic.

/// Bytes that may appear in the local part of an email.
fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// Bytes of a host name.
pub fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// Bytes of an identifier (`DEPLOY_TOKEN`, `db-creds`).
fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Every email in a line, as written (lower-cased), with its start offset. Credentials in a URL
/// (`https://user:pw@host`) are not emails.
pub fn emails_in(line: &str) -> Vec<(usize, String)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    for (at, _) in line.match_indices('@') {
        let mut start = at;
        while start > 0 && is_local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_host_byte(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &line[at + 1..end];
        if start == at || !domain.contains('.') || domain.starts_with('.') {
            continue;
        }
        // `scheme://user:password@host`: the word before holds `://`.
        let word_start = line[..start]
            .rfind(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '(' | '<' | '[' | '=' | ','))
            .map_or(0, |i| i + 1);
        if line[word_start..at].contains("://") || (start > 0 && bytes[start - 1] == b':') {
            continue;
        }
        out.push((start, line[start..end].to_ascii_lowercase()));
    }
    out
}

/// Every `@handle` or `@org/team` in a line (lower-cased), with its start offset: an `@` at the
/// start of a word, followed by a name that is not an email domain.
pub fn handles_in(line: &str) -> Vec<(usize, String)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    for (at, _) in line.match_indices('@') {
        if at > 0
            && !matches!(
                bytes[at - 1],
                b' ' | b'\t' | b'"' | b'\'' | b'(' | b'[' | b',' | b'|' | b'`' | b'>'
            )
        {
            continue;
        }
        let mut end = at + 1;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'-' | b'_')) {
            end += 1;
        }
        if end == at + 1 {
            continue;
        }
        if end < bytes.len() && bytes[end] == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) {
            continue; // `@example.com`: a domain, not a handle
        }
        if end < bytes.len() && bytes[end] == b'/' {
            let team = end + 1;
            let mut stop = team;
            while stop < bytes.len()
                && (bytes[stop].is_ascii_alphanumeric() || matches!(bytes[stop], b'-' | b'_' | b'.'))
            {
                stop += 1;
            }
            if stop > team {
                end = stop;
            }
        }
        out.push((at, line[at..end].to_ascii_lowercase()));
    }
    out
}

/// A URL found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlHit {
    /// Byte offset of the scheme.
    pub start: usize,
    /// The host, lower-case.
    pub host: String,
    /// `scheme://host/path` without credentials, query or fragment, at most 200 bytes.
    pub display: String,
}

/// Where a URL or an image reference ends.
fn ends_url(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b'"' | b'\'' | b')' | b']' | b'>' | b'<' | b'|' | b'`' | b'}' | b'{' | b'\\'
        )
}

/// The path part after a host, up to the end of the URL, without query, fragment or trailing
/// punctuation.
fn path_after(line: &str, from: usize) -> &str {
    let bytes = line.as_bytes();
    let mut end = from;
    while end < bytes.len() && !ends_url(bytes[end]) && !matches!(bytes[end], b'?' | b'#') {
        end += 1;
    }
    while end > from && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'*') {
        end -= 1;
    }
    &line[from..end]
}

/// Cuts a display string to at most 200 bytes on a character boundary.
pub fn clip(text: &str) -> String {
    if text.len() <= 200 {
        return text.to_string();
    }
    let mut end = 200;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Every `scheme://host…` URL of a line (http, https, ssh, git, ftp, oci, s3, …).
pub fn urls_in(line: &str) -> Vec<UrlHit> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    for (sep, _) in line.match_indices("://") {
        let mut start = sep;
        while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || matches!(bytes[start - 1], b'+' | b'-' | b'.'))
        {
            start -= 1;
        }
        if start == sep || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let mut host_start = sep + 3;
        // Credentials (`user:password@`) are skipped, never kept.
        let mut probe = host_start;
        while probe < bytes.len() && !ends_url(bytes[probe]) && !matches!(bytes[probe], b'/' | b'?' | b'#') {
            probe += 1;
        }
        if let Some(at) = line[host_start..probe].rfind('@') {
            host_start += at + 1;
        }
        let mut host_end = host_start;
        while host_end < bytes.len() && is_host_byte(bytes[host_end]) {
            host_end += 1;
        }
        while host_end > host_start && matches!(bytes[host_end - 1], b'.' | b'-') {
            host_end -= 1;
        }
        if host_end == host_start {
            continue;
        }
        let host = line[host_start..host_end].to_ascii_lowercase();
        let mut rest = host_end;
        if bytes.get(rest) == Some(&b':') {
            let mut port = rest + 1;
            while port < bytes.len() && bytes[port].is_ascii_digit() {
                port += 1;
            }
            if port > rest + 1 {
                rest = port;
            }
        }
        let path = if bytes.get(rest) == Some(&b'/') {
            path_after(line, rest)
        } else {
            ""
        };
        let scheme = line[start..sep].to_ascii_lowercase();
        out.push(UrlHit {
            start,
            display: clip(&format!("{scheme}://{}{path}", &line[host_start..rest])),
            host,
        });
    }
    out
}

/// A host under a domain found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostHit {
    /// Byte offset of the host.
    pub start: usize,
    /// The host, lower-case.
    pub host: String,
    /// The URL (`scheme://host/path`) or reference (`host/path:tag`) around it, without
    /// credentials, query or fragment.
    pub display: String,
}

/// Every host equal to or under `domain` (lower-case, no `@`) in a line: in URLs, image
/// references, `host = "…"` settings and `git@host:` remotes; not in email addresses.
pub fn hosts_under(line: &str, domain: &str) -> Vec<HostHit> {
    let lower = line.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices(domain) {
        let end = at + domain.len();
        if end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-') {
            continue;
        }
        if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_alphanumeric() {
            continue; // `acme.com.evil.org`
        }
        let mut start = at;
        while start > 0 && is_host_byte(bytes[start - 1]) {
            start -= 1;
        }
        if start < at && bytes[at - 1] != b'.' {
            continue; // `notacme.com`
        }
        while start < at && matches!(bytes[start], b'.' | b'-') {
            start += 1;
        }
        if start > 0 && bytes[start - 1] == b'@' {
            let before = &lower[..start - 1];
            let word = before
                .rfind(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '(' | '<' | '[' | '=' | ','))
                .map_or(before, |i| &before[i + 1..]);
            if !(word.contains("://") || word == "git") {
                continue; // an email address
            }
        }
        let host = lower[start..end].to_string();
        let prefix = match lower[..start].rfind("://") {
            Some(sep) if !lower[sep + 3..start].bytes().any(|b| ends_url(b) || b == b'/') => {
                let mut scheme = sep;
                while scheme > 0
                    && (bytes[scheme - 1].is_ascii_alphanumeric() || matches!(bytes[scheme - 1], b'+' | b'-' | b'.'))
                {
                    scheme -= 1;
                }
                format!("{}://", &lower[scheme..sep])
            }
            _ => String::new(),
        };
        let mut rest = end;
        if bytes.get(rest) == Some(&b':') {
            let mut port = rest + 1;
            while port < bytes.len() && bytes[port].is_ascii_digit() {
                port += 1;
            }
            if port > rest + 1 {
                rest = port;
            }
        }
        let path = if matches!(bytes.get(rest), Some(b'/' | b':')) {
            path_after(line, rest)
        } else {
            ""
        };
        out.push(HostHit {
            start,
            display: clip(&format!("{prefix}{}{path}", &lower[start..rest])),
            host,
        });
    }
    out
}

/// Every identifier `[A-Za-z0-9_]+` of a line with its offset.
pub fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !is_ident(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && is_ident(bytes[i]) {
            i += 1;
        }
        Some((start, &line[start..i]))
    })
}

/// Whether `name` appears in `line` as a whole word, ignoring case (`_` and alphanumerics
/// bound a word; `-` and `.` do not).
pub fn has_word(line: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    lower.match_indices(&name).any(|(at, _)| {
        let end = at + name.len();
        (at == 0 || !is_ident(bytes[at - 1])) && (end >= bytes.len() || !is_ident(bytes[end]))
    })
}

/// A `KEY=value`, `KEY: value` or `KEY = "value"` line: the key and the value without quotes
/// or a trailing comment. `export KEY=value` and `- KEY=value` are read too.
pub fn assignment(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
    let trimmed = trimmed.strip_prefix("export ").unwrap_or(trimmed).trim_start();
    let (key, rest) = match trimmed.strip_prefix('"') {
        Some(quoted) => {
            let end = quoted.find('"')?;
            (&quoted[..end], &quoted[end + 1..])
        }
        None => {
            let end = trimmed
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
                .unwrap_or(trimmed.len());
            (&trimmed[..end], &trimmed[end..])
        }
    };
    if key.is_empty() {
        return None;
    }
    let rest = rest.trim_start();
    let value = rest
        .strip_prefix('=')
        .or_else(|| rest.strip_prefix(": "))
        .or_else(|| rest.strip_prefix(":\t"))
        .or_else(|| (rest == ":").then_some(""))?;
    Some((key, unquote(value.trim())))
}

/// A value without its quotes, or without a trailing ` # comment` when unquoted.
pub fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote) {
            return inner.find(quote).map_or(inner, |end| &inner[..end]);
        }
    }
    value.split(" #").next().unwrap_or(value).trim()
}

/// The lines of a text, numbered from 1.
pub fn numbered(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_skip_url_credentials() {
        assert_eq!(
            emails_in("to: 'ops@Acme.com', bob@example.org."),
            vec![(5, "ops@acme.com".to_string()), (20, "bob@example.org".to_string())]
        );
        assert!(emails_in("https://user:pw@db.acme.com/x").is_empty());
        assert!(emails_in("@acme-team @x.y").is_empty());
    }

    #[test]
    fn handles_are_words_starting_with_at() {
        let found: Vec<String> = handles_in("/infra/ @acme/platform @bob a@b.c @example.com")
            .into_iter()
            .map(|(_, h)| h)
            .collect();
        assert_eq!(found, vec!["@acme/platform", "@bob"]);
    }

    #[test]
    fn urls_drop_credentials_query_and_fragment() {
        let hits = urls_in("see <https://u:secret@wiki.acme.com:8443/x/y?token=abc#top>, and ftp://f.org.");
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].host, "wiki.acme.com");
        assert_eq!(hits[0].display, "https://wiki.acme.com:8443/x/y");
        assert_eq!(hits[1].display, "ftp://f.org");
    }

    #[test]
    fn hosts_under_a_domain() {
        let d = "acme.com";
        let h = |line: &str| hosts_under(line, d).into_iter().map(|h| h.display).collect::<Vec<_>>();
        assert_eq!(
            h("[wiki](https://wiki.acme.com/page?x=1)"),
            vec!["https://wiki.acme.com/page"]
        );
        assert_eq!(
            h("image: registry.acme.com/team/app:1.2"),
            vec!["registry.acme.com/team/app:1.2"]
        );
        assert_eq!(h("git@git.acme.com:team/repo.git"), vec!["git.acme.com:team/repo.git"]);
        assert!(h("mail ops@acme.com").is_empty());
        assert!(h("notacme.com acme.com.evil.org acme.community").is_empty());
        assert_eq!(
            h("address = \"https://u:p@tf.ACME.com/state\""),
            vec!["https://tf.acme.com/state"]
        );
    }

    #[test]
    fn assignments() {
        assert_eq!(assignment("export API_KEY=\"abc\" # x"), Some(("API_KEY", "abc")));
        assert_eq!(assignment("  token: abc # c"), Some(("token", "abc")));
        assert_eq!(assignment("password = 'p w'"), Some(("password", "p w")));
        assert_eq!(assignment("\"KEY\": \"v\""), Some(("KEY", "v")));
        assert_eq!(assignment("KEY:"), Some(("KEY", "")));
        assert_eq!(assignment("https://x"), None);
    }

    #[test]
    fn whole_words() {
        assert!(has_word("| DEPLOY_TOKEN | ops |", "deploy_token"));
        assert!(!has_word("MY_DEPLOY_TOKEN", "DEPLOY_TOKEN"));
        assert!(has_word("db-creds/password", "db-creds"));
    }
}
