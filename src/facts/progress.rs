//! The progress bar of long passes (the history pass, an estate's repositories): drawn on stderr
//! only when the caller asks (a terminal, no `-q`) and only once the pass has run for a while
//! (`DELAY`, ~2 s: issue 15), so a quick scan prints nothing but its result. indicatif hides
//! the bar anyway when stderr is not a terminal.
//!
//! Not a measurement: it only shows how far a pass has got. `EXITREADY_PROGRESS_AFTER_MS`
//! replaces the delay (0 draws at once: the pseudo-terminal test uses it).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a pass runs before its bar appears.
pub const DELAY: Duration = Duration::from_secs(2);

/// The environment variable that replaces `DELAY`, in milliseconds.
pub const DELAY_VARIABLE: &str = "EXITREADY_PROGRESS_AFTER_MS";

/// A progress bar that appears after `DELAY`, if the pass is still running.
pub struct Progress {
    bar: ProgressBar,
    /// Set when the pass is over: a bar shown after that would linger.
    finished: Arc<Mutex<bool>>,
}

impl Progress {
    /// A bar of `len` steps with an indicatif `template`; hidden for good unless `enabled`.
    pub fn new(enabled: bool, len: u64, template: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        let progress = Progress {
            bar,
            finished: Arc::new(Mutex::new(false)),
        };
        if enabled {
            let delay = std::env::var(DELAY_VARIABLE)
                .ok()
                .and_then(|ms| ms.parse().ok())
                .map_or(DELAY, Duration::from_millis);
            if delay.is_zero() {
                progress.show();
            } else {
                let (bar, finished) = (progress.bar.clone(), progress.finished.clone());
                std::thread::spawn(move || {
                    std::thread::sleep(delay);
                    reveal(&bar, &finished);
                });
            }
        }
        progress
    }

    fn show(&self) {
        reveal(&self.bar, &self.finished);
    }

    /// Advances the bar by `n` steps.
    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Sets the message shown after the bar (`{msg}` in the template).
    pub fn set_message(&self, message: String) {
        self.bar.set_message(message);
    }

    /// Ends the pass and clears the bar, if it was shown.
    pub fn finish(&self) {
        let mut finished = self.finished.lock().unwrap_or_else(|e| e.into_inner());
        *finished = true;
        self.bar.finish_and_clear();
    }
}

/// Draws the bar on stderr, unless the pass is over.
fn reveal(bar: &ProgressBar, finished: &Mutex<bool>) {
    let finished = finished.lock().unwrap_or_else(|e| e.into_inner());
    if !*finished {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.tick();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_bar_stays_hidden_and_a_finished_one_is_not_revealed() {
        let progress = Progress::new(false, 10, "{pos}/{len}");
        progress.inc(3);
        assert!(progress.bar.is_hidden());
        progress.finish();
        progress.show();
        assert!(progress.bar.is_hidden());
    }
}
