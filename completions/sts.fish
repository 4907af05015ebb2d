# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sts_global_optspecs
    string join \n debug endpoint-url= no-verify-ssl no-paginate output= query= profile= region= version color= no-sign-request ca-bundle= cli-read-timeout= cli-connect-timeout= cli-binary-format= no-cli-pager h/help
end

function __fish_sts_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sts_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sts_using_subcommand
    set -l cmd (__fish_sts_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sts -n "__fish_sts_needs_command" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_needs_command" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_needs_command" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_needs_command" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_needs_command" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_needs_command" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_needs_command" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_needs_command" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_needs_command" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_needs_command" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_needs_command" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_needs_command" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_needs_command" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_needs_command" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_needs_command" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_needs_command" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_needs_command" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_needs_command" -f -a "assume-role" -d 'Get temporary credentials for a role.'
complete -c sts -n "__fish_sts_needs_command" -f -a "assume-role-with-saml" -d 'Get temporary credentials for a role with a SAML assertion.'
complete -c sts -n "__fish_sts_needs_command" -f -a "assume-role-with-web-identity" -d 'Get temporary credentials for a role with an OpenID Connect or OAuth token.'
complete -c sts -n "__fish_sts_needs_command" -f -a "assume-root" -d 'Get short-term root credentials for a member account of an organization.'
complete -c sts -n "__fish_sts_needs_command" -f -a "decode-authorization-message" -d 'Decode the encoded message of an authorization failure.'
complete -c sts -n "__fish_sts_needs_command" -f -a "get-access-key-info" -d 'Show the account that owns an access key.'
complete -c sts -n "__fish_sts_needs_command" -f -a "get-caller-identity" -d 'Show the account, user ID and ARN of the credentials in use.'
complete -c sts -n "__fish_sts_needs_command" -f -a "get-delegated-access-token" -d 'Exchange a trade-in token for delegated temporary credentials.'
complete -c sts -n "__fish_sts_needs_command" -f -a "get-federation-token" -d 'Get temporary credentials for a federated user.'
complete -c sts -n "__fish_sts_needs_command" -f -a "get-session-token" -d 'Get temporary credentials for an IAM user, optionally with MFA.'
complete -c sts -n "__fish_sts_needs_command" -f -a "get-web-identity-token" -d 'Get a signed JSON Web Token for the calling identity.'
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l role-arn -d 'The ARN of the role to assume.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l role-session-name -d 'A name for the session.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l policy-arns -d 'Managed policies that further limit the session\'s permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l policy -d 'An inline session policy (JSON) that further limits permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l duration-seconds -d 'How long the credentials last, in seconds.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l tags -d 'Session tags to pass, as Key and Value pairs.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l transitive-tag-keys -d 'Tag keys that pass on to chained roles.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l external-id -d 'The external ID the role\'s trust policy expects.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l serial-number -d 'The MFA device\'s serial number or ARN.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l token-code -d 'The code shown by the MFA device.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l source-identity -d 'A source identity to record for the session.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l provided-contexts -d 'Signed context assertions from trusted providers.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand assume-role" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand assume-role" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l role-arn -d 'The ARN of the role to assume.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l principal-arn -d 'The ARN of the SAML identity provider in IAM.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l saml-assertion -d 'The base64-encoded SAML response from the IdP.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l policy-arns -d 'Managed policies that further limit the session\'s permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l policy -d 'An inline session policy (JSON) that further limits permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l duration-seconds -d 'How long the credentials last, in seconds.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-saml" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l role-arn -d 'The ARN of the role to assume.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l role-session-name -d 'A name for the session.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l web-identity-token -d 'The token from the identity provider.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l provider-id -d 'The domain of an OAuth 2.0 provider (not for OIDC).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l policy-arns -d 'Managed policies that further limit the session\'s permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l policy -d 'An inline session policy (JSON) that further limits permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l duration-seconds -d 'How long the credentials last, in seconds.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand assume-role-with-web-identity" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l target-principal -d 'The member account to act on.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l task-policy-arn -d 'The task policy that scopes the session.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l duration-seconds -d 'How long the credentials last, in seconds.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand assume-root" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand assume-root" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l encoded-message -d 'The encoded message from the error.' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand decode-authorization-message" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l access-key-id -d 'The access key ID to look up.' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand get-access-key-info" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand get-caller-identity" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l trade-in-token -d 'The token to trade in.' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand get-delegated-access-token" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l name -d 'The name of the federated user.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l policy -d 'An inline session policy (JSON) that further limits permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l policy-arns -d 'Managed policies that further limit the session\'s permissions.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l duration-seconds -d 'How long the credentials last, in seconds.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l tags -d 'Session tags to pass, as Key and Value pairs.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand get-federation-token" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l duration-seconds -d 'How long the credentials last, in seconds.' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l serial-number -d 'The MFA device\'s serial number or ARN.' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l token-code -d 'The code shown by the MFA device.' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand get-session-token" -s h -l help -d 'Print help'
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l audience -d 'The intended recipients of the token.' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l duration-seconds -d 'How long the token lasts, in seconds.' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l signing-algorithm -d 'The algorithm that signs the token (RS256 or ES384).' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l tags -d 'Tags to add to the token as claims.' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l cli-input-json -d 'Read the parameters from this JSON document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l cli-input-yaml -d 'Read the parameters from this YAML document (or file://path).' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l generate-cli-skeleton -d 'Print a skeleton of the input (input, yaml-input) or a sample of the output.' -r -f -a "input\t''
yaml-input\t''
output\t''"
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l endpoint-url -d 'Send requests to this URL instead of the default endpoint.' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l output -d 'The output format.' -r -f -a "json\t''
text\t''
table\t''
yaml\t''
yaml-stream\t''
off\t''"
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l query -d 'A JMESPath expression that selects from the response.' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l profile -d 'Use this profile from the config and credentials files.' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l region -d 'The region to send requests to.' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l color -d 'Colour in table output.' -r -f -a "on\t''
off\t''
auto\t''"
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l ca-bundle -d 'Verify TLS certificates with this CA bundle (PEM).' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l cli-read-timeout -d 'Seconds to wait for a response (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l cli-connect-timeout -d 'Seconds to wait for a connection (0 waits forever).' -r
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l cli-binary-format -d 'How binary input is read.' -r -f -a "base64\t''
raw-in-base64-out\t''"
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l debug -d 'Log what the tool does to stderr (secrets are never logged).'
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l no-verify-ssl -d 'Do not verify TLS certificates.'
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l no-paginate -d 'Accepted for compatibility; STS has no paginated operations.'
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l version -d 'Print the version and exit.'
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l no-sign-request -d 'Send the request unsigned; no credentials are loaded.'
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -l no-cli-pager -d 'Print directly. On a terminal, output and help otherwise go through AWS_PAGER, cli_pager, PAGER or less (with LESS=FRX unless LESS is set); an empty setting also turns paging off.'
complete -c sts -n "__fish_sts_using_subcommand get-web-identity-token" -s h -l help -d 'Print help'
