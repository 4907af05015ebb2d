//! `sts help` and `sts OPERATION help`: help in the AWS CLI's section order (NAME,
//! DESCRIPTION, SYNOPSIS, OPTIONS, GLOBAL OPTIONS, EXAMPLES, OUTPUT), written from the model
//! and the clap description, as plain text.

use crate::cli;
use crate::model::{Member, OPERATIONS, Operation, Shape};

const INDENT: &str = "       ";

/// An example per operation: what follows `sts OPERATION`, and the answer it prints (the
/// golden output of the same command against the test fixture, which uses the documentation's
/// example values).
const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "assume-role",
        "--role-arn arn:aws:iam::123456789012:role/xaccounts3access --role-session-name s3-access-example",
        include_str!("../tests/golden/json/assume-role.json"),
    ),
    (
        "assume-role-with-saml",
        "--role-arn arn:aws:iam::123456789012:role/TestSaml --principal-arn arn:aws:iam::123456789012:saml-provider/SAML-test --saml-assertion file://assertion.b64",
        include_str!("../tests/golden/json/assume-role-with-saml.json"),
    ),
    (
        "assume-role-with-web-identity",
        "--role-arn arn:aws:iam::123456789012:role/FederatedWebIdentityRole --role-session-name app1 --web-identity-token file://token.jwt",
        include_str!("../tests/golden/json/assume-role-with-web-identity.json"),
    ),
    (
        "assume-root",
        "--target-principal 111122223333 --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials",
        include_str!("../tests/golden/json/assume-root.json"),
    ),
    (
        "decode-authorization-message",
        "--encoded-message \"$ENCODED_MESSAGE\"",
        include_str!("../tests/golden/json/decode-authorization-message.json"),
    ),
    (
        "get-access-key-info",
        "--access-key-id AKIAIOSFODNN7EXAMPLE",
        include_str!("../tests/golden/json/get-access-key-info.json"),
    ),
    (
        "get-caller-identity",
        "",
        include_str!("../tests/golden/json/get-caller-identity.json"),
    ),
    (
        "get-delegated-access-token",
        "--trade-in-token \"$TRADE_IN_TOKEN\"",
        include_str!("../tests/golden/json/get-delegated-access-token.json"),
    ),
    (
        "get-federation-token",
        "--name Bob --duration-seconds 3600",
        include_str!("../tests/golden/json/get-federation-token.json"),
    ),
    (
        "get-session-token",
        "--duration-seconds 900 --serial-number arn:aws:iam::123456789012:mfa/user --token-code 123456",
        include_str!("../tests/golden/json/get-session-token.json"),
    ),
    (
        "get-web-identity-token",
        "--audience api.example.com --signing-algorithm RS256",
        include_str!("../tests/golden/json/get-web-identity-token.json"),
    ),
];

/// The help for the tool, or for one operation.
pub fn render(operation: Option<&Operation>) -> String {
    match operation {
        Some(op) => operation_help(op),
        None => tool_help(),
    }
}

fn tool_help() -> String {
    let mut out = String::new();
    section(&mut out, "NAME");
    line(&mut out, 1, "sts -");
    section(&mut out, "DESCRIPTION");
    line(
        &mut out,
        1,
        "AWS Security Token Service from the shell: temporary credentials for roles,",
    );
    line(
        &mut out,
        1,
        "federated users and MFA sessions, and who the current credentials belong to.",
    );
    line(
        &mut out,
        1,
        "Every operation behaves as `aws sts OPERATION` of the AWS CLI version 2.",
    );
    section(&mut out, "SYNOPSIS");
    line(&mut out, 1, "sts [options] <operation> [parameters]");
    section(&mut out, "AVAILABLE COMMANDS");
    for op in OPERATIONS {
        line(&mut out, 1, &format!("o {}", op.cli_name));
        line(&mut out, 2, op.summary);
        out.push('\n');
    }
    line(&mut out, 1, "o help");
    global_options(&mut out);
    out
}

