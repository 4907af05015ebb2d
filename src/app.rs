//! What was asked, done: the one match over the invocation, and the `aws sts` pipeline read top
//! to bottom (command line, parameters, settings, the call, the answer, `--query`, the format).

use crate::cli::{self, AutoPrompt, Call, Invocation};
use crate::error::{Error, Kind, Presentation, Result};
use crate::model::{OPERATIONS, Operation};
use crate::output::{ColorMode, CredentialFormat, ErrorFormat, OutputFormat};
use crate::pager::{self, Printed};
use crate::query::Query;
use crate::settings::{self, Settings};
use crate::skeleton::{self, SkeletonKind};
use crate::{assets, client, commands, help, log, output, prompt, request, response};
use serde_json::Value;
use std::io::Write;

/// Everything between argv and the text to print on stdout, with the auto-prompt's chance to
/// complete the command line first (or after a first try, for `on-partial`).
pub async fn run(args: Vec<String>) -> Result<Printed> {
    match settings::auto_prompt(&args).await? {
        AutoPrompt::Off => run_parsed(args).await,
        AutoPrompt::On => run_parsed(prompt::complete(&args)?).await,
        AutoPrompt::OnPartial => match run_parsed(args.clone()).await {
            Err(err) if err.kind == Kind::Usage => {
                // v2 keeps quiet about what the prompt will fix, but not about unknown options.
                if matches!(err.presentation, Presentation::UnknownOptions(_)) {
                    let (format, color) = error_style(&args).await;
                    let _ = std::io::stderr()
                        .write_all(output::render_error(&err, format, color).as_bytes());
                }
                run_parsed(prompt::complete(&args)?).await
            }
            other => other,
        },
    }
}

/// What `run` answers for a line that asks for the version, decided the same way (the literal
/// `--version` turns the auto-prompt off without reading any file, and the line parses to
/// `Version`), so that `main` can answer it before setting anything up: `None` otherwise.
pub fn version_only(args: &[String]) -> Option<String> {
    let literal = args.iter().any(|arg| arg == "--version");
    let answered = literal
        && matches!(cli::auto_prompt_flag(args), Ok(Some(AutoPrompt::Off)))
        && matches!(cli::parse(args.to_vec()), Ok(Invocation::Version));
    answered.then(version)
}

/// The command line, parsed and carried out.
async fn run_parsed(args: Vec<String>) -> Result<Printed> {
    match cli::parse(args)? {
        Invocation::Version => Ok(Printed::plain(version())),
        Invocation::GenerateAssets(dir) => {
            assets::generate(&dir).map(|()| Printed::plain(String::new()))
        }
        Invocation::Help(help) => Ok(Printed {
            text: help::render(help.topic),
            pager: settings::help_pager(help.profile.as_deref(), help.no_cli_pager).await,
        }),
        Invocation::Call(call) => run_operation(*call).await,
        Invocation::Workflow(workflow) => commands::run(workflow).await,
    }
}

/// How an error of this command line is shown: its error format and table colours.
pub async fn error_style(args: &[String]) -> (ErrorFormat, ColorMode) {
    let flags = cli::error_style_flags(args);
    let format = match flags.error_format {
        Some(format) => format,
        None => settings::error_format(flags.profile.as_deref()).await,
    };
    (format, flags.color.unwrap_or_default())
}

/// One `aws sts OPERATION` command line.
async fn run_operation(call: Call) -> Result<Printed> {
    let Call {
        operation,
        globals,
        params,
        cli_input,
        skeleton,
    } = call;
    if globals.debug {
        log::enable_debug();
    }
    if let Some(OutputFormat::Credentials(format)) = globals.output {
        check_credentials_output(operation, format, globals.query.is_some())?;
    }
    let query = globals
        .query
        .as_deref()
        .map(Query::compile)
        .transpose()
        .map_err(Error::usage)?;
    let mut params = request::read_params(&params)?;
    if let Some(document) = &cli_input {
        request::merge_cli_input(&mut params, document)?;
    }
    match skeleton {
        Some(SkeletonKind::Output) | None => {}
        Some(kind) => return Ok(Printed::plain(skeleton::input_skeleton(operation, kind))),
    }
    request::validate(&params, operation.input)?;
    let settings = settings::resolve(&globals).await?;
    log::debug!(
        "{} {}: {} to {} (region {}, profile {})",
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
    let response = if skeleton == Some(SkeletonKind::Output) {
        // A sample of the answer, printed like one, without contacting anyone.
        skeleton::output_sample(operation)
    } else {
        let answer = client::call(operation, &params, &settings).await?;
        response::parse_output(operation, &answer.body, settings.timestamp_format)?
    };
    let result = match &query {
        Some(query) => query.search(&response).map_err(Error::other)?,
        None => response,
    };
    print(&settings, &result, operation)
}

/// `--output env` and its kind print an answer's credentials: only for the operations that
/// return some, and whole (a `--query` would cut them out).
fn check_credentials_output(
    operation: &Operation,
    format: CredentialFormat,
    query: bool,
) -> Result<()> {
    let name = format.name();
    if !operation.returns_credentials() {
        let returning: Vec<&str> = OPERATIONS
            .iter()
            .filter(|op| op.returns_credentials())
            .map(|op| op.cli_name)
            .collect();
        return Err(Error::usage(format!(
            "--output {name} prints the credentials an operation returns, and {} returns none; it is for {}.",
            operation.cli_name,
            returning.join(", ")
        )));
    }
    if query {
        return Err(Error::usage(format!(
            "--output {name} prints the credentials as they are, so it cannot be combined with --query."
        )));
    }
    Ok(())
}

/// The result in the chosen format, to be shown through the configured pager. What a format
/// wrote before it failed is printed before the error, as the AWS CLI prints it.
fn print(settings: &Settings, result: &Value, operation: &Operation) -> Result<Printed> {
    match output::render(settings.output, result, operation.api_name, settings.color) {
        Ok(text) => Ok(Printed {
            text,
            pager: settings.pager.clone(),
        }),
        Err(failed) => {
            pager::write_stdout(&failed.written)?;
            Err(failed.error)
        }
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
