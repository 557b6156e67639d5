//! Reading the format back, from untrusted input.
//!
//! The text is first read into a small tree (bounded in size and depth; a DOCTYPE, and with it
//! any entity definition, is refused; only XML's five predefined entities and character
//! references are expanded), then mapped onto the model. Every error names the element it is
//! about, as a path (`report/table[t3]/row[granted]/cell`).

use super::NAMESPACE;
use nianbao_model::template::{self, TableId, TemplateVersion};
use nianbao_model::{
    Cell, CellValue, Constituent, Date, DetectionBasis, Diagnostic, Document, Finding, InputKind, Metadata,
    Number, PageMap, PagePlace, Period, Report, Row, Section, SectionKind, Severity, SignOff, SourceInfo,
    Span, Spanned, Status, Table, TemplateInfo,
};
use nianbao_safe_xml::{walk, Refused, Step};

/// The largest input read, in bytes.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting of elements accepted.
pub const MAX_DEPTH: usize = 12;

/// Why an XML input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    /// Larger than [`MAX_BYTES`].
    #[error("XML 文件过大（{0} 字节，上限 {MAX_BYTES} 字节）")]
    TooLarge(usize),
    /// Not well-formed, or using what this format forbids (DTD, unknown entities, deep
    /// nesting).
    #[error("XML 格式错误：{0}")]
    Syntax(nianbao_safe_xml::XmlError),
    /// Well-formed, but not this format.
    #[error("XML 内容不符合 nianbao 报告格式：{path}：{message}")]
    Invalid {
        /// The element concerned.
        path: String,
        /// What was expected.
        message: String,
    },
}

/// An element of the tree: name, attributes, text, children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

/// Reads a document written by [`super::write()`].
///
/// # Errors
/// [`XmlError`] naming the element (or byte position) when the input is too large, not
/// well-formed, has a DTD or entity definitions, or is not this format.
pub fn read(text: &str) -> Result<Document, XmlError> {
    if text.len() > MAX_BYTES {
        return Err(XmlError::TooLarge(text.len()));
    }
    let root = tree(text)?;
    let path = Path(vec!["report".to_owned()]);
    if root.name != "report" {
        return Err(path.invalid(format!("根元素应为 report，实际为 {}", root.name)));
    }
    let namespace = root.attribute("xmlns").unwrap_or_default();
    if namespace != NAMESPACE {
        return Err(path.invalid(format!("命名空间应为 {NAMESPACE}，实际为“{namespace}”")));
    }
    document(&root, &path)
}

fn tree(text: &str) -> Result<Node, XmlError> {
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    let walked = walk(text, MAX_DEPTH, |step| {
        match step {
            Step::Start(start) => {
                let mut node = Node {
                    name: start.name().as_ref().to_owned(),
                    ..Node::default()
                };
                for attribute in start.attributes() {
                    let attribute = attribute.map_err(|e| e.to_string())?;
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .map_err(|e| e.to_string())?;
                    node.attributes
                        .push((attribute.key.as_ref().to_owned(), value.into_owned()));
                }
                stack.push(node);
            }
            Step::End(_) => {
                let node = stack.pop().ok_or("多余的结束标签")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Step::Text(text) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(text);
                }
            }
        }
        Ok::<(), String>(())
    });
    match walked {
        Ok(()) => root.ok_or(XmlError::Syntax(nianbao_safe_xml::XmlError::Incomplete)),
        Err(Refused::Xml(error)) => Err(XmlError::Syntax(error)),
        Err(Refused::Visitor(message)) => Err(XmlError::Syntax(nianbao_safe_xml::XmlError::Syntax {
            position: 0,
            message,
        })),
    }
}

impl Node {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'n Node> + 'n {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Where in the document an error is.
#[derive(Clone)]
struct Path(Vec<String>);

impl Path {
    fn then(&self, step: impl Into<String>) -> Path {
        let mut steps = self.0.clone();
        steps.push(step.into());
        Path(steps)
    }

    fn invalid(&self, message: impl Into<String>) -> XmlError {
        XmlError::Invalid {
            path: self.0.join("/"),
            message: message.into(),
        }
    }

    fn required<'n>(&self, node: &'n Node, name: &str) -> Result<&'n Node, XmlError> {
        node.child(name)
            .ok_or_else(|| self.invalid(format!("缺少元素 {name}")))
    }

