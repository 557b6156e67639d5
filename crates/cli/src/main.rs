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

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Parser;
use nianbao_pipeline::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(error) => return usage_error(&error),
    };
    let result = match args.command {
        cli::Command::Convert(args) => convert::run(&args),
        cli::Command::Check(args) => check::run(&args),
        cli::Command::Review(args) => review::run(&args),
        cli::Command::Aggregate(args) => aggregate::run(&args),
        cli::Command::Rules => explain::list_rules().map(|()| Outcome::Clean),
        cli::Command::Rule { code } => explain::explain(&code).map(|()| Outcome::Clean),
        cli::Command::Formats => explain::list_formats().map(|()| Outcome::Clean),
    };
    match result {
        Ok(outcome) => exit_code(outcome),
        // The program reading the output has had enough (`| head`): not an error.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("错误：{error:#}");
            exit_code(Outcome::Unreadable)
        }
    }
}

/// Reports an input that could not be read: a file found in a directory that is not a report at
/// all (a README, a picture) is listed as skipped and is no failure; anything else is an error.
/// `after` follows the error (what happens to the input). Returns whether it counts as a
/// failure.
pub(crate) fn report_unreadable(
    input: &nianbao_pipeline::inputs::Input,
    error: &nianbao_pipeline::InputError,
    after: &str,
) -> bool {
    if input.found() && nianbao_pipeline::inputs::is_not_a_report(error) {
        eprintln!("跳过：{}：{error:#}", input.path.display());
        false
    } else {
        eprintln!("错误：{}：{error:#}{after}", input.path.display());
        true
    }
}

/// The paths of `inputs`, for reading.
pub(crate) fn paths(inputs: &[nianbao_pipeline::inputs::Input]) -> Vec<std::path::PathBuf> {
    inputs.iter().map(|input| input.path.clone()).collect()
}

/// Whether `error` is the reader of standard output having closed it.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints what is wrong with the command line, in Chinese, and gives the exit code: help and the
/// version are printed as asked (0); a command without what it needs shows its help (2).
fn usage_error(error: &clap::Error) -> ExitCode {
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join("、"),
        _ => String::new(),
    };
    let message = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = error.print();
            return exit_code(Outcome::Unreadable);
        }
        ErrorKind::UnknownArgument => format!("不认识的选项或参数“{}”", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!(
            "没有“{}”这个命令（可用的命令：convert、check、review、aggregate、formats、rules、rule）",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|e| format!("：{e}"))
                .unwrap_or_default();
            format!(
                "{} 的值“{}”无效{reason}",
                context(ContextKind::InvalidArg),
                context(ContextKind::InvalidValue)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少 {}", context(ContextKind::InvalidArg)),
        ErrorKind::ArgumentConflict => format!(
            "{} 不能与 {} 同时使用",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{} 的值的个数不对", context(ContextKind::InvalidArg))
        }
        _ => "命令行参数有误".to_owned(),
    };
    eprintln!("错误：{message}\n提示：加 --help 查看用法");
    exit_code(Outcome::Unreadable)
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
