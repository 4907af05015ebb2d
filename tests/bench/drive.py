#!/usr/bin/env python3
# Timing driver of the benchmark: interleaved runs of sts, the floor program, curl and aws;
# medians of wall and CPU time, peak RSS, ratios and verdicts.
#
# bench.sh starts the servers and calls this; run it directly only with servers already up.
# Each round runs every contender once, in an order that rotates from round to round, so a
# slow spell of the machine hits all of them alike instead of whichever ran during it.

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

KEY, SECRET, REGION = "AKIDBENCHEXAMPLE", "benchSecretKeyExample0000000000000000000", "us-east-1"
FORM = "Action=GetCallerIdentity&Version=2011-06-15"

# The targets (the issues that set them: tests/bench is where they are checked).
MAX_STS_OVER_AWS = 1 / 50
MAX_STS_OVER_CURL_HTTP = 1.2
MAX_STS_OVER_FLOOR_HTTP = 1.3
MAX_STS_OVER_CURL_HTTPS = 0.4
MAX_RSS_MIB = 8.0
MAX_BUNDLE_OVER_PLAIN_HTTP = 1.05
MAX_VERSION_OVER_HELLO = 1.2
MAX_WARM_OVER_VERSION = 1.3
MAX_EXEC_OVER_TRUE_MS = 3.0

# A role profile over keys, for `sts exec`: assumed once (check_output), then cached.
CONFIG = f"""[profile bench-role]
role_arn = arn:aws:iam::123456789012:role/bench
role_session_name = bench
source_profile = bench-keys

[profile bench-keys]
aws_access_key_id = {KEY}
aws_secret_access_key = {SECRET}
"""


