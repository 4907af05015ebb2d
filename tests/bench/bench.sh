#!/usr/bin/env bash
# Benchmark of `sts get-caller-identity` against `aws sts` (v2, and v1 if on PATH), a bare
# `curl --aws-sigv4` and the floor program (floor.rs: the least a program can do for the call);
# of `sts --version` against a Rust hello-world (hello.rs); and of a role's cached credentials
# (`sts export-credentials`, `sts exec -- true`) against start-up and the command alone.
#
# Usage: tests/bench/bench.sh [--check] [--no-build | --sts FILE] [--rounds N] [--aws-rounds N]
#                              [--rss-runs N] [--json FILE]
#   --check       exit 1 when a target is missed (otherwise only report)
#   --no-build    use the release binary already built (in $CARGO_TARGET_DIR or target/)
#   --sts FILE    benchmark this binary instead (no build), e.g. to compare two versions
# Builds the release binary, the floor and the hello-world (rustc alone), starts a local canned
# STS over HTTP and over HTTPS (throwaway CA), times interleaved runs of every contender and
# prints medians (wall and CPU), ratios, peak RSS and verdicts.
# Needs: the Rust toolchain, python3, curl, openssl, GNU time and AWS CLI v2 (STS_TEST_AWS, else
# installed from ../shared/vendor).
# Traffic goes to 127.0.0.1 only; the children get an empty temporary HOME.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

build=1
sts=""
drive_args=()
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        --sts) sts="$2"; build=0; shift ;;
        --check) drive_args+=(--check) ;;
        --rounds | --aws-rounds | --rss-runs | --json) drive_args+=("$1" "$2"); shift ;;
        -h | --help) sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

# --- tools -------------------------------------------------------------------------------
for tool in python3 curl openssl; do
    command -v "$tool" >/dev/null || { echo "bench.sh: $tool is needed" >&2; exit 2; }
done
# The reference is AWS CLI v2 (STS_TEST_AWS, else installed from the wheel in ../shared/vendor).
if [[ -z ${STS_TEST_AWS:-} ]]; then
    STS_TEST_AWS="$("$repo/../shared/tools/install-aws-v2" "${XDG_CACHE_HOME:-$HOME/.cache}/sts-aws-cli-v2")"
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "bench.sh: installing GNU time" >&2
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

# --- binary ------------------------------------------------------------------------------
if [[ -z "$sts" ]]; then
    target_dir="${CARGO_TARGET_DIR:-$repo/target}"
    [[ "$target_dir" = /* ]] || target_dir="$repo/$target_dir"
    sts="$target_dir/release/sts"
fi
if ((build)); then
    # Compiler warnings would bury the figures: keep the log, show it only if the build fails.
    echo "building the release binary in $target_dir ..." >&2
    build_log="$(mktemp "${TMPDIR:-/tmp}/sts-bench-build.XXXXXX")"
    if ! (cd "$repo" && CARGO_TARGET_DIR="$target_dir" cargo build --release) >"$build_log" 2>&1; then
        cat "$build_log" >&2
        rm -f "$build_log"
        exit 2
    fi
    rm -f "$build_log"
fi
sts="$(realpath -m "$sts")"
[[ -x "$sts" ]] || { echo "bench.sh: no binary at $sts" >&2; exit 2; }

# --- scratch dir, servers, cleanup -------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/sts-bench.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The yardsticks, built as their files say: the floor static, the hello-world as cargo would
# (before HOME changes: rustup finds its toolchains there).
rustc --edition 2024 -C opt-level=3 -C panic=abort -C strip=symbols -C target-feature=+crt-static \
    -o "$work/floor" "$here/floor.rs"
rustc --edition 2024 -C opt-level=3 -C strip=symbols -o "$work/hello" "$here/hello.rs"
mkdir -p "$work/home"
export HOME="$work/home" AWS_EC2_METADATA_DISABLED=true

# A throwaway CA and a leaf for 127.0.0.1 signed by it. The leaf must not be a CA itself:
# webpki (rustls) refuses a CA certificate as an end-entity one. P-256 keys keep the
# server's share of each handshake small, which is what every contender pays alike.
(
    cd "$work"
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
        -keyout ca.key -out ca.pem -days 2 -subj "/CN=sts bench CA" 2>/dev/null
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
        -keyout leaf.key -out leaf.csr -subj "/CN=127.0.0.1" 2>/dev/null
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1" >leaf.ext
    openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
        -out leaf.pem -days 2 -extfile leaf.ext 2>/dev/null
)

# Start server.py with the given arguments; sets $port once it has printed its port.
start_server() {
    local out="$work/server.$RANDOM.out"
    python3 "$here/server.py" "$@" >"$out" &
    pids+=($!)
    for _ in $(seq 100); do
        port="$(head -n1 "$out")"
        [[ -n "$port" ]] && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.05
    done
    echo "bench.sh: server.py $* did not start" >&2
    exit 1
}
start_server
http_url="http://127.0.0.1:$port"
start_server --cert "$work/leaf.pem" --key "$work/leaf.key"
https_url="https://127.0.0.1:$port"

# AWS CLI v1, when the `aws` on PATH is one.
aws_v1=()
if command -v aws >/dev/null && aws --version 2>&1 | grep -q '^aws-cli/1\.'; then
    aws_v1=(--aws-v1 "$(command -v aws)")
fi

echo "sts: $sts ($(stat -c %s "$sts") bytes)"
echo "aws: $("$STS_TEST_AWS" --version 2>&1)"
echo "curl: $(curl --version | head -n1 | cut -d' ' -f1-2)"
echo
# In the background and waited for, so that a TERM to this script runs the cleanup at once
# (bash runs traps only between commands) and the cleanup ends the driver too.
python3 "$here/drive.py" --sts "$sts" --aws "$STS_TEST_AWS" --http-url "$http_url" --https-url "$https_url" \
    --ca "$work/ca.pem" --home "$work/home" --floor "$work/floor" --hello "$work/hello" \
    "${aws_v1[@]}" "${drive_args[@]}" &
pids+=($!)
wait "${pids[-1]}"
