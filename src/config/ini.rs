//! The config and credentials files read as botocore reads them: Python's
//! `configparser.RawConfigParser` with its defaults, then botocore's nested values.
//!
//! The grammar, line by line (universal newlines; UTF-8, else the file is unreadable):
//! - a line whose stripped text starts with `#` or `;` is a comment (there are no inline
//!   comments: `region = a ; b` is the value `a ; b`);
//! - a blank line ends nothing: inside a value it adds an empty line (trailing ones dropped);
//! - a line indented deeper than the current option's line continues its value;
//! - `[NAME]` (at the start of the stripped line; the last `]` closes) opens a section, once
//!   per file; `[DEFAULT]` is special: its options are in every section;
//! - otherwise `NAME = VALUE` or `NAME : VALUE` (the first `=` or `:`), NAME lower-cased and
//!   given once per section; anything else, or an option before any section, is an error.
//!
//! A value that starts on the line after its name (`s3 =` then indented `key = value` lines)
//! is a nested set of `key = value` pairs, each line needing its `=`.

use crate::python;

/// A value: text, or the nested pairs of an indented block.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Nested(Vec<(String, String)>),
}

/// The sections of a file in order, each with its options in order.
pub type Sections = Vec<(String, Vec<(String, Value)>)>;

/// Why a file could not be read: configparser or botocore refused it.
#[derive(Debug, PartialEq)]
pub struct Unparseable;

/// Parse the bytes of a config or credentials file.
pub fn parse(bytes: &[u8]) -> Result<Sections, Unparseable> {
    let text = std::str::from_utf8(bytes).map_err(|_| Unparseable)?;
    let raw = read_sections(text)?;
    let mut sections = Vec::with_capacity(raw.sections.len());
    for (name, options) in raw.sections {
        let mut values = Vec::new();
        // `options()` lists the section's own options, then the defaults it lacks.
        let inherited = raw
            .defaults
            .iter()
            .filter(|(key, _)| !options.iter().any(|(own, _)| own == key));
        for (key, lines) in options.iter().chain(inherited) {
            values.push((key.clone(), nested_or_text(&join(lines))?));
        }
        sections.push((name, values));
    }
    Ok(sections)
}

/// Options with the lines of their values, as configparser collects them.
type RawOptions = Vec<(String, Vec<String>)>;

/// The sections, and the options of `[DEFAULT]`.
struct Raw {
    sections: Vec<(String, RawOptions)>,
    defaults: RawOptions,
}

fn read_sections(text: &str) -> Result<Raw, Unparseable> {
    let mut raw = Raw {
        sections: Vec::new(),
        defaults: Vec::new(),
    };
    // Where options go: None before any section, Some(None) for DEFAULT, Some(Some(i)).
    let mut current: Option<Option<usize>> = None;
    let mut option: Option<String> = None;
    let mut indent_level = 0;
    for line in universal_lines(text) {
        let stripped = line.trim_matches(python::is_space);
        if stripped.starts_with('#') || stripped.starts_with(';') {
            continue;
        }
        if stripped.is_empty() {
            if let (Some(target), Some(name)) = (current, &option)
                && let Some((_, lines)) = options_of(&mut raw, target)
                    .iter_mut()
                    .find(|(k, _)| k == name)
            {
                lines.push(String::new());
            }
            continue;
        }
        let indent = line
            .find(|c: char| !python::is_space(c))
            .map_or(0, |at| line[..at].chars().count());
        if let (Some(target), Some(name)) = (current, &option)
            && indent > indent_level
        {
            if let Some((_, lines)) = options_of(&mut raw, target)
                .iter_mut()
                .find(|(k, _)| k == name)
            {
                lines.push(stripped.to_string());
            }
            continue;
        }
        indent_level = indent;
        if let Some(header) = section_header(stripped) {
            option = None;
            if header == "DEFAULT" {
                current = Some(None);
            } else if raw.sections.iter().any(|(name, _)| name == header) {
                return Err(Unparseable);
            } else {
                raw.sections.push((header.to_string(), Vec::new()));
                current = Some(Some(raw.sections.len() - 1));
            }
            continue;
        }
        let Some(target) = current else {
            return Err(Unparseable);
        };
        let at = stripped.find(['=', ':']).ok_or(Unparseable)?;
        let name = stripped[..at]
            .trim_end_matches(python::is_space)
            .to_lowercase();
        if name.is_empty() {
            return Err(Unparseable);
        }
        let value = stripped[at + 1..]
            .trim_matches(python::is_space)
            .to_string();
        let options = options_of(&mut raw, target);
        if options.iter().any(|(key, _)| *key == name) {
            return Err(Unparseable);
        }
        options.push((name.clone(), vec![value]));
        option = Some(name);
    }
    Ok(raw)
}

