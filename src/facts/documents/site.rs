//! What a repository's docs sites say of themselves: the site configuration committed beside
//! the pages, and a committed repository description (issue 12, "site context").
//!
//! Stage: gather facts, once per root, before any document is classified. Reads the paths of
//! the root and, through a callback, the text of the few configuration files it recognises;
//! produces a [`SiteContext`] that tells, for a document path, which site the page belongs to
//! and what that site calls itself ("Cloud Platform Runbooks"). The classifier weighs those
//! words as evidence; nothing here decides a kind.
//!
//! Recognised, each at any depth (a monorepo may hold several sites):
//!
//! | generator | configuration | name | pages under |
//! | --- | --- | --- | --- |
//! | GOV.UK Tech Docs (Middleman) | `config/tech-docs.yml` | `service_name`, `full_service_name`, `description` | `source/` |
//! | MkDocs | `mkdocs.yml`/`mkdocs.yaml` | `site_name`, `site_description` | `docs_dir` (default `docs/`) |
//! | Hugo | `hugo.toml`/`config.toml`/`hugo.yaml`/`config.yaml`/`config.yml` (and `config/_default/`) with `baseURL` or `theme` | `title`, `params.description` | `contentDir` (default `content/`) |
//! | Docusaurus | `docusaurus.config.js`/`.ts`/`.mjs` | `title`, `tagline` | `docs/`, `blog/` |
//! | Antora | `antora.yml` | `title`, `name` | `modules/` |
//! | Sphinx | `conf.py` | `project` | the folder of `conf.py` |
//! | Jekyll | `_config.yml` | `title`, `description` | the folder of `_config.yml` |
//!
//! Repository descriptions: `.github/settings.yml` (`repository.description`, the Probot
//! settings app), Backstage `catalog-info.yaml` (`metadata.description`), `CITATION.cff`
//! (`title`, `abstract`) and the root `package.json` (`description`).
//!
//! Never panics on malformed configuration: a file that does not parse is simply not a site.

/// One docs site found in the repository.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Site {
    /// The generator (`tech-docs`, `mkdocs`, `hugo`, `docusaurus`, `antora`, `sphinx`, `jekyll`).
    pub generator: &'static str,
    /// The configuration file read (repository-relative).
    pub config: String,
    /// The folder holding the site's pages, repository-relative, with a trailing `/` (empty for
    /// the root).
    pub content_dir: String,
    /// What the site calls itself: its name and description, joined by " — ".
    pub says: String,
}

/// A description of the whole repository, committed in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RepoDescription {
    /// The file it was read from.
    pub source: String,
    /// The text.
    pub text: String,
}

/// The docs sites of one root and its committed description.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SiteContext {
    /// The sites found, in path order.
    pub sites: Vec<Site>,
    /// The repository's committed description, if any (else the root README's opening
    /// paragraph).
    pub repository: Option<RepoDescription>,
    /// Folders holding code (a build manifest or source files), repository-relative with a
    /// trailing `/`: a README there is a developer README.
    pub code_dirs: std::collections::BTreeSet<String>,
}

