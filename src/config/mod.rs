//! Where configuration is read from: environment variables as the AWS CLI reads them, the
//! name of the selected profile, and the config and credentials files, read once per run as
//! botocore reads them (`ini`), and handed to the SDK in a form its own parser reads alike.

pub mod ini;

use crate::error::{Error, Result};
use crate::python;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use ini::Value;
use std::path::PathBuf;

/// A non-empty environment variable: the AWS CLI treats an empty one as unset. Bytes that are
/// not UTF-8 are kept as Python shows them (`\udcff`), so that a check names them as v2 does.
pub fn env_var(name: &str) -> Option<String> {
    let value = std::env::var_os(name)?;
    let text = match value.into_string() {
        Ok(text) => text,
        Err(raw) => python::int::decode_os(raw.as_encoded_bytes()),
    };
    (!text.is_empty()).then_some(text)
}

/// The profile named by `--profile`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE.
pub fn profile_name(flag: Option<&str>) -> Option<String> {
    flag.map(str::to_string)
        .or_else(|| env_var("AWS_PROFILE"))
        .or_else(|| env_var("AWS_DEFAULT_PROFILE"))
}

/// One profile: what the config file and the credentials file say of it. The credentials
/// file's values win, as botocore merges them.
#[derive(Debug, Default, Clone)]
pub struct Profile {
    config: Vec<(String, Value)>,
    credentials: Vec<(String, Value)>,
}

impl Profile {
    /// A setting's text (a nested block has none).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.in_credentials_file(key)
            .or_else(|| self.in_config_file(key))
    }

    pub fn in_credentials_file(&self, key: &str) -> Option<&str> {
        text_of(&self.credentials, key)
    }

    pub fn in_config_file(&self, key: &str) -> Option<&str> {
        text_of(&self.config, key)
    }

    /// Every setting, the credentials file's over the config file's, in the files' order.
    fn merged(&self) -> Vec<(&str, &Value)> {
        let mut merged: Vec<(&str, &Value)> = Vec::new();
        for (key, value) in self.config.iter().chain(&self.credentials) {
            match merged.iter_mut().find(|(k, _)| *k == key) {
                Some((_, old)) => *old = value,
                None => merged.push((key, value)),
            }
        }
        merged
    }
}

fn text_of<'a>(values: &'a [(String, Value)], key: &str) -> Option<&'a str> {
    values.iter().find_map(|(k, value)| match value {
        Value::Text(text) if k == key => Some(text.as_str()),
        _ => None,
    })
}

/// The profiles, SSO sessions and `[services ...]` sections of the config and credentials
/// files. They hold secrets: never print them.
#[derive(Debug, Default)]
pub struct Profiles {
    profiles: Vec<(String, Profile)>,
    sso_sessions: Vec<(String, Vec<(String, Value)>)>,
    services: Vec<(String, Vec<(String, Value)>)>,
}

impl Profiles {
    pub fn get_profile(&self, name: &str) -> Option<&Profile> {
        self.profiles
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.iter().map(|(name, _)| name.as_str())
    }

    /// `KEY` under `SERVICE =` in the `[services NAME]` section.
    pub fn service_setting(&self, section: &str, service: &str, key: &str) -> Option<&str> {
        let (_, values) = self.services.iter().find(|(n, _)| n == section)?;
        values.iter().find_map(|(name, value)| match value {
            Value::Nested(pairs) if name == service => pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        })
    }

    /// botocore's profile map from the config file's sections: `[default]`, `[profile NAME]`,
    /// `[sso-session NAME]` and `[services NAME]` (a section name that splits into other than
    /// two words as the shell splits them is not one); a later section of a name wins.
    fn add_config_file(&mut self, sections: ini::Sections) {
        for (header, values) in sections {
            // `[profile NAME]`, shell-split into exactly two words, as botocore splits it.
            let named = || match shlex::split(&header).as_deref() {
                Some([_, name]) => Some(name.clone()),
                _ => None,
            };
            if header == "default" || header.starts_with("profile") {
                let name = if header == "default" {
                    Some(header.clone())
                } else {
                    named()
                };
                if let Some(name) = name {
                    self.profiles.retain(|(n, _)| *n != name);
                    let profile = Profile {
                        config: values,
                        credentials: Vec::new(),
                    };
                    self.profiles.push((name, profile));
                }
            } else {
                let list = if header.starts_with("sso-session") {
                    &mut self.sso_sessions
                } else if header.starts_with("services") {
                    &mut self.services
                } else {
                    continue;
                };
                if let Some(name) = named() {
                    list.retain(|(n, _)| *n != name);
                    list.push((name, values));
                }
            }
        }
    }
}

