//! Credentials written for a shell or a program, as AWS CLI v2's `aws configure
//! export-credentials --format` writes them: the `credential_process` JSON, or one variable
//! per line for bash, PowerShell, Windows cmd or fish.

use crate::timestamp::{self, TimestampFormat};
use aws_smithy_types::date_time::{DateTime, Format};

/// A time as Python's `datetime.isoformat()` writes an aware UTC one, as v2 writes an
/// expiry (`2099-01-01T00:00:00.123000+00:00`).
pub fn isoformat(time: std::time::SystemTime) -> Option<String> {
    let text = DateTime::from(time).fmt(Format::DateTime).ok()?;
    timestamp::format(&text, TimestampFormat::Iso8601).ok()
}

/// `--format` of `export-credentials`, and the extra `--output` formats of the operations that
/// return credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialFormat {
    /// The JSON a `credential_process` prints (the default).
    Process,
    /// `export NAME=value` lines.
    Env,
    /// `NAME=value` lines.
    EnvNoExport,
    /// `$Env:NAME="value"` lines.
    Powershell,
    /// `set NAME=value` lines.
    WindowsCmd,
    /// `set -gx NAME "value"` lines.
    Fish,
}

impl CredentialFormat {
    /// In v2's order.
    pub const ALL: [CredentialFormat; 6] = [
        CredentialFormat::Process,
        CredentialFormat::Env,
        CredentialFormat::EnvNoExport,
        CredentialFormat::Powershell,
        CredentialFormat::WindowsCmd,
        CredentialFormat::Fish,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CredentialFormat::Process => "process",
            CredentialFormat::Env => "env",
            CredentialFormat::EnvNoExport => "env-no-export",
            CredentialFormat::Powershell => "powershell",
            CredentialFormat::WindowsCmd => "windows-cmd",
            CredentialFormat::Fish => "fish",
        }
    }

    pub fn render(self, credentials: &Exported) -> String {
        let line = |name: &str, value: &str| match self {
            CredentialFormat::Env => format!("export {name}={value}\n"),
            CredentialFormat::EnvNoExport => format!("{name}={value}\n"),
            CredentialFormat::Powershell => format!("$Env:{name}=\"{value}\"\n"),
            CredentialFormat::WindowsCmd => format!("set {name}={value}\n"),
            CredentialFormat::Fish => format!("set -gx {name} \"{value}\"\n"),
            CredentialFormat::Process => String::new(),
        };
        if self == CredentialFormat::Process {
            return process_json(credentials);
        }
        let mut out = line("AWS_ACCESS_KEY_ID", &credentials.access_key_id);
        out.push_str(&line(
            "AWS_SECRET_ACCESS_KEY",
            &credentials.secret_access_key,
        ));
        if let Some(token) = &credentials.session_token {
            out.push_str(&line("AWS_SESSION_TOKEN", token));
        }
        if let Some(expiration) = &credentials.expiration {
            out.push_str(&line("AWS_CREDENTIAL_EXPIRATION", expiration));
        }
        out
    }
}

/// `json.dumps(..., indent=2, separators=(',', ': '))` of the credential_process document.
fn process_json(credentials: &Exported) -> String {
    let mut document = serde_json::Map::new();
    document.insert("Version".into(), 1.into());
    document.insert(
        "AccessKeyId".into(),
        credentials.access_key_id.as_str().into(),
    );
    document.insert(
        "SecretAccessKey".into(),
        credentials.secret_access_key.as_str().into(),
    );
    if let Some(token) = &credentials.session_token {
        document.insert("SessionToken".into(), token.as_str().into());
    }
    if let Some(expiration) = &credentials.expiration {
        document.insert("Expiration".into(), expiration.as_str().into());
    }
    let style = crate::python::Dumps {
        indent: Some(2),
        compact: false,
        ensure_ascii: true,
    };
    let mut out = crate::python::dumps(&serde_json::Value::Object(document), style);
    out.push('\n');
    out
}

