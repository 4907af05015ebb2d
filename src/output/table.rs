//! Placeholder for `--output table` (being written separately).
pub fn render(
    _title: &str,
    _value: &serde_json::Value,
    _terminal_width: usize,
    _color: bool,
) -> String {
    String::new()
}
