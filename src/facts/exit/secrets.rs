//! Credentials to rotate at exit: the *names* of the secrets CI and deployment use (GitHub
//! Actions `secrets.X`, variables a GitLab CI file reads but does not define, Kubernetes
//! `secretKeyRef`/`secretRef` names and `Secret` manifests, Terraform variables marked
//! `sensitive = true`, the secret-looking keys of `.env.example`), each with where it is used
//! and where the access inventory mentions it.
//!
//! Values are never kept. A value-looking literal committed in a config (a token prefix such as
//! `ghp_`, a private key, a URL with a password, a high-entropy literal assigned to a
//! secret-looking key) is recorded as a `CommittedValue`: its first four characters and `…`.

use std::collections::BTreeMap;

use super::files::{CiSystem, FileView, is_env_file};
use super::model::{CommittedValue, Credential, CredentialSource, CredentialUse, Location};
use super::text::{assignment, has_word, numbered, unquote};
use super::yaml;

/// Collects secret names and committed values, file by file.
#[derive(Debug, Default)]
pub struct Secrets {
    names: BTreeMap<String, Vec<CredentialUse>>,
    values: Vec<CommittedValue>,
}

impl Secrets {
    /// Reads the secret names and committed values of one config file.
    pub fn visit(&mut self, file: &FileView) {
        if !file.config {
            return;
        }
        match file.ci {
            Some(CiSystem::GithubActions) => self.github(file),
            Some(CiSystem::GitlabCi) => self.gitlab(file),
            _ => {}
        }
        if file.yaml() {
            self.kubernetes(file);
        }
        if file.terraform() {
            self.terraform(file);
        }
        if is_env_file(file.name) {
            for (n, line) in numbered(file.text) {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                if let Some((key, _)) = assignment(line).filter(|(k, _)| secret_like(k)) {
                    self.name(key, file.path, n, CredentialSource::EnvExample);
                }
            }
        }
        self.committed(file);
    }

    fn name(&mut self, name: &str, path: &str, line: usize, source: CredentialSource) {
        let uses = self.names.entry(name.to_string()).or_default();
        let found = CredentialUse {
            path: path.to_string(),
            line,
            source,
        };
        if !uses.contains(&found) {
            uses.push(found);
        }
    }

    /// `secrets.NAME` and `secrets['NAME']` in a workflow (`GITHUB_TOKEN` is GitHub's own).
    fn github(&mut self, file: &FileView) {
        for (n, line) in numbered(file.text) {
            for (at, _) in line.match_indices("secrets") {
                let rest = &line[at + "secrets".len()..];
                let name = if let Some(r) = rest.strip_prefix('.') {
                    r.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next()
                } else if let Some(r) = rest.strip_prefix('[') {
                    let r = r.trim_start_matches(['\'', '"']);
                    r.split(['\'', '"']).next()
                } else {
                    None
                };
                let before_ok =
                    at == 0 || !line.as_bytes()[at - 1].is_ascii_alphanumeric() && line.as_bytes()[at - 1] != b'_';
                if let Some(name) = name.filter(|n| !n.is_empty() && *n != "GITHUB_TOKEN" && before_ok) {
                    self.name(name, file.path, n, CredentialSource::GithubActions);
                }
            }
        }
    }

