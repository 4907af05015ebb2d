//! Messages on stderr besides the final error: `--debug` lines and warnings, each line
//! prefixed `sts: `. Callers pass what may be shown; secrets (keys, tokens, signatures,
//! assertions, sign-in URLs) are never given to these macros.

use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static DEBUG: AtomicBool = AtomicBool::new(false);

/// Turn `--debug` lines on for the rest of the run.
pub fn enable_debug() {
    DEBUG.store(true, Ordering::Relaxed);
}

pub fn debug_enabled() -> bool {
    DEBUG.load(Ordering::Relaxed)
}

/// Write `message` to stderr, `sts: ` before each of its lines. A stderr that cannot be
/// written to is no reason to fail (or panic, as `eprintln!` would).
pub fn write(message: fmt::Arguments<'_>) {
    let text = message.to_string();
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split('\n') {
        out.push_str("sts: ");
        out.push_str(line);
        out.push('\n');
    }
    let _ = std::io::stderr().lock().write_all(out.as_bytes());
}

/// A `--debug` line: formatted only when debugging is on.
macro_rules! debug {
    ($($arg:tt)*) => {
        if $crate::log::debug_enabled() {
            $crate::log::write(format_args!($($arg)*));
        }
    };
}

/// A warning, always shown: `sts: warning: ...`.
macro_rules! warning {
    ($($arg:tt)*) => {
        $crate::log::write(format_args!("warning: {}", format_args!($($arg)*)))
    };
}

pub(crate) use {debug, warning};
