//! The command line: argv parsed into an [`Invocation`], without any I/O. The clap
//! description is built from the model (`command`), read the argparse way (`argparse`), and
//! answers shell completion (`complete`).

mod argparse;
mod command;
pub mod complete;
pub mod workflows;

pub use command::{command, global_option_docs};
pub use workflows::Workflow;

use crate::error::{Error, Result};
use crate::model::{Member, Operation, Shape};
use crate::output::{ColorMode, ErrorFormat, OutputFormat};
use crate::skeleton::SkeletonKind;
use argparse::{argparse_error, expand_abbreviations, unknown_options, unknown_words, usage_error};
use clap::ArgMatches;

/// The global options, as typed (resolution against env and config happens in `settings`).
#[derive(Debug, Default, Clone)]
pub struct Globals {
    pub debug: bool,
    pub endpoint_url: Option<String>,
    pub no_verify_ssl: bool,
    pub output: Option<OutputFormat>,
    pub query: Option<String>,
    pub profile: Option<String>,
    pub region: Option<String>,
    pub color: Option<ColorMode>,
    pub no_sign_request: bool,
    pub ca_bundle: Option<String>,
    pub cli_read_timeout: Option<String>,
    pub cli_connect_timeout: Option<String>,
    pub no_cli_pager: bool,
}

/// `help` for the tool or one operation, with what decides its pager.
#[derive(Debug)]
pub struct HelpRequest {
    pub topic: HelpTopic,
    pub profile: Option<String>,
    pub no_cli_pager: bool,
}

