//! YAML where structure matters (workflows, GitLab CI, Alertmanager, Kubernetes `Secret`s):
//! parsed with `serde_yaml_ng`, which keeps no positions, so items are placed back on their
//! line by searching the text from the line of their parent.

use serde_yaml_ng::Value;

/// Every document of a YAML stream that parses (a stream stops at its first broken document).
pub fn documents(text: &str) -> Vec<Value> {
    use serde::Deserialize;
    let mut out = Vec::new();
    for document in serde_yaml_ng::Deserializer::from_str(text) {
        match Value::deserialize(document) {
            Ok(value) => out.push(value),
            Err(_) => break,
        }
    }
    out
}

/// A mapping's value by string key.
pub fn get<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    value.as_mapping()?.get(key)
}

/// The string keys of a mapping, in document order.
pub fn keys(value: &Value) -> Vec<&str> {
    value
        .as_mapping()
        .map(|m| m.keys().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// A scalar as text (strings, numbers, booleans).
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A string or a sequence of strings as a list.
pub fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Sequence(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

/// Every string anywhere inside a value, depth first.
pub fn all_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Sequence(items) => items.iter().for_each(|v| all_strings(v, out)),
        Value::Mapping(map) => map.values().for_each(|v| all_strings(v, out)),
        Value::Tagged(tagged) => all_strings(&tagged.value, out),
        _ => {}
    }
}

/// The first line at or after `from` (1-based) that holds `key:` as a key (`key:`, `- key:`,
/// `"key":`), optionally followed by `value`.
pub fn key_line(text: &str, from: usize, key: &str, value: Option<&str>) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| {
            let trimmed = line.trim_start();
            let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
            let rest = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
                .iter()
                .find_map(|k| {
                    trimmed
                        .strip_prefix(k.as_str())
                        .and_then(|r| r.trim_start().strip_prefix(':'))
                });
            match (rest, value) {
                (Some(_), None) => true,
                (Some(rest), Some(value)) => super::text::unquote(rest.trim()) == value,
                (None, _) => false,
            }
        })
        .map(|(i, _)| i + 1)
}

/// The first line at or after `from` (1-based) containing `needle`, ignoring ASCII case.
pub fn line_with(text: &str, from: usize, needle: &str) -> Option<usize> {
    let needle = needle.to_ascii_lowercase();
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| line.to_ascii_lowercase().contains(&needle))
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_keys() {
        let text =
            "jobs:\n  build:\n    runs-on: ubuntu-latest\n  deploy:\n    \"runs-on\": [self-hosted]\n- name: 'x'\n";
        assert_eq!(key_line(text, 1, "runs-on", None), Some(3));
        assert_eq!(key_line(text, 4, "runs-on", None), Some(5));
        assert_eq!(key_line(text, 1, "name", Some("x")), Some(6));
        assert_eq!(key_line(text, 1, "name", Some("y")), None);
        assert_eq!(line_with(text, 1, "SELF-HOSTED"), Some(5));
    }

    #[test]
    fn streams_and_broken_yaml() {
        assert_eq!(documents("a: 1\n---\nb: 2\n").len(), 2);
        assert!(documents("a: [\n").is_empty());
    }
}
