//! The clap description of the command line, built from the model: the global options, and
//! per operation its parameters and the input options every operation has.

use super::workflows;
use crate::config;
use crate::model::{OPERATIONS, Operation, Shape};
use crate::output::{ColorMode, CredentialFormat, ErrorFormat, OutputFormat};
use crate::skeleton::SkeletonKind;
use clap::builder::{EnumValueParser, PossibleValue};
use clap::{Arg, ArgAction, Command, ValueEnum};
use clap_complete::engine::{
    ArgValueCandidates, ArgValueCompleter, CompletionCandidate, PathCompleter, ValueCompleter,
};
use std::ffi::OsStr;

const BINARY_FORMATS: &[&str] = &["base64", "raw-in-base64-out"];

/// The options every operation has besides its parameters (argparse adds them after them).
const INPUT_OPTIONS: &[&str] = &["cli-input-json", "cli-input-yaml", "generate-cli-skeleton"];

/// The clap description of the whole command line.
pub fn command() -> Command {
    command_with(true)
}

/// The description, with the model's required parameters required or not: with a
/// `--cli-input-*` document or `--generate-cli-skeleton` they may come from elsewhere, and
/// validation reports what is missing.
pub fn command_with(required: bool) -> Command {
    described(required, |_| true)
}

/// The description with only the operations and sts-only commands named among `words`: every
/// one named, as a name may also be an option's value. For a line that names its operation
/// clap then matches exactly as with the whole description, and building one subcommand
/// instead of all sixteen is most of a run's own CPU time. A line that fails is parsed again
/// with the whole description, whose errors list and suggest the others.
pub fn command_naming(required: bool, words: &[String]) -> Command {
    described(required, |name| words.iter().any(|word| word == name))
}

fn described(required: bool, wanted: impl Fn(&str) -> bool) -> Command {
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
    for op in OPERATIONS.iter().filter(|op| wanted(op.cli_name)) {
        cmd = cmd.subcommand(operation_command(op, required));
    }
    cmd.subcommands(
        workflows::subcommands()
            .into_iter()
            .filter(|workflow| wanted(workflow.get_name())),
    )
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
pub fn global_names() -> Vec<String> {
    global_args()
        .iter()
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect()
}

/// The long names of an operation's own options, in model order then the input options.
pub fn operation_names(op: &Operation) -> Vec<String> {
    let members = op.input.iter().map(|m| format!("--{}", m.cli_name()));
    members
        .chain(INPUT_OPTIONS.iter().map(|o| format!("--{o}")))
        .collect()
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
        value(
            "output",
            "The output format. env, env-no-export, powershell, windows-cmd, fish and \
             process print the Credentials of an operation that returns them, as \
             `sts export-credentials --format` does.",
        ).value_parser(EnumValueParser::<OutputFormat>::new()),
        value(
            "query",
            "A JMESPath expression that selects from the response.",
        ),
        value(
            "profile",
            "Use this profile from the config and credentials files.",
        )
        .add(ArgValueCandidates::new(profile_candidates)),
        value("region", "The region to send requests to."),
        flag("version", "Print the version and exit."),
        value("color", "Colour in table output.").value_parser(EnumValueParser::<ColorMode>::new()),
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
        )
        .allow_negative_numbers(true),
        value(
            "cli-connect-timeout",
            "Seconds to wait for a connection (0 waits forever).",
        )
        .allow_negative_numbers(true),
        value("cli-binary-format", "How binary input is read.")
            .value_parser(BINARY_FORMATS.to_vec()),
        flag(
            "no-cli-pager",
            "Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.",
        ),
        flag(
            "cli-auto-prompt",
            "Build the command interactively on the terminal: pick the operation and fill in its parameters, then run it.",
        ),
        flag(
            "no-cli-auto-prompt",
            "Never prompt, whatever AWS_CLI_AUTO_PROMPT or cli_auto_prompt in the profile say.",
        ),
        value(
            "cli-error-format",
            "How errors are written on stderr: the message (legacy, enhanced, the default, which names the error's code) or the error's fields in an output format (json, yaml, text, table).",
        )
        .value_parser(EnumValueParser::<ErrorFormat>::new()),
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
            .add(ArgValueCompleter::new(file_values))
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
            .add(ArgValueCompleter::new(file_values))
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
            .value_parser(EnumValueParser::<SkeletonKind>::new())
            .help("Print a skeleton of the input (input, yaml-input) or a sample of the output."),
    )
}

