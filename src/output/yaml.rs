//! `--output yaml` and `--output yaml-stream`: the bytes AWS CLI v2 prints for a value.
//!
//! AWS CLI v2 (`awscli/formatter.py`, `YAMLDumper`) dumps with ruamel.yaml 0.19.1,
//! `YAML(typ='safe')`, and ships ruamel.yaml.clib 0.2.15, so the text comes from ruamel's
//! Python `SafeRepresenter` and `Resolver` (YAML 1.2 rules) driving the C emitter of the clib
//! (a copy of libyaml's `emitter.c`). This module is an emitter of our own because no
//! maintained Rust YAML crate reproduces those bytes: serde_yaml is unmaintained, and its forks
//! (serde_yaml_ng, serde_norway) and the other crates measured in
//! /work/shared/notes/dependencies.md section 3 differ on quoting (timestamps, `1e-07`),
//! folding at 80 columns, multi-line strings and non-BMP characters.
//!
//! What is reproduced here, for the values JSON can hold:
//! - The representer sorts mapping keys (Python `sorted()`, i.e. by code point) and writes
//!   null, booleans, ints and floats as `null`, `true`, `1`, `repr(float)`.
//! - A string is written plain only when a YAML 1.2 reader would read it back as that string;
//!   otherwise (`'123'`, `'true'`, `'2016-03-15'`, `''`, `'~'`) it is quoted.
//! - The emitter's scalar analysis, style choice (plain, then single, then double quotes),
//!   escapes, folding of long lines at 80 columns, block indentation (a sequence inside a
//!   mapping is not indented), `[]` and `{}` for empty collections, and `? key` for keys
//!   longer than 128 bytes or spanning lines. The emitter functions below keep libyaml's names.
//!
//! Not reproduced: anchors and aliases (`&id001`, `*id001`), which ruamel writes when the same
//! Python list or dict object appears twice in the value, as `--query '[Credentials, Credentials]'`
//! can make it. A `serde_json::Value` has no object identity, so we write the copy out in full.

use crate::python;
use serde_json::{Map, Value};

/// libyaml's `best_width`: plain and quoted scalars fold at a space past this column.
const BEST_WIDTH: usize = 80;
/// libyaml's `best_indent`.
const BEST_INDENT: usize = 2;
/// libyaml writes a mapping key longer than this (in UTF-8 bytes) as `? key`.
const MAX_SIMPLE_KEY_LENGTH: usize = 128;

/// Render the (already `--query`'d) value as `--output yaml` (`stream == false`) or
/// `--output yaml-stream` prints it, trailing newline included.
///
/// A result equal to `{}` prints nothing in both formats. Otherwise `yaml-stream` dumps the
/// one-element list `[value]`, and `yaml` dumps the value itself, except that a top-level null,
/// boolean, number or string is printed as JSON (`json.dump(ensure_ascii=False)`), as v2 does to
/// avoid YAML's `...` document end marker.
pub fn render(value: &Value, stream: bool) -> String {
    if value.as_object().is_some_and(Map::is_empty) {
        return String::new();
    }
    let mut emitter = Emitter::new();
    match value {
        _ if stream => emitter.sequence(std::slice::from_ref(value), false),
        Value::Array(items) => emitter.sequence(items, false),
        Value::Object(map) => emitter.mapping(map),
        scalar => return json_line(scalar),
    }
    emitter.document_end()
}

/// `json.dump(value, ensure_ascii=False)` of a scalar, then a newline.
fn json_line(scalar: &Value) -> String {
    let mut out = python::dumps(scalar, python::Dumps::PRETTY);
    out.push('\n');
    out
}

/// The output and the position state of libyaml's emitter. Only block collections are written;
/// the only flow collections are the empty `[]` and `{}`, which hold no scalars.
struct Emitter {
    out: String,
    /// Characters (not bytes) since the last line break, as libyaml counts them.
    column: usize,
    /// The current indentation; None before the root collection (libyaml's -1).
    indent: Option<usize>,
    /// The last character written is whitespace: no space is needed before an indicator.
    whitespace: bool,
    /// Only indentation and indicators such as `- ` have been written on this line.
    indention: bool,
}

impl Emitter {
    fn new() -> Self {
        Emitter {
            out: String::new(),
            column: 0,
            indent: None,
            whitespace: true,
            indention: true,
        }
    }

    /// DOCUMENT-END (implicit): end the last line.
    fn document_end(mut self) -> String {
        self.write_indent();
        self.out
    }

