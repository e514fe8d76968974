//! Entry point: the designer by default, headless subcommands on request.

// On Windows the exe is a GUI program: started from Explorer it opens no console window. Run
// from a console, it attaches to that console so that the subcommands print there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;
use zonewright::cli::{Cli, run};

fn main() {
    #[cfg(windows)]
    attach_parent_console();
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

/// Attaches to the console of the process that started this one (cmd, PowerShell), so that
/// output and `--help` appear there. Output redirected to a file or pipe already has its
/// handles and is left alone; started from Explorer there is no console and nothing happens.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::Foundation::{HANDLE, INVALID_HANDLE_VALUE};
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain Win32 calls without pointers; a failure only means "no console to use".
    unsafe {
        let unset = |h: HANDLE| h.is_null() || h == INVALID_HANDLE_VALUE;
        if unset(GetStdHandle(STD_OUTPUT_HANDLE)) || unset(GetStdHandle(STD_ERROR_HANDLE)) {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
