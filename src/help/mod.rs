//! Help as a document in the AWS CLI's section order (NAME, DESCRIPTION, SYNOPSIS, OPTIONS,
//! GLOBAL OPTIONS, EXAMPLES, OUTPUT), written from the model and the clap description: printed
//! as text by `sts help` and `sts OPERATION help`, and carried by the man pages (`man.rs`).

mod descriptions;
pub mod man;

use crate::cli::{self, HelpTopic, workflows};
use crate::model::{Member, OPERATIONS, OpId, Operation, Shape};

/// Where section bodies start, as in the AWS CLI's help.
const INDENT: usize = 7;
/// Each level below the section body indents three more columns.
const LEVEL_INDENT: usize = 3;
/// Prose is wrapped to fit this width into a pipe or a file (80 columns, the last one left
/// free); on a terminal to its width, as the AWS CLI fills it.
const TEXT_WIDTH: usize = 79;
/// The narrowest a terminal's help is wrapped to: below it the indented options would not
/// fit a word.
const MIN_TEXT_WIDTH: usize = 40;

/// The example of an operation's page: what follows `sts OPERATION`, and the answer it prints
/// (the golden output of the test fixture's answer; `tests/cli/help.rs` runs each command
/// against the fixture and checks that it prints this, and that what the answer says of the
/// role, session and policy is what the command asked for).
fn example(operation: OpId) -> (&'static str, &'static str) {
    match operation {
        OpId::AssumeRole => (
            "--role-arn arn:aws:iam::123456789012:role/demo --role-session-name John --policy file://policy.json --source-identity DevUser123",
            include_str!("../../tests/golden/json/assume-role.json"),
        ),
        OpId::AssumeRoleWithSaml => (
            "--role-arn arn:aws:iam::123456789012:role/TestSaml --principal-arn arn:aws:iam::123456789012:saml-provider/SAML-test --saml-assertion file://assertion.b64 --policy file://policy.json",
            include_str!("../../tests/golden/json/assume-role-with-saml.json"),
        ),
        OpId::AssumeRoleWithWebIdentity => (
            "--role-arn arn:aws:iam::123456789012:role/FederatedWebIdentityRole --role-session-name app1 --web-identity-token file://token.jwt --provider-id www.amazon.com --policy file://policy.json",
            include_str!("../../tests/golden/json/assume-role-with-web-identity.json"),
        ),
        OpId::AssumeRoot => (
            "--target-principal 111122223333 --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials",
            include_str!("../../tests/golden/json/assume-root.json"),
        ),
        OpId::DecodeAuthorizationMessage => (
            "--encoded-message \"$ENCODED_MESSAGE\"",
            include_str!("../../tests/golden/json/decode-authorization-message.json"),
        ),
        OpId::GetAccessKeyInfo => (
            "--access-key-id AKIAIOSFODNN7EXAMPLE",
            include_str!("../../tests/golden/json/get-access-key-info.json"),
        ),
        OpId::GetCallerIdentity => (
            "",
            include_str!("../../tests/golden/json/get-caller-identity.json"),
        ),
        OpId::GetDelegatedAccessToken => (
            "--trade-in-token \"$TRADE_IN_TOKEN\"",
            include_str!("../../tests/golden/json/get-delegated-access-token.json"),
        ),
        OpId::GetFederationToken => (
            "--name Bob --duration-seconds 3600 --policy file://policy.json",
            include_str!("../../tests/golden/json/get-federation-token.json"),
        ),
        OpId::GetSessionToken => (
            "--duration-seconds 900 --serial-number arn:aws:iam::123456789012:mfa/user --token-code 123456",
            include_str!("../../tests/golden/json/get-session-token.json"),
        ),
        OpId::GetWebIdentityToken => (
            "--audience api.example.com --signing-algorithm RS256",
            include_str!("../../tests/golden/json/get-web-identity-token.json"),
        ),
    }
}

/// One help page: for the tool (`sts`), one operation (`sts-assume-role`) or one sts-only
/// command (`sts-export-credentials`).
pub struct Page {
    /// The man page's name: `sts` or `sts-COMMAND`.
    pub name: String,
    /// One line on what it does, for the man page's NAME.
    pub summary: &'static str,
    pub sections: Vec<Section>,
}