fn options_of(raw: &mut Raw, target: Option<usize>) -> &mut RawOptions {
    match target {
        None => &mut raw.defaults,
        Some(index) => &mut raw.sections[index].1,
    }
}

/// configparser's section header: `[` then the longest text that a `]` follows.
fn section_header(stripped: &str) -> Option<&str> {
    let inner = stripped.strip_prefix('[')?;
    let close = inner.rfind(']')?;
    (close > 0).then(|| &inner[..close])
}

/// Lines as Python's text mode splits them: at `\n`, `\r\n` and a lone `\r`.
fn universal_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// configparser's joined value: its lines, then trailing white space off.
fn join(lines: &[String]) -> String {
    lines.join("\n").trim_end().to_string()
}

/// botocore's nested values: a value that starts with a line break holds `key = value` lines.
fn nested_or_text(value: &str) -> Result<Value, Unparseable> {
    if !value.starts_with('\n') {
        return Ok(Value::Text(value.to_string()));
    }
    let mut pairs = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (key, value) = line.split_once('=').ok_or(Unparseable)?;
        let key = key.trim().to_string();
        let value = value.trim().to_string();
        match pairs
            .iter_mut()
            .find(|(k, _): &&mut (String, String)| *k == key)
        {
            Some((_, old)) => *old = value,
            None => pairs.push((key, value)),
        }
    }
    Ok(Value::Nested(pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Value {
        Value::Text(value.to_string())
    }

    fn parsed(file: &str) -> Result<Sections, Unparseable> {
        parse(file.as_bytes())
    }

    #[test]
    fn values_are_read_as_configparser_reads_them() {
        let file = "# comment\n[default]\nRegion = us-east-1 ; not a comment\n\
                    output: json\n  ; indented comment\nempty =\n\
                    multi = a\n  b\n\n  c\n\n[profile x]\nk=v\n[DEFAULT]\ninherited = yes\nk = d\n";
        let sections = parsed(file).unwrap_or_default();
        assert_eq!(
            sections,
            vec![
                (
                    "default".to_string(),
                    vec![
                        ("region".to_string(), text("us-east-1 ; not a comment")),
                        ("output".to_string(), text("json")),
                        ("empty".to_string(), text("")),
                        ("multi".to_string(), text("a\nb\n\nc")),
                        ("inherited".to_string(), text("yes")),
                        ("k".to_string(), text("d")),
                    ]
                ),
                (
                    "profile x".to_string(),
                    vec![
                        ("k".to_string(), text("v")),
                        ("inherited".to_string(), text("yes")),
                    ]
                ),
            ]
        );
    }

    #[test]
    fn nested_values_are_key_value_lines() {
        let file = "[default]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n";
        let sections = parsed(file).unwrap_or_default();
        assert_eq!(
            sections[0].1,
            vec![(
                "s3".to_string(),
                Value::Nested(vec![
                    ("max_concurrent_requests".into(), "20".into()),
                    ("addressing_style".into(), "path".into())
                ])
            )]
        );
        assert_eq!(
            parsed("[default]\ns3 =\n  no equals here\n"),
            Err(Unparseable)
        );
    }

    #[test]
    fn what_botocore_refuses() {
        // Each of these makes botocore say "Unable to parse config file: PATH".
        for file in [
            "region = us-east-1\n[default]\n",
            "[default\nregion = x\n",
            "[default]\nthis is not a key value\n",
            "[default]\nregion = a\nregion = b\n",
            "[default]\nregion = a\n[default]\nregion = b\n",
            "[default]\n= value\n",
            "\u{feff}[default]\nregion = x\n",
        ] {
            assert_eq!(parsed(file), Err(Unparseable), "{file:?}");
        }
        assert_eq!(parse(b"[default]\nfoo = \xff\n"), Err(Unparseable));
        assert_eq!(parse(b"\x00\x01\xff garbage"), Err(Unparseable));
    }

    #[test]
    fn what_botocore_accepts() {
        for file in [
            "",
            "\n\n",
            "[default]\n  region = x\n",
            "[a] trailing\nk = v\n",
            "[default]\r\nregion = x\r\n",
            "[default]\rregion = x\r",
            "[default]\nk = a=b:c\n",
        ] {
            assert!(parsed(file).is_ok(), "{file:?}");
        }
        let sections = parsed("[a]b]\nk = v\n").unwrap_or_default();
        assert_eq!(sections[0].0, "a]b");
    }
}
