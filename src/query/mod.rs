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
//! hit (Python's depends on its stack; we stop at `MAX_DEPTH` nested expressions or an AST of
//! `MAX_HEIGHT` levels when parsing, and at jpx-core's 128 nested nodes when evaluating).
//!
//! Left out, because `serde_json::Value` cannot hold them: integers beyond 64 bits (become
//! floats), NaN and infinities (become null, or stay strings in a JSON literal), lone UTF-16
//! surrogates (become U+FFFD, or a "Bad token" error in a JSON literal). `to_number()` reads
//! ASCII digits only.
//!
//! `lexer` and `parser` turn the text into jpx-core's AST; `functions` is the runtime that
//! evaluates it: the 26 functions, the comparison operators and the error texts.

mod functions;
mod lexer;
mod parser;
#[cfg(test)]
mod tests;

use jpx_core::Expression;
use serde_json::Value;

use functions::{RUNTIME, error_text};
use parser::parse;

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
