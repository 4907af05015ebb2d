//! The command `sts exec` runs: its environment, its start (directly, no shell between), the
//! signals passed on to it, and its end as a shell reports one.

use crate::config::Profiles;
use crate::error::{Error, Kind, Presentation, Result};
use crate::inherited;
use crate::interrupt;
use crate::log;
use crate::output::isoformat;
use crate::pager::Printed;
use aws_credential_types::Credentials;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
use signal_hook::iterator::SignalsInfo;
use signal_hook::iterator::exfiltrator::WithOrigin;
use signal_hook::low_level::siginfo::Cause;
use std::ffi::OsString;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Variables that would make the command find other credentials than the ones given to it,
/// removed from what it inherits: keys and tokens (botocore's and the SDKs' first choice),
/// the profile names (a profile is read before the container endpoint), a web identity
/// token and role (a provider of its own), the caller's container endpoint and token, the
/// legacy credentials-file variable, and the account ID some SDKs route by.
const REMOVED: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_ACCOUNT_ID",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_CREDENTIAL_FILE",
];

/// Settings of a profile that give it credentials: where the `default` profile has one, an
/// SDK takes it before it asks the container endpoint.
const CREDENTIAL_SETTINGS: &[&str] = &[
    "aws_access_key_id",
    "aws_session_token",
    "credential_process",
    "role_arn",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
];

/// Signals `sts` passes on to the command (those a user or a supervisor sends to stop or
/// poke a program); SIGINT only when this process was not started with it ignored.
const FORWARDED: &[i32] = &[SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2];

/// The command's environment: the caller's, without `REMOVED`, with what is set here.
pub struct Environment {
    set: Vec<(String, String)>,
}

impl Environment {
    pub fn of_caller() -> Environment {
        Environment { set: Vec::new() }
    }

    pub fn set(&mut self, name: &str, value: &str) {
        self.set.retain(|(known, _)| known != name);
        self.set.push((name.to_string(), value.to_string()));
    }

    /// The credentials themselves, as `export-credentials --format env` writes them.
    pub fn set_credentials(&mut self, credentials: &Credentials) {
        self.set("AWS_ACCESS_KEY_ID", credentials.access_key_id());
        self.set("AWS_SECRET_ACCESS_KEY", credentials.secret_access_key());
        if let Some(token) = credentials.session_token() {
            self.set("AWS_SESSION_TOKEN", token);
        }
        if let Some(expiration) = credentials.expiry().and_then(isoformat) {
            self.set("AWS_CREDENTIAL_EXPIRATION", &expiration);
        }
    }

    /// Where the server is and the token it wants.
    pub fn set_server(&mut self, url: &str, token: &str) {
        self.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
        self.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
    }

    /// The SDKs and the AWS CLI read the `default` profile before the container endpoint, so
    /// when it has credentials of its own, the file that gives them is hidden from the
    /// command (pointed at /dev/null). The config file also holds other settings, so hiding
    /// it is said.
    pub fn hide_shared_files(&mut self, profiles: &Profiles) {
        let Some(default) = profiles.get_profile("default") else {
            return;
        };
        let in_credentials_file = CREDENTIAL_SETTINGS
            .iter()
            .any(|key| default.in_credentials_file(key).is_some());
        let in_config_file = CREDENTIAL_SETTINGS
            .iter()
            .any(|key| default.in_config_file(key).is_some());
        if in_credentials_file {
            log::debug!("exec: the credentials file has a [default] with credentials; hidden");
            self.set("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        }
        if in_config_file {
            log::warning!(
                "the config file's [default] profile has credentials, which the command \
                 would use before the served ones: it runs with AWS_CONFIG_FILE=/dev/null"
            );
            self.set("AWS_CONFIG_FILE", "/dev/null");
        }
    }
}

/// Become `command` (the user's shell when empty): `execve`, so that its signals, its
/// terminal and its exit status are its own and nothing of `sts` stays behind. Returns only
/// when it cannot be started.
pub fn replace_with(command: &[String], environment: Environment) -> Error {
    let (mut process, name) = prepare(command, &environment);
    log::debug!("exec: running {name} in place of sts");
    let err = std::os::unix::process::CommandExt::exec(&mut process);
    cannot_start(&name, &err)
}

/// Run `command` (the user's shell when empty) beside `sts`, which goes on serving its
/// credentials, and wait for it: its status is ours, a signal that ended it is 128 + its
/// number, as in a shell.
pub async fn run(command: &[String], environment: Environment) -> Result<Printed> {
    let (process, name) = prepare(command, &environment);
    let mut process = tokio::process::Command::from(process);
    // Signals are caught before the command starts, so that one sent meanwhile does not end
    // `sts` and leave the command without anyone waiting for it; one that comes before its
    // pid is known is held and passed on with the pid.
    let command_state = Arc::new(Mutex::new(CommandState::Starting(Vec::new())));
    let forwarding = forward_signals(Arc::clone(&command_state));
    let spawned = process.spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) => {
            CommandState::ended(&command_state);
            return Err(cannot_start(&name, &err));
        }
    };
    if let Some(pid) = child.id().and_then(|pid| i32::try_from(pid).ok()) {
        CommandState::started(&command_state, pid);
    }
    interrupt::hand_to_command();
    log::debug!("exec: started {name}");
    let status = child.wait().await;
    CommandState::ended(&command_state);
    if let Some(handle) = forwarding {
        handle.close();
    }
    let status = status.map_err(|err| Error::other(format!("{name}: {err}")))?;
    let code = match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(signal)) => 128 + signal,
        (None, None) => 1,
    };
    log::debug!("exec: {name} ended with status {code}");
    match u8::try_from(code) {
        Ok(0) => Ok(Printed::plain(String::new())),
        Ok(code) => Err(Error::command_ended(code)),
        Err(_) => Err(Error::command_ended(1)),
    }
}

