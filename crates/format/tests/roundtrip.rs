//! report → XML → report and report → JSON → report are lossless, for every corpus report and
//! for generated reports; hostile XML gives a clear error, quickly, without panicking.

use nianbao_model::template::{self, TableId, TemplateVersion};
use nianbao_model::{Cell, CellValue, Document, Number, PagePlace, Span, Spanned};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// The samples and every real case of the corpus, parsed and checked, with a SHA-256 recorded,
/// without the page map a PDF's reader keeps for placing findings (it is not stored: the spans
/// carry their places).
fn corpus() -> Vec<Document> {
    nianbao_tests::reports()
        .iter()
        .map(|path| {
            let mut d = nianbao_tests::checked_document(path);
            d.source.sha256 = Some("0".repeat(64));
            d.pages = nianbao_model::PageMap::default();
            d
        })
        .collect()
}

fn via_xml(document: &Document) -> Document {
    let mut out = Vec::new();
    nianbao_format::xml::write(document, &mut out).expect("writes");
    let text = String::from_utf8(out).expect("UTF-8");
    nianbao_format::xml::read(&text).unwrap_or_else(|e| panic!("reads back: {e}"))
}

fn via_json(document: &Document) -> Document {
    let mut out = Vec::new();
    nianbao_format::json::write(document, &mut out).expect("writes");
    nianbao_parse::parse(&out, "report.json").unwrap_or_else(|e| panic!("reads back: {e}"))
}

#[test]
fn every_corpus_report_round_trips() {
    let documents = corpus();
    assert!(documents.len() >= 9);
    for document in &documents {
        assert_eq!(&via_xml(document), document, "{} via XML", document.source.file);
        assert_eq!(&via_json(document), document, "{} via JSON", document.source.file);
        // Through the public entry point too, by extension.
        let mut xml = Vec::new();
        nianbao_format::xml::write(document, &mut xml).expect("writes");
        assert_eq!(&nianbao_parse::parse(&xml, "r.xml").expect("parses"), document);
        assert_eq!(
            &nianbao_parse::parse(&xml, "-").expect("sniffed"),
            document,
            "content sniffing"
        );
    }
}

/// Any printed value a cell can hold.
fn cell_value() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        "[+-]?[0-9]{1,6}(\\.[0-9]{1,6})?".prop_map(|s| CellValue::Number {
            number: Number::parse(&s).expect("number")
        }),
        ("[0-9]{1,8}", prop_oneof![Just("元"), Just("万元")]).prop_map(|(n, u)| CellValue::Quantity {
            number: Number::parse(&n).expect("number"),
            unit: u.to_owned()
        }),
        Just(CellValue::Blank),
        prop_oneof![Just("/"), Just("—"), Just("无")]
            .prop_map(|t| CellValue::Placeholder { text: t.to_owned() }),
        "[\\PC<>&\"'\\r\\n\\t ]{0,12}".prop_map(|t| CellValue::Text { text: t }),
        "[\\PC]{0,10}".prop_map(|r| CellValue::Unresolved { reason: r }),
    ]
}

