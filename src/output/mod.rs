//! Formats the final value for stdout, one module per `--output` format.

mod credentials;
mod error;
mod json;
mod table;
mod text;
mod width;
mod yaml;

pub use credentials::{CredentialFormat, Exported, isoformat};
pub use error::{ErrorFormat, render_error};

use crate::error::{Error, Result};
use serde_json::Value;
use std::io::IsTerminal;

/// `--output`, `AWS_DEFAULT_OUTPUT` or `output` in the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Json,
    Text,
    Table,
    Yaml,
    YamlStream,
    /// Nothing on stdout (AWS CLI v2): only the exit code and errors tell.
    Off,
    /// The answer's credentials for a shell or a program (sts only, for the operations that
    /// return credentials, and only from `--output`).
    Credentials(CredentialFormat),
}

impl OutputFormat {
    /// AWS CLI v2's formats, which the environment and the profile may name too.
    pub const V2: [OutputFormat; 6] = [
        OutputFormat::Json,
        OutputFormat::Text,
        OutputFormat::Table,
        OutputFormat::Yaml,
        OutputFormat::YamlStream,
        OutputFormat::Off,
    ];

    /// Every format `--output` takes, in the order help and completion list them.
    pub const ALL: [OutputFormat; 12] = [
        OutputFormat::Json,
        OutputFormat::Text,
        OutputFormat::Table,
        OutputFormat::Yaml,
        OutputFormat::YamlStream,
        OutputFormat::Off,
        OutputFormat::Credentials(CredentialFormat::Env),
        OutputFormat::Credentials(CredentialFormat::EnvNoExport),
        OutputFormat::Credentials(CredentialFormat::Powershell),
        OutputFormat::Credentials(CredentialFormat::WindowsCmd),
        OutputFormat::Credentials(CredentialFormat::Fish),
        OutputFormat::Credentials(CredentialFormat::Process),
    ];

    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Text => "text",
            OutputFormat::Table => "table",
            OutputFormat::Yaml => "yaml",
            OutputFormat::YamlStream => "yaml-stream",
            OutputFormat::Off => "off",
            OutputFormat::Credentials(format) => format.name(),
        }
    }

    /// The format of this name, from the environment or the profile (clap checks the flag's),
    /// with the AWS CLI's error: there only v2's formats are known.
    pub fn parse(name: &str) -> Result<OutputFormat> {
        Self::V2
            .into_iter()
            .find(|format| format.name() == name)
            .ok_or_else(|| Error::other(format!("Unknown output type: {name}")))
    }
}

/// Whether table output is coloured (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    On,
    Off,
    /// Only when stdout is a terminal.
    #[default]
    Auto,
}

impl ColorMode {
    pub const ALL: [ColorMode; 3] = [ColorMode::On, ColorMode::Off, ColorMode::Auto];

    pub fn name(self) -> &'static str {
        match self {
            ColorMode::On => "on",
            ColorMode::Off => "off",
            ColorMode::Auto => "auto",
        }
    }
}

/// The width the AWS CLI assumes for tables when stdout is not a terminal.
const PIPE_WIDTH: usize = 80;

/// A value a format could not show, and what it had written before it failed (the text
/// format writes as it goes, so the AWS CLI prints that part).
#[derive(Debug)]
pub struct Failed {
    pub written: String,
    pub error: Error,
}

impl From<Failed> for Error {
    fn from(failed: Failed) -> Error {
        failed.error
    }
}

/// Render `value` (the response or the `--query` result) in the chosen format.
/// `title` is the operation's API name, which the table format prints as its title.
pub fn render(
    format: OutputFormat,
    value: &Value,
    title: &str,
    color: ColorMode,
) -> std::result::Result<String, Failed> {
    let whole = |error| Failed {
        written: String::new(),
        error,
    };
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
            let mut text =
                table::render(title, value, width, colored).map_err(|e| whole(Error::other(e)))?;
            if colored && terminal {
                // colorama, which the AWS CLI colours with, resets the terminal at exit.
                text.push_str("\u{1b}[0m");
            }
            Ok(text)
        }
        OutputFormat::Yaml => Ok(yaml::render(value, false)),
        OutputFormat::YamlStream => Ok(yaml::render(value, true)),
        OutputFormat::Off => Ok(String::new()),
        // The pipeline renders credentials itself (it checked the operation returns some).
        OutputFormat::Credentials(format) => value
            .get("Credentials")
            .and_then(Exported::from_answer)
            .map(|credentials| format.render(&credentials))
            .ok_or_else(|| whole(Error::other("The answer holds no credentials"))),
    }
}
