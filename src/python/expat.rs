//! What Python's expat-based XML parser says about a response body it cannot read, and how
//! Python prints the body, so that a broken answer is reported as the AWS CLI reports it.
//!
//! botocore reads every STS answer, successful or not, with
//! `ETree.XMLParser(target=ETree.TreeBuilder(), encoding='utf-8')`, one `feed()` of the
//! whole body and `close()`; when that raises, the CLI prints
//!
//! ```text
//! Unable to parse response (<str of the ParseError>), invalid XML received. Further retries may succeed:
//! <repr of the body as bytes>
//! ```
//!
//! (botocore skips the parser, and reports the HTTP status instead, only for a status of
//! 500 or more whose body, stripped, is empty or starts with `<html>`; an empty or blank
//! body with any other status is parsed, and fails with `no element found`.)
//!
//! [`parse_error`] gives the part in parentheses, [`bytes_repr`] the last line. The messages
//! come from expat 2.5.0, the library of Python 3.11 here, and this module follows its
//! tokenizer, its prolog grammar and its content rules closely enough to find the same first
//! error at the same place:
//!
//! - Positions are expat's: the line counts LF, CR and CR LF; the column is 0-based and
//!   counts characters, not bytes (a UTF-8 byte order mark counts as one), up to where expat
//!   points, which is the start of the offending token for most errors, the bad character
//!   for `not well-formed (invalid token)`, the name in an end tag for `mismatched tag`, the
//!   attribute name for a `duplicate attribute` and the start tag for namespace errors.
//! - The parser is namespace-aware (ElementTree asks for `}` as the separator), so names
//!   with two colons are invalid tokens, prefixes must be bound (`unbound prefix`), and
//!   `xmlns` attributes are checked as expat checks them.
//! - `encoding='utf-8'` makes expat ignore the encoding named in an XML declaration (it is
//!   still checked for syntax); bytes that are not UTF-8 are invalid tokens; but a UTF-16
//!   byte order mark, or a zero byte among the first two, still switches to UTF-16, so
//!   that case is handled too.
//! - Entities: the five predefined ones, character references, and general entities
//!   declared in the internal subset (expanded in content and attribute values, with
//!   expat's recursion, async-entity and amplification checks). When the document has an
//!   external subset or a parameter entity reference, expat passes an unknown entity on to
//!   ElementTree, which raises its own `undefined entity &name;: line L, column C`; that
//!   is reproduced as well.
//! - The body is fed whole and then closed, which is not quite parsing it in one go: a CR
//!   that ends the body after the root element ends that first pass without error, and the
//!   second pass still reads what follows it (an odd last byte of UTF-16). That is followed.
//!
//! Known gaps, none of them seen in the differential tests nor plausible from a server or
//! proxy: a UTF-16 body whose unknown entity reference is longer than about 1000 bytes can
//! make ElementTree raise a `UnicodeDecodeError` rather than a `ParseError` (this module
//! reports the undefined entity); running out of memory is never reported; and the words
//! and rules are those of expat 2.5.0, which another expat may not share in corner cases.
//!
//! [`bytes_repr`] is `repr()` of a `bytes` object: `b'...'`, or `b"..."` when the bytes
//! hold a `'` and no `"`; `\\`, the quote, `\t`, `\n`, `\r` escaped, other bytes outside
//! printable ASCII as `\xhh`.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// `str()` of the `ParseError` that botocore's parser set-up raises for `body`, e.g.
/// `mismatched tag: line 3, column 2`; None when Python reads `body` as XML.
pub fn parse_error(body: &[u8]) -> Option<String> {
    let mut parser = Parser::new(body);
    match parser.document() {
        Ok(()) => None,
        Err(Fail::Python(message)) => Some(message),
        Err(Fail::Expat(code)) => {
            let (line, column) = parser.position();
            Some(format!("{}: line {line}, column {column}", code.message()))
        }
    }
}

/// Python's `repr()` of `body` as a `bytes` object, e.g. `b'this is not xml'`.
pub fn bytes_repr(body: &[u8]) -> String {
    let quote = if body.contains(&b'\'') && !body.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(body.len() + 3);
    out.push('b');
    out.push(char::from(quote));
    for &byte in body {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if byte == quote => {
                out.push('\\');
                out.push(char::from(byte));
            }
            0x20..=0x7e => out.push(char::from(byte)),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(char::from(quote));
    out
}

/// The errors expat can report here, with its words for them (`pyexpat.ErrorString`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Code {
    Syntax,
    NoElements,
    InvalidToken,
    UnclosedToken,
    PartialChar,
    TagMismatch,
    DuplicateAttribute,
    JunkAfterDocElement,
    ParamEntityRef,
    UndefinedEntity,
    RecursiveEntityRef,
    AsyncEntity,
    BadCharRef,
    BinaryEntityRef,
    AttributeExternalEntityRef,
    MisplacedXmlPi,
    UnclosedCdataSection,
    XmlDecl,
    PublicId,
    UnboundPrefix,
    UndeclaringPrefix,
    UnexpectedState,
    ReservedPrefixXml,
    ReservedPrefixXmlns,
    ReservedNamespaceUri,
    AmplificationLimitBreach,
}

impl Code {
    fn message(self) -> &'static str {
        match self {
            Code::Syntax => "syntax error",
            Code::NoElements => "no element found",
            Code::InvalidToken => "not well-formed (invalid token)",
            Code::UnclosedToken => "unclosed token",
            Code::PartialChar => "partial character",
            Code::TagMismatch => "mismatched tag",
            Code::DuplicateAttribute => "duplicate attribute",
            Code::JunkAfterDocElement => "junk after document element",
            Code::ParamEntityRef => "illegal parameter entity reference",
            Code::UndefinedEntity => "undefined entity",
            Code::RecursiveEntityRef => "recursive entity reference",
            Code::AsyncEntity => "asynchronous entity",
            Code::BadCharRef => "reference to invalid character number",
            Code::BinaryEntityRef => "reference to binary entity",
            Code::AttributeExternalEntityRef => "reference to external entity in attribute",
            Code::MisplacedXmlPi => "XML or text declaration not at start of entity",
            Code::UnclosedCdataSection => "unclosed CDATA section",
            Code::XmlDecl => "XML declaration not well-formed",
            Code::PublicId => "illegal character(s) in public id",
            Code::UnboundPrefix => "unbound prefix",
            Code::UndeclaringPrefix => "must not undeclare prefix",
            Code::UnexpectedState => "unexpected parser state - please send a bug report",
            Code::ReservedPrefixXml => {
                "reserved prefix (xml) must not be undeclared or bound to another namespace name"
            }
            Code::ReservedPrefixXmlns => {
                "reserved prefix (xmlns) must not be declared or undeclared"
            }
            Code::ReservedNamespaceUri => {
                "prefix must not be bound to one of the reserved namespace names"
            }
            Code::AmplificationLimitBreach => {
                "limit on input amplification factor (from DTD and entities) breached"
            }
        }
    }
}

/// Why parsing stopped: an expat error (its position is the parser's event position), or
/// the message of an exception ElementTree raised from one of its handlers.
#[derive(Debug)]
enum Fail {
    Expat(Code),
    Python(String),
}

impl From<Code> for Fail {
    fn from(code: Code) -> Fail {
        Fail::Expat(code)
    }
}

// ---------------------------------------------------------------------------------------
// Characters

/// What a character (or the first byte of one) is to the tokenizer; expat decides on
/// these classes, not on the characters themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bt {
    /// Not allowed in XML at all (most controls, U+FFFE, U+FFFF, bytes F5..FD).
    NonXml,
    /// Bytes FE and FF, never part of UTF-8.
    Malform,
    Lt,
    Amp,
    Rsqb,
    Lead2,
    Lead3,
    Lead4,
    /// A UTF-8 continuation byte or a UTF-16 low surrogate standing alone.
    Trail,
    Cr,
    Lf,
    Gt,
    Quot,
    Apos,
    Equals,
    Quest,
    Excl,
    Sol,
    Semi,
    Num,
    Lsqb,
    S,
    /// A letter other than a..f, or `_`: starts a name.
    NmStrt,
    Colon,
    /// a..f, A..F: starts a name, and is a hex digit.
    Hex,
    Digit,
    /// `.` and U+00B7: inside names only.
    Name,
    Minus,
    Other,
    /// A UTF-16 character above U+00FF: a name character or not, by the tables below.
    NonAscii,
    Percnt,
    Lpar,
    Rpar,
    Ast,
    Plus,
    Comma,
    Verbar,
}

/// The class of an ASCII character. `internal` is for entity text that expat has already
/// normalized, where a CR is plain white space.
fn ascii_class(c: u8, internal: bool) -> Bt {
    match c {
        b'\t' | b' ' => Bt::S,
        b'\n' => Bt::Lf,
        b'\r' if internal => Bt::S,
        b'\r' => Bt::Cr,
        0..=0x1f => Bt::NonXml,
        b'!' => Bt::Excl,
        b'"' => Bt::Quot,
        b'#' => Bt::Num,
        b'%' => Bt::Percnt,
        b'&' => Bt::Amp,
        b'\'' => Bt::Apos,
        b'(' => Bt::Lpar,
        b')' => Bt::Rpar,
        b'*' => Bt::Ast,
        b'+' => Bt::Plus,
        b',' => Bt::Comma,
        b'-' => Bt::Minus,
        b'.' => Bt::Name,
        b'/' => Bt::Sol,
        b'0'..=b'9' => Bt::Digit,
        b':' => Bt::Colon,
        b';' => Bt::Semi,
        b'<' => Bt::Lt,
        b'=' => Bt::Equals,
        b'>' => Bt::Gt,
        b'?' => Bt::Quest,
        b'A'..=b'F' | b'a'..=b'f' => Bt::Hex,
        b'G'..=b'Z' | b'g'..=b'z' | b'_' => Bt::NmStrt,
        b'[' => Bt::Lsqb,
        b']' => Bt::Rsqb,
        b'|' => Bt::Verbar,
        _ => Bt::Other,
    }
}

/// The class of a byte of UTF-8 input.
fn utf8_class(c: u8, internal: bool) -> Bt {
    match c {
        0..=0x7f => ascii_class(c, internal),
        0x80..=0xbf => Bt::Trail,
        0xc0..=0xdf => Bt::Lead2,
        0xe0..=0xef => Bt::Lead3,
        0xf0..=0xf4 => Bt::Lead4,
        0xf5..=0xfd => Bt::NonXml,
        _ => Bt::Malform,
    }
}

/// The class of a UTF-16 code unit. Below U+0100 expat uses its Latin-1 table, which
/// (unlike its UTF-8 name tables) makes U+00AA, U+00B5 and U+00BA name start characters.
fn utf16_class(unit: u16) -> Bt {
    match unit {
        0..=0x7f => ascii_class(unit as u8, false),
        0xaa | 0xb5 | 0xba | 0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0xff => Bt::NmStrt,
        0xb7 => Bt::Name,
        0x80..=0xff => Bt::Other,
        0xd800..=0xdbff => Bt::Lead4,
        0xdc00..=0xdfff => Bt::Trail,
        0xfffe | 0xffff => Bt::NonXml,
        _ => Bt::NonAscii,
    }
}

fn in_ranges(ranges: &[(u16, u16)], c: u32) -> bool {
    ranges
        .binary_search_by(|&(low, high)| {
            if u32::from(high) < c {
                std::cmp::Ordering::Less
            } else if u32::from(low) > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether a character outside ASCII may start a name. expat's tables follow XML 1.0 before
/// its fifth edition (letters and ideographs of Unicode 2.0) and know nothing above U+FFFF;
/// these ranges were read off expat itself, one character at a time.
fn is_name_start(c: u32) -> bool {
    in_ranges(NAME_START, c)
}

/// Whether a character outside ASCII may stand inside a name (a superset of the above).
fn is_name_char(c: u32) -> bool {
    in_ranges(NAME_CHAR, c)
}

/// How an input is encoded, which decides the classes of its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Enc {
    Utf8,
    /// Entity text as expat stores it: UTF-8, line ends already normalized.
    Internal,
    Utf16Le,
    Utf16Be,
}

type Tok = (T, usize);

/// expat's tokens. A scanner returns one with the position after it, or for
/// [`T::Invalid`] the position of the offending character. A name, literal or the like
/// that runs to the end of the input comes back as the token itself, ending there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum T {
    None,
    Invalid,
    Partial,
    PartialChar,
    TrailingCr,
    TrailingRsqb,
    Bom,
    StartTagWithAtts,
    StartTagNoAtts,
    EmptyElementWithAtts,
    EmptyElementNoAtts,
    EndTag,
    DataChars,
    DataNewline,
    CdataSectOpen,
    CdataSectClose,
    EntityRef,
    CharRef,
    Pi,
    XmlDecl,
    Comment,
    AttributeValueS,
    PrologS,
    DeclOpen,
    DeclClose,
    Name,
    NmToken,
    PoundName,
    Or,
    Percent,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Literal,
    ParamEntityRef,
    InstanceStart,
    NameQuestion,
    NameAsterisk,
    NamePlus,
    CondSectOpen,
    CondSectClose,
    CloseParenQuestion,
    CloseParenAsterisk,
    CloseParenPlus,
    Comma,
    PrefixedName,
}

/// One step over a name character: past it, a class the caller must look at, or a token
/// that ends the scan (a truncated or invalid character).
enum Step {
    Past(usize),
    Other(Bt),
    Stop(Tok),
}

fn lead_len(bt: Bt) -> usize {
    match bt {
        Bt::Lead2 => 2,
        Bt::Lead3 => 3,
        _ => 4,
    }
}

/// A tokenizer over one buffer. Every read is bounds-checked (a read past the end sees a
/// NUL), so no input makes it panic; the scanners themselves never read past `end`.
#[derive(Clone, Copy)]
struct Lex<'a> {
    b: &'a [u8],
    enc: Enc,
}

/// Skip `$n` characters; return `Partial` if the input ends first.
macro_rules! need {
    ($lex:expr, $p:expr, $end:expr, $n:expr) => {
        if !$lex.has($p, $end, $n) {
            return (T::Partial, $p);
        }
    };
}

macro_rules! step {
    ($e:expr) => {
        match $e {
            Ok(p) => p,
            Err(tok) => return tok,
        }
    };
}

