//! SVG chart geometry for the HTML report, computed from numbers only.
//!
//! Every string produced here (path data, point lists, coordinates) is built from numbers, so it
//! carries no repository content; labels (quarters, organisation names) are passed through as
//! data and escaped by the template like everything else. No rendering of text happens here.
//!
//! Coordinates are in each chart's own units: the template gives every SVG a `viewBox` of these
//! units and lets CSS scale it to the width available (`width: 100%`), so nothing is cut off on
//! a phone (issue 15). Text scales with the chart, so labels are laid out not to overlap at any
//! width: the trend's x-axis labels are thinned to what fits.

use serde::Serialize;

/// A semicircular gauge of a 0–100 score.
#[derive(Debug, Clone, Serialize)]
pub struct Gauge {
    /// Path data of the full background arc.
    pub track: String,
    /// Path data of the value arc (empty at 0).
    pub arc: String,
    /// The arc's colour.
    pub color: &'static str,
}

/// The colour of a 0–100 score (grade bands).
pub fn score_color(value: f64) -> &'static str {
    match value {
        v if v >= 75.0 => "#2f855a",
        v if v >= 60.0 => "#b7791f",
        v if v >= 40.0 => "#dd6b20",
        _ => "#c53030",
    }
}

/// A gauge 200×110 with its centre at (100, 100) and radius 80.
pub fn gauge(value: Option<f64>) -> Gauge {
    let v = value.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0;
    let angle = std::f64::consts::PI * (1.0 - v);
    let (x, y) = (100.0 + 80.0 * angle.cos(), 100.0 - 80.0 * angle.sin());
    Gauge {
        track: "M 20 100 A 80 80 0 0 1 180 100".to_string(),
        arc: if v > 0.0 {
            format!("M 20 100 A 80 80 0 0 1 {x:.1} {y:.1}")
        } else {
            String::new()
        },
        color: score_color(value.unwrap_or(0.0)),
    }
}

/// One horizontal bar.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Its label (escaped by the template).
    pub label: String,
    /// A secondary label (role, counts).
    pub note: String,
    /// The value as shown.
    pub value: String,
    /// The bar's length as a share of its track, 0–100: a share is drawn as a share.
    pub share: f64,
    /// Fill colour.
    pub color: &'static str,
}

/// A bar of `value` out of `max`.
pub fn bar(label: String, note: String, value: f64, max: f64, shown: String, color: &'static str) -> Bar {
    let share = if max > 0.0 {
        (value / max).clamp(0.0, 1.0) * 100.0
    } else {
        0.0
    };
    Bar {
        label,
        note,
        value: shown,
        share: round(share),
        color,
    }
}

/// A line chart with a 0–100 % y axis.
#[derive(Debug, Clone, Serialize)]
pub struct LineChart {
    /// Width of its `viewBox`.
    pub width: f64,
    /// Height of its `viewBox`.
    pub height: f64,
    /// Left edge of the plot.
    pub left: f64,
    /// Right edge of the plot.
    pub right: f64,
    /// Top of the plot.
    pub top: f64,
    /// Bottom of the plot (the x axis).
    pub bottom: f64,
    /// Horizontal grid lines with their labels.
    pub grid: Vec<Tick>,
    /// X-axis labels.
    pub xlabels: Vec<Tick>,
    /// The lines.
    pub series: Vec<Series>,
    /// Y of the x-axis title.
    pub xtitle_y: f64,
    /// X of the plot's centre.
    pub center: f64,
    /// Y of the plot's middle.
    pub middle: f64,
}

/// A label at a position.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Position along its axis.
    pub at: f64,
    /// The label.
    pub label: String,
}

/// One line of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// Stroke colour.
    pub color: &'static str,
    /// `stroke-dasharray` (empty for solid).
    pub dash: &'static str,
    /// Point lists ("x,y x,y"), one per run of known values.
    pub segments: Vec<String>,
    /// Markers at each known value.
    pub points: Vec<(f64, f64)>,
    /// Legend swatch position.
    pub legend_x: f64,
    /// Legend row.
    pub legend_y: f64,
}

/// Input of a line: its label, colour, dash and a 0–1 value per x (None = unknown).
pub type Line<'a> = (&'a str, &'static str, &'static str, Vec<Option<f64>>);

/// The width of an x-axis label of `chars` characters at the chart's 12-unit font, with the
/// gap kept between two labels: generous, so that labels never touch.
fn label_width(chars: usize) -> f64 {
    chars as f64 * 7.4 + 16.0
}

/// Which of `n` evenly spaced x positions, `spacing` units apart, get a label `width` wide: the
/// last one always (the latest quarter), then every k-th before it, k as small as fits.
pub fn thinned(n: usize, spacing: f64, width: f64) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let every = if spacing > 0.0 {
        ((width / spacing).ceil() as usize).max(1)
    } else {
        n
    };
    let mut picked: Vec<usize> = (0..n).rev().step_by(every).collect();
    picked.reverse();
    picked
}

