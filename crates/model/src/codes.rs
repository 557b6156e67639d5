//! Every diagnostic code a reader (or the aggregator) can raise, each with its severity and a
//! short explanation in Chinese, so that `nianbao rule CODE` answers for them as for rules and a
//! generated page lists them.
//!
//! A [`Diagnostic`](crate::Diagnostic) is made from a [`Code`] only; the code's string is what
//! JSON and XML carry.

use crate::document::Severity;
use std::fmt;

macro_rules! codes {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $code:literal, $severity:ident, $title:literal, $explanation:literal;
    )+) => {
        /// A diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)+
        }

        impl Code {
            /// Every code, in the order of this list.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The stable kebab-case code (`row-not-found`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)+ }
            }

            /// How serious a diagnostic of this code is.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)+ }
            }

            /// One line, in Chinese.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)+ }
            }

            /// What it means and what to do, in Chinese.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explanation,)+ }
            }
        }
    };
}

codes! {
    /// The input was decoded from an encoding other than UTF-8.
    Encoding = "encoding", Info, "文件不是 UTF-8 编码",
        "文件按 GBK、GB18030 或 UTF-16 等编码读取（由字节序标记、网页声明或自动检测决定）。内容照常读取；这一条只是说明。";
    /// A PDF draws icons with private-use characters, which were not read as text.
    PdfIcons = "pdf-icons", Info, "PDF 中的图标字符未作为文字读取",
        "PDF 用图标字体画出的符号（网页上的小图标、项目符号等）对应 Unicode 私用区字符，离开原字体就没有意义，读取时略去，不影响正文和表格。";
    /// A PDF table drawn without rules was read by how its values line up.
    PdfAlignedTable = "pdf-aligned-table", Info, "PDF 中没有框线的表格按数值对齐读取",
        "表格没有框线，各数值按其在页面上的左右位置归入表头下的列。每个数值都必须正好落在一列之内，否则该行不读取（单元格记为未确定）；表头中的空白列由表头文字的位置确定。结果可靠，但建议对照原件页面复核一遍。";
    /// The report year was taken from the statistics period.
    YearFromPeriod = "year-from-period", Info, "报告年度取自统计期限",
        "标题中没有年份，报告年度取自正文中的统计期限（“统计期限为……”）。如有误，请在标题中写明年度。";
    /// The report year was inferred from the sign-off date.
    YearFromSignOff = "year-from-sign-off", Info, "报告年度按落款日期推定",
        "既没有标题年份，也没有统计期限，报告年度按落款日期的上一年推定。请在标题中写明年度。";
    /// No report year could be determined.
    YearUnknown = "year-unknown", Warning, "无法确定报告年度",
        "标题、统计期限和落款日期都没有给出年份。涉及年度的核对（格式版本、跨年度核对）无法进行。";
    /// No title line was found.
    NoTitle = "no-title", Info, "没有找到标题",
        "没有找到“……政府信息公开工作年度报告”标题行。机关名称取自落款（如有）。";
    /// One of the six section headings was not found.
    SectionNotFound = "section-not-found", Warning, "没有找到某部分的标题",
        "六个部分的标题按文字识别（不依赖编号）。没有找到的部分，其正文归入前一部分；其中的表格仍在相邻标题之间查找。请核对标题文字是否与模板一致。";
    /// The template version was inferred from the report year.
    TemplateFromYear = "template-from-year", Info, "按报告年度推定表格格式版本",
        "表格中没有可区分两版格式的表头（如“本年制发件数”“本年新制作数量”），按报告年度推定：2020 年及以前为 2019 版，2021 年起为 2021 版。";
    /// The template version could not be determined.
    TemplateUnknown = "template-unknown", Warning, "无法判断表格格式版本",
        "既没有可识别版本的表头，也没有报告年度，表格没有读取。";
    /// The tables mix both versions' headers.
    HybridTemplate = "hybrid-template", Warning, "表格混用了两版格式",
        "表格中同时出现 2019 版和 2021 版格式特有的表头。表格按标志更多的一版读取；请改用当年适用的格式。";
    /// A row label is printed in the other version's wording.
    HybridLabel = "hybrid-label", Warning, "行名使用了另一版格式的写法",
        "例如 2021 版表二中写作“规范性文件”（2019 版的行名）而不是“行政规范性文件”。该行照常读取；请改用当年格式的行名。";
    /// A table was not found at all.
    TableNotFound = "table-not-found", Warning, "没有找到某张表格",
        "在对应部分中没有找到该表的任何一个行名。表格可能缺失，或是图片（需先做文字识别）。该表各单元格无法读取。";
    /// A table's cell boundaries were lost in the text.
    GluedTable = "glued-table", Info, "表格的单元格边界已丢失",
        "表格在文本中连成一行（如“行政规范性文件693665”），数字按每行的单元格数、数值格式和表内合计关系拆分。只有唯一的拆分才会采用；否则单元格留空并另有说明。";
    /// A template row's label was not found.
    RowNotFound = "row-not-found", Warning, "没有找到某一行",
        "按模板顺序没有找到该行的行名，该行各单元格无法读取（不会用相邻行的数字填补）。请核对行名文字。";
    /// A row was found but holds no values.
    RowWithoutValues = "row-without-values", Warning, "某一行没有数值",
        "找到了行名，但行名之后到下一行之前没有任何数值，该行各单元格无法读取。";
    /// A row holds more values than the template has columns.
    ExtraValues = "extra-values", Warning, "某一行的数值多于模板的列数",
        "该行的数值（或单元格）比模板的列数多，可能混入了脚注、页码或下一行的数字。只有当该行（表三、表四）的合计关系只容许一种去法时，才去掉多出的数值并照常读取，说明中写出去掉了哪个；否则该行各单元格都不读取（表三还会再用各列的合计关系判断一次），说明中列出可能的去法。删去原件中多出的数字即可。";
    /// A row holds fewer values than the template has columns.
    ShortRow = "short-row", Warning, "某一行的数值少于模板的列数",
        "该行的数值比模板的列数少，而原件没有标出哪一格是空的（没有空的制表符位置、空的表格单元格或占位符）。数值不按从左到右猜测：只有各种放法都一致的单元格照常读取，其余单元格不读取。在原件中为空白单元格留出位置（制表符、“/”或 0）即可确定。";
    /// Glued digits allow several splits.
    AmbiguousDigits = "ambiguous-digits", Warning, "连在一起的数字有多种拆法",
        "数字连在一起（单元格边界已丢失），符合数值格式和合计关系的拆分不止一种。各种拆分都一致的单元格照常读取，不一致的留空，不作猜测；请对照原件（网页、Word 文件）补正。";
    /// Glued digits allow no split.
    UnsplittableDigits = "unsplittable-digits", Warning, "连在一起的数字无法拆分",
        "数字连在一起，无法拆成模板要求的单元格数并满足合计关系（原件本身可能有误），或者只有按该行合计才能拆开、拆出的数却与表三各列的合计关系都不符（可能混入或缺少了数字），或者数字旁有孤立的正负号、被文字隔开。该行各单元格留空，不作猜测。";
    /// Rows without labels were placed by template order.
    RowByPosition = "row-by-position", Info, "没有行名的数值行按模板顺序放置",
        "文档转换丢失了某些行的行名（行名成了表格外的零散文字）。两行已识别的行之间没有行名的数值行，恰好与模板在这两行之间缺少的行数相同，且它们的合计关系成立时，才按模板顺序依次放置；放置后若使表三某列的合计关系不成立，位置就不可信，这些行的单元格改为未读取。";
    /// An aggregate cell could not be summed.
    AggregateUnresolved = "aggregate-unresolved", Warning, "汇总时某单元格无法相加",
        "至少一份报告的该单元格未能读取、不是数字，或各报告的单位不同。汇总表中该单元格留空，说明中列出了涉及的报告。";
    /// An aggregated report had blank cells.
    AggregateBlank = "aggregate-blank", Warning, "汇总的报告有空白单元格",
        "该报告有空白或占位（“/”“—”“无”）单元格，汇总时按 0 计。";
}