/// Read the files: the config file, then the credentials file merged over it.
fn read_files() -> Result<Profiles> {
    let mut profiles = Profiles::default();
    if let Some(sections) = read_file("AWS_CONFIG_FILE", "~/.aws/config")? {
        profiles.add_config_file(sections);
    }
    if let Some(sections) = read_file("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")? {
        for (name, values) in sections {
            match profiles.profiles.iter_mut().find(|(n, _)| *n == name) {
                Some((_, profile)) => profile.credentials = values,
                None => profiles.profiles.push((
                    name,
                    Profile {
                        config: Vec::new(),
                        credentials: values,
                    },
                )),
            }
        }
    }
    Ok(profiles)
}

/// One file, at the path the variable names (or its default), `~` and `$VARIABLES` expanded.
/// Like botocore, only a regular file is read (a FIFO or a directory is as good as absent),
/// and one that cannot be opened counts as empty; one that cannot be parsed is an error.
fn read_file(variable: &str, default: &str) -> Result<Option<ini::Sections>> {
    let named = env_var(variable).unwrap_or_else(|| default.to_string());
    let path = PathBuf::from(python::path::expandvars(&python::path::expanduser(&named)));
    if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(Some(Vec::new()));
    };
    ini::parse(&bytes).map(Some).map_err(|ini::Unparseable| {
        Error::other(format!("Unable to parse config file: {}", path.display()))
    })
}

/// The files, read once per run.
pub async fn load_profiles() -> Result<&'static Profiles> {
    static LOADED: std::sync::OnceLock<std::result::Result<Profiles, String>> =
        std::sync::OnceLock::new();
    match LOADED.get_or_init(|| read_files().map_err(|err| err.message)) {
        Ok(profiles) => Ok(profiles),
        Err(message) => Err(Error::other(message.clone())),
    }
}

/// The profile names of the config and credentials files, sorted; none when the files are
/// missing or unreadable (completion offers them).
pub fn profile_names() -> Vec<String> {
    match read_files() {
        Ok(profiles) => {
            let mut names: Vec<String> = profiles.names().map(str::to_string).collect();
            names.sort();
            names
        }
        Err(_) => Vec::new(),
    }
}

/// The files as the SDK should see them: what was read here, written out as one config file
/// its parser reads alike, so that its credential providers and settings never read the
/// user's files with rules of their own.
pub fn for_sdk(profiles: &Profiles) -> EnvConfigFiles {
    let mut text = String::new();
    let mut section = |header: String, values: &mut dyn Iterator<Item = (&str, &Value)>| {
        text.push_str(&format!("[{header}]\n"));
        for (key, value) in values {
            match value {
                Value::Text(value) => {
                    let value = value.replace('\n', "\n  ");
                    text.push_str(&format!("{key} = {value}\n"));
                }
                Value::Nested(pairs) => {
                    text.push_str(&format!("{key} =\n"));
                    for (sub, value) in pairs {
                        text.push_str(&format!("  {sub} = {value}\n"));
                    }
                }
            }
        }
    };
    for (name, profile) in &profiles.profiles {
        let header = if name == "default" {
            "default".to_string()
        } else {
            format!("profile {name}")
        };
        section(header, &mut profile.merged().into_iter());
    }
    for (name, values) in &profiles.sso_sessions {
        section(
            format!("sso-session {name}"),
            &mut values.iter().map(|(k, v)| (k.as_str(), v)),
        );
    }
    for (name, values) in &profiles.services {
        section(
            format!("services {name}"),
            &mut values.iter().map(|(k, v)| (k.as_str(), v)),
        );
    }
    EnvConfigFiles::builder()
        .with_contents(EnvConfigFileKind::Config, text)
        .build()
}
