//! The one description of STS that everything else reads: operations, their parameters and
//! their output shapes, in the member order of botocore's `sts/2011-06-15/service-2.json`.
//!
//! Argument parsing, request building, validation and response parsing all walk these tables,
//! so member order here is the order of JSON output and of argparse-style error messages.

/// The type of a value, with the client-side constraints botocore enforces (minimums only:
/// maximum lengths and patterns are left to the service, as the AWS CLI does).
#[derive(Debug)]
pub enum Shape {
    String {
        min_len: usize,
    },
    Integer {
        min: i64,
    },
    Timestamp,
    List {
        member: &'static Shape,
        min_len: usize,
    },
    Structure(&'static [Member]),
}

/// One member of a structure: its API name, shape and whether the model requires it.
#[derive(Debug)]
pub struct Member {
    pub name: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
    pub doc: &'static str,
}

/// The eleven STS operations: code that treats one differently matches on this, so the
/// compiler names every place a new operation must be handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpId {
    AssumeRole,
    AssumeRoleWithSaml,
    AssumeRoleWithWebIdentity,
    AssumeRoot,
    DecodeAuthorizationMessage,
    GetAccessKeyInfo,
    GetCallerIdentity,
    GetDelegatedAccessToken,
    GetFederationToken,
    GetSessionToken,
    GetWebIdentityToken,
}

/// One STS operation as the command line sees it.
#[derive(Debug)]
pub struct Operation {
    pub id: OpId,
    pub cli_name: &'static str,
    pub api_name: &'static str,
    pub summary: &'static str,
    pub input: &'static [Member],
    pub output: &'static [Member],
}

impl Member {
    const fn new(name: &'static str, shape: &'static Shape, doc: &'static str) -> Member {
        Member {
            name,
            shape,
            required: false,
            doc,
        }
    }

    const fn required(name: &'static str, shape: &'static Shape, doc: &'static str) -> Member {
        Member {
            name,
            shape,
            required: true,
            doc,
        }
    }

    /// The option name the AWS CLI derives from the API name (`SAMLAssertion` ->
    /// `saml-assertion`): a capital starts a new word unless it continues an acronym.
    pub fn cli_name(&self) -> String {
        let chars: Vec<char> = self.name.chars().collect();
        let mut out = String::with_capacity(chars.len() + 4);
        for (i, &c) in chars.iter().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                let prev_lower = chars[i - 1].is_ascii_lowercase();
                let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
                let prev_upper = chars[i - 1].is_ascii_uppercase();
                if prev_lower || (prev_upper && next_lower) {
                    out.push('-');
                }
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }
}

impl Operation {
    pub fn find(cli_name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|op| op.cli_name == cli_name)
    }

    /// Whether the answer holds temporary credentials (a `Credentials` structure).
    pub fn returns_credentials(&self) -> bool {
        self.output
            .iter()
            .any(|m| m.name == "Credentials" && matches!(m.shape, Shape::Structure(_)))
    }

    /// Whether requests are signed: the two federation calls carry their own proof (a SAML
    /// assertion, a web identity token) and the model marks them unsigned.
    pub fn is_signed(&self) -> bool {
        !matches!(
            self.id,
            OpId::AssumeRoleWithSaml | OpId::AssumeRoleWithWebIdentity
        )
    }
}

impl OpId {
    /// The operation's description in the model.
    pub fn operation(self) -> &'static Operation {
        // OPERATIONS lists the ids in declaration order (a test checks it).
        &OPERATIONS[self as usize]
    }
}

// Shapes shared by several operations.
static STRING: Shape = Shape::String { min_len: 0 };
static STRING_MIN1: Shape = Shape::String { min_len: 1 };
static STRING_MIN2: Shape = Shape::String { min_len: 2 };
static STRING_MIN4: Shape = Shape::String { min_len: 4 };
static STRING_MIN5: Shape = Shape::String { min_len: 5 };
static STRING_MIN6: Shape = Shape::String { min_len: 6 };
static STRING_MIN9: Shape = Shape::String { min_len: 9 };
static STRING_MIN12: Shape = Shape::String { min_len: 12 };
static STRING_MIN16: Shape = Shape::String { min_len: 16 };
static ARN: Shape = Shape::String { min_len: 20 };
static INTEGER_MIN0: Shape = Shape::Integer { min: 0 };
static TIMESTAMP: Shape = Shape::Timestamp;
static ROLE_DURATION: Shape = Shape::Integer { min: 900 };
static WEB_TOKEN_DURATION: Shape = Shape::Integer { min: 60 };

