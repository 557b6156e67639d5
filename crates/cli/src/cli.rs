//! Command-line arguments, and their help in Chinese.

use clap::{ArgAction, Args, Parser, Subcommand};
use nianbao_export::Timestamp;
use std::path::PathBuf;

/// 政府信息公开工作年度报告：读取、核对、转换。
///
/// Read, check and convert annual reports on open government information.
#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告：读取、核对、转换。",
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    next_help_heading = "选项",
    help_template = HELP_TEMPLATE
)]
pub(crate) struct Cli {
    /// 要做的事。
    #[command(subcommand)]
    pub command: Command,
    /// 显示帮助。
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本。
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

/// The layout of every help page, with Chinese headings.
pub(crate) const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// 把报告转换为其他格式（JSON、XML、Excel、PDF）。
    #[command(after_help = CONVERT_EXAMPLES, help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Convert(ConvertArgs),
    /// 核对报告：统计表的勾稽关系、结构和正文。
    #[command(after_help = CHECK_EXAMPLES, help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Check(CheckArgs),
    /// 把多份报告汇入一个 Excel 审阅工作簿：每份报告一行汇总、全部数据、全部核对结果和各报告的统计表。
    #[command(after_help = REVIEW_EXAMPLES, help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Review(ReviewArgs),
    /// 把多份报告（同一格式版本、同一年度）的统计表逐格相加，汇总为一份报告，可输出为任一格式。
    #[command(after_help = AGGREGATE_EXAMPLES, help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Aggregate(AggregateArgs),
    /// 列出输出格式。
    #[command(help_template = HELP_TEMPLATE)]
    Formats,
    /// 列出全部核对规则。
    #[command(help_template = HELP_TEMPLATE)]
    Rules,
    /// 解释一条核对规则或一种读取提示。
    #[command(help_template = HELP_TEMPLATE)]
    Rule {
        /// 规则编号（如 T3-002）或名称（如 outcome-total-mismatch），或读取提示的代码（如 row-not-found）。
        #[arg(value_name = "编号", help_heading = "参数")]
        code: String,
    },
}

const CHECK_EXAMPLES: &str = "\
示例：
  nianbao check 报告.docx
  nianbao check 2021.txt 2022.txt          # 同一机关相邻年度的报告一起核对，另做跨年度核对
  nianbao check 报告目录/ --format json

退出码：0 没有“错误”级的核对结果；1 有“错误”级的核对结果；2 用法错误，或有文件无法读取（其余文件照常核对）。";

const REVIEW_EXAMPLES: &str = "\
示例：
  nianbao review 报告目录/ -o 审阅.xlsx
  nianbao review 2021/ 2022/ -o 全县审阅.xlsx

输入可以是文件或目录（取目录及其子目录中的报告文件；其中不是报告的文件列为“跳过”）。
无法读取的文件会报告并跳过，其余照常汇入工作簿。
退出码：0 全部读取；2 用法错误，或有文件无法读取。";

const AGGREGATE_EXAMPLES: &str = "\
示例：
  nianbao aggregate 乡镇/ 部门/ --agency 某某县人民政府 -o 全县.xml
  nianbao aggregate 甲县.xml 乙县.xml --agency 某某市人民政府 -o 全市.xlsx

输入可以是原始报告或 nianbao 输出的 XML/JSON，文件或目录均可。每份都必须能读取，且格式版本和年度一致。
退出码：0 已写入；1 汇总结果有“错误”级的核对结果；2 用法错误、有文件无法读取，或输入不能相加。";

