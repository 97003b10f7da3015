//! Table-driven tests of the ownership facts: the GitHub matcher case by case, GitLab files
//! as whole files, and `gather` end to end (precedence, explicit vs unmatched, dead rules,
//! errors with line and column, coverage, malformed input, the 3 MiB limit, property tests).
//!
//! Every group cites the documentation it was written from. Fixtures are in-memory maps
//! passed through the same reader closure the scanner uses.

use std::collections::HashMap;

use pretty_assertions::assert_eq;
use proptest::prelude::*;

use super::pattern::{self, components};
use super::*;

const GH_DOC: &str = "docs.github.com › About code owners › Example of a CODEOWNERS file";
const GH_SYNTAX: &str = "docs.github.com › About code owners › Syntax exceptions / case sensitivity";
const GITIGNORE: &str = "git-scm.com/docs/gitignore › PATTERN FORMAT";

/// (source, pattern, path, expected) for the GitHub dialect.
#[rustfmt::skip]
fn github_cases() -> Vec<(&'static str, &'static str, &'static str, bool)> {
    vec![
        // `*`: "These owners will be the default owners for everything in the repo".
        (GH_DOC, "*", "README.md", true),
        (GH_DOC, "*", "src/main.rs", true),
        (GH_DOC, "*", ".github/workflows/ci.yml", true),
        (GH_DOC, "*", "a/b/c/d/e/f.txt", true),
        // `*.js`: "any .js files" at any depth.
        (GH_DOC, "*.js", "app.js", true),
        (GH_DOC, "*.js", "src/components/app.js", true),
        (GH_DOC, "*.js", "app.jsx", false),
        (GH_DOC, "*.js", "app.js.map", false),
        (GH_DOC, "*.js", "js", false),
        (GH_DOC, "*.js", ".js", true),
        (GH_DOC, "*.go", "cmd/main.go", true),
        (GH_DOC, "*.go", "main.go.txt", false),
        // `/build/logs/`: "any files in the /build/logs directory at the root … and any of its subdirectories".
        (GH_DOC, "/build/logs/", "build/logs/a.log", true),
        (GH_DOC, "/build/logs/", "build/logs/2024/01/a.log", true),
        (GH_DOC, "/build/logs/", "src/build/logs/a.log", false),
        (GH_DOC, "/build/logs/", "build/logs", false),
        (GH_DOC, "/build/logs/", "build/logsx/a.log", false),
        (GH_DOC, "/build/logs/", "build/a.log", false),
        // `docs/*`: "will match files like docs/getting-started.md but not further nested files".
        (GH_DOC, "docs/*", "docs/getting-started.md", true),
        (GH_DOC, "docs/*", "docs/build-app/troubleshooting.md", false),
        (GH_DOC, "docs/*", "docs", false),
        (GH_DOC, "docs/*", "src/docs/a.md", false),
        (GH_DOC, "docs/*", "docs/.hidden", true),
        // `apps/`: "any file in an apps directory anywhere in your repository".
        (GH_DOC, "apps/", "apps/web/index.ts", true),
        (GH_DOC, "apps/", "apps/main.go", true),
        (GH_DOC, "apps/", "services/apps/x.py", true),
        (GH_DOC, "apps/", "a/b/c/apps/d/e", true),
        (GH_DOC, "apps/", "apps", false),
        (GH_DOC, "apps/", "myapps/x", false),
        (GH_DOC, "apps/", "apps.txt", false),
        // `/docs/`: "any file in the /docs directory in the root … and any of its subdirectories".
        (GH_DOC, "/docs/", "docs/index.md", true),
        (GH_DOC, "/docs/", "docs/api/v1/x.md", true),
        (GH_DOC, "/docs/", "src/docs/index.md", false),
        (GH_DOC, "/docs/", "docs", false),
        (GH_DOC, "/scripts/", "scripts/deploy.sh", true),
        (GH_DOC, "/scripts/", "tools/scripts/deploy.sh", false),
        // `**/logs`: "any /logs directory such as /build/logs, /scripts/logs, and /deeply/nested/logs".
        (GH_DOC, "**/logs", "build/logs/a.log", true),
        (GH_DOC, "**/logs", "scripts/logs/b.log", true),
        (GH_DOC, "**/logs", "deeply/nested/logs/c.log", true),
        (GH_DOC, "**/logs", "logs/root.log", true),
        (GH_DOC, "**/logs", "logs", true),
        (GH_DOC, "**/logs", "build/logsx/a", false),
        (GH_DOC, "**/logs", "build/mylogs/a", false),
        // `/apps/github` (the "except for the /apps/github subdirectory" example).
        (GH_DOC, "/apps/github", "apps/github", true),
        (GH_DOC, "/apps/github", "apps/github/index.ts", true),
        (GH_DOC, "/apps/github", "apps/github/deep/x", true),
        (GH_DOC, "/apps/github", "apps/githubx/index.ts", false),
        (GH_DOC, "/apps/github", "x/apps/github/index.ts", false),
        (GH_DOC, "/apps/", "apps/github/index.ts", true),
        // `/.github/`-style dot directories are ordinary directories.
        (GH_DOC, "/.github/", ".github/CODEOWNERS", true),
        (GH_DOC, "/.github/", "x/.github/CODEOWNERS", false),
        (GH_DOC, ".github/", "x/.github/CODEOWNERS", true),

        // "A separator at the beginning or middle … the pattern is relative to the root".
        (GITIGNORE, "doc/frotz", "doc/frotz", true),
        (GITIGNORE, "doc/frotz", "doc/frotz/a.txt", true),
        (GITIGNORE, "doc/frotz", "a/doc/frotz", false),
        (GITIGNORE, "doc/frotz", "a/doc/frotz/b", false),
        (GITIGNORE, "/doc/frotz", "doc/frotz/b", true),
        (GITIGNORE, "doc/frotz/", "doc/frotz/b", true),
        (GITIGNORE, "doc/frotz/", "doc/frotz", false),
        (GITIGNORE, "doc/frotz/", "a/doc/frotz/b", false),
        // "frotz/ matches frotz and a/frotz that is a directory".
        (GITIGNORE, "frotz/", "frotz/x", true),
        (GITIGNORE, "frotz/", "a/frotz/x", true),
        (GITIGNORE, "frotz/", "frotz", false),
        (GITIGNORE, "frotz/", "a/frotz", false),
        // "Otherwise the pattern may also match at any level".
        (GITIGNORE, "foo", "foo", true),
        (GITIGNORE, "foo", "a/foo", true),
        (GITIGNORE, "foo", "a/b/foo", true),
        (GITIGNORE, "foo", "foo/bar", true),
        (GITIGNORE, "foo", "a/foo/bar", true),
        (GITIGNORE, "foo", "foo.txt", false),
        (GITIGNORE, "foo", "a/foobar", false),
        (GITIGNORE, "foo", "afoo", false),
        (GITIGNORE, "/foo", "foo", true),
        (GITIGNORE, "/foo", "foo/bar", true),
        (GITIGNORE, "/foo", "a/foo", false),
        (GITIGNORE, "/foo", "fool.txt", false),
        // "An asterisk * matches anything except a slash".
        (GITIGNORE, "foo/*", "foo/bar", true),
        (GITIGNORE, "foo/*", "foo/bar/baz", false),
        (GITIGNORE, "foo/*.txt", "foo/a.txt", true),
        (GITIGNORE, "foo/*.txt", "foo/a/b.txt", false),
        (GITIGNORE, "foo/*.txt", "x/foo/a.txt", false),
        (GITIGNORE, "foo/*/baz", "foo/bar/baz", true),
        (GITIGNORE, "foo/*/baz", "foo/bar/baz/qux", true),
        (GITIGNORE, "foo/*/baz", "foo/baz", false),
        (GITIGNORE, "foo/*/baz", "foo/a/b/baz", false),
        (GITIGNORE, "f*", "foo", true),
        (GITIGNORE, "f*", "bar/foo", true),
        (GITIGNORE, "f*", "foo/bar", true),
        (GITIGNORE, "f*", "bar/baz", false),
        (GITIGNORE, "f*", "xfoo", false),
        (GITIGNORE, "/f*", "foo/bar", true),
        (GITIGNORE, "/f*", "bar/foo", false),
        (GITIGNORE, "/*", "README.md", true),
        (GITIGNORE, "/*", "src/main.rs", false),
        (GITIGNORE, "/*/", "src/main.rs", true),
        (GITIGNORE, "/*/", "README.md", false),
        (GITIGNORE, "f*/", "foo/bar", true),
        (GITIGNORE, "f*/", "foo", false),
        (GITIGNORE, "*.md", "README.md", true),
        (GITIGNORE, "*.md", "docs/a/b/c.md", true),
        (GITIGNORE, "*.md", "README.mdx", false),
        (GITIGNORE, "*a*b*", "xaybz", true),
        (GITIGNORE, "*a*b*", "xbyaz", false),
        // "The character ? matches any one character except /".
        (GITIGNORE, "f?o", "foo", true),
        (GITIGNORE, "f?o", "fo", false),
        (GITIGNORE, "f?o", "fooo", false),
        (GITIGNORE, "f?o", "f/o", false),
        (GITIGNORE, "?", "a", true),
        (GITIGNORE, "?", "ab", false),
        (GITIGNORE, "v?/", "v1/api.go", true),
        (GITIGNORE, "v?/", "v10/api.go", false),
        // "A leading ** followed by a slash means match in all directories".
        (GITIGNORE, "**/foo", "foo", true),
        (GITIGNORE, "**/foo", "a/foo", true),
        (GITIGNORE, "**/foo", "a/b/foo/c", true),
        (GITIGNORE, "**/foo/bar", "foo/bar", true),
        (GITIGNORE, "**/foo/bar", "x/foo/bar", true),
        (GITIGNORE, "**/foo/bar", "x/foo/bar/baz", true),
        (GITIGNORE, "**/foo/bar", "foo/baz/bar", false),
        (GITIGNORE, "**/foo/bar", "x/foo/y/bar", false),
        (GITIGNORE, "**/*bar*", "bar", true),
        (GITIGNORE, "**/*bar*", "foo/rebar", true),
        (GITIGNORE, "**/*bar*", "foo/barrio", true),
        (GITIGNORE, "**/*bar*", "foo/qux", false),
        // "A trailing /** matches everything inside": abc/** matches all files inside abc.
        (GITIGNORE, "abc/**", "abc/x", true),
        (GITIGNORE, "abc/**", "abc/x/y/z", true),
        (GITIGNORE, "abc/**", "abc", false),
        (GITIGNORE, "abc/**", "xabc/y", false),
        (GITIGNORE, "abc/**", "q/abc/x", false),
        (GITIGNORE, "/dir/**", "dir", false),
        (GITIGNORE, "/dir/**", "dir/file", true),
        // "A slash followed by two asterisks then a slash matches zero or more directories".
        (GITIGNORE, "a/**/b", "a/b", true),
        (GITIGNORE, "a/**/b", "a/x/b", true),
        (GITIGNORE, "a/**/b", "a/x/y/b", true),
        (GITIGNORE, "a/**/b", "a/x/y/b/c", true),
        (GITIGNORE, "a/**/b", "a/xb", false),
        (GITIGNORE, "a/**/b", "b", false),
        (GITIGNORE, "a/**/b", "x/a/b", false),
        (GITIGNORE, "foo/**/", "foo/bar", true),
        (GITIGNORE, "foo/**/", "foo", false),
        (GITIGNORE, "foo/**/bar/b*", "foo/bar/baz", true),
        (GITIGNORE, "foo/**/bar/b*", "foo/qux/bar/baz", true),
        (GITIGNORE, "foo/**/bar/b*", "foo/bar/qux", false),
        (GITIGNORE, "**", "anything/at/all", true),
        (GITIGNORE, "/**", "x", true),
        (GITIGNORE, "**/*", "deep/er/file", true),
        // "Other consecutive asterisks are considered regular asterisks".
        (GITIGNORE, "a***b", "axyzb", true),
        (GITIGNORE, "a***b", "a/b", false),
        (GITIGNORE, "x**y", "x/y", false),
        // "Put a backslash in front of … to match literally" (escapes other than a leading #).
        (GITIGNORE, "f\\*o", "f*o", true),
        (GITIGNORE, "f\\*o", "foo", false),
        (GITIGNORE, "f\\?o", "f?o", true),
        (GITIGNORE, "f\\?o", "fxo", false),
        (GITIGNORE, "my\\ file.txt", "my file.txt", true),
        (GITIGNORE, "my\\ file.txt", "docs/my file.txt", true),
        (GITIGNORE, "/path\\ with\\ spaces/", "path with spaces/a", true),

        // "Using [ ] to define a character range" does not work: brackets are literal.
        (GH_SYNTAX, "[abc].md", "a.md", false),
        (GH_SYNTAX, "[abc].md", "[abc].md", true),
        (GH_SYNTAX, "ceval*.[ch]", "Python/ceval.c", false),
        (GH_SYNTAX, "ceval*.[ch]", "Python/ceval_gil.[ch]", true),
        (GH_SYNTAX, "a[", "a[", true),
        // "CODEOWNERS paths are case sensitive".
        (GH_SYNTAX, "/Docs/", "docs/a.md", false),
        (GH_SYNTAX, "/Docs/", "Docs/a.md", true),
        (GH_SYNTAX, "*.MD", "README.md", false),
        (GH_SYNTAX, "README.md", "readme.md", false),
        (GH_SYNTAX, "README.md", "sub/README.md", true),
        // Non-ASCII names match character by character.
        (GH_SYNTAX, "docs/*.md", "docs/café.md", true),
        (GH_SYNTAX, "caf?", "café", true),
        (GH_SYNTAX, "日本/", "src/日本/x.rs", true),
    ]
}

