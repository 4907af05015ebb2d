//! `sts console`: the profile's credentials turned into an AWS Management Console sign-in URL
//! through the federation endpoint (`getSigninToken`, then `Action=login`), opened in the
//! browser or printed. Long-term keys first become a federation token (GetFederationToken),
//! since the endpoint takes temporary credentials only. The URL is a credential: it is never
//! logged.

use super::parse_duration;
use crate::cli::Globals;
use crate::config;
use crate::credentials::{self, Wanted};
use crate::error::{Error, Kind, Presentation, Result};
use crate::log;
use crate::net;
use crate::pager::Printed;
use crate::settings::{self, Needs, Settings};
use aws_credential_types::Credentials;

/// Where the federation endpoint is, for tests and private partitions.
const ENDPOINT_VARIABLE: &str = "STS_FEDERATION_ENDPOINT";

/// What `sts console` was asked, as typed.
pub struct Request {
    pub destination: Option<String>,
    pub duration_seconds: Option<String>,
    pub print: bool,
}

/// The hosts of a partition: its federation endpoint and its console.
struct Partition {
    signin: &'static str,
    console: &'static str,
}

fn partition(region: Option<&str>) -> Partition {
    match region {
        Some(region) if region.starts_with("cn-") => Partition {
            signin: "https://signin.amazonaws.cn/federation",
            console: "console.amazonaws.cn",
        },
        Some(region) if region.starts_with("us-gov-") => Partition {
            signin: "https://signin.amazonaws-us-gov.com/federation",
            console: "console.amazonaws-us-gov.com",
        },
        _ => Partition {
            signin: "https://signin.aws.amazon.com/federation",
            console: "console.aws.amazon.com",
        },
    }
}

pub async fn run(globals: &Globals, request: Request) -> Result<Printed> {
    if globals.debug {
        log::enable_debug();
    }
    let duration = request
        .duration_seconds
        .as_deref()
        .map(parse_duration)
        .transpose()?;
    let settings = settings::resolve_for(globals, Needs::Credentials).await?;
    let profile = settings.profile_name.as_deref().unwrap_or("default");
    refuse_an_mfa_session(&settings, profile)?;
    let base = net::workflow_config(&settings);
    let wanted = Wanted {
        duration_seconds: duration,
        session_for_keys: false,
    };
    let found = credentials::for_workflow(&settings, &base, wanted, |err| err).await?;
    let (signing_in, session_duration) = if found.session_token().is_none() {
        log::debug!("console: long-term keys, asking for a federation token");
        let token = credentials::federation_token(&settings, &base, &found, duration).await?;
        // A federation token's console session lasts as long as the token.
        (token, None)
    } else {
        // SessionDuration is for a role assumed directly; a chained role refuses it.
        let single_role = credentials::role_chain_length(&settings, profile) == Some(1);
        (found, duration.filter(|_| single_role))
    };
    let region = settings.configured_region.as_deref();
    let partition = partition(region);
    let endpoint = config::env_var(ENDPOINT_VARIABLE).unwrap_or_else(|| partition.signin.into());
    let token = signin_token(&settings, &endpoint, &signing_in, session_duration).await?;
    let destination = destination(request.destination.as_deref(), region, partition.console);
    let url = format!(
        "{endpoint}?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("Action", "login")
            .append_pair("Issuer", "sts")
            .append_pair("Destination", &destination)
            .append_pair("SigninToken", &token)
            .finish()
    );
    if request.print {
        return Ok(Printed::plain(format!("{url}\n")));
    }
    match open(&url) {
        Ok(()) => {
            log::debug!("console: the sign-in URL was handed to the browser");
            Ok(Printed::plain(String::new()))
        }
        Err(why) => {
            log::write(format_args!(
                "{why}; open this sign-in URL (a credential: keep it to yourself):"
            ));
            Ok(Printed::plain(format!("{url}\n")))
        }
    }
}

/// GetSessionToken credentials (an MFA session of keys) cannot sign in to the console.
fn refuse_an_mfa_session(settings: &Settings, profile: &str) -> Result<()> {
    let Some(found) = settings.profiles.get_profile(profile) else {
        return Ok(());
    };
    let keys_with_mfa = found.get("mfa_serial").is_some()
        && found.get("role_arn").is_none()
        && found.get("aws_access_key_id").is_some();
    // Keys in the environment come first unless --profile named the profile (as in botocore).
    let keys_in_environment =
        !settings.profile_from_flag && config::env_var("AWS_ACCESS_KEY_ID").is_some();
    if keys_with_mfa && !keys_in_environment {
        return Err(Error::config(format!(
            "The console does not take the MFA session credentials (GetSessionToken) that \
             profile {profile} gives. Sign in through a role profile over it (role_arn with \
             source_profile = {profile} and mfa_serial), or with its keys through a profile \
             without mfa_serial, which sts turns into a federation token."
        )));
    }
    Ok(())
}

