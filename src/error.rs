//! The one error type of the program and its mapping to the AWS CLI v2 exit codes.

use std::fmt;

/// What went wrong, in the classes the AWS CLI v2 gives distinct exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad command line, parameter value or --query expression (252).
    Usage,
    /// Configuration: credentials, profile, region, config values (253).
    Config,
    /// The service answered with an error (254).
    Service,
    /// Anything else: connection, timeout, unreadable answer, query runtime error (255).
    Other,
    /// Interrupted by Ctrl-C (130).
    Interrupted,
}

/// An error to report to the user: the message is printed once, by `main`.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    /// Printed without the blank line that precedes most AWS CLI errors (it omits it for
    /// missing credentials and a missing region).
    pub bare: bool,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            bare: false,
        }
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(Kind::Usage, message)
    }

    pub fn config(message: impl Into<String>) -> Error {
        Error::new(Kind::Config, message)
    }

    pub fn other(message: impl Into<String>) -> Error {
        Error::new(Kind::Other, message)
    }

    /// The same error without the leading blank line.
    pub fn bare(mut self) -> Error {
        self.bare = true;
        self
    }

    /// The exit code AWS CLI v2 uses for this class of error.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Usage => 252,
            Kind::Config => 253,
            Kind::Service => 254,
            Kind::Other => 255,
            Kind::Interrupted => 130,
        }
    }

    /// The bytes written to stderr: like the AWS CLI, a blank line, the message, a newline.
    pub fn render(&self) -> String {
        match (self.kind, self.bare) {
            (Kind::Interrupted, _) => String::new(),
            (_, true) => format!("{}\n", self.message),
            (_, false) => format!("\n{}\n", self.message),
        }
    }
}

/// An error and its causes on one line, each cause once (SDK errors repeat their sources).
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(current) = cause {
        let more = current.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = current.source();
    }
    text
}

/// The first error of type `E` in the chain of causes.
pub fn find<'a, E: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a E> {
    std::iter::successors(Some(err), |e| e.source()).find_map(|e| e.downcast_ref::<E>())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_aws_cli_v2() {
        assert_eq!(Error::usage("x").exit_code(), 252);
        assert_eq!(Error::config("x").exit_code(), 253);
        assert_eq!(Error::new(Kind::Service, "x").exit_code(), 254);
        assert_eq!(Error::other("x").exit_code(), 255);
        assert_eq!(Error::new(Kind::Interrupted, "").exit_code(), 130);
    }

    #[test]
    fn messages_are_framed_by_newlines() {
        assert_eq!(Error::other("boom").render(), "\nboom\n");
        assert_eq!(Error::config("no region").bare().render(), "no region\n");
    }
}
