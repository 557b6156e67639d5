//! Row labels: how each template row may be printed, and the numbering printed around a label.
//!
//! A label is matched by its words after normalisation ([`Compact`]), never by its numeral:
//! item numbers (`1.`), group numerals (`（一）`) and level-1 numerals (`一、`) are recognised
//! around a match but are not part of the words.

use nianbao_model::template::{self, TableId, TemplateVersion};
use nianbao_normalize::Compact;
use std::sync::OnceLock;

/// One way a row label may be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Alternative {
    /// The words to look for, as printed in the template or in real reports.
    pub(crate) words: &'static str,
    /// Whether this wording belongs to the other template version (`规范性文件` in a 2021 table).
    pub(crate) other_version: bool,
}

/// A wording of this version (a struct literal, so that the slices below are promoted to
/// statics).
macro_rules! words {
    ($words:literal) => {
        Alternative {
            words: $words,
            other_version: false,
        }
    };
}

/// A wording of the other version.
macro_rules! other_version {
    ($words:literal) => {
        Alternative {
            words: $words,
            other_version: true,
        }
    };
}

/// The wordings of a row's label, in order of preference (empty for a row no table has).
pub(crate) fn alternatives(table: TableId, version: TemplateVersion, row: &str) -> &'static [Alternative] {
    use TemplateVersion::{V2019, V2021};
    match (table, version, row) {
        (TableId::T2, _, "regulations") => &[words!("规章")],
        (TableId::T2, V2021, "normative_docs") => &[words!("行政规范性文件"), other_version!("规范性文件")],
        (TableId::T2, V2019, "normative_docs") => &[words!("规范性文件"), other_version!("行政规范性文件")],
        (TableId::T2, _, "licensing") => &[words!("行政许可")],
        (TableId::T2, _, "other_services") => &[words!("其他对外管理服务事项")],
        (TableId::T2, _, "penalty") => &[words!("行政处罚")],
        (TableId::T2, _, "coercion") => &[words!("行政强制")],
        (TableId::T2, _, "admin_fees") => &[words!("行政事业性收费")],
        (TableId::T2, _, "procurement") => &[words!("政府集中采购")],
        (TableId::T3, _, "new_received") => &[words!("本年新收政府信息公开申请数量")],
        (TableId::T3, _, "carried_in") => &[words!("上年结转政府信息公开申请数量")],
        (TableId::T3, _, "granted") => &[words!("予以公开")],
        (TableId::T3, _, "partial") => &[
            words!("部分公开(区分处理的，只计这一情形，不计其他情形)"),
            words!("部分公开"),
        ],
        (TableId::T3, _, "denied.state_secret") => &[words!("属于国家秘密")],
        (TableId::T3, _, "denied.law_forbidden") => &[words!("其他法律行政法规禁止公开")],
        (TableId::T3, _, "denied.three_safety") => &[words!("危及三安全一稳定")],
        (TableId::T3, _, "denied.third_party") => &[words!("保护第三方合法权益")],
        (TableId::T3, _, "denied.internal_affairs") => &[words!("属于三类内部事务信息")],
        (TableId::T3, _, "denied.process_info") => &[words!("属于四类过程性信息")],
        (TableId::T3, _, "denied.enforcement_file") => &[words!("属于行政执法案卷")],
        (TableId::T3, _, "denied.query_matter") => &[words!("属于行政查询事项")],
        (TableId::T3, _, "unable.not_held") => &[
            words!("本机关不掌握相关政府信息"),
            words!("本单位不掌握相关政府信息"),
            words!("不掌握相关政府信息"),
        ],
        (TableId::T3, _, "unable.needs_creation") => &[words!("没有现成信息需要另行制作")],
        (TableId::T3, _, "unable.unclear") => &[words!("补正后申请内容仍不明确")],
        (TableId::T3, _, "not_processed.complaint") => &[words!("信访举报投诉类申请")],
        (TableId::T3, _, "not_processed.repeat") => &[words!("重复申请")],
        (TableId::T3, _, "not_processed.publication") => &[words!("要求提供公开出版物")],
        (TableId::T3, _, "not_processed.mass_repeat") => &[words!("无正当理由大量反复申请")],
        (TableId::T3, _, "not_processed.confirm") => &[words!("要求行政机关确认或重新出具已获取信息")],
        (TableId::T3, _, "other") => &[words!("其他处理")],
        (TableId::T3, _, "other.no_supplement") => &[
            words!("申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"),
            words!("逾期不补正"),
        ],
        (TableId::T3, _, "other.unpaid_fee") => &[
            words!("申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请"),
            words!("逾期未按收费通知要求缴纳费用"),
        ],
        (TableId::T3, _, "other.other") => &[words!("其他")],
        (TableId::T3, _, "total_processed") => &[words!("（七）总计"), words!("总计")],
        (TableId::T3, _, "carried_out") => &[words!("结转下年度继续办理")],
        _ => &[],
    }
}

