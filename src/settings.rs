//! Resolves flags, environment variables and the selected profile into the settings of one
//! run, with the AWS CLI v2's precedence written down in one place.

use crate::cli::{self, AutoPrompt, Globals};
use crate::config::{self, env_var};
use crate::config::{Profile, Profiles};
use crate::error::{Error, Result};
use crate::output::{ColorMode, ErrorFormat, OutputFormat};
use crate::pager;
use crate::python;
use crate::timestamp::TimestampFormat;
use aws_runtime::env_config::file::EnvConfigFiles;
use std::path::PathBuf;
use std::time::Duration;

/// The pseudo-region for which the SDK's endpoint rules give the global endpoint
/// (https://sts.amazonaws.com, signed for us-east-1): used when no region is configured.
const GLOBAL_REGION: &str = "aws-global";
/// The regions `sts_regional_endpoints = legacy` sends to the global endpoint.
const LEGACY_GLOBAL_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "aws-global",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];
/// The AWS CLI's socket timeouts when none are given.
const DEFAULT_TIMEOUT_SECONDS: u64 = 60;
const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// Everything one run needs to know besides the operation and its parameters.
#[derive(Debug)]
pub struct Settings {
    /// The profile named by flag or environment, passed on to the credential chain.
    pub profile_name: Option<String>,
    /// The region requests are signed for and endpoints resolved from (FIPS, dual-stack and
    /// partitions are the SDK's endpoint rules' business).
    pub region: String,
    /// The region as configured (flag, environment, profile), if any: what a program started
    /// with these settings should be told.
    pub configured_region: Option<String>,
    /// An endpoint given by flag, environment or config; otherwise the region decides.
    pub endpoint_url: Option<String>,
    pub output: OutputFormat,
    pub color: ColorMode,
    pub timestamp_format: TimestampFormat,
    pub max_attempts: u32,
    pub connect_timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    pub ca_bundle: Option<PathBuf>,
    pub verify_tls: bool,
    pub sign_requests: bool,
    /// The loaded config and credentials files, for `credentials` to read role profiles from
    /// (they hold secrets: never print them).
    pub profiles: &'static Profiles,
    /// The same, as the SDK's settings and credential providers are to read them.
    pub sdk_files: EnvConfigFiles,
    /// Whether `--profile` named the profile: then, as in botocore, keys in the environment do
    /// not take precedence over it.
    pub profile_from_flag: bool,
    /// The endpoint configured for STS by environment or config, never `--endpoint-url`:
    /// where botocore's credential providers send AssumeRole.
    pub configured_endpoint_url: Option<String>,
    /// The pager for output on a terminal (`None`: print directly).
    pub pager: Option<String>,
}

/// Read the config files and resolve every setting (no network access).
pub async fn resolve(globals: &Globals) -> Result<Settings> {
    resolve_for(globals, Needs::Region).await
}

/// What a run cannot do without: a call needs a region to sign for (when an endpoint is
/// configured), credentials alone do not (static keys need no STS).
#[derive(Clone, Copy, PartialEq)]
pub enum Needs {
    Region,
    Credentials,
}