#[test]
fn github_pattern_table() {
    let cases = github_cases();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (doc, pat, path, want) in &cases {
        let got = pattern::github(pat).is_some_and(|p| p.matches(&components(path)));
        if got != *want {
            failures.push(format!("[{doc}] `{pat}` vs `{path}`: expected {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn reader(files: &HashMap<String, Vec<u8>>) -> impl Fn(&str) -> Option<Vec<u8>> + '_ {
    |p: &str| files.get(p).cloned()
}

/// Gathers facts for a fixture: (path, content) of ownership files plus other tracked paths.
fn run(ownership_files: &[(&str, &str)], others: &[&str], dialect: Option<Dialect>) -> (Vec<String>, OwnershipFacts) {
    let files: HashMap<String, Vec<u8>> = ownership_files
        .iter()
        .map(|(p, c)| (p.to_string(), c.as_bytes().to_vec()))
        .collect();
    let mut tracked: Vec<String> = ownership_files
        .iter()
        .map(|(p, _)| p.to_string())
        .chain(others.iter().map(|p| p.to_string()))
        .collect();
    tracked.sort();
    tracked.dedup();
    let facts = gather(&tracked, &reader(&files), &OwnershipOptions { dialect });
    (tracked, facts)
}

const GL_REF: &str = "docs.gitlab.com › Syntax of CODEOWNERS file";
const GL_ADV: &str = "docs.gitlab.com › Advanced CODEOWNERS configuration";
const GL_CODE: &str =
    "gitlab ee/lib/gitlab/code_owners/file.rb (normalize_pattern, File.fnmatch? FNM_PATHNAME|FNM_DOTMATCH)";

const GL_SECTIONS: &str = "* @admin\n\n[README Owners]\nREADME.md @user1 @user2\ninternal/README.md @user4\n\n[README other owners]\nREADME.md @user3\n";
const GL_DEFAULTS: &str = "[Documentation] @docs-team\ndocs/\nREADME.md\n\n[Database] @database-team @agarcia\nmodel/db/\nconfig/db/database-setup.md @docs-team\n";
const GL_REGULAR: &str = "# Required for all files\n* @general-approvers\n\n[Documentation] @docs-team\ndocs/\nREADME.md\n*.txt\n\n[Database] @database-team\nmodel/db/\nconfig/db/database-setup.md @docs-team\n";
const GL_DUPLICATE: &str = "[Documentation]\nee/docs/ @docs\ndocs/ @docs\n\n[Database]\nREADME.md @database\n\n[DOCUMENTATION]\nREADME.md @docs\n";
const GL_EXCLUDE: &str = "# All files require approval from @username\n* @username\n\n# Except pom.xml which needs no approval\n!pom.xml\n\n[Ruby]\n# All ruby files require approval from @ruby-team\n*.rb @ruby-team\n\n# Except Ruby files in the config directory\n!/config/**/*.rb\n";
const GL_STICKY: &str = "* @default-owner\n!*.rb\n/special/*.rb @ruby-owner\n";
const GL_STICKY_SECTION: &str = "[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n/config/routes.rb @ops\n";
const GL_TWO_SECTIONS: &str = "[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n\n[Config]\n/config/ @ops-team\n";
const GL_AUTOMATION: &str = "* @default-owner\n\n!package-lock.json\n!yarn.lock\n!**/generated/\n!.gitlab-ci.yml\n";
const GL_EXAMPLES: &str = "* @default-owner\nREADME.md @doc-team @tech-lead\n*.rb @ruby-owner\nLICENSE @legal janedoe@gitlab.com\nREADME @group @group/with-nested/subgroup\n/docs/ @all-docs\n/docs/* @root-docs\n/docs/**/*.md @markdown-docs\n/db/**/index.md @index-docs\n/config/ @@maintainer\n";
const GL_PATHS: &str = "/docs/*.md @wild\n/docs/index.* @index\n/docs/*spec* @spec\n/docs/*/README.md @one-deep\n/guide/**/index.md @globstar\n/README.md @abs\n/docs/README.md @abs-docs\ninternal/README.md @rel\n";
const GL_ESCAPES: &str = "path\\ with\\ spaces/ @space-owner\n\\#file_with_pound.rb @owner-file-with-pound\n";
const GL_QUIRKS: &str = "docs @file-only\n/lib/** @one-level\n*.yml @yaml\n/src/[ab]*.c @class\n";
const GL_OPTIONAL: &str = "^[Go]\n*.go @root\n\n[Docs][2] @docs\ndocs/\n";

/// (source, file, path, expected owners, explicitly unowned) for the GitLab dialect.
#[rustfmt::skip]
fn gitlab_cases() -> Vec<(&'static str, &'static str, &'static str, Vec<&'static str>, bool)> {
    vec![
        // Sections: "Only one Code Owner pattern per section is matched"; union across sections.
        (GL_REF, GL_SECTIONS, "README.md", vec!["@admin", "@user1", "@user2", "@user3"], false),
        (GL_REF, GL_SECTIONS, "internal/README.md", vec!["@admin", "@user4", "@user3"], false),
        (GL_REF, GL_SECTIONS, "src/main.rb", vec!["@admin"], false),
        // Set default Code Owner for a section.
        (GL_REF, GL_DEFAULTS, "docs/index.md", vec!["@docs-team"], false),
        (GL_REF, GL_DEFAULTS, "README.md", vec!["@docs-team"], false),
        (GL_REF, GL_DEFAULTS, "model/db/schema.rb", vec!["@database-team", "@agarcia"], false),
        (GL_REF, GL_DEFAULTS, "config/db/database-setup.md", vec!["@docs-team"], false),
        (GL_REF, GL_DEFAULTS, "app/models/user.rb", vec![], false),
        (GL_REF, GL_DEFAULTS, "ee/docs/intro.md", vec!["@docs-team"], false),
        // Regular entries and sections: the unnamed section always applies.
        (GL_ADV, GL_REGULAR, "README.md", vec!["@general-approvers", "@docs-team"], false),
        (GL_ADV, GL_REGULAR, "notes.txt", vec!["@general-approvers", "@docs-team"], false),
        (GL_ADV, GL_REGULAR, "model/db/a.rb", vec!["@general-approvers", "@database-team"], false),
        (GL_ADV, GL_REGULAR, "config/db/database-setup.md", vec!["@general-approvers", "@docs-team"], false),
        (GL_ADV, GL_REGULAR, "lib/x.rb", vec!["@general-approvers"], false),
        // Sections with duplicate names are combined (names are case-insensitive).
        (GL_ADV, GL_DUPLICATE, "README.md", vec!["@docs", "@database"], false),
        (GL_ADV, GL_DUPLICATE, "ee/docs/a.md", vec!["@docs"], false),
        (GL_ADV, GL_DUPLICATE, "src/a.rb", vec![], false),
        // The reference's example file: last match wins within the section.
        (GL_REF, GL_EXAMPLES, "README.md", vec!["@doc-team", "@tech-lead"], false),
        (GL_REF, GL_EXAMPLES, "app/models/user.rb", vec!["@ruby-owner"], false),
        (GL_REF, GL_EXAMPLES, "LICENSE", vec!["@legal", "janedoe@gitlab.com"], false),
        (GL_REF, GL_EXAMPLES, "sub/README", vec!["@group", "@group/with-nested/subgroup"], false),
        (GL_REF, GL_EXAMPLES, "docs/guide/setup.md", vec!["@markdown-docs"], false),
        (GL_REF, GL_EXAMPLES, "docs/guide/image.png", vec!["@all-docs"], false),
        (GL_REF, GL_EXAMPLES, "docs/image.png", vec!["@root-docs"], false),
        (GL_REF, GL_EXAMPLES, "db/a/b/index.md", vec!["@index-docs"], false),
        (GL_REF, GL_EXAMPLES, "config/app.yml", vec!["@@maintainer"], false),
        (GL_REF, GL_EXAMPLES, "src/x.py", vec!["@default-owner"], false),
        // Path matching: absolute, relative, wildcard, globstar.
        (GL_REF, GL_PATHS, "README.md", vec!["@abs"], false),
        (GL_REF, GL_PATHS, "lib/README.md", vec![], false),
        (GL_REF, GL_PATHS, "docs/README.md", vec!["@abs-docs"], false),
        (GL_REF, GL_PATHS, "internal/README.md", vec!["@rel"], false),
        (GL_REF, GL_PATHS, "docs/internal/README.md", vec!["@rel"], false),
        (GL_REF, GL_PATHS, "docs/api/internal/README.md", vec!["@rel"], false),
        (GL_REF, GL_PATHS, "docs/guide.md", vec!["@wild"], false),
        (GL_REF, GL_PATHS, "docs/index.html", vec!["@index"], false),
        (GL_REF, GL_PATHS, "docs/qa_specs.rb", vec!["@spec"], false),
        (GL_REF, GL_PATHS, "docs/runtime.spec", vec!["@spec"], false),
        (GL_REF, GL_PATHS, "docs/api/README.md", vec!["@one-deep"], false),
        (GL_REF, GL_PATHS, "docs/api/v2/README.md", vec![], false),
        (GL_REF, GL_PATHS, "guide/index.md", vec!["@globstar"], false),
        (GL_REF, GL_PATHS, "guide/api/graphql/index.md", vec!["@globstar"], false),
        // Escapes: "If the path contains spaces, escape them"; `\#` for a leading pound sign.
        (GL_REF, GL_ESCAPES, "path with spaces/a.txt", vec!["@space-owner"], false),
        (GL_REF, GL_ESCAPES, "x/path with spaces/y/z", vec!["@space-owner"], false),
        (GL_REF, GL_ESCAPES, "#file_with_pound.rb", vec!["@owner-file-with-pound"], false),
        (GL_REF, GL_ESCAPES, "path/with/spaces/a", vec![], false),
        // fnmatch quirks: no trailing `/` → a file only; a final `**` is one level; dotfiles; classes.
        (GL_CODE, GL_QUIRKS, "docs", vec!["@file-only"], false),
        (GL_CODE, GL_QUIRKS, "docs/a.md", vec![], false),
        (GL_CODE, GL_QUIRKS, "lib/a.rb", vec!["@one-level"], false),
        (GL_CODE, GL_QUIRKS, "lib/a/b.rb", vec![], false),
        (GL_CODE, GL_QUIRKS, ".gitlab-ci.yml", vec!["@yaml"], false),
        (GL_CODE, GL_QUIRKS, "src/a1.c", vec!["@class"], false),
        (GL_CODE, GL_QUIRKS, "src/c1.c", vec![], false),
        // Exclusion patterns: "Exclusions apply in their section".
        (GL_REF, GL_EXCLUDE, "pom.xml", vec![], true),
        (GL_REF, GL_EXCLUDE, "module/pom.xml", vec![], true),
        (GL_REF, GL_EXCLUDE, "app/models/user.rb", vec!["@username", "@ruby-team"], false),
        (GL_REF, GL_EXCLUDE, "config/initializers/a.rb", vec!["@username"], false),
        (GL_REF, GL_EXCLUDE, "config/routes.rb", vec!["@username"], false),
        // "After a pattern is excluded, it cannot be included again in the same section".
        (GL_REF, GL_STICKY, "special/x.rb", vec![], true),
        (GL_REF, GL_STICKY, "special/x.py", vec!["@default-owner"], false),
        (GL_REF, GL_STICKY_SECTION, "config/routes.rb", vec![], true),
        (GL_REF, GL_STICKY_SECTION, "app/a.rb", vec!["@ruby-team"], false),
        // "If you need different exclusions for different owners, use multiple sections".
        (GL_REF, GL_TWO_SECTIONS, "config/x.rb", vec!["@ops-team"], false),
        (GL_REF, GL_TWO_SECTIONS, "app/x.rb", vec!["@ruby-team"], false),
        // "Use exclusions for files that are automatically updated".
        (GL_REF, GL_AUTOMATION, "package-lock.json", vec![], true),
        (GL_REF, GL_AUTOMATION, "web/yarn.lock", vec![], true),
        (GL_REF, GL_AUTOMATION, "api/generated/client.ts", vec![], true),
        (GL_REF, GL_AUTOMATION, ".gitlab-ci.yml", vec![], true),
        (GL_REF, GL_AUTOMATION, "src/main.ts", vec!["@default-owner"], false),
        // Optional sections and approval counts change nothing about who owns.
        (GL_REF, GL_OPTIONAL, "cmd/main.go", vec!["@root"], false),
        (GL_REF, GL_OPTIONAL, "docs/a.md", vec!["@docs"], false),
    ]
}

#[test]
fn gitlab_whole_file_table() {
    let cases = gitlab_cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (doc, file, path, want, explicit) in &cases {
        let (tracked, facts) = run(&[(".gitlab/CODEOWNERS", file)], &[path], None);
        let got = facts.owners_of(&tracked, path).unwrap();
        if got.owners != *want || got.explicitly_unowned != *explicit {
            failures.push(format!(
                "[{doc}] {path}: expected {want:?} (explicit {explicit}), got {:?} (explicit {})\n{file}",
                got.owners, got.explicitly_unowned
            ));
        }
        assert_eq!(facts.sources[0].dialect, Some(Dialect::Gitlab));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn gitlab_sections_are_recorded_and_merged() {
    let (_, facts) = run(
        &[(
            "CODEOWNERS",
            "[Docs][2] @a\ndocs/\n^[Go]\n*.go @g\n^[docs] @b\nREADME.md\n",
        )],
        &[],
        None,
    );
    let src = &facts.sources[0];
    assert_eq!(src.dialect, Some(Dialect::Gitlab));
    assert_eq!(
        src.sections,
        vec![
            CodeownersSection {
                name: "Docs".into(),
                line: 1,
                optional: false,
                approvals: Some(2),
                default_owners: vec!["@a".into(), "@b".into()]
            },
            CodeownersSection {
                name: "Go".into(),
                line: 3,
                optional: true,
                approvals: None,
                default_owners: vec![]
            },
        ]
    );
    assert_eq!(src.rules[2].section.as_deref(), Some("Docs"));
    assert_eq!(src.rules[2].owners, vec!["@b"]);
}

#[test]
fn gitlab_errors_name_line_and_column() {
    let file = "[Docs\n[]\n[A][0]\n*.md @ok # note @also\n/x/ notanowner\n!\n/y/\n[B]x\n/z[ab @o\n";
    let (tracked, facts) = run(&[("CODEOWNERS", file)], &["a.md", "y/f"], Some(Dialect::Gitlab));
    let got: Vec<(u32, Option<u32>, &str)> = facts
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, Some(1), "invalid section header: missing `]`; line skipped"),
            (2, Some(1), "section header has no name; line skipped"),
            (
                3,
                Some(4),
                "invalid approval count `0`: must be a whole number of at least 1; line skipped"
            ),
            (
                4,
                Some(10),
                "malformed owner `#`: GitLab does not support inline comments (owners written after it are still used)"
            ),
            (
                5,
                Some(1),
                "entry `/x/` has no owners and its section no default owners"
            ),
            (
                5,
                Some(5),
                "malformed owner `notanowner`: expected @user, @group/subgroup, @@role or an email address"
            ),
            (6, Some(1), "lone `!` without a pattern; line skipped"),
            (
                7,
                Some(1),
                "entry `/y/` has no owners and its section no default owners"
            ),
            (
                8,
                Some(1),
                "invalid section header: unexpected `x` after `]`; line skipped"
            ),
            (9, Some(3), "unclosed `[` in `/z[ab`: the pattern can never match"),
        ]
    );
    assert_eq!(facts.owners_of(&tracked, "a.md").unwrap().owners, vec!["@ok", "@also"]);
    let y = facts.owners_of(&tracked, "y/f").unwrap();
    assert!(
        y.explicitly_unowned,
        "an ownerless entry leaves its files without owners"
    );
}

#[test]
fn github_explicitly_unowned_vs_unmatched() {
    let file = "/apps/ @octocat\n/apps/github\n";
    let (tracked, facts) = run(
        &[(".github/CODEOWNERS", file)],
        &["apps/web/a.ts", "apps/github/b.ts", "lib/c.ts"],
        None,
    );
    let get = |p: &str| facts.owners_of(&tracked, p).unwrap().clone();
    assert_eq!(get("apps/web/a.ts").owners, vec!["@octocat"]);
    let gh = get("apps/github/b.ts");
    assert!(gh.owners.is_empty() && gh.explicitly_unowned);
    assert_eq!(
        gh.rule,
        Some(RuleRef {
            file: ".github/CODEOWNERS".into(),
            line: 2,
            pattern: "/apps/github".into()
        })
    );
    let lib = get("lib/c.ts");
    assert!(lib.owners.is_empty() && !lib.explicitly_unowned && lib.rule.is_none());
    let s = facts.summary(&tracked);
    assert_eq!((s.unowned_files, s.explicitly_unowned_files), (3, 1));
    assert_eq!(s.coverage_percent, 25.0);
    assert_eq!(s.unowned_paths, vec![".github/", "apps/github/", "lib/"]);
}

#[test]
fn github_last_match_wins_and_owners_are_not_merged() {
    let file = "* @global\n*.js @js-owner # inline comment\n/src/ @src-team\n/src/legacy/ @legacy @legacy\n";
    let (tracked, facts) = run(
        &[("CODEOWNERS", file)],
        &["src/a.js", "src/legacy/b.js", "web/c.js", "README"],
        None,
    );
    let owners = |p: &str| facts.owners_of(&tracked, p).unwrap().owners.clone();
    assert_eq!(owners("src/a.js"), vec!["@src-team"]);
    assert_eq!(owners("src/legacy/b.js"), vec!["@legacy"]);
    assert_eq!(owners("web/c.js"), vec!["@js-owner"]);
    assert_eq!(owners("README"), vec!["@global"]);
    assert_eq!(facts.sources[0].rules[1].decided_files, 1);
    assert_eq!(facts.all_owners(), vec!["@global", "@js-owner", "@legacy", "@src-team"]);
}

#[test]
fn github_errors_name_line_and_column() {
    let file = "\u{feff}*.rs @rust\r\n!*.md @docs\n!\n\\#notes @x\n/src/ @ok bad-owner\n*.c[h @c\n/ @root\n/docs/ @octo docs@example.com @org/team\n";
    let (tracked, facts) = run(&[("CODEOWNERS", file)], &["a.rs", "docs/x", "b.c[h"], None);
    let got: Vec<(u32, Option<u32>, &str)> = facts
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                2,
                Some(1),
                "`!` negation does not work in GitHub CODEOWNERS (`!*.md`); line skipped"
            ),
            (
                3,
                Some(1),
                "`!` negation does not work in GitHub CODEOWNERS (`!`); line skipped"
            ),
            (
                4,
                Some(1),
                "escaping a leading `#` with `\\` does not work in GitHub CODEOWNERS; line skipped"
            ),
            (
                5,
                Some(11),
                "invalid owner `bad-owner`: expected @user, @org/team or an email address; line skipped"
            ),
            (
                6,
                Some(4),
                "`[ ]` character ranges do not work in GitHub CODEOWNERS; `*.c[h` is matched with literal brackets"
            ),
            (7, Some(1), "pattern `/` matches no path; line skipped"),
        ]
    );
    // BOM and CRLF are tolerated: line 1 parses; the bracket rule is kept literally.
    assert_eq!(facts.owners_of(&tracked, "a.rs").unwrap().owners, vec!["@rust"]);
    assert_eq!(facts.owners_of(&tracked, "b.c[h").unwrap().owners, vec!["@c"]);
    assert_eq!(
        facts.owners_of(&tracked, "docs/x").unwrap().owners,
        vec!["@octo", "docs@example.com", "@org/team"]
    );
    assert_eq!(facts.sources[0].rules.len(), 3);
}