impl Code {
    /// The code whose string is `code` (case-insensitive).
    pub fn parse(code: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(code))
    }
}

impl Code {
    /// The full explanation, in Markdown: code, title, severity, then the explanation.
    pub fn markdown(self) -> String {
        format!(
            "## `{}`\n\n{}\n\n严重程度：{} · 来源：读取时的诊断\n\n{}\n",
            self.as_str(),
            self.title(),
            self.severity(),
            self.explanation()
        )
    }
}

/// `DIAGNOSTICS.md`: an index of every diagnostic code, then each one's explanation.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Diagnostics\n\nGenerated by `cargo xtask codegen` from `crates/model/src/codes.rs`; do not \
         edit. What the readers (and the aggregator) say about an input while reading it, as \
         opposed to the rules' findings about the report ([RULES.md](RULES.md)). \
         `nianbao rule CODE` explains one.\n\n| code | severity | meaning |\n|---|---|---|\n",
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.severity(),
            code.title()
        ));
    }
    for code in Code::ALL {
        out.push('\n');
        out.push_str(&code.markdown());
    }
    out
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(
                text.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{text}"
            );
            assert!(!code.title().is_empty() && code.explanation().chars().count() > 20);
            assert_eq!(Code::parse(text), Some(*code));
        }
        assert_eq!(Code::parse("ROW-NOT-FOUND"), Some(Code::RowNotFound));
        assert_eq!(Code::parse("T3-002"), None);
    }

    #[test]
    fn published_diagnostics_md_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../DIAGNOSTICS.md");
        let published = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            published == markdown(),
            "DIAGNOSTICS.md is stale: run `cargo xtask codegen`"
        );
    }
}
