//! Text fixtures built from a corpus case's hand-checked facts: the report written out as
//! tab-separated text or as Markdown (as converters emit it), one line per paragraph or table
//! row, so that a test can reshape it the way real files are broken — and knows every fact the
//! result should have.

use crate::Expected;
use nianbao_model::template::{self, TableId};
use nianbao_model::TemplateVersion;

/// How the tables are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Rows as tab-separated lines, headings as plain lines.
    Tabs,
    /// Pipe tables with `|---|` delimiter rows, headings as `## …`.
    Markdown,
}

/// The printed form of a fact of `expected` (`""` for a blank).
pub fn printed(expected: &Expected, key: &str) -> String {
    match expected.facts.get(key) {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The report of a 2021-format case as lines.
pub fn report_lines(expected: &Expected, style: Style) -> Vec<String> {
    assert_eq!(expected.format, "2021", "the fixtures write the 2021 template");
    let heading = |text: &str| match style {
        Style::Tabs => text.to_owned(),
        Style::Markdown => format!("## {text}"),
    };
    let row = |cells: &[String]| match style {
        Style::Tabs => cells.join("\t"),
        Style::Markdown => format!("| {} |", cells.join(" | ")),
    };
    let delimiter = |width: usize| match style {
        Style::Tabs => None,
        Style::Markdown => Some(format!("|{}", "---|".repeat(width))),
    };
    let value =
        |id: TableId, row: &str, column: &str| printed(expected, &template::fact_key(id, row, column));
    let mut lines = vec![
        format!("{}{}年政府信息公开工作年度报告", expected.agency, expected.year),
        "本报告根据《中华人民共和国政府信息公开条例》编制。".to_owned(),
        heading("一、总体情况"),
        "本机关认真贯彻落实政府信息公开条例，主动公开、依申请公开、政府信息管理、平台建设和监督保障工作稳步推进。".to_owned(),
        heading("二、主动公开政府信息情况"),
    ];
    // Table 2: each block's caption, header and rows.
    let table2 = template::spec(TableId::T2, TemplateVersion::V2021);
    let mut i = 0;
    while i < table2.rows.len() {
        let group = table2.rows[i].group.unwrap_or("");
        let block: Vec<_> = table2.rows[i..]
            .iter()
            .take_while(|r| r.group.unwrap_or("") == group)
            .collect();
        let columns = block[0].columns;
        lines.push(row(&[group.to_owned()]));
        let mut header = vec!["信息内容".to_owned()];
        header.extend(columns.iter().map(|c| c.label.to_owned()));
        lines.push(row(&header));
        lines.extend(delimiter(header.len()));
        for spec in &block {
            let mut cells = vec![spec.label.to_owned()];
            cells.extend(spec.columns.iter().map(|c| value(TableId::T2, spec.key, c.key)));
            lines.push(row(&cells));
        }
        i += block.len();
    }
    lines.push(heading("三、收到和处理政府信息公开申请情况"));
    // Table 3: the header, then one row per template row: group cell (on a group's first row),
    // label, seven values.
    let mut header = vec![
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".to_owned(),
        String::new(),
    ];
    header.extend(template::T3_COLUMNS.iter().map(|c| c.label.to_owned()));
    lines.push(row(&header));
    lines.extend(delimiter(header.len()));
    let mut previous_group = None;
    for spec in template::spec(TableId::T3, TemplateVersion::V2021).rows {
        let group = match spec.group {
            Some(group) if Some(group) != previous_group => group.to_owned(),
            _ => String::new(),
        };
        previous_group = spec.group;
        let mut cells = vec![group, spec.label.to_owned()];
        cells.extend(spec.columns.iter().map(|c| value(TableId::T3, spec.key, c.key)));
        lines.push(row(&cells));
    }
    lines.push(heading("四、政府信息公开行政复议、行政诉讼情况"));
    let mut first = vec![
        "行政复议".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ];
    first.push("行政诉讼".to_owned());
    first.extend(std::iter::repeat_n(String::new(), 9));
    lines.push(row(&first));
    lines.extend(delimiter(15));
    let mut second: Vec<String> = std::iter::repeat_n(String::new(), 5).collect();
    second.push("未经复议直接起诉".to_owned());
    second.extend(std::iter::repeat_n(String::new(), 4));
    second.push("复议后起诉".to_owned());
    second.extend(std::iter::repeat_n(String::new(), 4));
    lines.push(row(&second));
    let labels: Vec<String> = (0..3)
        .flat_map(|_| template::T4_COLUMNS.iter().map(|c| c.label.to_owned()))
        .collect();
    lines.push(row(&labels));
    let values: Vec<String> = template::TABLE4
        .rows
        .iter()
        .flat_map(|r| r.columns.iter().map(move |c| value(TableId::T4, r.key, c.key)))
        .collect();
    lines.push(row(&values));
    lines.extend([
        heading("五、存在的主要问题及改进情况"),
        "一是信息公开的及时性有待提高。二是解读形式还需丰富。".to_owned(),
        heading("六、其他需要报告的事项"),
        "本年度未收取信息处理费。".to_owned(),
        expected.agency.clone(),
        format!("{}年1月20日", expected.year + 1),
    ]);
    lines
}

/// The index of the first line containing `text`.
pub fn line_with(lines: &[String], text: &str) -> usize {
    lines
        .iter()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line holds {text:?}"))
}