    /// A node in a block collection; `in_mapping` is libyaml's mapping context (a key or a
    /// value), which lets a sequence that is a mapping value sit at its key's indentation.
    fn node(&mut self, value: &Value, in_mapping: bool) {
        match value {
            Value::Array(items) => self.sequence(items, in_mapping),
            Value::Object(map) => self.mapping(map),
            Value::String(text) => self.scalar(&Scalar::string(text), false),
            // SafeRepresenter: `null`, `true`/`false`, `str(int)`, `repr(float).lower()`
            // (JSON has no inf or nan). These always read back as themselves.
            Value::Null => self.scalar(&Scalar::typed("null"), false),
            Value::Bool(b) => self.scalar(&Scalar::typed(if *b { "true" } else { "false" }), false),
            Value::Number(n) => self.scalar(&Scalar::typed(&python::number(n)), false),
        }
    }

    /// `yaml_emitter_emit_block_sequence_item`, or `[]` when empty.
    fn sequence(&mut self, items: &[Value], in_mapping: bool) {
        if items.is_empty() {
            return self.empty_flow_collection("[", "]");
        }
        let indentless = in_mapping && !self.indention;
        let outer = self.increase_indent(false, indentless);
        for item in items {
            self.write_indent();
            self.write_indicator("-", true, false, true);
            self.node(item, false);
        }
        self.indent = outer;
    }

    /// `yaml_emitter_emit_block_mapping_key`/`_value` with keys sorted, or `{}` when empty.
    fn mapping(&mut self, map: &Map<String, Value>) {
        if map.is_empty() {
            return self.empty_flow_collection("{", "}");
        }
        // SafeRepresenter sorts the items; Rust's `str` order is code point order, as Python's.
        let mut entries: Vec<(&String, &Value)> = map.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let outer = self.increase_indent(false, false);
        for (key, value) in entries {
            self.write_indent();
            let key = Scalar::string(key);
            if key.is_simple_key() {
                self.scalar(&key, true);
                self.write_indicator(":", false, false, false);
            } else {
                self.write_indicator("?", true, false, true);
                self.scalar(&key, false);
                self.write_indent();
                self.write_indicator(":", true, false, true);
            }
            self.node(value, true);
        }
        self.indent = outer;
    }

    /// An empty sequence or mapping starts a flow collection and ends it at once.
    fn empty_flow_collection(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }

