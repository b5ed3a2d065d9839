//! The hrdraft command line: a thin layer over the library, one module per subcommand.

mod cli;

/// mimalloc rather than the system allocator: drafting allocates many small
/// strings and JSON values, and with glibc's allocator a long report spent a
/// quarter of its time in malloc and free (docs/performance.md). Built
/// without transparent huge pages (see Cargo.toml).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