pub struct Section {
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

/// The pieces of a section; levels count from 1, the section body.
pub enum Block {
    /// Prose: wrapped for the terminal, filled by man.
    Text { level: usize, text: String },
    /// Lines kept exactly as they are: commands, syntax, JSON.
    Code { level: usize, lines: Vec<String> },
    /// An empty line.
    Gap,
}

/// The help on `topic`, as printed: wrapped to the terminal's width when stdout is one.
pub fn render(topic: HelpTopic) -> String {
    let width = terminal_size::terminal_size_of(std::io::stdout())
        .map_or(TEXT_WIDTH, |(columns, _)| {
            usize::from(columns.0).saturating_sub(1).max(MIN_TEXT_WIDTH)
        });
    to_text(&page(topic), width)
}

/// The help page on `topic`.
pub fn page(topic: HelpTopic) -> Page {
    match topic {
        HelpTopic::Tool => tool_page(),
        HelpTopic::Operation(op) => operation_page(op),
        HelpTopic::Workflow(name) => workflow_page(name),
    }
}

/// Every page: the tool's, one per operation, then one per sts-only command.
pub fn all_pages() -> Vec<Page> {
    std::iter::once(tool_page())
        .chain(OPERATIONS.iter().map(operation_page))
        .chain(
            workflows::WORKFLOWS
                .iter()
                .map(|(name, _)| workflow_page(name)),
        )
        .collect()
}

/// Collects sections and their blocks.
struct Builder {
    sections: Vec<Section>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            sections: Vec::new(),
        }
    }

    fn section(&mut self, title: &'static str) -> &mut Builder {
        self.sections.push(Section {
            title,
            blocks: Vec::new(),
        });
        self
    }

    fn push(&mut self, block: Block) -> &mut Builder {
        if let Some(section) = self.sections.last_mut() {
            section.blocks.push(block);
        }
        self
    }

    fn text(&mut self, level: usize, text: impl Into<String>) -> &mut Builder {
        self.push(Block::Text {
            level,
            text: text.into(),
        })
    }

    fn code(&mut self, level: usize, lines: Vec<String>) -> &mut Builder {
        self.push(Block::Code { level, lines })
    }

    fn gap(&mut self) -> &mut Builder {
        self.push(Block::Gap)
    }

    /// A titled block of syntax, as under an option: gap, title, gap, the lines.
    fn syntax_block(&mut self, title: &str, lines: Vec<String>) -> &mut Builder {
        self.gap().text(2, title).gap().code(3, lines)
    }
}

/// What `sts` is, in the line NAME gives it (and `whatis` reads from the man page).
const TOOL_SUMMARY: &str = "AWS Security Token Service from the shell, a drop-in for aws sts";

fn tool_page() -> Page {
    let mut doc = Builder::new();
    doc.section("NAME").text(1, format!("sts - {TOOL_SUMMARY}"));
    doc.section("DESCRIPTION")
        .text(
            1,
            "AWS Security Token Service from the shell: temporary credentials for roles, \
             federated users and MFA sessions, and who the current credentials belong to. \
             Every operation behaves as `aws sts OPERATION` of the AWS CLI version 2: the same \
             parameters, input syntax, output formats, configuration files, environment \
             variables, error messages and exit codes.",
        )
        .gap()
        .text(
            1,
            "Exit codes: 0 success, 130 interrupted, 252 a bad command line or parameter, \
             253 a configuration problem (profile, credentials, region, pager), 254 an error \
             returned by STS, 255 anything else.",
        );
    doc.section("SYNOPSIS").code(
        1,
        vec!["sts [options] <operation> [parameters]".to_string()],
    );
    doc.section("AVAILABLE COMMANDS");
    for op in OPERATIONS {
        doc.code(1, vec![format!("o {}", op.cli_name)])
            .text(2, op.summary)
            .gap();
    }
    doc.code(1, vec!["o help".to_string()]).text(
        2,
        "Show this help; `sts OPERATION help` shows an operation's or a command's.",
    );
    doc.section("CREDENTIAL COMMANDS").text(
        1,
        "Commands of sts alone, not of `aws sts`: they put credentials where they are used.",
    );
    for (name, summary) in workflows::WORKFLOWS {
        doc.gap()
            .code(1, vec![format!("o {name}")])
            .text(2, *summary);
    }
    global_options(&mut doc);
    Page {
        name: "sts".to_string(),
        summary: TOOL_SUMMARY,
        sections: doc.sections,
    }
}