pub async fn resolve_for(globals: &Globals, needs: Needs) -> Result<Settings> {
    let profile_name = config::profile_name(globals.profile.as_deref());
    let profiles = config::load_profiles().await?;
    let name = profile_name.as_deref().unwrap_or("default");
    let profile = profiles.get_profile(name);
    if profile.is_none() && name != "default" {
        return Err(Error::other(format!(
            "The config profile ({name}) could not be found"
        )));
    }
    let setting = |key: &str| profile.and_then(|p| p.get(key)).map(str::to_string);

    // An empty --region is no region, as in v2.
    let configured_region = globals
        .region
        .clone()
        .filter(|region| !region.is_empty())
        .or_else(|| env_var("AWS_REGION"))
        .or_else(|| env_var("AWS_DEFAULT_REGION"))
        .or_else(|| setting("region"));
    if let Some(region) = &configured_region {
        check_region(region)?;
    }
    let configured_endpoint_url = configured_endpoint(profiles, profile, &setting);
    let endpoint_url = match &globals.endpoint_url {
        Some(url) => Some(check_endpoint_flag(url)?),
        None => configured_endpoint_url.clone(),
    };
    let regional =
        env_var("AWS_STS_REGIONAL_ENDPOINTS").or_else(|| setting("sts_regional_endpoints"));
    let signing = signing_region(
        configured_region.clone(),
        endpoint_url.as_deref(),
        regional.as_deref(),
    );
    let region = match signing {
        // Any STS call made for the credentials then goes to the global endpoint's region.
        Err(err) if needs == Needs::Credentials && err.kind == crate::error::Kind::Config => {
            GLOBAL_REGION.to_string()
        }
        other => other?,
    };

    let output = match globals.output {
        Some(format) => format,
        None => match env_var("AWS_DEFAULT_OUTPUT").or_else(|| setting("output")) {
            Some(name) => OutputFormat::parse(&name)?,
            None => OutputFormat::Json,
        },
    };
    Ok(Settings {
        profile_name,
        configured_region,
        region,
        endpoint_url,
        color: globals.color.unwrap_or_default(),
        output,
        timestamp_format: TimestampFormat::parse(setting("cli_timestamp_format").as_deref())?,
        max_attempts: max_attempts(
            env_var("AWS_MAX_ATTEMPTS").or_else(|| setting("max_attempts")),
            env_var("AWS_RETRY_MODE")
                .or_else(|| setting("retry_mode"))
                .as_deref(),
        )?,
        connect_timeout: timeout(
            "--cli-connect-timeout",
            globals.cli_connect_timeout.as_deref(),
        )?,
        read_timeout: timeout("--cli-read-timeout", globals.cli_read_timeout.as_deref())?,
        ca_bundle: globals
            .ca_bundle
            .clone()
            .or_else(|| env_var("AWS_CA_BUNDLE"))
            .or_else(|| setting("ca_bundle"))
            .map(PathBuf::from),
        verify_tls: !globals.no_verify_ssl,
        sign_requests: !globals.no_sign_request,
        profiles,
        sdk_files: config::for_sdk(profiles),
        profile_from_flag: globals.profile.is_some(),
        configured_endpoint_url,
        pager: pager::choose(globals.no_cli_pager, setting("cli_pager")),
    })
}

/// The error format when none is given on the command line: AWS_CLI_ERROR_FORMAT, else
/// `cli_error_format` in the profile, else `enhanced`. A profile that does not exist makes v2
/// fall back to the bare message (its lookup fails inside the error handler).
pub async fn error_format(profile_flag: Option<&str>) -> ErrorFormat {
    if let Some(value) = env_var("AWS_CLI_ERROR_FORMAT") {
        return ErrorFormat::from_setting(&value);
    }
    let profile_name = config::profile_name(profile_flag);
    let Ok(profiles) = config::load_profiles().await else {
        return ErrorFormat::Legacy;
    };
    let name = profile_name.as_deref().unwrap_or("default");
    let profile = profiles.get_profile(name);
    match profile {
        None if name != "default" => ErrorFormat::Legacy,
        _ => profile
            .and_then(|p| p.get("cli_error_format"))
            .map(ErrorFormat::from_setting)
            .unwrap_or_default(),
    }
}

/// When to prompt: the command line's flags, else AWS_CLI_AUTO_PROMPT, else `cli_auto_prompt` in
/// the profile that AWS_PROFILE or AWS_DEFAULT_PROFILE names (v2 reads it before `--profile`
/// is applied); `on` or `on-partial` in any case, anything else (or a missing profile) is off.
pub async fn auto_prompt(args: &[String]) -> Result<AutoPrompt> {
    if let Some(mode) = cli::auto_prompt_flag(args)? {
        return Ok(mode);
    }
    let value = match env_var("AWS_CLI_AUTO_PROMPT") {
        Some(value) => Some(value),
        None => {
            let name = config::profile_name(None).unwrap_or_else(|| "default".to_string());
            let profiles = config::load_profiles().await.ok();
            profiles
                .and_then(|set| set.get_profile(&name))
                .and_then(|p| p.get("cli_auto_prompt"))
                .map(str::to_string)
        }
    };
    Ok(match value.map(|v| v.to_lowercase()).as_deref() {
        Some("on") => AutoPrompt::On,
        Some("on-partial") => AutoPrompt::OnPartial,
        _ => AutoPrompt::Off,
    })
}

