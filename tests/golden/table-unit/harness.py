# Drives awscli's own TableFormatter (the code `aws --output table` runs after --query) on a
# JSON value with a fixed terminal width, optionally with colorama's autoreset wrapper around
# the stream exactly as colorama.init() puts it around sys.stdout.
import io
from argparse import Namespace

import colorama
import awscli.table
import awscli.formatter


def render(title, value, width, color):
    awscli.table.determine_terminal_width = lambda default_width=80: width
    buf = io.StringIO()
    if color:
        stream = colorama.ansitowin32.AnsiToWin32(
            buf, convert=False, strip=False, autoreset=True).stream
    else:
        stream = buf
    formatter = awscli.formatter.TableFormatter(
        Namespace(query=None, color='on' if color else 'off'))
    if color:
        colorama.deinit()  # ColorizedStyler wrapped sys.stdout; we write to our own stream
    try:
        formatter._format_response(title, value, stream)
    except Exception as e:  # the CLI prints str(e) and exits 255
        return {"error": str(e)}
    return {"output": buf.getvalue()}
