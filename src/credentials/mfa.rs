//! The MFA prompt: a code asked for on the controlling terminal, without echo.

use crate::error::{Error, Result};
use crate::python;
use std::io::{BufRead, BufReader, Write};

/// Ask for the MFA code on the controlling terminal, without echo, as Python's getpass does:
/// stdout stays for the result and stdin for the command's own input.
pub async fn prompt(serial: &str) -> Result<String> {
    let no_terminal = |why: std::io::Error| {
        Error::config(format!(
            "Unable to ask for the MFA code for {serial}: no terminal to prompt on ({}). Run the command from a terminal, or use a profile without mfa_serial.",
            python::strerror(&why)
        ))
    };
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(no_terminal)?;
    let mut out = tty.try_clone().map_err(no_terminal)?;
    let reader = tty.try_clone().map_err(no_terminal)?;
    // Echo goes off before the prompt appears, so nothing typed after it is shown; dropping
    // the guard (also when Ctrl-C drops this future) turns it back on.
    let echo = EchoOff::new(tty);
    let failed = |err: std::io::Error| Error::other(format!("Unable to read the MFA code: {err}"));
    out.write_all(format!("Enter MFA code for {serial}: ").as_bytes())
        .and_then(|()| out.flush())
        .map_err(failed)?;
    // A plain thread, not the runtime's blocking pool: after Ctrl-C the process must be able
    // to exit while the read is still waiting.
    let (sender, receiver) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(reader).read_line(&mut line).map(|_| line);
        let _ = sender.send(read);
    });
    let read = receiver.await;
    drop(echo);
    // The Enter key was not echoed either.
    let _ = out.write_all(b"\n");
    match read {
        Ok(Ok(line)) if !line.is_empty() => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
        Ok(Ok(_)) => Err(Error::config(format!("No MFA code entered for {serial}"))),
        Ok(Err(err)) => Err(failed(err)),
        Err(_) => Err(Error::interrupted()),
    }
}

/// Terminal echo switched off for as long as this lives.
struct EchoOff {
    tty: std::fs::File,
    saved: Option<rustix::termios::Termios>,
}

impl EchoOff {
    fn new(tty: std::fs::File) -> EchoOff {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let saved = tcgetattr(&tty).ok();
        if let Some(saved) = &saved {
            let mut quiet = saved.clone();
            quiet.local_modes.remove(LocalModes::ECHO);
            let _ = tcsetattr(&tty, OptionalActions::Flush, &quiet);
        }
        EchoOff { tty, saved }
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some(saved) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                &self.tty,
                rustix::termios::OptionalActions::Flush,
                saved,
            );
        }
    }
}
