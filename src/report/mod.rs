//! Reports: the model built from facts and check results, and its renderings.
//!
//! `build` assembles the one `Report`; `render` turns it into JSON, Markdown (handlebars
//! templates) or the terminal summary; `sarif`, `junit`,
//! `codequality` and `annotations` write what CI systems read. Nothing here reads a repository.

pub mod annotations;
pub mod anonymize;
pub mod build;
pub mod charts;
pub mod codequality;
pub mod compare;
pub mod helpers;
pub mod html;
pub mod input;
pub mod junit;
pub mod links;
pub mod merge;
pub mod model;
pub mod render;
pub mod sarif;
pub mod signoff;
pub mod terminal;

pub use input::read;