static POLICY_DESCRIPTOR: Shape = Shape::Structure(&[Member::new(
    "arn",
    &ARN,
    "The ARN of an IAM managed policy, such as arn:aws:iam::123456789012:policy/NAME or arn:aws:iam::aws:policy/NAME for one managed by AWS.",
)]);
static POLICY_ARNS: Shape = Shape::List {
    member: &POLICY_DESCRIPTOR,
    min_len: 0,
};
static TAG: Shape = Shape::Structure(&[
    Member::required(
        "Key",
        &STRING_MIN1,
        "The tag key, 1 to 128 characters of letters, digits, spaces and _.:/=+-@. Keys are not case-sensitive.",
    ),
    Member::required(
        "Value",
        &STRING,
        "The tag value, up to 256 characters of letters, digits, spaces and _.:/=+-@; it may be empty.",
    ),
]);
static TAGS: Shape = Shape::List {
    member: &TAG,
    min_len: 0,
};
static TAG_KEYS: Shape = Shape::List {
    member: &STRING_MIN1,
    min_len: 0,
};
static PROVIDED_CONTEXT: Shape = Shape::Structure(&[
    Member::new(
        "ProviderArn",
        &ARN,
        "The ARN of the provider that issued the assertion, such as arn:aws:iam::aws:contextProvider/IdentityCenter.",
    ),
    Member::new(
        "ContextAssertion",
        &STRING_MIN4,
        "The signed and encrypted context assertion exactly as the provider returned it, 4 to 2,048 characters.",
    ),
]);
static PROVIDED_CONTEXTS: Shape = Shape::List {
    member: &PROVIDED_CONTEXT,
    min_len: 1,
};
static AUDIENCES: Shape = Shape::List {
    member: &STRING_MIN1,
    min_len: 1,
};

static CREDENTIALS: Shape = Shape::Structure(&[
    Member::required(
        "AccessKeyId",
        &STRING_MIN16,
        "The access key ID of the temporary credentials (it starts with ASIA); use it as AWS_ACCESS_KEY_ID.",
    ),
    Member::required(
        "SecretAccessKey",
        &STRING,
        "The secret key that signs requests made with these credentials; use it as AWS_SECRET_ACCESS_KEY and keep it private.",
    ),
    Member::required(
        "SessionToken",
        &STRING,
        "The token that must accompany every request signed with these credentials; use it as AWS_SESSION_TOKEN. Its length varies, so do not assume a maximum.",
    ),
    Member::required(
        "Expiration",
        &TIMESTAMP,
        "The time (UTC) after which the credentials are no longer accepted.",
    ),
]);
static ASSUMED_ROLE_USER: Shape = Shape::Structure(&[
    Member::required(
        "AssumedRoleId",
        &STRING_MIN2,
        "The role's unique ID and the session name joined by a colon, such as AROA3XFRBF535PLBIFPI4:my-session.",
    ),
    Member::required(
        "Arn",
        &ARN,
        "The session's ARN, arn:aws:sts::ACCOUNT_ID:assumed-role/ROLE_NAME/SESSION_NAME, which resource-based policies can name as a principal.",
    ),
]);
static FEDERATED_USER: Shape = Shape::Structure(&[
    Member::required(
        "FederatedUserId",
        &STRING_MIN2,
        "The account ID and the federated user's name joined by a colon, such as 123456789012:Bob.",
    ),
    Member::required(
        "Arn",
        &ARN,
        "The federated user's ARN, arn:aws:sts::ACCOUNT_ID:federated-user/NAME, which resource-based policies can name as a principal.",
    ),
]);

