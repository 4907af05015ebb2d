//! The long DESCRIPTION of each operation's help page: a few paragraphs on what the call is
//! for, which credentials it must be sent with, its limits, and how to use the result.
//!
//! Each paragraph is one string without line breaks; the help renderer wraps it.

use crate::model::OpId;

/// The paragraphs describing the operation.
pub fn description(operation: OpId) -> &'static [&'static str] {
    match operation {
        OpId::AssumeRole => ASSUME_ROLE,
        OpId::AssumeRoleWithSaml => ASSUME_ROLE_WITH_SAML,
        OpId::AssumeRoleWithWebIdentity => ASSUME_ROLE_WITH_WEB_IDENTITY,
        OpId::AssumeRoot => ASSUME_ROOT,
        OpId::DecodeAuthorizationMessage => DECODE_AUTHORIZATION_MESSAGE,
        OpId::GetAccessKeyInfo => GET_ACCESS_KEY_INFO,
        OpId::GetCallerIdentity => GET_CALLER_IDENTITY,
        OpId::GetDelegatedAccessToken => GET_DELEGATED_ACCESS_TOKEN,
        OpId::GetFederationToken => GET_FEDERATION_TOKEN,
        OpId::GetSessionToken => GET_SESSION_TOKEN,
        OpId::GetWebIdentityToken => GET_WEB_IDENTITY_TOKEN,
    }
}

/// For the operations that return credentials: the parameters of a typical call, which the
/// help shows inside a command that puts the credentials into the current shell.
pub fn credentials_example(operation: OpId) -> Option<&'static str> {
    Some(match operation {
        OpId::AssumeRole => "--role-arn ROLE_ARN --role-session-name NAME",
        OpId::AssumeRoleWithSaml => {
            "--role-arn ROLE_ARN --principal-arn PROVIDER_ARN --saml-assertion file://assertion.b64"
        }
        OpId::AssumeRoleWithWebIdentity => {
            "--role-arn ROLE_ARN --role-session-name NAME --web-identity-token file://token.jwt"
        }
        OpId::AssumeRoot => {
            "--region REGION --target-principal ACCOUNT_ID --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"
        }
        OpId::GetDelegatedAccessToken => "--trade-in-token \"$TRADE_IN_TOKEN\"",
        OpId::GetFederationToken => {
            "--name Bob --policy-arns arn=arn:aws:iam::aws:policy/ReadOnlyAccess"
        }
        OpId::GetSessionToken => {
            "--serial-number arn:aws:iam::123456789012:mfa/alice --token-code 123456"
        }
        OpId::DecodeAuthorizationMessage
        | OpId::GetAccessKeyInfo
        | OpId::GetCallerIdentity
        | OpId::GetWebIdentityToken => return None,
    })
}

const ASSUME_ROLE: &[&str] = &[
    "Switch to an IAM role: the call trades the credentials you are using for temporary \
     credentials of the role, in your own account or in another one. Use it to act with a \
     role's permissions for a task, to reach resources in another account, or to work with \
     less than your own rights. It succeeds only when the role's trust policy names you (your \
     account, user or role) as allowed to assume it, and for a role in another account your \
     own policies must also allow sts:AssumeRole on that role. The trust policy can add \
     conditions that you then meet with options: an external ID (--external-id), MFA \
     (--serial-number together with --token-code) or a source identity (--source-identity).",
    "It must be sent with valid AWS credentials, such as an IAM user's access keys or the \
     temporary credentials of another session. The new credentials last 3600 seconds unless \
     --duration-seconds says otherwise; any value from 900 up to the role's maximum session \
     duration (which an administrator sets between 1 and 12 hours) is accepted, and a larger \
     one makes the call fail rather than being shortened. When you call it with role session \
     credentials (role chaining) the new session is limited to one hour, and asking for more \
     than 3600 seconds fails. The credentials it returns cannot be used to call \
     get-session-token or get-federation-token.",
    "--policy and --policy-arns can only narrow the session: it may do what both the role's \
     policies and these session policies allow. --tags attaches session tags, and \
     --transitive-tag-keys marks those that should follow into roles assumed from this \
     session. Session policies and tags are compressed into a space of fixed size; \
     PackedPolicySize in the output says what percentage of it the request used, and the call \
     is refused beyond 100.",
    "Once its credentials are exported (as below), every further command, including another \
     assume-role, runs as the role; unset the three variables to return to your own \
     identity. To assume the role on every call instead, configure a profile with role_arn \
     and source_profile (and mfa_serial, external_id or duration_seconds as needed).",
];

