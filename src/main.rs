//! `sts`: AWS Security Token Service from the shell, a drop-in for `aws sts`.
//!
//! The pipeline reads top to bottom in `run`: parse the command line, read the parameters,
//! resolve settings, make the one call, read the answer, apply `--query`, print.

mod assets;
mod cli;
mod client;
mod complete;
mod credentials;
mod descriptions;
mod error;
mod help;
mod input;
mod man;
mod model;
mod output;
mod pager;
mod paramfile;
mod python;
mod query;
mod response;
mod settings;
mod shorthand;
mod skeleton;
mod timestamp;
mod transport;
mod validate;

use cli::{Call, Invocation};
use error::{Error, Kind, Result};
use pager::Printed;
use skeleton::SkeletonKind;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    complete::answer_if_asked();
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
        result = run(args) => result,
        _ = tokio::signal::ctrl_c() => {
            // A newline so the shell prompt starts on a fresh line; stderr keeps stdout clean.
            Err(Error::new(Kind::Interrupted, "").bare())
        }
    }
}

/// Everything between argv and the text to print on stdout.
async fn run(args: Vec<String>) -> Result<Printed> {
    let call = match cli::parse(args)? {
        Invocation::Version => return Ok(Printed::plain(version())),
        Invocation::GenerateAssets(dir) => {
            return assets::generate(&dir).map(|()| Printed::plain(String::new()));
        }
        Invocation::Help(help) => {
            return Ok(Printed {
                text: help::render(help.operation),
                pager: settings::help_pager(help.profile.as_deref(), help.no_cli_pager).await,
            });
        }
        Invocation::Call(call) => call,
    };
    let Call {
        operation,
        globals,
        params,
        cli_input,
        skeleton,
    } = *call;
    let query = globals
        .query
        .as_deref()
        .map(query::Query::compile)
        .transpose()
        .map_err(Error::usage)?;
    let mut params = input::read_params(&params)?;
    if let Some(document) = &cli_input {
        input::merge_cli_input(&mut params, document)?;
    }
    let sample = match skeleton
        .as_deref()
        .and_then(|value| skeleton::kind(Some(value)))
    {
        Some(SkeletonKind::Output) => true,
        Some(kind) => return Ok(Printed::plain(skeleton::input_skeleton(operation, kind))),
        None => false,
    };
    validate::validate(&params, operation.input)?;
    let settings = settings::resolve(&globals).await?;
    if settings.debug {
        eprintln!(
            "sts: {} {}: {} to {} (region {}, profile {})",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
            operation.api_name,
            settings
                .endpoint_url
                .as_deref()
                .unwrap_or("the region's endpoint"),
            settings.region,
            settings.profile_name.as_deref().unwrap_or("default"),
        );
    }
    if sample {
        // A sample of the answer, printed like one, without contacting anyone.
        let result = apply_query(query.as_ref(), skeleton::output_sample(operation))?;
        return print(&settings, &result, operation);
    }
    let answer = client::call(operation, &params, &settings).await?;
    let response = response::parse_output(operation, &answer.body, settings.timestamp_format)?;
    let result = apply_query(query.as_ref(), response)?;
    print(&settings, &result, operation)
}

/// The result in the chosen format, to be shown through the configured pager.
fn print(
    settings: &settings::Settings,
    result: &serde_json::Value,
    operation: &model::Operation,
) -> Result<Printed> {
    Ok(Printed {
        text: output::render(settings.output, result, operation.api_name, settings.color)?,
        pager: settings.pager.clone(),
    })
}

fn apply_query(
    query: Option<&query::Query>,
    value: serde_json::Value,
) -> Result<serde_json::Value> {
    match query {
        Some(query) => query.search(&value).map_err(Error::other),
        None => Ok(value),
    }
}

fn version() -> String {
    format!(
        "sts/{} {}/{}\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}
