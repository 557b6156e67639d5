//! `nianbao check`: read reports, run the rules (cross-year ones across the reports of one agency
//! given together), print the findings for people or as JSON.

use crate::cli::{CheckArgs, OutputFormat};
use crate::render::{render, Message};
use anyhow::Result;
use nianbao_model::{Document, Severity};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The outcome of `check`, for the exit code.
pub enum Outcome {
    /// No error-severity finding, every input read.
    Clean,
    /// Some finding has error severity.
    Errors,
    /// Some input could not be read.
    Unreadable,
}

/// One report's results in `--format json`.
#[derive(Serialize)]
struct JsonResult<'a> {
    file: String,
    agency: Option<&'a str>,
    year: Option<i32>,
    findings: &'a [nianbao_model::Finding],
    diagnostics: &'a [nianbao_model::Diagnostic],
}

/// Runs `check`.
pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let mut documents: Vec<(String, String, Document)> = Vec::new();
    let mut unreadable = false;
    for input in &args.inputs {
        match read(input) {
            Ok((text, document)) => documents.push((input.display().to_string(), text, document)),
            Err(error) => {
                eprintln!("error: {}: {error:#}", input.display());
                unreadable = true;
            }
        }
    }
    let reports: Vec<&nianbao_model::Report> = documents.iter().map(|(_, _, d)| &d.report).collect();
    let findings = nianbao_rules::check_series(&reports);
    for ((_, _, document), findings) in documents.iter_mut().zip(findings) {
        document.findings = findings;
    }
    let (errors, warnings) = documents
        .iter()
        .flat_map(|(_, _, d)| &d.findings)
        .fold((0, 0), |(e, w), f| match f.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
            Severity::Info => (e, w),
        });
    let mut stdout = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            let results: Vec<JsonResult> = documents
                .iter()
                .map(|(file, _, d)| JsonResult {
                    file: file.clone(),
                    agency: d.report.metadata.agency.as_ref().map(|a| a.value.as_str()),
                    year: d.report.metadata.year.as_ref().map(|y| y.value),
                    findings: &d.findings,
                    diagnostics: &d.diagnostics,
                })
                .collect();
            serde_json::to_writer_pretty(&mut stdout, &results)?;
            writeln!(stdout)?;
        }
        OutputFormat::Human => {
            for (file, text, document) in &documents {
                let mut out = String::new();
                let diagnostics = document
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity >= Severity::Warning);
                for diagnostic in diagnostics {
                    render(&mut out, file, text, &Message::from(diagnostic));
                }
                let mut shown: Vec<&nianbao_model::Finding> = document
                    .findings
                    .iter()
                    .filter(|f| args.all || f.severity >= Severity::Warning)
                    .collect();
                shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
                for finding in shown {
                    render(&mut out, file, text, &Message::from(finding));
                }
                let count = |s| document.findings.iter().filter(|f| f.severity == s).count();
                out.push_str(&format!(
                    "{file}: {} 个错误，{} 个警告\n\n",
                    count(Severity::Error),
                    count(Severity::Warning)
                ));
                stdout.write_all(out.as_bytes())?;
            }
            writeln!(
                stdout,
                "共检查 {} 份报告：{errors} 个错误，{warnings} 个警告",
                documents.len()
            )?;
        }
    }
    Ok(if unreadable {
        Outcome::Unreadable
    } else if errors > 0 {
        Outcome::Errors
    } else {
        Outcome::Clean
    })
}

/// Reads and parses one input, keeping the text its spans point into for the snippets.
fn read(input: &Path) -> Result<(String, Document)> {
    let (bytes, name) = crate::convert::read_bytes(input)?;
    let (document, text) = crate::convert::parse_keeping_text(&bytes, &name)?;
    Ok((text, document))
}

/// `nianbao rules`: one line per rule.
pub fn list_rules() {
    for rule in nianbao_rules::RULES {
        let info = rule.info();
        println!(
            "{:<7} {:<8} {:<36} {}",
            info.code, info.severity, info.name, info.title
        );
    }
}

/// `nianbao rule CODE`: the full explanation of one rule.
pub fn explain(code: &str) -> Result<()> {
    let rule = nianbao_rules::rule(code)
        .ok_or_else(|| anyhow::anyhow!("no rule `{code}`\nhint: `nianbao rules` lists them"))?;
    print!("{}", nianbao_rules::explanation(rule));
    Ok(())
}