impl SiteContext {
    /// Finds the docs sites among `paths` (every file of the root), reading only the candidate
    /// configuration files through `read`.
    pub fn from_files(paths: &[String], read: &dyn Fn(&str) -> Option<String>) -> SiteContext {
        let mut sites = Vec::new();
        let mut repository = None;
        for path in paths {
            let (dir, name) = match path.rsplit_once('/') {
                Some((d, n)) => (format!("{d}/"), n),
                None => (String::new(), path.as_str()),
            };
            let lower = name.to_ascii_lowercase();
            let site = match lower.as_str() {
                "tech-docs.yml" if dir.ends_with("config/") => read(path).and_then(|text| tech_docs(path, &dir, &text)),
                "mkdocs.yml" | "mkdocs.yaml" => read(path).and_then(|text| mkdocs(path, &dir, &text)),
                "hugo.toml" | "config.toml" | "hugo.yaml" | "hugo.yml" | "config.yaml" | "config.yml" => {
                    read(path).and_then(|text| hugo(path, &dir, &lower, &text, paths))
                }
                "docusaurus.config.js" | "docusaurus.config.ts" | "docusaurus.config.mjs" => {
                    read(path).and_then(|text| docusaurus(path, &dir, &text))
                }
                "antora.yml" => read(path).and_then(|text| antora(path, &dir, &text)),
                "conf.py" => read(path).and_then(|text| sphinx(path, &dir, &text)),
                "_config.yml" => read(path).and_then(|text| jekyll(path, &dir, &text)),
                _ => None,
            };
            sites.extend(site);
            if repository.is_none() {
                repository = repo_description(path, &lower, &dir, read);
            }
        }
        sites.sort_by(|a, b| a.content_dir.cmp(&b.content_dir));
        sites.dedup_by(|a, b| a.content_dir == b.content_dir);
        if repository.is_none()
            && let Some(readme) = paths.iter().find(|p| {
                let l = p.to_ascii_lowercase();
                l == "readme.md" || l == "readme.markdown" || l == "readme.rst" || l == "readme.adoc" || l == "readme"
            })
        {
            repository = read(readme)
                .and_then(|t| readme_opening(&t))
                .map(|text| RepoDescription {
                    source: readme.clone(),
                    text,
                });
        }
        let code_dirs = paths
            .iter()
            .filter(|p| is_code_file(p))
            .map(|p| p.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/")))
            .collect();
        SiteContext {
            sites,
            repository,
            code_dirs,
        }
    }

    /// Whether the folder of `path` holds code.
    pub fn in_code_dir(&self, path: &str) -> bool {
        let dir = path.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"));
        self.code_dirs.contains(&dir)
    }

    /// The site whose pages folder holds `path` (the innermost when sites nest).
    pub fn site_of(&self, path: &str) -> Option<&Site> {
        self.sites
            .iter()
            .filter(|s| path.starts_with(&s.content_dir))
            .max_by_key(|s| s.content_dir.len())
    }
}

/// A YAML mapping, or nothing.
fn yaml(text: &str) -> Option<serde_yaml_ng::Mapping> {
    match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).ok()? {
        serde_yaml_ng::Value::Mapping(m) => Some(m),
        _ => None,
    }
}

/// A string value at `key` of a YAML mapping, trimmed, non-empty.
fn ystr(map: &serde_yaml_ng::Mapping, key: &str) -> Option<String> {
    map.get(key)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Joins the non-empty parts as the site's own words.
fn says(parts: &[Option<String>]) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for part in parts.iter().flatten() {
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(part)) {
            seen.push(part);
        }
    }
    (!seen.is_empty()).then(|| seen.join(" — "))
}

/// Repository-relative folder `base` + `sub`, normalised with a trailing `/`.
fn join_dir(base: &str, sub: &str) -> String {
    let sub = sub.trim().trim_start_matches("./").trim_matches('/');
    if sub.is_empty() || sub == "." {
        base.to_string()
    } else {
        format!("{base}{sub}/")
    }
}

/// The folder above `config/` (Tech Docs and Hugo's `config/_default/`).
fn parent_dir(dir: &str) -> String {
    let trimmed = dir.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((p, _)) => format!("{p}/"),
        None => String::new(),
    }
}

/// GOV.UK Tech Docs: `config/tech-docs.yml`, pages under `source/`.
fn tech_docs(path: &str, dir: &str, text: &str) -> Option<Site> {
    let map = yaml(text)?;
    let says = says(&[
        ystr(&map, "service_name"),
        ystr(&map, "full_service_name"),
        ystr(&map, "description"),
    ])?;
    Some(Site {
        generator: "tech-docs",
        config: path.to_string(),
        content_dir: join_dir(&parent_dir(dir), "source"),
        says,
    })
}

