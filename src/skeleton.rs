//! `--generate-cli-skeleton` and the reading of `--cli-input-json` / `--cli-input-yaml`, as
//! AWS CLI v2 does them (`awscli/customizations/generatecliskeleton.py`, `cliinput.py` and
//! botocore's `utils.ArgumentGenerator`).
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
//!
//! `--cli-input-yaml` is read with `saphyr` (a pure-Rust YAML 1.2 loader, actively
//! maintained; it succeeds yaml-rust2, which now gets only basic maintenance). It is the
//! closest to ruamel.yaml's safe loader, which AWS CLI v2 uses in YAML 1.2 mode: like ruamel
//! it rejects duplicate keys and reads `012` as 12. `serde_yaml_ng` and `serde_norway` are
//! forks of the deprecated `serde_yaml` on a port of libyaml (YAML 1.1), less active, and
//! they silently keep the last of duplicate keys and read `012` as a string. Where ruamel
//! builds a Python object JSON cannot hold (a date, bytes, a set, an infinite float, a local
//! tag), we report invalid YAML, and a date stays a string.

use crate::model::{Member, Operation, Shape};
use crate::output;
use crate::python;
use crate::settings::{ColorMode, OutputFormat};
use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde_json::{Map, Value};

/// What `--generate-cli-skeleton [VALUE]` asks for; None for an unknown VALUE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkeletonKind {
    Input,
    YamlInput,
    Output,
}

/// The kind named by the option's value; the option alone means `input`.
pub fn kind(value: Option<&str>) -> Option<SkeletonKind> {
    match value {
        None | Some("input") => Some(SkeletonKind::Input),
        Some("yaml-input") => Some(SkeletonKind::YamlInput),
        Some("output") => Some(SkeletonKind::Output),
        Some(_) => None,
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

/// Parse the text of --cli-input-json (already read from file:// by the caller) into an
/// object; errors are the full user-facing message (exit 252), as AWS CLI v2 words them.
pub fn read_input_json(text: &str) -> Result<Map<String, Value>, String> {
    // v2 names the option without dashes here, and with them for a non-object below.
    let value = serde_json::from_str(text)
        .map_err(|_| "Error parsing parameter 'cli-input-json': Invalid JSON received.")?;
    into_object("--cli-input-json", value)
}

/// Same for --cli-input-yaml.
pub fn read_input_yaml(text: &str) -> Result<Map<String, Value>, String> {
    let invalid = || "Error parsing parameter 'cli-input-yaml': Invalid YAML received.".to_string();
    let documents = Yaml::load_from_str(text).map_err(|_| invalid())?;
    let value = match documents.as_slice() {
        // An empty stream loads as None.
        [] => Value::Null,
        [document] => yaml_to_json(document).ok_or_else(invalid)?,
        // ruamel's `load` refuses a stream of several documents.
        _ => return Err(invalid()),
    };
    into_object("--cli-input-yaml", value)
}

/// The loaded document must be a mapping; its keys are checked later, by validation.
fn into_object(option: &str, value: Value) -> Result<Map<String, Value>, String> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(format!(
            "Error parsing parameter '{option}': Invalid type: expecting map, received {}",
            python::class_name(&other)
        )),
    }
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

/// A loaded YAML node as JSON, or None where ruamel's safe loader would fail or build
/// something JSON cannot hold.
fn yaml_to_json(node: &Yaml) -> Option<Value> {
    match node {
        Yaml::Value(scalar) => scalar_to_json(scalar),
        Yaml::Sequence(items) => items
            .iter()
            .map(yaml_to_json)
            .collect::<Option<_>>()
            .map(Value::Array),
        Yaml::Mapping(entries) => {
            let mut object = Map::new();
            // A merge key (`<<: *base`) brings in the keys of one mapping or a list of them;
            // ruamel lets the first of a list win and the mapping's own keys win over all.
            let merge = Yaml::Value(Scalar::String("<<".into()));
            if let Some(sources) = entries.get(&merge) {
                let sources = match sources {
                    Yaml::Sequence(list) => list.iter().collect(),
                    single => vec![single],
                };
                for source in sources.into_iter().rev() {
                    let Some(Value::Object(merged)) = yaml_to_json(source) else {
                        return None;
                    };
                    object.extend(merged);
                }
            }
            for (key, value) in entries.iter().filter(|(key, _)| **key != merge) {
                object.insert(key_text(key)?, yaml_to_json(value)?);
            }
            Some(Value::Object(object))
        }
        // A local tag has no constructor in the safe loader; a bad value is a core tag that
        // did not fit (`!!int abc`) or one JSON lacks (`!!binary`). `load_from_str` resolves
        // every scalar and alias, so the others do not occur.
        Yaml::Representation(..) | Yaml::Tagged(..) | Yaml::Alias(_) | Yaml::BadValue => None,
    }
}

fn scalar_to_json(scalar: &Scalar) -> Option<Value> {
    Some(match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::from(*i),
        // JSON has no NaN or infinity.
        Scalar::FloatingPoint(f) => Value::Number(serde_json::Number::from_f64(f.into_inner())?),
        Scalar::String(s) => Value::from(s.as_ref()),
    })
}

