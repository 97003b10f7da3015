//! The handlebars helpers of exitready's templates, registered in one place.
//!
//! Arithmetic on numbers, for laying out SVG rows (`translate(0, {{multiply @index 26}})`); a
//! helper given anything but numbers fails with an error naming it. None of them outputs
//! markup, so HTML escaping stays in force for everything else. The Markdown templates have two
//! more: `link TEXT URL`, which writes `[TEXT](URL)` with the text escaped (`report::markdown`)
//! and only a URL `report::links` could have made, else the escaped text alone; and
//! `line_start TEXT`, the text escaped for the start of a line or list item.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError, RenderErrorReason,
};
use imp::{Add, Multiply, Subtract};

fn number(helper: &str, value: &serde_json::Value) -> Result<f64, RenderErrorReason> {
    value
        .as_f64()
        .ok_or_else(|| RenderErrorReason::Other(format!("helper `{helper}`: expected a number, got {value}")))
}

fn rounded(value: f64) -> serde_json::Value {
    let v = (value * 10.0).round() / 10.0;
    serde_json::json!(v)
}

/// The helper types (private: `register` is the interface).
mod imp {
    use super::{number, rounded};
    use handlebars::handlebars_helper;

    handlebars_helper!(Add: |a: Json, b: Json| {
        rounded(number("add", a)? + number("add", b)?)
    });
    handlebars_helper!(Subtract: |a: Json, b: Json| {
        rounded(number("subtract", a)? - number("subtract", b)?)
    });
    handlebars_helper!(Multiply: |a: Json, b: Json| {
        rounded(number("multiply", a)? * number("multiply", b)?)
    });
}

/// Registers every helper: `add a b`, `subtract a b`, `multiply a b` (numbers, result rounded
/// to one decimal).
pub fn register(registry: &mut Handlebars<'static>) {
    registry.register_helper("add", Box::new(Add));
    registry.register_helper("subtract", Box::new(Subtract));
    registry.register_helper("multiply", Box::new(Multiply));
}

/// Registers the Markdown-only helpers: `link TEXT URL` (URL may be null), and `line_start
/// TEXT` for a value that starts a line or a list item.
pub fn register_markdown(registry: &mut Handlebars<'static>) {
    registry.register_helper("link", Box::new(MarkdownLink));
    registry.register_helper("line_start", Box::new(LineStart));
}

/// `line_start TEXT`: the text escaped for the start of a line (`markdown::escape_line_start`).
struct LineStart;

impl HelperDef for LineStart {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h
            .param(0)
            .ok_or_else(|| RenderError::from(RenderErrorReason::Other("helper `line_start`: TEXT is missing".into())))?
            .value();
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.write(&super::markdown::escape_line_start(&text))?;
        Ok(())
    }
}

/// `link TEXT URL`: a Markdown link to a file, or the escaped text when there is no URL.
struct MarkdownLink;

impl HelperDef for MarkdownLink {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let text = h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
            RenderError::from(RenderErrorReason::Other("helper `link`: TEXT must be a string".into()))
        })?;
        let url = h.param(1).and_then(|p| p.value().as_str());
        out.write(&super::markdown::link(text, url))?;
        Ok(())
    }
}
