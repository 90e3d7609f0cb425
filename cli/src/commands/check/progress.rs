//! The progress line of `learnwire check`: `[3/500] courses/fire.zip` on stderr, rewritten in place,
//! only when stderr is a terminal, more than one path is checked and `--quiet` is not given. Plain
//! text and a carriage return: no dependency, nothing in a log or a pipe.

use std::io::{IsTerminal, Write};
use std::path::Path;

/// The longest path shown, in characters (the start is cut, the file name kept).
const MAX_PATH_CHARS: usize = 60;

pub(super) struct Progress {
    total: usize,
    enabled: bool,
    /// Characters of the line on screen, to blank it.
    shown: usize,
}

impl Progress {
    pub(super) fn new(total: usize, quiet: bool) -> Self {
        Self {
            total,
            enabled: !quiet && total > 1 && std::io::stderr().is_terminal(),
            shown: 0,
        }
    }

    /// Shows that `done` paths are finished and `path` is being checked.
    pub(super) fn show(&mut self, done: usize, path: &Path) {
        if !self.enabled {
            return;
        }
        let shown = path.display().to_string();
        let count = shown.chars().count();
        let shown: String = if count > MAX_PATH_CHARS {
            let tail: String = shown
                .chars()
                .skip(count.saturating_sub(MAX_PATH_CHARS - 1))
                .collect();
            format!("…{tail}")
        } else {
            shown
        };
        // Control characters of a hostile file name would move the cursor: replaced.
        let shown: String = shown
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        let line = format!("[{}/{}] {shown}", done.saturating_add(1), self.total);
        self.clear();
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "{line}");
        let _ = stderr.flush();
        self.shown = line.chars().count();
    }

    /// Blanks the line, before results are printed and at the end.
    pub(super) fn clear(&mut self) {
        if !self.enabled || self.shown == 0 {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{}\r", " ".repeat(self.shown));
        let _ = stderr.flush();
        self.shown = 0;
    }
}