/// A mapping key as the string Python would show for it (`1`, `True`, `None`): keys other
/// than strings only ever reach an "Unknown parameter" message. A collection as a key is
/// unhashable in Python, so invalid.
fn key_text(key: &Yaml) -> Option<String> {
    match yaml_to_json(key)? {
        Value::Array(_) | Value::Object(_) => None,
        scalar => Some(python::DATA.str(&scalar)),
    }
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

    #[test]
    fn kinds_follow_the_option_choices() {
        assert_eq!(kind(None), Some(SkeletonKind::Input));
        assert_eq!(kind(Some("input")), Some(SkeletonKind::Input));
        assert_eq!(kind(Some("yaml-input")), Some(SkeletonKind::YamlInput));
        assert_eq!(kind(Some("output")), Some(SkeletonKind::Output));
        assert_eq!(kind(Some("Output")), None);
    }

    #[test]
    fn cli_input_json_is_an_object() {
        let map = read_input_json(r#" {"RoleArn": "arn", "DurationSeconds": 900, "X": [1]} "#);
        let keys: Vec<String> = map.map(|m| m.keys().cloned().collect()).unwrap_or_default();
        assert_eq!(keys, ["RoleArn", "DurationSeconds", "X"]);
        for (text, message) in [
            (
                "{",
                "Error parsing parameter 'cli-input-json': Invalid JSON received.",
            ),
            (
                "",
                "Error parsing parameter 'cli-input-json': Invalid JSON received.",
            ),
            (
                "[1]",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>",
            ),
            (
                "null",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'NoneType'>",
            ),
            (
                "\"x\"",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'str'>",
            ),
            (
                "1.5",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'float'>",
            ),
        ] {
            assert_eq!(read_input_json(text), Err(message.to_string()), "{text:?}");
        }
    }

    fn yaml(text: &str) -> Result<Value, String> {
        read_input_yaml(text).map(Value::Object)
    }

    #[test]
    fn cli_input_yaml_reads_like_ruamel() {
        // Each expected value is what ruamel.yaml's safe loader gives, as JSON.
        for (text, expected) in [
            (
                "RoleArn: arn\nDurationSeconds: 900\n",
                r#"{"RoleArn":"arn","DurationSeconds":900}"#,
            ),
            (
                "a: 012\nb: 0o17\nc: 0x1F\nd: +12\ne: 1.5\nf: 1e3",
                r#"{"a":12,"b":15,"c":31,"d":12,"e":1.5,"f":1000.0}"#,
            ),
            (
                "a: yes\nb: True\nc: ~\nd:\ne: 2024-01-01\nf: !!str 12",
                r#"{"a":"yes","b":true,"c":null,"d":null,"e":"2024-01-01","f":"12"}"#,
            ),
            (
                "a: &x [1]\nb: *x\n1: one\ntrue: t\n~: n",
                r#"{"a":[1],"b":[1],"1":"one","True":"t","None":"n"}"#,
            ),
            (
                "base: &b {k: 1, j: 0}\nc:\n  <<: *b\n  j: 2",
                r#"{"base":{"k":1,"j":0},"c":{"k":1,"j":2}}"#,
            ),
            (
                "a: &a {k: 1}\nb: &b {k: 2, m: 3}\nc: {<<: [*a, *b]}",
                r#"{"a":{"k":1},"b":{"k":2,"m":3},"c":{"k":1,"m":3}}"#,
            ),
            (
                "Tags:\n- Key: k  # a comment\n  Value: v\n",
                r#"{"Tags":[{"Key":"k","Value":"v"}]}"#,
            ),
            ("\u{feff}{a: 1}\n...\n", r#"{"a":1}"#),
            ("c: {m: 0, <<: {k: 3, m: 1}}", r#"{"c":{"k":3,"m":0}}"#),
        ] {
            let expected: Value = serde_json::from_str(expected).unwrap_or_default();
            assert_eq!(yaml(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn cli_input_yaml_errors_as_the_aws_cli() {
        let invalid = "Error parsing parameter 'cli-input-yaml': Invalid YAML received.";
        for text in [
            "a: 'x",
            "a: [1, 2",
            "a: 1\na: 2",
            "a: 1\n---\nb: 2",
            "a: 1\n---\n",
            "a: {<<: 1}",
            "a: !foo bar",
            "a: !!int abc",
            "? [a]\n: x",
        ] {
            assert_eq!(yaml(text), Err(invalid.to_string()), "{text:?}");
        }
        let not_map =
            "Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received";
        for (text, class) in [
            ("", "<class 'NoneType'>"),
            ("# only a comment", "<class 'NoneType'>"),
            ("[1, 2]", "<class 'list'>"),
            ("hello", "<class 'str'>"),
            ("12", "<class 'int'>"),
            ("true", "<class 'bool'>"),
        ] {
            assert_eq!(yaml(text), Err(format!("{not_map} {class}")), "{text:?}");
        }
    }
}
