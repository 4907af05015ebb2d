//! Turns the service's XML answer into the JSON value the AWS CLI would print: members in the
//! model's order (not the order they arrive in), only those present, unknown elements ignored.
//!
//! The SDK sends the request; this module reads the raw body the way botocore's Query-protocol
//! parser does, so that timestamps can be kept exactly as sent and empty elements stay `""`.

use crate::error::{Error, Result};
use crate::model::{Member, Operation, Shape};
use crate::python;
use crate::timestamp::{self, TimestampFormat};
use roxmltree::{Document, Node};
use serde_json::{Map, Value};

/// A service error, as the XML `ErrorResponse` describes it.
#[derive(Debug, PartialEq)]
pub struct ServiceError {
    pub code: String,
    pub message: String,
    /// The error's fields that the model knows, in the answer's order, for the structured
    /// error formats: its code and message (botocore keeps those whose names are a modelled
    /// member of the error's shape, case aside, and STS's errors model only a message).
    pub fields: Vec<(String, String)>,
}

/// Parse a successful answer of `operation` into its output value.
pub fn parse_output(
    operation: &Operation,
    body: &[u8],
    timestamps: TimestampFormat,
) -> Result<Value> {
    let document = parse_xml(body)?;
    let result_name = format!("{}Result", operation.api_name);
    let result = document
        .root_element()
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == result_name)
        .ok_or_else(|| {
            Error::other(format!(
                "Unable to parse response: no {result_name} element in the answer"
            ))
        })?;
    structure(result, operation.output, timestamps).map(Value::Object)
}

/// Read the code and message of an error answer, as botocore's Query parser does. A 5xx
/// answer that is empty or HTML (from a proxy, say) is not parsed and is named by its HTTP
/// status; any other answer that is not XML is reported as unparseable (255), not retried.
pub fn parse_error(status: u16, body: &[u8]) -> Result<ServiceError> {
    let trimmed = body.trim_ascii();
    if status >= 500 && (trimmed.is_empty() || trimmed.starts_with(b"<html>")) {
        let code = status.to_string();
        let message = http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Unknown")
            .to_string();
        return Ok(ServiceError {
            fields: vec![
                ("Code".to_string(), code.clone()),
                ("Message".to_string(), message.clone()),
            ],
            code,
            message,
        });
    }
    let document = parse_xml(body)?;
    let error = document.descendants().find(|n| n.has_tag_name("Error"));
    let field = |name: &str| {
        error
            .and_then(|error| error.children().find(|n| n.has_tag_name(name)))
            .map(text_of)
            .unwrap_or_else(|| "Unknown".to_string())
    };
    let fields = error
        .into_iter()
        .flat_map(|error| error.children())
        .filter(|n| n.is_element())
        .map(|n| (n.tag_name().name().to_string(), text_of(n)))
        .filter(|(name, _)| {
            name.eq_ignore_ascii_case("code") || name.eq_ignore_ascii_case("message")
        })
        .collect();
    Ok(ServiceError {
        code: field("Code"),
        message: field("Message"),
        fields,
    })
}

/// The answer as an XML document; one that is not is reported as botocore reports it: the
/// reason in the words of Python's expat parser, then the body as Python shows bytes.
/// Expat decides, because roxmltree accepts a few things it refuses (a character reference
/// to a surrogate, a malformed XML declaration): those answers are errors in the AWS CLI.
fn parse_xml(body: &[u8]) -> Result<Document<'_>> {
    let unparseable = |reason: String| {
        Error::other(format!(
            "Unable to parse response ({reason}), invalid XML received. Further retries may succeed:\n{}",
            python::expat::bytes_repr(body)
        ))
    };
    if let Some(reason) = python::expat::parse_error(body) {
        return Err(unparseable(reason));
    }
    std::str::from_utf8(body)
        .map_err(|err| err.to_string())
        .and_then(|text| Document::parse(text).map_err(|err| err.to_string()))
        .map_err(unparseable)
}

fn structure(
    node: Node,
    members: &[Member],
    timestamps: TimestampFormat,
) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for member in members {
        let child = node
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == member.name);
        if let Some(child) = child {
            out.insert(
                member.name.to_string(),
                value(child, member, member.shape, timestamps)?,
            );
        }
    }
    Ok(out)
}

