//! Words without allocation: the classifier's view of text (issue 12, issue 18 speed).
//!
//! A word is a maximal run of alphanumeric characters (Unicode: `é`, `ü` and CJK stay inside
//! words), handed out as a slice of the text; comparisons are ASCII case-insensitive, so no
//! `String` is made per word. File names are also split at camelCase and letter/digit changes
//! (`AlertmanagerClusterDown` → `Alertmanager`, `Cluster`, `Down`; `ADR001` → `ADR`, `001`).
//! Keyword tables are static slices of lower-case ASCII phrases.

/// The words of `text`, in order.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The words of a file or folder name: [`words`], further split at a lower→upper case change
/// and at letter/digit changes.
pub(super) fn name_words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for token in words(name) {
        let mut start = 0;
        let mut prev: Option<char> = None;
        for (i, c) in token.char_indices() {
            if let Some(p) = prev {
                let camel = p.is_lowercase() && c.is_uppercase();
                let digit = p.is_ascii_digit() != c.is_ascii_digit();
                if (camel || digit) && i > start {
                    out.push(&token[start..i]);
                    start = i;
                }
            }
            prev = Some(c);
        }
        out.push(&token[start..]);
    }
    out
}

/// Whether two words are equal, case-insensitively: ASCII fast, other letters by their
/// lower case ("Sonuçlar" is "sonuçlar"), without allocating.
pub(super) fn is(word: &str, keyword: &str) -> bool {
    if word.is_ascii() || keyword.is_ascii() {
        return word.eq_ignore_ascii_case(keyword);
    }
    word.chars()
        .flat_map(char::to_lowercase)
        .eq(keyword.chars().flat_map(char::to_lowercase))
}

/// Whether `word` is one of `list`.
pub(super) fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|k| word.eq_ignore_ascii_case(k))
}

/// Whether `hay` contains `needle` (lower-case ASCII), ASCII case-insensitively.
pub(super) fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Whether `word` starts with `prefix`, ASCII case-insensitively.
pub(super) fn starts(word: &str, prefix: &str) -> bool {
    word.len() >= prefix.len()
        && word.is_char_boundary(prefix.len())
        && word[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where the space-separated `phrase` starts as consecutive words of `words`.
pub(super) fn find_phrase(words: &[&str], phrase: &str) -> Option<usize> {
    if !phrase.contains(' ') {
        return words.iter().position(|w| is(w, phrase));
    }
    let n = phrase.split(' ').count();
    if n == 0 || words.len() < n {
        return None;
    }
    (0..=words.len() - n).find(|&i| phrase.split(' ').zip(&words[i..i + n]).all(|(p, w)| is(w, p)))
}

/// Whether `words` holds the space-separated `phrase` as consecutive words.
pub(super) fn has_phrase(words: &[&str], phrase: &str) -> bool {
    find_phrase(words, phrase).is_some()
}

/// Whether `words` holds any of the phrases.
pub(super) fn has_any(words: &[&str], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has_phrase(words, p))
}

/// Whether `words` is exactly `phrase` (same words, same order).
pub(super) fn is_phrase(words: &[&str], phrase: &str) -> bool {
    words.len() == phrase.split(' ').count() && has_phrase(words, phrase)
}

/// A heading or title without its numbering: leading words that are numbers ("1.", "2.3",
/// "Step 4", "ADR 12"), so that "3. Decision" reads as "Decision".
pub(super) fn unnumbered<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut rest = words;
    while let Some((first, tail)) = rest.split_first() {
        let number = first.bytes().all(|b| b.is_ascii_digit());
        let roman = first.len() <= 4
            && first
                .bytes()
                .all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X'));
        if (number || (roman && !tail.is_empty())) && !tail.is_empty() {
            rest = tail;
        } else {
            break;
        }
    }
    rest.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn splitting() {
        assert_eq!(
            name_words("DisasterRecovery_v2-plan"),
            ["Disaster", "Recovery", "v", "2", "plan"]
        );
        assert_eq!(name_words("ADR001"), ["ADR", "001"]);
        assert_eq!(
            name_words("AlertmanagerClusterDown"),
            ["Alertmanager", "Cluster", "Down"]
        );
        assert_eq!(
            name_words("KubeAPIErrorBudgetBurn"),
            ["Kube", "APIError", "Budget", "Burn"]
        );
        assert_eq!(
            words("Überblick: Ünïcödé, 日本語!").collect::<Vec<_>>(),
            ["Überblick", "Ünïcödé", "日本語"]
        );
    }

    #[test]
    fn phrases_and_numbering() {
        let w: Vec<&str> = words("3. Context and Problem Statement").collect();
        assert_eq!(unnumbered(&w), ["Context", "and", "Problem", "Statement"]);
        assert!(has_phrase(&w, "problem statement"));
        assert!(!is_phrase(&w, "context"));
        assert!(is_phrase(&unnumbered(&w)[..1], "CONTEXT"));
        assert_eq!(unnumbered(&["1"]), ["1"]);
        assert_eq!(unnumbered(&["II", "Decision"]), ["Decision"]);
        assert!(starts("Runbooks", "runbook"));
        assert!(is("SONUÇLAR", "sonuçlar") && is("Bağlam", "bağlam") && !is("Bağlam", "baglam"));
        assert!(contains_ci("My-Templates", "template") && !contains_ci("tmpl", "template"));
        assert!(!starts("é", "e"));
    }
}
