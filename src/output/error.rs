//! An error as AWS CLI v2 writes it on stderr, in the `--cli-error-format` chosen: `legacy`
//! and `enhanced` as a `sts: [ERROR]: MESSAGE` line, `json`, `yaml`, `text` and `table` as the
//! error's fields in that output format.

use super::{ColorMode, OutputFormat, render};
use crate::error::{Error, Kind, Presentation};
use serde_json::{Map, Value};

/// `--cli-error-format`, `AWS_CLI_ERROR_FORMAT` or `cli_error_format` in the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorFormat {
    /// The message alone, as before v2.34 (with the `[ERROR]` prefix all the same).
    Legacy,
    Json,
    Yaml,
    Text,
    Table,
    /// The message with the error's code: v2's default.
    #[default]
    Enhanced,
}

impl ErrorFormat {
    pub const ALL: [ErrorFormat; 6] = [
        ErrorFormat::Legacy,
        ErrorFormat::Json,
        ErrorFormat::Yaml,
        ErrorFormat::Text,
        ErrorFormat::Table,
        ErrorFormat::Enhanced,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ErrorFormat::Legacy => "legacy",
            ErrorFormat::Json => "json",
            ErrorFormat::Yaml => "yaml",
            ErrorFormat::Text => "text",
            ErrorFormat::Table => "table",
            ErrorFormat::Enhanced => "enhanced",
        }
    }

    /// A setting from the environment or the profile: any case; an unknown value means
    /// `enhanced`, as in v2 (which only logs a warning).
    pub fn from_setting(value: &str) -> ErrorFormat {
        let value = value.to_lowercase();
        Self::ALL
            .into_iter()
            .find(|format| format.name() == value)
            .unwrap_or_default()
    }

    /// The output format that shows the error's fields, for the structured formats.
    fn structured(self) -> Option<OutputFormat> {
        match self {
            ErrorFormat::Json => Some(OutputFormat::Json),
            ErrorFormat::Yaml => Some(OutputFormat::Yaml),
            ErrorFormat::Text => Some(OutputFormat::Text),
            ErrorFormat::Table => Some(OutputFormat::Table),
            ErrorFormat::Legacy | ErrorFormat::Enhanced => None,
        }
    }
}

/// The bytes written to stderr for `error`.
pub fn render_error(error: &Error, format: ErrorFormat, color: ColorMode) -> String {
    match error.kind {
        // The newline v2 writes after Ctrl-C, on stderr so that captured output stays clean.
        Kind::Interrupted => return "\n".to_string(),
        Kind::CommandEnded(_) => return String::new(),
        _ => {}
    }
    let fields: Vec<(&str, &str)> = match &error.presentation {
        Presentation::Plain => return line(&error.message),
        Presentation::UnknownOptions(usage) => {
            return format!("\nusage: {usage}\n{}", line(&error.message));
        }
        Presentation::Coded(code) => vec![("Code", code), ("Message", &error.message)],
        Presentation::Service(fields) => fields
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect(),
    };
    if let Some(output) = format.structured() {
        let value: Map<String, Value> = fields
            .iter()
            .map(|(name, value)| (name.to_string(), Value::from(*value)))
            .collect();
        // A structure the format cannot show falls back to the message, as in v2.
        if let Ok(text) = render(output, &Value::Object(value), "error", color) {
            return text;
        }
    }
    match (&error.presentation, format) {
        (Presentation::Coded(code), ErrorFormat::Enhanced) => {
            line(&format!("An error occurred ({code}): {}", error.message))
        }
        // A service error's message already names its code. v2's enhanced format would add
        // the error's other modelled fields; STS's errors model none besides the message.
        _ => line(&error.message),
    }
}

/// v2's `[ERROR]` line: a blank line, the prefix, the message without surrounding white space.
fn line(message: &str) -> String {
    let message = message.trim();
    if message.is_empty() {
        "\nsts: [ERROR]:\n".to_string()
    } else {
        format!("\nsts: [ERROR]: {message}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(error: &Error) -> Vec<String> {
        ErrorFormat::ALL
            .iter()
            .map(|format| render_error(error, *format, ColorMode::Off))
            .collect()
    }

    #[test]
    fn coded_errors_in_every_format() {
        // What AWS CLI v2 writes for a missing region, in each format.
        let message = "You must specify a region. You can also configure your region by running \"aws configure\".";
        let error = Error::coded_config("NoRegion", message);
        let table = "----------------------------------------------------------------------------------------------------------\n\
            |                                                  error                                                 |\n\
            +---------+----------------------------------------------------------------------------------------------+\n\
            |  Code   |  NoRegion                                                                                    |\n\
            |  Message|  You must specify a region. You can also configure your region by running \"aws configure\".   |\n\
            +---------+----------------------------------------------------------------------------------------------+\n";
        assert_eq!(
            all(&error),
            [
                format!("\nsts: [ERROR]: {message}\n"),
                format!(
                    "{{\n    \"Code\": \"NoRegion\",\n    \"Message\": \"{}\"\n}}\n",
                    message.replace('"', "\\\"")
                ),
                "Code: NoRegion\nMessage: You must specify a region. You can also configure your region by running\n  \"aws configure\".\n".to_string(),
                format!("NoRegion\t{message}\n"),
                table.to_string(),
                format!("\nsts: [ERROR]: An error occurred (NoRegion): {message}\n"),
            ]
        );
    }

    #[test]
    fn plain_and_unknown_option_errors_look_alike_in_every_format() {
        let plain = Error::other("The config profile (x) could not be found  \n");
        for text in all(&plain) {
            assert_eq!(
                text,
                "\nsts: [ERROR]: The config profile (x) could not be found\n"
            );
        }
        let unknown = Error::unknown_options(&["--x".to_string(), "1".to_string()], "sts\n");
        for text in all(&unknown) {
            assert_eq!(
                text,
                "\nusage: sts\n\n\nsts: [ERROR]: Unknown options: --x, 1\n"
            );
        }
        assert_eq!(all(&Error::interrupted())[0], "\n");
        assert_eq!(all(&Error::other(""))[0], "\nsts: [ERROR]:\n");
    }
}