impl<'a> Lex<'a> {
    fn internal(b: &'a [u8]) -> Lex<'a> {
        Lex {
            b,
            enc: Enc::Internal,
        }
    }

    /// Bytes in the smallest character.
    fn m(self) -> usize {
        match self.enc {
            Enc::Utf16Le | Enc::Utf16Be => 2,
            Enc::Utf8 | Enc::Internal => 1,
        }
    }

    fn has(self, p: usize, end: usize, n: usize) -> bool {
        end >= p && end - p >= n * self.m()
    }

    fn byte(self, p: usize) -> u8 {
        self.b.get(p).copied().unwrap_or(0)
    }

    fn unit(self, p: usize) -> u16 {
        let (first, second) = (u16::from(self.byte(p)), u16::from(self.byte(p + 1)));
        match self.enc {
            Enc::Utf16Be => (first << 8) | second,
            _ => (second << 8) | first,
        }
    }

    fn bt(self, p: usize) -> Bt {
        match self.enc {
            Enc::Utf8 => utf8_class(self.byte(p), false),
            Enc::Internal => utf8_class(self.byte(p), true),
            Enc::Utf16Le | Enc::Utf16Be => utf16_class(self.unit(p)),
        }
    }

    /// The character at `p` as expat compares it with ASCII: the byte itself in UTF-8,
    /// the unit when it is below U+0100 in UTF-16, else -1.
    fn ascii(self, p: usize) -> i32 {
        match self.enc {
            Enc::Utf8 | Enc::Internal => i32::from(self.byte(p)),
            Enc::Utf16Le | Enc::Utf16Be => {
                let unit = self.unit(p);
                if unit < 0x100 { i32::from(unit) } else { -1 }
            }
        }
    }

    fn is(self, p: usize, c: u8) -> bool {
        self.ascii(p) == i32::from(c)
    }

    /// The code point of a UTF-8 sequence of `n` bytes at `p` (already known to be valid).
    fn code_point(self, p: usize, n: usize) -> u32 {
        let first = u32::from(self.byte(p));
        let mut c = match n {
            2 => first & 0x1f,
            3 => first & 0x0f,
            _ => first & 0x07,
        };
        for i in 1..n {
            c = (c << 6) | (u32::from(self.byte(p + i)) & 0x3f);
        }
        c
    }

    /// Whether the `n`-byte UTF-8 sequence at `p` is broken: a bad continuation, an overlong
    /// form, a surrogate, U+FFFE, U+FFFF or beyond U+10FFFF. UTF-16 is never checked.
    fn invalid(self, p: usize, n: usize) -> bool {
        if !matches!(self.enc, Enc::Utf8 | Enc::Internal) {
            return false;
        }
        if (1..n).any(|i| self.byte(p + i) & 0xc0 != 0x80) {
            return true;
        }
        let c = self.code_point(p, n);
        match n {
            2 => c < 0x80,
            3 => c < 0x800 || (0xd800..=0xdfff).contains(&c) || c >= 0xfffe,
            _ => !(0x10000..=0x10ffff).contains(&c),
        }
    }

    /// For a multi-byte UTF-8 character: may it stand in a name? (Never above U+FFFF.)
    fn name_char(self, p: usize, n: usize) -> bool {
        n < 4
            && matches!(self.enc, Enc::Utf8 | Enc::Internal)
            && is_name_char(self.code_point(p, n))
    }

    fn name_start(self, p: usize, n: usize) -> bool {
        n < 4
            && matches!(self.enc, Enc::Utf8 | Enc::Internal)
            && is_name_start(self.code_point(p, n))
    }

    /// For a UTF-16 character above U+00FF.
    fn name_char_unit(self, p: usize) -> bool {
        is_name_char(u32::from(self.unit(p)))
    }

    fn name_start_unit(self, p: usize) -> bool {
        is_name_start(u32::from(self.unit(p)))
    }

    /// Past a character that may continue a name.
    fn name_step(self, p: usize, end: usize) -> Step {
        match self.bt(p) {
            Bt::NonAscii if !self.name_char_unit(p) => Step::Stop((T::Invalid, p)),
            Bt::NonAscii | Bt::NmStrt | Bt::Hex | Bt::Digit | Bt::Name | Bt::Minus => {
                Step::Past(p + self.m())
            }
            bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => {
                let n = lead_len(bt);
                if end - p < n {
                    Step::Stop((T::PartialChar, p))
                } else if self.invalid(p, n) || !self.name_char(p, n) {
                    Step::Stop((T::Invalid, p))
                } else {
                    Step::Past(p + n)
                }
            }
            other => Step::Other(other),
        }
    }

    /// Past a character that may start a name.
    fn start_step(self, p: usize, end: usize) -> Step {
        match self.bt(p) {
            Bt::NonAscii if !self.name_start_unit(p) => Step::Stop((T::Invalid, p)),
            Bt::NonAscii | Bt::NmStrt | Bt::Hex => Step::Past(p + self.m()),
            bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => {
                let n = lead_len(bt);
                if end - p < n {
                    Step::Stop((T::PartialChar, p))
                } else if self.invalid(p, n) || !self.name_start(p, n) {
                    Step::Stop((T::Invalid, p))
                } else {
                    Step::Past(p + n)
                }
            }
            other => Step::Other(other),
        }
    }

    /// Past a character that must start a name: anything else is an invalid token here.
    fn start_or_invalid(self, p: usize, end: usize) -> Result<usize, Tok> {
        match self.start_step(p, end) {
            Step::Past(q) => Ok(q),
            Step::Other(_) => Err((T::Invalid, p)),
            Step::Stop(tok) => Err(tok),
        }
    }

    /// Past any character allowed in text; the characters XML forbids are invalid tokens.
    fn char_step(self, p: usize, end: usize) -> Result<usize, Tok> {
        match self.bt(p) {
            bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => {
                let n = lead_len(bt);
                if end - p < n {
                    Err((T::PartialChar, p))
                } else if self.invalid(p, n) {
                    Err((T::Invalid, p))
                } else {
                    Ok(p + n)
                }
            }
            Bt::NonXml | Bt::Malform | Bt::Trail => Err((T::Invalid, p)),
            _ => Ok(p + self.m()),
        }
    }

    /// UTF-16 input is read in whole units: an odd last byte waits for its partner.
    fn even_end(self, p: usize, end: usize) -> Option<usize> {
        let m = self.m();
        let n = end - p;
        if m > 1 && !n.is_multiple_of(m) {
            let n = n - n % m;
            if n == 0 {
                return None;
            }
            return Some(p + n);
        }
        Some(end)
    }

    /// `<!-` seen; `p` is after it.
    fn scan_comment(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        if self.has(p, end, 1) {
            if !self.is(p, b'-') {
                return (T::Invalid, p);
            }
            p += m;
            while self.has(p, end, 1) {
                if self.bt(p) == Bt::Minus {
                    p += m;
                    need!(self, p, end, 1);
                    if self.is(p, b'-') {
                        p += m;
                        need!(self, p, end, 1);
                        if !self.is(p, b'>') {
                            return (T::Invalid, p);
                        }
                        return (T::Comment, p + m);
                    }
                } else {
                    p = step!(self.char_step(p, end));
                }
            }
        }
        (T::Partial, p)
    }

    /// `<!` seen in the prolog.
    fn scan_decl(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        need!(self, p, end, 1);
        match self.bt(p) {
            Bt::Minus => return self.scan_comment(p + m, end),
            Bt::Lsqb => return (T::CondSectOpen, p + m),
            Bt::NmStrt | Bt::Hex => p += m,
            _ => return (T::Invalid, p),
        }
        while self.has(p, end, 1) {
            match self.bt(p) {
                Bt::Percnt => {
                    need!(self, p, end, 2);
                    // `<!ENTITY%` needs the name to follow the percent sign at once.
                    if matches!(self.bt(p + m), Bt::S | Bt::Cr | Bt::Lf | Bt::Percnt) {
                        return (T::Invalid, p);
                    }
                    return (T::DeclOpen, p);
                }
                Bt::S | Bt::Cr | Bt::Lf => return (T::DeclOpen, p),
                Bt::NmStrt | Bt::Hex => p += m,
                _ => return (T::Invalid, p),
            }
        }
        (T::Partial, p)
    }

    /// Whether a processing instruction's target is allowed, and which token it makes:
    /// `xml` is the XML declaration, any other mix of case of those letters is refused.
    fn pi_target(self, p: usize, end: usize) -> Option<T> {
        let m = self.m();
        if end - p != 3 * m {
            return Some(T::Pi);
        }
        let mut upper = false;
        for (i, (low, high)) in [(b'x', b'X'), (b'm', b'M'), (b'l', b'L')]
            .into_iter()
            .enumerate()
        {
            let c = self.ascii(p + i * m);
            if c == i32::from(high) {
                upper = true;
            } else if c != i32::from(low) {
                return Some(T::Pi);
            }
        }
        if upper { None } else { Some(T::XmlDecl) }
    }

    /// `<?` seen.
    fn scan_pi(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        let target = p;
        need!(self, p, end, 1);
        p = step!(self.start_or_invalid(p, end));
        while self.has(p, end, 1) {
            match self.name_step(p, end) {
                Step::Past(q) => p = q,
                Step::Stop(tok) => return tok,
                Step::Other(Bt::S | Bt::Cr | Bt::Lf) => {
                    let Some(tok) = self.pi_target(target, p) else {
                        return (T::Invalid, p);
                    };
                    p += m;
                    while self.has(p, end, 1) {
                        if self.bt(p) == Bt::Quest {
                            p += m;
                            need!(self, p, end, 1);
                            if self.is(p, b'>') {
                                return (tok, p + m);
                            }
                        } else {
                            p = step!(self.char_step(p, end));
                        }
                    }
                    return (T::Partial, p);
                }
                Step::Other(Bt::Quest) => {
                    let Some(tok) = self.pi_target(target, p) else {
                        return (T::Invalid, p);
                    };
                    p += m;
                    need!(self, p, end, 1);
                    if self.is(p, b'>') {
                        return (tok, p + m);
                    }
                    return (T::Invalid, p);
                }
                Step::Other(_) => return (T::Invalid, p),
            }
        }
        (T::Partial, p)
    }

    /// `<![` seen in content.
    fn scan_cdata_open(self, mut p: usize, end: usize) -> Tok {
        need!(self, p, end, 6);
        for &c in b"CDATA[" {
            if !self.is(p, c) {
                return (T::Invalid, p);
            }
            p += self.m();
        }
        (T::CdataSectOpen, p)
    }

    /// A token inside a CDATA section.
    fn cdata_tok(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        if p >= end {
            return (T::None, p);
        }
        let Some(end) = self.even_end(p, end) else {
            return (T::Partial, p);
        };
        match self.bt(p) {
            Bt::Rsqb => {
                p += m;
                need!(self, p, end, 1);
                if self.is(p, b']') {
                    p += m;
                    need!(self, p, end, 1);
                    if self.is(p, b'>') {
                        return (T::CdataSectClose, p + m);
                    }
                    p -= m;
                }
            }
            Bt::Cr => {
                p += m;
                need!(self, p, end, 1);
                if self.bt(p) == Bt::Lf {
                    p += m;
                }
                return (T::DataNewline, p);
            }
            Bt::Lf => return (T::DataNewline, p + m),
            _ => p = step!(self.char_step(p, end)),
        }
        while self.has(p, end, 1) {
            match self.bt(p) {
                bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => {
                    let n = lead_len(bt);
                    if end - p < n || self.invalid(p, n) {
                        return (T::DataChars, p);
                    }
                    p += n;
                }
                Bt::NonXml | Bt::Malform | Bt::Trail | Bt::Cr | Bt::Lf | Bt::Rsqb => {
                    return (T::DataChars, p);
                }
                _ => p += m,
            }
        }
        (T::DataChars, p)
    }

    /// `</` seen.
    fn scan_end_tag(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        need!(self, p, end, 1);
        p = step!(self.start_or_invalid(p, end));
        while self.has(p, end, 1) {
            match self.name_step(p, end) {
                Step::Past(q) => p = q,
                Step::Stop(tok) => return tok,
                Step::Other(Bt::S | Bt::Cr | Bt::Lf) => {
                    p += m;
                    while self.has(p, end, 1) {
                        match self.bt(p) {
                            Bt::S | Bt::Cr | Bt::Lf => p += m,
                            Bt::Gt => return (T::EndTag, p + m),
                            _ => return (T::Invalid, p),
                        }
                    }
                    return (T::Partial, p);
                }
                // The name must match the start tag's, so its colons need no check.
                Step::Other(Bt::Colon) => p += m,
                Step::Other(Bt::Gt) => return (T::EndTag, p + m),
                Step::Other(_) => return (T::Invalid, p),
            }
        }
        (T::Partial, p)
    }

    /// `&#` seen (`hex`: `&#x`).
    fn scan_char_ref(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        if !self.has(p, end, 1) {
            return (T::Partial, p);
        }
        let hex = self.is(p, b'x');
        if hex {
            p += m;
            if !self.has(p, end, 1) {
                return (T::Partial, p);
            }
        }
        let digit = |bt: Bt| bt == Bt::Digit || (hex && bt == Bt::Hex);
        if !digit(self.bt(p)) {
            return (T::Invalid, p);
        }
        p += m;
        while self.has(p, end, 1) {
            match self.bt(p) {
                bt if digit(bt) => p += m,
                Bt::Semi => return (T::CharRef, p + m),
                _ => return (T::Invalid, p),
            }
        }
        (T::Partial, p)
    }

    /// `&` seen.
    fn scan_ref(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        need!(self, p, end, 1);
        match self.start_step(p, end) {
            Step::Past(q) => p = q,
            Step::Stop(tok) => return tok,
            Step::Other(Bt::Num) => return self.scan_char_ref(p + m, end),
            Step::Other(_) => return (T::Invalid, p),
        }
        while self.has(p, end, 1) {
            match self.name_step(p, end) {
                Step::Past(q) => p = q,
                Step::Stop(tok) => return tok,
                Step::Other(Bt::Semi) => return (T::EntityRef, p + m),
                Step::Other(_) => return (T::Invalid, p),
            }
        }
        (T::Partial, p)
    }

    /// In a start tag, past the first character of an attribute name.
    fn scan_atts(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        let mut had_colon = false;
        while self.has(p, end, 1) {
            let bt = match self.name_step(p, end) {
                Step::Past(q) => {
                    p = q;
                    continue;
                }
                Step::Stop(tok) => return tok,
                Step::Other(bt) => bt,
            };
            match bt {
                Bt::Colon => {
                    if had_colon {
                        return (T::Invalid, p);
                    }
                    had_colon = true;
                    p += m;
                    need!(self, p, end, 1);
                    p = step!(self.start_or_invalid(p, end));
                    continue;
                }
                Bt::S | Bt::Cr | Bt::Lf => loop {
                    p += m;
                    need!(self, p, end, 1);
                    match self.bt(p) {
                        Bt::Equals => break,
                        Bt::S | Bt::Cr | Bt::Lf => {}
                        _ => return (T::Invalid, p),
                    }
                },
                Bt::Equals => {}
                _ => return (T::Invalid, p),
            }
            // At the `=`.
            had_colon = false;
            let open = loop {
                p += m;
                need!(self, p, end, 1);
                match self.bt(p) {
                    quote @ (Bt::Quot | Bt::Apos) => break quote,
                    Bt::S | Bt::Cr | Bt::Lf => {}
                    _ => return (T::Invalid, p),
                }
            };
            p += m;
            // In the value.
            loop {
                need!(self, p, end, 1);
                match self.bt(p) {
                    bt if bt == open => break,
                    Bt::Amp => {
                        let (tok, q) = self.scan_ref(p + m, end);
                        match tok {
                            T::Invalid => return (T::Invalid, q),
                            T::Partial | T::PartialChar => return (tok, q),
                            _ => p = q,
                        }
                    }
                    Bt::Lt => return (T::Invalid, p),
                    _ => p = step!(self.char_step(p, end)),
                }
            }
            p += m;
            need!(self, p, end, 1);
            match self.bt(p) {
                Bt::S | Bt::Cr | Bt::Lf => {}
                Bt::Sol => return self.tag_close(p, end, T::EmptyElementWithAtts),
                Bt::Gt => return (T::StartTagWithAtts, p + m),
                _ => return (T::Invalid, p),
            }
            // After the value and some white space: another name, or the end of the tag.
            loop {
                p += m;
                need!(self, p, end, 1);
                match self.start_step(p, end) {
                    Step::Past(q) => {
                        p = q;
                        break;
                    }
                    Step::Stop(tok) => return tok,
                    Step::Other(Bt::S | Bt::Cr | Bt::Lf) => {}
                    Step::Other(Bt::Gt) => return (T::StartTagWithAtts, p + m),
                    Step::Other(Bt::Sol) => {
                        return self.tag_close(p, end, T::EmptyElementWithAtts);
                    }
                    Step::Other(_) => return (T::Invalid, p),
                }
            }
        }
        (T::Partial, p)
    }

    /// At the `/` of `/>`.
    fn tag_close(self, p: usize, end: usize, tok: T) -> Tok {
        let p = p + self.m();
        need!(self, p, end, 1);
        if !self.is(p, b'>') {
            return (T::Invalid, p);
        }
        (tok, p + self.m())
    }

    /// `<` seen in content.
    fn scan_lt(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        need!(self, p, end, 1);
        match self.start_step(p, end) {
            Step::Past(q) => p = q,
            Step::Stop(tok) => return tok,
            Step::Other(Bt::Excl) => {
                p += m;
                need!(self, p, end, 1);
                return match self.bt(p) {
                    Bt::Minus => self.scan_comment(p + m, end),
                    Bt::Lsqb => self.scan_cdata_open(p + m, end),
                    _ => (T::Invalid, p),
                };
            }
            Step::Other(Bt::Quest) => return self.scan_pi(p + m, end),
            Step::Other(Bt::Sol) => return self.scan_end_tag(p + m, end),
            Step::Other(_) => return (T::Invalid, p),
        }
        let mut had_colon = false;
        while self.has(p, end, 1) {
            match self.name_step(p, end) {
                Step::Past(q) => p = q,
                Step::Stop(tok) => return tok,
                Step::Other(Bt::Colon) => {
                    if had_colon {
                        return (T::Invalid, p);
                    }
                    had_colon = true;
                    p += m;
                    need!(self, p, end, 1);
                    p = step!(self.start_or_invalid(p, end));
                }
                Step::Other(Bt::S | Bt::Cr | Bt::Lf) => {
                    p += m;
                    while self.has(p, end, 1) {
                        match self.start_step(p, end) {
                            Step::Past(q) => return self.scan_atts(q, end),
                            Step::Stop(tok) => return tok,
                            Step::Other(Bt::Gt) => return (T::StartTagNoAtts, p + m),
                            Step::Other(Bt::Sol) => {
                                return self.tag_close(p, end, T::EmptyElementNoAtts);
                            }
                            Step::Other(Bt::S | Bt::Cr | Bt::Lf) => p += m,
                            Step::Other(_) => return (T::Invalid, p),
                        }
                    }
                    return (T::Partial, p);
                }
                Step::Other(Bt::Gt) => return (T::StartTagNoAtts, p + m),
                Step::Other(Bt::Sol) => return self.tag_close(p, end, T::EmptyElementNoAtts),
                Step::Other(_) => return (T::Invalid, p),
            }
        }
        (T::Partial, p)
    }

    /// A token of element content.
    fn content_tok(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        if p >= end {
            return (T::None, p);
        }
        let Some(end) = self.even_end(p, end) else {
            return (T::Partial, p);
        };
        match self.bt(p) {
            Bt::Lt => return self.scan_lt(p + m, end),
            Bt::Amp => return self.scan_ref(p + m, end),
            Bt::Cr => {
                p += m;
                if !self.has(p, end, 1) {
                    return (T::TrailingCr, p);
                }
                if self.bt(p) == Bt::Lf {
                    p += m;
                }
                return (T::DataNewline, p);
            }
            Bt::Lf => return (T::DataNewline, p + m),
            Bt::Rsqb => {
                p += m;
                if !self.has(p, end, 1) {
                    return (T::TrailingRsqb, p);
                }
                if self.is(p, b']') {
                    p += m;
                    if !self.has(p, end, 1) {
                        return (T::TrailingRsqb, p);
                    }
                    // `]]>` is not allowed in text.
                    if self.is(p, b'>') {
                        return (T::Invalid, p);
                    }
                    p -= m;
                }
            }
            _ => p = step!(self.char_step(p, end)),
        }
        while self.has(p, end, 1) {
            match self.bt(p) {
                bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => {
                    let n = lead_len(bt);
                    if end - p < n || self.invalid(p, n) {
                        return (T::DataChars, p);
                    }
                    p += n;
                }
                Bt::Rsqb => {
                    if self.has(p, end, 2) {
                        if !self.is(p + m, b']') {
                            p += m;
                            continue;
                        }
                        if self.has(p, end, 3) {
                            if !self.is(p + 2 * m, b'>') {
                                p += m;
                                continue;
                            }
                            return (T::Invalid, p + 2 * m);
                        }
                    }
                    return (T::DataChars, p);
                }
                Bt::Amp | Bt::Lt | Bt::NonXml | Bt::Malform | Bt::Trail | Bt::Cr | Bt::Lf => {
                    return (T::DataChars, p);
                }
                _ => p += m,
            }
        }
        (T::DataChars, p)
    }

    /// `%` seen in the prolog or an entity value.
    fn scan_percent(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        need!(self, p, end, 1);
        match self.start_step(p, end) {
            Step::Past(q) => p = q,
            Step::Stop(tok) => return tok,
            Step::Other(Bt::S | Bt::Lf | Bt::Cr | Bt::Percnt) => return (T::Percent, p),
            Step::Other(_) => return (T::Invalid, p),
        }
        while self.has(p, end, 1) {
            match self.name_step(p, end) {
                Step::Past(q) => p = q,
                Step::Stop(tok) => return tok,
                Step::Other(Bt::Semi) => return (T::ParamEntityRef, p + m),
                Step::Other(_) => return (T::Invalid, p),
            }
        }
        (T::Partial, p)
    }

    /// `#` seen in the prolog.
    fn scan_pound_name(self, mut p: usize, end: usize) -> Tok {
        need!(self, p, end, 1);
        p = step!(self.start_or_invalid(p, end));
        while self.has(p, end, 1) {
            match self.name_step(p, end) {
                Step::Past(q) => p = q,
                Step::Stop(tok) => return tok,
                Step::Other(
                    Bt::Cr | Bt::Lf | Bt::S | Bt::Rpar | Bt::Gt | Bt::Percnt | Bt::Verbar,
                ) => return (T::PoundName, p),
                Step::Other(_) => return (T::Invalid, p),
            }
        }
        (T::PoundName, end)
    }

    /// A quoted literal in the prolog, past its opening quote.
    fn scan_lit(self, open: Bt, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        while self.has(p, end, 1) {
            match self.bt(p) {
                bt @ (Bt::Quot | Bt::Apos) => {
                    p += m;
                    if bt != open {
                        continue;
                    }
                    if !self.has(p, end, 1) {
                        return (T::Literal, end);
                    }
                    return match self.bt(p) {
                        Bt::S | Bt::Cr | Bt::Lf | Bt::Gt | Bt::Percnt | Bt::Lsqb => (T::Literal, p),
                        _ => (T::Invalid, p),
                    };
                }
                _ => p = step!(self.char_step(p, end)),
            }
        }
        (T::Partial, p)
    }

    /// A token of the prolog (and of what follows the root element).
    fn prolog_tok(self, p: usize, end: usize) -> Tok {
        if p >= end {
            return (T::None, p);
        }
        let Some(even) = self.even_end(p, end) else {
            return (T::Partial, p);
        };
        match self.prolog_scan(p, even) {
            // A token cut short by the end of the input: expat takes it to end where the
            // input does, an odd last byte of UTF-16 included.
            (
                tok @ (T::Name
                | T::NmToken
                | T::PrefixedName
                | T::Literal
                | T::CloseBracket
                | T::CloseParen
                | T::PoundName),
                next,
            ) if next == even => (tok, end),
            found => found,
        }
    }

    fn prolog_scan(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        let mut tok = match self.bt(p) {
            Bt::Quot => return self.scan_lit(Bt::Quot, p + m, end),
            Bt::Apos => return self.scan_lit(Bt::Apos, p + m, end),
            Bt::Lt => {
                p += m;
                need!(self, p, end, 1);
                return match self.bt(p) {
                    Bt::Excl => self.scan_decl(p + m, end),
                    Bt::Quest => self.scan_pi(p + m, end),
                    Bt::NmStrt | Bt::Hex | Bt::NonAscii | Bt::Lead2 | Bt::Lead3 | Bt::Lead4 => {
                        (T::InstanceStart, p - m)
                    }
                    _ => (T::Invalid, p),
                };
            }
            Bt::Cr if p + m == end => return (T::PrologS, end),
            Bt::S | Bt::Lf | Bt::Cr => loop {
                p += m;
                if !self.has(p, end, 1) {
                    return (T::PrologS, p);
                }
                match self.bt(p) {
                    Bt::S | Bt::Lf => {}
                    // A CR at the very end may be half of a CR LF: leave it.
                    Bt::Cr if p + m != end => {}
                    _ => return (T::PrologS, p),
                }
            },
            Bt::Percnt => return self.scan_percent(p + m, end),
            Bt::Comma => return (T::Comma, p + m),
            Bt::Lsqb => return (T::OpenBracket, p + m),
            Bt::Rsqb => {
                p += m;
                if !self.has(p, end, 1) {
                    return (T::CloseBracket, end);
                }
                if self.is(p, b']') {
                    need!(self, p, end, 2);
                    if self.is(p + m, b'>') {
                        return (T::CondSectClose, p + 2 * m);
                    }
                }
                return (T::CloseBracket, p);
            }
            Bt::Lpar => return (T::OpenParen, p + m),
            Bt::Rpar => {
                p += m;
                if !self.has(p, end, 1) {
                    return (T::CloseParen, end);
                }
                return match self.bt(p) {
                    Bt::Ast => (T::CloseParenAsterisk, p + m),
                    Bt::Quest => (T::CloseParenQuestion, p + m),
                    Bt::Plus => (T::CloseParenPlus, p + m),
                    Bt::Cr | Bt::Lf | Bt::S | Bt::Gt | Bt::Comma | Bt::Verbar | Bt::Rpar => {
                        (T::CloseParen, p)
                    }
                    _ => (T::Invalid, p),
                };
            }
            Bt::Verbar => return (T::Or, p + m),
            Bt::Gt => return (T::DeclClose, p + m),
            Bt::Num => return self.scan_pound_name(p + m, end),
            bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => {
                let n = lead_len(bt);
                if end - p < n {
                    return (T::PartialChar, p);
                }
                if self.invalid(p, n) {
                    return (T::Invalid, p);
                }
                let tok = if self.name_start(p, n) {
                    T::Name
                } else if self.name_char(p, n) {
                    T::NmToken
                } else {
                    return (T::Invalid, p);
                };
                p += n;
                tok
            }
            Bt::NmStrt | Bt::Hex => {
                p += m;
                T::Name
            }
            Bt::Digit | Bt::Name | Bt::Minus | Bt::Colon => {
                p += m;
                T::NmToken
            }
            Bt::NonAscii if self.name_start_unit(p) => {
                p += m;
                T::Name
            }
            Bt::NonAscii if self.name_char_unit(p) => {
                p += m;
                T::NmToken
            }
            _ => return (T::Invalid, p),
        };
        while self.has(p, end, 1) {
            match self.name_step(p, end) {
                Step::Past(q) => p = q,
                Step::Stop(found) => return found,
                Step::Other(
                    Bt::Gt
                    | Bt::Rpar
                    | Bt::Comma
                    | Bt::Verbar
                    | Bt::Lsqb
                    | Bt::Percnt
                    | Bt::S
                    | Bt::Cr
                    | Bt::Lf,
                ) => return (tok, p),
                Step::Other(Bt::Colon) => {
                    p += m;
                    match tok {
                        T::Name => {
                            need!(self, p, end, 1);
                            tok = T::PrefixedName;
                            match self.name_step(p, end) {
                                Step::Past(q) => p = q,
                                Step::Stop(found) => return found,
                                Step::Other(_) => tok = T::NmToken,
                            }
                        }
                        T::PrefixedName => tok = T::NmToken,
                        _ => {}
                    }
                }
                Step::Other(bt @ (Bt::Plus | Bt::Ast | Bt::Quest)) => {
                    if tok == T::NmToken {
                        return (T::Invalid, p);
                    }
                    let found = match bt {
                        Bt::Plus => T::NamePlus,
                        Bt::Ast => T::NameAsterisk,
                        _ => T::NameQuestion,
                    };
                    return (found, p + m);
                }
                Step::Other(_) => return (T::Invalid, p),
            }
        }
        (tok, end)
    }

    /// A token of an attribute value that was already checked by the tag's scan (or comes
    /// from an entity).
    fn attribute_value_tok(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        if p >= end {
            return (T::None, p);
        }
        if !self.has(p, end, 1) {
            return (T::Partial, p);
        }
        let start = p;
        while self.has(p, end, 1) {
            match self.bt(p) {
                bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => p += lead_len(bt),
                Bt::Amp if p == start => return self.scan_ref(p + m, end),
                Bt::Lt => return (T::Invalid, p),
                Bt::Lf if p == start => return (T::DataNewline, p + m),
                Bt::Cr if p == start => {
                    let q = p + m;
                    if !self.has(q, end, 1) {
                        return (T::TrailingCr, p);
                    }
                    let q = if self.bt(q) == Bt::Lf { q + m } else { q };
                    return (T::DataNewline, q);
                }
                Bt::S if p == start => return (T::AttributeValueS, p + m),
                Bt::Amp | Bt::Lf | Bt::Cr | Bt::S => return (T::DataChars, p),
                _ => p += m,
            }
        }
        (T::DataChars, p)
    }

    /// A token of an entity value in the internal subset, already checked as a literal.
    fn entity_value_tok(self, mut p: usize, end: usize) -> Tok {
        let m = self.m();
        if p >= end {
            return (T::None, p);
        }
        if !self.has(p, end, 1) {
            return (T::Partial, p);
        }
        let start = p;
        while self.has(p, end, 1) {
            match self.bt(p) {
                bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => p += lead_len(bt),
                Bt::Amp if p == start => return self.scan_ref(p + m, end),
                Bt::Percnt if p == start => {
                    let (tok, q) = self.scan_percent(p + m, end);
                    return (if tok == T::Percent { T::Invalid } else { tok }, q);
                }
                Bt::Lf if p == start => return (T::DataNewline, p + m),
                Bt::Cr if p == start => {
                    let q = p + m;
                    if !self.has(q, end, 1) {
                        return (T::TrailingCr, p);
                    }
                    let q = if self.bt(q) == Bt::Lf { q + m } else { q };
                    return (T::DataNewline, q);
                }
                Bt::Amp | Bt::Percnt | Bt::Lf | Bt::Cr => return (T::DataChars, p),
                _ => p += m,
            }
        }
        (T::DataChars, p)
    }

    /// Whether a public identifier literal (with its quotes, `p..end`) holds only the
    /// characters XML allows there; else where the first other one is.
    fn public_id_error(self, p: usize, end: usize) -> Option<usize> {
        let m = self.m();
        let mut p = p + m;
        let end = end.saturating_sub(m);
        while self.has(p, end, 1) {
            let ok = match self.bt(p) {
                Bt::Digit
                | Bt::Hex
                | Bt::Minus
                | Bt::Apos
                | Bt::Lpar
                | Bt::Rpar
                | Bt::Plus
                | Bt::Comma
                | Bt::Sol
                | Bt::Equals
                | Bt::Quest
                | Bt::Cr
                | Bt::Lf
                | Bt::Semi
                | Bt::Excl
                | Bt::Ast
                | Bt::Percnt
                | Bt::Num
                | Bt::Colon => true,
                Bt::S => !self.is(p, b'\t'),
                Bt::Name | Bt::NmStrt if self.ascii(p) & !0x7f == 0 => true,
                _ => matches!(self.ascii(p), 0x24 | 0x40),
            };
            if !ok {
                return Some(p);
            }
            p += m;
        }
        None
    }

    /// The bytes of the name at `p`.
    fn name_len(self, p: usize) -> usize {
        let mut q = p;
        loop {
            match self.bt(q) {
                bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => q += lead_len(bt),
                Bt::NonAscii
                | Bt::NmStrt
                | Bt::Colon
                | Bt::Hex
                | Bt::Digit
                | Bt::Name
                | Bt::Minus => q += self.m(),
                _ => return q - p,
            }
            if q >= self.b.len() {
                return self.b.len().saturating_sub(p);
            }
        }
    }

    /// The attributes of a well-formed start tag at `p` (its `<`), as expat's tokenizer
    /// lists them.
    fn attributes(self, p: usize) -> Vec<Att> {
        #[derive(PartialEq)]
        enum State {
            Other,
            InName,
            InValue,
        }
        let m = self.m();
        let mut state = State::InName;
        let mut atts: Vec<Att> = Vec::new();
        let mut open = Bt::Quot;
        let mut p = p + m;
        while p < self.b.len() {
            let bt = self.bt(p);
            match bt {
                Bt::Lead2 | Bt::Lead3 | Bt::Lead4 | Bt::NonAscii | Bt::NmStrt | Bt::Hex => {
                    if state == State::Other {
                        atts.push(Att {
                            name: p,
                            value: p,
                            value_end: p,
                            normalized: true,
                        });
                        state = State::InName;
                    }
                    if matches!(bt, Bt::Lead2 | Bt::Lead3 | Bt::Lead4) {
                        p += lead_len(bt) - m;
                    }
                }
                Bt::Quot | Bt::Apos => {
                    if state != State::InValue {
                        if let Some(att) = atts.last_mut() {
                            att.value = p + m;
                        }
                        state = State::InValue;
                        open = bt;
                    } else if open == bt {
                        state = State::Other;
                        if let Some(att) = atts.last_mut() {
                            att.value_end = p;
                        }
                    }
                }
                Bt::Amp => {
                    if let Some(att) = atts.last_mut() {
                        att.normalized = false;
                    }
                }
                Bt::S => {
                    if state == State::InName {
                        state = State::Other;
                    } else if state == State::InValue
                        && let Some(att) = atts.last_mut()
                        && att.normalized
                        && (p == att.value
                            || !self.is(p, b' ')
                            || self.is(p + m, b' ')
                            || self.bt(p + m) == open)
                    {
                        att.normalized = false;
                    }
                }
                Bt::Cr | Bt::Lf => {
                    if state == State::InName {
                        state = State::Other;
                    } else if state == State::InValue
                        && let Some(att) = atts.last_mut()
                    {
                        att.normalized = false;
                    }
                }
                Bt::Gt | Bt::Sol if state != State::InValue => break,
                _ => {}
            }
            p += m;
        }
        atts
    }

    /// The number a character reference `&#...;` at `p` stands for, if XML allows it.
    fn char_ref_number(self, p: usize) -> Option<u32> {
        let m = self.m();
        let mut p = p + 2 * m;
        let mut n: u32 = 0;
        let hex = self.is(p, b'x');
        if hex {
            p += m;
        }
        while !self.is(p, b';') && p < self.b.len() {
            let c = self.ascii(p);
            let digit = match u8::try_from(c).map(char::from) {
                Ok(c) => c.to_digit(if hex { 16 } else { 10 }).unwrap_or(0),
                Err(_) => 0,
            };
            n = n * if hex { 16 } else { 10 } + digit;
            if n >= 0x110000 {
                return None;
            }
            p += m;
        }
        match n {
            0x9 | 0xa | 0xd => Some(n),
            0..=0x1f | 0xd800..=0xdfff | 0xfffe | 0xffff => None,
            _ => Some(n),
        }
    }

    /// The character a predefined entity name (`p..end`, without `&` and `;`) stands for.
    fn predefined(self, p: usize, end: usize) -> Option<u8> {
        [
            (&b"lt"[..], b'<'),
            (b"gt", b'>'),
            (b"amp", b'&'),
            (b"quot", b'"'),
            (b"apos", b'\''),
        ]
        .into_iter()
        .find(|(name, _)| self.name_is(p, end, name))
        .map(|(_, c)| c)
    }

    /// Whether the characters `p..end` are exactly the ASCII `word`.
    fn name_is(self, p: usize, end: usize, word: &[u8]) -> bool {
        let m = self.m();
        end >= p
            && end - p == word.len() * m
            && word.iter().enumerate().all(|(i, &c)| self.is(p + i * m, c))
    }

    /// The characters `p..end` in UTF-8, as expat hands them on.
    fn utf8(self, p: usize, end: usize) -> Vec<u8> {
        let end = end.min(self.b.len());
        let p = p.min(end);
        match self.enc {
            Enc::Utf8 | Enc::Internal => self.b[p..end].to_vec(),
            Enc::Utf16Le | Enc::Utf16Be => {
                let mut out = Vec::with_capacity(end - p);
                let mut q = p;
                while q + 2 <= end {
                    let unit = self.unit(q);
                    let c = if (0xd800..0xdc00).contains(&unit) && q + 4 <= end {
                        q += 2;
                        0x10000
                            + ((u32::from(unit) & 0x3ff) << 10)
                            + (u32::from(self.unit(q)) & 0x3ff)
                    } else {
                        u32::from(unit)
                    };
                    push_utf8(&mut out, c);
                    q += 2;
                }
                out
            }
        }
    }

    /// Line (from 0) and column of `end`, counted from the start of the buffer.
    fn position(self, end: usize) -> (usize, usize) {
        let m = self.m();
        let (mut line, mut column) = (0, 0);
        let mut p = 0;
        while self.has(p, end, 1) {
            match self.bt(p) {
                bt @ (Bt::Lead2 | Bt::Lead3 | Bt::Lead4) => {
                    p += lead_len(bt);
                    column += 1;
                }
                Bt::Lf => {
                    line += 1;
                    column = 0;
                    p += m;
                }
                Bt::Cr => {
                    line += 1;
                    column = 0;
                    p += m;
                    if self.has(p, end, 1) && self.bt(p) == Bt::Lf {
                        p += m;
                    }
                }
                _ => {
                    p += m;
                    column += 1;
                }
            }
        }
        (line, column)
    }
}

/// A character in UTF-8 (code points that are not scalar values included, as expat
/// writes them).
fn push_utf8(out: &mut Vec<u8>, c: u32) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.extend([0xc0 | (c >> 6) as u8, 0x80 | (c & 0x3f) as u8]);
    } else if c < 0x10000 {
        out.extend([
            0xe0 | (c >> 12) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
    } else {
        out.extend([
            0xf0 | (c >> 18) as u8,
            0x80 | ((c >> 12) & 0x3f) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
    }
}

/// An attribute of a start tag: where its name and value are, and whether its value can be
/// taken as it stands (no references, no white space but single spaces).
struct Att {
    name: usize,
    value: usize,
    value_end: usize,
    normalized: bool,
}

// ---------------------------------------------------------------------------------------
// The prolog grammar

/// Where the prolog grammar stands (expat's role handlers, by the same names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Prolog0,
    Prolog1,
    Prolog2,
    Doctype0,
    Doctype1,
    Doctype2,
    Doctype3,
    Doctype4,
    Doctype5,
    InternalSubset,
    Entity0,
    Entity1,
    Entity2,
    Entity3,
    Entity4,
    Entity5,
    Entity6,
    Entity7,
    Entity8,
    Entity9,
    Entity10,
    Notation0,
    Notation1,
    Notation2,
    Notation3,
    Notation4,
    Attlist0,
    Attlist1,
    Attlist2,
    Attlist3,
    Attlist4,
    Attlist5,
    Attlist6,
    Attlist7,
    Attlist8,
    Attlist9,
    Element0,
    Element1,
    Element2,
    Element3,
    Element4,
    Element5,
    Element6,
    Element7,
    DeclClose,
    Error,
}

/// What a prolog token means where it stands. Only the roles that can change the outcome
/// are told apart; the rest are `Nothing`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Nothing,
    Error,
    XmlDecl,
    InstanceStart,
    DoctypePublicId,
    DoctypeSystemId,
    GeneralEntityName,
    ParamEntityName,
    EntityValue,
    EntitySystemId,
    EntityPublicId,
    EntityNotationName,
    NotationPublicId,
    AttlistElementName,
    AttributeName,
    AttributeTypeCdata,
    AttributeTypeId,
    /// IDREF, ENTITY, NMTOKEN and the like, enumerations and NOTATION: not CDATA.
    AttributeTypeOther,
    ImpliedAttributeValue,
    DefaultAttributeValue,
    GroupOpen,
    GroupSequence,
    GroupChoice,
    ParamEntityRef,
}

impl Parser<'_> {
    /// The role of a token, moving the grammar on (expat's `XmlTokenRole`).
    fn role(&mut self, lex: Lex, tok: T, s: usize, next: usize) -> Role {
        use State as S;
        let m = lex.m();
        let word = |w: &[u8]| lex.name_is(s, next, w);
        let decl = |w: &[u8]| lex.name_is(s + 2 * m, next, w);
        let pound = |w: &[u8]| lex.name_is(s + m, next, w);
        let space = tok == T::PrologS;
        let cur = self.state;
        let mut level = self.level;
        let error = (S::Error, Role::Error);
        let (state, role) = match cur {
            S::Prolog0 | S::Prolog1 | S::Prolog2 => {
                let first = cur == S::Prolog0;
                match tok {
                    T::PrologS if first => (S::Prolog1, Role::Nothing),
                    T::XmlDecl if first => (S::Prolog1, Role::XmlDecl),
                    T::Pi | T::Comment if first => (S::Prolog1, Role::Nothing),
                    T::PrologS | T::Pi | T::Comment => (cur, Role::Nothing),
                    T::Bom if cur != S::Prolog2 => (cur, Role::Nothing),
                    T::DeclOpen if cur != S::Prolog2 && decl(b"DOCTYPE") => {
                        (S::Doctype0, Role::Nothing)
                    }
                    T::InstanceStart => (S::Error, Role::InstanceStart),
                    _ => error,
                }
            }
            S::Doctype0 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name | T::PrefixedName => (S::Doctype1, Role::Nothing),
                _ => error,
            },
            S::Doctype1 => match tok {
                _ if space => (cur, Role::Nothing),
                T::OpenBracket => (S::InternalSubset, Role::Nothing),
                T::DeclClose => (S::Prolog2, Role::Nothing),
                T::Name if word(b"SYSTEM") => (S::Doctype3, Role::Nothing),
                T::Name if word(b"PUBLIC") => (S::Doctype2, Role::Nothing),
                _ => error,
            },
            S::Doctype2 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => (S::Doctype3, Role::DoctypePublicId),
                _ => error,
            },
            S::Doctype3 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => (S::Doctype4, Role::DoctypeSystemId),
                _ => error,
            },
            S::Doctype4 => match tok {
                _ if space => (cur, Role::Nothing),
                T::OpenBracket => (S::InternalSubset, Role::Nothing),
                T::DeclClose => (S::Prolog2, Role::Nothing),
                _ => error,
            },
            S::Doctype5 => match tok {
                _ if space => (cur, Role::Nothing),
                T::DeclClose => (S::Prolog2, Role::Nothing),
                _ => error,
            },
            S::InternalSubset => match tok {
                _ if space => (cur, Role::Nothing),
                T::DeclOpen if decl(b"ENTITY") => (S::Entity0, Role::Nothing),
                T::DeclOpen if decl(b"ATTLIST") => (S::Attlist0, Role::Nothing),
                T::DeclOpen if decl(b"ELEMENT") => (S::Element0, Role::Nothing),
                T::DeclOpen if decl(b"NOTATION") => (S::Notation0, Role::Nothing),
                T::Pi | T::Comment | T::None => (cur, Role::Nothing),
                T::ParamEntityRef => (cur, Role::ParamEntityRef),
                T::CloseBracket => (S::Doctype5, Role::Nothing),
                _ => error,
            },
            S::Entity0 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Percent => (S::Entity1, Role::Nothing),
                T::Name => (S::Entity2, Role::GeneralEntityName),
                _ => error,
            },
            S::Entity1 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name => (S::Entity7, Role::ParamEntityName),
                _ => error,
            },
            S::Entity2 | S::Entity7 => {
                let general = cur == S::Entity2;
                match tok {
                    _ if space => (cur, Role::Nothing),
                    T::Name if word(b"SYSTEM") => {
                        (if general { S::Entity4 } else { S::Entity9 }, Role::Nothing)
                    }
                    T::Name if word(b"PUBLIC") => {
                        (if general { S::Entity3 } else { S::Entity8 }, Role::Nothing)
                    }
                    T::Literal => (S::DeclClose, Role::EntityValue),
                    _ => error,
                }
            }
            S::Entity3 | S::Entity8 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => {
                    let next_state = if cur == S::Entity3 {
                        S::Entity4
                    } else {
                        S::Entity9
                    };
                    (next_state, Role::EntityPublicId)
                }
                _ => error,
            },
            S::Entity4 | S::Entity9 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => {
                    let next_state = if cur == S::Entity4 {
                        S::Entity5
                    } else {
                        S::Entity10
                    };
                    (next_state, Role::EntitySystemId)
                }
                _ => error,
            },
            S::Entity5 => match tok {
                _ if space => (cur, Role::Nothing),
                T::DeclClose => (S::InternalSubset, Role::Nothing),
                T::Name if word(b"NDATA") => (S::Entity6, Role::Nothing),
                _ => error,
            },
            S::Entity6 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name => (S::DeclClose, Role::EntityNotationName),
                _ => error,
            },
            S::Entity10 => match tok {
                _ if space => (cur, Role::Nothing),
                T::DeclClose => (S::InternalSubset, Role::Nothing),
                _ => error,
            },
            S::Notation0 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name => (S::Notation1, Role::Nothing),
                _ => error,
            },
            S::Notation1 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name if word(b"SYSTEM") => (S::Notation3, Role::Nothing),
                T::Name if word(b"PUBLIC") => (S::Notation2, Role::Nothing),
                _ => error,
            },
            S::Notation2 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => (S::Notation4, Role::NotationPublicId),
                _ => error,
            },
            S::Notation3 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => (S::DeclClose, Role::Nothing),
                _ => error,
            },
            S::Notation4 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => (S::DeclClose, Role::Nothing),
                T::DeclClose => (S::InternalSubset, Role::Nothing),
                _ => error,
            },
            S::Attlist0 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name | T::PrefixedName => (S::Attlist1, Role::AttlistElementName),
                _ => error,
            },
            S::Attlist1 => match tok {
                _ if space => (cur, Role::Nothing),
                T::DeclClose => (S::InternalSubset, Role::Nothing),
                T::Name | T::PrefixedName => (S::Attlist2, Role::AttributeName),
                _ => error,
            },
            S::Attlist2 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name if word(b"CDATA") => (S::Attlist8, Role::AttributeTypeCdata),
                T::Name if word(b"ID") => (S::Attlist8, Role::AttributeTypeId),
                T::Name
                    if [
                        &b"IDREF"[..],
                        b"IDREFS",
                        b"ENTITY",
                        b"ENTITIES",
                        b"NMTOKEN",
                        b"NMTOKENS",
                    ]
                    .into_iter()
                    .any(word) =>
                {
                    (S::Attlist8, Role::AttributeTypeOther)
                }
                T::Name if word(b"NOTATION") => (S::Attlist5, Role::Nothing),
                T::OpenParen => (S::Attlist3, Role::Nothing),
                _ => error,
            },
            S::Attlist3 => match tok {
                _ if space => (cur, Role::Nothing),
                T::NmToken | T::Name | T::PrefixedName => (S::Attlist4, Role::Nothing),
                _ => error,
            },
            S::Attlist4 => match tok {
                _ if space => (cur, Role::Nothing),
                T::CloseParen => (S::Attlist8, Role::AttributeTypeOther),
                T::Or => (S::Attlist3, Role::Nothing),
                _ => error,
            },
            S::Attlist5 => match tok {
                _ if space => (cur, Role::Nothing),
                T::OpenParen => (S::Attlist6, Role::Nothing),
                _ => error,
            },
            S::Attlist6 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name => (S::Attlist7, Role::Nothing),
                _ => error,
            },
            S::Attlist7 => match tok {
                _ if space => (cur, Role::Nothing),
                T::CloseParen => (S::Attlist8, Role::AttributeTypeOther),
                T::Or => (S::Attlist6, Role::Nothing),
                _ => error,
            },
            S::Attlist8 => match tok {
                _ if space => (cur, Role::Nothing),
                T::PoundName if pound(b"IMPLIED") || pound(b"REQUIRED") => {
                    (S::Attlist1, Role::ImpliedAttributeValue)
                }
                T::PoundName if pound(b"FIXED") => (S::Attlist9, Role::Nothing),
                T::Literal => (S::Attlist1, Role::DefaultAttributeValue),
                _ => error,
            },
            S::Attlist9 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Literal => (S::Attlist1, Role::DefaultAttributeValue),
                _ => error,
            },
            S::Element0 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name | T::PrefixedName => (S::Element1, Role::Nothing),
                _ => error,
            },
            S::Element1 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name if word(b"EMPTY") || word(b"ANY") => (S::DeclClose, Role::Nothing),
                T::OpenParen => {
                    level = 1;
                    (S::Element2, Role::GroupOpen)
                }
                _ => error,
            },
            S::Element2 => match tok {
                _ if space => (cur, Role::Nothing),
                T::PoundName if pound(b"PCDATA") => (S::Element3, Role::Nothing),
                T::OpenParen => {
                    level = 2;
                    (S::Element6, Role::GroupOpen)
                }
                T::Name | T::PrefixedName | T::NameQuestion | T::NameAsterisk | T::NamePlus => {
                    (S::Element7, Role::Nothing)
                }
                _ => error,
            },
            S::Element3 => match tok {
                _ if space => (cur, Role::Nothing),
                T::CloseParen | T::CloseParenAsterisk => (S::DeclClose, Role::Nothing),
                T::Or => (S::Element4, Role::Nothing),
                _ => error,
            },
            S::Element4 => match tok {
                _ if space => (cur, Role::Nothing),
                T::Name | T::PrefixedName => (S::Element5, Role::Nothing),
                _ => error,
            },
            S::Element5 => match tok {
                _ if space => (cur, Role::Nothing),
                T::CloseParenAsterisk => (S::DeclClose, Role::Nothing),
                T::Or => (S::Element4, Role::Nothing),
                _ => error,
            },
            S::Element6 => match tok {
                _ if space => (cur, Role::Nothing),
                T::OpenParen => {
                    level += 1;
                    (cur, Role::GroupOpen)
                }
                T::Name | T::PrefixedName | T::NameQuestion | T::NameAsterisk | T::NamePlus => {
                    (S::Element7, Role::Nothing)
                }
                _ => error,
            },
            S::Element7 => match tok {
                _ if space => (cur, Role::Nothing),
                T::CloseParen
                | T::CloseParenAsterisk
                | T::CloseParenQuestion
                | T::CloseParenPlus => {
                    level = level.saturating_sub(1);
                    (if level == 0 { S::DeclClose } else { cur }, Role::Nothing)
                }
                T::Comma => (S::Element6, Role::GroupSequence),
                T::Or => (S::Element6, Role::GroupChoice),
                _ => error,
            },
            S::DeclClose => match tok {
                _ if space => (cur, Role::Nothing),
                T::DeclClose => (S::InternalSubset, Role::Nothing),
                _ => error,
            },
            S::Error => (cur, Role::Nothing),
        };
        self.state = state;
        self.level = level;
        role
    }
}

