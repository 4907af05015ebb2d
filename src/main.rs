//! `sts`: AWS Security Token Service from the shell, a drop-in for `aws sts`. The entry point:
//! the completion hook, the runtime, Ctrl-C, and the one place an error becomes an exit code.
//! ARCHITECTURE.md says where everything else lives.

mod app;
mod assets;
mod cli;
mod client;
mod commands;
mod config;
mod credentials;
mod error;
mod help;
mod inherited;
mod interrupt;
mod log;
mod model;
mod net;
mod output;
mod pager;
mod prompt;
mod python;
mod query;
mod request;
mod response;
mod settings;
mod skeleton;
mod timestamp;

#[cfg(test)]
mod fuzz;

use error::{Error, Result};
use output::{ColorMode, ErrorFormat};
use pager::Printed;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before anything installs a handler (a closed stdout was noted before `main`).
    inherited::interrupt_ignored_at_start();
    cli::complete::answer_if_asked();
    // A word that is not UTF-8 cannot be sent: v2 fails on it with Python's words (255).
    let raw: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let args: Vec<String> = raw
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let not_utf8 = raw
        .iter()
        .find_map(|a| python::int::encode_error(a.as_encoded_bytes()));
    // `sts --version` is answered before the runtime is built (a tenth of its start-up); a
    // failure to print it is reported below, as any other.
    let version = not_utf8
        .is_none()
        .then(|| app::version_only(&args))
        .flatten()
        .map(|text| pager::show(Printed::plain(text)));
    if let Some(Ok(())) = version {
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            let err = Error::other(format!("Unable to start: {err}"));
            return report(&err, ErrorFormat::default(), ColorMode::default());
        }
    };
    runtime.block_on(async {
        let outcome = match (version, not_utf8) {
            (Some(printed), _) => printed,
            (None, Some(message)) => Err(Error::other(message)),
            (None, None) => match run_until_interrupted(args.clone()).await {
                Ok(printed) => pager::show(printed),
                Err(err) => Err(err),
            },
        };
        match outcome {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                let (format, color) = app::error_style(&args).await;
                report(&err, format, color)
            }
        }
    })
}

/// Write the error once, in the chosen format, and exit with its code.
fn report(err: &Error, format: ErrorFormat, color: ColorMode) -> ExitCode {
    let text = output::render_error(err, format, color);
    // Nothing useful can be done if stderr is gone too.
    let _ = std::io::stderr().write_all(text.as_bytes());
    ExitCode::from(err.exit_code())
}

/// Ctrl-C ends the run with exit code 130, as the AWS CLI does, unless this process was
/// started with it ignored, or `sts exec` has handed it to the command it runs.
async fn run_until_interrupted(args: Vec<String>) -> Result<Printed> {
    if inherited::interrupt_ignored_at_start() {
        return app::run(args).await;
    }
    let run = app::run(args);
    tokio::pin!(run);
    loop {
        tokio::select! {
            result = &mut run => return result,
            _ = tokio::signal::ctrl_c() => {
                if !interrupt::handed_to_command() {
                    // A newline (see output::error) so the shell prompt starts on a fresh line.
                    return Err(Error::interrupted());
                }
            }
        }
    }
}
