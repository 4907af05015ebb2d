//! Where the printed text goes: stdout, or on a terminal the pager AWS CLI v2 would use.
//!
//! AWS CLI v2 pages output on a terminal through AWS_PAGER, else `cli_pager`, else PAGER,
//! else `less`; an empty setting or `--no-cli-pager` turns paging off, and `less` gets
//! `LESS=FRX` (quit if one screen, keep colours, leave the screen as it is) unless LESS is
//! set. The settings are read in `settings`; this module only starts the program.

use crate::error::{Error, Result};
use crate::inherited;
use crate::python;
use std::io::{IsTerminal, Write};
use std::process::{Command, Stdio};

/// Text to print, and the pager to show it with on a terminal (`None`: never page).
pub struct Printed {
    pub text: String,
    pub pager: Option<String>,
}

impl Printed {
    pub fn plain(text: String) -> Printed {
        Printed { text, pager: None }
    }
}

/// The pager chosen by `--no-cli-pager` and the settings, in AWS CLI v2's order.
pub fn choose(no_cli_pager: bool, cli_pager: Option<String>) -> Option<String> {
    if no_cli_pager {
        return None;
    }
    // Set but empty means "no pager", so these are read raw, not as "non-empty or unset".
    let chosen = std::env::var("AWS_PAGER")
        .ok()
        .or(cli_pager)
        .or_else(|| std::env::var("PAGER").ok())
        .unwrap_or_else(|| "less".to_string());
    (!chosen.trim().is_empty()).then_some(chosen)
}

/// The pager if its program can be found, as AWS CLI v2 checks for help: help is then
/// printed directly rather than lost.
pub fn if_found(pager: Option<String>) -> Option<String> {
    let program = shlex::split(pager.as_deref()?)?.into_iter().next()?;
    let found = if program.contains('/') {
        std::path::Path::new(&program).is_file()
    } else {
        std::env::var_os("PATH").is_some_and(|path| {
            std::env::split_paths(&path).any(|dir| dir.join(&program).is_file())
        })
    };
    found.then_some(pager).flatten()
}

/// Print `printed`, through its pager when stdout is a terminal. Nothing to print starts
/// no pager; a reader that goes away early (`| head -c1`, `q` in less) is not an error.
pub fn show(printed: Printed) -> Result<()> {
    match printed.pager {
        Some(pager) if !printed.text.is_empty() && std::io::stdout().is_terminal() => {
            page(&printed.text, &pager)
        }
        _ => write_stdout(&printed.text),
    }
}

fn page(text: &str, pager: &str) -> Result<()> {
    let argv = shlex::split(pager).unwrap_or_default();
    let Some((program, args)) = argv.split_first() else {
        return Err(pager_error(&format!("cannot split {pager:?} into words")));
    };
    let mut command = Command::new(program);
    command.args(args).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    // Ctrl-C belongs to the pager while it runs (less uses it to stop a search); holding a
    // handler keeps the signal from ending this process and leaving the terminal to less.
    // An interrupt this process was started to ignore stays ignored.
    let _interrupts_go_to_the_pager = (!inherited::interrupt_ignored_at_start())
        .then(|| tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()));
    let mut child = command
        .spawn()
        .map_err(|err| pager_error(&python::os_error(&err, program)))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A pager that quits before reading everything closes the pipe: that is fine.
        let _ = stdin.write_all(text.as_bytes());
    }
    child
        .wait()
        .map_err(|err| pager_error(&format!("waiting for the pager failed: {err}")))?;
    Ok(())
}

fn pager_error(reason: &str) -> Error {
    Error::coded_config(
        "Pager",
        format!(
            "Unable to redirect output to pager. Received the following error when opening \
         pager:\n{reason}\n\nLearn more about configuring the output pager under \
         --no-cli-pager in \"sts help\"."
        ),
    )
}

/// Write to stdout; a reader that went away (`sts ... | head -c1`) ends the run quietly. A
/// stdout that is not there at all (`sts ... >&-`) is an error, not output quietly lost (Rust's
/// stdout would swallow it; v2 fails there too).
pub fn write_stdout(text: &str) -> Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    if inherited::stdout_closed_at_start() {
        return Err(Error::other(
            "Unable to write the output: standard output is closed",
        ));
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(Error::other(format!("Unable to write the output: {err}"))),
    }
}
