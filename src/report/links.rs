//! Links to files on the repository's web host, at the scanned commit.
//!
//! Only known hosts get links (github.com, gitlab.com, bitbucket.org), built from the `origin`
//! remote with credentials removed; the URL's scheme and host are always ours (`https://` and
//! one of those hosts), so a hostile remote cannot smuggle a `javascript:` link into the HTML.
//! Pure string work on the remote URL that facts gathering read from the repository's config.

/// The remote URL without `user:password@`.
pub fn strip_credentials(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('/') {
            Some((authority, path)) => {
                let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
                format!("{scheme}://{host}/{path}")
            }
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

const HOSTS: [&str; 3] = ["github.com", "gitlab.com", "bitbucket.org"];

/// The repository's web page for a remote on a known host: `https://github.com/owner/name`.
pub fn web_url(remote: &str) -> Option<String> {
    let rest = match remote.split_once("://") {
        Some((_, rest)) => {
            let rest = rest
                .rsplit_once('@')
                .filter(|(a, _)| !a.contains('/'))
                .map_or(rest, |(_, r)| r);
            let (host, path) = rest.split_once('/')?;
            let host = host.split(':').next()?;
            format!("{host}/{path}")
        }
        // scp-like: git@github.com:owner/name.git
        None => {
            let (userhost, path) = remote.split_once(':')?;
            let host = userhost.rsplit_once('@').map_or(userhost, |(_, h)| h);
            format!("{host}/{path}")
        }
    };
    let (host, path) = rest.split_once('/')?;
    let host = host.to_lowercase();
    if !HOSTS.contains(&host.as_str()) {
        return None;
    }
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let ok = !path.is_empty()
        && path.split('/').count() >= 2
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    ok.then(|| format!("https://{host}/{path}"))
}

/// The link to `path` at commit `head` under a `web_url` made by `web_url`.
pub fn file_url(web: &str, head: &str, path: &str) -> String {
    let path = encode(path);
    if web.starts_with("https://gitlab.com/") {
        format!("{web}/-/blob/{head}/{path}")
    } else if web.starts_with("https://bitbucket.org/") {
        format!("{web}/src/{head}/{path}")
    } else {
        format!("{web}/blob/{head}/{path}")
    }
}

/// Percent-encodes a repository path, keeping `/` and unreserved characters.
fn encode(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_hosts_only() {
        assert_eq!(
            web_url("git@github.com:acme/shop.git").as_deref(),
            Some("https://github.com/acme/shop")
        );
        assert_eq!(
            web_url("https://user:token@gitlab.com/group/sub/shop.git").as_deref(),
            Some("https://gitlab.com/group/sub/shop")
        );
        assert_eq!(
            web_url("ssh://git@bitbucket.org/team/shop").as_deref(),
            Some("https://bitbucket.org/team/shop")
        );
        assert_eq!(web_url("https://git.example.com/acme/shop.git"), None);
        assert_eq!(web_url("https://github.com/acme/\"><script>"), None);
        assert_eq!(
            strip_credentials("https://user:token@gitlab.com/g/s.git"),
            "https://gitlab.com/g/s.git"
        );
    }

    #[test]
    fn file_urls_per_host() {
        assert_eq!(
            file_url("https://github.com/a/b", "abc", "docs/run book.md"),
            "https://github.com/a/b/blob/abc/docs/run%20book.md"
        );
        assert_eq!(
            file_url("https://gitlab.com/a/b", "abc", "x.md"),
            "https://gitlab.com/a/b/-/blob/abc/x.md"
        );
        assert_eq!(
            file_url("https://bitbucket.org/a/b", "abc", "x.md"),
            "https://bitbucket.org/a/b/src/abc/x.md"
        );
    }
}