    fn attribute<'n>(&self, node: &'n Node, name: &str) -> Result<&'n str, XmlError> {
        node.attribute(name)
            .ok_or_else(|| self.invalid(format!("缺少属性 {name}")))
    }

    fn span(&self, node: &Node) -> Result<Option<Span>, XmlError> {
        node.attribute("at")
            .map(|at| {
                let span = parse_span(at)
                    .ok_or_else(|| self.invalid(format!("位置 at=\"{at}\" 应为四个非负整数")))?;
                Ok(Span {
                    place: self.place(node)?,
                    ..span
                })
            })
            .transpose()
    }

    /// The `page` and `box` of an element, if it has them (both or neither).
    fn place(&self, node: &Node) -> Result<Option<PagePlace>, XmlError> {
        match (node.attribute("page"), node.attribute("box")) {
            (None, None) => Ok(None),
            (Some(page), Some(bbox)) => {
                let page = page
                    .parse::<u32>()
                    .ok()
                    .filter(|&p| p > 0)
                    .ok_or_else(|| self.invalid(format!("页码 page=\"{page}\" 应为正整数")))?;
                let numbers: Result<Vec<u32>, _> = bbox.split_whitespace().map(str::parse).collect();
                match numbers.ok().map(<[u32; 4]>::try_from) {
                    Some(Ok(bbox)) => Ok(Some(PagePlace { page, bbox })),
                    _ => Err(self.invalid(format!("页面位置 box=\"{bbox}\" 应为四个非负整数"))),
                }
            }
            _ => Err(self.invalid("page 与 box 两个属性应同时出现")),
        }
    }

    fn spanned(&self, node: &Node) -> Result<Spanned<String>, XmlError> {
        Ok(Spanned {
            value: node.text.clone(),
            span: self.span(node)?,
        })
    }

    fn date(&self, text: &str) -> Result<Date, XmlError> {
        let mut parts = text.splitn(3, '-').map(str::parse::<i64>);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) => Ok(Date {
                year: i32::try_from(year).map_err(|_| self.invalid(format!("日期 {text} 不对")))?,
                month: u32::try_from(month).map_err(|_| self.invalid(format!("日期 {text} 不对")))?,
                day: u32::try_from(day).map_err(|_| self.invalid(format!("日期 {text} 不对")))?,
            }),
            _ => Err(self.invalid(format!("日期应为 YYYY-MM-DD，实际为 {text}"))),
        }
    }

    fn boolean(&self, text: &str) -> Result<bool, XmlError> {
        match text {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(self.invalid(format!("应为 true 或 false，实际为 {text}"))),
        }
    }
}

fn parse_span(text: &str) -> Option<Span> {
    let mut parts = text.split_whitespace().map(str::parse::<u64>);
    let mut next = || parts.next()?.ok();
    let span = Span {
        start: usize::try_from(next()?).ok()?,
        end: usize::try_from(next()?).ok()?,
        line: u32::try_from(next()?).ok()?,
        column: u32::try_from(next()?).ok()?,
        place: None,
    };
    parts.next().is_none().then_some(span)
}

fn version(path: &Path, text: &str) -> Result<TemplateVersion, XmlError> {
    match text {
        "2019" => Ok(TemplateVersion::V2019),
        "2021" => Ok(TemplateVersion::V2021),
        _ => Err(path.invalid(format!("格式版本应为 2019 或 2021，实际为 {text}"))),
    }
}

fn severity(path: &Path, text: &str) -> Result<Severity, XmlError> {
    match text {
        "info" => Ok(Severity::Info),
        "warning" => Ok(Severity::Warning),
        "error" => Ok(Severity::Error),
        _ => Err(path.invalid(format!("级别应为 info、warning 或 error，实际为 {text}"))),
    }
}

