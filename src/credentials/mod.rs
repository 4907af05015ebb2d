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
mod plan;
mod resolve;

use crate::config;
use crate::error::{Error, Result};
use crate::net;
use crate::settings::Settings;
use aws_config::SdkConfig;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_sdk_sts::config::BehaviorVersion;
use aws_types::region::Region;
use plan::Plan;
use resolve::Resolver;
use std::time::SystemTime;

/// The credentials that sign this run's call. `base` is the run's SDK configuration: every
/// call made to get them (STS, SSO, the container endpoint) goes through its transport.
pub async fn provider(settings: &Settings, base: &SdkConfig) -> Result<SharedCredentialsProvider> {
    if !settings.profile_from_flag {
        check_environment_keys()?;
    }
    let name = settings.profile_name.as_deref().unwrap_or("default");
    let planned = plan::plan(
        settings.profiles,
        name,
        settings.profile_from_flag,
        &config::env_var,
    )?;
    let providers = provider_config(settings, base);
    let Some(plan) = planned else {
        // Resolved now, not when the call is signed: an expired answer (of a
        // credential_process, say) must stop the call, as it does in botocore.
        let chain = chain::botocore_order(settings, &providers);
        let credentials = chain
            .provide_credentials()
            .await
            .map_err(|err| net::credentials_failure(&err))?;
        if credentials
            .expiry()
            .is_some_and(|expiry| expiry <= SystemTime::now())
        {
            return Err(Error::other(
                "Credentials were refreshed, but the refreshed credentials are still expired.",
            ));
        }
        return Ok(SharedCredentialsProvider::new(credentials));
    };
    let resolver = Resolver {
        settings,
        base,
        providers: &providers,
        cache: cache::Cache::in_home(),
    };
    let credentials = match &plan {
        Plan::Roles { chain, source } => resolver.assume_chain(chain, source).await?,
        Plan::WebIdentity { token_file, args } => resolver.web_identity(token_file, args).await?,
    };
    Ok(SharedCredentialsProvider::new(credentials))
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
fn provider_config(settings: &Settings, base: &SdkConfig) -> ProviderConfig {
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
