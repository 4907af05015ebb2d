//! The sts-only workflows: what people install aws-vault, granted or awsume for, beside the
//! `aws sts` operations. They use the layers below (settings, credentials, client, output)
//! but the `aws sts` path never calls into them, so they cannot change what an operation does.

mod console;
mod exec;
mod explain;
mod export;
mod logout;

use crate::cli::Workflow;
use crate::error::{Error, Result};
use crate::pager::Printed;

/// Carry out one workflow.
pub async fn run(workflow: Workflow) -> Result<Printed> {
    match workflow {
        Workflow::ExportCredentials { globals, format } => export::run(&globals, format).await,
        Workflow::Exec {
            globals,
            duration_seconds,
            server,
            command,
        } => {
            let request = exec::Request {
                duration_seconds,
                server,
                command,
            };
            exec::run(&globals, request).await
        }
        Workflow::Console {
            globals,
            destination,
            duration_seconds,
            print,
        } => {
            let request = console::Request {
                destination,
                duration_seconds,
                print,
            };
            console::run(&globals, request).await
        }
        Workflow::ExplainDenial { globals, message } => explain::run(&globals, message).await,
        Workflow::Logout { globals, all } => logout::run(&globals, all).await,
    }
}

/// `--duration-seconds`: a whole number of seconds, at least STS's minimum of 900.
pub(crate) fn parse_duration(text: &str) -> Result<i64> {
    let seconds: i64 = text.trim().parse().map_err(|_| {
        Error::usage(format!(
            "--duration-seconds: expected a whole number of seconds, got '{text}'"
        ))
    })?;
    if seconds < 900 {
        return Err(Error::usage(format!(
            "--duration-seconds: {seconds} is less than 900, the shortest session STS grants"
        )));
    }
    Ok(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_is_whole_seconds_from_900() {
        assert_eq!(parse_duration("3600").ok(), Some(3600));
        assert_eq!(parse_duration(" 900 ").ok(), Some(900));
        for (text, message) in [
            (
                "1h",
                "--duration-seconds: expected a whole number of seconds, got '1h'",
            ),
            (
                "899",
                "--duration-seconds: 899 is less than 900, the shortest session STS grants",
            ),
        ] {
            let error = parse_duration(text).err().map(|error| error.message);
            assert_eq!(error.as_deref(), Some(message));
        }
    }
}
