//! Parses the AWS CLI's shorthand syntax (`--tags Key=a,Value=b`) into JSON, with AWS CLI v2's
//! error messages.
//!
//! This is a rule-by-rule reading of AWS CLI v2's `awscli/shorthand.py` (`ShorthandParser`),
//! quirks included, so that a value means here exactly what it means to `aws`. Like the Python
//! it works purely on the text: turning a scalar into a one-element list where the model wants
//! a list, or `"5"` into a number, is the caller's business (the Python's `BackCompatVisitor`).
//!
//! # Grammar
//!
//! One function below per rule, named after it. Between tokens, *ws* is ASCII whitespace
//! (space, `\t`, `\n`, `\r`, `\v`, `\f`), which is skipped where the rules say.
//!
//! ```text
//! parameter      = keyval *( ws "," ws keyval )       ; the whole text; no key twice
//! keyval         = key ws [ "@" ws ] "=" ws values    ; after "@=", file:// and fileb:// are read
//! key            = *( ALPHA / DIGIT / "-" / "_" / "." / "#" / "/" / ":" )   ; may be empty
//! values         = <end> -> ""  /  explicit-list  /  hash-literal  /  csv-value
//! csv-value      = first-value ws [ "," ws second-value *( ws "," ws second-value ) ws ]
//!                  ; one value is a string, more are a list. A second value that is missing,
//!                  ; malformed or followed by anything but "," or the end (`c` in `a=b,c=d`)
//!                  ; is given back: the parse resumes at the nearest comma before the
//!                  ; failure, which then separates two keyvals; at the end it is an error
//! explicit-list  = "[" ws *( explicit-value ws ( "," ws / &"]" ) ) "]"   ; `[a,]` is ["a"]
//! hash-literal   = "{" ws *( key ws [ "@" ws ] "=" ws explicit-value ws ( "," ws / &"}" ) ) "}"
//!                  ; a repeated key keeps its first place and its last value
//! explicit-value = explicit-list / hash-literal / first-value
//! first-value    = single-quoted / double-quoted / [ unquoted-first ]    ; nothing gives ""
//! second-value   = single-quoted / double-quoted / unquoted-second
//! single-quoted  = "'" *( "\'" / not-"'" ) "'"        ; then \' -> ' and \\ -> \
//! double-quoted  = '"' *( '\"' / not-'"' ) '"'        ; then \" -> " and \\ -> \
//! unquoted-first = ( "\," / start ) *( "\," / first-follow )    ; then \, -> , and trailing
//! unquoted-second= ( "\," / start ) *( "\," / second-follow )   ; Unicode whitespace dropped
//! start          = any BMP character but U+0000..U+0020 and `"` `'` `,` `=` `[` `{`
//! first-follow   = Unicode whitespace / any BMP character but U+0000..U+001F and `"` `'` `,` `]` `}`
//! second-follow  = Unicode whitespace / any BMP character but U+0000..U+001F and `"` `'` `,` `=`
//! ```
//!
//! "BMP" because the Python's character classes end at U+FFFF: an emoji can be quoted but not
//! written bare. Only ASCII controls are excluded: DEL and U+0080..U+009F are ordinary here. "Unicode whitespace" is Python's `str.isspace()`. Quoted strings match as
//! Python's backtracking regex does: up to the first quote not taken by a `\'` pair, or, when
//! there is none, up to the quote of the last `\'` pair (so `'a\'` is `a\`).
//!
//! # Positions
//!
//! Positions count characters (Unicode scalar values), as Python's string indices do, and the
//! caret line of a message is that many spaces, as in the Python.

use super::paramfile;
use serde_json::{Map, Value};

/// A shorthand syntax error: the message and the character position for the caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShorthandError {
    /// Without the echo of the input: `Expected: '=', received: 'EOF'`, `Second instance of key
    /// "Key" encountered`, or, for errors that AWS CLI v2 prints bare (a `@=` file that cannot be
    /// read, nesting too deep), the whole message.
    pub message: String,
    /// Where the caret goes, in characters from the start of the text.
    pub position: usize,
}

/// Parse `text` (one command-line value) into a JSON object, e.g. `Key=a,Value=b` ->
/// {"Key": "a", "Value": "b"}. Values are strings, lists (`a,b` after a key, `[a,b]`), or
/// nested objects (`{k=v}`); `key@=file://path` reads the file (v2).
pub fn parse(text: &str) -> Result<Value, ShorthandError> {
    let mut parser = Parser {
        text: text.chars().collect(),
        index: 0,
        load_files: false,
        depth: 0,
    };
    parser
        .parameter()
        .map(Value::Object)
        .map_err(Fault::into_error)
}

/// The full user-facing text for an error in the value of `option` (e.g. `--tags`):
/// `Error parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\n Key\n   ^`,
/// worded as AWS CLI v2 words it. Two v2 oddities are kept: the echoed input of a syntax error
/// starts with a space that the caret line does not allow for, and the errors v2 does not
/// treat as parameter errors (their messages start `Unable to load paramfile` or `maximum
/// recursion`) are returned bare, without the `Error parsing parameter` prefix; v2 exits with
/// 255 for those, and 252 for the others.
pub fn error_message(option: &str, text: &str, error: &ShorthandError) -> String {
    let message = &error.message;
    if message.starts_with(SYNTAX_ERROR) {
        let location = error_location(text, error.position);
        format!("Error parsing parameter '{option}': {message} for input:\n {location}")
    } else if message.starts_with(DUPLICATE_KEY) {
        let location = error_location(text, error.position);
        format!(
            "Error parsing parameter '{option}': {message} for input:\n{location}\n\
             This is often because there is a preceding \",\" instead of a space."
        )
    } else {
        message.clone()
    }
}

/// How a syntax error's message starts (`ShorthandParseSyntaxError`).
const SYNTAX_ERROR: &str = "Expected: ";
/// How a duplicate key's message starts (`DuplicateKeyInObjectError`).
const DUPLICATE_KEY: &str = "Second instance of key ";

/// How deeply lists and objects may nest. Python stops at 1000 frames; measured under the AWS
/// CLI (v1 1.45, `--tags 'Key=[[...]]'`), 487 nested lists parse and 488 fail with `maximum
/// recursion depth exceeded` (exit 255). The limit also keeps our own stack safe.
const MAX_DEPTH: usize = 487;

/// The input echoed with a caret line under `index`, as `_error_location` draws it: the caret
/// line goes after the line holding the error, and counts only that line's characters.
fn error_location(text: &str, index: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let index = index.min(chars.len());
    let spaces = match chars[..index].iter().rposition(|&c| c == '\n') {
        Some(newline) => index - newline - 1,
        None => index,
    };
    let split = chars[index..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |offset| index + offset);
    let consumed: String = chars[..split].iter().collect();
    let remaining: String = chars[split..].iter().collect();
    format!("{consumed}\n{}^{remaining}", " ".repeat(spaces))
}

/// Why a parse stopped.
enum Fault {
    /// Python's `ShorthandParseSyntaxError`, which the parser itself catches in two places: an
    /// optional `@`, and a csv list that gives back a value which turns out to be a key.
    Syntax {
        expected: String,
        received: String,
        position: usize,
    },
    /// Everything else ends the parse: a repeated key, a file that cannot be read, nesting too
    /// deep.
    Fatal(ShorthandError),
}

impl Fault {
    fn into_error(self) -> ShorthandError {
        match self {
            Fault::Syntax {
                expected,
                received,
                position,
            } => ShorthandError {
                message: format!("{SYNTAX_ERROR}'{expected}', received: '{received}'"),
                position,
            },
            Fault::Fatal(error) => error,
        }
    }
}

