//! The handlebars helpers of exitready's templates, registered in one place.
//!
//! Only arithmetic on numbers, for laying out SVG rows (`translate(0, {{multiply @index 26}})`);
//! a helper given anything but numbers fails with an error naming it. None of them outputs
//! markup, so HTML escaping stays in force for everything else.

use handlebars::{Handlebars, RenderErrorReason};
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
