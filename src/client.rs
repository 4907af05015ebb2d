//! The only network I/O: builds the SDK client from the settings, sends one operation, and
//! hands back the raw answer for `response` to read, or an error in the AWS CLI's words.

use crate::error::{Error, Kind, Result, error_chain};
use crate::model::Operation;
use crate::response;
use crate::settings::Settings;
use aws_config::BehaviorVersion;
use aws_config::ecs::EcsCredentialsProvider;
use aws_config::environment::credentials::EnvironmentVariableCredentialsProvider;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::error::SdkError;
use aws_sdk_sts::types::{PolicyDescriptorType, ProvidedContext, Tag};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_types::region::Region;
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex};

/// The answer to a successful call: the raw XML body.
pub struct Answer {
    pub body: Vec<u8>,
}

/// What the interceptor saw of the exchange: the SDK's typed output is not used, because the
/// AWS CLI prints what the XML says, in model order and with timestamps as sent.
#[derive(Debug, Default)]
pub struct Exchange {
    pub attempts: u32,
    pub url: Option<String>,
    pub status: Option<u16>,
    /// Lower-case names in arrival order, repeated headers joined as botocore joins them (the
    /// credential cache keeps them).
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// Records each attempt for error messages and, with `--debug`, logs it to stderr without
/// header or parameter values (they may hold signatures, tokens or assertions).
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    exchange: Arc<Mutex<Exchange>>,
    debug: bool,
}

impl Recorder {
    pub fn new(debug: bool) -> Recorder {
        Recorder {
            debug,
            ..Recorder::default()
        }
    }

    /// What was seen, leaving the recorder empty.
    pub fn take(&self) -> Exchange {
        self.with(std::mem::take)
    }

    fn with<T>(&self, f: impl FnOnce(&mut Exchange) -> T) -> T {
        // A poisoned lock only means another thread panicked; the data is still usable.
        let mut guard = self.exchange.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }
}

impl Intercept for Recorder {
    fn name(&self) -> &'static str {
        "sts::Recorder"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let request = context.request();
        let url = request.uri().to_string();
        let attempt = self.with(|x| {
            x.attempts += 1;
            x.url = Some(url.clone());
            x.attempts
        });
        if self.debug {
            let headers: Vec<&str> = request.headers().iter().map(|(name, _)| name).collect();
            let body = request
                .body()
                .bytes()
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            let names: Vec<&str> = body
                .split('&')
                .filter_map(|pair| pair.split('=').next())
                .collect();
            eprintln!(
                "sts: attempt {attempt}: {} {url}\nsts:   headers: {}\nsts:   parameters: {}",
                request.method(),
                headers.join(", "),
                names.join(", ")
            );
        }
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let response = context.response();
        let status = response.status().as_u16();
        let body = response.body().bytes().map(<[u8]>::to_vec);
        let mut headers: Vec<(String, String)> = Vec::new();
        for (name, value) in response.headers().iter() {
            let name = name.to_ascii_lowercase();
            match headers.iter_mut().find(|(seen, _)| *seen == name) {
                Some((_, joined)) => {
                    joined.push_str(", ");
                    joined.push_str(value);
                }
                None => headers.push((name, value.to_string())),
            }
        }
        if self.debug {
            let size = body.as_ref().map_or(0, Vec::len);
            eprintln!("sts:   answer: HTTP {status}, {size} bytes");
        }
        self.with(|x| {
            x.status = Some(status);
            x.headers = headers;
            x.body = body;
        });
        Ok(())
    }
}

/// Send `operation` with `params` and return the raw answer.
pub async fn call(
    operation: &Operation,
    params: &Map<String, Value>,
    settings: &Settings,
) -> Result<Answer> {
    if settings.sign_requests && !settings.profile_from_flag && !is_unsigned(operation) {
        check_environment_keys()?;
    }
    let recorder = Recorder::new(settings.debug);
    let client = build_client(settings, recorder.clone()).await?;
    let sent = send(&client, operation, params).await;
    let exchange = recorder.take();
    match sent {
        Ok(()) => Ok(Answer {
            body: exchange.body.unwrap_or_default(),
        }),
        Err(err) => Err(describe_failure(err, operation, &exchange, settings)),
    }
}