const ASSUME_ROLE_WITH_SAML: &[&str] = &[
    "Exchange a SAML 2.0 assertion from your identity provider (IdP) for temporary \
     credentials of an IAM role. This is how people who sign in to a corporate directory get \
     AWS access without an IAM user of their own. It requires some setup: a SAML provider in \
     IAM that holds the IdP's metadata (its ARN is --principal-arn), an IdP configured to \
     send the attributes AWS expects, and a role whose trust policy trusts that SAML \
     provider. Roles created by IAM Identity Center (named AWSReservedSSO_...) cannot be \
     assumed this way.",
    "The request is sent unsigned, so no AWS credentials are needed or looked up: the \
     assertion itself, checked against the signing keys in the provider's metadata, proves \
     who the user is. Give the base64-encoded SAML response exactly as the IdP produced it; \
     it is long (up to 100,000 characters), so pass it from a file with --saml-assertion \
     file://assertion.b64.",
    "The session lasts 3600 seconds by default; --duration-seconds accepts 900 up to the \
     role's maximum session duration (1 to 12 hours), and the session never outlives the \
     SessionNotOnOrAfter time in the assertion. Session tags and a source identity can only \
     arrive as attributes of the assertion; --policy and --policy-arns can narrow the \
     session's permissions. The returned credentials cannot call get-session-token or \
     get-federation-token. In the output, Subject, Issuer and NameQualifier describe the \
     user, and NameQualifier together with Subject identifies that user uniquely.",
];

const ASSUME_ROLE_WITH_WEB_IDENTITY: &[&str] = &[
    "Exchange a token from an OpenID Connect (OIDC) identity provider, or an OAuth 2.0 access \
     token from Login with Amazon or Facebook, for temporary credentials of an IAM role. \
     Typical users are CI/CD pipelines and Kubernetes workloads that receive an OIDC token \
     from their platform, and web or mobile apps that sign users in elsewhere (for mobile \
     apps, Amazon Cognito is usually the easier route). The role's trust policy must trust \
     the provider, normally an OIDC identity provider registered in IAM, and should check the \
     token's audience and subject.",
    "The request is sent unsigned, so no AWS credentials are needed or looked up: the token \
     proves who the caller is. Pass it with --web-identity-token (4 to 20,000 characters; \
     file://token.jwt reads it from a file). The token must be signed with RS256, RS384, \
     RS512, ES256, ES384 or ES512. Give --provider-id only for OAuth 2.0 access tokens \
     (www.amazon.com or graph.facebook.com), never for OIDC ID tokens.",
    "The session lasts 3600 seconds by default; --duration-seconds accepts 900 up to the \
     role's maximum session duration (1 to 12 hours). Session tags and a source identity can \
     only arrive as claims in the token; --policy and --policy-arns can narrow the session's \
     permissions. The returned credentials cannot call get-session-token or \
     get-federation-token. SubjectFromWebIdentityToken, Provider and Audience in the output \
     repeat the token's subject, issuer and client ID.",
    "The tool can do this exchange itself on every call: set AWS_ROLE_ARN and \
     AWS_WEB_IDENTITY_TOKEN_FILE (or role_arn and web_identity_token_file in a profile).",
];