/// Credentials to write out; secrets, never to be logged.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    /// When they expire, as Python's `isoformat()` writes it (`2099-01-01T00:00:00+00:00`).
    pub expiration: Option<String>,
}

impl Exported {
    /// From the `Credentials` of an STS answer (members as the response reader gives them,
    /// the expiry as sent or as printed).
    pub fn from_answer(credentials: &serde_json::Value) -> Option<Exported> {
        let field = |name: &str| credentials.get(name)?.as_str().map(str::to_string);
        Some(Exported {
            access_key_id: field("AccessKeyId")?,
            secret_access_key: field("SecretAccessKey")?,
            session_token: field("SessionToken"),
            expiration: field("Expiration")
                .and_then(|text| timestamp::format(&text, TimestampFormat::Iso8601).ok()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_isoformat() {
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(4_070_908_800_123);
        assert_eq!(
            isoformat(time).as_deref(),
            Some("2099-01-01T00:00:00.123000+00:00")
        );
    }

    fn exported(token: bool) -> Exported {
        Exported {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "se/cret".into(),
            session_token: token.then(|| "tok".to_string()),
            expiration: token.then(|| "2099-01-01T00:00:00+00:00".to_string()),
        }
    }

    #[test]
    fn every_format_as_v2_writes_it() {
        // What `aws configure export-credentials --format F` printed for the same values.
        let expected = [
            "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"AKIDEXAMPLE\",\n  \"SecretAccessKey\": \"se/cret\",\n  \"SessionToken\": \"tok\",\n  \"Expiration\": \"2099-01-01T00:00:00+00:00\"\n}\n",
            "export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=se/cret\nexport AWS_SESSION_TOKEN=tok\nexport AWS_CREDENTIAL_EXPIRATION=2099-01-01T00:00:00+00:00\n",
            "AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nAWS_SECRET_ACCESS_KEY=se/cret\nAWS_SESSION_TOKEN=tok\nAWS_CREDENTIAL_EXPIRATION=2099-01-01T00:00:00+00:00\n",
            "$Env:AWS_ACCESS_KEY_ID=\"AKIDEXAMPLE\"\n$Env:AWS_SECRET_ACCESS_KEY=\"se/cret\"\n$Env:AWS_SESSION_TOKEN=\"tok\"\n$Env:AWS_CREDENTIAL_EXPIRATION=\"2099-01-01T00:00:00+00:00\"\n",
            "set AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nset AWS_SECRET_ACCESS_KEY=se/cret\nset AWS_SESSION_TOKEN=tok\nset AWS_CREDENTIAL_EXPIRATION=2099-01-01T00:00:00+00:00\n",
            "set -gx AWS_ACCESS_KEY_ID \"AKIDEXAMPLE\"\nset -gx AWS_SECRET_ACCESS_KEY \"se/cret\"\nset -gx AWS_SESSION_TOKEN \"tok\"\nset -gx AWS_CREDENTIAL_EXPIRATION \"2099-01-01T00:00:00+00:00\"\n",
        ];
        for (format, expected) in CredentialFormat::ALL.iter().zip(expected) {
            assert_eq!(format.render(&exported(true)), expected, "{format:?}");
        }
        assert_eq!(
            CredentialFormat::Process.render(&exported(false)),
            "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"AKIDEXAMPLE\",\n  \"SecretAccessKey\": \"se/cret\"\n}\n"
        );
    }

    #[test]
    fn an_answers_expiry_is_written_as_isoformat() {
        let answer = serde_json::json!({
            "AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T",
            "Expiration": "2099-01-01T00:00:00.123Z"
        });
        let exported = Exported::from_answer(&answer);
        assert_eq!(
            exported.and_then(|e| e.expiration).as_deref(),
            Some("2099-01-01T00:00:00.123000+00:00")
        );
    }
}
