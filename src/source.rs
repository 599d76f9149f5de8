//! Source files: the bytes read from disk, checked and indexed by line. Every
//! position in copydesk is a byte [`Span`] into a [`SourceFile`]'s text; line
//! and column numbers are computed in exactly one place, [`SourceFile::location`].

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use crate::Error;

/// A half-open byte range `start..end` into a source text, always on char
/// boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `text`.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Self {
        s.start..s.end
    }
}

/// A position for people: 1-based line and column (columns in Unicode scalar
/// values), plus the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// One input: its display name, its text and where each line starts.
#[derive(Clone, Debug)]
pub struct SourceFile {
    name: String,
    text: Box<str>,
    /// Where each line starts, built on first use: most files have nothing
    /// to report, and then no offset ever becomes a line.
    line_starts: OnceLock<Vec<usize>>,
    /// The number of chars before every [`CHAR_MARK_STEP`]th byte, built on
    /// the first column asked on a long line: counting from the line's
    /// start for each finding made a long line cost its length per finding.
    char_marks: OnceLock<Vec<usize>>,
}

/// Reads `reader` to its end, but never more than `limit` bytes: `None`
/// when there is more, so that standard input is held to the same limit as
/// a file without first being read whole into memory.
pub fn read_at_most(reader: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut reader.take(limit.saturating_add(1)), &mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// A path as shown to the user. A UTF-8 path (nearly all) is copied as it
/// is; `Path::display` decodes it char by char, which cost more than
/// lexing a short article.
pub fn display_path(path: &Path) -> String {
    path.to_str().map_or_else(|| path.display().to_string(), str::to_owned)
}

/// Bytes between two entries of [`SourceFile`]'s char marks.
const CHAR_MARK_STEP: usize = 4096;

/// Whether `b` starts a char (is not a UTF-8 continuation byte).
fn starts_char(b: &u8) -> bool {
    (*b as i8) >= -0x40
}

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Opens the files of one run. On Unix a file is opened relative to a handle
/// on the folder of the file opened before it, so a folder of articles is
/// looked up once, not once per article: the kernel's walk of every
/// component of every path was a tenth of a run on a corpus of small files.
/// Anything unusual takes the plain path. Keep one opener per run (or per
/// worker of a run): a handle follows its folder, so a folder renamed and
/// replaced while the opener lives is still read through the old handle.
#[derive(Debug, Default)]
pub struct Opener {
    #[cfg(unix)]
    folder: Option<(std::path::PathBuf, std::os::fd::OwnedFd)>,
}

impl Opener {
    #[cfg(unix)]
    pub fn open(&mut self, path: &Path) -> std::io::Result<std::fs::File> {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;

        use rustix::fs::{Mode, OFlags};
        // Only `folder/name` exactly: not `name`, `/name`, `folder/name/`,
        // `folder/name/.` or `folder/..`. Split at the last slash by bytes:
        // `Path::parent` and `Path::file_name` parse every component.
        let whole = path.as_os_str().as_bytes();
        let split = memchr::memrchr(b'/', whole)
            .filter(|&i| i > 0 && i + 1 < whole.len())
            .filter(|&i| !matches!(&whole[i + 1..], b"." | b".."));
        let Some(i) = split else {
            return std::fs::File::open(path);
        };
        let (parent, name) = (&whole[..i], OsStr::from_bytes(&whole[i + 1..]));
        if self
            .folder
            .as_ref()
            .is_none_or(|(p, _)| p.as_os_str().as_bytes() != parent)
        {
            self.folder = None;
            let parent = Path::new(OsStr::from_bytes(parent));
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            match rustix::fs::open(parent, flags, Mode::empty()) {
                Ok(fd) => self.folder = Some((parent.to_path_buf(), fd)),
                Err(_) => return std::fs::File::open(path),
            }
        }
        match &self.folder {
            Some((_, dir)) => {
                let fd = rustix::fs::openat(dir, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
                Ok(std::fs::File::from(fd))
            }
            None => std::fs::File::open(path),
        }
    }

    #[cfg(not(unix))]
    pub fn open(&mut self, path: &Path) -> std::io::Result<std::fs::File> {
        std::fs::File::open(path)
    }
}

impl SourceFile {
    /// Wraps text already known to be valid UTF-8. A leading byte-order mark
    /// stays in the text (offsets must match the file) and is skipped by the
    /// document layer.
    pub fn new(name: impl Into<String>, text: impl Into<Box<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            char_marks: OnceLock::new(),
        }
    }

    /// The number of chars before byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(bytes.len() / CHAR_MARK_STEP + 2);
            let mut n = 0;
            marks.push(0);
            for chunk in bytes.chunks(CHAR_MARK_STEP) {
                n += chunk.iter().filter(|b| starts_char(b)).count();
                marks.push(n);
            }
            marks
        });
        let k = offset / CHAR_MARK_STEP;
        marks[k]
            + bytes[k * CHAR_MARK_STEP..offset]
                .iter()
                .filter(|b| starts_char(b))
                .count()
    }

    /// The byte offset where each line starts.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            let bytes = self.text.as_bytes();
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                // A lone CR (old Mac line endings) also ends a line.
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    starts.push(i + 1);
                }
            }
            starts
        })
    }

    /// Lets go of the text (and what was computed from it) in place: the
    /// name stays. For a report that no longer needs it.
    pub fn drop_text(&mut self) {
        *self = SourceFile::new(std::mem::take(&mut self.name), "");
    }

    /// Checks raw bytes: binary content (a NUL byte) and invalid UTF-8 are
    /// errors naming the file and, for UTF-8, the byte offset.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Error> {
        let name = name.into();
        if memchr::memchr(0, &bytes).is_some() {
            return Err(Error::Binary { path: name });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(e) => Err(Error::NotUtf8 {
                path: name,
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    /// Reads a file from disk with the checks of [`SourceFile::from_bytes`].
    pub fn read(path: &Path) -> Result<Self, Error> {
        Self::read_with(path, &mut Opener::default())
    }

    /// [`SourceFile::read`] with the opener of a run of many files.
    pub fn read_with(path: &Path, opener: &mut Opener) -> Result<Self, Error> {
        let display = display_path(path);
        let io_err = |source: std::io::Error| Error::Io {
            path: display.clone(),
            source,
        };
        // One open and one fstat: `fs::metadata` then `fs::read` walked the
        // path twice and stat'ed the file twice.
        let mut file = opener.open(path).map_err(io_err)?;
        let meta = file.metadata().map_err(io_err)?;
        if meta.is_dir() {
            return Err(Error::Io {
                path: display.clone(),
                source: std::io::Error::other("is a directory"),
            });
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(Error::TooLarge {
                path: display,
                size: meta.len(),
            });
        }
        let size = usize::try_from(meta.len()).unwrap_or(0);
        let mut bytes = Vec::with_capacity(size);
        // Through `take`: `File::read_to_end` would stat the file and seek
        // again to size the buffer. A regular file is read up to the size it
        // has, into the spare capacity (nothing is zeroed first), and the
        // limit ends the loop without the extra read that would only confirm
        // the end; a file that grew meanwhile is read as it was when sized.
        let limit = if meta.is_file() && size > 0 {
            meta.len()
        } else {
            u64::MAX
        };
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, limit), &mut bytes).map_err(io_err)?;
        SourceFile::from_bytes(display, bytes)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let line_starts = self.line_starts();
        let start = *line_starts.get(line)?;
        let mut end = line_starts.get(line + 1).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    /// The one place where offsets become lines and columns: 1-based, columns
    /// counted in Unicode scalar values.
    pub fn location(&self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        // Spans are on char boundaries; should one ever not be, report the
        // character it falls in rather than panic while printing.
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_index(offset);
        let mut start = self.line_starts()[line];
        // A byte-order mark is invisible in editors: columns on the first
        // line count from after it.
        if start == 0 && self.text.starts_with('\u{feff}') && offset >= 3 {
            start = 3;
        }
        let column = if offset - start <= CHAR_MARK_STEP {
            self.text[start..offset].chars().count() + 1
        } else {
            self.chars_before(offset) - self.chars_before(start) + 1
        };
        Location {
            offset,
            line: line + 1,
            column,
        }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for SourceFile {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(SourceFile::line_index(self, byte_index))
    }

    /// The column from [`SourceFile::location`], so that the terminal output
    /// agrees with every other format (a leading BOM does not count).
    fn column_number(
        &'a self,
        (): (),
        _line: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.location(byte_index).column)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let line_starts = self.line_starts();
        let start = *line_starts
            .get(line_index)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: line_starts.len() - 1,
            })?;
        let end = line_starts.get(line_index + 1).copied().unwrap_or(self.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_past_the_limit() {
        let read = |n: usize, limit: u64| read_at_most(&vec![b'a'; n][..], limit).unwrap();
        assert_eq!(read(10, 10).map(|b| b.len()), Some(10));
        assert_eq!(read(0, 10).map(|b| b.len()), Some(0));
        assert_eq!(read(11, 10), None);
        assert_eq!(read(5000, 10), None);
    }

    #[test]
    fn columns_on_long_lines_count_chars() {
        let line = format!("{}x{}’{}", "é".repeat(3000), "ab".repeat(5000), "ü".repeat(4000));
        let text = format!("first line\n{line}\nlast");
        let f = SourceFile::new("a.txt", text.as_str());
        let start = text.find('\n').unwrap() + 1;
        for offset in (start..text.len()).step_by(997).filter(|&o| text.is_char_boundary(o)) {
            let loc = f.location(offset);
            assert_eq!(
                loc.line,
                if offset < start + line.len() + 1 { 2 } else { 3 },
                "{offset}"
            );
            let line_start = text[..offset].rfind('\n').unwrap() + 1;
            assert_eq!(loc.column, text[line_start..offset].chars().count() + 1, "{offset}");
        }
    }

    #[test]
    fn locations_are_one_based_and_count_chars() {
        let f = SourceFile::new("t", "ab\n“cd”\r\nx");
        assert_eq!(
            f.location(0),
            Location {
                offset: 0,
                line: 1,
                column: 1
            }
        );
        let c = f.text().find('c').unwrap();
        assert_eq!(f.location(c).line, 2);
        assert_eq!(f.location(c).column, 2);
        let x = f.text().find('x').unwrap();
        assert_eq!(f.location(x).line, 3);
        assert_eq!(f.line_range(1), Some(3..11));
    }

    #[test]
    fn a_leading_bom_is_not_a_column() {
        let f = SourceFile::new("t", "\u{feff}ab\ncd");
        assert_eq!(f.location(3).column, 1);
        assert_eq!(f.location(4).column, 2);
        assert_eq!(f.location(0).column, 1);
        assert_eq!(f.location(1).offset, 0, "inside the BOM: its start");
        let after = f.text().find('d').unwrap();
        assert_eq!(f.location(after).column, 2);
        use codespan_reporting::files::Files;
        assert_eq!(Files::location(&f, (), 4).unwrap().column_number, 2);
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let f = SourceFile::new("t", "a\rb");
        assert_eq!(f.location(2).line, 2);
    }

    #[test]
    fn reads_files_through_the_folder_handle_as_by_path() {
        let dir = tempfile::tempdir().unwrap();
        for (folder, text) in [("a", "first"), ("b", "second")] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join("x.txt"), text).unwrap();
        }
        std::fs::write(dir.path().join("a/y.txt"), "third").unwrap();
        let mut opener = Opener::default();
        let mut read = |p: &str| SourceFile::read_with(&dir.path().join(p), &mut opener).map(|f| f.text().to_owned());
        // Alternating folders and files: each read sees its own file.
        assert_eq!(read("a/x.txt").unwrap(), "first");
        assert_eq!(read("b/x.txt").unwrap(), "second");
        assert_eq!(read("a/x.txt").unwrap(), "first");
        assert_eq!(read("a/y.txt").unwrap(), "third");
        // A file rewritten between reads is read anew.
        std::fs::write(dir.path().join("a/y.txt"), "fourth").unwrap();
        assert_eq!(read("a/y.txt").unwrap(), "fourth");
        // What the plain path refuses is refused: a file named as a folder,
        // a missing file, a missing folder, a folder.
        assert!(matches!(read("a/x.txt/"), Err(Error::Io { .. })));
        assert!(matches!(read("a/x.txt/."), Err(Error::Io { .. })));
        assert!(matches!(read("a/z.txt"), Err(Error::Io { .. })));
        assert!(matches!(read("c/x.txt"), Err(Error::Io { .. })));
        assert!(matches!(read("a"), Err(Error::Io { .. })));
        // A folder replaced by another of the same name: read anew once
        // another folder was read in between.
        std::fs::rename(dir.path().join("b"), dir.path().join("old-b")).unwrap();
        std::fs::create_dir(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("b/x.txt"), "fifth").unwrap();
        assert_eq!(read("a/x.txt").unwrap(), "first");
        assert_eq!(read("b/x.txt").unwrap(), "fifth");
        // And a plain read never keeps a handle.
        assert_eq!(SourceFile::read(&dir.path().join("b/x.txt")).unwrap().text(), "fifth");
    }

    #[test]
    fn dropping_the_text_keeps_the_name() {
        let mut f = SourceFile::new("a.txt", "one\ntwo");
        assert_eq!(f.line_index(5), 1);
        f.drop_text();
        assert_eq!((f.name(), f.text()), ("a.txt", ""));
        assert_eq!(f.line_index(0), 0);
    }

    #[test]
    fn rejects_binary_and_bad_utf8() {
        assert!(matches!(
            SourceFile::from_bytes("b", vec![b'a', 0, b'b']),
            Err(Error::Binary { .. })
        ));
        match SourceFile::from_bytes("u", vec![b'a', b'b', 0xff]) {
            Err(Error::NotUtf8 { offset, .. }) => assert_eq!(offset, 2),
            other => panic!("unexpected {other:?}"),
        }
        assert!(SourceFile::from_bytes("e", vec![]).is_ok());
    }
}
