//! `sts explain-denial`: an encoded authorization failure message decoded with
//! DecodeAuthorizationMessage and told in words: allowed or denied and why, who asked for
//! what, each matched statement and what of it matched, the request's condition keys, and a
//! hint for the common cases. With `--output` or `--query` the decoded document is printed as
//! a document, in that format.

use crate::cli::Globals;
use crate::client;
use crate::error::{Error, Result};
use crate::log;
use crate::model::OpId;
use crate::output::{self, OutputFormat};
use crate::pager::Printed;
use crate::query::Query;
use crate::response;
use crate::settings;
use serde_json::{Map, Value};
use std::io::Read;

/// What precedes the encoded message in the errors of the AWS SDKs, CLIs and tools.
const MARKER: &str = "encoded authorization failure message:";

pub async fn run(globals: &Globals, message: Option<String>) -> Result<Printed> {
    if globals.debug {
        log::enable_debug();
    }
    let given = match message.as_deref() {
        None | Some("-") => read_stdin()?,
        Some(text) => text.to_string(),
    };
    let encoded = encoded_part(&given).ok_or_else(|| {
        Error::usage(
            "explain-denial: no encoded message given: pass it (or the whole error text) as \
             an argument, or - to read it from standard input",
        )
    })?;
    if matches!(globals.output, Some(OutputFormat::Credentials(_))) {
        return Err(Error::usage(
            "--output: explain-denial prints json, text, table, yaml or yaml-stream",
        ));
    }
    let query = globals
        .query
        .as_deref()
        .map(Query::compile)
        .transpose()
        .map_err(Error::usage)?;
    let settings = settings::resolve(globals).await?;
    let operation = OpId::DecodeAuthorizationMessage.operation();
    let mut params = Map::new();
    params.insert("EncodedMessage".into(), Value::from(encoded));
    let answer = client::call(operation, &params, &settings).await?;
    let result = response::parse_output(operation, &answer.body, settings.timestamp_format)?;
    let decoded = result
        .get("DecodedMessage")
        .and_then(Value::as_str)
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .ok_or_else(|| Error::other("The DecodedMessage of the answer is not a JSON document"))?;
    if globals.output.is_none() && query.is_none() {
        return Ok(Printed {
            text: explain(&decoded),
            pager: settings.pager.clone(),
        });
    }
    let shown = match &query {
        Some(query) => query.search(&decoded).map_err(Error::other)?,
        None => decoded,
    };
    match output::render(settings.output, &shown, operation.api_name, settings.color) {
        Ok(text) => Ok(Printed {
            text,
            pager: settings.pager.clone(),
        }),
        Err(failed) => Err(failed.error),
    }
}

fn read_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|err| {
        Error::usage(format!("explain-denial: cannot read standard input: {err}"))
    })?;
    Ok(text)
}

/// The encoded message in `text`: what follows the marker when there is one (a pasted error),
/// else the text itself; its first word, without quotes or a closing bracket around it.
fn encoded_part(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let after = match lower.find(MARKER) {
        Some(at) => &text[at + MARKER.len()..],
        None => text,
    };
    let word = after.split_whitespace().next()?;
    let word = word.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | ',' | ';' | ')' | ']'));
    (!word.is_empty()).then(|| word.to_string())
}

