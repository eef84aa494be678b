//! Why a file could not be read fully. A problem always names its file: nothing is skipped
//! silently.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The article was read, but something in it was not understood (and is said here).
    Warning,
    /// The file could not be read as an article at all.
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub severity: Severity,
    /// Human-readable, already cleaned of control characters.
    pub reason: String,
}

impl Problem {
    pub fn warning(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self::new(path, Severity::Warning, reason)
    }

    pub fn error(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self::new(path, Severity::Error, reason)
    }

    fn new(path: impl Into<PathBuf>, severity: Severity, reason: impl Into<String>) -> Self {
        let reason = crate::sanitize::clean_line(&reason.into());
        Self {
            path: path.into(),
            severity,
            reason,
        }
    }
}

impl fmt::Display for Problem {
    /// `path: warning: reason`, with the path cleaned (file names can hold escapes too).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let path = crate::sanitize::clean_line(&self.path.to_string_lossy());
        write!(f, "{path}: {level}: {}", self.reason)
    }
}
