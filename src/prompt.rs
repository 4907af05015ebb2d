//! The auto-prompt (`--cli-auto-prompt`, `AWS_CLI_AUTO_PROMPT`, `cli_auto_prompt`): the command
//! line built on the terminal, from what was typed so far, with the model's help beside each
//! choice; the finished command is shown on stderr so that the user learns it.

use crate::cli;
use crate::error::{Error, Result};
use crate::model::{Member, OPERATIONS, Operation, Shape};
use inquire::{InquireError, MultiSelect, Select, Text};
use std::fmt;
use std::io::{IsTerminal, Write};

/// The command line `args` completed on the terminal, ready to run.
pub fn complete(args: &[String]) -> Result<Vec<String>> {
    if !std::io::stdin().is_terminal() {
        // What AWS CLI v2's prompter says and does without a terminal to read keys from.
        let _ = std::io::stderr().write_all(b"Warning: Input is not a terminal (fd=0).\n");
        return Err(Error::other(""));
    }
    let typed = Typed::read(args);
    let answered = ask(&typed);
    let line = match &answered {
        Ok(words) => words.clone(),
        Err(_) => typed.words(),
    };
    let _ = writeln!(std::io::stderr(), "> sts {}", shell_line(&line));
    match answered {
        Ok(words) => Ok(words),
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => {
            Err(Error::interrupted())
        }
        Err(err) => Err(Error::other(err.to_string())),
    }
}

/// What the command line already says: its global options (kept as typed), the operation, and
/// the operation's parameters with their values.
struct Typed {
    globals: Vec<String>,
    operation: Option<&'static Operation>,
    params: Vec<(&'static Member, Vec<String>)>,
}

impl Typed {
    fn read(args: &[String]) -> Typed {
        let takes_value: Vec<String> = cli::global_option_docs()
            .into_iter()
            .filter(|(_, takes_value, _)| *takes_value)
            .map(|(name, _, _)| name)
            .collect();
        let operation = args.iter().find_map(|a| Operation::find(a));
        let mut typed = Typed {
            globals: Vec::new(),
            operation,
            params: Vec::new(),
        };
        let mut words = args.iter().peekable();
        while let Some(word) = words.next() {
            if matches!(word.as_str(), "--cli-auto-prompt" | "--no-cli-auto-prompt") {
                continue;
            }
            if operation.is_some_and(|op| op.cli_name == word) {
                continue;
            }
            let member = operation.and_then(|op| {
                op.input
                    .iter()
                    .find(|m| word.strip_prefix("--") == Some(m.cli_name().as_str()))
            });
            if let Some(member) = member {
                let mut values = Vec::new();
                while let Some(value) = words.next_if(|w| !w.starts_with("--")) {
                    values.push(value.clone());
                }
                typed.params.retain(|(m, _)| m.name != member.name);
                typed.params.push((member, values));
                continue;
            }
            typed.globals.push(word.clone());
            if takes_value.contains(word)
                && let Some(value) = words.next()
            {
                typed.globals.push(value.clone());
            }
        }
        typed
    }

    /// The command line as it stands.
    fn words(&self) -> Vec<String> {
        let mut words = self.globals.clone();
        if let Some(op) = self.operation {
            words.push(op.cli_name.to_string());
        }
        for (member, values) in &self.params {
            words.push(format!("--{}", member.cli_name()));
            words.extend(values.iter().cloned());
        }
        words
    }

    fn value_of(&self, member: &Member) -> Option<String> {
        self.params
            .iter()
            .find(|(m, _)| m.name == member.name)
            .map(|(_, values)| shell_line(values))
    }
}

/// An operation as the choice shows it: its name and what it does.
struct Choice(&'static Operation);

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<30} {}", self.0.cli_name, self.0.summary)
    }
}

/// An optional parameter as the choice shows it.
struct Optional(&'static Member);

impl fmt::Display for Optional {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = format!("--{}", self.0.cli_name());
        write!(
            f,
            "{name:<28} ({}) {}",
            type_name(self.0.shape),
            first_sentence(self.0.doc)
        )
    }
}

