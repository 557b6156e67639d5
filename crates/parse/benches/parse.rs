//! Parse throughput: every plain-text report in `samples/` (always) and in the shared corpus
//! (`../shared/corpus`, when it is beside the checkout), one report at a time on one core.
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

criterion_group!(benches, parse_corpus);
criterion_main!(benches);
