#!/usr/bin/env python3
"""Run a command on a pseudo-terminal of a given width and pass its output through.

Usage: in_pty.py COLUMNS COMMAND [ARGS...]. The child sees a terminal COLUMNS wide on stdin,
stdout and stderr (so it colours and sizes as it would for a person); output post-processing is
off, so bytes arrive as written (no LF to CRLF). Exits with the child's exit code.

Linux may drop what is still in a terminal's buffers when its last writer exits, so the
command runs under a keeper that holds the terminal open: once the command has ended, the
keeper writes an end marker with the exit code and waits until this side has read it.
"""
import fcntl
import os
import pty
import struct
import sys
import termios

END = b"\x00in_pty.py end "


def keep(columns, command):
    """In the child: run the command, then say how it ended and wait to be released."""
    attrs = termios.tcgetattr(1)
    attrs[1] &= ~termios.OPOST
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(1, termios.TCSANOW, attrs)
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    # The command sees the terminal as a person would, echo included.
    attrs[3] |= termios.ECHO
    runner = os.fork()
    if runner == 0:
        termios.tcsetattr(1, termios.TCSANOW, attrs)
        os.execvp(command[0], command)
    _, status = os.waitpid(runner, 0)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(1, termios.TCSANOW, attrs)
    os.write(1, END + b"%d\n" % os.waitstatus_to_exitcode(status))
    os.read(0, 1)
    os._exit(0)


def main():
    columns = int(sys.argv[1])
    command = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        keep(columns, command)
    shown = b""
    while END not in shown or not shown.endswith(b"\n"):
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the keeper is gone
            break
        if not data:
            break
        shown += data
    at = shown.rfind(END)
    code = 1
    if at >= 0:
        code = int(shown[at + len(END):].strip() or b"1")
        shown = shown[:at]
    os.write(fd, b"\n")
    os.waitpid(pid, 0)
    sys.stdout.buffer.write(shown)
    sys.stdout.flush()
    sys.exit(code)


if __name__ == "__main__":
    main()