/// The questions: the operation unless given, each required parameter not given, then a
/// choice of the optional ones (those given chosen already) and each chosen one, with what was
/// typed offered as the answer.
fn ask(typed: &Typed) -> std::result::Result<Vec<String>, InquireError> {
    let operation = match typed.operation {
        Some(op) => op,
        None => {
            let choices: Vec<Choice> = OPERATIONS.iter().map(Choice).collect();
            Select::new("Operation:", choices)
                .with_help_message("type to filter, Enter to choose, Esc to cancel")
                .with_page_size(11)
                .prompt()?
                .0
        }
    };
    let mut words = typed.globals.clone();
    words.push(operation.cli_name.to_string());
    // Required parameters already given are kept; the others are asked for.
    for member in operation.input.iter().filter(|m| m.required) {
        match typed.params.iter().find(|(m, _)| m.name == member.name) {
            Some((_, values)) => {
                words.push(format!("--{}", member.cli_name()));
                words.extend(values.iter().cloned());
            }
            None => {
                let value = ask_value(member, None, true)?;
                push_param(&mut words, member, &value);
            }
        }
    }
    let optional: Vec<Optional> = operation
        .input
        .iter()
        .filter(|m| !m.required)
        .map(Optional)
        .collect();
    if optional.is_empty() {
        return Ok(words);
    }
    let given: Vec<usize> = optional
        .iter()
        .enumerate()
        .filter(|(_, o)| typed.value_of(o.0).is_some())
        .map(|(i, _)| i)
        .collect();
    let chosen = MultiSelect::new("Optional parameters:", optional)
        .with_default(&given)
        .with_help_message("Space to pick, Enter when done")
        .with_page_size(12)
        .prompt()?;
    for Optional(member) in chosen {
        let value = ask_value(member, typed.value_of(member), false)?;
        if !value.is_empty() {
            push_param(&mut words, member, &value);
        }
    }
    Ok(words)
}

fn ask_value(
    member: &Member,
    typed: Option<String>,
    required: bool,
) -> std::result::Result<String, InquireError> {
    let label = format!(
        "--{} ({}{}):",
        member.cli_name(),
        type_name(member.shape),
        if required { ", required" } else { "" }
    );
    let help = match member.shape {
        Shape::Structure(_) => format!("{} Shorthand or JSON.", member.doc),
        Shape::List { .. } => format!(
            "{} Several values separated by spaces, or JSON.",
            member.doc
        ),
        _ => member.doc.to_string(),
    };
    let mut question = Text::new(&label).with_help_message(&help);
    if let Some(value) = &typed {
        question = question.with_initial_value(value);
    }
    if required {
        question = question.with_validator(|text: &str| {
            Ok(if text.trim().is_empty() {
                inquire::validator::Validation::Invalid("a value is required".into())
            } else {
                inquire::validator::Validation::Valid
            })
        });
    }
    question.prompt()
}

/// The answer as command-line words: a list's values are the words of the answer.
fn push_param(words: &mut Vec<String>, member: &Member, answer: &str) {
    words.push(format!("--{}", member.cli_name()));
    match member.shape {
        Shape::List { .. } if !answer.trim_start().starts_with('[') => {
            words.extend(shlex::split(answer).unwrap_or_else(|| vec![answer.to_string()]));
        }
        _ => words.push(answer.to_string()),
    }
}

fn type_name(shape: &Shape) -> &'static str {
    match shape {
        Shape::String { .. } => "string",
        Shape::Integer { .. } => "integer",
        Shape::Timestamp => "timestamp",
        Shape::List { .. } => "list",
        Shape::Structure(_) => "structure",
    }
}

fn first_sentence(doc: &str) -> &str {
    doc.find(". ").map_or(doc, |end| &doc[..=end])
}

/// Words as a shell line that gives them back.
fn shell_line(words: &[String]) -> String {
    words
        .iter()
        .map(|w| shlex::try_quote(w).map_or_else(|_| w.clone(), |q| q.into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        shlex::split(line).unwrap_or_default()
    }

    #[test]
    fn what_was_typed_is_kept_and_offered() {
        let typed = Typed::read(&words(
            "--endpoint-url http://x --cli-auto-prompt assume-role --role-arn arn:a --tags k v --debug",
        ));
        assert_eq!(typed.operation.map(|op| op.cli_name), Some("assume-role"));
        assert_eq!(typed.globals, ["--endpoint-url", "http://x", "--debug"]);
        assert_eq!(
            typed.words(),
            words("--endpoint-url http://x --debug assume-role --role-arn arn:a --tags k v")
        );
        let arn = &OPERATIONS[0].input[0];
        assert_eq!(typed.value_of(arn).as_deref(), Some("arn:a"));
    }

    #[test]
    fn answers_become_words() {
        let mut out = Vec::new();
        let tags = OPERATIONS[0]
            .input
            .iter()
            .find(|m| m.name == "TransitiveTagKeys");
        if let Some(tags) = tags {
            push_param(&mut out, tags, "a 'b c'");
        }
        assert_eq!(out, ["--transitive-tag-keys", "a", "b c"]);
        assert_eq!(shell_line(&words("a 'b c' d")), "a 'b c' d");
    }
}
