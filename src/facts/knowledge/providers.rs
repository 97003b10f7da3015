//! Public mail providers: addresses there are personal, not an organisation's. Read when
//! grouping identities into organisations ("individuals") and when suggesting aliases.

/// Public mail providers: their users are grouped as "individuals", not one organisation.
const PUBLIC_PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.*",
    "hotmail.*",
    "live.*",
    "msn.com",
    "yahoo.*",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.*",
    "pm.me",
    "gmx.*",
    "web.de",
    "mail.ru",
    "yandex.*",
    "qq.com",
    "163.com",
    "126.com",
    "zoho.com",
    "fastmail.*",
    "hey.com",
    "tutanota.com",
    "duck.com",
    "users.noreply.github.com",
    "localhost",
    "*.local",
    "(none)",
];

/// Whether a (lowercase) email domain is a public mail provider's: a personal address.
pub fn is_public_provider(domain: &str) -> bool {
    PUBLIC_PROVIDERS
        .iter()
        .any(|p| crate::facts::history::glob_match(p, domain))
}
