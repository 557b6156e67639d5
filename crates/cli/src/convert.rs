//! `nianbao convert`: read each input, export it in the chosen format.

use crate::cli::ConvertArgs;
use crate::output::write_atomically;
use anyhow::{anyhow, bail, Context, Result};
use nianbao_export::{ExportContext, Exporter};
use nianbao_model::{Document, Severity};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Where one input's output goes.
enum Destination {
    Stdout,
    File(PathBuf),
}

/// Runs `convert`. Returns `Ok(false)` when some inputs failed (each already reported).
pub fn run(args: &ConvertArgs) -> Result<bool> {
    let exporter = choose_exporter(args)?;
    let destinations = plan(args, exporter)?;
    let context = ExportContext {
        created: args.created.clone(),
        font: args.font.clone(),
        with_findings: args.with_findings,
    };
    let mut all_ok = true;
    for (input, destination) in args.inputs.iter().zip(destinations) {
        if let Err(error) = convert_one(input, &destination, exporter, &context, args.quiet) {
            eprintln!("error: {}: {error:#}", input.display());
            all_ok = false;
        }
    }
    Ok(all_ok)
}

fn choose_exporter(args: &ConvertArgs) -> Result<&'static dyn Exporter> {
    let known = || {
        nianbao_export::exporters()
            .iter()
            .map(|e| e.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(name) = &args.format {
        return nianbao_export::by_name(name)
            .ok_or_else(|| anyhow!("unknown format `{name}`\nhint: known formats: {}", known()));
    }
    match args.output.as_deref().filter(|o| *o != Path::new("-")) {
        Some(output) => {
            let extension = output
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .ok_or_else(|| {
                    anyhow!(
                        "cannot tell the format of `{}`\nhint: give it an extension or use --to",
                        output.display()
                    )
                })?;
            nianbao_export::by_extension(&extension).ok_or_else(|| {
                anyhow!(
                    "no format writes `.{extension}` files\nhint: known formats: {}",
                    known()
                )
            })
        }
        None => nianbao_export::by_name("json").ok_or_else(|| anyhow!("the JSON exporter is not linked")),
    }
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
        if let Destination::File(output) = destination {
            if same_file(input, output) {
                bail!(
                    "refusing to overwrite the input {} with its own output",
                    input.display()
                );
            }
        }
    }
    Ok(destinations)
}

/// Whether two paths name the same file (also through links); a path that does not exist yet is
/// no input.
fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

fn convert_one(
    input: &Path,
    destination: &Destination,
    exporter: &dyn Exporter,
    context: &ExportContext,
    quiet: bool,
) -> Result<()> {
    let document = read_document(input)?;
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
            write_atomically(path, |out| Ok(exporter.export(&document, context, out)?))?
        }
    }
    Ok(())
}

/// The bytes of one input (`-` is standard input) and the name to parse it under.
pub fn read_bytes(input: &Path) -> Result<(Vec<u8>, String)> {
    if input == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        Ok((bytes, "-".to_owned()))
    } else {
        let bytes = std::fs::read(input).with_context(|| format!("cannot read {}", input.display()))?;
        Ok((bytes, input.to_string_lossy().into_owned()))
    }
}

/// Parses bytes read from `name`, recording their SHA-256 in the provenance.
pub fn parse(bytes: &[u8], name: &str) -> Result<Document> {
    Ok(parse_keeping_text(bytes, name)?.0)
}

/// Parses one input like [`parse`], also giving back the text the report's spans point into.
pub fn parse_keeping_text(bytes: &[u8], name: &str) -> Result<(Document, String)> {
    use sha2::Digest;
    let (mut document, text) = nianbao_parse::parse_keeping_text(bytes, name)?;
    // A report read back from nianbao's own JSON or XML keeps its original provenance.
    let source_document = nianbao_parse::reader_for_content(name, bytes)?
        .kind
        .is_source_document();
    if document.source.sha256.is_none() && source_document {
        let digest = sha2::Sha256::digest(bytes);
        document.source.sha256 = Some(digest.iter().map(|b| format!("{b:02x}")).collect());
    }
    Ok((document, text.into_owned()))
}

/// Reads, parses and checks one input.
fn read_document(input: &Path) -> Result<Document> {
    let (bytes, name) = read_bytes(input)?;
    let mut document = parse(&bytes, &name)?;
    document.findings = nianbao_rules::check(&document.report);
    Ok(document)
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
