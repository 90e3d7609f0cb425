//! Packages zipped one folder too high: where the content starts, and a view of the package from there.
//!
//! SCORM (P-02) and cmi5 (C5P-02) want their marker file (`imsmanifest.xml`, `cmi5.xml`) at the package
//! root. A common mistake zips the course folder instead of its content, so the marker sits in a single
//! top folder, often next to operating-system junk (`__MACOSX/`, `.DS_Store`, `Thumbs.db`). The standard
//! crates decide what to do about it (an error in a strict profile, a re-root with a warning in a lenient
//! one); this module only finds the folder ([`find_content_root`]) and shows the package from it
//! ([`Rerooted`]). Both take time linear in the number of entries.

use crate::{Entry, Package};

/// Most places remembered in [`ContentRoot::NotFound::nested`]: enough to name the candidates in a message,
/// few enough that a hostile archive with thousands of them costs nothing.
pub const MAX_NESTED_CANDIDATES: usize = 8;

/// Where a package's content starts, judged from where its marker file (`imsmanifest.xml`, `cmi5.xml`) is.
///
/// # Example
///
/// ```
/// use learnwire_package::{ContentRoot, Limits, Package, find_content_root};
///
/// # let zip = learnwire_testkit::tiny_zip(&[
/// #     ("course/imsmanifest.xml", b"<manifest/>"), ("course/index.html", b"hi"),
/// #     ("__MACOSX/course/._index.html", b"junk"), (".DS_Store", b"junk")]);
/// let package = Package::from_zip_bytes(zip, &Limits::default())?;
/// let root = find_content_root(&package, "imsmanifest.xml");
/// assert_eq!(root, ContentRoot::Folder { folder: "course".to_owned(), marker: "course/imsmanifest.xml".to_owned() });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContentRoot {
    /// The marker is at the package root (in any letter case): nothing to re-root.
    Root,
    /// The marker is not at the root but in one top-level folder, and every other top-level entry is
    /// operating-system junk ([`is_os_junk`]): the package was zipped one folder too high.
    /// [`Rerooted::new`] with `folder` shows it as it was meant.
    Folder {
        /// The top-level folder holding the content (no trailing `/`).
        folder: String,
        /// The marker's path in the package (`folder/` and the marker's name, in the case found).
        marker: String,
    },
    /// The marker is neither at the root nor in a single top folder that could be re-rooted.
    NotFound {
        /// Where the marker was found one level down (at most [`MAX_NESTED_CANDIDATES`], in entry
        /// order): several top folders with a marker, or a marker folder next to other top-level
        /// content, are not re-rooted because the content's root is ambiguous.
        nested: Vec<String>,
    },
}

/// Finds where the content of `package` starts: the root when `marker` is there (compared ignoring ASCII
/// case), else a single top folder holding `marker` when nothing but operating-system junk sits beside it.
///
/// Never deeper than one level (P-02 speaks of one folder too high), and never a guess between two
/// folders: two top folders that both hold the marker, or one next to other top-level files, give
/// [`ContentRoot::NotFound`].
pub fn find_content_root(package: &Package, marker: &str) -> ContentRoot {
    if package
        .file_ignoring_case(marker)
        .is_some_and(|entry| !entry.path.contains('/'))
    {
        return ContentRoot::Root;
    }
    let mut top: Option<&str> = None;
    let mut spread = false;
    let mut nested: Vec<String> = Vec::new();
    let mut found: Option<&str> = None;
    for entry in package.files() {
        let path = entry.path.as_str();
        if is_os_junk(path) {
            continue;
        }
        let Some((folder, rest)) = path.split_once('/') else {
            spread = true;
            continue;
        };
        if !rest.contains('/') && rest.eq_ignore_ascii_case(marker) {
            if nested.len() < MAX_NESTED_CANDIDATES {
                nested.push(path.to_owned());
            }
            found.get_or_insert(path);
        }
        match top {
            None => top = Some(folder),
            Some(seen) if seen == folder => {}
            Some(_) => spread = true,
        }
    }
    match (spread, top, found) {
        (false, Some(folder), Some(marker)) => ContentRoot::Folder {
            folder: folder.to_owned(),
            marker: marker.to_owned(),
        },
        _ => ContentRoot::NotFound { nested },
    }
}