const ASSUME_ROOT: &[&str] = &[
    "Start a short privileged session as the root user of a member account in your AWS \
     Organizations organization, without that account needing root credentials of its own. \
     Use it for the few jobs that only root can do, each allowed by one task policy \
     (--task-policy-arn, an AWS managed policy under arn:aws:iam::aws:policy/root-task/): \
     IAMAuditRootUserCredentials to review the account's root credentials, \
     IAMCreateRootUserPassword to allow password recovery for root, \
     IAMDeleteRootUserCredentials to remove them, and S3UnlockBucketPolicy or \
     SQSUnlockQueuePolicy to delete a bucket or queue policy that locks everyone out.",
    "Call it with credentials from the organization's management account or from an account \
     that is a delegated administrator for IAM; root user credentials are refused. \
     Centralized root access for member accounts must be enabled in the organization first. \
     The global STS endpoint does not accept this call: set a region (--region, AWS_REGION \
     or the profile) and leave sts_regional_endpoints at its default (regional) so that the \
     request goes to that region's endpoint.",
    "--target-principal names the member account, by its account ID or a principal ARN in \
     it. The session lasts 900 seconds (15 minutes), which is both the default and the \
     maximum; --duration-seconds can only shorten it. Actions taken in the session are \
     recorded in CloudTrail. Do the task, then unset the credentials.",
];

const DECODE_AUTHORIZATION_MESSAGE: &[&str] = &[
    "Some AWS services, notably EC2, answer a refused request with an encoded authorization \
     failure message instead of saying why. This command turns that message into readable \
     JSON: whether an explicit deny or the lack of any allow caused the refusal, the \
     principal that made the request, the action and resource it asked for, and the values \
     of the condition keys the decision was based on.",
    "The message is encoded because it can reveal more than the refused caller should see, \
     so decoding needs a permission of its own: the credentials you call with must be \
     allowed sts:DecodeAuthorizationMessage.",
    "Pass the whole message, quoted, as --encoded-message (at most 10,240 characters). \
     DecodedMessage holds the JSON as a string, so to read it pretty-printed run: sts \
     decode-authorization-message --encoded-message \"$msg\" --query DecodedMessage --output \
     text | jq . (or python3 -m json.tool instead of jq).",
];

const GET_ACCESS_KEY_INFO: &[&str] = &[
    "Find out which AWS account an access key ID belongs to, for example a key found in a \
     log, a configuration file or a leaked secret. Only the key ID is sent, never the secret. \
     IDs starting with AKIA are long-term keys of an IAM user or a root user; IDs starting \
     with ASIA are temporary credentials issued by STS.",
    "The call is signed with your own credentials, and the key may belong to any account. \
     The answer is only the account ID: it does not say whether the key is active, inactive \
     or deleted (a deleted key may give an error saying it does not exist), nor who owns it. \
     Inside your own account, IAM's credential report tells which user has an AKIA key, and \
     the STS events in CloudTrail tell who obtained an ASIA key.",
    "Tip: sts get-access-key-info --access-key-id AKIAIOSFODNN7EXAMPLE --query Account \
     --output text prints just the account ID.",
];

const GET_CALLER_IDENTITY: &[&str] = &[
    "Show whom the tool is acting as: the account ID, the unique ID and the ARN of the \
     identity whose credentials sign the request. It is the quickest way to check which \
     profile, environment variables or role session are in effect, and whether the \
     credentials work at all.",
    "It needs valid credentials but no permission; even a policy that explicitly denies \
     sts:GetCallerIdentity cannot block it. The ARN shows the kind of identity: \
     arn:aws:iam::ACCOUNT:user/NAME for an IAM user, \
     arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION for a role session, \
     arn:aws:sts::ACCOUNT:federated-user/NAME for a get-federation-token session, and \
     arn:aws:iam::ACCOUNT:root for the root user. For a role session, UserId is the role's \
     unique ID and the session name joined by a colon.",
    "Tip: account=$(sts get-caller-identity --query Account --output text) captures the \
     account ID in a script; the command exits with a non-zero status when no usable \
     credentials are found, which makes it a simple credentials check.",
];