#[test]
fn malformed_bytes_become_errors_never_panics() {
    let mut bytes = b"*.rs @rust\n".to_vec();
    bytes.extend_from_slice(b"/a\0b @x\n");
    bytes.extend_from_slice(b"/bad\xff @x\n");
    bytes.extend_from_slice(format!("/{} @long\n", "a".repeat(10_000)).as_bytes());
    bytes.extend_from_slice(b"[unbalanced @x\n]also @y\n");
    bytes.extend_from_slice(b"*.md @md\r\n");
    let files: HashMap<String, Vec<u8>> = [("CODEOWNERS".to_string(), bytes)].into();
    let tracked: Vec<String> = vec!["CODEOWNERS".into(), "a.md".into(), "b.rs".into()];
    let facts = gather(&tracked, &reader(&files), &OwnershipOptions::default());
    let got: Vec<(u32, Option<u32>)> = facts.errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        got,
        vec![(2, Some(3)), (3, Some(5)), (4, None), (5, Some(1)), (6, Some(1))]
    );
    assert!(facts.errors[2].message.starts_with("line is 10007 bytes long"));
    assert_eq!(facts.owners_of(&tracked, "a.md").unwrap().owners, vec!["@md"]);
    assert_eq!(facts.owners_of(&tracked, "b.rs").unwrap().owners, vec!["@rust"]);
}

