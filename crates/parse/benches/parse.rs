//! Parse throughput, one report at a time on one core: every plain-text report in `samples/`
//! (always) and in the shared corpus (`../shared/corpus`, when it is beside the checkout); and,
//! with the corpus, each HTML and Markdown case, a Word file (the national template filled with a
//! real case's facts) and each PDF case, reader by reader.
//!
//! Run with `cargo bench -p nianbao-parse`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut files = nianbao_tests::samples();
    files.extend(nianbao_tests::corpus_cases(&["txt"]));
    files
        .into_iter()
        .map(|p| {
            (
                p.to_string_lossy().into_owned(),
                std::fs::read(&p).expect("readable input"),
            )
        })
        .collect()
}

fn parse_corpus(c: &mut Criterion) {
    let inputs = inputs();
    // Warm the converters' lazily built tables outside the measurement.
    for (name, bytes) in &inputs {
        nianbao_parse::parse(bytes, name).expect("corpus report parses");
    }
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function(format!("{} text reports", inputs.len()), |b| {
        b.iter(|| {
            for (name, bytes) in &inputs {
                std::hint::black_box(nianbao_parse::parse(bytes, name).expect("parses"));
            }
        })
    });
    let texts: Vec<String> = inputs
        .iter()
        .map(|(_, bytes)| {
            nianbao_parse::decode::decode(bytes)
                .expect("text")
                .text
                .into_owned()
        })
        .collect();
    group.bench_function("normalise whole text (reference)", |b| {
        b.iter(|| {
            for text in &texts {
                std::hint::black_box(nianbao_normalize::Compact::of(text, 0..text.len()));
            }
        })
    });
    group.finish();
}

fn parse_structured(c: &mut Criterion) {
    let mut inputs: Vec<(String, Vec<u8>)> = nianbao_tests::corpus_cases(&["html", "md"])
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable input");
            (p.to_string_lossy().into_owned(), bytes)
        })
        .collect();
    if inputs.is_empty() {
        return;
    }
    let case = nianbao_tests::corpus_dir().join("real/pingtan-2025-html/expected.json");
    let expected = nianbao_tests::load_expected(&case);
    let title = format!("{}{}年度政府信息公开工作年度报告", expected.agency, expected.year);
    let document = nianbao_tests::docx::filled_document(
        &title,
        &nianbao_tests::docx::values_2021(&expected),
        nianbao_tests::docx::Writing::Plain,
    );
    let docx = nianbao_tests::docx::with_document(&nianbao_tests::docx::template_bytes(), &document);
    inputs.push(("filled-template.docx".to_owned(), docx));
    let mut group = c.benchmark_group("parse structured");
    group.throughput(Throughput::Elements(1));
    for (name, bytes) in &inputs {
        nianbao_parse::parse(bytes, name).expect("parses");
        let label = std::path::Path::new(name)
            .iter()
            .rev()
            .take(2)
            .map(|p| p.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        group.bench_function(format!("{label} ({} KB)", bytes.len() / 1024), |b| {
            b.iter(|| std::hint::black_box(nianbao_parse::parse(bytes, name).expect("parses")))
        });
    }
    group.finish();
}

/// Each corpus PDF, bytes to `Document`: the PDF library interpreting every page, rules into
/// grids, glyphs into cells and lines, pages joined, then the same table reader as every input.
fn parse_pdf(c: &mut Criterion) {
    let inputs = nianbao_tests::corpus_cases(&["pdf"]);
    if inputs.is_empty() {
        return;
    }
    let mut group = c.benchmark_group("parse pdf");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    for path in inputs {
        let bytes = std::fs::read(&path).expect("readable input");
        let name = path.to_string_lossy().into_owned();
        nianbao_parse::parse(&bytes, &name).expect("parses");
        let case = path
            .parent()
            .and_then(|dir| dir.file_name())
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        group.bench_function(format!("{case} ({} KB)", bytes.len() / 1024), |b| {
            b.iter(|| std::hint::black_box(nianbao_parse::parse(&bytes, &name).expect("parses")))
        });
    }
    group.finish();
}

criterion_group!(benches, parse_corpus, parse_structured, parse_pdf);
criterion_main!(benches);