// ---------------------------------------------------------------------------------------
// The parser

/// A general entity declared in the internal subset.
struct Entity {
    /// The replacement text of an internal entity (UTF-8, line ends normalized, character
    /// references replaced); None for an external one.
    text: Option<Rc<[u8]>>,
    /// Declared with `NDATA`: an unparsed entity.
    unparsed: bool,
    /// Being expanded: a reference to it now is recursive.
    open: bool,
}

/// An attribute declared for an element type in an ATTLIST declaration.
#[derive(Clone)]
struct DefaultAtt {
    name: Vec<u8>,
    cdata: bool,
    /// The default value: kept only for `xmlns` attributes, the others only need to know
    /// there is one.
    value: Option<Vec<u8>>,
}

/// An open element: its name as written (to match the end tag byte for byte) and the
/// namespace bindings its start tag made, to undo at its end.
struct Tag {
    raw: Vec<u8>,
    undo: Vec<Undo>,
}

/// A prefix binding made by a start tag, with what the prefix meant before.
struct Undo {
    prefix: Vec<u8>,
    before: Option<Vec<u8>>,
}

/// Whose bytes a token's length counts as, for expat's defence against entity expansion
/// bombs: the document's own, those produced by expanding entities, or neither (already
/// counted).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Account {
    Direct,
    Expansion,
    None,
}

