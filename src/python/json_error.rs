//! What Python's `json.loads` raises on invalid JSON, for the AWS CLI's "Invalid JSON" errors.
//!
//! The AWS CLI decodes JSON arguments with `json.loads` and prints `str(exc)` of what it
//! raises, so this follows CPython 3.11's C scanner (`_json.c`) step by step: the same checks
//! in the same order, hence the same first error at the same position. Positions count code
//! points, as Python's `str` indexes do.
//!
//! Besides `json.JSONDecodeError`, `json.loads` can raise two other errors on a string:
//! `ValueError` for an integer of more than 4300 digits and `RecursionError` for containers
//! nested too deeply. Their messages are returned too, as Python prints them.

/// What `json.loads` raises on a string; `None` when it would decode it.
///
/// A `JSONDecodeError` reads `Expecting value: line 1 column 1 (char 0)`.
pub fn decode_error(text: &str) -> Option<String> {
    let doc: Vec<char> = text.chars().collect();
    match check(&doc) {
        Ok(()) => None,
        Err(Failure::Decode { message, position }) => {
            Some(format_decode_error(&doc, message, position))
        }
        Err(Failure::Other(message)) => Some(message),
    }
}

/// How deep containers may nest before Python gives up with a `RecursionError`. Python has no
/// fixed depth: its recursion limit (1000) also counts the frames already on the stack when
/// `json.loads` is called, and near the limit raising an error takes frames too. This is the
/// depth measured through the AWS CLI's argument parsing (awscli 1.45.11 on Python 3.11,
/// `--policy-arns '[[...]]'`: 981 levels decode, 982 do not).
const MAX_DEPTH: usize = 981;

/// `sys.get_int_max_str_digits()` by default: Python refuses to convert longer integers.
const MAX_INT_DIGITS: usize = 4300;

/// Why the text does not decode.
#[derive(Debug)]
enum Failure {
    /// A `JSONDecodeError`: its message and the code point it points at.
    Decode {
        message: &'static str,
        position: usize,
    },
    /// Another exception, printed as it is.
    Other(String),
}

fn fail(message: &'static str, position: usize) -> Failure {
    Failure::Decode { message, position }
}

/// `str(JSONDecodeError)`: the line and column as Python derives them from the position,
/// counting only `\n` as a line break.
fn format_decode_error(doc: &[char], message: &str, position: usize) -> String {
    let before = &doc[..position.min(doc.len())];
    let line = before.iter().filter(|&&c| c == '\n').count() + 1;
    let column = match before.iter().rposition(|&c| c == '\n') {
        Some(newline) => position - newline,
        None => position + 1,
    };
    format!("{message}: line {line} column {column} (char {position})")
}

/// The containers open around the value being read.
#[derive(Debug, Clone, Copy)]
enum Container {
    Array,
    Object,
}

/// What reading one value found.
enum Scanned {
    /// A complete string, number or constant, ending just before this position.
    Scalar(usize),
    /// The start of a container, whose members start at this position.
    Open(Container, usize),
}

/// Decodes the whole text as `JSONDecoder.decode` does: whitespace, one value, whitespace,
/// and nothing else. Containers are tracked on an explicit stack rather than by recursion, so
/// any depth is safe.
fn check(doc: &[char]) -> Result<(), Failure> {
    if doc.first() == Some(&'\u{feff}') {
        // json.loads refuses a str that still starts with the byte order mark.
        return Err(fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0));
    }
    let mut open: Vec<Container> = Vec::new();
    let mut position = skip_whitespace(doc, 0);
    loop {
        // Read a value at `position`, descending into containers until one is complete.
        position = match scan_value(doc, position)? {
            Scanned::Scalar(end) => end,
            Scanned::Open(container, start) => {
                if open.len() >= MAX_DEPTH {
                    return Err(Failure::Other(recursion_error(container)));
                }
                open.push(container);
                let first = skip_whitespace(doc, start);
                match (container, doc.get(first)) {
                    (Container::Array, Some(']')) | (Container::Object, Some('}')) => {
                        open.pop();
                        first + 1
                    }
                    (Container::Array, _) => {
                        position = first;
                        continue;
                    }
                    (Container::Object, _) => {
                        position = scan_key_and_colon(doc, first)?;
                        continue;
                    }
                }
            }
        };
        // A value is complete: close the containers it ends, up to the next member.
        loop {
            let Some(&container) = open.last() else {
                let end = skip_whitespace(doc, position);
                return if end == doc.len() {
                    Ok(())
                } else {
                    Err(fail("Extra data", end))
                };
            };
            let next = skip_whitespace(doc, position);
            let close = match container {
                Container::Array => ']',
                Container::Object => '}',
            };
            match doc.get(next) {
                Some(&c) if c == close => {
                    open.pop();
                    position = next + 1;
                }
                Some(',') => {
                    let member = skip_whitespace(doc, next + 1);
                    position = match container {
                        Container::Array => member,
                        Container::Object => scan_key_and_colon(doc, member)?,
                    };
                    break;
                }
                _ => return Err(fail("Expecting ',' delimiter", next)),
            }
        }
    }
}

