# Usage: python3 verify_cli.py   (needs `aws` v1 on PATH; talks to 127.0.0.1 only)
# Checks the harness against the real `aws` (v1) end to end: for each operation and query,
# gets the value with --output json, then compares `--output table` from the real CLI (piped
# at width 80, and inside a pseudo-terminal of 120, 52 and 40 columns) with harness.render.
import fcntl, json, os, pty, struct, subprocess, sys, tempfile, termios

sys.path.insert(0, os.path.dirname(__file__))
import harness

SERVER = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "fake_sts.py")],
                          stdout=subprocess.PIPE, text=True)
PORT = SERVER.stdout.readline().strip()
ENV = dict(os.environ, HOME=tempfile.mkdtemp(), AWS_ACCESS_KEY_ID="x",
           AWS_SECRET_ACCESS_KEY="y", AWS_DEFAULT_REGION="us-east-1",
           AWS_EC2_METADATA_DISABLED="true")
BASE = ["aws", "--endpoint-url", f"http://127.0.0.1:{PORT}", "sts"]
ROLE = "arn:aws:iam::123456789012:role/demo"
OPS = [
    ("AssumeRole", ["assume-role", "--role-arn", ROLE, "--role-session-name", "s1"]),
    ("AssumeRoleWithSAML", ["assume-role-with-saml", "--role-arn", ROLE, "--principal-arn",
                            "arn:aws:iam::123456789012:saml-provider/x", "--saml-assertion", "abcd"]),
    ("AssumeRoleWithWebIdentity", ["assume-role-with-web-identity", "--role-arn", ROLE,
                                   "--role-session-name", "s1", "--web-identity-token", "abcd"]),
    ("AssumeRoot", ["assume-root", "--target-principal", "123456789012", "--task-policy-arn",
                    "arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials"]),
    ("DecodeAuthorizationMessage", ["decode-authorization-message", "--encoded-message", "abc"]),
    ("GetAccessKeyInfo", ["get-access-key-info", "--access-key-id", "AKIAIOSFODNN7EXAMPLE"]),
    ("GetCallerIdentity", ["get-caller-identity"]),
    ("GetDelegatedAccessToken", ["get-delegated-access-token", "--trade-in-token", "abcd"]),
    ("GetFederationToken", ["get-federation-token", "--name", "Bob"]),
    ("GetSessionToken", ["get-session-token"]),
    ("GetWebIdentityToken", ["get-web-identity-token", "--audience", "a", "--signing-algorithm", "RS256"]),
]
QUERIES = [None, "Account", "`false`", "`1.5`", "`[1, [2, 3], {\"a\": 1}]`", "`[[1], [2, 3]]`",
           "[`1`, `{\"é—\": \"中文°\"}`]", "`[{\"a\": 1, \"b\": {\"c\": 1}}, {\"a\": 2, \"b\": {\"c\": 2}}]`",
           "{x: `\"a\"`, y: `[{\"k\": 1}]`}"]


def run_piped(args, color):
    cp = subprocess.run(args + ["--color", color], env=ENV, capture_output=True)
    return cp.returncode, cp.stdout.decode(), cp.stderr.decode()


def run_pty(args, cols, color):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST  # no \n -> \r\n
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    proc = subprocess.Popen(args + ["--color", color], env=ENV, stdout=slave,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    err = proc.stderr.read()
    proc.wait()
    os.close(master)
    return proc.returncode, out.decode(), err.decode()


def main():
    checked = failed = 0
    for title, op in OPS:
        for query in QUERIES:
            if query == "Account" and title != "GetCallerIdentity":
                continue
            qargs = [] if query is None else ["--query", query]
            args = BASE + op + qargs
            cp = subprocess.run(args + ["--output", "json"], env=ENV, capture_output=True)
            value = json.loads(cp.stdout) if cp.stdout.strip() else {}
            targs = args + ["--output", "table"]
            runs = [("pipe", 80, False, run_piped(targs, "off")),
                    ("pipe", 80, True, run_piped(targs, "on"))]
            for cols in (120, 52, 40):
                runs.append(("pty", cols, False, run_pty(targs, cols, "off")))
            runs.append(("pty", 40, True, run_pty(targs, 40, "auto")))
            for kind, cols, color, (rc, out, err) in runs:
                want = harness.render(title, json.loads(json.dumps(value)), cols, color)
                reset = "\x1b[0m" if color else ""
                if "error" in want:
                    # colorama wraps stderr too, and resets stdout at exit on a terminal.
                    text = want["error"]
                    want_err = f"\n{reset}{text}{reset}\n{reset}"
                    want_out = reset if kind == "pty" else ""
                    ok = rc == 255 and out == want_out and err == want_err
                else:
                    expected = want["output"]
                    if kind == "pty" and color:
                        expected += "\x1b[0m"  # colorama's atexit reset on a terminal
                    ok = rc == 0 and out == expected
                checked += 1
                if not ok:
                    failed += 1
                    print("MISMATCH", title, query, kind, cols, color, rc, repr(out[:300]), repr(err[:300]), repr(want)[:300])
        print(title, "done", flush=True)
    print(f"{checked} CLI runs compared, {failed} mismatches")


try:
    main()
finally:
    SERVER.terminate()
