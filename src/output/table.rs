//! `--output table`: the AWS CLI's boxed tables, byte for byte.
//!
//! Two steps, as in the AWS CLI: `Builder` walks the value and cuts it into sections the way
//! awscli/formatter.py `TableFormatter` does, then `draw` sizes and draws them the way
//! awscli/table.py `MultiTable` does (one width for the whole table, columns scaled to it with
//! banker's rounding, one-row sections turned vertical when the table is wider than the
//! terminal, `|` bars for nesting, colorama's reset after every write when coloured). AWS CLI
//! v1 and v2 share this code; the names below follow the Python so the two can be compared.
//!
//! This is a renderer of our own rather than comfy-table because comfy-table centres header
//! cells within the padded area where the AWS CLI centres them across the whole cell, has no
//! column spans for the title lines and the `||` nesting bars, and wraps text that does not
//! fit where the AWS CLI lets it overflow (see dependencies.md, section 2, in the shared notes).
//! The AWS-specific sizing would have to be written anyway; what is left is string padding.
//!
//! Text width is the AWS CLI's own measure (`super::width`): East Asian W, F and A count 2.
//!
//! Some values that only `--query` can produce make the AWS CLI raise (a list holding rows of
//! different lengths, a list that starts with an object and holds something else). It then
//! prints nothing on stdout and `\n<text>\n` on stderr, exit status 255; in colour colorama
//! wraps stderr too, so each of those three writes is followed by `ESC[0m`. `render` returns
//! that text as `Err`.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::width::text_width;
use crate::python::{Printer, type_name};

/// Render `value` under `title` (the operation's API name, e.g. `AssumeRole`, also for
/// `--query` results) for a terminal `terminal_width` columns wide (80 when stdout is not a
/// terminal). `color` is colorama's styling with autoreset, as `--color on` (or `auto` on a
/// terminal) gives. Returns the exact text to print, empty for a falsy value (null, false, 0,
/// "", [], {}); where the AWS CLI raises (only `--query` results can make it), the exception's
/// text, which the caller prints on stderr with exit status 255.
pub fn render(
    title: &str,
    value: &Value,
    terminal_width: usize,
    color: bool,
) -> Result<String, String> {
    if is_falsy(value) {
        return Ok(String::new());
    }
    let mut builder = Builder {
        done: Vec::new(),
        current: Section::new(Some(title), 0),
    };
    builder.contents(Some(title), value, 0)?;
    Ok(draw(builder.finish(), terminal_width, color))
}

// ---------------------------------------------------------------------------------------------
// Python's view of JSON values.

/// Cells are Python `str()` of the value: `None`, `True`, `1.5`, `['a', 1]`.
fn py_str(value: &Value) -> String {
    const PYTHON: Printer = Printer { object: |_| None };
    PYTHON.str(value)
}

/// Python's `not value`.
fn is_falsy(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
    }
}

/// `TableFormatter._scalar_type`: anything but a list or a dict.
fn is_scalar(value: &Value) -> bool {
    !value.is_array() && !value.is_object()
}

// ---------------------------------------------------------------------------------------------
// Building sections (awscli/formatter.py TableFormatter).

/// One titled block of the table (awscli/table.py `Section`).
#[derive(Debug, Default)]
struct Section {
    /// None for the sections Python starts with title None (a list of objects inside a list):
    /// no title line, but the word `None` still counts in the width.
    title: Option<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    /// Set by the first header or row; every later row must have this many cells.
    num_cols: Option<usize>,
    /// Widest text per column over the headers and rows.
    max_widths: Vec<usize>,
}

impl Section {
    fn new(title: Option<&str>, indent: usize) -> Section {
        Section {
            title: title.map(str::to_owned),
            indent,
            ..Section::default()
        }
    }

    fn add_header(&mut self, headers: Vec<String>) -> Result<(), String> {
        self.update_max_widths(&headers)?;
        self.num_cols.get_or_insert(headers.len());
        self.headers = headers;
        Ok(())
    }