async fn build_client(settings: &Settings, recorder: Recorder) -> Result<aws_sdk_sts::Client> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .http_client(http_client(settings)?)
        .timeout_config(timeouts(settings))
        .retry_config(RetryConfig::standard().with_max_attempts(settings.max_attempts));
    if let Some(profile) = &settings.profile_name {
        loader = loader.profile_name(profile);
    }
    if !settings.sign_requests {
        loader = loader.no_credentials();
    } else {
        loader = loader.credentials_provider(credential_chain(settings)?);
    }
    let shared = loader.load().await;
    let mut config = aws_sdk_sts::config::Builder::from(&shared).interceptor(recorder);
    if let Some(url) = &settings.endpoint_url {
        config = config.endpoint_url(url);
    }
    if !settings.sign_requests {
        config = config.allow_no_auth();
    } else if let Some(provider) = crate::credentials::for_profile(settings, &shared).await? {
        // Role profiles go through the AWS CLI's credential cache and MFA prompt.
        config = config.credentials_provider(provider);
    }
    Ok(aws_sdk_sts::Client::from_conf(config.build()))
}

/// A service's error answer in the AWS CLI's words (exit 254). Like botocore's standard retry
/// mode, any error on the last allowed attempt says that the retries ran out.
pub fn service_error(
    api_name: &str,
    status: u16,
    body: &[u8],
    attempts: u32,
    max_attempts: u32,
) -> Error {
    let error = response::parse_error(status, body);
    let retry_note = if attempts >= max_attempts {
        format!(" (reached max retries: {})", attempts.saturating_sub(1))
    } else {
        String::new()
    };
    Error::new(
        Kind::Service,
        format!(
            "An error occurred ({}) when calling the {api_name} operation{retry_note}: {}",
            error.code, error.message
        ),
    )
}

/// The two federation calls are never signed: the model marks them so.
fn is_unsigned(operation: &Operation) -> bool {
    matches!(
        operation.api_name,
        "AssumeRoleWithSAML" | "AssumeRoleWithWebIdentity"
    )
}

/// An access key in the environment without its secret is an error, not a reason to look
/// further down the chain, as in botocore.
fn check_environment_keys() -> Result<()> {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("AWS_ACCESS_KEY_ID") && !set("AWS_SECRET_ACCESS_KEY") {
        return Err(Error::other(
            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY",
        ));
    }
    Ok(())
}

/// A credential source that failed, in botocore's words where it has them: a
/// `credential_process` shows what the process wrote on stderr.
fn credentials_error(message: &str) -> Error {
    if message.contains("SSO token has expired") {
        return Error::other(
            "Error when retrieving token from sso: Token has expired and refresh failed",
        );
    }
    let from_process = message.contains("external process");
    let detail = match message.split_once("Stderr: ") {
        Some((_, stderr)) => stderr.to_string(),
        None => message
            .rsplit("credentials: ")
            .next()
            .unwrap_or(message)
            .to_string(),
    };
    if from_process {
        Error::other(format!(
            "Error when retrieving credentials from custom-process: {detail}"
        ))
    } else {
        Error::other(format!("Error when retrieving credentials: {detail}"))
    }
}

