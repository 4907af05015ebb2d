//! Python's `difflib.get_close_matches`, for suggesting names as the AWS CLI does.
//!
//! The AWS CLI picks the "maybe you meant" suggestions of an invalid choice with
//! `get_close_matches(value, choices, cutoff=0.8)`, so this follows CPython 3.11's
//! `SequenceMatcher` closely enough to give the same scores bit for bit: the same
//! longest-match search, the same tie-breaks between equally long matches, and the same
//! "popular element" heuristic (autojunk) for long words. Strings are sequences of code
//! points, as Python's `str` is.

use std::collections::HashMap;

/// `difflib.get_close_matches(word, possibilities, n, cutoff)`: at most `n` possibilities
/// whose similarity ratio to `word` is at least `cutoff`, best first, ties in descending
/// order of the possibility itself (Python sorts `(score, possibility)` pairs).
///
/// Python refuses `n == 0` and a cutoff outside `0.0..=1.0` with a `ValueError`; here those
/// give no matches.
pub fn get_close_matches<'a>(
    word: &str,
    possibilities: &[&'a str],
    n: usize,
    cutoff: f64,
) -> Vec<&'a str> {
    if n == 0 || !(0.0..=1.0).contains(&cutoff) {
        return Vec::new();
    }
    let mut matcher = SequenceMatcher::new(word);
    let mut scored: Vec<(f64, &'a str)> = Vec::new();
    for &possibility in possibilities {
        matcher.set_first(possibility);
        // The cheap upper bounds first, as Python checks them; they only save time.
        if matcher.real_quick_ratio() >= cutoff && matcher.quick_ratio() >= cutoff {
            let score = matcher.ratio();
            if score >= cutoff {
                scored.push((score, possibility));
            }
        }
    }
    // Scores are finite, so the order is total; equal pairs are equal strings, so it does
    // not matter which of them is kept.
    scored.sort_by(|left, right| right.0.total_cmp(&left.0).then_with(|| right.1.cmp(left.1)));
    scored.into_iter().take(n).map(|(_, text)| text).collect()
}

/// A match of `size` elements at `first[a..]` and `second[b..]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Match {
    a: usize,
    b: usize,
    size: usize,
}

/// `difflib.SequenceMatcher(None, a, b)` over the code points of two strings, with the second
/// fixed (Python's `set_seq2`) and the first changing (`set_seq1`), as `get_close_matches`
/// uses it. No element is junk, but with autojunk the popular ones of a long second string
/// are left out of the index.
#[derive(Debug, Clone)]
struct SequenceMatcher {
    first: Vec<char>,
    second: Vec<char>,
    /// Where each element occurs in `second`, ascending, leaving out popular elements.
    second_positions: HashMap<char, Vec<usize>>,
    /// How often each element occurs in `second`, for `quick_ratio`.
    second_counts: HashMap<char, usize>,
}

impl SequenceMatcher {
    /// A matcher with an empty first string and `second` as the second.
    fn new(second: &str) -> SequenceMatcher {
        let second: Vec<char> = second.chars().collect();
        let mut second_positions: HashMap<char, Vec<usize>> = HashMap::new();
        for (index, &element) in second.iter().enumerate() {
            second_positions.entry(element).or_default().push(index);
        }
        let second_counts = second_positions
            .iter()
            .map(|(&element, positions)| (element, positions.len()))
            .collect();
        // Python's autojunk: in a sequence of 200 or more, an element making up more than 1%
        // of it (plus one) is too common to anchor a match on.
        if second.len() >= 200 {
            let popular = second.len() / 100 + 1;
            second_positions.retain(|_, positions| positions.len() <= popular);
        }
        SequenceMatcher {
            first: Vec::new(),
            second,
            second_positions,
            second_counts,
        }
    }

    /// Replaces the first string (Python's `set_seq1`).
    fn set_first(&mut self, first: &str) {
        self.first = first.chars().collect();
    }

    /// `2 * matches / total length`, and 1 when both are empty.
    fn ratio_of(&self, matches: usize) -> f64 {
        let length = self.first.len() + self.second.len();
        if length == 0 {
            1.0
        } else {
            2.0 * matches as f64 / length as f64
        }
    }

