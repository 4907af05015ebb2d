//! Parser (jmespath/parser.py): Python's parser and its error texts, building jpx-core's AST.

use jpx_core::ast::{Ast, KeyValuePair};

use super::functions::{HIDDEN, py_str};
use super::lexer::{Token, tokenize};
use crate::python::list_repr;

/// Deepest nesting of expressions we parse, so that no expression can overflow the stack.
const MAX_DEPTH: usize = 200;
/// Tallest AST we build. A chain (`a.b.c`, `a[0][0]`, `a | b | c`) is parsed in a loop, not
/// by recursion, but each link wraps the AST once more, and evaluating or dropping an AST
/// recurses once per level: 65,000 links (one long argument) overflow the main stack. The
/// evaluator stops at 128 levels anyway, so no expression this tall could have been answered.
const MAX_HEIGHT: usize = 2_000;
/// Offset that marks the `Subexpr` nodes standing for Python's `index_expression`: `a[0][1:2]`
/// appends the slice to it rather than starting a projection, which changes `a[0][1:2].b`.
const INDEX_EXPRESSION: usize = usize::MAX;

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

pub(super) fn parse(expression: &str) -> Result<Ast, String> {
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
        tallest_child: 0,
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
    /// The height of the tallest AST that an `expression` call nested in the current one has
    /// returned, counting a level per link (a few links add two: `MAX_HEIGHT` has room).
    tallest_child: usize,
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
            many => list_repr(many),
        };
        Err(self.fail(&format!("Expecting: {expected}, got: {}", self.kind(0))))
    }

    fn expression(&mut self, binding_power: u8) -> Result<Ast, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("maximum recursion depth exceeded".into());
        }
        let outer_tallest = std::mem::take(&mut self.tallest_child);
        let token = self.token(0).clone();
        self.advance();
        let mut left = self.nud(token)?;
        let mut links = 0;
        while binding_power < binding_power_of(self.kind(0)) {
            left = self.led(left)?;
            links += 1;
            if self.tallest_child + links > MAX_HEIGHT {
                return Err("maximum recursion depth exceeded".into());
            }
        }
        self.tallest_child = outer_tallest.max(self.tallest_child + links + 1);
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
                Err(self.fail(&format!("Expecting: {}, got: {kind}", list_repr(&allowed))))
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
