//! `nianbao`: read, check and convert 政府信息公开工作年度报告 (annual reports on open government
//! information).
//!
//! The binary is thin: it parses arguments ([`cli`]), calls the pipeline library
//! (`nianbao-pipeline`) and an exporter, renders what it found ([`render`]), and maps the
//! outcome to an exit code ([`exit_code`]): 0 success, 1 findings of error severity (`check`,
//! `aggregate`), 2 usage, I/O or unreadable input (see the README).

mod aggregate;
mod check;
mod cli;
mod convert;
mod explain;
mod fonts;
mod render;
mod review;

// Every exporter crate must be named here, or its `inventory` registration is not linked.
use nianbao_export_json as _;
use nianbao_export_pdf as _;
use nianbao_export_xlsx as _;
use nianbao_export_xml as _;

use clap::Parser;
use nianbao_pipeline::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = match args.command {
        cli::Command::Convert(args) => convert::run(&args),
        cli::Command::Check(args) => check::run(&args),
        cli::Command::Review(args) => review::run(&args),
        cli::Command::Aggregate(args) => aggregate::run(&args),
        cli::Command::Rules => {
            explain::list_rules();
            Ok(Outcome::Clean)
        }
        cli::Command::Rule { code } => explain::explain(&code).map(|()| Outcome::Clean),
        cli::Command::Formats => {
            explain::list_formats();
            Ok(Outcome::Clean)
        }
    };
    match result {
        Ok(outcome) => exit_code(outcome),
        Err(error) => {
            eprintln!("错误：{error:#}");
            exit_code(Outcome::Unreadable)
        }
    }
}

/// The exit code of an outcome, in one place: 0 clean, 1 findings of error severity, 2 an input
/// that could not be read (and any usage or I/O error).
fn exit_code(outcome: Outcome) -> ExitCode {
    ExitCode::from(match outcome {
        Outcome::Clean => 0,
        Outcome::Errors => 1,
        Outcome::Unreadable => 2,
    })
}
