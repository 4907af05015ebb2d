#!/usr/bin/env python3
"""Run a command on a pseudo-terminal of a given width and pass its output through.

Usage: in_pty.py COLUMNS COMMAND [ARGS...]. The child sees a terminal COLUMNS wide on stdin,
stdout and stderr (so it colours and sizes as it would for a person); output post-processing is
off, so bytes arrive as written (no LF to CRLF). Exits with the child's exit code.
"""
import fcntl
import os
import pty
import struct
import sys
import termios


def main():
    columns = int(sys.argv[1])
    command = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        attrs = termios.tcgetattr(1)
        attrs[1] &= ~termios.OPOST
        termios.tcsetattr(1, termios.TCSANOW, attrs)
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        os.execvp(command[0], command)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(b"".join(chunks))
    sys.stdout.flush()
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
