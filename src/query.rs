//! `--query`: JMESPath that behaves like Python `jmespath` 1.1.0, the library the AWS CLI uses.
//!
//! Our lexer and parser follow Python's token for token, so the same expressions are accepted
//! and the error texts are Python's; they build a `jpx_core` AST, which `jpx_core` evaluates.
//! The 26 functions and the comparison operators are ours, registered in its runtime, so that
//! integers stay integers, floats stay floats and the errors read like Python's.
//!
//! Error texts are exact for lexer, parser, arity, type and unknown-function errors, and for
//! Python's own `TypeError`s (`'<' not supported between instances of 'int' and 'str'`).
//! Approximate (clear, not byte-exact): `merge()` given a non-empty list after its first
//! argument, an expression reference printed inside an error (Python shows its address),
//! non-printable characters that are unassigned in Unicode, and where the recursion limit is
//! hit (Python's depends on its stack; we stop at `MAX_DEPTH` nested expressions when parsing
//! and at jpx-core's 128 nested nodes when evaluating).
//!
//! Left out, because `serde_json::Value` cannot hold them: integers beyond 64 bits (become
//! floats), NaN and infinities (become null, or stay strings in a JSON literal), lone UTF-16
//! surrogates (become U+FFFD, or a "Bad token" error in a JSON literal). `to_number()` reads
//! ASCII digits only.

use std::cmp::Ordering;
use std::sync::LazyLock;

use jpx_core::ast::{Ast, Comparator, KeyValuePair};
use jpx_core::interpreter::interpret;
use jpx_core::{Context, ErrorReason, Expression, JmespathError, Runtime, RuntimeError, ValueExt};
use serde_json::{Map, Number, Value};

/// A compiled `--query` expression.
pub struct Query {
    expression: Expression<'static>,
}

impl Query {
    /// Compile; on failure returns the full user-facing message, e.g.
    /// "Bad value for --query foo[: Invalid jmespath expression: Incomplete expression:\n\"foo[\"\n     ^"
    pub fn compile(expression: &str) -> Result<Query, String> {
        let ast = parse(expression)
            .map_err(|message| format!("Bad value for --query {expression}: {message}"))?;
        let expression = Expression::new(expression, ast, &RUNTIME);
        Ok(Query { expression })
    }

    /// Evaluate; on failure returns Python's runtime message, e.g. "Unknown function: nosuchfn()"
    pub fn search(&self, data: &Value) -> Result<Value, String> {
        self.expression.search(data).map_err(error_text)
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer (jmespath/lexer.py). Token kinds are Python's names; positions count characters.

/// A token; `value` is what Python's token holds (JSON for literals, else a string).
#[derive(Clone)]
struct Token {
    kind: &'static str,
    start: usize,
    value: Value,
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

/// Parser.BINDING_POWER (0 for every kind not listed).
fn binding_power_of(kind: &str) -> u8 {
    match kind {
        "pipe" => 1,
        "or" => 2,
        "and" => 3,
        "eq" | "gt" | "lt" | "gte" | "lte" | "ne" => 5,
        "flatten" => 9,
        "star" => 20,
        "filter" => 21,
        "dot" => 40,
        "not" => 45,
        "lbrace" => 50,
        "lbracket" => 55,
        "lparen" => 60,
        _ => 0,
    }
}

/// Splits an expression into tokens; an error is (position, message) as in LexerError.
fn tokenize(chars: &[char]) -> Result<Vec<Token>, (usize, String)> {
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
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

// ---------------------------------------------------------------------------------------------
// Parser (jmespath/parser.py), building jpx-core's AST.

/// Deepest nesting of expressions we parse, so that no expression can overflow the stack.
const MAX_DEPTH: usize = 200;
/// Offset that marks the `Subexpr` nodes standing for Python's `index_expression`: `a[0][1:2]`
/// appends the slice to it rather than starting a projection, which changes `a[0][1:2].b`.
const INDEX_EXPRESSION: usize = usize::MAX;
/// Prefix of the functions behind the operators. A user's function name with this prefix gets
/// a second one, so it cannot reach them, and `error_text` takes it off again.
const HIDDEN: char = '\0';

fn parse(expression: &str) -> Result<Ast, String> {
    if expression.is_empty() {
        return Err("Invalid JMESPath expression: cannot be empty.".into());
    }
    let chars: Vec<char> = expression.chars().collect();
    let tokens = tokenize(&chars).map_err(|(at, message)| {
        let caret = " ".repeat(at);
        format!("Bad jmespath expression: {message}:\n{expression}\n{caret}^")
    })?;
    let length = chars.len();
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
        expression,
        length,
    };
    let ast = parser.expression(0)?;
    let token = parser.token(0);
    if token.kind != "eof" {
        let message = format!("Unexpected token: {}", py_str(&token.value));
        return Err(parser.error(token.start, token, &message));
    }
    Ok(ast)
}

struct Parser<'a> {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    expression: &'a str,
    length: usize,
}

impl Parser<'_> {
    /// The token `ahead` places from the current one (the final EOF if past the end).
    fn token(&self, ahead: isize) -> &Token {
        let index = self.pos.saturating_add_signed(ahead);
        &self.tokens[index.min(self.tokens.len() - 1)]
    }

    fn kind(&self, ahead: isize) -> &'static str {
        self.token(ahead).kind
    }

    fn advance(&mut self) {
        self.pos += 1;
    }

    /// ParseError's text.
    fn error(&self, column: usize, token: &Token, message: &str) -> String {
        let (value, kind) = (py_str(&token.value), token.kind.to_uppercase());
        let (expression, caret) = (self.expression, " ".repeat(column + 1));
        format!(
            "{message}: Parse error at column {column}, token \"{value}\" ({kind}), for expression:\n\"{expression}\"\n{caret}^"
        )
    }

    /// ParseError's text for the current token.
    fn fail(&self, message: &str) -> String {
        self.error(self.token(0).start, self.token(0), message)
    }

    /// IncompleteExpressionError's text.
    fn incomplete(&self) -> String {
        let (expression, caret) = (self.expression, " ".repeat(self.length + 1));
        format!("Invalid jmespath expression: Incomplete expression:\n\"{expression}\"\n{caret}^")
    }

    /// `_match` and `_match_multiple_tokens`: consume one of `kinds`, or fail like Python.
    fn expect(&mut self, kinds: &[&str]) -> Result<(), String> {
        if kinds.contains(&self.kind(0)) {
            self.advance();
            return Ok(());
        }
        if self.kind(0) == "eof" {
            return Err(self.incomplete());
        }
        let expected = match kinds {
            [one] => one.to_string(),
            many => py_list(many),
        };
        Err(self.fail(&format!("Expecting: {expected}, got: {}", self.kind(0))))
    }

