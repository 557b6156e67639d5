//! Every corpus report is a test case: its parsed facts must equal the hand-checked ones.

use nianbao_tests::{corpus_dir, differences, load_expected, real_cases, repo_dir, PENDING};
use std::path::Path;

fn parse_file(path: &Path) -> nianbao_model::Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    nianbao_parse::parse(&bytes, &path.to_string_lossy())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn seeds_match_their_hand_read_facts() {
    let seeds = corpus_dir().join("seeds");
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&seeds).unwrap_or_else(|e| panic!("{}: {e}", seeds.display())) {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_path = repo_dir()
            .join("tests/expected/seeds")
            .join(format!("{stem}.json"));
        assert!(
            expected_path.exists(),
            "seed {stem} has no expectation in tests/expected/seeds"
        );
        let diffs = differences(&parse_file(&path), &load_expected(&expected_path));
        failures.extend(diffs.into_iter().map(|d| format!("{stem}: {d}")));
        checked += 1;
    }
    assert!(checked >= 5, "expected the five seeds, found {checked}");
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn real_reports_match_expected_json() {
    let mut checked = 0;
    let mut pending = Vec::new();
    let mut failures = Vec::new();
    for (name, source) in real_cases() {
        let case = source.parent().expect("the case directory").to_path_buf();
        let has_reader = nianbao_parse::reader_for(&source.to_string_lossy()).is_ok();
        let listed = PENDING.iter().find(|(n, _)| *n == name);
        match (has_reader, listed) {
            (false, Some((_, why))) => {
                pending.push(format!("{name} ({why})"));
                continue;
            }
            (false, None) => panic!(
                "case {name}: no reader for {}, and it is not listed as pending",
                source.display()
            ),
            (true, Some(_)) => panic!("case {name} is listed as pending but now has a reader: test it"),
            (true, None) => {}
        }
        let diffs = differences(&parse_file(&source), &load_expected(&case.join("expected.json")));
        failures.extend(diffs.into_iter().map(|d| format!("{name}: {d}")));
        checked += 1;
    }
    eprintln!("checked {checked} real cases; pending: {}", pending.join(", "));
    assert!(
        checked >= 4,
        "expected at least the four text cases, checked {checked}"
    );
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
