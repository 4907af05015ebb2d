//! Man pages: the help pages of `help.rs` written as roff, one for `sts` and one per
//! operation (`sts-assume-role.1`, ...), so `man` and `sts help` say the same thing.

use super::{self as help, Block, Page};
use roff::{Roff, bold, roman};

/// Indentation of one level below a section's body, in ens (as in the terminal help).
const LEVEL_INDENT: &str = "3n";

/// Every page as (file name, roff source).
pub fn pages() -> Vec<(String, String)> {
    let all = help::all_pages();
    let operations: Vec<&str> = all[1..].iter().map(|page| page.name.as_str()).collect();
    all.iter()
        .map(|page| {
            let see_also = if page.name == "sts" {
                operations.clone()
            } else {
                vec!["sts"]
            };
            (format!("{}.1", page.name), render(page, &see_also))
        })
        .collect()
}

/// One page: the title line, a NAME line `whatis` can read, the help's sections, SEE ALSO.
fn render(page: &Page, see_also: &[&str]) -> String {
    let mut roff = Roff::new();
    // Left-aligned and unhyphenated, like the terminal help: option names stay whole.
    roff.control("ad", ["l"]).control("nh", []);
    roff.control("SH", ["NAME"])
        .text([roman(format!("{} - {}", page.name, page.summary))]);
    // The help's own NAME section is wrapped for the terminal; man wants this one line.
    for section in page.sections.iter().filter(|s| s.title != "NAME") {
        roff.control("SH", [section.title]);
        for block in help::without_trailing_gap(&section.blocks) {
            write_block(&mut roff, block);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    let references: Vec<String> = see_also.iter().map(|name| format!("{name}(1)")).collect();
    roff.text([roman(references.join(", "))]);
    // `.TH` by hand: the roff crate drops an empty argument, and the date is left empty
    // so the pages do not change from one day to the next.
    format!(
        ".TH {} 1 \"\" \"sts {}\" \"sts manual\"\n{}",
        page.name.to_uppercase(),
        env!("CARGO_PKG_VERSION"),
        roff.render()
    )
}

fn write_block(roff: &mut Roff, block: &Block) {
    match block {
        Block::Text { level, text } => {
            indented(roff, *level, |roff| {
                roff.text([roman(text.as_str())]);
            });
        }
        Block::Code { level, lines } => {
            indented(roff, *level, |roff| {
                roff.control("nf", []);
                for line in lines {
                    if line.is_empty() {
                        roff.control("sp", []);
                    } else if *level == 1 {
                        // A term at the section's level: an option, a command, a member.
                        roff.text([bold(line.as_str())]);
                    } else {
                        roff.text([roman(line.as_str())]);
                    }
                }
                roff.control("fi", []);
            });
        }
        Block::Gap => {
            roff.control("sp", []);
        }
    }
}

/// Write at a level: the section's body at level 1, `.RS`/`.RE` for each level below.
fn indented(roff: &mut Roff, level: usize, write: impl FnOnce(&mut Roff)) {
    let nested = level.saturating_sub(1);
    for _ in 0..nested {
        roff.control("RS", [LEVEL_INDENT]);
    }
    if nested == 0 {
        // Each block starts on its own line, as in the terminal help.
        roff.control("br", []);
    }
    write(roff);
    for _ in 0..nested {
        roff.control("RE", []);
    }
}