fn operation_page(op: &Operation) -> Page {
    let mut doc = Builder::new();
    // The AWS CLI leaves its NAME line bare ("assume-role -"); the summary says what it is.
    doc.section("NAME")
        .text(1, format!("{} - {}", op.cli_name, op.summary));
    doc.section("DESCRIPTION").text(1, op.summary);
    for paragraph in descriptions::description(op.id) {
        doc.gap().text(1, *paragraph);
    }
    if let Some(args) = descriptions::credentials_example(op.id) {
        doc.gap()
            .text(
                1,
                "To put the credentials into the current shell (bash or zsh):",
            )
            .gap()
            .code(2, credentials_to_shell(op.cli_name, args))
            .gap()
            .text(
                1,
                "--output fish, powershell and windows-cmd do the same for those shells, \
                 --output process prints the JSON of a credential_process.",
            );
    }
    doc.gap()
        .text(1, format!("This is the {} action of AWS STS.", op.api_name));

    let mut synopsis = vec![op.cli_name.to_string()];
    for member in op.input {
        let option = format!("--{} <value>", member.cli_name());
        synopsis.push(if member.required {
            option
        } else {
            format!("[{option}]")
        });
    }
    for input in [
        "--cli-input-json",
        "--cli-input-yaml",
        "--generate-cli-skeleton",
    ] {
        synopsis.push(format!("[{input} <value>]"));
    }
    for (name, takes_value, _) in cli::global_option_docs() {
        let value = if takes_value { " <value>" } else { "" };
        synopsis.push(format!("[{name}{value}]"));
    }
    doc.section("SYNOPSIS").code(2, synopsis);

    doc.section("OPTIONS");
    for member in op.input {
        let required = if member.required { " [required]" } else { "" };
        doc.code(
            1,
            vec![format!(
                "--{} ({}){required}",
                member.cli_name(),
                type_name(member.shape)
            )],
        )
        .text(2, member.doc);
        syntax(&mut doc, member);
        doc.gap();
    }
    doc.code(
        1,
        vec!["--cli-input-json | --cli-input-yaml (string)".to_string()],
    )
    .text(
        2,
        "Read the parameters from a JSON or YAML document (inline or file://path); \
         options given on the command line win.",
    )
    .gap()
    .code(1, vec!["--generate-cli-skeleton (string)".to_string()])
    .text(
        2,
        "Print a template of the parameters (input, yaml-input) or a sample of the \
         output (output) instead of calling STS.",
    );
    global_options(&mut doc);

    let (args, output) = example(op.id);
    let command = format!("sts {} {args}", op.cli_name);
    doc.section("EXAMPLES")
        .text(1, format!("{}:", op.summary.trim_end_matches('.')))
        .gap()
        .code(2, vec![command.trim_end().to_string()])
        .gap()
        .text(1, "Output:")
        .gap()
        .code(2, output.lines().map(str::to_string).collect());

    doc.section("OUTPUT");
    for member in op.output {
        output_member(&mut doc, member, 1);
    }
    Page {
        name: format!("sts-{}", op.cli_name),
        summary: op.summary,
        sections: doc.sections,
    }
}

/// The page of an sts-only command: its options come from its clap command, its prose and
/// examples from `descriptions`.
/// The name a positional argument is shown by (`COMMAND`).
fn value_name(arg: &clap::Arg) -> String {
    let name = arg
        .get_value_names()
        .and_then(|names| names.first().cloned());
    name.map_or_else(|| arg.get_id().to_string(), |name| name.to_string())
}

fn workflow_page(name: &'static str) -> Page {
    let summary = workflows::summary(name);
    let command = workflows::subcommand(name);
    let options: Vec<&clap::Arg> = command
        .iter()
        .flat_map(clap::Command::get_arguments)
        .filter(|arg| arg.get_long().is_some() && !arg.is_hide_set())
        .collect();
    let mut doc = Builder::new();
    doc.section("NAME").text(1, format!("{name} - {summary}"));
    doc.section("DESCRIPTION").text(1, summary);
    for paragraph in descriptions::workflow_description(name) {
        doc.gap().text(1, *paragraph);
    }
    let mut synopsis = vec![name.to_string()];
    for arg in &options {
        let long = arg.get_long().unwrap_or_default();
        synopsis.push(if arg.get_action().takes_values() {
            format!("[--{long} <value>]")
        } else {
            format!("[--{long}]")
        });
    }
    for (option, takes_value, _) in cli::global_option_docs() {
        let value = if takes_value { " <value>" } else { "" };
        synopsis.push(format!("[{option}{value}]"));
    }
    // A command to run (`exec`) comes last, after `--`.
    let trailing: Vec<&clap::Arg> = command
        .iter()
        .flat_map(clap::Command::get_positionals)
        .collect();
    for arg in &trailing {
        let name = value_name(arg);
        synopsis.push(format!("[-- {name} ...]"));
    }
    doc.section("SYNOPSIS").code(2, synopsis);
    doc.section("OPTIONS");
    if options.is_empty() {
        doc.text(1, "None.");
    }
    for arg in &options {
        let long = arg.get_long().unwrap_or_default();
        let kind = if arg.get_action().takes_values() {
            "string"
        } else {
            "boolean"
        };
        let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let choices: Vec<String> = arg
            .get_possible_values()
            .iter()
            .map(|value| value.get_name().to_string())
            .collect();
        if !choices.is_empty() {
            help.push_str(&format!(" One of: {}.", choices.join(", ")));
        }
        doc.code(1, vec![format!("--{long} ({kind})")])
            .text(2, help)
            .gap();
    }
    for arg in &trailing {
        let name = value_name(arg);
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        doc.code(1, vec![format!("{name} ...")]).text(2, help).gap();
    }
    global_options(&mut doc);
    doc.section("EXAMPLES");
    for (index, (what, lines)) in descriptions::workflow_examples(name).iter().enumerate() {
        if index > 0 {
            doc.gap();
        }
        doc.text(1, *what)
            .gap()
            .code(2, lines.iter().map(ToString::to_string).collect());
    }
    Page {
        name: format!("sts-{name}"),
        summary,
        sections: doc.sections,
    }
}

