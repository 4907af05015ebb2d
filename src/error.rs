//! The one error type of the program: its class (which gives the AWS CLI v2 exit code) and
//! how v2 presents it (which of its error handlers it goes through). `output::error` writes it.

use std::fmt;

/// What went wrong, in the classes the AWS CLI v2 gives distinct exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad command line, parameter value or --query expression (252).
    Usage,
    /// Configuration: credentials, region, config values, the pager (253).
    Config,
    /// The service answered with an error (254).
    Service,
    /// Anything else: connection, timeout, unreadable answer, query runtime error (255).
    Other,
    /// Interrupted by Ctrl-C (130).
    Interrupted,
    /// `sts exec`: the command cannot be found (127, as in a shell).
    CommandNotFound,
    /// `sts exec`: the command was found but cannot be run (126, as in a shell).
    CommandNotExecutable,
    /// `sts exec`: the command ended with this status, or 128 + the signal that ended it;
    /// nothing is printed, the command has said what it had to.
    CommandEnded(u8),
}

/// How the AWS CLI v2 shows an error, which decides what each `--cli-error-format` prints.
#[derive(Debug, Clone, PartialEq)]
pub enum Presentation {
    /// A general error: its message, the same in every format.
    Plain,
    /// An error v2 names with a code (`ParamValidation`, `Configuration`, `NoRegion`,
    /// `NoCredentials`, `Pager`): `An error occurred (CODE): MESSAGE`, or `{Code, Message}`
    /// in the structured formats.
    Coded(&'static str),
    /// The service's error answer: the message, or in the structured formats the error's
    /// fields as the answer gave them (those of the model: its code and message).
    Service(Vec<(String, String)>),
    /// Options nobody knows: this usage block first, then the message, in every format.
    UnknownOptions(String),
}

/// An error to report to the user: written once, by `main`.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    /// The message as the AWS CLI words it (`str()` of its exception).
    pub message: String,
    pub presentation: Presentation,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(kind: Kind, presentation: Presentation, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            presentation,
        }
    }

    /// A bad command line or parameter: v2's ParamValidation (252).
    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(Kind::Usage, Presentation::Coded("ParamValidation"), message)
    }

    /// A configuration in an invalid state: v2's Configuration (253).
    pub fn config(message: impl Into<String>) -> Error {
        Error::new(Kind::Config, Presentation::Coded("Configuration"), message)
    }

    /// One of v2's other coded configuration errors (253): NoRegion, NoCredentials, Pager.
    pub fn coded_config(code: &'static str, message: impl Into<String>) -> Error {
        Error::new(Kind::Config, Presentation::Coded(code), message)
    }

    /// Anything else (255), shown as it is.
    pub fn other(message: impl Into<String>) -> Error {
        Error::new(Kind::Other, Presentation::Plain, message)
    }

    /// Command-line words nothing takes (252), reported after the tool's `usage`.
    pub fn unknown_options(words: &[String], usage: &str) -> Error {
        Error::new(
            Kind::Usage,
            Presentation::UnknownOptions(usage.to_string()),
            format!("Unknown options: {}", words.join(", ")),
        )
    }

    /// Ctrl-C (130).
    pub fn interrupted() -> Error {
        Error::new(Kind::Interrupted, Presentation::Plain, "")
    }

    /// `sts exec`'s command ended with `status` (not 0).
    pub fn command_ended(status: u8) -> Error {
        Error::new(Kind::CommandEnded(status), Presentation::Plain, "")
    }

    /// The exit code AWS CLI v2 uses for this class of error; a shell's for `sts exec`.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Usage => 252,
            Kind::Config => 253,
            Kind::Service => 254,
            Kind::Other => 255,
            Kind::Interrupted => 130,
            Kind::CommandNotFound => 127,
            Kind::CommandNotExecutable => 126,
            Kind::CommandEnded(status) => status,
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
        assert_eq!(Error::coded_config("NoRegion", "x").exit_code(), 253);
        let service = Error::new(Kind::Service, Presentation::Service(Vec::new()), "x");
        assert_eq!(service.exit_code(), 254);
        assert_eq!(Error::other("x").exit_code(), 255);
        assert_eq!(
            Error::unknown_options(&["--x".into()], "u").exit_code(),
            252
        );
        assert_eq!(Error::interrupted().exit_code(), 130);
    }
}
