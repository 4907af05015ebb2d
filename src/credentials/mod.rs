//! Who signs: the credentials of a run, chosen the way the AWS CLI chooses them.
//!
//! Role profiles (and web identity ones) are resolved the way the AWS CLI resolves them,
//! through its credential cache in `~/.aws/cli/cache`, so that `aws` and `sts` share one MFA
//! prompt and one set of temporary credentials per role. aws-config assumes roles too, but
//! keeps nothing between runs and cannot ask for an MFA code. So for those profiles this
//! module reads the profile chain (`plan`), checks it as botocore's AssumeRoleProvider does,
//! looks in the cache (`cache`), prompts (`mfa`), calls STS and writes the cache (`resolve`);
//! any other profile gets aws-config's providers in botocore's order (`chain`).
//!
//! Role credentials are resolved before the main call rather than lazily inside the SDK,
//! because the SDK's identity cache gives a provider a deadline that a person typing an MFA
//! code can miss, and because errors then keep the AWS CLI's wording and exit codes.

pub mod cache;
mod chain;
mod mfa;
pub mod plan;
mod resolve;
pub mod session;

use crate::config;
use crate::error::{Error, Result};
use crate::log;
use crate::net;
use crate::settings::Settings;
use aws_config::SdkConfig;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_sdk_sts::config::BehaviorVersion;
use aws_types::region::Region;
use plan::{Plan, Source};
use resolve::Resolver;
use std::sync::PoisonError;
use std::time::SystemTime;

/// The credentials that sign this run's call. `base` is the run's SDK configuration: every
/// call made to get them (STS, SSO, the container endpoint) goes through its transport.
pub async fn provider(settings: &Settings, base: &SdkConfig) -> Result<SharedCredentialsProvider> {
    let credentials = resolve(settings, base, Sessions::AsTheAwsCli, |err| err).await?;
    Ok(SharedCredentialsProvider::new(credentials))
}

/// The credentials of the selected profile for the sts-only commands: as for a call, except
/// that keys with `mfa_serial` (a user profile, or the source of a role) go through an MFA
/// session (`session`), one code for any number of roles and runs.
///
/// `loading` rewords what fails while the credentials are being found (the profile read,
/// keys or a credential_process loaded), as opposed to the calls made for them (AssumeRole,
/// GetSessionToken, with their MFA codes): botocore makes those calls later, when the
/// credentials are first used, so `aws configure export-credentials` words the two apart.
///
/// `wanted` adds what a workflow asks beyond the profile's own settings.
pub async fn for_workflow(
    settings: &Settings,
    base: &SdkConfig,
    wanted: Wanted,
    loading: fn(Error) -> Error,
) -> Result<Credentials> {
    resolve(settings, base, Sessions::Mfa(wanted), loading).await
}

/// A federation token (GetFederationToken) for long-term `keys`, for the console, which takes
/// temporary credentials only: named after the keys' IAM user, with a policy that allows
/// everything (the token can do what the user can, no more), lasting `duration` or an hour.
pub async fn federation_token(
    settings: &Settings,
    base: &SdkConfig,
    keys: &Credentials,
    duration: Option<i64>,
) -> Result<Credentials> {
    let resolver = Resolver::new(settings, base, |err| err);
    resolver.federation_token(keys, duration).await
}

/// How many roles the selected profile's chain has (`None`: it is not a role profile).
pub fn role_chain_length(settings: &Settings, profile: &str) -> Option<usize> {
    let planned = plan::plan(
        settings.profiles,
        profile,
        settings.profile_from_flag,
        &config::env_var,
    );
    match planned {
        Ok(Some(Plan::Roles { chain, .. })) => Some(chain.len()),
        _ => None,
    }
}

/// What a workflow asks of the credentials beyond the profile's own settings.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Wanted {
    /// How long they last, in place of the profile's `duration_seconds`: the selected role's,
    /// the MFA session's, or the session bought for long-term keys.
    pub duration_seconds: Option<i64>,
    /// Long-term keys are exchanged for a session of their own (GetSessionToken), for a
    /// consumer that needs temporary credentials (the container credentials protocol).
    pub session_for_keys: bool,
}

/// Whether MFA sessions are used (with what the workflow wants): never on the `aws sts`
/// path, which keeps the AWS CLI's prompt per role and its cache.
#[derive(Clone, Copy, PartialEq)]
enum Sessions {
    AsTheAwsCli,
    Mfa(Wanted),
}