    fn expression(&mut self, binding_power: u8) -> Result<Ast, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("maximum recursion depth exceeded".into());
        }
        let token = self.token(0).clone();
        self.advance();
        let mut left = self.nud(token)?;
        while binding_power < binding_power_of(self.kind(0)) {
            left = self.led(left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    /// A token at the start of an expression (its "null denotation").
    fn nud(&mut self, token: Token) -> Result<Ast, String> {
        let next = self.kind(0);
        Ok(match token.kind {
            "literal" => Ast::Literal {
                offset: token.start,
                value: token.value,
            },
            "quoted_identifier" if next == "lparen" => {
                let message = "Quoted identifier not allowed for function names.";
                return Err(self.error(0, self.token(0), message));
            }
            "unquoted_identifier" | "quoted_identifier" => field(token),
            "star" if next == "rbracket" => value_projection(identity(), identity()),
            "star" => value_projection(identity(), self.projection_rhs(20)?),
            "filter" => self.filter(identity())?,
            "lbrace" => self.multi_select_hash()?,
            "lparen" => {
                let inner = self.expression(0)?;
                self.expect(&["rparen"])?;
                inner
            }
            "flatten" => projection(flatten(identity()), self.projection_rhs(9)?),
            "not" => Ast::Not {
                offset: token.start,
                node: Box::new(self.expression(45)?),
            },
            "lbracket" if matches!(next, "number" | "colon") => {
                let (right, is_slice) = self.index_or_slice()?;
                self.project_if_slice(identity(), right, is_slice)?
            }
            "lbracket" if next == "star" && self.kind(1) == "rbracket" => {
                self.advance();
                self.advance();
                projection(identity(), self.projection_rhs(20)?)
            }
            "lbracket" => self.multi_select_list()?,
            "current" => identity(),
            "expref" => Ast::Expref {
                offset: token.start,
                ast: Box::new(self.expression(0)?),
            },
            "eof" => return Err(self.incomplete()),
            _ => return Err(self.error(token.start, &token, "invalid token")),
        })
    }

    /// The current token after a complete `left` expression (its "left denotation").
    fn led(&mut self, left: Ast) -> Result<Ast, String> {
        let kind = self.kind(0);
        if matches!(kind, "star" | "not" | "lbrace") {
            return Err(self.fail("invalid token"));
        }
        self.advance();
        let operator = match kind {
            "eq" => "==",
            "ne" => "!=",
            "lt" => "<",
            "lte" => "<=",
            "gt" => ">",
            "gte" => ">=",
            _ => "",
        };
        Ok(match kind {
            _ if !operator.is_empty() => hidden_call(operator, vec![left, self.expression(5)?]),
            "dot" if self.kind(0) == "star" => {
                self.advance();
                value_projection(left, self.projection_rhs(40)?)
            }
            "dot" => subexpr(0, left, self.dot_rhs(40)?),
            "pipe" => subexpr(0, left, self.expression(1)?),
            "or" => {
                let (lhs, rhs) = (Box::new(left), Box::new(self.expression(2)?));
                Ast::Or {
                    offset: 0,
                    lhs,
                    rhs,
                }
            }
            "and" => {
                let (lhs, rhs) = (Box::new(left), Box::new(self.expression(3)?));
                Ast::And {
                    offset: 0,
                    lhs,
                    rhs,
                }
            }
            "lparen" => self.function_call(left)?,
            "filter" => self.filter(left)?,
            "flatten" => projection(flatten(left), self.projection_rhs(9)?),
            "lbracket" if matches!(self.kind(0), "number" | "colon") => {
                let (right, is_slice) = self.index_or_slice()?;
                if is_index_expression(&left) {
                    subexpr(INDEX_EXPRESSION, left, right)
                } else {
                    self.project_if_slice(left, right, is_slice)?
                }
            }
            _ => {
                // "lbracket", the only kind with a binding power not handled above.
                self.expect(&["star"])?;
                self.expect(&["rbracket"])?;
                projection(left, self.projection_rhs(20)?)
            }
        })
    }

    fn function_call(&mut self, left: Ast) -> Result<Ast, String> {
        let Ast::Field { name, offset } = left else {
            // Python names the token just before the `(`.
            let before = self.token(-2);
            let message = format!("Invalid function name '{}'", py_str(&before.value));
            return Err(self.error(before.start, before, &message));
        };
        let mut args = Vec::new();
        // As in Python, commas between arguments are optional and a trailing one is allowed.
        while self.kind(0) != "rparen" {
            args.push(self.expression(0)?);
            if self.kind(0) == "comma" {
                self.advance();
            }
        }
        self.advance();
        let name = if name.starts_with(HIDDEN) {
            format!("{HIDDEN}{name}")
        } else {
            name
        };
        Ok(Ast::Function { offset, name, args })
    }

    fn filter(&mut self, left: Ast) -> Result<Ast, String> {
        let predicate = Box::new(self.expression(0)?);
        self.expect(&["rbracket"])?;
        let then = match self.kind(0) {
            "flatten" => Box::new(identity()),
            _ => Box::new(self.projection_rhs(21)?),
        };
        Ok(projection(
            left,
            Ast::Condition {
                offset: 0,
                predicate,
                then,
            },
        ))
    }

    /// `[number]` or a slice; the bool says which.
    fn index_or_slice(&mut self) -> Result<(Ast, bool), String> {
        if self.kind(0) != "colon" && self.kind(1) != "colon" {
            let index = number(self.token(0));
            self.advance();
            self.expect(&["rbracket"])?;
            let idx = i32::try_from(index).unwrap_or(if index < 0 { i32::MIN } else { i32::MAX });
            return Ok((Ast::Index { offset: 0, idx }, false));
        }
        let mut parts = [None; 3];
        let mut part = 0;
        while self.kind(0) != "rbracket" {
            match self.kind(0) {
                "colon" if part < 2 => part += 1,
                "number" => parts[part] = Some(number(self.token(0))),
                _ => return Err(self.fail("syntax error")),
            }
            self.advance();
        }
        self.advance();
        Ok((slice(parts), true))
    }

    fn project_if_slice(&mut self, left: Ast, right: Ast, is_slice: bool) -> Result<Ast, String> {
        let node = subexpr(INDEX_EXPRESSION, left, right);
        if !is_slice {
            return Ok(node);
        }
        Ok(projection(node, self.projection_rhs(20)?))
    }

    fn multi_select_list(&mut self) -> Result<Ast, String> {
        let mut elements = vec![self.expression(0)?];
        while self.kind(0) != "rbracket" {
            self.expect(&["comma"])?;
            elements.push(self.expression(0)?);
        }
        self.advance();
        Ok(Ast::MultiList {
            offset: 0,
            elements,
        })
    }

    fn multi_select_hash(&mut self) -> Result<Ast, String> {
        let mut elements = Vec::new();
        loop {
            let key = py_str(&self.token(0).value);
            self.expect(&["quoted_identifier", "unquoted_identifier"])?;
            self.expect(&["colon"])?;
            let value = self.expression(0)?;
            elements.push(KeyValuePair { key, value });
            // As in Python, a missing comma between pairs is accepted.
            match self.kind(0) {
                "comma" => self.advance(),
                "rbrace" => break,
                _ => {}
            }
        }
        self.advance();
        Ok(Ast::MultiHash {
            offset: 0,
            elements,
        })
    }

    fn projection_rhs(&mut self, binding_power: u8) -> Result<Ast, String> {
        match self.kind(0) {
            kind if binding_power_of(kind) < 10 => Ok(identity()),
            "lbracket" | "filter" => self.expression(binding_power),
            "dot" => {
                self.advance();
                self.dot_rhs(binding_power)
            }
            _ => Err(self.fail("syntax error")),
        }
    }

    fn dot_rhs(&mut self, binding_power: u8) -> Result<Ast, String> {
        match self.kind(0) {
            "quoted_identifier" | "unquoted_identifier" | "star" => self.expression(binding_power),
            "lbracket" => {
                self.advance();
                self.multi_select_list()
            }
            "lbrace" => {
                self.advance();
                self.multi_select_hash()
            }
            kind => {
                let allowed = [
                    "quoted_identifier",
                    "unquoted_identifier",
                    "lbracket",
                    "lbrace",
                ];
                Err(self.fail(&format!("Expecting: {}, got: {kind}", py_list(&allowed))))
            }
        }
    }
}

fn identity() -> Ast {
    Ast::Identity { offset: 0 }
}

fn field(token: Token) -> Ast {
    Ast::Field {
        offset: token.start,
        name: py_str(&token.value),
    }
}

fn subexpr(offset: usize, lhs: Ast, rhs: Ast) -> Ast {
    Ast::Subexpr {
        offset,
        lhs: Box::new(lhs),
        rhs: Box::new(rhs),
    }
}

fn is_index_expression(ast: &Ast) -> bool {
    matches!(ast, Ast::Subexpr { offset, .. } if *offset == INDEX_EXPRESSION)
}

fn projection(lhs: Ast, rhs: Ast) -> Ast {
    Ast::Projection {
        offset: 0,
        lhs: Box::new(lhs),
        rhs: Box::new(rhs),
    }
}

fn value_projection(lhs: Ast, rhs: Ast) -> Ast {
    projection(
        Ast::ObjectValues {
            offset: 0,
            node: Box::new(lhs),
        },
        rhs,
    )
}

fn flatten(node: Ast) -> Ast {
    Ast::Flatten {
        offset: 0,
        node: Box::new(node),
    }
}

fn hidden_call(name: &str, args: Vec<Ast>) -> Ast {
    Ast::Function {
        offset: 0,
        name: format!("{HIDDEN}{name}"),
        args,
    }
}

/// A number token's value, saturated to i64.
fn number(token: &Token) -> i64 {
    let text = py_str(&token.value);
    text.parse().unwrap_or(if text.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    })
}

