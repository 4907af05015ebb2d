//! `sts export-credentials`: the selected profile's credentials for a shell or a program, byte
//! for byte as `aws configure export-credentials` writes them, with its guard against a
//! `credential_process` that calls itself; keys with `mfa_serial` go through an MFA session.

use crate::cli::Globals;
use crate::config;
use crate::credentials;
use crate::error::{Error, Kind, Presentation, Result};
use crate::log;
use crate::net;
use crate::output::{CredentialFormat, Exported, isoformat};
use crate::pager::Printed;
use crate::settings::{self, Needs};

/// Where a chain of export-credentials through credential_process notes the profiles it has
/// passed (v2's variable, so that `aws` and `sts` in one chain see each other).
const CHAIN_VARIABLE: &str = "_AWS_CLI_PROFILE_CHAIN";
/// How deep such a chain may go, as in v2.
const MAX_DEPTH: usize = 4;

pub async fn run(globals: &Globals, format: CredentialFormat) -> Result<Printed> {
    if globals.debug {
        log::enable_debug();
    }
    let profile =
        config::profile_name(globals.profile.as_deref()).unwrap_or_else(|| "default".to_string());
    let mut seen = csv_row(&config::env_var(CHAIN_VARIABLE).unwrap_or_default());
    if seen.len() >= MAX_DEPTH {
        return Err(Error::config(format!(
            "Maximum recursive credential process resolution reached ({MAX_DEPTH}).\nProfiles seen: {}",
            seen.join(" -> ")
        )));
    }
    if seen.contains(&profile) {
        seen.push(profile);
        return Err(Error::config(format!(
            "Credential process resolution detected an infinite loop, profile cycle: {}",
            seen.join(" -> ")
        )));
    }
    seen.push(profile);
    // SAFETY: nothing else runs yet (one thread; no prompt or call has started), so nothing
    // reads the environment while it changes. A credential_process started from here on
    // sees the chain.
    unsafe { std::env::set_var(CHAIN_VARIABLE, csv_line(&seen)) };

    let settings = settings::resolve_for(globals, Needs::Credentials)
        .await
        .map_err(unable)?;
    let base = net::workflow_config(&settings);
    let wanted = credentials::Wanted::default();
    let credentials = credentials::for_workflow(&settings, &base, wanted, unable).await?;
    let exported = Exported {
        access_key_id: credentials.access_key_id().to_string(),
        secret_access_key: credentials.secret_access_key().to_string(),
        session_token: credentials.session_token().map(str::to_string),
        expiration: credentials.expiry().and_then(isoformat),
    };
    Ok(Printed::plain(format.render(&exported)))
}

/// A failure to find the credentials, as v2's export words it.
fn unable(err: Error) -> Error {
    match (&err.kind, &err.presentation) {
        (Kind::Interrupted, _) => err,
        // v2 finds no credentials rather than failing on them.
        (_, Presentation::Coded("NoCredentials")) => {
            Error::config("Unable to retrieve credentials: no credentials found")
        }
        _ => Error::config(format!(
            "Unable to retrieve credentials: {}",
            err.message.trim()
        )),
    }
}

/// One CSV row as Python's csv module reads it (the chain's profile names).
fn csv_row(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    if line.is_empty() {
        return fields;
    }
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Fields as Python's csv module writes a row: quoted where they hold a comma, a quote or a
/// line break.
fn csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) || (fields.len() == 1 && field.is_empty()) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_is_csv_as_python_writes_it() {
        let names = ["a".to_string(), "b,c".to_string(), "d\"e".to_string()];
        let line = csv_line(&names);
        assert_eq!(line, "a,\"b,c\",\"d\"\"e\"");
        assert_eq!(csv_row(&line), names);
        assert_eq!(csv_row(""), Vec::<String>::new());
        assert_eq!(csv_row("x,default"), ["x", "default"]);
    }
}
