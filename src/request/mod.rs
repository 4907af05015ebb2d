//! The request's parameters: the values typed for an operation's options turned into a JSON
//! object keyed by API member names (`file://` and `fileb://` contents, JSON values, the
//! `Key=value,...` shorthand, integers), a `--cli-input-*` document merged under them, and
//! the whole checked against the model before anything is sent.

pub mod document;
mod paramfile;
pub mod shorthand;
mod validate;

pub use validate::validate;

use crate::cli::{CliInput, RawValue};
use crate::error::{Error, Result};
use crate::model::{Member, Shape};
use crate::python;
use serde_json::{Map, Value};

/// Add the parameters of a `--cli-input-json`/`--cli-input-yaml` document (inline or
/// `file://`) that were not given as options: the command line wins.
pub fn merge_cli_input(params: &mut Map<String, Value>, document: &CliInput) -> Result<()> {
    let (option, text) = match document {
        CliInput::Json(text) => ("--cli-input-json", text),
        CliInput::Yaml(text) => ("--cli-input-yaml", text),
    };
    let text = load_file(option, text)?;
    let given = match document {
        CliInput::Json(_) => document::read_input_json(&text),
        CliInput::Yaml(_) => document::read_input_yaml(&text),
    }?;
    // Whole keys only: an option on the command line replaces the document's entry.
    for (key, value) in given {
        params.entry(key).or_insert(value);
    }
    Ok(())
}

/// Build the parameters object, in model order.
pub fn read_params(params: &[(&'static Member, RawValue)]) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for (member, raw) in params {
        let option = format!("--{}", member.cli_name());
        let value = read_param(&option, member.shape, raw)?;
        out.insert(member.name.to_string(), value);
    }
    Ok(out)
}

fn read_param(option: &str, shape: &Shape, raw: &RawValue) -> Result<Value> {
    match (shape, raw) {
        (Shape::List { member, .. }, RawValue::Many(items)) => read_list(option, member, items),
        (_, RawValue::One(text)) => read_single(option, shape, &load_file(option, text)?),
        (_, RawValue::Many(items)) => match items.last() {
            Some(text) => read_single(option, shape, &load_file(option, text)?),
            None => Err(Error::usage(format!(
                "argument {option}: expected one argument"
            ))),
        },
    }
}

/// A list option: one JSON list, or one value per item (each may be JSON or shorthand).
fn read_list(option: &str, item_shape: &Shape, items: &[String]) -> Result<Value> {
    // As in the AWS CLI, a file is only read when it is the only value given.
    if let [only] = items {
        let text = load_file(option, only)?;
        if text.trim_start().starts_with('[') {
            return parse_json(option, &text);
        }
        return Ok(Value::Array(vec![read_single(option, item_shape, &text)?]));
    }
    items
        .iter()
        .map(|item| read_single(option, item_shape, item))
        .collect::<Result<_>>()
        .map(Value::Array)
}

fn read_single(option: &str, shape: &Shape, text: &str) -> Result<Value> {
    match shape {
        Shape::String { .. } | Shape::Timestamp => Ok(Value::String(text.to_string())),
        // Python's int(): `1_000` and digits of other scripts are numbers too.
        Shape::Integer { .. } => python::int::int(text).map(Value::from).ok_or_else(|| {
            Error::usage(format!(
                "Error parsing parameter '{option}': expected an integer, received: '{text}'"
            ))
        }),
        Shape::Structure(_) | Shape::List { .. } if text.trim_start().starts_with(['{', '[']) => {
            parse_json(option, text)
        }
        Shape::Structure(_) => parse_shorthand(option, text),
        Shape::List { member, .. } => Ok(Value::Array(vec![read_single(option, member, text)?])),
    }
}

/// A JSON value; what Python's json module rejects is reported in its words, as the AWS CLI
/// reports it.
fn parse_json(option: &str, text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|err| {
        let reason = python::json_error::decode_error(text).unwrap_or_else(|| err.to_string());
        Error::usage(format!(
            "Error parsing parameter '{option}': Invalid JSON: {reason}\nJSON received: {text}"
        ))
    })
}