    /// Variables a GitLab CI file reads (`$NAME`, `${NAME}`) but neither defines (`variables:`,
    /// `NAME=` in a script) nor gets from GitLab (`CI_*`, `GITLAB_*`): project or group
    /// variables. Only secret-looking names are kept.
    fn gitlab(&mut self, file: &FileView) {
        let mut defined: Vec<String> = Vec::new();
        if let Some(document) = yaml::documents(file.text).into_iter().next() {
            defined.extend(
                yaml::get(&document, "variables")
                    .map(yaml::keys)
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_string),
            );
            for job in yaml::keys(&document) {
                if let Some(vars) = yaml::get(&document, job).and_then(|j| yaml::get(j, "variables")) {
                    defined.extend(yaml::keys(vars).into_iter().map(str::to_string));
                }
            }
        }
        for (_, line) in numbered(file.text) {
            let trimmed = line.trim_start().trim_start_matches("- ").trim_start_matches("export ");
            if let Some((key, _)) = trimmed
                .split_once('=')
                .filter(|(k, _)| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
            {
                defined.push(key.to_string());
            }
        }
        for (n, line) in numbered(file.text) {
            for (at, _) in line.match_indices('$') {
                let rest = &line[at + 1..];
                let rest = rest.strip_prefix('{').unwrap_or(rest);
                let name: &str = rest
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("");
                let predefined =
                    ["CI_", "GITLAB_", "FF_", "RUNNER_"].iter().any(|p| name.starts_with(p)) || name == "CI";
                if !name.is_empty() && !predefined && !defined.iter().any(|d| d == name) && secret_like(name) {
                    self.name(name, file.path, n, CredentialSource::GitlabCi);
                }
            }
        }
    }

    /// `secretKeyRef`/`secretRef` names (templated names skipped) and `Secret` manifests.
    fn kubernetes(&mut self, file: &FileView) {
        let lines: Vec<&str> = file.text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(at) = line.find("secretKeyRef").or_else(|| line.find("secretRef")) else {
                continue;
            };
            let indent = line.len() - line.trim_start().len();
            let inline = &line[at..];
            let found = if let Some(pos) = inline.find("name:") {
                Some((i + 1, &inline[pos + 5..]))
            } else {
                lines
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .take_while(|(_, l)| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
                    .find_map(|(j, l)| {
                        l.trim_start()
                            .trim_start_matches("- ")
                            .strip_prefix("name:")
                            .map(|r| (j + 1, r))
                    })
            };
            if let Some((n, rest)) = found {
                let name = unquote(rest.trim().trim_end_matches(['}', ',']).trim());
                let name = name.split([',', '}']).next().unwrap_or(name).trim();
                if !name.is_empty() && !name.contains("{{") && !name.contains('$') {
                    self.name(name, file.path, n, CredentialSource::Kubernetes);
                }
            }
        }
        if !file.text.contains("Secret") {
            return;
        }
        let mut from = 1;
        for document in yaml::documents(file.text) {
            if yaml::get(&document, "kind").and_then(|k| k.as_str()) != Some("Secret") {
                continue;
            }
            let kind_line = yaml::key_line(file.text, from, "kind", Some("Secret")).unwrap_or(from);
            from = kind_line + 1;
            let name = yaml::get(&document, "metadata")
                .and_then(|m| yaml::get(m, "name"))
                .and_then(yaml::scalar)
                .unwrap_or_default();
            if !name.is_empty() && !name.contains("{{") {
                let line = yaml::key_line(file.text, kind_line.saturating_sub(3).max(1), "name", Some(&name))
                    .unwrap_or(kind_line);
                self.name(&name, file.path, line, CredentialSource::Kubernetes);
            }
            for section in ["data", "stringData"] {
                let Some(data) = yaml::get(&document, section) else {
                    continue;
                };
                let section_line =
                    yaml::key_line(file.text, kind_line.saturating_sub(3).max(1), section, None).unwrap_or(kind_line);
                for key in yaml::keys(data) {
                    let value = yaml::get(data, key).and_then(yaml::scalar).unwrap_or_default();
                    if placeholder(&value) || value.contains("{{") || value.len() < 8 {
                        continue;
                    }
                    let line = yaml::key_line(file.text, section_line, key, None).unwrap_or(section_line);
                    self.value(file.path, line, Some(key), &value, "a Kubernetes Secret value");
                }
            }
        }
    }

