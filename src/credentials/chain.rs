//! The credential sources for a profile that is neither a role nor a web identity, in
//! botocore's order: keys in the environment (unless `--profile` named the profile: botocore
//! drops them then, AWS_PROFILE does not), web identity from the environment, the profile
//! (SSO, credential_process, keys), the container, then EC2 instance metadata. aws-config's
//! default chain asks the profile before web identity, which differs when both are configured.

use crate::settings::Settings;
use aws_config::ecs::EcsCredentialsProvider;
use aws_config::environment::credentials::EnvironmentVariableCredentialsProvider;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;

pub fn botocore_order(settings: &Settings, config: &ProviderConfig) -> CredentialsProviderChain {
    let web_identity = WebIdentityTokenCredentialsProvider::builder()
        .configure(config)
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
    let mut profile = ProfileFileCredentialsProvider::builder()
        .configure(config)
        .profile_files(settings.sdk_files.clone());
    if let Some(name) = &settings.profile_name {
        profile = profile.profile_name(name);
    }
    chain
        .or_else("Profile", profile.build())
        .or_else(
            "EcsContainer",
            EcsCredentialsProvider::builder().configure(config).build(),
        )
        .or_else(
            "Ec2InstanceMetadata",
            ImdsCredentialsProvider::builder().configure(config).build(),
        )
}
