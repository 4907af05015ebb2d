//! `--generate-cli-skeleton`, as AWS CLI v2 does it
//! (`awscli/customizations/generatecliskeleton.py` and botocore's `utils.ArgumentGenerator`).
//!
//! Skeletons are built from `model.rs`, with the sample values `ArgumentGenerator` uses: for
//! input, `""` for strings, `0` for integers, one element per list; for output
//! (`use_member_names=True`), each string holds its own member name, and a timestamp is
//! `datetime(1970, 1, 1)`, which the JSON output writes as `1970-01-01T00:00:00`.
//!
//! The YAML input skeleton is laid out as ruamel.yaml's round-trip dumper writes it for the
//! same value, with an end-of-line comment per member: `[REQUIRED]` and the member's
//! description. The AWS CLI takes that description from botocore's documentation; ours is the
//! one in `model.rs`, in our own words, so only the comments' text differs from the AWS CLI.

use crate::model::{Member, Operation, Shape};
use crate::output::{self, ColorMode, OutputFormat};
use serde_json::Value;

/// What `--generate-cli-skeleton [VALUE]` asks for (the option alone means `input`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkeletonKind {
    Input,
    YamlInput,
    Output,
}

impl SkeletonKind {
    pub const ALL: [SkeletonKind; 3] = [
        SkeletonKind::Input,
        SkeletonKind::YamlInput,
        SkeletonKind::Output,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SkeletonKind::Input => "input",
            SkeletonKind::YamlInput => "yaml-input",
            SkeletonKind::Output => "output",
        }
    }
}

/// The input skeleton of an operation: exact bytes AWS CLI v2 prints (JSON for Input, YAML with
/// its comments for YamlInput), with the trailing newline. `Output` has no input skeleton
/// (see [`output_sample`]); it gets the JSON one.
pub fn input_skeleton(operation: &Operation, kind: SkeletonKind) -> String {
    match kind {
        SkeletonKind::YamlInput => yaml_skeleton(operation),
        SkeletonKind::Input | SkeletonKind::Output => {
            let members = Shape::Structure(operation.input);
            json_text(&sample(&members, "", false))
        }
    }
}

/// A sample output value (what v2's `--generate-cli-skeleton output` builds), for the caller to
/// print with output::render in the chosen --output format. Where the AWS CLI fails on STS's
/// length limits (v1 does: min lengths vs the stub values), we still produce the sample.
pub fn output_sample(operation: &Operation) -> Value {
    sample(&Shape::Structure(operation.output), "", true)
}

/// What `datetime(1970, 1, 1)` becomes in JSON (`isoformat()`).
const SAMPLE_TIMESTAMP_JSON: &str = "1970-01-01T00:00:00";
/// And in YAML, where ruamel writes a datetime as `isoformat(' ')`, unquoted.
const SAMPLE_TIMESTAMP_YAML: &str = "1970-01-01 00:00:00";

/// `ArgumentGenerator.generate_skeleton`: `name` is the member the value is for, which output
/// samples (`use_member_names`) put in strings. botocore names a list's element after the
/// element's shape; `model.rs` has no shape names, so it gets the list member's name (no STS
/// output has a list).
fn sample(shape: &Shape, name: &str, use_member_names: bool) -> Value {
    match shape {
        Shape::String { .. } if use_member_names => Value::from(name),
        Shape::String { .. } => Value::from(""),
        Shape::Integer { .. } => Value::from(0),
        Shape::Timestamp => Value::from(SAMPLE_TIMESTAMP_JSON),
        Shape::List { member, .. } => Value::Array(vec![sample(member, name, use_member_names)]),
        Shape::Structure(members) => Value::Object(
            members
                .iter()
                .map(|m| {
                    (
                        m.name.to_string(),
                        sample(m.shape, m.name, use_member_names),
                    )
                })
                .collect(),
        ),
    }
}

/// `json.dump(value, indent=4)` and a newline, which is `--output json` but for `{}`: the
/// skeleton's keys and values are ASCII, so `ensure_ascii` makes no difference.
fn json_text(value: &Value) -> String {
    match value {
        // `--output json` prints nothing for `{}`; the skeleton of GetCallerIdentity is `{}`.
        Value::Object(map) if map.is_empty() => "{}\n".to_string(),
        // The JSON format cannot fail.
        _ => output::render(OutputFormat::Json, value, "", ColorMode::Off).unwrap_or_default(),
    }
}

/// The YAML skeleton: ruamel writes an operation without input members as `{}`.
fn yaml_skeleton(operation: &Operation) -> String {
    let mut out = String::new();
    if operation.input.is_empty() {
        out.push_str("{}\n");
    } else {
        yaml_mapping(&mut out, operation.input, 0, false);
    }
    out
}