/// The normalised wordings of every row of `table` in `version`, indexed like the template's
/// rows; computed once per process. Table 4 has no row labels.
pub(crate) fn normalised(table: TableId, version: TemplateVersion) -> &'static [Vec<String>] {
    type Cache = [[Vec<Vec<String>>; 2]; 2];
    static CELL: OnceLock<Cache> = OnceLock::new();
    let cache = CELL.get_or_init(|| {
        let build = |table, version| {
            template::spec(table, version)
                .rows
                .iter()
                .map(|row| {
                    alternatives(table, version, row.key)
                        .iter()
                        .map(|alternative| Compact::label(alternative.words))
                        .collect()
                })
                .collect()
        };
        let both = |table| {
            [
                build(table, TemplateVersion::V2019),
                build(table, TemplateVersion::V2021),
            ]
        };
        [both(TableId::T2), both(TableId::T3)]
    });
    let by_table = match table {
        TableId::T2 => &cache[0],
        _ => &cache[1],
    };
    match version {
        TemplateVersion::V2019 => &by_table[0],
        TemplateVersion::V2021 => &by_table[1],
    }
}

/// Length of the numbering printed before a label in the normalised text: the row's own item
/// number (`2.`, `2、`), a group numeral (`(一)`) or a level-1 numeral (`一、`).
pub(crate) fn prefix_len(before: &str, canonical_label: &str) -> usize {
    if let Some(item) = canonical_label.chars().next().filter(char::is_ascii_digit) {
        for mark in ['.', '、'] {
            let prefix: String = [item, mark].iter().collect();
            if before.ends_with(&prefix) {
                return prefix.len();
            }
        }
        return 0;
    }
    let mut chars = before.chars().rev();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(')'), Some(n), Some('(')) if "一二三四五六七".contains(n) => 2 + n.len_utf8(),
        (Some('、'), Some(n), _) if "一二三四".contains(n) => '、'.len_utf8() + n.len_utf8(),
        _ => 0,
    }
}

/// A normalised label without its leading item number or numeral (`1.`, `1、`, `(一)`, `一、`).
pub(crate) fn without_numbering(label: &str) -> &str {
    let rest = label.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < label.len() {
        return rest.strip_prefix(['.', '、']).unwrap_or(label);
    }
    let numerals = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(inner) = label.strip_prefix('(') {
        let after = inner.trim_start_matches(numerals);
        if after.len() < inner.len() {
            if let Some(rest) = after.strip_prefix(')') {
                return rest;
            }
        }
    }
    let after = label.trim_start_matches(numerals);
    if after.len() < label.len() {
        if let Some(rest) = after.strip_prefix('、') {
            return rest;
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_row_has_its_label_words() {
        for version in [TemplateVersion::V2019, TemplateVersion::V2021] {
            for table in [TableId::T2, TableId::T3] {
                let spec = template::spec(table, version);
                let words = normalised(table, version);
                assert_eq!(words.len(), spec.rows.len());
                for (row, alternatives) in spec.rows.iter().zip(words) {
                    assert!(
                        !alternatives.is_empty(),
                        "{table:?} {version} {}: no label words",
                        row.key
                    );
                    // The preferred wording is the template's own label, numbering aside.
                    let canonical = Compact::label(row.label);
                    let first = alternatives[0].as_str();
                    assert!(
                        canonical.contains(first) || first.contains(without_numbering(&canonical)),
                        "{table:?} {version} {}: {first} vs {canonical}",
                        row.key
                    );
                }
            }
        }
    }

    #[test]
    fn item_numbers_and_numerals_before_labels() {
        assert_eq!(prefix_len("00000002.", "2.其他法律行政法规禁止公开"), 2);
        assert_eq!(prefix_len("0000000", "2.其他法律行政法规禁止公开"), 0);
        assert_eq!(prefix_len("情形)(一)", "（一）予以公开"), "(一)".len());
        assert_eq!(
            prefix_len("0二、", "二、上年结转政府信息公开申请数量"),
            "二、".len()
        );
    }

    #[test]
    fn numbering_is_dropped_before_a_loose_label() {
        assert_eq!(without_numbering("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(without_numbering("(一)予以公开"), "予以公开");
        assert_eq!(without_numbering("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(without_numbering("行政许可"), "行政许可");
        assert_eq!(without_numbering("2024"), "2024");
    }
}
