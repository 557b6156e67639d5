//! `nianbao rules`, `nianbao rule CODE` and `nianbao formats`: what the tool knows, listed and
//! explained.

use anyhow::Result;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// Writes `text` to standard output.
fn emit(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// `text` padded with spaces to `width` columns (CJK characters are two wide).
fn padded(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// `nianbao rules`: one line per rule, columns aligned by display width.
pub(crate) fn list_rules() -> Result<()> {
    let infos: Vec<_> = nianbao_rules::RULES.iter().map(|rule| rule.info()).collect();
    let name_width = infos.iter().map(|i| i.name.width()).max().unwrap_or(0);
    let mut out = format!(
        "{}  {}  {}  说明\n",
        padded("编号", 7),
        padded("级别", 4),
        padded("名称", name_width)
    );
    for info in infos {
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            padded(info.code, 7),
            padded(info.severity.chinese(), 4),
            padded(info.name, name_width),
            info.title
        ));
    }
    emit(&out)
}

/// `nianbao rule CODE`: the full explanation of one rule (by its code or its name), or of one
/// reader diagnostic.
pub(crate) fn explain(code: &str) -> Result<()> {
    if let Some(rule) = nianbao_rules::rule(code) {
        return emit(&nianbao_rules::explanation(rule));
    }
    if let Some(code) = nianbao_model::Code::parse(code) {
        return emit(&code.markdown());
    }
    anyhow::bail!("没有“{code}”这条规则或读取提示\n提示：nianbao rules 列出全部规则")
}

/// `nianbao formats`: the output formats.
pub(crate) fn list_formats() -> Result<()> {
    let mut out = String::new();
    for exporter in nianbao_export::exporters() {
        out.push_str(&format!(
            "{} {} {}\n",
            padded(exporter.name(), 6),
            padded(&format!(".{}", exporter.extensions()[0]), 7),
            exporter.description()
        ));
    }
    emit(&out)
}