/// What a help page is about.
#[derive(Debug, Clone, Copy)]
pub enum HelpTopic {
    Tool,
    Operation(&'static Operation),
    /// An sts-only command, by name.
    Workflow(&'static str),
}

/// A value as typed for one operation parameter, before files and syntax are interpreted.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    One(String),
    Many(Vec<String>),
}

/// What the user asked for.
#[derive(Debug)]
pub enum Invocation {
    Version,
    /// `sts __generate-assets DIR` (hidden): write the completions and man pages.
    GenerateAssets(std::path::PathBuf),
    Help(HelpRequest),
    Call(Box<Call>),
    /// One of the sts-only commands (`commands/`).
    Workflow(Workflow),
}

/// One operation to run, with its parameters in model order.
#[derive(Debug)]
pub struct Call {
    pub operation: &'static Operation,
    pub globals: Globals,
    pub params: Vec<(&'static Member, RawValue)>,
    /// `--cli-input-json` or `--cli-input-yaml`, as typed.
    pub cli_input: Option<CliInput>,
    /// `--generate-cli-skeleton`, with `input` when no value was given.
    pub skeleton: Option<SkeletonKind>,
}

/// Parameters given as one document, merged under those typed as options.
#[derive(Debug, Clone, PartialEq)]
pub enum CliInput {
    Json(String),
    Yaml(String),
}

/// Parse argv (without the program name) into what to do.
pub fn parse(args: Vec<String>) -> Result<Invocation> {
    if let [command, dir] = args.as_slice()
        && command == "__generate-assets"
    {
        return Ok(Invocation::GenerateAssets(dir.into()));
    }
    let args = expand_abbreviations(args)?;
    if wants_version(&args) {
        return Ok(Invocation::Version);
    }
    if let Some(help) = wants_help(&args) {
        return Ok(Invocation::Help(help));
    }
    let from_elsewhere = parameters_from_elsewhere(&args);
    let attempt = |args: &[String]| {
        let argv = || std::iter::once("sts").chain(args.iter().map(String::as_str));
        command::command_naming(!from_elsewhere, args)
            .try_get_matches_from(argv())
            .or_else(|_| command::command_with(!from_elsewhere).try_get_matches_from(argv()))
    };
    let matches = match attempt(&args) {
        Ok(matches) => matches,
        Err(err) if err.kind() == clap::error::ErrorKind::UnknownArgument => {
            let (words, parsed) = unknown_words(&args, attempt)?;
            let workflow = parsed
                .as_ref()
                .and_then(ArgMatches::subcommand_name)
                .filter(|name| workflows::is_workflow(name));
            // v2's configure commands check their own words: a ParamValidation error, the
            // words joined by bare commas, no usage block.
            return Err(match workflow {
                Some("exec") => Error::usage(format!(
                    "Unknown options: {}. The command goes after --: \
                     sts exec [options] -- COMMAND [ARGS...]",
                    words.join(",")
                )),
                Some(_) => Error::usage(format!("Unknown options: {}", words.join(","))),
                None => unknown_options(&words),
            });
        }
        Err(err) => return Err(usage_error(err)),
    };
    let Some((name, op_matches)) = matches.subcommand() else {
        return Err(argparse_error(
            "the following arguments are required: operation",
        ));
    };
    if let Some(workflow) = workflows::from_matches(name, op_matches) {
        return Ok(Invocation::Workflow(workflow));
    }
    if op_matches.contains_id("cli-input-json") && op_matches.contains_id("cli-input-yaml") {
        return Err(Error::usage(
            "Only one --cli-input- parameter may be specified.",
        ));
    }
    let operation = Operation::find(name)
        .ok_or_else(|| argparse_error(&format!("Found invalid choice '{name}'")))?;
    Ok(Invocation::Call(Box::new(Call {
        operation,
        globals: globals(op_matches),
        params: params(operation, op_matches),
        cli_input: cli_input(op_matches),
        skeleton: op_matches
            .get_one::<SkeletonKind>("generate-cli-skeleton")
            .copied(),
    })))
}

/// `--cli-auto-prompt`, `AWS_CLI_AUTO_PROMPT` and `cli_auto_prompt`: when to build the command
/// on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoPrompt {
    Off,
    /// Always, from what was typed.
    On,
    /// When the command line is incomplete or wrong (it failed with exit code 252).
    OnPartial,
}

/// What the command line alone says about prompting (v2 looks at the exact words, before
/// parsing): `help` or `--version` anywhere means no prompt; both flags are an error.
pub fn auto_prompt_flag(args: &[String]) -> Result<Option<AutoPrompt>> {
    let has = |word: &str| args.iter().any(|a| a == word);
    if has("--cli-auto-prompt") && has("--no-cli-auto-prompt") {
        return Err(Error::usage(
            "Both --cli-auto-prompt and --no-cli-auto-prompt cannot be specified at the same time.",
        ));
    }
    Ok(
        if has("help") || has("--version") || has("--no-cli-auto-prompt") {
            Some(AutoPrompt::Off)
        } else if has("--cli-auto-prompt") {
            Some(AutoPrompt::On)
        } else {
            None
        },
    )
}

/// The global options that decide how an error is shown, read from a command line that may
/// not parse.
#[derive(Debug, Default, PartialEq)]
pub struct ErrorStyleFlags {
    pub error_format: Option<ErrorFormat>,
    pub color: Option<ColorMode>,
    pub profile: Option<String>,
}

/// What the command line says about showing errors. As in v2, nothing counts when its global
/// options themselves did not parse (a choice that is not one, an option without its value).
pub fn error_style_flags(args: &[String]) -> ErrorStyleFlags {
    let args = expand_abbreviations(args.to_vec()).unwrap_or_else(|_| args.to_vec());
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .take_while(|a| *a != "--")
        .collect();
    let value_of = |name: &str| -> Option<Option<&str>> {
        let mut found = None;
        for (i, word) in words.iter().enumerate() {
            if *word == name {
                // The last one wins; a missing value is a parse error.
                found = Some(words.get(i + 1).copied().filter(|v| !v.starts_with("--")));
            } else if let Some(value) = word.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                found = Some(Some(value));
            }
        }
        found
    };
    fn choice<T: Copy>(all: &[T], name: fn(T) -> &'static str, value: &str) -> Option<T> {
        all.iter().copied().find(|item| name(*item) == value)
    }
    let mut style = ErrorStyleFlags::default();
    for (option, choices) in [
        (
            "--output",
            OutputFormat::ALL.map(OutputFormat::name).to_vec(),
        ),
        ("--color", ColorMode::ALL.map(ColorMode::name).to_vec()),
        (
            "--cli-error-format",
            ErrorFormat::ALL.map(ErrorFormat::name).to_vec(),
        ),
        ("--cli-binary-format", vec!["base64", "raw-in-base64-out"]),
    ] {
        match value_of(option) {
            None => {}
            Some(Some(value)) if choices.contains(&value) => {}
            Some(_) => return style,
        }
    }
    let text = |name: &str| value_of(name).flatten().map(str::to_string);
    style.error_format = value_of("--cli-error-format")
        .flatten()
        .and_then(|v| choice(&ErrorFormat::ALL, ErrorFormat::name, v));
    style.color = value_of("--color")
        .flatten()
        .and_then(|v| choice(&ColorMode::ALL, ColorMode::name, v));
    style.profile = text("--profile");
    style
}