    /// `variable "x" { sensitive = true }`; a literal `default` of such a variable is a value.
    fn terraform(&mut self, file: &FileView) {
        let mut depth = 0usize;
        // The open `variable` block: name, line, sensitive, and its literal default (line, value).
        type Variable = (String, usize, bool, Option<(usize, String)>);
        let mut current: Option<Variable> = None;
        for (n, line) in numbered(file.text) {
            let trimmed = line.trim();
            if depth == 0 && trimmed.starts_with("variable ") {
                let name = trimmed.split('"').nth(1).unwrap_or_default().to_string();
                current = Some((name, n, false, None));
            }
            if let Some((_, _, sensitive, default)) = current.as_mut()
                && depth >= 1
                && let Some((key, value)) = assignment(trimmed)
            {
                match key {
                    "sensitive" => *sensitive = value == "true",
                    "default" if trimmed.contains('"') => *default = Some((n, value.to_string())),
                    _ => {}
                }
            }
            depth = (depth + line.matches('{').count()).saturating_sub(line.matches('}').count());
            if depth == 0
                && let Some((name, line_of, sensitive, default)) = current.take()
                && sensitive
            {
                self.name(&name, file.path, line_of, CredentialSource::Terraform);
                if let Some((n, value)) = default.filter(|(_, v)| !v.is_empty() && !placeholder(v)) {
                    self.value(
                        file.path,
                        n,
                        Some(&name),
                        &value,
                        "a default of a sensitive Terraform variable",
                    );
                }
            }
        }
    }

    /// Token-shaped words anywhere, and value-looking literals of secret-looking keys.
    fn committed(&mut self, file: &FileView) {
        for (n, line) in numbered(file.text) {
            let key = assignment(line).map(|(k, _)| k);
            let mut found = false;
            for token in line
                .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '=' | ',' | '(' | ')' | '`' | '[' | ']'))
            {
                if let Some(why) = known_token(token) {
                    self.value(file.path, n, key, token, why);
                    found = true;
                }
            }
            if found {
                continue;
            }
            // In HCL an unquoted value is an expression (`var.x`, `data.y.z`), never a literal.
            let hcl = matches!(file.ext.as_str(), "tf" | "tfvars" | "hcl");
            let quoted = line
                .split_once('=')
                .is_some_and(|(_, v)| v.trim_start().starts_with('"'));
            if let Some((key, value)) = assignment(line)
                && (!hcl || quoted)
                && (secret_like(key) || key.starts_with("//") || key.ends_with("_authToken"))
                && let Some(why) = looks_like_secret(value)
            {
                self.value(file.path, n, Some(key), value, why);
            }
        }
    }

    fn value(&mut self, path: &str, line: usize, name: Option<&str>, value: &str, why: &str) {
        let found = CommittedValue {
            path: path.to_string(),
            line,
            name: name.map(str::to_string),
            redacted: redact(value),
            why: why.to_string(),
        };
        if !self.values.iter().any(|v| v.path == found.path && v.line == line) {
            self.values.push(found);
        }
    }

    /// The names (each with where the access inventory mentions it) and the committed values.
    pub fn finish(self, access: &[(String, String)]) -> (Vec<Credential>, Vec<CommittedValue>) {
        let credentials = self
            .names
            .into_iter()
            .map(|(name, mut found)| {
                found.sort();
                let listed_in = access.iter().find_map(|(path, text)| {
                    numbered(text)
                        .find(|(_, line)| has_word(line, &name))
                        .map(|(n, _)| Location::new(path, n))
                });
                Credential { name, found, listed_in }
            })
            .collect();
        let mut values = self.values;
        values.sort();
        (credentials, values)
    }
}

/// The first four characters of a value and `…`: all a report ever shows of it.
pub fn redact(value: &str) -> String {
    let head: String = value.chars().take(4).collect();
    format!("{head}…")
}

/// Name segments that make a key a secret.
const SECRET_WORDS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "SECRETS",
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "APIKEY",
    "KEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "CREDS",
    "AUTH",
    "PRIVATE",
    "CERT",
    "CERTIFICATE",
    "DSN",
    "WEBHOOK",
    "SALT",
    "SIGNING",
    "AUTHTOKEN",
];

