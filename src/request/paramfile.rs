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
    let file_path = python::path::expandvars(&python::path::expanduser(path));
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
