#!/usr/bin/env python3
"""Run a command with a pseudo-terminal as its controlling terminal and answer one prompt.

Usage: pty_answer.py PROMPT ANSWER COMMAND [ARGS...]. The child's stdin, stderr and controlling
terminal (/dev/tty) are a new pty; its stdout stays this script's stdout, so the command's result
is kept apart from what the terminal showed. Once PROMPT has appeared on the terminal, ANSWER and
Enter are typed. What the terminal showed is then written to this script's stderr. Exits with
the child's exit code; a child still running after 60 seconds is killed.
"""
import os
import pty
import select
import signal
import sys
import time

LIMIT_SECONDS = 60


def main():
    prompt = sys.argv[1].encode()
    answer = sys.argv[2].encode()
    command = sys.argv[3:]
    stdout_copy = os.dup(1)
    pid, fd = pty.fork()
    if pid == 0:
        os.dup2(stdout_copy, 1)
        os.close(stdout_copy)
        os.execvp(command[0], command)
    os.close(stdout_copy)
    shown = b""
    answered = False
    deadline = time.monotonic() + LIMIT_SECONDS
    while True:
        left = deadline - time.monotonic()
        ready = select.select([fd], [], [], max(left, 0))[0] if left > 0 else []
        if not ready:
            os.kill(pid, signal.SIGKILL)
            shown += b"\n[pty_answer.py: killed after %d s]\n" % LIMIT_SECONDS
            break
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        shown += data
        if not answered and prompt in shown:
            os.write(fd, answer + b"\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    sys.stderr.buffer.write(shown)
    sys.stderr.flush()
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