    /// The similarity: twice the elements in matching blocks over the total length.
    fn ratio(&self) -> f64 {
        let matches = self.matching_blocks().iter().map(|block| block.size).sum();
        self.ratio_of(matches)
    }

    /// An upper bound on `ratio`: as if all common elements matched, in any order.
    fn quick_ratio(&self) -> f64 {
        let mut available: HashMap<char, usize> = HashMap::new();
        let mut matches = 0;
        for element in &self.first {
            let left = available
                .entry(*element)
                .or_insert_with(|| self.second_counts.get(element).copied().unwrap_or(0));
            if *left > 0 {
                *left -= 1;
                matches += 1;
            }
        }
        self.ratio_of(matches)
    }

    /// An upper bound on `ratio` from the lengths alone.
    fn real_quick_ratio(&self) -> f64 {
        self.ratio_of(self.first.len().min(self.second.len()))
    }

    /// The longest block of `first[a_low..a_high]` equal to one of `second[b_low..b_high]`.
    /// Of equally long blocks it is the one starting earliest in `first`, and of those the one
    /// starting earliest in `second`; size 0 at `(a_low, b_low)` when nothing matches.
    fn find_longest_match(
        &self,
        a_low: usize,
        a_high: usize,
        b_low: usize,
        b_high: usize,
    ) -> Match {
        let (first, second) = (&self.first, &self.second);
        let mut best = Match {
            a: a_low,
            b: b_low,
            size: 0,
        };
        // For each `j`, the length of the match ending at `first[i - 1]` and `second[j]`.
        let mut ending_before: HashMap<usize, usize> = HashMap::new();
        for (i, element) in first.iter().enumerate().take(a_high).skip(a_low) {
            let mut ending_here = HashMap::new();
            let positions = self.second_positions.get(element).map(Vec::as_slice);
            for &j in positions.unwrap_or_default() {
                if j < b_low {
                    continue;
                }
                if j >= b_high {
                    break;
                }
                let previous = j
                    .checked_sub(1)
                    .and_then(|before| ending_before.get(&before))
                    .copied()
                    .unwrap_or(0);
                let size = previous + 1;
                ending_here.insert(j, size);
                if size > best.size {
                    best = Match {
                        a: i + 1 - size,
                        b: j + 1 - size,
                        size,
                    };
                }
            }
            ending_before = ending_here;
        }
        // Popular elements were left out of the index, so grow the block over equal
        // neighbours of any kind, backwards and then forwards.
        while best.a > a_low && best.b > b_low && first[best.a - 1] == second[best.b - 1] {
            best.a -= 1;
            best.b -= 1;
            best.size += 1;
        }
        while best.a + best.size < a_high
            && best.b + best.size < b_high
            && first[best.a + best.size] == second[best.b + best.size]
        {
            best.size += 1;
        }
        best
    }

    /// The blocks of `first` equal to blocks of `second`, in order and not adjacent, ending
    /// with the empty block `(first.len(), second.len(), 0)`: the longest match, then the
    /// longest matches left and right of it, and so on.
    fn matching_blocks(&self) -> Vec<Match> {
        let (first_len, second_len) = (self.first.len(), self.second.len());
        let mut pending = vec![(0, first_len, 0, second_len)];
        let mut blocks = Vec::new();
        while let Some((a_low, a_high, b_low, b_high)) = pending.pop() {
            let found = self.find_longest_match(a_low, a_high, b_low, b_high);
            if found.size == 0 {
                continue;
            }
            blocks.push(found);
            if a_low < found.a && b_low < found.b {
                pending.push((a_low, found.a, b_low, found.b));
            }
            if found.a + found.size < a_high && found.b + found.size < b_high {
                pending.push((found.a + found.size, a_high, found.b + found.size, b_high));
            }
        }
        blocks.sort();
        let mut joined: Vec<Match> = Vec::with_capacity(blocks.len() + 1);
        for block in blocks {
            match joined.last_mut() {
                Some(last) if last.a + last.size == block.a && last.b + last.size == block.b => {
                    last.size += block.size;
                }
                _ => joined.push(block),
            }
        }
        joined.push(Match {
            a: first_len,
            b: second_len,
            size: 0,
        });
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMANDS: &[&str] = &[
        "assume-role",
        "assume-root",
        "assume-role-with-saml",
        "assume-role-with-web-identity",
        "decode-authorization-message",
        "get-access-key-info",
        "get-caller-identity",
        "get-federation-token",
        "get-session-token",
        "help",
    ];
    const OUTPUTS: &[&str] = &["json", "text", "table", "yaml", "yaml-stream", "off"];
    /// Python 3.11's `keyword.kwlist`.
    const KEYWORDS: &[&str] = &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    ];

