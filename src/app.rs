//! What was asked, done: the one match over the invocation, and the `aws sts` pipeline read top
//! to bottom (command line, parameters, settings, the call, the answer, `--query`, the format).

use crate::cli::{self, Call, Invocation};
use crate::error::{Error, Result};
use crate::model::Operation;
use crate::pager::Printed;
use crate::query::Query;
use crate::settings::{self, Settings};
use crate::skeleton::{self, SkeletonKind};
use crate::{assets, client, commands, help, log, output, request, response};
use serde_json::Value;

/// Everything between argv and the text to print on stdout.
pub async fn run(args: Vec<String>) -> Result<Printed> {
    match cli::parse(args)? {
        Invocation::Version => Ok(Printed::plain(version())),
        Invocation::GenerateAssets(dir) => {
            assets::generate(&dir).map(|()| Printed::plain(String::new()))
        }
        Invocation::Help(help) => Ok(Printed {
            text: help::render(help.operation),
            pager: settings::help_pager(help.profile.as_deref(), help.no_cli_pager).await,
        }),
        Invocation::Call(call) => run_operation(*call).await,
        Invocation::Workflow(workflow) => commands::run(workflow).await,
    }
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

/// The result in the chosen format, to be shown through the configured pager.
fn print(settings: &Settings, result: &Value, operation: &Operation) -> Result<Printed> {
    Ok(Printed {
        text: output::render(settings.output, result, operation.api_name, settings.color)?,
        pager: settings.pager.clone(),
    })
}

fn version() -> String {
    format!(
        "sts/{} {}/{}\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}
