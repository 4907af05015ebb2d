//! Timestamps as the AWS CLI prints them: ISO 8601 the way Python's `isoformat()` writes a
//! parsed value (v2's default), or the wire text untouched.

use crate::error::{Error, Result};
use aws_smithy_types::date_time::{DateTime, Format};

/// How timestamps in responses are printed (`cli_timestamp_format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// ISO 8601 as Python's `isoformat()` writes it: the AWS CLI v2 default.
    Iso8601,
    /// Exactly the text the service sent.
    Wire,
}

impl TimestampFormat {
    /// The `cli_timestamp_format` setting; unset means ISO 8601.
    pub fn parse(value: Option<&str>) -> Result<TimestampFormat> {
        match value {
            None | Some("iso8601") => Ok(TimestampFormat::Iso8601),
            Some("wire") => Ok(TimestampFormat::Wire),
            Some(other) => Err(Error::config(format!(
                "Unknown cli_timestamp_format value: {other}, valid values are \"wire\" or \"iso8601\""
            ))),
        }
    }
}

/// Format a timestamp received from the service.
pub fn format(wire: &str, format: TimestampFormat) -> Result<String> {
    match format {
        TimestampFormat::Wire => Ok(wire.to_string()),
        TimestampFormat::Iso8601 => iso8601(wire).ok_or_else(|| {
            // The wording of the date parser the AWS CLI uses.
            let reason = if wire.trim().is_empty() {
                "String does not contain a date"
            } else {
                "Unknown string format"
            };
            Error::other(format!("Invalid timestamp \"{wire}\": {reason}: {wire}"))
        }),
    }
}

/// Rewrite a timestamp as `YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]`: a fraction keeps six digits
/// (truncated) and disappears when zero; `Z` becomes `+00:00`; a value with no zone stays
/// without one. Epoch seconds and HTTP dates are read too, as the AWS CLI's parser does.
fn iso8601(wire: &str) -> Option<String> {
    let text = wire.trim();
    if let Some(rewritten) = rewrite_iso(text) {
        return Some(rewritten);
    }
    let parsed = if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        DateTime::from_secs_f64(text.parse::<f64>().ok()?)
    } else {
        DateTime::from_str(text, Format::HttpDate).ok()?
    };
    rewrite_iso(&parsed.fmt(Format::DateTime).ok()?)
}

fn rewrite_iso(text: &str) -> Option<String> {
    let (date, rest) = text.split_once(['T', ' '])?;
    let date_ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !date_ok {
        return None;
    }
    // The text is the server's (or a cache file's): byte 8 may fall inside a character.
    let (clock, after_clock) = rest.split_at_checked(8)?;
    let clock_ok = clock.bytes().enumerate().all(|(i, b)| {
        if i == 2 || i == 5 {
            b == b':'
        } else {
            b.is_ascii_digit()
        }
    });
    if !clock_ok {
        return None;
    }
    let (fraction, zone) = match after_clock.strip_prefix('.') {
        Some(tail) => {
            let digits = tail
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(tail.len());
            (&tail[..digits], &tail[digits..])
        }
        None => ("", after_clock),
    };
    let zone = match zone {
        "" => String::new(),
        "Z" | "z" => "+00:00".to_string(),
        offset => normalise_offset(offset)?,
    };
    let mut micros: String = fraction.chars().take(6).collect();
    while micros.len() < 6 {
        micros.push('0');
    }
    let fraction = if micros.bytes().all(|b| b == b'0') {
        String::new()
    } else {
        format!(".{micros}")
    };
    Some(format!("{date}T{clock}{fraction}{zone}"))
}

/// `+0200` and `+02:00` both print as `+02:00`.
fn normalise_offset(offset: &str) -> Option<String> {
    let (sign, digits) = offset.split_at_checked(1)?;
    if sign != "+" && sign != "-" {
        return None;
    }
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{sign}{}:{}", &digits[..2], &digits[2..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_format_values() {
        assert_eq!(
            TimestampFormat::parse(None).ok(),
            Some(TimestampFormat::Iso8601)
        );
        assert_eq!(
            TimestampFormat::parse(Some("wire")).ok(),
            Some(TimestampFormat::Wire)
        );
        // v1's `none` is an error in v2.
        assert!(TimestampFormat::parse(Some("none")).is_err());
        let err = TimestampFormat::parse(Some("bogus"))
            .err()
            .map(|e| (e.exit_code(), e.message));
        assert_eq!(
            err,
            Some((253, "Unknown cli_timestamp_format value: bogus, valid values are \"wire\" or \"iso8601\"".into()))
        );
    }

    #[test]
    fn iso8601_matches_python_isoformat() {
        let cases = [
            ("2019-11-09T13:34:41Z", "2019-11-09T13:34:41+00:00"),
            (
                "2019-11-09T13:34:41.123Z",
                "2019-11-09T13:34:41.123000+00:00",
            ),
            (
                "2019-11-09T13:34:41.123456789Z",
                "2019-11-09T13:34:41.123456+00:00",
            ),
            ("2019-11-09T13:34:41.000Z", "2019-11-09T13:34:41+00:00"),
            ("2019-11-09T13:34:41+02:00", "2019-11-09T13:34:41+02:00"),
            ("2019-11-09T13:34:41", "2019-11-09T13:34:41"),
            ("1573306481", "2019-11-09T13:34:41+00:00"),
            ("1573306481.5", "2019-11-09T13:34:41.500000+00:00"),
            ("Sat, 09 Nov 2019 13:34:41 GMT", "2019-11-09T13:34:41+00:00"),
        ];
        for (wire, expected) in cases {
            assert_eq!(
                format(wire, TimestampFormat::Iso8601).ok().as_deref(),
                Some(expected),
                "{wire}"
            );
        }
    }

    #[test]
    fn wire_keeps_the_text() {
        let wire = "2019-11-09T13:34:41.123456789Z";
        assert_eq!(
            format(wire, TimestampFormat::Wire).ok().as_deref(),
            Some(wire)
        );
    }

    #[test]
    fn garbage_is_an_error() {
        let err = format("garbage", TimestampFormat::Iso8601)
            .err()
            .map(|e| e.message);
        assert_eq!(
            err.as_deref(),
            Some("Invalid timestamp \"garbage\": Unknown string format: garbage")
        );
    }
}
