//! Document kinds (DESIGN §4): the closed list that checklists ask about, config pins name and
//! front matter may declare.

use std::fmt;
use std::str::FromStr;

/// What a document is for (DESIGN §4); the closed list that checklists ask about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Operational procedure for an alert or failure.
    Runbook,
    /// Architecture decision record.
    Adr,
    /// Design doc, RFC or proposal.
    Design,
    /// Architecture overview.
    Architecture,
    /// README, CONTRIBUTING, getting started, setup and install guides.
    Onboarding,
    /// Deployment, environments, disaster recovery, backups.
    Operations,
    /// Security policy, incident response.
    Security,
    /// Access and credentials inventory, secret rotation.
    Access,
    /// Handoff / knowledge-transfer / offboarding plan.
    Handoff,
    /// API reference.
    Api,
    /// Postmortem or incident report.
    Postmortem,
    /// Changelog, release notes, history.
    Changelog,
    /// Licence text.
    License,
    /// Anything else.
    Other,
}

impl DocKind {
    /// Every kind, in declaration order (for listings and round-trip tests).
    pub const ALL: [DocKind; 14] = [
        DocKind::Runbook,
        DocKind::Adr,
        DocKind::Design,
        DocKind::Architecture,
        DocKind::Onboarding,
        DocKind::Operations,
        DocKind::Security,
        DocKind::Access,
        DocKind::Handoff,
        DocKind::Api,
        DocKind::Postmortem,
        DocKind::Changelog,
        DocKind::License,
        DocKind::Other,
    ];

    /// The snake_case name used in JSON, config pins and front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Runbook => "runbook",
            DocKind::Adr => "adr",
            DocKind::Design => "design",
            DocKind::Architecture => "architecture",
            DocKind::Onboarding => "onboarding",
            DocKind::Operations => "operations",
            DocKind::Security => "security",
            DocKind::Access => "access",
            DocKind::Handoff => "handoff",
            DocKind::Api => "api",
            DocKind::Postmortem => "postmortem",
            DocKind::Changelog => "changelog",
            DocKind::License => "license",
            DocKind::Other => "other",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of [`DocKind::ALL`] nor a known alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = DocKind::ALL.iter().map(|k| k.as_str()).collect();
        write!(
            f,
            "unknown document kind `{}` (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for DocKind {
    type Err = UnknownKind;

    /// Case-insensitive; `-`, `_` and spaces are equivalent; a few common aliases are accepted
    /// because front matter in the wild says `post-mortem`, `decision` or `rfc`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| {
                if c == '-' || c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let kind = match norm.as_str() {
            "runbook" | "playbook" => DocKind::Runbook,
            "adr" | "decision" | "decision_record" | "architecture_decision_record" => DocKind::Adr,
            "design" | "design_doc" | "rfc" | "proposal" => DocKind::Design,
            "architecture" => DocKind::Architecture,
            "onboarding" | "getting_started" => DocKind::Onboarding,
            "operations" | "ops" => DocKind::Operations,
            "security" | "incident_response" => DocKind::Security,
            "access" | "credentials" => DocKind::Access,
            "handoff" | "handover" | "knowledge_transfer" => DocKind::Handoff,
            "api" => DocKind::Api,
            "postmortem" | "post_mortem" | "incident_report" => DocKind::Postmortem,
            "changelog" | "release_notes" => DocKind::Changelog,
            "license" | "licence" => DocKind::License,
            "other" => DocKind::Other,
            _ => return Err(UnknownKind(s.trim().to_string())),
        };
        Ok(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn kind_round_trips_through_display_and_from_str() {
        for kind in DocKind::ALL {
            assert_eq!(kind.to_string().parse::<DocKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
        }
    }

    #[test]
    fn kind_aliases_and_errors() {
        let cases = [
            ("Post-Mortem", Ok(DocKind::Postmortem)),
            ("  RFC ", Ok(DocKind::Design)),
            ("knowledge transfer", Ok(DocKind::Handoff)),
            ("licence", Ok(DocKind::License)),
            ("docs", Err(UnknownKind("docs".to_string()))),
        ];
        for (input, want) in cases {
            assert_eq!(input.parse::<DocKind>(), want, "{input}");
        }
        let msg = "x".parse::<DocKind>().unwrap_err().to_string();
        assert!(msg.starts_with("unknown document kind `x` (expected one of: runbook, adr,"));
    }
}
