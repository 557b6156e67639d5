//! Writing outputs atomically: a temporary file in the destination directory, renamed into place
//! only when complete, so a failed export never leaves a half-written file; and never over an
//! input.

use std::io::Write;
use std::path::Path;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would replace one of the inputs.
    #[error("输出会覆盖输入文件 {input}，已拒绝：请另选输出文件名")]
    WouldOverwriteInput {
        /// The input.
        input: String,
    },
    /// The output's directory could not be made, or written in.
    #[error("无法在目录 {directory} 中写入输出 {path}：{reason}")]
    Directory {
        /// The output.
        path: String,
        /// Its directory.
        directory: String,
        /// What the system said, in Chinese.
        reason: String,
    },
    /// Writing failed.
    #[error("无法写入 {path}：{reason}")]
    Write {
        /// The output.
        path: String,
        /// What the system said, in Chinese.
        reason: String,
    },
    /// The finished file could not be moved into place.
    #[error("无法保存输出 {path}：{reason}")]
    Persist {
        /// The output.
        path: String,
        /// What the system said, in Chinese.
        reason: String,
    },
    /// What produces the output failed; nothing was written.
    #[error(transparent)]
    Produce(Box<dyn std::error::Error + Send + Sync + 'static>),
}

/// Whether two paths name the same existing file (also through links); a path that does not
/// exist yet is no input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// Refuses an output that is one of `inputs`.
///
/// # Errors
/// [`OutputError::WouldOverwriteInput`] naming the input.
pub fn refuse_overwriting<'p>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'p Path>,
) -> Result<(), OutputError> {
    for input in inputs {
        if same_file(input, output) {
            return Err(OutputError::WouldOverwriteInput {
                input: input.display().to_string(),
            });
        }
    }
    Ok(())
}

/// Writes what `produce` writes to `path` atomically: nothing appears under `path` unless
/// `produce` succeeds and the whole output is written.
///
/// # Errors
/// [`OutputError`] naming the output, or `produce`'s own error.
pub fn write_atomically<E>(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), OutputError>
where
    E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let directory_error = |source: std::io::Error| OutputError::Directory {
        path: path.display().to_string(),
        directory: directory.display().to_string(),
        reason: crate::io_reason(&source),
    };
    // A missing output directory is made, as `--out-dir` is.
    std::fs::create_dir_all(directory).map_err(directory_error)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nianbao-").suffix(".tmp");
    // A temporary file is private (0600); the finished output gets ordinary permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder.tempfile_in(directory).map_err(directory_error)?;
    {
        let mut buffered = std::io::BufWriter::new(file.as_file_mut());
        produce(&mut buffered).map_err(|e| OutputError::Produce(e.into()))?;
        buffered.flush().map_err(|source| OutputError::Write {
            path: path.display().to_string(),
            reason: crate::io_reason(&source),
        })?;
    }
    file.persist(path).map_err(|e| OutputError::Persist {
        path: path.display().to_string(),
        reason: crate::io_reason(&e.error),
    })?;
    Ok(())
}
