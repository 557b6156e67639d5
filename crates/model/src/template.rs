//! The official template, described once: which rows and columns each table has in each version.
//!
//! Keys follow `fact-keys.md`: a cell's fact key is `<table>.<row>.<column>` (`t3.granted.total`).
//! Labels are the canonical Chinese labels of the national template; readers match printed labels
//! against them (with aliases of their own) and exporters print them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The two versions of the national template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum TemplateVersion {
    /// 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports.
    #[serde(rename = "2019")]
    V2019,
    /// 国办公开办函〔2021〕30号, used from the 2021 reports onward.
    #[serde(rename = "2021")]
    V2021,
}

impl TemplateVersion {
    /// `"2019"` or `"2021"`, as in `expected.json` and the JSON export.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateVersion::V2019 => "2019",
            TemplateVersion::V2021 => "2021",
        }
    }

    /// The notice that introduced this version.
    pub fn notice(self) -> &'static str {
        match self {
            TemplateVersion::V2019 => "国办公开办函〔2019〕60号",
            TemplateVersion::V2021 => "国办公开办函〔2021〕30号",
        }
    }

    /// The version that applies to reports for `year` (≤ 2020 → 2019, ≥ 2021 → 2021).
    pub fn for_report_year(year: i32) -> TemplateVersion {
        if year <= 2020 {
            TemplateVersion::V2019
        } else {
            TemplateVersion::V2021
        }
    }
}

impl fmt::Display for TemplateVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The three statistical tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum TableId {
    /// Table 2, 主动公开政府信息情况.
    #[serde(rename = "t2")]
    T2,
    /// Table 3, 收到和处理政府信息公开申请情况.
    #[serde(rename = "t3")]
    T3,
    /// Table 4, 政府信息公开行政复议、行政诉讼情况.
    #[serde(rename = "t4")]
    T4,
}

impl TableId {
    /// The key prefix of this table's facts (`t2`, `t3`, `t4`).
    pub fn key(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }
}

/// What kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A non-negative integer count.
    Count,
    /// A signed integer (2019 `本年增/减`).
    SignedCount,
    /// A non-negative decimal amount, possibly printed with its unit.
    Amount,
}

/// One value column of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Key segment (`natural_person`, `issued`, …).
    pub key: &'static str,
    /// Canonical header label.
    pub label: &'static str,
    /// What the cell holds.
    pub kind: ValueKind,
}

/// One row of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpec {
    /// Key segment (`granted`, `denied.state_secret`, `regulations`, `review`).
    pub key: &'static str,
    /// Canonical row label, without its group caption.
    pub label: &'static str,
    /// The caption of the block or group the row belongs to (`第二十条第（一）项`,
    /// `（三）不予公开`), if any.
    pub group: Option<&'static str>,
    /// The row's value columns, in template order.
    pub columns: &'static [ColumnSpec],
}

/// The layout of one table in one template version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// Which table.
    pub id: TableId,
    /// Its rows, in template order.
    pub rows: &'static [RowSpec],
}

impl TableSpec {
    /// The row with key `key`.
    pub fn row(&self, key: &str) -> Option<&'static RowSpec> {
        self.rows.get(self.row_index(key)?)
    }

    /// The position of the row with key `key`. Callers mostly pass the template's own keys, which
    /// are recognised by address before any string is compared.
    pub fn row_index(&self, key: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| std::ptr::eq(row.key, key))
            .or_else(|| self.rows.iter().position(|row| row.key == key))
    }

    /// Every fact key of the table, in template order.
    pub fn fact_keys(&self) -> impl Iterator<Item = String> + '_ {
        self.rows.iter().flat_map(move |row| {
            row.columns
                .iter()
                .map(move |col| fact_key(self.id, row.key, col.key))
        })
    }
}

/// The fact key of one cell: `<table>.<row>.<column>`.
pub fn fact_key(table: TableId, row: &str, column: &str) -> String {
    format!("{}.{row}.{column}", table.key())
}

const fn col(key: &'static str, label: &'static str, kind: ValueKind) -> ColumnSpec {
    ColumnSpec { key, label, kind }
}

const fn row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    columns: &'static [ColumnSpec],
) -> RowSpec {
    RowSpec {
        key,
        label,
        group,
        columns,
    }
}

use ValueKind::{Amount, Count, SignedCount};