    fn add_row(&mut self, row: Vec<String>) -> Result<(), String> {
        let expected = *self.num_cols.get_or_insert(row.len());
        if row.len() != expected {
            return Err(format!(
                "Row should have {expected} elements, instead it has {}",
                row.len()
            ));
        }
        self.update_max_widths(&row)?;
        self.rows.push(row);
        Ok(())
    }

    /// While no column has a width yet (nothing added, or only empty rows), the cells set the
    /// widths; after that they only widen existing columns, and a header with more cells than
    /// there are columns fails as Python's list indexing does.
    fn update_max_widths(&mut self, cells: &[String]) -> Result<(), String> {
        if self.max_widths.is_empty() {
            self.max_widths = cells.iter().map(|cell| text_width(cell)).collect();
            return Ok(());
        }
        for (i, cell) in cells.iter().enumerate() {
            let width = self
                .max_widths
                .get_mut(i)
                .ok_or("list index out of range")?;
            *width = (*width).max(text_width(cell));
        }
        Ok(())
    }
}

/// A key as `TableFormatter._group_scalar_keys` sees it. Object keys are names. It also
/// iterates whatever else sits in a list of objects as if it were one, and for a list those
/// "keys" are its elements used as indexes; such a list always ends in an error, but which
/// error depends on these keys.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Index(i64),
    Name(String),
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Index(i) => i.to_string(),
            Key::Name(name) => name.clone(),
        }
    }
}

/// Accumulates sections; `current` is the one rows go to (Python's `_current_section`).
struct Builder {
    done: Vec<Section>,
    current: Section,
}

impl Builder {
    fn new_section(&mut self, title: Option<&str>, indent: usize) {
        let previous = std::mem::replace(&mut self.current, Section::new(title, indent));
        self.done.push(previous);
    }

    fn finish(mut self) -> Vec<Section> {
        self.done.push(self.current);
        self.done
    }

    /// `_build_table`: nothing for a falsy value; else a new section when there is a title,
    /// filled from the value.
    fn build(&mut self, title: Option<&str>, value: &Value, indent: usize) -> Result<(), String> {
        if is_falsy(value) {
            return Ok(());
        }
        if title.is_some() {
            self.new_section(title, indent);
        }
        self.contents(title, value, indent)
    }

    /// The body of `_build_table` once its section exists. A scalar adds nothing: its section
    /// is just the title.
    fn contents(
        &mut self,
        title: Option<&str>,
        value: &Value,
        indent: usize,
    ) -> Result<(), String> {
        if let Some(map) = value.as_object() {
            return self.dict(map, indent);
        }
        match value.as_array() {
            Some(items) if items.first().is_some_and(Value::is_object) => {
                self.list_of_dicts(items, title, indent)
            }
            Some(items) => self.list_of_others(items),
            None => Ok(()),
        }
    }

    /// `_build_sub_table_from_dict`: one scalar is a `[key, value]` row, several are a header
    /// row of sorted keys over one row of values; then each list or object value (sorted by
    /// key) becomes its own section one level in.
    fn dict(&mut self, map: &Map<String, Value>, indent: usize) -> Result<(), String> {
        let (mut scalars, mut nested): (Vec<_>, Vec<_>) =
            map.iter().partition(|(_, value)| is_scalar(value));
        scalars.sort_by_key(|&(key, _)| key);
        nested.sort_by_key(|&(key, _)| key);
        if let [(key, value)] = scalars[..] {
            self.current.add_row(vec![key.clone(), py_str(value)])?;
        } else if !scalars.is_empty() {
            self.current
                .add_header(scalars.iter().map(|(key, _)| key.to_string()).collect())?;
            self.current
                .add_row(scalars.iter().map(|(_, value)| py_str(value)).collect())?;
        }
        for (key, value) in nested {
            self.build(Some(key), value, indent + 1)?;
        }
        Ok(())
    }