#[test]
fn files_of_three_mib_are_not_loaded() {
    let big = format!("* @all\n{}", "# padding\n".repeat(MAX_FILE_BYTES / 10 + 1));
    let (tracked, facts) = run(&[("CODEOWNERS", &big), ("OWNERS", &big)], &["x"], None);
    assert_eq!(facts.errors.len(), 2);
    assert_eq!(facts.errors[0].line, 0);
    assert!(
        facts.errors[0]
            .message
            .ends_with("at or over the 3 MiB limit; not loaded"),
        "{}",
        facts.errors[0].message
    );
    assert!(facts.owners_of(&tracked, "x").unwrap().owners.is_empty());
    assert!(facts.sources[0].active && facts.sources[0].rules.is_empty());
}

#[test]
fn dead_rules_are_rules_matching_no_tracked_file() {
    let file = "* @all\n/old/ @gone\n/src/ @first\n/src/ @second\n*.py @py\n/src/renamed.rs @gone2\n";
    let (_, facts) = run(
        &[(".github/CODEOWNERS", file)],
        &["src/a.rs", "src/b.rs", "README"],
        None,
    );
    let dead: Vec<(u32, &str)> = facts.dead_rules.iter().map(|r| (r.line, r.pattern.as_str())).collect();
    // Line 3 decides nothing (line 4 overrides it) but still matches files: not dead.
    assert_eq!(dead, vec![(2, "/old/"), (5, "*.py"), (6, "/src/renamed.rs")]);
    assert_eq!(facts.summary(&[]).dead_rules.len(), 3);
}

