//! `nianbao check`: read reports, run the rules (cross-year ones across the reports of one agency
//! given together), print the findings for people or as JSON.

use crate::cli::{CheckArgs, OutputFormat};
use crate::render::{render, Message, Source};
use anyhow::Result;
use nianbao_model::{Diagnostic, Finding, Severity};
use nianbao_pipeline::{Outcome, Read};
use serde::Serialize;
use std::io::Write;

/// One report's results in `--format json`: its findings and diagnostics, or why it could not
/// be read.
#[derive(Serialize)]
struct JsonResult<'a> {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    agency: Option<&'a str>,
    year: Option<i32>,
    findings: &'a [Finding],
    diagnostics: &'a [Diagnostic],
}

/// What was printed about one report, or about all, by kind.
#[derive(Default, Clone, Copy)]
struct Counts {
    errors: usize,
    warnings: usize,
    notes: usize,
    reading: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.notes += other.notes;
        self.reading += other.reading;
    }

    /// `2 个错误，1 个警告，3 条读取问题`, the notes only when they were shown.
    fn summary(self, with_notes: bool) -> String {
        let mut parts = vec![
            format!("{} 个错误", self.errors),
            format!("{} 个警告", self.warnings),
        ];
        if with_notes {
            parts.push(format!("{} 条提示", self.notes));
        }
        parts.push(format!("{} 条读取问题", self.reading));
        parts.join("，")
    }
}

/// Runs `check`.
pub(crate) fn run(args: &CheckArgs) -> Result<Outcome> {
    let mut read: Vec<(String, Read)> = Vec::new();
    let mut unreadable: Vec<(String, String)> = Vec::new();
    let mut outcome = Outcome::Clean;
    let inputs = nianbao_pipeline::inputs::expand(&args.inputs)?;
    for (input, entry) in inputs
        .iter()
        .zip(nianbao_pipeline::read_batch(&crate::paths(&inputs), &|| ()))
    {
        let file = entry.input.display().to_string();
        match entry.result {
            Ok(report) => read.push((file, report)),
            Err(error) => {
                if crate::report_unreadable(input, &error, "") {
                    unreadable.push((file, format!("{error:#}")));
                    outcome = Outcome::Unreadable;
                }
            }
        }
    }
    let all_findings = read.iter().flat_map(|(_, r)| &r.document.findings);
    outcome = outcome.and(Outcome::of_findings(all_findings));
    let mut stdout = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            let unreadable = unreadable.into_iter().map(|(file, error)| JsonResult {
                file,
                error: Some(error),
                agency: None,
                year: None,
                findings: &[],
                diagnostics: &[],
            });
            let results: Vec<JsonResult> = read
                .iter()
                .map(|(file, r)| JsonResult {
                    file: file.clone(),
                    error: None,
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
                .chain(unreadable)
                .collect();
            serde_json::to_writer_pretty(&mut stdout, &results)?;
            writeln!(stdout)?;
        }
        OutputFormat::Human => {
            let mut total = Counts::default();
            for (file, Read { document, text }) in &read {
                let mut counts = Counts::default();
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
                    counts.reading += 1;
                }
                let mut shown: Vec<&Finding> = document
                    .findings
                    .iter()
                    .filter(|f| args.all || f.severity >= Severity::Warning)
                    .collect();
                shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
                for finding in shown {
                    render(&mut out, &source, &Message::from(finding));
                    match finding.severity {
                        Severity::Error => counts.errors += 1,
                        Severity::Warning => counts.warnings += 1,
                        Severity::Info => counts.notes += 1,
                    }
                }
                out.push_str(&format!("{file}：{}\n\n", counts.summary(args.all)));
                stdout.write_all(out.as_bytes())?;
                total.add(counts);
            }
            let unread = if unreadable.is_empty() {
                String::new()
            } else {
                format!("，{} 份无法读取", unreadable.len())
            };
            writeln!(
                stdout,
                "共检查 {} 份报告{unread}：{}",
                read.len() + unreadable.len(),
                total.summary(args.all)
            )?;
        }
    }
    Ok(outcome)
}
