//! Formats the final value for stdout, one module per `--output` format.

mod json;

use crate::error::{Error, Result};
use crate::settings::OutputFormat;
use serde_json::Value;

/// Render `value` (the response or the `--query` result) in the chosen format.
/// `title` is the operation's API name, which the table format prints as its title.
pub fn render(format: OutputFormat, value: &Value, _title: &str) -> Result<String> {
    check_supported(format)?;
    // A result equal to `{}` prints nothing at all.
    if value.as_object().is_some_and(|m| m.is_empty()) {
        return Ok(String::new());
    }
    Ok(json::render(value))
}

/// Formats still to come fail before anything is sent.
pub fn check_supported(format: OutputFormat) -> Result<()> {
    match format {
        OutputFormat::Json => Ok(()),
        other => Err(Error::usage(format!(
            "--output {} is not supported yet; use --output json",
            format_name(other)
        ))),
    }
}

fn format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Json => "json",
        OutputFormat::Text => "text",
        OutputFormat::Table => "table",
        OutputFormat::Yaml => "yaml",
        OutputFormat::YamlStream => "yaml-stream",
    }
}
