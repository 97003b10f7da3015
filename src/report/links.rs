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

/// A remote URL reduced to what names the repository, so that two clones of one remote
/// compare equal however they were cloned: scheme, credentials, port, a trailing `/` and `.git`
/// removed, `git@host:path` read as `host/path`, the host lower-cased (the path keeps its case:
/// not every host ignores it). `https://u:t@GitHub.com/acme/shop.git/`,
/// `git@github.com:acme/shop.git` and `ssh://git@github.com:22/acme/shop` all give
/// `github.com/acme/shop`; a local path stays a path (`file:///srv/x.git` gives `/srv/x`).
pub fn normalise_remote(url: &str) -> String {
    let url = url.trim();
    let (host, path) = match url.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("file") => (String::new(), rest.to_string()),
        Some((_, rest)) => {
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let host = match host.rsplit_once(':') {
                Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
                _ => host,
            };
            (host.to_lowercase(), path.to_string())
        }
        // scp-like `user@host:path`, told apart from a local path by the `:` before any `/`.
        None => match url.split_once(':') {
            Some((userhost, path)) if !userhost.contains('/') && !userhost.is_empty() => {
                let host = userhost.rsplit_once('@').map_or(userhost, |(_, h)| h);
                (host.to_lowercase(), path.to_string())
            }
            _ => (String::new(), url.to_string()),
        },
    };
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path).trim_end_matches('/');
    if host.is_empty() {
        path.to_string()
    } else {
        format!("{host}/{}", path.trim_start_matches('/'))
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
    fn remotes_normalised() {
        for url in [
            "https://user:token@GitHub.com/acme/shop.git/",
            "git@github.com:acme/shop.git",
            "ssh://git@github.com:22/acme/shop",
            "http://github.com/acme/shop/",
        ] {
            assert_eq!(normalise_remote(url), "github.com/acme/shop", "{url}");
        }
        assert_eq!(normalise_remote("file:///srv/git/shop.git"), "/srv/git/shop");
        assert_eq!(normalise_remote("/srv/git/shop/"), "/srv/git/shop");
        assert_ne!(normalise_remote("git@github.com:acme/Shop"), "github.com/acme/shop");
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