/// The shorthand syntax (`Key=a,Value=b`). Its own file errors (`key@=file://...`) are not
/// syntax errors, and the AWS CLI reports them as general errors.
fn parse_shorthand(option: &str, text: &str) -> Result<Value> {
    shorthand::parse(text).map_err(|error| {
        let message = shorthand::error_message(option, text, &error);
        if message.starts_with("Error parsing parameter") {
            Error::usage(message)
        } else {
            Error::other(message)
        }
    })
}

/// Read `file://` (text) and `fileb://` (bytes) values; anything else is the value itself.
/// Like AWS CLI v2, `http://` and `https://` values are sent as they are, never downloaded.
fn load_file(option: &str, value: &str) -> Result<String> {
    match paramfile::load(value) {
        Ok(Some(contents)) => Ok(contents),
        Ok(None) => Ok(value.to_string()),
        Err(message) => Err(Error::usage(format!(
            "Error parsing parameter '{option}': {message}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Operation;
    use serde_json::json;

    fn member(op: &str, name: &str) -> &'static Member {
        Operation::find(op)
            .and_then(|o| o.input.iter().find(|m| m.name == name))
            .expect("member exists")
    }

    fn many(items: &[&str]) -> RawValue {
        RawValue::Many(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn common_forms_of_list_parameters() {
        let tags = member("assume-role", "Tags");
        let arns = member("assume-role", "PolicyArns");
        let keys = member("assume-role", "TransitiveTagKeys");
        let params = [
            (tags, many(&["Key=a,Value=b", "Key=c,Value=d"])),
            (arns, many(&[r#"[{"arn":"arn:aws:iam::aws:policy/A"}]"#])),
            (keys, many(&["a", "b"])),
        ];
        let value = read_params(&params).ok().map(Value::Object);
        assert_eq!(
            value,
            Some(json!({
                "Tags": [{"Key": "a", "Value": "b"}, {"Key": "c", "Value": "d"}],
                "PolicyArns": [{"arn": "arn:aws:iam::aws:policy/A"}],
                "TransitiveTagKeys": ["a", "b"],
            }))
        );
    }

    #[test]
    fn integers_and_structures() {
        let duration = member("assume-root", "DurationSeconds");
        let task = member("assume-root", "TaskPolicyArn");
        let params = [
            (
                task,
                RawValue::One("arn=arn:aws:iam::aws:policy/root-task/X".into()),
            ),
            (duration, RawValue::One("900".into())),
        ];
        let value = read_params(&params).ok().map(Value::Object);
        assert_eq!(
            value,
            Some(
                json!({"TaskPolicyArn": {"arn": "arn:aws:iam::aws:policy/root-task/X"}, "DurationSeconds": 900})
            )
        );
        let bad = read_params(&[(duration, RawValue::One("9.5".into()))])
            .err()
            .map(|e| (e.exit_code(), e.message));
        assert_eq!(
            bad,
            Some((252, "Error parsing parameter '--duration-seconds': expected an integer, received: '9.5'".into()))
        );
    }

    #[test]
    fn bad_json_names_the_parameter() {
        let tags = member("assume-role", "Tags");
        let err = read_params(&[(tags, many(&["[{"]))])
            .err()
            .map(|e| e.message);
        assert!(
            err.is_some_and(|m| m.starts_with("Error parsing parameter '--tags': Invalid JSON: "))
        );
    }

    #[test]
    fn missing_file_names_parameter_and_path() {
        let policy = member("assume-role", "Policy");
        let err =
            read_params(&[(policy, RawValue::One("file:///nonexistent/p.json".into()))]).err();
        assert_eq!(
            err.map(|e| e.message).as_deref(),
            Some(
                "Error parsing parameter '--policy': Unable to load paramfile file:///nonexistent/p.json: [Errno 2] No such file or directory: '/nonexistent/p.json'"
            )
        );
    }
}
