//! Shared helpers of the corpus tests: where the corpus is, what a case expects, and how parsed
//! facts are compared with it.
//!
//! The corpus lives in `../shared/corpus` beside the checkout (override with `NIANBAO_CORPUS`).
//! Expectations come from reading the sources by hand: `expected.json` inside each
//! `real/<case>/`, and `tests/expected/seeds/<seed>.json` in this repository for the seeds.

pub mod docx;
pub mod pdf;
pub mod reshaped;

use nianbao_model::{facts, Document, FactValue};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The corpus directory: every test finds the corpus through this function.
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("NIANBAO_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    }
}

/// Real cases whose input kind has no reader yet, with what will add it. Listed so that no case
/// is ever skipped silently: a case missing from this list must parse, and a case on it must
/// still lack a reader (the corpus test checks both).
pub const PENDING: &[(&str, &str)] = &[];

/// Every real case of the corpus: its directory and its source file, sorted by name.
pub fn real_cases() -> Vec<(String, PathBuf)> {
    let real = corpus_dir().join("real");
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&real)
        .unwrap_or_else(|e| panic!("{}: {e}", real.display()))
        .map(|entry| {
            let dir = entry.expect("entry").path();
            let name = dir.file_name().expect("a name").to_string_lossy().into_owned();
            let source = std::fs::read_dir(&dir)
                .expect("case directory")
                .map(|e| e.expect("entry").path())
                .find(|p| p.file_stem().is_some_and(|s| s == "source"))
                .unwrap_or_else(|| panic!("case {name} has no source file"));
            (name, source)
        })
        .collect();
    cases.sort();
    cases
}

/// The real cases that are not pending: every one must be read.
pub fn readable_real_cases() -> Vec<(String, PathBuf)> {
    real_cases()
        .into_iter()
        .filter(|(name, _)| !PENDING.iter().any(|(pending, _)| pending == name))
        .collect()
}

/// Converts `inputs` with LibreOffice (installed by `.ci/run`) in one run, into `out_dir`, with
/// the conversion `target` (`pdf`, `csv`, `docx:MS Word 2007 XML`, …) and a profile of its own
/// in `out_dir`; returns where the converted files are, in the order of `inputs` (a CSV of one
/// sheet of several is written under another name, which the caller looks for).
pub fn soffice(inputs: &[PathBuf], target: &str, out_dir: &Path) -> Vec<PathBuf> {
    let output = std::process::Command::new("soffice")
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            out_dir.display()
        ))
        .args(["--convert-to", target, "--outdir"])
        .arg(out_dir)
        .args(inputs)
        .env("HOME", out_dir)
        .output()
        .expect("soffice (LibreOffice) is installed by .ci/run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let extension = target.split(':').next().unwrap_or(target);
    inputs
        .iter()
        .map(|input| {
            let stem = input.file_stem().expect("a file name").to_string_lossy();
            out_dir.join(format!("{stem}.{extension}"))
        })
        .collect()
}

/// One part of a zip package (a workbook, a Word file), as text.
pub fn zip_part(package: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package)).expect("a zip");
    let mut part = archive.by_name(name).expect("the part");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).expect("UTF-8");
    text
}

/// Whether an external program the tests check outputs with (LibreOffice, xmllint) is installed.
/// Without it a test is skipped, with a line saying so — except under CI (`CI` set and not
/// `false`), where `.ci/run` installs it and its absence fails the test.
pub fn tool_available(program: &str, package: &str) -> bool {
    let runs = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok();
    if !runs {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "{program} (Debian {package}) is required under CI; .ci/run installs it"
        );
        eprintln!("skipped: {program} (Debian {package}) is not installed");
    }
    runs
}

/// A case with golden outputs (`tests/golden/<name>.{json,stderr,check}`): a sample, or a real
/// case that has a reader. The binary is run in `dir` on `file`, so that the outputs do not
/// depend on where the checkout or the corpus is.
#[derive(Debug, Clone)]
pub struct GoldenCase {
    /// The sample's stem or the real case's name.
    pub name: String,
    /// Where the input is.
    pub dir: PathBuf,
    /// The input's file name.
    pub file: String,
}

