//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use nianbao_export::Timestamp;
use std::path::PathBuf;

/// 政府信息公开工作年度报告：读取、核对、转换 — read, check and convert annual reports on open
/// government information.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Convert reports to another format (JSON, …).
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// Check reports: the 勾稽 rules of the tables, structure and narrative.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Review many reports in one Excel workbook: a summary row per report, every fact, every
    /// finding, and each report's tables.
    #[command(after_help = REVIEW_EXAMPLES)]
    Review(ReviewArgs),
    /// Sum the tables of many reports (one template version, one year) into one report, in any
    /// format.
    #[command(after_help = AGGREGATE_EXAMPLES)]
    Aggregate(AggregateArgs),
    /// List the output formats.
    Formats,
    /// List every rule.
    Rules,
    /// Explain one rule, or one diagnostic of the readers.
    Rule {
        /// The rule's code (e.g. T3-002) or a diagnostic's code (e.g. row-not-found).
        code: String,
    },
}

const CHECK_EXAMPLES: &str = "\
Examples:
  nianbao check report.txt
  nianbao check 2021.txt 2022.txt          # also the cross-year rules, for one agency's years
  nianbao check reports/*.txt --format json

Exit codes: 0 no error-severity finding; 1 some finding of error severity; 2 usage error or an
input that could not be read (the others are still checked).";

const REVIEW_EXAMPLES: &str = "\
Examples:
  nianbao review reports/ -o review.xlsx
  nianbao review 2021/*.txt 2022/*.txt -o county-review.xlsx

Inputs may be files or directories (their report files are taken, not subdirectories). A file
that cannot be read is reported and skipped; the others still go into the workbook.
Exit codes: 0 every input read; 2 usage error, or some input could not be read.";

const AGGREGATE_EXAMPLES: &str = "\
Examples:
  nianbao aggregate townships/ departments/ --agency 某某县人民政府 -o county.xml
  nianbao aggregate county-a.xml county-b.xml --agency 某某市人民政府 -o city.xlsx

Inputs may be source reports or nianbao's own XML/JSON, files or directories. Every input must be
readable and all must share one template version and one year. Exit codes: 0 written; 1 the
aggregate has findings of error severity; 2 usage error, an unreadable input, or inputs that
cannot be summed together.";

/// Arguments of `aggregate`.
#[derive(Debug, Args)]
pub(crate) struct AggregateArgs {
    /// Reports (source files, or nianbao's XML/JSON) or directories of them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output file; its extension picks the format unless --to is given.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Output format (see `nianbao formats`).
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    pub format: Option<String>,
    /// The aggregating body, named in the aggregate's title.
    #[arg(long, value_name = "NAME", default_value = "汇总")]
    pub agency: String,
    /// Creation time recorded in outputs that carry one (RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub created: Option<Timestamp>,
}

/// Arguments of `review`.
#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// Report files or directories of reports.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The workbook to write (.xlsx).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Creation time recorded in the workbook (RFC 3339, e.g. 2026-01-31T08:00:00Z); without it
    /// a fixed 1980-01-01, so that the same inputs give the same bytes.
    #[arg(long, value_name = "TIME")]
    pub created: Option<Timestamp>,
}

/// How `check` prints its results.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// For people: the source line with the cell underlined.
    Human,
    /// For programs: one JSON array of results.
    Json,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Report files (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Also show informational notes.
    #[arg(long)]
    pub all: bool,
}

const CONVERT_EXAMPLES: &str = "\
Examples:
  nianbao convert report.txt -o report.json
  nianbao convert report.txt --to json            # to standard output
  cat report.txt | nianbao convert - --to json -o report.json
  nianbao convert reports/*.txt --out-dir out/ --to json
  nianbao convert report.txt -o report.pdf --with-findings
  nianbao convert report.txt -o report.pdf --font \"WenQuanYi Zen Hei\"   # an installed font by name
  nianbao convert report.txt -o report.pdf --font fonts/simsun.ttc#0       # a font file (face 0)

Exit codes: 0 success; 2 usage error, I/O error or unreadable input (the other inputs are still converted).";

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
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
    /// Creation time recorded in outputs that carry one (RFC 3339, e.g. 2026-01-31T08:00:00Z);
    /// without it a fixed 1980-01-01, so that the same input gives the same bytes.
    #[arg(long, value_name = "TIME")]
    pub created: Option<Timestamp>,
    /// PDF: set the text in this font first — a file (`PATH`, or `PATH#index` for a face of a
    /// .ttc) or the family name of an installed font; the built-in font draws what it lacks.
    /// TrueType-outline fonts only.
    #[arg(long, value_name = "FONT")]
    pub font: Option<String>,
    /// PDF: append the findings of the rules as an appendix.
    #[arg(long)]
    pub with_findings: bool,
}