fn document(root: &Node, path: &Path) -> Result<Document, XmlError> {
    let provenance_path = path.then("provenance");
    let provenance = path.required(root, "provenance")?;
    let reader = provenance_path.attribute(provenance, "reader")?;
    let source = SourceInfo {
        file: provenance_path.attribute(provenance, "file")?.to_owned(),
        kind: match reader {
            "text" => InputKind::Text,
            "html" => InputKind::Html,
            "docx" => InputKind::Docx,
            "markdown" => InputKind::Markdown,
            "pdf" => InputKind::Pdf,
            "json" => InputKind::Json,
            "xml" => InputKind::Xml,
            "aggregate" => InputKind::Aggregate,
            other => return Err(provenance_path.invalid(format!("未知的读取器 {other}"))),
        },
        encoding: provenance_path.attribute(provenance, "encoding")?.to_owned(),
        bom: provenance_path.boolean(provenance_path.attribute(provenance, "bom")?)?,
        sha256: provenance.attribute("sha256").map(str::to_owned),
    };
    let mut constituents = Vec::new();
    if let Some(node) = root.child("constituents") {
        for report in node.all("report") {
            let path = path.then("constituents/report");
            let year = report
                .attribute("year")
                .map(|y| {
                    y.parse()
                        .map_err(|_| path.invalid(format!("年度应为整数，实际为 {y}")))
                })
                .transpose()?;
            constituents.push(Constituent {
                file: path.attribute(report, "file")?.to_owned(),
                agency: report.attribute("agency").map(str::to_owned),
                year,
                sha256: report.attribute("sha256").map(str::to_owned),
            });
        }
    }
    let metadata = metadata(path.required(root, "metadata")?, &path.then("metadata"))?;
    let sections_path = path.then("sections");
    let mut sections = Vec::new();
    for node in path.required(root, "sections")?.all("section") {
        let path = sections_path.then("section");
        let kind = path.attribute(node, "kind")?;
        let kind = SectionKind::ALL
            .into_iter()
            .find(|k| super::section_kind(*k) == kind)
            .ok_or_else(|| path.invalid(format!("未知的部分 {kind}")))?;
        let path = sections_path.then(format!("section[{kind:?}]"));
        let body = path.required(node, "body")?;
        sections.push(Section {
            kind,
            heading: path.spanned(path.required(node, "heading")?)?,
            text: body.text.clone(),
            body: path.span(body)?.ok_or_else(|| path.invalid("body 缺少位置 at"))?,
        });
    }
    let mut report = Report {
        metadata,
        sections,
        table2: None,
        table3: None,
        table4: None,
    };
    for node in root.all("table") {
        let id = path.then("table").attribute(node, "id")?;
        let path = path.then(format!("table[{id}]"));
        let id = match id {
            "t2" => TableId::T2,
            "t3" => TableId::T3,
            "t4" => TableId::T4,
            other => return Err(path.invalid(format!("未知的表 {other}"))),
        };
        let version = report
            .metadata
            .template
            .version
            .ok_or_else(|| path.invalid("有表格但 template 没有 version"))?;
        let table = table(node, &path, id, version)?;
        match id {
            TableId::T2 => report.table2 = Some(table),
            TableId::T3 => report.table3 = Some(table),
            TableId::T4 => report.table4 = Some(table),
        }
    }
    let mut diagnostics = Vec::new();
    for node in path.required(root, "diagnostics")?.all("diagnostic") {
        let path = path.then("diagnostics/diagnostic");
        diagnostics.push(Diagnostic {
            code: path.attribute(node, "code")?.to_owned(),
            severity: severity(&path, path.attribute(node, "severity")?)?,
            message: path.required(node, "message")?.text.clone(),
            span: path.span(node)?,
            facts: node.all("fact").map(|f| f.text.clone()).collect(),
        });
    }
    let mut findings = Vec::new();
    for node in path.required(root, "findings")?.all("finding") {
        let path = path.then("findings/finding");
        let status = match path.attribute(node, "status")? {
            "failed" => Status::Failed,
            "incomplete" => Status::Incomplete,
            "note" => Status::Note,
            other => return Err(path.invalid(format!("未知的状态 {other}"))),
        };
        let spans = node
            .all("at")
            .map(|at| {
                let span = parse_span(&at.text)
                    .ok_or_else(|| path.invalid(format!("位置“{}”应为四个非负整数", at.text)))?;
                Ok(Span {
                    place: path.place(at)?,
                    ..span
                })
            })
            .collect::<Result<_, XmlError>>()?;
        findings.push(Finding {
            rule: path.attribute(node, "rule")?.to_owned(),
            name: path.attribute(node, "name")?.to_owned(),
            severity: severity(&path, path.attribute(node, "severity")?)?,
            status,
            message: path.required(node, "message")?.text.clone(),
            hint: node.child("hint").map(|h| h.text.clone()),
            cells: node.all("fact").map(|f| f.text.clone()).collect(),
            spans,
        });
    }
    Ok(Document {
        source,
        report,
        diagnostics,
        findings,
        constituents,
        pages: PageMap::default(),
    })
}