type Parsed<T> = Result<T, Fault>;

/// The parser's state, as in the Python: the text, where it has got to, and whether the
/// keyval being read used `@=`.
struct Parser {
    text: Vec<char>,
    index: usize,
    /// `_should_resolve_paramfiles`. Like the Python this is one flag for the whole parse,
    /// set by each key: after a nested `{k=v}` it stays as its last key left it, so in
    /// `a@=[{k=v},file://x]` the `file://x` is not read.
    load_files: bool,
    /// How many lists and objects we are inside.
    depth: usize,
}

impl Parser {
    /// parameter = keyval *( ws "," ws keyval )
    fn parameter(&mut self) -> Parsed<Map<String, Value>> {
        let mut params = Map::new();
        let (key, value) = self.keyval()?;
        params.insert(key, value);
        let mut last_end = self.index;
        while !self.at_end() {
            self.expect(',', true)?;
            let (key, value) = self.keyval()?;
            // A repeated key is most likely a value with a comma in it that should have been
            // a space, so it is an error here (though not inside `{...}`). The caret goes just
            // after where the previous keyval ended.
            if params.contains_key(&key) {
                return Err(Fault::Fatal(ShorthandError {
                    message: format!("{DUPLICATE_KEY}\"{key}\" encountered"),
                    position: last_end + 1,
                }));
            }
            params.insert(key, value);
            last_end = self.index;
        }
        Ok(params)
    }

    /// keyval = key ws [ "@" ws ] "=" ws values
    fn keyval(&mut self) -> Parsed<(String, Value)> {
        let key = self.key();
        self.at_sign();
        self.expect('=', true)?;
        let value = self.values()?;
        Ok((key, value))
    }

    /// The optional `@` of `@=`: it sets whether this key's values are read from files. The
    /// whitespace before it is skipped even when there is no `@`, as `_expect` does before it
    /// fails.
    fn at_sign(&mut self) {
        self.load_files = self.expect('@', true).is_ok();
    }

    /// key = *( ALPHA / DIGIT / "-" / "_" / "." / "#" / "/" / ":" ), possibly empty.
    fn key(&mut self) -> String {
        let start = self.index;
        while self.current().is_some_and(is_key_char) {
            self.index += 1;
        }
        self.text[start..self.index].iter().collect()
    }

    /// values = <end> / explicit-list / hash-literal / csv-value
    fn values(&mut self) -> Parsed<Value> {
        match self.current() {
            None => Ok(Value::String(String::new())),
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            Some(_) => self.csv_value(),
        }
    }

    /// csv-value = first-value ws [ "," ws second-value *( ws "," ws second-value ) ws ]
    fn csv_value(&mut self) -> Parsed<Value> {
        let first = self.first_value()?;
        self.consume_whitespace();
        if self.current() != Some(',') {
            return Ok(first);
        }
        self.expect(',', true)?;
        let mut list = vec![first];
        loop {
            match self.csv_item() {
                Ok((value, last)) => {
                    list.push(value);
                    if last {
                        break;
                    }
                }
                // `a=b,c=d`: `c` is followed by `=`, so it is the next key, not a value.
                // Resume at the comma before it (the nearest comma before where the error
                // was found, even one inside a value, as in the Python).
                Err(Fault::Syntax { .. }) if !self.at_end() => {
                    self.backtrack_to(',');
                    break;
                }
                Err(fault) => return Err(fault),
            }
        }
        // A lone value is `foo=bar` -> "bar", not ["bar"].
        if list.len() == 1 {
            Ok(list.swap_remove(0))
        } else {
            Ok(Value::Array(list))
        }
    }

    /// One `second-value ws ( <end> / "," ws )` of a csv list; true when it was the last.
    fn csv_item(&mut self) -> Parsed<(Value, bool)> {
        let value = self.second_value()?;
        self.consume_whitespace();
        if self.at_end() {
            return Ok((value, true));
        }
        self.expect(',', true)?;
        Ok((value, false))
    }

    /// explicit-list = "[" ws *( explicit-value ws ( "," ws / &"]" ) ) "]"
    fn explicit_list(&mut self) -> Parsed<Value> {
        self.enter()?;
        self.expect('[', true)?;
        let mut values = Vec::new();
        // Each turn takes a comma or ends the loop (or fails), so this always ends; at the
        // end of the text the value is "" and the comma is missing: `Expected: ','`.
        while self.current() != Some(']') {
            values.push(self.explicit_value()?);
            self.consume_whitespace();
            if self.current() != Some(']') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
        }
        self.expect(']', false)?;
        self.depth -= 1;
        Ok(Value::Array(values))
    }

    /// explicit-value = explicit-list / hash-literal / first-value
    fn explicit_value(&mut self) -> Parsed<Value> {
        match self.current() {
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            _ => self.first_value(),
        }
    }

    /// hash-literal = "{" ws *( key ws [ "@" ws ] "=" ws explicit-value ws ( "," ws / &"}" ) ) "}"
    fn hash_literal(&mut self) -> Parsed<Value> {
        self.enter()?;
        self.expect('{', true)?;
        let mut object = Map::new();
        // Each turn takes an `=` or fails, so this always ends.
        while self.current() != Some('}') {
            let key = self.key();
            self.at_sign();
            self.expect('=', true)?;
            let value = self.explicit_value()?;
            self.consume_whitespace();
            if self.current() != Some('}') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
            // No duplicate check here, unlike the top level: the last value wins.
            object.insert(key, value);
        }
        self.expect('}', false)?;
        self.depth -= 1;
        Ok(Value::Object(object))
    }

    /// first-value = single-quoted / double-quoted / [ unquoted-first ]
    fn first_value(&mut self) -> Parsed<Value> {
        match self.current() {
            Some('\'') => self.single_quoted(),
            Some('"') => self.double_quoted(),
            _ => self.unquoted_first(),
        }
    }

    /// second-value = single-quoted / double-quoted / unquoted-second
    fn second_value(&mut self) -> Parsed<Value> {
        match self.current() {
            Some('\'') => self.single_quoted(),
            Some('"') => self.double_quoted(),
            _ => self.unquoted_second(),
        }
    }

    /// unquoted-first, or "" when none starts here (`a=,b=c`, `a==`); a file is read only
    /// for a value that is there.
    fn unquoted_first(&mut self) -> Parsed<Value> {
        match self.word(is_first_follow) {
            Some(raw) => self.resolve(unescape_word(&raw)),
            None => Ok(Value::String(String::new())),
        }
    }

    /// unquoted-second, which must be there.
    fn unquoted_second(&mut self) -> Parsed<Value> {
        match self.word(is_second_follow) {
            Some(raw) => self.resolve(unescape_word(&raw)),
            None => Err(self.syntax_error("<second>", "<none>")),
        }
    }

    /// single-quoted = "'" *( "\'" / not-"'" ) "'"
    fn single_quoted(&mut self) -> Parsed<Value> {
        let inner = self.quoted('\'', "<singled quoted>")?;
        self.resolve(inner.replace("\\'", "'").replace("\\\\", "\\"))
    }

    /// double-quoted = '"' *( '\"' / not-'"' ) '"'
    fn double_quoted(&mut self) -> Parsed<Value> {
        let inner = self.quoted('"', "<double quoted>")?;
        self.resolve(inner.replace("\\\"", "\"").replace("\\\\", "\\"))
    }

