//! Formats the final value for stdout, one module per `--output` format.

mod json;
mod table;
mod text;
mod width;
mod yaml;

use crate::error::{Error, Result};
use crate::settings::{ColorMode, OutputFormat};
use serde_json::Value;
use std::io::IsTerminal;

/// The width the AWS CLI assumes for tables when stdout is not a terminal.
const PIPE_WIDTH: usize = 80;

/// Render `value` (the response or the `--query` result) in the chosen format.
/// `title` is the operation's API name, which the table format prints as its title.
pub fn render(
    format: OutputFormat,
    value: &Value,
    title: &str,
    color: ColorMode,
) -> Result<String> {
    match format {
        // A result equal to `{}` prints nothing at all.
        OutputFormat::Json if value.as_object().is_some_and(|m| m.is_empty()) => Ok(String::new()),
        OutputFormat::Json => Ok(json::render(value)),
        OutputFormat::Text => text::render(value),
        OutputFormat::Table => {
            let stdout = std::io::stdout();
            let terminal = stdout.is_terminal();
            // The width is read from stdout itself; COLUMNS is not consulted, as in the AWS CLI.
            let width = terminal_size::terminal_size_of(&stdout)
                .map_or(PIPE_WIDTH, |(w, _)| usize::from(w.0));
            let colored = match color {
                ColorMode::On => true,
                ColorMode::Off => false,
                ColorMode::Auto => terminal,
            };
            let mut text = table::render(title, value, width, colored).map_err(Error::other)?;
            if colored && terminal {
                // colorama, which the AWS CLI colours with, resets the terminal at exit.
                text.push_str("\u{1b}[0m");
            }
            Ok(text)
        }
        OutputFormat::Yaml => Ok(yaml::render(value, false)),
        OutputFormat::YamlStream => Ok(yaml::render(value, true)),
        OutputFormat::Off => Ok(String::new()),
    }
}
