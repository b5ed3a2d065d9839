//! `hrdraft completions SHELL` and `hrdraft man`: the command line described for shells and `man`.

use std::process::ExitCode;

use std::io::Write;

use clap_complete::Shell;

use super::{Failure, EXIT_IO, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    shell: Shell,
}

/// Print the completion script for the shell asked for.
pub fn run(args: Args, mut command: clap::Command) -> anyhow::Result<ExitCode> {
    // Into memory first: the generator panics on a write error, such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "hrdraft", &mut script);
    write_stdout(&script)
}

/// Print the manual page in roff.
pub fn man(command: clap::Command) -> anyhow::Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // A reader that stops early (`| head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::from(EXIT_OK)),
        Err(e) => Err(Failure::new(EXIT_IO, e).into()),
        Ok(()) => Ok(ExitCode::from(EXIT_OK)),
    }
}