/// The decoded document told in words.
pub fn explain(decoded: &Value) -> String {
    let allowed = decoded.get("allowed").and_then(Value::as_bool) == Some(true);
    let explicit = decoded.get("explicitDeny").and_then(Value::as_bool) == Some(true);
    let context = decoded.get("context").unwrap_or(&Value::Null);
    let action = text_of(context.get("action"));
    let resource = text_of(context.get("resource"));
    let principal = context.get("principal").unwrap_or(&Value::Null);
    let statements = items(decoded.get("matchedStatements"));
    let conditions = key_values(context.get("conditions"));

    let mut out = String::new();
    out.push_str(match (allowed, explicit) {
        (true, _) => "Allowed.\n",
        (false, true) => "Denied by an explicit deny.\n",
        (false, false) => "Denied: no statement allows it (an implicit deny).\n",
    });
    let who = match (text_of(principal.get("arn")), text_of(principal.get("id"))) {
        (arn, id) if !arn.is_empty() && !id.is_empty() => format!("{arn} ({id})"),
        (arn, id) => format!("{arn}{id}"),
    };
    table(
        &mut out,
        "",
        &[
            ("Principal", who),
            ("Action", action.clone()),
            ("Resource", resource.clone()),
        ],
    );
    for (index, statement) in statements.iter().enumerate() {
        let id = text_of(statement.get("statementId"));
        let id = if id.is_empty() {
            "(no Sid)".to_string()
        } else {
            format!("\"{id}\"")
        };
        out.push_str(&format!(
            "\nMatched statement {} of {}: {} {id}\n",
            index + 1,
            statements.len(),
            text_of(statement.get("effect")).to_uppercase()
        ));
        let marked = |field: &str, matches: &dyn Fn(&str) -> bool| {
            let values = values_of(statement.get(field));
            if values.is_empty() {
                return "(none)".to_string();
            }
            let shown: Vec<String> = values
                .iter()
                .map(|value| {
                    if matches(value) {
                        format!("{value} (matches)")
                    } else {
                        value.clone()
                    }
                })
                .collect();
            shown.join(", ")
        };
        let principals = values_of(statement.get("principals"));
        let mut rows = vec![
            ("Principals", list_or_none(&principals)),
            (
                "Actions",
                marked("actions", &|pattern| action_matches(pattern, &action)),
            ),
            (
                "Resources",
                marked("resources", &|pattern| glob(pattern, &resource)),
            ),
        ];
        let wanted = key_values(statement.get("conditions"));
        let mut lines = Vec::new();
        for (key, values) in &wanted {
            let request = lookup(&conditions, key)
                .map_or("not in the request".to_string(), |seen| {
                    format!("request: {}", seen.join(" | "))
                });
            lines.push(format!("{key} = {} ({request})", values.join(" | ")));
        }
        rows.push(("Conditions", lines.join("\n")));
        table(&mut out, "  ", &rows);
    }
    if !conditions.is_empty() {
        let plural = if conditions.len() == 1 { "" } else { "s" };
        out.push_str(&format!(
            "\nRequest context ({} key{plural})\n",
            conditions.len()
        ));
        let rows: Vec<(&str, String)> = conditions
            .iter()
            .map(|(key, values)| (key.as_str(), values.join(" | ")))
            .collect();
        table(&mut out, "  ", &rows);
    }
    if let Some(hint) = hint(
        allowed,
        explicit,
        &statements,
        &conditions,
        &action,
        &resource,
    ) {
        out.push_str(&format!("\nHint: {hint}\n"));
    }
    out
}

/// One line of advice for the common patterns.
fn hint(
    allowed: bool,
    explicit: bool,
    statements: &[&Value],
    conditions: &[(String, Vec<String>)],
    action: &str,
    resource: &str,
) -> Option<String> {
    if allowed {
        return None;
    }
    let effect_is = |statement: &&&Value, effect: &str| {
        text_of(statement.get("effect")).eq_ignore_ascii_case(effect)
    };
    if explicit {
        let deny = statements.iter().find(|s| effect_is(s, "DENY"));
        let principals = deny
            .map(|s| values_of(s.get("principals")))
            .unwrap_or_default();
        let is = |wanted: &dyn Fn(&str) -> bool| principals.iter().any(|p| wanted(p));
        return Some(if is(&|p| p == "SCOPE_POLICY_ISSUER") {
            "the deny comes from a permissions boundary or session policy, not from the \
             principal's own policies: the boundary must allow the action, which its owner \
             has to change."
                .to_string()
        } else if is(&|p| p == "*") {
            "a deny for principal \"*\" is how a resource policy (a bucket, key, queue or \
             endpoint policy) is written: look at the policy of the resource, and the \
             condition that excludes this request."
                .to_string()
        } else if is(&|p| p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit())) {
            "a deny whose principal is the whole account usually comes from a service control \
             policy of your AWS Organization: it overrides every allow in the account, and \
             only the organization's administrators can change it."
                .to_string()
        } else {
            "an explicit deny overrides every allow: change or remove the denying statement \
             (or the condition it is under)."
                .to_string()
        });
    }
    let allowing: Vec<&&Value> = statements
        .iter()
        .filter(|s| effect_is(s, "ALLOW"))
        .collect();
    for statement in &allowing {
        for (key, values) in key_values(statement.get("conditions")) {
            match lookup(conditions, &key) {
                None => {
                    return Some(format!(
                        "a statement allows it only under a condition on {key}, which the \
                         request does not carry."
                    ));
                }
                Some(seen) if !seen.iter().any(|value| values.contains(value)) => {
                    return Some(format!(
                        "a statement allows it when {key} is {}, but the request has {}.",
                        values.join(" or "),
                        seen.join(", ")
                    ));
                }
                Some(_) => {}
            }
        }
    }
    if allowing.is_empty() {
        return Some(format!(
            "no policy allows {action} on {resource} for this principal: add an Allow to its \
             policies (or to the resource's policy)."
        ));
    }
    Some(
        "a statement allows it, yet it is denied: a permissions boundary, session policy or \
         service control policy without an allow for it is the usual cause."
            .to_string(),
    )
}

