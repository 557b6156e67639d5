//! The inputs of the commands that take many reports: files, or the report files in directories.

use crate::InputError;
use std::path::{Path, PathBuf};

/// Files given, and the report files (by reader extension) directly inside directories given,
/// each directory's sorted.
///
/// # Errors
/// [`InputError::Io`] when a directory cannot be listed.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|source| InputError::Io {
                path: input.display().to_string(),
                reason: crate::io_reason(&source),
            })?;
            let mut inside: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && has_reader(p))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn has_reader(path: &Path) -> bool {
    path.extension().is_some() && nianbao_parse::reader_for(&path.to_string_lossy()).is_ok()
}
