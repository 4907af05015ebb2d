//! Who a Ctrl-C ends: the run (exit 130, as the AWS CLI ends), or, while `sts exec` waits
//! for its command, only that command, which the terminal interrupts too; `sts` then waits
//! for it and exits with its status.

use std::sync::atomic::{AtomicBool, Ordering};

static HANDED_TO_COMMAND: AtomicBool = AtomicBool::new(false);

/// From now on a Ctrl-C is the running command's to answer.
pub fn hand_to_command() {
    HANDED_TO_COMMAND.store(true, Ordering::SeqCst);
}

pub fn handed_to_command() -> bool {
    HANDED_TO_COMMAND.load(Ordering::SeqCst)
}