/// Labelled rows, the labels padded to one width; a value of several lines continues under
/// its first line.
fn table(out: &mut String, indent: &str, rows: &[(&str, String)]) {
    let width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
    for (label, value) in rows {
        let mut lines = value.split('\n');
        let first = lines.next().unwrap_or("");
        out.push_str(&format!("{indent}{label:<width$}  {first}\n"));
        for line in lines {
            out.push_str(&format!("{indent}{:<width$}  {line}\n", ""));
        }
    }
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The `items` of a `{"items": [...]}` list.
fn items(list: Option<&Value>) -> Vec<&Value> {
    list.and_then(|list| list.get("items"))
        .and_then(Value::as_array)
        .map(|items| items.iter().collect())
        .unwrap_or_default()
}

/// The `value` of each item of a list.
fn values_of(list: Option<&Value>) -> Vec<String> {
    items(list)
        .into_iter()
        .map(|item| text_of(item.get("value")))
        .collect()
}

/// Condition keys and their values.
fn key_values(list: Option<&Value>) -> Vec<(String, Vec<String>)> {
    items(list)
        .into_iter()
        .map(|item| (text_of(item.get("key")), values_of(item.get("values"))))
        .collect()
}

/// The request's values of `key` (condition keys are case-insensitive).
fn lookup<'a>(conditions: &'a [(String, Vec<String>)], key: &str) -> Option<&'a Vec<String>> {
    conditions
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(key))
        .map(|(_, values)| values)
}

fn list_or_none(values: &[String]) -> String {
    if values.is_empty() {
        "(none)".to_string()
    } else {
        values.join(", ")
    }
}

/// An action pattern against the request's action, case-insensitively; EC2 sometimes names
/// the action without its service prefix.
fn action_matches(pattern: &str, action: &str) -> bool {
    let (pattern, action) = (pattern.to_ascii_lowercase(), action.to_ascii_lowercase());
    if glob(&pattern, &action) {
        return true;
    }
    !action.contains(':')
        && pattern
            .split_once(':')
            .is_some_and(|(_, name)| glob(name, &action))
}

/// IAM's wildcards: `*` any run of characters, `?` any one.
fn glob(pattern: &str, text: &str) -> bool {
    let (pattern, text): (Vec<char>, Vec<char>) =
        (pattern.chars().collect(), text.chars().collect());
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoded_part_is_found_in_a_pasted_error() {
        let pasted = "Error: creating EC2 Instance: UnauthorizedOperation: You are not \
            authorized to perform this operation. Encoded authorization failure message: \
            AbC-12_xyz\n\tstatus code: 403, request id: 1";
        assert_eq!(encoded_part(pasted).as_deref(), Some("AbC-12_xyz"));
        assert_eq!(
            encoded_part("  AbC-12_xyz\n").as_deref(),
            Some("AbC-12_xyz")
        );
        assert_eq!(encoded_part("\"AbC\"").as_deref(), Some("AbC"));
        assert_eq!(encoded_part("  \n"), None);
    }

    #[test]
    fn wildcards_as_iam_has_them() {
        assert!(glob("*", ""));
        assert!(glob("ec2:*", "ec2:runinstances"));
        assert!(glob(
            "arn:aws:s3:::bucket/*/x?",
            "arn:aws:s3:::bucket/a/b/xy"
        ));
        assert!(!glob("arn:aws:s3:::bucket/*", "arn:aws:s3:::other/a"));
        assert!(action_matches("ec2:Run*", "RunInstances"));
        assert!(action_matches("EC2:RunInstances", "ec2:runinstances"));
        assert!(!action_matches("s3:Get*", "ec2:RunInstances"));
    }
}
