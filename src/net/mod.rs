//! Every byte that leaves the machine: the one HTTP transport of a run, the SDK configuration
//! every STS client and credential provider is built on, the recorder of each exchange, and
//! the wording of failures.

mod failure;
mod recorder;
mod retry;
mod transport;

pub use failure::{Failure, credentials_failure, describe};
pub use recorder::{Exchange, Recorder};
pub use retry::BotocoreRetries;
pub use transport::get;

use crate::settings::Settings;
use aws_config::retry::RetryConfig;
use aws_config::stalled_stream_protection::StalledStreamProtectionConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, SdkConfig};
use aws_types::region::Region;

/// The SDK configuration of this run: region, the one transport, timeouts and retries. It
/// carries no credentials: `credentials` chooses them, on this same configuration.
pub async fn sdk_config(settings: &Settings) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .http_client(transport::http_client(settings))
        .timeout_config(timeouts(settings))
        .retry_config(RetryConfig::standard().with_max_attempts(settings.max_attempts))
        .profile_files(settings.sdk_files.clone())
        // The transport's read timeout watches every byte; the SDK's guard against stalled
        // answers would end a slow but steady one, and word it as unreadable XML.
        .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
        .no_credentials();
    if let Some(profile) = &settings.profile_name {
        loader = loader.profile_name(profile);
    }
    loader.load().await
}

/// The configuration of the sts-only commands, whose calls (AssumeRole, GetSessionToken, the
/// providers of a chain's source) use only its transport, clock, timeouts and retries: set
/// directly, without aws-config's loader, which reads the config files a second time to
/// find what these calls never use (FIPS and dual-stack endpoints, an app name, per-service
/// settings). On a warm cache it was a quarter of the run's own work, and nothing is sent.
pub fn workflow_config(settings: &Settings) -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .http_client(transport::http_client(settings))
        .sleep_impl(aws_smithy_async::rt::sleep::TokioSleep::new())
        .time_source(aws_smithy_async::time::SystemTimeSource::new())
        .timeout_config(timeouts(settings))
        .retry_config(RetryConfig::standard().with_max_attempts(settings.max_attempts))
        .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
        .build()
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
