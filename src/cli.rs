//! The command line: a clap description built from the model, and parsing of argv into an
//! [`Invocation`] without any I/O.

use crate::complete;
use crate::error::{Error, Result};
use crate::model::{Member, OPERATIONS, Operation, Shape};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command};
use clap_complete::engine::ArgValueCandidates;

pub const OUTPUT_FORMATS: &[&str] = &["json", "text", "table", "yaml", "yaml-stream", "off"];
pub const COLOR_MODES: &[&str] = &["on", "off", "auto"];
const BINARY_FORMATS: &[&str] = &["base64", "raw-in-base64-out"];

const USAGE: &str = "usage: sts [options] <operation> [parameters]\n\
To see help text, you can run:\n\
\n  sts help\n  sts <operation> help\n";

/// The global options, as typed (resolution against env and config happens in `settings`).
#[derive(Debug, Default, Clone)]
pub struct Globals {
    pub debug: bool,
    pub endpoint_url: Option<String>,
    pub no_verify_ssl: bool,
    pub output: Option<String>,
    pub query: Option<String>,
    pub profile: Option<String>,
    pub region: Option<String>,
    pub color: Option<String>,
    pub no_sign_request: bool,
    pub ca_bundle: Option<String>,
    pub cli_read_timeout: Option<String>,
    pub cli_connect_timeout: Option<String>,
    pub no_cli_pager: bool,
}

/// `help` for the tool or one operation, with what decides its pager.
#[derive(Debug)]
pub struct HelpRequest {
    pub operation: Option<&'static Operation>,
    pub profile: Option<String>,
    pub no_cli_pager: bool,
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
    pub skeleton: Option<String>,
}

/// Parameters given as one document, merged under those typed as options.
#[derive(Debug, Clone, PartialEq)]
pub enum CliInput {
    Json(String),
    Yaml(String),
}

/// The options every operation has besides its parameters (argparse adds them after them).
const INPUT_OPTIONS: &[&str] = &["cli-input-json", "cli-input-yaml", "generate-cli-skeleton"];
const SKELETON_KINDS: &[&str] = &["input", "yaml-input", "output"];

/// The clap description of the whole command line.
pub fn command() -> Command {
    command_with(true)
}

/// The description, with the model's required parameters required or not: with a
/// `--cli-input-*` document or `--generate-cli-skeleton` they may come from elsewhere, and
/// validation reports what is missing.
fn command_with(required: bool) -> Command {
    let mut cmd = Command::new("sts")
        .about("AWS Security Token Service from the command line, compatible with `aws sts`.")
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .args_override_self(true)
        .subcommand_value_name("operation")
        .override_usage("sts [options] <operation> [parameters]");
    // Global options come after an operation's own ones (in completion's lists, for one).
    for (position, arg) in global_args().into_iter().enumerate() {
        cmd = cmd.arg(arg.global(true).display_order(1000 + position));
    }
    for op in OPERATIONS {
        cmd = cmd.subcommand(operation_command(op, required));
    }
    cmd
}

/// Each global option's name, whether it takes a value, and its description (for `help`).
pub fn global_option_docs() -> Vec<(String, bool, String)> {
    global_args()
        .iter()
        .filter_map(|arg| {
            let long = arg.get_long()?;
            let takes_value = arg.get_action().takes_values();
            let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let choices: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            if !choices.is_empty() {
                help.push_str(&format!(" One of: {}.", choices.join(", ")));
            }
            Some((format!("--{long}"), takes_value, help))
        })
        .collect()
}

/// The long names of the global options, in the order argparse knows them.
fn global_names() -> Vec<String> {
    global_args()
        .iter()
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect()
}

/// The long names of an operation's own options, in model order then the input options.
fn operation_names(op: &Operation) -> Vec<String> {
    let members = op.input.iter().map(|m| format!("--{}", m.cli_name()));
    members
        .chain(INPUT_OPTIONS.iter().map(|o| format!("--{o}")))
        .collect()
}

/// Spell out abbreviated options as argparse reads them: first the global options, over the
/// whole line (so `--p` is `--profile` even after an operation that has `--policy`), then the
/// operation's own. A prefix that fits several options is an error naming them.
fn expand_abbreviations(args: Vec<String>) -> Result<Vec<String>> {
    let globals = global_names();
    let operation = args.iter().find_map(|a| Operation::find(a));
    let own = operation.map(operation_names).unwrap_or_default();
    let mut out = Vec::with_capacity(args.len());
    let mut rest = args.into_iter();
    for arg in rest.by_ref() {
        if arg == "--" {
            out.push(arg);
            break;
        }
        let Some(name) = arg
            .strip_prefix("--")
            .map(|_| arg.split('=').next().unwrap_or(&arg))
        else {
            out.push(arg);
            continue;
        };
        let exact = globals.iter().chain(&own).any(|known| known == name);
        let candidates = |names: &[String]| -> Vec<String> {
            names
                .iter()
                .filter(|known| known.starts_with(name))
                .cloned()
                .collect()
        };
        let (global_matches, own_matches) = (candidates(&globals), candidates(&own));
        let matches = if global_matches.is_empty() {
            own_matches
        } else {
            global_matches
        };
        let full = match matches.as_slice() {
            _ if exact || name.len() <= 2 => None,
            [only] => Some(only.clone()),
            [] => None,
            several => {
                return Err(argparse_error(&format!(
                    "ambiguous option: {name} could match {}",
                    several.join(", ")
                )));
            }
        };
        out.push(match full {
            Some(full) => format!("{full}{}", &arg[name.len()..]),
            None => arg,
        });
    }
    out.extend(rest);
    Ok(out)
}

