//! Runtime: the 26 functions (jmespath/functions.py) and the comparison operators
//! (jmespath/visitor.py), registered in jpx-core's runtime, with Python's number types,
//! comparisons and error texts.

use std::cmp::Ordering;
use std::sync::LazyLock;

use jpx_core::ast::{Ast, Comparator};
use jpx_core::interpreter::interpret;
use jpx_core::{Context, ErrorReason, JmespathError, Runtime, RuntimeError, ValueExt};
use serde_json::{Map, Number, Value};

use super::lexer::is_py_space;
use crate::python::{self, Printer};

/// Prefix of the functions behind the operators. A user's function name with this prefix gets
/// a second one, so it cannot reach them, and `error_text` takes it off again.
pub(super) const HIDDEN: char = '\0';

/// Python's text forms of values as jmespath holds them: an expression reference is an
/// object of its own.
const PYTHON: Printer = Printer {
    object: |value| {
        value
            .is_expref()
            .then_some("<jmespath.visitor._Expression object>")
    },
};

/// `str(value)`: a string as it is, anything else as `repr()`.
pub(super) fn py_str(value: &Value) -> String {
    PYTHON.str(value)
}

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
pub(super) static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
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
pub(super) fn error_text(error: JmespathError) -> String {
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
    let (value, expected) = (py_str(value), python::list_repr(expected));
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
    if value.is_expref() {
        "_Expression"
    } else {
        python::type_name(value)
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
        "to_string" => Value::from(PYTHON.dumps(first, python::Dumps::COMPACT)),
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
