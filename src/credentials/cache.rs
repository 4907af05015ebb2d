//! The AWS CLI's credential cache, `~/.aws/cli/cache`: one JSON file per set of AssumeRole
//! (or AssumeRoleWithWebIdentity) arguments, named and laid out as botocore writes it, so that
//! `aws` and `sts` reuse each other's entries.

use crate::error::Result;
use crate::model::OpId;
use crate::net::Exchange;
use crate::python::{self, Dumps};
use crate::response;
use crate::timestamp::{self, TimestampFormat};
use aws_credential_types::Credentials;
use aws_smithy_types::date_time::{DateTime, Format};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// A cached entry is used until this close to its expiry, then replaced (botocore's
/// `CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS`).
pub const EXPIRY_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The cache entry for an answer, laid out as botocore writes it: the parsed answer (members in
/// model order, timestamps as the CLI formats them), the account in `Credentials.AccountId`,
/// and `ResponseMetadata`.
pub fn entry(operation: OpId, exchange: &Exchange, timestamps: TimestampFormat) -> Result<Value> {
    let operation = operation.operation();
    let body = exchange.body.as_deref().unwrap_or_default();
    let mut entry = response::parse_output(operation, body, timestamps)?;
    let account = entry
        .pointer("/AssumedRoleUser/Arn")
        .and_then(Value::as_str)
        .and_then(arn_account);
    if let (Some(account), Some(Value::Object(credentials))) =
        (account, entry.get_mut("Credentials"))
    {
        credentials.insert("AccountId".into(), Value::from(account));
    }
    let headers: Map<String, Value> = exchange
        .headers
        .iter()
        .map(|(name, value)| (name.clone(), Value::from(value.as_str())))
        .collect();
    let metadata = serde_json::json!({
        "RequestId": request_id(body),
        "HTTPStatusCode": exchange.status.unwrap_or(200),
        "HTTPHeaders": headers,
        "RetryAttempts": exchange.attempts.saturating_sub(1),
    });
    if let Value::Object(map) = &mut entry {
        map.insert("ResponseMetadata".into(), metadata);
    }
    Ok(entry)
}

/// The account of an ARN, as botocore's ArnParser reads it.
fn arn_account(arn: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    (parts.len() == 6 && parts[0] == "arn").then(|| parts[4].to_string())
}

/// `ResponseMetadata/RequestId` of a Query-protocol answer, as botocore's parser takes it.
fn request_id(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let document = roxmltree::Document::parse(text).ok()?;
    let metadata = document
        .descendants()
        .find(|n| n.has_tag_name("ResponseMetadata"))?;
    let id = metadata.children().find(|n| n.has_tag_name("RequestId"))?;
    Some(id.text().unwrap_or_default().to_string())
}

/// The credentials of a cache entry if it is not about to expire (else it is replaced).
pub fn usable(entry: &Value) -> Option<Credentials> {
    let (credentials, expiry) = read_entry(entry)?;
    let left = expiry.duration_since(SystemTime::now()).ok()?;
    (left >= EXPIRY_WINDOW).then_some(credentials)
}

/// The credentials and expiry of a cache entry; `None` when something is missing or unreadable.
pub fn read_entry(entry: &Value) -> Option<(Credentials, SystemTime)> {
    let field = |name: &str| entry.get("Credentials")?.get(name)?.as_str();
    let expiry = parse_expiration(field("Expiration")?)?;
    let credentials = Credentials::new(
        field("AccessKeyId")?,
        field("SecretAccessKey")?,
        Some(field("SessionToken")?.to_string()),
        Some(expiry),
        "AssumeRole",
    );
    Some((credentials, expiry))
}

/// An `Expiration` as botocore writes it: the wire text (`2024-03-15T00:05:07Z`), ISO 8601
/// from Python (`2024-03-15T00:05:07+00:00`), or `strftime` of a datetime (`...07UTC`).
pub fn parse_expiration(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let text = match text.strip_suffix("UTC") {
        Some(rest) => format!("{rest}Z"),
        None => text.to_string(),
    };
    // Python's isoformat of the parsed value: the forms above, normalised.
    let iso = timestamp::format(&text, TimestampFormat::Iso8601).ok()?;
    let parsed = DateTime::from_str(&iso, Format::DateTimeWithOffset).ok()?;
    SystemTime::try_from(parsed).ok()
}

/// A credential cache: one JSON file per key, in a directory of its own.
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// `~/.aws/cli/cache`, where the AWS CLI (v1 and v2) keeps assumed-role credentials.
    pub fn in_home() -> Cache {
        Cache {
            dir: std::env::home_dir().map(|home| home.join(".aws").join("cli").join("cache")),
        }
    }

    /// sts's own cache of MFA sessions and of the role credentials had through them (never
    /// the AWS CLI's, whose entries mean one MFA prompt per role): `$XDG_CACHE_HOME/sts` or
    /// `~/.cache/sts`, `sessions` in it.
    pub fn sessions() -> Cache {
        let base = crate::config::env_var("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::home_dir().map(|home| home.join(".cache")));
        Cache {
            dir: base.map(|base| base.join("sts").join("sessions")),
        }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key}.json")))
    }

    /// Forget the entry for `key`; whether there was one.
    pub fn remove(&self, key: &str) -> bool {
        self.path(key)
            .is_some_and(|path| std::fs::remove_file(path).is_ok())
    }

    /// Every entry, with its key.
    pub fn entries(&self) -> Vec<(String, Value)> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let Ok(listing) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        listing
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let key = name.strip_suffix(".json").filter(|k| !k.starts_with('.'))?;
                Some((key.to_string(), self.load(key)?))
            })
            .collect()
    }

    /// The entry for `key`. botocore fails with a KeyError on an unreadable entry until
    /// someone deletes it; here it is a miss, and the fresh answer replaces it.
    pub fn load(&self, key: &str) -> Option<Value> {
        let text = std::fs::read_to_string(self.path(key)?).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Write the entry as a new 0600 file renamed into place, so that a reader (`aws` or `sts`)
    /// never sees half a file and the secrets are never readable by others, even briefly.
    pub fn store(&self, key: &str, entry: &Value) -> std::io::Result<()> {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        let (Some(dir), Some(path)) = (&self.dir, self.path(key)) else {
            return Err(std::io::Error::other("no home directory"));
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        // A directory made before (by an older sts, or by hand) is made private too.
        std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        let temporary = dir.join(format!(".{key}.json.{}", std::process::id()));
        let _ = std::fs::remove_file(&temporary);
        let text = python::dumps(entry, Dumps::DEFAULT);
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)
            .and_then(|mut file| file.write_all(text.as_bytes()))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::date_time::{DateTime, Format};
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn expirations_in_every_form_botocore_writes() {
        let at =
            |text: &str| parse_expiration(text).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        let expected = Some(Duration::from_secs(1_710_461_107));
        assert_eq!(at("2024-03-15T00:05:07Z"), expected);
        assert_eq!(at("2024-03-15T00:05:07+00:00"), expected);
        assert_eq!(at("2024-03-15T00:05:07UTC"), expected);
        assert_eq!(at("2024-03-15T01:05:07+01:00"), expected);
        assert_eq!(
            at("2024-03-15T00:05:07.500000+00:00"),
            Some(Duration::from_millis(1_710_461_107_500))
        );
        assert_eq!(at("garbage"), None);
    }

    #[test]
    fn entries_close_to_expiry_are_not_used() {
        let entry = |expiry: SystemTime| {
            let text = DateTime::from(expiry)
                .fmt(Format::DateTime)
                .unwrap_or_default();
            serde_json::json!({"Credentials": {
                "AccessKeyId": "AKID", "SecretAccessKey": "S", "SessionToken": "T",
                "Expiration": text,
            }})
        };
        let now = SystemTime::now();
        assert!(usable(&entry(now + Duration::from_secs(3600))).is_some());
        assert!(usable(&entry(now + Duration::from_secs(14 * 60))).is_none());
        assert!(usable(&entry(now - Duration::from_secs(60))).is_none());
        assert!(usable(&serde_json::json!({"Foo": 1})).is_none());
    }

    #[test]
    fn account_from_arn() {
        assert_eq!(
            arn_account("arn:aws:sts::123456789012:assumed-role/demo/John").as_deref(),
            Some("123456789012")
        );
        assert_eq!(arn_account("not-an-arn"), None);
    }
}