const ART20_1: Option<&str> = Some("第二十条第（一）项");
const ART20_5: Option<&str> = Some("第二十条第（五）项");
const ART20_6: Option<&str> = Some("第二十条第（六）项");
const ART20_8: Option<&str> = Some("第二十条第（八）项");
const ART20_9: Option<&str> = Some("第二十条第（九）项");

const T2_2021_DOCS: &[ColumnSpec] = &[
    col("issued", "本年制发件数", Count),
    col("repealed", "本年废止件数", Count),
    col("in_force", "现行有效件数", Count),
];
const T2_2021_DECISIONS: &[ColumnSpec] = &[col("decisions", "本年处理决定数量", Count)];

/// Table 2, 2021 version.
pub static TABLE2_2021: TableSpec = TableSpec {
    id: TableId::T2,
    rows: &[
        row("regulations", "规章", ART20_1, T2_2021_DOCS),
        row("normative_docs", "行政规范性文件", ART20_1, T2_2021_DOCS),
        row("licensing", "行政许可", ART20_5, T2_2021_DECISIONS),
        row("penalty", "行政处罚", ART20_6, T2_2021_DECISIONS),
        row("coercion", "行政强制", ART20_6, T2_2021_DECISIONS),
        row(
            "admin_fees",
            "行政事业性收费",
            ART20_8,
            &[col("amount", "本年收费金额（单位：万元）", Amount)],
        ),
    ],
};

const T2_2019_DOCS: &[ColumnSpec] = &[
    col("new_made", "本年新制作数量", Count),
    col("new_published", "本年新公开数量", Count),
    col("total_published", "对外公开总数量", Count),
];
const T2_2019_ITEMS: &[ColumnSpec] = &[
    col("prev_items", "上一年项目数量", Count),
    col("delta", "本年增/减", SignedCount),
    col("decisions", "处理决定数量", Count),
];

/// Table 2, 2019 version.
pub static TABLE2_2019: TableSpec = TableSpec {
    id: TableId::T2,
    rows: &[
        row("regulations", "规章", ART20_1, T2_2019_DOCS),
        row("normative_docs", "规范性文件", ART20_1, T2_2019_DOCS),
        row("licensing", "行政许可", ART20_5, T2_2019_ITEMS),
        row("other_services", "其他对外管理服务事项", ART20_5, T2_2019_ITEMS),
        row("penalty", "行政处罚", ART20_6, T2_2019_ITEMS),
        row("coercion", "行政强制", ART20_6, T2_2019_ITEMS),
        row(
            "admin_fees",
            "行政事业性收费",
            ART20_8,
            &[
                col("prev_items", "上一年项目数量", Count),
                col("delta", "本年增/减", SignedCount),
            ],
        ),
        row(
            "procurement",
            "政府集中采购",
            ART20_9,
            &[
                col("projects", "采购项目数量", Count),
                col("amount", "采购总金额", Amount),
            ],
        ),
    ],
};

/// Table 3's seven applicant columns (identical in both versions).
pub const T3_COLUMNS: &[ColumnSpec] = &[
    col("natural_person", "自然人", Count),
    col("commercial", "商业企业", Count),
    col("research", "科研机构", Count),
    col("public_welfare", "社会公益组织", Count),
    col("legal_service", "法律服务机构", Count),
    col("other_org", "其他", Count),
    col("total", "总计", Count),
];

const RESULTS: Option<&str> = Some("三、本年度办理结果");
const DENIED: Option<&str> = Some("（三）不予公开");
const UNABLE: Option<&str> = Some("（四）无法提供");
const NOT_PROCESSED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

