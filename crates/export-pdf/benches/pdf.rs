//! PDF export: one archive PDF per sample report (parsed and checked once, and the fonts loaded
//! once, outside the measurement).
//!
//! Run with `cargo bench -p nianbao-export-pdf`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_export::ExportContext;
use std::path::Path;

fn pdf_per_report(c: &mut Criterion) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut paths: Vec<_> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let documents: Vec<nianbao_model::Document> = paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("read");
            let mut document = nianbao_parse::parse(&bytes, &path.to_string_lossy()).expect("parses");
            document.findings = nianbao_rules::check(&document.report);
            document
        })
        .collect();
    let context = ExportContext::default();
    // Loads (parses) the built-in font for this thread.
    nianbao_export_pdf::render(&documents[0], &context).expect("renders");
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    group.throughput(Throughput::Elements(documents.len() as u64));
    group.bench_function(format!("{} sample reports", documents.len()), |b| {
        b.iter(|| {
            for document in &documents {
                std::hint::black_box(nianbao_export_pdf::render(document, &context).expect("renders"));
            }
        })
    });
    group.finish();
    let mut group = c.benchmark_group("pdf-font");
    group.sample_size(10);
    group.bench_function("parse the built-in font", |b| {
        b.iter(|| {
            std::hint::black_box(
                printpdf::ParsedFont::from_bytes(nianbao_export_pdf::fonts::BUILTIN_FONT, 0, &mut Vec::new())
                    .expect("parses"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, pdf_per_report);
criterion_main!(benches);
