//! Client-side validation of the parameters against the model, as botocore does it and no
//! more: required members, unknown keys, types and minimums, all problems reported together.
//! Maximum lengths and patterns are left to the service, as the AWS CLI leaves them.

use crate::error::{Error, Result};
use crate::model::{Member, Shape};
use crate::python;
use serde_json::{Map, Value};

/// The SDK carries integers as i32; larger values cannot be sent at all.
const LARGEST_INTEGER: i64 = i32::MAX as i64;

/// Check `params` against the operation's input members (exit 252 with every problem).
pub fn validate(params: &Map<String, Value>, members: &[Member]) -> Result<()> {
    let mut problems = Vec::new();
    check_structure(params, members, "input", "", &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "Parameter validation failed:\n{}",
            problems.join("\n")
        )))
    }
}

/// `where_` names the structure in "missing"/"unknown" messages (`input`, `Tags[0]`);
/// `prefix` is the path its members' names are appended to (`Tags[0].`).
fn check_structure(
    map: &Map<String, Value>,
    members: &[Member],
    where_: &str,
    prefix: &str,
    problems: &mut Vec<String>,
) {
    for member in members
        .iter()
        .filter(|m| m.required && !map.contains_key(m.name))
    {
        problems.push(format!(
            "Missing required parameter in {where_}: \"{}\"",
            member.name
        ));
    }
    let known: Vec<&str> = members.iter().map(|m| m.name).collect();
    for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
        problems.push(format!(
            "Unknown parameter in {where_}: \"{key}\", must be one of: {}",
            known.join(", ")
        ));
    }
    for (key, value) in map {
        if let Some(member) = members.iter().find(|m| m.name == key) {
            check_value(value, member.shape, &format!("{prefix}{key}"), problems);
        }
    }
}

fn check_value(value: &Value, shape: &Shape, path: &str, problems: &mut Vec<String>) {
    match (shape, value) {
        (Shape::Timestamp, Value::String(_)) => {}
        (Shape::String { min_len }, Value::String(s)) => {
            let length = s.chars().count();
            if length < *min_len {
                problems.push(format!("Invalid length for parameter {path}, value: {length}, valid min length: {min_len}"));
            }
        }
        // Python's bool is an int, so `true` passes the type check and fails the range check.
        (Shape::Integer { min }, Value::Bool(b)) => {
            if i64::from(*b) < *min {
                problems.push(format!(
                    "Invalid value for parameter {path}, value: {}, valid min value: {min}",
                    python::DATA.str(value)
                ));
            }
        }
        (Shape::Integer { min }, Value::Number(n)) if !n.is_f64() => match n.as_i64() {
            Some(number) if number < *min => {
                problems.push(format!(
                    "Invalid value for parameter {path}, value: {number}, valid min value: {min}"
                ));
            }
            Some(number) if number <= LARGEST_INTEGER => {}
            _ => problems.push(format!(
                "Invalid value for parameter {path}, value: {n}, valid max value: {LARGEST_INTEGER}"
            )),
        },
        (Shape::List { member, min_len }, Value::Array(items)) => {
            if items.len() < *min_len {
                problems.push(format!(
                    "Invalid length for parameter {path}, value: {}, valid min length: {min_len}",
                    items.len()
                ));
            }
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{path}[{i}]");
                match (member, item) {
                    (Shape::Structure(members), Value::Object(map)) => {
                        check_structure(
                            map,
                            members,
                            &item_path,
                            &format!("{item_path}."),
                            problems,
                        );
                    }
                    _ => check_value(item, member, &item_path, problems),
                }
            }
        }
        (Shape::Structure(members), Value::Object(map)) => {
            check_structure(map, members, path, &format!("{path}."), problems);
        }
        _ => problems.push(format!(
            "Invalid type for parameter {path}, value: {}, type: {}, valid types: {}",
            python::DATA.str(value),
            python::class_name(value),
            valid_types(shape)
        )),
    }
}

