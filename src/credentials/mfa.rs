//! The MFA prompt: a code asked for on the controlling terminal, without echo.

use crate::error::{Error, Result};
use std::io::{BufRead, BufReader, Write};

/// Ask for the MFA code on the controlling terminal, without echo, as Python's getpass does:
/// stdout stays for the result and stdin for the command's own input. Without a terminal the
/// code is read from stdin, as getpass (and so the AWS CLI) falls back to, with a warning.
pub async fn prompt(serial: &str) -> Result<String> {
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty");
    let tty = match opened {
        Ok(tty) => tty,
        Err(_) => return from_stdin(serial).await,
    };
    let failed = |err: std::io::Error| Error::other(format!("Unable to read the MFA code: {err}"));
    let mut out = tty.try_clone().map_err(failed)?;
    let reader = tty.try_clone().map_err(failed)?;
    // Echo goes off before the prompt appears, so nothing typed after it is shown; dropping
    // the guard (also when Ctrl-C drops this future) turns it back on.
    let echo = EchoOff::new(tty);
    out.write_all(format!("Enter MFA code for {serial}: ").as_bytes())
        .and_then(|()| out.flush())
        .map_err(failed)?;
    let read = read_line(reader).await;
    drop(echo);
    // The Enter key was not echoed either.
    let _ = out.write_all(b"\n");
    code(serial, read)
}

/// No terminal: the prompt on stderr, the code from stdin (a pipe, say), as getpass does.
async fn from_stdin(serial: &str) -> Result<String> {
    let mut stderr = std::io::stderr();
    let _ = write!(
        stderr,
        "sts: warning: no terminal to ask on: the MFA code is read from standard input and may be echoed\nEnter MFA code for {serial}: "
    );
    let _ = stderr.flush();
    let read = read_line(std::io::stdin()).await;
    let _ = stderr.write_all(b"\n");
    code(serial, read)
}

/// One line from `input`, read on a plain thread, not the runtime's blocking pool: after
/// Ctrl-C the process must be able to exit while the read is still waiting.
async fn read_line(input: impl std::io::Read + Send + 'static) -> Option<std::io::Result<String>> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(input).read_line(&mut line).map(|_| line);
        let _ = sender.send(read);
    });
    receiver.await.ok()
}

/// The code typed, or why there is none.
fn code(serial: &str, read: Option<std::io::Result<String>>) -> Result<String> {
    match read {
        Some(Ok(line)) if !line.is_empty() => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
        Some(Ok(_)) => Err(Error::other(format!(
            "No MFA code for {serial}: the input ended before one was entered"
        ))),
        Some(Err(err)) => Err(Error::other(format!("Unable to read the MFA code: {err}"))),
        None => Err(Error::interrupted()),
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

/// The code printed by the profile's `mfa_process` (`ykman oath accounts code --single NAME`
/// for a YubiKey, say): its words split as a shell would, run without a shell, its stdout
/// the code. What it writes on stderr passes through as it comes (a key may ask to be
/// touched) and is kept: a command that cannot be run or fails is a configuration problem
/// (253), reported with what it said.
pub async fn from_process(serial: &str, command: &str) -> Result<String> {
    let words = shlex::split(command)
        .filter(|words| !words.is_empty())
        .ok_or_else(|| {
            Error::config(format!(
                "The mfa_process for {serial} cannot be split into words: {command}"
            ))
        })?;
    let program = words[0].clone();
    let (sender, receiver) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(run_passing_stderr(&words));
    });
    let Ok(outcome) = receiver.await else {
        return Err(Error::interrupted());
    };
    let (status, stdout, stderr) = outcome.map_err(|err| {
        Error::config(format!(
            "Unable to run the mfa_process for {serial} ({program}): {}",
            crate::python::strerror(&err)
        ))
    })?;
    let stderr = String::from_utf8_lossy(&stderr).trim().to_string();
    if !status.success() {
        let status = match status.code() {
            Some(code) => format!("exit code {code}"),
            None => "killed by a signal".to_string(),
        };
        return Err(Error::config(format!(
            "The mfa_process for {serial} failed ({status}): {stderr}"
        )));
    }
    let code = String::from_utf8_lossy(&stdout).trim().to_string();
    if code.is_empty() {
        return Err(Error::config(format!(
            "The mfa_process for {serial} printed no code: {stderr}"
        )));
    }
    Ok(code)
}

/// Runs `words`, copying its stderr to ours while keeping it; its exit status, stdout and
/// stderr.
fn run_passing_stderr(
    words: &[String],
) -> std::io::Result<(std::process::ExitStatus, Vec<u8>, Vec<u8>)> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut child_stderr = child.stderr.take();
    let copier = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Some(Ok(read @ 1..)) = child_stderr.as_mut().map(|pipe| pipe.read(&mut chunk)) {
            let _ = std::io::stderr().write_all(&chunk[..read]);
            kept.extend_from_slice(&chunk[..read]);
        }
        kept
    });
    let mut stdout = Vec::new();
    if let Some(mut pipe) = child.stdout.take() {
        pipe.read_to_end(&mut stdout)?;
    }
    let status = child.wait()?;
    let stderr = copier.join().unwrap_or_default();
    Ok((status, stdout, stderr))
}