fn global_args() -> Vec<Arg> {
    let flag = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .action(ArgAction::SetTrue)
            .help(help)
    };
    let value = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .value_name("value")
            .num_args(1)
            .allow_hyphen_values(false)
            .help(help)
    };
    vec![
        flag(
            "debug",
            "Log what the tool does to stderr (secrets are never logged).",
        ),
        value(
            "endpoint-url",
            "Send requests to this URL instead of the default endpoint.",
        ),
        flag("no-verify-ssl", "Do not verify TLS certificates."),
        flag(
            "no-paginate",
            "Accepted for compatibility; STS has no paginated operations.",
        ),
        value("output", "The output format.").value_parser(OUTPUT_FORMATS.to_vec()),
        value(
            "query",
            "A JMESPath expression that selects from the response.",
        ),
        value(
            "profile",
            "Use this profile from the config and credentials files.",
        )
        .add(ArgValueCandidates::new(complete::profile_candidates)),
        value("region", "The region to send requests to."),
        flag("version", "Print the version and exit."),
        value("color", "Colour in table output.").value_parser(COLOR_MODES.to_vec()),
        flag(
            "no-sign-request",
            "Send the request unsigned; no credentials are loaded.",
        ),
        value(
            "ca-bundle",
            "Verify TLS certificates with this CA bundle (PEM).",
        ),
        value(
            "cli-read-timeout",
            "Seconds to wait for a response (0 waits forever).",
        ),
        value(
            "cli-connect-timeout",
            "Seconds to wait for a connection (0 waits forever).",
        ),
        value("cli-binary-format", "How binary input is read.")
            .value_parser(BINARY_FORMATS.to_vec()),
        flag(
            "no-cli-pager",
            "Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.",
        ),
    ]
}

fn operation_command(op: &'static Operation, required: bool) -> Command {
    let mut cmd = Command::new(op.cli_name).about(op.summary);
    for member in op.input {
        let name = member.cli_name();
        let mut arg = Arg::new(member.name)
            .long(name)
            .value_name("value")
            .required(required && member.required)
            .allow_negative_numbers(true)
            .help(member.doc);
        arg = match member.shape {
            // argparse's nargs='*': zero or more values, a repeated option replaces them.
            Shape::List { .. } => arg.num_args(0..).action(ArgAction::Set),
            _ => arg.num_args(1),
        };
        cmd = cmd.arg(arg);
    }
    let document = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .value_name("value")
            .num_args(1)
            .help(help)
    };
    cmd.arg(document(
        "cli-input-json",
        "Read the parameters from this JSON document (or file://path).",
    ))
    .arg(document(
        "cli-input-yaml",
        "Read the parameters from this YAML document (or file://path).",
    ))
    .arg(
        Arg::new("generate-cli-skeleton")
            .long("generate-cli-skeleton")
            .value_name("value")
            .num_args(0..=1)
            .default_missing_value("input")
            .value_parser(SKELETON_KINDS.to_vec())
            .help("Print a skeleton of the input (input, yaml-input) or a sample of the output."),
    )
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
    let matches = command_with(!from_elsewhere)
        .try_get_matches_from(std::iter::once("sts".to_string()).chain(args))
        .map_err(usage_error)?;
    let Some((name, op_matches)) = matches.subcommand() else {
        return Err(argparse_error(
            "the following arguments are required: operation",
        ));
    };
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
            .get_one::<String>("generate-cli-skeleton")
            .cloned(),
    })))
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
    Some(HelpRequest {
        operation: words.iter().find_map(|w| Operation::find(w)),
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

fn globals(m: &ArgMatches) -> Globals {
    let string = |id: &str| m.get_one::<String>(id).cloned();
    Globals {
        debug: m.get_flag("debug"),
        endpoint_url: string("endpoint-url"),
        no_verify_ssl: m.get_flag("no-verify-ssl"),
        output: string("output"),
        query: string("query"),
        profile: string("profile"),
        region: string("region"),
        color: string("color"),
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

/// An argparse-style error: the message, then the usage block (exit 252).
fn argparse_error(message: &str) -> Error {
    Error::usage(format!("{message}\n\n{USAGE}"))
}

/// Translate clap's errors into the AWS CLI's wording.
fn usage_error(err: clap::Error) -> Error {
    let context = |kind| err.get(kind).map(context_text);
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let message = match err.kind() {
        ErrorKind::MissingRequiredArgument => {
            let names = arg
                .split(", ")
                .map(option_name)
                .collect::<Vec<_>>()
                .join(", ");
            format!("the following arguments are required: {names}")
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("argument {}: expected one argument", option_name(&arg))
        }
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue).unwrap_or_default();
            format!(
                "argument {}: Found invalid choice '{value}'\nValid choices are: {valid}",
                option_name(&arg)
            )
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut message = format!("argument operation: Found invalid choice '{name}'\n");
            // clap lists its suggestions from least to most likely; argparse shows the close ones.
            if let Some(ContextValue::Strings(suggested)) =
                err.get(ContextKind::SuggestedSubcommand)
                && let Some(best) = suggested.last()
            {
                message.push_str(&format!("Maybe you meant:\n  * {best}"));
            }
            message
        }
        ErrorKind::UnknownArgument => {
            return Error::usage(format!("{USAGE}\nUnknown options: {arg}"));
        }
        _ => err
            .kind()
            .as_str()
            .unwrap_or("invalid command line")
            .to_string(),
    };
    argparse_error(&message)
}

fn context_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// clap names an argument `--role-arn <value>`; argparse says `--role-arn`.
fn option_name(arg: &str) -> &str {
    arg.split_whitespace().next().unwrap_or(arg)
}
