//! exitready: audits how replaceable an outside IT vendor is.
//!
//! The modules follow the pipeline (see ARCHITECTURE.md): `discover` finds the roots,
//! `facts` gathers what is true about them without judging it, `checks` evaluates checklists
//! into statuses, scores and evidence, and `report` renders the one `Report` model. Only `cli`
//! knows clap; `commands` is the glue between the command line and the pipeline.
#![warn(missing_docs)]

pub mod base;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod discover;
pub mod error;
pub mod facts;
pub mod load;
pub mod report;
pub mod settings;
pub mod workflows;