def child_env(home):
    """A clean environment: no profile, CA bundle or proxy from the caller leaks in."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LANG": "C.UTF-8",
        "AWS_ACCESS_KEY_ID": KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.path.join(home, ".aws", "config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, ".aws", "credentials"),
        "NO_PROXY": "127.0.0.1",
    }


def contenders(a):
    curl = [a.curl, "-s", "-f", "--aws-sigv4", f"aws:amz:{REGION}:sts", "--user", f"{KEY}:{SECRET}",
            "-d", FORM, "-H", "Content-Type: application/x-www-form-urlencoded; charset=utf-8"]
    return {
        "sts http": [a.sts, "get-caller-identity", "--endpoint-url", a.http_url],
        # The same call with a large CA bundle configured (a common corporate set-up): plain
        # HTTP needs no trust store, so this must cost no more than without it.
        "sts http+bundle": [a.sts, "get-caller-identity", "--endpoint-url", a.http_url],
        "sts https": [a.sts, "get-caller-identity", "--endpoint-url", a.https_url, "--ca-bundle", a.ca],
        "curl http": curl + [a.http_url + "/"],
        "curl https": curl + ["--cacert", a.ca, a.https_url + "/"],
        "aws http": [a.aws, "--endpoint-url", a.http_url, "sts", "get-caller-identity"],
        **({"aws v1 http": [a.aws_v1, "--endpoint-url", a.http_url, "sts", "get-caller-identity"]}
           if a.aws_v1 else {}),
        # The least a program can do for the same call (floor.rs), and for starting (hello.rs).
        "floor http": [a.floor, a.http_url],
        "hello": [a.hello],
        "sts --version": [a.sts, "--version"],
        # A role's cached credentials, as a credential_process hook asks for them.
        "sts export warm": [a.sts, "export-credentials", "--profile", "bench-role"],
        # A command run with a role's cached credentials, against the command alone.
        "sts exec true": [a.sts, "exec", "--profile", "bench-role", "--", a.true],
        "true": [a.true],
    }


# Variables a contender adds to the common environment.
EXTRA_ENV = {
    "sts http+bundle": lambda a: {"AWS_CA_BUNDLE": a.system_bundle},
    "sts export warm": lambda a: {"AWS_ENDPOINT_URL_STS": a.http_url},
    "sts exec true": lambda a: {"AWS_ENDPOINT_URL_STS": a.http_url},
}
# Contenders that print no account: they only have to succeed (and print nothing on stderr).
SILENT = ("sts exec true", "true", "hello", "sts --version", "sts export warm")
# The slow ones join only some rounds.
SLOW = ("aws http", "aws v1 http")


def check_output(name, argv, env):
    """One untimed run that must succeed and show the fixture's account (also warms caches)."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    if name in SILENT:
        printing = name in ("hello", "sts --version", "sts export warm")
        if done.returncode != 0 or bool(done.stdout) != printing or done.stderr:
            sys.exit(f"{name} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
        return
    if done.returncode != 0 or "123456789012" not in done.stdout:
        sys.exit(f"{name} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    if name.startswith(("sts", "aws")):
        json.loads(done.stdout)  # both must print JSON
    elif name == "floor http" and "<GetCallerIdentityResponse" not in done.stdout:
        sys.exit(f"{name} did not print the answer:\n{done.stdout}")


def timed_run(argv, env, devnull):
    """Wall time and CPU time (user + system, from the child's rusage) in seconds of one run,
    from spawn to reaped exit.

    posix_spawn (vfork underneath) costs the driver next to nothing per run, the same for
    every contender; the output goes to /dev/null so no pipe reading is timed.
    """
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
               (os.POSIX_SPAWN_DUP2, devnull, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"run failed (status {status}): {' '.join(argv)}")
    return elapsed, usage.ru_utime + usage.ru_stime


def peak_rss_kib(argv, env, time_bin):
    """Peak RSS of one run in KiB, as GNU time reports it.

    Not taken from the driver's own wait4: a child spawned from Python is charged with the
    Python process's high-water RSS (the mm it ran on until exec), ~10+ MiB of noise.
    GNU time forks from a ~1 MiB process, so its figure is the program's own.
    """
    done = subprocess.run([time_bin, "-f", "%M", *argv], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=60, check=True)
    return int(done.stderr.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser(description="Interleaved timing of sts against curl and aws.")
    p.add_argument("--sts", required=True)
    p.add_argument("--aws", required=True, help="the AWS CLI v2 executable")
    p.add_argument("--aws-v1", help="an AWS CLI v1 executable, if there is one")
    p.add_argument("--floor", required=True, help="the floor program (floor.rs), built")
    p.add_argument("--hello", required=True, help="the Rust hello-world (hello.rs), built")
    p.add_argument("--http-url", required=True)
    p.add_argument("--https-url", required=True)
    p.add_argument("--ca", required=True, help="PEM CA that signed the HTTPS server's cert")
    p.add_argument("--home", required=True, help="empty HOME for the children")
    p.add_argument("--system-bundle", default="/etc/ssl/certs/ca-certificates.crt",
                   help="a large PEM bundle for the 'sts http+bundle' contender")
    p.add_argument("--rounds", type=int, default=40)
    p.add_argument("--aws-rounds", type=int, default=10)
    p.add_argument("--rss-runs", type=int, default=10)
    p.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    p.add_argument("--json", help="also write the figures to this file")
    a = p.parse_args()
    a.curl = shutil.which("curl")
    a.true = shutil.which("true") or "/bin/true"
    os.makedirs(os.path.join(a.home, ".aws"), exist_ok=True)
    with open(os.path.join(a.home, ".aws", "config"), "w") as config:
        config.write(CONFIG)

    time_bin = shutil.which("time", path="/usr/bin:/bin") or sys.exit("GNU time is needed")
    # A pyenv shim is a bash script around `pyenv exec`: time aws itself, not the shim.
    if a.aws and "/shims/" in a.aws and shutil.which("pyenv"):
        a.aws = subprocess.run(["pyenv", "which", "aws"], capture_output=True, text=True,
                               check=True).stdout.strip()
    if not a.curl or not a.aws:
        sys.exit("curl and aws must be on PATH")

    env = child_env(a.home)
    runs = contenders(a)
    envs = {name: {**env, **EXTRA_ENV.get(name, lambda _: {})(a)} for name in runs}
    for name, argv in runs.items():
        check_output(name, argv, envs[name])

    samples = {name: [] for name in runs}
    cpu = {name: [] for name in runs}
    names = list(runs)
    # aws takes ~0.5 s a run, so it joins only every `aws_every`-th round.
    aws_every = max(1, a.rounds // max(1, a.aws_rounds))
    devnull = os.open(os.devnull, os.O_RDWR)
    for r in range(a.rounds):
        order = [n for n in names if n not in SLOW or (r % aws_every == 0 and
                                                       len(samples[n]) < a.aws_rounds)]
        shift = r % len(order)
        for name in order[shift:] + order[:shift]:
            wall, used = timed_run(runs[name], envs[name], devnull)
            samples[name].append(wall)
            cpu[name].append(used)
        print(f"\rround {r + 1}/{a.rounds}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)

    rss_kib = {n: [] for n in ("sts http", "sts https")}
    for _ in range(a.rss_runs):
        for n in rss_kib:
            rss_kib[n].append(peak_rss_kib(runs[n], envs[n], time_bin))

    ms = {n: statistics.median(s) * 1000 for n, s in samples.items()}
    cpu_ms = {n: statistics.median(s) * 1000 for n, s in cpu.items()}
    peak_mib = max(max(v) for v in rss_kib.values()) / 1024
    exec_over_true = ms["sts exec true"] - ms["true"]
    checks = [
        ("sts http / aws http", ms["sts http"] / ms["aws http"], MAX_STS_OVER_AWS, ".4f"),
        ("sts http / curl http", ms["sts http"] / ms["curl http"], MAX_STS_OVER_CURL_HTTP, ".2f"),
        ("sts http / floor http", ms["sts http"] / ms["floor http"], MAX_STS_OVER_FLOOR_HTTP,
         ".2f"),
        ("sts https / curl https", ms["sts https"] / ms["curl https"], MAX_STS_OVER_CURL_HTTPS,
         ".2f"),
        ("sts http+bundle / http", ms["sts http+bundle"] / ms["sts http"],
         MAX_BUNDLE_OVER_PLAIN_HTTP, ".2f"),
        ("sts --version / hello", ms["sts --version"] / ms["hello"], MAX_VERSION_OVER_HELLO,
         ".2f"),
        ("export warm / --version", ms["sts export warm"] / ms["sts --version"],
         MAX_WARM_OVER_VERSION, ".2f"),
        ("exec-true / --version", exec_over_true / ms["sts --version"], MAX_WARM_OVER_VERSION,
         ".2f"),
        ("sts exec true - true (ms)", exec_over_true, MAX_EXEC_OVER_TRUE_MS, ".2f"),
        ("sts peak RSS (MiB)", peak_mib, MAX_RSS_MIB, ".1f"),
    ]

    print(f"{'contender':<16} {'runs':>4} {'median ms':>10} {'min ms':>8} {'max ms':>8} "
          f"{'cpu ms':>8}")
    for n, s in samples.items():
        print(f"{n:<16} {len(s):>4} {ms[n]:>10.2f} {min(s) * 1000:>8.2f} {max(s) * 1000:>8.2f} "
              f"{cpu_ms[n]:>8.2f}")
    print(f"sts https - sts http: {ms['sts https'] - ms['sts http']:.2f} ms (the handshake and "
          f"the trust set-up); curl https - curl http: "
          f"{ms['curl https'] - ms['curl http']:.2f} ms")
    print(f"\n{'measure':<26} {'value':>8} {'target':>8}  verdict")
    failed = False
    for label, value, limit, fmt in checks:
        ok = value <= limit
        failed |= not ok
        shown_limit = "1/50" if limit == MAX_STS_OVER_AWS else f"{limit:g}"
        print(f"{label:<26} {value:>8{fmt}} {'<= ' + shown_limit:>8}  {'PASS' if ok else 'FAIL'}")
    print(f"sts/aws as a fraction: 1/{ms['aws http'] / ms['sts http']:.0f}; sts peak RSS, max "
          + ", ".join(f"{n} {max(v) / 1024:.1f} MiB" for n, v in rss_kib.items())
          + f" ({a.rss_runs} runs each, GNU time)")

    if a.json:
        with open(a.json, "w") as f:
            json.dump({"median_ms": ms, "median_cpu_ms": cpu_ms,
                       "samples_ms": {n: [x * 1000 for x in s] for n, s in samples.items()},
                       "sts_peak_rss_kib": rss_kib,
                       "checks": {label: {"value": v, "limit": lim, "pass": v <= lim}
                                  for label, v, lim, _ in checks}}, f, indent=1)
    if a.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
