//! Role profiles resolved the way the AWS CLI resolves them, through its credential cache in
//! `~/.aws/cli/cache`, so that `aws` and `sts` share one MFA prompt and one set of temporary
//! credentials per role.
//!
//! aws-config assumes roles too, but keeps nothing between runs and cannot ask for an MFA
//! code. So for a role profile (or a web identity one) this module reads the profile chain,
//! checks it as botocore's AssumeRoleProvider does, looks in the cache, prompts, calls STS and
//! writes the cache; any other profile stays with aws-config's default chain. Credentials are
//! resolved before the main call rather than lazily inside the SDK, because the SDK's identity
//! cache gives a provider a deadline that a person typing an MFA code can miss, and because
//! errors then keep the AWS CLI's wording and exit codes.

use crate::client::{Exchange, Recorder};
use crate::error::{Error, Kind, Result, error_chain};
use crate::model::Operation;
use crate::python;
use crate::response;
use crate::settings::Settings;
use aws_config::SdkConfig;
use aws_config::profile::{Profile, ProfileSet};
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_sdk_sts::config::BehaviorVersion;
use aws_smithy_types::date_time::{DateTime, Format};
use aws_types::region::Region;
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A cached entry is used until this close to its expiry, then replaced (botocore's
/// `CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS`).
const EXPIRY_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The `credential_source` values botocore knows, spelled exactly so.
const CREDENTIAL_SOURCES: [&str; 3] = ["Environment", "Ec2InstanceMetadata", "EcsContainer"];

/// Credentials for the selected profile when it is a role or web identity profile (and the
/// AWS CLI would use it); `None` leaves the choice to aws-config's default chain.
///
/// `base` is the loaded SDK configuration: the STS calls made here use its HTTP client,
/// timeouts and retry settings.
pub async fn for_profile(
    settings: &Settings,
    base: &SdkConfig,
) -> Result<Option<SharedCredentialsProvider>> {
    let name = settings.profile_name.as_deref().unwrap_or("default");
    let env = |key: &str| std::env::var(key).ok().filter(|v| !v.is_empty());
    let Some(plan) = plan(
        settings.profiles.as_ref(),
        name,
        settings.profile_from_flag,
        &env,
    )?
    else {
        return Ok(None);
    };
    let resolver = Resolver {
        settings,
        base,
        cache: Cache::in_home(),
    };
    let credentials = match &plan {
        Plan::Roles { chain, source } => resolver.assume_chain(chain, source).await?,
        Plan::WebIdentity { token_file, args } => resolver.web_identity(token_file, args).await?,
    };
    Ok(Some(SharedCredentialsProvider::new(credentials)))
}

/// What the selected profile asks for, read and checked before any network access.
#[derive(Debug)]
enum Plan {
    /// AssumeRole for each role, from the selected profile down its chain of source profiles;
    /// the last role is assumed with the credentials of `source`.
    Roles { chain: Vec<Role>, source: Source },
    /// AssumeRoleWithWebIdentity with the token in `token_file`.
    WebIdentity { token_file: String, args: Args },
}

#[derive(Debug)]
struct Role {
    profile: String,
    args: Args,
}

/// Where the last role of a chain gets the credentials it is assumed with.
#[derive(Debug)]
enum Source {
    /// The keys written in a profile.
    Keys(Credentials),
    /// Any other profile (SSO, credential_process, web identity, ...): aws-config resolves it.
    Profile(String),
    /// A `credential_source`, named in `profile`.
    Named { source: String, profile: String },
}

/// The arguments of one AssumeRole call; they also name its cache entry.
#[derive(Debug, Clone, PartialEq)]
struct Args {
    role_arn: String,
    session_name: String,
    /// A generated session name changes every second, so botocore leaves it out of the key.
    session_name_configured: bool,
    external_id: Option<String>,
    mfa_serial: Option<String>,
    duration_seconds: Option<i64>,
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
            duration_seconds: profile
                .get("duration_seconds")
                .and_then(|value| value.trim().parse().ok()),
            ..Args::new(role_arn, profile.get("role_session_name"))
        }
    }

    /// The cache file's name: the SHA-1 of `json.dumps(args, sort_keys=True)`, where args are
    /// the call's parameters as botocore passes them (the code typed for MFA is not among them).
    fn cache_key(&self) -> String {
        let mut fields: Vec<(&str, Value)> = Vec::new();
        // Already in sorted order.
        if let Some(seconds) = self.duration_seconds {
            fields.push(("DurationSeconds", Value::from(seconds)));
        }
        if let Some(id) = &self.external_id {
            fields.push(("ExternalId", Value::from(id.as_str())));
        }
        fields.push(("RoleArn", Value::from(self.role_arn.as_str())));
        if self.session_name_configured {
            fields.push(("RoleSessionName", Value::from(self.session_name.as_str())));
        }
        if let Some(serial) = &self.mfa_serial {
            fields.push(("SerialNumber", Value::from(serial.as_str())));
        }
        let object: Map<String, Value> = fields
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect();
        let mut text = String::new();
        write_python_json(&Value::Object(object), &mut text);
        use sha1::Digest;
        sha1::Sha1::digest(text.as_bytes())
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
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
fn plan(
    profiles: Option<&ProfileSet>,
    name: &str,
    from_flag: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Plan>> {
    // botocore's EnvProvider decides on the access key alone (it rejects a partial pair).
    if !from_flag && env("AWS_ACCESS_KEY_ID").is_some() {
        return Ok(None);
    }
    let profile = profiles.and_then(|set| set.get_profile(name));
    if let (Some(set), Some(profile)) = (profiles, profile)
        && is_role(profile)
    {
        let (chain, source) = role_chain(set, name)?;
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
fn is_role(profile: &Profile) -> bool {
    profile.get("role_arn").is_some() && profile.get("web_identity_token_file").is_none()
}

fn has_keys(profile: &Profile) -> bool {
    profile.get("aws_access_key_id").is_some() || profile.get("aws_secret_access_key").is_some()
}

/// The roles from `top` down to the first profile that is not a role, checked as botocore's
/// `_get_role_config` and `_validate_source_profile` do, with their messages.
fn role_chain(profiles: &ProfileSet, top: &str) -> Result<(Vec<Role>, Source)> {
    let mut visited = vec![top.to_string()];
    let mut chain = Vec::new();
    let mut name = top.to_string();
    loop {
        let Some(profile) = profiles.get_profile(&name) else {
            return Err(Error::config(format!(
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
                crate::python::list_repr(&names)
            )));
        }
        visited.push(source_name.to_string());
        if let Some(keys) = static_keys(source) {
            return Ok((chain, Source::Keys(keys)));
        }
        if has_keys(source) || !is_role(source) {
            return Ok((chain, Source::Profile(source_name.to_string())));
        }
        name = source_name.to_string();
    }
}

fn static_keys(profile: &Profile) -> Option<Credentials> {
    Some(Credentials::new(
        profile.get("aws_access_key_id")?,
        profile.get("aws_secret_access_key")?,
        profile.get("aws_session_token").map(str::to_string),
        None,
        "SharedConfig",
    ))
}

/// Carries out a plan: the cache, the source credentials, the STS calls.
struct Resolver<'a> {
    settings: &'a Settings,
    base: &'a SdkConfig,
    cache: Cache,
}

impl Resolver<'_> {
    /// Like botocore, look in each role's cache entry from the top down and only fetch what
    /// lies above the first hit: a cached top role needs no source credentials at all.
    async fn assume_chain(&self, chain: &[Role], source: &Source) -> Result<Credentials> {
        let mut hit = None;
        for (depth, role) in chain.iter().enumerate() {
            if let Some(found) = self.cached(&role.args, &role.profile) {
                hit = Some((depth, found));
                break;
            }
        }
        let (to_assume, mut credentials) = match hit {
            Some((depth, found)) => (&chain[..depth], found),
            None => (chain, self.source_credentials(source).await?),
        };
        for role in to_assume.iter().rev() {
            credentials = self.assume_role(role, credentials).await?;
        }
        Ok(credentials)
    }

    fn cached(&self, args: &Args, profile: &str) -> Option<Credentials> {
        let key = args.cache_key();
        let found = self.cache.load(&key).and_then(|entry| usable(&entry));
        if self.settings.debug {
            let outcome = if found.is_some() {
                "used"
            } else {
                "not usable"
            };
            eprintln!("sts: profile {profile}: cache entry {key}.json {outcome}");
        }
        found
    }

    async fn assume_role(&self, role: &Role, source: Credentials) -> Result<Credentials> {
        let args = &role.args;
        let token_code = match &args.mfa_serial {
            Some(serial) => Some(prompt_mfa(serial).await?),
            None => None,
        };
        if self.settings.debug {
            eprintln!("sts: profile {}: calling AssumeRole", role.profile);
        }
        let capture = Recorder::new(self.settings.debug);
        let client = self.sts_client(Some(source), &capture);
        let sent = client
            .assume_role()
            .role_arn(&args.role_arn)
            .role_session_name(&args.session_name)
            .set_external_id(args.external_id.clone())
            .set_serial_number(args.mfa_serial.clone())
            .set_token_code(token_code)
            .set_duration_seconds(args.duration_seconds.and_then(|s| i32::try_from(s).ok()))
            .send()
            .await;
        self.finish("AssumeRole", args, sent.map(drop), &capture)
    }

    async fn web_identity(&self, token_file: &str, args: &Args) -> Result<Credentials> {
        if let Some(found) = self.cached(args, "web identity") {
            return Ok(found);
        }
        // Read whole, as botocore's FileWebIdentityTokenLoader does.
        let token = std::fs::read_to_string(token_file)
            .map_err(|err| Error::other(python::os_error(&err, token_file)))?;
        let capture = Recorder::new(self.settings.debug);
        // The token is the only proof needed: the call is not signed.
        let client = self.sts_client(None, &capture);
        let sent = client
            .assume_role_with_web_identity()
            .role_arn(&args.role_arn)
            .role_session_name(&args.session_name)
            .web_identity_token(token)
            .send()
            .await;
        self.finish("AssumeRoleWithWebIdentity", args, sent.map(drop), &capture)
    }

    /// After a call: the error in the AWS CLI's words, or the answer written to the cache and
    /// its credentials, refused (after caching, as botocore does) if already expired.
    fn finish<E>(
        &self,
        action: &str,
        args: &Args,
        sent: std::result::Result<(), aws_sdk_sts::error::SdkError<E, HttpResponse>>,
        capture: &Recorder,
    ) -> Result<Credentials>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        let exchange = capture.take();
        if let Err(err) = sent {
            return Err(call_failed(action, &err, &exchange, self.settings));
        }
        let entry = cache_entry(action, &exchange, self.settings)?;
        let key = args.cache_key();
        if let Err(err) = self.cache.store(&key, &entry) {
            eprintln!("sts: warning: unable to write the credential cache ({key}.json): {err}");
        }
        let Some((credentials, expiry)) = read_entry(&entry) else {
            return Err(Error::other(format!(
                "The {action} answer holds no credentials"
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
    fn sts_client(
        &self,
        credentials: Option<Credentials>,
        capture: &Recorder,
    ) -> aws_sdk_sts::Client {
        let base = self.base;
        let mut config = aws_sdk_sts::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(self.settings.region.clone()))
            .interceptor(capture.clone());
        config
            .set_endpoint_url(self.settings.configured_endpoint_url.clone())
            .set_http_client(base.http_client())
            .set_sleep_impl(base.sleep_impl())
            .set_time_source(base.time_source())
            .set_timeout_config(base.timeout_config().cloned())
            .set_retry_config(base.retry_config().cloned());
        if let Some(credentials) = credentials {
            config = config.credentials_provider(credentials);
        }
        aws_sdk_sts::Client::from_conf(config.build())
    }

    /// Credentials of the profile at the bottom of a chain, from aws-config's providers.
    async fn source_credentials(&self, source: &Source) -> Result<Credentials> {
        let config = self.provider_config();
        match source {
            Source::Keys(keys) => Ok(keys.clone()),
            Source::Profile(name) => {
                let provider = aws_config::profile::ProfileFileCredentialsProvider::builder()
                    .configure(&config)
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
                            .configure(&config)
                            .build()
                            .provide_credentials()
                            .await
                    }
                    _ => {
                        aws_config::ecs::EcsCredentialsProvider::builder()
                            .configure(&config)
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

    fn provider_config(&self) -> ProviderConfig {
        let base = self.base;
        let mut config = ProviderConfig::empty()
            .with_region(Some(Region::new(self.settings.region.clone())))
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
}

type HttpResponse = aws_smithy_runtime_api::http::Response;

/// The cache entry for an answer, laid out as botocore writes it: the parsed answer (members in
/// model order, timestamps as the CLI formats them), the account in `Credentials.AccountId`,
/// and `ResponseMetadata`.
fn cache_entry(action: &str, exchange: &Exchange, settings: &Settings) -> Result<Value> {
    let operation = Operation::find(&cli_name(action))
        .ok_or_else(|| Error::other(format!("unknown operation {action}")))?;
    let body = exchange.body.as_deref().unwrap_or_default();
    let mut entry = response::parse_output(operation, body, settings.timestamp_format)?;
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

/// `AssumeRoleWithWebIdentity` → `assume-role-with-web-identity`.
fn cli_name(action: &str) -> String {
    let mut name = String::new();
    for c in action.chars() {
        if c.is_ascii_uppercase() && !name.is_empty() {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
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
fn usable(entry: &Value) -> Option<Credentials> {
    let (credentials, expiry) = read_entry(entry)?;
    let left = expiry.duration_since(SystemTime::now()).ok()?;
    (left >= EXPIRY_WINDOW).then_some(credentials)
}

/// The credentials and expiry of a cache entry; `None` when something is missing or unreadable.
fn read_entry(entry: &Value) -> Option<(Credentials, SystemTime)> {
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
fn parse_expiration(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let text = match text.strip_suffix("UTC") {
        Some(rest) => format!("{rest}Z"),
        None => text.to_string(),
    };
    // Python's isoformat of the parsed value: the forms above, normalised.
    let iso = crate::timestamp::format(&text, crate::settings::TimestampFormat::Iso8601).ok()?;
    let parsed = DateTime::from_str(&iso, Format::DateTimeWithOffset).ok()?;
    SystemTime::try_from(parsed).ok()
}

/// `json.dumps(value)` with Python's defaults: `", "` and `": "` separators, ASCII only.
fn write_python_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&crate::python::number(n)),
        Value::String(s) => crate::python::write_json_string(s, true, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { ", " });
                write_python_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { ", " });
                crate::python::write_json_string(key, true, out);
                out.push_str(": ");
                write_python_json(item, out);
            }
            out.push('}');
        }
    }
}

/// The AWS CLI's credential cache: one JSON file per set of call arguments.
struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// `~/.aws/cli/cache`, where the AWS CLI (v1 and v2) keeps assumed-role credentials.
    fn in_home() -> Cache {
        Cache {
            dir: std::env::home_dir().map(|home| home.join(".aws").join("cli").join("cache")),
        }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key}.json")))
    }

    /// The entry for `key`. botocore fails with a KeyError on an unreadable entry until
    /// someone deletes it; here it is a miss, and the fresh answer replaces it.
    fn load(&self, key: &str) -> Option<Value> {
        let text = std::fs::read_to_string(self.path(key)?).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Write the entry as a new 0600 file renamed into place, so that a reader (`aws` or `sts`)
    /// never sees half a file and the secrets are never readable by others, even briefly.
    fn store(&self, key: &str, entry: &Value) -> std::io::Result<()> {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        let (Some(dir), Some(path)) = (&self.dir, self.path(key)) else {
            return Err(std::io::Error::other("no home directory"));
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let temporary = dir.join(format!(".{key}.json.{}", std::process::id()));
        let _ = std::fs::remove_file(&temporary);
        let mut text = String::new();
        write_python_json(entry, &mut text);
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

/// Ask for the MFA code on the controlling terminal, without echo, as Python's getpass does:
/// stdout stays for the result and stdin for the command's own input.
async fn prompt_mfa(serial: &str) -> Result<String> {
    let no_terminal = |why: std::io::Error| {
        Error::config(format!(
            "Unable to ask for the MFA code for {serial}: no terminal to prompt on ({}). Run the command from a terminal, or use a profile without mfa_serial.",
            python::strerror(&why)
        ))
    };
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(no_terminal)?;
    let mut out = tty.try_clone().map_err(no_terminal)?;
    let reader = tty.try_clone().map_err(no_terminal)?;
    // Echo goes off before the prompt appears, so nothing typed after it is shown; dropping
    // the guard (also when Ctrl-C drops this future) turns it back on.
    let echo = EchoOff::new(tty);
    let failed = |err: std::io::Error| Error::other(format!("Unable to read the MFA code: {err}"));
    out.write_all(format!("Enter MFA code for {serial}: ").as_bytes())
        .and_then(|()| out.flush())
        .map_err(failed)?;
    // A plain thread, not the runtime's blocking pool: after Ctrl-C the process must be able
    // to exit while the read is still waiting.
    let (sender, receiver) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(reader).read_line(&mut line).map(|_| line);
        let _ = sender.send(read);
    });
    let read = receiver.await;
    drop(echo);
    // The Enter key was not echoed either.
    let _ = out.write_all(b"\n");
    match read {
        Ok(Ok(line)) if !line.is_empty() => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
        Ok(Ok(_)) => Err(Error::config(format!("No MFA code entered for {serial}"))),
        Ok(Err(err)) => Err(failed(err)),
        Err(_) => Err(Error::new(Kind::Interrupted, "")),
    }
}

/// Terminal echo switched off for as long as this lives.
struct EchoOff {
    tty: std::fs::File,
    saved: Option<rustix::termios::Termios>,
}

impl EchoOff {
    fn new(tty: std::fs::File) -> EchoOff {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let saved = tcgetattr(&tty).ok();
        if let Some(saved) = &saved {
            let mut quiet = saved.clone();
            quiet.local_modes.remove(LocalModes::ECHO);
            let _ = tcsetattr(&tty, OptionalActions::Flush, &quiet);
        }
        EchoOff { tty, saved }
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some(saved) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                &self.tty,
                rustix::termios::OptionalActions::Flush,
                saved,
            );
        }
    }
}

/// A failed credential call in the AWS CLI's words: the service's error (254) or the
/// connection problem (255).
fn call_failed<E>(
    action: &str,
    err: &aws_sdk_sts::error::SdkError<E, HttpResponse>,
    exchange: &Exchange,
    settings: &Settings,
) -> Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    use aws_sdk_sts::error::SdkError;
    let url = exchange.url.clone().unwrap_or_default();
    match (err, exchange.status) {
        (_, Some(status)) if !(200..300).contains(&status) => {
            let body = exchange.body.as_deref().unwrap_or_default();
            crate::client::service_error(
                action,
                status,
                body,
                exchange.attempts,
                settings.max_attempts,
            )
        }
        (SdkError::TimeoutError(_), _) => {
            Error::other(format!("Read timeout on endpoint URL: \"{url}\""))
        }
        (SdkError::DispatchFailure(_), _) => {
            Error::other(format!("Could not connect to the endpoint URL: \"{url}\""))
        }
        (other, _) => Error::other(error_chain(other)),
    }
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
    fn json_as_python_writes_it() {
        let value = serde_json::json!({"b": [1, 2.5, null, true], "a": {"k": "ü"}});
        let mut out = String::new();
        write_python_json(&value, &mut out);
        assert_eq!(out, r#"{"b": [1, 2.5, null, true], "a": {"k": "\u00fc"}}"#);
    }

    #[test]
    fn account_from_arn() {
        assert_eq!(
            arn_account("arn:aws:sts::123456789012:assumed-role/demo/John").as_deref(),
            Some("123456789012")
        );
        assert_eq!(arn_account("not-an-arn"), None);
        assert_eq!(
            cli_name("AssumeRoleWithWebIdentity"),
            "assume-role-with-web-identity"
        );
    }
}
