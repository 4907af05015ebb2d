//! The shape of `src/`, read from the sources: every file says its job in a `//!` line, imports
//! point down (no two files import each other, directly or round a loop), and the sts-only
//! workflows in `commands/` are reached from `app.rs` alone, never from the `aws sts` path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file's module path (`net::transport`; `[]` for main.rs) and its text without
/// comments and test modules.
fn modules() -> BTreeMap<Vec<String>, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    files
        .into_iter()
        .filter(|file| file.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|file| {
            let relative = file.strip_prefix(&src).expect("under src");
            let mut path: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if path
                .last()
                .is_some_and(|last| last == "mod" || last == "main")
            {
                path.pop();
            }
            let text = std::fs::read_to_string(&file).expect("read a source file");
            (path, code_of(&text))
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The text up to a trailing `#[cfg(test)]` module, without `//` comments.
fn code_of(text: &str) -> String {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `path`'s code names through `crate::` and `super::`, as far as they exist.
fn imports(
    path: &[String],
    code: &str,
    all: &BTreeMap<Vec<String>, String>,
) -> BTreeSet<Vec<String>> {
    let mut named: Vec<Vec<String>> = Vec::new();
    // `use crate::a::{b, c::d};` names a::b and a::c.
    for statement in code.split("use ").skip(1) {
        let statement: String = statement
            .split(';')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if let Some((stem, items)) = statement.split_once("::{") {
            for item in top_level_items(items.trim_end_matches('}')) {
                named.push(
                    format!("{stem}::{item}")
                        .split("::")
                        .map(str::to_string)
                        .collect(),
                );
            }
        }
    }
    // Any other path: `crate::net::describe(...)`, `use super::plan::Role;`.
    let is_path_char = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    for word in code.split(|c: char| !is_path_char(c)) {
        named.push(word.split("::").map(str::to_string).collect());
    }
    let mut found = BTreeSet::new();
    for parts in named {
        let mut candidate = match parts.first().map(String::as_str) {
            Some("crate") => parts[1..].to_vec(),
            Some("super") => {
                let mut here = path.to_vec();
                let mut rest = &parts[..];
                while rest.first().is_some_and(|p| p == "super") {
                    here.pop();
                    rest = &rest[1..];
                }
                here.extend(rest.iter().cloned());
                here
            }
            _ => continue,
        };
        candidate.retain(|part| !part.is_empty() && part != "self");
        while !candidate.is_empty() && !all.contains_key(&candidate) {
            candidate.pop();
        }
        // A folder's face and its own files may name each other.
        let family = candidate.len().abs_diff(path.len()) == 1
            && (candidate.starts_with(path) || path.starts_with(&candidate));
        if !candidate.is_empty() && candidate != path && !family {
            found.insert(candidate);
        }
    }
    found
}

/// The first path segment of each item of a `use` list: `a, b::c, {d, e}` gives a, b.
fn top_level_items(list: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => items.push(std::mem::take(&mut current)),
            _ if depth == 0 => current.push(c),
            _ => {}
        }
    }
    items.push(current);
    items
        .iter()
        .map(|item| item.split("::").next().unwrap_or("").to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let all = modules();
    all.iter()
        .filter(|(path, _)| !path.is_empty())
        .map(|(path, code)| (path.clone(), imports(path, code, &all)))
        .collect()
}

/// A loop of imports through `from`, if there is one.
fn cycle_through(
    graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    from: &Vec<String>,
) -> Option<Vec<String>> {
    let mut stack = vec![(from.clone(), vec![from.join("::")])];
    let mut seen = BTreeSet::new();
    while let Some((node, trail)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == from {
                return Some([trail.clone(), vec![from.join("::")]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((
                    next.clone(),
                    [trail.clone(), vec![next.join("::")]].concat(),
                ));
            }
        }
    }
    None
}

#[test]
fn imports_point_down() {
    let graph = graph();
    assert!(graph.len() > 30, "read {} modules", graph.len());
    let module = |path: &str| path.split("::").map(str::to_string).collect::<Vec<_>>();
    // The reader sees known edges, and the search finds a loop where there is one.
    assert!(graph[&module("client")].contains(&module("credentials")));
    assert!(graph[&module("credentials::resolve")].contains(&module("net")));
    assert!(graph[&module("credentials::resolve")].contains(&module("credentials::plan")));
    let mut looped = graph.clone();
    looped
        .entry(module("net"))
        .or_default()
        .insert(module("client"));
    assert!(cycle_through(&looped, &module("client")).is_some());
    let loops: Vec<String> = graph
        .keys()
        .filter_map(|module| cycle_through(&graph, module))
        .map(|trail| trail.join(" -> "))
        .collect();
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

#[test]
fn workflows_are_reached_from_app_alone() {
    let graph = graph();
    let commands = vec!["commands".to_string()];
    let importers: Vec<String> = graph
        .iter()
        .filter(|(module, imports)| !module.starts_with(&commands) && imports.contains(&commands))
        .map(|(module, _)| module.join("::"))
        .collect();
    assert_eq!(importers, ["app"]);
}

#[test]
fn every_file_says_its_job_first() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read a source file");
        assert!(
            text.starts_with("//! "),
            "{} does not open with a //! line",
            file.display()
        );
    }
}
