//! `--output json`: the bytes Python's `json.dumps(value, indent=4, ensure_ascii=False)` writes.

use crate::python::{self, Dumps};
use serde_json::Value;

/// Render a value with a trailing newline (the caller skips a result equal to `{}`).
pub fn render(value: &Value) -> String {
    let mut out = python::dumps(value, Dumps::PRETTY);
    out.push('\n');
    out
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
