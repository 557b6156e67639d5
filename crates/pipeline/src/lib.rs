//! The pipeline of `nianbao` as one library: what every front end — the command line, the
//! tests, the review desk — calls instead of spelling the sequence out itself.
//!
//! * [`read`]: one input's bytes and name → a [`Read`] report: parsed, its provenance complete
//!   (SHA-256 of the bytes for a source document), checked by every single-report rule, with the
//!   text its spans point into.
//! * [`read_batch`]: many inputs, read in parallel, each with its own result, then checked
//!   together so that one agency's consecutive years meet the cross-year rules
//!   ([`check_series`]).
//! * [`inputs`]: files and directories given on a command line → the report files to read.
//! * [`exporter`]: the exporter for `--to` or an output's extension.
//! * [`output`]: writing an output atomically, never over an input.
//! * [`aggregate`]: many reports' tables summed and checked.
//! * [`Outcome`]: what a run came to (clean, findings of error severity, unreadable inputs), for
//!   front ends to map to their exit codes.

pub mod inputs;
pub mod output;

use nianbao_model::{Document, Finding, Report, Severity};
pub use nianbao_parse::ParseError;
use rayon::prelude::*;
use sha2::Digest;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// A report read and checked.
#[derive(Debug, Clone)]
pub struct Read {
    /// The document: report, provenance, the reader's diagnostics and the rules' findings.
    pub document: Document,
    /// The text the report's spans point into (the decoded input, or for HTML, DOCX and Markdown
    /// the text they were laid out as), for showing a finding in its context.
    pub text: String,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file (or standard input) could not be read.
    #[error("无法读取 {path}：{reason}")]
    Io {
        /// The input as given.
        path: String,
        /// What the system said, in Chinese.
        reason: String,
    },
    /// The bytes are not a report.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// Reads one input from its bytes: `name` picks the reader (by extension, or by content when it
/// has none) and is recorded, without directories, as the source file. The report is checked by
/// every rule that needs no other report.
///
/// # Errors
/// [`ParseError`] when the bytes are not a report.
pub fn read(bytes: &[u8], name: &str) -> Result<Read, ParseError> {
    let mut read = parse(bytes, name)?;
    read.document.findings = nianbao_rules::check(&read.document.report);
    read.document.locate();
    Ok(read)
}

/// Parses one input without checking it.
fn parse(bytes: &[u8], name: &str) -> Result<Read, ParseError> {
    let (mut document, text) = nianbao_parse::parse_keeping_text(bytes, name)?;
    // nianbao's own JSON or XML keeps the provenance of the report it holds.
    if document.source.sha256.is_none() && document.source.kind.is_source_document() {
        document.source.sha256 = Some(sha256_hex(bytes));
    }
    Ok(Read {
        document,
        text: text.into_owned(),
    })
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a system error means, in Chinese (the system's own words when there is no common name
/// for it).
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let reason = match error.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::AlreadyExists => "已经存在",
        ErrorKind::IsADirectory => "这是一个目录，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是目录",
        ErrorKind::StorageFull => "磁盘空间已满",
        ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        ErrorKind::InvalidFilename => "文件名无效",
        ErrorKind::BrokenPipe => "接收输出的程序已关闭",
        _ => return format!("系统错误：{error}"),
    };
    reason.to_owned()
}

/// The bytes of an input: a file, or standard input for `-`.
///
/// # Errors
/// [`InputError::Io`] naming the input.
pub fn read_bytes(input: &Path) -> Result<Vec<u8>, InputError> {
    let io = |source: std::io::Error| InputError::Io {
        path: display_name(input),
        reason: io_reason(&source),
    };
    if input == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
        Ok(bytes)
    } else {
        std::fs::read(input).map_err(io)
    }
}

/// How an input is named in messages and outputs: the path as given, `-` for standard input.
pub fn display_name(input: &Path) -> String {
    if input == Path::new("-") {
        "-".to_owned()
    } else {
        input.display().to_string()
    }
}

/// Reads and checks one input file (`-` is standard input).
///
/// # Errors
/// [`InputError`] when it cannot be read or is not a report.
pub fn read_file(input: &Path) -> Result<Read, InputError> {
    let bytes = read_bytes(input)?;
    Ok(read(&bytes, &display_name(input))?)
}

/// One input of a batch and what became of it.
#[derive(Debug)]
pub struct Entry {
    /// The input as given.
    pub input: PathBuf,
    /// The report, or why it could not be read.
    pub result: Result<Read, InputError>,
}

/// Reads many inputs in parallel, in the order given, then checks the readable ones together:
/// every rule on each, and the cross-year rules on the reports of one agency for consecutive
/// years. `progress` is called once per input read, from any thread.
pub fn read_batch(inputs: &[PathBuf], progress: &(dyn Fn() + Sync)) -> Vec<Entry> {
    let mut entries: Vec<Entry> = inputs
        .par_iter()
        .map(|input| {
            let result = read_bytes(input).and_then(|bytes| Ok(parse(&bytes, &display_name(input))?));
            progress();
            Entry {
                input: input.clone(),
                result,
            }
        })
        .collect();
    let mut documents: Vec<&mut Document> = entries
        .iter_mut()
        .filter_map(|e| e.result.as_mut().ok().map(|r| &mut r.document))
        .collect();
    check_series(&mut documents);
    entries
}

