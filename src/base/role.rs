//! The role an organisation plays in the exit: the vendor whose exit is audited, the in-house
//! organisation that keeps the systems, neither, or automation.

/// What an organisation is to the audited company.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The outside supplier whose exit is audited.
    Vendor,
    /// The company's own people.
    Internal,
    /// Not configured (an email domain, or "individuals").
    Unknown,
    /// Automation.
    Bots,
}

impl Role {
    /// The lower-case name, as in JSON and config.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Vendor => "vendor",
            Role::Internal => "internal",
            Role::Unknown => "unknown",
            Role::Bots => "bots",
        }
    }
}
