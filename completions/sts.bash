_sts() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="sts"
                ;;
            sts,assume-role)
                cmd="sts__subcmd__assume__subcmd__role"
                ;;
            sts,assume-role-with-saml)
                cmd="sts__subcmd__assume__subcmd__role__subcmd__with__subcmd__saml"
                ;;
            sts,assume-role-with-web-identity)
                cmd="sts__subcmd__assume__subcmd__role__subcmd__with__subcmd__web__subcmd__identity"
                ;;
            sts,assume-root)
                cmd="sts__subcmd__assume__subcmd__root"
                ;;
            sts,decode-authorization-message)
                cmd="sts__subcmd__decode__subcmd__authorization__subcmd__message"
                ;;
            sts,get-access-key-info)
                cmd="sts__subcmd__get__subcmd__access__subcmd__key__subcmd__info"
                ;;
            sts,get-caller-identity)
                cmd="sts__subcmd__get__subcmd__caller__subcmd__identity"
                ;;
            sts,get-delegated-access-token)
                cmd="sts__subcmd__get__subcmd__delegated__subcmd__access__subcmd__token"
                ;;
            sts,get-federation-token)
                cmd="sts__subcmd__get__subcmd__federation__subcmd__token"
                ;;
            sts,get-session-token)
                cmd="sts__subcmd__get__subcmd__session__subcmd__token"
                ;;
            sts,get-web-identity-token)
                cmd="sts__subcmd__get__subcmd__web__subcmd__identity__subcmd__token"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        sts)
            opts="-h --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help assume-role assume-role-with-saml assume-role-with-web-identity assume-root decode-authorization-message get-access-key-info get-caller-identity get-delegated-access-token get-federation-token get-session-token get-web-identity-token"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__assume__subcmd__role)
            opts="-h --role-arn --role-session-name --policy-arns --policy --duration-seconds --tags --transitive-tag-keys --external-id --serial-number --token-code --source-identity --provided-contexts --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role-session-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy-arns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tags)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --transitive-tag-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --external-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --serial-number)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token-code)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source-identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --provided-contexts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__assume__subcmd__role__subcmd__with__subcmd__saml)
            opts="-h --role-arn --principal-arn --saml-assertion --policy-arns --policy --duration-seconds --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --principal-arn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --saml-assertion)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy-arns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__assume__subcmd__role__subcmd__with__subcmd__web__subcmd__identity)
            opts="-h --role-arn --role-session-name --web-identity-token --provider-id --policy-arns --policy --duration-seconds --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --role-arn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --role-session-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --web-identity-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --provider-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy-arns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__assume__subcmd__root)
            opts="-h --target-principal --task-policy-arn --duration-seconds --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --target-principal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --task-policy-arn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__decode__subcmd__authorization__subcmd__message)
            opts="-h --encoded-message --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --encoded-message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__get__subcmd__access__subcmd__key__subcmd__info)
            opts="-h --access-key-id --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --access-key-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__get__subcmd__caller__subcmd__identity)
            opts="-h --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__get__subcmd__delegated__subcmd__access__subcmd__token)
            opts="-h --trade-in-token --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --trade-in-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__get__subcmd__federation__subcmd__token)
            opts="-h --name --policy --policy-arns --duration-seconds --tags --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --policy-arns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tags)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__get__subcmd__session__subcmd__token)
            opts="-h --duration-seconds --serial-number --token-code --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --duration-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --serial-number)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token-code)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sts__subcmd__get__subcmd__web__subcmd__identity__subcmd__token)
            opts="-h --audience --duration-seconds --signing-algorithm --tags --cli-input-json --cli-input-yaml --generate-cli-skeleton --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout --cli-binary-format --no-cli-pager --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --audience)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --duration-seconds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --signing-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tags)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-json)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-input-yaml)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --generate-cli-skeleton)
                    COMPREPLY=($(compgen -W "input yaml-input output" -- "${cur}"))
                    return 0
                    ;;
                --endpoint-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "json text table yaml yaml-stream off" -- "${cur}"))
                    return 0
                    ;;
                --query)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "on off auto" -- "${cur}"))
                    return 0
                    ;;
                --ca-bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-read-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cli-binary-format)
                    COMPREPLY=($(compgen -W "base64 raw-in-base64-out" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _sts -o nosort -o bashdefault -o default sts
else
    complete -F _sts -o bashdefault -o default sts
fi
