//! `nianbao rules`, `nianbao rule CODE` and `nianbao formats`: what the tool knows, listed and
//! explained.

use anyhow::Result;

/// `nianbao rules`: one line per rule.
pub(crate) fn list_rules() {
    for rule in nianbao_rules::RULES {
        let info = rule.info();
        println!(
            "{:<7} {:<8} {:<36} {}",
            info.code, info.severity, info.name, info.title
        );
    }
}

/// `nianbao rule CODE`: the full explanation of one rule, or of one reader diagnostic.
pub(crate) fn explain(code: &str) -> Result<()> {
    if let Some(rule) = nianbao_rules::rule(code) {
        print!("{}", nianbao_rules::explanation(rule));
        return Ok(());
    }
    if let Some(code) = nianbao_model::Code::parse(code) {
        print!("{}", code.markdown());
        return Ok(());
    }
    anyhow::bail!("没有“{code}”这条规则或读取提示\n提示：nianbao rules 列出全部规则")
}

/// `nianbao formats`: the output formats.
pub(crate) fn list_formats() {
    for exporter in nianbao_export::exporters() {
        println!(
            "{:<6} .{:<6} {}",
            exporter.name(),
            exporter.extensions()[0],
            exporter.description()
        );
    }
}
