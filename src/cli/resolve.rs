//! Which configuration each file gets: `--config` for all, or the nearest
//! `copydesk.toml` up from the file's folder, with the file's matching
//! `[[overrides]]` applied. Every configuration is loaded, and every engine
//! built, before the first file is linted, so a bad configuration stops the
//! run up front (exit 2).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::{Config, Engine, Error, Severity};

/// A file's effective settings, shared by every file with the same ones.
pub(super) struct Resolved {
    pub config: Config,
    pub engine: Engine,
}

/// Settings from the command line that win over every configuration.
#[derive(Clone, Debug, Default)]
pub(super) struct CliOverrides {
    pub fail_on: Option<Severity>,
    pub report_unused_suppressions: bool,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl CliOverrides {
    fn apply(&self, c: &mut Config) {
        if let Some(f) = self.fail_on {
            c.fail_on = f;
        }
        if self.report_unused_suppressions {
            c.report_unused_suppressions = true;
        }
        if !self.include.is_empty() {
            c.files.include = self.include.clone();
        }
        c.files.exclude.extend(self.exclude.iter().cloned());
    }
}

pub(super) struct Resolver {
    explicit: Option<Arc<Config>>,
    cli: CliOverrides,
    /// Folder -> its nearest configuration file (None: the defaults).
    found: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file -> loaded configuration.
    loaded: HashMap<Option<PathBuf>, Arc<Config>>,
    /// (configuration file, overrides applied) -> settings.
    resolved: HashMap<(Option<PathBuf>, Vec<usize>), Arc<Resolved>>,
    /// The last folder asked about and its settings, when they hold for
    /// every file in it (its configuration has no per-path overrides): the
    /// walk gives a folder's files one after another.
    last: Option<(PathBuf, Arc<Resolved>)>,
}

impl Resolver {
    /// With `--config`, that file is loaded now; otherwise configurations
    /// are discovered per folder. Rule names in `--select` and `--ignore`
    /// are checked here, before any file is read.
    pub fn new(explicit: Option<&Path>, cli: CliOverrides) -> Result<Resolver, Error> {
        Config::default_config().select_rules(&cli.select, &cli.ignore, "command line")?;
        let explicit = match explicit {
            Some(p) => {
                let mut c = Config::load(p)?;
                cli.apply(&mut c);
                Some(Arc::new(c))
            }
            None => None,
        };
        Ok(Resolver {
            explicit,
            cli,
            found: HashMap::new(),
            loaded: HashMap::new(),
            resolved: HashMap::new(),
            last: None,
        })
    }

    fn config_file_for(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(f) = self.found.get(dir) {
            return f.clone();
        }
        let f = Config::discover(dir);
        self.found.insert(dir.to_path_buf(), f.clone());
        f
    }

    /// The configuration (before per-path overrides) for files in `dir`,
    /// and the file it came from.
    pub fn base_for_dir(&mut self, dir: &Path) -> Result<(Option<PathBuf>, Arc<Config>), Error> {
        if let Some(c) = &self.explicit {
            return Ok((c.origin.as_ref().map(|o| o.path.clone()), c.clone()));
        }
        let file = self.config_file_for(dir);
        if let Some(c) = self.loaded.get(&file) {
            return Ok((file, c.clone()));
        }
        let mut c = match &file {
            Some(p) => Config::load(&display_path(p))?,
            None => Config::default_config(),
        };
        self.cli.apply(&mut c);
        let c = Arc::new(c);
        self.loaded.insert(file.clone(), c.clone());
        Ok((file, c))
    }

    /// The settings for the file at `path` (which need not exist: standard
    /// input's `--stdin-filename`).
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Resolved>, Error> {
        // The folder of the file before, compared byte for byte: no copy
        // and no parse of the path into components for each of thousands
        // of files (a path spelled differently only misses this shortcut).
        if let Some((last, r)) = &self.last
            && same_folder(last, path)
        {
            return Ok(r.clone());
        }
        let parent = folder_of(path);
        let dir = parent.to_path_buf();
        let (file, base) = self.base_for_dir(&dir)?;
        let indices = base.matching_overrides(path);
        let same_for_the_folder = base.overrides.is_empty();
        let key = (file, indices);
        let r = match self.resolved.get(&key) {
            Some(r) => r.clone(),
            None => {
                let mut config = base.with_overrides(&key.1)?;
                // `--select` and `--ignore` win over the files' own settings.
                config.select_rules(&self.cli.select, &self.cli.ignore, "command line")?;
                let engine = Engine::new(&config)?;
                let r = Arc::new(Resolved { config, engine });
                self.resolved.insert(key, r.clone());
                r
            }
        };
        self.last = same_for_the_folder.then(|| (dir, r.clone()));
        Ok(r)
    }
}

/// The folder holding `path` (`.` for a bare file name).
pub(super) fn parent_dir(path: &Path) -> PathBuf {
    folder_of(path).to_path_buf()
}

/// Whether `path` names an entry of the folder `dir` spelled exactly so:
/// `dir/name` with a plain `name`. Compared by bytes, since `Path::parent`
/// parses every component; a path spelled otherwise only misses the cache.
fn same_folder(dir: &Path, path: &Path) -> bool {
    let (dir, path) = (dir.as_os_str().as_encoded_bytes(), path.as_os_str().as_encoded_bytes());
    // A bare file name is in `.` (see `folder_of`).
    if dir == b"." && !path.is_empty() && !path.contains(&b'/') {
        return !matches!(path, b"." | b"..");
    }
    path.len() > dir.len() + 1
        && path.starts_with(dir)
        && path[dir.len()] == b'/'
        && !path[dir.len() + 1..].contains(&b'/')
        && !matches!(&path[dir.len() + 1..], b"." | b"..")
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A discovered configuration's path as shown to people: relative to the
/// current folder when it is inside it.
fn display_path(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

/// `copydesk config [PATH]`: the effective configuration for a file, or for
/// the files of a folder (without per-path overrides).
pub(super) fn effective_for(path: &Path, explicit: Option<&Path>) -> Result<Config, Error> {
    let mut resolver = Resolver::new(explicit, CliOverrides::default())?;
    if path.is_dir() {
        let (_, base) = resolver.base_for_dir(path)?;
        Ok((*base).clone())
    } else {
        Ok(resolver.for_file(path)?.config.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cached_folder_holds_only_its_own_plain_entries() {
        let same = |dir: &str, path: &str| same_folder(Path::new(dir), Path::new(path));
        assert!(same("news/bbc", "news/bbc/001.txt"));
        assert!(same(".", "story.md"));
        assert!(same("/abs/dir", "/abs/dir/a.md"));
        // Another folder, a sub-folder, a prefix that is not a folder.
        assert!(!same("news/bbc", "news/cnn/001.txt"));
        assert!(!same("news/bbc", "news/bbc/2004/001.txt"));
        assert!(!same("news/bbc", "news/bbc-2005/001.txt"));
        assert!(!same("news", "news"));
        assert!(!same("news", "news/"));
        // Entries that are not plain names.
        assert!(!same("news", "news/."));
        assert!(!same("news", "news/.."));
        assert!(!same(".", ".."));
        assert!(!same(".", "sub/story.md"));
        // Whenever it says yes, it agrees with the parsing of the path.
        for (dir, path) in [("news/bbc", "news/bbc/001.txt"), (".", "story.md"), ("a", "a/b")] {
            assert!(same(dir, path));
            assert_eq!(folder_of(Path::new(path)), Path::new(dir));
        }
    }
}
