//! Placeholder for `--output yaml` (being written separately).
pub fn render(_value: &serde_json::Value, _stream: bool) -> String {
    String::new()
}