fn value(node: Node, member: &Member, shape: &Shape, timestamps: TimestampFormat) -> Result<Value> {
    Ok(match shape {
        Shape::String { .. } => Value::String(text_of(node)),
        Shape::Integer { .. } => {
            let text = text_of(node);
            let number = text.trim().parse::<i64>().map_err(|_| {
                Error::other(format!(
                    "Unable to parse response: {} is not an integer: '{text}'",
                    member.name
                ))
            })?;
            Value::from(number)
        }
        Shape::Timestamp => Value::String(timestamp::format(&text_of(node), timestamps)?),
        Shape::Structure(members) => Value::Object(structure(node, members, timestamps)?),
        Shape::List {
            member: item_shape, ..
        } => Value::Array(
            node.children()
                .filter(|n| n.is_element() && n.tag_name().name() == "member")
                .map(|item| value(item, member, item_shape, timestamps))
                .collect::<Result<_>>()?,
        ),
    })
}

/// The text of an element, entities decoded; an empty element is `""`, never null.
fn text_of(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Operation;

    fn op(name: &str) -> &'static Operation {
        Operation::find(name).expect("operation exists")
    }

    #[test]
    fn members_come_out_in_model_order() {
        let body = br#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/a</Arn><Extra>x</Extra>
          <Account>123456789012</Account><UserId/></GetCallerIdentityResult></GetCallerIdentityResponse>"#;
        let value = parse_output(op("get-caller-identity"), body, TimestampFormat::Wire).ok();
        let text = value.map(|v| v.to_string());
        assert_eq!(
            text.as_deref(),
            Some(
                r#"{"UserId":"","Account":"123456789012","Arn":"arn:aws:iam::123456789012:user/a"}"#
            )
        );
    }

    #[test]
    fn integers_and_timestamps_are_typed() {
        let body =
            br#"<AssumeRoleResponse><AssumeRoleResult><PackedPolicySize> 7 </PackedPolicySize>
          <Credentials><Expiration>2024-03-15T00:05:07.500Z</Expiration></Credentials>
          </AssumeRoleResult></AssumeRoleResponse>"#;
        let value = parse_output(op("assume-role"), body, TimestampFormat::Iso8601).ok();
        assert_eq!(
            value.map(|v| v.to_string()).as_deref(),
            Some(
                r#"{"Credentials":{"Expiration":"2024-03-15T00:05:07.500000+00:00"},"PackedPolicySize":7}"#
            )
        );
    }

    #[test]
    fn malformed_xml_is_a_general_error_in_botocore_words() {
        let err = parse_output(op("get-caller-identity"), b"not xml", TimestampFormat::Wire).err();
        assert_eq!(
            err.map(|e| (e.exit_code(), e.message)),
            Some((
                255,
                "Unable to parse response (syntax error: line 1, column 0), invalid XML received. Further retries may succeed:\nb'not xml'".to_string()
            ))
        );
    }

    #[test]
    fn errors_are_read_from_xml_or_status() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // The fields keep the answer's order and the model's members only (not Type, not Foo).
        let body = b"<ErrorResponse><Error><Type>Sender</Type><Message>no &amp; no</Message>\
            <Foo>f</Foo><Code>AccessDenied</Code><message>m</message></Error></ErrorResponse>";
        assert_eq!(
            parse_error(403, body).ok(),
            Some(ServiceError {
                code: "AccessDenied".into(),
                message: "no & no".into(),
                fields: vec![
                    pair("Message", "no & no"),
                    pair("Code", "AccessDenied"),
                    pair("message", "m")
                ],
            })
        );
        assert_eq!(
            parse_error(502, b" <html><body>Bad Gateway</body></html>").ok(),
            Some(ServiceError {
                code: "502".into(),
                message: "Bad Gateway".into(),
                fields: vec![pair("Code", "502"), pair("Message", "Bad Gateway")],
            })
        );
        let no_message = b"<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>";
        assert_eq!(
            parse_error(400, no_message)
                .map(|e| e.message)
                .ok()
                .as_deref(),
            Some("Unknown")
        );
        // Below 500, or not HTML, an answer that is not XML is unparseable, as for botocore.
        for (status, body) in [(403, &b""[..]), (500, b"<!DOCTYPE html><p>x")] {
            assert_eq!(
                parse_error(status, body).map_err(|e| e.exit_code()).err(),
                Some(255)
            );
        }
    }
}
