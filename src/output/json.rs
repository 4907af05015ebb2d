//! `--output json`: the bytes Python's `json.dumps(value, indent=4, ensure_ascii=False)` writes.

use crate::python;
use serde_json::Value;

/// Render a value with a trailing newline (the caller skips a result equal to `{}`).
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out.push('\n');
    out
}

fn write_value(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&python::number(n)),
        Value::String(s) => python::write_json_string(s, false, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(out, i, depth + 1);
                write_value(out, item, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                separator(out, i, depth + 1);
                python::write_json_string(key, false, out);
                out.push_str(": ");
                write_value(out, item, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

fn separator(out: &mut String, index: usize, depth: usize) {
    if index > 0 {
        out.push(',');
    }
    newline(out, depth);
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("    ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn layout_matches_python_json_dumps() {
        let value =
            json!({"a": [1, 2.5, null, true], "b": {}, "c": [], "d": {"e": "x/y\"é\t\u{1}\u{7f}"}});
        let expected = "{\n    \"a\": [\n        1,\n        2.5,\n        null,\n        true\n    ],\n    \"b\": {},\n    \"c\": [],\n    \"d\": {\n        \"e\": \"x/y\\\"é\\t\\u0001\u{7f}\"\n    }\n}\n";
        assert_eq!(render(&value), expected);
    }

    #[test]
    fn scalars_stand_alone() {
        assert_eq!(render(&json!("ASIA")), "\"ASIA\"\n");
        assert_eq!(render(&json!(null)), "null\n");
        assert_eq!(render(&json!(6)), "6\n");
    }
}
