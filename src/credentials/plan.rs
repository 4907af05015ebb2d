//! What a profile asks for, read from the config files and checked as botocore checks it
//! before any network access: a chain of roles down to its source, or a web identity.

use crate::config::{Profile, Profiles};
use crate::error::{Error, Result};
use crate::python::{self, Dumps};
use aws_credential_types::Credentials;
use serde_json::{Map, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// The `credential_source` values botocore knows, spelled exactly so.
const CREDENTIAL_SOURCES: [&str; 3] = ["Environment", "Ec2InstanceMetadata", "EcsContainer"];

/// What the selected profile asks for, read and checked before any network access.
#[derive(Debug)]
pub enum Plan {
    /// AssumeRole for each role, from the selected profile down its chain of source profiles;
    /// the last role is assumed with the credentials of `source`.
    Roles { chain: Vec<Role>, source: Source },
    /// AssumeRoleWithWebIdentity with the token in `token_file`.
    WebIdentity { token_file: String, args: Args },
}

#[derive(Debug)]
pub struct Role {
    pub profile: String,
    pub args: Args,
}

/// Where the last role of a chain gets the credentials it is assumed with.
#[derive(Debug)]
pub enum Source {
    /// The keys written in `profile`.
    Keys { keys: Credentials, profile: String },
    /// Any other profile (SSO, credential_process, web identity, ...): aws-config resolves it.
    Profile(String),
    /// A `credential_source`, named in `profile`.
    Named { source: String, profile: String },
}

/// The arguments of one AssumeRole call; they also name its cache entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    pub role_arn: String,
    pub session_name: String,
    /// A generated session name changes every second, so botocore leaves it out of the key.
    pub session_name_configured: bool,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub duration_seconds: Option<i64>,
}

impl Args {
    fn new(role_arn: &str, session_name: Option<&str>) -> Args {
        let configured = session_name.filter(|name| !name.is_empty());
        Args {
            role_arn: role_arn.to_string(),
            session_name: configured.map_or_else(default_session_name, str::to_string),
            session_name_configured: configured.is_some(),
            external_id: None,
            mfa_serial: None,
            duration_seconds: None,
        }
    }

    /// The arguments a role profile gives (botocore's `_get_role_config`): empty values count,
    /// a `duration_seconds` that is not an integer is ignored.
    fn from_profile(profile: &Profile, role_arn: &str) -> Args {
        Args {
            external_id: profile.get("external_id").map(str::to_string),
            mfa_serial: profile.get("mfa_serial").map(str::to_string),
            duration_seconds: profile.get("duration_seconds").and_then(python::int::int),
            ..Args::new(role_arn, profile.get("role_session_name"))
        }
    }

    /// The call's parameters as botocore passes them (the code typed for MFA aside), keyed
    /// by API member names, in sorted order.
    pub fn params(&self) -> Map<String, Value> {
        let mut fields: Vec<(&str, Value)> = Vec::new();
        // Already in sorted order.
        if let Some(seconds) = self.duration_seconds {
            fields.push(("DurationSeconds", Value::from(seconds)));
        }
        if let Some(id) = &self.external_id {
            fields.push(("ExternalId", Value::from(id.as_str())));
        }
        fields.push(("RoleArn", Value::from(self.role_arn.as_str())));
        fields.push(("RoleSessionName", Value::from(self.session_name.as_str())));
        if let Some(serial) = &self.mfa_serial {
            fields.push(("SerialNumber", Value::from(serial.as_str())));
        }
        fields
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect()
    }

    /// `params` without a generated session name, which changes every second: what names
    /// the role's cache entries.
    pub fn key_params(&self) -> Map<String, Value> {
        let mut params = self.params();
        if !self.session_name_configured {
            params.remove("RoleSessionName");
        }
        params
    }

    /// The AWS CLI cache file's name: the digest of `key_params`.
    pub fn cache_key(&self) -> String {
        digest(&Value::Object(self.key_params()))
    }
}

/// The name of a cache entry for `fields`, as botocore names them: the SHA-1, in hex, of
/// `json.dumps(fields, sort_keys=True)`.
pub fn digest(fields: &Value) -> String {
    use sha1::Digest;
    let text = python::dumps(fields, Dumps::DEFAULT);
    sha1::Sha1::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// botocore's name for a session nobody named.
fn default_session_name() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!("botocore-session-{}", now.as_secs())
}

/// The plan for `name`, following botocore's credential chain: keys in the environment come
/// first unless `--profile` named the profile, then a role profile, then web identity.
pub fn plan(
    profiles: &Profiles,
    name: &str,
    from_flag: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Plan>> {
    // botocore's EnvProvider decides on the access key alone (it rejects a partial pair).
    if !from_flag && env("AWS_ACCESS_KEY_ID").is_some() {
        return Ok(None);
    }
    let profile = profiles.get_profile(name);
    if let Some(profile) = profile
        && is_role(profile)
    {
        let (chain, source) = role_chain(profiles, name)?;
        return Ok(Some(Plan::Roles { chain, source }));
    }
    // Web identity settings come from the environment unless `--profile` was given.
    let setting = |key: &str, var: &str| {
        let from_env = if from_flag { None } else { env(var) };
        from_env.or_else(|| profile.and_then(|p| p.get(key)).map(str::to_string))
    };
    let Some(token_file) = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE") else {
        return Ok(None);
    };
    let Some(role_arn) = setting("role_arn", "AWS_ROLE_ARN").filter(|arn| !arn.is_empty()) else {
        return Err(Error::other(
            "The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.",
        ));
    };
    let session_name = setting("role_session_name", "AWS_ROLE_SESSION_NAME");
    Ok(Some(Plan::WebIdentity {
        token_file,
        args: Args::new(&role_arn, session_name.as_deref()),
    }))
}

