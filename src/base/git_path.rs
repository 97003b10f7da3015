//! Paths as git stores them (bytes, `/` between components) turned into the text the report
//! writes: the one place every stage decodes a path read from a tree, a diff or a commit.
//!
//! **Paths from git are never rewritten.** A path is bytes: `docs\runbooks\pay.md` is one file
//! name with two backslashes in it, not a path into `docs/runbooks/`, and a file name may hold
//! bytes that are not UTF-8. Decoding keeps every valid byte as it is (a `\` stays a `\`, case
//! is kept, nothing is trimmed or normalised) and replaces only invalid UTF-8 with U+FFFD, which
//! the caller reports as a warning. Rewriting a path (turning `\` into `/`, say) would let a
//! file pass for another one: the gate once accepted `docs\runbooks\pay.md` as the runbook of
//! `services/pay` (issue 11).

use std::borrow::Cow;

/// A git path (bytes) as text: exactly the same characters when it is valid UTF-8, else each
/// invalid sequence replaced by U+FFFD (`Cow::Owned` then: the caller warns).
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// `decode` as an owned string, and whether bytes had to be replaced (the path is not valid
/// UTF-8: the caller warns).
pub fn decode_owned(bytes: &[u8]) -> (String, bool) {
    match decode(bytes) {
        Cow::Borrowed(text) => (text.to_string(), false),
        Cow::Owned(text) => (text, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_paths_are_kept_byte_for_byte() {
        for path in ["a/b.md", "docs\\runbooks\\pay.md", "Docs/ README.md ", "é/ü.rs", "a//b"] {
            assert_eq!(decode(path.as_bytes()), path);
            assert_eq!(decode_owned(path.as_bytes()), (path.to_string(), false));
        }
    }

    #[test]
    fn invalid_bytes_are_replaced_and_said() {
        assert_eq!(decode_owned(b"b/\xff/y.py"), ("b/\u{fffd}/y.py".to_string(), true));
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Any bytes decode without a panic; valid UTF-8 comes back unchanged, and a lossy
        /// decoding keeps every `/` and `\` where it was.
        #[test]
        fn any_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let (decoded, lossy) = decode_owned(&bytes);
            match std::str::from_utf8(&bytes) {
                Ok(text) => {
                    prop_assert_eq!(decoded.as_str(), text);
                    prop_assert!(!lossy);
                }
                Err(_) => {
                    prop_assert!(lossy);
                    prop_assert!(decoded.contains(char::REPLACEMENT_CHARACTER));
                }
            }
            let count = |haystack: &[u8], b: u8| haystack.iter().filter(|&&c| c == b).count();
            prop_assert_eq!(count(decoded.as_bytes(), b'/'), count(&bytes, b'/'));
            prop_assert_eq!(count(decoded.as_bytes(), b'\\'), count(&bytes, b'\\'));
        }
    }
}