#[test]
fn specific_coverage_leaves_out_catch_all_rules() {
    let file = "* @all\n/src/ @team\n/docs/\n";
    let (tracked, facts) = run(
        &[("CODEOWNERS", file)],
        &["README", "src/a.rs", "src/b.rs", "docs/x.md"],
        None,
    );
    let s = facts.summary(&tracked);
    // 5 files: CODEOWNERS and README by `*`, two by /src/, docs/x.md explicitly unowned.
    assert_eq!((s.coverage_percent, s.specific_coverage_percent), (80.0, 40.0));
    assert!(facts.owners_of(&tracked, "README").unwrap().catch_all);
    assert!(facts.sources[0].rules[0].catch_all && !facts.sources[0].rules[1].catch_all);

    // A rule that matches every tracked file in fact is a catch-all too.
    let (tracked, facts) = run(&[("CODEOWNERS", "?* @everyone\n/src/ @team\n")], &["a", "src/b"], None);
    assert!(facts.sources[0].rules[0].catch_all);
    let s = facts.summary(&tracked);
    assert_eq!((s.coverage_percent, s.specific_coverage_percent), (100.0, 33.33));
}

#[test]
fn precedence_codeowners_then_owners_then_catalog() {
    let codeowners = "/a/ @co\n/b/sub/\n";
    let owners_b = "approvers:\n  - bob\nreviewers:\n  - rita\n";
    let owners_b_deep = "approvers:\n  - dora\noptions:\n  no_parent_owners: true\n";
    let owners_e = "eve@example.com\nset noparent\n";
    let catalog = "apiVersion: backstage.io/v1alpha1\nkind: Component\nspec:\n  owner: team-c\n";
    let (tracked, facts) = run(
        &[
            ("CODEOWNERS", codeowners),
            ("b/OWNERS", owners_b),
            ("b/deep/OWNERS", owners_b_deep),
            ("e/OWNERS", owners_e),
            ("c/catalog-info.yaml", catalog),
            ("b/catalog-info.yaml", catalog),
            ("MAINTAINERS", "M: Max <max@example.com>\n"),
        ],
        &[
            "a/x",
            "b/y",
            "b/sub/z",
            "b/deep/w",
            "b/deep/more/q",
            "c/w",
            "c/d/v",
            "d/v",
            "e/f",
        ],
        None,
    );
    let get = |p: &str| facts.owners_of(&tracked, p).unwrap().clone();
    assert_eq!(
        (get("a/x").owners, get("a/x").source),
        (vec!["@co".to_string()], Some(SourceKind::Codeowners))
    );
    let by = get("b/y");
    assert_eq!(
        (by.owners, by.source),
        (vec!["bob".to_string()], Some(SourceKind::Owners))
    );
    assert_eq!(
        by.rule,
        Some(RuleRef {
            file: "b/OWNERS".into(),
            line: 1,
            pattern: "b/".into()
        })
    );
    let sub = get("b/sub/z");
    assert!(
        sub.explicitly_unowned && sub.source == Some(SourceKind::Codeowners),
        "CODEOWNERS decides first"
    );
    assert_eq!(get("b/deep/more/q").owners, vec!["dora"]);
    assert_eq!(
        (get("c/d/v").owners, get("c/d/v").source),
        (vec!["team-c".to_string()], Some(SourceKind::CatalogInfo))
    );
    assert_eq!(get("e/f").owners, vec!["eve@example.com"]);
    assert!(get("d/v").owners.is_empty() && get("d/v").source.is_none());
    assert_eq!(facts.maintainers, vec!["Max <max@example.com>"]);
    assert!(
        !facts.all_owners().iter().any(|o| o.contains("max")),
        "MAINTAINERS do not own"
    );
    assert_eq!(
        facts.all_owners(),
        vec!["@co", "bob", "dora", "eve@example.com", "team-c"]
    );
    let kinds: Vec<SourceKind> = facts.sources.iter().map(|s| s.kind).collect();
    use SourceKind::*;
    assert_eq!(
        kinds,
        vec![
            Codeowners,
            Owners,
            Owners,
            Owners,
            CatalogInfo,
            CatalogInfo,
            Maintainers
        ]
    );
}