    /// Asserts `get_close_matches` gives what Python 3.11 gave for the same arguments.
    fn assert_matches(
        word: &str,
        possibilities: &[&str],
        n: usize,
        cutoff: f64,
        expected: &[&str],
    ) {
        assert_eq!(
            get_close_matches(word, possibilities, n, cutoff),
            expected,
            "for {word:?}"
        );
    }

    #[test]
    fn pythons_documented_examples() {
        assert_matches(
            "appel",
            &["ape", "apple", "peach", "puppy"],
            3,
            0.6,
            &["apple", "ape"],
        );
        assert_matches("wheel", KEYWORDS, 3, 0.6, &["while"]);
        assert_matches("Apple", KEYWORDS, 3, 0.6, &[]);
        assert_matches("accept", KEYWORDS, 3, 0.6, &["except"]);
    }

    #[test]
    fn invalid_choices_as_the_aws_cli_suggests_them() {
        let roles = ["assume-role", "assume-root"];
        assert_matches("assume-rol", COMMANDS, 3, 0.8, &roles);
        assert_matches(
            "get-caller-identiy",
            COMMANDS,
            3,
            0.8,
            &["get-caller-identity"],
        );
        assert_matches("get-sesion-token", COMMANDS, 3, 0.8, &["get-session-token"]);
        let saml = ["assume-role-with-saml"];
        assert_matches("assume-role-with-sml", COMMANDS, 3, 0.8, &saml);
        assert_matches("hlep", COMMANDS, 3, 0.8, &[]);
        assert_matches("asume", COMMANDS, 3, 0.8, &[]);
    }

    #[test]
    fn cli_names() {
        let roles = ["assume-role", "assume-root", "assume-role-with-saml"];
        assert_matches("assume-rol", COMMANDS, 3, 0.6, &roles);
        assert_matches("asume-role", COMMANDS, 3, 0.6, &roles);
        assert_matches("get-caller", COMMANDS, 3, 0.6, &["get-caller-identity"]);
        assert_matches(
            "get-token",
            COMMANDS,
            3,
            0.6,
            &["get-session-token", "get-federation-token"],
        );
        assert_matches(
            "assume",
            COMMANDS,
            5,
            0.3,
            &[
                "assume-root",
                "assume-role",
                "assume-role-with-saml",
                "assume-role-with-web-identity",
                "get-access-key-info",
            ],
        );
        assert_matches("xyz", COMMANDS, 3, 0.6, &[]);
        assert_matches("jsn", OUTPUTS, 3, 0.6, &["json"]);
        assert_matches("yml", OUTPUTS, 3, 0.6, &["yaml"]);
        assert_matches("yaml-steam", OUTPUTS, 3, 0.6, &["yaml-stream"]);
        assert_matches("tabel", OUTPUTS, 3, 0.6, &["table"]);
    }

    #[test]
    fn ties_go_to_the_greater_string() {
        assert_matches("", OUTPUTS, 3, 0.0, &["yaml-stream", "yaml", "text"]);
        assert_matches("", &["", "a"], 3, 0.6, &[""]);
        let pairs = ["ba", "ab", "aa", "bb", "ab"];
        assert_matches("ab", &pairs, 10, 0.0, &["ab", "ab", "bb", "ba", "aa"]);
        assert_matches(
            "abc",
            &["abd", "abe", "abf", "xbc"],
            2,
            0.5,
            &["xbc", "abf"],
        );
        assert_matches("abc", &["abd", "abe", "abf", "xbc"], 1, 0.5, &["xbc"]);
        assert_matches(
            "é中",
            &["é中😀", "中é", "e中"],
            3,
            0.3,
            &["é中😀", "中é", "e中"],
        );
    }