/// `--destination`: a console URL as it is, or a service's short name; else the console home.
fn destination(given: Option<&str>, region: Option<&str>, console: &str) -> String {
    let query = region.map(|r| format!("?region={r}")).unwrap_or_default();
    match given {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => url.to_string(),
        Some(service) => {
            let service = service.trim_matches('/');
            format!("https://{console}/{service}/home{query}")
        }
        None => format!("https://{console}/console/home{query}"),
    }
}

/// The federation endpoint's sign-in token for `credentials`.
async fn signin_token(
    settings: &Settings,
    endpoint: &str,
    credentials: &Credentials,
    session_duration: Option<i64>,
) -> Result<String> {
    let session = serde_json::json!({
        "sessionId": credentials.access_key_id(),
        "sessionKey": credentials.secret_access_key(),
        "sessionToken": credentials.session_token().unwrap_or_default(),
    });
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("Action", "getSigninToken");
    if let Some(seconds) = session_duration {
        query.append_pair("SessionDuration", &seconds.to_string());
    }
    query.append_pair("Session", &session.to_string());
    let url = format!("{endpoint}?{}", query.finish());
    log::debug!("console: getSigninToken at {endpoint}");
    let (status, body) = net::get(settings, &url).await.map_err(|why| {
        Error::other(format!(
            "Could not reach the federation endpoint {endpoint}: {why}"
        ))
    })?;
    log::debug!("console: the federation endpoint answered HTTP {status}");
    let token = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|answer| answer.get("SigninToken")?.as_str().map(str::to_string));
    match token {
        Some(token) if status == 200 => Ok(token),
        _ => Err(refused(status, &body)),
    }
}

/// The endpoint's refusal, in its words where it gave some (254, as a service error).
fn refused(status: u16, body: &[u8]) -> Error {
    let text = String::from_utf8_lossy(body);
    // An HTML page says little; its title or the first words are enough.
    let words: String = text
        .split(['<', '>'])
        .enumerate()
        .filter(|(index, _)| index % 2 == 0)
        .map(|(_, piece)| piece.trim())
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let words: String = words.chars().take(200).collect();
    let reason = if words.is_empty() {
        String::new()
    } else {
        format!(": {words}")
    };
    let advice = if status == 400 {
        " (it takes the temporary credentials of a role or a federation token, and \
         --duration-seconds only for a role assumed directly)"
    } else {
        ""
    };
    Error::new(
        Kind::Service,
        Presentation::Plain,
        format!("The federation endpoint refused to sign in (HTTP {status}){reason}{advice}"),
    )
}

/// Hand `url` to the browser: `$BROWSER`, else the desktop's opener; not tried where there is
/// no display to show one on.
fn open(url: &str) -> std::result::Result<(), String> {
    let has_browser = std::env::var_os("BROWSER").is_some_and(|b| !b.is_empty());
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if cfg!(target_os = "linux") && !has_browser && !has_display {
        return Err("no browser to open here (no display, and BROWSER is not set)".into());
    }
    webbrowser::open(url).map_err(|err| format!("the browser could not be opened ({err})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_follow_the_partition() {
        let aws = partition(Some("eu-west-1")).console;
        assert_eq!(
            destination(None, Some("eu-west-1"), aws),
            "https://console.aws.amazon.com/console/home?region=eu-west-1"
        );
        assert_eq!(
            destination(Some("s3"), Some("eu-west-1"), aws),
            "https://console.aws.amazon.com/s3/home?region=eu-west-1"
        );
        let given = "https://console.aws.amazon.com/ec2/v2/home#Instances";
        assert_eq!(destination(Some(given), None, aws), given);
        assert_eq!(
            destination(None, None, partition(Some("cn-north-1")).console),
            "https://console.amazonaws.cn/console/home"
        );
        assert_eq!(
            partition(Some("us-gov-west-1")).signin,
            "https://signin.amazonaws-us-gov.com/federation"
        );
    }

    #[test]
    fn a_refusal_says_what_the_endpoint_said() {
        let error = refused(
            400,
            b"<html><title>Bad Request</title><body>Invalid credentials parameter</body></html>",
        );
        assert_eq!(error.exit_code(), 254);
        assert!(error.message.starts_with(
            "The federation endpoint refused to sign in (HTTP 400): Bad Request Invalid credentials parameter ("
        ));
    }
}