macro_rules! table3 {
    ($($other:expr),+ $(,)?) => {
        &[
            row("new_received", "一、本年新收政府信息公开申请数量", None, T3_COLUMNS),
            row("carried_in", "二、上年结转政府信息公开申请数量", None, T3_COLUMNS),
            row("granted", "（一）予以公开", RESULTS, T3_COLUMNS),
            row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", RESULTS, T3_COLUMNS),
            row("denied.state_secret", "1.属于国家秘密", DENIED, T3_COLUMNS),
            row("denied.law_forbidden", "2.其他法律行政法规禁止公开", DENIED, T3_COLUMNS),
            row("denied.three_safety", "3.危及“三安全一稳定”", DENIED, T3_COLUMNS),
            row("denied.third_party", "4.保护第三方合法权益", DENIED, T3_COLUMNS),
            row("denied.internal_affairs", "5.属于三类内部事务信息", DENIED, T3_COLUMNS),
            row("denied.process_info", "6.属于四类过程性信息", DENIED, T3_COLUMNS),
            row("denied.enforcement_file", "7.属于行政执法案卷", DENIED, T3_COLUMNS),
            row("denied.query_matter", "8.属于行政查询事项", DENIED, T3_COLUMNS),
            row("unable.not_held", "1.本机关不掌握相关政府信息", UNABLE, T3_COLUMNS),
            row("unable.needs_creation", "2.没有现成信息需要另行制作", UNABLE, T3_COLUMNS),
            row("unable.unclear", "3.补正后申请内容仍不明确", UNABLE, T3_COLUMNS),
            row("not_processed.complaint", "1.信访举报投诉类申请", NOT_PROCESSED, T3_COLUMNS),
            row("not_processed.repeat", "2.重复申请", NOT_PROCESSED, T3_COLUMNS),
            row("not_processed.publication", "3.要求提供公开出版物", NOT_PROCESSED, T3_COLUMNS),
            row("not_processed.mass_repeat", "4.无正当理由大量反复申请", NOT_PROCESSED, T3_COLUMNS),
            row("not_processed.confirm", "5.要求行政机关确认或重新出具已获取信息", NOT_PROCESSED, T3_COLUMNS),
            $($other,)+
            row("total_processed", "（七）总计", RESULTS, T3_COLUMNS),
            row("carried_out", "四、结转下年度继续办理", None, T3_COLUMNS),
        ]
    };
}

/// Table 3, 2019 version: `（六）其他处理` is one row.
pub static TABLE3_2019: TableSpec = TableSpec {
    id: TableId::T3,
    rows: table3!(row("other", "（六）其他处理", RESULTS, T3_COLUMNS)),
};

/// Table 3, 2021 version: `（六）其他处理` has three sub-rows.
pub static TABLE3_2021: TableSpec = TableSpec {
    id: TableId::T3,
    rows: table3!(
        row(
            "other.no_supplement",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            OTHER,
            T3_COLUMNS
        ),
        row(
            "other.unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            OTHER,
            T3_COLUMNS
        ),
        row("other.other", "3.其他", OTHER, T3_COLUMNS),
    ),
};

/// Table 4's five result columns (identical for each group).
pub const T4_COLUMNS: &[ColumnSpec] = &[
    col("maintain", "结果维持", Count),
    col("correct", "结果纠正", Count),
    col("other", "其他结果", Count),
    col("pending", "尚未审结", Count),
    col("total", "总计", Count),
];

/// Table 4 (identical in both versions): printed as one row of 15 values, modelled as its three
/// groups of five.
pub static TABLE4: TableSpec = TableSpec {
    id: TableId::T4,
    rows: &[
        row("review", "行政复议", None, T4_COLUMNS),
        row("suit_direct", "未经复议直接起诉", Some("行政诉讼"), T4_COLUMNS),
        row("suit_after_review", "复议后起诉", Some("行政诉讼"), T4_COLUMNS),
    ],
};

/// A cell's name as a person finds it in the printed table: the table, the row as the template
/// labels it (with its group where the label alone is not unique), and the column:
/// `表三 （七）总计 · 自然人`, `表三 （三）不予公开 1.属于国家秘密 · 总计`, `表四 行政诉讼 复议后起诉 · 结果维持`;
/// a row's key names the row (`表二 行政规范性文件`). `None` for a key that is not a cell or a
/// row of `version`.
pub fn cell_name(version: TemplateVersion, key: &str) -> Option<String> {
    let (table, rest) = key.split_once('.')?;
    let table = [TableId::T2, TableId::T3, TableId::T4]
        .into_iter()
        .find(|t| t.key() == table)?;
    let spec = spec(table, version);
    // A cell (`t3.granted.natural_person`), or a whole row (`t2.normative_docs`).
    let (row, column) = spec
        .rows
        .iter()
        .find_map(|row| match rest.strip_prefix(row.key)? {
            "" => Some((row, None)),
            column => {
                let column = column.strip_prefix('.')?;
                row.columns
                    .iter()
                    .find(|c| c.key == column)
                    .map(|c| (row, Some(c)))
            }
        })?;
    // A remark in brackets after a row's name is left out: `（二）部分公开`.
    let label = match row.label.char_indices().skip(3).find(|&(_, c)| c == '（') {
        Some((at, _)) => &row.label[..at],
        None => row.label,
    };
    let numbered_item = label.starts_with(|c: char| c.is_ascii_digit());
    let row_name = match row.group {
        Some(group) if numbered_item || table == TableId::T4 => format!("{group} {label}"),
        _ => label.to_owned(),
    };
    let table_name = match table {
        TableId::T2 => "表二",
        TableId::T3 => "表三",
        TableId::T4 => "表四",
    };
    Some(match column {
        Some(column) => format!("{table_name} {row_name} · {}", column.label),
        None => format!("{table_name} {row_name}"),
    })
}

