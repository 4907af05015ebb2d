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
mod log;
mod model;
mod net;
mod output;
mod pager;
mod python;
mod query;
mod request;
mod response;
mod settings;
mod skeleton;
mod timestamp;

use error::{Error, Kind, Result};
use pager::Printed;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    cli::complete::answer_if_asked();
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let outcome = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(async {
            let printed = run_until_interrupted(args).await?;
            pager::show(printed)
        }),
        Err(err) => Err(Error::other(format!("Unable to start: {err}"))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Nothing useful can be done if stderr is gone too.
            let _ = std::io::stderr().write_all(err.render().as_bytes());
            ExitCode::from(err.exit_code())
        }
    }
}

/// Ctrl-C ends the run with exit code 130, as the AWS CLI does.
async fn run_until_interrupted(args: Vec<String>) -> Result<Printed> {
    tokio::select! {
        result = app::run(args) => result,
        _ = tokio::signal::ctrl_c() => {
            // A newline so the shell prompt starts on a fresh line; stderr keeps stdout clean.
            Err(Error::new(Kind::Interrupted, "").bare())
        }
    }
}
