//! The hrdraft command line: a thin layer over the library, one module per subcommand.

mod cli;

/// mimalloc rather than the system allocator: drafting allocates many small
/// strings and JSON values, and with glibc's allocator a long report spent a
/// quarter of its time in malloc and free (docs/performance.md). Built
/// without transparent huge pages (see Cargo.toml).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Much of what a large document frees was made on threads that have
    // ended: mimalloc gives it back only when asked (src/memory.rs).
    hrdraft::memory::set_give_back(|| {
        // SAFETY: `mi_collect` only returns free memory to the system; it is
        // safe to call from any thread at any time.
        unsafe { libmimalloc_sys::mi_collect(true) }
    });
    cli::main()
}