/// The credential sources in botocore's order: keys in the environment (unless `--profile`
/// named the profile: botocore drops them then, AWS_PROFILE does not), web identity from the
/// environment, the profile (SSO, credential_process, keys; role profiles are handled by
/// `credentials` before this), the container, then EC2 instance metadata. aws-config's default
/// chain asks the profile before web identity, which differs when both are configured.
fn credential_chain(settings: &Settings) -> Result<CredentialsProviderChain> {
    let config = ProviderConfig::default()
        .with_http_client(http_client(settings)?)
        .with_region(Some(Region::new(settings.region.clone())))
        .with_timeout_config(timeouts(settings));
    let web_identity = WebIdentityTokenCredentialsProvider::builder()
        .configure(&config)
        .build();
    let chain = if settings.profile_from_flag {
        CredentialsProviderChain::first_try("WebIdentityToken", web_identity)
    } else {
        CredentialsProviderChain::first_try(
            "Environment",
            EnvironmentVariableCredentialsProvider::new(),
        )
        .or_else("WebIdentityToken", web_identity)
    };
    let mut profile = ProfileFileCredentialsProvider::builder().configure(&config);
    if let Some(name) = &settings.profile_name {
        profile = profile.profile_name(name);
    }
    Ok(chain
        .or_else("Profile", profile.build())
        .or_else(
            "EcsContainer",
            EcsCredentialsProvider::builder().configure(&config).build(),
        )
        .or_else(
            "Ec2InstanceMetadata",
            ImdsCredentialsProvider::builder()
                .configure(&config)
                .build(),
        ))
}

/// The transport module's client: TLS, trust, proxies and timeouts as the AWS CLI has them.
fn http_client(
    settings: &Settings,
) -> Result<aws_smithy_runtime_api::client::http::SharedHttpClient> {
    crate::transport::http_client(settings)
}

fn timeouts(settings: &Settings) -> TimeoutConfig {
    let mut config = TimeoutConfig::builder();
    config = match settings.connect_timeout {
        Some(limit) => config.connect_timeout(limit),
        None => config.disable_connect_timeout(),
    };
    config = match settings.read_timeout {
        Some(limit) => config.read_timeout(limit),
        None => config.disable_read_timeout(),
    };
    config.build()
}

