//! The command lines of the sts-only workflows (`commands/` carries them out). They share the
//! tool's first word with the STS operations, so a workflow's name must never be one of
//! theirs: `sts NAME` has to keep meaning what it means to `aws sts NAME`.

use super::Globals;
use crate::output::CredentialFormat;
use clap::builder::EnumValueParser;
use clap::{Arg, ArgAction, ArgMatches, Command};

/// A workflow asked for, with its arguments and the global options given with it.
#[derive(Debug)]
pub enum Workflow {
    /// `sts export-credentials [--format F]`: the profile's credentials for a shell or a
    /// program, as `aws configure export-credentials` writes them.
    ExportCredentials {
        globals: Globals,
        format: CredentialFormat,
    },
    /// `sts exec [--duration-seconds N] [--server | --no-server] [-- COMMAND [ARGS...]]`:
    /// run a command with the profile's credentials.
    Exec {
        globals: Globals,
        /// As typed: `commands::exec` reads it, so that its error names the option.
        duration_seconds: Option<String>,
        server: bool,
        /// The command and its arguments; empty for the user's shell.
        command: Vec<String>,
    },
    /// `sts console [--destination URL|SERVICE] [--duration-seconds N] [--print]`: a console
    /// sign-in URL for the profile's credentials, opened in the browser or printed.
    Console {
        globals: Globals,
        destination: Option<String>,
        duration_seconds: Option<String>,
        print: bool,
    },
    /// `sts explain-denial [MESSAGE | -]`: an encoded authorization failure message decoded
    /// and explained.
    ExplainDenial {
        globals: Globals,
        /// The message, or an error text holding it; `-` or none: standard input.
        message: Option<String>,
    },
    /// `sts logout [--all]`: forget the profile's cached MFA session and role credentials.
    Logout { globals: Globals, all: bool },
}

/// The workflows' clap subcommands, beside the operations'.
pub fn subcommands() -> Vec<Command> {
    vec![
        Command::new("export-credentials")
            .about(summary("export-credentials"))
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_name("value")
                    .num_args(1)
                    .value_parser(EnumValueParser::<CredentialFormat>::new())
                    .default_value("process")
                    .help(
                        "How to write the credentials (see DESCRIPTION); process is the default.",
                    ),
            ),
        Command::new("exec")
            .about(summary("exec"))
            .arg(
                Arg::new("duration-seconds")
                    .long("duration-seconds")
                    .value_name("seconds")
                    .num_args(1)
                    .help("How long the credentials last (see DESCRIPTION)."),
            )
            .arg(
                Arg::new("server")
                    .long("server")
                    .action(ArgAction::SetTrue)
                    .overrides_with("no-server")
                    .help("Serve the credentials on 127.0.0.1 and refresh them while the command runs."),
            )
            .arg(
                Arg::new("no-server")
                    .long("no-server")
                    .action(ArgAction::SetTrue)
                    .overrides_with("server")
                    .help("Put the credentials in the command's environment (the default)."),
            )
            .arg(
                Arg::new("command")
                    .value_name("COMMAND")
                    .num_args(1..)
                    .last(true)
                    .help("The command and its arguments, after --; without one, $SHELL."),
            ),
        Command::new("console")
            .about(summary("console"))
            .arg(
                Arg::new("destination")
                    .long("destination")
                    .value_name("value")
                    .num_args(1)
                    .help("A console URL, or a service's short name (s3, ec2, ...); the console home by default."),
            )
            .arg(
                Arg::new("duration-seconds")
                    .long("duration-seconds")
                    .value_name("seconds")
                    .num_args(1)
                    .help("How long the console session and its credentials last (see DESCRIPTION)."),
            )
            .arg(
                Arg::new("print")
                    .long("print")
                    .action(ArgAction::SetTrue)
                    .help("Print the sign-in URL instead of opening it."),
            ),
        Command::new("explain-denial")
            .about(summary("explain-denial"))
            .arg(
                Arg::new("message")
                    .value_name("MESSAGE")
                    .num_args(1)
                    .allow_hyphen_values(true)
                    .help("The encoded message, or the error text that holds it; - or none: standard input."),
            ),
        Command::new("logout").about(summary("logout")).arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Forget those of every profile."),
        ),
    ]
}

/// Each workflow's name and what it does in a line, in the order help lists them.
pub const WORKFLOWS: &[(&str, &str)] = &[
    (
        "export-credentials",
        "Print the profile's credentials for a shell or a credential_process.",
    ),
    (
        "exec",
        "Run a command with the profile's credentials, kept fresh with --server.",
    ),
    (
        "console",
        "Open the AWS Management Console signed in with the profile's credentials.",
    ),
    (
        "explain-denial",
        "Decode an authorization failure message and say why access was denied.",
    ),
    (
        "logout",
        "Forget the cached MFA session and role credentials of a profile.",
    ),
];

/// Whether `name` is a workflow's, not an operation's.
pub fn is_workflow(name: &str) -> bool {
    self::name(name).is_some()
}

/// The workflow called `word`, if one is.
pub fn name(word: &str) -> Option<&'static str> {
    WORKFLOWS
        .iter()
        .map(|(name, _)| *name)
        .find(|name| *name == word)
}

/// What the workflow `name` does, in a line.
pub fn summary(name: &str) -> &'static str {
    WORKFLOWS
        .iter()
        .find(|(known, _)| *known == name)
        .map_or("", |(_, summary)| summary)
}

/// The clap command of the workflow `name`, for its help page.
pub fn subcommand(name: &str) -> Option<Command> {
    subcommands()
        .into_iter()
        .find(|command| command.get_name() == name)
}

/// The workflow named `name`, read from its matches; `None` when `name` is an operation.
pub fn from_matches(name: &str, matches: &ArgMatches) -> Option<Workflow> {
    let globals = super::globals(matches);
    match name {
        "export-credentials" => Some(Workflow::ExportCredentials {
            globals,
            format: matches
                .get_one::<CredentialFormat>("format")
                .copied()
                .unwrap_or(CredentialFormat::Process),
        }),
        "exec" => Some(Workflow::Exec {
            globals,
            duration_seconds: matches.get_one::<String>("duration-seconds").cloned(),
            server: matches.get_flag("server"),
            command: matches
                .get_many::<String>("command")
                .map(|words| words.cloned().collect())
                .unwrap_or_default(),
        }),
        "console" => Some(Workflow::Console {
            globals,
            destination: matches.get_one::<String>("destination").cloned(),
            duration_seconds: matches.get_one::<String>("duration-seconds").cloned(),
            print: matches.get_flag("print"),
        }),
        "explain-denial" => Some(Workflow::ExplainDenial {
            globals,
            message: matches.get_one::<String>("message").cloned(),
        }),
        "logout" => Some(Workflow::Logout {
            globals,
            all: matches.get_flag("all"),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Operation;

    /// The names in `names` that an `aws sts` command line already gives a meaning to.
    fn collisions<'a>(names: &[&'a str]) -> Vec<&'a str> {
        names
            .iter()
            .copied()
            .filter(|name| Operation::find(name).is_some() || *name == "help")
            .collect()
    }

    #[test]
    fn no_workflow_takes_an_operation_name() {
        let commands = subcommands();
        let names: Vec<&str> = commands.iter().map(Command::get_name).collect();
        let listed: Vec<&str> = WORKFLOWS.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, listed);
        assert_eq!(collisions(&names), Vec::<&str>::new());
        // The check itself catches a name that is taken.
        assert_eq!(
            collisions(&["assume-role", "login", "help"]),
            ["assume-role", "help"]
        );
    }
}