const GET_DELEGATED_ACCESS_TOKEN: &[&str] = &[
    "Redeem a trade-in token for temporary AWS credentials that carry the permissions of the \
     principal the token delegates access to. This command only performs the exchange of a \
     token you already hold; nothing here creates one.",
    "The token (--trade-in-token) is a secret and must still be valid when the request \
     arrives; an expired one fails with ExpiredTradeInTokenException and has to be replaced. \
     The request is signed like other STS calls, so the tool needs credentials of its own to \
     send it. It can also fail with RegionDisabledException when STS is not activated for \
     the account in the region, or with PackedPolicyTooLargeException when the session's \
     policies are too large. No option sets the duration: read Credentials.Expiration to \
     learn when the credentials stop working.",
    "The output holds the credentials, AssumedPrincipal (the ARN of the identity whose \
     permissions they carry) and PackedPolicySize (the percentage of the allowed policy size \
     the session uses).",
];

const GET_FEDERATION_TOKEN: &[&str] = &[
    "Issue temporary credentials for a federated user: a named session that an IAM user \
     creates on behalf of someone who has no IAM identity. The classic caller is an identity \
     broker or proxy on a server, which signs people in against its own user store and hands \
     each of them scoped-down AWS access. For new designs, roles (assume-role, or SAML and \
     web identity federation) are usually the better fit.",
    "Call it with the long-term access keys of an IAM user; temporary credentials such as a \
     role session cannot call it (root user keys work but are discouraged). The session may \
     do only what both the user's policies and the session policies passed with --policy or \
     --policy-arns allow, so pass at least one: without a session policy the session has no \
     permissions, apart from what resource-based policies grant to the federated user by \
     name.",
    "--duration-seconds accepts 900 to 129,600 seconds (36 hours) and defaults to 43,200 (12 \
     hours); with root user keys the session lasts at most 3,600 seconds. The credentials \
     cannot call IAM through the API or the CLI, nor any STS operation except \
     get-caller-identity, but they can be used to build a console sign-in URL.",
];

const GET_SESSION_TOKEN: &[&str] = &[
    "Get temporary credentials for the IAM user whose keys you call with, usually to satisfy \
     policies that require MFA: give --serial-number (the MFA device's ARN or serial number) \
     and --token-code (the six-digit code it shows), and the credentials count as \
     MFA-authenticated for their whole lifetime. It is also a way to use short-lived keys on \
     a machine you would rather not trust with long-term ones.",
    "Call it with long-term credentials: an IAM user's access keys (or the root user's, which \
     is discouraged); temporary credentials cannot call it. No permission is needed and none \
     can deny it. Without MFA it still works, but the credentials then do not count as \
     MFA-authenticated; a wrong or expired code is refused with an access-denied error.",
    "--duration-seconds accepts 900 to 129,600 seconds (36 hours) for an IAM user, default \
     43,200 (12 hours); for the root user 900 to 3,600, default 3,600. The credentials have \
     the user's own permissions, except that they cannot call IAM unless MFA information was \
     given, and of STS only assume-role and get-caller-identity. To get fresh ones once they \
     are exported (as below), unset the three variables first so that the call is made with \
     your long-term keys again.",
];