/// What an attribute name declares: a namespace (the default one, or a prefix), a
/// prefixed attribute, or a plain one.
enum AttKind<'n> {
    Xmlns(Option<&'n [u8]>),
    Prefixed,
    Plain,
}

fn att_kind(name: &[u8]) -> AttKind<'_> {
    if name == b"xmlns" {
        AttKind::Xmlns(None)
    } else if let Some(prefix) = name.strip_prefix(b"xmlns:") {
        AttKind::Xmlns(Some(prefix))
    } else if name.contains(&b':') {
        AttKind::Prefixed
    } else {
        AttKind::Plain
    }
}

/// The part of a qualified name before its first colon.
fn prefix_of(name: &[u8]) -> Option<&[u8]> {
    name.iter().position(|&c| c == b':').map(|i| &name[..i])
}

const XML_NAMESPACE: &[u8] = b"http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &[u8] = b"http://www.w3.org/2000/xmlns/";

/// expat stops expanding entities once their output passes this many bytes and is more
/// than [`MAX_AMPLIFICATION`] times the input.
const AMPLIFICATION_THRESHOLD: u64 = 8 * 1024 * 1024;
const MAX_AMPLIFICATION: f32 = 100.0;

/// The entity being declared: a general one by name, a parameter one (whose value does
/// not matter here), or none (a redeclaration, a predefined name, or not processed).
enum Declaring {
    Nothing,
    General(Vec<u8>),
    Parameter,
}