    #[test]
    fn arguments_python_refuses_match_nothing() {
        assert_matches("json", OUTPUTS, 0, 0.6, &[]);
        assert_matches("json", OUTPUTS, 3, 1.5, &[]);
        assert_matches("json", OUTPUTS, 3, -0.1, &[]);
        assert_matches("json", OUTPUTS, 3, f64::NAN, &[]);
    }

    #[test]
    fn long_words_ignore_popular_elements() {
        // From 200 elements on, an element making up more than 1% of the word anchors no
        // match, which changes the scores.
        let word = format!("{}{}", "a".repeat(100), "b".repeat(150));
        let same = word.clone();
        let swapped = format!("{}{}", "b".repeat(150), "a".repeat(100));
        let alternating = "ab".repeat(125);
        let only_a = "a".repeat(250);
        let possibilities = [same.as_str(), &swapped, &alternating, &only_a];
        assert_matches(
            &word,
            &possibilities,
            4,
            0.0,
            &[&same, &only_a, &alternating, &swapped],
        );

        let word = "abcd".repeat(60);
        let nearly = format!("{}x", "abcd".repeat(55));
        let reversed = "dcba".repeat(60);
        let swapped = "abdc".repeat(60);
        let possibilities = [nearly.as_str(), &reversed, &swapped];
        assert_matches(
            &word,
            &possibilities,
            3,
            0.0,
            &[&nearly, &swapped, &reversed],
        );
    }

    fn matcher(first: &str, second: &str) -> SequenceMatcher {
        let mut matcher = SequenceMatcher::new(second);
        matcher.set_first(first);
        matcher
    }

    fn blocks(matcher: &SequenceMatcher) -> Vec<(usize, usize, usize)> {
        let blocks = matcher.matching_blocks();
        blocks.iter().map(|m| (m.a, m.b, m.size)).collect()
    }

    #[test]
    fn sequence_matcher_agrees_with_python() {
        let m = matcher("abxcd", "abcd");
        assert_eq!(blocks(&m), [(0, 0, 2), (3, 2, 2), (5, 4, 0)]);
        assert_eq!(m.ratio(), 0.8888888888888888);
        assert_eq!(m.quick_ratio(), 0.8888888888888888);
        assert_eq!(m.real_quick_ratio(), 0.8888888888888888);

        let m = matcher("abcd", "bcde");
        assert_eq!(
            m.find_longest_match(0, 4, 0, 4),
            Match {
                a: 1,
                b: 0,
                size: 3
            }
        );
        assert_eq!(blocks(&m), [(1, 0, 3), (4, 4, 0)]);
        assert_eq!(
            (m.ratio(), m.quick_ratio(), m.real_quick_ratio()),
            (0.75, 0.75, 1.0)
        );

        let m = matcher(
            "private Thread currentThread;",
            "private volatile Thread currentThread;",
        );
        assert_eq!(blocks(&m), [(0, 0, 6), (6, 15, 23), (29, 38, 0)]);
        assert_eq!(m.ratio(), 0.8656716417910447);

        let m = matcher("", "");
        assert_eq!(blocks(&m), [(0, 0, 0)]);
        assert_eq!(
            (m.ratio(), m.quick_ratio(), m.real_quick_ratio()),
            (1.0, 1.0, 1.0)
        );
        let m = matcher("a", "");
        assert_eq!(blocks(&m), [(1, 0, 0)]);
        assert_eq!(
            (m.ratio(), m.quick_ratio(), m.real_quick_ratio()),
            (0.0, 0.0, 0.0)
        );

        // Both letters are popular in the 250-letter second string: nothing anchors a match.
        let first = format!("{}{}", "b".repeat(100), "a".repeat(150));
        let second = format!("{}{}", "a".repeat(100), "b".repeat(150));
        let m = matcher(&first, &second);
        assert_eq!(
            m.find_longest_match(0, 250, 0, 250),
            Match {
                a: 0,
                b: 0,
                size: 0
            }
        );
        assert_eq!(blocks(&m), [(250, 250, 0)]);
        assert_eq!(
            (m.ratio(), m.quick_ratio(), m.real_quick_ratio()),
            (0.0, 0.8, 1.0)
        );
    }
}
