//! Lexer (jmespath/lexer.py): splits an expression into Python's tokens. Token kinds are
//! Python's names; positions count characters.

use serde_json::Value;

/// A token; `value` is what Python's token holds (JSON for literals, else a string).
#[derive(Clone)]
pub(super) struct Token {
    pub(super) kind: &'static str,
    pub(super) start: usize,
    pub(super) value: Value,
}

const SIMPLE_TOKENS: &[(char, &str)] = &[
    ('.', "dot"),
    ('*', "star"),
    (']', "rbracket"),
    (',', "comma"),
    (':', "colon"),
    ('@', "current"),
    ('(', "lparen"),
    (')', "rparen"),
    ('{', "lbrace"),
    ('}', "rbrace"),
];

/// (first char, second char, kind with the second char, kind without it).
const PAIR_TOKENS: &[(char, char, &str, &str)] = &[
    ('|', '|', "or", "pipe"),
    ('&', '&', "and", "expref"),
    ('<', '=', "lte", "lt"),
    ('>', '=', "gte", "gt"),
    ('!', '=', "ne", "not"),
];

/// Splits an expression into tokens; an error is (position, message) as in LexerError.
pub(super) fn tokenize(chars: &[char]) -> Result<Vec<Token>, (usize, String)> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        let next = chars.get(i + 1).copied();
        let (kind, value) = if let Some(&(_, kind)) = SIMPLE_TOKENS.iter().find(|t| t.0 == c) {
            i += 1;
            (kind, Value::from(c.to_string()))
        } else if let Some(&(_, second, long, short)) = PAIR_TOKENS.iter().find(|t| t.0 == c) {
            let (kind, len) = if next == Some(second) {
                (long, 2)
            } else {
                (short, 1)
            };
            i += len;
            (
                kind,
                Value::from(chars[start..i].iter().collect::<String>()),
            )
        } else if c.is_ascii_alphabetic() || c == '_' {
            i += 1;
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
            {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            ("unquoted_identifier", Value::from(name))
        } else if c.is_ascii_digit() || c == '-' {
            i += 1;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            if i - start == 1 && c == '-' {
                return Err((start, "Unknown token '-'".into()));
            }
            let digits: String = chars[start..i].iter().collect();
            ("number", Value::from(canonical_int(&digits)))
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            i += 1;
            continue;
        } else if c == '[' {
            let (kind, text) = match next {
                Some(']') => ("flatten", "[]"),
                Some('?') => ("filter", "[?"),
                _ => ("lbracket", "["),
            };
            i += text.len();
            (kind, Value::from(text))
        } else if c == '=' && next == Some('=') {
            i += 2;
            ("eq", Value::from("=="))
        } else if c == '\'' {
            let raw = consume_until(chars, &mut i, '\'')?;
            ("literal", Value::from(raw.replace("\\'", "'")))
        } else if c == '"' {
            let raw = consume_until(chars, &mut i, '"')?;
            let name = json_string(&raw).map_err(|message| (start, message.to_string()))?;
            ("quoted_identifier", Value::from(name))
        } else if c == '`' {
            let lexeme = consume_until(chars, &mut i, '`')?.replace("\\`", "`");
            // JEP-12 legacy: text that is not JSON is read as the inside of a JSON string.
            let value = match serde_json::from_str(&positive_zero(&lexeme)) {
                Ok(value) => value,
                Err(_) => match json_string(lexeme.trim_start_matches(is_py_space)) {
                    Ok(text) => Value::from(text),
                    Err(_) => return Err((start, format!("Bad token {lexeme}"))),
                },
            };
            ("literal", value)
        } else if c == '=' {
            return Err((start, "Unknown token '='".into()));
        } else {
            return Err((start, format!("Unknown token {c}")));
        };
        tokens.push(Token { kind, start, value });
    }
    let value = Value::from("");
    tokens.push(Token {
        kind: "eof",
        start: chars.len(),
        value,
    });
    Ok(tokens)
}

/// Reads from the opening delimiter at `*i` to an unescaped closing one, keeping backslashes,
/// and leaves `*i` after it.
fn consume_until(
    chars: &[char],
    i: &mut usize,
    delimiter: char,
) -> Result<String, (usize, String)> {
    let start = *i;
    let unclosed = || (start, format!("Unclosed {delimiter} delimiter"));
    let mut text = String::new();
    loop {
        *i += 1;
        let c = *chars.get(*i).ok_or_else(unclosed)?;
        if c == delimiter {
            *i += 1;
            return Ok(text);
        }
        text.push(c);
        if c == '\\' {
            *i += 1;
            text.push(*chars.get(*i).ok_or_else(unclosed)?);
        }
    }
}

/// Python's `str(int(text))` for a number token such as `-007`.
fn canonical_int(text: &str) -> String {
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text), |rest| ("-", rest));
    match digits.trim_start_matches('0') {
        "" => "0".into(),
        digits => format!("{sign}{digits}"),
    }
}

/// Rewrites a JSON `-0` (outside strings) as `0`: Python reads it as the int 0, serde_json as
/// the float -0.0.
fn positive_zero(json: &str) -> String {
    let chars: Vec<char> = json.chars().collect();
    let (mut out, mut in_string, mut escaped, mut last) = (String::new(), false, false, ',');
    for (i, &c) in chars.iter().enumerate() {
        let after = chars.get(i + 2);
        let ends_number = !after.is_some_and(|c| c.is_ascii_digit() || ".eE".contains(*c));
        let starts_value = "[,:".contains(last) && !in_string;
        if !(c == '-' && chars.get(i + 1) == Some(&'0') && ends_number && starts_value) {
            out.push(c);
        }
        in_string ^= c == '"' && !escaped;
        escaped = in_string && c == '\\' && !escaped;
        last = if c.is_whitespace() { last } else { c };
    }
    out
}

/// Decodes the inside of a JSON string; an error is the start of Python's json error text.
fn json_string(text: &str) -> Result<String, &'static str> {
    const BAD_U: &str = "Invalid \\uXXXX escape";
    let chars: Vec<char> = text.chars().collect();
    let hex4 = |at: usize| {
        let digits = chars.get(at..at + 4)?;
        let digits: String = digits.iter().filter(|c| c.is_ascii_hexdigit()).collect();
        u32::from_str_radix(&digits, 16)
            .ok()
            .filter(|_| digits.len() == 4)
    };
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c == '"' {
            return Err("Extra data");
        } else if u32::from(c) < 0x20 {
            return Err("Invalid control character at");
        } else if c != '\\' {
            out.push(c);
            continue;
        }
        let escape = *chars.get(i).ok_or("Unterminated string starting at")?;
        i += 1;
        out.push(match escape {
            '"' | '\\' | '/' => escape,
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let mut code = hex4(i).ok_or(BAD_U)?;
                i += 4;
                let pair = i + 6 <= chars.len() && chars[i] == '\\' && chars[i + 1] == 'u';
                if (0xD800..0xDC00).contains(&code) && pair {
                    let low = hex4(i + 2).ok_or(BAD_U)?;
                    if (0xDC00..0xE000).contains(&low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                }
                char::from_u32(code).unwrap_or('\u{FFFD}')
            }
            _ => return Err("Invalid \\escape"),
        });
    }
    Ok(out)
}

/// Python's `str.isspace()`, for `lstrip()` and `strip()`.
pub(super) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}
