//! Project automation: `cargo xtask <task>`.
//!
//! * `codegen [--check]` — writes the generated files (`schemas/nianbao-report.schema.json`,
//!   `RULES.md`, `DIAGNOSTICS.md`); with `--check`, fails if any is stale instead.
//! * `bless` — rebuilds the `nianbao` binary and rewrites the golden outputs in `tests/golden/`
//!   of the samples in `samples/` and of every readable real case of the corpus: the JSON export,
//!   its warnings, and `nianbao check`'s report. Review the diff before committing it.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        ["bless"] => bless(),
        _ => bail!("usage: cargo xtask codegen [--check] | bless"),
    }
}

fn root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

/// The generated files and their contents.
fn generated() -> Vec<(PathBuf, String)> {
    vec![
        (
            root().join("schemas/nianbao-report.schema.json"),
            nianbao_format::json::schema(),
        ),
        (root().join("RULES.md"), nianbao_rules::rules_markdown()),
        (root().join("DIAGNOSTICS.md"), nianbao_model::codes::markdown()),
    ]
}

fn codegen(check: bool) -> Result<()> {
    let mut stale = Vec::new();
    for (path, contents) in generated() {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == contents {
            continue;
        }
        if check {
            stale.push(path.display().to_string());
        } else {
            std::fs::write(&path, contents).with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    if !stale.is_empty() {
        bail!(
            "stale generated files (run `cargo xtask codegen`): {}",
            stale.join(", ")
        );
    }
    Ok(())
}

fn bless() -> Result<()> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--package", "nianbao-cli"])
        .current_dir(root())
        .status()?;
    if !status.success() {
        bail!("building nianbao failed");
    }
    let binary = root().join("target/debug/nianbao");
    std::fs::create_dir_all(nianbao_tests::golden_dir())?;
    for case in nianbao_tests::golden_cases() {
        for (kind, bytes) in case.outputs(&binary) {
            let path = case.golden_file(kind);
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        }
        println!("blessed {}", case.name);
    }
    Ok(())
}
