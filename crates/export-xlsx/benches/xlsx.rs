//! Workbook export: one report's workbook, for each sample report (parsed and checked once,
//! outside the measurement).
//!
//! Run with `cargo bench -p nianbao-export-xlsx`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_export::ExportContext;

fn report_workbooks(c: &mut Criterion) {
    let documents = nianbao_tests::checked_samples();
    let context = ExportContext::default();
    let mut group = c.benchmark_group("xlsx");
    group.throughput(Throughput::Elements(documents.len() as u64));
    group.bench_function(format!("{} report workbooks", documents.len()), |b| {
        b.iter(|| {
            for document in &documents {
                std::hint::black_box(
                    nianbao_export_xlsx::report_workbook(document, &context).expect("workbook"),
                );
            }
        })
    });
    group.finish();
}

criterion_group!(benches, report_workbooks);
criterion_main!(benches);
