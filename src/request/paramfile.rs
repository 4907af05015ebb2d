//! `file://` and `fileb://` parameter values, read as AWS CLI v2 reads them (its
//! `paramfile.get_file`): the path with `~` and `$VARIABLES` expanded, text with universal
//! newlines, and Python's words when a file cannot be read. Used for whole option values
//! (`input.rs`) and for `key@=file://...` in shorthand (`shorthand.rs`).

use crate::python;

/// `get_paramfile` with the local prefixes: the contents of a `file://` (text) or `fileb://`
/// (bytes) value, None for any other value, or the message for a file that cannot be read.
///
/// v2 gives a `fileb://` file's bytes as a Python `bytes` value; JSON has no such thing, so
/// here they must be UTF-8 and become a string.
pub fn load(value: &str) -> Result<Option<String>, String> {
    let (path, binary) = if let Some(path) = value.strip_prefix("file://") {
        (path, false)
    } else if let Some(path) = value.strip_prefix("fileb://") {
        (path, true)
    } else {
        return Ok(None);
    };
    let file_path = expand_vars(&expand_user(path));
    if file_path.contains('\0') {
        // Python's open() refuses this before asking the system.
        return Err("embedded null byte".to_string());
    }
    let bytes = std::fs::read(&file_path).map_err(|err| {
        format!(
            "Unable to load paramfile {value}: {}",
            python::os_error(&err, &file_path)
        )
    })?;
    match String::from_utf8(bytes) {
        // Text mode reads with universal newlines.
        Ok(text) if !binary => Ok(Some(text.replace("\r\n", "\n").replace('\r', "\n"))),
        Ok(text) => Ok(Some(text)),
        Err(_) if !binary => Err(format!(
            "Unable to load paramfile ({file_path}), text contents could not be decoded.  If \
             this is a binary file, please use the fileb:// prefix instead of the file:// \
             prefix."
        )),
        Err(_) => Err(format!(
            "Unable to load paramfile ({file_path}), binary contents are not UTF-8 text, \
             which this value needs."
        )),
    }
}

/// `os.path.expanduser`: `~` and `~/x` from `$HOME`, `~user/x` from /etc/passwd; anything
/// else, or a home that cannot be found, unchanged.
fn expand_user(path: &str) -> String {
    let Some(rest) = path.strip_prefix('~') else {
        return path.to_string();
    };
    let (user, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let home = if user.is_empty() {
        std::env::var("HOME").ok()
    } else {
        passwd_home(user)
    };
    match home {
        Some(home) => {
            let expanded = format!("{}{tail}", home.trim_end_matches('/'));
            if expanded.is_empty() {
                "/".to_string()
            } else {
                expanded
            }
        }
        None => path.to_string(),
    }
}

/// The home directory of `user` in /etc/passwd (`name:password:uid:gid:gecos:home:shell`).
fn passwd_home(user: &str) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        match fields.as_slice() {
            [name, _, _, _, _, home, ..] if *name == user => Some((*home).to_string()),
            _ => None,
        }
    })
}

/// `os.path.expandvars`: `$name` (ASCII letters, digits, `_`) and `${anything}` replaced by
/// set environment variables; unset ones, and a `$` that starts neither, left as written.
fn expand_vars(path: &str) -> String {
    if !path.contains('$') {
        return path.to_string();
    }
    let chars: Vec<char> = path.chars().collect();
    let mut out = String::with_capacity(path.len());
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        let reference = if c == '$' {
            variable_at(&chars, at + 1)
        } else {
            None
        };
        match reference {
            Some((name, end)) => {
                match environment_variable(&name) {
                    Some(value) => out.push_str(&value),
                    None => out.extend(&chars[at..end]),
                }
                at = end;
            }
            None => {
                out.push(c);
                at += 1;
            }
        }
    }
    out
}

/// The variable name referred to just after a `$` at `start`, and where the reference ends.
fn variable_at(chars: &[char], start: usize) -> Option<(String, usize)> {
    if chars.get(start) == Some(&'{') {
        let close = chars[start + 1..].iter().position(|&c| c == '}')?;
        let end = start + 1 + close;
        return Some((chars[start + 1..end].iter().collect(), end + 1));
    }
    let length = chars[start.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
        .count();
    (length > 0).then(|| {
        let end = start + length;
        (chars[start..end].iter().collect(), end)
    })
}

/// An environment variable as `os.environ[name]` finds it. Names that cannot be set (empty,
/// or holding `=` or NUL) are simply not there, and are not asked for.
fn environment_variable(name: &str) -> Option<String> {
    if name.is_empty() || name.contains(['=', '\0']) {
        return None;
    }
    std::env::var(name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_expand_like_python() {
        if let Ok(home) = std::env::var("HOME") {
            let home = home.trim_end_matches('/');
            assert_eq!(expand_user("~/x"), format!("{home}/x"));
            assert_eq!(expand_vars("$HOME/x"), format!("{home}/x"));
            assert_eq!(expand_vars("${HOME}/x"), format!("{home}/x"));
        }
        assert_eq!(expand_user("x/~"), "x/~");
        assert_eq!(expand_user("~sts-no-such-user/x"), "~sts-no-such-user/x");
        let unset = "$STS_SHORTHAND_UNSET_VARIABLE/x ${} $/ ${STS_SHORTHAND_UNSET_VARIABLE} ${x";
        assert_eq!(expand_vars(unset), unset);
    }
}
