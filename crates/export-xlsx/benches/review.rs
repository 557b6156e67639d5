//! A review workbook of 1,000 reports: the samples repeated, parsed and checked once outside the
//! measurement.
//!
//! Run with `cargo bench -p nianbao-export-xlsx --bench review`. Figures are in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use nianbao_export::ExportContext;
use nianbao_export_xlsx::{review_workbook, Entry};

/// How many reports the workbook holds.
const REPORTS: usize = 1000;

fn thousand_reports(c: &mut Criterion) {
    let documents = nianbao_tests::checked_samples();
    let entries: Vec<Entry> = (0..REPORTS)
        .map(|i| Entry {
            file: format!("{i:04}-{}", documents[i % documents.len()].source.file),
            document: documents[i % documents.len()].clone(),
        })
        .collect();
    let mut group = c.benchmark_group("review");
    group.sample_size(10);
    group.bench_function(format!("{REPORTS} reports"), |b| {
        b.iter(|| {
            std::hint::black_box(review_workbook(&entries, &ExportContext::default()).expect("workbook"))
        })
    });
    group.finish();
}

criterion_group!(benches, thousand_reports);
criterion_main!(benches);