#[test]
fn root_owners_file_counts_as_catch_all() {
    let (tracked, facts) = run(
        &[
            ("OWNERS", "approvers: [root]\n"),
            ("pkg/OWNERS", "approvers: [pkgowner]\n"),
        ],
        &["main.go", "pkg/a.go"],
        None,
    );
    let s = facts.summary(&tracked);
    assert_eq!((s.coverage_percent, s.specific_coverage_percent), (100.0, 50.0));
    assert_eq!(
        facts.owners_of(&tracked, "pkg/a.go").unwrap().owners,
        vec!["pkgowner", "root"]
    );
}

#[test]
fn only_the_first_codeowners_location_is_used() {
    let (tracked, facts) = run(
        &[
            (".github/CODEOWNERS", "* @gh\n"),
            ("CODEOWNERS", "* @root\n"),
            (".gitlab/CODEOWNERS", "* @gl\n"),
        ],
        &["x"],
        None,
    );
    assert_eq!(facts.owners_of(&tracked, "x").unwrap().owners, vec!["@gh"]);
    let summary: Vec<(&str, bool)> = facts.sources.iter().map(|s| (s.path.as_str(), s.active)).collect();
    assert_eq!(
        summary,
        vec![
            (".github/CODEOWNERS", true),
            ("CODEOWNERS", false),
            (".gitlab/CODEOWNERS", false)
        ]
    );
    let (tracked, facts) = run(
        &[(".github/CODEOWNERS", "* @gh\n"), ("CODEOWNERS", "* @root\n")],
        &["x"],
        Some(Dialect::Gitlab),
    );
    assert_eq!(facts.owners_of(&tracked, "x").unwrap().owners, vec!["@root"]);
    assert_eq!(facts.all_owners(), vec!["@root"]);
}

