//! Checking throughput: every rule on every plain-text report of `samples/` and, when the corpus
//! is beside the checkout, of `../shared/corpus/real/`. Parsing happens once, outside the
//! measurement.
//!
//! Run with `cargo bench -p nianbao-rules`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn reports() -> Vec<nianbao_model::Report> {
    let mut files = nianbao_tests::samples();
    files.extend(nianbao_tests::corpus_cases(&["txt", "html", "md"]));
    files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("readable input");
            nianbao_parse::parse(&bytes, &p.to_string_lossy())
                .expect("parses")
                .report
        })
        .collect()
}

fn check_corpus(c: &mut Criterion) {
    let reports = reports();
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(reports.len() as u64));
    group.bench_function(format!("{} reports", reports.len()), |b| {
        b.iter(|| {
            for report in &reports {
                std::hint::black_box(nianbao_rules::check(report));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, check_corpus);
criterion_main!(benches);
