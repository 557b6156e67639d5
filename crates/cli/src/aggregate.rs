//! `nianbao aggregate`: a level's own tables, summed from its constituents' reports, through any
//! exporter.

use crate::cli::AggregateArgs;
use crate::output::write_atomically;
use anyhow::{anyhow, bail, Context, Result};
use nianbao_export::ExportContext;
use rayon::prelude::*;
use std::path::Path;

/// Runs `aggregate`: every input must be read (a missing constituent would change the sums), of
/// one template version and one year. Returns whether the aggregate has findings of error
/// severity.
pub fn run(args: &AggregateArgs) -> Result<bool> {
    let files = crate::inputs::expand(&args.inputs)?;
    if files.is_empty() {
        bail!("no report files to aggregate");
    }
    let read: Vec<(String, Result<nianbao_model::Document>)> = files
        .par_iter()
        .map(|f| (f.display().to_string(), crate::review::read(f)))
        .collect();
    let mut documents = Vec::with_capacity(read.len());
    let mut failed = false;
    for (file, result) in read {
        match result {
            Ok(document) => documents.push((file, document)),
            Err(error) => {
                eprintln!("error: {file}: {error:#}");
                failed = true;
            }
        }
    }
    if failed {
        bail!("not aggregated: every constituent must be readable, or the sums would be wrong");
    }
    let inputs: Vec<nianbao_aggregate::Input> = documents
        .iter()
        .map(|(file, document)| nianbao_aggregate::Input { file, document })
        .collect();
    let mut aggregate = nianbao_aggregate::aggregate(&inputs, &args.agency)?;
    aggregate.findings = nianbao_rules::check_tables(&aggregate.report);
    let exporter = match (&args.format, args.output.extension()) {
        (Some(name), _) => nianbao_export::by_name(name).ok_or_else(|| anyhow!("unknown format `{name}`"))?,
        (None, Some(extension)) => nianbao_export::by_extension(&extension.to_string_lossy())
            .ok_or_else(|| anyhow!("no format writes `.{}` files", extension.to_string_lossy()))?,
        (None, None) => bail!(
            "cannot tell the format of `{}`\nhint: give it an extension or use --to",
            args.output.display()
        ),
    };
    for (file, _) in &documents {
        if same_file::is_same_file(Path::new(file), &args.output).unwrap_or(false) {
            bail!("refusing to overwrite the input {file} with the aggregate");
        }
    }
    let context = ExportContext {
        created: args.created.clone(),
        ..ExportContext::default()
    };
    write_atomically(
        &args.output,
        |out| Ok(exporter.export(&aggregate, &context, out)?),
    )
    .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!("{} 份报告汇总写入 {}", documents.len(), args.output.display());
    let errors = aggregate
        .findings
        .iter()
        .filter(|f| f.severity == nianbao_model::Severity::Error)
        .count();
    if errors > 0 {
        eprintln!("汇总表有 {errors} 个错误（见输出中的核对结果）");
    }
    Ok(errors > 0)
}
