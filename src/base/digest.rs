//! SHA-256 as lower-case hex: the report hash a sign-off binds to, the history cache's file
//! names, pseudonyms and SARIF fingerprints.

use sha2::{Digest, Sha256};

/// SHA-256 of bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of several parts, each followed by a NUL so that `("ab", "c")` and `("a", "bc")` differ.
pub fn sha256_hex_of_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hex(&hash.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(sha256_hex_of_parts(["ab", "c"]), sha256_hex_of_parts(["a", "bc"]));
    }
}
