//! The report model: the wire types of the JSON output (and of `explain --format json`), the
//! context of every template, and the input of `diff`, `merge`, `render` and `signoff` (ADR 0003: apart from the fact types, which
//! `report::build` maps to these).
//!
//! Wire contract (DESIGN §7): `schema_version` is a major number; additive changes keep it and
//! readers accept any report of the same major. Names are snake_case, arrays keep a stable order
//! (checks in checklist order, repositories in command-line order, documents by path), dates
//! are RFC 3339 UTC and commit ids full, so two scans of the same commit give the same JSON.

mod comparison;
mod estate;
mod explain;
mod report;
mod signoff;

pub use comparison::{CategoryChange, CheckChange, Comparison, Direction, PathRef, direction};
pub use estate::{Estate, EstateOrganisation};
pub use explain::{Author, FileExplanation, RuleLocation};
pub use report::*;
pub use signoff::{AttestationRecord, SignOff, SignOffControl, SignOffControlItem, SignOffItem};