/// MkDocs: `site_name`, `site_description`, `docs_dir`.
fn mkdocs(path: &str, dir: &str, text: &str) -> Option<Site> {
    // MkDocs files use `!!python/name:` tags that a plain YAML reader rejects: read the three
    // top-level keys line by line instead.
    let key = |k: &str| {
        text.lines().find_map(|l| {
            let rest = l.strip_prefix(k)?.strip_prefix(':')?;
            let v = rest.trim().trim_matches(['"', '\'']).trim();
            (!v.is_empty()).then(|| v.to_string())
        })
    };
    let says = says(&[key("site_name"), key("site_description")])?;
    Some(Site {
        generator: "mkdocs",
        config: path.to_string(),
        content_dir: join_dir(dir, key("docs_dir").as_deref().unwrap_or("docs")),
        says,
    })
}

/// Hugo: only when the file has Hugo's own keys (`baseURL`, `theme`) and the content folder
/// exists, since `config.yaml` is a common name for anything.
fn hugo(path: &str, dir: &str, name: &str, text: &str, paths: &[String]) -> Option<Site> {
    let base = if dir.ends_with("config/_default/") {
        parent_dir(&parent_dir(dir))
    } else {
        dir.to_string()
    };
    let value: serde_json::Value = if name.ends_with(".toml") {
        toml::from_str(text).ok()?
    } else {
        serde_yaml_ng::from_str(text).ok()?
    };
    let get = |k: &str| {
        value
            .as_object()?
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .and_then(|(_, v)| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if get("baseURL").is_none() && get("theme").is_none() {
        return None;
    }
    let content_dir = join_dir(&base, get("contentDir").as_deref().unwrap_or("content"));
    if !paths.iter().any(|p| p.starts_with(&content_dir)) {
        return None;
    }
    let description = value
        .get("params")
        .and_then(|p| p.get("description"))
        .and_then(|d| d.as_str())
        .map(str::to_string);
    Some(Site {
        generator: "hugo",
        config: path.to_string(),
        content_dir,
        says: says(&[get("title"), description])?,
    })
}

/// The first quoted string after `key:` in JavaScript/TypeScript source.
fn js_string(text: &str, key: &str) -> Option<String> {
    let mut rest = text;
    while let Some(i) = rest.find(key) {
        let before_ok = rest[..i]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let after = rest[i + key.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix(':') {
            let value = value.trim_start();
            if let Some(q) = value.chars().next().filter(|c| matches!(c, '\'' | '"' | '`')) {
                let body = &value[1..];
                let end = body.find(q)?;
                let s = body[..end].trim();
                return (!s.is_empty()).then(|| s.to_string());
            }
        }
        rest = &rest[i + key.len()..];
    }
    None
}

/// Docusaurus: `title` and `tagline`; pages under `docs/`.
fn docusaurus(path: &str, dir: &str, text: &str) -> Option<Site> {
    Some(Site {
        generator: "docusaurus",
        config: path.to_string(),
        content_dir: join_dir(dir, "docs"),
        says: says(&[js_string(text, "title"), js_string(text, "tagline")])?,
    })
}

/// Antora component descriptor: `title` (else `name`); pages under `modules/`.
fn antora(path: &str, dir: &str, text: &str) -> Option<Site> {
    let map = yaml(text)?;
    Some(Site {
        generator: "antora",
        config: path.to_string(),
        content_dir: join_dir(dir, "modules"),
        says: says(&[ystr(&map, "title").or_else(|| ystr(&map, "name"))])?,
    })
}

/// Sphinx: `project = "…"` in `conf.py`; pages beside it.
fn sphinx(path: &str, dir: &str, text: &str) -> Option<Site> {
    let project = text.lines().find_map(|l| {
        let rest = l.strip_prefix("project")?.trim_start().strip_prefix('=')?.trim();
        let q = rest.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
        let body = &rest[1..];
        let end = body.find(q)?;
        Some(body[..end].trim().to_string()).filter(|s| !s.is_empty())
    })?;
    Some(Site {
        generator: "sphinx",
        config: path.to_string(),
        content_dir: dir.to_string(),
        says: project,
    })
}

/// Jekyll (GitHub Pages): `title` and `description`; pages beside `_config.yml`.
fn jekyll(path: &str, dir: &str, text: &str) -> Option<Site> {
    let map = yaml(text)?;
    Some(Site {
        generator: "jekyll",
        config: path.to_string(),
        content_dir: dir.to_string(),
        says: says(&[ystr(&map, "title"), ystr(&map, "description")])?,
    })
}

/// Build manifests and source files: what makes a folder a code folder.
fn is_code_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let manifests = [
        "package.json",
        "go.mod",
        "cargo.toml",
        "pom.xml",
        "build.gradle",
        "build.gradle.kts",
        "setup.py",
        "pyproject.toml",
        "requirements.txt",
        "gemfile",
        "dockerfile",
        "makefile",
        "mix.exs",
        "composer.json",
    ];
    let sources = [
        ".go", ".py", ".js", ".ts", ".rb", ".java", ".kt", ".cs", ".rs", ".c", ".cpp", ".php", ".scala", ".ex", ".sh",
        ".csproj",
    ];
    manifests.contains(&name.as_str()) || sources.iter().any(|s| name.ends_with(s))
}

/// The opening paragraph of a README: the first prose after its title, badges, images and
/// HTML skipped, at most 400 characters.
fn readme_opening(text: &str) -> Option<String> {
    let mut para = String::new();
    for line in text.lines() {
        let t = line.trim();
        let skip = t.starts_with('#')
            || t.starts_with("[![")
            || t.starts_with("![")
            || t.starts_with('<')
            || t.starts_with("---")
            || t.starts_with("===")
            || t.starts_with('|')
            || t.starts_with("- [")
            || t.starts_with("* [");
        if t.is_empty() || skip {
            if !para.is_empty() {
                break;
            }
            continue;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
        if para.len() > 400 {
            break;
        }
    }
    let para = para.trim().to_string();
    (para.split_whitespace().count() >= 5).then(|| match para.char_indices().nth(400) {
        Some((i, _)) => para[..i].to_string(),
        None => para,
    })
}

/// A committed description of the whole repository (root-level files only, except
/// `.github/settings.yml`).
fn repo_description(
    path: &str,
    lower: &str,
    dir: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> Option<RepoDescription> {
    let text = match (dir, lower) {
        (".github/", "settings.yml" | "settings.yaml") => {
            let map = yaml(&read(path)?)?;
            let repo = map.get("repository")?.as_mapping()?;
            ystr(repo, "description")
        }
        ("", "catalog-info.yaml" | "catalog-info.yml") => {
            // Several YAML documents may follow each other: the first with a description wins.
            let text = read(path)?;
            text.split("\n---").find_map(|part| {
                let map = yaml(part)?;
                ystr(map.get("metadata")?.as_mapping()?, "description")
            })
        }
        ("", "citation.cff") => {
            let map = yaml(&read(path)?)?;
            says(&[ystr(&map, "title"), ystr(&map, "abstract")])
        }
        ("", "package.json") => {
            let value: serde_json::Value = serde_json::from_str(&read(path)?).ok()?;
            value
                .get("description")?
                .as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        }
        _ => None,
    }?;
    Some(RepoDescription {
        source: path.to_string(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn context(files: &[(&str, &str)]) -> SiteContext {
        let paths: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
        let read = |p: &str| files.iter().find(|(q, _)| *q == p).map(|(_, t)| t.to_string());
        SiteContext::from_files(&paths, &read)
    }

    #[test]
    fn generators() {
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<(&'a str, &'a str)>);
        let cases: &[Case] = &[
            (
                &[
                    (
                        "config/tech-docs.yml",
                        "service_name: Cloud Platform Runbooks\nhost: x\n",
                    ),
                    ("source/add-nodes.html.md.erb", ""),
                ],
                "source/add-nodes.html.md.erb",
                Some(("source/", "Cloud Platform Runbooks")),
            ),
            (
                &[(
                    "config/tech-docs.yml",
                    "service_name: Developer docs\nfull_service_name: GOV.UK Developer Documentation\ndescription: For developers\n",
                )],
                "source/manual/x.html.md",
                Some((
                    "source/",
                    "Developer docs — GOV.UK Developer Documentation — For developers",
                )),
            ),
            (
                &[(
                    "mkdocs.yml",
                    "site_name: 'SRE Runbooks'\ndocs_dir: book\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                )],
                "book/db.md",
                Some(("book/", "SRE Runbooks")),
            ),
            (
                &[
                    (
                        "config.yaml",
                        "baseURL: https://x\ntitle: \"kube-prometheus runbooks\"\ntheme: book\n",
                    ),
                    ("content/runbooks/a.md", ""),
                ],
                "content/runbooks/a.md",
                Some(("content/", "kube-prometheus runbooks")),
            ),
            (
                &[
                    (
                        "site/hugo.toml",
                        "baseURL = 'https://x'\ntitle = 'Ops Manual'\ncontentDir = 'pages'\n",
                    ),
                    ("site/pages/a.md", ""),
                ],
                "site/pages/a.md",
                Some(("site/pages/", "Ops Manual")),
            ),
            // A config.yaml that is not Hugo's.
            (
                &[("config.yaml", "title: x\nport: 8080\n"), ("content/a.md", "")],
                "content/a.md",
                None,
            ),
            (
                &[(
                    "website/docusaurus.config.ts",
                    "const config: Config = {\n  title: 'Platform Playbooks',\n  tagline: \"How we run things\",\n  navbar: { title: 'Nav' },\n};\n",
                )],
                "website/docs/intro.md",
                Some(("website/docs/", "Platform Playbooks — How we run things")),
            ),
            (
                &[("docs/antora.yml", "name: ops\ntitle: Operations Runbooks\nversion: ~\n")],
                "docs/modules/ROOT/pages/a.adoc",
                Some(("docs/modules/", "Operations Runbooks")),
            ),
            (
                &[(
                    "docs/source/conf.py",
                    "import os\nproject = 'Payments Runbooks'\nauthor = 'x'\n",
                )],
                "docs/source/index.rst",
                Some(("docs/source/", "Payments Runbooks")),
            ),
            (
                &[("config/tech-docs.yml", "service_name: [unclosed\n")],
                "source/a.md",
                None,
            ),
        ];
        for (files, page, want) in cases {
            let ctx = context(files);
            let got = ctx.site_of(page).map(|s| (s.content_dir.as_str(), s.says.as_str()));
            assert_eq!(got, *want, "{page}");
        }
    }

    #[test]
    fn innermost_site_wins_and_outside_pages_have_none() {
        let ctx = context(&[
            ("_config.yml", "title: Team site\n"),
            ("ops/mkdocs.yml", "site_name: Runbooks\n"),
        ]);
        assert_eq!(ctx.site_of("ops/docs/a.md").map(|s| s.generator), Some("mkdocs"));
        assert_eq!(ctx.site_of("README.md").map(|s| s.generator), Some("jekyll"));
        let ctx = context(&[("ops/mkdocs.yml", "site_name: Runbooks\n")]);
        assert_eq!(ctx.site_of("README.md"), None);
    }

    #[test]
    fn repository_descriptions() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                ".github/settings.yml",
                "repository:\n  name: ops\n  description: Runbooks for the payments platform\n",
                Some("Runbooks for the payments platform"),
            ),
            (
                "catalog-info.yaml",
                "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  description: Operations manual\n",
                Some("Operations manual"),
            ),
            (
                "package.json",
                "{\"name\": \"x\", \"description\": \"ADR tools\"}",
                Some("ADR tools"),
            ),
            ("sub/package.json", "{\"description\": \"not the repository\"}", None),
            ("package.json", "{not json", None),
        ];
        for (path, text, want) in cases {
            let ctx = context(&[(path, text)]);
            assert_eq!(ctx.repository.as_ref().map(|r| r.text.as_str()), *want, "{path}");
        }
    }
}