/// A command that calls the operation and exports its credentials; a failed call prints
/// nothing on stdout, so it exports nothing.
fn credentials_to_shell(cli_name: &str, args: &str) -> Vec<String> {
    vec![
        format!("eval \"$(sts {cli_name} {args} \\"),
        "  --output env)\"".to_string(),
    ]
}

fn global_options(doc: &mut Builder) {
    doc.section("GLOBAL OPTIONS");
    for (name, takes_value, help) in cli::global_option_docs() {
        let kind = if takes_value { "string" } else { "boolean" };
        doc.code(1, vec![format!("{name} ({kind})")])
            .text(2, help)
            .gap();
    }
}

/// The shorthand and JSON forms of a structure or list option.
fn syntax(doc: &mut Builder, member: &Member) {
    match member.shape {
        Shape::List { member: item, .. } => match item {
            Shape::Structure(fields) => {
                doc.syntax_block(
                    "Shorthand Syntax:",
                    vec![format!("{} ...", shorthand(fields))],
                );
                let mut json = vec!["[".to_string()];
                json.extend(json_structure(fields, 1));
                json.push("  ...".to_string());
                json.push("]".to_string());
                doc.syntax_block("JSON Syntax:", json);
            }
            _ => {
                doc.syntax_block("Syntax:", vec!["\"string\" \"string\" ...".to_string()]);
            }
        },
        Shape::Structure(fields) => {
            doc.syntax_block("Shorthand Syntax:", vec![shorthand(fields)]);
            doc.syntax_block("JSON Syntax:", json_structure(fields, 0));
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

fn output_member(doc: &mut Builder, member: &Member, depth: usize) {
    doc.code(
        depth,
        vec![format!("{} -> ({})", member.name, type_name(member.shape))],
    )
    .text(depth + 1, member.doc)
    .gap();
    if let Shape::Structure(fields) = member.shape {
        for field in fields.iter() {
            output_member(doc, field, depth + 1);
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

/// The page as the terminal shows it: titles flush left, a blank line between sections,
/// prose wrapped to `width`.
pub fn to_text(page: &Page, width: usize) -> String {
    let mut out = String::new();
    for (i, section) in page.sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(section.title);
        out.push('\n');
        for block in without_trailing_gap(&section.blocks) {
            match block {
                Block::Text { level, text } => {
                    let indent = indent(*level);
                    for line in wrap(text, width.saturating_sub(indent.len())) {
                        out.push_str(&indent);
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
                Block::Code { level, lines } => {
                    let indent = indent(*level);
                    for line in lines {
                        out.push_str(&indent);
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                Block::Gap => out.push('\n'),
            }
        }
    }
    out
}

/// A section's blocks without a closing gap: the next section adds its own.
pub fn without_trailing_gap(blocks: &[Block]) -> &[Block] {
    match blocks.split_last() {
        Some((Block::Gap, rest)) => rest,
        _ => blocks,
    }
}

fn indent(level: usize) -> String {
    " ".repeat(INDENT + LEVEL_INDENT * level.saturating_sub(1))
}

/// Greedy word wrap; a word longer than the width gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_wraps_at_the_width_and_keeps_long_words_whole() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn sections_come_in_the_aws_cli_order() {
        for op in OPERATIONS {
            let text = render(HelpTopic::Operation(op));
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
