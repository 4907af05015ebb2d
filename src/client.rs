//! Sends one operation: the SDK client built on the run's configuration and credentials, one
//! typed call per operation, and the raw answer handed back for `response` to read (or the
//! failure in the AWS CLI's words).

use crate::credentials;
use crate::error::Result;
use crate::model::{OpId, Operation};
use crate::net::{self, Failure, Recorder};
use crate::settings::Settings;
use aws_sdk_sts::types::{PolicyDescriptorType, ProvidedContext, Tag};
use serde_json::{Map, Value};

/// The answer to a successful call: the raw XML body.
pub struct Answer {
    pub body: Vec<u8>,
}

/// Send `operation` with `params` and return the raw answer.
pub async fn call(
    operation: &Operation,
    params: &Map<String, Value>,
    settings: &Settings,
) -> Result<Answer> {
    let recorder = Recorder::default();
    let client = build_client(operation, settings, recorder.clone()).await?;
    let sent = send(&client, operation, params).await;
    let exchange = recorder.take();
    match sent {
        Ok(()) => Ok(Answer {
            body: exchange.body.unwrap_or_default(),
        }),
        Err(failure) => Err(net::describe(failure, operation, &exchange, settings)),
    }
}

async fn build_client(
    operation: &Operation,
    settings: &Settings,
    recorder: Recorder,
) -> Result<aws_sdk_sts::Client> {
    let shared = net::sdk_config(settings).await;
    let mut config = aws_sdk_sts::config::Builder::from(&shared)
        .interceptor(recorder)
        .retry_classifier(net::BotocoreRetries);
    if let Some(url) = &settings.endpoint_url {
        config = config.endpoint_url(url);
    }
    if settings.sign_requests && operation.is_signed() {
        config = config.credentials_provider(credentials::provider(settings, &shared).await?);
    } else {
        config = config.allow_no_auth();
    }
    Ok(aws_sdk_sts::Client::from_conf(config.build()))
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
    match operation.id {
        OpId::AssumeRole => client
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
        OpId::AssumeRoleWithSaml => client
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
        OpId::AssumeRoleWithWebIdentity => client
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
        OpId::AssumeRoot => client
            .assume_root()
            .set_target_principal(s("TargetPrincipal"))
            .set_task_policy_arn(p.get("TaskPolicyArn").map(policy_descriptor))
            .set_duration_seconds(n("DurationSeconds"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        OpId::DecodeAuthorizationMessage => client
            .decode_authorization_message()
            .set_encoded_message(s("EncodedMessage"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        OpId::GetAccessKeyInfo => client
            .get_access_key_info()
            .set_access_key_id(s("AccessKeyId"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        OpId::GetCallerIdentity => client
            .get_caller_identity()
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        OpId::GetDelegatedAccessToken => client
            .get_delegated_access_token()
            .set_trade_in_token(s("TradeInToken"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        OpId::GetFederationToken => client
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
        OpId::GetSessionToken => client
            .get_session_token()
            .set_duration_seconds(n("DurationSeconds"))
            .set_serial_number(s("SerialNumber"))
            .set_token_code(s("TokenCode"))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
        OpId::GetWebIdentityToken => client
            .get_web_identity_token()
            .set_audience(strings(p, "Audience"))
            .set_duration_seconds(n("DurationSeconds"))
            .set_signing_algorithm(s("SigningAlgorithm"))
            .set_tags(tags(p))
            .send()
            .await
            .map(drop)
            .map_err(Failure::from),
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
