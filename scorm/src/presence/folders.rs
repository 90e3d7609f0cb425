//! The folder tree of a package's file list, to ask "is this file name in an ancestor folder?" in time
//! linear in the path's length (rule P-14, flattened archives).

use std::collections::{BTreeMap, BTreeSet};

/// The root folder's id.
const ROOT: usize = 0;

/// Every folder of a file list (an id per folder, by parent id and name) and every file (by folder id
/// and name). Built in one pass over the paths; borrows them.
#[derive(Debug, Default)]
pub(super) struct FolderTree<'p> {
    /// `(parent folder, component)` to folder id.
    folders: BTreeMap<(usize, &'p str), usize>,
    /// `(folder, file name)` of every file.
    files: BTreeSet<(usize, &'p str)>,
}

impl<'p> FolderTree<'p> {
    /// The tree of `paths` (`/`-separated, relative to the package root).
    pub(super) fn new(paths: &'p [String]) -> Self {
        let mut tree = Self::default();
        for path in paths {
            let (folders, name) = match path.rsplit_once('/') {
                Some((folders, name)) => (Some(folders), name),
                None => (None, path.as_str()),
            };
            let mut folder = ROOT;
            for component in folders.into_iter().flat_map(|folders| folders.split('/')) {
                let next = tree.folders.len() + 1;
                folder = *tree.folders.entry((folder, component)).or_insert(next);
            }
            tree.files.insert((folder, name));
        }
        tree
    }

    /// Whether the file `a/b/c.js` has its name in a proper ancestor of its folder (`a/c.js` or `c.js`):
    /// what flattening a folder structure upward leaves behind. One map lookup per component, each
    /// comparing only that component: linear in the length of `path`, however deep it is.
    pub(super) fn name_in_an_ancestor(&self, path: &str) -> bool {
        let Some((folders, name)) = path.rsplit_once('/') else {
            return false;
        };
        let mut folder = ROOT;
        if self.files.contains(&(folder, name)) {
            return true;
        }
        // Every ancestor but the file's own folder (the last component).
        let mut components = folders.split('/').peekable();
        while let Some(component) = components.next() {
            if components.peek().is_none() {
                break;
            }
            match self.folders.get(&(folder, component)) {
                Some(&child) => folder = child,
                None => return false,
            }
            if self.files.contains(&(folder, name)) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: some proper ancestor folder of the path holds a file of the same name.
    fn by_rebuilding(path: &str, paths: &[String]) -> bool {
        let Some((folder, name)) = path.rsplit_once('/') else {
            return false;
        };
        let parts: Vec<&str> = folder.split('/').collect();
        (0..parts.len()).any(|depth| {
            let mut candidate = parts[..depth].join("/");
            if !candidate.is_empty() {
                candidate.push('/');
            }
            candidate.push_str(name);
            paths.contains(&candidate)
        })
    }

    #[test]
    fn agrees_with_rebuilding_every_ancestor_path() {
        let paths: Vec<String> = [
            "c.js",
            "a/d.js",
            "a/b/e.js",
            "x/a/f.js",
            "a/b/c/g.js",
            "a/b",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        let tree = FolderTree::new(&paths);
        for path in [
            "a/c.js",
            "a/b/c.js",
            "a/b/d.js",
            "a/b/c/e.js",
            "a/x/e.js",
            "x/a/b/f.js",
            "a/f.js",
            "a/b/g.js",
            "a/b/c/d/g.js",
            "q/r/s/t.js",
            "c.js",
            "a/b/c/b",
            "a/b/x/b",
        ] {
            assert_eq!(
                tree.name_in_an_ancestor(path),
                by_rebuilding(path, &paths),
                "{path}"
            );
        }
    }
}
