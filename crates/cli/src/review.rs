//! `nianbao review`: many reports (files or directories) into one review workbook.

use crate::cli::ReviewArgs;
use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressStyle};
use nianbao_export::ExportContext;
use nianbao_pipeline::{output, Outcome};
use std::io::IsTerminal;

/// Runs `review`: `Unreadable` when some input could not be read (each reported; the workbook
/// holds the others).
pub(crate) fn run(args: &ReviewArgs) -> Result<Outcome> {
    if args
        .output
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("xlsx"))
    {
        bail!("审阅工作簿是 .xlsx 文件，不能写成 {}", args.output.display());
    }
    let files = nianbao_pipeline::inputs::expand(&args.inputs)?;
    if files.is_empty() {
        bail!(
            "{} 中没有报告文件\n提示：给出报告文件，或存放报告（.txt、.docx、.html、.pdf 等）的目录",
            args.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、")
        );
    }
    output::refuse_overwriting(&args.output, files.iter().map(|f| f.path.as_path()))?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let entries = nianbao_pipeline::read_batch(&crate::paths(&files), &|| progress.inc(1));
    progress.finish_and_clear();
    let mut documents = Vec::with_capacity(entries.len());
    let mut outcome = Outcome::Clean;
    for (input, entry) in files.iter().zip(entries) {
        match entry.result {
            Ok(read) => documents.push(nianbao_export_xlsx::Entry {
                file: entry.input.display().to_string(),
                document: read.document,
            }),
            Err(error) => {
                if crate::report_unreadable(input, &error, "（已跳过）") {
                    outcome = Outcome::Unreadable;
                }
            }
        }
    }
    let context = ExportContext {
        created: args.created.unwrap_or_default(),
        ..ExportContext::default()
    };
    let bytes = nianbao_export_xlsx::review_workbook(&documents, &context)?;
    output::write_atomically(&args.output, |out| out.write_all(&bytes))?;
    eprintln!("{} 份报告写入 {}", documents.len(), args.output.display());
    Ok(outcome)
}
