//! Reports: the one `Report` model, built from facts and check results, and its renderings.
//!
//! `build` assembles the `Report` (mapping fact types to the wire types of `model`); `input`
//! reads a report back; `view` selects and orders what people read of it (top risks, links,
//! capped lists); `render` turns it into JSON, Markdown and HTML (handlebars templates);
//! `terminal`, `gate`, `diff` and `signoff` write text for people; `sarif`, `junit`,
//! `codequality` and `annotations` write what CI systems read. Nothing here reads a repository
//! or decides what is true: workflows over reports (compare, merge, sign-off, anonymise) live in
//! `workflows/`.

pub mod annotations;
pub mod build;
pub mod charts;
pub mod codequality;
pub mod diff;
pub mod explain;
pub mod formats;
pub mod gate;
pub mod helpers;
pub mod html;
pub mod input;
pub mod junit;
pub mod links;
pub mod markdown;
pub mod model;
pub mod render;
pub mod sarif;
pub mod signoff;
pub mod terminal;
pub mod view;
