//! The library's one error type. Every input problem becomes one of these,
//! naming the file and the reason; nothing derived from input panics.

/// What can go wrong before or while a file is checked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}: binary file (contains NUL bytes), skipped")]
    Binary { path: String },
    #[error(
        "{path}: file too large ({size} bytes; the limit is {} bytes)",
        crate::source::MAX_FILE_BYTES
    )]
    TooLarge { path: String, size: u64 },
    #[error("{path}:{line}: {key}: {message}")]
    Config {
        path: String,
        line: usize,
        key: String,
        message: String,
    },
}

impl Error {
    /// The file (or configuration) the error is about, as named to people.
    pub fn path(&self) -> &str {
        match self {
            Error::Io { path, .. }
            | Error::NotUtf8 { path, .. }
            | Error::Binary { path }
            | Error::TooLarge { path, .. }
            | Error::Config { path, .. } => path,
        }
    }
}