const POLICY_ARNS_DOC: &str = "Up to 10 ARNs of IAM managed policies in the role's account to use as session policies, which can only narrow what the session may do. Together with --policy they may not exceed 2,048 characters of plain text.";
const POLICY_DOC: &str = "An IAM policy document (JSON) to use as an inline session policy: the session may do only what both the role's policies and this policy allow. Together with --policy-arns it may not exceed 2,048 characters; file://PATH reads it from a file.";
const DURATION_DOC: &str = "How long the session lasts, in seconds: from 900 up to the role's maximum session duration (set between 1 and 12 hours); a larger value fails. The default is 3600.";
const TAGS_DOC: &str = "Up to 50 session tags as Key and Value pairs; keys have 1 to 128 and values up to 256 characters of letters, digits, spaces and _.:/=+-@. Keys are not case-sensitive, and a session tag overrides a tag of the same key on the role or user.";
const CREDENTIALS_DOC: &str = "The temporary credentials: an access key ID, a secret access key and a session token, all three needed to sign requests, and their expiry time.";
const PACKED_DOC: &str = "How much of the space allowed for the packed session policies and session tags the request used, as a percentage; the request fails above 100.";
const SOURCE_IDENTITY_DOC: &str = "The source identity set for the session, if any: it cannot be changed afterwards, carries over into chained role sessions and is recorded in CloudTrail.";
const ASSUMED_ROLE_USER_DOC: &str =
    "The ARN and unique ID of the new role session; both contain the role session name.";

