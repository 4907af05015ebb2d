//! Integration tests: the built `sts` binary run as a user would, against servers on 127.0.0.1.

#[path = "../support/mod.rs"]
mod support;

mod assets;
mod catalogue;
mod console;
mod credentials;
mod denials;
mod differential;
mod endpoints;
mod errors;
mod exec;
mod export;
mod faults;
mod help;
mod layout;
mod load;
mod moto;
mod output;
mod pager;
mod prompt;
mod requests;
mod seeds;
mod sessions;
mod settings;
mod transport;

/// The sts-only commands, each with its help page and man page.
pub const WORKFLOW_NAMES: [&str; 5] = [
    "console",
    "export-credentials",
    "exec",
    "explain-denial",
    "logout",
];

/// Every operation with the parameters its example needs, by CLI name.
pub const OPERATION_CASES: &[(&str, &[&str])] = &[
    (
        "assume-role",
        &[
            "--role-arn",
            "arn:aws:iam::123456789012:role/xaccounts3access",
            "--role-session-name",
            "s3-access-example",
        ],
    ),
    (
        "assume-role-with-saml",
        &[
            "--role-arn",
            "arn:aws:iam::123456789012:role/TestSaml",
            "--principal-arn",
            "arn:aws:iam::123456789012:saml-provider/SAML-test",
            "--saml-assertion",
            "PHNhbWxwOlJlc3BvbnNlIFhNTE5TOnNhbWxwPSJ1cm46b2FzaXM",
        ],
    ),
    (
        "assume-role-with-web-identity",
        &[
            "--role-arn",
            "arn:aws:iam::123456789012:role/FederatedWebIdentityRole",
            "--role-session-name",
            "app1",
            "--web-identity-token",
            "Atza%7CIQEBLjAsAhRFiXuWpUXuRvQ9PZL3GMFcYevydwIUFAHZwXZXX",
            "--provider-id",
            "www.amazon.com",
        ],
    ),
    (
        "assume-root",
        &[
            "--target-principal",
            "111122223333",
            "--task-policy-arn",
            "arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials",
        ],
    ),
    (
        "decode-authorization-message",
        &["--encoded-message", "EXAMPLE-ENCODED-MESSAGE"],
    ),
    (
        "get-access-key-info",
        &["--access-key-id", "AKIAIOSFODNN7EXAMPLE"],
    ),
    ("get-caller-identity", &[]),
    (
        "get-delegated-access-token",
        &["--trade-in-token", "EXAMPLE-TRADE-IN-TOKEN"],
    ),
    (
        "get-federation-token",
        &["--name", "Bob", "--duration-seconds", "3600"],
    ),
    (
        "get-session-token",
        &[
            "--duration-seconds",
            "900",
            "--serial-number",
            "arn:aws:iam::123456789012:mfa/user",
            "--token-code",
            "123456",
        ],
    ),
    (
        "get-web-identity-token",
        &[
            "--audience",
            "api.example.com",
            "--signing-algorithm",
            "RS256",
        ],
    ),
];

/// The command line of one operation case: the operation, `--endpoint-url URL`, its
/// parameters, then `extra`.
pub fn operation_args<'a>(
    operation: &'a str,
    args: &[&'a str],
    url: &'a str,
    extra: &[&'a str],
) -> Vec<&'a str> {
    let mut full = vec![operation, "--endpoint-url", url];
    full.extend_from_slice(args);
    full.extend_from_slice(extra);
    full
}

/// The command line of the first operation case (assume-role) with `--query EXPRESSION`.
pub fn query_args<'a>(expression: &'a str, url: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let (operation, args) = OPERATION_CASES[0];
    let mut full = operation_args(operation, args, url, extra);
    full.extend_from_slice(&["--query", expression]);
    full
}

/// `--query` expressions over the AssumeRole answer, each with a short name for golden files.
pub const QUERY_CASES: &[(&str, &str)] = &[
    ("scalar", "Credentials.AccessKeyId"),
    ("integer", "PackedPolicySize"),
    ("missing-key", "NoSuchKey"),
    ("nested-object", "AssumedRoleUser"),
    (
        "list",
        "[Credentials.AccessKeyId, PackedPolicySize, Missing]",
    ),
    (
        "bash-idiom",
        "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]",
    ),
    (
        "multiselect-hash",
        "{Z: PackedPolicySize, A: AssumedRoleUser.Arn, M: Credentials.Expiration}",
    ),
    ("keys", "keys(@)"),
    ("values", "values(AssumedRoleUser)"),
    ("wildcard", "*.Arn"),
    ("literal-object", "`{\"b\": 1, \"a\": [true, null]}`"),
    ("literal-integer", "`42`"),
    ("literal-float", "`1.5`"),
    ("literal-exponent", "`1e3`"),
    ("literal-string", "'single quoted'"),
    ("literal-true", "`true`"),
    ("empty-object", "`{}`"),
    ("empty-list", "`[]`"),
    ("length", "length(Credentials.SecretAccessKey)"),
    ("sum", "sum([`1`, `2`])"),
    ("avg", "avg([`1`, `2`])"),
    ("to-string", "to_string(AssumedRoleUser)"),
    (
        "join",
        "join(', ', [Credentials.AccessKeyId, SourceIdentity])",
    ),
    (
        "starts-with",
        "starts_with(AssumedRoleUser.Arn, 'arn:aws:sts')",
    ),
    ("sort", "sort(keys(Credentials))"),
    ("pipe", "Credentials | keys(@) | [0]"),
    (
        "filter",
        "[Credentials][?AccessKeyId == 'ASIAIOSFODNN7EXAMPLE'].Expiration",
    ),
    (
        "objects-with-different-keys",
        "[AssumedRoleUser, Credentials]",
    ),
    ("nested-lists", "`[[1, 2], [3], []]`"),
    (
        "nested-structures",
        "`{\"b\": {\"c\": [1, 2], \"d\": {\"e\": null}}, \"a\": [{\"x\": 1}, {\"y\": [true]}]}`",
    ),
    (
        "unicode",
        "`{\"名前\": \"山田 太郎\", \"é\": \"café — ½ °C\", \"emoji\": \"😀\"}`",
    ),
    ("null-and-booleans", "[`null`, `true`, `false`]"),
    ("false", "`false`"),
    ("zero", "`0`"),
    ("empty-string", "''"),
    ("big-float", "`1e16`"),
    ("negative-float", "`-0.000025`"),
    ("list-of-scalars", "values(Credentials)"),
];

/// The `--output` formats, each with the extension of its golden files.
pub const FORMATS: &[(&str, &str)] = &[
    ("json", "json"),
    ("text", "txt"),
    ("table", "txt"),
    ("yaml", "yaml"),
    ("yaml-stream", "yaml"),
];
