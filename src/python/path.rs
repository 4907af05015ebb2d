//! Python's `os.path.expanduser` and `os.path.expandvars`, as the AWS CLI applies them to the
//! paths of parameter files and of the config and credentials files.

/// `os.path.expanduser`: `~` and `~/x` from `$HOME`, `~user/x` from /etc/passwd; anything
/// else, or a home that cannot be found, unchanged.
pub fn expanduser(path: &str) -> String {
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
pub fn expandvars(path: &str) -> String {
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
            assert_eq!(expanduser("~/x"), format!("{home}/x"));
            assert_eq!(expandvars("$HOME/x"), format!("{home}/x"));
            assert_eq!(expandvars("${HOME}/x"), format!("{home}/x"));
        }
        assert_eq!(expanduser("x/~"), "x/~");
        assert_eq!(expanduser("~sts-no-such-user/x"), "~sts-no-such-user/x");
        let unset = "$STS_SHORTHAND_UNSET_VARIABLE/x ${} $/ ${STS_SHORTHAND_UNSET_VARIABLE} ${x";
        assert_eq!(expandvars(unset), unset);
    }
}
