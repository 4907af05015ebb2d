//! `--cli-input-json` and `--cli-input-yaml`: a whole document of parameters, read as AWS CLI
//! v2 reads it (`awscli/customizations/cliinput.py`), to be merged under the options.
//!
//! `--cli-input-yaml` is read with `saphyr` (a pure-Rust YAML 1.2 loader, actively
//! maintained; it succeeds yaml-rust2, which now gets only basic maintenance). It is the
//! closest to ruamel.yaml's safe loader, which AWS CLI v2 uses in YAML 1.2 mode: like ruamel
//! it rejects duplicate keys and reads `012` as 12. `serde_yaml_ng` and `serde_norway` are
//! forks of the deprecated `serde_yaml` on a port of libyaml (YAML 1.1), less active, and
//! they silently keep the last of duplicate keys and read `012` as a string. Where ruamel
//! builds a Python object JSON cannot hold (a date, bytes, a set, an infinite float, a local
//! tag), we report invalid YAML, and a date stays a string.

use crate::error::{Error, Result};
use crate::python;
use saphyr::{LoadableYamlNode, Scalar, Yaml};
use saphyr_parser::{Event, Parser};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Deepest nesting of collections ruamel composes before Python's recursion limit stops it
/// (measured with v2: a parameter holding 478 nested block sequences loads, 480 do not).
/// Beyond it the AWS CLI fails with `maximum recursion depth exceeded`; so do we, before
/// saphyr's recursive loader could overflow our stack.
const MAX_YAML_DEPTH: usize = 480;
/// Most nodes a document may hold once every alias is expanded, saphyr's own budget. Python
/// shares an aliased object instead of copying it; JSON cannot, so a few hundred bytes of
/// aliases (`&a [*b, *b, ...]`, also inside keys, which saphyr's budget misses) could
/// otherwise expand into gigabytes.
const MAX_YAML_NODES: usize = 100_000;

/// Parse the text of --cli-input-json (already read from file:// by the caller) into an
/// object; errors are the AWS CLI v2's (exit 252).
pub fn read_input_json(text: &str) -> Result<Map<String, Value>> {
    // v2 names the option without dashes here, and with them for a non-object below.
    let value = serde_json::from_str(text).map_err(|_| {
        Error::usage("Error parsing parameter 'cli-input-json': Invalid JSON received.")
    })?;
    into_object("--cli-input-json", value)
}

/// Same for --cli-input-yaml.
pub fn read_input_yaml(text: &str) -> Result<Map<String, Value>> {
    let invalid =
        || Error::usage("Error parsing parameter 'cli-input-yaml': Invalid YAML received.");
    match measure_yaml(text) {
        Measure::Fits => {}
        Measure::TooDeep => return Err(Error::other("maximum recursion depth exceeded")),
        Measure::TooLarge => return Err(invalid()),
    }
    let documents = Yaml::load_from_str(text).map_err(|_| invalid())?;
    let value = match documents.as_slice() {
        // An empty stream loads as None.
        [] => Value::Null,
        [document] => yaml_to_json(document).ok_or_else(invalid)?,
        // ruamel's `load` refuses a stream of several documents.
        _ => return Err(invalid()),
    };
    into_object("--cli-input-yaml", value)
}

/// The loaded document must be a mapping; its keys are checked later, by validation.
fn into_object(option: &str, value: Value) -> Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(Error::usage(format!(
            "Error parsing parameter '{option}': Invalid type: expecting map, received {}",
            python::class_name(&other)
        ))),
    }
}

enum Measure {
    Fits,
    TooDeep,
    TooLarge,
}

/// How deep a YAML stream nests and how many nodes it holds with its aliases expanded,
/// from the parser's events (an iterative walk, so any input can be measured). A syntax
/// error is left for the loader to report.
fn measure_yaml(text: &str) -> Measure {
    // Nodes of each anchored node, with its own aliases expanded; ids start at 1.
    let mut anchored: HashMap<usize, usize> = HashMap::new();
    // The collections open around the current event: their anchor and their nodes so far.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut total: usize = 0;
    for event in Parser::new_from_str(text) {
        let Ok((event, _)) = event else {
            return Measure::Fits;
        };
        let (anchor, nodes) = match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() >= MAX_YAML_DEPTH {
                    return Measure::TooDeep;
                }
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                Some(finished) => finished,
                None => continue,
            },
            Event::Scalar(_, _, anchor, _) => (anchor, 1),
            Event::Alias(id) => (0, anchored.get(&id).copied().unwrap_or(1)),
            _ => continue,
        };
        if anchor != 0 {
            anchored.insert(anchor, nodes);
        }
        let holder = match open.last_mut() {
            Some((_, parent)) => parent,
            None => &mut total,
        };
        *holder = holder.saturating_add(nodes);
        if *holder > MAX_YAML_NODES {
            return Measure::TooLarge;
        }
    }
    Measure::Fits
}

