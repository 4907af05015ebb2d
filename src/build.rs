//! Build script: links `sts` as a position-dependent executable on Linux.
//!
//! A position-independent one has every pointer in its static data (the model's names and
//! documentation, vtables: about 12,800 of them) relocated by the loader at each start,
//! which writes, and so copies, the pages that hold them: 40% of a run's page faults, the
//! largest single cost of starting. Linked at a fixed address they are resolved once, at
//! link time. What is given up is address randomisation of the executable itself (libraries,
//! stack and heap are still randomised), as with Go's default builds.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=src/build.rs");
}