fn slice(parts: [Option<i64>; 3]) -> Ast {
    // Python raises only when a list is sliced with step 0, so that check waits for run time.
    if parts[2] == Some(0) {
        return hidden_call("zero step slice", vec![identity()]);
    }
    // jpx-core steps with i32 arithmetic; bounding to 2^30 keeps `i += step` from overflowing
    // and changes nothing for arrays shorter than 2^30.
    let bound = |n: i64| n.clamp(-(1 << 30), 1 << 30) as i32;
    let (start, stop, step) = (
        parts[0].map(bound),
        parts[1].map(bound),
        parts[2].map_or(1, bound),
    );
    Ast::Slice {
        offset: 0,
        start,
        stop,
        step,
    }
}

// ---------------------------------------------------------------------------------------------
// Functions (jmespath/functions.py) and operators (jmespath/visitor.py).

/// A function's name, its argument types as Python writes them (empty: any type), and
/// whether more arguments may follow.
type Signature = (&'static str, &'static [&'static [&'static str]], bool);

const NUMBER: &[&str] = &["number"];
const STRING: &[&str] = &["string"];
const OBJECT: &[&str] = &["object"];
const ARRAY: &[&str] = &["array"];
const EXPREF: &[&str] = &["expref"];
const ANY: &[&str] = &[];

const FUNCTIONS: &[Signature] = &[
    ("abs", &[NUMBER], false),
    ("avg", &[&["array-number"]], false),
    ("ceil", &[NUMBER], false),
    ("contains", &[&["array", "string"], ANY], false),
    ("ends_with", &[STRING, STRING], false),
    ("floor", &[NUMBER], false),
    ("join", &[STRING, &["array-string"]], false),
    ("keys", &[OBJECT], false),
    ("length", &[&["string", "array", "object"]], false),
    ("map", &[EXPREF, ARRAY], false),
    ("max", &[&["array-number", "array-string"]], false),
    ("max_by", &[ARRAY, EXPREF], false),
    ("merge", &[OBJECT], true),
    ("min", &[&["array-number", "array-string"]], false),
    ("min_by", &[ARRAY, EXPREF], false),
    ("not_null", &[ANY], true),
    ("reverse", &[&["array", "string"]], false),
    ("sort", &[&["array-string", "array-number"]], false),
    ("sort_by", &[ARRAY, EXPREF], false),
    ("starts_with", &[STRING, STRING], false),
    ("sum", &[&["array-number"]], false),
    ("to_array", &[ANY], false),
    ("to_number", &[ANY], false),
    ("to_string", &[ANY], false),
    ("type", &[ANY], false),
    ("values", &[OBJECT], false),
    ("\0==", &[ANY, ANY], false),
    ("\0!=", &[ANY, ANY], false),
    ("\0<", &[ANY, ANY], false),
    ("\0<=", &[ANY, ANY], false),
    ("\0>", &[ANY, ANY], false),
    ("\0>=", &[ANY, ANY], false),
    ("\0zero step slice", &[ANY], false),
];

/// Only our functions are registered: any other name is Python's "Unknown function".
static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    let mut runtime = Runtime::new();
    for &(name, types, variadic) in FUNCTIONS {
        let function = move |args: &[Value], ctx: &mut Context<'_>| {
            check_args(name, args, types, variadic)
                .and_then(|()| call(name, args, ctx))
                .map_err(|text| JmespathError::new(ctx.expression, 0, ErrorReason::Parse(text)))
        };
        runtime.register_function(name, Box::new(function));
    }
    runtime
});

/// The message Python prints for an evaluation error.
fn error_text(error: JmespathError) -> String {
    match error.reason {
        // Our functions carry Python's text in this variant.
        ErrorReason::Parse(text) => text,
        ErrorReason::Runtime(RuntimeError::UnknownFunction(name)) => {
            format!(
                "Unknown function: {}()",
                name.strip_prefix(HIDDEN).unwrap_or(&name)
            )
        }
        ErrorReason::Runtime(RuntimeError::RecursionLimitExceeded { .. }) => {
            "maximum recursion depth exceeded".into()
        }
        other => other.to_string(),
    }
}

/// `_validate_arguments`: the count, then the types (of the declared positions only).
fn check_args(name: &str, args: &[Value], types: &[&[&str]], variadic: bool) -> Result<(), String> {
    let (expected, got) = (types.len(), args.len());
    let noun = if expected == 1 {
        "argument"
    } else {
        "arguments"
    };
    if variadic && got < expected {
        return Err(format!(
            "Expected at least {expected} {noun} for function {name}(), received {got}"
        ));
    }
    if !variadic && got != expected {
        return Err(format!(
            "Expected {expected} {noun} for function {name}(), received {got}"
        ));
    }
    let mut typed = args
        .iter()
        .zip(types)
        .filter(|(_, allowed)| !allowed.is_empty());
    typed.try_for_each(|(arg, allowed)| check_type(name, arg, allowed))
}

/// `_type_check_single`, with its quirk of naming a bad element's type the Python way ("str").
fn check_type(name: &str, arg: &Value, allowed: &[&str]) -> Result<(), String> {
    let py_types_of =
        |jp: &str| -> Vec<&str> { TYPES.iter().filter(|t| t.1 == jp).map(|t| t.0).collect() };
    let mut outer: Vec<&str> = Vec::new();
    let mut inner: Vec<Vec<&str>> = Vec::new();
    for spec in allowed {
        let (top, element) = spec
            .split_once('-')
            .map_or((*spec, None), |(t, e)| (t, Some(e)));
        outer.extend(py_types_of(top));
        inner.extend(element.map(py_types_of));
    }
    let actual = py_type(arg);
    if !outer.contains(&actual) {
        return Err(type_error(name, arg, jp_type(actual), allowed));
    }
    let items = match arg {
        Value::Array(items) if !inner.is_empty() && !items.is_empty() => items,
        _ => return Ok(()),
    };
    // With several element types, the first element picks the one all must have.
    let first = py_type(&items[0]);
    let Some(wanted) = inner
        .iter()
        .find(|types| inner.len() == 1 || types.contains(&first))
    else {
        return Err(type_error(name, &items[0], first, allowed));
    };
    match items.iter().find(|item| !wanted.contains(&py_type(item))) {
        Some(bad) => Err(type_error(name, bad, py_type(bad), allowed)),
        None => Ok(()),
    }
}

fn type_error(name: &str, value: &Value, received: &str, expected: &[&str]) -> String {
    let (value, expected) = (py_str(value), py_list(expected));
    format!(
        "In function {name}(), invalid type for value: {value}, expected one of: {expected}, received: \"{received}\""
    )
}

/// Python's `TypeError` for `<` and friends between a number and a string.
fn unorderable(operator: &str, left: &Value, right: &Value) -> String {
    let (left, right) = (py_type(left), py_type(right));
    format!("'{operator}' not supported between instances of '{left}' and '{right}'")
}