/// The members of a structure at `indent`.
/// `line_started` is set for the first member of a list element, which follows its `- `.
fn yaml_mapping(out: &mut String, members: &[Member], indent: usize, line_started: bool) {
    for (i, member) in members.iter().enumerate() {
        if i > 0 || !line_started {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(member.name);
        out.push(':');
        let value_below = match member.shape {
            Shape::List { .. } => true,
            Shape::Structure(inner) => !inner.is_empty(),
            _ => false,
        };
        if !value_below {
            out.push(' ');
            out.push_str(yaml_scalar(member.shape));
        }
        // ruamel places an end-of-line comment at the column of a sibling's comment, which
        // is 0 (so one space after the text) except for the first key of a mapping: it has
        // no sibling yet and gets its comment text prefixed with a space, so two.
        out.push_str(if i == 0 { "  " } else { " " });
        out.push_str(&comment(member));
        out.push('\n');
        match member.shape {
            Shape::Structure(inner) if value_below => {
                yaml_mapping(out, inner, indent + 2, false);
            }
            // Sequences sit at their key's indentation (ruamel's default offset of 0).
            Shape::List { member: item, .. } => yaml_list_item(out, item, indent, false),
            _ => {}
        }
    }
}

/// A list's one element, `- ` at `indent`; a list in a list starts on its parent's line.
fn yaml_list_item(out: &mut String, item: &Shape, indent: usize, line_started: bool) {
    if !line_started {
        out.push_str(&" ".repeat(indent));
    }
    out.push_str("- ");
    match item {
        Shape::Structure(members) if !members.is_empty() => {
            yaml_mapping(out, members, indent + 2, true);
        }
        Shape::List { member, .. } => yaml_list_item(out, member, indent + 2, true),
        scalar => {
            out.push_str(yaml_scalar(scalar));
            out.push('\n');
        }
    }
}

/// How ruamel writes a sample scalar, or an empty structure (`{}`).
fn yaml_scalar(shape: &Shape) -> &'static str {
    match shape {
        Shape::String { .. } => "''",
        Shape::Integer { .. } => "0",
        Shape::Timestamp => SAMPLE_TIMESTAMP_YAML,
        Shape::List { .. } | Shape::Structure(_) => "{}",
    }
}

/// `# [REQUIRED] Overview.` for a member: as in AWS CLI v2, only the first sentence of its
/// description, so the skeleton stays readable.
fn comment(member: &Member) -> String {
    let overview = first_sentence(member.doc);
    if member.required {
        format!("# [REQUIRED] {overview}")
    } else {
        format!("# {overview}")
    }
}

/// Up to the first ". " or ": " (a period inside an ARN or a number does not end it).
fn first_sentence(doc: &str) -> String {
    let end = [". ", ": "]
        .iter()
        .filter_map(|delimiter| doc.find(delimiter))
        .min()
        .unwrap_or(doc.len());
    format!("{}.", doc[..end].trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OPERATIONS;

    /// The AWS CLI's skeletons per operation: input JSON (also what v1 prints), YAML input
    /// (v2's generator run on botocore's STS model with ruamel.yaml 0.19.1, the version v2
    /// pins) and the JSON output sample.
    macro_rules! golden {
        ($($cli:literal),* $(,)?) => {
            &[$((
                $cli,
                include_str!(concat!("../tests/golden/skeleton/", $cli, ".input.json")),
                include_str!(concat!("../tests/golden/skeleton/", $cli, ".yaml-input.yaml")),
                include_str!(concat!("../tests/golden/skeleton/", $cli, ".output.json")),
            )),*]
        };
    }

    const GOLDEN: &[(&str, &str, &str, &str)] = golden!(
        "assume-role",
        "assume-role-with-saml",
        "assume-role-with-web-identity",
        "assume-root",
        "decode-authorization-message",
        "get-access-key-info",
        "get-caller-identity",
        "get-delegated-access-token",
        "get-federation-token",
        "get-session-token",
        "get-web-identity-token",
    );

    fn operation(cli_name: &str) -> &'static Operation {
        Operation::find(cli_name).unwrap_or_else(|| panic!("no operation {cli_name}"))
    }

    #[test]
    fn comments_keep_the_first_sentence() {
        assert_eq!(first_sentence("One, two. Three."), "One, two.");
        assert_eq!(first_sentence("In seconds: 900 to 3600."), "In seconds.");
        assert_eq!(
            first_sentence("An ARN arn:aws:iam::1:role/x."),
            "An ARN arn:aws:iam::1:role/x."
        );
        assert_eq!(first_sentence("No full stop"), "No full stop.");
    }

    #[test]
    fn every_operation_has_golden_files() {
        assert_eq!(GOLDEN.len(), OPERATIONS.len());
        for op in OPERATIONS {
            assert!(GOLDEN.iter().any(|g| g.0 == op.cli_name), "{}", op.cli_name);
        }
    }

    #[test]
    fn input_skeletons_match_the_aws_cli() {
        for (cli, input, yaml_input, _) in GOLDEN {
            let op = operation(cli);
            assert_eq!(
                input_skeleton(op, SkeletonKind::Input),
                *input,
                "{cli} input"
            );
            assert_eq!(
                input_skeleton(op, SkeletonKind::YamlInput),
                *yaml_input,
                "{cli} yaml-input"
            );
        }
    }

    #[test]
    fn output_samples_match_the_aws_cli() {
        for (cli, _, _, output) in GOLDEN {
            let sample = output_sample(operation(cli));
            let printed = output::render(OutputFormat::Json, &sample, cli, ColorMode::Off);
            assert_eq!(printed.ok().as_deref(), Some(*output), "{cli} output");
        }
    }
}
