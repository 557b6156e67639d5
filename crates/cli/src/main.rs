//! `nianbao`: read, check and convert 政府信息公开工作年度报告 (annual reports on open government
//! information).
//!
//! The binary is thin: argument parsing ([`cli`]), the `convert` job ([`convert`]), atomic output
//! ([`output`]) and the rendering of reader diagnostics. Exit codes: 0 success, 2 usage, I/O or
//! unreadable input (see the README).

mod cli;
mod convert;
mod output;

// Every exporter crate must be named here, or its `inventory` registration is not linked.
use nianbao_export_json as _;

use clap::Parser;
use std::process::ExitCode;

/// Exit code for usage errors, I/O errors and unreadable inputs.
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = match args.command {
        cli::Command::Convert(convert) => convert::run(&convert),
        cli::Command::Formats => {
            for exporter in nianbao_export::exporters() {
                println!(
                    "{:<6} .{:<6} {}",
                    exporter.name(),
                    exporter.extensions()[0],
                    exporter.description()
                );
            }
            Ok(true)
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(EXIT_FAILURE),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
