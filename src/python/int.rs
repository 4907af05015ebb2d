//! Python's `int(text)` and how Python shows bytes that are not UTF-8, for the values the AWS
//! CLI reads that way: integer options and settings, command-line words and environment
//! variables.

/// The code points Python counts as the digit 0 of a run of ten decimal digits (Unicode 14,
/// Python 3.11's `unicodedata.decimal`); each run goes on from there to 9.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

fn decimal_digit(c: char) -> Option<i64> {
    let code = u32::from(c);
    DECIMAL_ZEROS
        .iter()
        .find(|zero| (**zero..*zero + 10).contains(&code))
        .map(|zero| i64::from(code - zero))
}

/// `int(text)` in base 10: white space around, a sign, decimal digits of any script with
/// single underscores between them. `None` where Python raises (or the value leaves i64).
pub fn int(text: &str) -> Option<i64> {
    let text = text.trim_matches(super::is_space);
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') {
        return None;
    }
    let mut value: i64 = 0;
    let mut after_underscore = false;
    for c in digits.chars() {
        if c == '_' {
            if after_underscore {
                return None;
            }
            after_underscore = true;
            continue;
        }
        after_underscore = false;
        let digit = decimal_digit(c)?;
        value = value.checked_mul(10)?.checked_add(digit)?;
    }
    Some(if negative { -value } else { value })
}

/// Bytes as Python reads them from the command line and the environment (`surrogateescape`)
/// and then prints them (`backslashreplace`): UTF-8 as it is, each other byte as `\udcXX`.
pub fn decode_os(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push_str(&format!("\\udc{byte:02x}"));
        }
    }
    out
}

/// Python's complaint about a command-line word that is not UTF-8, when it encodes the word
/// to send it: the first run of characters that were bytes, counted in characters.
pub fn encode_error(bytes: &[u8]) -> Option<String> {
    // The word as Python holds it: a character per character, a surrogate per stray byte.
    let mut units: Vec<Option<u8>> = Vec::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        units.extend(chunk.valid().chars().map(|_| None));
        units.extend(chunk.invalid().iter().copied().map(Some));
    }
    let start = units.iter().position(Option::is_some)?;
    let run = units[start..].iter().take_while(|u| u.is_some()).count();
    Some(match (run, units[start]) {
        (1, Some(byte)) => format!(
            "'utf-8' codec can't encode character '\\udc{byte:02x}' in position {start}: surrogates not allowed"
        ),
        _ => format!(
            "'utf-8' codec can't encode characters in position {start}-{}: surrogates not allowed",
            start + run - 1
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_as_python_reads_them() {
        // Each pair from Python 3.11's int().
        let cases = [
            (" \u{2003} 12_3 ", Some(123)),
            ("1_000", Some(1000)),
            ("+1", Some(1)),
            ("-5", Some(-5)),
            ("00012", Some(12)),
            ("\u{663}", Some(3)),
            ("\u{ff11}\u{ff10}\u{ff10}\u{ff10}", Some(1000)),
            ("1__2", None),
            ("_1", None),
            ("1_", None),
            ("- 1", None),
            ("1e3", None),
            ("0x10", None),
            ("1.5", None),
            ("", None),
            ("99999999999999999999", None),
        ];
        for (text, expected) in cases {
            assert_eq!(int(text), expected, "{text:?}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_as_python_shows_them() {
        assert_eq!(decode_os(b"us-\xff"), "us-\\udcff");
        assert_eq!(decode_os("é".as_bytes()), "é");
        assert_eq!(encode_error(b"abcd"), None);
        assert_eq!(
            encode_error(b"ab\xffcd").as_deref(),
            Some(
                "'utf-8' codec can't encode character '\\udcff' in position 2: surrogates not allowed"
            )
        );
        // python3 -c "'é\udcff\udcfex'.encode()" -> characters in position 1-2
        assert_eq!(
            encode_error(b"\xc3\xa9\xff\xfex").as_deref(),
            Some("'utf-8' codec can't encode characters in position 1-2: surrogates not allowed")
        );
        assert_eq!(
            encode_error(b"\xff\xfe\xfd\xfc\xfbx\xff").as_deref(),
            Some("'utf-8' codec can't encode characters in position 0-4: surrogates not allowed")
        );
    }
}
