//! SIGINT (Ctrl-C) and SIGTERM end a run cleanly.
//!
//! The default action of both kills the process where it stands, which
//! left the temporary file of `-o FILE` behind (tens of megabytes each
//! time). Instead a thread waits for either signal, removes the temporary
//! file ([`crate::output::abandon`]) and exits with the shell's code for
//! death by that signal: 130 for SIGINT, 143 for SIGTERM. `signal-hook`
//! does the async-signal-safe part (the handler only writes to a pipe), so
//! the clean-up runs as ordinary code on its own thread.

use std::io;

/// Starts the thread that turns SIGINT and SIGTERM into a clean exit.
#[cfg(unix)]
pub fn exit_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    let mut signals = Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("newsx-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                crate::output::abandon();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Elsewhere the default handling stays.
#[cfg(not(unix))]
pub fn exit_on_signals() -> io::Result<()> {
    Ok(())
}
