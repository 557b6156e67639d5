//! A parsed input: the report, where it came from, and what the reader noticed.

use crate::codes::Code;
use crate::report::Report;
use crate::span::{PageMap, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Everything a reader produces from one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Where the report came from and how it was decoded.
    pub source: SourceInfo,
    /// The report.
    pub report: Report,
    /// What the reader noticed while reading (never fatal).
    pub diagnostics: Vec<Diagnostic>,
    /// What the rules found (empty until the report is checked).
    #[serde(default)]
    pub findings: Vec<crate::finding::Finding>,
    /// For an aggregate, the reports it sums; empty for a single report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constituents: Vec<Constituent>,
    /// For an input printed on pages, where its text stands, to place the spans of findings made
    /// after reading ([`Document::locate`]). Not part of the stored formats: the spans keep
    /// their places.
    #[serde(skip)]
    #[schemars(skip)]
    pub pages: PageMap,
}

impl Document {
    /// Places every span of the document (report, diagnostics, findings) on its page, by
    /// [`Document::pages`]; spans already placed keep their place.
    pub fn locate(&mut self) {
        let pages = &self.pages;
        if pages.is_empty() {
            return;
        }
        self.report.for_each_span_mut(|span| pages.locate(span));
        for span in self.diagnostics.iter_mut().filter_map(|d| d.span.as_mut()) {
            pages.locate(span);
        }
        for span in self.findings.iter_mut().flat_map(|f| f.spans.iter_mut()) {
            pages.locate(span);
        }
    }
}

/// One report summed into an aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Constituent {
    /// The report's file, as given.
    pub file: String,
    /// Its agency.
    pub agency: Option<String>,
    /// Its year.
    pub year: Option<i32>,
    /// SHA-256 of its source bytes, when known.
    pub sha256: Option<String>,
}

/// Provenance of a parsed report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// The input's file name (without directories), or `-` for standard input.
    pub file: String,
    /// Which reader read it.
    pub kind: InputKind,
    /// The character encoding the bytes were decoded from (`UTF-8`, `GBK`, `GB18030`, …).
    pub encoding: String,
    /// Whether the input started with a byte-order mark.
    pub bom: bool,
    /// SHA-256 of the input's bytes (lowercase hex), when whoever read the bytes computed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// The kinds of input `nianbao` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// Plain text in any of the layouts seen in converted reports.
    Text,
    /// An HTML page (a government portal's report page, or a fragment of one).
    Html,
    /// A Word document in the Office Open XML format (`.docx`), as saved by Word, WPS or
    /// LibreOffice.
    Docx,
    /// Markdown, as produced by document converters: headings, paragraphs and pipe tables.
    Markdown,
    /// A PDF with a text layer, as printed from Word, WPS or LibreOffice.
    Pdf,
    /// nianbao's own JSON export, read back.
    Json,
    /// nianbao's own XML format, read back.
    Xml,
    /// An aggregate of several reports, made by nianbao.
    Aggregate,
}

impl InputKind {
    /// Whether the kind is a source document (a report as its agency wrote it), not nianbao's
    /// own output read back.
    pub fn is_source_document(self) -> bool {
        matches!(
            self,
            InputKind::Text | InputKind::Html | InputKind::Docx | InputKind::Markdown | InputKind::Pdf
        )
    }

    /// The reader's name.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Html => "html",
            InputKind::Docx => "docx",
            InputKind::Markdown => "markdown",
            InputKind::Pdf => "pdf",
            InputKind::Json => "json",
            InputKind::Xml => "xml",
            InputKind::Aggregate => "aggregate",
        }
    }
}

/// How serious a diagnostic or finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Possibly wrong, or read with a guess the user should confirm.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The word a person reads for it: 错误, 警告, 提示.
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Something a reader noticed: an unmatched row, an ambiguous digit run, a hybrid template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable kebab-case code (`row-not-found`, `ambiguous-digits`, …).
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// What happened, in Chinese, for the person who wrote the report.
    pub message: String,
    /// Where in the source, if it concerns a place.
    pub span: Option<Span>,
    /// The fact keys concerned, if it concerns table cells.
    pub facts: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic of `code` (whose severity it takes) with no place and no facts.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: code.as_str().to_owned(),
            severity: code.severity(),
            message: message.into(),
            span: None,
            facts: Vec::new(),
        }
    }

    /// Attaches a place.
    pub fn at(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span;
        self
    }

    /// Attaches the fact keys concerned.
    pub fn with_facts(mut self, facts: Vec<String>) -> Diagnostic {
        self.facts = facts;
        self
    }
}