    /// Consume a quoted string starting here and return what is between the quotes, escapes
    /// untouched. The Python matches `'(?:\\'|[^'])*'`; a backtracking regex tries `\'` as a
    /// pair first, and gives pairs back, last first, only when no closing quote follows. So
    /// the string ends at the first quote not taken by a pair or, failing that, at the quote
    /// of the last pair (whose backslash then is an ordinary character).
    fn quoted(&mut self, quote: char, name: &'static str) -> Parsed<String> {
        let start = self.index;
        let mut at = start + 1;
        let mut last_pair_quote = None;
        let mut close = None;
        while let Some(&c) = self.text.get(at) {
            if c == '\\' && self.text.get(at + 1) == Some(&quote) {
                last_pair_quote = Some(at + 1);
                at += 2;
            } else if c == quote {
                close = Some(at);
                break;
            } else {
                at += 1;
            }
        }
        match close.or(last_pair_quote) {
            Some(close) if self.text.get(start) == Some(&quote) => {
                self.index = close + 1;
                Ok(self.text[start + 1..close].iter().collect())
            }
            _ => Err(self.syntax_error(name, "<none>")),
        }
    }

    /// Consume an unquoted word, `( "\," / start ) *( "\," / follow )`, and return it as
    /// written; None (and nothing consumed) when none starts here. The regex tries `\,`
    /// before a single character and nothing follows the repetition, so taking the longest
    /// run greedily is what it matches.
    fn word(&mut self, follow: fn(char) -> bool) -> Option<String> {
        let start = self.index;
        let mut at = start;
        let mut allowed: fn(char) -> bool = is_start;
        while let Some(&c) = self.text.get(at) {
            if c == '\\' && self.text.get(at + 1) == Some(&',') {
                at += 2;
            } else if allowed(c) {
                at += 1;
            } else {
                break;
            }
            allowed = follow;
        }
        if at == start {
            return None;
        }
        self.index = at;
        Some(self.text[start..at].iter().collect())
    }

    /// A value as it stands, or, after `@=`, the contents of the `file://` or `fileb://`
    /// file it names (`_resolve_paramfiles`).
    fn resolve(&self, value: String) -> Parsed<Value> {
        if !self.load_files {
            return Ok(Value::String(value));
        }
        match paramfile::load(&value) {
            Ok(Some(contents)) => Ok(Value::String(contents)),
            Ok(None) => Ok(Value::String(value)),
            Err(message) => Err(Fault::Fatal(ShorthandError {
                message,
                position: self.index,
            })),
        }
    }

    /// Step into a list or object, refusing to go deeper than Python could.
    fn enter(&mut self) -> Parsed<()> {
        if self.depth >= MAX_DEPTH {
            return Err(Fault::Fatal(ShorthandError {
                message: "maximum recursion depth exceeded".to_string(),
                position: self.index,
            }));
        }
        self.depth += 1;
        Ok(())
    }

    /// Take `expected` here, optionally skipping whitespace before and after it (`_expect`).
    /// On failure the whitespace before stays skipped, as in the Python.
    fn expect(&mut self, expected: char, skip_whitespace: bool) -> Parsed<()> {
        if skip_whitespace {
            self.consume_whitespace();
        }
        let Some(actual) = self.current() else {
            return Err(self.syntax_error(expected, "EOF"));
        };
        if actual != expected {
            return Err(self.syntax_error(expected, actual));
        }
        self.index += 1;
        if skip_whitespace {
            self.consume_whitespace();
        }
        Ok(())
    }

    fn syntax_error(&self, expected: impl ToString, received: impl ToString) -> Fault {
        Fault::Syntax {
            expected: expected.to_string(),
            received: received.to_string(),
            position: self.index,
        }
    }

    /// Move back to the nearest `target` at or before the current position.
    fn backtrack_to(&mut self, target: char) {
        let end = (self.index + 1).min(self.text.len());
        // The csv list took a comma before anything it gives back, so there is always one.
        self.index = self.text[..end]
            .iter()
            .rposition(|&c| c == target)
            .unwrap_or(0);
    }

    /// Skip ASCII whitespace only (`string.whitespace`), not the Unicode kinds that the value
    /// patterns allow and `rstrip` drops.
    fn consume_whitespace(&mut self) {
        while self
            .current()
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'))
        {
            self.index += 1;
        }
    }

    fn current(&self) -> Option<char> {
        self.text.get(self.index).copied()
    }

    fn at_end(&self) -> bool {
        self.index >= self.text.len()
    }
}

/// An unquoted word's value: `\,` is a comma, and trailing whitespace is dropped (Python's
/// `rstrip()`, which knows Unicode whitespace; leading ASCII whitespace was skipped before).
fn unescape_word(raw: &str) -> String {
    raw.replace("\\,", ",")
        .trim_end_matches(is_python_space)
        .to_string()
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '#' | '/' | ':')
}

/// `_START_WORD`: what may begin an unquoted value.
fn is_start(c: char) -> bool {
    matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='Z' | '\\'..='z' | '|'..='\u{ffff}')
}

/// `_FIRST_FOLLOW_CHARS`: what may continue a first value (one after a key or in `[...]`).
fn is_first_follow(c: char) -> bool {
    is_python_space(c)
        || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='\\' | '^'..='|' | '~'..='\u{ffff}')
}

/// `_SECOND_FOLLOW_CHARS`: what may continue a later value of a csv list.
fn is_second_follow(c: char) -> bool {
    is_python_space(c) || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='\u{ffff}')
}