/// An entity being expanded: its name, its text, how many elements were open when it was
/// entered (for content), and where in its text to go on.
struct Expansion {
    name: Vec<u8>,
    text: Rc<[u8]>,
    depth: usize,
    at: usize,
}

/// An attribute value being built: whether it is CDATA (else its white space collapses),
/// and whether the value is wanted at all (only namespace declarations need it).
struct Value {
    cdata: bool,
    keep: bool,
    out: Vec<u8>,
}

/// Where the content scan went: to the end of an entity's text, into an entity (to come
/// back at `resume`), or past the end of the root element.
enum Flow {
    Done,
    Enter {
        name: Vec<u8>,
        text: Rc<[u8]>,
        resume: usize,
    },
    RootClosed(usize),
}

struct Parser<'a> {
    doc: &'a [u8],
    enc: Enc,
    /// expat's event pointer: where an error is reported, always a position in `doc`
    /// (errors inside an entity's text are reported at the reference to it).
    event: usize,
    state: State,
    /// How deep the content model groups of an ELEMENT declaration are nested, and each
    /// level's connector so far (`,` or `|`, 0 for none yet).
    level: usize,
    connectors: Vec<u8>,
    standalone: bool,
    /// The document has an external subset or a parameter entity reference, so expat cannot
    /// know all entities: an unknown one is passed on instead of being an error.
    has_param_entity_refs: bool,
    /// Declarations are still processed (not after an unread parameter entity).
    keep_processing: bool,
    entities: HashMap<Vec<u8>, Entity>,
    declaring: Declaring,
    elements: HashMap<Vec<u8>, Vec<DefaultAtt>>,
    /// Attribute names declared somewhere with a type other than CDATA.
    tokenized: HashSet<Vec<u8>>,
    decl_element: Vec<u8>,
    decl_attribute: Vec<u8>,
    decl_cdata: bool,
    decl_id: bool,
    tags: Vec<Tag>,
    /// Bound namespace prefixes and their URIs (the default namespace cannot cause errors,
    /// so it is not tracked).
    bindings: HashMap<Vec<u8>, Vec<u8>>,
    direct: u64,
    expanded: u64,
}

impl<'a> Parser<'a> {
    fn new(doc: &'a [u8]) -> Parser<'a> {
        let mut bindings = HashMap::new();
        bindings.insert(b"xml".to_vec(), XML_NAMESPACE.to_vec());
        Parser {
            doc,
            enc: Enc::Utf8,
            event: 0,
            state: State::Prolog0,
            level: 0,
            connectors: Vec::new(),
            standalone: false,
            has_param_entity_refs: false,
            keep_processing: true,
            entities: HashMap::new(),
            declaring: Declaring::Nothing,
            elements: HashMap::new(),
            tokenized: HashSet::new(),
            decl_element: Vec::new(),
            decl_attribute: Vec::new(),
            decl_cdata: false,
            decl_id: false,
            tags: Vec::new(),
            bindings,
            direct: 0,
            expanded: 0,
        }
    }

    fn lex(&self) -> Lex<'a> {
        Lex {
            b: self.doc,
            enc: self.enc,
        }
    }

    /// The 1-based line and the column of the event position, as expat reports them.
    fn position(&self) -> (usize, usize) {
        let (line, column) = self.lex().position(self.event);
        (line + 1, column)
    }

    /// Count a token's bytes; fail once entities have been expanded too much.
    fn account(&mut self, bytes: usize, account: Account) -> Result<(), Fail> {
        let bytes = bytes as u64;
        let total = match account {
            Account::None => return Ok(()),
            Account::Direct => &mut self.direct,
            Account::Expansion => &mut self.expanded,
        };
        *total = total
            .checked_add(bytes)
            .ok_or(Code::AmplificationLimitBreach)?;
        let output = self.direct.saturating_add(self.expanded);
        let factor = if self.direct == 0 {
            1.0
        } else {
            output as f32 / self.direct as f32
        };
        if output < AMPLIFICATION_THRESHOLD || factor <= MAX_AMPLIFICATION {
            Ok(())
        } else {
            Err(Code::AmplificationLimitBreach.into())
        }
    }

    /// Count a scanned token, unless it is an error or the end.
    fn account_token(
        &mut self,
        tok: T,
        s: usize,
        next: usize,
        account: Account,
    ) -> Result<(), Fail> {
        match tok {
            T::Invalid | T::Partial | T::PartialChar | T::None => Ok(()),
            _ => self.account(next.saturating_sub(s), account),
        }
    }

    /// ElementTree's own error for an entity expat passed on: it knows no entities.
    fn python_undefined(&self, lex: Lex, s: usize, next: usize) -> Fail {
        let reference = lex.utf8(s, next);
        let shown = String::from_utf8_lossy(&reference[..reference.len().min(100)]);
        let (line, column) = self.position();
        Fail::Python(format!(
            "undefined entity {shown}: line {line}, column {column}"
        ))
    }

    /// The whole document, from its first byte: the prolog, then the content.
    fn document(&mut self) -> Result<(), Fail> {
        let (mut tok, mut next) = self.detect();
        let mut s = 0;
        loop {
            let lex = self.lex();
            self.event = s;
            match tok {
                T::Invalid => {
                    self.event = next;
                    return Err(Code::InvalidToken.into());
                }
                T::Partial => return Err(Code::UnclosedToken.into()),
                T::PartialChar => return Err(Code::PartialChar.into()),
                T::None => return Err(Code::NoElements.into()),
                _ => {}
            }
            let role = self.role(lex, tok, s, next);
            if role == Role::InstanceStart {
                return self.content(s);
            }
            self.account(next.saturating_sub(s), Account::Direct)?;
            self.prolog_role(lex, role, tok, s, next)?;
            s = next;
            (tok, next) = lex.prolog_tok(s, self.doc.len());
        }
    }

    /// The first token, and the encoding: expat looks at the first bytes for a byte order
    /// mark or zero bytes even when told the input is UTF-8.
    fn detect(&mut self) -> Tok {
        let doc = self.doc;
        let end = doc.len();
        match doc {
            [] => return (T::None, 0),
            [0xfe | 0xff | 0xef | 0x00 | 0x3c] => return (T::Partial, 0),
            [0xfe, 0xff, ..] => {
                self.enc = Enc::Utf16Be;
                return (T::Bom, 2);
            }
            [0xff, 0xfe, ..] => {
                self.enc = Enc::Utf16Le;
                return (T::Bom, 2);
            }
            [0x3c, 0x00, ..] => self.enc = Enc::Utf16Le,
            [0xef, 0xbb] => return (T::Partial, 0),
            [0xef, 0xbb, 0xbf, ..] => return (T::Bom, 3),
            [0xef, 0xbb, ..] => {}
            [0x00, _, ..] => self.enc = Enc::Utf16Be,
            [_, 0x00, ..] => self.enc = Enc::Utf16Le,
            _ => {}
        }
        self.lex().prolog_tok(0, end)
    }

    /// What a prolog token does besides moving the grammar on.
    fn prolog_role(
        &mut self,
        lex: Lex,
        role: Role,
        tok: T,
        s: usize,
        next: usize,
    ) -> Result<(), Fail> {
        let m = lex.m();
        match role {
            Role::Nothing | Role::InstanceStart => {}
            Role::Error => {
                return Err(match tok {
                    T::ParamEntityRef => Code::ParamEntityRef,
                    T::XmlDecl => Code::MisplacedXmlPi,
                    _ => Code::Syntax,
                }
                .into());
            }
            Role::XmlDecl => self.xml_decl(lex, s, next)?,
            Role::DoctypePublicId | Role::EntityPublicId | Role::NotationPublicId => {
                if role == Role::DoctypePublicId {
                    self.has_param_entity_refs = true;
                }
                if let Some(bad) = lex.public_id_error(s, next) {
                    self.event = bad;
                    return Err(Code::PublicId.into());
                }
            }
            Role::DoctypeSystemId => self.has_param_entity_refs = true,
            Role::GeneralEntityName => {
                self.declaring = Declaring::Nothing;
                if lex.predefined(s, next).is_none() && self.keep_processing {
                    let name = lex.utf8(s, next);
                    if !self.entities.contains_key(&name) {
                        self.entities.insert(
                            name.clone(),
                            Entity {
                                text: None,
                                unparsed: false,
                                open: false,
                            },
                        );
                        self.declaring = Declaring::General(name);
                    }
                }
            }
            Role::ParamEntityName => {
                self.declaring = if self.keep_processing {
                    Declaring::Parameter
                } else {
                    Declaring::Nothing
                };
            }
            Role::EntityValue => {
                if self.keep_processing {
                    let value = self.entity_value(lex, s + m, next - m);
                    if let (Declaring::General(name), Ok(text)) = (&self.declaring, &value)
                        && let Some(entity) = self.entities.get_mut(name)
                    {
                        entity.text = Some(Rc::from(text.as_slice()));
                    }
                    value?;
                }
            }
            Role::EntitySystemId => {}
            Role::EntityNotationName => {
                if let (true, Declaring::General(name)) = (self.keep_processing, &self.declaring)
                    && let Some(entity) = self.entities.get_mut(name)
                {
                    entity.unparsed = true;
                }
            }
            Role::AttlistElementName => self.decl_element = lex.utf8(s, next),
            Role::AttributeName => {
                self.decl_attribute = lex.utf8(s, next);
                self.decl_cdata = false;
                self.decl_id = false;
            }
            Role::AttributeTypeCdata => self.decl_cdata = true,
            Role::AttributeTypeId => self.decl_id = true,
            Role::AttributeTypeOther => {}
            Role::ImpliedAttributeValue => {
                if self.keep_processing {
                    self.define_attribute(self.decl_id, None);
                }
            }
            Role::DefaultAttributeValue => {
                if self.keep_processing {
                    let keep = matches!(att_kind(&self.decl_attribute), AttKind::Xmlns(_));
                    let range = (s + m, next - m);
                    let cdata = self.decl_cdata;
                    let value =
                        self.attribute_value((lex, true), range, cdata, keep, Account::None)?;
                    self.define_attribute(false, Some(value));
                }
            }
            Role::GroupOpen => {
                if self.connectors.len() <= self.level {
                    self.connectors.resize(self.level + 1, 0);
                }
                self.connectors[self.level] = 0;
            }
            Role::GroupSequence | Role::GroupChoice => {
                let (mine, other) = if role == Role::GroupSequence {
                    (b',', b'|')
                } else {
                    (b'|', b',')
                };
                let Some(connector) = self.connectors.get_mut(self.level) else {
                    return Err(Code::UnexpectedState.into());
                };
                if *connector == other {
                    return Err(Code::Syntax.into());
                }
                *connector = mine;
            }
            Role::ParamEntityRef => {
                // expat is not told to read parameter entities: from here on it cannot
                // know what is declared.
                self.has_param_entity_refs = true;
                self.keep_processing = self.standalone;
            }
        }
        Ok(())
    }

    /// Record an attribute of an ATTLIST declaration; the first declaration with a default
    /// (or of type ID) wins.
    fn define_attribute(&mut self, id: bool, value: Option<Vec<u8>>) {
        let defaults = self.elements.entry(self.decl_element.clone()).or_default();
        if (value.is_some() || id) && defaults.iter().any(|d| d.name == self.decl_attribute) {
            return;
        }
        defaults.push(DefaultAtt {
            name: self.decl_attribute.clone(),
            cdata: self.decl_cdata,
            value,
        });
        if !self.decl_cdata {
            self.tokenized.insert(self.decl_attribute.clone());
        }
    }

    /// The checks expat makes of an XML declaration `s..next`. The encoding it names is
    /// ignored, as expat was told the encoding, but must still look like a name.
    fn xml_decl(&mut self, lex: Lex, s: usize, next: usize) -> Result<(), Fail> {
        let m = lex.m();
        let end = next - 2 * m;
        let mut bad = |at: usize| {
            self.event = at;
            Err(Fail::from(Code::XmlDecl))
        };
        let start = s + 5 * m;
        let (name, name_end, _, mut p) = match pseudo_attribute(lex, start, end) {
            Ok(Some(found)) => found,
            // Nothing but white space: expat points at the start.
            Ok(None) => return bad(start),
            Err(at) => return bad(at),
        };
        if !lex.name_is(name, name_end, b"version") {
            return bad(name);
        }
        let (mut name, mut name_end, mut value) = match pseudo_attribute(lex, p, end) {
            Ok(Some(found)) => {
                p = found.3;
                (found.0, found.1, found.2)
            }
            Ok(None) => return Ok(()),
            Err(at) => return bad(at),
        };
        if lex.name_is(name, name_end, b"encoding") {
            let c = lex.ascii(value);
            if !(i32::from(b'a')..=i32::from(b'z')).contains(&c)
                && !(i32::from(b'A')..=i32::from(b'Z')).contains(&c)
            {
                return bad(value);
            }
            match pseudo_attribute(lex, p, end) {
                Ok(Some(found)) => {
                    (name, name_end, value, p) = found;
                }
                Ok(None) => return Ok(()),
                Err(at) => return bad(at),
            }
        }
        if !lex.name_is(name, name_end, b"standalone") {
            return bad(name);
        }
        let value_end = p - m;
        if lex.name_is(value, value_end, b"yes") {
            self.standalone = true;
        } else if !lex.name_is(value, value_end, b"no") {
            return bad(value);
        }
        while is_space(to_ascii(lex, p, end)) {
            p += m;
        }
        if p != end {
            return bad(p);
        }
        Ok(())
    }

    /// The replacement text of an entity value literal `p..end`: character references
    /// replaced, line ends normalized, entity references kept as they are.
    fn entity_value(&mut self, lex: Lex, mut p: usize, end: usize) -> Result<Vec<u8>, Fail> {
        let mut out = Vec::new();
        loop {
            let (tok, next) = lex.entity_value_tok(p, end);
            match tok {
                T::None => return Ok(out),
                T::ParamEntityRef => {
                    // Not allowed inside a declaration of the internal subset.
                    self.event = p;
                    return Err(Code::ParamEntityRef.into());
                }
                T::EntityRef | T::DataChars => out.extend(lex.utf8(p, next)),
                T::TrailingCr => {
                    out.push(b'\n');
                    p += lex.m();
                    continue;
                }
                T::DataNewline => out.push(b'\n'),
                T::CharRef => match lex.char_ref_number(p) {
                    Some(c) => push_utf8(&mut out, c),
                    None => {
                        self.event = p;
                        return Err(Code::BadCharRef.into());
                    }
                },
                T::Partial => {
                    self.event = p;
                    return Err(Code::InvalidToken.into());
                }
                T::Invalid => {
                    self.event = next;
                    return Err(Code::InvalidToken.into());
                }
                _ => {
                    self.event = p;
                    return Err(Code::UnexpectedState.into());
                }
            }
            p = next;
        }
    }

    /// Content, from the root element's start tag at `start`, entity expansions included,
    /// then what follows the root element.
    fn content(&mut self, start: usize) -> Result<(), Fail> {
        let mut open: Vec<Expansion> = Vec::new();
        let mut main = start;
        loop {
            let flow = match open.last() {
                None => self.content_run(self.lex(), true, 0, main)?,
                Some(entity) => {
                    let (text, depth, at) = (Rc::clone(&entity.text), entity.depth, entity.at);
                    self.content_run(Lex::internal(&text), false, depth, at)?
                }
            };
            match flow {
                Flow::Done => match open.pop() {
                    Some(entity) => self.set_open(&entity.name, false),
                    None => return Err(Code::UnexpectedState.into()),
                },
                Flow::Enter { name, text, resume } => {
                    match open.last_mut() {
                        Some(entity) => entity.at = resume,
                        None => main = resume,
                    }
                    self.set_open(&name, true);
                    let depth = self.tags.len();
                    open.push(Expansion {
                        name,
                        text,
                        depth,
                        at: 0,
                    });
                }
                Flow::RootClosed(next) => return self.epilog(next),
            }
        }
    }