    /// `yaml_emitter_emit_scalar`: choose the style, then write at one indent deeper (where
    /// folded continuation lines go).
    fn scalar(&mut self, scalar: &Scalar, simple_key: bool) {
        let style = scalar.style(simple_key);
        let outer = self.increase_indent(true, false);
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => self.write_plain(scalar.text, allow_breaks),
            Style::SingleQuoted => self.write_single_quoted(scalar.text, allow_breaks),
            Style::DoubleQuoted => self.write_double_quoted(scalar.text, allow_breaks),
        }
        self.indent = outer;
    }

    /// `yaml_emitter_increase_indent`; returns the indentation to restore afterwards.
    fn increase_indent(&mut self, flow: bool, indentless: bool) -> Option<usize> {
        let outer = self.indent;
        self.indent = Some(match outer {
            None if flow => BEST_INDENT,
            None => 0,
            Some(indent) if indentless => indent,
            Some(indent) => indent + BEST_INDENT,
        });
        outer
    }

    /// `yaml_emitter_write_indent`: go to the current indentation, on a new line unless this
    /// line holds only indentation so far.
    fn write_indent(&mut self) {
        let indent = self.indent.unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    /// `yaml_emitter_write_indicator`.
    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// `WRITE_BREAK`: a `\n` is written as the line break; LS and PS (the only other breaks
    /// that can reach a single-quoted scalar) are copied and also start a new line.
    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    /// `yaml_emitter_write_plain_scalar`. The analysis never allows a plain scalar with a
    /// line break, so only folding at spaces is handled.
    fn write_plain(&mut self, text: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let mut spaces = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == ' ' {
                // Fold at the first space of a run once past the width, unless another space
                // follows (a fold turns exactly one space into the line break).
                if allow_breaks && !spaces && self.column > BEST_WIDTH && chars.peek() != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    /// `yaml_emitter_write_single_quoted_scalar`: `'` doubled; a run of n line feeds written
    /// as n + 1 line breaks (a single one would read back as a space).
    fn write_single_quoted(&mut self, text: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let count = text.chars().count();
        let mut chars = text.chars().enumerate().peekable();
        while let Some((index, c)) = chars.next() {
            let next = chars.peek().map(|&(_, next)| next);
            if c == ' ' {
                let inside = index != 0 && index + 1 != count;
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && inside
                    && next != Some(' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if breaks {
            self.write_indent();
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// `yaml_emitter_write_double_quoted_scalar`: escapes for `"`, `\`, line breaks and
    /// characters libyaml does not print (non-ASCII ones are printed: `allow_unicode` is on).
    /// A fold drops one space; when another space follows, the new line starts with `\` so
    /// that it is not taken as indentation.
    fn write_double_quoted(&mut self, text: &str, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let mut spaces = false;
        let count = text.chars().count();
        let mut chars = text.chars().enumerate().peekable();
        while let Some((index, c)) = chars.next() {
            let next = chars.peek().map(|&(_, next)| next);
            // (libyaml also tests for a BOM here, which `is_printable` already excludes.)
            if !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                for e in escape(c).chars() {
                    self.put(e);
                }
                spaces = false;
            } else if c == ' ' {
                let inside = index != 0 && index + 1 != count;
                if allow_breaks && !spaces && self.column > BEST_WIDTH && inside {
                    self.write_indent();
                    if next == Some(' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }
}

/// The escape after `\` in a double-quoted scalar: a short one where YAML has it, else the
/// code point in upper-case hex as `xXX`, `uXXXX` or `UXXXXXXXX`.
fn escape(c: char) -> String {
    let short = match c {
        '\0' => "0",
        '\u{7}' => "a",
        '\u{8}' => "b",
        '\t' => "t",
        '\n' => "n",
        '\u{b}' => "v",
        '\u{c}' => "f",
        '\r' => "r",
        '\u{1b}' => "e",
        '"' => "\"",
        '\\' => "\\",
        '\u{85}' => "N",
        '\u{2028}' => "L",
        '\u{2029}' => "P",
        _ => "",
    };
    let code = u32::from(c);
    match code {
        _ if !short.is_empty() => short.to_string(),
        0..=0xff => format!("x{code:02X}"),
        0x100..=0xffff => format!("u{code:04X}"),
        _ => format!("U{code:08X}"),
    }
}

/// libyaml's `IS_PRINTABLE`: line feed, printable ASCII, and the BMP from U+00A0 except
/// surrogates, U+FEFF, U+FFFE and U+FFFF. Characters beyond the BMP (emoji) are not printable,
/// so a string holding one is double-quoted with `\U0001F600`.
fn is_printable(c: char) -> bool {
    matches!(u32::from(c), 0x0a | 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfffd) && c != '\u{feff}'
}

/// libyaml's `IS_BREAK`: CR, LF, NEL, LS, PS.
fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's `IS_BLANKZ`: space, tab, a line break, or NUL (the end of the string reads as NUL).
fn is_blankz(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(c, ' ' | '\t' | '\0') || is_break(c),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
}

/// A scalar as the representer hands it to the emitter, with libyaml's analysis of its text.
struct Scalar<'a> {
    text: &'a str,
    /// The text read back as a plain scalar has the scalar's own type (for a string: it does
    /// not look like a null, bool, int, float or timestamp).
    plain_implicit: bool,
    analysis: Analysis,
}

impl<'a> Scalar<'a> {
    /// A null, boolean or number, whose text always resolves to its own type.
    fn typed(text: &'a str) -> Self {
        Scalar {
            text,
            plain_implicit: true,
            analysis: Analysis::of(text),
        }
    }

    fn string(text: &'a str) -> Self {
        Scalar {
            text,
            plain_implicit: !resolves_as_non_string(text),
            analysis: Analysis::of(text),
        }
    }

    /// `yaml_emitter_check_simple_key`: one line, at most 128 bytes.
    fn is_simple_key(&self) -> bool {
        !self.analysis.multiline && self.text.len() <= MAX_SIMPLE_KEY_LENGTH
    }

    /// `yaml_emitter_select_scalar_style`, in block context (flow level 0).
    fn style(&self, simple_key: bool) -> Style {
        let a = &self.analysis;
        let mut style = Style::Plain;
        if simple_key && a.multiline {
            style = Style::DoubleQuoted;
        }
        if style == Style::Plain
            && (!a.block_plain_allowed
                || (self.text.is_empty() && simple_key)
                || !self.plain_implicit)
        {
            style = Style::SingleQuoted;
        }
        if style == Style::SingleQuoted && !a.single_quoted_allowed {
            style = Style::DoubleQuoted;
        }
        style
    }
}

/// What `yaml_emitter_analyze_scalar` finds out about a text (the flow-context flags are not
/// needed: no scalar is written inside a flow collection).
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
}

impl Analysis {
    fn of(text: &str) -> Self {
        if text.is_empty() {
            return Analysis {
                multiline: false,
                block_plain_allowed: true,
                single_quoted_allowed: true,
            };
        }
        let chars: Vec<char> = text.chars().collect();
        let last = chars.len() - 1;
        // Indicators that would make a plain scalar mean something else in block context.
        let mut block_indicators = text.starts_with("---") || text.starts_with("...");
        let mut line_breaks = false;
        let mut special_characters = false;
        let (mut leading_space, mut leading_break) = (false, false);
        let (mut trailing_space, mut trailing_break) = (false, false);
        let (mut break_space, mut space_break) = (false, false);
        let (mut previous_space, mut previous_break) = (false, false);
        let mut preceded_by_whitespace = true;
        for (i, &c) in chars.iter().enumerate() {
            let followed_by_whitespace = is_blankz(chars.get(i + 1).copied());
            if i == 0 {
                if "#,[]{}&*!|>'\"%@`".contains(c)
                    || (matches!(c, '?' | ':' | '-') && followed_by_whitespace)
                {
                    block_indicators = true;
                }
            } else if (c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace) {
                block_indicators = true;
            }
            if !is_printable(c) {
                special_characters = true;
            }
            if c == ' ' {
                leading_space |= i == 0;
                trailing_space |= i == last;
                break_space |= previous_break;
                (previous_space, previous_break) = (true, false);
            } else if is_break(c) {
                line_breaks = true;
                leading_break |= i == 0;
                trailing_break |= i == last;
                space_break |= previous_space;
                (previous_space, previous_break) = (false, true);
            } else {
                (previous_space, previous_break) = (false, false);
            }
            preceded_by_whitespace = is_blankz(Some(c));
        }
        let edge_whitespace = leading_space || leading_break || trailing_space || trailing_break;
        Analysis {
            multiline: line_breaks,
            block_plain_allowed: !(edge_whitespace
                || break_space
                || space_break
                || special_characters
                || line_breaks
                || block_indicators),
            single_quoted_allowed: !(break_space || space_break || special_characters),
        }
    }
}

/// Whether ruamel's YAML 1.2 implicit resolvers (`ruamel.yaml.resolver.Resolver`) read this
/// plain text as something other than a string: bool, null, int, float, timestamp, or the
/// `<<` merge key, `=` value key and `!`/`&`/`*` documentation tags. Each resolver is only
/// tried when the text starts with one of its listed first characters.
fn resolves_as_non_string(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return true; // the empty plain scalar is null
    };
    // Python's `$` also matches before a final line feed. (A text with a line feed is never
    // written plain, so this only keeps the function true to its name.)
    let text = text.strip_suffix('\n').unwrap_or(text);
    let b = text.as_bytes();
    match first {
        't' | 'T' | 'f' | 'F' if is_bool(text) => true,
        '~' | 'n' | 'N' if matches!(text, "~" | "null" | "Null" | "NULL") => true,
        '<' => text == "<<",
        '=' => text == "=",
        '!' | '&' | '*' => text.len() == 1,
        '-' | '+' | '.' | '0'..='9' => {
            is_float(b)
                || (first != '.' && is_int(b))
                || (first.is_ascii_digit() && is_timestamp(b))
        }
        _ => false,
    }
}

fn is_bool(text: &str) -> bool {
    matches!(text, "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
}

/// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?[0-9_]+ | [-+]?0x[0-9a-fA-F_]+`
fn is_int(b: &[u8]) -> bool {
    // A `b`, `o` or `x` after the leading 0 leaves only that base's alternative to match.
    let (digits, is_digit): (&[u8], fn(&u8) -> bool) = match strip_sign(b) {
        [b'0', b'b', rest @ ..] => (rest, |c| matches!(c, b'0' | b'1' | b'_')),
        [b'0', b'o', rest @ ..] => (rest, |c| matches!(c, b'0'..=b'7' | b'_')),
        [b'0', b'x', rest @ ..] => (rest, |c| c.is_ascii_hexdigit() || *c == b'_'),
        decimal => (decimal, |c| c.is_ascii_digit() || *c == b'_'),
    };
    !digits.is_empty() && digits.iter().all(is_digit)
}

/// ```text
///   [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?
/// | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
/// | [-+]?\.[0-9_]+([eE][-+][0-9]+)?
/// | [-+]?\.(inf|Inf|INF)
/// | \.(nan|NaN|NAN)
/// ```
fn is_float(b: &[u8]) -> bool {
    if matches!(b, b".nan" | b".NaN" | b".NAN") {
        return true;
    }
    let b = strip_sign(b);
    if matches!(b, b".inf" | b".Inf" | b".INF") {
        return true;
    }
    let digit_or_underscore = |c: &u8| c.is_ascii_digit() || *c == b'_';
    if let Some(rest) = b.strip_prefix(b".") {
        // `\.[0-9_]+` then an optional exponent whose sign is required.
        let fraction = rest.iter().take_while(|c| digit_or_underscore(c)).count();
        return fraction > 0 && is_exponent(&rest[fraction..], true, true);
    }
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let whole = b.iter().take_while(|c| digit_or_underscore(c)).count();
    let rest = &b[whole..];
    match rest.strip_prefix(b".") {
        Some(after_point) => {
            let fraction = after_point
                .iter()
                .take_while(|c| digit_or_underscore(c))
                .count();
            is_exponent(&after_point[fraction..], true, false)
        }
        None => !rest.is_empty() && is_exponent(rest, false, false),
    }
}

/// `[eE][-+]?[0-9]+` (the sign required when `sign_required`), or nothing at all when
/// `optional`.
fn is_exponent(b: &[u8], optional: bool, sign_required: bool) -> bool {
    if b.is_empty() {
        return optional;
    }
    let Some(rest) = b.strip_prefix(b"e").or_else(|| b.strip_prefix(b"E")) else {
        return false;
    };
    let digits = match rest.first() {
        Some(b'-' | b'+') => &rest[1..],
        _ if sign_required => return false,
        _ => rest,
    };
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

fn strip_sign(b: &[u8]) -> &[u8] {
    match b.first() {
        Some(b'-' | b'+') => &b[1..],
        _ => b,
    }
}

/// ```text
///   [0-9]{4}-[0-9]{2}-[0-9]{2}
/// | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?
///   ([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?
/// ```
fn is_timestamp(b: &[u8]) -> bool {
    let mut p = Parser { b, pos: 0 };
    if !(p.digits(4, 4) && p.byte(b'-')) {
        return false;
    }
    let date_start = p.pos;
    if p.digits(2, 2) && p.byte(b'-') && p.digits(2, 2) && p.at_end() {
        return true;
    }
    p.pos = date_start;
    if !(p.digits(1, 2) && p.byte(b'-') && p.digits(1, 2)) {
        return false;
    }
    if !(p.byte(b'T') || p.byte(b't') || p.blanks() > 0) {
        return false;
    }
    if !(p.digits(1, 2) && p.byte(b':') && p.digits(2, 2) && p.byte(b':') && p.digits(2, 2)) {
        return false;
    }
    if p.byte(b'.') {
        p.digits(0, usize::MAX);
    }
    if p.at_end() {
        return true;
    }
    // The zone, optionally after blanks; the regex backtracks nowhere else that matters here.
    p.blanks();
    if p.byte(b'Z') {
        return p.at_end();
    }
    if !(p.byte(b'-') || p.byte(b'+')) || !p.digits(1, 2) {
        return false;
    }
    if p.byte(b':') && !p.digits(2, 2) {
        return false;
    }
    p.at_end()
}

/// A cursor over ASCII bytes for `is_timestamp`.
struct Parser<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn byte(&mut self, expected: u8) -> bool {
        let found = self.b.get(self.pos) == Some(&expected);
        self.pos += usize::from(found);
        found
    }

    /// Take between `min` and `max` ASCII digits (greedily); false if fewer than `min`.
    fn digits(&mut self, min: usize, max: usize) -> bool {
        let count = self.b[self.pos..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        self.pos += count;
        count >= min
    }

    /// Take spaces and tabs; returns how many.
    fn blanks(&mut self) -> usize {
        let count = self.b[self.pos..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        self.pos += count;
        count
    }

    fn at_end(&self) -> bool {
        self.pos == self.b.len()
    }
}

#[cfg(test)]
mod tests {
    //! Expected texts come from ruamel.yaml 0.19.1 with ruamel.yaml.clib 0.2.15, driven as AWS
    //! CLI v2's formatter drives it; tests/golden/yaml-unit/gen.py regenerates the corpus.

    use super::*;

    fn check(input: &str, stream: bool, expected: &str) {
        let value: Value = serde_json::from_str(input).expect("test input is JSON");
        assert_eq!(
            render(&value, stream),
            expected,
            "input: {input}, stream: {stream}"
        );
    }

    #[test]
    fn top_level_scalars_print_as_json() {
        check("null", false, "null\n");
        check("true", false, "true\n");
        check("8", false, "8\n");
        check("1e16", false, "1e+16\n");
        check("\"123\"", false, "\"123\"\n");
        check(
            r#""é \"q\" 😀\t\u2028""#,
            false,
            "\"é \\\"q\\\" 😀\\t\u{2028}\"\n",
        );
    }

    #[test]
    fn an_empty_object_prints_nothing() {
        check("{}", false, "");
        check("{}", true, "");
    }

    #[test]
    fn get_caller_identity_sorts_keys_and_quotes_the_account() {
        check(
            r#"{"UserId": "AIDACKCEVSQ6C2EXAMPLE", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/Alice"}"#,
            false,
            r#"Account: '123456789012'
Arn: arn:aws:iam::123456789012:user/Alice
UserId: AIDACKCEVSQ6C2EXAMPLE
"#,
        );
    }

    #[test]
    fn assume_role_quotes_timestamps_and_leaves_tokens_whole() {
        check(
            r#"{"Credentials": {"AccessKeyId": "ASIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", "SessionToken": "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==", "Expiration": "2024-03-15T00:05:07+00:00"}, "AssumedRoleUser": {"AssumedRoleId": "AROA3XFRBF535PLBIFPI4:John", "Arn": "arn:aws:sts::123456789012:assumed-role/demo/John"}, "PackedPolicySize": 8, "SourceIdentity": "DevUser123"}"#,
            false,
            r#"AssumedRoleUser:
  Arn: arn:aws:sts::123456789012:assumed-role/demo/John
  AssumedRoleId: AROA3XFRBF535PLBIFPI4:John
Credentials:
  AccessKeyId: ASIAIOSFODNN7EXAMPLE
  Expiration: '2024-03-15T00:05:07+00:00'
  SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY
  SessionToken: AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==
PackedPolicySize: 8
SourceIdentity: DevUser123
"#,
        );
    }

    #[test]
    fn decoded_message_json_is_single_quoted() {
        check(
            r#"{"DecodedMessage": "{\"allowed\":false,\"explicitDeny\":false,\"matchedStatements\":{\"items\":[]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\":\"AIDACKCEVSQ6C2EXAMPLE\",\"name\":\"Bob\",\"arn\":\"arn:aws:iam::123456789012:user/Bob\"},\"action\":\"ec2:RunInstances\",\"resource\":\"arn:aws:ec2:us-east-1:123456789012:instance/*\",\"conditions\":{\"items\":[{\"key\":\"ec2:InstanceType\",\"values\":{\"items\":[{\"value\":\"t3.micro\"}]}}]}}}"}"#,
            false,
            r#"DecodedMessage: '{"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"failures":{"items":[]},"context":{"principal":{"id":"AIDACKCEVSQ6C2EXAMPLE","name":"Bob","arn":"arn:aws:iam::123456789012:user/Bob"},"action":"ec2:RunInstances","resource":"arn:aws:ec2:us-east-1:123456789012:instance/*","conditions":{"items":[{"key":"ec2:InstanceType","values":{"items":[{"value":"t3.micro"}]}}]}}}'
"#,
        );
    }

    #[test]
    fn stream_wraps_the_response_in_a_list() {
        check(
            r#"{"UserId": "AIDACKCEVSQ6C2EXAMPLE", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/Alice"}"#,
            true,
            r#"- Account: '123456789012'
  Arn: arn:aws:iam::123456789012:user/Alice
  UserId: AIDACKCEVSQ6C2EXAMPLE
"#,
        );
    }

    #[test]
    fn multi_line_policy_is_double_quoted_and_folded() {
        check(
            r#"{"Policy": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"arn:aws:s3:::example-bucket/*\"\n    }\n  ]\n}"}"#,
            false,
            r#"Policy: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\":
  \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"arn:aws:s3:::example-bucket/*\"\n
  \   }\n  ]\n}"
"#,
        );
    }

    #[test]
    fn multi_line_text_is_single_quoted_with_blank_lines() {
        check(
            r#"{"Text": "first line\nsecond line\n\nafter a blank line"}"#,
            false,
            r#"Text: 'first line

  second line


  after a blank line'
"#,
        );
    }

    #[test]
    fn plain_scalars_fold_at_80_columns() {
        check(
            r#"{"Description": "The session policy limits what the role session can do; it cannot grant more than the role's own identity-based policy allows.", "List": ["a plain list item that is long enough to pass the eighty column limit of the emitter, and fold"]}"#,
            false,
            r#"Description: The session policy limits what the role session can do; it cannot grant
  more than the role's own identity-based policy allows.
List:
- a plain list item that is long enough to pass the eighty column limit of the emitter,
  and fold
"#,
        );
    }

    #[test]
    fn quoted_scalars_fold_too() {
        check(
            r#"{"Single": "'quoted because it starts with a quote, and long enough to be folded by the emitter at eighty", "Double": "double quoted because of a tab\there, and long enough to be folded;  two spaces  at the fold point keep a backslash"}"#,
            false,
            r#"Double: "double quoted because of a tab\there, and long enough to be folded;  two
  spaces  at the fold point keep a backslash"
Single: '''quoted because it starts with a quote, and long enough to be folded by
  the emitter at eighty'
"#,
        );
    }

    #[test]
    fn strings_yaml_would_misread_are_quoted() {
        check(
            r#"["123456789012", "-7", "+1", "0x1F", "0o17", "0b11", "1_000", "1.5", "1e3", ".5", ".inf", "-.Inf", ".NaN", "true", "False", "TRUE", "null", "Null", "~", "", "2016-03-15", "2016-03-15T00:05:07+00:00", "2016-3-5 1:02:03.5 Z", "<<", "=", "yes", "no", "on", "off", "y", "1:20", "1e", "0x", "_1", "tRUE", "nULL", "20160315T000507Z"]"#,
            false,
            r#"- '123456789012'
- '-7'
- '+1'
- '0x1F'
- '0o17'
- '0b11'
- '1_000'
- '1.5'
- '1e3'
- '.5'
- '.inf'
- '-.Inf'
- '.NaN'
- 'true'
- 'False'
- 'TRUE'
- 'null'
- 'Null'
- '~'
- ''
- '2016-03-15'
- '2016-03-15T00:05:07+00:00'
- '2016-3-5 1:02:03.5 Z'
- '<<'
- '='
- yes
- no
- on
- off
- y
- 1:20
- 1e
- 0x
- _1
- tRUE
- nULL
- 20160315T000507Z
"#,
        );
    }

    #[test]
    fn indicators_and_whitespace_force_quotes() {
        check(
            r##"["-", "- a", "-a", "?", "? a", "?a", ":", ": a", ":a", "a: b", "a:b", "a #b", "a#b", "#a", "[a", "a[b]", "{a", "a}", ",a", "a,b", "&a", "*a", "!a", "|a", ">a", "'a", "\"a", "%a", "@a", "`a", "---", "--- a", "...", " a", "a ", "a  b", "it's", "say \"hi\"", "back\\slash"]"##,
            false,
            r##"- '-'
- '- a'
- -a
- '?'
- '? a'
- ?a
- ':'
- ': a'
- :a
- 'a: b'
- a:b
- 'a #b'
- a#b
- '#a'
- '[a'
- a[b]
- '{a'
- a}
- ',a'
- a,b
- '&a'
- '*a'
- '!a'
- '|a'
- '>a'
- '''a'
- '"a'
- '%a'
- '@a'
- '`a'
- '---'
- '--- a'
- '...'
- ' a'
- 'a '
- a  b
- it's
- say "hi"
- back\slash
"##,
        );
    }

    #[test]
    fn special_characters_are_double_quoted_with_escapes() {
        check(
            r#"["tab\there", "cr\rlf", "nul\u0000", "bell\u0007", "esc\u001b", "del\u007f", "c1\u0085\u0090", "bom\ufeff", "nonchar\uffff", "emoji 😀", "a\n b", "a \nb", "\n"]"#,
            false,
            r#"- "tab\there"
- "cr\rlf"
- "nul\0"
- "bell\a"
- "esc\e"
- "del\x7F"
- "c1\N\x90"
- "bom\uFEFF"
- "nonchar\uFFFF"
- "emoji \U0001F600"
- "a\n b"
- "a \nb"
- '

  '
"#,
        );
    }

    #[test]
    fn unicode_in_the_bmp_is_written_as_is() {
        check(
            r#"{"café": "é", "中文": "日本語のテキスト", "key😀": "v"}"#,
            false,
            r#"café: é
"key\U0001F600": v
中文: 日本語のテキスト
"#,
        );
    }

    #[test]
    fn keys_are_sorted_by_code_point_and_quoted_like_values() {
        check(
            r#"{"b": 1, "B": 2, "a": 3, "_": 4, "1": 5, "é": 6, "": 7, " ": 8, "true": 9, "a: b": 10, "Z": 11}"#,
            false,
            r#"'': 7
' ': 8
'1': 5
B: 2
Z: 11
_: 4
a: 3
'a: b': 10
b: 1
'true': 9
é: 6
"#,
        );
    }

    #[test]
    fn long_and_multi_line_keys_use_the_explicit_form() {
        check(
            r#"{"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": 1, "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé": 2, "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé": 3, "two\nlines": [1, 2], "short": {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": {"a": 1}}}"#,
            false,
            r#"? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
: 1
short:
  ? xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  : a: 1
? 'two

  lines'
: - 1
  - 2
éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé: 2
? ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé
: 3
"#,
        );
    }

    #[test]
    fn numbers_booleans_and_null() {
        check(
            r#"{"int": 8, "negative": -7, "big": 18446744073709551615, "float": 1.5, "one": 1.0, "e16": 1e+16, "small": 1e-07, "negzero": -0.0, "t": true, "f": false, "n": null}"#,
            false,
            r#"big: 18446744073709551615
e16: 1e+16
f: false
float: 1.5
int: 8
n: null
negative: -7
negzero: -0.0
one: 1.0
small: 1e-07
t: true
"#,
        );
    }

    #[test]
    fn empty_collections_are_flow() {
        check(
            r#"{"list": [], "map": {}, "nested": [[], {}, [[]], [{}]]}"#,
            false,
            r#"list: []
map: {}
nested:
- []
- {}
- - []
- - {}
"#,
        );
    }

    #[test]
    fn sequences_in_mappings_are_not_indented() {
        check(
            r#"{"Tags": [{"Key": "Project", "Value": "Unicorn"}, {"Key": "Team", "Value": "Automation"}], "Nested": {"List": [[1, 2], [3, [4, 5]]]}}"#,
            false,
            r#"Nested:
  List:
  - - 1
    - 2
  - - 3
    - - 4
      - 5
Tags:
- Key: Project
  Value: Unicorn
- Key: Team
  Value: Automation
"#,
        );
    }

    #[test]
    fn lists_of_maps_with_different_keys() {
        check(
            r#"[{"b": 1, "a": [1, 2]}, {"c": {"d": {"e": []}}}, {}, "x", [{"y": null}]]"#,
            false,
            r#"- a:
  - 1
  - 2
  b: 1
- c:
    d:
      e: []
- {}
- x
- - y: null
"#,
        );
    }

    #[test]
    fn deep_nesting_indents_by_two() {
        check(
            r#"{"a": {"b": {"c": {"d": [{"e": {"f": ["g", ["h"]]}}]}}}}"#,
            false,
            r#"a:
  b:
    c:
      d:
      - e:
          f:
          - g
          - - h
"#,
        );
    }

    #[test]
    fn top_level_list() {
        check(
            r#"["ASIAIOSFODNN7EXAMPLE", 8, null]"#,
            false,
            r#"- ASIAIOSFODNN7EXAMPLE
- 8
- null
"#,
        );
    }

    #[test]
    fn top_level_empty_list() {
        check(
            r#"[]"#, false, r#"[]
"#,
        );
    }

    #[test]
    fn stream_of_an_empty_list() {
        check(
            r#"[]"#, true, r#"- []
"#,
        );
    }

    #[test]
    fn stream_of_a_list() {
        check(
            r#"[1, [2]]"#,
            true,
            r#"- - 1
  - - 2
"#,
        );
    }

    #[test]
    fn stream_of_a_scalar_is_yaml() {
        check(
            r#""123""#,
            true,
            r#"- '123'
"#,
        );
    }

    #[test]
    fn stream_of_null() {
        check(
            r#"null"#,
            true,
            r#"- null
"#,
        );
    }

    /// Every case of the generated corpus (741 cases: all STS responses, --query result types,
    /// quoting, escapes, folding boundaries, long keys, random strings and structures).
    #[test]
    fn golden_corpus() {
        let corpus = include_str!("../../tests/golden/yaml-unit/corpus.jsonl");
        let mut failures = Vec::new();
        for line in corpus.lines() {
            let case: Value = serde_json::from_str(line).expect("corpus line is JSON");
            let field = |name: &str| case[name].as_str().expect("corpus field is a string");
            let input: Value = serde_json::from_str(field("input")).expect("corpus input is JSON");
            let stream = case["stream"].as_bool().expect("corpus stream is a bool");
            let actual = render(&input, stream);
            if actual != field("expected") {
                failures.push(format!(
                    "{} (stream: {stream})\nexpected:\n{}\nactual:\n{actual}",
                    field("name"),
                    field("expected")
                ));
            }
        }
        assert!(corpus.lines().count() > 700, "the corpus is missing cases");
        assert!(
            failures.is_empty(),
            "{} cases differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// No input panics: every tricky character, alone and in runs of every length up to past the
    /// fold width, as key and value at several depths.
    #[test]
    fn no_input_panics() {
        let characters = [
            "", " ", "a", "-", ":", "#", "?", "'", "\"", "\\", "\n", "\r", "\t", "\0", ".", "0",
            "e", "+", "_", "~", "[", "{", "&", "!", "|", ">", "%", "@", "`", "<", "=", "é", "中",
            "😀", "\u{85}", "\u{a0}", "\u{2028}", "\u{feff}", "\u{ffff}", "\u{7f}", "a b", "1:2",
        ];
        for first in characters {
            for second in characters {
                for length in [1, 2, 81, 130] {
                    let text: String = first.repeat(length) + second;
                    let mut value =
                        serde_json::json!({ text.clone(): text, "list": [text.clone()] });
                    for _ in 0..3 {
                        for stream in [false, true] {
                            let output = render(&value, stream);
                            assert!(output.ends_with('\n'), "no final newline for {value}");
                        }
                        value = serde_json::json!([{ "k": value }]);
                    }
                    let _ = render(&Value::String(text), false);
                }
            }
        }
    }
}
