//! Writing outputs atomically: a temporary file in the destination directory, renamed into place
//! only when complete, so a failed export never leaves a half-written file; and never over an
//! input.

use std::io::Write;
use std::path::Path;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would replace one of the inputs.
    #[error("refusing to overwrite the input {input} with its output")]
    WouldOverwriteInput {
        /// The input.
        input: String,
    },
    /// The temporary file could not be created.
    #[error("cannot create a temporary file in {directory}")]
    Temporary {
        /// The destination directory.
        directory: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// Writing failed.
    #[error("cannot write {path}")]
    Write {
        /// The output.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The finished file could not be moved into place.
    #[error("cannot move the finished output to {path}")]
    Persist {
        /// The output.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nianbao-").suffix(".tmp");
    // A temporary file is private (0600); the finished output gets ordinary permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder
        .tempfile_in(directory)
        .map_err(|source| OutputError::Temporary {
            directory: directory.display().to_string(),
            source,
        })?;
    {
        let mut buffered = std::io::BufWriter::new(file.as_file_mut());
        produce(&mut buffered).map_err(|e| OutputError::Produce(e.into()))?;
        buffered.flush().map_err(|source| OutputError::Write {
            path: path.display().to_string(),
            source,
        })?;
    }
    file.persist(path).map_err(|e| OutputError::Persist {
        path: path.display().to_string(),
        source: e.error,
    })?;
    Ok(())
}
