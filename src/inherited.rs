//! What this process was started with, kept as it was: a shell starts `cmd &` in a script
//! with SIGINT ignored, and a program must keep that disposition (POSIX), so Ctrl-C meant for
//! the foreground job does not end it; and a standard stream may be closed (`cmd >&-`).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Called first: whether stdout was closed when the process started. Rust's start-up puts
/// /dev/null, opened read-write, on a closed standard stream (so no file or socket opened
/// later takes its number); a shell's `> /dev/null` opens it write-only. So /dev/null read-write
/// on stdout means it was closed, and output must fail rather than vanish (v2 fails too).
pub fn note_closed_stdout() {
    // SAFETY: fstat and fcntl(F_GETFL) only read the state of descriptor 1 into `status`.
    let closed = unsafe {
        let mut status: libc::stat = std::mem::zeroed();
        libc::fstat(1, &mut status) == 0
            && (status.st_mode & libc::S_IFMT) == libc::S_IFCHR
            && status.st_rdev == libc::makedev(1, 3)
            && (libc::fcntl(1, libc::F_GETFL) & libc::O_ACCMODE) == libc::O_RDWR
    };
    STDOUT_CLOSED.store(closed, Ordering::Relaxed);
}

pub fn stdout_closed_at_start() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// Whether SIGINT was ignored when the process started (asked once, before any handler).
pub fn interrupt_ignored_at_start() -> bool {
    static IGNORED: OnceLock<bool> = OnceLock::new();
    *IGNORED.get_or_init(|| {
        // SAFETY: sigaction with a null new action only reads the current disposition into
        // `current`, a zeroed sigaction that lives for the call.
        unsafe {
            let mut current: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGINT, std::ptr::null(), &mut current) == 0
                && current.sa_sigaction == libc::SIG_IGN
        }
    })
}
