//! argparse's ways, which the AWS CLI's command line has and clap does not: abbreviated long
//! options, and its wording of usage errors (the message, then the usage block, exit 252).

use super::command::{self, global_names, operation_names};
use crate::error::{Error, Result};
use crate::model::Operation;
use crate::python::difflib;
use clap::error::{ContextKind, ContextValue, ErrorKind};

const USAGE: &str = "usage: sts [options] <operation> [parameters]\n\
To see help text, you can run:\n\
\n  sts help\n  sts <operation> help\n";

/// Spell out abbreviated options as argparse reads them: first the global options, over the
/// whole line (so `--p` is `--profile` even after an operation that has `--policy`), then the
/// operation's own. A prefix that fits several options is an error naming them.
pub fn expand_abbreviations(args: Vec<String>) -> Result<Vec<String>> {
    let globals = global_names();
    // Words after `--` are not ours (`sts exec -- aws sts assume-role ...`).
    let operation = args
        .iter()
        .take_while(|a| *a != "--")
        .find_map(|a| Operation::find(a));
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

/// An argparse-style error: the message, then the usage block (exit 252).
pub fn argparse_error(message: &str) -> Error {
    Error::usage(format!("{message}\n\n{USAGE}"))
}

/// Translate clap's errors into the AWS CLI's wording.
pub fn usage_error(err: clap::Error) -> Error {
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
            let choices = match err.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(choices)) => choices.clone(),
                _ => Vec::new(),
            };
            let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
            format!(
                "argument {}: {}",
                option_name(&arg),
                invalid_choice(&value, &choices)
            )
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let command = command::command();
            let choices: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
            format!("argument operation: {}", invalid_choice(&name, &choices))
        }
        _ => err
            .kind()
            .as_str()
            .unwrap_or("invalid command line")
            .to_string(),
    };
    argparse_error(&message)
}

/// argparse's complaint about a value that is not one of `choices`, as the AWS CLI words it:
/// the close matches Python's difflib finds, if any.
fn invalid_choice(value: &str, choices: &[&str]) -> String {
    let mut message = format!("Found invalid choice '{value}'\n");
    let close = difflib::get_close_matches(value, choices, 3, 0.8);
    if !close.is_empty() {
        message.push_str("\nMaybe you meant:\n");
        for word in close {
            message.push_str(&format!("\n  * {word}"));
        }
    }
    message
}

/// The words no option takes: all of them, as argparse collects them (the unknown options in
/// order, then stray values), and the parse without them, if it parses, for the caller to
/// see what was asked for. If the command line has another error, argparse reports that
/// first: it is the `Err`. `parse` is one attempt at parsing.
pub fn unknown_words<T>(
    args: &[String],
    parse: impl Fn(&[String]) -> std::result::Result<T, clap::Error>,
) -> Result<(Vec<String>, Option<T>)> {
    let mut remaining = args.to_vec();
    let mut unknown: Vec<String> = Vec::new();
    let mut parsed = None;
    loop {
        match parse(&remaining) {
            Err(err) if err.kind() == ErrorKind::UnknownArgument => {
                let word = err.get(ContextKind::InvalidArg).map(context_text);
                let Some(word) = word else {
                    break;
                };
                let at = remaining
                    .iter()
                    .position(|a| *a == word || a.starts_with(&format!("{word}=")));
                let Some(at) = at else {
                    unknown.push(word);
                    break;
                };
                unknown.push(remaining.remove(at));
            }
            Err(err) => return Err(usage_error(err)),
            Ok(matches) => {
                parsed = Some(matches);
                break;
            }
        }
    }
    let (options, values): (Vec<String>, Vec<String>) =
        unknown.into_iter().partition(|w| w.starts_with('-'));
    Ok((options.into_iter().chain(values).collect(), parsed))
}