/// `--version` wins wherever it appears, as with argparse's version action.
fn wants_version(args: &[String]) -> bool {
    args.iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "--version")
}

/// `sts help`, `sts OP help`, `-h` and `--help` show help. The words are not parsed further
/// (help is shown whatever else is wrong), but `--profile` and `--no-cli-pager` still choose
/// the pager.
fn wants_help(args: &[String]) -> Option<HelpRequest> {
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .take_while(|a| *a != "--")
        .collect();
    let asks = words.iter().any(|w| matches!(*w, "help" | "-h" | "--help"));
    if !asks {
        return None;
    }
    let profile = words.iter().enumerate().find_map(|(i, word)| match *word {
        "--profile" => words.get(i + 1).map(|value| value.to_string()),
        _ => word.strip_prefix("--profile=").map(str::to_string),
    });
    let topic = words.iter().find_map(|word| {
        Operation::find(word)
            .map(HelpTopic::Operation)
            .or_else(|| workflows::name(word).map(HelpTopic::Workflow))
    });
    Some(HelpRequest {
        topic: topic.unwrap_or(HelpTopic::Tool),
        profile,
        no_cli_pager: words.contains(&"--no-cli-pager"),
    })
}

/// Whether the parameters may come from a document or are not needed (a skeleton of the
/// input); a sample of the output still needs them, as in the AWS CLI.
fn parameters_from_elsewhere(args: &[String]) -> bool {
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .take_while(|a| *a != "--")
        .collect();
    words.iter().enumerate().any(|(i, word)| match *word {
        "--cli-input-json" | "--cli-input-yaml" => true,
        "--generate-cli-skeleton" => words.get(i + 1) != Some(&"output"),
        _ => word.starts_with("--cli-input-json=") || word.starts_with("--cli-input-yaml="),
    })
}

fn cli_input(m: &ArgMatches) -> Option<CliInput> {
    let yaml = m
        .get_one::<String>("cli-input-yaml")
        .cloned()
        .map(CliInput::Yaml);
    m.get_one::<String>("cli-input-json")
        .cloned()
        .map(CliInput::Json)
        .or(yaml)
}

pub(super) fn globals(m: &ArgMatches) -> Globals {
    let string = |id: &str| m.get_one::<String>(id).cloned();
    Globals {
        debug: m.get_flag("debug"),
        endpoint_url: string("endpoint-url"),
        no_verify_ssl: m.get_flag("no-verify-ssl"),
        output: m.get_one::<OutputFormat>("output").copied(),
        query: string("query"),
        profile: string("profile"),
        region: string("region"),
        color: m.get_one::<ColorMode>("color").copied(),
        no_sign_request: m.get_flag("no-sign-request"),
        ca_bundle: string("ca-bundle"),
        cli_read_timeout: string("cli-read-timeout"),
        cli_connect_timeout: string("cli-connect-timeout"),
        no_cli_pager: m.get_flag("no-cli-pager"),
    }
}

fn params(op: &'static Operation, m: &ArgMatches) -> Vec<(&'static Member, RawValue)> {
    op.input
        .iter()
        .filter_map(|member| {
            let mut values = m.get_many::<String>(member.name)?;
            let value = match member.shape {
                Shape::List { .. } => RawValue::Many(values.cloned().collect()),
                _ => RawValue::One(values.next_back()?.clone()),
            };
            Some((member, value))
        })
        .collect()
}
