//! What reaches the server: the form body each command line turns into, and signing.

use crate::support::fixture::FixtureServer;
use crate::support::{ACCESS_KEY, Sandbox};

fn params_of(server: &FixtureServer) -> Vec<(String, String)> {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "exactly one request");
    requests[0].params.clone()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn assume_role_sends_every_parameter_in_model_order() {
    let server = FixtureServer::start();
    let run = Sandbox::new().sts(&[
        "assume-role",
        "--endpoint-url",
        &server.url(),
        "--role-arn",
        "arn:aws:iam::123456789012:role/demo",
        "--role-session-name",
        "sess",
        "--tags",
        "Key=Project,Value=Unicorn",
        "Key=Team,Value=Automation",
        "--policy-arns",
        "arn=arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "--transitive-tag-keys",
        "Project",
        "Team",
        "--duration-seconds",
        "3600",
        "--external-id",
        "ext-123",
        "--policy",
        r#"{"Version":"2012-10-17"}"#,
        "--provided-contexts",
        r#"[{"ProviderArn":"arn:aws:iam::aws:contextProvider/IdentityCenter","ContextAssertion":"abcd"}]"#,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        params_of(&server),
        pairs(&[
            ("Action", "AssumeRole"),
            ("Version", "2011-06-15"),
            ("RoleArn", "arn:aws:iam::123456789012:role/demo"),
            ("RoleSessionName", "sess"),
            (
                "PolicyArns.member.1.arn",
                "arn:aws:iam::aws:policy/ReadOnlyAccess"
            ),
            (
                "PolicyArns.member.2.arn",
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
            ),
            ("Policy", r#"{"Version":"2012-10-17"}"#),
            ("DurationSeconds", "3600"),
            ("Tags.member.1.Key", "Project"),
            ("Tags.member.1.Value", "Unicorn"),
            ("Tags.member.2.Key", "Team"),
            ("Tags.member.2.Value", "Automation"),
            ("TransitiveTagKeys.member.1", "Project"),
            ("TransitiveTagKeys.member.2", "Team"),
            ("ExternalId", "ext-123"),
            (
                "ProvidedContexts.member.1.ProviderArn",
                "arn:aws:iam::aws:contextProvider/IdentityCenter"
            ),
            ("ProvidedContexts.member.1.ContextAssertion", "abcd"),
        ])
    );
}

/// File paths expand `~` and `$VARIABLE` as AWS CLI v2 expands them, for whole values and
/// for `key@=file://` in shorthand alike.
#[test]
fn file_paths_expand_home_and_variables() {
    let sandbox = Sandbox::new();
    sandbox.write("policies/session.json", "{\"Version\": \"2012-10-17\"}\r\n");
    sandbox.write("policies/arn.txt", "arn:aws:iam::aws:policy/ReadOnlyAccess");
    let dir = sandbox.home().join("policies");
    let sandbox = sandbox.env("POLICY_DIR", &dir.to_string_lossy());
    for (policy, policy_arns) in [
        (
            "file://~/policies/session.json",
            "arn@=file://~/policies/arn.txt",
        ),
        (
            "file://$POLICY_DIR/session.json",
            "arn@=file://$POLICY_DIR/arn.txt",
        ),
    ] {
        let server = FixtureServer::start();
        let run = sandbox.sts(&[
            "get-federation-token",
            "--endpoint-url",
            &server.url(),
            "--name",
            "Bob",
            "--policy",
            policy,
            "--policy-arns",
            policy_arns,
        ]);
        assert_eq!(run.code, 0, "{policy}: {}", run.stderr);
        assert_eq!(
            params_of(&server),
            pairs(&[
                ("Action", "GetFederationToken"),
                ("Version", "2011-06-15"),
                ("Name", "Bob"),
                // Text files are read with universal newlines.
                ("Policy", "{\"Version\": \"2012-10-17\"}\n"),
                (
                    "PolicyArns.member.1.arn",
                    "arn:aws:iam::aws:policy/ReadOnlyAccess"
                ),
            ]),
            "{policy} {policy_arns}"
        );
    }
    let missing = sandbox.sts(&[
        "get-federation-token",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--name",
        "Bob",
        "--policy",
        "file://$POLICY_DIR/missing.json",
    ]);
    assert_eq!(missing.code, 252);
    assert_eq!(
        missing.stderr,
        format!(
            "\nsts: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--policy': Unable to load paramfile \
             file://$POLICY_DIR/missing.json: [Errno 2] No such file or directory: \
             '{}/missing.json'\n",
            dir.display()
        )
    );
}

#[test]
fn structures_lists_and_files_are_encoded() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    sandbox.write("tags.json", r#"[{"Key": "k", "Value": "v"}]"#);
    let run = sandbox.sts(&[
        "get-web-identity-token",
        "--endpoint-url",
        &server.url(),
        "--audience",
        "one.example.com",
        "two.example.com",
        "--signing-algorithm",
        "ES384",
        "--tags",
        "file://tags.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        params_of(&server),
        pairs(&[
            ("Action", "GetWebIdentityToken"),
            ("Version", "2011-06-15"),
            ("Audience.member.1", "one.example.com"),
            ("Audience.member.2", "two.example.com"),
            ("SigningAlgorithm", "ES384"),
            ("Tags.member.1.Key", "k"),
            ("Tags.member.1.Value", "v"),
        ])
    );

    let server = FixtureServer::start();
    let run = sandbox.sts(&[
        "assume-root",
        "--endpoint-url",
        &server.url(),
        "--target-principal",
        "111122223333",
        "--task-policy-arn",
        r#"{"arn": "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"}"#,
        "--duration-seconds",
        "900",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        params_of(&server),
        pairs(&[
            ("Action", "AssumeRoot"),
            ("Version", "2011-06-15"),
            ("TargetPrincipal", "111122223333"),
            (
                "TaskPolicyArn.arn",
                "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"
            ),
            ("DurationSeconds", "900"),
        ])
    );
}

#[test]
fn a_value_starting_with_a_dash_is_taken_after_an_equals_sign() {
    let server = FixtureServer::start();
    let run = Sandbox::new().sts(&[
        "decode-authorization-message",
        "--endpoint-url",
        &server.url(),
        "--encoded-message=-abc",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.requests()[0].param("EncodedMessage"), Some("-abc"));
}

#[test]
fn global_options_may_come_before_or_after_the_operation() {
    let server = FixtureServer::start();
    let sandbox = Sandbox::new();
    let before = sandbox.sts(&[
        "--endpoint-url",
        &server.url(),
        "--region",
        "eu-west-1",
        "get-caller-identity",
    ]);
    let after = sandbox.sts(&[
        "get-caller-identity",
        "--region",
        "eu-west-1",
        "--endpoint-url",
        &server.url(),
    ]);
    assert_eq!(
        (before.code, after.code),
        (0, 0),
        "{} {}",
        before.stderr,
        after.stderr
    );
    assert_eq!(before.stdout, after.stdout);
    let regions: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.signing_region())
        .collect();
    assert_eq!(
        regions,
        vec![Some("eu-west-1".to_string()), Some("eu-west-1".to_string())]
    );
}

#[test]
fn operations_are_signed_except_saml_and_web_identity() {
    let server = FixtureServer::start();
    let signed = Sandbox::new().sts(&["get-session-token", "--endpoint-url", &server.url()]);
    assert_eq!(signed.code, 0, "{}", signed.stderr);
    assert_eq!(
        server.requests()[0].signing_access_key().as_deref(),
        Some(ACCESS_KEY)
    );

    // No credentials anywhere: the two federation calls still work, unsigned.
    let server = FixtureServer::start();
    let anonymous = Sandbox::bare().env("AWS_DEFAULT_REGION", "us-east-1");
    for (operation, args) in crate::OPERATION_CASES
        .iter()
        .filter(|(op, _)| op.contains("-with-"))
    {
        let url = server.url();
        let mut full = vec![*operation, "--endpoint-url", &url];
        full.extend_from_slice(args);
        let run = anonymous.sts(&full);
        assert_eq!(run.code, 0, "{operation}: {}", run.stderr);
    }
    for request in server.requests() {
        assert_eq!(request.header("authorization"), None);
    }
}

#[test]
fn no_sign_request_sends_no_signature_and_needs_no_credentials() {
    let server = FixtureServer::start();
    let run = Sandbox::bare()
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .sts(&[
            "get-caller-identity",
            "--no-sign-request",
            "--endpoint-url",
            &server.url(),
        ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.requests()[0].header("authorization"), None);
}

#[test]
fn url_values_are_sent_as_they_are() {
    let server = FixtureServer::start();
    let url = server.url();
    let run = Sandbox::new().sts(&[
        "get-web-identity-token",
        "--endpoint-url",
        &url,
        "--audience",
        "https://api.example.com/audience",
        "--signing-algorithm",
        "RS256",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        server.requests()[0].param("Audience.member.1"),
        Some("https://api.example.com/audience")
    );
}

#[test]
fn parameters_come_from_a_yaml_document_under_the_options() {
    let server = FixtureServer::start();
    let url = server.url();
    let sandbox = Sandbox::new();
    sandbox.write(
        "params.yaml",
        "RoleArn: arn:aws:iam::123456789012:role/demo\nRoleSessionName: from-yaml\nTags:\n- Key: team\n  Value: ops\nDurationSeconds: 1800\n",
    );
    let run = sandbox.sts(&[
        "assume-role",
        "--endpoint-url",
        &url,
        "--cli-input-yaml",
        "file://params.yaml",
        "--role-session-name",
        "from-cli",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let request = &server.requests()[0];
    assert_eq!(request.param("RoleSessionName"), Some("from-cli"));
    assert_eq!(
        request.param("RoleArn"),
        Some("arn:aws:iam::123456789012:role/demo")
    );
    assert_eq!(request.param("Tags.member.1.Value"), Some("ops"));
    assert_eq!(request.param("DurationSeconds"), Some("1800"));
}

#[test]
fn a_skeleton_of_the_input_sends_nothing() {
    let server = FixtureServer::start();
    let url = server.url();
    let sandbox = Sandbox::new();
    for kind in ["input", "yaml-input", "output"] {
        let run = sandbox.sts(&[
            "get-access-key-info",
            "--endpoint-url",
            &url,
            "--generate-cli-skeleton",
            kind,
            "--access-key-id",
            "AKIAIOSFODNN7EXAMPLE",
        ]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        assert!(!run.stdout.is_empty());
    }
    assert_eq!(server.requests().len(), 0);
}
