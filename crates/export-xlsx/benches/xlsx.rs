//! Workbook export: one report's workbook, for each sample report (parsed and checked once,
//! outside the measurement).
//!
//! Run with `cargo bench -p nianbao-export-xlsx`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_export::ExportContext;
use std::path::Path;

fn report_workbooks(c: &mut Criterion) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut documents: Vec<nianbao_model::Document> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|e| {
            let path = e.expect("entry").path();
            let mut document =
                nianbao_parse::parse(&std::fs::read(&path).expect("read"), &path.to_string_lossy())
                    .expect("parses");
            document.findings = nianbao_rules::check(&document.report);
            document
        })
        .collect();
    documents.sort_by(|a, b| a.source.file.cmp(&b.source.file));
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
