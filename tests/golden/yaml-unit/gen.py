"""Regenerate corpus.jsonl, the golden cases for src/output/yaml.rs.

The expected text comes from the code AWS CLI v2 runs: ruamel.yaml 0.19.1 with its C emitter
(ruamel.yaml.clib 0.2.15, which v2 ships), driven as awscli/formatter.py's YAMLDumper,
YAMLFormatter and StreamedYAMLFormatter drive it. Without the clib, ruamel falls back to its
pure-Python emitter, which writes different bytes (emoji unescaped, other quoting), so the
script refuses to run then.

    python3 -m venv /tmp/yaml-venv
    /tmp/yaml-venv/bin/pip install ruamel.yaml==0.19.1 ruamel.yaml.clib==0.2.15
    /tmp/yaml-venv/bin/python tests/golden/yaml-unit/gen.py

Each line of corpus.jsonl is {"name", "stream", "input" (JSON text), "expected"}.
"""
import glob
import io
import json
import os
import random

from ruamel.yaml import YAML
from ruamel.yaml.main import CEmitter

HERE = os.path.dirname(os.path.abspath(__file__))
assert CEmitter is not None, 'ruamel.yaml.clib is missing: AWS CLI v2 uses its C emitter'


class YAMLDumper:
    """awscli/formatter.py YAMLDumper (v2)."""

    def __init__(self):
        self._yaml = YAML(typ='safe')
        self._yaml.encoding = None
        self._yaml.representer.default_flow_style = False

    def dump(self, value, stream):
        if value is None or isinstance(value, (int, float, bool, str)):
            json.dump(value, stream, ensure_ascii=False)
            stream.write('\n')
        else:
            self._yaml.dump(value, stream)


def render(value, stream):
    """YAMLFormatter (stream=False) or StreamedYAMLFormatter (stream=True) of one response."""
    out = io.StringIO()
    if value != {}:
        YAMLDumper().dump([value] if stream else value, out)
    return out.getvalue()


cases = []


def add(name, value, streams=(False,)):
    text = json.dumps(value, ensure_ascii=False)
    parsed = json.loads(text)  # exactly what the Rust side parses
    for stream in streams:
        cases.append({'name': name, 'stream': stream, 'input': text,
                      'expected': render(parsed, stream)})


BOTH = (False, True)

# 1. Every STS operation's full response, from the JSON goldens.
for path in sorted(glob.glob(os.path.join(HERE, '..', 'json', '*.json'))):
    with open(path) as f:
        add('response/' + os.path.basename(path)[:-5], json.load(f), BOTH)

# 2. --query result types.
query_results = {
    'null': None, 'true': True, 'false': False, 'int': 8, 'negative': -7, 'zero': 0,
    'u64max': 18446744073709551615, 'i64min': -9223372036854775808,
    'float': 1.5, 'float-one': 1.0, 'float-big': 1e16, 'float-bigger': 1.5e300,
    'float-small': 1e-07, 'float-tiny': 5e-324, 'float-neg-zero': -0.0, 'float-third': 0.1 + 0.2,
    'string': 'ASIAIOSFODNN7EXAMPLE', 'string-number': '123456789012',
    'string-timestamp': '2024-03-15T00:05:07+00:00', 'string-empty': '',
    'string-quote': 'it\'s "quoted"', 'string-unicode': 'é中😀', 'string-control': 'a\tb\x00\x7f\u2028',
    'string-newline': 'a\nb',
    'empty-list': [], 'empty-object': {}, 'list-of-empties': [[], {}, [[]], [{}]],
    'nested-lists': [[1, [2, [3, []]]], [[['deep']]]],
    'list-scalars': ['ASIA', 8, None, True, 1.5, ''],
    'objects-different-keys': [{'b': 1, 'a': 2}, {'c': [1, 2], 'a': {}}, {}, {'z': {'y': {'x': []}}}],
    'object-nested': {'Z': 8, 'A': 'arn:aws:sts::123456789012:assumed-role/demo/John',
                      'M': '2024-03-15T00:05:07+00:00', 'L': [{'k': 'v'}, ['x', {'q': None}]]},
    'object-of-lists': {'a': [], 'b': [1], 'c': [[1, 2], [3]], 'd': [{'e': [{'f': 1}]}]},
    'keys-sorted': {'b': 1, 'B': 2, 'a': 3, '_': 4, '1': 5, 'é': 6, 'Z': 7, '': 8, ' ': 9, 'aa': 10},
    'deep': {'a': {'b': {'c': {'d': {'e': {'f': {'g': {'h': {'i': {'j': 'deep value'}}}}}}}}}},
    'deep-list': [[[[[[[[[['x']]]]]]]]]],
}
for name, value in query_results.items():
    add('query/' + name, value, BOTH)

