//! MFA sessions for the sts-only commands (export-credentials, exec, console): a profile with
//! keys and `mfa_serial`, or a role over such keys, costs one MFA code per session instead of
//! one per role and run, as aws-vault does it.
//!
//! The code (typed on the terminal, or printed by the profile's `mfa_process`) buys a
//! GetSessionToken session for the keys; roles are then assumed with the session's
//! credentials and no MFA parameters. Both are kept in sts's own cache (`Cache::sessions`),
//! never in the AWS CLI's, and reused until 15 minutes before they end. The `aws sts` path
//! never comes here.

use super::cache::{self, Cache};
use super::mfa;
use super::plan::{Args, Role, digest};
use super::resolve::{Resolver, Stored};
use crate::config::Profile;
use crate::error::Result;
use crate::log;
use crate::model::OpId;
use crate::net::Recorder;
use crate::python;
use crate::request;
use aws_credential_types::Credentials;
use serde_json::{Map, Value};

/// How long a session lasts unless the profile's `duration_seconds` says: a working day.
const DEFAULT_SESSION_SECONDS: i64 = 12 * 3600;
/// What STS allows for an IAM user's session.
const SESSION_SECONDS: std::ops::RangeInclusive<i64> = 900..=129_600;
/// A role assumed with another role's credentials (role chaining) lasts an hour at most.
const CHAINED_ROLE_SECONDS: i64 = 3600;
/// The session bought for long-term keys without MFA: short, since it is renewed freely.
const KEYS_SESSION_SECONDS: i64 = 3600;
/// A federation token's policy: everything the keys' user may do (the token gets no more).
const ALLOW_ALL: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
/// A federation token's name when the user's cannot be found.
const FEDERATED_NAME: &str = "sts-console";

/// What an MFA session is for: the keys, the device, and how to get a code.
pub struct Need<'a> {
    /// The profile whose keys these are, and any above it that the session serves.
    pub profiles: Vec<String>,
    pub keys: &'a Credentials,
    pub serial: &'a str,
    /// The profile that names the device (`mfa_serial`, and maybe `mfa_process`; else the
    /// keys' profile may give the `mfa_process`).
    pub device_profile: &'a Profile,
    /// The profile that holds the keys (its `duration_seconds` is the session's).
    pub keys_profile: &'a Profile,
    /// The session's length asked on the command line, before the profile's.
    pub duration: Option<i64>,
}

