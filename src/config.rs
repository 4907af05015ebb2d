//! Where configuration is read from: environment variables as the AWS CLI reads them, the
//! name of the selected profile, and the config and credentials files.

use crate::error::{Error, Result};
use aws_config::profile::ProfileSet;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};

/// A non-empty environment variable: the AWS CLI treats an empty one as unset.
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The profile named by `--profile`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE.
pub fn profile_name(flag: Option<&str>) -> Option<String> {
    flag.map(str::to_string)
        .or_else(|| env_var("AWS_PROFILE"))
        .or_else(|| env_var("AWS_DEFAULT_PROFILE"))
}

/// The config and credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE or their
/// places under `~/.aws`), read as the SDK reads them, once per run. Missing files are no
/// error; a file that cannot be parsed is. The set holds secrets: never print it.
pub async fn load_profiles() -> Result<Option<ProfileSet>> {
    static LOADED: tokio::sync::OnceCell<std::result::Result<ProfileSet, String>> =
        tokio::sync::OnceCell::const_new();
    let loaded = LOADED
        .get_or_init(|| async {
            let files = EnvConfigFiles::default();
            aws_config::profile::load(&Fs::real(), &Env::real(), &files, None)
                .await
                .map_err(|err| format!("Unable to parse config file: {err}"))
        })
        .await;
    match loaded {
        Ok(set) => Ok(Some(set.clone())),
        Err(message) => Err(Error::config(message.clone())),
    }
}

/// The profile names of the config and credentials files, sorted; none when the files are
/// missing or unreadable (completion offers them).
pub fn profile_names() -> Vec<String> {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() else {
        return Vec::new();
    };
    match runtime.block_on(load_profiles()) {
        Ok(Some(set)) => {
            let mut names: Vec<String> = set.profiles().map(str::to_string).collect();
            names.sort();
            names
        }
        _ => Vec::new(),
    }
}