const GET_WEB_IDENTITY_TOKEN: &[&str] = &[
    "Get a JSON Web Token (JWT), signed by STS, that vouches for the identity you are calling \
     as, so that a service outside AWS that supports OpenID Connect discovery can accept that \
     identity without shared secrets: it checks the signature against the public keys \
     published at the issuer's JWKS endpoint. This is outbound identity federation, the \
     opposite direction of assume-role-with-web-identity.",
    "The request is signed with your current credentials, and the token describes that \
     identity. The feature must first be enabled for the account; otherwise the call fails \
     with OutboundWebIdentityFederationDisabledException. --audience lists one to ten \
     intended recipients, which go into the token's aud claim and which the receiving \
     service should check; --signing-algorithm is RS256 (RSA with SHA-256) or ES384 (ECDSA \
     on the P-384 curve with SHA-384).",
    "The token is valid for 300 seconds unless --duration-seconds asks for 60 to 3,600; it \
     is meant to be presented at once and exchanged for the other service's own credentials. \
     When you call with temporary credentials, the token cannot outlive your session \
     (SessionDurationEscalationException). --tags adds up to 50 key-value pairs as custom \
     claims; a payload that grows too large fails with JWTPayloadSizeExceededException.",
    "Tip: token=$(sts get-web-identity-token --audience https://api.example.com \
     --signing-algorithm RS256 --query WebIdentityToken --output text) captures only the \
     token. It is a bearer credential: anyone holding it can use it until it expires, so keep \
     it out of logs and command histories.",
];

/// The paragraphs describing an sts-only command.
pub fn workflow_description(name: &str) -> &'static [&'static str] {
    match name {
        "export-credentials" => EXPORT_CREDENTIALS,
        "console" => CONSOLE,
        "exec" => EXEC,
        "explain-denial" => EXPLAIN_DENIAL,
        "logout" => LOGOUT,
        _ => &[],
    }
}

/// The examples of an sts-only command: what each does, and its lines.
pub fn workflow_examples(name: &str) -> &'static [(&'static str, &'static [&'static str])] {
    match name {
        "export-credentials" => EXPORT_CREDENTIALS_EXAMPLES,
        "console" => CONSOLE_EXAMPLES,
        "exec" => EXEC_EXAMPLES,
        "explain-denial" => EXPLAIN_DENIAL_EXAMPLES,
        "logout" => LOGOUT_EXAMPLES,
        _ => &[],
    }
}

const EXPORT_CREDENTIALS: &[&str] = &[
    "Finds the credentials of the selected profile (--profile, else AWS_PROFILE, else default) as a call would find them: keys in the environment or the profile, a role assumed and cached, a credential_process, SSO, a web identity token. It prints them in the chosen format, byte for byte as `aws configure export-credentials` of the AWS CLI v2 does. Credentials that have already expired are refused.",
    "process, the default, is the JSON a credential_process prints: Version 1, the key pair, then SessionToken and Expiration when the credentials have them. env prints `export` lines for bash and zsh, env-no-export the same assignments without `export`, fish `set -gx` lines, powershell `$Env:` assignments and windows-cmd `set` lines.",
    "A profile with long-term keys and mfa_serial exports an MFA session instead of the keys. The code, typed on the terminal or printed by the profile's mfa_process command, buys a GetSessionToken session of the profile's duration_seconds (12 hours when unset; STS allows 900 to 129600). The session is kept in sts's own cache ($XDG_CACHE_HOME/sts/sessions, else ~/.cache/sts/sessions) and reused until 15 minutes before it ends. A role profile with mfa_serial over such keys assumes its role with that session, so any number of roles over one source cost one code per session; a role assumed from another role lasts an hour at most. `sts logout` forgets the session.",
    "A credential_process may run export-credentials again, of sts or of the AWS CLI: the profiles passed are noted in _AWS_CLI_PROFILE_CHAIN, and a chain deeper than four profiles, or one that comes back to a profile, is an error. --query and --output are accepted and ignored.",
];

const EXPORT_CREDENTIALS_EXAMPLES: &[(&str, &[&str])] = &[
    (
        "Put the default profile's credentials into the current shell (bash or zsh):",
        &["eval \"$(sts export-credentials --format env)\""],
    ),
    (
        "The same in fish, for the profile work:",
        &["sts export-credentials --profile work --format fish | source"],
    ),
    (
        "Let any SDK or tool get the credentials of work from sts (in ~/.aws/config):",
        &[
            "[profile via-sts]",
            "credential_process = sts export-credentials --profile work",
        ],
    ),
];

