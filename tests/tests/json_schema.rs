//! The JSON export of every corpus report validates against the published schema.

use nianbao_export::{ExportContext, Exporter};
use nianbao_export_json::JsonExporter;
use nianbao_tests::{corpus_dir, repo_dir};

#[test]
fn every_corpus_export_validates_against_the_published_schema() {
    let schema_path = repo_dir().join("schemas/nianbao-report.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("published schema"))
            .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut inputs: Vec<std::path::PathBuf> = std::fs::read_dir(corpus_dir().join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    for case in std::fs::read_dir(corpus_dir().join("real")).expect("real cases") {
        let source = case.expect("entry").path().join("source.txt");
        if source.exists() {
            inputs.push(source);
        }
    }
    assert!(inputs.len() >= 9, "seeds and text cases: {}", inputs.len());
    for input in inputs {
        let bytes = std::fs::read(&input).expect("readable");
        let document = nianbao_parse::parse(&bytes, &input.to_string_lossy()).expect("parses");
        let mut out = Vec::new();
        JsonExporter
            .export(&document, &ExportContext::default(), &mut out)
            .expect("exports");
        let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {}", input.display(), errors.join("\n"));
    }
}

#[test]
fn the_schema_rejects_what_it_should() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_dir().join("schemas/nianbao-report.schema.json")).expect("schema"),
    )
    .expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("compiles");
    let bytes = std::fs::read(repo_dir().join("samples/002_9ab6ef9a76a23be4.txt")).expect("sample");
    let document = nianbao_parse::parse(&bytes, "002.txt").expect("parses");
    let mut out = Vec::new();
    JsonExporter
        .export(&document, &ExportContext::default(), &mut out)
        .expect("exports");
    let mut json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert!(validator.is_valid(&json));
    json["format"] = serde_json::json!("2020");
    assert!(
        !validator.is_valid(&json),
        "an unknown template version must not validate"
    );
    json["format"] = serde_json::json!("2021");
    json["report"]["table3"]["rows"][0]["cells"][0]["value"] =
        serde_json::json!({"kind": "number", "number": "12a"});
    assert!(!validator.is_valid(&json), "a malformed number must not validate");
    json["report"]["table3"]["rows"][0]["cells"][0]["value"] =
        serde_json::json!({"kind": "number", "number": "-12.5"});
    assert!(validator.is_valid(&json));
}
