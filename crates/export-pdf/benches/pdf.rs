//! PDF export: one archive PDF per sample report (parsed and checked once, and the fonts loaded
//! once, outside the measurement).
//!
//! Run with `cargo bench -p nianbao-export-pdf`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_export::ExportContext;

fn pdf_per_report(c: &mut Criterion) {
    let documents = nianbao_tests::checked_samples();
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
                printpdf::ParsedFont::from_bytes(nianbao_export_pdf::BUILTIN_FONT, 0, &mut Vec::new())
                    .expect("parses"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, pdf_per_report);
criterion_main!(benches);
