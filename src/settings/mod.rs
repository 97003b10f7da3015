//! Configuration: `exitready.toml` as written (`config`), resolved once per root into
//! [`Settings`] (`resolved`), with the one place globs are compiled (`globs`).
//!
//! Below facts, checks and the report: it imports only `base` and `load`.

mod config;
mod globs;
mod resolved;

pub use config::{Config, Dialect, GateConfig, Thresholds, UnknownRole, Waiver};
pub use globs::{BadGlob, Globs};
pub use resolved::{CONFIG_FILE, DeclaredService, GateSettings, Identities, KindPin, OrgSpec, Settings, WaiverRule};

pub use crate::base::role::Role;