async fn resolve(
    settings: &Settings,
    base: &SdkConfig,
    sessions: Sessions,
    loading: fn(Error) -> Error,
) -> Result<Credentials> {
    let from_environment = !settings.profile_from_flag;
    if from_environment {
        check_environment_keys().map_err(loading)?;
    }
    let name = settings.profile_name.as_deref().unwrap_or("default");
    let wanted = match sessions {
        Sessions::Mfa(wanted) => Some(wanted),
        Sessions::AsTheAwsCli => None,
    };
    let duration = wanted.and_then(|wanted| wanted.duration_seconds);
    let mut planned = plan::plan(
        settings.profiles,
        name,
        settings.profile_from_flag,
        &config::env_var,
    )
    .map_err(loading)?;
    let resolver = Resolver::new(settings, base, loading);
    let keys_in_environment = from_environment && config::env_var("AWS_ACCESS_KEY_ID").is_some();
    if let Some(seconds) = duration {
        match &mut planned {
            Some(Plan::Roles { chain, .. }) => {
                if let Some(top) = chain.first_mut() {
                    top.args.duration_seconds = Some(seconds);
                }
            }
            Some(Plan::WebIdentity { args, .. }) => args.duration_seconds = Some(seconds),
            None => {}
        }
    }
    let described = planned.as_ref().map(plan_source).unwrap_or_default();
    let announced = |credentials: Credentials| {
        announce(&described, &credentials);
        credentials
    };
    match planned {
        Some(Plan::Roles { chain, source }) => {
            if wanted.is_some()
                && let Source::Keys { keys, profile } = &source
                && let Some((device, serial)) = chain.iter().find_map(|role| {
                    let serial = role.args.mfa_serial.as_deref()?;
                    Some((settings.profiles.get_profile(&role.profile)?, serial))
                })
                && let Some(keys_profile) = settings.profiles.get_profile(profile)
            {
                let mut profiles: Vec<String> = chain.iter().map(|r| r.profile.clone()).collect();
                profiles.push(profile.clone());
                let need = session::Need {
                    profiles: profiles.clone(),
                    keys,
                    serial,
                    device_profile: device,
                    keys_profile,
                    duration: None,
                };
                let session = resolver.mfa_session(&need).await?;
                return resolver
                    .assume_with_session(&chain, session, &profiles)
                    .await
                    .map(announced);
            }
            resolver.assume_chain(&chain, &source).await.map(announced)
        }
        Some(Plan::WebIdentity { token_file, args }) => resolver
            .web_identity(&token_file, &args)
            .await
            .map(announced),
        None => {
            let profile = settings.profiles.get_profile(name);
            if wanted.is_some()
                && !keys_in_environment
                && let Some(profile) = profile
                && let Some(serial) = profile.get("mfa_serial")
                && let Some(keys) = plan::static_keys(profile)
            {
                let need = session::Need {
                    profiles: vec![name.to_string()],
                    keys: &keys,
                    serial,
                    device_profile: profile,
                    keys_profile: profile,
                    duration,
                };
                let session = resolver.mfa_session(&need).await?;
                announce(
                    &format!("an MFA session for the keys of profile {name}"),
                    &session,
                );
                return Ok(session);
            }
            let found = default_chain(settings, &resolver.providers, loading).await?;
            let Some(wanted) = wanted else {
                return Ok(found);
            };
            let long_term = found.session_token().is_none();
            if long_term && (wanted.session_for_keys || duration.is_some()) {
                return resolver.keys_session(&found, duration, name).await;
            }
            if duration.is_some() {
                return Err(Error::usage(format!(
                    "--duration-seconds: the credentials of profile {name} are temporary \
                     ones sts does not ask for (from the environment, a credential_process \
                     or SSO), so their lifetime is not sts's to choose"
                )));
            }
            Ok(found)
        }
    }
}