fn metadata(node: &Node, path: &Path) -> Result<Metadata, XmlError> {
    let text = |name: &str| node.child(name).map(|n| path.then(name).spanned(n)).transpose();
    let year = match node.child("year") {
        Some(year) => {
            let value = year.text.trim().parse().map_err(|_| {
                path.then("year")
                    .invalid(format!("年度应为整数，实际为 {}", year.text))
            })?;
            Some(Spanned {
                value,
                span: path.then("year").span(year)?,
            })
        }
        None => None,
    };
    let period = match node.child("period") {
        Some(period) => {
            let path = path.then("period");
            let value = Period {
                start: path.date(path.attribute(period, "start")?)?,
                end: path.date(path.attribute(period, "end")?)?,
            };
            Some(Spanned {
                value,
                span: path.span(period)?,
            })
        }
        None => None,
    };
    let sign_off = match node.child("signOff") {
        Some(sign_off) => {
            let path = path.then("signOff");
            Some(SignOff {
                agency: sign_off
                    .child("agency")
                    .map(|a| path.then("agency").spanned(a))
                    .transpose()?,
                date: Spanned {
                    value: path.date(path.attribute(sign_off, "date")?)?,
                    span: path.span(sign_off)?,
                },
            })
        }
        None => None,
    };
    let template_path = path.then("template");
    let template = path.required(node, "template")?;
    let basis = match template_path.attribute(template, "basis")? {
        "markers" => DetectionBasis::Markers,
        "report_year" => DetectionBasis::ReportYear,
        "undetermined" => DetectionBasis::Undetermined,
        other => return Err(template_path.invalid(format!("未知的判断依据 {other}"))),
    };
    let markers = |edition: &str| {
        template
            .all("marker")
            .filter(|m| m.attribute("edition") == Some(edition))
            .map(|m| m.text.clone())
            .collect()
    };
    Ok(Metadata {
        title: text("title")?,
        agency: text("agency")?,
        year,
        period,
        sign_off,
        preamble: text("preamble")?,
        template: TemplateInfo {
            version: template
                .attribute("version")
                .map(|v| version(&template_path, v))
                .transpose()?,
            basis,
            markers_2019: markers("2019"),
            markers_2021: markers("2021"),
            hybrid: template_path.boolean(template_path.attribute(template, "hybrid")?)?,
        },
    })
}

fn table(node: &Node, path: &Path, id: TableId, version: TemplateVersion) -> Result<Table, XmlError> {
    let spec = template::spec(id, version);
    let mut rows = Vec::new();
    for row in node.all("row") {
        let key = path.then("row").attribute(row, "key")?;
        let path = path.then(format!("row[{key}]"));
        let row_spec = spec
            .row(key)
            .ok_or_else(|| path.invalid(format!("{version}版格式的表中没有这一行")))?;
        let cells: Vec<&Node> = row.all("cell").collect();
        if cells.len() != row_spec.columns.len() {
            return Err(path.invalid(format!(
                "应有 {} 个单元格，实际 {} 个",
                row_spec.columns.len(),
                cells.len()
            )));
        }
        let cells = cells
            .into_iter()
            .zip(row_spec.columns)
            .map(|(cell, column)| {
                let path = path.then(format!("cell[{}]", column.key));
                let expected = template::fact_key(id, key, column.key);
                let found = path.attribute(cell, "key")?;
                if found != expected {
                    return Err(path.invalid(format!("单元格应为 {expected}，实际为 {found}")));
                }
                Ok(Cell {
                    value: cell_value(cell, &path)?,
                    span: path.span(cell)?,
                })
            })
            .collect::<Result<_, _>>()?;
        rows.push(Row {
            key: key.to_owned(),
            label: row
                .child("printed")
                .map(|p| path.then("printed").spanned(p))
                .transpose()?,
            cells,
        });
    }
    Ok(Table { id, rows })
}

fn cell_value(cell: &Node, path: &Path) -> Result<CellValue, XmlError> {
    let [value] = cell.children.as_slice() else {
        return Err(path.invalid("单元格应有且只有一个值元素"));
    };
    let number = |text: &str| {
        Number::parse(text.trim())
            .ok_or_else(|| path.then(value.name.clone()).invalid(format!("“{text}”不是数字")))
    };
    Ok(match value.name.as_str() {
        "count" | "integer" | "decimal" => CellValue::Number {
            number: number(&value.text)?,
        },
        "quantity" => CellValue::Quantity {
            number: number(&value.text)?,
            unit: path.then("quantity").attribute(value, "unit")?.to_owned(),
        },
        "blank" => CellValue::Blank,
        "placeholder" => CellValue::Placeholder {
            text: value.text.clone(),
        },
        "text" => CellValue::Text {
            text: value.text.clone(),
        },
        "unresolved" => CellValue::Unresolved {
            reason: path.then("unresolved").attribute(value, "reason")?.to_owned(),
        },
        other => return Err(path.invalid(format!("未知的值元素 {other}"))),
    })
}
