//! `sts exec`: run a command with the selected profile's credentials, either in its
//! environment (the default) or served on 127.0.0.1 by the container credentials protocol and
//! refreshed for as long as it runs (`--server`).
//!
//! The credentials are found before the command starts, as `export-credentials` finds them
//! (role chains, the caches, one MFA prompt for a session), so a prompt never interleaves with
//! the command's own output. Without a server `sts` then becomes the command (execve): no
//! process stays between it and its signals, terminal and exit status. `child` starts the
//! command; `server` serves it, with `sts` waiting beside it.

mod child;
mod server;

use super::parse_duration;
use crate::cli::Globals;
use crate::config;
use crate::credentials::{self, Wanted};
use crate::error::{Error, Result};
use crate::log;
use crate::net;
use crate::pager::Printed;
use crate::settings::{self, Needs, Settings};
use aws_config::SdkConfig;
use aws_credential_types::Credentials;
use child::Environment;

/// Set in the command's environment to the profile's name: a prompt can show it, and a
/// nested `sts exec` refuses to run, as aws-vault refuses.
const MARKER: &str = "STS_EXEC_PROFILE";

/// What `sts exec` was asked, as typed.
pub struct Request {
    pub duration_seconds: Option<String>,
    pub server: bool,
    pub command: Vec<String>,
}

pub async fn run(globals: &Globals, request: Request) -> Result<Printed> {
    if globals.debug {
        log::enable_debug();
    }
    if let Some(profile) = config::env_var(MARKER) {
        return Err(Error::config(format!(
            "sts exec is already running here with the credentials of profile {profile} \
             ({MARKER} is set). Leave that shell first, or unset {MARKER} to nest on purpose."
        )));
    }
    let duration_seconds = request
        .duration_seconds
        .as_deref()
        .map(parse_duration)
        .transpose()?;
    let settings = settings::resolve_for(globals, Needs::Credentials).await?;
    let profile = settings
        .profile_name
        .clone()
        .unwrap_or_else(|| "default".to_string());
    let source = Source {
        base: net::workflow_config(&settings),
        settings,
        wanted: Wanted {
            duration_seconds,
            // The container protocol has no place for long-term keys: they have no token.
            session_for_keys: request.server,
        },
    };
    let credentials = source.credentials().await?;
    let mut environment = Environment::of_caller();
    environment.set(MARKER, &profile);
    if let Some(region) = &source.settings.configured_region {
        environment.set("AWS_REGION", region);
        environment.set("AWS_DEFAULT_REGION", region);
    }
    if !request.server {
        environment.set_credentials(&credentials);
        return Err(child::replace_with(&request.command, environment));
    }
    // The server's connections are tasks of this thread, beside the wait for the command.
    let local = tokio::task::LocalSet::new();
    let serving = async {
        let served = server::start(source, credentials).await?;
        environment.set_server(&served.url, &served.token);
        environment.hide_shared_files(served.source().settings.profiles);
        let status = child::run(&request.command, environment).await;
        served.stop();
        status
    };
    local.run_until(serving).await
}

/// Where the credentials come from, again whenever the server refreshes them.
pub struct Source {
    pub settings: Settings,
    pub base: SdkConfig,
    pub wanted: Wanted,
}

impl Source {
    pub async fn credentials(&self) -> Result<Credentials> {
        credentials::for_workflow(&self.settings, &self.base, self.wanted, |err| err).await
    }
}
