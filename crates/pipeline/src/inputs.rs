//! The inputs of the commands that take many reports: files, or the report files in directories
//! and their subdirectories.

use crate::InputError;
use nianbao_parse::ParseError;
use std::path::{Path, PathBuf};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file (or `-` for standard input).
    pub path: PathBuf,
    /// For a file found in a directory given: its path below that directory. `None` for a file
    /// given by name.
    pub within: Option<PathBuf>,
}

impl Input {
    /// Whether the file was found in a directory rather than given by name: a file there that is
    /// not a report is skipped, not an error.
    pub fn found(&self) -> bool {
        self.within.is_some()
    }
}

/// Files given, and the files of every kind a reader takes inside the directories given and
/// their subdirectories (hidden ones, whose names start with `.`, left out), each directory's
/// in name order.
///
/// # Errors
/// [`InputError::Io`] when a directory cannot be listed.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<Input>, InputError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, input, &mut files)?;
        } else {
            files.push(Input {
                path: input.clone(),
                within: None,
            });
        }
    }
    Ok(files)
}

/// The report files below `directory`, in name order, subdirectories' after the files beside them.
fn walk(root: &Path, directory: &Path, files: &mut Vec<Input>) -> Result<(), InputError> {
    let entries = std::fs::read_dir(directory).map_err(|source| InputError::Io {
        path: directory.display().to_string(),
        reason: crate::io_reason(&source),
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    let (directories, plain): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| p.is_dir());
    for path in plain.into_iter().filter(|p| p.is_file() && has_reader(p)) {
        let within = path.strip_prefix(root).map(Path::to_path_buf).ok();
        files.push(Input { path, within });
    }
    for sub in directories {
        walk(root, &sub, files)?;
    }
    Ok(())
}

fn has_reader(path: &Path) -> bool {
    path.extension().is_some() && nianbao_parse::reader_for(&path.to_string_lossy()).is_ok()
}

/// Whether `error` says the file is not a report at all (no report structure, empty, a picture,
/// a kind of file nianbao does not read) — as opposed to a report that could not be read.
pub fn is_not_a_report(error: &InputError) -> bool {
    matches!(
        error,
        InputError::Parse(
            ParseError::NoReportStructure
                | ParseError::Empty
                | ParseError::Image { .. }
                | ParseError::UnknownFormat { .. }
                | ParseError::NotText { .. }
        )
    )
}