/// What Tab offers after `--profile`: the profile names of the config and credentials files.
fn profile_candidates() -> Vec<CompletionCandidate> {
    config::profile_names()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// The prefixes that make a parameter's value the content of a file, as in the AWS CLI.
const FILE_PREFIXES: [&str; 2] = ["file://", "fileb://"];

/// What Tab offers for a parameter's value: paths after `file://` or `fileb://` (from the
/// current directory, `~/` and `/` as in a shell), and the prefixes themselves while the
/// word typed could still become one.
fn file_values(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    for prefix in FILE_PREFIXES {
        if let Some(path) = current.strip_prefix(prefix) {
            return PathCompleter::any()
                .complete(OsStr::new(path))
                .into_iter()
                // Offered for an empty path; `file://.` reads no file.
                .filter(|candidate| candidate.get_value() != ".")
                .map(|candidate| {
                    let path = candidate.get_value().to_string_lossy();
                    CompletionCandidate::new(format!("{prefix}{path}"))
                        .hide(candidate.is_hide_set())
                })
                .collect();
        }
    }
    FILE_PREFIXES
        .into_iter()
        .filter(|prefix| !current.is_empty() && prefix.starts_with(current))
        .map(CompletionCandidate::new)
        .collect()
}

/// clap checks and completes the names of these values, and hands over the parsed value.
macro_rules! value_enum {
    ($type:ty) => {
        impl ValueEnum for $type {
            fn value_variants<'a>() -> &'a [Self] {
                &<$type>::ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(PossibleValue::new(self.name()))
            }
        }
    };
}

value_enum!(OutputFormat);
value_enum!(ColorMode);
value_enum!(SkeletonKind);
value_enum!(ErrorFormat);
value_enum!(CredentialFormat);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_is_consistent() {
        // clap's own checks of a command (duplicate names, bad defaults, ...).
        command().debug_assert();
        command_with(false).debug_assert();
    }

    /// Words command lines are made of here: names of operations and of sts-only commands
    /// (also as option values), options of both kinds, values, and `--`.
    const WORDS: &[&str] = &[
        "get-caller-identity",
        "assume-role",
        "get-session-token",
        "decode-authorization-message",
        "exec",
        "export-credentials",
        "logout",
        "--profile",
        "--region",
        "--output",
        "json",
        "--query",
        "--debug",
        "--role-arn",
        "--role-session-name",
        "--duration-seconds",
        "900",
        "--encoded-message",
        "--format",
        "env",
        "--server",
        "--all",
        "--cli-input-json",
        "{}",
        "--generate-cli-skeleton",
        "--",
        "true",
        "x",
    ];

    /// What clap made of a line, subcommands down: each argument's values and where they
    /// came from (ArgMatches' own Debug also lists the subcommands the description had).
    fn summary(matches: &clap::ArgMatches) -> String {
        let mut ids: Vec<_> = matches.ids().map(|id| id.as_str().to_string()).collect();
        ids.sort();
        let mut out = String::new();
        for id in ids {
            let values: Vec<_> = matches
                .get_raw(&id)
                .map(|raw| raw.map(|v| v.to_string_lossy().into_owned()).collect())
                .unwrap_or_default();
            out += &format!("{id}={values:?}/{:?};", matches.value_source(&id));
        }
        if let Some((name, sub)) = matches.subcommand() {
            out += &format!("[{name}: {}]", summary(sub));
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// The description trimmed to the subcommands a line names parses every line the
        /// whole one parses to the same matches, and fails on every line the whole one fails
        /// on (then the whole one is asked again, for its error).
        #[test]
        fn the_trimmed_description_parses_as_the_whole_one(
            picks in proptest::collection::vec(proptest::sample::select(WORDS), 0..9),
            required in proptest::bool::ANY,
        ) {
            let words: Vec<String> = picks.iter().map(|w| w.to_string()).collect();
            let argv = || std::iter::once("sts").chain(picks.iter().copied());
            let trimmed = command_naming(required, &words).try_get_matches_from(argv());
            let whole = command_with(required).try_get_matches_from(argv());
            match (&trimmed, &whole) {
                (Ok(trimmed), Ok(whole)) => {
                    proptest::prop_assert_eq!(summary(trimmed), summary(whole), "{:?}", picks)
                }
                (Err(_), Err(_)) => {}
                _ => proptest::prop_assert!(
                    false,
                    "{:?}: trimmed {:?}, whole {:?}",
                    picks,
                    trimmed.as_ref().map(summary).map_err(|e| e.kind()),
                    whole.as_ref().map(summary).map_err(|e| e.kind())
                ),
            }
        }
    }
}
