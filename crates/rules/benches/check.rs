//! Checking throughput: every rule on every plain-text report of `samples/` and, when the corpus
//! is beside the checkout, of `../shared/corpus/real/`. Parsing happens once, outside the
//! measurement.
//!
//! Run with `cargo bench -p nianbao-rules`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};

fn reports() -> Vec<nianbao_model::Report> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut add_dir = |dir: PathBuf| {
        if let Ok(entries) = std::fs::read_dir(dir) {
            files.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "txt")),
            );
        }
    };
    add_dir(root.join("samples"));
    if let Ok(cases) = std::fs::read_dir(root.join("../shared/corpus/real")) {
        for case in cases.flatten() {
            add_dir(case.path());
        }
    }
    files.sort();
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