    fn set_open(&mut self, name: &[u8], open: bool) {
        if let Some(entity) = self.entities.get_mut(name) {
            entity.open = open;
        }
    }

    /// Content tokens from `s` (expat's `doContent`), until the end of an entity's text,
    /// a reference to an internal entity, or the end of the root element. `depth` is the
    /// number of open elements when the entity was entered (0 for the document).
    fn content_run(
        &mut self,
        lex: Lex,
        main: bool,
        depth: usize,
        mut s: usize,
    ) -> Result<Flow, Fail> {
        let m = lex.m();
        let end = lex.b.len();
        let account = if main {
            Account::Direct
        } else {
            Account::Expansion
        };
        if main {
            self.event = s;
        }
        loop {
            let (tok, mut next) = lex.content_tok(s, end);
            let counted_to = match tok {
                T::TrailingCr | T::TrailingRsqb => end,
                _ => next,
            };
            self.account_token(tok, s, counted_to, account)?;
            match tok {
                T::TrailingCr | T::None => {
                    if depth == 0 {
                        return Err(Code::NoElements.into());
                    }
                    if self.tags.len() != depth {
                        return Err(Code::AsyncEntity.into());
                    }
                    return Ok(Flow::Done);
                }
                T::TrailingRsqb => {
                    if main {
                        self.event = end;
                    }
                    if depth == 0 {
                        return Err(Code::NoElements.into());
                    }
                    if self.tags.len() != depth {
                        return Err(Code::AsyncEntity.into());
                    }
                    return Ok(Flow::Done);
                }
                T::Invalid => {
                    if main {
                        self.event = next;
                    }
                    return Err(Code::InvalidToken.into());
                }
                T::Partial => return Err(Code::UnclosedToken.into()),
                T::PartialChar => return Err(Code::PartialChar.into()),
                T::EntityRef => {
                    if lex.predefined(s + m, next - m).is_some() {
                        // Counted without a check: one character for four to six.
                        self.expanded = self.expanded.saturating_add(1);
                    } else {
                        let name = lex.utf8(s + m, next - m);
                        let known = !self.has_param_entity_refs || self.standalone;
                        match self.entities.get(&name) {
                            None if known => return Err(Code::UndefinedEntity.into()),
                            None => return Err(self.python_undefined(lex, s, next)),
                            Some(entity) if entity.open => {
                                return Err(Code::RecursiveEntityRef.into());
                            }
                            Some(entity) if entity.unparsed => {
                                return Err(Code::BinaryEntityRef.into());
                            }
                            Some(Entity {
                                text: Some(text), ..
                            }) => {
                                return Ok(Flow::Enter {
                                    name,
                                    text: Rc::clone(text),
                                    resume: next,
                                });
                            }
                            // An external entity: no one reads it, ElementTree objects.
                            Some(_) => return Err(self.python_undefined(lex, s, next)),
                        }
                    }
                }
                T::StartTagNoAtts | T::StartTagWithAtts => {
                    let raw = s + m;
                    let raw_end = raw + lex.name_len(raw);
                    self.tags.push(Tag {
                        raw: lex.b.get(raw..raw_end).unwrap_or_default().to_vec(),
                        undo: Vec::new(),
                    });
                    let name = lex.utf8(raw, raw_end);
                    let undo = self.store_atts(lex, main, s, &name, account)?;
                    if let Some(tag) = self.tags.last_mut() {
                        tag.undo = undo;
                    }
                }
                T::EmptyElementNoAtts | T::EmptyElementWithAtts => {
                    let raw = s + m;
                    let name = lex.utf8(raw, raw + lex.name_len(raw));
                    let undo = self.store_atts(lex, main, s, &name, Account::None)?;
                    self.unbind(undo);
                    if self.tags.is_empty() {
                        return Ok(Flow::RootClosed(next));
                    }
                }
                T::EndTag => {
                    if self.tags.len() == depth {
                        return Err(Code::AsyncEntity.into());
                    }
                    let raw = s + 2 * m;
                    let raw_end = raw + lex.name_len(raw);
                    let written = lex.b.get(raw..raw_end).unwrap_or_default();
                    match self.tags.pop() {
                        Some(tag) if tag.raw == written => self.unbind(tag.undo),
                        _ => {
                            if main {
                                self.event = raw;
                            }
                            return Err(Code::TagMismatch.into());
                        }
                    }
                    if self.tags.is_empty() {
                        return Ok(Flow::RootClosed(next));
                    }
                }
                T::CharRef if lex.char_ref_number(s).is_none() => {
                    return Err(Code::BadCharRef.into());
                }
                T::XmlDecl => return Err(Code::MisplacedXmlPi.into()),
                T::CdataSectOpen => next = self.cdata(lex, main, next, account)?,
                _ => {}
            }
            s = next;
            if main {
                self.event = s;
            }
        }
    }

    /// A CDATA section's content from `s`; where it ends.
    fn cdata(
        &mut self,
        lex: Lex,
        main: bool,
        mut s: usize,
        account: Account,
    ) -> Result<usize, Fail> {
        let end = lex.b.len();
        loop {
            if main {
                self.event = s;
            }
            let (tok, next) = lex.cdata_tok(s, end);
            self.account_token(tok, s, next, account)?;
            match tok {
                T::CdataSectClose => return Ok(next),
                T::Invalid => {
                    if main {
                        self.event = next;
                    }
                    return Err(Code::InvalidToken.into());
                }
                T::PartialChar => return Err(Code::PartialChar.into()),
                T::Partial | T::None => return Err(Code::UnclosedCdataSection.into()),
                _ => {}
            }
            s = next;
        }
    }

    /// After the root element: white space, comments and processing instructions only.
    fn epilog(&mut self, mut s: usize) -> Result<(), Fail> {
        let lex = self.lex();
        let end = self.doc.len();
        loop {
            self.event = s;
            let (tok, next) = lex.prolog_tok(s, end);
            self.account_token(tok, s, next, Account::Direct)?;
            match tok {
                T::None => return Ok(()),
                T::PrologS | T::Pi | T::Comment => {}
                T::Invalid => {
                    self.event = next;
                    return Err(Code::InvalidToken.into());
                }
                T::Partial => return Err(Code::UnclosedToken.into()),
                T::PartialChar => return Err(Code::PartialChar.into()),
                _ => return Err(Code::JunkAfterDocElement.into()),
            }
            s = next;
        }
    }

    fn unbind(&mut self, undo: Vec<Undo>) {
        for Undo { prefix, before } in undo.into_iter().rev() {
            match before {
                Some(uri) => self.bindings.insert(prefix, uri),
                None => self.bindings.remove(&prefix),
            };
        }
    }

    /// The attributes of the start tag at `s` named `name` (expat's `storeAtts`): no name
    /// twice, values with good references, namespace declarations expat accepts, and every
    /// prefix bound. Returns the bindings made.
    fn store_atts(
        &mut self,
        lex: Lex,
        main: bool,
        s: usize,
        name: &[u8],
        account: Account,
    ) -> Result<Vec<Undo>, Fail> {
        let defaults = if self.elements.is_empty() {
            Vec::new()
        } else {
            self.elements.get(name).cloned().unwrap_or_default()
        };
        let mut undo = Vec::new();
        let mut seen: HashSet<Vec<u8>> = HashSet::new();
        let mut prefixed: Vec<Vec<u8>> = Vec::new();
        for att in lex.attributes(s) {
            let att_name = lex.utf8(att.name, att.name + lex.name_len(att.name));
            if seen.contains(&att_name) {
                if main {
                    self.event = att.name;
                }
                return Err(Code::DuplicateAttribute.into());
            }
            let keep = matches!(att_kind(&att_name), AttKind::Xmlns(_));
            let value = if att.normalized {
                if keep {
                    lex.utf8(att.value, att.value_end)
                } else {
                    Vec::new()
                }
            } else {
                let mut cdata = true;
                if self.tokenized.contains(&att_name)
                    && let Some(declared) = defaults.iter().find(|d| d.name == att_name)
                {
                    cdata = declared.cdata;
                }
                let range = (att.value, att.value_end);
                self.attribute_value((lex, main), range, cdata, keep, account)?
            };
            match att_kind(&att_name) {
                AttKind::Xmlns(prefix) => self.bind(prefix, &value, &mut undo)?,
                AttKind::Prefixed => prefixed.push(att_name.clone()),
                AttKind::Plain => {}
            }
            seen.insert(att_name);
        }
        for default in &defaults {
            let Some(value) = &default.value else {
                continue;
            };
            if seen.contains(&default.name) {
                continue;
            }
            match att_kind(&default.name) {
                AttKind::Xmlns(prefix) => self.bind(prefix, value, &mut undo)?,
                AttKind::Prefixed => {
                    prefixed.push(default.name.clone());
                    seen.insert(default.name.clone());
                }
                AttKind::Plain => {
                    seen.insert(default.name.clone());
                }
            }
        }
        // Prefixed attributes: bound, and distinct once expanded.
        let mut expanded: HashSet<Vec<u8>> = HashSet::new();
        for att_name in &prefixed {
            let Some(prefix) = prefix_of(att_name) else {
                continue;
            };
            let Some(uri) = self.bindings.get(prefix) else {
                return Err(Code::UnboundPrefix.into());
            };
            let mut key = uri.clone();
            key.push(b'}');
            key.extend_from_slice(&att_name[prefix.len() + 1..]);
            if !expanded.insert(key) {
                return Err(Code::DuplicateAttribute.into());
            }
        }
        if let Some(prefix) = prefix_of(name)
            && !self.bindings.contains_key(prefix)
        {
            return Err(Code::UnboundPrefix.into());
        }
        Ok(undo)
    }

    /// A namespace declaration, checked as expat checks it (`addBinding`).
    fn bind(
        &mut self,
        prefix: Option<&[u8]>,
        uri: &[u8],
        undo: &mut Vec<Undo>,
    ) -> Result<(), Fail> {
        if uri.is_empty() && prefix.is_some() {
            return Err(Code::UndeclaringPrefix.into());
        }
        if prefix == Some(b"xmlns") {
            return Err(Code::ReservedPrefixXmlns.into());
        }
        // `}` separates the namespace from the name in ElementTree's tags.
        if uri.contains(&b'}') {
            return Err(Code::Syntax.into());
        }
        let must_be_xml = prefix == Some(b"xml");
        let is_xml = uri == XML_NAMESPACE;
        if must_be_xml != is_xml {
            return Err(if must_be_xml {
                Code::ReservedPrefixXml
            } else {
                Code::ReservedNamespaceUri
            }
            .into());
        }
        if !must_be_xml && uri == XMLNS_NAMESPACE {
            return Err(Code::ReservedNamespaceUri.into());
        }
        if let Some(prefix) = prefix {
            let before = self.bindings.insert(prefix.to_vec(), uri.to_vec());
            undo.push(Undo {
                prefix: prefix.to_vec(),
                before,
            });
        }
        Ok(())
    }

    /// An attribute value `p..end` with its references resolved (expat's
    /// `storeAttributeValue`); the value itself is built only when `keep`.
    fn attribute_value(
        &mut self,
        (lex, main): (Lex, bool),
        (p, end): (usize, usize),
        cdata: bool,
        keep: bool,
        account: Account,
    ) -> Result<Vec<u8>, Fail> {
        let mut value = Value {
            cdata,
            keep,
            out: Vec::new(),
        };
        let mut open: Vec<Expansion> = Vec::new();
        let mut at = p;
        loop {
            let walk = match open.last() {
                None => self.value_run(lex, main, (at, end), &mut value, account)?,
                Some(entity) => {
                    let (text, from) = (Rc::clone(&entity.text), entity.at);
                    let inner = Lex::internal(&text);
                    let range = (from, text.len());
                    self.value_run(inner, false, range, &mut value, Account::Expansion)?
                }
            };
            match walk {
                Flow::Enter { name, text, resume } => {
                    match open.last_mut() {
                        Some(entity) => entity.at = resume,
                        None => at = resume,
                    }
                    self.set_open(&name, true);
                    open.push(Expansion {
                        name,
                        text,
                        depth: 0,
                        at: 0,
                    });
                }
                _ => match open.pop() {
                    Some(entity) => self.set_open(&entity.name, false),
                    None => break,
                },
            }
        }
        let mut out = value.out;
        if !cdata && out.last() == Some(&b' ') {
            out.pop();
        }
        Ok(out)
    }

    /// Tokens of an attribute value `p..end` (expat's `appendAttributeValue`) until its end
    /// or a reference to an internal entity.
    fn value_run(
        &mut self,
        lex: Lex,
        main: bool,
        (mut p, end): (usize, usize),
        value: &mut Value,
        account: Account,
    ) -> Result<Flow, Fail> {
        let m = lex.m();
        let Value { cdata, keep, .. } = *value;
        let out = &mut value.out;
        // Outside CDATA, white space collapses to single spaces, none at the start.
        let after_space = |out: &Vec<u8>| out.is_empty() || out.last() == Some(&b' ');
        loop {
            let (tok, mut next) = lex.attribute_value_tok(p, end);
            self.account_token(tok, p, next, account)?;
            match tok {
                T::None => return Ok(Flow::Done),
                T::Invalid => {
                    if main {
                        self.event = next;
                    }
                    return Err(Code::InvalidToken.into());
                }
                T::Partial => {
                    if main {
                        self.event = p;
                    }
                    return Err(Code::InvalidToken.into());
                }
                T::CharRef => {
                    let Some(c) = lex.char_ref_number(p) else {
                        if main {
                            self.event = p;
                        }
                        return Err(Code::BadCharRef.into());
                    };
                    if keep && (cdata || c != 0x20 || !after_space(out)) {
                        push_utf8(out, c);
                    }
                }
                T::DataChars => {
                    if keep {
                        out.extend(lex.utf8(p, next));
                    }
                }
                T::TrailingCr | T::AttributeValueS | T::DataNewline => {
                    if tok == T::TrailingCr {
                        next = p + m;
                    }
                    if keep && (cdata || !after_space(out)) {
                        out.push(b' ');
                    }
                }
                T::EntityRef => {
                    if let Some(c) = lex.predefined(p + m, next - m) {
                        self.expanded = self.expanded.saturating_add(1);
                        if keep {
                            out.push(c);
                        }
                    } else {
                        let name = lex.utf8(p + m, next - m);
                        let known = !self.has_param_entity_refs || self.standalone;
                        match self.entities.get(&name) {
                            None if known => return Err(Code::UndefinedEntity.into()),
                            // expat cannot tell, and ElementTree is not asked here.
                            None => {}
                            Some(entity) => {
                                let error = if entity.open {
                                    Code::RecursiveEntityRef
                                } else if entity.unparsed {
                                    Code::BinaryEntityRef
                                } else if let Some(text) = &entity.text {
                                    return Ok(Flow::Enter {
                                        name,
                                        text: Rc::clone(text),
                                        resume: next,
                                    });
                                } else {
                                    Code::AttributeExternalEntityRef
                                };
                                if main {
                                    self.event = p;
                                }
                                return Err(error.into());
                            }
                        }
                    }
                }
                _ => {
                    if main {
                        self.event = p;
                    }
                    return Err(Code::UnexpectedState.into());
                }
            }
            p = next;
        }
    }
}

fn is_space(c: i32) -> bool {
    matches!(u8::try_from(c), Ok(b' ' | b'\r' | b'\n' | b'\t'))
}

/// The character at `p` if it is ASCII, else -1 (also at `end`): how expat reads the XML
/// declaration.
fn to_ascii(lex: Lex, p: usize, end: usize) -> i32 {
    if p >= end {
        return -1;
    }
    match lex.ascii(p) {
        c @ 0..=0x7f => c,
        _ => -1,
    }
}

