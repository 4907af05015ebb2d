# Writes src/output/width.rs: the code point ranges that awscli's get_text_length counts as 2.
# Usage: python3 gen_width.py > src/output/width.rs && cargo fmt   (Python 3.11: Unicode 14.0)
import sys, unicodedata

assert unicodedata.unidata_version == "14.0.0", unicodedata.unidata_version
ranges, start = [], None
for cp in range(0x110000):
    double = unicodedata.east_asian_width(chr(cp)) in "WFA"
    if double and start is None:
        start = cp
    elif not double and start is not None:
        ranges.append((start, cp - 1))
        start = None
if start is not None:
    ranges.append((start, 0x10FFFF))

out = sys.stdout
out.write('''//! Display width of text as the AWS CLI measures it for `--output table`.
//!
//! awscli/table.py `get_text_length` counts a code point as 2 columns when
//! `unicodedata.east_asian_width(ch)` is W (wide), F (fullwidth) or A (ambiguous) and as 1
//! otherwise. Nothing counts 0: combining marks, controls, TAB and LF are 1 each. So `é`, `—`,
//! `°` and a combining acute accent are 2, `Ü` is 1, CJK and emoji are 2. This differs from the
//! `unicode-width` crate (combining marks 0, ambiguous 1, another Unicode version), hence the
//! table below.
//!
//! `DOUBLE_WIDTH` was generated from Python 3.11.7's `unicodedata` (Unicode 14.0.0, the data
//! the reference AWS CLI runs with) by tests/golden/table-unit/gen_width.py, whose core is
//! below; do not edit it by hand:
//!
//! ```text
//! import unicodedata
//! ranges, start = [], None
//! for cp in range(0x110000):
//!     double = unicodedata.east_asian_width(chr(cp)) in "WFA"
//!     if double and start is None:
//!         start = cp
//!     elif not double and start is not None:
//!         ranges.append((start, cp - 1))
//!         start = None
//! if start is not None:
//!     ranges.append((start, 0x10FFFF))
//! ```
//!
//! CPython reports unassigned code points outside the BMP (e.g. U+50000) as F, and so does
//! the table, on purpose.

/// Columns `text` takes in a table: 2 per W, F or A code point, 1 per other code point.
pub fn text_width(text: &str) -> usize {
    text.chars().map(|c| if is_double(c) { 2 } else { 1 }).sum()
}

/// Whether `c` is East Asian Wide, Fullwidth or Ambiguous (Unicode 14.0).
fn is_double(c: char) -> bool {
    let code = u32::from(c);
    DOUBLE_WIDTH
        .binary_search_by(|&(first, last)| {
            if last < code {
                std::cmp::Ordering::Less
            } else if first > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

''')
out.write(f"/// Sorted, disjoint, inclusive ranges of W, F and A code points ({len(ranges)} ranges).\n")
out.write("#[rustfmt::skip]\n")
out.write("const DOUBLE_WIDTH: &[(u32, u32)] = &[\n")
per_line = 4
for i in range(0, len(ranges), per_line):
    chunk = ranges[i:i + per_line]
    out.write("    " + " ".join(f"(0x{a:05X}, 0x{b:05X})," for a, b in chunk) + "\n")
out.write("];\n")
out.write('''
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_sorted_and_disjoint() {
        for pair in DOUBLE_WIDTH.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0);
        }
    }

    #[test]
    fn wide_fullwidth_and_ambiguous_count_two() {
        // W: CJK, Hangul, emoji; F: fullwidth forms.
        assert_eq!(text_width("中文"), 4);
        assert_eq!(text_width("한"), 2);
        assert_eq!(text_width("😀"), 2);
        assert_eq!(text_width("Ａ"), 2);
        // A: Latin-1 letters and signs, Greek, Cyrillic, dashes, combining marks.
        for ambiguous in ["é", "—", "…", "°", "×", "€", "®", "α", "А", "\\u{301}", "\\u{E000}"] {
            assert_eq!(text_width(ambiguous), 2, "{ambiguous:?}");
        }
        // CPython's quirk: unassigned code points beyond the BMP report F.
        assert_eq!(text_width("\\u{50000}"), 2);
    }

    #[test]
    fn everything_else_counts_one() {
        assert_eq!(text_width(""), 0);
        assert_eq!(text_width("abc"), 3);
        for narrow in ["Ü", "À", "©", "£", "¥", "\\t", "\\n", "\\u{7f}", "\\u{200b}", "\\u{E0001}"] {
            assert_eq!(text_width(narrow), 1, "{narrow:?}");
        }
        // A combining mark after a narrow letter: both count (1 + 2), nothing is zero-width.
        assert_eq!(text_width("e\\u{301}"), 3);
        assert_eq!(text_width("\\u{10FFFF}"), 2);
    }
}
''')