impl Resolver<'_> {
    /// The session for `need`: cached, or bought with an MFA code now.
    pub async fn mfa_session(&self, need: &Need<'_>) -> Result<Credentials> {
        let sessions = Cache::sessions();
        let duration = need
            .duration
            .or_else(|| {
                let configured = need.keys_profile.get("duration_seconds");
                configured.and_then(python::int::int)
            })
            .unwrap_or(DEFAULT_SESSION_SECONDS)
            .clamp(*SESSION_SECONDS.start(), *SESSION_SECONDS.end());
        let key = session_key(need, duration);
        let found = sessions.load(&key).and_then(|entry| cache::usable(&entry));
        log::debug!(
            "profile {}: MFA session {key}.json {}",
            need.profiles[0],
            if found.is_some() {
                "used"
            } else {
                "not usable"
            }
        );
        if let Some(found) = found {
            return Ok(found);
        }
        let mut params = Map::new();
        params.insert("DurationSeconds".into(), duration.into());
        params.insert("SerialNumber".into(), need.serial.into());
        request::validate(&params, OpId::GetSessionToken.operation().input)?;
        // A role's device may be named on the role and its command kept with the keys.
        let process = need
            .device_profile
            .get("mfa_process")
            .or_else(|| need.keys_profile.get("mfa_process"));
        let code = match process {
            Some(command) => mfa::from_process(need.serial, command).await?,
            None => mfa::prompt(need.serial).await?,
        };
        params.insert("TokenCode".into(), code.as_str().into());
        request::validate(&params, OpId::GetSessionToken.operation().input)?;
        log::debug!("profile {}: calling GetSessionToken", need.profiles[0]);
        let recorder = Recorder::default();
        let client = self.sts_client(Some(need.keys.clone()), &recorder);
        let sent = client
            .get_session_token()
            .serial_number(need.serial)
            .token_code(code)
            // Clamped to STS's range above, so within i32.
            .set_duration_seconds(i32::try_from(duration).ok())
            .send()
            .await;
        let stored = Stored {
            cache: &sessions,
            key,
            profiles: Some(&need.profiles),
        };
        self.finish(
            OpId::GetSessionToken,
            Some(stored),
            sent.map(drop),
            &recorder,
        )
    }

    /// A session for long-term keys without MFA, for a consumer that needs temporary
    /// credentials: an hour unless `duration` says. Not cached: it costs no prompt.
    pub async fn keys_session(
        &self,
        keys: &Credentials,
        duration: Option<i64>,
        profile: &str,
    ) -> Result<Credentials> {
        let duration = duration.unwrap_or(KEYS_SESSION_SECONDS);
        let mut params = Map::new();
        params.insert("DurationSeconds".into(), duration.into());
        request::validate(&params, OpId::GetSessionToken.operation().input)?;
        log::debug!("profile {profile}: calling GetSessionToken for its long-term keys");
        let recorder = Recorder::default();
        let client = self.sts_client(Some(keys.clone()), &recorder);
        let sent = client
            .get_session_token()
            .set_duration_seconds(i32::try_from(duration).ok())
            .send()
            .await;
        self.finish(OpId::GetSessionToken, None, sent.map(drop), &recorder)
    }

    /// A federation token for long-term `keys` (see `credentials::federation_token`).
    pub async fn federation_token(
        &self,
        keys: &Credentials,
        duration: Option<i64>,
    ) -> Result<Credentials> {
        let duration = duration.unwrap_or(KEYS_SESSION_SECONDS);
        let recorder = Recorder::default();
        let client = self.sts_client(Some(keys.clone()), &recorder);
        // The user's name tells the session apart in CloudTrail; should the lookup fail,
        // GetFederationToken with the same keys says why.
        let name = match client.get_caller_identity().send().await {
            Ok(identity) => federated_name(identity.arn().unwrap_or_default()),
            Err(_) => FEDERATED_NAME.to_string(),
        };
        recorder.take();
        let mut params = Map::new();
        params.insert("Name".into(), name.as_str().into());
        params.insert("Policy".into(), ALLOW_ALL.into());
        params.insert("DurationSeconds".into(), duration.into());
        request::validate(&params, OpId::GetFederationToken.operation().input)?;
        log::debug!("calling GetFederationToken for {name}");
        let sent = client
            .get_federation_token()
            .name(&name)
            .policy(ALLOW_ALL)
            .set_duration_seconds(i32::try_from(duration).ok())
            .send()
            .await;
        self.finish(OpId::GetFederationToken, None, sent.map(drop), &recorder)
    }

    /// The roles of `chain` assumed in turn, from the bottom, with the session's credentials
    /// and no MFA parameters; a role assumed with another role's credentials is limited to an
    /// hour, as STS requires. Each is cached in sts's own cache.
    pub async fn assume_with_session(
        &self,
        chain: &[Role],
        session: Credentials,
        profiles: &[String],
    ) -> Result<Credentials> {
        let sessions = Cache::sessions();
        let mut credentials = session;
        for (position, role) in chain.iter().rev().enumerate() {
            let mut args = Args {
                mfa_serial: None,
                ..role.args.clone()
            };
            if position > 0 {
                args.duration_seconds = args
                    .duration_seconds
                    .map(|seconds| seconds.min(CHAINED_ROLE_SECONDS));
            }
            let key = role_key(&args, &credentials);
            if let Some(found) = sessions.load(&key).and_then(|entry| cache::usable(&entry)) {
                log::debug!("profile {}: role through the session, cached", role.profile);
                credentials = found;
                continue;
            }
            request::validate(&args.params(), OpId::AssumeRole.operation().input)?;
            log::debug!(
                "profile {}: calling AssumeRole with the MFA session",
                role.profile
            );
            let recorder = Recorder::default();
            let client = self.sts_client(Some(credentials.clone()), &recorder);
            let sent = client
                .assume_role()
                .role_arn(&args.role_arn)
                .role_session_name(&args.session_name)
                .set_external_id(args.external_id.clone())
                .set_duration_seconds(args.duration_seconds.and_then(|s| i32::try_from(s).ok()))
                .send()
                .await;
            let stored = Stored {
                cache: &sessions,
                key,
                profiles: Some(profiles),
            };
            credentials = self.finish(OpId::AssumeRole, Some(stored), sent.map(drop), &recorder)?;
        }
        Ok(credentials)
    }
}

/// A federation token's name from the keys' ARN: the user's name (`root` for the account's
/// keys), in the characters and the 2 to 32 of them that STS allows.
fn federated_name(arn: &str) -> String {
    let last = arn.rsplit([':', '/']).next().unwrap_or_default();
    let name: String = last
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+=,.@-_".contains(*c))
        .take(32)
        .collect();
    if name.len() < 2 {
        FEDERATED_NAME.to_string()
    } else {
        name
    }
}

/// The session's cache key: everything that makes one session unlike another (the keys,
/// secret included, the device, the profile, the duration), hashed, so that a change of any
/// never finds a wrong entry and the file name tells nothing.
fn session_key(need: &Need<'_>, duration: i64) -> String {
    let fields = serde_json::json!({
        "Kind": "mfa-session",
        "Profile": need.profiles.last(),
        "AccessKeyId": need.keys.access_key_id(),
        "SecretAccessKey": need.keys.secret_access_key(),
        "SessionToken": need.keys.session_token(),
        "SerialNumber": need.serial,
        "DurationSeconds": duration,
    });
    digest(&fields)
}

/// A role's key in sts's cache: its arguments and the credentials it is assumed with.
fn role_key(args: &Args, with: &Credentials) -> String {
    let fields = serde_json::json!({
        "Kind": "role",
        "Args": Value::Object(args.key_params()),
        "AssumedWith": with.access_key_id(),
    });
    digest(&fields)
}

/// The profiles an entry of sts's cache belongs to.
pub fn profiles_of(entry: &Value) -> Vec<String> {
    entry
        .get("Profiles")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}