/// Every case with golden outputs: the samples, then the readable real cases.
pub fn golden_cases() -> Vec<GoldenCase> {
    let of = |name: String, source: &Path| GoldenCase {
        name,
        dir: source.parent().expect("a directory").to_path_buf(),
        file: source
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned(),
    };
    let samples = samples().into_iter().map(|path| {
        of(
            path.file_stem().expect("a stem").to_string_lossy().into_owned(),
            &path,
        )
    });
    let real = readable_real_cases()
        .into_iter()
        .map(|(name, source)| of(name, &source));
    samples.chain(real).collect()
}

/// Where the golden outputs are.
pub fn golden_dir() -> PathBuf {
    repo_dir().join("tests/golden")
}

/// The kinds of golden output of a case: the JSON export, the reader's warnings while
/// converting, and `nianbao check`'s report.
pub const GOLDEN_KINDS: &[&str] = &["json", "stderr", "check"];

impl GoldenCase {
    /// The golden outputs `binary` gives for this case, by kind ([`GOLDEN_KINDS`]): the JSON
    /// export on standard output, what converting printed on standard error, and `check`'s
    /// report.
    pub fn outputs(&self, binary: &Path) -> Vec<(&'static str, Vec<u8>)> {
        let run = |args: &[&str]| {
            std::process::Command::new(binary)
                .args(args)
                .current_dir(&self.dir)
                .output()
                .unwrap_or_else(|e| panic!("{} runs: {e}", binary.display()))
        };
        let convert = run(&["convert", &self.file, "--to", "json"]);
        assert!(
            convert.status.success(),
            "{}: {}",
            self.name,
            String::from_utf8_lossy(&convert.stderr)
        );
        let check = run(&["check", &self.file]);
        vec![
            ("json", convert.stdout),
            ("stderr", convert.stderr),
            ("check", check.stdout),
        ]
    }

    /// The golden file of one kind of output.
    pub fn golden_file(&self, kind: &str) -> PathBuf {
        golden_dir().join(format!("{}.{kind}", self.name))
    }
}

/// A unified diff of `expected` against `actual`, for a failing comparison.
pub fn text_diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(2)
        .header("golden", "now")
        .to_string()
}

/// This repository's root.
pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The sample reports kept in this repository (`samples/`), sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_dir().join("samples"))
        .expect("samples/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "expected the five seed samples");
    files
}

/// The source files of the corpus's real cases (`real/*/source.*`: text, HTML, Markdown, …) whose
/// extension is one of `extensions`, sorted; none when the corpus is not beside the checkout (the
/// benchmarks run without it).
pub fn corpus_cases(extensions: &[&str]) -> Vec<PathBuf> {
    let Ok(cases) = std::fs::read_dir(corpus_dir().join("real")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = cases
        .filter_map(|case| std::fs::read_dir(case.expect("entry").path()).ok())
        .flatten()
        .map(|entry| entry.expect("entry").path())
        .filter(|path| {
            path.file_stem().is_some_and(|s| s == "source")
                && path
                    .extension()
                    .is_some_and(|e| extensions.contains(&e.to_string_lossy().as_ref()))
        })
        .collect();
    files.sort();
    files
}

/// Every report the exporters are tested on: the samples and every real case of the corpus
/// that has a reader (see [`PENDING`]), which must be beside the checkout.
pub fn reports() -> Vec<PathBuf> {
    let mut files = samples();
    files.extend(readable_real_cases().into_iter().map(|(_, source)| source));
    assert!(
        files.len() >= 12,
        "expected the five samples and at least seven real cases of {}",
        corpus_dir().display()
    );
    files
}

/// The samples, parsed and checked, in file order.
pub fn checked_samples() -> Vec<Document> {
    samples().iter().map(|path| checked_document(path)).collect()
}

/// The report at `path`, read and checked by the pipeline.
pub fn checked_document(path: &Path) -> Document {
    nianbao_pipeline::read_file(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .document
}

/// The signature of an OLE compound file (a legacy `.doc`/`.wps`), for fixtures.
pub use nianbao_parse::OLE_MAGIC;

/// What a corpus case expects (the fields of `expected.json` the tests use).
#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    /// Issuing body.
    pub agency: String,
    /// Report year.
    pub year: i32,
    /// Template version, `"2019"` or `"2021"`.
    pub format: String,
    /// Every table cell by fact key.
    pub facts: BTreeMap<String, serde_json::Value>,
    /// Cells a reader may leave `null` (with a diagnostic) because their digits ran together.
    #[serde(default)]
    pub ambiguous_keys: Vec<String>,
    /// Arithmetic errors printed in the source (real cases).
    #[serde(default)]
    pub source_errors: Vec<SourceError>,
    /// Every finding expected, as rule code → count (seeds).
    #[serde(default)]
    pub findings: Option<BTreeMap<String, usize>>,
}

/// An arithmetic error printed in a source, as `expected.json` records it.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceError {
    /// The spec's rule id (`T3-2`, `T2'-1`).
    pub rule: String,
    /// The cells, with `*` for the row (`t3.*.natural_person`).
    #[serde(rename = "where")]
    pub place: String,
    /// The printed value.
    pub printed: serde_json::Value,
    /// The value the rule computes.
    pub computed: serde_json::Value,
}