/// The pager for help. Help is shown whatever else is wrong, so a profile that cannot be
/// read only means no `cli_pager` from it.
pub async fn help_pager(profile_flag: Option<&str>, no_cli_pager: bool) -> Option<String> {
    let profile_name = config::profile_name(profile_flag);
    let profiles = config::load_profiles().await.ok();
    let cli_pager = profiles.and_then(|set| {
        set.get_profile(profile_name.as_deref().unwrap_or("default"))
            .and_then(|profile| profile.get("cli_pager"))
            .map(str::to_string)
    });
    pager::if_found(pager::choose(no_cli_pager, cli_pager))
}

/// Endpoint from the environment or config, unless configured endpoints are switched off.
fn configured_endpoint(
    profiles: &Profiles,
    profile: Option<&Profile>,
    setting: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let ignore = env_var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .or_else(|| setting("ignore_configured_endpoint_urls"));
    if ignore.is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return None;
    }
    env_var("AWS_ENDPOINT_URL_STS")
        .or_else(|| env_var("AWS_ENDPOINT_URL"))
        .or_else(|| services_endpoint(profiles, profile?))
        .or_else(|| setting("endpoint_url"))
}

/// `endpoint_url` under `sts` in the `[services NAME]` section the profile points at.
fn services_endpoint(profiles: &Profiles, profile: &Profile) -> Option<String> {
    let services = profile.get("services")?;
    profiles
        .service_setting(services, "sts", "endpoint_url")
        .map(str::to_string)
}

fn check_endpoint_flag(url: &str) -> Result<String> {
    if url.contains("://") {
        Ok(url.to_string())
    } else {
        Err(Error::usage(format!(
            "Bad value for --endpoint-url \"{url}\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/"
        )))
    }
}

/// The AWS CLI refuses region names that could not be a host name label.
fn check_region(region: &str) -> Result<()> {
    let bytes = region.as_bytes();
    let label_char = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
    let valid = !bytes.is_empty()
        && bytes.len() <= 63
        && bytes.iter().all(label_char)
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-';
    if valid {
        Ok(())
    } else {
        Err(Error::other(format!(
            "Provided region_name '{region}' doesn't match a supported format."
        )))
    }
}

/// The region to sign for and resolve the endpoint from: the regional endpoint by default
/// (as AWS CLI v2), the global one when no region is configured at all or when
/// `sts_regional_endpoints = legacy` names one of the regions that used it. A configured
/// endpoint needs a region to sign for.
fn signing_region(
    region: Option<String>,
    endpoint_url: Option<&str>,
    regional_endpoints: Option<&str>,
) -> Result<String> {
    let legacy = match regional_endpoints {
        None | Some("regional") => false,
        Some("legacy") => true,
        Some(other) => {
            return Err(Error::config(format!(
                "STS regional endpoints option {other} is invalid. Valid options are: \"legacy\", \"regional\""
            )));
        }
    };
    match (region, endpoint_url) {
        (None, Some(_)) => Err(Error::coded_config(
            "NoRegion",
            "You must specify a region. You can also configure your region by running \"aws configure\".",
        )),
        (None, None) => Ok(GLOBAL_REGION.to_string()),
        (Some(region), None) if legacy && LEGACY_GLOBAL_REGIONS.contains(&region.as_str()) => {
            Ok(GLOBAL_REGION.to_string())
        }
        (Some(region), _) => Ok(region),
    }
}

/// How many attempts a call gets: `max_attempts`, else 3. AWS CLI v2 knows two retry modes,
/// standard and adaptive (which only adds client-side rate limiting); the retries always
/// follow the standard mode.
fn max_attempts(value: Option<String>, retry_mode: Option<&str>) -> Result<u32> {
    if let Some(mode) = retry_mode.filter(|m| !matches!(*m, "standard" | "adaptive")) {
        return Err(Error::other(format!(
            "Invalid value provided to \"mode\": \"{mode}\" must be one of: \"standard\" or \"adaptive\""
        )));
    }
    let Some(value) = value else {
        return Ok(DEFAULT_MAX_ATTEMPTS);
    };
    // v2 words a value that is not an integer as Python's int() does; this names the setting.
    match python::int::int(&value).and_then(|n| u32::try_from(n).ok()) {
        Some(n) if n >= 1 => Ok(n),
        _ => Err(Error::other(format!(
            "Value provided to \"max_attempts\": {value} must be an integer greater than or equal to one."
        ))),
    }
}

