//! `nianbao convert`: read each input, export it in the chosen format.

use crate::cli::ConvertArgs;
use anyhow::{bail, Context, Result};
use nianbao_export::{ExportContext, Exporter};
use nianbao_model::{Document, Severity};
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
    let destinations = plan(args, exporter)?;
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
    for (input, destination) in args.inputs.iter().zip(destinations) {
        if let Err(error) = convert_one(input, &destination, exporter, &context, args.quiet) {
            eprintln!("error: {}: {error:#}", input.display());
            outcome = Outcome::Unreadable;
        }
    }
    Ok(outcome)
}

/// Decides every output path before anything is written, refusing to overwrite an input.
fn plan(args: &ConvertArgs, exporter: &dyn Exporter) -> Result<Vec<Destination>> {
    let extension = exporter.extensions()[0];
    let destinations: Vec<Destination> = if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut seen = std::collections::HashSet::new();
        args.inputs
            .iter()
            .map(|input| {
                if input == Path::new("-") {
                    bail!("standard input has no name to write under --out-dir\nhint: use -o OUT for `-`");
                }
                let stem = input.file_stem().unwrap_or(input.as_os_str());
                let path = dir.join(stem).with_extension(extension);
                if !seen.insert(path.clone()) {
                    bail!("two inputs would both be written to {}\nhint: convert them into different directories", path.display());
                }
                Ok(Destination::File(path))
            })
            .collect::<Result<_>>()?
    } else if args.inputs.len() > 1 {
        bail!(
            "{} inputs need --out-dir DIR (one output each)",
            args.inputs.len()
        );
    } else {
        match args.output.as_deref() {
            None => vec![Destination::Stdout],
            Some(path) if path == Path::new("-") => vec![Destination::Stdout],
            Some(path) => vec![Destination::File(path.to_owned())],
        }
    };
    for (input, destination) in args.inputs.iter().zip(&destinations) {
        if let Destination::File(path) = destination {
            output::refuse_overwriting(path, [input.as_path()])?;
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
    if !quiet {
        report_diagnostics(input, &document);
    }
    match destination {
        Destination::Stdout => {
            let mut buffer = Vec::new();
            exporter.export(&document, context, &mut buffer)?;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&buffer)
                .context("cannot write to standard output")?;
            stdout.flush().context("cannot write to standard output")?;
        }
        Destination::File(path) => {
            output::write_atomically(path, |out| exporter.export(&document, context, out))?
        }
    }
    Ok(())
}

fn report_diagnostics(input: &Path, document: &Document) {
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
            "{}{place}: {}[{}]: {}",
            input.display(),
            diagnostic.severity,
            diagnostic.code,
            diagnostic.message
        );
    }
}
