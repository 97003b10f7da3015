//! Text from a repository made safe to show: the one sanitiser of every terminal and text
//! output (issue 11, item 7).
//!
//! File names, titles, author names, CODEOWNERS owners, waiver reasons and commit messages are
//! written by whoever had commit access. Written raw to a terminal, an `ESC`, `OSC` or `CSI`
//! sequence can recolour or clear the screen, retitle the window (`ESC ] 0 ; … BEL`), hide
//! text, or fake a hyperlink; a `CR` overwrites what the line said; `U+202E` (right-to-left
//! override) and the other bidirectional controls make `evil.md` read as something else
//! (CVE-2021-42574, "Trojan Source"). Every renderer of text for people (`report/terminal.rs`,
//! `gate.rs`, `explain.rs`, `diff.rs`, `signoff.rs`, `annotations.rs`, `people`) and the
//! Markdown and HTML escape functions pass repository strings through here, so that none of
//! these reaches stdout, stderr or a Markdown file, whatever `--color` says. JSON, SARIF and
//! Code Quality keep the exact value (JSON escapes control characters itself).
//!
//! What is replaced, by [`PLACEHOLDER`] (visible, so that nothing is silently hidden): C0
//! controls but `\n` and `\t`, `DEL`, C1 controls (`U+0080`–`U+009F`, `U+009B` being a one-byte
//! CSI), the line and paragraph separators, and the bidirectional marks, embeddings, overrides
//! and isolates. [`one_line`] also folds `\n`, `\r` and `\t` into a space, for values written
//! where one line is expected (a path in a list, a reason after a status), so that a value
//! cannot forge an output line either.

use std::borrow::Cow;

/// What an unsafe character is replaced by: U+FFFD REPLACEMENT CHARACTER.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Whether `c` must never be written raw to a terminal or a text file: a control character
/// other than `\n` and `\t`, a line or paragraph separator, or a bidirectional control.
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        c if c.is_control() => true, // C0, DEL and C1
        '\u{2028}' | '\u{2029}' => true,
        c => is_bidi_control(c),
    }
}

/// The bidirectional formatting characters of Unicode (UAX #9): marks, embeddings, overrides,
/// isolates.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` with every unsafe character replaced by [`PLACEHOLDER`]; `\n` and `\t` kept.
/// Borrows when there is nothing to replace.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { PLACEHOLDER } else { c })
            .collect(),
    )
}

/// `text` for one line: as [`terminal`], and `\n`, `\r` and `\t` folded into a space.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let fold = |c: char| matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(|c| fold(c) || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if fold(c) => ' ',
                c if is_unsafe(c) => PLACEHOLDER,
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_controls_are_replaced() {
        let title = "\u{1b}]0;pwned\u{7}Runbook\u{1b}[2J\rX\u{9b}31m \u{202e}dm.exe \u{2067}a\u{2069}";
        let got = terminal(title);
        assert_eq!(
            got,
            "\u{FFFD}]0;pwned\u{FFFD}Runbook\u{FFFD}[2J\u{FFFD}X\u{FFFD}31m \u{FFFD}dm.exe \u{FFFD}a\u{FFFD}"
        );
        assert!(!got.chars().any(|c| (c as u32) < 0x20 || c == '\u{202e}'));
    }

    #[test]
    fn line_breaks_and_tabs_kept_or_folded() {
        assert_eq!(terminal("a\n\tb\r\n"), "a\n\tb\u{FFFD}\n");
        assert_eq!(one_line("a\n\tb\r\nc\u{0}"), "a  b  c\u{FFFD}");
        assert_eq!(one_line("plain — é ✓"), "plain — é ✓");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
    }
}