    /// `_build_sub_table_from_list`: a header of every scalar key of every element, one row
    /// per element (`""` where it lacks the key), each element's nested values as sections
    /// below its row; when there are nested values, each element after the first repeats the
    /// title and header.
    fn list_of_dicts(
        &mut self,
        items: &[Value],
        title: Option<&str>,
        indent: usize,
    ) -> Result<(), String> {
        let mut scalar_keys = BTreeSet::new();
        let mut nested_keys = BTreeSet::new();
        for item in items {
            group_keys(item, &mut scalar_keys, &mut nested_keys)?;
        }
        // Python sorts each set, and an int cannot be compared with a str.
        for keys in [&scalar_keys, &nested_keys] {
            let has_index = keys.iter().any(|key| matches!(key, Key::Index(_)));
            let has_name = keys.iter().any(|key| matches!(key, Key::Name(_)));
            if has_index && has_name {
                // The operand order depends on Python's (randomised) set order; this is the
                // usual one.
                return Err("'<' not supported between instances of 'str' and 'int'".into());
            }
        }
        let headers: Vec<String> = scalar_keys.iter().map(Key::text).collect();
        self.current.add_header(headers.clone())?;
        for (i, item) in items.iter().enumerate() {
            if i > 0 && !nested_keys.is_empty() {
                self.new_section(title, indent);
                self.current.add_header(headers.clone())?;
            }
            let map = item.as_object();
            let row = match map {
                Some(map) => scalar_keys
                    .iter()
                    .map(|key| match key {
                        Key::Name(name) => map.get(name).map(py_str).unwrap_or_default(),
                        Key::Index(_) => String::new(),
                    })
                    .collect(),
                // Python fills the row with `element.get(key, '')`, which only a dict has.
                None if scalar_keys.is_empty() => Vec::new(),
                None => {
                    return Err(format!(
                        "'{}' object has no attribute 'get'",
                        type_name(item)
                    ));
                }
            };
            self.current.add_row(row)?;
            for key in &nested_keys {
                // Nested keys are always names: a list's "keys" index scalars.
                let Key::Name(name) = key else { continue };
                match map {
                    Some(map) => {
                        if let Some(value) = map.get(name) {
                            self.build(Some(name), value, indent + 1)?;
                        }
                    }
                    // Python checks `key in element`; of the non-dicts that get this far ("" and
                    // []) that holds only for "" in "", and then `""[""]` fails.
                    None if name.is_empty() && item.as_str() == Some("") => {
                        return Err("string indices must be integers, not 'str'".into());
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }

    /// `_build_table` for a list that does not start with an object: a scalar is a one-cell
    /// row, a list of scalars a row of its elements, an object a row of its *keys* (Python
    /// iterates a dict's keys), and any other list is built into the current section, at
    /// indent 0 (Python passes no indent there).
    fn list_of_others(&mut self, items: &[Value]) -> Result<(), String> {
        for item in items {
            if is_scalar(item) {
                self.current.add_row(vec![py_str(item)])?;
            } else if let Some(map) = item.as_object() {
                self.current.add_row(map.keys().cloned().collect())?;
            } else if let Some(elements) = item.as_array().filter(|e| e.iter().all(is_scalar)) {
                self.current
                    .add_row(elements.iter().map(py_str).collect())?;
            } else {
                self.build(None, item, 0)?;
            }
        }
        Ok(())
    }
}

/// `_group_scalar_keys` of one element of a list of objects, added to the running sets.
/// Anything other than an object fails here or later, as in Python.
fn group_keys(
    item: &Value,
    scalar_keys: &mut BTreeSet<Key>,
    nested_keys: &mut BTreeSet<Key>,
) -> Result<(), String> {
    if let Some(map) = item.as_object() {
        for (key, value) in map {
            let keys = if is_scalar(value) {
                &mut *scalar_keys
            } else {
                &mut *nested_keys
            };
            keys.insert(Key::Name(key.clone()));
        }
        return Ok(());
    }
    match item {
        // Iterating a list gives its elements; `list[element]` must then be valid.
        Value::Array(elements) => {
            for element in elements {
                let index = list_index(element, elements.len())?;
                let keys = match elements.get(index) {
                    Some(value) if is_scalar(value) => &mut *scalar_keys,
                    _ => &mut *nested_keys,
                };
                keys.insert(match element {
                    Value::Bool(b) => Key::Index(i64::from(*b)),
                    _ => Key::Index(element.as_i64().unwrap_or_default()),
                });
            }
            Ok(())
        }
        // Iterating a string gives characters, and `text[character]` is a TypeError.
        Value::String(text) if text.is_empty() => Ok(()),
        Value::String(_) => Err("string indices must be integers, not 'str'".into()),
        _ => Err(format!("'{}' object is not iterable", type_name(item))),
    }
}

/// Python's `list[index]` checks: integers (and booleans) only, negative ones count from
/// the end. Returns the position.
fn list_index(index: &Value, len: usize) -> Result<usize, String> {
    let index = match index {
        Value::Bool(b) => i64::from(*b),
        Value::Number(n) if n.is_i64() => n.as_i64().unwrap_or_default(),
        Value::Number(n) if n.is_u64() => {
            return Err("cannot fit 'int' into an index-sized integer".into());
        }
        other => {
            return Err(format!(
                "list indices must be integers or slices, not {}",
                type_name(other)
            ));
        }
    };
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let position = if index < 0 { index + len } else { index };
    if (0..len).contains(&position) {
        Ok(usize::try_from(position).unwrap_or_default())
    } else {
        Err("list index out of range".into())
    }
}

// ---------------------------------------------------------------------------------------------
// Sizing and drawing (awscli/table.py MultiTable).

/// Each data cell in colour: colorama's `Style.BRIGHT + Fore.BLUE`, then `Style.RESET_ALL`.
const CELL_STYLE: &str = "\x1b[1m\x1b[34m";
/// Each nesting bar in colour: `Style.DIM + Fore.YELLOW`.
const BAR_STYLE: &str = "\x1b[2m\x1b[33m";
const RESET: &str = "\x1b[0m";

/// Every section is drawn at the table's width: the widest section's natural width. If that
/// is wider than the terminal, every one-row section with a header is turned into key/value
/// rows and the width is worked out again; nothing else shrinks, lines may overflow.
fn draw(mut sections: Vec<Section>, terminal_width: usize, color: bool) -> String {
    let mut width = table_width(&sections);
    if width > terminal_width {
        sections = sections.into_iter().map(vertical).collect();
        width = table_width(&sections);
    }
    let mut out = Out {
        text: String::new(),
        autoreset: color,
    };
    out.write(&format!("{}\n", "-".repeat(width)));
    for section in &sections {
        draw_section(section, width, color, &mut out);
    }
    out.text
}

fn table_width(sections: &[Section]) -> usize {
    sections.iter().map(natural_width).max().unwrap_or(0)
}

/// `Section.total_width(padding=4, with_border=True, outer_padding=indent)`: each column is
/// its widest text plus 4, plus the 2 borders, plus a bar on each side per indent level; or
/// the title plus borders and bars if that is wider. A missing title counts as Python's
/// `str(None)`.
fn natural_width(section: &Section) -> usize {
    let bars = 2 * section.indent;
    let columns: usize = section.max_widths.iter().map(|w| w + 4).sum();
    let title = section.title.as_deref().map_or(4, text_width);
    (columns + 2 + bars).max(title + 2 + bars)
}

/// `convert_to_vertical_table` for one section: a header over a single row becomes one
/// `[header, value]` row per column.
fn vertical(section: Section) -> Section {
    let [row] = &section.rows[..] else {
        return section;
    };
    if section.headers.is_empty() {
        return section;
    }
    let mut turned = Section::new(section.title.as_deref(), section.indent);
    for (header, cell) in section.headers.iter().zip(row) {
        // Two cells every time, so this cannot fail.
        let _ = turned.add_row(vec![header.clone(), cell.clone()]);
    }
    turned
}

/// `calculate_column_widths(padding=4, max_width=available)`: each column's widest text plus
/// 4, scaled to fill `available` (factor first, then product, rounded half to even like
/// Python's `round`), then fixed up one column at a time until the sum is exact: columns
/// lose 1 from the left while too wide, gain 1 from the right while too narrow.
fn column_widths(section: &Section, available: usize) -> Vec<i64> {
    let unscaled: Vec<usize> = section.max_widths.iter().map(|w| w + 4).collect();
    let total: usize = unscaled.iter().sum();
    if total == 0 {
        // No columns. (With any column the total is at least 4, and the loop below ends.)
        return Vec::new();
    }
    let factor = available as f64 / total as f64;
    let mut scaled: Vec<i64> = unscaled
        .iter()
        .map(|&w| (factor * w as f64).round_ties_even() as i64)
        .collect();
    let mut off_by = scaled.iter().sum::<i64>() - available as i64;
    while off_by != 0 {
        if off_by > 0 {
            for w in scaled.iter_mut() {
                *w -= 1;
                off_by -= 1;
                if off_by == 0 {
                    break;
                }
            }
        } else {
            for w in scaled.iter_mut().rev() {
                *w += 1;
                off_by += 1;
                if off_by == 0 {
                    break;
                }
            }
        }
    }
    scaled
}

/// The output stream. With colour, colorama (autoreset) follows every single write with a
/// reset, so the text depends on how the Python splits its writes; the callers below write
/// in the same pieces.
struct Out {
    text: String,
    autoreset: bool,
}

impl Out {
    fn write(&mut self, piece: &str) {
        self.text.push_str(piece);
        if self.autoreset {
            self.text.push_str(RESET);
        }
    }

    /// One line of a section at `bars` nesting levels, as `IndentedStream` writes it: the
    /// left bars, the body, the right bars and the newline, each a write of its own.
    fn line(&mut self, bars: &str, body: &str) {
        self.write(bars);
        self.write(body);
        self.write(bars);
        self.write("\n");
    }
}

/// A section: title line, then header, then rows, each block opened by a `+---+` line and
/// the rows closed by one. A section with a title and nothing else gets a closing line under
/// the title.
fn draw_section(section: &Section, table_width: usize, color: bool, out: &mut Out) {
    let bar = if color {
        format!("{BAR_STYLE}|{RESET}")
    } else {
        "|".to_owned()
    };
    let bars = bar.repeat(section.indent);
    let available = table_width.saturating_sub(2 * section.indent);
    let available_i = i64::try_from(available).unwrap_or(i64::MAX);

    if let Some(title) = section.title.as_deref().filter(|t| !t.is_empty()) {
        out.line(&bars, &center(title, available_i, "|", "|"));
        if section.headers.is_empty() && section.rows.is_empty() {
            out.line(&bars, &format!("+{}+", dashes(available_i - 2)));
        }
    }

    let widths = column_widths(section, available);
    if !section.headers.is_empty() {
        out.line(&bars, &rule(&widths));
        let mut body = String::new();
        for (i, (&width, header)) in widths.iter().zip(&section.headers).enumerate() {
            body += &center(header, width, if i == 0 { "|" } else { "" }, "|");
        }
        out.line(&bars, &body);
    }

    if section.rows.is_empty() || widths.is_empty() {
        return;
    }
    out.line(&bars, &rule(&widths));
    for row in &section.rows {
        let mut body = String::new();
        for (i, (&width, cell)) in widths.iter().zip(row).enumerate() {
            body += &align_left(cell, width, if i == 0 { "|" } else { "" }, color);
        }
        out.line(&bars, &body);
    }
    out.line(&bars, &rule(&widths));
}

/// `+-----+------+`: the first column spans its width with both corners, the others add
/// their width minus the shared corner.
fn rule(widths: &[i64]) -> String {
    let mut line = String::new();
    for (i, &width) in widths.iter().enumerate() {
        if i == 0 {
            line += &format!("+{}+", dashes(width - 2));
        } else {
            line += &format!("{}+", dashes(width - 1));
        }
    }
    line
}

fn dashes(count: i64) -> String {
    "-".repeat(usize::try_from(count).unwrap_or(0))
}

fn spaces(count: i64) -> String {
    " ".repeat(usize::try_from(count).unwrap_or(0))
}

/// `center_text`: `text` starts at `length // 2 - width // 2 - 1` after the left edge (so it
/// sits a little left of centre, and more so for cells without a left edge), then spaces to
/// the right edge. Titles and headers are never styled.
fn center(text: &str, length: i64, left_edge: &str, right_edge: &str) -> String {
    let text_len = width_i64(text);
    let start = length.div_euclid(2) - text_len.div_euclid(2) - 1;
    let so_far = width_i64(left_edge) + start + text_len;
    let right = length - width_i64(right_edge) - so_far;
    format!(
        "{left_edge}{}{text}{}{right_edge}",
        spaces(start),
        spaces(right)
    )
}

/// `align_left` for a data cell: two spaces of padding if the text fits with them (none if
/// not), the text (styled in colour, measured unstyled), spaces to fill, and the `|`.
fn align_left(text: &str, length: i64, left_edge: &str, color: bool) -> String {
    let text_len = width_i64(text);
    let edges = width_i64(left_edge) + 1;
    let padding = if length - (text_len + 2 + edges) >= 0 {
        2
    } else {
        0
    };
    let right = length - edges - padding - text_len;
    let styled = if color {
        format!("{CELL_STYLE}{text}{RESET}")
    } else {
        text.to_owned()
    };
    format!("{left_edge}{}{styled}{}|", spaces(padding), spaces(right))
}

fn width_i64(text: &str) -> i64 {
    i64::try_from(text_width(text)).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Expected bytes from awscli's own `TableFormatter` for 393 values (STS responses,
    /// `--query` results of every type, odd nestings, random values) at widths 40, 80 and 120,
    /// some in colour. Generated by tests/golden/table-unit/gen_corpus.py; see its README.
    const CORPUS: &str = include_str!("../../tests/golden/table-unit/cases.jsonl");

    fn plain(title: &str, value: &Value, width: usize) -> String {
        render(title, value, width, false).unwrap_or_else(|e| panic!("render failed: {e}"))
    }

    #[test]
    fn matches_the_aws_cli_on_the_corpus() {
        let mut checked = 0;
        let mut failures = Vec::new();
        for (number, line) in CORPUS.lines().enumerate() {
            let case: Value = serde_json::from_str(line).expect("corpus line is JSON");
            let title = case["title"].as_str().expect("title");
            let color = case["color"].as_bool().expect("color");
            let want = match (case.get("output"), case.get("error")) {
                (Some(Value::String(out)), _) => Ok(out.clone()),
                (_, Some(Value::String(err))) => Err(err.clone()),
                _ => panic!("line {}: no output or error", number + 1),
            };
            for width in case["widths"].as_array().expect("widths") {
                let width = width.as_u64().expect("width") as usize;
                let got = render(title, &case["value"], width, color);
                checked += 1;
                if got != want {
                    failures.push(format!(
                        "line {} width {width}: {}\nwant {want:?}\ngot  {got:?}",
                        number + 1,
                        case["value"]
                    ));
                }
            }
        }
        assert!(checked > 1000, "corpus too small: {checked}");
        assert!(
            failures.is_empty(),
            "{} of {checked} renders differ:\n{}",
            failures.len(),
            failures[..failures.len().min(3)].join("\n")
        );
    }

    #[test]
    fn a_one_row_section_turns_vertical_when_wider_than_the_terminal() {
        let value = json!({
            "UserId": "AIDACKCEVSQ6C2EXAMPLE",
            "Account": "123456789012",
            "Arn": "arn:aws:iam::123456789012:user/Alice"
        });
        // 83 columns side by side: kept on a 120-column terminal...
        assert_eq!(
            plain("GetCallerIdentity", &value, 120),
            "\
-----------------------------------------------------------------------------------
|                                GetCallerIdentity                                |
+--------------+----------------------------------------+-------------------------+
|    Account   |                  Arn                   |         UserId          |
+--------------+----------------------------------------+-------------------------+
|  123456789012|  arn:aws:iam::123456789012:user/Alice  |  AIDACKCEVSQ6C2EXAMPLE  |
+--------------+----------------------------------------+-------------------------+
"
        );
        // ...and turned into key/value rows on 80, where 83 does not fit.
        assert_eq!(
            plain("GetCallerIdentity", &value, 80),
            "\
-----------------------------------------------------
|                 GetCallerIdentity                 |
+---------+-----------------------------------------+
|  Account|  123456789012                           |
|  Arn    |  arn:aws:iam::123456789012:user/Alice   |
|  UserId |  AIDACKCEVSQ6C2EXAMPLE                  |
+---------+-----------------------------------------+
"
        );
        // Exactly as wide as the terminal is not too wide.
        assert_eq!(
            plain("GetCallerIdentity", &value, 83),
            plain("GetCallerIdentity", &value, 120)
        );
    }

    #[test]
    fn lists_of_objects_repeat_title_and_header_when_they_nest() {
        let value = json!([{"a": 1, "n": {"x": 1}}, {"a": 2, "b": "é", "n": {"x": 2}}]);
        assert_eq!(
            plain("Op", &value, 80),
            "\
--------------
|     Op     |
+-----+------+
|  a  |  b   |
+-----+------+
|  1  |      |
+-----+------+
||     n    ||
|+----+-----+|
||  x |  1  ||
|+----+-----+|
|     Op     |
+----+-------+
|  a |   b   |
+----+-------+
|  2 |  é   |
+----+-------+
||     n    ||
|+----+-----+|
||  x |  2  ||
|+----+-----+|
"
        );
    }

    #[test]
    fn a_scalar_is_a_title_only_table_and_falsy_values_print_nothing() {
        assert_eq!(
            plain("AssumeRole", &json!("x"), 80),
            "------------\n|AssumeRole|\n+----------+\n"
        );
        assert_eq!(
            plain("AssumeRole", &json!(true), 80),
            plain("AssumeRole", &json!(2.5), 80)
        );
        for falsy in [
            json!(null),
            json!(false),
            json!(0),
            json!(0.0),
            json!(""),
            json!([]),
            json!({}),
        ] {
            assert_eq!(plain("AssumeRole", &falsy, 80), "", "{falsy}");
        }
        // Empty nested values add no section.
        assert_eq!(
            plain("Op", &json!({"x": {}, "y": []}), 80),
            "----\n|Op|\n+--+\n"
        );
    }

    #[test]
    fn wide_and_ambiguous_characters_take_two_columns() {
        let value = json!({"Wide": "中文", "Amb": "é—", "Mark": "e\u{301}"});
        assert_eq!(
            plain("Op", &value, 80),
            "\
--------------------------
|           Op           |
+------+--------+--------+
|  Amb | Mark   | Wide   |
+------+--------+--------+
|  é—|  e\u{301}   |  中文  |
+------+--------+--------+
"
        );
    }

    #[test]
    fn colour_styles_cells_and_bars_and_resets_after_every_write() {
        assert_eq!(
            render("GetCallerIdentity", &json!("123456789012"), 80, true),
            Ok("-------------------\n\x1b[0m\
                \x1b[0m|GetCallerIdentity|\x1b[0m\x1b[0m\n\x1b[0m\
                \x1b[0m+-----------------+\x1b[0m\x1b[0m\n\x1b[0m"
                .to_owned())
        );
        let bar = "\x1b[2m\x1b[33m|\x1b[0m\x1b[0m";
        let got = render("Op", &json!({"Nested": {"Key": "v"}}), 80, true);
        let want = format!(
            "----------------\n\x1b[0m\
             \x1b[0m|      Op      |\x1b[0m\x1b[0m\n\x1b[0m\
             \x1b[0m+--------------+\x1b[0m\x1b[0m\n\x1b[0m\
             {bar}|   Nested   |\x1b[0m{bar}\n\x1b[0m\
             {bar}+------+-----+\x1b[0m{bar}\n\x1b[0m\
             {bar}|  \x1b[1m\x1b[34mKey\x1b[0m |  \x1b[1m\x1b[34mv\x1b[0m  |\x1b[0m{bar}\n\x1b[0m\
             {bar}+------+-----+\x1b[0m{bar}\n\x1b[0m"
        );
        assert_eq!(got, Ok(want));
    }

    #[test]
    fn values_the_aws_cli_cannot_draw_are_errors() {
        let error = |value: Value| render("Op", &value, 80, false).err();
        let row_error = "Row should have 1 elements, instead it has 2";
        assert_eq!(error(json!([[1], [2, 3]])), Some(row_error.into()));
        assert_eq!(error(json!([1, [2, 3]])), Some(row_error.into()));
        assert_eq!(
            error(json!([{"a": 1}, []])),
            Some("'list' object has no attribute 'get'".into())
        );
        assert_eq!(
            error(json!([{"a": 1}, 2])),
            Some("'int' object is not iterable".into())
        );
        assert_eq!(
            error(json!([{"a": 1}, "s"])),
            Some("string indices must be integers, not 'str'".into())
        );
        assert_eq!(
            error(json!([{}, [5]])),
            Some("list index out of range".into())
        );
        // A list of one-cell rows followed by an object list with a two-key header.
        assert_eq!(
            error(json!([[1], [{"a": 1, "b": 2}]])),
            Some("list index out of range".into())
        );
    }

    fn widths_for(max_widths: &[usize], available: usize) -> Vec<i64> {
        let section = Section {
            max_widths: max_widths.to_vec(),
            ..Section::default()
        };
        column_widths(&section, available)
    }

    #[test]
    fn column_widths_round_half_to_even_then_fix_the_sum() {
        // 18/12 × (5, 7) = (7.5, 10.5): banker's rounding gives (8, 10), already 18.
        // Rounding half away from zero would give (8, 11) and then (7, 11).
        assert_eq!(widths_for(&[1, 3], 18), [8, 10]);
        // (2.5, 2.5, 5) → (2, 2, 5) → one short, added from the right.
        assert_eq!(widths_for(&[1, 1, 6], 10), [2, 2, 6]);
        // (4.67 × 3) → (5, 5, 5) → one over, taken from the left.
        assert_eq!(widths_for(&[0, 0, 0], 14), [4, 5, 5]);
        assert_eq!(widths_for(&[0, 0, 0], 16), [5, 5, 6]);
        assert_eq!(widths_for(&[1, 1, 1, 1], 21), [5, 5, 5, 6]);
        assert_eq!(widths_for(&[], 21), Vec::<i64>::new());
    }

    /// A small deterministic generator (xorshift) of odd JSON values.
    struct Odd(u64);

    impl Odd {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }

        fn value(&mut self, depth: usize) -> Value {
            const TEXTS: [&str; 8] = ["", "a", "é—", "中文", "\u{301}", "\t\n", "😀", "x y z"];
            let kind = if depth > 5 {
                self.next(6)
            } else {
                self.next(10)
            };
            match kind {
                0 => Value::Null,
                1 => json!(self.next(2) == 1),
                2 => json!([0, 1, -1, i64::MIN, i64::MAX][self.next(5) as usize]),
                3 if self.next(2) == 0 => json!(u64::MAX),
                3 => json!([0.0, -0.0, 1.5, 1e16, f64::MAX, 5e-324][self.next(6) as usize]),
                4 | 5 => json!(TEXTS[self.next(8) as usize].repeat(self.next(4) as usize)),
                6 | 7 => Value::Array((0..self.next(4)).map(|_| self.value(depth + 1)).collect()),
                _ => Value::Object(
                    (0..self.next(4))
                        .map(|_| {
                            (
                                TEXTS[self.next(8) as usize].to_owned(),
                                self.value(depth + 1),
                            )
                        })
                        .collect(),
                ),
            }
        }
    }

    #[test]
    fn never_panics_on_odd_values() {
        let mut odd = Odd(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let value = odd.value(0);
            for width in [0, 1, 40, 80, usize::MAX] {
                for color in [false, true] {
                    // Either a table or an error; only a panic would fail the test.
                    let _ = render("", &value, width, color);
                    let _ = render("GetCallerIdentity", &value, width, color);
                }
            }
        }
    }
}
