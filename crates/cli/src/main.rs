//! `nianbao`: read, check and convert 政府信息公开工作年度报告 (annual reports on open government
//! information).
//!
//! The binary is thin: argument parsing ([`cli`]), the `convert` job ([`convert`]), the `check`
//! job and the rule listings ([`check`]), rustc-style rendering ([`render`]) and atomic output
//! ([`output`]). Exit codes: 0 success, 1 findings of error severity (`check`), 2 usage, I/O or
//! unreadable input (see the README).

mod aggregate;
mod check;
mod cli;
mod convert;
mod inputs;
mod output;
mod render;
mod review;

// Every exporter crate must be named here, or its `inventory` registration is not linked.
use nianbao_export_json as _;
use nianbao_export_pdf as _;
use nianbao_export_xlsx as _;
use nianbao_export_xml as _;

use clap::Parser;
use std::process::ExitCode;

/// Exit code of `check` when a finding has error severity.
const EXIT_FINDINGS: u8 = 1;
/// Exit code for usage errors, I/O errors and unreadable inputs.
const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = match args.command {
        cli::Command::Convert(convert) => convert::run(&convert),
        cli::Command::Check(check) => {
            return match check::run(&check) {
                Ok(check::Outcome::Clean) => ExitCode::SUCCESS,
                Ok(check::Outcome::Errors) => ExitCode::from(EXIT_FINDINGS),
                Ok(check::Outcome::Unreadable) => ExitCode::from(EXIT_FAILURE),
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::from(EXIT_FAILURE)
                }
            }
        }
        cli::Command::Review(review) => review::run(&review),
        cli::Command::Aggregate(args) => match aggregate::run(&args) {
            Ok(false) => return ExitCode::SUCCESS,
            Ok(true) => return ExitCode::from(EXIT_FINDINGS),
            Err(error) => Err(error),
        },
        cli::Command::Rules => {
            check::list_rules();
            Ok(true)
        }
        cli::Command::Rule { code } => check::explain(&code).map(|()| true),
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
