//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// 政府信息公开工作年度报告：读取、核对、转换 — read, check and convert annual reports on open
/// government information.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert reports to another format (JSON, …).
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// List the output formats.
    Formats,
}

const CONVERT_EXAMPLES: &str = "\
Examples:
  nianbao convert report.txt -o report.json
  nianbao convert report.txt --to json            # to standard output
  cat report.txt | nianbao convert - --to json -o report.json
  nianbao convert reports/*.txt --out-dir out/ --to json

Exit codes: 0 success; 2 usage error, I/O error or unreadable input (the other inputs are still converted).";

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input files (`-` for standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output file (`-` for standard output); its extension picks the format unless --to is given.
    #[arg(short, long, value_name = "OUT", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Output format (see `nianbao formats`).
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write one output per input into this directory, named after the input.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Do not print the reader's warnings.
    #[arg(short, long)]
    pub quiet: bool,
}