/// Python's `str.isspace()` (and the regex `\s`): Unicode White_Space plus the four
/// information separators U+001C..U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Inputs and the value AWS CLI v2's `ShorthandParser().parse()` gives for them, as
    /// compact JSON in Python's key order. Generated by running v2's shorthand.py: its own
    /// unit-test inputs, then cases for each rule and quirk.
    #[rustfmt::skip]
    const VALUES: &[(&str, &str)] = &[
        (r"foo=bar", r#"{"foo":"bar"}"#),
        (r"foo=bar,baz=qux", r#"{"foo":"bar","baz":"qux"}"#),
        (r"a=b,c=d,e=f", r#"{"a":"b","c":"d","e":"f"}"#),
        (r"foo=", r#"{"foo":""}"#),
        (r"foo=,bar=", r#"{"foo":"","bar":""}"#),
        (r"foo=✓", r#"{"foo":"✓"}"#),
        (r"foo=✓,✓", r#"{"foo":["✓","✓"]}"#),
        (r"foo=a,b", r#"{"foo":["a","b"]}"#),
        (r"foo=a,b,c", r#"{"foo":["a","b","c"]}"#),
        (r"foo=a,b,bar=c,d", r#"{"foo":["a","b"],"bar":["c","d"]}"#),
        (r"foo=a,b,c,bar=d,e,f", r#"{"foo":["a","b","c"],"bar":["d","e","f"]}"#),
        (r"foo=a,b=with space", r#"{"foo":"a","b":"with space"}"#),
        (r"foo=a,b=with trailing space  ", r#"{"foo":"a","b":"with trailing space"}"#),
        (r"foo=first space", r#"{"foo":"first space"}"#),
        (r"foo=a space,bar=a space,baz=a space", r#"{"foo":"a space","bar":"a space","baz":"a space"}"#),
        (r"with-dash=bar", r#"{"with-dash":"bar"}"#),
        (r"with_underscore=bar", r#"{"with_underscore":"bar"}"#),
        (r"with.dot=bar", r#"{"with.dot":"bar"}"#),
        (r"#key=value", r##"{"#key":"value"}"##),
        (r"some/thing=value", r#"{"some/thing":"value"}"#),
        (r"aws:service:region:124:foo/bar=baz", r#"{"aws:service:region:124:foo/bar":"baz"}"#),
        (r"foo=[]", r#"{"foo":[]}"#),
        (r"foo=[a]", r#"{"foo":["a"]}"#),
        (r"foo=[a,b]", r#"{"foo":["a","b"]}"#),
        (r"foo=[a,b,c]", r#"{"foo":["a","b","c"]}"#),
        (r"foo=[a,b],bar=c,d", r#"{"foo":["a","b"],"bar":["c","d"]}"#),
        (r"foo=[a,b],bar=[c,d]", r#"{"foo":["a","b"],"bar":["c","d"]}"#),
        (r"foo=a,b,bar=[c,d]", r#"{"foo":["a","b"],"bar":["c","d"]}"#),
        (r"foo=[a=b,c=d]", r#"{"foo":["a=b","c=d"]}"#),
        (r"foo=[ a , b  , c  ]", r#"{"foo":["a","b","c"]}"#),
        (r"foo  =  [ a , b  , c  ]", r#"{"foo":["a","b","c"]}"#),
        (r"foo=[,,]", r#"{"foo":["",""]}"#),
        (r"foo='bar'", r#"{"foo":"bar"}"#),
        (r"foo='bar,baz'", r#"{"foo":"bar,baz"}"#),
        (r"foo='bar','baz'", r#"{"foo":["bar","baz"]}"#),
        (r"foo=bar,'baz'", r#"{"foo":["bar","baz"]}"#),
        (r"foo=bar,'baz=qux'", r#"{"foo":["bar","baz=qux"]}"#),
        (r"foo=bar,'--option=bar space'", r#"{"foo":["bar","--option=bar space"]}"#),
        (r"foo='bar\'baz'", r#"{"foo":"bar'baz"}"#),
        (r"foo='bar\\baz'", r#"{"foo":"bar\\baz"}"#),
        (r#"foo="bar""#, r#"{"foo":"bar"}"#),
        (r#"foo="bar,baz""#, r#"{"foo":"bar,baz"}"#),
        (r#"foo="bar","baz""#, r#"{"foo":["bar","baz"]}"#),
        (r#"foo=bar,"baz=qux""#, r#"{"foo":["bar","baz=qux"]}"#),
        (r#"foo=bar,"--option=bar space""#, r#"{"foo":["bar","--option=bar space"]}"#),
        (r#"foo="bar\"baz""#, r#"{"foo":"bar\"baz"}"#),
        (r#"foo="bar\\baz""#, r#"{"foo":"bar\\baz"}"#),
        (r"foo=a\,b", r#"{"foo":"a,b"}"#),
        (r"foo=a\,", r#"{"foo":"a,"}"#),
        (r"foo=\,", r#"{"foo":","}"#),
        (r"foo=a,b\,c", r#"{"foo":["a","b,c"]}"#),
        (r"foo=a,b\,", r#"{"foo":["a","b,"]}"#),
        (r"foo=a,\,bc", r#"{"foo":["a",",bc"]}"#),
        (r"foo= bar", r#"{"foo":"bar"}"#),
        (r"foo =bar", r#"{"foo":"bar"}"#),
        (r"foo = bar", r#"{"foo":"bar"}"#),
        (r"foo  =   bar", r#"{"foo":"bar"}"#),
        (r"foo = bar,baz = qux", r#"{"foo":"bar","baz":"qux"}"#),
        (r"a = b,  c = d , e = f", r#"{"a":"b","c":"d","e":"f"}"#),
        (r"foo = ", r#"{"foo":""}"#),
        (r"a=b,c=  d,  e,  f", r#"{"a":"b","c":["d","e","f"]}"#),
        (r"Name=foo,Values=  a  ,  b  ,  c  ", r#"{"Name":"foo","Values":["a","b","c"]}"#),
        (r"Name=foo,Values= a,  b  ,  c", r#"{"Name":"foo","Values":["a","b","c"]}"#),
        ("Name=foo,\nValues=a,b,c", r#"{"Name":"foo","Values":["a","b","c"]}"#),
        ("A=b,\nC=d,\nE=f\n", r#"{"A":"b","C":"d","E":"f"}"#),
        (r"Name={foo=bar,baz=qux}", r#"{"Name":{"foo":"bar","baz":"qux"}}"#),
        (r"Name={foo=[a,b,c],bar=baz}", r#"{"Name":{"foo":["a","b","c"],"bar":"baz"}}"#),
        (r"Name={foo=bar},Bar=baz", r#"{"Name":{"foo":"bar"},"Bar":"baz"}"#),
        (r"Bar=baz,Name={foo=bar}", r#"{"Bar":"baz","Name":{"foo":"bar"}}"#),
        (r"a={b={c=d}}", r#"{"a":{"b":{"c":"d"}}}"#),
        (r"a={b={c=d,e=f},g=h}", r#"{"a":{"b":{"c":"d","e":"f"},"g":"h"}}"#),
        (r"Name=[{foo=bar}, {baz=qux}]", r#"{"Name":[{"foo":"bar"},{"baz":"qux"}]}"#),
        (r"Name=[{foo=[a,b]}, {bar=[c,d]}]", r#"{"Name":[{"foo":["a","b"]},{"bar":["c","d"]}]}"#),
        (r"foo@=bar", r#"{"foo":"bar"}"#),
        (r"foo@=bar,baz@=qux", r#"{"foo":"bar","baz":"qux"}"#),
        (r"foo@=,bar@=", r#"{"foo":"","bar":""}"#),
        (r"foo@=✓,✓", r#"{"foo":["✓","✓"]}"#),
        (r"foo@=a,b,bar=c,d", r#"{"foo":["a","b"],"bar":["c","d"]}"#),
        (r"foo=a,b@=with space", r#"{"foo":"a","b":"with space"}"#),
        (r"foo=a,b@=with trailing space  ", r#"{"foo":"a","b":"with trailing space"}"#),
        (r"aws:service:region:124:foo/bar@=baz", r#"{"aws:service:region:124:foo/bar":"baz"}"#),
        (r"foo=[a,b],bar@=[c,d]", r#"{"foo":["a","b"],"bar":["c","d"]}"#),
        (r"foo  @=  [ a , b  , c  ]", r#"{"foo":["a","b","c"]}"#),
        ("A=b,\nC@=d,\nE@=f\n", r#"{"A":"b","C":"d","E":"f"}"#),
        (r"Bar@=baz,Name={foo@=bar}", r#"{"Bar":"baz","Name":{"foo":"bar"}}"#),
        (r"Name=[{foo@=bar}, {baz=qux}]", r#"{"Name":[{"foo":"bar"},{"baz":"qux"}]}"#),
        (r"Name=[{foo@=[a,b]}, {bar=[c,d]}]", r#"{"Name":[{"foo":["a","b"]},{"bar":["c","d"]}]}"#),
        (r"Key=a,Value=b", r#"{"Key":"a","Value":"b"}"#),
        (r"Key=", r#"{"Key":""}"#),
        (r"=", r#"{"":""}"#),
        (r"=b", r#"{"":"b"}"#),
        (r"a = b", r#"{"a":"b"}"#),
        (r"a=b ", r#"{"a":"b"}"#),
        (r"a= b ,c =d", r#"{"a":"b","c":"d"}"#),
        (r"a=b , c=d", r#"{"a":"b","c":"d"}"#),
        ("a\t=\tb", r#"{"a":"b"}"#),
        ("a=b,\nc=d", r#"{"a":"b","c":"d"}"#),
        ("a=\u{a0}b\u{a0}", r#"{"a":"\u00a0b"}"#),
        ("a=b\u{a0}", r#"{"a":"b"}"#),
        ("a=\u{3000}", r#"{"a":""}"#),
        ("a=b\u{1c}", r#"{"a":"b"}"#),
        ("a=b\u{1c}c", r#"{"a":"b\u001cc"}"#),
        ("a\u{b}=\u{c}b", r#"{"a":"b"}"#),
        ("a=b\u{2028}c", r#"{"a":"b\u2028c"}"#),
        (r"a=b,c", r#"{"a":["b","c"]}"#),
        (r"a=b,c,d", r#"{"a":["b","c","d"]}"#),
        (r"a=b,c=d", r#"{"a":"b","c":"d"}"#),
        (r"a=b,c,d=e,f", r#"{"a":["b","c"],"d":["e","f"]}"#),
        (r"a=,b", r#"{"a":["","b"]}"#),
        (r"a=b,=c", r#"{"a":"b","":"c"}"#),
        (r"a=b,c\,d=e", r#"{"a":"b","d":"e"}"#),
        (r#"a=b,"c",d"#, r#"{"a":["b","c","d"]}"#),
        (r"a=b,'c'", r#"{"a":["b","c"]}"#),
        (r"a=b,c]", r#"{"a":["b","c]"]}"#),
        (r"a=b,c}", r#"{"a":["b","c}"]}"#),
        (r"a=b, c , d ", r#"{"a":["b","c","d"]}"#),
        (r"a=b ,c", r#"{"a":["b","c"]}"#),
        (r"a=b,c d,e", r#"{"a":["b","c d","e"]}"#),
        (r"a=b,c=d,e", r#"{"a":"b","c":["d","e"]}"#),
        (r"a=b,c,d,e=f,g=h,i", r#"{"a":["b","c","d"],"e":"f","g":["h","i"]}"#),
        (r"a=b\,c", r#"{"a":"b,c"}"#),
        (r"a=b\,c,d", r#"{"a":["b,c","d"]}"#),
        (r"a=\,", r#"{"a":","}"#),
        (r"a=\", r#"{"a":"\\"}"#),
        (r"a=\\", r#"{"a":"\\\\"}"#),
        (r"a=b\", r#"{"a":"b\\"}"#),
        (r"a=b\\,c", r#"{"a":"b\\,c"}"#),
        (r"a=\,\,", r#"{"a":",,"}"#),
        (r"a=b,\,c", r#"{"a":["b",",c"]}"#),
        (r"a=[b\,c]", r#"{"a":["b,c"]}"#),
        (r"a={k=b\,c}", r#"{"a":{"k":"b,c"}}"#),
        (r"a=b\nc", r#"{"a":"b\\nc"}"#),
        (r"a='b'", r#"{"a":"b"}"#),
        (r#"a="b""#, r#"{"a":"b"}"#),
        (r"a='b,c'", r#"{"a":"b,c"}"#),
        (r#"a="b,c""#, r#"{"a":"b,c"}"#),
        (r"a='b c '", r#"{"a":"b c "}"#),
        (r"a=' b'", r#"{"a":" b"}"#),
        (r"a=''", r#"{"a":""}"#),
        (r#"a="""#, r#"{"a":""}"#),
        (r"a='b\'c'", r#"{"a":"b'c"}"#),
        (r#"a="b\"c""#, r#"{"a":"b\"c"}"#),
        (r"a='b\\c'", r#"{"a":"b\\c"}"#),
        (r#"a="b\\c""#, r#"{"a":"b\\c"}"#),
        (r"a='b\\'", r#"{"a":"b\\"}"#),
        (r"a='b\'", r#"{"a":"b\\"}"#),
        (r"a='\''", r#"{"a":"'"}"#),
        (r"a='\'\'", r#"{"a":"'\\"}"#),
        (r"a='b\\\'c'", r#"{"a":"b\\'c"}"#),
        (r#"a="b\'c""#, r#"{"a":"b\\'c"}"#),
        (r#"a='b\"c'"#, r#"{"a":"b\\\"c"}"#),
        (r"a='b' ,c=d", r#"{"a":"b","c":"d"}"#),
        (r"a='b',c", r#"{"a":["b","c"]}"#),
        (r"a='b','c'", r#"{"a":["b","c"]}"#),
        (r"a=b,'c',d", r#"{"a":["b","c","d"]}"#),
        (r#"a="😀""#, r#"{"a":"😀"}"#),
        ("a='\n'", r#"{"a":"\n"}"#),
        (r#"a=[ 'b' , "c" ]"#, r#"{"a":["b","c"]}"#),
        (r"a={k='v'}", r#"{"a":{"k":"v"}}"#),
        (r"a='b\\\\'", r#"{"a":"b\\\\"}"#),
        (r#"a="\\""#, r#"{"a":"\\"}"#),
        (r#"a="\""#, r#"{"a":"\\"}"#),
        (r#"a="a\"b\""#, r#"{"a":"a\"b\\"}"#),
        (r"a='a\'b\'", r#"{"a":"a'b\\"}"#),
        (r"a=[]", r#"{"a":[]}"#),
        (r"a=[ ]", r#"{"a":[]}"#),
        (r"a=[b]", r#"{"a":["b"]}"#),
        (r"a=[b,c]", r#"{"a":["b","c"]}"#),
        (r"a=[ b , c ]", r#"{"a":["b","c"]}"#),
        (r"a=[b,]", r#"{"a":["b"]}"#),
        (r"a=[,]", r#"{"a":[""]}"#),
        (r"a=[,b]", r#"{"a":["","b"]}"#),
        (r"a=[b,,c]", r#"{"a":["b","","c"]}"#),
        (r"a=]", r#"{"a":"]"}"#),
        (r"a=[[b]]", r#"{"a":[["b"]]}"#),
        (r"a=[[b],[c,d]]", r#"{"a":[["b"],["c","d"]]}"#),
        (r"a=[[]]", r#"{"a":[[]]}"#),
        (r"a=[}]", r#"{"a":["}"]}"#),
        (r"a=[b] ,c=d", r#"{"a":["b"],"c":"d"}"#),
        (r"a=[b],c=d", r#"{"a":["b"],"c":"d"}"#),
        (r"a=[b=c]", r#"{"a":["b=c"]}"#),
        (r"a=[{b=c}]", r#"{"a":[{"b":"c"}]}"#),
        (r"a=[{b=c},{d=e}]", r#"{"a":[{"b":"c"},{"d":"e"}]}"#),
        (r"a=[b c]", r#"{"a":["b c"]}"#),
        ("a=[b\n,c]", r#"{"a":["b","c"]}"#),
        (r"a = [ b ]", r#"{"a":["b"]}"#),
        (r"a=[{}]", r#"{"a":[{}]}"#),
        (r"a=[b,{c=d},[e]]", r#"{"a":["b",{"c":"d"},["e"]]}"#),
        (r"a={}", r#"{"a":{}}"#),
        (r"a={ }", r#"{"a":{}}"#),
        (r"a={b=c}", r#"{"a":{"b":"c"}}"#),
        (r"a={b=c,d=e}", r#"{"a":{"b":"c","d":"e"}}"#),
        (r"a={ b = c , d = e }", r#"{"a":{"b":"c","d":"e"}}"#),
        (r"a={b=c,}", r#"{"a":{"b":"c"}}"#),
        (r"a={=c}", r#"{"a":{"":"c"}}"#),
        (r"a={b=,c=d}", r#"{"a":{"b":"","c":"d"}}"#),
        (r"a={b=c,b=d}", r#"{"a":{"b":"d"}}"#),
        (r"a={b=c,d=e,b=f}", r#"{"a":{"b":"f","d":"e"}}"#),
        (r"a={b=[c,d]}", r#"{"a":{"b":["c","d"]}}"#),
        (r"a={b=c d}", r#"{"a":{"b":"c d"}}"#),
        (r"a={b=c},d=e", r#"{"a":{"b":"c"},"d":"e"}"#),
        (r"a={b=c} , d=e", r#"{"a":{"b":"c"},"d":"e"}"#),
        (r"a={b@=c}", r#"{"a":{"b":"c"}}"#),
        (r"a={b @ = c}", r#"{"a":{"b":"c"}}"#),
        (r"a={b=c,d=[e,f],g={h=i}}", r#"{"a":{"b":"c","d":["e","f"],"g":{"h":"i"}}}"#),
        ("a={b=c\n}", r#"{"a":{"b":"c"}}"#),
        (r"a={b=]}", r#"{"a":{"b":"]"}}"#),
        (r"a={b={}}", r#"{"a":{"b":{}}}"#),
        (r"a={b=[]}", r#"{"a":{"b":[]}}"#),
        (r"a-b_c.d#e/f:g=h", r#"{"a-b_c.d#e/f:g":"h"}"#),
        (r"a:b=c", r#"{"a:b":"c"}"#),
        (r"-=b", r#"{"-":"b"}"#),
        (r"#=b", r##"{"#":"b"}"##),
        (r"/=b", r#"{"/":"b"}"#),
        (r":=b", r#"{":":"b"}"#),
        (r"a@=b", r#"{"a":"b"}"#),
        (r"a @= b", r#"{"a":"b"}"#),
        (r"a@ =b", r#"{"a":"b"}"#),
        (r"a @ = b", r#"{"a":"b"}"#),
        (r"a@=", r#"{"a":""}"#),
        (r"a=@b", r#"{"a":"@b"}"#),
        (r"a@=b,c", r#"{"a":["b","c"]}"#),
        (r"a@=[b]", r#"{"a":["b"]}"#),
        (r"@=b", r#"{"":"b"}"#),
        (r"a=é", r#"{"a":"é"}"#),
        (r"a=✓✓", r#"{"a":"✓✓"}"#),
        (r"a=[✓,ü]", r#"{"a":["✓","ü"]}"#),
        (r"a=�", r#"{"a":"�"}"#),
        ("a=\u{ffff}", r#"{"a":"\uffff"}"#),
        ("a=\u{a0}", r#"{"a":""}"#),
        ("a=b\u{a0}c", r#"{"a":"b\u00a0c"}"#),
        ("a=b\nc", r#"{"a":"b\nc"}"#),
        ("a=b,c\n=d", r#"{"a":"b","c":"d"}"#),
        ("a=b\n\n", r#"{"a":"b"}"#),
        ("a=\n", r#"{"a":""}"#),
    ];

    /// Inputs, the message AWS CLI v2 prints for them as the value of `--x` (str() of its
    /// `ParamError`), and the error's index. Generated by running v2's shorthand.py.
    #[rustfmt::skip]
    const ERRORS: &[(&str, &str, usize)] = &[
        (r"foo", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n foo\n   ^", 3),
        (r#"foo="bar"#, "Error parsing parameter '--x': Expected: '<double quoted>', received: '<none>' for input:\n foo=\"bar\n    ^", 4),
        (r#""foo=bar"#, "Error parsing parameter '--x': Expected: '=', received: '\"' for input:\n \"foo=bar\n^", 0),
        (r"foo='bar", "Error parsing parameter '--x': Expected: '<singled quoted>', received: '<none>' for input:\n foo='bar\n    ^", 4),
        (r"foo=[bar", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n foo=[bar\n        ^", 8),
        (r"foo={bar", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n foo={bar\n        ^", 8),
        (r"foo={bar}", "Error parsing parameter '--x': Expected: '=', received: '}' for input:\n foo={bar}\n        ^", 8),
        (r"foo={bar=bar", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n foo={bar=bar\n            ^", 12),
        (r"foo=bar,", "Error parsing parameter '--x': Expected: '<second>', received: '<none>' for input:\n foo=bar,\n        ^", 8),
        ("foo==bar,\nbar=baz", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n foo==bar,\n    ^\nbar=baz", 4),
        (r"foo=bar,foo=qux", "Error parsing parameter '--x': Second instance of key \"foo\" encountered for input:\nfoo=bar,foo=qux\n        ^\nThis is often because there is a preceding \",\" instead of a space.", 8),
        (r"file-contents123", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n file-contents123\n                ^", 16),
        (r"Key", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n Key\n   ^", 3),
        (r"", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n \n^", 0),
        (r" ", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n  \n ^", 1),
        (r" a=b", "Error parsing parameter '--x': Expected: '=', received: 'a' for input:\n  a=b\n ^", 1),
        ("a=\u{1c}b", "Error parsing parameter '--x': Expected: ',', received: '\u{1c}' for input:\n a=\u{1c}b\n  ^", 2),
        ("a=b\0", "Error parsing parameter '--x': Expected: ',', received: '\0' for input:\n a=b\0\n   ^", 3),
        ("a=\0", "Error parsing parameter '--x': Expected: ',', received: '\0' for input:\n a=\0\n  ^", 2),
        (r"a=b,", "Error parsing parameter '--x': Expected: '<second>', received: '<none>' for input:\n a=b,\n    ^", 4),
        (r"a=b,c,", "Error parsing parameter '--x': Expected: '<second>', received: '<none>' for input:\n a=b,c,\n      ^", 6),
        (r"a=b, ", "Error parsing parameter '--x': Expected: '<second>', received: '<none>' for input:\n a=b, \n     ^", 5),
        (r"a=b,,c", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n a=b,,c\n      ^", 6),
        (r"a=,", "Error parsing parameter '--x': Expected: '<second>', received: '<none>' for input:\n a=,\n   ^", 3),
        (r"a=b,c==d", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n a=b,c==d\n      ^", 6),
        (r"a=b,'x,y'=z", "Error parsing parameter '--x': Expected: '=', received: ''' for input:\n a=b,'x,y'=z\n        ^", 8),
        (r"a=b,'c", "Error parsing parameter '--x': Expected: '=', received: ''' for input:\n a=b,'c\n    ^", 4),
        (r#"a=b,c,"d"#, "Error parsing parameter '--x': Expected: '=', received: '\"' for input:\n a=b,c,\"d\n      ^", 6),
        (r"a=b,[c]", "Error parsing parameter '--x': Expected: '=', received: '[' for input:\n a=b,[c]\n    ^", 4),
        (r"a=b,{c}", "Error parsing parameter '--x': Expected: '=', received: '{' for input:\n a=b,{c}\n    ^", 4),
        (r"a=[b],c", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n a=[b],c\n       ^", 7),
        (r#"a=\"x\""#, "Error parsing parameter '--x': Expected: ',', received: '\"' for input:\n a=\\\"x\\\"\n   ^", 3),
        (r"a='", "Error parsing parameter '--x': Expected: '<singled quoted>', received: '<none>' for input:\n a='\n  ^", 2),
        (r#"a=""#, "Error parsing parameter '--x': Expected: '<double quoted>', received: '<none>' for input:\n a=\"\n  ^", 2),
        (r"a='b\'c", "Error parsing parameter '--x': Expected: ',', received: 'c' for input:\n a='b\\'c\n      ^", 6),
        (r"a='b'c", "Error parsing parameter '--x': Expected: ',', received: 'c' for input:\n a='b'c\n     ^", 5),
        (r"'a'=b", "Error parsing parameter '--x': Expected: '=', received: ''' for input:\n 'a'=b\n^", 0),
        (r#"a="b"x"#, "Error parsing parameter '--x': Expected: ',', received: 'x' for input:\n a=\"b\"x\n     ^", 5),
        (r"a='it''s'", "Error parsing parameter '--x': Expected: ',', received: ''' for input:\n a='it''s'\n      ^", 6),
        (r"a=x'y'", "Error parsing parameter '--x': Expected: ',', received: ''' for input:\n a=x'y'\n   ^", 3),
        (r#"a=x"y""#, "Error parsing parameter '--x': Expected: ',', received: '\"' for input:\n a=x\"y\"\n   ^", 3),
        (r"a=[", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n a=[\n   ^", 3),
        (r"a=[b", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n a=[b\n    ^", 4),
        (r"a=[b,", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n a=[b,\n     ^", 5),
        (r"a=[]]", "Error parsing parameter '--x': Expected: ',', received: ']' for input:\n a=[]]\n    ^", 4),
        (r"a=[b]c", "Error parsing parameter '--x': Expected: ',', received: 'c' for input:\n a=[b]c\n     ^", 5),
        (r"a=[b][c]", "Error parsing parameter '--x': Expected: ',', received: '[' for input:\n a=[b][c]\n     ^", 5),
        (r"a=[😀]", "Error parsing parameter '--x': Expected: ',', received: '😀' for input:\n a=[😀]\n   ^", 3),
        (r"a={b}", "Error parsing parameter '--x': Expected: '=', received: '}' for input:\n a={b}\n    ^", 4),
        (r"a={b=c", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n a={b=c\n      ^", 6),
        (r"a={", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n a={\n   ^", 3),
        (r"a={b=}", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n a={b=}\n      ^", 6),
        (r"a={b=c,d}", "Error parsing parameter '--x': Expected: '=', received: '}' for input:\n a={b=c,d}\n        ^", 8),
        (r"a={b=c}d", "Error parsing parameter '--x': Expected: ',', received: 'd' for input:\n a={b=c}d\n       ^", 7),
        (r"a={b=c}}", "Error parsing parameter '--x': Expected: ',', received: '}' for input:\n a={b=c}}\n       ^", 7),
        (r"a={b==c}", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n a={b==c}\n     ^", 5),
        (r"a={b=c,,d=e}", "Error parsing parameter '--x': Expected: '=', received: ',' for input:\n a={b=c,,d=e}\n       ^", 7),
        (r"a b=c", "Error parsing parameter '--x': Expected: '=', received: 'b' for input:\n a b=c\n  ^", 2),
        (r"a.b=c,a.b=d", "Error parsing parameter '--x': Second instance of key \"a.b\" encountered for input:\na.b=c,a.b=d\n      ^\nThis is often because there is a preceding \",\" instead of a space.", 6),
        (r"ä=b", "Error parsing parameter '--x': Expected: '=', received: 'ä' for input:\n ä=b\n^", 0),
        (r"a[0]=b", "Error parsing parameter '--x': Expected: '=', received: '[' for input:\n a[0]=b\n ^", 1),
        (r"arn:aws:iam::aws:policy/X", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n arn:aws:iam::aws:policy/X\n                         ^", 25),
        (r"a=b,a=c", "Error parsing parameter '--x': Second instance of key \"a\" encountered for input:\na=b,a=c\n    ^\nThis is often because there is a preceding \",\" instead of a space.", 4),
        (r"a=b , a=c", "Error parsing parameter '--x': Second instance of key \"a\" encountered for input:\na=b , a=c\n     ^\nThis is often because there is a preceding \",\" instead of a space.", 5),
        ("a=b,\na=c", "Error parsing parameter '--x': Second instance of key \"a\" encountered for input:\na=b,\n    ^\na=c\nThis is often because there is a preceding \",\" instead of a space.", 4),
        (r"Key=a,Key=b", "Error parsing parameter '--x': Second instance of key \"Key\" encountered for input:\nKey=a,Key=b\n      ^\nThis is often because there is a preceding \",\" instead of a space.", 6),
        (r"a=b,c=d,a=e", "Error parsing parameter '--x': Second instance of key \"a\" encountered for input:\na=b,c=d,a=e\n        ^\nThis is often because there is a preceding \",\" instead of a space.", 8),
        (r"=b,=c", "Error parsing parameter '--x': Second instance of key \"\" encountered for input:\n=b,=c\n   ^\nThis is often because there is a preceding \",\" instead of a space.", 3),
        (r"a=[b],a=[c]", "Error parsing parameter '--x': Second instance of key \"a\" encountered for input:\na=[b],a=[c]\n      ^\nThis is often because there is a preceding \",\" instead of a space.", 6),
        (r"a=b,c,a=d", "Error parsing parameter '--x': Second instance of key \"a\" encountered for input:\na=b,c,a=d\n      ^\nThis is often because there is a preceding \",\" instead of a space.", 6),
        ("a=b,\n\na=c\nx", "Error parsing parameter '--x': Second instance of key \"a\" encountered for input:\na=b,\n    ^\n\na=c\nx\nThis is often because there is a preceding \",\" instead of a space.", 4),
        (r"a@b", "Error parsing parameter '--x': Expected: '=', received: 'b' for input:\n a@b\n  ^", 2),
        (r"a@", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n a@\n  ^", 2),
        (r"a@@=b", "Error parsing parameter '--x': Expected: '=', received: '@' for input:\n a@@=b\n  ^", 2),
        (r"é=a", "Error parsing parameter '--x': Expected: '=', received: 'é' for input:\n é=a\n^", 0),
        (r"a=😀", "Error parsing parameter '--x': Expected: ',', received: '😀' for input:\n a=😀\n  ^", 2),
        (r"a=b😀", "Error parsing parameter '--x': Expected: ',', received: '😀' for input:\n a=b😀\n   ^", 3),
        (r"a=𐀀", "Error parsing parameter '--x': Expected: ',', received: '𐀀' for input:\n a=𐀀\n  ^", 2),
        ("a==b,\nc=d", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n a==b,\n  ^\nc=d", 2),
        ("a=b,\nc==d\ne=f", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n a=b,\nc==d\n  ^\ne=f", 7),
        ("a\n", "Error parsing parameter '--x': Expected: '=', received: 'EOF' for input:\n a\n\n^", 2),
        ("\na", "Error parsing parameter '--x': Expected: '=', received: 'a' for input:\n \na\n^", 1),
        ("a=[b\nc", "Error parsing parameter '--x': Expected: ',', received: 'EOF' for input:\n a=[b\nc\n ^", 6),
        ("foo=bar,\nbar==baz", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n foo=bar,\nbar==baz\n    ^", 13),
        ("a=b,\n", "Error parsing parameter '--x': Expected: '<second>', received: '<none>' for input:\n a=b,\n\n^", 5),
        (r"é", "Error parsing parameter '--x': Expected: '=', received: 'é' for input:\n é\n^", 0),
        (r"a=é,b==c", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n a=é,b==c\n      ^", 6),
        (r"a=✓,b,c==d", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n a=✓,b,c==d\n        ^", 8),
        (r"é=1,é=2", "Error parsing parameter '--x': Expected: '=', received: 'é' for input:\n é=1,é=2\n^", 0),
        (r"a=😀,b", "Error parsing parameter '--x': Expected: ',', received: '😀' for input:\n a=😀,b\n  ^", 2),
        (r"a='😀',b==c", "Error parsing parameter '--x': Expected: ',', received: '=' for input:\n a='😀',b==c\n        ^", 8),
    ];

    /// Compact JSON keeps key order, which `Value`'s `==` does not look at.
    fn compact(value: &Value) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }

    #[test]
    fn values_match_aws_cli_v2() {
        for (input, expected) in VALUES {
            let expected: Value = serde_json::from_str(expected).expect("test table JSON");
            match parse(input) {
                Ok(value) => assert_eq!(compact(&value), compact(&expected), "input {input:?}"),
                Err(err) => panic!("input {input:?}: {}", error_message("--x", input, &err)),
            }
        }
    }

    #[test]
    fn errors_match_aws_cli_v2() {
        for (input, message, position) in ERRORS {
            match parse(input) {
                Ok(value) => panic!("input {input:?} gave {value}"),
                Err(err) => {
                    assert_eq!(
                        error_message("--x", input, &err),
                        *message,
                        "input {input:?}"
                    );
                    assert_eq!(err.position, *position, "input {input:?}");
                }
            }
        }
    }

    #[test]
    fn error_message_wording() {
        let err = parse("Key").expect_err("no =");
        assert_eq!(err.message, "Expected: '=', received: 'EOF'");
        assert_eq!(err.position, 3);
        // v2 puts a space before the echoed input but not before the caret line.
        assert_eq!(
            error_message("--tags", "Key", &err),
            "Error parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\n Key\n   ^"
        );
        let err = parse("Key=a,Key=b").expect_err("duplicate");
        assert_eq!(err.message, "Second instance of key \"Key\" encountered");
        assert_eq!(err.position, 6);
    }

    /// Tiny xorshift generator: reproducible inputs without a dependency.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_inputs_never_panic() {
        let alphabet: Vec<char> = "=,[]{}'\"\\ @\t\n\r\u{b}abK01:.-#/é✓😀\u{a0}\u{1c}\u{3000}\0"
            .chars()
            .collect();
        let mut random = Random(0x5eed_1234_abcd_0042);
        for _ in 0..30_000 {
            let length = random.below(24);
            let text: String = (0..length)
                .map(|_| alphabet[random.below(alphabet.len())])
                .collect();
            match parse(&text) {
                Ok(value) => assert!(value.is_object(), "input {text:?}"),
                Err(err) => {
                    assert!(err.position <= text.chars().count(), "input {text:?}");
                    let message = error_message("--x", &text, &err);
                    assert!(message.contains(&err.message), "input {text:?}");
                }
            }
        }
    }

    #[test]
    fn nesting_stops_where_python_does() {
        let nested = |n: usize| format!("a={}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        let err = parse(&nested(MAX_DEPTH + 1)).expect_err("too deep");
        assert_eq!(err.message, "maximum recursion depth exceeded");
        // Printed bare, as v2 prints a RecursionError.
        assert_eq!(
            error_message("--x", &nested(MAX_DEPTH + 1), &err),
            "maximum recursion depth exceeded"
        );
        assert!(parse(&format!("a={}", "{a=".repeat(100_000))).is_err());
        assert!(parse(&format!("a={}", "[".repeat(100_000))).is_err());
    }

    /// A directory of files for one test, removed afterwards.
    struct Files(PathBuf);

    impl Files {
        fn new(test: &str) -> Files {
            let dir =
                std::env::temp_dir().join(format!("sts-shorthand-{}-{test}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("scratch directory");
            Files(dir)
        }

        /// Write `name` and return its path.
        fn add(&self, name: &str, contents: &[u8]) -> String {
            let path = self.0.join(name);
            std::fs::write(&path, contents).expect("scratch file");
            path.to_string_lossy().into_owned()
        }
    }

    impl Drop for Files {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn parsed(input: &str) -> String {
        match parse(input) {
            Ok(value) => compact(&value),
            Err(err) => error_message("--x", input, &err),
        }
    }

    #[test]
    fn at_equals_reads_files() {
        let files = Files::new("read");
        let plain = files.add("plain.txt", b"hello world\n");
        let crlf = files.add("crlf.txt", b"a\r\nb\rc\n");
        let empty = files.add("empty.txt", b"");
        let comma = files.add("with,comma.txt", b"comma file");
        let dir = files.0.to_string_lossy().into_owned();
        let cases = [
            (
                format!("a@=file://{plain}"),
                r#"{"a":"hello world\n"}"#.to_string(),
            ),
            (
                format!("a@=fileb://{plain}"),
                r#"{"a":"hello world\n"}"#.to_string(),
            ),
            // Only after `@=`.
            (
                format!("a=file://{plain}"),
                format!(r#"{{"a":"file://{plain}"}}"#),
            ),
            // Text is read with universal newlines; bytes as they are.
            (
                format!("a@=file://{crlf}"),
                r#"{"a":"a\nb\nc\n"}"#.to_string(),
            ),
            (
                format!("a@=fileb://{crlf}"),
                r#"{"a":"a\r\nb\rc\n"}"#.to_string(),
            ),
            (format!("a@=file://{empty}"), r#"{"a":""}"#.to_string()),
            (
                format!("a @ = file://{plain}  "),
                r#"{"a":"hello world\n"}"#.to_string(),
            ),
            (
                format!("a@=file://{dir}/with\\,comma.txt"),
                r#"{"a":"comma file"}"#.to_string(),
            ),
            (
                format!("a@='file://{comma}'"),
                r#"{"a":"comma file"}"#.to_string(),
            ),
            (
                format!("a@=[file://{plain}, b]"),
                r#"{"a":["hello world\n","b"]}"#.to_string(),
            ),
            (
                format!("a@=file://{empty},file://{plain}"),
                r#"{"a":["","hello world\n"]}"#.to_string(),
            ),
            (
                format!("a@={{b=file://{empty}}}"),
                format!(r#"{{"a":{{"b":"file://{empty}"}}}}"#),
            ),
            (
                format!("a={{b@=file://{empty}}}"),
                r#"{"a":{"b":""}}"#.to_string(),
            ),
            // One flag for the whole parse: `{b=c}` turned reading off for the rest of the list.
            (
                format!("a@=[{{b=c}}, file://{empty}]"),
                format!(r#"{{"a":[{{"b":"c"}},"file://{empty}"]}}"#),
            ),
            (
                format!("a@=[{{b@=c}}, file://{empty}]"),
                r#"{"a":[{"b":"c"},""]}"#.to_string(),
            ),
            (
                format!("a@=b,c=file://{empty}"),
                format!(r#"{{"a":"b","c":"file://{empty}"}}"#),
            ),
            (
                format!("a@=FILE://{empty}"),
                format!(r#"{{"a":"FILE://{empty}"}}"#),
            ),
        ];
        for (input, expected) in cases {
            let expected: Value = serde_json::from_str(&expected).expect("test JSON");
            assert_eq!(parsed(&input), compact(&expected), "input {input:?}");
        }
    }

    #[test]
    fn unreadable_files_are_reported_bare() {
        let files = Files::new("errors");
        let latin1 = files.add("latin1.txt", b"caf\xe9");
        let dir = files.0.to_string_lossy().into_owned();
        let cases = [
            (
                format!("a@=file://{dir}/missing.txt"),
                format!(
                    "Unable to load paramfile file://{dir}/missing.txt: [Errno 2] No such file \
                     or directory: '{dir}/missing.txt'"
                ),
            ),
            (
                format!("a@=file://{dir}"),
                format!(
                    "Unable to load paramfile file://{dir}: [Errno 21] Is a directory: '{dir}'"
                ),
            ),
            (
                format!("a@=file://{latin1}"),
                format!(
                    "Unable to load paramfile ({latin1}), text contents could not be decoded.  \
                     If this is a binary file, please use the fileb:// prefix instead of the \
                     file:// prefix."
                ),
            ),
            // The file is read before the parser finds that `=y` makes it a key.
            (
                format!("a@=x,file://{dir}/missing.txt=y"),
                format!(
                    "Unable to load paramfile file://{dir}/missing.txt: [Errno 2] No such file \
                     or directory: '{dir}/missing.txt'"
                ),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(parsed(&input), expected, "input {input:?}");
        }
        assert!(parsed(&format!("a@=fileb://{latin1}")).contains(&latin1));
    }
}