fn operation_help(op: &Operation) -> String {
    let mut out = String::new();
    section(&mut out, "NAME");
    line(&mut out, 1, &format!("{} -", op.cli_name));
    section(&mut out, "DESCRIPTION");
    line(&mut out, 1, op.summary);
    line(
        &mut out,
        1,
        &format!("This is the {} action of AWS STS.", op.api_name),
    );

    section(&mut out, "SYNOPSIS");
    line(&mut out, 2, op.cli_name);
    for member in op.input {
        let option = format!("--{} <value>", member.cli_name());
        line(
            &mut out,
            2,
            &if member.required {
                option
            } else {
                format!("[{option}]")
            },
        );
    }
    for input in [
        "--cli-input-json",
        "--cli-input-yaml",
        "--generate-cli-skeleton",
    ] {
        line(&mut out, 2, &format!("[{input} <value>]"));
    }
    for (name, takes_value, _) in cli::global_option_docs() {
        let value = if takes_value { " <value>" } else { "" };
        line(&mut out, 2, &format!("[{name}{value}]"));
    }

    section(&mut out, "OPTIONS");
    for member in op.input {
        let required = if member.required { " [required]" } else { "" };
        line(
            &mut out,
            1,
            &format!(
                "--{} ({}){required}",
                member.cli_name(),
                type_name(member.shape)
            ),
        );
        line(&mut out, 2, member.doc);
        syntax(&mut out, member);
        out.push('\n');
    }
    line(&mut out, 1, "--cli-input-json | --cli-input-yaml (string)");
    line(
        &mut out,
        2,
        "Read the parameters from a JSON or YAML document (inline or file://path);",
    );
    line(&mut out, 2, "options given on the command line win.");
    out.push('\n');
    line(&mut out, 1, "--generate-cli-skeleton (string)");
    line(
        &mut out,
        2,
        "Print a template of the parameters (input, yaml-input) or a sample of the",
    );
    line(&mut out, 2, "output (output) instead of calling STS.");
    global_options(&mut out);

    if let Some((_, args, output)) = EXAMPLES.iter().find(|(name, _, _)| *name == op.cli_name) {
        section(&mut out, "EXAMPLES");
        line(
            &mut out,
            1,
            &format!("{}:", op.summary.trim_end_matches('.')),
        );
        out.push('\n');
        let command = format!("sts {} {args}", op.cli_name);
        line(&mut out, 2, command.trim_end());
        out.push('\n');
        line(&mut out, 1, "Output:");
        out.push('\n');
        for text in output.lines() {
            line(&mut out, 2, text);
        }
    }

    section(&mut out, "OUTPUT");
    for member in op.output {
        output_member(&mut out, member, 1);
    }
    out
}

fn global_options(out: &mut String) {
    section(out, "GLOBAL OPTIONS");
    for (name, takes_value, help) in cli::global_option_docs() {
        let kind = if takes_value { "string" } else { "boolean" };
        line(out, 1, &format!("{name} ({kind})"));
        line(out, 2, &help);
        out.push('\n');
    }
}

/// The shorthand and JSON forms of a structure or list option.
fn syntax(out: &mut String, member: &Member) {
    match member.shape {
        Shape::List { member: item, .. } => match item {
            Shape::Structure(fields) => {
                block(
                    out,
                    "Shorthand Syntax:",
                    &[format!("{} ...", shorthand(fields))],
                );
                let mut json = vec!["[".to_string()];
                json.extend(json_structure(fields, 1));
                json.push("  ...".to_string());
                json.push("]".to_string());
                block(out, "JSON Syntax:", &json);
            }
            _ => block(out, "Syntax:", &["\"string\" \"string\" ...".to_string()]),
        },
        Shape::Structure(fields) => {
            block(out, "Shorthand Syntax:", &[shorthand(fields)]);
            block(out, "JSON Syntax:", &json_structure(fields, 0));
        }
        _ => {}
    }
}

fn shorthand(fields: &[Member]) -> String {
    fields
        .iter()
        .map(|f| format!("{}={}", f.name, type_name(f.shape)))
        .collect::<Vec<_>>()
        .join(",")
}

fn json_structure(fields: &[Member], depth: usize) -> Vec<String> {
    let pad = "  ".repeat(depth);
    let mut lines = vec![format!("{pad}{{")];
    for (i, field) in fields.iter().enumerate() {
        let comma = if i + 1 < fields.len() { "," } else { "" };
        lines.push(format!(
            "{pad}  \"{}\": \"{}\"{comma}",
            field.name,
            type_name(field.shape)
        ));
    }
    lines.push(format!("{pad}}}"));
    lines
}

fn block(out: &mut String, title: &str, lines: &[String]) {
    out.push('\n');
    line(out, 2, title);
    out.push('\n');
    for text in lines {
        line(out, 3, text);
    }
}

fn output_member(out: &mut String, member: &Member, depth: usize) {
    line(
        out,
        depth,
        &format!("{} -> ({})", member.name, type_name(member.shape)),
    );
    line(out, depth + 1, member.doc);
    out.push('\n');
    if let Shape::Structure(fields) = member.shape {
        for field in fields.iter() {
            output_member(out, field, depth + 1);
        }
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

fn section(out: &mut String, title: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(title);
    out.push('\n');
}

/// One line at an indentation level: the section body, then three more spaces per level.
fn line(out: &mut String, level: usize, text: &str) {
    out.push_str(INDENT);
    out.push_str(&"   ".repeat(level.saturating_sub(1)));
    out.push_str(text);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_an_example() {
        for op in OPERATIONS {
            assert!(
                EXAMPLES.iter().any(|(name, _, _)| *name == op.cli_name),
                "{}",
                op.cli_name
            );
        }
    }

    #[test]
    fn sections_come_in_the_aws_cli_order() {
        for op in OPERATIONS {
            let text = render(Some(op));
            let positions: Vec<usize> = [
                "NAME",
                "DESCRIPTION",
                "SYNOPSIS",
                "OPTIONS",
                "GLOBAL OPTIONS",
                "EXAMPLES",
                "OUTPUT",
            ]
            .iter()
            .map(|title| {
                text.find(&format!("\n{title}\n"))
                    .or_else(|| text.starts_with(title).then_some(0))
                    .unwrap_or(usize::MAX)
            })
            .collect();
            assert!(
                positions.windows(2).all(|w| w[0] < w[1]),
                "{}: {positions:?}",
                op.cli_name
            );
        }
    }
}
