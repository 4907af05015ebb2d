//! Turns the service's XML answer into the JSON value the AWS CLI would print: members in the
//! model's order (not the order they arrive in), only those present, unknown elements ignored.
//!
//! The SDK sends the request; this module reads the raw body the way botocore's Query-protocol
//! parser does, so that timestamps can be kept exactly as sent and empty elements stay `""`.

use crate::error::{Error, Kind, Result};
use crate::model::{Member, Operation, Shape};
use crate::timestamp::{self, TimestampFormat};
use roxmltree::{Document, Node};
use serde_json::{Map, Value};

/// A service error, as the XML `ErrorResponse` describes it.
#[derive(Debug, PartialEq)]
pub struct ServiceError {
    pub code: String,
    pub message: String,
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

/// Read the code and message of an error answer. Answers without an XML error (an empty or
/// HTML body from a proxy) are named by their HTTP status, as the AWS CLI does.
pub fn parse_error(status: u16, body: &[u8]) -> ServiceError {
    let from_xml = std::str::from_utf8(body).ok().and_then(|text| {
        let document = Document::parse(text).ok()?;
        let error = document.descendants().find(|n| n.has_tag_name("Error"))?;
        let field = |name: &str| {
            error
                .children()
                .find(|n| n.has_tag_name(name))
                .map(text_of)
                .unwrap_or_else(|| "Unknown".to_string())
        };
        Some(ServiceError {
            code: field("Code"),
            message: field("Message"),
        })
    });
    from_xml.unwrap_or_else(|| ServiceError {
        code: status.to_string(),
        message: http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Unknown")
            .to_string(),
    })
}

fn parse_xml(body: &[u8]) -> Result<Document<'_>> {
    let text = std::str::from_utf8(body).map_err(|err| invalid_xml(&err.to_string(), body))?;
    Document::parse(text).map_err(|err| invalid_xml(&err.to_string(), body))
}

fn invalid_xml(reason: &str, body: &[u8]) -> Error {
    Error::new(
        Kind::Other,
        format!(
            "Unable to parse response ({reason}), invalid XML received. Further retries may succeed:\n{}",
            String::from_utf8_lossy(body)
        ),
    )
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
    fn malformed_xml_is_a_general_error() {
        let err = parse_output(op("get-caller-identity"), b"not xml", TimestampFormat::Wire).err();
        assert_eq!(err.map(|e| e.exit_code()), Some(255));
    }

    #[test]
    fn errors_are_read_from_xml_or_status() {
        let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
            <Message>no &amp; no</Message></Error></ErrorResponse>";
        assert_eq!(
            parse_error(403, body),
            ServiceError {
                code: "AccessDenied".into(),
                message: "no & no".into()
            }
        );
        assert_eq!(
            parse_error(502, b""),
            ServiceError {
                code: "502".into(),
                message: "Bad Gateway".into()
            }
        );
        let no_message = b"<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>";
        assert_eq!(parse_error(400, no_message).message, "Unknown");
    }
}
