//! `nianbao check`: read reports, run the rules (cross-year ones across the reports of one agency
//! given together), print the findings for people or as JSON.

use crate::cli::{CheckArgs, OutputFormat};
use crate::render::{render, Message, Source};
use anyhow::Result;
use nianbao_model::{Diagnostic, Finding, Severity};
use nianbao_pipeline::{Outcome, Read};
use serde::Serialize;
use std::io::Write;

/// One report's results in `--format json`.
#[derive(Serialize)]
struct JsonResult<'a> {
    file: String,
    agency: Option<&'a str>,
    year: Option<i32>,
    findings: &'a [Finding],
    diagnostics: &'a [Diagnostic],
}

/// Runs `check`.
pub(crate) fn run(args: &CheckArgs) -> Result<Outcome> {
    let mut read: Vec<(String, Read)> = Vec::new();
    let mut outcome = Outcome::Clean;
    for entry in nianbao_pipeline::read_batch(&args.inputs, &|| ()) {
        match entry.result {
            Ok(report) => read.push((entry.input.display().to_string(), report)),
            Err(error) => {
                eprintln!("error: {}: {error:#}", entry.input.display());
                outcome = Outcome::Unreadable;
            }
        }
    }
    let all_findings = read.iter().flat_map(|(_, r)| &r.document.findings);
    outcome = outcome.and(Outcome::of_findings(all_findings.clone()));
    let (errors, warnings) = all_findings.fold((0, 0), |(e, w), f| match f.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
        Severity::Info => (e, w),
    });
    let mut stdout = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            let results: Vec<JsonResult> = read
                .iter()
                .map(|(file, r)| JsonResult {
                    file: file.clone(),
                    agency: r
                        .document
                        .report
                        .metadata
                        .agency
                        .as_ref()
                        .map(|a| a.value.as_str()),
                    year: r.document.report.metadata.year.as_ref().map(|y| y.value),
                    findings: &r.document.findings,
                    diagnostics: &r.document.diagnostics,
                })
                .collect();
            serde_json::to_writer_pretty(&mut stdout, &results)?;
            writeln!(stdout)?;
        }
        OutputFormat::Human => {
            for (file, Read { document, text }) in &read {
                let mut out = String::new();
                let source = Source {
                    file,
                    text,
                    version: document.report.metadata.template.version,
                };
                let diagnostics = document
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity >= Severity::Warning);
                for diagnostic in diagnostics {
                    render(&mut out, &source, &Message::from(diagnostic));
                }
                let mut shown: Vec<&Finding> = document
                    .findings
                    .iter()
                    .filter(|f| args.all || f.severity >= Severity::Warning)
                    .collect();
                shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
                for finding in shown {
                    render(&mut out, &source, &Message::from(finding));
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
                read.len()
            )?;
        }
    }
    Ok(outcome)
}
