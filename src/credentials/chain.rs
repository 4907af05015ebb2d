//! The credential sources for a profile that is neither a role nor a web identity, in
//! botocore's order: keys in the environment (unless `--profile` named the profile: botocore
//! drops them then, AWS_PROFILE does not), web identity from the environment, the profile
//! (SSO, credential_process, keys), the container, then EC2 instance metadata. aws-config's
//! default chain asks the profile before web identity, which differs when both are configured.

use super::cache;
use crate::config::env_var;
use crate::settings::Settings;
use aws_config::ecs::EcsCredentialsProvider;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use aws_credential_types::Credentials;
use aws_credential_types::provider::{
    self, ProvideCredentials, SharedCredentialsProvider, error::CredentialsError,
};
use std::sync::{Arc, Mutex, PoisonError};

/// The chain, and which of its providers answered once it has (for `--debug`).
pub fn botocore_order(
    settings: &Settings,
    config: &ProviderConfig,
) -> (CredentialsProviderChain, Answered) {
    let answered = Answered::default();
    let named = |name: &'static str, inner| Reporting {
        name,
        inner,
        answered: Arc::clone(&answered),
    };
    let web_identity = WebIdentityTokenCredentialsProvider::builder()
        .configure(config)
        .build();
    let chain = if settings.profile_from_flag {
        CredentialsProviderChain::first_try(
            "WebIdentityToken",
            named(
                "WebIdentityToken",
                SharedCredentialsProvider::new(web_identity),
            ),
        )
    } else {
        CredentialsProviderChain::first_try(
            "Environment",
            named(
                "Environment",
                SharedCredentialsProvider::new(EnvironmentKeys),
            ),
        )
        .or_else(
            "WebIdentityToken",
            named(
                "WebIdentityToken",
                SharedCredentialsProvider::new(web_identity),
            ),
        )
    };
    let mut profile = ProfileFileCredentialsProvider::builder()
        .configure(config)
        .profile_files(settings.sdk_files.clone());
    if let Some(name) = &settings.profile_name {
        profile = profile.profile_name(name);
    }
    let ecs = EcsCredentialsProvider::builder().configure(config).build();
    let imds = ImdsCredentialsProvider::builder().configure(config).build();
    let chain = chain
        .or_else(
            "Profile",
            named("Profile", SharedCredentialsProvider::new(profile.build())),
        )
        .or_else(
            "EcsContainer",
            named("EcsContainer", SharedCredentialsProvider::new(ecs)),
        )
        .or_else(
            "Ec2InstanceMetadata",
            named("Ec2InstanceMetadata", SharedCredentialsProvider::new(imds)),
        );
    (chain, answered)
}

/// The name of the chain's provider that answered, once one has.
pub type Answered = Arc<Mutex<Option<&'static str>>>;

/// A provider of the chain that notes its name in `answered` when it answers.
#[derive(Debug)]
struct Reporting {
    name: &'static str,
    inner: SharedCredentialsProvider,
    answered: Answered,
}

impl ProvideCredentials for Reporting {
    fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        provider::future::ProvideCredentials::new(async move {
            let found = self.inner.provide_credentials().await;
            if found.is_ok() {
                *self.answered.lock().unwrap_or_else(PoisonError::into_inner) = Some(self.name);
            }
            found
        })
    }
}

/// Keys in the environment, as botocore's EnvProvider reads them: AWS_ACCESS_KEY_ID,
/// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (or the older AWS_SECURITY_TOKEN), and the expiry
/// in AWS_CREDENTIAL_EXPIRATION, which the SDK's provider does not read.
#[derive(Debug)]
pub struct EnvironmentKeys;

impl ProvideCredentials for EnvironmentKeys {
    fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        provider::future::ProvideCredentials::ready(environment_keys())
    }
}

pub fn environment_keys() -> provider::Result {
    let (Some(key), Some(secret)) = (
        env_var("AWS_ACCESS_KEY_ID"),
        env_var("AWS_SECRET_ACCESS_KEY"),
    ) else {
        return Err(CredentialsError::not_loaded("no keys in the environment"));
    };
    let token = env_var("AWS_SESSION_TOKEN").or_else(|| env_var("AWS_SECURITY_TOKEN"));
    let expiry = match env_var("AWS_CREDENTIAL_EXPIRATION") {
        None => None,
        Some(text) => Some(cache::parse_expiration(&text).ok_or_else(|| {
            CredentialsError::invalid_configuration(BadExpiration(format!(
                "Unknown string format: {text}"
            )))
        })?),
    };
    Ok(Credentials::new(key, secret, token, expiry, "Environment"))
}

/// AWS_CREDENTIAL_EXPIRATION that is not a time, in the words of the parser botocore uses.
#[derive(Debug)]
pub struct BadExpiration(pub String);

impl std::fmt::Display for BadExpiration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadExpiration {}