/// A loaded YAML node as JSON, or None where ruamel's safe loader would fail or build
/// something JSON cannot hold.
fn yaml_to_json(node: &Yaml) -> Option<Value> {
    match node {
        Yaml::Value(scalar) => scalar_to_json(scalar),
        Yaml::Sequence(items) => items
            .iter()
            .map(yaml_to_json)
            .collect::<Option<_>>()
            .map(Value::Array),
        Yaml::Mapping(entries) => {
            let mut object = Map::new();
            // A merge key (`<<: *base`) brings in the keys of one mapping or a list of them;
            // ruamel lets the first of a list win and the mapping's own keys win over all.
            let merge = Yaml::Value(Scalar::String("<<".into()));
            if let Some(sources) = entries.get(&merge) {
                let sources = match sources {
                    Yaml::Sequence(list) => list.iter().collect(),
                    single => vec![single],
                };
                for source in sources.into_iter().rev() {
                    let Some(Value::Object(merged)) = yaml_to_json(source) else {
                        return None;
                    };
                    object.extend(merged);
                }
            }
            for (key, value) in entries.iter().filter(|(key, _)| **key != merge) {
                object.insert(key_text(key)?, yaml_to_json(value)?);
            }
            Some(Value::Object(object))
        }
        // A local tag has no constructor in the safe loader; a bad value is a core tag that
        // did not fit (`!!int abc`) or one JSON lacks (`!!binary`). `load_from_str` resolves
        // every scalar and alias, so the others do not occur.
        Yaml::Representation(..) | Yaml::Tagged(..) | Yaml::Alias(_) | Yaml::BadValue => None,
    }
}

fn scalar_to_json(scalar: &Scalar) -> Option<Value> {
    Some(match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::from(*i),
        // JSON has no NaN or infinity.
        Scalar::FloatingPoint(f) => Value::Number(serde_json::Number::from_f64(f.into_inner())?),
        Scalar::String(s) => Value::from(s.as_ref()),
    })
}

/// A mapping key as the string Python would show for it (`1`, `True`, `None`): keys other
/// than strings only ever reach an "Unknown parameter" message. A collection as a key is
/// unhashable in Python, so invalid.
fn key_text(key: &Yaml) -> Option<String> {
    match yaml_to_json(key)? {
        Value::Array(_) | Value::Object(_) => None,
        scalar => Some(python::DATA.str(&scalar)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_input_json_is_an_object() {
        let map = read_input_json(r#" {"RoleArn": "arn", "DurationSeconds": 900, "X": [1]} "#);
        let keys: Vec<String> = map.map(|m| m.keys().cloned().collect()).unwrap_or_default();
        assert_eq!(keys, ["RoleArn", "DurationSeconds", "X"]);
        for (text, message) in [
            (
                "{",
                "Error parsing parameter 'cli-input-json': Invalid JSON received.",
            ),
            (
                "",
                "Error parsing parameter 'cli-input-json': Invalid JSON received.",
            ),
            (
                "[1]",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>",
            ),
            (
                "null",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'NoneType'>",
            ),
            (
                "\"x\"",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'str'>",
            ),
            (
                "1.5",
                "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'float'>",
            ),
        ] {
            let read = read_input_json(text).map_err(|error| error.to_string());
            assert_eq!(read, Err(message.to_string()), "{text:?}");
        }
    }

    fn yaml(text: &str) -> std::result::Result<Value, String> {
        read_input_yaml(text)
            .map(Value::Object)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn cli_input_yaml_reads_like_ruamel() {
        // Each expected value is what ruamel.yaml's safe loader gives, as JSON.
        for (text, expected) in [
            (
                "RoleArn: arn\nDurationSeconds: 900\n",
                r#"{"RoleArn":"arn","DurationSeconds":900}"#,
            ),
            (
                "a: 012\nb: 0o17\nc: 0x1F\nd: +12\ne: 1.5\nf: 1e3",
                r#"{"a":12,"b":15,"c":31,"d":12,"e":1.5,"f":1000.0}"#,
            ),
            (
                "a: yes\nb: True\nc: ~\nd:\ne: 2024-01-01\nf: !!str 12",
                r#"{"a":"yes","b":true,"c":null,"d":null,"e":"2024-01-01","f":"12"}"#,
            ),
            (
                "a: &x [1]\nb: *x\n1: one\ntrue: t\n~: n",
                r#"{"a":[1],"b":[1],"1":"one","True":"t","None":"n"}"#,
            ),
            (
                "base: &b {k: 1, j: 0}\nc:\n  <<: *b\n  j: 2",
                r#"{"base":{"k":1,"j":0},"c":{"k":1,"j":2}}"#,
            ),
            (
                "a: &a {k: 1}\nb: &b {k: 2, m: 3}\nc: {<<: [*a, *b]}",
                r#"{"a":{"k":1},"b":{"k":2,"m":3},"c":{"k":1,"m":3}}"#,
            ),
            (
                "Tags:\n- Key: k  # a comment\n  Value: v\n",
                r#"{"Tags":[{"Key":"k","Value":"v"}]}"#,
            ),
            ("\u{feff}{a: 1}\n...\n", r#"{"a":1}"#),
            ("c: {m: 0, <<: {k: 3, m: 1}}", r#"{"c":{"k":3,"m":0}}"#),
        ] {
            let expected: Value = serde_json::from_str(expected).unwrap_or_default();
            assert_eq!(yaml(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn cli_input_yaml_errors_as_the_aws_cli() {
        let invalid = "Error parsing parameter 'cli-input-yaml': Invalid YAML received.";
        for text in [
            "a: 'x",
            "a: [1, 2",
            "a: 1\na: 2",
            "a: 1\n---\nb: 2",
            "a: 1\n---\n",
            "a: {<<: 1}",
            "a: !foo bar",
            "a: !!int abc",
            "? [a]\n: x",
        ] {
            assert_eq!(yaml(text), Err(invalid.to_string()), "{text:?}");
        }
        let not_map =
            "Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received";
        for (text, class) in [
            ("", "<class 'NoneType'>"),
            ("# only a comment", "<class 'NoneType'>"),
            ("[1, 2]", "<class 'list'>"),
            ("hello", "<class 'str'>"),
            ("12", "<class 'int'>"),
            ("true", "<class 'bool'>"),
        ] {
            assert_eq!(yaml(text), Err(format!("{not_map} {class}")), "{text:?}");
        }
    }
}
