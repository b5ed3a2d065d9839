//! `hrdraft completions SHELL` and `hrdraft man`: the command line described for shells and `man`.

use std::process::ExitCode;

use clap_complete::Shell;

use super::EXIT_OK;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    shell: Shell,
}

/// Print the completion script for the shell asked for.
pub fn run(args: Args, mut command: clap::Command) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "hrdraft", &mut out);
    Ok(ExitCode::from(EXIT_OK))
}

/// Print the manual page in roff.
pub fn man(command: clap::Command) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(command).render(&mut out)?;
    Ok(ExitCode::from(EXIT_OK))
}
