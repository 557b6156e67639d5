//! XML exports validate against the published XSD (with xmllint, the schema's real client), keep
//! blank, zero, placeholder and text cells apart, escape what they must, and are deterministic.

use nianbao_model::{CellValue, Document};
use nianbao_tests::{checked_document, repo_dir, reports};
use std::process::Command;

fn xml(document: &Document) -> String {
    let mut out = Vec::new();
    nianbao_format::xml::write(document, &mut out).expect("writes");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn every_corpus_export_validates_against_the_xsd() {
    if !nianbao_tests::tool_available("xmllint", "libxml2-utils") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("nianbao-xml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut files = Vec::new();
    for (i, path) in reports().iter().enumerate() {
        let file = dir.join(format!("{i}.xml"));
        std::fs::write(&file, xml(&checked_document(path))).expect("write");
        files.push(file);
    }
    let output = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(repo_dir().join("schemas/nianbao-report-1.xsd"))
        .args(&files)
        .output()
        .expect("xmllint runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches(" validates").count(), files.len(), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn blank_zero_placeholder_and_text_stay_apart_and_text_is_escaped() {
    let mut document = checked_document(&repo_dir().join("samples/000_2ed7b50f6a4f35f4.txt"));
    let table = document.report.table3.as_mut().expect("table 3");
    table.rows[0].cells[1].value = CellValue::Placeholder { text: "/".into() };
    table.rows[0].cells[2].value = CellValue::Text {
        text: "约<3>件 & 更多".into(),
    };
    document.report.sections[5].text.push_str(" <script>&amp;");
    let text = xml(&document);
    assert!(text.contains("<cell key=\"t3.unable.not_held.total\" column=\"总计\""));
    let not_held = text.split("t3.unable.not_held.total").nth(1).expect("cell");
    assert!(
        not_held
            .trim_start_matches(|c| c != '>')
            .starts_with(">\n        <blank/>"),
        "{}",
        &not_held[..200]
    );
    assert!(text.contains("<count>0</count>"));
    assert!(text.contains("<placeholder>/</placeholder>"));
    assert!(text.contains("<text>约&lt;3&gt;件 &amp; 更多</text>"));
    assert!(text.contains(" &lt;script&gt;&amp;amp;"));
    assert!(text.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns=\"urn:nianbao:report:1\" format=\"2021\">"
    ));
}

#[test]
fn signed_and_decimal_values_keep_their_types() {
    let document = checked_document(&nianbao_tests::corpus_dir().join("real/pingtan-2020-txt/source.txt"));
    let text = xml(&document);
    let cell = |key: &str| {
        text.split(&format!("key=\"{key}\""))
            .nth(1)
            .and_then(|s| s.split("</cell>").next())
            .unwrap_or("")
            .to_owned()
    };
    assert!(
        cell("t2.admin_fees.delta").contains("<integer>-15</integer>"),
        "{}",
        cell("t2.admin_fees.delta")
    );
    assert!(cell("t2.admin_fees.prev_items").contains("<count>35</count>"));
    let document =
        self::checked_document(&nianbao_tests::corpus_dir().join("real/pingtan-2021-txt/source.txt"));
    let text = xml(&document);
    assert!(text.contains("<decimal>24252.311082</decimal>"));
}

#[test]
fn same_document_same_bytes() {
    let document = checked_document(&repo_dir().join("samples/004_208df7f24f8ec3dc.txt"));
    assert_eq!(xml(&document), xml(&document));
}