const EXEC: &[&str] = &[
    "Finds the credentials of the selected profile as export-credentials does (a role chain through the caches, one MFA prompt for a session), then runs COMMAND with them: directly, not through a shell, or $SHELL when no command is given. The command inherits the environment without the variables that would make it pick other credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_SECURITY_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_ACCOUNT_ID, AWS_PROFILE, AWS_DEFAULT_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME, the AWS_CONTAINER_* variables and AWS_CREDENTIAL_FILE), plus AWS_REGION and AWS_DEFAULT_REGION when a region is configured, and STS_EXEC_PROFILE naming the profile. An sts exec started where STS_EXEC_PROFILE is set refuses to run.",
    "By default the credentials are in the command's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION): every tool reads them, and they last as long as the role session or the MFA session does. With --server they are served instead on 127.0.0.1, on a free port, by the container credentials protocol that every AWS SDK and the AWS CLI read (AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN, a random token for this run). The server renews them 15 minutes before they end (or at half their life, when shorter), through the MFA session where there is one, so a long job never holds expired credentials; it stops when the command exits. Long-term keys are served as a GetSessionToken session of their own, since the protocol carries temporary credentials only. In server mode the command is shown no credentials file when its [default] profile has keys (AWS_SHARED_CREDENTIALS_FILE=/dev/null), and no config file, with a warning, when the config's [default] profile has credentials settings, because the SDKs read those before the container endpoint.",
    "--duration-seconds sets how long the credentials last: the selected role's session, the MFA session of a profile with keys and mfa_serial, or the session bought for long-term keys (which it asks for in either mode). It is at least 900; STS sets the maximum.",
    "Without --server, sts becomes the command once the credentials are found (execve): the command's signals, terminal and exit status are its own, and nothing of sts stays running. With --server, sts stays beside the command to serve it and exits with its status (128 plus the signal's number when a signal ended it, as a shell reports it); SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 sent to sts are passed on to the command and sts waits for it, while a Ctrl-C typed on the terminal reaches the command directly and is not passed on twice. A command that cannot be found exits 127, one that cannot be run 126.",
];

const EXEC_EXAMPLES: &[(&str, &[&str])] = &[
    (
        "Run terraform with the credentials of the profile prod:",
        &["sts exec --profile prod -- terraform apply"],
    ),
    (
        "A long job whose credentials are renewed while it runs:",
        &["sts exec --profile prod --server -- ./migrate-data.sh"],
    ),
    (
        "A shell with two-hour credentials (its prompt can show $STS_EXEC_PROFILE):",
        &["sts exec --profile prod --duration-seconds 7200"],
    ),
];

const CONSOLE: &[&str] = &[
    "Finds the profile's credentials as exec does (role chains, the caches, one MFA prompt for a session) and asks the federation endpoint of the profile's partition (https://signin.aws.amazon.com/federation, or that of aws-cn or aws-us-gov for a cn- or us-gov- region) for a sign-in token, then opens the sign-in URL in the browser ($BROWSER, else the desktop's opener). Where no browser can be opened (no display and no BROWSER, over SSH, in CI) the URL is printed on stdout with a note on stderr; --print always prints it. The URL signs anyone in who has it, so it is never logged, even with --debug. STS_FEDERATION_ENDPOINT sets another federation endpoint (for tests and private partitions).",
    "The endpoint takes temporary credentials of a role or of a federation token. Long-term keys are first exchanged for a federation token (GetFederationToken, named after the keys' IAM user, with a policy that allows everything, so the console can do what the user can); MFA session credentials are refused by the endpoint, so a profile that would give them is an error that says what to use instead.",
    "--destination is a console URL, or a service's short name (s3, ec2, iam, ...) for https://console.aws.amazon.com/SERVICE/home?region=REGION; the console home by default. --duration-seconds sets how long the credentials last (the role's session or the federation token) and, for a role assumed directly, also the console session (SessionDuration; a chained role's console session lasts as long as its credentials).",
];

