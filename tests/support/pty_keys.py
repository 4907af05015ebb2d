#!/usr/bin/env python3
"""Run a command on a pseudo-terminal and type keys when prompts appear.

Usage: pty_keys.py STEPS COMMAND [ARGS...]. STEPS is a JSON list of [TEXT, KEYS] pairs: once
TEXT has appeared on the terminal (after the previous step's keys), KEYS are typed as they are
("\\r" is Enter, " " Space, "\\u001b[B" the down arrow). The child's stdin, stderr and
controlling terminal are the pty; its stdout stays this script's stdout. What the terminal
showed is written to this script's stderr, with a line naming any step whose text never
appeared. Exits with the child's exit code; a child still running after 60 seconds is killed.
"""
import json
import os
import pty
import select
import signal
import sys
import time

LIMIT_SECONDS = 60


def main():
    steps = [(text.encode(), keys.encode()) for text, keys in json.loads(sys.argv[1])]
    command = sys.argv[2:]
    stdout_copy = os.dup(1)
    pid, fd = pty.fork()
    if pid == 0:
        os.dup2(stdout_copy, 1)
        os.close(stdout_copy)
        os.execvp(command[0], command)
    os.close(stdout_copy)
    shown = b""
    seen_up_to = 0
    deadline = time.monotonic() + LIMIT_SECONDS
    while True:
        left = deadline - time.monotonic()
        ready = select.select([fd], [], [], max(left, 0))[0] if left > 0 else []
        if not ready:
            os.kill(pid, signal.SIGKILL)
            shown += b"\n[pty_keys.py: killed after %d s]\n" % LIMIT_SECONDS
            break
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        shown += data
        while steps:
            text, keys = steps[0]
            at = shown.find(text, seen_up_to)
            if at < 0:
                break
            # Let the prompt finish drawing before typing into it.
            time.sleep(0.05)
            os.write(fd, keys)
            seen_up_to = at + len(text)
            steps.pop(0)
    _, status = os.waitpid(pid, 0)
    for text, _ in steps:
        shown += b"\n[pty_keys.py: never appeared: %r]\n" % text
    sys.stderr.buffer.write(shown)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
