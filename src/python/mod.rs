//! How Python prints values decoded from JSON: `str()`, `repr()`, `json.dumps()`, the text of
//! ints and floats, and the names of their types.
//!
//! Python's `json` module decodes to None, bool, int, float, str, list and dict, and so does a
//! `serde_json::Value` here: a number written with a fraction or an exponent is a float, any
//! other number an int.

pub mod difflib;
pub mod expat;
pub mod int;
pub mod json_error;
pub mod path;

use serde_json::{Number, Value};

/// Python's `str.isspace()`: what `str.strip()` removes.
pub fn is_space(c: char) -> bool {
    matches!(
        u32::from(c),
        0x9..=0xD | 0x1C..=0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029
            | 0x202F | 0x205F | 0x3000
    )
}

/// `type(value).__name__`: `NoneType`, `bool`, `int`, `float`, `str`, `list` or `dict`.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// The type as Python prints it, e.g. `<class 'int'>`.
pub fn class_name(value: &Value) -> String {
    format!("<class '{}'>", type_name(value))
}

/// A number as `str()`, `repr()` and `json.dumps()` all write it: an int as its digits, a
/// float as `repr(float)`.
pub fn number(n: &Number) -> String {
    match n.as_f64() {
        Some(float) if n.is_f64() => float_repr(float),
        _ => n.to_string(),
    }
}

/// `repr(float)` of a finite float (a `Number` never holds NaN or an infinity): the shortest
/// digits that read back to the same value, written plainly when the exponent is in -4..16
/// (always with a fraction, `1.0`), else as `1e-07` or `1.5e+16`.
fn float_repr(float: f64) -> String {
    let (digits, exponent) = shortest_digits(float.abs());
    let sign = if float.is_sign_negative() { "-" } else { "" };
    if !(-4..16).contains(&exponent) {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        let exponent = exponent.unsigned_abs();
        return format!("{sign}{first}{point}{rest}e{exponent_sign}{exponent:02}");
    }
    let point = exponent + 1;
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        format!("{sign}0.{zeros}{digits}")
    } else if digits.len() <= point as usize {
        let zeros = "0".repeat(point as usize - digits.len());
        format!("{sign}{digits}{zeros}.0")
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{sign}{whole}.{fraction}")
    }
}

/// The shortest digits that read back as `float` (not negative), without leading or trailing
/// zeros, and the decimal exponent of the first one. They come from ryu, serde_json's float
/// printer, which settles ties between equally short candidates as Python's repr does
/// (Rust's `{:e}` does not: 822036243247517.2 would print as ...517.3).
fn shortest_digits(float: f64) -> (String, i32) {
    let text = Number::from_f64(float)
        .map(|n| n.to_string())
        .unwrap_or_default();
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i32>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{fraction}");
    let significant = all.trim_start_matches('0');
    let leading_zeros = (all.len() - significant.len()) as i32;
    let digits = significant.trim_end_matches('0');
    if digits.is_empty() {
        return ("0".to_string(), 0);
    }
    (
        digits.to_string(),
        exponent + whole.len() as i32 - 1 - leading_zeros,
    )
}

/// Whether `repr()` of a string writes `c` as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`: close to
/// Python's `not str.isprintable()` (controls, separators but ' ', common format and
/// private-use characters). `\\`, `\n`, `\r`, `\t` and the quote have short escapes.
fn is_unprintable(c: char) -> bool {
    let code = u32::from(c);
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(code, 0xad | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064)
        || matches!(code, 0xfeff | 0xe000..=0xf8ff)
}

/// The arguments of `json.dumps` that change its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Dumps {
    /// `indent=N`: each member on a line of its own; `None` writes one line.
    pub indent: Option<usize>,
    /// `separators=(',', ':')` instead of the default `(', ', ': ')`; with an indent, lines
    /// end in `,` either way.
    pub compact: bool,
    /// `ensure_ascii`: everything outside printable ASCII as `\uXXXX` escapes.
    pub ensure_ascii: bool,
}

impl Dumps {
    /// `json.dumps(value)`, as botocore writes its credential cache and cache keys.
    pub const DEFAULT: Dumps = Dumps {
        indent: None,
        compact: false,
        ensure_ascii: true,
    };
    /// `json.dumps(value, separators=(',', ':'))`, as jmespath's `to_string` writes.
    pub const COMPACT: Dumps = Dumps {
        compact: true,
        ..Dumps::DEFAULT
    };
    /// `json.dumps(value, indent=4, ensure_ascii=False)`, as `--output json` prints.
    pub const PRETTY: Dumps = Dumps {
        indent: Some(4),
        compact: false,
        ensure_ascii: false,
    };
}

