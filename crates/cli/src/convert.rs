//! `nianbao convert`: read each input, export it in the chosen format.

use crate::cli::ConvertArgs;
use anyhow::{bail, Context, Result};
use nianbao_export::{ExportContext, Exporter};
use nianbao_model::{Document, Severity, TableId};
use nianbao_pipeline::inputs::Input;
use nianbao_pipeline::{output, Outcome};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where one input's output goes.
enum Destination {
    Stdout,
    File(PathBuf),
}

/// Runs `convert`: `Unreadable` when some input failed (each reported; the others are still
/// converted).
pub(crate) fn run(args: &ConvertArgs) -> Result<Outcome> {
    let exporter = nianbao_pipeline::exporter(args.format.as_deref(), args.output.as_deref())?;
    let inputs = nianbao_pipeline::inputs::expand(&args.inputs)?;
    if inputs.is_empty() {
        bail!("没有找到报告文件");
    }
    let destinations = plan(args, &inputs, exporter)?;
    let context = ExportContext {
        created: args.created.unwrap_or_default(),
        fonts: args
            .font
            .as_deref()
            .map(crate::fonts::resolve)
            .transpose()?
            .into_iter()
            .collect(),
        with_findings: args.with_findings,
        find_fonts: Some(crate::fonts::installed_finder()),
    };
    let mut outcome = Outcome::Clean;
    for (input, destination) in inputs.iter().zip(destinations) {
        match convert_one(&input.path, &destination, exporter, &context, args.quiet) {
            Ok(()) => {}
            // Whoever read standard output has stopped reading.
            Err(error) if crate::is_broken_pipe(&error) => return Ok(outcome),
            Err(error) => match error.downcast_ref::<nianbao_pipeline::InputError>() {
                Some(input_error) => {
                    if crate::report_unreadable(input, input_error, "") {
                        outcome = Outcome::Unreadable;
                    }
                }
                None => {
                    eprintln!("错误：{}：{error:#}", input.path.display());
                    outcome = Outcome::Unreadable;
                }
            },
        }
    }
    Ok(outcome)
}

/// Decides every output path before anything is written, refusing to overwrite an input. Under
/// `--out-dir`, a file found in a directory keeps its place below it.
fn plan(args: &ConvertArgs, inputs: &[Input], exporter: &dyn Exporter) -> Result<Vec<Destination>> {
    let extension = exporter.extensions()[0];
    let destinations: Vec<Destination> = if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("无法创建输出目录 {}", dir.display()))?;
        let mut seen = std::collections::HashSet::new();
        inputs
            .iter()
            .map(|input| {
                if input.path == Path::new("-") {
                    bail!("标准输入没有文件名，无法写入 --out-dir\n提示：对“-”用 -o 指定输出文件");
                }
                let name = match &input.within {
                    Some(within) => within.clone(),
                    None => PathBuf::from(input.path.file_name().unwrap_or(input.path.as_os_str())),
                };
                let path = dir.join(name).with_extension(extension);
                if !seen.insert(path.clone()) {
                    bail!(
                        "两个输入会写到同一个输出 {}\n提示：分别转换到不同的目录",
                        path.display()
                    );
                }
                Ok(Destination::File(path))
            })
            .collect::<Result<_>>()?
    } else if inputs.len() > 1 || inputs.iter().any(Input::found) {
        bail!(
            "{} 个输入需要用 --out-dir 目录 指定输出目录（每个输入一个输出文件）",
            inputs.len()
        );
    } else {
        match args.output.as_deref() {
            None => vec![Destination::Stdout],
            Some(path) if path == Path::new("-") => vec![Destination::Stdout],
            Some(path) => vec![Destination::File(path.to_owned())],
        }
    };
    for (input, destination) in inputs.iter().zip(&destinations) {
        if let Destination::File(path) = destination {
            output::refuse_overwriting(path, [input.path.as_path()])?;
        }
    }
    Ok(destinations)
}

fn convert_one(
    input: &Path,
    destination: &Destination,
    exporter: &dyn Exporter,
    context: &ExportContext,
    quiet: bool,
) -> Result<()> {
    let document = nianbao_pipeline::read_file(input)?.document;
    let warnings = if quiet {
        0
    } else {
        report_diagnostics(input, &document)
    };
    match destination {
        Destination::Stdout => {
            let mut buffer = Vec::new();
            exporter.export(&document, context, &mut buffer)?;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&buffer).context("无法写到标准输出")?;
            stdout.flush().context("无法写到标准输出")?;
        }
        Destination::File(path) => {
            output::write_atomically(path, |out| exporter.export(&document, context, out))?;
            if !quiet {
                eprintln!("已写入 {}（{}）", path.display(), summary(&document, warnings));
            }
        }
    }
    Ok(())
}

/// What an output holds, for the line `convert` prints after writing it: the table cells, those
/// left undetermined, the reader's warnings printed, and the findings.
fn summary(document: &Document, warnings: usize) -> String {
    let facts = nianbao_model::facts(&document.report);
    let undetermined = [TableId::T2, TableId::T3, TableId::T4]
        .into_iter()
        .filter_map(|id| document.report.table(id))
        .flat_map(|table| table.rows.iter().flat_map(|row| &row.cells))
        .filter(|cell| matches!(cell.value, nianbao_model::CellValue::Unresolved { .. }))
        .count();
    let mut parts = vec![format!("表格 {} 格", facts.len())];
    if undetermined > 0 {
        parts.push(format!("其中 {undetermined} 格未能确定"));
    }
    parts.push(format!("{warnings} 个读取警告"));
    let count = |severity| {
        document
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    parts.push(format!(
        "核对发现 {} 个错误、{} 个警告",
        count(Severity::Error),
        count(Severity::Warning)
    ));
    parts.join("，")
}

/// Prints the reader's warnings about `input`; returns how many.
fn report_diagnostics(input: &Path, document: &Document) -> usize {
    let mut printed = 0;
    for diagnostic in document
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        let place = diagnostic
            .span
            .map(|s| format!(":{}:{}", s.line, s.column))
            .unwrap_or_default();
        eprintln!(
            "{}{place}：{}[{}]：{}",
            input.display(),
            diagnostic.severity.chinese(),
            diagnostic.code,
            diagnostic.message
        );
        printed += 1;
    }
    printed
}