/// Whether a package path is operating-system junk that never belongs to a course: anything under a
/// top-level `__MACOSX/` (macOS resource forks), AppleDouble files (`._name`), `.DS_Store`, and Windows'
/// `Thumbs.db`, `ehthumbs.db` and `desktop.ini` (those two compared ignoring ASCII case).
///
/// # Example
///
/// ```
/// use learnwire_package::is_os_junk;
///
/// assert!(is_os_junk("__MACOSX/course/._index.html"));
/// assert!(is_os_junk("course/.DS_Store") && is_os_junk("THUMBS.DB"));
/// assert!(!is_os_junk("course/index.html") && !is_os_junk("course/__MACOSX/x"));
/// ```
pub fn is_os_junk(path: &str) -> bool {
    if path.starts_with("__MACOSX/") {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("._")
        || name == ".DS_Store"
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("ehthumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// A package seen from one of its folders: paths are relative to that folder and files outside it are
/// not seen. With an empty folder it is the whole package, unchanged.
///
/// Read an entry's data with [`Package::read_to_vec`] on [`package`](Self::package).
///
/// # Example
///
/// ```
/// use learnwire_package::{Limits, Package, Rerooted};
///
/// # let zip = learnwire_testkit::tiny_zip(&[
/// #     ("course/imsmanifest.xml", b"<manifest/>"), ("course/content/index.html", b"hi"), (".DS_Store", b"x")]);
/// let package = Package::from_zip_bytes(zip, &Limits::default())?;
/// let view = Rerooted::new(&package, "course");
/// let manifest = view.file("imsmanifest.xml").expect("seen from course/");
/// assert_eq!(manifest.path, "course/imsmanifest.xml");
/// assert_eq!(view.relative_path(manifest), Some("imsmanifest.xml"));
/// assert!(view.is_dir("content"));
/// assert_eq!(view.files().count(), 2);
/// assert_eq!(view.package_path("content/index.html"), "course/content/index.html");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Rerooted<'p> {
    package: &'p Package,
    /// The folder with a trailing `/`, or empty for the package root.
    prefix: String,
}

impl<'p> Rerooted<'p> {
    /// The package seen from `folder` (a `/`-separated package path; surrounding `/` are ignored, and
    /// `""` is the package root).
    pub fn new(package: &'p Package, folder: &str) -> Self {
        let folder = folder.trim_matches('/');
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        Self { package, prefix }
    }

    /// The whole package.
    pub fn package(&self) -> &'p Package {
        self.package
    }

    /// The folder the package is seen from, without a trailing `/` (`""` for the root).
    pub fn folder(&self) -> &str {
        self.prefix.strip_suffix('/').unwrap_or(&self.prefix)
    }

    /// The package path of a path relative to the folder.
    pub fn package_path(&self, path: &str) -> String {
        let mut full = String::with_capacity(self.prefix.len() + path.len());
        full.push_str(&self.prefix);
        full.push_str(path);
        full
    }

    /// The path of `entry` relative to the folder; `None` when the entry is outside it.
    pub fn relative_path<'e>(&self, entry: &'e Entry) -> Option<&'e str> {
        entry.path.strip_prefix(self.prefix.as_str())
    }

    /// The safe file at this path relative to the folder (see [`Package::file`]).
    pub fn file(&self, path: &str) -> Option<&'p Entry> {
        if self.prefix.is_empty() {
            return self.package.file(path);
        }
        self.package.file(&self.package_path(path))
    }

    /// The safe file inside the folder whose relative path equals `path` ignoring case (see
    /// [`Package::file_ignoring_case`]).
    pub fn file_ignoring_case(&self, path: &str) -> Option<&'p Entry> {
        self.package
            .file_ignoring_case(&self.package_path(path))
            .filter(|entry| entry.path.starts_with(self.prefix.as_str()))
    }

    /// The safe files inside the folder, in package order (see [`Package::files`]).
    pub fn files(&self) -> impl Iterator<Item = &'p Entry> + '_ {
        self.package
            .files()
            .filter(|entry| entry.path.starts_with(self.prefix.as_str()))
    }

    /// Whether this path relative to the folder is a directory (see [`Package::is_dir`]).
    pub fn is_dir(&self, path: &str) -> bool {
        self.package.is_dir(&self.package_path(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;
    use learnwire_testkit::tiny_zip;

    fn root_of(files: &[(&str, &[u8])]) -> ContentRoot {
        let package = Package::from_zip_bytes(tiny_zip(files), &Limits::default()).unwrap();
        find_content_root(&package, "imsmanifest.xml")
    }

    #[test]
    fn a_single_top_folder_is_found_with_and_without_junk() {
        let expected = ContentRoot::Folder {
            folder: "course".to_owned(),
            marker: "course/imsmanifest.xml".to_owned(),
        };
        assert_eq!(
            root_of(&[("course/imsmanifest.xml", b"m"), ("course/a/b.html", b"x")]),
            expected
        );
        assert_eq!(
            root_of(&[
                ("__MACOSX/course/._imsmanifest.xml", b"j"),
                ("__MACOSX/._course", b"j"),
                (".DS_Store", b"j"),
                ("Thumbs.db", b"j"),
                ("._course", b"j"),
                ("course/imsmanifest.xml", b"m"),
                ("course/.DS_Store", b"j"),
            ]),
            expected
        );
        assert_eq!(
            root_of(&[("Course/IMSManifest.xml", b"m")]),
            ContentRoot::Folder {
                folder: "Course".to_owned(),
                marker: "Course/IMSManifest.xml".to_owned(),
            }
        );
    }

    #[test]
    fn ambiguous_or_rooted_packages_are_not_rerooted() {
        assert_eq!(
            root_of(&[("imsmanifest.xml", b"m"), ("sub/imsmanifest.xml", b"m")]),
            ContentRoot::Root
        );
        assert_eq!(root_of(&[("IMSMANIFEST.XML", b"m")]), ContentRoot::Root);
        assert_eq!(
            root_of(&[("a/imsmanifest.xml", b"m"), ("b/imsmanifest.xml", b"m")]),
            ContentRoot::NotFound {
                nested: vec![
                    "a/imsmanifest.xml".to_owned(),
                    "b/imsmanifest.xml".to_owned()
                ]
            }
        );
        assert_eq!(
            root_of(&[("a/imsmanifest.xml", b"m"), ("readme.txt", b"x")]),
            ContentRoot::NotFound {
                nested: vec!["a/imsmanifest.xml".to_owned()]
            }
        );
        assert_eq!(
            root_of(&[("a/imsmanifest.xml", b"m"), ("b/index.html", b"x")]),
            ContentRoot::NotFound {
                nested: vec!["a/imsmanifest.xml".to_owned()]
            }
        );
        // Deeper than one level, or only in the junk: not found.
        assert_eq!(
            root_of(&[("a/b/imsmanifest.xml", b"m")]),
            ContentRoot::NotFound { nested: vec![] }
        );
        assert_eq!(
            root_of(&[("__MACOSX/imsmanifest.xml", b"m"), ("a/x.html", b"x")]),
            ContentRoot::NotFound { nested: vec![] }
        );
        let many: Vec<(String, &[u8])> = (0..20)
            .map(|n| (format!("f{n}/imsmanifest.xml"), &b"m"[..]))
            .collect();
        let many: Vec<(&str, &[u8])> = many.iter().map(|(p, b)| (p.as_str(), *b)).collect();
        match root_of(&many) {
            ContentRoot::NotFound { nested } => assert_eq!(nested.len(), MAX_NESTED_CANDIDATES),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_view_hides_what_is_outside_its_folder() {
        let package = Package::from_zip_bytes(
            tiny_zip(&[
                ("course/Index.html", b"x"),
                ("courseware/index.html", b"x"),
                ("index.html", b"x"),
            ]),
            &Limits::default(),
        )
        .unwrap();
        let view = Rerooted::new(&package, "/course/");
        assert_eq!(view.folder(), "course");
        assert!(view.file("index.html").is_none());
        assert_eq!(
            view.file_ignoring_case("index.html")
                .map(|e| e.path.as_str()),
            Some("course/Index.html")
        );
        let seen: Vec<&str> = view.files().filter_map(|e| view.relative_path(e)).collect();
        assert_eq!(seen, ["Index.html"]);
        let whole = Rerooted::new(&package, "");
        assert_eq!(whole.files().count(), 3);
        assert_eq!(whole.folder(), "");
        assert!(whole.file("index.html").is_some());
    }
}