/// `json.dumps(value, ...)` of plain data.
pub fn dumps(value: &Value, style: Dumps) -> String {
    DATA.dumps(value, style)
}

/// `str()`, `repr()` and `json.dumps()` of values decoded from JSON.
#[derive(Clone, Copy)]
pub struct Printer {
    /// For a value that stands for some other Python object (such as a jmespath expression
    /// reference), that object's `str()`; None for plain data.
    pub object: fn(&Value) -> Option<&'static str>,
}

/// The printer for plain data decoded from JSON.
pub const DATA: Printer = Printer { object: |_| None };

impl Printer {
    /// `str(value)`: a string as it is, anything else as `repr()`.
    pub fn str(&self, value: &Value) -> String {
        match value {
            Value::String(s) => s.clone(),
            other => self.repr(other),
        }
    }

    /// `repr(value)`: `None`, `True`, `'text'`, `[1, 2.0]`, `{'a': None}`.
    pub fn repr(&self, value: &Value) -> String {
        let mut out = String::new();
        self.write_repr(value, &mut out);
        out
    }

    /// `json.dumps(value, ..., default=str)`: other objects as their `str()`.
    pub fn dumps(&self, value: &Value, style: Dumps) -> String {
        let mut out = String::new();
        self.write_json(value, style, 0, &mut out);
        out
    }

    fn write_repr(&self, value: &Value, out: &mut String) {
        if let Some(text) = (self.object)(value) {
            out.push_str(text);
            return;
        }
        match value {
            Value::Null => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Number(n) => out.push_str(&number(n)),
            Value::String(s) => write_repr_string(s, out),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "" } else { ", " });
                    self.write_repr(item, out);
                }
                out.push(']');
            }
            Value::Object(map) => {
                out.push('{');
                for (i, (key, item)) in map.iter().enumerate() {
                    out.push_str(if i == 0 { "" } else { ", " });
                    write_repr_string(key, out);
                    out.push_str(": ");
                    self.write_repr(item, out);
                }
                out.push('}');
            }
        }
    }

    fn write_json(&self, value: &Value, style: Dumps, depth: usize, out: &mut String) {
        if let Some(text) = (self.object)(value) {
            write_json_string(text, style.ensure_ascii, out);
            return;
        }
        // Between members: `, ` on one line, or `,` and a new line at the next depth.
        let separate = |i: usize, depth: usize, out: &mut String| match style.indent {
            Some(width) => {
                out.push_str(if i == 0 { "" } else { "," });
                out.push('\n');
                out.push_str(&" ".repeat(width * depth));
            }
            None if i == 0 => {}
            None => out.push_str(if style.compact { "," } else { ", " }),
        };
        let close = |depth: usize, out: &mut String| {
            if let Some(width) = style.indent {
                out.push('\n');
                out.push_str(&" ".repeat(width * depth));
            }
        };
        match value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&number(n)),
            Value::String(s) => write_json_string(s, style.ensure_ascii, out),
            Value::Array(items) if items.is_empty() => out.push_str("[]"),
            Value::Object(map) if map.is_empty() => out.push_str("{}"),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    separate(i, depth + 1, out);
                    self.write_json(item, style, depth + 1, out);
                }
                close(depth, out);
                out.push(']');
            }
            Value::Object(map) => {
                out.push('{');
                for (i, (key, item)) in map.iter().enumerate() {
                    separate(i, depth + 1, out);
                    write_json_string(key, style.ensure_ascii, out);
                    out.push_str(if style.compact { ":" } else { ": " });
                    self.write_json(item, style, depth + 1, out);
                }
                close(depth, out);
                out.push('}');
            }
        }
    }
}

/// `repr()` of a list of strings that need no escapes, e.g. `['string', 'array']`.
pub fn list_repr(items: &[&str]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i == 0 { "" } else { ", " });
        write_repr_string(item, &mut out);
    }
    out.push(']');
    out
}

/// A string in `repr()`: in single quotes unless it holds `'` and no `"`.
fn write_repr_string(text: &str, out: &mut String) {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in text.chars() {
        let code = u32::from(c);
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == quote => out.extend(['\\', c]),
            _ if !is_unprintable(c) => out.push(c),
            _ if code <= 0xff => out.push_str(&format!("\\x{code:02x}")),
            _ if code <= 0xffff => out.push_str(&format!("\\u{code:04x}")),
            _ => out.push_str(&format!("\\U{code:08x}")),
        }
    }
    out.push(quote);
}