/// One `name="value"` of the XML declaration from `p` (expat's `parsePseudoAttribute`):
/// the name's start and end, the value's start, and where it ends; None at the end; the
/// position of a fault.
fn pseudo_attribute(
    lex: Lex,
    mut p: usize,
    end: usize,
) -> Result<Option<(usize, usize, usize, usize)>, usize> {
    let m = lex.m();
    if p == end {
        return Ok(None);
    }
    if !is_space(to_ascii(lex, p, end)) {
        return Err(p);
    }
    loop {
        p += m;
        if !is_space(to_ascii(lex, p, end)) {
            break;
        }
    }
    if p == end {
        return Ok(None);
    }
    let name = p;
    let name_end;
    loop {
        let c = to_ascii(lex, p, end);
        if c == -1 {
            return Err(p);
        }
        if c == i32::from(b'=') {
            name_end = p;
            break;
        }
        if is_space(c) {
            name_end = p;
            let mut c;
            loop {
                p += m;
                c = to_ascii(lex, p, end);
                if !is_space(c) {
                    break;
                }
            }
            if c != i32::from(b'=') {
                return Err(p);
            }
            break;
        }
        p += m;
    }
    if p == name {
        return Err(p);
    }
    p += m;
    let mut c = to_ascii(lex, p, end);
    while is_space(c) {
        p += m;
        c = to_ascii(lex, p, end);
    }
    if c != i32::from(b'"') && c != i32::from(b'\'') {
        return Err(p);
    }
    let open = c;
    p += m;
    let value = p;
    loop {
        let c = to_ascii(lex, p, end);
        if c == open {
            break;
        }
        let ok = u8::try_from(c)
            .map(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
            .unwrap_or(false);
        if !ok {
            return Err(p);
        }
        p += m;
    }
    Ok(Some((name, name_end, value, p + m)))
}

// ---------------------------------------------------------------------------------------
// Name characters outside ASCII, as expat 2.5.0 classifies them (read off expat itself).

#[rustfmt::skip]
const NAME_START: &[(u16, u16)] = &[
    (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x0131), (0x0134, 0x013E), (0x0141, 0x0148),
    (0x014A, 0x017E), (0x0180, 0x01C3), (0x01CD, 0x01F0), (0x01F4, 0x01F5), (0x01FA, 0x0217),
    (0x0250, 0x02A8), (0x02BB, 0x02C1), (0x0386, 0x0386), (0x0388, 0x038A), (0x038C, 0x038C),
    (0x038E, 0x03A1), (0x03A3, 0x03CE), (0x03D0, 0x03D6), (0x03DA, 0x03DA), (0x03DC, 0x03DC),
    (0x03DE, 0x03DE), (0x03E0, 0x03E0), (0x03E2, 0x03F3), (0x0401, 0x040C), (0x040E, 0x044F),
    (0x0451, 0x045C), (0x045E, 0x0481), (0x0490, 0x04C4), (0x04C7, 0x04C8), (0x04CB, 0x04CC),
    (0x04D0, 0x04EB), (0x04EE, 0x04F5), (0x04F8, 0x04F9), (0x0531, 0x0556), (0x0559, 0x0559),
    (0x0561, 0x0586), (0x05D0, 0x05EA), (0x05F0, 0x05F2), (0x0621, 0x063A), (0x0641, 0x064A),
    (0x0671, 0x06B7), (0x06BA, 0x06BE), (0x06C0, 0x06CE), (0x06D0, 0x06D3), (0x06D5, 0x06D5),
    (0x06E5, 0x06E6), (0x0905, 0x0939), (0x093D, 0x093D), (0x0958, 0x0961), (0x0985, 0x098C),
    (0x098F, 0x0990), (0x0993, 0x09A8), (0x09AA, 0x09B0), (0x09B2, 0x09B2), (0x09B6, 0x09B9),
    (0x09DC, 0x09DD), (0x09DF, 0x09E1), (0x09F0, 0x09F1), (0x0A05, 0x0A0A), (0x0A0F, 0x0A10),
    (0x0A13, 0x0A28), (0x0A2A, 0x0A30), (0x0A32, 0x0A33), (0x0A35, 0x0A36), (0x0A38, 0x0A39),
    (0x0A59, 0x0A5C), (0x0A5E, 0x0A5E), (0x0A72, 0x0A74), (0x0A85, 0x0A8B), (0x0A8D, 0x0A8D),
    (0x0A8F, 0x0A91), (0x0A93, 0x0AA8), (0x0AAA, 0x0AB0), (0x0AB2, 0x0AB3), (0x0AB5, 0x0AB9),
    (0x0ABD, 0x0ABD), (0x0AE0, 0x0AE0), (0x0B05, 0x0B0C), (0x0B0F, 0x0B10), (0x0B13, 0x0B28),
    (0x0B2A, 0x0B30), (0x0B32, 0x0B33), (0x0B36, 0x0B39), (0x0B3D, 0x0B3D), (0x0B5C, 0x0B5D),
    (0x0B5F, 0x0B61), (0x0B85, 0x0B8A), (0x0B8E, 0x0B90), (0x0B92, 0x0B95), (0x0B99, 0x0B9A),
    (0x0B9C, 0x0B9C), (0x0B9E, 0x0B9F), (0x0BA3, 0x0BA4), (0x0BA8, 0x0BAA), (0x0BAE, 0x0BB5),
    (0x0BB7, 0x0BB9), (0x0C05, 0x0C0C), (0x0C0E, 0x0C10), (0x0C12, 0x0C28), (0x0C2A, 0x0C33),
    (0x0C35, 0x0C39), (0x0C60, 0x0C61), (0x0C85, 0x0C8C), (0x0C8E, 0x0C90), (0x0C92, 0x0CA8),
    (0x0CAA, 0x0CB3), (0x0CB5, 0x0CB9), (0x0CDE, 0x0CDE), (0x0CE0, 0x0CE1), (0x0D05, 0x0D0C),
    (0x0D0E, 0x0D10), (0x0D12, 0x0D28), (0x0D2A, 0x0D39), (0x0D60, 0x0D61), (0x0E01, 0x0E2E),
    (0x0E30, 0x0E30), (0x0E32, 0x0E33), (0x0E40, 0x0E45), (0x0E81, 0x0E82), (0x0E84, 0x0E84),
    (0x0E87, 0x0E88), (0x0E8A, 0x0E8A), (0x0E8D, 0x0E8D), (0x0E94, 0x0E97), (0x0E99, 0x0E9F),
    (0x0EA1, 0x0EA3), (0x0EA5, 0x0EA5), (0x0EA7, 0x0EA7), (0x0EAA, 0x0EAB), (0x0EAD, 0x0EAE),
    (0x0EB0, 0x0EB0), (0x0EB2, 0x0EB3), (0x0EBD, 0x0EBD), (0x0EC0, 0x0EC4), (0x0F40, 0x0F47),
    (0x0F49, 0x0F69), (0x10A0, 0x10C5), (0x10D0, 0x10F6), (0x1100, 0x1100), (0x1102, 0x1103),
    (0x1105, 0x1107), (0x1109, 0x1109), (0x110B, 0x110C), (0x110E, 0x1112), (0x113C, 0x113C),
    (0x113E, 0x113E), (0x1140, 0x1140), (0x114C, 0x114C), (0x114E, 0x114E), (0x1150, 0x1150),
    (0x1154, 0x1155), (0x1159, 0x1159), (0x115F, 0x1161), (0x1163, 0x1163), (0x1165, 0x1165),
    (0x1167, 0x1167), (0x1169, 0x1169), (0x116D, 0x116E), (0x1172, 0x1173), (0x1175, 0x1175),
    (0x119E, 0x119E), (0x11A8, 0x11A8), (0x11AB, 0x11AB), (0x11AE, 0x11AF), (0x11B7, 0x11B8),
    (0x11BA, 0x11BA), (0x11BC, 0x11C2), (0x11EB, 0x11EB), (0x11F0, 0x11F0), (0x11F9, 0x11F9),
    (0x1E00, 0x1E9B), (0x1EA0, 0x1EF9), (0x1F00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45),
    (0x1F48, 0x1F4D), (0x1F50, 0x1F57), (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D),
    (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4), (0x1FB6, 0x1FBC), (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4),
    (0x1FC6, 0x1FCC), (0x1FD0, 0x1FD3), (0x1FD6, 0x1FDB), (0x1FE0, 0x1FEC), (0x1FF2, 0x1FF4),
    (0x1FF6, 0x1FFC), (0x2126, 0x2126), (0x212A, 0x212B), (0x212E, 0x212E), (0x2180, 0x2182),
    (0x3007, 0x3007), (0x3021, 0x3029), (0x3041, 0x3094), (0x30A1, 0x30FA), (0x3105, 0x312C),
    (0x4E00, 0x9FA5), (0xAC00, 0xD7A3),
];
#[rustfmt::skip]
const NAME_CHAR: &[(u16, u16)] = &[
    (0x00B7, 0x00B7), (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x0131), (0x0134, 0x013E),
    (0x0141, 0x0148), (0x014A, 0x017E), (0x0180, 0x01C3), (0x01CD, 0x01F0), (0x01F4, 0x01F5),
    (0x01FA, 0x0217), (0x0250, 0x02A8), (0x02BB, 0x02C1), (0x02D0, 0x02D1), (0x0300, 0x0345),
    (0x0360, 0x0361), (0x0386, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1), (0x03A3, 0x03CE),
    (0x03D0, 0x03D6), (0x03DA, 0x03DA), (0x03DC, 0x03DC), (0x03DE, 0x03DE), (0x03E0, 0x03E0),
    (0x03E2, 0x03F3), (0x0401, 0x040C), (0x040E, 0x044F), (0x0451, 0x045C), (0x045E, 0x0481),
    (0x0483, 0x0486), (0x0490, 0x04C4), (0x04C7, 0x04C8), (0x04CB, 0x04CC), (0x04D0, 0x04EB),
    (0x04EE, 0x04F5), (0x04F8, 0x04F9), (0x0531, 0x0556), (0x0559, 0x0559), (0x0561, 0x0586),
    (0x0591, 0x05A1), (0x05A3, 0x05B9), (0x05BB, 0x05BD), (0x05BF, 0x05BF), (0x05C1, 0x05C2),
    (0x05C4, 0x05C4), (0x05D0, 0x05EA), (0x05F0, 0x05F2), (0x0621, 0x063A), (0x0640, 0x0652),
    (0x0660, 0x0669), (0x0670, 0x06B7), (0x06BA, 0x06BE), (0x06C0, 0x06CE), (0x06D0, 0x06D3),
    (0x06D5, 0x06E8), (0x06EA, 0x06ED), (0x06F0, 0x06F9), (0x0901, 0x0903), (0x0905, 0x0939),
    (0x093C, 0x094D), (0x0951, 0x0954), (0x0958, 0x0963), (0x0966, 0x096F), (0x0981, 0x0983),
    (0x0985, 0x098C), (0x098F, 0x0990), (0x0993, 0x09A8), (0x09AA, 0x09B0), (0x09B2, 0x09B2),
    (0x09B6, 0x09B9), (0x09BC, 0x09BC), (0x09BE, 0x09C4), (0x09C7, 0x09C8), (0x09CB, 0x09CD),
    (0x09D7, 0x09D7), (0x09DC, 0x09DD), (0x09DF, 0x09E3), (0x09E6, 0x09F1), (0x0A02, 0x0A02),
    (0x0A05, 0x0A0A), (0x0A0F, 0x0A10), (0x0A13, 0x0A28), (0x0A2A, 0x0A30), (0x0A32, 0x0A33),
    (0x0A35, 0x0A36), (0x0A38, 0x0A39), (0x0A3C, 0x0A3C), (0x0A3E, 0x0A42), (0x0A47, 0x0A48),
    (0x0A4B, 0x0A4D), (0x0A59, 0x0A5C), (0x0A5E, 0x0A5E), (0x0A66, 0x0A74), (0x0A81, 0x0A83),
    (0x0A85, 0x0A8B), (0x0A8D, 0x0A8D), (0x0A8F, 0x0A91), (0x0A93, 0x0AA8), (0x0AAA, 0x0AB0),
    (0x0AB2, 0x0AB3), (0x0AB5, 0x0AB9), (0x0ABC, 0x0AC5), (0x0AC7, 0x0AC9), (0x0ACB, 0x0ACD),
    (0x0AE0, 0x0AE0), (0x0AE6, 0x0AEF), (0x0B01, 0x0B03), (0x0B05, 0x0B0C), (0x0B0F, 0x0B10),
    (0x0B13, 0x0B28), (0x0B2A, 0x0B30), (0x0B32, 0x0B33), (0x0B36, 0x0B39), (0x0B3C, 0x0B43),
    (0x0B47, 0x0B48), (0x0B4B, 0x0B4D), (0x0B56, 0x0B57), (0x0B5C, 0x0B5D), (0x0B5F, 0x0B61),
    (0x0B66, 0x0B6F), (0x0B82, 0x0B83), (0x0B85, 0x0B8A), (0x0B8E, 0x0B90), (0x0B92, 0x0B95),
    (0x0B99, 0x0B9A), (0x0B9C, 0x0B9C), (0x0B9E, 0x0B9F), (0x0BA3, 0x0BA4), (0x0BA8, 0x0BAA),
    (0x0BAE, 0x0BB5), (0x0BB7, 0x0BB9), (0x0BBE, 0x0BC2), (0x0BC6, 0x0BC8), (0x0BCA, 0x0BCD),
    (0x0BD7, 0x0BD7), (0x0BE7, 0x0BEF), (0x0C01, 0x0C03), (0x0C05, 0x0C0C), (0x0C0E, 0x0C10),
    (0x0C12, 0x0C28), (0x0C2A, 0x0C33), (0x0C35, 0x0C39), (0x0C3E, 0x0C44), (0x0C46, 0x0C48),
    (0x0C4A, 0x0C4D), (0x0C55, 0x0C56), (0x0C60, 0x0C61), (0x0C66, 0x0C6F), (0x0C82, 0x0C83),
    (0x0C85, 0x0C8C), (0x0C8E, 0x0C90), (0x0C92, 0x0CA8), (0x0CAA, 0x0CB3), (0x0CB5, 0x0CB9),
    (0x0CBE, 0x0CC4), (0x0CC6, 0x0CC8), (0x0CCA, 0x0CCD), (0x0CD5, 0x0CD6), (0x0CDE, 0x0CDE),
    (0x0CE0, 0x0CE1), (0x0CE6, 0x0CEF), (0x0D02, 0x0D03), (0x0D05, 0x0D0C), (0x0D0E, 0x0D10),
    (0x0D12, 0x0D28), (0x0D2A, 0x0D39), (0x0D3E, 0x0D43), (0x0D46, 0x0D48), (0x0D4A, 0x0D4D),
    (0x0D57, 0x0D57), (0x0D60, 0x0D61), (0x0D66, 0x0D6F), (0x0E01, 0x0E2E), (0x0E30, 0x0E3A),
    (0x0E40, 0x0E4E), (0x0E50, 0x0E59), (0x0E81, 0x0E82), (0x0E84, 0x0E84), (0x0E87, 0x0E88),
    (0x0E8A, 0x0E8A), (0x0E8D, 0x0E8D), (0x0E94, 0x0E97), (0x0E99, 0x0E9F), (0x0EA1, 0x0EA3),
    (0x0EA5, 0x0EA5), (0x0EA7, 0x0EA7), (0x0EAA, 0x0EAB), (0x0EAD, 0x0EAE), (0x0EB0, 0x0EB9),
    (0x0EBB, 0x0EBD), (0x0EC0, 0x0EC4), (0x0EC6, 0x0EC6), (0x0EC8, 0x0ECD), (0x0ED0, 0x0ED9),
    (0x0F18, 0x0F19), (0x0F20, 0x0F29), (0x0F35, 0x0F35), (0x0F37, 0x0F37), (0x0F39, 0x0F39),
    (0x0F3E, 0x0F47), (0x0F49, 0x0F69), (0x0F71, 0x0F84), (0x0F86, 0x0F8B), (0x0F90, 0x0F95),
    (0x0F97, 0x0F97), (0x0F99, 0x0FAD), (0x0FB1, 0x0FB7), (0x0FB9, 0x0FB9), (0x10A0, 0x10C5),
    (0x10D0, 0x10F6), (0x1100, 0x1100), (0x1102, 0x1103), (0x1105, 0x1107), (0x1109, 0x1109),
    (0x110B, 0x110C), (0x110E, 0x1112), (0x113C, 0x113C), (0x113E, 0x113E), (0x1140, 0x1140),
    (0x114C, 0x114C), (0x114E, 0x114E), (0x1150, 0x1150), (0x1154, 0x1155), (0x1159, 0x1159),
    (0x115F, 0x1161), (0x1163, 0x1163), (0x1165, 0x1165), (0x1167, 0x1167), (0x1169, 0x1169),
    (0x116D, 0x116E), (0x1172, 0x1173), (0x1175, 0x1175), (0x119E, 0x119E), (0x11A8, 0x11A8),
    (0x11AB, 0x11AB), (0x11AE, 0x11AF), (0x11B7, 0x11B8), (0x11BA, 0x11BA), (0x11BC, 0x11C2),
    (0x11EB, 0x11EB), (0x11F0, 0x11F0), (0x11F9, 0x11F9), (0x1E00, 0x1E9B), (0x1EA0, 0x1EF9),
    (0x1F00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45), (0x1F48, 0x1F4D), (0x1F50, 0x1F57),
    (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4),
    (0x1FB6, 0x1FBC), (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4), (0x1FC6, 0x1FCC), (0x1FD0, 0x1FD3),
    (0x1FD6, 0x1FDB), (0x1FE0, 0x1FEC), (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFC), (0x20D0, 0x20DC),
    (0x20E1, 0x20E1), (0x2126, 0x2126), (0x212A, 0x212B), (0x212E, 0x212E), (0x2180, 0x2182),
    (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x302F), (0x3031, 0x3035), (0x3041, 0x3094),
    (0x3099, 0x309A), (0x309D, 0x309E), (0x30A1, 0x30FA), (0x30FC, 0x30FE), (0x3105, 0x312C),
    (0x4E00, 0x9FA5), (0xAC00, 0xD7A3),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Each body with `str()` of the `ParseError` Python 3.11 (expat 2.5.0) raised for it,
    /// or None where it read the body.
    fn check(cases: &[(&[u8], Option<&str>)]) {
        for &(body, expected) in cases {
            assert_eq!(
                parse_error(body).as_deref(),
                expected,
                "{}",
                bytes_repr(body)
            );
        }
    }

    #[test]
    fn empty_and_white_space() {
        check(&[
            (b"", Some("no element found: line 1, column 0")),
            (b" ", Some("no element found: line 1, column 1")),
            (b"\n", Some("no element found: line 2, column 0")),
            (b"  \n ", Some("no element found: line 2, column 1")),
            (b"\r\n\r\n", Some("no element found: line 3, column 0")),
            (b"\t", Some("no element found: line 1, column 1")),
        ]);
    }

    #[test]
    fn text_and_json() {
        check(&[
            (b"this is not xml", Some("syntax error: line 1, column 0")),
            (
                b"Internal Server Error",
                Some("syntax error: line 1, column 0"),
            ),
            (b"x", Some("syntax error: line 1, column 0")),
            (
                b"{\"message\": \"Internal server error\"}",
                Some("not well-formed (invalid token): line 1, column 0"),
            ),
            (b"[]", Some("syntax error: line 1, column 0")),
            (b"null", Some("syntax error: line 1, column 0")),
            (b"<", Some("unclosed token: line 1, column 0")),
            (b">", Some("syntax error: line 1, column 0")),
            (
                b"&",
                Some("not well-formed (invalid token): line 1, column 0"),
            ),
        ]);
    }

    #[test]
    fn html() {
        check(&[
            (b"<html><body>Bad Gateway</body></html>", None),
            (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", Some("mismatched tag: line 6, column 2")),
            (b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>Service Unavailable</body></html>", Some("mismatched tag: line 2, column 36")),
            (b"<!DOCTYPE html>\n<html><body><p>Service Unavailable<br>try again</p></body></html>", Some("mismatched tag: line 2, column 49")),
            (b"<!doctype html><html></html>", Some("syntax error: line 1, column 0")),
            (b"<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><body><h1>Service Unavailable</h1></body></html>", Some("syntax error: line 1, column 49")),
            (b"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n<html><body>&nbsp;x</body></html>", Some("undefined entity &nbsp;: line 2, column 12")),
            (b"<!DOCTYPE html><html><body>&nbsp;</body></html>", Some("undefined entity: line 1, column 27")),
            (b"<html><body>a & b</body></html>", Some("not well-formed (invalid token): line 1, column 15")),
        ]);
    }

    #[test]
    fn tags() {
        check(&[
            (b"<a></b>", Some("mismatched tag: line 1, column 5")),
            (b"<a>\r\n\r\n</b>", Some("mismatched tag: line 3, column 2")),
            (b"<a><b></a></b>", Some("mismatched tag: line 1, column 8")),
            (
                b"<a/>junk",
                Some("junk after document element: line 1, column 4"),
            ),
            (
                b"<a/><b/>",
                Some("junk after document element: line 1, column 4"),
            ),
            (b"<a/>\n<!-- c -->\n<?pi x?>\n\r", None),
            (
                b"<a/><?xml version=\"1.0\"?>",
                Some("junk after document element: line 1, column 4"),
            ),
            (
                b"<a b=\"1\" b=\"2\"/>",
                Some("duplicate attribute: line 1, column 9"),
            ),
            (
                b"<a b=1/>",
                Some("not well-formed (invalid token): line 1, column 5"),
            ),
            (
                b"<a b=\"<\"/>",
                Some("not well-formed (invalid token): line 1, column 6"),
            ),
            (
                b"< a/>",
                Some("not well-formed (invalid token): line 1, column 1"),
            ),
            (
                b"<a></ a>",
                Some("not well-formed (invalid token): line 1, column 5"),
            ),
            (
                b"<a>]]></a>",
                Some("not well-formed (invalid token): line 1, column 5"),
            ),
            (b"<a>]", Some("no element found: line 1, column 4")),
            (b"<a>x", Some("no element found: line 1, column 4")),
            (b"<a>\r", Some("no element found: line 1, column 3")),
            (b"<a><![CDATA[x]]></a>", None),
            (
                b"<a><![CDATA[x",
                Some("unclosed CDATA section: line 1, column 13"),
            ),
            (
                b"<a><!-- x -- y --></a>",
                Some("not well-formed (invalid token): line 1, column 12"),
            ),
            (b"<!-- x", Some("unclosed token: line 1, column 0")),
            (
                b"<a:b:c/>",
                Some("not well-formed (invalid token): line 1, column 4"),
            ),
            (
                b"<a>\xc3\xa9\xc3\xa9<b></a>",
                Some("mismatched tag: line 1, column 10"),
            ),
        ]);
    }

    #[test]
    fn references() {
        check(&[
            (b"<a>&amp;&lt;&gt;&quot;&apos;&#233;&#x1F600;</a>", None),
            (b"<a>&nbsp;</a>", Some("undefined entity: line 1, column 3")),
            (b"<a>&;</a>", Some("not well-formed (invalid token): line 1, column 4")),
            (b"<a>&#0;</a>", Some("reference to invalid character number: line 1, column 3")),
            (b"<a>&#xD800;</a>", Some("reference to invalid character number: line 1, column 3")),
            (b"<a>&#x110000;</a>", Some("reference to invalid character number: line 1, column 3")),
            (b"<a>&amp</a>", Some("not well-formed (invalid token): line 1, column 7")),
            (b"<a b=\"&x;\"/>", Some("undefined entity: line 1, column 0")),
            (b"<a b=\"&#1;\"/>", Some("reference to invalid character number: line 1, column 6")),
            (b"<!DOCTYPE a [<!ENTITY e \"v\">]><a b=\"&e;\">&e;</a>", None),
            (b"<!DOCTYPE a [<!ENTITY e \"<b>\">]><a>&e;</a>", Some("asynchronous entity: line 1, column 35")),
            (b"<!DOCTYPE a [<!ENTITY e \"&e;\">]><a>&e;</a>", Some("recursive entity reference: line 1, column 35")),
            (b"<!DOCTYPE a [<!ENTITY e \"x&#38;y\">]><a>&e;</a>", Some("unclosed token: line 1, column 39")),
            (b"<!DOCTYPE a SYSTEM \"x\"><a>\n &e;</a>", Some("undefined entity &e;: line 2, column 1")),
            (b"<!DOCTYPE a [<!ENTITY e SYSTEM \"y\">]><a>&e;</a>", Some("undefined entity &e;: line 1, column 40")),
            (b"<!DOCTYPE a [<!ENTITY e SYSTEM \"y\">]><a b=\"&e;\"/>", Some("reference to external entity in attribute: line 1, column 43")),
            (b"<!DOCTYPE a [<!ENTITY e SYSTEM \"y\" NDATA n>]><a>&e;</a>", Some("reference to binary entity: line 1, column 48")),
            (b"<!DOCTYPE a [<!ENTITY % p \"x\"> %p;]><a>&u;</a>", Some("undefined entity &u;: line 1, column 39")),
            (b"<!DOCTYPE a SYSTEM \"x\"><a>&nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\xc3\xa9;</a>", Some("undefined entity &nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn: line 1, column 26")),
        ]);
    }

    #[test]
    fn characters() {
        check(&[
            (b"<a>\x00</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"\x00", Some("unclosed token: line 1, column 0")),
            (b"<a>\x01</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"<a>\xe9</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"<a>\xc3</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"<a>\xc3", Some("partial character: line 1, column 3")),
            (b"<a>\xe2\x82", Some("partial character: line 1, column 3")),
            (b"<a>\xed\xa0\x80</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"<a>\xef\xbf\xbe</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"<a>\xc0\x80</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"<a>\xf0\x9f\x98\x80</a>", None),
            (b"<\xf0\x9f\x98\x80/>", Some("not well-formed (invalid token): line 1, column 1")),
            (b"<\xc3\xa9/>", None),
            (b"<a>\xff</a>", Some("not well-formed (invalid token): line 1, column 3")),
            (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", Some("not well-formed (invalid token): line 1, column 0")),
            (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xb3I\xd4\xb7\x03\x00\xd4\x1c\xd1\x01\x04\x00\x00\x00", Some("not well-formed (invalid token): line 1, column 0")),
            (b"\x89PNG\r\n\x1a\n", Some("not well-formed (invalid token): line 1, column 0")),
            (b"\xde\xad\xbe\xef", Some("not well-formed (invalid token): line 1, column 0")),
        ]);
    }

    #[test]
    fn declarations() {
        check(&[
            (
                b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                Some("no element found: line 1, column 38"),
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>",
                Some("not well-formed (invalid token): line 1, column 49"),
            ),
            (b"<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>", None),
            (
                b"<?xml?><a/>",
                Some("XML declaration not well-formed: line 1, column 5"),
            ),
            (
                b"<?xml ?><a/>",
                Some("XML declaration not well-formed: line 1, column 5"),
            ),
            (
                b"<?xml version=\"1.0\" standalone=\"maybe\"?><a/>",
                Some("XML declaration not well-formed: line 1, column 32"),
            ),
            (
                b"<?xml encoding=\"utf-8\"?><a/>",
                Some("XML declaration not well-formed: line 1, column 6"),
            ),
            (
                b"<?XML version=\"1.0\"?><a/>",
                Some("not well-formed (invalid token): line 1, column 5"),
            ),
            (
                b" <?xml version=\"1.0\"?><a/>",
                Some("XML or text declaration not at start of entity: line 1, column 1"),
            ),
            (
                b"<!DOCTYPE a PUBLIC \"p\tq\" \"x\"><a/>",
                Some("illegal character(s) in public id: line 1, column 21"),
            ),
            (
                b"<!DOCTYPE a [<!ELEMENT a (b,c|d)>]><a/>",
                Some("syntax error: line 1, column 29"),
            ),
            (
                b"<!DOCTYPE a [<!ELEMENT a %p;>]><a/>",
                Some("illegal parameter entity reference: line 1, column 25"),
            ),
            (
                b"<!DOCTYPE a [<!ENTITY e \"%p;\">]><a/>",
                Some("illegal parameter entity reference: line 1, column 25"),
            ),
            (
                b"<!DOCTYPE a [<![INCLUDE[]]>]><a/>",
                Some("syntax error: line 1, column 13"),
            ),
            (
                b"<!DOCTYPE a [<!ATTLIST a b CDATA \"<\">]><a/>",
                Some("not well-formed (invalid token): line 1, column 34"),
            ),
            (
                b"<!DOCTYPE>",
                Some("not well-formed (invalid token): line 1, column 9"),
            ),
        ]);
    }

    #[test]
    fn namespaces() {
        check(&[
            (b"<x:a/>", Some("unbound prefix: line 1, column 0")),
            (b"<a x:b=\"1\"/>", Some("unbound prefix: line 1, column 0")),
            (
                b"<a xmlns:x=\"\"/>",
                Some("must not undeclare prefix: line 1, column 0"),
            ),
            (
                b"<a xmlns=\"x}y\"/>",
                Some("syntax error: line 1, column 0"),
            ),
            (
                b"<a xmlns:xml=\"u\"/>",
                Some(
                    "reserved prefix (xml) must not be undeclared or bound to another namespace name: line 1, column 0",
                ),
            ),
            (
                b"<a xmlns:xmlns=\"u\"/>",
                Some(
                    "reserved prefix (xmlns) must not be declared or undeclared: line 1, column 0",
                ),
            ),
            (
                b"<a xmlns:y=\"http://www.w3.org/2000/xmlns/\"/>",
                Some(
                    "prefix must not be bound to one of the reserved namespace names: line 1, column 0",
                ),
            ),
            (
                b"<a xmlns:p=\"u\" xmlns:q=\"u\" p:x=\"1\" q:x=\"2\"/>",
                Some("duplicate attribute: line 1, column 0"),
            ),
            (b"<a xmlns:p=\"u\"><p:b/></a>", None),
            (
                b"<a xmlns:p=\"u\"></a><p:b/>",
                Some("junk after document element: line 1, column 19"),
            ),
            (b"<a xml:lang=\"en\"/>", None),
            (
                b"<!DOCTYPE a [<!ATTLIST a xmlns:p CDATA \"\">]><a/>",
                Some("must not undeclare prefix: line 1, column 44"),
            ),
        ]);
    }

    #[test]
    fn encodings() {
        check(&[
            (b"\xef\xbb\xbf<a/>", None),
            (b"\xef\xbb\xbfabc", Some("syntax error: line 1, column 1")),
            (b"\xef\xbb", Some("unclosed token: line 1, column 0")),
            (b"\xff\xfe<\x00a\x00/\x00>\x00", None),
            (
                b"\xfe\xff\x00<\x00a\x00>\x00<\x00/\x00b\x00>",
                Some("mismatched tag: line 1, column 6"),
            ),
            (b"<\x00a\x00/\x00>\x00", None),
            (b"\x00<\x00a\x00/\x00>", None),
            (b"\xff\xfea\x00", Some("syntax error: line 1, column 1")),
            (
                b"\xff\xfe<\x00a\x00>\x00\xe9\x00<\x00/\x00b\x00>\x00",
                Some("mismatched tag: line 1, column 7"),
            ),
            (
                b"\xff\xfe<\x00a\x00/\x00>\x00\r\x00X",
                Some("unclosed token: line 2, column 0"),
            ),
            (
                b"\xff\xfe<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E\x00 \x00a\x00>",
                Some("no element found: line 1, column 12"),
            ),
        ]);
    }

    #[test]
    fn truncated_answers() {
        let answer = include_bytes!("../../tests/fixtures/xml/GetCallerIdentity.xml");
        let cases = [
            (0, Some("no element found: line 1, column 0")),
            (1, Some("unclosed token: line 1, column 0")),
            (2, Some("unclosed token: line 1, column 0")),
            (10, Some("unclosed token: line 1, column 0")),
            (26, Some("unclosed token: line 1, column 0")),
            (27, Some("unclosed token: line 1, column 0")),
            (28, Some("unclosed token: line 1, column 0")),
            (76, Some("unclosed token: line 1, column 0")),
            (77, Some("no element found: line 1, column 77")),
            (78, Some("no element found: line 2, column 0")),
            (80, Some("no element found: line 2, column 2")),
            (104, Some("unclosed token: line 2, column 2")),
            (150, Some("no element found: line 4, column 21")),
            (200, Some("unclosed token: line 5, column 6")),
            (300, Some("unclosed token: line 8, column 4")),
            (400, Some("unclosed token: line 10, column 2")),
            (500, Some("unclosed token: line 13, column 2")),
            (520, Some("unclosed token: line 14, column 0")),
            (537, Some("unclosed token: line 14, column 0")),
            (538, None),
            (538, None),
            (539, None),
        ];
        for (cut, expected) in cases {
            assert_eq!(
                parse_error(&answer[..cut]).as_deref(),
                expected,
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn entity_expansion_is_limited() {
        let mut body = b"<!DOCTYPE a [<!ENTITY e \"".to_vec();
        body.extend([b'x'; 10000]);
        body.extend(b"\">]><a>");
        body.extend(b"&e;".repeat(900));
        body.extend(b"</a>");
        assert_eq!(
            parse_error(&body).as_deref(),
            Some(
                "limit on input amplification factor (from DTD and entities) breached: line 1, column 12543"
            )
        );
        assert_eq!(
            parse_error(&body[..body.len() - 500 * 3 - 4]).as_deref(),
            Some("no element found: line 1, column 11232")
        );
    }

    #[test]
    fn bytes_print_like_python_repr() {
        let cases: [(&[u8], &str); 13] = [
            (b"", "b''"),
            (b"this is not xml", "b'this is not xml'"),
            (b"it's", "b\"it's\""),
            (b"say \"hi\"", "b'say \"hi\"'"),
            (b"both ' and \"", "b'both \\' and \"'"),
            (b"\\", "b'\\\\'"),
            (b"\x00\x01\x1f\x7f\x80\xfe\xff", "b'\\x00\\x01\\x1f\\x7f\\x80\\xfe\\xff'"),
            (b"\t\n\r", "b'\\t\\n\\r'"),
            (b" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", "b' !\"#$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'"),
            (b"'", "b\"'\""),
            (b"\"", "b'\"'"),
            (b"\xc3\xa9", "b'\\xc3\\xa9'"),
            (b"<a b=\"c\">'</a>", "b'<a b=\"c\">\\'</a>'"),
        ];
        for (body, expected) in cases {
            assert_eq!(bytes_repr(body), expected);
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let mut body = Vec::new();
        for byte in 0..=255u8 {
            body.push(byte);
            let _ = parse_error(&body);
            let _ = parse_error(&[byte]);
            let _ = parse_error(&[0xff, 0xfe, byte]);
            let _ = parse_error(&[b'<', b'a', b'>', byte, byte]);
        }
        let deep = [&b"<a>".repeat(100_000)[..], &b"</a>".repeat(99_999)[..]].concat();
        assert_eq!(
            parse_error(&deep).as_deref(),
            Some("no element found: line 1, column 699996")
        );
    }
}