/// The names of the cells `keys` as a person reads them ([`cell_name`]); a key the template
/// does not know, or any key when the version is unknown, is given as it is.
pub fn cell_names(version: Option<TemplateVersion>, keys: &[String]) -> Vec<String> {
    keys.iter()
        .map(|key| {
            version
                .and_then(|v| cell_name(v, key))
                .unwrap_or_else(|| key.clone())
        })
        .collect()
}

/// The layout of `table` in `version`.
pub fn spec(table: TableId, version: TemplateVersion) -> &'static TableSpec {
    match (table, version) {
        (TableId::T2, TemplateVersion::V2019) => &TABLE2_2019,
        (TableId::T2, TemplateVersion::V2021) => &TABLE2_2021,
        (TableId::T3, TemplateVersion::V2019) => &TABLE3_2019,
        (TableId::T3, TemplateVersion::V2021) => &TABLE3_2021,
        (TableId::T4, _) => &TABLE4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_printed() {
        let name = |key| cell_name(TemplateVersion::V2021, key);
        assert_eq!(
            name("t3.total_processed.natural_person").as_deref(),
            Some("表三 （七）总计 · 自然人")
        );
        assert_eq!(
            name("t3.partial.total").as_deref(),
            Some("表三 （二）部分公开 · 总计")
        );
        assert_eq!(name("t2.normative_docs").as_deref(), Some("表二 行政规范性文件"));
        assert_eq!(
            name("t3.denied.state_secret.commercial").as_deref(),
            Some("表三 （三）不予公开 1.属于国家秘密 · 商业企业")
        );
        assert_eq!(
            name("t4.suit_after_review.maintain").as_deref(),
            Some("表四 行政诉讼 复议后起诉 · 结果维持")
        );
        assert_eq!(name("t4.review.total").as_deref(), Some("表四 行政复议 · 总计"));
        assert_eq!(
            name("t2.regulations.issued").as_deref(),
            Some("表二 规章 · 本年制发件数")
        );
        assert_eq!(
            cell_name(TemplateVersion::V2019, "t2.licensing.delta").as_deref(),
            Some("表二 行政许可 · 本年增/减")
        );
        assert_eq!(name("t2.licensing.delta"), None);
        assert_eq!(name("t3.denied.nothing"), None);
        // Every cell of every version has a name.
        for version in [TemplateVersion::V2019, TemplateVersion::V2021] {
            for table in [TableId::T2, TableId::T3, TableId::T4] {
                for key in spec(table, version).fact_keys() {
                    assert!(cell_name(version, &key).is_some(), "{key}");
                }
            }
        }
    }

    #[test]
    fn cell_counts_match_the_templates() {
        let count = |t: TableId, v| spec(t, v).fact_keys().count();
        assert_eq!(count(TableId::T2, TemplateVersion::V2021), 10);
        assert_eq!(count(TableId::T2, TemplateVersion::V2019), 22);
        assert_eq!(count(TableId::T3, TemplateVersion::V2019), 23 * 7);
        assert_eq!(count(TableId::T3, TemplateVersion::V2021), 25 * 7);
        assert_eq!(count(TableId::T4, TemplateVersion::V2021), 15);
    }

    #[test]
    fn keys_follow_fact_keys_md() {
        let keys: Vec<String> = TABLE3_2021.fact_keys().collect();
        assert!(keys.contains(&"t3.denied.state_secret.commercial".to_owned()));
        assert!(keys.contains(&"t3.other.unpaid_fee.total".to_owned()));
        let keys: Vec<String> = TABLE2_2019.fact_keys().collect();
        assert!(keys.contains(&"t2.procurement.amount".to_owned()));
        assert_eq!(TABLE4.fact_keys().last().unwrap(), "t4.suit_after_review.total");
    }
}