# 3. Strings that YAML would read as something else, indicators, whitespace, escapes.
tricky = [
    '', ' ', '  ', 'a ', ' a', 'a  b', 'a\n', '\na', 'a\n\nb', 'a\n b', 'a \nb', '\n', '\n\n',
    'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'yes', 'Yes', 'no', 'No', 'on', 'off', 'y', 'n',
    'null', 'Null', 'NULL', 'nULL', '~', '-', '--', '---', '----', '--- a', '...', '.... ', '....',
    '123', '-123', '+123', '0', '00', '012', '0o17', '0o', '0b101', '0b', '0x1F', '0x', '0xg', '1_000',
    '_1', '_', '+_', '1:20', '1.5', '1.', '.5', '._', '.', '1e3', '1E3', '1e+3', '1.0e+16', '.5e3',
    '.5e+3', '-.inf', '.inf', '+.Inf', '.NaN', '.nan', '-.nan', '2016-03-15', '2016-3-15',
    '2016-03-15T00:05:07+00:00', '2016-03-15 00:05:07', '2016-03-15t1:05:07.5Z',
    '2016-03-15T00:05:07.123456 +01', '2016-03-15T00:05', '20160315', '<<', '<', '=', '==', '!', '&',
    '*', '!a', '&a', '*a', '#a', 'a#b', 'a #b', 'a# b', '|', '|a', '>', '>a', '@a', '`a', '%a',
    "'a", '"a', "a'b", 'a"b', "''", '?', '?a', '? a', 'a?', ':', ':a', ': a', 'a:', 'a: b', 'a:b',
    'http://x', 'a,b', '[a', 'a[b', '{a', 'a}', ',a', '-a', '- a', 'a-', 'a -', '\\', 'a\\b', 'a\tb',
    '\t', 'a\rb', 'a\r\nb', 'a\x85b', 'a\u2028b', 'a\u2029b', 'a\u2028', '\u2028a', 'a\n\u2028\nb',
    'a\u00a0b', '\u00a0', '\ufeffa', 'a\ufffeb', 'a\uffff', 'a\ufffd', 'a\ue000', 'a\ud7ff', 'é',
    'café', '中文', '😀', 'a😀b', '\x00', '\x01', '\x1b', '\x07\x08\x0b\x0c', 'a\x80b', 'a\x9fb',
    'a\x7fb', 'a\u200bb', 'a\u00adb', 'a:\x00', '\x00#',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*"\n    }\n  ]\n}',
    'line one\nline two\n\nline four after a blank line\n',
]
for i, s in enumerate(tricky):
    add(f'tricky/{i}', {'Value': s, 'List': [s], 'Nested': {'Deeper': [{'Key': s}]}, s: s})

# 4. Folding at 80 columns: long text at several depths, for each scalar style.
rng = random.Random(20261123)


def words(n, seps=(' ',), wordlen=(1, 12), chars='abcdefghijklmnopqrstuvwxyz'):
    out = []
    for i in range(n):
        out.append(''.join(rng.choice(chars) for _ in range(rng.randint(*wordlen))))
        if i != n - 1:
            out.append(rng.choice(seps))
    return ''.join(out)


def nest(value, depth):
    for d in range(depth):
        value = {'K' * (d + 1): value} if d % 2 == 0 else [value]
    return value


for i in range(40):
    s = words(rng.randint(5, 45), seps=(' ', ' ', ' ', '  ', ' \n', '\n'))
    s = [s, "'" + s, s + '\t', s.replace('\n', ' ')][i % 4]
    add(f'fold/{i}', {'Long': nest(s, i % 6), 'Also': [s]})
for n in (75, 78, 79, 80, 81, 82, 127, 128, 129):
    key = ('k' * 9 + ' ') * (n // 10) + 'k' * (n % 10)
    add(f'long-key/{n}', {key: 'value', 'x': {key: [1, 2]}, 'y': [{key: {'a': 1}}], 'é' * (n // 2 + 1): 1})
    add(f'long-key-multiline/{n}', {key + '\nsecond': 'v', 'z': [{'a\nb': [1]}]})
# A space exactly at the columns around the limit, plain / single / double quoted.
for col in range(76, 85):
    s = 'x' * col + ' ' + 'y' * 5 + ' ' + 'z' * 60 + ' end'
    for depth in (0, 1, 2):
        add(f'boundary/{col}/{depth}', nest({'a': s, 'b': "'" + s, 'c': s + '\t', 'd': s.replace(' ', '  ')}, depth))
# Runs of spaces around the fold point.
for i in range(20):
    s = words(rng.randint(10, 40), seps=(' ', '  ', '   '), wordlen=(1, 8))
    add(f'spaces/{i}', {'p': s, 'q': "'" + s, 'd': '"' + s + '\x01', 'n': s.replace('  ', '\n ', 1)})

# 5. Random strings from an alphabet of tricky characters, as values and keys.
alphabet = list(' aZ019-.:#?\'"\\\n\t[]{},&*!|>%@`_+exoTnul~<=/') + [
    'é', '中', '😀', '\x85', '\u2028', '\xa0', '\ufeff', '\x7f', '\x00', '\r', '  ']
for i in range(150):
    n = rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 13, 30, 60, 100])
    s = ''.join(rng.choice(alphabet) for _ in range(n))
    add(f'random/{i}', {'v': s, s: [s]})

# 6. Random number-like strings (the implicit resolvers).
numchars = list('0123456789+-._eExobO:TtZ ') + ['inf', 'nan', 'Inf', 'NaN', '12', '2016-03-15']
for i in range(150):
    s = ''.join(rng.choice(numchars) for _ in range(rng.randint(1, 8)))
    add(f'numberish/{i}', [s])


# 7. Random nested structures.
def rand_value(depth):
    r = rng.random()
    if depth > 4 or r < 0.45:
        return rng.choice([None, True, False, 0, -1, 42, 2.5, 1e-05, 3e+20, '', 'x', 'a b', '12',
                           words(rng.randint(1, 25)), rng.choice(tricky)])
    if r < 0.7:
        return [rand_value(depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(['A', 'b', 'Key', 'a b', '1', 'é', 'ZZZ', words(1)]): rand_value(depth + 1)
            for _ in range(rng.randint(0, 4))}


for i in range(60):
    add(f'nested/{i}', rand_value(0), BOTH if i % 4 == 0 else (False,))

with open(os.path.join(HERE, 'corpus.jsonl'), 'w') as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + '\n')
print(len(cases), 'cases')