/// Lays out a line chart of 0–1 shares over labelled x positions.
pub fn line_chart(xlabels: &[String], lines: Vec<Line>) -> LineChart {
    let (width, left, right, top, bottom) = (560.0, 48.0, 528.0, 14.0, 200.0);
    let n = xlabels.len();
    let x = |i: usize| {
        if n <= 1 {
            (left + right) / 2.0
        } else {
            left + (right - left) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| bottom - (bottom - top) * v.clamp(0.0, 1.0);
    let grid = (0..=4)
        .map(|k| Tick {
            at: round(y(k as f64 / 4.0)),
            label: format!("{}%", k * 25),
        })
        .collect();
    let spacing = if n > 1 {
        (right - left) / (n - 1) as f64
    } else {
        right - left
    };
    let widest = xlabels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let xlabels = thinned(n, spacing, label_width(widest))
        .into_iter()
        .map(|i| Tick {
            at: round(x(i)),
            label: xlabels[i].clone(),
        })
        .collect();
    let legend_top = bottom + 44.0;
    let series: Vec<Series> = lines
        .into_iter()
        .enumerate()
        .map(|(k, (label, color, dash, values))| {
            let mut segments = Vec::new();
            let mut current: Vec<String> = Vec::new();
            let mut points = Vec::new();
            for (i, value) in values.iter().enumerate() {
                match value {
                    Some(v) => {
                        let (px, py) = (round(x(i)), round(y(*v)));
                        current.push(format!("{px},{py}"));
                        points.push((px, py));
                    }
                    None if !current.is_empty() => segments.push(std::mem::take(&mut current).join(" ")),
                    None => {}
                }
            }
            if !current.is_empty() {
                segments.push(current.join(" "));
            }
            Series {
                label: label.to_string(),
                color,
                dash,
                segments,
                points,
                legend_x: left + (k % 2) as f64 * 250.0,
                legend_y: legend_top + (k / 2) as f64 * 18.0,
            }
        })
        .collect();
    let rows = series.len().div_ceil(2).max(1) as f64;
    LineChart {
        width,
        height: legend_top + rows * 18.0,
        left,
        right,
        top,
        bottom,
        grid,
        xlabels,
        series,
        xtitle_y: bottom + 32.0,
        center: (left + right) / 2.0,
        middle: (top + bottom) / 2.0,
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauge_ends_where_the_value_is() {
        assert_eq!(gauge(Some(100.0)).arc, "M 20 100 A 80 80 0 0 1 180.0 100.0");
        assert_eq!(gauge(Some(50.0)).arc, "M 20 100 A 80 80 0 0 1 100.0 20.0");
        assert_eq!(gauge(None).arc, "");
    }

    #[test]
    fn lines_break_at_unknown_values() {
        let chart = line_chart(
            &["2026-Q1".into(), "2026-Q2".into(), "2026-Q3".into()],
            vec![("pairing", "#000", "", vec![Some(0.0), None, Some(1.0)])],
        );
        assert_eq!(chart.series[0].segments, vec!["48,200", "528,14"]);
        assert_eq!(chart.grid[4].label, "100%");
        assert_eq!(chart.xlabels.len(), 3);
    }

    /// See: issue 15 ("2025-Q42026-Q3"). However many quarters, x-axis labels keep their
    /// distance, and the latest quarter is always labelled.
    #[test]
    fn x_labels_are_thinned_to_fit() {
        for n in [1, 2, 5, 12, 13, 29, 40, 81, 200] {
            let labels: Vec<String> = (0..n).map(|i| format!("{}-Q{}", 2000 + i / 4, i % 4 + 1)).collect();
            let chart = line_chart(&labels, vec![("x", "#000", "", vec![Some(0.5); n])]);
            let ticks = &chart.xlabels;
            assert_eq!(ticks.last().unwrap().label, labels[n - 1], "{n}");
            for pair in ticks.windows(2) {
                assert!(pair[1].at - pair[0].at >= label_width(7) - 0.5, "{n}: {pair:?}");
            }
            assert!(ticks.iter().all(|t| t.at >= chart.left && t.at <= chart.right));
        }
        assert_eq!(thinned(5, 10.0, 25.0), vec![1, 4]);
        assert_eq!(thinned(3, 100.0, 25.0), vec![0, 1, 2]);
    }

    #[test]
    fn bars_are_shares_of_their_track() {
        assert_eq!(
            bar("a".into(), String::new(), 75.0, 100.0, "75".into(), "#000").share,
            75.0
        );
        assert_eq!(
            bar("a".into(), String::new(), 3.0, 3.0, "3".into(), "#000").share,
            100.0
        );
        assert_eq!(bar("a".into(), String::new(), 1.0, 0.0, "1".into(), "#000").share, 0.0);
    }
}
