# Generates tests/golden/table-unit/cases.jsonl: expected `--output table` bytes for many values,
# computed by awscli's own TableFormatter (see harness.py, checked against the real `aws` by
# verify_cli.py). One JSON object per line:
#   {"title": str, "value": any, "color": bool, "widths": [int], "output": str}
# or with "error": str (the exception text the CLI prints) instead of "output". Cases with the
# same output at several terminal widths share a line.
#
# Usage: python3 gen_corpus.py cases.jsonl   (Python 3.11 with awscli 1.45 importable)
# Cases whose result depends on Python's string-hash seed (the order of a set) are left out:
# the script runs itself under two seeds and keeps only the cases where they agree.
import glob, json, os, random, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness

WIDTHS = [40, 80, 120]
GOLDEN_JSON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "json")

CREDS = {
    "AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
    "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
    "SessionToken": "AQoDYXdzEPT//////////wEXAMPLEtc764",
    "Expiration": "2024-03-15T00:05:07Z",
}


def title_of(filename):
    names = {"assume-role-with-saml": "AssumeRoleWithSAML"}
    base = os.path.basename(filename)[:-5]
    return names.get(base) or "".join(p.capitalize() for p in base.split("-"))


def fixed_cases():
    """Returns (cases, colour_cases): colour only changes how lines are written, so it is
    tested on the short STS shapes and a few query shapes, not on everything."""
    cases = []
    # Every STS operation's full response, as the JSON golden files hold it.
    for path in sorted(glob.glob(f"{GOLDEN_JSON}/*.json")):
        cases.append((title_of(path), json.load(open(path))))
    # Response shapes with the short example values of the AWS docs.
    cases += [
        ("GetCallerIdentity", {"UserId": "AIDASAMPLEUSERID", "Account": "123456789012",
                               "Arn": "arn:aws:iam::123456789012:user/DevAdmin"}),
        ("GetCallerIdentity", {"UserId": "AIDACKCEVSQ6C2EXAMPLE", "Account": "123456789012",
                               "Arn": "arn:aws:iam::123456789012:user/Alice"}),
        ("AssumeRole", {"Credentials": CREDS, "AssumedRoleUser": {
            "AssumedRoleId": "AROA3XFRBF535PLBIFPI4:s3-access-example",
            "Arn": "arn:aws:sts::123456789012:assumed-role/xaccounts3access/s3-access-example"},
            "PackedPolicySize": 8, "SourceIdentity": "Alice"}),
        ("AssumeRole", {"Credentials": CREDS, "AssumedRoleUser": {
            "AssumedRoleId": "AROAEXAMPLE:s1", "Arn": "arn:aws:sts::123456789012:assumed-role/demo/s1"},
            "PackedPolicySize": 6}),
        ("GetSessionToken", {"Credentials": CREDS}),
        ("GetFederationToken", {"Credentials": CREDS, "FederatedUser": {
            "FederatedUserId": "111122223333:Bob", "Arn": "arn:aws:sts::111122223333:federated-user/Bob"},
            "PackedPolicySize": 36}),
        ("GetAccessKeyInfo", {"Account": "111122223333"}),
        ("GetWebIdentityToken", {"WebIdentityToken": "eyJhbGciOiJSUzI1NiJ9.e30.sig",
                                 "Expiration": "2024-03-15T00:05:07.123Z"}),
        ("DecodeAuthorizationMessage", {"DecodedMessage": "{\"allowed\":false,\"context\":{\"action\":\"ec2:RunInstances\"}}"}),
        ("AssumeRoot", {"Credentials": CREDS, "SourceIdentity": "Admin"}),
        ("AssumeRoleWithWebIdentity", {"Credentials": CREDS, "SubjectFromWebIdentityToken": "amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A",
                                       "AssumedRoleUser": {"Arn": "arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1", "AssumedRoleId": "AROACLKWSDQRAOEXAMPLE:app1"},
                                       "PackedPolicySize": 123, "Provider": "www.amazon.com", "Audience": "client.5498841531868486423.1548@apps.example.com", "SourceIdentity": "SourceIdentityValue"}),
        ("AssumeRole", {"PackedPolicySize": 0, "SourceIdentity": ""}),
        ("GetCallerIdentity", {"UserId": "", "Account": "", "Arn": ""}),
        ("AVeryLongOperationTitleThatIsWiderThanItsContentByFar", {"a": 1}),
        ("AVeryLongOperationTitleThatIsWiderThanItsContentByFar", True),
        ("", {"a": 1, "b": 2}),
        ("", "x"),
        ("Op", {"": {"k": 1}, "x": 1}),
        ("Op", {"": 1}),
        ("Op", {"": 1, " ": 2}),
        ("Wide中文Title", {"k": "v"}),
    ]
    colour_cases = cases[-23:]  # the short shapes above, not the long golden files
    colour_cases += [
        ("AssumeRole", "x"), ("AssumeRole", ["é—°", None, 1.5]), ("AssumeRole", [[1, 2], [3, 4]]),
        ("AssumeRole", [{"a": 1, "n": {"x": 1, "y": [{"z": 2}]}}, {"a": 2, "n": {"x": 3}}]),
        ("AssumeRole", {"k": "x" * 150, "j": "y" * 90}), ("AssumeRole", [{"n": {"m": {"o": 1}}}]),
        ("AssumeRole", [[1], [2, 3]]),
    ]
    # --query results of every JSON type.
    scalars = [None, True, False, 0, 0.0, -0.0, 1, -1, 7, 1.5, -2.25, 1e16, 1e15, 1e-7, 0.1,
               123456789012, 9007199254740993, "", "ASIAIOSFODNN7EXAMPLE", "a b", "tab\tin",
               "new\nline", "é", "é—°", "中文", "😀", "e\u0301", "Ü©£¥", "\u0000\u001f\u007f",
               "'quote'", "\"dq\"", "back\\slash"]
    for s in scalars:
        cases.append(("AssumeRole", s))
        cases.append(("AssumeRole", [s]))
        cases.append(("GetCallerIdentity", {"Key": s}))
        cases.append(("GetCallerIdentity", {"Key": s, "Other": "x"}))
    cases += [
        ("AssumeRole", []), ("AssumeRole", {}), ("AssumeRole", [[]]), ("AssumeRole", [{}]),
        ("AssumeRole", [[], []]), ("AssumeRole", [{}, {}]), ("AssumeRole", [None, None]),
        ("AssumeRole", scalars),
        ("AssumeRole", [[1, 2], [3, 4]]),
        ("AssumeRole", [[1], [2, 3]]),
        ("AssumeRole", [[1, 2], [3]]),
        ("AssumeRole", [1, [2]]),
        ("AssumeRole", [1, [2, 3]]),
        ("AssumeRole", [[1, [2]], [3, [4]]]),
        ("AssumeRole", [[[1, 2]], [[3, 4]]]),
        ("AssumeRole", [[[1], [2]]]),
        ("AssumeRole", [{"a": 1}, {"b": 2}]),
        ("AssumeRole", [{"a": 1, "b": 2}, {"b": 3, "c": "é"}]),
        ("AssumeRole", [{"a": 1}, {"a": [1, 2]}]),
        ("AssumeRole", [{"a": [1, 2]}, {"a": 1}]),
        ("AssumeRole", [{"a": {"x": 1}}, {"a": "s"}, {"a": 0}]),
        ("AssumeRole", [{"a": 1, "n": {"x": 1, "y": 2}}, {"a": 2, "n": {"x": 3}}, {"a": 3}]),
        ("AssumeRole", [{"n": [{"x": 1}, {"x": 2}]}, {"n": []}]),
        ("AssumeRole", [{"n": {"m": {"o": {"p": "deep"}}}}]),
        ("AssumeRole", [{"a": {}}]),
        ("AssumeRole", [{"a": {"b": 1}}]),
        ("AssumeRole", [{"a": 1}, 2]),
        ("AssumeRole", [{"a": 1}, "s"]),
        ("AssumeRole", [{"a": 1}, ""]),
        ("AssumeRole", [{"a": 1}, []]),
        ("AssumeRole", [{"a": 1}, [0]]),
        ("AssumeRole", [{}, [0]]),
        ("AssumeRole", [{}, [5]]),
        ("AssumeRole", [{}, [-1, 0]]),
        ("AssumeRole", [{}, [1.5]]),
        ("AssumeRole", [{}, [None]]),
        ("AssumeRole", [{}, ["a"]]),
        ("AssumeRole", [{}, [True, 1]]),
        ("AssumeRole", [{}, [18446744073709551615]]),
        ("AssumeRole", [{"a": 1}, None]),
        ("AssumeRole", [{"a": 1}, True]),
        ("AssumeRole", [{"a": 1}, 1.5]),
        ("AssumeRole", [{"a": 1}, {"a": 2}, [[]]]),
        ("AssumeRole", [1, {"a": 1}]),
        ("AssumeRole", ["x", {"a": 1, "b": 2}]),
        ("AssumeRole", [{"a": 1, "b": 2}]),
        ("AssumeRole", [{"b": 1, "a": 2}, {"c": 3}]),
        ("AssumeRole", [[{"a": 1}], [{"a": 2}]]),
        ("AssumeRole", [[{"a": 1, "b": [1]}], [{"a": 2, "b": [2]}]]),
        ("AssumeRole", [[1], [{"a": 1}]]),
        ("AssumeRole", [[1], [{"a": 1, "b": 2}]]),
        ("AssumeRole", [[], [{"a": 1}]]),
        ("AssumeRole", [[], [1, 2]]),
        ("AssumeRole", [[1, {"a": 1}]]),
        ("AssumeRole", [["k", {"a": 1}], [{"b": 1}]]),
        ("AssumeRole", {"a": [1, [2, 3]]}),
        ("AssumeRole", {"a": [[1], [2]], "b": [[3, 4]]}),
        ("AssumeRole", {"a": [1, {"x": 1}]}),
        ("AssumeRole", {"Upper": 1, "lower": 2, "Émile": 3, "中": 4, "_": 5, "1": 6}),
        ("AssumeRole", {"z": {}, "y": [], "x": "", "w": None, "v": False}),
        ("AssumeRole", {"a": {"b": {"c": {"d": {"e": 1, "f": 2}}}}}),
        ("AssumeRole", {"list": ["a", "b"], "obj": {"k": "v"}, "s": 1}),
        ("AssumeRole", {"k": "x" * 150}),
        ("AssumeRole", {"k": "x" * 150, "j": "y" * 90}),
        ("AssumeRole", {"a": "x" * 30, "b": "y" * 30, "c": "z" * 30}),
        ("AssumeRole", [{"a": "x" * 30, "b": "y" * 30, "c": "z" * 30}]),
        ("AssumeRole", [{"a": "x" * 30, "b": "y" * 30, "c": "z" * 30}, {"a": "1"}]),
        ("AssumeRole", ["中文" * 30]),
        ("AssumeRole", {"é—°": "中文°", "e\u0301": "\u0301"}),
        ("AssumeRole", {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11}),
        ("AssumeRole", {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": 1, "b": 2}),
        ("AssumeRole", {"a": [1, 2, 3], "b": 1}),
        ("AssumeRole", [["a", "bb", "ccc"], ["dddd", "e", "f"]]),
        ("AssumeRole", [{"a": 1.0, "b": 1e16, "c": None, "d": True, "e": False}]),
        ("AssumeRole", [{"a": [1, "x", None]}, {"a": {"k": [1, {"z": "é"}], "q": "it's"}}]),
        ("AssumeRole", [{"a": 1}, {"a": {"k": "say \"hi\" it's"}}]),
        ("AssumeRole", [{"a": 1}, {"a": ["\u0000\u00a0\u200b\ue000\n\t\\"]}]),
    ]
    # Column-width rounding: columns whose scaled widths land on .5 (banker's rounding).
    for n in range(1, 12):
        cases.append(("T", {"a" * n: "b" * (2 * n + 1), "c": "d" * n}))
        cases.append(("T", [{"a" * n: "b" * (n + 3), "c" * (n % 3 + 1): "d"}, {"e": 1}]))
    return cases, colour_cases


ALPHABET = ["a", "b", "Z", "é", "中", "—", "\u0301", " ", "0", "😀", "_"]
KEYS = ["a", "b", "B", "é", "中文", "", "Key", "k2", "long_key_name_here"]


def random_value(rng, depth):
    kind = rng.random()
    if depth >= 4 or kind < 0.35:
        return rng.choice([
            None, True, False, 0, 1, -3, 42, 0.0, 2.5, 1e16, "", "x",
            "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))),
            "y" * rng.randint(10, 40),
        ])
    if kind < 0.55:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if kind < 0.7:  # list of objects, the common query shape
        n = rng.randint(1, 3)
        return [{k: random_value(rng, depth + 2) for k in rng.sample(KEYS, rng.randint(0, 3))}
                for _ in range(n)]
    return {k: random_value(rng, depth + 1) for k in rng.sample(KEYS, rng.randint(0, 4))}


def random_cases(count, seed=20240315):
    rng = random.Random(seed)
    return [(rng.choice(["Op", "GetCallerIdentity", "X"]), random_value(rng, 0))
            for _ in range(count)]


def compute(cases, colors):
    lines = []
    for title, value in cases:
        for color in colors:
            groups = {}
            for width in WIDTHS:
                result = harness.render(title, json.loads(json.dumps(value)), width, color)
                key = json.dumps(result, ensure_ascii=False)
                groups.setdefault(key, (result, []))[1].append(width)
            for result, widths in groups.values():
                line = {"title": title, "value": value, "color": color, "widths": widths}
                line.update(result)
                lines.append(json.dumps(line, ensure_ascii=False))
    return lines


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--raw":
        seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20240315
        # Colour changes only how lines are written, so the random values go without it.
        cases, colour_cases = fixed_cases()
        lines = compute(cases, (False,)) + compute(colour_cases, (True,))
        lines += compute(random_cases(int(sys.argv[2]), seed), (False,))
        sys.stdout.write("\n".join(lines) + "\n")
        return
    out_path = sys.argv[1]
    runs = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        runs.append(subprocess.run([sys.executable, __file__, "--raw", "150"], env=env,
                                   capture_output=True, text=True, check=True).stdout.splitlines())
    kept = [line for line, b, c in zip(*runs) if line == b == c]
    dropped = len(runs[0]) - len(kept)
    with open(out_path, "w") as f:
        f.write("\n".join(kept) + "\n")
    print(f"{len(kept)} lines written, {dropped} seed-dependent lines dropped", file=sys.stderr)


main()