/// Last segments that make a key a setting about a secret, not a secret (`TOKEN_URL`, `KEY_ID`).
const NOT_SECRET_TAILS: &[&str] = &[
    "URL",
    "URI",
    "ENDPOINT",
    "HOST",
    "PORT",
    "PATH",
    "FILE",
    "LENGTH",
    "TTL",
    "EXPIRY",
    "TIMEOUT",
    "ENABLED",
    "HEADER",
    "NAME",
    "TYPE",
    "ALGORITHM",
    "ID",
    "REF",
    "VERSION",
    "REGION",
    "ISSUER",
    "AUDIENCE",
    "SCOPE",
    "SCOPES",
    "PREFIX",
    "ARN",
    "ARNS",
    "BUCKET",
];

/// Words before `KEY` that make it no secret (`PUBLIC_KEY`, `custom_response_body_key`); `key`
/// alone (an S3 object, a tag, a map) is none either.
const NOT_SECRET_KEYS: &[&str] = &[
    "PUBLIC",
    "PRIMARY",
    "FOREIGN",
    "PARTITION",
    "SORT",
    "HASH",
    "RANGE",
    "CACHE",
    "ROUTING",
    "OBJECT",
    "BODY",
    "IDEMPOTENCY",
    "LOOKUP",
    "MAP",
    "INDEX",
    "SHARD",
    "GROUP",
    "TAG",
    "LABEL",
    "DEDUPLICATION",
    "MESSAGE",
    "METADATA",
    "STATE",
    "S3",
    "FILE",
    "CONFIG",
    "SETTING",
    "SETTINGS",
    "I18N",
    "TRANSLATION",
];

/// Whether a key names a secret (`DEPLOY_TOKEN`, `db-password`, `DATABASE_URL`, `apiKey`).
pub fn secret_like(name: &str) -> bool {
    let mut spaced = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            spaced.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        spaced.push(c.to_ascii_uppercase());
    }
    let segments: Vec<&str> = spaced
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect();
    let Some(last) = segments.last() else {
        return false;
    };
    let database = [
        "DATABASE",
        "DB",
        "REDIS",
        "MONGO",
        "MONGODB",
        "POSTGRES",
        "MYSQL",
        "AMQP",
        "RABBITMQ",
        "BROKER",
        "CONNECTION",
    ];
    if matches!(*last, "URL" | "URI" | "STRING") && segments.iter().any(|s| database.contains(s)) {
        return true;
    }
    let secret_word = segments.iter().enumerate().any(|(i, s)| {
        if *s == "KEY" {
            i > 0 && !NOT_SECRET_KEYS.contains(&segments[i - 1])
        } else {
            SECRET_WORDS.contains(s)
        }
    });
    !NOT_SECRET_TAILS.contains(last) && secret_word
}

/// Words that make a value a placeholder, not a secret.
const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change_me",
    "change-me",
    "replace",
    "your_",
    "your-",
    "yourtoken",
    "example",
    "dummy",
    "placeholder",
    "xxxx",
    "todo",
    "fake",
    "sample",
    "redacted",
    "...",
    "***",
    "insert",
    "notreal",
    "not-real",
    "<",
    ">",
];

/// Whether a value is a placeholder (`changeme`, `<your token>`, `xxxx`, `secret`).
fn placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    PLACEHOLDERS.iter().any(|p| lower.contains(p))
        || ["secret", "password", "token", "none", "null", "true", "false"].contains(&lower.as_str())
        || lower.chars().all(|c| c == lower.chars().next().unwrap_or('x'))
}

