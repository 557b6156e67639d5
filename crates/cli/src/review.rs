//! `nianbao review`: many reports (files or directories) into one review workbook.

use crate::cli::ReviewArgs;
use crate::output::write_atomically;
use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressStyle};
use nianbao_export::ExportContext;
use nianbao_model::Document;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Runs `review`. Returns `Ok(false)` when some input could not be read (each reported; the
/// workbook holds the others).
pub fn run(args: &ReviewArgs) -> Result<bool> {
    if args
        .output
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("xlsx"))
    {
        bail!(
            "the review workbook is an .xlsx file, not {}",
            args.output.display()
        );
    }
    let files = crate::inputs::expand(&args.inputs)?;
    if files.is_empty() {
        bail!(
            "no report files in {}\nhint: give files or directories holding .txt reports",
            args.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for file in &files {
        if same_file::is_same_file(file, &args.output).unwrap_or(false) {
            bail!(
                "refusing to overwrite the input {} with the workbook",
                file.display()
            );
        }
    }
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
    let results: Vec<(PathBuf, Result<Document>)> = files
        .par_iter()
        .map(|file| {
            let result = read(file);
            progress.inc(1);
            (file.clone(), result)
        })
        .collect();
    progress.finish_and_clear();
    let mut documents = Vec::with_capacity(results.len());
    let mut all_read = true;
    for (file, result) in results {
        match result {
            Ok(document) => documents.push(nianbao_export_xlsx::Entry {
                file: file.display().to_string(),
                document,
            }),
            Err(error) => {
                eprintln!("error: {}: {error:#} (skipped)", file.display());
                all_read = false;
            }
        }
    }
    let reports: Vec<&nianbao_model::Report> = documents.iter().map(|e| &e.document.report).collect();
    let findings = nianbao_rules::check_series(&reports);
    for (entry, findings) in documents.iter_mut().zip(findings) {
        entry.document.findings = findings;
    }
    let context = ExportContext {
        created: args.created.clone(),
        ..ExportContext::default()
    };
    let bytes = nianbao_export_xlsx::review_workbook(&documents, &context)?;
    write_atomically(&args.output, |out| Ok(out.write_all(&bytes)?))?;
    eprintln!("{} 份报告写入 {}", documents.len(), args.output.display());
    Ok(all_read)
}

/// Reads and parses one report.
pub fn read(file: &Path) -> Result<Document> {
    let (bytes, name) = crate::convert::read_bytes(file)?;
    crate::convert::parse(&bytes, &name)
}
