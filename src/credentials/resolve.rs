//! Carries out a plan: looks in the AWS CLI's cache, gets the source credentials, prompts for
//! MFA, calls AssumeRole (or AssumeRoleWithWebIdentity) and writes the cache.

use super::cache::{self, Cache};
use super::mfa;
use super::plan::{Args, Role, Source};
use crate::error::{Error, Result, error_chain};
use crate::log;
use crate::model::OpId;
use crate::net::{self, Failure, Recorder};
use crate::python;
use crate::request;
use crate::settings::Settings;
use aws_config::SdkConfig;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::config::BehaviorVersion;
use aws_sdk_sts::error::SdkError;
use aws_types::region::Region;
use serde_json::Value;
use std::time::SystemTime;

type HttpResponse = aws_smithy_runtime_api::http::Response;

/// Where an answer's credentials are kept: the cache, the entry's key, and for sts's own
/// cache the profiles the entry belongs to (for `sts logout`).
pub struct Stored<'a> {
    pub cache: &'a Cache,
    pub key: String,
    pub profiles: Option<&'a [String]>,
}

pub struct Resolver<'a> {
    pub settings: &'a Settings,
    /// The run's SDK configuration: its transport, timeouts and retries serve these calls too.
    pub base: &'a SdkConfig,
    /// Providers for the credentials at the bottom of a chain.
    pub providers: ProviderConfig,
    pub cache: Cache,
    /// Rewords a failure to load credentials (see `for_workflow`).
    pub loading: fn(Error) -> Error,
}

impl<'a> Resolver<'a> {
    /// A resolver for the run: aws-config's providers on `base`, the AWS CLI's cache.
    pub fn new(settings: &'a Settings, base: &'a SdkConfig, loading: fn(Error) -> Error) -> Self {
        Resolver {
            settings,
            base,
            providers: super::provider_config(settings, base),
            cache: Cache::in_home(),
            loading,
        }
    }

    /// Like botocore, look in each role's cache entry from the top down and only fetch what
    /// lies above the first hit: a cached top role needs no source credentials at all.
    pub async fn assume_chain(&self, chain: &[Role], source: &Source) -> Result<Credentials> {
        let mut hit = None;
        for (depth, role) in chain.iter().enumerate() {
            if let Some(found) = self.cached(&role.args, &role.profile) {
                hit = Some((depth, found));
                break;
            }
        }
        let (to_assume, mut credentials) = match hit {
            Some((depth, found)) => (&chain[..depth], found),
            None => {
                let loaded = self.source_credentials(source).await;
                (chain, loaded.map_err(self.loading)?)
            }
        };
        for role in to_assume.iter().rev() {
            credentials = self.assume_role(role, credentials).await?;
        }
        Ok(credentials)
    }

    fn cached(&self, args: &Args, profile: &str) -> Option<Credentials> {
        let key = args.cache_key();
        let found = self
            .cache
            .load(&key)
            .and_then(|entry| cache::usable(&entry));
        let outcome = if found.is_some() {
            "used"
        } else {
            "not usable"
        };
        log::debug!("profile {profile}: cache entry {key}.json {outcome}");
        found
    }

    async fn assume_role(&self, role: &Role, source: Credentials) -> Result<Credentials> {
        let args = &role.args;
        // Checked as botocore checks the call's parameters, before the MFA code is asked for
        // (botocore asks first) and again with it.
        let mut params = args.params();
        request::validate(&params, OpId::AssumeRole.operation().input)?;
        let token_code = match &args.mfa_serial {
            Some(serial) => Some(mfa::prompt(serial).await?),
            None => None,
        };
        if let Some(code) = &token_code {
            params.insert("TokenCode".into(), Value::from(code.as_str()));
            request::validate(&params, OpId::AssumeRole.operation().input)?;
        }
        log::debug!("profile {}: calling AssumeRole", role.profile);
        let recorder = Recorder::default();
        let client = self.sts_client(Some(source), &recorder);
        let sent = client
            .assume_role()
            .role_arn(&args.role_arn)
            .role_session_name(&args.session_name)
            .set_external_id(args.external_id.clone())
            .set_serial_number(args.mfa_serial.clone())
            .set_token_code(token_code)
            // Validation has refused durations the SDK cannot carry.
            .set_duration_seconds(args.duration_seconds.and_then(|s| i32::try_from(s).ok()))
            .send()
            .await;
        let stored = Stored {
            cache: &self.cache,
            key: args.cache_key(),
            profiles: None,
        };
        self.finish(OpId::AssumeRole, Some(stored), sent.map(drop), &recorder)
    }

