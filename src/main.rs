//! Entry point: the designer by default, headless subcommands on request.

use clap::Parser;
use zonewright::cli::{Cli, run};

fn main() {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => {
            let code = run(
                command,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            std::process::exit(code);
        }
        None => {
            if let Err(e) = zonewright::ui::run(cli.file.clone()) {
                eprintln!("error: cannot start the designer: {e}");
                std::process::exit(zonewright::cli::EXIT_UNREADABLE);
            }
        }
    }
}