/// The default chain's credentials, resolved now rather than when the call is signed: an
/// expired answer (of a credential_process, say) must stop the call, as it does in botocore.
async fn default_chain(
    settings: &Settings,
    providers: &ProviderConfig,
    loading: fn(Error) -> Error,
) -> Result<Credentials> {
    // Keys in the environment are the chain's first answer (when no --profile named a
    // profile): taken without building the rest of it, whose providers and their SDK clients
    // cost more than a third of such a call's own work.
    let from_environment = (!settings.profile_from_flag)
        .then(chain::environment_keys)
        .and_then(|keys| keys.ok());
    let (credentials, answered) = match from_environment {
        Some(keys) => (keys, Some("Environment")),
        None => {
            let (chain, answered) = chain::botocore_order(settings, providers);
            let found = chain.provide_credentials().await.map_err(|err| {
                loading(match crate::error::find::<chain::BadExpiration>(&err) {
                    Some(bad) => Error::other(bad.0.clone()),
                    None => net::credentials_failure(&err),
                })
            })?;
            let name = *answered.lock().unwrap_or_else(PoisonError::into_inner);
            (found, name)
        }
    };
    announce(&chain_source(settings, answered), &credentials);
    // Found, but expired: botocore sees it when it refreshes them, after loading.
    if credentials
        .expiry()
        .is_some_and(|expiry| expiry <= SystemTime::now())
    {
        return Err(Error::other(
            "Credentials were refreshed, but the refreshed credentials are still expired.",
        ));
    }
    Ok(credentials)
}

/// An access key in the environment without its secret is an error, not a reason to look
/// further down the chain, as in botocore.
fn check_environment_keys() -> Result<()> {
    if config::env_var("AWS_ACCESS_KEY_ID").is_some()
        && config::env_var("AWS_SECRET_ACCESS_KEY").is_none()
    {
        return Err(Error::other(
            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY",
        ));
    }
    Ok(())
}

/// aws-config's providers set up on the run's SDK configuration.
pub(super) fn provider_config(settings: &Settings, base: &SdkConfig) -> ProviderConfig {
    let mut config = ProviderConfig::empty()
        .with_region(Some(Region::new(settings.region.clone())))
        .with_behavior_version(Some(BehaviorVersion::latest()));
    if let Some(client) = base.http_client() {
        config = config.with_http_client(client);
    }
    if let Some(sleep) = base.sleep_impl() {
        config = config.with_sleep_impl(sleep);
    }
    if let Some(time) = base.time_source() {
        config = config.with_time_source(time);
    }
    if let Some(timeouts) = base.timeout_config() {
        config = config.with_timeout_config(timeouts.clone());
    }
    if let Some(retry) = base.retry_config() {
        config = config.with_retry_config(retry.clone());
    }
    config
}

/// Says on `--debug` where the credentials came from and until when they last (never a
/// secret): the first thing to look at when a call runs as the wrong account.
fn announce(source: &str, credentials: &Credentials) {
    use aws_smithy_types::date_time::{DateTime, Format};
    let until = credentials
        .expiry()
        .and_then(|expiry| DateTime::from(expiry).fmt(Format::DateTime).ok());
    match until {
        Some(until) => log::debug!("credentials: {source}, until {until}"),
        None => log::debug!("credentials: {source}, no expiry"),
    }
}

/// Where a role or web identity profile's credentials come from, in words.
fn plan_source(planned: &Plan) -> String {
    match planned {
        Plan::Roles { chain, source } => {
            let below = match source {
                Source::Keys { profile, .. } => format!("the keys of profile {profile}"),
                Source::Profile(name) => format!("the credentials of profile {name}"),
                Source::Named { source, profile } => {
                    format!("credential_source {source} of profile {profile}")
                }
            };
            let roles: Vec<String> = chain
                .iter()
                .map(|role| format!("role {} (profile {})", role.args.role_arn, role.profile))
                .collect();
            format!("{}, assumed with {below}", roles.join(" over "))
        }
        Plan::WebIdentity { token_file, args } => format!(
            "role {} with the web identity token in {token_file}",
            args.role_arn
        ),
    }
}

/// Which source of botocore's chain answered, in words.
fn chain_source(settings: &Settings, answered: Option<&str>) -> String {
    let name = settings.profile_name.as_deref().unwrap_or("default");
    match answered {
        Some("Environment") => "keys in the environment (AWS_ACCESS_KEY_ID)".to_string(),
        Some("WebIdentityToken") => format!(
            "role {} with the web identity token of AWS_WEB_IDENTITY_TOKEN_FILE",
            config::env_var("AWS_ROLE_ARN").unwrap_or_default()
        ),
        Some("Profile") => {
            let profile = settings.profiles.get_profile(name);
            let has = |key: &str| profile.is_some_and(|p| p.get(key).is_some());
            let kind = if has("sso_session") || has("sso_start_url") {
                "its SSO session"
            } else if has("credential_process") {
                "its credential_process"
            } else {
                "its keys"
            };
            format!("profile {name}: {kind}")
        }
        Some("EcsContainer") => "the container credentials endpoint".to_string(),
        Some("Ec2InstanceMetadata") => "the EC2 instance metadata service".to_string(),
        _ => "the default chain".to_string(),
    }
}