/// Token prefixes that tell a real credential: prefix, minimum length, why.
const KNOWN_PREFIXES: &[(&str, usize, &str)] = &[
    ("github_pat_", 40, "a GitHub token prefix"),
    ("ghp_", 36, "a GitHub token prefix"),
    ("gho_", 36, "a GitHub token prefix"),
    ("ghu_", 36, "a GitHub token prefix"),
    ("ghs_", 36, "a GitHub token prefix"),
    ("ghr_", 36, "a GitHub token prefix"),
    ("glpat-", 20, "a GitLab token prefix"),
    ("sk_live_", 20, "a Stripe live key prefix"),
    ("rk_live_", 20, "a Stripe live key prefix"),
    ("sk_test_", 20, "a Stripe test key prefix"),
    ("xoxb-", 20, "a Slack token prefix"),
    ("xoxp-", 20, "a Slack token prefix"),
    ("xoxa-", 20, "a Slack token prefix"),
    ("xoxs-", 20, "a Slack token prefix"),
    ("AIza", 35, "a Google API key prefix"),
    ("SG.", 40, "a SendGrid key prefix"),
    ("npm_", 36, "an npm token prefix"),
    ("pypi-", 50, "a PyPI token prefix"),
    ("shpat_", 30, "a Shopify token prefix"),
    ("dop_v1_", 40, "a DigitalOcean token prefix"),
    ("hvs.", 24, "a Vault token prefix"),
    ("sk-", 32, "an API secret key prefix"),
];

/// Why a word is a credential by its shape alone, if it is.
fn known_token(token: &str) -> Option<&'static str> {
    let token = token.trim_matches(|c: char| matches!(c, ';' | ':' | '.' | ','));
    if token.len() == 20
        && (token.starts_with("AKIA") || token.starts_with("ASIA"))
        && token.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Some("an AWS access key id");
    }
    if token.contains("hooks.slack.com/services/T") {
        return Some("a Slack webhook URL");
    }
    KNOWN_PREFIXES
        .iter()
        .find(|(prefix, min, _)| {
            token.starts_with(prefix)
                && token.len() >= *min
                && token
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                && !placeholder(&token[prefix.len()..])
        })
        .map(|(_, _, why)| *why)
}

/// Why a literal assigned to a secret-looking key looks like a real value, if it does.
pub fn looks_like_secret(value: &str) -> Option<&'static str> {
    let v = value.trim().trim_matches(['"', '\'']);
    if v.is_empty()
        || v.contains("${")
        || v.contains("{{")
        || v.contains("$(")
        || v.starts_with('$')
        || v.starts_with("#{")
        || v.starts_with('%')
    {
        return None;
    }
    if let Some(why) = known_token(v) {
        return Some(why);
    }
    if v.contains("-----BEGIN") && v.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    if let Some((_, rest)) = v.split_once("://")
        && let Some((userinfo, host)) = rest.split('/').next().unwrap_or("").rsplit_once('@')
        && let Some((_, password)) = userinfo.split_once(':')
    {
        let local = ["localhost", "127.0.0.1", "0.0.0.0", "db", "postgres", "mysql", "redis"]
            .iter()
            .any(|h| host.split(':').next() == Some(*h));
        return (!password.is_empty() && !placeholder(password) && !local).then_some("a URL with a password");
    }
    if placeholder(v) || v.len() < 16 || v.chars().any(char::is_whitespace) || reference_or_name(v) {
        return None;
    }
    let charset = v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-' | b'.' | b'~'));
    let digits = v.bytes().any(|b| b.is_ascii_digit());
    let letters = v.bytes().any(|b| b.is_ascii_alphabetic());
    (charset && digits && letters && entropy(v) >= 3.5).then_some("a high-entropy literal")
}

/// A reference (`data.aws_acm_certificate.cert.0.arn`, `var.x`) or a name made of lower-case
/// words and numbers (`backend-public-rule-429`): text a person wrote, not a generated secret.
fn reference_or_name(value: &str) -> bool {
    let parts: Vec<&str> = value
        .split(['-', '_', '.', '/', ':'])
        .filter(|p| !p.is_empty())
        .collect();
    let words = parts.len() >= 2
        && parts.iter().all(|p| {
            (p.len() >= 2 && p.bytes().all(|b| b.is_ascii_lowercase())) || p.bytes().all(|b| b.is_ascii_digit())
        });
    let reference = value.starts_with(|c: char| c.is_ascii_lowercase())
        && value.contains('.')
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'[' | b']'));
    words || reference
}