fn valid_types(shape: &Shape) -> &'static str {
    match shape {
        Shape::String { .. } => "<class 'str'>",
        Shape::Integer { .. } => "<class 'int'>",
        Shape::Timestamp => "<class 'datetime.datetime'>, <class 'str'>",
        Shape::List { .. } => "<class 'list'>, <class 'tuple'>",
        Shape::Structure(_) => "<class 'dict'>",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Operation;
    use serde_json::json;

    fn problems(op: &str, params: Value) -> Option<String> {
        let members = Operation::find(op).expect("operation").input;
        let map = params.as_object().cloned().unwrap_or_default();
        validate(&map, members).err().map(|e| e.message)
    }

    #[test]
    fn valid_parameters_pass() {
        let params = json!({"RoleArn": "arn:aws:iam::123456789012:role/demo", "RoleSessionName": "s1",
            "Tags": [{"Key": "a", "Value": ""}], "DurationSeconds": 900});
        assert_eq!(problems("assume-role", params), None);
    }

    #[test]
    fn every_problem_is_reported_in_botocore_order() {
        let params = json!({
            "RoleArn": "arn:aws:iam::123456789012:role/demo",
            "Bogus": 1,
            "RoleSessionName": "s",
            "DurationSeconds": 10,
            "Tags": [{"Key": "a", "Colour": "red"}, {"Key": "b", "Value": ["x"]}],
            "TransitiveTagKeys": ["a", 1],
            "ProvidedContexts": [],
        });
        let expected = "Parameter validation failed:\n\
            Unknown parameter in input: \"Bogus\", must be one of: RoleArn, RoleSessionName, PolicyArns, Policy, DurationSeconds, Tags, TransitiveTagKeys, ExternalId, SerialNumber, TokenCode, SourceIdentity, ProvidedContexts\n\
            Invalid length for parameter RoleSessionName, value: 1, valid min length: 2\n\
            Invalid value for parameter DurationSeconds, value: 10, valid min value: 900\n\
            Missing required parameter in Tags[0]: \"Value\"\n\
            Unknown parameter in Tags[0]: \"Colour\", must be one of: Key, Value\n\
            Invalid type for parameter Tags[1].Value, value: ['x'], type: <class 'list'>, valid types: <class 'str'>\n\
            Invalid type for parameter TransitiveTagKeys[1], value: 1, type: <class 'int'>, valid types: <class 'str'>\n\
            Invalid length for parameter ProvidedContexts, value: 0, valid min length: 1";
        assert_eq!(problems("assume-role", params).as_deref(), Some(expected));
    }

    #[test]
    fn types_are_named_as_python_names_them() {
        let params = json!({"TargetPrincipal": "111122223333", "TaskPolicyArn": {"arn": null}});
        assert_eq!(
            problems("assume-root", params).as_deref(),
            Some(
                "Parameter validation failed:\n\
                Invalid type for parameter TaskPolicyArn.arn, value: None, type: <class 'NoneType'>, valid types: <class 'str'>"
            )
        );
        assert_eq!(
            problems("get-session-token", json!({"DurationSeconds": true})).as_deref(),
            Some(
                "Parameter validation failed:\nInvalid value for parameter DurationSeconds, value: True, valid min value: 900"
            )
        );
        let params = json!({"Name": "Bob", "Tags": {"Key": "a"}, "DurationSeconds": 1.5});
        assert_eq!(
            problems("get-federation-token", params).as_deref(),
            Some(
                "Parameter validation failed:\n\
                Invalid type for parameter Tags, value: {'Key': 'a'}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>\n\
                Invalid type for parameter DurationSeconds, value: 1.5, type: <class 'float'>, valid types: <class 'int'>"
            )
        );
    }

    #[test]
    fn integers_beyond_what_can_be_sent_are_refused() {
        let params = json!({"DurationSeconds": 99999999999u64});
        assert_eq!(
            problems("get-session-token", params).as_deref(),
            Some(
                "Parameter validation failed:\nInvalid value for parameter DurationSeconds, value: 99999999999, valid max value: 2147483647"
            )
        );
    }
}
