//! The hrdraft command line.

fn main() {}
