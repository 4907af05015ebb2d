//! The benchmark's start-up yardstick: a Rust hello-world, built by bench.sh with `rustc -O`
//! as `cargo build --release` would build it (dynamically linked, position-independent).

fn main() {
    println!("hello, world");
}
