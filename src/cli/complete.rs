//! Shell completion: the scripts in `completions/` hand the words typed so far to
//! `STS_COMPLETE=SHELL sts -- WORDS`, and the binary answers from the same clap command the
//! parser uses, so operations, options and their values never go stale; `--profile` offers
//! the profile names of the user's config and credentials files.

use super::command;
use clap_complete::CompleteEnv;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

/// The variable the scripts set; our own name, so a stray `COMPLETE` changes nothing.
const VARIABLE: &str = "STS_COMPLETE";

/// Answer a completion request and exit, when the shell's script is asking; otherwise return.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(command::command)
        .var(VARIABLE)
        .bin("sts")
        // The scripts run `sts` from PATH, never the path of the binary that wrote them.
        .completer("sts")
        .complete();
}

/// Each shell's script, as (file name under `completions/`, contents).
pub fn scripts() -> Vec<(&'static str, Vec<u8>)> {
    let shells: [(&'static str, &dyn EnvCompleter); 5] = [
        ("sts.bash", &Bash),
        ("_sts", &Zsh),
        ("sts.fish", &Fish),
        ("_sts.ps1", &Powershell),
        ("sts.elv", &Elvish),
    ];
    shells
        .into_iter()
        .map(|(file, shell)| {
            let mut script = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = shell.write_registration(VARIABLE, "sts", "sts", "sts", &mut script);
            if file == "_sts" {
                // Installed on $fpath as `_sts`, zsh loads the file at the first Tab; this
                // line completes that first Tab too (it does nothing when the file is sourced).
                script.extend_from_slice(
                    b"[[ ${funcstack[1]} = _sts ]] && _clap_dynamic_completer_sts \"$@\"\n",
                );
            }
            (file, script)
        })
        .collect()
}