    pub async fn web_identity(&self, token_file: &str, args: &Args) -> Result<Credentials> {
        if let Some(found) = self.cached(args, "web identity") {
            return Ok(found);
        }
        // Read whole, as botocore's FileWebIdentityTokenLoader does.
        let token = std::fs::read_to_string(token_file)
            .map_err(|err| Error::other(python::os_error(&err, token_file)))?;
        let mut params = args.params();
        params.insert("WebIdentityToken".into(), Value::from(token.as_str()));
        request::validate(&params, OpId::AssumeRoleWithWebIdentity.operation().input)?;
        let recorder = Recorder::default();
        // The token is the only proof needed: the call is not signed.
        let client = self.sts_client(None, &recorder);
        let sent = client
            .assume_role_with_web_identity()
            .role_arn(&args.role_arn)
            .role_session_name(&args.session_name)
            .web_identity_token(token)
            .send()
            .await;
        let stored = Stored {
            cache: &self.cache,
            key: args.cache_key(),
            profiles: None,
        };
        self.finish(
            OpId::AssumeRoleWithWebIdentity,
            Some(stored),
            sent.map(drop),
            &recorder,
        )
    }

    /// After a call: the error in the AWS CLI's words, or the answer written to the cache
    /// (unless `stored` is `None`) and its credentials, refused (after caching, as botocore
    /// does) if already expired.
    pub(super) fn finish<E>(
        &self,
        operation: OpId,
        stored: Option<Stored<'_>>,
        sent: std::result::Result<(), SdkError<E, HttpResponse>>,
        recorder: &Recorder,
    ) -> Result<Credentials>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        let exchange = recorder.take();
        if let Err(err) = sent {
            let failure = Failure::from(err);
            return Err(net::describe(
                failure,
                operation.operation(),
                &exchange,
                self.settings,
            ));
        }
        let mut entry = cache::entry(operation, &exchange, self.settings.timestamp_format)?;
        if let Some(stored) = stored {
            if let (Some(profiles), Value::Object(map)) = (stored.profiles, &mut entry) {
                map.insert("Profiles".into(), Value::from(profiles.to_vec()));
            }
            if let Err(err) = stored.cache.store(&stored.key, &entry) {
                let key = &stored.key;
                log::warning!("unable to write the credential cache ({key}.json): {err}");
            }
        }
        let Some((credentials, expiry)) = cache::read_entry(&entry) else {
            return Err(Error::other(format!(
                "The {} answer holds no credentials",
                operation.operation().api_name
            )));
        };
        if expiry < SystemTime::now() {
            return Err(Error::other(
                "Credentials were refreshed, but the refreshed credentials are still expired.",
            ));
        }
        Ok(credentials)
    }

    /// An STS client for the credential calls: the profile's region and the endpoint configured
    /// for STS by environment or config, never `--endpoint-url` (botocore's credential
    /// providers do not see it).
    pub(super) fn sts_client(
        &self,
        credentials: Option<Credentials>,
        recorder: &Recorder,
    ) -> aws_sdk_sts::Client {
        let base = self.base;
        let mut config = aws_sdk_sts::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.settings.region.clone()))
            .interceptor(recorder.clone())
            .retry_classifier(net::BotocoreRetries);
        config
            .set_endpoint_url(self.settings.configured_endpoint_url.clone())
            .set_http_client(base.http_client())
            .set_sleep_impl(base.sleep_impl())
            .set_time_source(base.time_source())
            .set_timeout_config(base.timeout_config().cloned())
            .set_retry_config(base.retry_config().cloned())
            .set_stalled_stream_protection(base.stalled_stream_protection());
        if let Some(credentials) = credentials {
            config = config.credentials_provider(credentials);
        }
        aws_sdk_sts::Client::from_conf(config.build())
    }

    /// Credentials of the profile at the bottom of a chain, from aws-config's providers.
    pub(super) async fn source_credentials(&self, source: &Source) -> Result<Credentials> {
        let config = &self.providers;
        match source {
            Source::Keys { keys, .. } => Ok(keys.clone()),
            Source::Profile(name) => {
                let provider = aws_config::profile::ProfileFileCredentialsProvider::builder()
                    .configure(config)
                    .profile_files(self.settings.sdk_files.clone())
                    .profile_name(name)
                    .build();
                provider
                    .provide_credentials()
                    .await
                    .map_err(|err| match err {
                        CredentialsError::CredentialsNotLoaded(_) => Error::other(format!(
                            "The source profile \"{name}\" must have credentials."
                        )),
                        other => Error::other(error_chain(&other)),
                    })
            }
            Source::Named { source, profile } => {
                let found = match source.as_str() {
                    "Environment" => {
                        aws_config::environment::EnvironmentVariableCredentialsProvider::new()
                            .provide_credentials()
                            .await
                    }
                    "Ec2InstanceMetadata" => {
                        aws_config::imds::credentials::ImdsCredentialsProvider::builder()
                            .configure(config)
                            .build()
                            .provide_credentials()
                            .await
                    }
                    _ => {
                        aws_config::ecs::EcsCredentialsProvider::builder()
                            .configure(config)
                            .build()
                            .provide_credentials()
                            .await
                    }
                };
                found.map_err(|err| {
                    let why = match err {
                        CredentialsError::CredentialsNotLoaded(_) => format!(
                            "No credentials found in credential_source referenced in profile {profile}"
                        ),
                        other => error_chain(&other),
                    };
                    Error::other(format!(
                        "Error when retrieving credentials from {source}: {why}"
                    ))
                })
            }
        }
    }
}
