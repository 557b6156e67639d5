//! nianbao's own formats: every sample report written as XML and JSON, and read back, one after
//! another (parsing and checking happen once, outside the measurement).
//!
//! Run with `cargo bench -p nianbao-format`. Figures are recorded in `BENCHMARKS.md`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn xml(c: &mut Criterion) {
    let documents = nianbao_tests::checked_samples();
    let texts: Vec<String> = documents
        .iter()
        .map(|d| {
            let mut out = Vec::new();
            nianbao_format::xml::write(d, &mut out).expect("writes");
            String::from_utf8(out).expect("UTF-8")
        })
        .collect();
    let mut group = c.benchmark_group("xml");
    group.throughput(Throughput::Elements(documents.len() as u64));
    group.bench_function(format!("export {} reports", documents.len()), |b| {
        b.iter(|| {
            for document in &documents {
                let mut out = Vec::with_capacity(64 * 1024);
                nianbao_format::xml::write(document, &mut out).expect("writes");
                std::hint::black_box(out);
            }
        })
    });
    group.bench_function(format!("import {} reports", texts.len()), |b| {
        b.iter(|| {
            for text in &texts {
                std::hint::black_box(nianbao_format::xml::read(text).expect("reads"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, xml);
criterion_main!(benches);
