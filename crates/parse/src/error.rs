//! The ways reading can fail. Messy content never fails; only input that is not a report does.

/// Why an input could not be read as a report.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The bytes are not text in any supported encoding.
    #[error("不是文本文件：{detail}")]
    NotText {
        /// What was wrong, and where.
        detail: String,
    },
    /// The text has none of the six section headings and none of the table labels.
    #[error("没有找到年度报告的结构：六个部分的标题和统计表的行标签都不存在")]
    NoReportStructure,
    /// A report in the pre-2019 format (一、概述 … 收费及减免情况), which is out of scope.
    #[error("这是2019年以前格式的年度报告（{marker}），不在支持范围内")]
    Pre2019Format {
        /// The heading that identified it.
        marker: String,
    },
    /// nianbao's own JSON or XML that cannot be read back.
    #[error("{format} 无法读取：{detail}")]
    Invalid {
        /// `JSON` or `XML`.
        format: &'static str,
        /// What is wrong, and where.
        detail: String,
    },
    /// A legacy binary word-processor document (`.doc`, `.wps`), which is not read.
    #[error("{extension} 文件是旧版 Word/WPS 二进制文档（或加密的文档），无法读取：请用 Word、WPS 或 LibreOffice 打开后“另存为” .docx 格式再试")]
    LegacyWord {
        /// The file's extension.
        extension: String,
    },
    /// A PDF whose text cannot be read: a scan, an encrypted or broken file, fonts without
    /// Unicode.
    #[error(transparent)]
    Pdf(#[from] nianbao_pdf::PdfError),
    /// The file holds nothing (or only white space).
    #[error("文件是空的，没有任何内容")]
    Empty,
    /// A picture (PNG, JPEG, GIF, BMP, TIFF, WebP), not a document.
    #[error("这是图片（{kind}），不是报告：请提供 Word、WPS 另存的 .docx、网页、PDF 或文本文件；扫描的图片需先做文字识别（OCR）")]
    Image {
        /// The picture format.
        kind: &'static str,
    },
    /// An RTF document (Word and WPS save one under `.doc`), which is not read.
    #[error("这是 RTF 格式的文档（常以 .doc 为扩展名保存），无法读取：请用 Word、WPS 或 LibreOffice 打开后“另存为” .docx 格式再试")]
    Rtf,
    /// No reader handles this kind of file.
    #[error("不支持的输入格式“{extension}”：可读取 {supported}")]
    UnknownFormat {
        /// The file's extension (or what was sniffed).
        extension: String,
        /// The extensions that are supported.
        supported: String,
    },
}