/// Arguments of `aggregate`.
#[derive(Debug, Args)]
pub(crate) struct AggregateArgs {
    /// 报告（原始文件，或 nianbao 输出的 XML/JSON），或存放报告的目录。
    #[arg(required = true, value_name = "输入", help_heading = "参数")]
    pub inputs: Vec<PathBuf>,
    /// 输出文件；不用 --to 时按扩展名决定格式。
    #[arg(short, long, value_name = "输出")]
    pub output: PathBuf,
    /// 输出格式（见 nianbao formats）。
    #[arg(short = 't', long = "to", value_name = "格式")]
    pub format: Option<String>,
    /// 汇总单位名称，写入汇总报告的标题。
    #[arg(long, value_name = "名称", default_value = "汇总")]
    pub agency: String,
    /// 输出中记录的创建时间：日期（如 2026-01-31）或 RFC 3339 时间。
    #[arg(long, value_name = "时间")]
    pub created: Option<Timestamp>,
}

/// Arguments of `review`.
#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// 报告文件，或存放报告的目录。
    #[arg(required = true, value_name = "输入", help_heading = "参数")]
    pub inputs: Vec<PathBuf>,
    /// 要写入的工作簿（.xlsx）。
    #[arg(short, long, value_name = "输出")]
    pub output: PathBuf,
    #[doc = "工作簿中记录的创建时间：日期（如 2026-01-31）或 RFC 3339 时间；不给时固定为 1980-01-01，使同样的输入得到完全相同的文件。"]
    #[arg(long, value_name = "时间")]
    pub created: Option<Timestamp>,
}

/// How `check` prints its results.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// 给人看：原文所在行，标出有问题的单元格。
    Human,
    /// 给程序读：一个 JSON 数组。
    Json,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// 报告文件或目录（“-”表示标准输入）。
    #[arg(required = true, value_name = "输入", help_heading = "参数")]
    pub inputs: Vec<PathBuf>,
    /// 结果的格式。
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    pub format: OutputFormat,
    /// 同时显示“提示”级的核对结果。
    #[arg(long)]
    pub all: bool,
}

const CONVERT_EXAMPLES: &str = "\
示例：
  nianbao convert 报告.docx -o 报告.xlsx
  nianbao convert 报告.txt --to json             # 输出到标准输出
  cat 报告.txt | nianbao convert - --to json -o 报告.json
  nianbao convert 报告目录/*.pdf --out-dir 输出/ --to xml
  nianbao convert 报告.txt -o 报告.pdf --with-findings
  nianbao convert 报告.txt -o 报告.pdf --font \"WenQuanYi Zen Hei\"   # 按字体族名使用已安装的字体
  nianbao convert 报告.txt -o 报告.pdf --font fonts/simsun.ttc#0       # 字体文件（第 0 个字形集）

退出码：0 成功；2 用法错误、读写错误或有文件无法读取（其余文件照常转换）。";

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// 输入文件（“-”表示标准输入）。
    #[arg(required = true, value_name = "输入", help_heading = "参数")]
    pub inputs: Vec<PathBuf>,
    /// 输出文件（“-”表示标准输出）；不用 --to 时按扩展名决定格式。
    #[arg(short, long, value_name = "输出", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// 输出格式（见 nianbao formats）。
    #[arg(short = 't', long = "to", value_name = "格式")]
    pub format: Option<String>,
    /// 每个输入在此目录中写一个输出，以输入的文件名命名。
    #[arg(long, value_name = "目录")]
    pub out_dir: Option<PathBuf>,
    /// 不显示读取警告和写入结果。
    #[arg(short, long)]
    pub quiet: bool,
    #[doc = "输出中记录的创建时间：日期（如 2026-01-31）或 RFC 3339 时间；不给时固定为 1980-01-01，使同样的输入得到完全相同的文件。"]
    #[arg(long, value_name = "时间")]
    pub created: Option<Timestamp>,
    #[doc = "PDF：优先使用的字体——字体文件（路径，或“路径#序号”指定 .ttc 中的字形集），或已安装字体的族名；它缺少的字由内置字体补上。只能用 TrueType 轮廓的字体。"]
    #[arg(long, value_name = "字体")]
    pub font: Option<String>,
    /// PDF：把核对结果附在文末。
    #[arg(long)]
    pub with_findings: bool,
}
