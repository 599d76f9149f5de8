//! Input discovery: folders are walked in parallel with the `ignore` crate
//! (respecting `.gitignore`, `.ignore` and hidden files), keeping the
//! configured extensions and include/exclude globs. Files named on the
//! command line are always linted. The result is sorted, so nothing
//! downstream depends on the walk's thread timing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobSet, GlobSetBuilder};

use copydesk::config::{FileSettings, relative_to};

fn globset(globs: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g)?);
    }
    b.build()
}

/// Which walked files to keep.
#[derive(Clone)]
pub(super) struct Selector {
    extensions: Vec<String>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    /// Globs are relative to this folder.
    base: PathBuf,
}

impl Selector {
    pub fn new(settings: &FileSettings, base: &Path) -> Result<Selector, globset::Error> {
        Ok(Selector {
            extensions: settings.extensions.clone(),
            include: if settings.include.is_empty() {
                None
            } else {
                Some(globset(&settings.include)?)
            },
            exclude: globset(&settings.exclude)?,
            base: base.to_path_buf(),
        })
    }

    fn excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && self.exclude.is_match(relative_to(path, &self.base))
    }

    fn keeps(&self, path: &Path) -> bool {
        let ext_ok =
            extension(path).is_some_and(|x| self.extensions.iter().any(|e| e.as_bytes().eq_ignore_ascii_case(x)));
        ext_ok
            && !self.excluded(path)
            && self
                .include
                .as_ref()
                .is_none_or(|inc| inc.is_match(relative_to(path, &self.base)))
    }
}

/// [`walk`] on this thread, for a run on one thread: the same entries,
/// without a worker thread and its queue.
fn walk_here(mut builder: ignore::WalkBuilder, selector: &Selector) -> (Vec<PathBuf>, Vec<String>) {
    // An excluded folder is not entered (`WalkState::Skip` in `walk`).
    let excluded = std::sync::Arc::new(selector.clone());
    builder.filter_entry(move |e| !(e.depth() > 0 && excluded.excluded(e.path())));
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && selector.keeps(e.path()) {
                    files.push(e.into_path());
                }
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    errors.sort();
    (files, errors)
}

/// What `Path::extension` gives, by bytes: `Path::extension` parses every
/// component of the path, for each of thousands of files.
fn extension(path: &Path) -> Option<&[u8]> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let name = memchr::memrchr(b'/', bytes).map_or(bytes, |i| &bytes[i + 1..]);
    if matches!(name, b"" | b"." | b"..") {
        // Let the parser settle what the last component is.
        return path.extension().map(|x| x.as_encoded_bytes());
    }
    match memchr::memrchr(b'.', name) {
        Some(dot) if dot > 0 => Some(&name[dot + 1..]),
        _ => None,
    }
}

/// Walks `dir` on `threads` threads; returns the kept files and the walk's
/// errors (unreadable folders, broken links), both sorted.
pub(super) fn walk(dir: &Path, selector: &Selector, threads: usize) -> (Vec<PathBuf>, Vec<String>) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .threads(threads)
        // `.gitignore` counts even outside a git checkout (an editor's
        // export folder), as ripgrep's `--no-require-git` does.
        .require_git(false);
    if threads == 1 {
        return walk_here(builder, selector);
    }
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let walker = builder.build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            match entry {
                Ok(e) => {
                    let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                    if e.depth() > 0 && selector.excluded(e.path()) {
                        return if is_dir {
                            ignore::WalkState::Skip
                        } else {
                            ignore::WalkState::Continue
                        };
                    }
                    if e.file_type().is_some_and(|t| t.is_file()) && selector.keeps(e.path()) {
                        files
                            .lock()
                            .expect("no thread panics while holding the lock")
                            .push(e.into_path());
                    }
                }
                Err(err) => errors
                    .lock()
                    .expect("no thread panics while holding the lock")
                    .push(err.to_string()),
            }
            ignore::WalkState::Continue
        })
    });
    let mut files = files.into_inner().expect("the walk is over");
    let mut errors = errors.into_inner().expect("the walk is over");
    // By bytes: comparing paths component by component cost more than the
    // walk, and the report is sorted by name again in the end anyway.
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    errors.sort();
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_by_bytes_agree_with_the_path_parser() {
        for p in [
            "a.txt",
            "dir/a.md",
            "dir/a.tar.gz",
            "dir.d/readme",
            "dir/.hidden",
            "dir/.hidden.md",
            "dir/a.",
            "a",
            "/x/y.TXT",
            "dir/a.txt/",
            "dir/.",
            "dir/..",
            ".",
            "..",
            "./a.md",
            "dir//a.md",
            "",
        ] {
            let path = Path::new(p);
            assert_eq!(extension(path), path.extension().map(|x| x.as_encoded_bytes()), "{p}");
        }
    }
}