/// Shannon entropy in bits per character.
fn entropy(text: &str) -> f64 {
    let mut counts = BTreeMap::new();
    for b in text.bytes() {
        *counts.entry(b).or_insert(0usize) += 1;
    }
    let len = text.len() as f64;
    counts
        .values()
        .map(|&c| {
            let p = c as f64 / len;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::exit::files::{ci_system, extension, file_name, is_config};

    fn run(files: &[(&str, &str)], access: &[(&str, &str)]) -> (Vec<Credential>, Vec<CommittedValue>) {
        let mut secrets = Secrets::default();
        for (path, text) in files {
            let name = file_name(path);
            secrets.visit(&FileView {
                path,
                name,
                ext: extension(name),
                text,
                document: false,
                config: is_config(path),
                ci: ci_system(path),
            });
        }
        let access: Vec<(String, String)> = access.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        secrets.finish(&access)
    }

    type Row = (String, Vec<(String, usize, CredentialSource)>, Option<usize>);

    fn names(credentials: &[Credential]) -> Vec<Row> {
        credentials
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    c.found.iter().map(|f| (f.path.clone(), f.line, f.source)).collect(),
                    c.listed_in.as_ref().map(|l| l.line),
                )
            })
            .collect()
    }

    #[test]
    fn github_secrets_and_access_inventory() {
        let workflow = "jobs:\n  deploy:\n    steps:\n      - run: ./deploy\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n          GH: ${{ secrets.GITHUB_TOKEN }}\n          KEY: ${{ secrets['AWS_SECRET_ACCESS_KEY'] }}\n          API_TOKEN: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n";
        let (creds, values) = run(
            &[(".github/workflows/deploy.yml", workflow)],
            &[(
                "docs/access.md",
                "| system | secret |\n| --- | --- |\n| CI | DEPLOY_TOKEN |\n",
            )],
        );
        assert_eq!(
            names(&creds),
            vec![
                (
                    "AWS_SECRET_ACCESS_KEY".into(),
                    vec![(
                        ".github/workflows/deploy.yml".into(),
                        8,
                        CredentialSource::GithubActions
                    )],
                    None
                ),
                (
                    "DEPLOY_TOKEN".into(),
                    vec![(
                        ".github/workflows/deploy.yml".into(),
                        6,
                        CredentialSource::GithubActions
                    )],
                    Some(3)
                ),
            ]
        );
        assert_eq!(
            values,
            vec![CommittedValue {
                path: ".github/workflows/deploy.yml".into(),
                line: 9,
                name: Some("API_TOKEN".into()),
                redacted: "ghp_…".into(),
                why: "a GitHub token prefix".into(),
            }]
        );
    }

    #[test]
    fn gitlab_kubernetes_terraform_and_env_examples() {
        let gitlab = "variables:\n  APP_PASSWORD_FILE: x\n  DB_PASSWORD: hunter2\ndeploy:\n  script:\n    - export LOCAL_TOKEN=1\n    - curl -H \"$REGISTRY_TOKEN\" $CI_API_V4_URL $LOCAL_TOKEN ${DB_PASSWORD} $DEPLOY_HOST\n";
        let k8s = "env:\n  - name: DB\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password\n  - name: X\n    valueFrom: { secretKeyRef: { name: api-keys, key: k } }\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: registry-auth\nstringData:\n  token: Zm9vYmFyYmF6cXV4MTIzNDU2\n  user: changeme\n";
        let tf = "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"Tr0ub4dor&3-correct-horse\"\n}\nvariable \"region\" {\n  default = \"eu-west-2\"\n}\n";
        let env = "# example\nPORT=8080\nDATABASE_URL=postgres://app:app@localhost/app\nSTRIPE_API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\nSESSION_SECRET=\n";
        let (creds, values) = run(
            &[
                (".gitlab-ci.yml", gitlab),
                ("deploy/app.yaml", k8s),
                ("infra/vars.tf", tf),
                (".env.example", env),
            ],
            &[],
        );
        assert_eq!(
            names(&creds),
            vec![
                (
                    "DATABASE_URL".into(),
                    vec![(".env.example".into(), 3, CredentialSource::EnvExample)],
                    None
                ),
                (
                    "REGISTRY_TOKEN".into(),
                    vec![(".gitlab-ci.yml".into(), 7, CredentialSource::GitlabCi)],
                    None
                ),
                (
                    "SESSION_SECRET".into(),
                    vec![(".env.example".into(), 5, CredentialSource::EnvExample)],
                    None
                ),
                (
                    "STRIPE_API_KEY".into(),
                    vec![(".env.example".into(), 4, CredentialSource::EnvExample)],
                    None
                ),
                (
                    "api-keys".into(),
                    vec![("deploy/app.yaml".into(), 8, CredentialSource::Kubernetes)],
                    None
                ),
                (
                    "db-credentials".into(),
                    vec![("deploy/app.yaml".into(), 5, CredentialSource::Kubernetes)],
                    None
                ),
                (
                    "db_password".into(),
                    vec![("infra/vars.tf".into(), 1, CredentialSource::Terraform)],
                    None
                ),
                (
                    "registry-auth".into(),
                    vec![("deploy/app.yaml".into(), 13, CredentialSource::Kubernetes)],
                    None
                ),
            ]
        );
        let values: Vec<(String, usize, Option<String>, String, String)> = values
            .into_iter()
            .map(|v| (v.path, v.line, v.name, v.redacted, v.why))
            .collect();
        assert_eq!(
            values,
            vec![
                (
                    ".env.example".into(),
                    4,
                    Some("STRIPE_API_KEY".into()),
                    "sk_l…".into(),
                    "a Stripe live key prefix".into()
                ),
                (
                    "deploy/app.yaml".into(),
                    15,
                    Some("token".into()),
                    "Zm9v…".into(),
                    "a Kubernetes Secret value".into()
                ),
                (
                    "infra/vars.tf".into(),
                    4,
                    Some("db_password".into()),
                    "Tr0u…".into(),
                    "a default of a sensitive Terraform variable".into()
                ),
            ]
        );
    }

    #[test]
    fn secret_names_and_values() {
        for name in [
            "DEPLOY_TOKEN",
            "db-password",
            "DATABASE_URL",
            "apiKey",
            "AWS_SECRET_ACCESS_KEY",
            "_authToken",
        ] {
            assert!(secret_like(name), "{name}");
        }
        for name in [
            "PORT",
            "TOKEN_URL",
            "AWS_ACCESS_KEY_ID",
            "KEY_NAME",
            "region",
            "key",
            "custom_response_body_key",
            "certificate_arn",
            "PUBLIC_KEY",
        ] {
            assert!(!secret_like(name), "{name}");
        }
        assert_eq!(looks_like_secret("changeme"), None);
        assert_eq!(looks_like_secret("${{ secrets.X }}"), None);
        assert_eq!(looks_like_secret("<your token here>"), None);
        assert_eq!(looks_like_secret("AKIAIOSFODNN7EXAMPL3"), Some("an AWS access key id"));
        assert_eq!(
            looks_like_secret("9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
            Some("a high-entropy literal")
        );
        assert_eq!(
            looks_like_secret("https://u:s3cr3tPa55@db.prod.example.org/x"),
            Some("a URL with a password")
        );
        assert_eq!(looks_like_secret("postgres://app:app@localhost/app"), None);
        assert_eq!(looks_like_secret("data.aws_acm_certificate.secondary_cert.0.arn"), None);
        assert_eq!(looks_like_secret("backend-public-rule-429-response"), None);
        assert_eq!(
            looks_like_secret("3f9a1c2e-8b7d-4e6f-a5c4-9d8e7f6a5b4c"),
            Some("a high-entropy literal")
        );
        assert_eq!(redact("ghp_abcdef"), "ghp_…");
        assert_eq!(redact("éàü"), "éàü…");
    }
}
