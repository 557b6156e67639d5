//! End-to-end tests over the real `nianbao` binary: golden outputs for every sample and every
//! readable real case of the corpus, the exporter list, exit codes, standard input/output, batch conversion and atomic, non-destructive
//! output.
//!
//! Golden outputs live in `tests/golden/` at the repository root and are rewritten only by
//! `cargo xtask bless` (review the diff); a mismatch prints a unified diff, and a golden file no
//! case produces fails a test. The samples are the corpus seeds kept in `samples/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use unicode_width::UnicodeWidthStr;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("nianbao runs")
}

fn utf8(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn every_case_matches_its_golden_outputs() {
    let binary = Path::new(env!("CARGO_BIN_EXE_nianbao"));
    let cases = nianbao_tests::golden_cases();
    assert!(cases.len() >= 12, "the five samples and the readable real cases");
    let mut failures = Vec::new();
    for case in &cases {
        for (kind, actual) in case.outputs(binary) {
            let path = case.golden_file(kind);
            let Ok(expected) = std::fs::read(&path) else {
                failures.push(format!(
                    "{}: no golden file (run `cargo xtask bless`)",
                    path.display()
                ));
                continue;
            };
            if expected != actual {
                failures.push(format!(
                    "{} differs (run `cargo xtask bless` and review):\n{}",
                    path.display(),
                    nianbao_tests::text_diff(
                        &String::from_utf8_lossy(&expected),
                        &String::from_utf8_lossy(&actual)
                    )
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_file_belongs_to_a_case() {
    let expected: std::collections::BTreeSet<PathBuf> = nianbao_tests::golden_cases()
        .iter()
        .flat_map(|case| {
            nianbao_tests::GOLDEN_KINDS
                .iter()
                .map(|kind| case.golden_file(kind))
        })
        .collect();
    let present: std::collections::BTreeSet<PathBuf> = std::fs::read_dir(nianbao_tests::golden_dir())
        .expect("tests/golden")
        .map(|e| e.expect("entry").path())
        .collect();
    let orphans: Vec<String> = present
        .difference(&expected)
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        orphans.is_empty(),
        "golden files no case produces (remove them, or restore their case): {orphans:?}"
    );
}

#[test]
fn check_exit_codes_follow_error_findings() {
    // Seed 000 has warnings only; seed 002 lacks 信息处理费 in 六 (an error).
    assert_eq!(
        nianbao(&["check", "samples/000_2ed7b50f6a4f35f4.txt"])
            .status
            .code(),
        Some(0)
    );
    let output = nianbao(&["check", "samples/002_9ab6ef9a76a23be4.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = utf8(&output.stdout);
    assert!(
        stdout.contains("错误[N-004]")
            && stdout.contains("共检查 1 份报告：1 个错误，0 个警告，0 条读取问题"),
        "{stdout}"
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\x00binary").unwrap();
    let output = nianbao(&["check", "samples/000_2ed7b50f6a4f35f4.txt", bad.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unreadable input wins over findings"
    );
    assert!(utf8(&output.stdout).contains("共检查 2 份报告，1 份无法读取："));
    // In JSON the unreadable file is an entry with its error.
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        "samples/000_2ed7b50f6a4f35f4.txt",
        bad.to_str().unwrap(),
    ]);
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let entries = results.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries[0].get("error").is_none());
    assert_eq!(entries[1]["file"], bad.to_str().unwrap());
    assert!(entries[1]["error"].as_str().is_some_and(|e| !e.is_empty()));
}

#[test]
fn check_counts_what_it_printed() {
    for case in nianbao_tests::golden_cases() {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("check")
            .arg(&case.file)
            .current_dir(&case.dir)
            .output()
            .unwrap();
        let stdout = utf8(&output.stdout);
        let shown = |kind: &str| stdout.lines().filter(|l| l.starts_with(kind)).count();
        let summary = stdout
            .lines()
            .find(|l| l.starts_with("共检查"))
            .unwrap_or_else(|| panic!("{}: no summary\n{stdout}", case.name));
        let numbers: Vec<usize> = summary
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        // 共检查 1 份报告：E 个错误，W 个警告，R 条读取问题
        let [_, errors, warnings, reading] = numbers[..] else {
            panic!("{}: {summary}", case.name)
        };
        assert_eq!(errors, shown("错误["), "{}: {summary}", case.name);
        for key in ["t2.", "t3.", "t4."] {
            assert!(
                !stdout.contains(key),
                "{}: a fact key where a person reads\n{stdout}",
                case.name
            );
        }
        assert_eq!(warnings + reading, shown("警告["), "{}: {summary}", case.name);
    }
}

#[test]
fn check_points_at_the_wrong_total() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("samples/002_9ab6ef9a76a23be4.txt")).unwrap();
    // (七)总计 of 自然人 printed as 2 while every outcome is 0.
    let wrong = text.replace("(七) 总计\t\t0\t0", "(七) 总计\t\t2\t0");
    assert_ne!(wrong, text);
    let input = dir.path().join("wrong.txt");
    std::fs::write(&input, wrong).unwrap();
    let output = nianbao(&["check", input.to_str().unwrap()]);
    let stdout = utf8(&output.stdout);
    assert!(
        stdout.contains("错误[T3-002]：自然人列：（七）总计 = 2，各项办理结果之和 = 0，相差 +2"),
        "{stdout}"
    );
    assert!(stdout.contains("wrong.txt:74:"), "{stdout}");
    assert!(stdout.contains("74 | (七) 总计        2    0"), "{stdout}");
}

#[test]
fn check_json_lists_findings_per_file() {
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        "samples/002_9ab6ef9a76a23be4.txt",
        "samples/004_208df7f24f8ec3dc.txt",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = json.as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[1]["agency"], "江坡鎮人民政府");
    let rules: Vec<&str> = results[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["N-004", "N-006"]);
}

#[test]
fn rules_are_listed_and_explained() {
    let output = nianbao(&["rules"]);
    assert!(output.status.success());
    let listing = utf8(&output.stdout);
    // A heading line, then one line per rule, the columns aligned by display width.
    assert_eq!(listing.lines().count(), 37);
    assert!(listing.lines().next().is_some_and(|l| l.starts_with("编号")));
    let line = listing
        .lines()
        .find(|l| l.starts_with("T3-002"))
        .expect("T3-002 listed");
    assert!(
        line.contains("错误") && line.contains("outcome-total-mismatch"),
        "{line}"
    );
    let column = |line: &str, word: &str| line[..line.find(word).unwrap()].width();
    let title = listing.lines().find(|l| l.starts_with("T2-003")).unwrap();
    assert_eq!(
        column(line, "各项办理结果"),
        column(title, "收费金额"),
        "{listing}"
    );
    // By code or by name, the same explanation.
    for asked in ["t3-002", "outcome-total-mismatch"] {
        let output = nianbao(&["rule", asked]);
        assert!(output.status.success());
        let text = utf8(&output.stdout);
        assert!(
            text.starts_with("## T3-002 `outcome-total-mismatch`")
                && text.contains("级别：错误")
                && text.contains("区分处理的"),
            "{text}"
        );
    }
    // And a reader diagnostic by its code.
    let output = nianbao(&["rule", "row-not-found"]);
    assert!(output.status.success(), "{}", utf8(&output.stderr));
    // Closing the pipe early is no error.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("rules")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", utf8(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", utf8(&output.stderr));
    let output = nianbao(&["rule", "X-1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(utf8(&output.stderr).contains("没有“X-1”这条规则"));
}

#[test]
fn formats_lists_every_linked_exporter() {
    let output = nianbao(&["formats"]);
    assert!(output.status.success());
    let names: Vec<String> = utf8(&output.stdout)
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names, ["json", "pdf", "xlsx", "xml"]);
}

#[test]
fn output_file_is_deterministic_and_format_follows_extension() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    for out in [&a, &b] {
        let output = nianbao(&[
            "convert",
            "samples/000_2ed7b50f6a4f35f4.txt",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", utf8(&output.stderr));
    }
    let first = std::fs::read(&a).unwrap();
    assert_eq!(first, std::fs::read(&b).unwrap());
    let json: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(json["agency"], "天池镇人民政府");
    assert_eq!(json["facts"]["t3.unable.not_held.total"], serde_json::Value::Null);
    assert_eq!(json["facts"]["t3.unable.not_held.natural_person"], 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&a).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o044,
            0o044,
            "the output is readable like any file, not private: {mode:o}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn standard_input_to_standard_output() {
    let sample = std::fs::read(root().join("samples/002_9ab6ef9a76a23be4.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["convert", "-", "-o", "-", "--to", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&sample).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", utf8(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (json["agency"].as_str(), json["year"].as_i64()),
        (Some("焦虎镇"), Some(2024))
    );
    assert_eq!(json["source"]["file"], "-");
}

#[test]
fn gbk_input_reads_like_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("samples/000_2ed7b50f6a4f35f4.txt")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let input = dir.path().join("gbk.txt");
    std::fs::write(&input, &gbk).unwrap();
    let from_gbk = nianbao(&["convert", input.to_str().unwrap()]);
    let from_utf8 = nianbao(&["convert", "samples/000_2ed7b50f6a4f35f4.txt"]);
    let gbk_json: serde_json::Value = serde_json::from_slice(&from_gbk.stdout).unwrap();
    let utf8_json: serde_json::Value = serde_json::from_slice(&from_utf8.stdout).unwrap();
    assert_eq!(gbk_json["facts"], utf8_json["facts"]);
    assert_eq!(gbk_json["report"]["sections"], utf8_json["report"]["sections"]);
    assert_eq!(gbk_json["source"]["encoding"], "GBK");
}

#[test]
fn batch_conversion_goes_on_past_a_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("scan.txt");
    std::fs::write(&bad, b"\x00\x01\x02PDF-ish binary").unwrap();
    let out = dir.path().join("out");
    let output = nianbao(&[
        "convert",
        "samples/000_2ed7b50f6a4f35f4.txt",
        bad.to_str().unwrap(),
        "samples/004_208df7f24f8ec3dc.txt",
        "--out-dir",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = utf8(&output.stderr);
    assert!(
        stderr.contains("scan.txt") && stderr.contains("不是文本文件"),
        "{stderr}"
    );
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["000_2ed7b50f6a4f35f4.json", "004_208df7f24f8ec3dc.json"]
    );
}

#[test]
fn usage_and_input_errors_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_report = dir.path().join("notes.txt");
    std::fs::write(&not_a_report, "会议记录：今天讨论了食堂菜单。\n").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["convert".into(), not_a_report.display().to_string()],
            "没有找到年度报告的结构",
        ),
        (
            vec!["convert".into(), "missing.txt".into()],
            "无法读取 missing.txt：文件或目录不存在",
        ),
        (
            vec!["convert".into(), "report.docx".into()],
            "无法读取 report.docx：文件或目录不存在",
        ),
        (
            vec![
                "convert".into(),
                "samples/000_2ed7b50f6a4f35f4.txt".into(),
                "--to".into(),
                "yaml".into(),
            ],
            "没有名为“yaml”的输出格式",
        ),
        (
            vec![
                "convert".into(),
                "samples/000_2ed7b50f6a4f35f4.txt".into(),
                "-o".into(),
                "out.csv".into(),
            ],
            "没有输出格式写 .csv 文件",
        ),
        (
            vec![
                "convert".into(),
                "samples/000_2ed7b50f6a4f35f4.txt".into(),
                "samples/002_9ab6ef9a76a23be4.txt".into(),
            ],
            "需要用 --out-dir",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = nianbao(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = utf8(&output.stderr);
        assert!(
            stderr.contains("错误：") && stderr.contains(message),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn unknown_extension_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let odt = dir.path().join("report.odt");
    std::fs::write(&odt, "二、主动公开政府信息情况").unwrap();
    let output = nianbao(&["convert", odt.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = utf8(&output.stderr);
    assert!(
        stderr.contains("不支持的输入格式“.odt”") && stderr.contains(".txt") && stderr.contains(".pdf"),
        "{stderr}"
    );
}

#[test]
fn an_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("report.json");
    let original = std::fs::read(root().join("samples/001_0ed6c5173e6d400e.txt")).unwrap();
    // A report saved with a misleading extension, converted onto itself.
    let as_text = dir.path().join("report.txt");
    std::fs::write(&as_text, &original).unwrap();
    std::fs::hard_link(&as_text, &input).unwrap();
    let output = nianbao(&[
        "convert",
        as_text.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(utf8(&output.stderr).contains("输出会覆盖输入文件"));
    assert_eq!(std::fs::read(&as_text).unwrap(), original);
}

#[test]
fn review_takes_directories_and_skips_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("scan.txt");
    std::fs::write(&bad, b"\x00\x01binary").unwrap();
    let out = dir.path().join("review.xlsx");
    let output = nianbao(&[
        "review",
        "samples",
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a skipped input is reported in the exit code"
    );
    let stderr = utf8(&output.stderr);
    assert!(
        stderr.contains("scan.txt") && stderr.contains("已跳过") && stderr.contains("5 份报告"),
        "{stderr}"
    );
    let bytes = std::fs::read(&out).expect("the workbook holds the readable reports");
    assert_eq!(&bytes[..2], b"PK");
    let again = dir.path().join("again.xlsx");
    let output = nianbao(&["review", "samples", "-o", again.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let mut first = std::fs::read(&again).unwrap();
    let output = nianbao(&["review", "samples", "-o", again.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(
        std::mem::take(&mut first) == std::fs::read(&again).unwrap(),
        "same inputs, same bytes"
    );
    let output = nianbao(&[
        "review",
        "samples",
        "-o",
        dir.path().join("review.json").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(utf8(&output.stderr).contains(".xlsx"));
}

#[test]
fn aggregate_sums_into_any_format_and_refuses_mixtures() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = nianbao_tests::corpus_dir().join("real");
    let out = dir.path().join("county.xml");
    let seeds = [
        "samples/000_2ed7b50f6a4f35f4.txt",
        "samples/003_ab0ddd5dad9ab753.txt",
        "samples/004_208df7f24f8ec3dc.txt",
    ];
    let mut args = vec!["aggregate"];
    args.extend(seeds);
    args.extend(["--agency", "某县人民政府", "-o", out.to_str().unwrap()]);
    let output = nianbao(&args);
    assert_eq!(output.status.code(), Some(0), "{}", utf8(&output.stderr));
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(xml.contains("<title>某县人民政府2022年政府信息公开工作年度报告（汇总）</title>"));
    assert_eq!(xml.matches("<report file=\"samples/").count(), 3);
    // The aggregate reads back, and aggregates of aggregates work.
    let again = dir.path().join("again.json");
    let output = nianbao(&["aggregate", out.to_str().unwrap(), "-o", again.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", utf8(&output.stderr));
    // Mixed years: refused, naming the odd file, nothing written.
    let mixed = dir.path().join("mixed.json");
    let y2019 = corpus.join("pingtan-2019-txt/source.txt");
    let y2020 = corpus.join("pingtan-2020-txt/source.txt");
    let output = nianbao(&[
        "aggregate",
        y2019.to_str().unwrap(),
        y2020.to_str().unwrap(),
        "-o",
        mixed.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        utf8(&output.stderr).contains("pingtan-2020-txt/source.txt 是 2020 年度报告"),
        "{}",
        utf8(&output.stderr)
    );
    assert!(!mixed.exists());
    // An unreadable constituent stops the aggregate.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\x00").unwrap();
    let output = nianbao(&[
        "aggregate",
        seeds[0],
        bad.to_str().unwrap(),
        "-o",
        mixed.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!mixed.exists());
}

#[test]
fn aggregate_with_errors_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = nianbao_tests::corpus_dir().join("real");
    let pt20 = corpus.join("pingtan-2020-txt/source.txt");
    // The same file twice, or a copy of it, would count one report twice: refused, naming both.
    let copy = dir.path().join("copy.txt");
    std::fs::copy(&pt20, &copy).unwrap();
    let twice = dir.path().join("twice.json");
    for second in [&pt20, &copy] {
        let output = nianbao(&[
            "aggregate",
            pt20.to_str().unwrap(),
            second.to_str().unwrap(),
            "-o",
            twice.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = utf8(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "{} 与 {} 是同一份文件",
                second.display(),
                pt20.display()
            )),
            "{stderr}"
        );
        assert!(!twice.exists());
    }
    // So would another file with the same agency's report for the same year.
    let text = std::fs::read_to_string(&pt20).unwrap();
    let edited = dir.path().join("edited.txt");
    std::fs::write(&edited, text.replacen("发布时间", "发布日期", 1)).unwrap();
    let output = nianbao(&[
        "aggregate",
        pt20.to_str().unwrap(),
        edited.to_str().unwrap(),
        "-o",
        twice.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        utf8(&output.stderr).contains("都是平潭综合实验区 2020 年度的报告"),
        "{}",
        utf8(&output.stderr)
    );
    // Another body's report for the year is summed.
    let other = dir.path().join("other.txt");
    std::fs::write(&other, text.replace("平潭综合实验区", "某某县")).unwrap();
    let out = dir.path().join("sum.json");
    let output = nianbao(&[
        "aggregate",
        pt20.to_str().unwrap(),
        other.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the sums keep the source's T3-002 error: {}",
        utf8(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["facts"]["t3.total_processed.natural_person"], 40);
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "T3-002"));
}

#[test]
fn convert_writes_an_archive_pdf_and_a_bad_font_leaves_no_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("report.pdf");
    let pdf_arg = pdf.to_string_lossy().into_owned();
    let sample = "samples/000_2ed7b50f6a4f35f4.txt";
    let out = nianbao(&["convert", "-q", sample, "-o", &pdf_arg, "--with-findings"]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let bytes = std::fs::read(&pdf).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF-1.") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
    let again = dir.path().join("again.pdf");
    let again_arg = again.to_string_lossy().into_owned();
    assert!(
        nianbao(&["convert", "-q", sample, "-o", &again_arg, "--with-findings"])
            .status
            .success()
    );
    assert!(
        std::fs::read(&again).expect("again") == bytes,
        "same input, same bytes"
    );

    let missing = dir.path().join("missing.pdf");
    let missing_arg = missing.to_string_lossy().into_owned();
    let out = nianbao(&[
        "convert",
        "-q",
        sample,
        "-o",
        &missing_arg,
        "--font",
        "No Such Font 9",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // The font is looked up once, before any input is read: the error names the font.
    let stderr = utf8(&out.stderr);
    assert!(stderr.contains("找不到字体“No Such Font 9”"), "{stderr}");
    assert!(!missing.exists(), "no half-written output");
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        2,
        "no temporary file left"
    );
}

#[test]
fn a_word_file_converts_to_every_format_with_every_cell_right() {
    use nianbao_tests::docx::{self, Writing};
    let case = nianbao_tests::corpus_dir().join("real/pingtan-2025-html");
    let expected = nianbao_tests::load_expected(&case.join("expected.json"));
    let title = format!("{}{}年度政府信息公开工作年度报告", expected.agency, expected.year);
    let document = docx::filled_document(&title, &docx::values_2021(&expected), Writing::Plain);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.docx");
    std::fs::write(&input, docx::with_document(&docx::template_bytes(), &document)).unwrap();
    for extension in ["json", "xlsx", "xml", "pdf"] {
        let output = dir.path().join(format!("报告.{extension}"));
        let run = nianbao(&["convert", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
        assert!(run.status.code() == Some(0), "{extension}: {}", utf8(&run.stderr));
        assert!(std::fs::metadata(&output).unwrap().len() > 0);
    }
    // What reads back (JSON and XML) has every hand-checked fact; the workbook and the PDF are
    // checked against their clients by the exporters' own tests over the corpus.
    for extension in ["json", "xml"] {
        let path = dir.path().join(format!("报告.{extension}"));
        let read = nianbao_pipeline::read_file(&path).unwrap().document;
        assert_eq!(read.source.kind, nianbao_model::InputKind::Docx);
        assert!(read.source.sha256.is_some());
        let diffs = nianbao_tests::differences(&read, &expected);
        assert!(diffs.is_empty(), "{extension}: {}", diffs.join("\n"));
    }
    let pdf = dir.path().join("报告.pdf");
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .expect("qpdf");
    assert!(check.status.success(), "{}", utf8(&check.stdout));

    let legacy = dir.path().join("旧报告.doc");
    std::fs::write(&legacy, [nianbao_tests::OLE_MAGIC, &[0u8; 64]].concat()).unwrap();
    let run = nianbao(&[
        "convert",
        legacy.to_str().unwrap(),
        "-o",
        dir.path().join("x.json").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let message = utf8(&run.stderr);
    assert!(
        message.contains("旧报告.doc") && message.contains("另存为"),
        "{message}"
    );
}

#[test]
fn an_unreadable_pdf_exits_2_naming_the_file_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(nianbao_tests::corpus_dir().join("real/huaian-2024-pdf/source.pdf")).unwrap();
    let cut = dir.path().join("年报-不完整.pdf");
    std::fs::write(&cut, &whole[..whole.len() / 3]).unwrap();
    let unmapped = dir.path().join("年报-无编码.pdf");
    std::fs::write(&unmapped, nianbao_tests::pdf::text_without_unicode()).unwrap();
    for (input, reason) in [(&cut, "PDF 文件已损坏或不完整"), (&unmapped, "ToUnicode")] {
        let out = dir.path().join("out.json");
        let output = nianbao(&["convert", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = utf8(&output.stderr);
        assert!(
            stderr.contains(&input.display().to_string()) && stderr.contains(reason),
            "{stderr}"
        );
        assert!(!out.exists(), "no output is written for an unreadable input");
    }
}

#[test]
fn a_character_the_builtin_font_lacks_is_drawn_with_an_installed_font() {
    // DejaVu Sans (installed by .ci/run) draws `Ş`, which the built-in CJK font does not have.
    if !std::path::Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(!ci, "fonts-dejavu-core is required under CI; .ci/run installs it");
        eprintln!("skipped: DejaVu Sans (Debian fonts-dejavu-core) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("samples/000_2ed7b50f6a4f35f4.txt")).unwrap();
    let text = text.replacen("一、总体情况", "一、总体情况\n联络员：Ayşe。\n", 1);
    let input = dir.path().join("report.txt");
    std::fs::write(&input, text).unwrap();
    let pdf = dir.path().join("report.pdf");
    let out = nianbao(&[
        "convert",
        "-q",
        input.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", utf8(&out.stderr));
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(utf8(&text.stdout).contains("Ayşe"), "{}", utf8(&text.stdout));
    // A character no installed font has is refused, naming it in words a clerk reads.
    let unknown = dir.path().join("unknown.txt");
    let body = std::fs::read_to_string(&input)
        .unwrap()
        .replace("Ayşe", "\u{F0000}");
    std::fs::write(&unknown, body).unwrap();
    let refused = dir.path().join("unknown.pdf");
    let out = nianbao(&[
        "convert",
        "-q",
        unknown.to_str().unwrap(),
        "-o",
        refused.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = utf8(&out.stderr);
    assert!(
        stderr.contains("（编码 U+F0000）") && stderr.contains("都无法显示"),
        "{stderr}"
    );
    assert!(!refused.exists());
}

#[test]
fn an_output_in_a_missing_directory_is_written_and_convert_says_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("县/2024/报告.json");
    let run = nianbao(&[
        "convert",
        "samples/000_2ed7b50f6a4f35f4.txt",
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", utf8(&run.stderr));
    assert!(output.is_file());
    let stderr = utf8(&run.stderr);
    // Seed 000: 2021 template (200 cells), five warning findings, no reader warning.
    let said = format!(
        "已写入 {}（表格 200 格，0 个读取警告，核对发现 0 个错误、5 个警告）",
        output.display()
    );
    assert!(stderr.contains(&said), "{stderr}");
    // --quiet says nothing.
    let again = dir.path().join("again.json");
    let run = nianbao(&[
        "convert",
        "-q",
        "samples/000_2ed7b50f6a4f35f4.txt",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(
        run.status.success() && run.stderr.is_empty(),
        "{}",
        utf8(&run.stderr)
    );
    // An output directory that cannot be made is named, not the input and not a temporary file.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let inside = blocker.join("报告.json");
    let run = nianbao(&[
        "convert",
        "samples/000_2ed7b50f6a4f35f4.txt",
        "-o",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = utf8(&run.stderr);
    assert!(
        stderr.contains(&format!(
            "无法在目录 {} 中写入输出 {}",
            blocker.display(),
            inside.display()
        )) && !stderr.contains(".nianbao-"),
        "{stderr}"
    );
}

#[test]
fn the_command_line_speaks_chinese() {
    let help = utf8(&nianbao(&["--help"]).stdout);
    assert!(
        help.contains("用法：") && help.contains("命令") && help.contains("显示帮助"),
        "{help}"
    );
    let help = utf8(&nianbao(&["convert", "--help"]).stdout);
    assert!(help.contains("示例：") && help.contains("退出码："), "{help}");
    for (args, said) in [
        (vec!["convert", "--bogus"], "不认识的选项或参数“--bogus”"),
        (vec!["frobnicate"], "没有“frobnicate”这个命令"),
        (
            vec!["convert", "a.txt", "--created", "2026/01/31"],
            "不是有效的日期或时间",
        ),
        (
            vec!["convert", "a.txt", "-o", "b.json", "--out-dir", "c"],
            "不能与",
        ),
    ] {
        let output = nianbao(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = utf8(&output.stderr);
        assert!(
            stderr.starts_with("错误：") && stderr.contains(said),
            "{args:?}: {stderr}"
        );
    }
    // A date is a creation time: the start of that day in Beijing.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.xlsx");
    let run = nianbao(&[
        "convert",
        "-q",
        "samples/000_2ed7b50f6a4f35f4.txt",
        "--created",
        "2024-01-20",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", utf8(&run.stderr));
}

#[test]
fn directories_are_read_recursively_and_what_is_not_a_report_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("县");
    std::fs::create_dir_all(tree.join("乡镇/东乡")).unwrap();
    std::fs::create_dir_all(tree.join(".git")).unwrap();
    std::fs::copy(
        root().join("samples/000_2ed7b50f6a4f35f4.txt"),
        tree.join("乡镇/甲.txt"),
    )
    .unwrap();
    std::fs::copy(
        root().join("samples/003_ab0ddd5dad9ab753.txt"),
        tree.join("乡镇/东乡/乙.txt"),
    )
    .unwrap();
    std::fs::write(tree.join("README.md"), "# 说明\n\n这里存放各乡镇的年报。\n").unwrap();
    std::fs::write(tree.join("扫描件.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(tree.join(".git/config.txt"), "一、总体情况").unwrap();
    let tree_arg = tree.to_str().unwrap();

    // The README is read and skipped; the picture, the hidden directory are not report files.
    let output = nianbao(&["check", tree_arg]);
    let stderr = utf8(&output.stderr);
    assert!(output.status.code().is_some_and(|c| c < 2), "{stderr}");
    assert!(
        stderr.contains("跳过：") && stderr.contains("README.md"),
        "{stderr}"
    );
    assert!(!stderr.contains(".git") && !stderr.contains("错误："), "{stderr}");
    assert!(
        utf8(&output.stdout).contains("共检查 2 份报告"),
        "{}",
        utf8(&output.stdout)
    );

    let out = dir.path().join("输出");
    let output = nianbao(&[
        "convert",
        "-q",
        tree_arg,
        "--out-dir",
        out.to_str().unwrap(),
        "--to",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", utf8(&output.stderr));
    assert!(out.join("乡镇/甲.json").is_file() && out.join("乡镇/东乡/乙.json").is_file());

    let workbook = dir.path().join("审阅.xlsx");
    let output = nianbao(&["review", tree_arg, "-o", workbook.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", utf8(&output.stderr));
    assert!(
        utf8(&output.stderr).contains("2 份报告写入"),
        "{}",
        utf8(&output.stderr)
    );

    let sum = dir.path().join("汇总.json");
    let output = nianbao(&["aggregate", tree_arg, "-o", sum.to_str().unwrap()]);
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        utf8(&output.stderr)
    );
    assert!(sum.is_file());

    // A file given by name that is not a report is an error, as before.
    let readme = tree.join("README.md");
    assert_eq!(
        nianbao(&["check", readme.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn the_preamble_and_the_sign_off_are_in_every_format() {
    // Seed 003: a preamble (根据《中华人民共和国信息公开条例》…) and a sign-off
    // (保德县孙家沟镇人民政府 / 2023年…).
    let dir = tempfile::tempdir().unwrap();
    let sample = "samples/003_ab0ddd5dad9ab753.txt";
    let preamble = "根据《中华人民共和国信息公开条例》";
    let agency = "保德县孙家沟镇人民政府";
    for extension in ["json", "xml", "pdf"] {
        let out = dir.path().join(format!("report.{extension}"));
        let run = nianbao(&["convert", "-q", sample, "-o", out.to_str().unwrap()]);
        assert!(run.status.success(), "{}", utf8(&run.stderr));
        let text = if extension == "pdf" {
            let output = Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
            utf8(&output.stdout)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        } else {
            std::fs::read_to_string(&out).unwrap()
        };
        assert!(text.contains(preamble), "{extension}: no preamble");
        assert!(text.contains(agency), "{extension}: no sign-off agency");
        let date = ["2023年1月13日", "2023-01-13", "\"year\": 2023"];
        assert!(
            date.iter().any(|d| text.contains(d)),
            "{extension}: no sign-off date"
        );
    }
    // The PDF sets the preamble right after the title, before 一、总体情况.
    let output = Command::new("pdftotext")
        .arg(dir.path().join("report.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text: String = utf8(&output.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.find(preamble) < text.find("一、总体情况"), "{text}");
}