/// The nianbao code of a spec rule id: `T3-2` → `T3-002`, `T2'-1` → `T2-101`.
pub fn code_of(spec_rule: &str) -> String {
    let (family, number) = spec_rule.split_once('-').unwrap_or((spec_rule, "0"));
    let number: u32 = number.parse().unwrap_or(0);
    match family.strip_suffix('\'') {
        Some(family) => format!("{family}-{:03}", 100 + number),
        None => format!("{family}-{number:03}"),
    }
}

/// Whether a fact key matches a `where` pattern with `*` standing for any run of segments.
pub fn key_matches(pattern: &str, key: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == key,
        Some((prefix, suffix)) => {
            key.len() >= prefix.len() + suffix.len() && key.starts_with(prefix) && key.ends_with(suffix)
        }
    }
}

/// Reads an expectation file.
pub fn load_expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Compares a parsed document with its expectation; returns every difference, one per line.
///
/// * every expected fact must equal the parsed one — except that an ambiguous key may be `null`
///   when a diagnostic names it;
/// * no parsed fact outside the expectation may be non-null;
/// * agency, year and format must match.
pub fn differences(document: &Document, expected: &Expected) -> Vec<String> {
    let parsed: BTreeMap<String, FactValue> = facts(&document.report).into_iter().collect();
    let mut out = Vec::new();
    let metadata = &document.report.metadata;
    let agency = metadata.agency.as_ref().map(|a| a.value.as_str());
    if agency != Some(expected.agency.as_str()) {
        out.push(format!(
            "agency: parsed {agency:?}, expected {:?}",
            expected.agency
        ));
    }
    let year = metadata.year.as_ref().map(|y| y.value);
    if year != Some(expected.year) {
        out.push(format!("year: parsed {year:?}, expected {}", expected.year));
    }
    let format = metadata.template.version.map(|v| v.as_str());
    if format != Some(expected.format.as_str()) {
        out.push(format!("format: parsed {format:?}, expected {}", expected.format));
    }
    for (key, want) in &expected.facts {
        let got = parsed
            .get(key)
            .map(|v| serde_json::to_value(v).unwrap_or_default());
        let declined = got == Some(serde_json::Value::Null)
            && expected.ambiguous_keys.contains(key)
            && document
                .diagnostics
                .iter()
                .any(|d| d.code == "ambiguous-digits" && d.facts.contains(key));
        if !declined && !same_value(got.as_ref(), want) {
            out.push(format!("{key}: parsed {got:?}, expected {want}"));
        }
    }
    for (key, value) in &parsed {
        if !expected.facts.contains_key(key) && !value.is_null() {
            out.push(format!("{key}: parsed {value:?}, not in the expectation"));
        }
    }
    out
}

/// Whether a parsed fact value equals the expected one (numbers compared as numbers).
pub fn same_value(got: Option<&serde_json::Value>, want: &serde_json::Value) -> bool {
    match (got, want) {
        (Some(serde_json::Value::Number(a)), serde_json::Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Some(got), want) => got == want,
        (None, _) => false,
    }
}
