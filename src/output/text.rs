//! `--output text`: the AWS CLI's tab-separated format, which scripts read by position.
//!
//! An object prints its scalar members on one line, in sorted key order, prefixed by its key
//! upper-cased when nested; its objects and lists follow, each under its own key. A list of
//! objects shares one column set (the sorted union of their scalar keys). Values print as
//! Python's `str()` does (`None`, `True`, `1.5`).

use super::Failed;
use crate::error::{Error, Result};
use crate::python;
use serde_json::{Map, Value};

/// Render a value; an empty result prints nothing and a null result prints `None`. A value
/// the format cannot show fails where the AWS CLI fails, after what it has written.
pub fn render(value: &Value) -> std::result::Result<String, Failed> {
    let mut out = String::new();
    match write_value(value, None, None, &mut out) {
        Ok(()) => Ok(out),
        Err(error) => Err(Failed {
            written: out,
            error,
        }),
    }
}

fn write_value(
    value: &Value,
    key: Option<&str>,
    columns: Option<&[String]>,
    out: &mut String,
) -> Result<()> {
    match value {
        Value::Object(map) => write_object(map, key, columns, out),
        Value::Array(items) => write_list(items, key, out),
        scalar => {
            out.push_str(&python::DATA.str(scalar));
            out.push('\n');
            Ok(())
        }
    }
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Object(_) | Value::Array(_))
}

/// One line of scalars (when there are any), then each nested value under its own key.
/// `columns` is the shared column set when the object is an element of a list of objects.
fn write_object(
    map: &Map<String, Value>,
    key: Option<&str>,
    columns: Option<&[String]>,
    out: &mut String,
) -> Result<()> {
    let mut sorted: Vec<(&String, &Value)> = map.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let (cells, nested): (Vec<String>, Vec<(&String, &Value)>) = match columns {
        None => {
            let cells = sorted
                .iter()
                .filter(|(_, v)| is_scalar(v))
                .map(|(_, v)| python::DATA.str(v))
                .collect();
            let nested = sorted.into_iter().filter(|(_, v)| !is_scalar(v)).collect();
            (cells, nested)
        }
        Some(columns) => {
            // A column this object lacks is empty; one that holds a structure here prints as
            // that structure's str(), as the AWS CLI does.
            let cells = columns
                .iter()
                .map(|c| map.get(c).map(|v| python::DATA.str(v)).unwrap_or_default())
                .collect();
            let nested = sorted
                .into_iter()
                .filter(|(k, _)| !columns.contains(k))
                .collect();
            (cells, nested)
        }
    };
    if !cells.is_empty() {
        let mut line = Vec::with_capacity(cells.len() + 1);
        if let Some(key) = key {
            line.push(key.to_uppercase());
        }
        line.extend(cells);
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    for (nested_key, nested_value) in nested {
        write_value(nested_value, Some(nested_key), None, out)?;
    }
    Ok(())
}

fn write_list(items: &[Value], key: Option<&str>, out: &mut String) -> Result<()> {
    if items.iter().any(Value::is_object) {
        let columns = shared_columns(items)?;
        for item in items {
            write_value(item, key, Some(&columns), out)?;
        }
    } else if items.iter().any(Value::is_array) {
        let scalars: Vec<&Value> = items.iter().filter(|v| is_scalar(v)).collect();
        if !scalars.is_empty() {
            write_scalars(&scalars, key, out);
        }
        for list in items.iter().filter(|v| !is_scalar(v)) {
            write_value(list, key, None, out)?;
        }
    } else if !items.is_empty() {
        write_scalars(&items.iter().collect::<Vec<_>>(), key, out);
    }
    Ok(())
}

/// Under a key, one `KEY<TAB>value` line per item; at the top, one tab-joined line.
fn write_scalars(items: &[&Value], key: Option<&str>, out: &mut String) {
    match key {
        Some(key) => {
            let key = key.to_uppercase();
            for item in items {
                out.push_str(&format!("{key}\t{}\n", python::DATA.str(item)));
            }
        }
        None => {
            let cells: Vec<String> = items.iter().map(|v| python::DATA.str(v)).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
}

/// The sorted union of the keys holding scalars in any of the objects. The AWS CLI cannot
/// print a list that mixes objects with other values, and fails with Python's message.
fn shared_columns(items: &[Value]) -> Result<Vec<String>> {
    let mut columns: Vec<String> = Vec::new();
    for item in items {
        let Value::Object(map) = item else {
            let kind = python::type_name(item);
            return Err(Error::other(format!(
                "'{kind}' object has no attribute 'items'"
            )));
        };
        for (key, value) in map {
            if is_scalar(value) && !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    columns.sort();
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(value: Value) -> String {
        render(&value).unwrap_or_else(|e| format!("{}ERROR {}", e.written, e.error.message))
    }

    #[test]
    fn objects_print_sorted_scalars_then_sections() {
        let value = json!({
            "Credentials": {"AccessKeyId": "ASIA", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "e"},
            "AssumedRoleUser": {"AssumedRoleId": "id", "Arn": "arn"},
            "PackedPolicySize": 8,
            "SourceIdentity": "Alice"
        });
        assert_eq!(
            text(value),
            "8\tAlice\nASSUMEDROLEUSER\tarn\tid\nCREDENTIALS\tASIA\te\ts\tt\n"
        );
    }

    #[test]
    fn nested_keys_are_bare_and_lists_of_scalars_repeat_the_key() {
        let value = json!({"Outer": {"Inner": {"x": 1}, "y": 2, "L": [1, 2]}});
        assert_eq!(text(value), "OUTER\t2\nINNER\t1\nL\t1\nL\t2\n");
    }

    #[test]
    fn lists_of_objects_share_columns() {
        let value = json!([{"a": 1, "b": [1, 2]}, {"a": 2, "c": 3, "b": []}]);
        assert_eq!(text(value), "1\t\nB\t1\nB\t2\n2\t3\n");
        let value = json!([{"a": 1}, {"a": {"x": 1}}]);
        assert_eq!(text(value), "1\n{'x': 1}\n");
    }

    #[test]
    fn scalars_print_as_python_str() {
        assert_eq!(text(json!(null)), "None\n");
        assert_eq!(text(json!(true)), "True\n");
        assert_eq!(text(json!(1.5)), "1.5\n");
        assert_eq!(text(json!(1e16)), "1e+16\n");
        assert_eq!(text(json!("")), "\n");
        assert_eq!(text(json!(["a", 6, null, true])), "a\t6\tNone\tTrue\n");
        assert_eq!(text(json!([[1, 2], [3]])), "1\t2\n3\n");
        assert_eq!(text(json!([1, [2, 3]])), "1\n2\t3\n");
    }

    #[test]
    fn empty_results_print_nothing() {
        assert_eq!(text(json!({})), "");
        assert_eq!(text(json!([])), "");
        assert_eq!(text(json!({"a": {}})), "");
    }

    #[test]
    fn keys_upper_case_like_python() {
        assert_eq!(text(json!({"straße": {"x": 1}})), "STRASSE\t1\n");
    }

    #[test]
    fn mixed_lists_fail_like_the_aws_cli() {
        assert_eq!(
            text(json!([{"a": 1}, 2])),
            "ERROR 'int' object has no attribute 'items'"
        );
        assert_eq!(
            text(json!([{"a": 1}, [2]])),
            "ERROR 'list' object has no attribute 'items'"
        );
    }
}