/// `--cli-*-timeout`: whole seconds, 0 for no timeout, 60 when not given.
fn timeout(option: &str, value: Option<&str>) -> Result<Option<Duration>> {
    let what = if option.contains("connect") {
        "connect"
    } else {
        "read"
    };
    let Some(value) = value else {
        return Ok(Some(Duration::from_secs(DEFAULT_TIMEOUT_SECONDS)));
    };
    // Read as Python's int(), as v2 reads it; what v2 leaves to Python's own error is named.
    match python::int::int(value) {
        Some(0) => Ok(None),
        Some(seconds) if seconds > 0 => Ok(Some(Duration::from_secs(seconds.unsigned_abs()))),
        Some(seconds) => Err(Error::other(format!(
            "Attempted to set {what} timeout to {seconds}, but the timeout cannot be set to a value less than or equal to 0."
        ))),
        None => Err(Error::usage(format!(
            "Bad value for {option}: {value}, expected a whole number of seconds"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_must_be_host_labels() {
        assert!(check_region("us-east-1").is_ok());
        assert!(check_region("bad region").is_err());
        assert!(check_region("-us").is_err());
        assert!(check_region("").is_err());
    }

    #[test]
    fn the_region_decides_the_endpoint_unless_one_is_configured() {
        let region = |region: Option<&str>, url: Option<&str>, regional: Option<&str>| {
            signing_region(region.map(String::from), url, regional).map_err(|e| e.exit_code())
        };
        let ok = |r: &str| Ok(r.to_string());
        assert_eq!(region(None, None, None), ok("aws-global"));
        assert_eq!(region(Some("eu-west-1"), None, None), ok("eu-west-1"));
        assert_eq!(
            region(Some("eu-west-1"), None, Some("legacy")),
            ok("aws-global")
        );
        assert_eq!(
            region(Some("ap-northeast-2"), None, Some("legacy")),
            ok("ap-northeast-2")
        );
        assert_eq!(
            region(
                Some("eu-west-1"),
                Some("http://127.0.0.1:1"),
                Some("legacy")
            ),
            ok("eu-west-1")
        );
        assert_eq!(region(None, Some("http://127.0.0.1:1"), None), Err(253));
        assert_eq!(region(Some("eu-west-1"), None, Some("bogus")), Err(253));
    }

    #[test]
    fn timeouts_default_to_sixty_seconds_and_zero_disables() {
        assert_eq!(
            timeout("--x", None).ok().flatten(),
            Some(Duration::from_secs(60))
        );
        assert_eq!(timeout("--x", Some("0")).ok().flatten(), None);
        assert_eq!(
            timeout("--x", Some("5")).ok().flatten(),
            Some(Duration::from_secs(5))
        );
        assert!(timeout("--x", Some("-1")).is_err());
        assert!(timeout("--x", Some("abc")).is_err());
    }

    #[test]
    fn attempts_follow_max_attempts_and_the_two_retry_modes() {
        assert_eq!(max_attempts(None, None).ok(), Some(3));
        assert_eq!(max_attempts(None, Some("adaptive")).ok(), Some(3));
        assert_eq!(
            max_attempts(Some("7".into()), Some("standard")).ok(),
            Some(7)
        );
        let failed = |value: Option<&str>, mode| {
            max_attempts(value.map(String::from), mode).map_err(|e| (e.exit_code(), e.message))
        };
        assert_eq!(
            failed(Some("0"), None),
            Err((255, "Value provided to \"max_attempts\": 0 must be an integer greater than or equal to one.".into()))
        );
        // v1's legacy mode is no more.
        assert_eq!(
            failed(None, Some("legacy")),
            Err((255, "Invalid value provided to \"mode\": \"legacy\" must be one of: \"standard\" or \"adaptive\"".into()))
        );
    }
}
