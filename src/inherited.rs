//! What this process was started with, kept as it was: a shell starts `cmd &` in a script
//! with SIGINT ignored, and a program must keep that disposition (POSIX), so Ctrl-C meant for
//! the foreground job does not end it; and a standard stream may be closed (`cmd >&-`).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether descriptor 1 was closed when the process started. Rust's start-up puts /dev/null on
/// a closed standard stream (so that no file opened later takes its number), after which a
/// closed stdout and one redirected to /dev/null look alike. So the question is asked before
/// that, from the ELF initialisers, which the loader runs before `main` and Rust's start-up
/// (the way std itself reads argv on glibc).
#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

extern "C" fn note_closed_stdout() {
    // SAFETY: fcntl(F_GETFD) only asks whether descriptor 1 is open.
    let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
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