/// The usage error of an operation for words no option takes: after the tool's usage.
pub fn unknown_options(words: &[String]) -> Error {
    Error::unknown_options(words, USAGE.trim_start_matches("usage: "))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(line: &str) -> std::result::Result<String, String> {
        let args = line.split(' ').map(str::to_string).collect();
        expand_abbreviations(args)
            .map(|args| args.join(" "))
            .map_err(|err| err.message)
    }

    #[test]
    fn unique_prefixes_are_spelled_out() {
        let cases = [
            (
                "--out text get-caller-identity",
                "--output text get-caller-identity",
            ),
            (
                "assume-role --role-a X --role-s Y",
                "assume-role --role-arn X --role-session-name Y",
            ),
            ("assume-role --du=900", "assume-role --duration-seconds=900"),
            // Global options come first, over the whole line: --p is --profile even where the
            // operation has --policy and --policy-arns.
            ("assume-role --p dev", "assume-role --profile dev"),
            // Exact names, two-letter prefixes and anything after `--` stay as typed.
            ("assume-role --policy x", "assume-role --policy x"),
            ("--de get-caller-identity", "--debug get-caller-identity"),
            ("get-caller-identity --x", "get-caller-identity --x"),
            (
                "get-caller-identity -- --out",
                "get-caller-identity -- --out",
            ),
            (
                "get-caller-identity --nosuch",
                "get-caller-identity --nosuch",
            ),
        ];
        for (typed, expanded) in cases {
            assert_eq!(expand(typed), Ok(expanded.to_string()), "{typed}");
        }
    }

    #[test]
    fn ambiguous_prefixes_name_the_candidates() {
        let err = expand("get-caller-identity --no").err().unwrap_or_default();
        assert!(
            err.starts_with("ambiguous option: --no could match --no-verify-ssl, --no-paginate, --no-sign-request, --no-cli-pager, --no-cli-auto-prompt\n\nusage: sts"),
            "{err}"
        );
        let err = expand("assume-role --poli x").err().unwrap_or_default();
        assert!(
            err.starts_with("ambiguous option: --poli could match --policy-arns, --policy\n"),
            "{err}"
        );
    }

    #[test]
    fn usage_errors_are_worded_as_argparse_words_them() {
        let parse = |line: &str| {
            let args: Vec<String> = line.split(' ').map(str::to_string).collect();
            super::super::parse(args)
                .err()
                .map(|e| (e.exit_code(), e.message))
        };
        let usage = "\n\nusage: sts [options] <operation> [parameters]\n";
        let cases = [
            (
                "assume-role --role-arn",
                "argument --role-arn: expected one argument",
            ),
            (
                "assume-role",
                "the following arguments are required: --role-arn, --role-session-name",
            ),
            (
                "--output jsn get-caller-identity",
                "argument --output: Found invalid choice 'jsn'\n\nMaybe you meant:\n\n  * json",
            ),
            (
                "--color bogus get-caller-identity",
                "argument --color: Found invalid choice 'bogus'\n",
            ),
            (
                "assume-rol",
                "argument operation: Found invalid choice 'assume-rol'\n\nMaybe you meant:\n\n  * assume-role\n  * assume-root",
            ),
            ("--debug", "the following arguments are required: operation"),
        ];
        for (line, message) in cases {
            let Some((code, text)) = parse(line) else {
                panic!("{line} parsed");
            };
            assert_eq!(code, 252, "{line}");
            assert!(
                text.starts_with(&format!("{message}{usage}")),
                "{line}: {text}"
            );
        }
        // Every word nothing takes, options first; another error comes before them.
        let unknown = parse("get-caller-identity --bogus 1 --other").map(|(_, text)| text);
        assert_eq!(
            unknown.as_deref(),
            Some("Unknown options: --bogus, --other, 1")
        );
        let required = parse("assume-role --bogus").map(|(_, text)| text);
        assert_eq!(
            required
                .as_deref()
                .map(|t| t.starts_with("the following arguments are required")),
            Some(true),
            "{required:?}"
        );
    }
}