/// Python type names and the JMESPath type of each (TYPES_MAP in functions.py).
const TYPES: &[(&str, &str)] = &[
    ("bool", "boolean"),
    ("list", "array"),
    ("dict", "object"),
    ("NoneType", "null"),
    ("str", "string"),
    ("float", "number"),
    ("int", "number"),
    ("_Expression", "expref"),
];

/// `type(value).__name__` as Python's jmespath would see it.
fn py_type(value: &Value) -> &'static str {
    match value {
        _ if value.is_expref() => "_Expression",
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn jp_type(py_type: &str) -> &'static str {
    TYPES
        .iter()
        .find(|t| t.0 == py_type)
        .map_or("unknown", |t| t.1)
}

/// A JSON number as Python holds it.
#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

/// The number in `value`, which callers have type-checked.
fn num(value: &Value) -> Num {
    match value
        .as_i64()
        .map(i128::from)
        .or(value.as_u64().map(i128::from))
    {
        Some(int) => Num::Int(int),
        None => Num::Float(value.as_f64().unwrap_or(0.0)),
    }
}

fn num_value(n: Num) -> Value {
    match n {
        Num::Int(int) => match (i64::try_from(int), u64::try_from(int)) {
            (Ok(small), _) => Value::from(small),
            (_, Ok(big)) => Value::from(big),
            _ => num_value(Num::Float(int as f64)),
        },
        Num::Float(float) => Number::from_f64(float).map_or(Value::Null, Value::Number),
    }
}

/// Python's `sum()`: exact while all are ints, then float additions from left to right.
fn py_sum(items: &[Value]) -> Num {
    items
        .iter()
        .fold(Num::Int(0), |total, item| match (total, num(item)) {
            (Num::Int(a), Num::Int(b)) => a
                .checked_add(b)
                .map_or(Num::Float(a as f64 + b as f64), Num::Int),
            (Num::Int(a), Num::Float(b)) => Num::Float(a as f64 + b),
            (Num::Float(a), Num::Int(b)) => Num::Float(a + b as f64),
            (Num::Float(a), Num::Float(b)) => Num::Float(a + b),
        })
}

/// Python's ordering of two numbers or two strings; None for anything else.
fn py_order(left: &Value, right: &Value) -> Option<Ordering> {
    match (left, right) {
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        (Value::Number(_), Value::Number(_)) if left.compare(&Comparator::LessThan, right)? => {
            Some(Ordering::Less)
        }
        (Value::Number(_), Value::Number(_)) => {
            let greater = left.compare(&Comparator::GreaterThan, right)?;
            Some(if greater {
                Ordering::Greater
            } else {
                Ordering::Equal
            })
        }
        _ => None,
    }
}

/// Python's `==`, in which `True == 1` and `[0] == [False]`.
fn py_eq(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Bool(b), Value::Number(_)) => py_eq(&Value::from(u8::from(*b)), right),
        (Value::Number(_), Value::Bool(b)) => py_eq(left, &Value::from(u8::from(*b))),
        (Value::Number(_), Value::Number(_)) => py_order(left, right) == Some(Ordering::Equal),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| py_eq(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => left == right,
    }
}

/// The expression behind an `&expr` argument, which callers have type-checked.
fn expref_ast(value: &Value, ctx: &Context<'_>) -> Result<Ast, String> {
    let ast = jpx_core::get_expref_id(value).and_then(|id| ctx.get_expref(id));
    ast.cloned()
        .ok_or_else(|| "expected an expression reference".into())
}

fn apply(ast: &Ast, value: &Value, ctx: &mut Context<'_>) -> Result<Value, String> {
    interpret(value, ast, ctx).map_err(error_text)
}

/// Runs a function whose arguments have been checked.
fn call(name: &str, args: &[Value], ctx: &mut Context<'_>) -> Result<Value, String> {
    let empty = Vec::new();
    let array = |i: usize| args.get(i).and_then(Value::as_array).unwrap_or(&empty);
    let text = |i: usize| args.get(i).and_then(Value::as_str).unwrap_or_default();
    let object = |i: usize| {
        args.get(i)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (Some(first), Some(last)) = (args.first(), args.last()) else {
        return Ok(Value::Null); // Every function takes at least one argument.
    };
    Ok(match name.strip_prefix(HIDDEN).unwrap_or(name) {
        "abs" => match num(first) {
            Num::Int(int) => num_value(Num::Int(int.abs())),
            Num::Float(float) => num_value(Num::Float(float.abs())),
        },
        "avg" if array(0).is_empty() => Value::Null,
        "avg" => match py_sum(array(0)) {
            Num::Int(total) => num_value(Num::Float(total as f64 / array(0).len() as f64)),
            Num::Float(total) => num_value(Num::Float(total / array(0).len() as f64)),
        },
        "ceil" | "floor" => match num(first) {
            Num::Int(_) => first.clone(),
            // math.ceil() and math.floor() return ints.
            Num::Float(f) => {
                let whole = if name == "ceil" { f.ceil() } else { f.floor() };
                num_value(if whole.abs() < 1.8e19 {
                    Num::Int(whole as i128)
                } else {
                    Num::Float(whole)
                })
            }
        },
        "contains" => match (first, last) {
            (Value::String(haystack), Value::String(needle)) => {
                Value::Bool(haystack.contains(needle.as_str()))
            }
            (Value::String(_), other) => {
                let other = py_type(other);
                return Err(format!(
                    "'in <string>' requires string as left operand, not {other}"
                ));
            }
            _ => Value::Bool(array(0).iter().any(|item| py_eq(item, last))),
        },
        "ends_with" => Value::Bool(text(0).ends_with(text(1))),
        "starts_with" => Value::Bool(text(0).starts_with(text(1))),
        "join" => {
            let parts: Vec<&str> = array(1).iter().filter_map(Value::as_str).collect();
            Value::from(parts.join(text(0)))
        }
        "keys" => object(0).keys().cloned().map(Value::String).collect(),
        "values" => object(0).values().cloned().collect(),
        "length" => Value::from(match first {
            Value::String(s) => s.chars().count(),
            Value::Object(map) => map.len(),
            _ => array(0).len(),
        }),
        "map" => {
            let ast = expref_ast(first, ctx)?;
            let mapped: Result<Vec<Value>, String> =
                array(1).iter().map(|item| apply(&ast, item, ctx)).collect();
            Value::Array(mapped?)
        }
        "max" | "min" => {
            let wanted = if name == "max" {
                Ordering::Greater
            } else {
                Ordering::Less
            };
            let best = array(0).iter().reduce(|best, item| {
                if py_order(item, best) == Some(wanted) {
                    item
                } else {
                    best
                }
            });
            best.cloned().unwrap_or(Value::Null)
        }
        "max_by" | "min_by" => extreme_by(name, array(0), last, ctx)?,
        "merge" => merge(args)?,
        "not_null" => args
            .iter()
            .find(|arg| !arg.is_null())
            .cloned()
            .unwrap_or(Value::Null),
        "reverse" => match first {
            Value::String(s) => Value::from(s.chars().rev().collect::<String>()),
            _ => array(0).iter().rev().cloned().collect(),
        },
        "sort" => {
            let mut items = array(0).clone();
            items.sort_by(|a, b| py_order(a, b).unwrap_or(Ordering::Equal));
            Value::Array(items)
        }
        "sort_by" => sort_by(array(0), last, ctx)?,
        "sum" => num_value(py_sum(array(0))),
        "to_array" if first.is_array() => first.clone(),
        "to_array" => Value::Array(vec![first.clone()]),
        "to_number" => match first {
            Value::Number(_) => first.clone(),
            Value::String(s) => py_int(s).or_else(|| py_float(s)).unwrap_or(Value::Null),
            _ => Value::Null,
        },
        "to_string" if first.is_string() => first.clone(),
        "to_string" => {
            let mut out = String::new();
            py_text(first, true, &mut out);
            Value::from(out)
        }
        // Python's type() falls through all its cases for an expression reference.
        "type" if first.is_expref() => Value::Null,
        "type" => Value::from(jp_type(py_type(first))),
        "zero step slice" if first.is_array() => return Err("slice step cannot be zero".into()),
        "zero step slice" => Value::Null,
        // visitor._equals: unlike in Python, a bool never equals a number (at the top level).
        "==" | "!=" => {
            let bool_and_number =
                first.is_boolean() && last.is_number() || first.is_number() && last.is_boolean();
            Value::Bool((!bool_and_number && py_eq(first, last)) == (name == "\0=="))
        }
        operator => compare(operator, first, last)?,
    })
}

/// Ordering operators: null unless both sides are numbers or strings, Python's error if mixed.
fn compare(operator: &str, left: &Value, right: &Value) -> Result<Value, String> {
    let comparable = |v: &Value| v.is_number() || v.is_string();
    if !comparable(left) || !comparable(right) {
        return Ok(Value::Null);
    }
    let order = py_order(left, right).ok_or_else(|| unorderable(operator, left, right))?;
    Ok(Value::Bool(match operator {
        "<" => order.is_lt(),
        "<=" => order.is_le(),
        ">" => order.is_gt(),
        _ => order.is_ge(),
    }))
}

/// sort_by: every key must have the type (number or string) of the first one.
fn sort_by(items: &[Value], expref: &Value, ctx: &mut Context<'_>) -> Result<Value, String> {
    let Some(first) = items.first() else {
        return Ok(Value::Array(Vec::new()));
    };
    let ast = expref_ast(expref, ctx)?;
    let required = jp_type(py_type(&apply(&ast, first, ctx)?));
    if required != "number" && required != "string" {
        return Err(type_error(
            "sort_by",
            first,
            required,
            &["string", "number"],
        ));
    }
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let key = apply(&ast, item, ctx)?;
        let actual = jp_type(py_type(&key));
        if actual != required {
            return Err(type_error("sort_by", &key, actual, &[required]));
        }
        keyed.push((key, item));
    }
    // A stable sort, as Python's.
    keyed.sort_by(|(a, _), (b, _)| py_order(a, b).unwrap_or(Ordering::Equal));
    Ok(keyed.into_iter().map(|(_, item)| item.clone()).collect())
}

