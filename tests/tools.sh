# The tools the tests drive, installed where missing and put in this shell's environment.
# Source it (bash or zsh):  . tests/tools.sh && cargo test --locked
#
# - AWS CLI v2, the reference, from the wheel in ../shared/vendor into its own venv (never an
#   `aws` v1 on PATH): STS_TEST_AWS names it; elsewhere set STS_TEST_AWS to any v2 `aws`.
# - moto_server and ruamel.yaml (+ its C emitter), pinned in tests/requirements.txt, into a venv
#   whose bin/ goes first on PATH (so the tests' python3 is that venv's).
# - zsh, fish and man for the completion and man page tests, from Debian's packages when the
#   shell may install them (root, or sudo without a password); otherwise those tests are skipped
#   with a note, outside CI.
sts_tools_setup() {
    local repo here shared cache
    here="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)" || return 1
    repo="$(cd "$here/.." && pwd)" || return 1
    shared="$repo/../shared"
    cache="${XDG_CACHE_HOME:-$HOME/.cache}"
    if [[ -z ${STS_TEST_AWS:-} ]]; then
        if [[ -x $shared/tools/install-aws-v2 ]]; then
            STS_TEST_AWS="$("$shared/tools/install-aws-v2" "$cache/sts-aws-cli-v2")" || return 1
            export STS_TEST_AWS
        else
            echo "tests/tools.sh: no ../shared/tools/install-aws-v2; set STS_TEST_AWS to an AWS CLI v2 aws" >&2
        fi
    fi
    if [[ ! -x $cache/sts-test-tools/bin/python3 ]]; then
        python3 -m venv "$cache/sts-test-tools" || return 1
    fi
    "$cache/sts-test-tools/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r "$here/requirements.txt" || return 1
    case ":$PATH:" in
        *":$cache/sts-test-tools/bin:"*) ;;
        *) export PATH="$cache/sts-test-tools/bin:$PATH" ;;
    esac
    local missing=() program
    for program in zsh fish man; do
        command -v "$program" >/dev/null 2>&1 || missing+=("$program")
    done
    if ((${#missing[@]})); then
        local packages=("${missing[@]/#man/man-db}") sudo=()
        [[ $(id -u) == 0 ]] || sudo=(sudo -n)
        if "${sudo[@]}" true 2>/dev/null; then
            "${sudo[@]}" apt-get update -qq &&
                DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
        else
            echo "tests/tools.sh: ${missing[*]} not installed (apt-get install ${packages[*]}); their tests will be skipped" >&2
        fi
    fi
    "$STS_TEST_AWS" --version
}
sts_tools_setup
