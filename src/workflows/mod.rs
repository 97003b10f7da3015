//! Workflows over reports: comparing a report with its baseline, merging reports into an
//! estate, the handoff sign-off, and pseudonymising people. They read and build values of the
//! report model (`report::model`) and leave rendering to `report/`; none reads a repository.

pub mod anonymize;
pub mod compare;
pub mod merge;
pub mod signoff;