/// max_by/min_by: Python's max()/min() with a key that must be a number or a string.
fn extreme_by(
    name: &str,
    items: &[Value],
    expref: &Value,
    ctx: &mut Context<'_>,
) -> Result<Value, String> {
    let max = name == "max_by";
    let (wanted, operator) = if max {
        (Ordering::Greater, ">")
    } else {
        (Ordering::Less, "<")
    };
    let ast = expref_ast(expref, ctx)?;
    let mut best: Option<(Value, &Value)> = None;
    for item in items {
        let key = apply(&ast, item, ctx)?;
        let actual = jp_type(py_type(&key));
        if actual != "number" && actual != "string" {
            return Err(type_error(name, &key, actual, &["number", "string"]));
        }
        if let Some((best_key, _)) = &best {
            let order = py_order(&key, best_key);
            if order.ok_or_else(|| unorderable(operator, &key, best_key))? != wanted {
                continue;
            }
        }
        best = Some((key, item));
    }
    Ok(best.map_or(Value::Null, |(_, item)| item.clone()))
}

/// merge: Python's dict.update() in order; only the first argument was type-checked.
fn merge(args: &[Value]) -> Result<Value, String> {
    let mut merged = Map::new();
    for arg in args {
        match arg {
            Value::Object(map) => merged.extend(map.clone()),
            Value::String(s) if s.is_empty() => {}
            Value::Array(items) if items.is_empty() => {}
            Value::String(_) => {
                let text = "dictionary update sequence element #0 has length 1; 2 is required";
                return Err(text.into());
            }
            Value::Array(_) => return Err("cannot merge a list into an object".into()),
            other => return Err(format!("'{}' object is not iterable", py_type(other))),
        }
    }
    Ok(Value::Object(merged))
}

/// Python's `int(text)` for ASCII digits (`_` allowed between digits); None if no int.
fn py_int(text: &str) -> Option<Value> {
    let text = text.trim_matches(is_py_space);
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !underscores_ok(digits) || !digits.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return None;
    }
    let clean = text.replace('_', "");
    Some(match clean.parse::<i128>() {
        Ok(int) => num_value(Num::Int(int)),
        Err(_) => num_value(Num::Float(clean.parse().ok()?)),
    })
}

/// Python's `float(text)`; None if no float.
fn py_float(text: &str) -> Option<Value> {
    let text = text.trim_matches(is_py_space);
    let mut parts = text.split(['e', 'E', '.', '+', '-']);
    if !parts.all(|part| part.is_empty() || underscores_ok(part)) {
        return None;
    }
    text.replace('_', "")
        .parse()
        .ok()
        .map(|f| num_value(Num::Float(f)))
}

/// True if `text` is not empty and each `_` in it sits between two digits.
fn underscores_ok(text: &str) -> bool {
    let digit = |i: Option<usize>| {
        i.and_then(|i| text.as_bytes().get(i))
            .is_some_and(u8::is_ascii_digit)
    };
    let mut underscores = text.char_indices().filter(|(_, c)| *c == '_');
    !text.is_empty() && underscores.all(|(i, _)| digit(i.checked_sub(1)) && digit(Some(i + 1)))
}

// ---------------------------------------------------------------------------------------------
// Python's text forms of values: str(), repr(), json.dumps(), repr(float).

/// `str(value)`: a string as it is, anything else as `repr()`.
fn py_str(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::String(s) => out.push_str(s),
        other => py_text(other, false, &mut out),
    }
    out
}

fn py_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("'{item}'")).collect();
    format!("[{}]", quoted.join(", "))
}

/// `repr(value)`, or with `json` `json.dumps(value, separators=(',', ':'))` (ASCII only).
fn py_text(value: &Value, json: bool, out: &mut String) {
    let (comma, colon) = if json { (",", ":") } else { (", ", ": ") };
    let quote: fn(&str, &mut String) = if json { quote_json } else { quote_repr };
    match value {
        // json.dumps(default=str) writes the str() of an expression reference.
        _ if value.is_expref() && json => quote("<jmespath.visitor._Expression object>", out),
        _ if value.is_expref() => out.push_str("<jmespath.visitor._Expression object>"),
        Value::Null => out.push_str(if json { "null" } else { "None" }),
        Value::Bool(b) => out.push_str(match (b, json) {
            (true, true) => "true",
            (false, true) => "false",
            (true, false) => "True",
            (false, false) => "False",
        }),
        Value::Number(n) => out.push_str(&py_number(n)),
        Value::String(s) => quote(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { comma });
                py_text(item, json, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { comma });
                quote(key, out);
                out.push_str(colon);
                py_text(item, json, out);
            }
            out.push('}');
        }
    }
}

/// A string in `repr()`: single quotes unless it has `'` and no `"`, unprintables escaped.
fn quote_repr(text: &str, out: &mut String) {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in text.chars() {
        let code = u32::from(c);
        // Close to str.isprintable(): controls, separators but ' ', and common format and
        // private-use characters are escaped.
        let unprintable = c.is_control()
            || (c.is_whitespace() && c != ' ')
            || matches!(code, 0xad | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064)
            || matches!(code, 0xfeff | 0xe000..=0xf8ff);
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == quote => out.extend(['\\', c]),
            _ if unprintable && code <= 0xff => out.push_str(&format!("\\x{code:02x}")),
            _ if unprintable && code <= 0xffff => out.push_str(&format!("\\u{code:04x}")),
            _ if unprintable => out.push_str(&format!("\\U{code:08x}")),
            _ => out.push(c),
        }
    }
    out.push(quote);
}