#[test]
fn unowned_paths_collapse_to_directories_and_cap_at_fifty() {
    let others: Vec<String> = (0..60)
        .map(|i| format!("gen{i:02}/x.rs"))
        .chain(["lib/a/b.rs".into(), "lib/c.rs".into(), "src/d.rs".into()])
        .collect();
    let others: Vec<&str> = others.iter().map(String::as_str).collect();
    let (tracked, facts) = run(&[("CODEOWNERS", "/lib/c.rs @x\n/src/ @y\n")], &others, None);
    let s = facts.summary(&tracked);
    assert_eq!(s.unowned_paths_total, 62);
    assert_eq!(s.unowned_paths.len(), 50);
    assert_eq!(&s.unowned_paths[..2], &["CODEOWNERS", "gen00/"]);
    assert!(!s.unowned_paths.contains(&"lib/".to_string()));
    let all = collapse_unowned(&tracked, &facts.files);
    assert!(all.contains(&"lib/a/".to_string()));
}

#[test]
fn empty_repository_has_zero_coverage() {
    let facts = gather(&[], &|_| None, &OwnershipOptions::default());
    let s = facts.summary(&[]);
    assert_eq!(
        (s.coverage_percent, s.unowned_files, s.unowned_paths.len()),
        (0.0, 0, 0)
    );
}

