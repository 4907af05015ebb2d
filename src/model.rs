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

/// One STS operation as the command line sees it.
#[derive(Debug)]
pub struct Operation {
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

static POLICY_DESCRIPTOR: Shape =
    Shape::Structure(&[Member::new("arn", &ARN, "The ARN of a managed policy.")]);
static POLICY_ARNS: Shape = Shape::List {
    member: &POLICY_DESCRIPTOR,
    min_len: 0,
};
static TAG: Shape = Shape::Structure(&[
    Member::required("Key", &STRING_MIN1, "The tag key."),
    Member::required("Value", &STRING, "The tag value."),
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
    Member::new("ProviderArn", &ARN, "The ARN of the context provider."),
    Member::new(
        "ContextAssertion",
        &STRING_MIN4,
        "The signed context assertion.",
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
    Member::required("AccessKeyId", &STRING_MIN16, "The access key ID."),
    Member::required("SecretAccessKey", &STRING, "The secret access key."),
    Member::required("SessionToken", &STRING, "The session token."),
    Member::required("Expiration", &TIMESTAMP, "When the credentials expire."),
]);
static ASSUMED_ROLE_USER: Shape = Shape::Structure(&[
    Member::required(
        "AssumedRoleId",
        &STRING_MIN2,
        "The role ID and session name.",
    ),
    Member::required("Arn", &ARN, "The ARN of the assumed-role session."),
]);
static FEDERATED_USER: Shape = Shape::Structure(&[
    Member::required(
        "FederatedUserId",
        &STRING_MIN2,
        "The account and user name.",
    ),
    Member::required("Arn", &ARN, "The ARN of the federated user."),
]);

const POLICY_ARNS_DOC: &str = "Managed policies that further limit the session's permissions.";
const POLICY_DOC: &str = "An inline session policy (JSON) that further limits permissions.";
const DURATION_DOC: &str = "How long the credentials last, in seconds.";
const TAGS_DOC: &str = "Session tags to pass, as Key and Value pairs.";
const CREDENTIALS_DOC: &str = "The temporary security credentials.";
const PACKED_DOC: &str = "How full the packed session policies and tags are, in percent.";
const SOURCE_IDENTITY_DOC: &str = "The source identity set for the session.";
const ASSUMED_ROLE_USER_DOC: &str = "The ARN and ID of the assumed-role session.";

pub static OPERATIONS: &[Operation] = &[
    Operation {
        cli_name: "assume-role",
        api_name: "AssumeRole",
        summary: "Get temporary credentials for a role.",
        input: &[
            Member::required("RoleArn", &ARN, "The ARN of the role to assume."),
            Member::required("RoleSessionName", &STRING_MIN2, "A name for the session."),
            Member::new("PolicyArns", &POLICY_ARNS, POLICY_ARNS_DOC),
            Member::new("Policy", &STRING_MIN1, POLICY_DOC),
            Member::new("DurationSeconds", &ROLE_DURATION, DURATION_DOC),
            Member::new("Tags", &TAGS, TAGS_DOC),
            Member::new(
                "TransitiveTagKeys",
                &TAG_KEYS,
                "Tag keys that pass on to chained roles.",
            ),
            Member::new(
                "ExternalId",
                &STRING_MIN2,
                "The external ID the role's trust policy expects.",
            ),
            Member::new(
                "SerialNumber",
                &STRING_MIN9,
                "The MFA device's serial number or ARN.",
            ),
            Member::new(
                "TokenCode",
                &STRING_MIN6,
                "The code shown by the MFA device.",
            ),
            Member::new(
                "SourceIdentity",
                &STRING_MIN2,
                "A source identity to record for the session.",
            ),
            Member::new(
                "ProvidedContexts",
                &PROVIDED_CONTEXTS,
                "Signed context assertions from trusted providers.",
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
        cli_name: "assume-role-with-saml",
        api_name: "AssumeRoleWithSAML",
        summary: "Get temporary credentials for a role with a SAML assertion.",
        input: &[
            Member::required("RoleArn", &ARN, "The ARN of the role to assume."),
            Member::required(
                "PrincipalArn",
                &ARN,
                "The ARN of the SAML identity provider in IAM.",
            ),
            Member::required(
                "SAMLAssertion",
                &STRING_MIN4,
                "The base64-encoded SAML response from the IdP.",
            ),
            Member::new("PolicyArns", &POLICY_ARNS, POLICY_ARNS_DOC),
            Member::new("Policy", &STRING_MIN1, POLICY_DOC),
            Member::new("DurationSeconds", &ROLE_DURATION, DURATION_DOC),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER, ASSUMED_ROLE_USER_DOC),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
            Member::new("Subject", &STRING, "The subject (NameID) of the assertion."),
            Member::new("SubjectType", &STRING, "The format of the subject."),
            Member::new("Issuer", &STRING, "The issuer of the assertion."),
            Member::new(
                "Audience",
                &STRING,
                "The recipient the assertion was meant for.",
            ),
            Member::new(
                "NameQualifier",
                &STRING,
                "A hash that identifies the user with the IdP.",
            ),
            Member::new("SourceIdentity", &STRING_MIN2, SOURCE_IDENTITY_DOC),
        ],
    },
    Operation {
        cli_name: "assume-role-with-web-identity",
        api_name: "AssumeRoleWithWebIdentity",
        summary: "Get temporary credentials for a role with an OpenID Connect or OAuth token.",
        input: &[
            Member::required("RoleArn", &ARN, "The ARN of the role to assume."),
            Member::required("RoleSessionName", &STRING_MIN2, "A name for the session."),
            Member::required(
                "WebIdentityToken",
                &STRING_MIN4,
                "The token from the identity provider.",
            ),
            Member::new(
                "ProviderId",
                &STRING_MIN4,
                "The domain of an OAuth 2.0 provider (not for OIDC).",
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
                "The subject the provider named in the token.",
            ),
            Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER, ASSUMED_ROLE_USER_DOC),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
            Member::new("Provider", &STRING, "The issuer of the token."),
            Member::new("Audience", &STRING, "The client the token was issued to."),
            Member::new("SourceIdentity", &STRING_MIN2, SOURCE_IDENTITY_DOC),
        ],
    },
    Operation {
        cli_name: "assume-root",
        api_name: "AssumeRoot",
        summary: "Get short-term root credentials for a member account of an organization.",
        input: &[
            Member::required(
                "TargetPrincipal",
                &STRING_MIN12,
                "The member account to act on.",
            ),
            Member::required(
                "TaskPolicyArn",
                &POLICY_DESCRIPTOR,
                "The task policy that scopes the session.",
            ),
            Member::new("DurationSeconds", &INTEGER_MIN0, DURATION_DOC),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new("SourceIdentity", &STRING_MIN2, SOURCE_IDENTITY_DOC),
        ],
    },
    Operation {
        cli_name: "decode-authorization-message",
        api_name: "DecodeAuthorizationMessage",
        summary: "Decode the encoded message of an authorization failure.",
        input: &[Member::required(
            "EncodedMessage",
            &STRING_MIN1,
            "The encoded message from the error.",
        )],
        output: &[Member::new(
            "DecodedMessage",
            &STRING,
            "The decoded message, a JSON document.",
        )],
    },
    Operation {
        cli_name: "get-access-key-info",
        api_name: "GetAccessKeyInfo",
        summary: "Show the account that owns an access key.",
        input: &[Member::required(
            "AccessKeyId",
            &STRING_MIN16,
            "The access key ID to look up.",
        )],
        output: &[Member::new(
            "Account",
            &STRING,
            "The account that owns the key.",
        )],
    },
    Operation {
        cli_name: "get-caller-identity",
        api_name: "GetCallerIdentity",
        summary: "Show the account, user ID and ARN of the credentials in use.",
        input: &[],
        output: &[
            Member::new("UserId", &STRING, "The unique ID of the calling identity."),
            Member::new(
                "Account",
                &STRING,
                "The account that owns the calling identity.",
            ),
            Member::new("Arn", &ARN, "The ARN of the calling identity."),
        ],
    },
    Operation {
        cli_name: "get-delegated-access-token",
        api_name: "GetDelegatedAccessToken",
        summary: "Exchange a trade-in token for delegated temporary credentials.",
        input: &[Member::required(
            "TradeInToken",
            &STRING,
            "The token to trade in.",
        )],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
            Member::new(
                "AssumedPrincipal",
                &ARN,
                "The ARN of the principal acted for.",
            ),
        ],
    },
    Operation {
        cli_name: "get-federation-token",
        api_name: "GetFederationToken",
        summary: "Get temporary credentials for a federated user.",
        input: &[
            Member::required("Name", &STRING_MIN2, "The name of the federated user."),
            Member::new("Policy", &STRING_MIN1, POLICY_DOC),
            Member::new("PolicyArns", &POLICY_ARNS, POLICY_ARNS_DOC),
            Member::new("DurationSeconds", &ROLE_DURATION, DURATION_DOC),
            Member::new("Tags", &TAGS, TAGS_DOC),
        ],
        output: &[
            Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC),
            Member::new(
                "FederatedUser",
                &FEDERATED_USER,
                "The ARN and ID of the federated user.",
            ),
            Member::new("PackedPolicySize", &INTEGER_MIN0, PACKED_DOC),
        ],
    },
    Operation {
        cli_name: "get-session-token",
        api_name: "GetSessionToken",
        summary: "Get temporary credentials for an IAM user, optionally with MFA.",
        input: &[
            Member::new("DurationSeconds", &ROLE_DURATION, DURATION_DOC),
            Member::new(
                "SerialNumber",
                &STRING_MIN9,
                "The MFA device's serial number or ARN.",
            ),
            Member::new(
                "TokenCode",
                &STRING_MIN6,
                "The code shown by the MFA device.",
            ),
        ],
        output: &[Member::new("Credentials", &CREDENTIALS, CREDENTIALS_DOC)],
    },
    Operation {
        cli_name: "get-web-identity-token",
        api_name: "GetWebIdentityToken",
        summary: "Get a signed JSON Web Token for the calling identity.",
        input: &[
            Member::required(
                "Audience",
                &AUDIENCES,
                "The intended recipients of the token.",
            ),
            Member::new(
                "DurationSeconds",
                &WEB_TOKEN_DURATION,
                "How long the token lasts, in seconds.",
            ),
            Member::required(
                "SigningAlgorithm",
                &STRING_MIN5,
                "The algorithm that signs the token (RS256 or ES384).",
            ),
            Member::new("Tags", &TAGS, "Tags to add to the token as claims."),
        ],
        output: &[
            Member::new("WebIdentityToken", &STRING, "The signed token."),
            Member::new("Expiration", &TIMESTAMP, "When the token expires."),
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
        }
    }
}