fn span() -> impl Strategy<Value = Option<Span>> {
    prop::option::of(
        (
            (0usize..1_000_000, 0usize..1000, 1u32..10_000, 1u32..500),
            prop::option::of((1u32..500, [0u32..600, 0u32..900, 0u32..600, 0u32..900])),
        )
            .prop_map(|((start, len, line, column), place)| Span {
                place: place.map(|(page, bbox)| PagePlace { page, bbox }),
                ..Span::new(start, start + len, line, column)
            }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_reports_round_trip(
        base in 0usize..9,
        values in prop::collection::vec((cell_value(), span()), 250),
        body in "[\\PC\\r\\n<>&]{0,80}",
        agency in "[\\PC]{1,20}",
        constituents in prop::collection::vec(("[\\PC]{1,16}", prop::option::of("[\\PC]{1,8}"), prop::option::of(1990i32..2100), prop::option::of("[0-9a-f]{64}")), 0..4),
    ) {
        let documents = corpus();
        let mut document = documents[base % documents.len()].clone();
        let version = document.report.metadata.template.version.unwrap_or(TemplateVersion::V2021);
        let mut values = values.into_iter();
        for id in [TableId::T2, TableId::T3, TableId::T4] {
            let spec = template::spec(id, version);
            let table = match id {
                TableId::T2 => document.report.table2.as_mut(),
                TableId::T3 => document.report.table3.as_mut(),
                TableId::T4 => document.report.table4.as_mut(),
            };
            if let Some(table) = table {
                for (row, row_spec) in table.rows.iter_mut().zip(spec.rows) {
                    prop_assert_eq!(row.cells.len(), row_spec.columns.len());
                    for cell in &mut row.cells {
                        let (value, span) = values.next().expect("enough values");
                        *cell = Cell { value, span };
                    }
                }
            }
        }
        if let Some(section) = document.report.sections.first_mut() {
            section.text = body;
        }
        document.report.metadata.agency = Some(Spanned { value: agency, span: None });
        document.constituents = constituents
            .into_iter()
            .map(|(file, agency, year, sha256)| nianbao_model::Constituent { file, agency, year, sha256 })
            .collect();
        prop_assert_eq!(&via_xml(&document), &document);
        prop_assert_eq!(&via_json(&document), &document);
    }
}

/// Reads hostile input, failing the test if it takes long or panics; returns the error text.
fn hostile(text: &str) -> String {
    let started = Instant::now();
    let result = std::panic::catch_unwind(|| nianbao_format::xml::read(text));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    match result {
        Ok(Ok(_)) => panic!("accepted hostile input"),
        Ok(Err(error)) => error.to_string(),
        Err(_) => panic!("panicked"),
    }
}

#[test]
fn hostile_xml_is_refused_clearly() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<report xmlns="urn:nianbao:report:1">&lol3;</report>"#;
    assert!(hostile(laughs).contains("DOCTYPE"), "{}", hostile(laughs));
    let external = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><report xmlns="urn:nianbao:report:1">&x;</report>"#;
    assert!(hostile(external).contains("DOCTYPE"));
    let undefined = r#"<report xmlns="urn:nianbao:report:1">&x;</report>"#;
    assert!(hostile(undefined).contains("&x;"), "{}", hostile(undefined));
    let huge = format!(
        r#"<report xmlns="urn:nianbao:report:1"><t>{}</t></report>"#,
        "a".repeat(100 * 1024 * 1024)
    );
    assert!(hostile(&huge).contains("过大"));
    let namespace = r#"<report xmlns="urn:other:1"><provenance/></report>"#;
    assert!(hostile(namespace).contains("命名空间应为 urn:nianbao:report:1"));
    let missing = r#"<report xmlns="urn:nianbao:report:1"><metadata/></report>"#;
    assert!(
        hostile(missing).contains("report：缺少元素 provenance"),
        "{}",
        hostile(missing)
    );
    let deep = format!(
        r#"<report xmlns="urn:nianbao:report:1">{}{}</report>"#,
        "<a>".repeat(100),
        "</a>".repeat(100)
    );
    assert!(hostile(&deep).contains("嵌套过深"));
    let truncated = r#"<report xmlns="urn:nianbao:report:1"><provenance file="x""#;
    let _ = hostile(truncated);
}

#[test]
fn an_invalid_cell_is_named() {
    let documents = corpus();
    let document = documents
        .iter()
        .find(|d| d.source.file == "000_2ed7b50f6a4f35f4.txt")
        .expect("seed 000");
    let mut out = Vec::new();
    nianbao_format::xml::write(document, &mut out).expect("writes");
    let text = String::from_utf8(out)
        .expect("UTF-8")
        .replacen("<count>0</count>", "<count>zero</count>", 1);
    let error = nianbao_format::xml::read(&text).expect_err("refused").to_string();
    assert!(
        error.contains("report/table[t2]/row[regulations]/cell[issued]/count")
            && error.contains("“zero”不是数字"),
        "{error}"
    );
}
