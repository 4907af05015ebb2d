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
            if file == "sts.bash" {
                script = whole_words_for_bash(&script);
            }
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

/// What bash hands the script, re-joined: bash splits the words at the characters of
/// COMP_WORDBREAKS (`:` and `=` among them), so that `--policy file://pol` reaches it as
/// `file` `:` `//pol`, which `sts` cannot complete. The pieces that touch in the line are
/// joined again before `sts` is asked, and what bash already has of the word (`file:`) is
/// taken off the answers, as bash-completion's `__ltrim_colon_completions` does.
const BASH_JOIN: &str = r#"    local words=() _sts_line=${COMP_LINE:0:COMP_POINT} _sts_pos=0 _sts_i _sts_gap _sts_piece
    for (( _sts_i = 0; _sts_i <= COMP_CWORD; _sts_i++ )); do
        _sts_piece=${COMP_WORDS[_sts_i]}
        (( _sts_i == COMP_CWORD )) && _sts_piece=$2
        _sts_gap=${_sts_line:_sts_pos}
        [[ -n $_sts_piece ]] && _sts_gap=${_sts_gap%%"$_sts_piece"*}
        if (( _sts_i > 0 )) && [[ -z $_sts_gap ]]; then
            words[${#words[@]}-1]+=$_sts_piece
        else
            words+=("$_sts_piece")
        fi
        (( _sts_pos += ${#_sts_gap} + ${#_sts_piece} ))
    done
    local _sts_had=${words[${#words[@]}-1]}
    _sts_had=${_sts_had:0:${#_sts_had}-${#2}}
    _CLAP_COMPLETE_INDEX=$(( ${#words[@]} - 1 ))
    words+=("${COMP_WORDS[@]:COMP_CWORD+1}")
"#;

fn whole_words_for_bash(script: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(script);
    let text = text.replace(
        "    local words=(\"${COMP_WORDS[@]}\")\n    if [[ \"${BASH_VERSINFO[0]}\" -ge 4 ]]; then\n        words[COMP_CWORD]=\"$2\"\n    fi\n",
        BASH_JOIN,
    );
    let text = text.replace(
        "    if [[ $? != 0 ]]; then\n        unset COMPREPLY\n    elif [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ \"${COMPREPLY-}\" =~ [=/:]$ ]]; then\n        compopt -o nospace\n    fi\n",
        "    if [[ $? != 0 ]]; then\n        unset COMPREPLY\n        return\n    fi\n    [[ -n $_sts_had ]] && COMPREPLY=(\"${COMPREPLY[@]#\"$_sts_had\"}\")\n    if [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ \"${COMPREPLY-}\" =~ [=/:]$ ]]; then\n        compopt -o nospace\n    fi\n",
    );
    text.into_bytes()
}