const CONSOLE_EXAMPLES: &[(&str, &[&str])] = &[
    (
        "Open the console of the profile prod on the S3 page:",
        &["sts console --profile prod --destination s3"],
    ),
    (
        "Print the sign-in URL, to open in another browser profile:",
        &["sts console --profile prod --print"],
    ),
];

const EXPLAIN_DENIAL: &[&str] = &[
    "Takes the encoded message of an access denial (the text after \"Encoded authorization failure message:\"), given as the argument, or a whole pasted error text that holds it, or read from standard input when the argument is - or missing. It calls DecodeAuthorizationMessage with the profile's credentials (which need sts:DecodeAuthorizationMessage) and tells what the decoded document says: allowed or denied, by an explicit deny or for want of an allowing statement; the principal, the action and the resource; each matched statement with its Sid, its effect, its principals, its actions and resources (those that match the request marked), and its conditions beside the request's values for the same keys; the request's condition keys and values; and a one-line hint for the common cases (a deny from a permissions boundary, a resource policy or a service control policy; a missing allow; a condition that did not match).",
    "With --output (json, yaml, yaml-stream, text or table) or --query, the decoded document itself is printed in that format, as a document rather than a string, so that --query reaches into it (--query context.action). An error of STS is reported as decode-authorization-message reports it, with the same exit code.",
];

const EXPLAIN_DENIAL_EXAMPLES: &[(&str, &[&str])] = &[
    (
        "Explain the denial in an error a tool printed (pasted whole, or its encoded part):",
        &[
            "sts explain-denial 'You are not authorized to perform this operation. Encoded authorization failure message: AbC...'",
        ],
    ),
    (
        "Read it from a log and print the request's action only:",
        &[
            "grep -o 'Encoded authorization failure message: [^ ]*' tf.log | sts explain-denial - --query context.action --output text",
        ],
    ),
];

const LOGOUT: &[&str] = &[
    "Removes what is cached for the profile: its MFA session (for a role profile, the session of the profile that holds its keys) with the role credentials had through that session, from sts's own cache, and the AWS CLI's entries (~/.aws/cli/cache) of the profile's roles. The next command that needs them asks for a new MFA code or assumes the role again.",
    "--all removes the entries of every profile. How many entries were removed is said on stderr. Nothing is sent to AWS: credentials already issued stay valid until they expire.",
];

const LOGOUT_EXAMPLES: &[(&str, &[&str])] = &[(
    "Start a fresh MFA session for the profile work:",
    &[
        "sts logout --profile work",
        "sts export-credentials --profile work --format env",
    ],
)];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OPERATIONS, Shape};

    #[test]
    fn every_operation_has_two_to_four_paragraphs() {
        for op in OPERATIONS {
            let paragraphs = description(op.id);
            assert!(
                (2..=4).contains(&paragraphs.len()),
                "{} has {} paragraphs",
                op.cli_name,
                paragraphs.len()
            );
            for paragraph in paragraphs {
                assert!(
                    !paragraph.trim().is_empty(),
                    "{}: empty paragraph",
                    op.cli_name
                );
                assert!(
                    !paragraph.contains('\n'),
                    "{}: paragraphs are wrapped by the renderer",
                    op.cli_name
                );
            }
        }
    }

    #[test]
    fn every_operation_returning_credentials_has_a_credentials_example() {
        for op in OPERATIONS {
            let returns_credentials = op.output.iter().any(|member| {
                member.name == "Credentials" && matches!(member.shape, Shape::Structure(_))
            });
            assert_eq!(
                credentials_example(op.id).is_some(),
                returns_credentials,
                "{}",
                op.cli_name
            );
        }
    }
}