/// A string in `json.dumps()`: quotes, backslashes and control characters escaped, and with
/// `ensure_ascii` everything outside printable ASCII too (as UTF-16 units, `\ud83d\ude00`).
fn write_json_string(text: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ if ensure_ascii || c < ' ' => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// An I/O error as Python's `OSError` prints it: `[Errno 2] No such file or directory: 'x'`.
pub fn os_error(err: &std::io::Error, filename: &str) -> String {
    match err.raw_os_error() {
        Some(code) => {
            let name = DATA.repr(&Value::String(filename.to_string()));
            format!("[Errno {code}] {}: {name}", strerror(err))
        }
        None => err.to_string(),
    }
}

/// The system's words for an I/O error (strerror), without the ` (os error N)` Rust appends.
pub fn strerror(err: &std::io::Error) -> String {
    let text = err.to_string();
    match err.raw_os_error() {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .unwrap_or(&text)
            .to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PLAIN: Printer = DATA;

    #[test]
    fn floats_print_like_python_repr() {
        let cases = [
            (1.0, "1.0"),
            (1.5, "1.5"),
            (1000.0, "1000.0"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1e-7, "1e-07"),
            (2.5e-5, "2.5e-05"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (f64::MAX, "1.7976931348623157e+308"),
            (0.1 + 0.2, "0.30000000000000004"),
            (123.456, "123.456"),
            (-1.5e300, "-1.5e+300"),
            (822036243247517.2, "822036243247517.2"),
            (5e-324, "5e-324"),
            (0.000123, "0.000123"),
            (1.23e-5, "1.23e-05"),
            (9999999999999998.0, "9999999999999998.0"),
        ];
        for (value, expected) in cases {
            assert_eq!(float_repr(value), expected);
        }
        assert_eq!(number(&Number::from(-7)), "-7");
        assert_eq!(number(&Number::from(u64::MAX)), "18446744073709551615");
    }

    #[test]
    fn values_print_like_python() {
        let value = json!({"a": [true, null, 1, 2.0, "it's", "say \"hi\"", "tab\t\u{1}é\u{a0}"]});
        assert_eq!(
            PLAIN.repr(&value),
            r#"{'a': [True, None, 1, 2.0, "it's", 'say "hi"', 'tab\t\x01é\xa0']}"#
        );
        assert_eq!(
            PLAIN.repr(&json!("\u{7f}\u{a0}\u{1f600}")),
            "'\\x7f\\xa0\u{1f600}'"
        );
        assert_eq!(PLAIN.repr(&json!("\u{200b}\u{e000}")), r"'\u200b\ue000'");
        assert_eq!(PLAIN.str(&json!("it's")), "it's");
        assert_eq!(PLAIN.str(&json!(["it's"])), r#"["it's"]"#);
        assert_eq!(
            PLAIN.dumps(&json!({"a": [1.0, "é😀\u{7f}"]}), Dumps::COMPACT),
            r#"{"a":[1.0,"\u00e9\ud83d\ude00\u007f"]}"#
        );
        assert_eq!(list_repr(&["string", "array"]), "['string', 'array']");
    }

    #[test]
    fn other_objects_print_as_their_str() {
        let printer = Printer {
            object: |value| value.get("$object").map(|_| "<object>"),
        };
        let value = json!([{"$object": 1}]);
        assert_eq!(printer.repr(&value), "[<object>]");
        assert_eq!(printer.dumps(&value, Dumps::COMPACT), r#"["<object>"]"#);
    }

    #[test]
    fn json_dumps_layouts() {
        let value = json!({"b": [1, 2.5, null, true], "a": {"k": "ü"}, "e": [], "o": {}});
        assert_eq!(
            dumps(&value, Dumps::DEFAULT),
            r#"{"b": [1, 2.5, null, true], "a": {"k": "\u00fc"}, "e": [], "o": {}}"#
        );
        assert_eq!(
            dumps(&value, Dumps::PRETTY),
            "{\n    \"b\": [\n        1,\n        2.5,\n        null,\n        true\n    ],\n    \"a\": {\n        \"k\": \"ü\"\n    },\n    \"e\": [],\n    \"o\": {}\n}"
        );
        assert_eq!(dumps(&json!("é"), Dumps::PRETTY), "\"é\"");
    }

    #[test]
    fn json_strings_escape_like_json_dumps() {
        let mut out = String::new();
        write_json_string("x/y\"é\t\u{1}\u{7f}", false, &mut out);
        assert_eq!(out, "\"x/y\\\"é\\t\\u0001\u{7f}\"");
    }

    #[test]
    fn types_are_named_as_python_names_them() {
        assert_eq!(type_name(&json!(null)), "NoneType");
        assert_eq!(class_name(&json!(1)), "<class 'int'>");
        assert_eq!(class_name(&json!(1.0)), "<class 'float'>");
        assert_eq!(class_name(&json!({})), "<class 'dict'>");
    }
}
