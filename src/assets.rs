//! The files generated from the command-line description: shell completion scripts (which ask
//! the binary, see `cli/complete.rs`) and man pages (from the help pages), committed under
//! `completions/` and `man/`, and rebuilt with `sts __generate-assets DIR`.
//!
//! The command is hidden: it exists so that packagers and the staleness test can regenerate
//! exactly what is committed, from the same clap description the parser uses.

use crate::cli::complete;
use crate::error::{Error, Result};
use crate::help::man;
use std::path::Path;

/// Write `DIR/completions/*` and `DIR/man/*.1`.
pub fn generate(dir: &Path) -> Result<()> {
    let write = |relative: &str, bytes: &[u8]| -> Result<()> {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| {
                Error::other(format!("Unable to create {}: {err}", parent.display()))
            })?;
        }
        std::fs::write(&path, bytes)
            .map_err(|err| Error::other(format!("Unable to write {}: {err}", path.display())))
    };
    for (file, script) in complete::scripts() {
        write(&format!("completions/{file}"), &script)?;
    }
    for (file, page) in man::pages() {
        write(&format!("man/{file}"), page.as_bytes())?;
    }
    Ok(())
}
