//! `nianbao aggregate`: a level's own tables, summed from its constituents' reports, through any
//! exporter.

use crate::cli::AggregateArgs;
use anyhow::{bail, Context, Result};
use nianbao_export::ExportContext;
use nianbao_pipeline::{output, Outcome};

/// Runs `aggregate`: every input must be read (a missing constituent would change the sums), of
/// one template version and one year. `Errors` when the aggregate has findings of error
/// severity.
pub(crate) fn run(args: &AggregateArgs) -> Result<Outcome> {
    let files = nianbao_pipeline::inputs::expand(&args.inputs)?;
    if files.is_empty() {
        bail!("没有可汇总的报告文件");
    }
    let mut documents = Vec::with_capacity(files.len());
    let mut failed = false;
    for (input, entry) in files
        .iter()
        .zip(nianbao_pipeline::read_batch(&crate::paths(&files), &|| ()))
    {
        match entry.result {
            Ok(read) => documents.push((entry.input.display().to_string(), read.document)),
            Err(error) => failed |= crate::report_unreadable(input, &error, ""),
        }
    }
    if failed {
        bail!("未汇总：每一份报告都必须能读取，否则合计会出错");
    }
    let aggregate = nianbao_pipeline::aggregate(&documents, &args.agency)?;
    let exporter = nianbao_pipeline::exporter(args.format.as_deref(), Some(&args.output))?;
    output::refuse_overwriting(&args.output, files.iter().map(|f| f.path.as_path()))?;
    let context = ExportContext {
        created: args.created.unwrap_or_default(),
        find_fonts: Some(crate::fonts::installed_finder()),
        ..ExportContext::default()
    };
    output::write_atomically(&args.output, |out| exporter.export(&aggregate, &context, out))
        .with_context(|| format!("写入 {} 时出错", args.output.display()))?;
    eprintln!("{} 份报告汇总写入 {}", documents.len(), args.output.display());
    let outcome = Outcome::of_findings(&aggregate.findings);
    if outcome == Outcome::Errors {
        let errors = aggregate
            .findings
            .iter()
            .filter(|f| f.severity == nianbao_model::Severity::Error)
            .count();
        eprintln!("汇总表有 {errors} 个错误（见输出中的核对结果）");
    }
    Ok(outcome)
}