/// One typed SDK call per operation; the parameters were checked against the model already.
async fn send(
    client: &aws_sdk_sts::Client,
    operation: &Operation,
    p: &Map<String, Value>,
) -> std::result::Result<(), Failure> {
    let s = |name: &str| p.get(name).and_then(Value::as_str).map(str::to_string);
    let n = |name: &str| {
        p.get(name)
            .and_then(Value::as_i64)
            .and_then(|n| i32::try_from(n).ok())
    };
    match operation.api_name {
        "AssumeRole" => client
            .assume_role()
            .set_role_arn(s("RoleArn"))
            .set_role_session_name(s("RoleSessionName"))
            .set_policy_arns(policy_arns(p))
            .set_policy(s("Policy"))
            .set_duration_seconds(n("DurationSeconds"))
            .set_tags(tags(p))
            .set_transitive_tag_keys(strings(p, "TransitiveTagKeys"))
            .set_external_id(s("ExternalId"))
            .set_serial_number(s("SerialNumber"))
            .set_token_code(s("TokenCode"))
            .set_source_identity(s("SourceIdentity"))
            .set_provided_contexts(provided_contexts(p))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "AssumeRoleWithSAML" => client
            .assume_role_with_saml()
            .set_role_arn(s("RoleArn"))
            .set_principal_arn(s("PrincipalArn"))
            .set_saml_assertion(s("SAMLAssertion"))
            .set_policy_arns(policy_arns(p))
            .set_policy(s("Policy"))
            .set_duration_seconds(n("DurationSeconds"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "AssumeRoleWithWebIdentity" => client
            .assume_role_with_web_identity()
            .set_role_arn(s("RoleArn"))
            .set_role_session_name(s("RoleSessionName"))
            .set_web_identity_token(s("WebIdentityToken"))
            .set_provider_id(s("ProviderId"))
            .set_policy_arns(policy_arns(p))
            .set_policy(s("Policy"))
            .set_duration_seconds(n("DurationSeconds"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "AssumeRoot" => client
            .assume_root()
            .set_target_principal(s("TargetPrincipal"))
            .set_task_policy_arn(p.get("TaskPolicyArn").map(policy_descriptor))
            .set_duration_seconds(n("DurationSeconds"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "DecodeAuthorizationMessage" => client
            .decode_authorization_message()
            .set_encoded_message(s("EncodedMessage"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "GetAccessKeyInfo" => client
            .get_access_key_info()
            .set_access_key_id(s("AccessKeyId"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "GetCallerIdentity" => client
            .get_caller_identity()
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "GetDelegatedAccessToken" => client
            .get_delegated_access_token()
            .set_trade_in_token(s("TradeInToken"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "GetFederationToken" => client
            .get_federation_token()
            .set_name(s("Name"))
            .set_policy(s("Policy"))
            .set_policy_arns(policy_arns(p))
            .set_duration_seconds(n("DurationSeconds"))
            .set_tags(tags(p))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "GetSessionToken" => client
            .get_session_token()
            .set_duration_seconds(n("DurationSeconds"))
            .set_serial_number(s("SerialNumber"))
            .set_token_code(s("TokenCode"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        "GetWebIdentityToken" => client
            .get_web_identity_token()
            .set_audience(strings(p, "Audience"))
            .set_duration_seconds(n("DurationSeconds"))
            .set_signing_algorithm(s("SigningAlgorithm"))
            .set_tags(tags(p))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        other => Err(Failure::Local(Error::other(format!(
            "unknown operation {other}"
        )))),
    }
}

fn items<'a>(p: &'a Map<String, Value>, name: &str) -> Option<&'a Vec<Value>> {
    p.get(name).and_then(Value::as_array)
}

fn field(item: &Value, name: &str) -> Option<String> {
    item.get(name).and_then(Value::as_str).map(str::to_string)
}

fn strings(p: &Map<String, Value>, name: &str) -> Option<Vec<String>> {
    items(p, name).map(|list| {
        list.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    })
}

fn policy_descriptor(item: &Value) -> PolicyDescriptorType {
    PolicyDescriptorType::builder()
        .set_arn(field(item, "arn"))
        .build()
}

fn policy_arns(p: &Map<String, Value>) -> Option<Vec<PolicyDescriptorType>> {
    items(p, "PolicyArns").map(|list| list.iter().map(policy_descriptor).collect())
}

fn provided_contexts(p: &Map<String, Value>) -> Option<Vec<ProvidedContext>> {
    items(p, "ProvidedContexts").map(|list| {
        list.iter()
            .map(|item| {
                ProvidedContext::builder()
                    .set_provider_arn(field(item, "ProviderArn"))
                    .set_context_assertion(field(item, "ContextAssertion"))
                    .build()
            })
            .collect()
    })
}

fn tags(p: &Map<String, Value>) -> Option<Vec<Tag>> {
    // Validation has made sure every tag has a string Key and Value.
    items(p, "Tags").map(|list| {
        list.iter()
            .filter_map(|item| {
                Tag::builder()
                    .set_key(field(item, "Key"))
                    .set_value(field(item, "Value"))
                    .build()
                    .ok()
            })
            .collect()
    })
}

/// Why a call failed, before it is put into the AWS CLI's words.
enum Failure {
    /// The service answered (or answered with something unreadable): read the raw answer.
    Answered,
    Timeout,
    Connect {
        timeout: bool,
    },
    /// The proxy could not be reached or refused the tunnel: its message names it.
    Proxy(String),
    /// The TLS handshake failed, most often on a certificate the trust store does not accept.
    Tls(String),
    Credentials(String),
    Local(Error),
}

impl<E: std::error::Error + Send + Sync + 'static>
    From<SdkError<E, aws_smithy_runtime_api::http::Response>> for Failure
{
    fn from(err: SdkError<E, aws_smithy_runtime_api::http::Response>) -> Failure {
        match &err {
            SdkError::ServiceError(_) | SdkError::ResponseError(_) => Failure::Answered,
            SdkError::TimeoutError(_) => Failure::Timeout,
            SdkError::DispatchFailure(dispatch) => {
                if let Some(message) = credentials_problem(&err) {
                    Failure::Credentials(message)
                } else if dispatch.is_timeout() && error_chain(&err).contains("read timeout") {
                    // The connector reports both timeouts alike; only its wording tells them apart.
                    Failure::Timeout
                } else if let Some(message) = proxy_failure(&error_chain(&err)) {
                    Failure::Proxy(message)
                } else if dispatch.is_io() && is_tls_failure(&error_chain(&err)) {
                    Failure::Tls(tls_reason(&error_chain(&err)))
                } else if dispatch.is_timeout() {
                    Failure::Connect { timeout: true }
                } else {
                    Failure::Connect { timeout: false }
                }
            }
            _ => match credentials_problem(&err) {
                Some(message) => Failure::Credentials(message),
                None => Failure::Local(Error::other(error_chain(&err))),
            },
        }
    }
}

/// A credentials error anywhere in the chain of causes, as the user should read it.
fn credentials_problem(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(current) = cause {
        if let Some(credentials) = current.downcast_ref::<CredentialsError>() {
            return Some(match credentials {
                CredentialsError::CredentialsNotLoaded(_) => String::new(),
                other => error_chain(other),
            });
        }
        cause = current.source();
    }
    None
}

/// botocore's `Failed to connect to proxy URL: "URL"`, which the transport puts in its error.
fn proxy_failure(chain: &str) -> Option<String> {
    let start = chain.find("Failed to connect to proxy URL: \"")?;
    let rest = &chain[start..];
    let url_start = rest.find('"')? + 1;
    let url_end = url_start + rest[url_start..].find('"')?;
    Some(rest[..=url_end].to_string())
}

fn is_tls_failure(chain: &str) -> bool {
    chain.contains("certificate") || chain.contains("tls handshake") || chain.contains("TLS")
}

/// The part of the chain that names the problem (e.g. "invalid peer certificate: UnknownIssuer").
fn tls_reason(chain: &str) -> String {
    match chain.find("invalid peer certificate") {
        Some(start) => chain[start..].to_string(),
        None => chain.rsplit(": ").next().unwrap_or(chain).to_string(),
    }
}

fn describe_failure(
    failure: Failure,
    operation: &Operation,
    exchange: &Exchange,
    settings: &Settings,
) -> Error {
    let url = exchange.url.clone().unwrap_or_else(|| {
        format!(
            "{}/",
            settings
                .endpoint_url
                .as_deref()
                .unwrap_or_default()
                .trim_end_matches('/')
        )
    });
    match failure {
        Failure::Answered => answered_error(operation, exchange, settings),
        Failure::Timeout => Error::other(format!("Read timeout on endpoint URL: \"{url}\"")),
        Failure::Connect { timeout: true } => Error::other(format!("Connect timeout on endpoint URL: \"{url}\"")),
        Failure::Tls(reason) => Error::other(format!("SSL validation failed for {url} {reason}")),
        Failure::Proxy(message) => Error::other(message),
        Failure::Connect { timeout: false } => Error::other(format!("Could not connect to the endpoint URL: \"{url}\"")),
        Failure::Credentials(message) if message.is_empty() => Error::config(
            "Unable to locate credentials. You can configure credentials by running \"aws configure\".",
        )
        .bare(),
        Failure::Credentials(message) => credentials_error(&message),
        Failure::Local(err) => err,
    }
}

/// The service answered: a readable error is the service's (254); a success the SDK could not
/// read is reported by our own parser's wording (255).
fn answered_error(operation: &Operation, exchange: &Exchange, settings: &Settings) -> Error {
    let status = exchange.status.unwrap_or(0);
    let body = exchange.body.as_deref().unwrap_or_default();
    if (200..300).contains(&status) {
        return match response::parse_output(operation, body, settings.timestamp_format) {
            Err(err) => err,
            Ok(_) => Error::other("The response could not be read."),
        };
    }
    service_error(
        operation.api_name,
        status,
        body,
        exchange.attempts,
        settings.max_attempts,
    )
}