/// A string in `json.dumps()`, which escapes everything outside printable ASCII.
fn quote_json(text: &str, out: &mut String) {
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
            _ => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// An int as digits, a float as Python's `repr(float)` (`1.0`, `1e-07`, `1e+16`).
fn py_number(n: &Number) -> String {
    let Some(float) = n.as_f64().filter(|_| n.is_f64()) else {
        return n.to_string();
    };
    // Rust's `{:e}` gives the shortest digits that round-trip, as Python's repr does.
    let scientific = format!("{:e}", float.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits = mantissa.replace('.', "");
    let sign = if float.is_sign_negative() { "-" } else { "" };
    let point = exponent + 1;
    if !(-4..16).contains(&exponent) {
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{sign}{mantissa}e{exponent_sign}{:02}",
            exponent.unsigned_abs()
        )
    } else if point <= 0 {
        format!(
            "{sign}0.{}{digits}",
            "0".repeat(point.unsigned_abs() as usize)
        )
    } else if digits.len() <= point as usize {
        format!(
            "{sign}{digits}{}.0",
            "0".repeat(point as usize - digits.len())
        )
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The tables below are generated by running Python jmespath 1.1.0 on the same expressions
    // and DOC; results are compared as compact JSON, so `3` and `3.0` differ.

    /// An AssumeRole-shaped answer plus values of every type.
    const DOC: &str = r#"{
        "Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "secret",
            "SessionToken": "token", "Expiration": "2026-01-01T00:00:00Z"},
        "AssumedRoleUser": {"AssumedRoleId": "AROAEXAMPLE:s1",
            "Arn": "arn:aws:sts::123456789012:assumed-role/demo/s1"},
        "PackedPolicySize": 6,
        "nums": [3, 1.5, -2, 0, 10],
        "people": [{"name": "a", "age": 30, "tags": ["x", "y"]}, {"name": "b", "age": 20.0, "tags": []},
            {"name": "c", "age": 25, "tags": ["x"]}, {"name": "d", "age": 20, "tags": ["z"]}],
        "nest": [[0, {"a": 1}, {"a": 2}], [3]],
        "é": "accent",
        "empty": ""
    }"#;

    /// (expression, result as compact JSON), evaluated against DOC by Python jmespath 1.1.0.
    const RESULTS: &[(&str, &str)] = &[
        (
            "Credentials",
            r#"{"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"secret","SessionToken":"token","Expiration":"2026-01-01T00:00:00Z"}"#,
        ),
        (
            "keys(@)",
            r#"["Credentials","AssumedRoleUser","PackedPolicySize","nums","people","nest","é","empty"]"#,
        ),
        (
            "keys(Credentials)",
            r#"["AccessKeyId","SecretAccessKey","SessionToken","Expiration"]"#,
        ),
        (
            "values(AssumedRoleUser)",
            r#"["AROAEXAMPLE:s1","arn:aws:sts::123456789012:assumed-role/demo/s1"]"#,
        ),
        (
            "AssumedRoleUser.*",
            r#"["AROAEXAMPLE:s1","arn:aws:sts::123456789012:assumed-role/demo/s1"]"#,
        ),
        (
            "{Z: PackedPolicySize, A: AssumedRoleUser.AssumedRoleId}",
            r#"{"Z":6,"A":"AROAEXAMPLE:s1"}"#,
        ),
        ("{a: `1`, b: `2`, a: `3`}", r#"{"a":3,"b":2}"#),
        (
            "[Credentials.AccessKeyId, PackedPolicySize]",
            r#"["ASIAEXAMPLE",6]"#,
        ),
        (
            r#"merge(`{"b": 1, "a": 2}`, `{"c": 3, "b": 4}`)"#,
            r#"{"b":4,"a":2,"c":3}"#,
        ),
        (
            "to_string(AssumedRoleUser)",
            r#""{\"AssumedRoleId\":\"AROAEXAMPLE:s1\",\"Arn\":\"arn:aws:sts::123456789012:assumed-role/demo/s1\"}""#,
        ),
        ("*.AccessKeyId", r#"["ASIAEXAMPLE"]"#),
        ("PackedPolicySize", "6"),
        ("length(@)", "8"),
        ("sum(`[1, 2]`)", "3"),
        ("sum(`[]`)", "0"),
        ("sum(nums)", "12.5"),
        ("sum(`[1, 2.5]`)", "3.5"),
        ("avg(`[2, 2]`)", "2.0"),
        ("avg(`[1, 2]`)", "1.5"),
        ("avg(`[]`)", "null"),
        ("abs(`-3`)", "3"),
        ("abs(`-3.5`)", "3.5"),
        ("floor(`2.5`)", "2"),
        ("ceil(`2.1`)", "3"),
        ("ceil(`3`)", "3"),
        ("floor(`-2.5`)", "-3"),
        ("max(`[1, 3, 2]`)", "3"),
        ("min(`[2.5, 1, 3]`)", "1"),
        ("max(`[1, 1.0]`)", "1"),
        ("max(`[1.0, 1]`)", "1.0"),
        ("min(`[]`)", "null"),
        ("to_number('3')", "3"),
        ("to_number('3.0')", "3.0"),
        ("to_number('-0')", "0"),
        ("to_number(' 12 ')", "12"),
        ("to_number('1_000')", "1000"),
        ("to_number('1e3')", "1000.0"),
        ("to_number('abc')", "null"),
        ("to_number(`true`)", "null"),
        ("to_number('123456789012')", "123456789012"),
        ("`1.0`", "1.0"),
        ("`-0`", "0"),
        ("`[-0, -0.0]`", "[0,-0.0]"),
        ("to_string(`1.0`)", r#""1.0""#),
        (r#"to_string(`[1, 2.0, "x"]`)"#, r#""[1,2.0,\"x\"]""#),
        ("to_string(`1e-7`)", r#""1e-07""#),
        ("to_string(`1e16`)", r#""1e+16""#),
        (r#""é""#, r#""accent""#),
        ("length('héllo😀')", "6"),
        ("reverse('héllo😀')", r#""😀olléh""#),
        (
            r#"to_string(`["é😀"]`)"#,
            r#""[\"\\u00e9\\ud83d\\ude00\"]""#,
        ),
        ("starts_with(Credentials.AccessKeyId, 'ASIA')", "true"),
        ("ends_with(AssumedRoleUser.Arn, 's1')", "true"),
        ("contains('abc', 'b')", "true"),
        ("contains(nums, `1.5`)", "true"),
        (r#"join('-', `["a", "b"]`)"#, r#""a-b""#),
        (r#"sort(`["b", "a", "é", "Z"]`)"#, r#"["Z","a","b","é"]"#),
        ("`bad json`", r#""bad json""#),
        ("` bad json `", r#""bad json ""#),
        (r#"'it\'s'"#, r#""it's""#),
        (r#"'a\\b'"#, r#""a\\\\b""#),
        (r#"`"\u00e9"`"#, r#""é""#),
        (r#"`a\`b`"#, r#""a`b""#),
        ("``", r#""""#),
        (r#"`{"z": 1, "a": 2}`"#, r#"{"z":1,"a":2}"#),
        ("nums[1:3]", "[1.5,-2]"),
        ("nums[::-1]", "[10,0,-2,1.5,3]"),
        ("nums[-2:]", "[0,10]"),
        ("nums[::2]", "[3,-2,10]"),
        ("nums[5:]", "[]"),
        ("nums[0]", "3"),
        ("nums[-1]", "10"),
        ("nums[10]", "null"),
        ("nums[2147483648:]", "[]"),
        ("people[1:].name", r#"["b","c","d"]"#),
        ("nest[0][1:]", r#"[{"a":1},{"a":2}]"#),
        ("nest[0][1:].a", "null"),
        ("nest[:1][0]", "[0]"),
        ("nest[]", r#"[0,{"a":1},{"a":2},3]"#),
        ("nest[][]", r#"[0,{"a":1},{"a":2},3]"#),
        ("people[?age > `25`].name", r#"["a"]"#),
        ("people[?age == `20`].name", r#"["b","d"]"#),
        (
            "people[?name == 'a'] | [0]",
            r#"{"name":"a","age":30,"tags":["x","y"]}"#,
        ),
        ("people[?contains(tags, 'x')].name", r#"["a","c"]"#),
        ("people[?age > `21` && name != 'c'].name", r#"["a"]"#),
        ("people[*].name", r#"["a","b","c","d"]"#),
        ("people[].tags[]", r#"["x","y","x","z"]"#),
        ("people[*].tags | [0]", r#"["x","y"]"#),
        ("AssumedRoleUser.Arn | length(@)", "46"),
        ("nums[?@ > `2`]", "[3,10]"),
        ("people[?age < `0`]", "[]"),
        ("`0` == `false`", "false"),
        ("`[0]` == `[false]`", "true"),
        ("`1` == `1.0`", "true"),
        ("'a' < 'b'", "true"),
        ("`true` < `false`", "null"),
        ("!`0`", "false"),
        ("!`[]`", "true"),
        ("`0` || 'x'", "0"),
        ("empty || 'x'", r#""x""#),
        ("missing || 'default'", r#""default""#),
        ("Credentials && PackedPolicySize", "6"),
        ("sort_by(people, &age)[].name", r#"["b","d","c","a"]"#),
        ("sort_by(people, &name)[].name", r#"["a","b","c","d"]"#),
        ("max_by(people, &age).name", r#""a""#),
        ("min_by(people, &age).name", r#""b""#),
        ("map(&name, people)", r#"["a","b","c","d"]"#),
        ("map(&age, `[]`)", "[]"),
        ("sort(`[3, 1.5, 2]`)", "[1.5,2,3]"),
        ("not_null(missing, `null`, 'x')", r#""x""#),
        ("type(@)", r#""object""#),
        ("type(`1.5`)", r#""number""#),
        ("type(nums)", r#""array""#),
        ("to_array('x')", r#"["x"]"#),
        ("to_array(`[1]`)", "[1]"),
        ("reverse(nums)", "[10,0,-2,1.5,3]"),
        ("merge(`{}`)", "{}"),
        ("length(people[0])", "3"),
    ];

    /// (expression, error text), from Python jmespath 1.1.0 and the AWS CLI's prefix.
    const ERRORS: &[(&str, &str)] = &[
        (
            "foo[",
            "Bad value for --query foo[: Invalid jmespath expression: Incomplete expression:\n\"foo[\"\n     ^",
        ),
        (
            "foo bar",
            "Bad value for --query foo bar: Unexpected token: bar: Parse error at column 4, token \"bar\" (UNQUOTED_IDENTIFIER), for expression:\n\"foo bar\"\n     ^",
        ),
        (
            "foo.",
            "Bad value for --query foo.: Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: eof: Parse error at column 4, token \"\" (EOF), for expression:\n\"foo.\"\n     ^",
        ),
        (
            "a ~ b",
            "Bad value for --query a ~ b: Bad jmespath expression: Unknown token ~:\na ~ b\n  ^",
        ),
        (
            "'unterminated",
            "Bad value for --query 'unterminated: Bad jmespath expression: Unclosed ' delimiter:\n'unterminated\n^",
        ),
        (
            r#""unterminated"#,
            "Bad value for --query \"unterminated: Bad jmespath expression: Unclosed \" delimiter:\n\"unterminated\n^",
        ),
        (
            "`unterminated",
            "Bad value for --query `unterminated: Bad jmespath expression: Unclosed ` delimiter:\n`unterminated\n^",
        ),
        (
            "@@",
            "Bad value for --query @@: Unexpected token: @: Parse error at column 1, token \"@\" (CURRENT), for expression:\n\"@@\"\n  ^",
        ),
        (
            "",
            "Bad value for --query : Invalid JMESPath expression: cannot be empty.",
        ),
        (
            "   ",
            "Bad value for --query    : Invalid jmespath expression: Incomplete expression:\n\"   \"\n    ^",
        ),
        (
            "foo[1 2]",
            "Bad value for --query foo[1 2]: Expecting: rbracket, got: number: Parse error at column 6, token \"2\" (NUMBER), for expression:\n\"foo[1 2]\"\n       ^",
        ),
        (
            "foo[a]",
            "Bad value for --query foo[a]: Expecting: star, got: unquoted_identifier: Parse error at column 4, token \"a\" (UNQUOTED_IDENTIFIER), for expression:\n\"foo[a]\"\n     ^",
        ),
        (
            "foo[1:2:3:4]",
            "Bad value for --query foo[1:2:3:4]: syntax error: Parse error at column 9, token \":\" (COLON), for expression:\n\"foo[1:2:3:4]\"\n          ^",
        ),
        (
            "foo[1:",
            "Bad value for --query foo[1:: syntax error: Parse error at column 6, token \"\" (EOF), for expression:\n\"foo[1:\"\n       ^",
        ),
        (
            "foo{",
            "Bad value for --query foo{: invalid token: Parse error at column 3, token \"{\" (LBRACE), for expression:\n\"foo{\"\n    ^",
        ),
        (
            "foo *",
            "Bad value for --query foo *: invalid token: Parse error at column 4, token \"*\" (STAR), for expression:\n\"foo *\"\n     ^",
        ),
        (
            r#""foo"(bar)"#,
            "Bad value for --query \"foo\"(bar): Quoted identifier not allowed for function names.: Parse error at column 0, token \"(\" (LPAREN), for expression:\n\"\"foo\"(bar)\"\n ^",
        ),
        (
            "@(foo)",
            "Bad value for --query @(foo): Invalid function name '@': Parse error at column 0, token \"@\" (CURRENT), for expression:\n\"@(foo)\"\n ^",
        ),
        (
            "foo[0](a)",
            "Bad value for --query foo[0](a): Invalid function name ']': Parse error at column 5, token \"]\" (RBRACKET), for expression:\n\"foo[0](a)\"\n      ^",
        ),
        (
            "a=b",
            "Bad value for --query a=b: Bad jmespath expression: Unknown token '=':\na=b\n ^",
        ),
        (
            "a - b",
            "Bad value for --query a - b: Bad jmespath expression: Unknown token '-':\na - b\n  ^",
        ),
        (
            "é",
            "Bad value for --query é: Bad jmespath expression: Unknown token é:\né\n^",
        ),
        (
            r#"`foo"bar`"#,
            "Bad value for --query `foo\"bar`: Bad jmespath expression: Bad token foo\"bar:\n`foo\"bar`\n^",
        ),
        (
            r#""a\qb""#,
            "Bad value for --query \"a\\qb\": Bad jmespath expression: Invalid \\escape:\n\"a\\qb\"\n^",
        ),
        (
            r#""\u12""#,
            "Bad value for --query \"\\u12\": Bad jmespath expression: Invalid \\uXXXX escape:\n\"\\u12\"\n^",
        ),
        (
            "\"a\tb\"",
            "Bad value for --query \"a\tb\": Bad jmespath expression: Invalid control character at:\n\"a\tb\"\n^",
        ),
        (
            "{}",
            "Bad value for --query {}: Expecting: ['quoted_identifier', 'unquoted_identifier'], got: rbrace: Parse error at column 1, token \"}\" (RBRACE), for expression:\n\"{}\"\n  ^",
        ),
        (
            "{a}",
            "Bad value for --query {a}: Expecting: colon, got: rbrace: Parse error at column 2, token \"}\" (RBRACE), for expression:\n\"{a}\"\n   ^",
        ),
        (
            "{a: b,",
            "Bad value for --query {a: b,: Invalid jmespath expression: Incomplete expression:\n\"{a: b,\"\n       ^",
        ),
        (
            "[a,]",
            "Bad value for --query [a,]: invalid token: Parse error at column 3, token \"]\" (RBRACKET), for expression:\n\"[a,]\"\n    ^",
        ),
        (
            "a.`1`",
            "Bad value for --query a.`1`: Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: literal: Parse error at column 2, token \"1\" (LITERAL), for expression:\n\"a.`1`\"\n   ^",
        ),
        (
            "foo[?",
            "Bad value for --query foo[?: Invalid jmespath expression: Incomplete expression:\n\"foo[?\"\n      ^",
        ),
        (
            "foo.!",
            "Bad value for --query foo.!: Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: not: Parse error at column 4, token \"!\" (NOT), for expression:\n\"foo.!\"\n     ^",
        ),
        ("nosuchfn()", "Unknown function: nosuchfn()"),
        ("upper('a')", "Unknown function: upper()"),
        ("items(@)", "Unknown function: items()"),
        (
            "length()",
            "Expected 1 argument for function length(), received 0",
        ),
        (
            "length(nums, nums)",
            "Expected 1 argument for function length(), received 2",
        ),
        (
            "contains(nums)",
            "Expected 2 arguments for function contains(), received 1",
        ),
        (
            "not_null()",
            "Expected at least 1 argument for function not_null(), received 0",
        ),
        (
            "merge()",
            "Expected at least 1 argument for function merge(), received 0",
        ),
        (
            "length(`1`)",
            r#"In function length(), invalid type for value: 1, expected one of: ['string', 'array', 'object'], received: "number""#,
        ),
        (
            "length(`true`)",
            r#"In function length(), invalid type for value: True, expected one of: ['string', 'array', 'object'], received: "boolean""#,
        ),
        (
            "abs('123456789012')",
            r#"In function abs(), invalid type for value: 123456789012, expected one of: ['number'], received: "string""#,
        ),
        (
            r#"abs(`{"a": [true, null, 1.5, "x"]}`)"#,
            r#"In function abs(), invalid type for value: {'a': [True, None, 1.5, 'x']}, expected one of: ['number'], received: "object""#,
        ),
        (
            r#"abs(`["it's", "say \"hi\"", "a\nb"]`)"#,
            r#"In function abs(), invalid type for value: ["it's", 'say "hi"', 'a\nb'], expected one of: ['number'], received: "array""#,
        ),
        (
            r#"sum(`[1, "a"]`)"#,
            r#"In function sum(), invalid type for value: a, expected one of: ['array-number'], received: "str""#,
        ),
        (
            "sort(`[true]`)",
            r#"In function sort(), invalid type for value: True, expected one of: ['array-string', 'array-number'], received: "bool""#,
        ),
        (
            r#"max(`["a", 1]`)"#,
            r#"In function max(), invalid type for value: 1, expected one of: ['array-number', 'array-string'], received: "int""#,
        ),
        (
            "join(`1`, `[]`)",
            r#"In function join(), invalid type for value: 1, expected one of: ['string'], received: "number""#,
        ),
        (
            "join('-', nums)",
            r#"In function join(), invalid type for value: 3, expected one of: ['array-string'], received: "int""#,
        ),
        (
            "sort_by(people, &tags)",
            r#"In function sort_by(), invalid type for value: {'name': 'a', 'age': 30, 'tags': ['x', 'y']}, expected one of: ['string', 'number'], received: "array""#,
        ),
        (
            r#"sort_by(`[{"a": 1}, {"a": "x"}]`, &a)"#,
            r#"In function sort_by(), invalid type for value: x, expected one of: ['number'], received: "string""#,
        ),
        (
            "max_by(people, &tags)",
            r#"In function max_by(), invalid type for value: ['x', 'y'], expected one of: ['number', 'string'], received: "array""#,
        ),
        (
            r#"min_by(`[1, "a"]`, &@)"#,
            "'<' not supported between instances of 'str' and 'int'",
        ),
        (
            "'a' < `1`",
            "'<' not supported between instances of 'str' and 'int'",
        ),
        (
            "contains('abc', `1`)",
            "'in <string>' requires string as left operand, not int",
        ),
        ("merge(`{}`, `1`)", "'int' object is not iterable"),
        ("nums[::0]", "slice step cannot be zero"),
        (
            "map(name, people)",
            r#"In function map(), invalid type for value: None, expected one of: ['expref'], received: "null""#,
        ),
    ];

    fn run(expression: &str) -> Result<String, String> {
        let doc: Value = serde_json::from_str(DOC).expect("DOC is JSON");
        let result = Query::compile(expression)?.search(&doc)?;
        Ok(serde_json::to_string(&result).expect("a Value serializes"))
    }

    #[test]
    fn results_match_python() {
        for (expression, expected) in RESULTS {
            assert_eq!(run(expression), Ok(expected.to_string()), "{expression}");
        }
    }

    #[test]
    fn errors_match_python() {
        for (expression, expected) in ERRORS {
            assert_eq!(run(expression), Err(expected.to_string()), "{expression}");
        }
    }

    #[test]
    fn numbers_keep_python_types() {
        let ints = [
            "sum(`[1, 2]`)",
            "abs(`-3`)",
            "floor(`2.5`)",
            "ceil(`2.1`)",
            "to_number('-0')",
        ];
        let floats = [
            "avg(`[2, 2]`)",
            "`1.0`",
            "to_number('3.0')",
            "sum(`[1, 2.0]`)",
        ];
        for (expressions, want_int) in [(&ints[..], true), (&floats[..], false)] {
            for expression in expressions {
                let result = Query::compile(expression).and_then(|q| q.search(&Value::Null));
                let result = result.expect("evaluates");
                assert_eq!(result.is_i64() || result.is_u64(), want_int, "{expression}");
                assert_eq!(result.is_f64(), !want_int, "{expression}");
            }
        }
    }

    /// Only the functions Python jmespath has exist, even those jpx-core could add.
    #[test]
    fn other_functions_are_unknown() {
        for name in ["upper", "lower", "items", "from_items", "find_first", "let"] {
            let result = Query::compile(&format!("{name}(@)")).and_then(|q| q.search(&Value::Null));
            assert_eq!(result, Err(format!("Unknown function: {name}()")));
        }
    }

    #[test]
    fn garbage_never_panics() {
        let pieces = [
            "[", "]", "(", ")", "{", "}", ".", ",", ":", "*", "@", "&", "|", "!", "<", ">", "=",
            "`", "'", "\"", "?", "-", " ", "\\", "a", "0", "1", "foo", "[?", "[]", "[0]", "[::-1]",
            "`1`", "'x'", "&&", "||", "==", "length(", "sort_by(", "sum(", "abs(", "{a:", "é",
        ];
        let doc = serde_json::json!({"foo": [{"a": 1}, {"a": "x"}], "a": [0, 1.5, null]});
        // A fixed linear congruential generator: the same few hundred expressions every run.
        let mut state: u64 = 42;
        for _ in 0..600 {
            let mut expression = String::new();
            for _ in 0..1 + state % 12 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                expression.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            if let Ok(query) = Query::compile(&expression) {
                let _ = query.search(&doc);
            }
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = [
            "(".repeat(5000),
            "[".repeat(5000),
            "!".repeat(5000),
            "{a:".repeat(5000),
        ];
        for expression in deep {
            let error = Query::compile(&expression).err().expect("too deep");
            assert!(error.ends_with(": maximum recursion depth exceeded"));
        }
        let nested = format!("{}a{}", "[".repeat(150), "]".repeat(150));
        let query = Query::compile(&nested).expect("parses");
        let data = serde_json::json!({"a": 1});
        assert_eq!(
            query.search(&data),
            Err("maximum recursion depth exceeded".into())
        );
    }
}