/// The message of the `RecursionError` raised on entering one container too many.
fn recursion_error(container: Container) -> String {
    let kind = match container {
        Container::Array => "array",
        Container::Object => "object",
    };
    format!("maximum recursion depth exceeded while decoding a JSON {kind} from a unicode string")
}

/// Where the JSON whitespace (space, tab, `\n`, `\r`) starting at `position` ends.
fn skip_whitespace(doc: &[char], position: usize) -> usize {
    let rest = doc.get(position..).unwrap_or_default();
    let blank = rest
        .iter()
        .take_while(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        .count();
    position + blank
}

/// Reads an object member's key and its colon, returning where the member's value starts.
fn scan_key_and_colon(doc: &[char], position: usize) -> Result<usize, Failure> {
    if doc.get(position) != Some(&'"') {
        return Err(fail(
            "Expecting property name enclosed in double quotes",
            position,
        ));
    }
    let after_key = skip_whitespace(doc, scan_string(doc, position + 1)?);
    if doc.get(after_key) != Some(&':') {
        return Err(fail("Expecting ':' delimiter", after_key));
    }
    Ok(skip_whitespace(doc, after_key + 1))
}

/// Reads the value starting at `position`: a string, a constant, a number, or the opening
/// bracket of a container.
fn scan_value(doc: &[char], position: usize) -> Result<Scanned, Failure> {
    let Some(&first) = doc.get(position) else {
        return Err(fail("Expecting value", position));
    };
    let rest = &doc[position..];
    let constant = match first {
        '"' => return scan_string(doc, position + 1).map(Scanned::Scalar),
        '{' => return Ok(Scanned::Open(Container::Object, position + 1)),
        '[' => return Ok(Scanned::Open(Container::Array, position + 1)),
        'n' => "null",
        't' => "true",
        'f' => "false",
        'N' => "NaN",
        'I' => "Infinity",
        '-' => "-Infinity",
        _ => "",
    };
    if !constant.is_empty() && starts_with(rest, constant) {
        return Ok(Scanned::Scalar(position + constant.chars().count()));
    }
    scan_number(doc, position).map(Scanned::Scalar)
}

fn starts_with(chars: &[char], word: &str) -> bool {
    let length = word.chars().count();
    chars
        .get(..length)
        .is_some_and(|head| head.iter().copied().eq(word.chars()))
}

/// Reads a number as the C scanner does: an optional `-`, `0` or digits not starting with 0,
/// then a fraction only if `.` is followed by a digit and an exponent only if it has digits;
/// what follows is for the caller to judge (`01` is 0 and extra data). Without an integer
/// part it is "Expecting value" where the number would start.
fn scan_number(doc: &[char], start: usize) -> Result<usize, Failure> {
    let is_digit = |at: usize| doc.get(at).is_some_and(char::is_ascii_digit);
    let skip_digits = |from: usize| {
        let rest = doc.get(from..).unwrap_or_default();
        from + rest.iter().take_while(|c| c.is_ascii_digit()).count()
    };
    let negative = doc.get(start) == Some(&'-');
    let integer_start = start + usize::from(negative);
    let mut position = match doc.get(integer_start) {
        Some('0') => integer_start + 1,
        Some('1'..='9') => skip_digits(integer_start + 1),
        _ => return Err(fail("Expecting value", start)),
    };
    let integer_end = position;
    if doc.get(position) == Some(&'.') && is_digit(position + 1) {
        position = skip_digits(position + 2);
    }
    if matches!(doc.get(position), Some('e' | 'E')) {
        let sign = usize::from(matches!(doc.get(position + 1), Some('+' | '-')));
        let exponent_digits = position + 1 + sign;
        let exponent_end = skip_digits(exponent_digits);
        if exponent_end > exponent_digits {
            position = exponent_end;
        }
    }
    let is_float = position != integer_end;
    let digits = integer_end - integer_start;
    if !is_float && digits > MAX_INT_DIGITS {
        return Err(Failure::Other(format!(
            "Exceeds the limit ({MAX_INT_DIGITS} digits) for integer string conversion: \
             value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(position)
}

/// Reads a string whose opening quote is just before `start`, returning the position after
/// its closing quote. Control characters are errors (Python's default `strict=True`).
fn scan_string(doc: &[char], start: usize) -> Result<usize, Failure> {
    let unterminated = || fail("Unterminated string starting at", start - 1);
    let invalid_unicode_escape = |u: usize| fail("Invalid \\uXXXX escape", u);
    let mut position = start;
    loop {
        let rest = doc.get(position..).unwrap_or_default();
        let Some(offset) = rest
            .iter()
            .position(|&c| c == '"' || c == '\\' || c <= '\u{1f}')
        else {
            return Err(unterminated());
        };
        let special = position + offset;
        match doc[special] {
            '"' => return Ok(special + 1),
            '\\' => {}
            _ => return Err(fail("Invalid control character at", special)),
        }
        let Some(&escape) = doc.get(special + 1) else {
            return Err(unterminated());
        };
        if escape != 'u' {
            if !matches!(escape, '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') {
                return Err(fail("Invalid \\escape", special));
            }
            position = special + 2;
            continue;
        }
        let u = special + 1;
        // The C scanner wants a character after the four digits, so `"\u1234` at the very
        // end is an invalid escape rather than an unterminated string.
        if u + 5 >= doc.len() {
            return Err(invalid_unicode_escape(u));
        }
        let unit = hex4(&doc[u + 1..u + 5]).ok_or_else(|| invalid_unicode_escape(u))?;
        position = u + 5;
        // A high surrogate followed by `\u` takes the next four characters as its partner,
        // which must then be hex digits; the C scanner only looks when at least one more
        // character follows them. A partner that is not a low surrogate is read again as an
        // escape of its own.
        let paired = (0xd800..0xdc00).contains(&unit)
            && position + 6 < doc.len()
            && doc[position] == '\\'
            && doc[position + 1] == 'u';
        if paired {
            let second_u = position + 1;
            let low = hex4(&doc[second_u + 1..second_u + 5])
                .ok_or_else(|| invalid_unicode_escape(second_u))?;
            if (0xdc00..0xe000).contains(&low) {
                position += 6;
            }
        }
    }
}

/// The value of four hex digits (ASCII only, either case).
fn hex4(digits: &[char]) -> Option<u32> {
    digits
        .iter()
        .try_fold(0, |value, c| Some(value * 16 + c.to_digit(16)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts each text gives what Python 3.11's `json.loads` raised (`None`: it decoded).
    fn assert_python_says(cases: &[(&str, Option<&str>)]) {
        for &(text, expected) in cases {
            assert_eq!(decode_error(text).as_deref(), expected, "for {text:?}");
        }
    }

    #[test]
    fn valid_documents_decode() {
        assert_python_says(&[
            (r#"{"a": 1}"#, None),
            ("{}", None),
            ("[]", None),
            (r#" [1, 2.5e-3, -0, "x", true, false, null] "#, None),
            ("NaN", None),
            ("Infinity", None),
            ("-Infinity", None),
            ("1.5e3", None),
            ("-0.0e-0", None),
            ("12345678901234567890123456789", None),
            (r#""\u1234""#, None),
            (r#""\ud83d\ude00""#, None),
            (r#""\ud800""#, None),
            (r#""\udc00""#, None),
            (r#""\ud800\u0041""#, None),
            ("\"\u{7f}\"", None),
            ("\"\"", None),
        ]);
    }

    #[test]
    fn structure_errors() {
        assert_python_says(&[
            ("", Some("Expecting value: line 1 column 1 (char 0)")),
            (" ", Some("Expecting value: line 1 column 2 (char 1)")),
            ("\n\n", Some("Expecting value: line 3 column 1 (char 2)")),
            (
                "{",
                Some("Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
            ),
            ("[", Some("Expecting value: line 1 column 2 (char 1)")),
            (
                "{'a': 1}",
                Some("Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
            ),
            (
                r#"{"a" 1}"#,
                Some("Expecting ':' delimiter: line 1 column 6 (char 5)"),
            ),
            (
                r#"{"a": 1,}"#,
                Some("Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"),
            ),
            ("[1,]", Some("Expecting value: line 1 column 4 (char 3)")),
            (
                "[1 2]",
                Some("Expecting ',' delimiter: line 1 column 4 (char 3)"),
            ),
            (
                r#"{"a": 1 "b": 2}"#,
                Some("Expecting ',' delimiter: line 1 column 9 (char 8)"),
            ),
            (
                r#"{"a":}"#,
                Some("Expecting value: line 1 column 6 (char 5)"),
            ),
            ("[,]", Some("Expecting value: line 1 column 2 (char 1)")),
            (
                "{,}",
                Some("Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
            ),
            (r#"{"a": 1}}"#, Some("Extra data: line 1 column 9 (char 8)")),
            ("[1]]", Some("Extra data: line 1 column 4 (char 3)")),
            ("1 2", Some("Extra data: line 1 column 3 (char 2)")),
            (
                r#"{"a": [1, {"b": }]}"#,
                Some("Expecting value: line 1 column 17 (char 16)"),
            ),
        ]);
    }

    #[test]
    fn constants_and_numbers() {
        assert_python_says(&[
            ("x", Some("Expecting value: line 1 column 1 (char 0)")),
            ("True", Some("Expecting value: line 1 column 1 (char 0)")),
            ("None", Some("Expecting value: line 1 column 1 (char 0)")),
            ("nul", Some("Expecting value: line 1 column 1 (char 0)")),
            ("nan", Some("Expecting value: line 1 column 1 (char 0)")),
            ("-Inf", Some("Expecting value: line 1 column 1 (char 0)")),
            ("-", Some("Expecting value: line 1 column 1 (char 0)")),
            ("--1", Some("Expecting value: line 1 column 1 (char 0)")),
            ("+1", Some("Expecting value: line 1 column 1 (char 0)")),
            (".5", Some("Expecting value: line 1 column 1 (char 0)")),
            ("01", Some("Extra data: line 1 column 2 (char 1)")),
            ("1.", Some("Extra data: line 1 column 2 (char 1)")),
            ("1e", Some("Extra data: line 1 column 2 (char 1)")),
            ("1e+", Some("Extra data: line 1 column 2 (char 1)")),
            ("1E-", Some("Extra data: line 1 column 2 (char 1)")),
            ("1.5e", Some("Extra data: line 1 column 4 (char 3)")),
            (
                "[1e]",
                Some("Expecting ',' delimiter: line 1 column 3 (char 2)"),
            ),
            (
                "[1.]",
                Some("Expecting ',' delimiter: line 1 column 3 (char 2)"),
            ),
            ("[-]", Some("Expecting value: line 1 column 2 (char 1)")),
            (
                "[01]",
                Some("Expecting ',' delimiter: line 1 column 3 (char 2)"),
            ),
        ]);
    }

    #[test]
    fn integers_longer_than_4300_digits_are_refused() {
        let limit = |digits: usize| {
            format!(
                "Exceeds the limit (4300 digits) for integer string conversion: value has \
                 {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            )
        };
        assert_eq!(decode_error(&"1".repeat(4300)), None);
        assert_eq!(decode_error(&"1".repeat(4301)), Some(limit(4301)));
        assert_eq!(
            decode_error(&format!("[-{}]", "9".repeat(5000))),
            Some(limit(5000))
        );
        // A float of any length is fine.
        assert_eq!(decode_error(&format!("{}.0", "1".repeat(5000))), None);
    }

    #[test]
    fn string_errors() {
        assert_python_says(&[
            (
                "\"abc",
                Some("Unterminated string starting at: line 1 column 1 (char 0)"),
            ),
            (
                "\"",
                Some("Unterminated string starting at: line 1 column 1 (char 0)"),
            ),
            (
                "\"a\\",
                Some("Unterminated string starting at: line 1 column 1 (char 0)"),
            ),
            (
                r#"["x", "y"#,
                Some("Unterminated string starting at: line 1 column 7 (char 6)"),
            ),
            (
                r#""\x""#,
                Some("Invalid \\escape: line 1 column 2 (char 1)"),
            ),
            (
                r#""\a""#,
                Some("Invalid \\escape: line 1 column 2 (char 1)"),
            ),
            (
                r#""\'""#,
                Some("Invalid \\escape: line 1 column 2 (char 1)"),
            ),
            (
                r#""\u""#,
                Some("Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
            ),
            (
                r#""\u12""#,
                Some("Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
            ),
            (
                r#""\u1234"#,
                Some("Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
            ),
            (
                r#""\uZZZZ""#,
                Some("Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
            ),
            (
                r#""\u12G4""#,
                Some("Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
            ),
            (
                r#""\ud800\u12""#,
                Some("Invalid \\uXXXX escape: line 1 column 9 (char 8)"),
            ),
            (
                r#""\ud800\uzzzz""#,
                Some("Invalid \\uXXXX escape: line 1 column 9 (char 8)"),
            ),
            (
                "\"tab\there\"",
                Some("Invalid control character at: line 1 column 5 (char 4)"),
            ),
            (
                "\"line\nbreak\"",
                Some("Invalid control character at: line 1 column 6 (char 5)"),
            ),
            (
                "\"nul\u{0}\"",
                Some("Invalid control character at: line 1 column 5 (char 4)"),
            ),
            (
                "\"\u{1f}\"",
                Some("Invalid control character at: line 1 column 2 (char 1)"),
            ),
        ]);
    }

    #[test]
    fn positions_count_code_points_and_lines() {
        assert_python_says(&[
            (
                "{\"é\": \"中文😀\"} x",
                Some("Extra data: line 1 column 14 (char 13)"),
            ),
            (
                "[\"é\", é]",
                Some("Expecting value: line 1 column 7 (char 6)"),
            ),
            ("😀", Some("Expecting value: line 1 column 1 (char 0)")),
            (
                "[\n  1,\n  2\n  3\n]",
                Some("Expecting ',' delimiter: line 4 column 3 (char 13)"),
            ),
            (
                "{\n  \"a\": 1\n  \"b\": 2\n}",
                Some("Expecting ',' delimiter: line 3 column 3 (char 13)"),
            ),
            ("\r\n[x]", Some("Expecting value: line 2 column 2 (char 3)")),
            // Only space, tab, \n and \r are whitespace.
            (
                "[\u{a0}1]",
                Some("Expecting value: line 1 column 2 (char 1)"),
            ),
            ("[1]\u{2028}", Some("Extra data: line 1 column 4 (char 3)")),
        ]);
    }

    #[test]
    fn a_leading_byte_order_mark_is_refused() {
        let bom = Some("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
        assert_python_says(&[
            ("\u{feff}{}", bom),
            ("\u{feff}", bom),
            (
                " \u{feff}{}",
                Some("Expecting value: line 1 column 2 (char 1)"),
            ),
        ]);
    }

    #[test]
    fn deep_nesting_is_a_recursion_error_without_overflowing() {
        let arrays =
            "maximum recursion depth exceeded while decoding a JSON array from a unicode string";
        let objects =
            "maximum recursion depth exceeded while decoding a JSON object from a unicode string";
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(decode_error(&nested(50)), None);
        assert_eq!(
            decode_error(&format!("{}{}", "[".repeat(50), "]".repeat(49))).as_deref(),
            Some("Expecting ',' delimiter: line 1 column 100 (char 99)")
        );
        assert_eq!(decode_error(&nested(MAX_DEPTH)), None);
        assert_eq!(
            decode_error(&nested(MAX_DEPTH + 1)).as_deref(),
            Some(arrays)
        );
        assert_eq!(decode_error(&"[".repeat(5000)).as_deref(), Some(arrays));
        assert_eq!(
            decode_error(&r#"{"a":"#.repeat(5000)).as_deref(),
            Some(objects)
        );
        assert_eq!(decode_error(&nested(1_000_000)).as_deref(), Some(arrays));
        // An error before the limit is reached comes first.
        assert_eq!(
            decode_error(&format!("[x{}", "[".repeat(5000))).as_deref(),
            Some("Expecting value: line 1 column 2 (char 1)")
        );
    }

    #[test]
    fn huge_input_does_not_fail() {
        let long_string = format!("[\"{}\"]", "é".repeat(1_000_000));
        assert_eq!(decode_error(&long_string), None);
        let truncated = &long_string[..long_string.len() - 2];
        assert_eq!(
            decode_error(truncated).as_deref(),
            Some("Unterminated string starting at: line 1 column 2 (char 1)")
        );
    }
}