/// A profile botocore's AssumeRoleProvider takes: a role without a web identity token.
pub fn is_role(profile: &Profile) -> bool {
    profile.get("role_arn").is_some() && profile.get("web_identity_token_file").is_none()
}

fn has_keys(profile: &Profile) -> bool {
    profile.get("aws_access_key_id").is_some() || profile.get("aws_secret_access_key").is_some()
}

/// The roles from `top` down to the first profile that is not a role, checked as botocore's
/// `_get_role_config` and `_validate_source_profile` do, with their messages.
pub fn role_chain(profiles: &Profiles, top: &str) -> Result<(Vec<Role>, Source)> {
    let mut visited = vec![top.to_string()];
    let mut chain = Vec::new();
    let mut name = top.to_string();
    loop {
        let Some(profile) = profiles.get_profile(&name) else {
            return Err(Error::other(format!(
                "The config profile ({name}) could not be found"
            )));
        };
        let role_arn = profile.get("role_arn").unwrap_or_default();
        chain.push(Role {
            profile: name.clone(),
            args: Args::from_profile(profile, role_arn),
        });
        let source_name = match (
            profile.get("source_profile"),
            profile.get("credential_source"),
        ) {
            (Some(_), Some(_)) => {
                return Err(Error::other(format!(
                    "The profile \"{name}\" contains both source_profile and credential_source."
                )));
            }
            (None, None) => {
                return Err(Error::other(
                    "Partial credentials found in assume-role, missing: source_profile or credential_source",
                ));
            }
            (None, Some(source)) if CREDENTIAL_SOURCES.contains(&source) => {
                let source = Source::Named {
                    source: source.to_string(),
                    profile: name,
                };
                return Ok((chain, source));
            }
            (None, Some(source)) => {
                return Err(Error::other(format!(
                    "The credential source \"{source}\" referenced in profile \"{name}\" is not valid."
                )));
            }
            (Some(source), None) => source,
        };
        let Some(source) = profiles.get_profile(source_name) else {
            return Err(Error::other(format!(
                "The source_profile \"{source_name}\" referenced in the profile \"{name}\" does not exist."
            )));
        };
        // A profile may name itself, to be assumed with its own keys; any other repeat loops.
        let repeat = visited.iter().any(|v| v == source_name);
        if repeat && (source_name != name || !has_keys(source)) {
            let names: Vec<&str> = visited.iter().map(String::as_str).collect();
            return Err(Error::other(format!(
                "Infinite loop in credential configuration detected. Attempting to load from profile {source_name} which has already been visited. Visited profiles: {}",
                python::list_repr(&names)
            )));
        }
        visited.push(source_name.to_string());
        if let Some(keys) = static_keys(source) {
            let profile = source_name.to_string();
            return Ok((chain, Source::Keys { keys, profile }));
        }
        if has_keys(source) || !is_role(source) {
            return Ok((chain, Source::Profile(source_name.to_string())));
        }
        name = source_name.to_string();
    }
}

pub fn static_keys(profile: &Profile) -> Option<Credentials> {
    Some(Credentials::new(
        profile.get("aws_access_key_id")?,
        profile.get("aws_secret_access_key")?,
        profile.get("aws_session_token").map(str::to_string),
        None,
        "SharedConfig",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(role_arn: &str) -> Args {
        Args::new(role_arn, None)
    }

    #[test]
    fn cache_keys_match_botocore() {
        // hashlib.sha1(json.dumps({"RoleArn": ...}, sort_keys=True).encode()).hexdigest()
        assert_eq!(
            args("arn:aws:iam::123456789012:role/demo").cache_key(),
            "5f52c9c583acfd120a607977e4f21fe86b7fa42d"
        );
        // The generated session name stays out of the key, a configured one is in it.
        let named = Args::new("arn:aws:iam::123456789012:role/demo", Some("mysess"));
        assert_ne!(
            named.cache_key(),
            "5f52c9c583acfd120a607977e4f21fe86b7fa42d"
        );
        assert!(args("a").session_name.starts_with("botocore-session-"));
    }

    #[test]
    fn every_argument_counts_in_sorted_order() {
        let full = Args {
            external_id: Some("é\"x".into()),
            mfa_serial: Some("s".into()),
            duration_seconds: Some(1800),
            ..Args::new("a", Some("n"))
        };
        // json.dumps({"RoleArn": "a", "DurationSeconds": 1800, "ExternalId": "é\"x",
        //             "SerialNumber": "s", "RoleSessionName": "n"}, sort_keys=True)
        let text = r#"{"DurationSeconds": 1800, "ExternalId": "\u00e9\"x", "RoleArn": "a", "RoleSessionName": "n", "SerialNumber": "s"}"#;
        use sha1::Digest;
        let expected: String = sha1::Sha1::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(full.cache_key(), expected);
    }
}