/// Checks `documents` together: every rule on each, pairing each report with the same agency's
/// report for the previous year when it is among them. Replaces their findings.
pub fn check_series(documents: &mut [&mut Document]) {
    let reports: Vec<&Report> = documents.iter().map(|d| &d.report).collect();
    let findings = nianbao_rules::check_series(&reports);
    for (document, findings) in documents.iter_mut().zip(findings) {
        document.findings = findings;
        document.locate();
    }
}

/// The exporter for `--to FORMAT`, else for the output's extension, else JSON (standard output).
///
/// # Errors
/// [`nianbao_export::ResolveError`] when no exporter fits.
pub fn exporter(
    format: Option<&str>,
    output: Option<&Path>,
) -> Result<&'static dyn nianbao_export::Exporter, nianbao_export::ResolveError> {
    nianbao_export::resolve(format, output)
}

/// Sums the tables of `documents` (one template version, one year) into the aggregate of
/// `agency`, checked by the table rules.
///
/// # Errors
/// When the reports cannot be summed together ([`nianbao_aggregate::AggregateError`]).
pub fn aggregate(
    documents: &[(String, Document)],
    agency: &str,
) -> Result<Document, nianbao_aggregate::AggregateError> {
    let inputs: Vec<nianbao_aggregate::Input> = documents
        .iter()
        .map(|(file, document)| nianbao_aggregate::Input { file, document })
        .collect();
    let mut aggregate = nianbao_aggregate::aggregate(&inputs, agency)?;
    aggregate.findings = nianbao_rules::check_tables(&aggregate.report);
    Ok(aggregate)
}

/// What a run came to, worst last: front ends map it to their exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything read; no finding of error severity.
    Clean,
    /// Some finding has error severity.
    Errors,
    /// Some input could not be read (the others were still processed).
    Unreadable,
}

impl Outcome {
    /// `Errors` when any of `findings` has error severity, else `Clean`.
    pub fn of_findings<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Outcome {
        if findings.into_iter().any(|f| f.severity == Severity::Error) {
            Outcome::Errors
        } else {
            Outcome::Clean
        }
    }

    /// The worse of two outcomes.
    pub fn and(self, other: Outcome) -> Outcome {
        self.max(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_reads_with_its_hash_and_findings() {
        let path = nianbao_tests::repo_dir().join("samples/002_9ab6ef9a76a23be4.txt");
        let bytes = std::fs::read(&path).expect("sample");
        let read = read(&bytes, "samples/002_9ab6ef9a76a23be4.txt").expect("reads");
        assert_eq!(read.document.source.file, "002_9ab6ef9a76a23be4.txt");
        // The digest of the bytes, computed independently of the pipeline's helper.
        let expected: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(read.document.source.sha256.as_deref(), Some(expected.as_str()));
        assert_eq!(expected.len(), 64);
        // Seed 002 does not report the 信息处理费 in 六 (N-004, an error).
        assert!(read.document.findings.iter().any(|f| f.rule == "N-004"));
        assert_eq!(Outcome::of_findings(&read.document.findings), Outcome::Errors);
        assert!(read.text.contains("焦虎镇"));
    }

    #[test]
    fn a_batch_keeps_order_and_reports_each_failure() {
        let dir = nianbao_tests::repo_dir().join("samples");
        let missing = dir.join("missing.txt");
        let inputs = vec![
            dir.join("000_2ed7b50f6a4f35f4.txt"),
            missing.clone(),
            dir.join("004_208df7f24f8ec3dc.txt"),
        ];
        let counted = std::sync::atomic::AtomicUsize::new(0);
        let entries = read_batch(&inputs, &|| {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        assert_eq!(counted.into_inner(), 3);
        let inputs_back: Vec<&PathBuf> = entries.iter().map(|e| &e.input).collect();
        assert_eq!(inputs_back, inputs.iter().collect::<Vec<_>>());
        assert!(entries[0].result.is_ok() && entries[2].result.is_ok());
        let Err(InputError::Io { path, .. }) = &entries[1].result else {
            panic!("the missing file is an I/O error");
        };
        assert_eq!(path, &missing.display().to_string());
    }

    #[test]
    fn outcomes_order_from_clean_to_unreadable() {
        assert_eq!(Outcome::Clean.and(Outcome::Errors), Outcome::Errors);
        assert_eq!(Outcome::Unreadable.and(Outcome::Errors), Outcome::Unreadable);
        assert_eq!(Outcome::of_findings(&[]), Outcome::Clean);
    }
}