/// The command line and environment of `command`, and the name to report it by.
fn prepare(command: &[String], environment: &Environment) -> (std::process::Command, String) {
    let (program, args) = match command.split_first() {
        Some((program, args)) => (OsString::from(program), args.to_vec()),
        None => (shell(), Vec::new()),
    };
    let mut process = std::process::Command::new(&program);
    process.args(&args);
    for name in REMOVED {
        process.env_remove(name);
    }
    for (name, value) in &environment.set {
        process.env(name, value);
    }
    (process, program.to_string_lossy().into_owned())
}

/// `$SHELL`, else `/bin/sh`.
fn shell() -> OsString {
    std::env::var_os("SHELL")
        .filter(|shell| !shell.is_empty())
        .unwrap_or_else(|| OsString::from("/bin/sh"))
}

/// Where the command is, for passing a signal on to it.
enum CommandState {
    /// Not started yet, or started with its pid not yet known: the signals that came.
    Starting(Vec<i32>),
    Running(i32),
    /// Reaped: its pid may be another process's now, so nothing is sent.
    Ended,
}

impl CommandState {
    /// The command has pid `pid`: the signals held for it go now.
    fn started(state: &Mutex<CommandState>, pid: i32) {
        let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
        if let CommandState::Starting(held) = &*state {
            for &signal in held {
                send(pid, signal);
            }
        }
        *state = CommandState::Running(pid);
    }

    fn ended(state: &Mutex<CommandState>) {
        *state.lock().unwrap_or_else(PoisonError::into_inner) = CommandState::Ended;
    }

    /// Pass `signal` on, or hold it until the command's pid is known.
    fn deliver(state: &Mutex<CommandState>, signal: i32) {
        match &mut *state.lock().unwrap_or_else(PoisonError::into_inner) {
            CommandState::Starting(held) => held.push(signal),
            CommandState::Running(pid) => send(*pid, signal),
            CommandState::Ended => {}
        }
    }
}

fn send(pid: i32, signal: i32) {
    // SAFETY: kill only sends a signal to the process numbered `pid`, the command's: the
    // state says Running only until it is reaped.
    unsafe {
        libc::kill(pid, signal);
    }
}

/// Pass the signals of `FORWARDED` (and SIGINT) on to the command, when a process sent them:
/// one the terminal sent (Ctrl-C, Ctrl-\) reached the command already, as it runs in the
/// same process group. `None` when the signals cannot be caught.
fn forward_signals(state: Arc<Mutex<CommandState>>) -> Option<signal_hook::iterator::Handle> {
    let mut signals = FORWARDED.to_vec();
    if !inherited::interrupt_ignored_at_start() {
        signals.push(SIGINT);
    }
    let mut caught = SignalsInfo::<WithOrigin>::new(&signals).ok()?;
    let handle = caught.handle();
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for origin in caught.forever() {
                if origin.cause != Cause::Kernel {
                    CommandState::deliver(&state, origin.signal);
                }
            }
        });
    spawned.ok().map(|_| handle)
}

/// Why the command did not start, as a shell reports it: 127 when there is no such
/// command, 126 when there is one that cannot be run.
fn cannot_start(name: &str, err: &std::io::Error) -> Error {
    let not_found = err.kind() == std::io::ErrorKind::NotFound;
    if not_found && resolve(name).is_none() {
        return Error::new(
            Kind::CommandNotFound,
            Presentation::Plain,
            format!("{name}: command not found"),
        );
    }
    // Found, yet "not found": its interpreter (`#!`) or loader is missing.
    let reason = if not_found {
        "its interpreter or loader was not found".to_string()
    } else {
        crate::python::strerror(err)
    };
    Error::new(
        Kind::CommandNotExecutable,
        Presentation::Plain,
        format!("{name}: cannot run: {reason}"),
    )
}

/// Where `name` is: itself when it holds a `/`, else the first match along `PATH`.
fn resolve(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        return Path::new(name).exists().then(|| PathBuf::from(name));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