#[test]
fn unreadable_file_is_an_error() {
    let tracked = vec!["CODEOWNERS".to_string(), "a".to_string()];
    let facts = gather(&tracked, &|_| None, &OwnershipOptions::default());
    assert_eq!(
        facts.errors,
        vec![err("CODEOWNERS", 0, None, "file could not be read; ignored".into())]
    );
}

#[test]
fn facts_serialise_with_snake_case_enums() {
    let (_, facts) = run(&[("CODEOWNERS", "* @a\n")], &[], None);
    let json = serde_json::to_value(&facts).unwrap();
    assert_eq!(json["sources"][0]["kind"], "codeowners");
    assert_eq!(json["sources"][0]["dialect"], "github");
    assert_eq!(json["files"][0]["source"], "codeowners");
}

proptest! {
    #![proptest_config(ProptestConfig::default())] // 256 cases, or PROPTEST_CASES (scripts/fuzz.sh)

    #[test]
    fn arbitrary_codeowners_and_paths_never_panic(
        lines in proptest::collection::vec("[ -~\\t\\[\\]!#@*?/\\\\éa-z\\x00]{0,40}", 0..12),
        paths in proptest::collection::vec("[a-z.*?\\[\\] /é]{1,30}", 1..8),
        gitlab in any::<bool>(),
    ) {
        let mut tracked: Vec<String> = paths.iter().map(|p| p.trim_matches('/').to_string()).filter(|p| !p.is_empty()).collect();
        tracked.push("CODEOWNERS".into());
        tracked.sort();
        tracked.dedup();
        let text = lines.join("\n");
        let files: HashMap<String, Vec<u8>> = [("CODEOWNERS".to_string(), text.clone().into_bytes())].into();
        let dialect = Some(if gitlab { Dialect::Gitlab } else { Dialect::Github });
        let facts = gather(&tracked, &reader(&files), &OwnershipOptions { dialect });
        prop_assert_eq!(facts.files.len(), tracked.len());
        let s = facts.summary(&tracked);
        prop_assert!(s.coverage_percent >= s.specific_coverage_percent);
        for line in &lines {
            let _ = pattern::github(line);
            let _ = pattern::gitlab(&format!("/{line}"));
        }
    }

    #[test]
    fn arbitrary_owners_and_catalog_files_never_panic(text in "[ -~\\n\\t:\\-\\[\\]]{0,200}") {
        let files: HashMap<String, Vec<u8>> = [
            ("OWNERS".to_string(), text.clone().into_bytes()),
            ("OWNERS_ALIASES".to_string(), text.clone().into_bytes()),
            ("catalog-info.yaml".to_string(), text.clone().into_bytes()),
            ("MAINTAINERS".to_string(), text.into_bytes()),
        ].into();
        let mut tracked: Vec<String> = files.keys().cloned().chain(["a/b".to_string()]).collect();
        tracked.sort();
        let facts = gather(&tracked, &reader(&files), &OwnershipOptions::default());
        prop_assert_eq!(facts.files.len(), 5);
    }
}