pub static OPERATIONS: &[Operation] = &[
    Operation {
        id: OpId::AssumeRole,
        cli_name: "assume-role",
        api_name: "AssumeRole",
        summary: "Get temporary credentials for a role.",
        input: &[
            Member::required(
                "RoleArn",
                &ARN,
                "The ARN of the role to assume, arn:aws:iam::ACCOUNT_ID:role/NAME (with the role's path, if any, before NAME).",
            ),
            Member::required(
                "RoleSessionName",
                &STRING_MIN2,
                "A name for the session, 2 to 64 characters of letters, digits and _+=,.@- (no spaces). It becomes part of the session's ARN and shows in CloudTrail, also in the role's account, so pick one that identifies you or the task.",
            ),
            Member::new("PolicyArns", &POLICY_ARNS, POLICY_ARNS_DOC),
            Member::new("Policy", &STRING_MIN1, POLICY_DOC),
            Member::new(
                "DurationSeconds",
                &ROLE_DURATION,
                "How long the session lasts, in seconds: from 900 up to the role's maximum session duration (set between 1 and 12 hours), default 3600. When the caller is itself a role session (role chaining), more than 3600 fails.",
            ),
            Member::new("Tags", &TAGS, TAGS_DOC),
            Member::new(
                "TransitiveTagKeys",
                &TAG_KEYS,
                "Keys of session tags from --tags that should carry over into sessions of roles assumed from this one (role chaining); up to 50.",
            ),
            Member::new(
                "ExternalId",
                &STRING_MIN2,
                "The external ID that the role's trust policy requires, as agreed with the owner of the role's account; 2 to 1,224 characters of letters, digits and _+=,.@:/-.",
            ),
            Member::new(
                "SerialNumber",
                &STRING_MIN9,
                "The MFA device to authenticate with when the role's trust policy requires MFA: a virtual device's ARN (arn:aws:iam::ACCOUNT_ID:mfa/NAME) or a hardware device's serial number, 9 to 256 characters. Use it with --token-code.",
            ),
            Member::new(
                "TokenCode",
                &STRING_MIN6,
                "The six-digit code currently shown by the MFA device given with --serial-number; a missing, wrong or expired code gets access denied.",
            ),
            Member::new(
                "SourceIdentity",
                &STRING_MIN2,
                "An identity to attach to the session, such as your user name: 2 to 64 characters of letters, digits and _+=,.@-, not starting with aws:. It cannot be changed later and carries over into chained role sessions.",
            ),
            Member::new(
                "ProvidedContexts",
                &PROVIDED_CONTEXTS,
                "One to five trusted context assertions obtained earlier from a context provider, each given as the provider's ARN and the signed assertion.",
            ),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER, ASSUMED_ROLE_USER_DOC),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
            Member::new("SourceIdentity", &STRING_MIN2, SOURCE_IDENTITY_DOC),
        ],
    },
    Operation {
        id: OpId::AssumeRoleWithSaml,
        cli_name: "assume-role-with-saml",
        api_name: "AssumeRoleWithSAML",
        summary: "Get temporary credentials for a role with a SAML assertion.",
        input: &[
            Member::required(
                "RoleArn",
                &ARN,
                "The ARN of the role to assume, arn:aws:iam::ACCOUNT_ID:role/NAME; its trust policy must trust the SAML provider given with --principal-arn.",
            ),
            Member::required(
                "PrincipalArn",
                &ARN,
                "The ARN of the SAML provider created in IAM for your IdP, arn:aws:iam::ACCOUNT_ID:saml-provider/NAME.",
            ),
            Member::required(
                "SAMLAssertion",
                &STRING_MIN4,
                "The base64-encoded SAML authentication response from the IdP, 4 to 100,000 characters; pass it as file://PATH to stay clear of command-line length limits.",
            ),
            Member::new("PolicyArns", &POLICY_ARNS, POLICY_ARNS_DOC),
            Member::new("Policy", &STRING_MIN1, POLICY_DOC),
            Member::new(
                "DurationSeconds",
                &ROLE_DURATION,
                "How long the session lasts, in seconds: from 900 up to the role's maximum session duration (set between 1 and 12 hours), default 3600. It also ends no later than the assertion's SessionNotOnOrAfter time.",
            ),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER, ASSUMED_ROLE_USER_DOC),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
            Member::new(
                "Subject",
                &STRING,
                "The user as the assertion names them: the value of its Subject's NameID element.",
            ),
            Member::new(
                "SubjectType",
                &STRING,
                "The format of the NameID, such as persistent or transient; the standard urn:oasis:names:tc:SAML:2.0:nameid-format: prefix is removed.",
            ),
            Member::new(
                "Issuer",
                &STRING,
                "The Issuer element of the assertion, which identifies the IdP.",
            ),
            Member::new(
                "Audience",
                &STRING,
                "The Recipient attribute of the assertion's SubjectConfirmationData: where the assertion was meant to be delivered.",
            ),
            Member::new(
                "NameQualifier",
                &STRING,
                "A base64 SHA-1 hash of the issuer, the account ID and the SAML provider's name; with Subject it identifies the user uniquely.",
            ),
            Member::new("SourceIdentity", &STRING_MIN2, SOURCE_IDENTITY_DOC),
        ],
    },
    Operation {
        id: OpId::AssumeRoleWithWebIdentity,
        cli_name: "assume-role-with-web-identity",
        api_name: "AssumeRoleWithWebIdentity",
        summary: "Get temporary credentials for a role with an OpenID Connect or OAuth token.",
        input: &[
            Member::required(
                "RoleArn",
                &ARN,
                "The ARN of the role to assume, arn:aws:iam::ACCOUNT_ID:role/NAME; its trust policy must trust the provider that issued the token.",
            ),
            Member::required(
                "RoleSessionName",
                &STRING_MIN2,
                "A name for the session, 2 to 64 characters of letters, digits and _+=,.@- (no spaces); usually the user's name or ID, so that CloudTrail shows who acted. It becomes part of the session's ARN.",
            ),
            Member::required(
                "WebIdentityToken",
                &STRING_MIN4,
                "The OpenID Connect ID token or OAuth 2.0 access token that the provider issued, 4 to 20,000 characters; file://PATH reads it from a file.",
            ),
            Member::new(
                "ProviderId",
                &STRING_MIN4,
                "Only for OAuth 2.0 access tokens: the provider's host name, www.amazon.com or graph.facebook.com, without scheme or port. Leave it out for OpenID Connect ID tokens.",
            ),
            Member::new("PolicyArns", &POLICY_ARNS, POLICY_ARNS_DOC),
            Member::new("Policy", &STRING_MIN1, POLICY_DOC),
            Member::new("DurationSeconds", &ROLE_DURATION, DURATION_DOC),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new(
                "SubjectFromWebIdentityToken",
                &STRING_MIN6,
                "The user's identifier from the token (the sub claim of an OpenID Connect token), usually unique to the user and the application.",
            ),
            Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER, ASSUMED_ROLE_USER_DOC),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
            Member::new(
                "Provider",
                &STRING,
                "Who issued the token: the iss claim of an OpenID Connect token, or the --provider-id given for an OAuth 2.0 token.",
            ),
            Member::new(
                "Audience",
                &STRING,
                "The client ID of the application the token was issued to (its aud claim).",
            ),
            Member::new("SourceIdentity", &STRING_MIN2, SOURCE_IDENTITY_DOC),
        ],
    },
    Operation {
        id: OpId::AssumeRoot,
        cli_name: "assume-root",
        api_name: "AssumeRoot",
        summary: "Get short-term root credentials for a member account of an organization.",
        input: &[
            Member::required(
                "TargetPrincipal",
                &STRING_MIN12,
                "The member account to act on as root: its 12-digit account ID or a principal ARN in that account.",
            ),
            Member::required(
                "TaskPolicyArn",
                &POLICY_DESCRIPTOR,
                "The AWS managed task policy that limits the session, as arn=arn:aws:iam::aws:policy/root-task/NAME where NAME is IAMAuditRootUserCredentials, IAMCreateRootUserPassword, IAMDeleteRootUserCredentials, S3UnlockBucketPolicy or SQSUnlockQueuePolicy.",
            ),
            Member::new(
                "DurationSeconds",
                &INTEGER_MIN0,
                "How long the session lasts, in seconds: at most 900 (15 minutes), which is also the default.",
            ),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new("SourceIdentity", &STRING_MIN2, SOURCE_IDENTITY_DOC),
        ],
    },
    Operation {
        id: OpId::DecodeAuthorizationMessage,
        cli_name: "decode-authorization-message",
        api_name: "DecodeAuthorizationMessage",
        summary: "Decode the encoded message of an authorization failure.",
        input: &[Member::required(
            "EncodedMessage",
            &STRING_MIN1,
            "The encoded authorization failure message exactly as the refused request returned it, up to 10,240 characters; quote it in the shell.",
        )],
        output: &[Member::new(
            "DecodedMessage",
            &STRING,
            "The explanation as a JSON document inside a string: whether an explicit deny or a missing allow caused the refusal, the principal, action and resource, and the condition values used.",
        )],
    },
    Operation {
        id: OpId::GetAccessKeyInfo,
        cli_name: "get-access-key-info",
        api_name: "GetAccessKeyInfo",
        summary: "Show the account that owns an access key.",
        input: &[Member::required(
            "AccessKeyId",
            &STRING_MIN16,
            "The access key ID to look up, such as AKIAIOSFODNN7EXAMPLE: 16 to 128 letters, digits or underscores. The secret key is not needed.",
        )],
        output: &[Member::new(
            "Account",
            &STRING,
            "The 12-digit ID of the account that owns the key.",
        )],
    },
    Operation {
        id: OpId::GetCallerIdentity,
        cli_name: "get-caller-identity",
        api_name: "GetCallerIdentity",
        summary: "Show the account, user ID and ARN of the credentials in use.",
        input: &[],
        output: &[
            Member::new(
                "UserId",
                &STRING,
                "The caller's unique ID: an IAM user's ID, or for a role session the role's ID and the session name joined by a colon.",
            ),
            Member::new(
                "Account",
                &STRING,
                "The 12-digit ID of the account the caller belongs to.",
            ),
            Member::new(
                "Arn",
                &ARN,
                "The caller's ARN, such as arn:aws:iam::ACCOUNT_ID:user/NAME or arn:aws:sts::ACCOUNT_ID:assumed-role/ROLE_NAME/SESSION_NAME.",
            ),
        ],
    },
    Operation {
        id: OpId::GetDelegatedAccessToken,
        cli_name: "get-delegated-access-token",
        api_name: "GetDelegatedAccessToken",
        summary: "Exchange a trade-in token for delegated temporary credentials.",
        input: &[Member::required(
            "TradeInToken",
            &STRING,
            "The trade-in token to redeem for credentials; it is secret and must not have expired when the request arrives.",
        )],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
            Member::new(
                "AssumedPrincipal",
                &ARN,
                "The ARN of the principal whose permissions the returned credentials carry.",
            ),
        ],
    },
    Operation {
        id: OpId::GetFederationToken,
        cli_name: "get-federation-token",
        api_name: "GetFederationToken",
        summary: "Get temporary credentials for a federated user.",
        input: &[
            Member::required(
                "Name",
                &STRING_MIN2,
                "The federated user's name, such as Bob: 2 to 32 characters of letters, digits and _+=,.@-. It appears in the federated user's ARN, so resource-based policies can refer to it.",
            ),
            Member::new(
                "Policy",
                &STRING_MIN1,
                "An IAM policy document (JSON) to use as an inline session policy: the session may do only what both the user's policies and the session policies allow, and nothing at all without a session policy. Together with --policy-arns at most 2,048 characters.",
            ),
            Member::new(
                "PolicyArns",
                &POLICY_ARNS,
                "Up to 10 ARNs of IAM managed policies in the calling user's account to use as session policies. Without these or --policy the session has no permissions.",
            ),
            Member::new(
                "DurationSeconds",
                &ROLE_DURATION,
                "How long the credentials last, in seconds: 900 to 129,600 (36 hours), default 43,200 (12 hours). With root user credentials the session lasts at most 3,600 seconds.",
            ),
            Member::new("Tags", &TAGS, TAGS_DOC),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new(
                "FederatedUser",
                &FEDERATED_USER,
                "The ARN and ID of the federated user, which resource-based policies can use to name it.",
            ),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
        ],
    },
    Operation {
        id: OpId::GetSessionToken,
        cli_name: "get-session-token",
        api_name: "GetSessionToken",
        summary: "Get temporary credentials for an IAM user, optionally with MFA.",
        input: &[
            Member::new(
                "DurationSeconds",
                &ROLE_DURATION,
                "How long the credentials last, in seconds: 900 to 129,600 (36 hours) for an IAM user, default 43,200 (12 hours); 900 to 3,600 for the root user, default 3,600.",
            ),
            Member::new(
                "SerialNumber",
                &STRING_MIN9,
                "The caller's MFA device: a virtual device's ARN (arn:aws:iam::ACCOUNT_ID:mfa/NAME) or a hardware device's serial number, 9 to 256 characters. Give it with --token-code when policies require MFA.",
            ),
            Member::new(
                "TokenCode",
                &STRING_MIN6,
                "The six-digit code currently shown by the MFA device given with --serial-number; a wrong or expired code gets access denied.",
            ),
        ],
        output: &[Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC)],
    },
    Operation {
        id: OpId::GetWebIdentityToken,
        cli_name: "get-web-identity-token",
        api_name: "GetWebIdentityToken",
        summary: "Get a signed JSON Web Token for the calling identity.",
        input: &[
            Member::required(
                "Audience",
                &AUDIENCES,
                "One to ten intended recipients of the token, such as the URL or client ID of the service that will verify it; they become its aud claim.",
            ),
            Member::new(
                "DurationSeconds",
                &WEB_TOKEN_DURATION,
                "How long the token stays valid, in seconds: 60 to 3,600, default 300. It cannot outlast the calling session.",
            ),
            Member::required(
                "SigningAlgorithm",
                &STRING_MIN5,
                "The signing algorithm: RS256 (RSA with SHA-256) or ES384 (ECDSA on the P-384 curve with SHA-384).",
            ),
            Member::new(
                "Tags",
                &TAGS,
                "Up to 50 Key and Value pairs added to the token as custom claims for the receiving service to use.",
            ),
        ],
        output: &[
            Member::new(
                "WebIdentityToken",
                &STRING,
                "The signed JWT. Anyone holding it can present it until it expires, so keep it out of logs.",
            ),
            Member::new(
                "Expiration",
                &TIMESTAMP,
                "The time (UTC) after which the token is no longer valid: its issue time plus the requested duration.",
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_names_follow_the_aws_cli() {
        let names: Vec<String> = OPERATIONS
            .iter()
            .flat_map(|op| op.input.iter().map(Member::cli_name))
            .collect();
        for expected in [
            "role-arn",
            "saml-assertion",
            "principal-arn",
            "web-identity-token",
            "task-policy-arn",
            "access-key-id",
            "transitive-tag-keys",
            "trade-in-token",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} missing from {names:?}"
            );
        }
        assert!(names.iter().all(|n| !n.contains('_') && !n.contains("--")));
    }

    #[test]
    fn eleven_operations_with_unique_names() {
        assert_eq!(OPERATIONS.len(), 11);
        for op in OPERATIONS {
            assert_eq!(
                Operation::find(op.cli_name).map(|o| o.api_name),
                Some(op.api_name)
            );
            assert_eq!(op.id.operation().api_name, op.api_name);
        }
        for (index, op) in OPERATIONS.iter().enumerate() {
            assert_eq!(op.id as usize, index, "{} out of order", op.cli_name);
        }
    }
}
