//! Which standard a package follows, told from the descriptor files at its root (rule V-01 of the SCORM and
//! cmi5 checklist), or which standard a lone XML document belongs to, told from its root element.
//!
//! The namespace URIs of each standard's descriptor live here, once, for every crate and the CLI.

use crate::reroot::is_os_junk;
use crate::{Entry, Package};

/// The namespace URIs of the root element of each standard's descriptor.
pub mod namespaces {
    /// IMS Content Packaging 1.1.2 as bound by SCORM 1.2 (`imsmanifest.xml`).
    pub const IMSCP_SCORM_12: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    /// IMS Content Packaging 1.1.3/1.1.4 as bound by SCORM 2004 (`imsmanifest.xml`).
    pub const IMSCP_SCORM_2004: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
    /// The cmi5 course structure (`cmi5.xml`): the current namespace (cmi5 Quartz §13.1) first, then the two
    /// earlier ones real packages still use.
    pub const CMI5: [&str; 3] = [
        "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd",
        "http://www.adlnet.gov/cmi5/CourseStructure.xsd",
        "http://aicc.org/CMI5/CourseStructure.xsd",
    ];
    /// The TinCan (xAPI) launch descriptor (`tincan.xml`).
    pub const TINCAN: &str = "http://projecttincan.com/tincan.xsd";
}

/// A course standard a package can follow.
///
/// Variants are declared in the priority order peers use when one package holds the descriptors of several
/// standards (cmi5 > SCORM > xAPI/TinCan > AICC, rule V-01), and `Ord` follows it.
///
/// # Example
///
/// ```
/// use learnwire_package::{Standard, namespaces};
///
/// assert!(Standard::Cmi5 < Standard::Scorm);
/// assert_eq!(Standard::from_root_element(Some(namespaces::IMSCP_SCORM_12), "manifest"), Some(Standard::Scorm));
/// assert_eq!(Standard::from_root_element(None, "courseStructure"), Some(Standard::Cmi5));
/// assert_eq!(Standard::from_root_element(Some("urn:other"), "manifest"), None);
/// assert_eq!(Standard::TinCan.as_str(), "tincan");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Standard {
    /// cmi5: `cmi5.xml`.
    Cmi5,
    /// SCORM 1.2 or 2004: `imsmanifest.xml`.
    Scorm,
    /// xAPI packaged the TinCan way: `tincan.xml`.
    TinCan,
    /// AICC CMI: a `.crs`, `.au`, `.des` and `.cst` file.
    Aicc,
}

impl Standard {
    /// Every standard, in priority order.
    pub const ALL: [Standard; 4] = [Self::Cmi5, Self::Scorm, Self::TinCan, Self::Aicc];

    /// A lower-case name for logs and JSON: `cmi5`, `scorm`, `tincan`, `aicc`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Cmi5 => "cmi5",
            Self::Scorm => "scorm",
            Self::TinCan => "tincan",
            Self::Aicc => "aicc",
        }
    }

    /// The standard whose descriptor has this root element: the namespace of [`namespaces`] (compared after
    /// trimming white space), or a `courseStructure` without a namespace (cmi5 drafts). `None` for anything
    /// else, so a caller can fall back to its own check and report what it finds.
    pub fn from_root_element(namespace: Option<&str>, local_name: &str) -> Option<Standard> {
        let Some(namespace) = namespace.map(str::trim) else {
            return (local_name == "courseStructure").then_some(Self::Cmi5);
        };
        if namespace == namespaces::IMSCP_SCORM_12 || namespace == namespaces::IMSCP_SCORM_2004 {
            Some(Self::Scorm)
        } else if namespaces::CMI5.contains(&namespace) {
            Some(Self::Cmi5)
        } else if namespace == namespaces::TINCAN {
            Some(Self::TinCan)
        } else {
            None
        }
    }

    /// The standard a file at the content root announces by its name (compared ignoring ASCII case), and
    /// for AICC which of the four required extensions it has (bit 0..=3: `.crs`, `.au`, `.des`, `.cst`).
    fn of_file_name(name: &str) -> Option<(Standard, u8)> {
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "imsmanifest.xml" => return Some((Self::Scorm, 0)),
            "cmi5.xml" => return Some((Self::Cmi5, 0)),
            "tincan.xml" => return Some((Self::TinCan, 0)),
            _ => {}
        }
        let extension = lower.rsplit_once('.')?.1;
        let bit = AICC_EXTENSIONS.iter().position(|e| *e == extension)?;
        Some((Self::Aicc, 1 << bit))
    }
}

impl std::fmt::Display for Standard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The four files an AICC course needs (AICC CMI001, course structure files).
const AICC_EXTENSIONS: [&str; 4] = ["crs", "au", "des", "cst"];
/// Every AICC extension seen.
const AICC_COMPLETE: u8 = 0b1111;

/// One course descriptor found in a package.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Descriptor {
    /// The standard it belongs to.
    pub standard: Standard,
    /// Its path in the package, in the letter case found (`imsmanifest.xml`, `course/cmi5.xml`); for AICC,
    /// the `.crs` file. The standard's own checks report a name in the wrong case.
    pub path: String,
    /// Where the content starts: `""` at the package root, or the single top folder of a package zipped one
    /// folder too high (see [`find_content_root`](crate::find_content_root)). The standard's crate decides
    /// whether to accept that.
    pub folder: String,
}

impl Descriptor {
    /// A descriptor of `standard` at `path`, its content starting at `folder` (`""` for the root): for a
    /// lone descriptor file, or a caller's own listing.
    pub fn new(standard: Standard, path: impl Into<String>, folder: impl Into<String>) -> Self {
        Self {
            standard,
            path: path.into(),
            folder: folder.into(),
        }
    }

    /// The descriptor of a lone document named `name` (a file given on its own, not in a package): its
    /// standard from its root element ([`Standard::from_root_element`], read with
    /// [`xml::root_element`](crate::xml::root_element)), its content at `""`. `None` when the root
    /// element names no standard, or the document cannot be decoded, has a DOCTYPE or is not
    /// well-formed before its root element.
    ///
    /// ```
    /// use learnwire_package::{Descriptor, Standard};
    ///
    /// let xml = b"<courseStructure xmlns='https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd'/>";
    /// let found = Descriptor::of_document(xml, "course.xml").unwrap();
    /// assert_eq!((found.standard, found.path.as_str()), (Standard::Cmi5, "course.xml"));
    /// ```
    #[must_use]
    pub fn of_document(bytes: &[u8], name: impl Into<String>) -> Option<Self> {
        let root = crate::xml::root_element(bytes)?;
        let standard = Standard::from_root_element(root.namespace.as_deref(), &root.local_name)?;
        Some(Self::new(standard, name, ""))
    }
}

/// Every course descriptor at the content root of `package`, in priority order (cmi5 > SCORM > TinCan >
/// AICC; rule V-01: "if several are present, report all and let the caller choose").
///
/// The content root is the package root when any descriptor is there; otherwise the single top-level folder
/// when nothing but operating-system junk ([`is_os_junk`]) sits beside it (a package zipped one folder too
/// high). Names are compared ignoring ASCII case: `IMSManifest.xml` still says SCORM (the SCORM check
/// reports its case, P-03). AICC needs all four of `.crs`, `.au`, `.des` and `.cst`. Only safe entries
/// ([`Package::files`]) count. Linear in the number of entries.
///
/// # Example
///
/// ```
/// use learnwire_package::{Limits, Package, Standard, detect};
///
/// # let zip = learnwire_testkit::tiny_zip(&[
/// #     ("imsmanifest.xml", b"<manifest/>"), ("cmi5.xml", b"<courseStructure/>"), ("index.html", b"hi")]);
/// let package = Package::from_zip_bytes(zip, &Limits::default())?;
/// let found: Vec<Standard> = detect(&package).iter().map(|d| d.standard).collect();
/// assert_eq!(found, [Standard::Cmi5, Standard::Scorm]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn detect(package: &Package) -> Vec<Descriptor> {
    let at_root = descriptors_in(package.files(), "");
    if !at_root.is_empty() {
        return at_root;
    }
    match single_top_folder(package) {
        Some(folder) => {
            let prefix = format!("{folder}/");
            let inside = package
                .files()
                .filter(|entry| entry.path.starts_with(prefix.as_str()));
            descriptors_in(inside, folder)
        }
        None => Vec::new(),
    }
}

/// The descriptors directly inside `folder` (`""` for the root) among `files`, in priority order.
fn descriptors_in<'p>(files: impl Iterator<Item = &'p Entry>, folder: &str) -> Vec<Descriptor> {
    let prefix_len = if folder.is_empty() {
        0
    } else {
        folder.len() + 1
    };
    let mut found: [Option<&str>; 4] = [None; 4];
    let mut aicc_seen = 0u8;
    for entry in files {
        let Some(name) = entry.path.get(prefix_len..) else {
            continue;
        };
        if name.contains('/') || is_os_junk(&entry.path) {
            continue;
        }
        let Some((standard, aicc_bit)) = Standard::of_file_name(name) else {
            continue;
        };
        aicc_seen |= aicc_bit;
        let wanted = standard != Standard::Aicc || aicc_bit == 1;
        if let Some(slot) = found.get_mut(standard as usize)
            && wanted
        {
            slot.get_or_insert(entry.path.as_str());
        }
    }
    if aicc_seen != AICC_COMPLETE
        && let Some(slot) = found.get_mut(Standard::Aicc as usize)
    {
        *slot = None;
    }
    Standard::ALL
        .iter()
        .zip(found)
        .filter_map(|(standard, path)| Some(Descriptor::new(*standard, path?, folder)))
        .collect()
}

/// The one top-level folder of `package` when every other top-level entry is operating-system junk.
fn single_top_folder(package: &Package) -> Option<&str> {
    let mut top: Option<&str> = None;
    for entry in package.files() {
        if is_os_junk(&entry.path) {
            continue;
        }
        let (folder, _) = entry.path.split_once('/')?;
        match top {
            None => top = Some(folder),
            Some(seen) if seen == folder => {}
            Some(_) => return None,
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use learnwire_testkit::tiny_zip;

    use super::*;
    use crate::Limits;

    fn found(files: &[(&str, &[u8])]) -> Vec<(Standard, String, String)> {
        let package = Package::from_zip_bytes(tiny_zip(files), &Limits::default()).unwrap();
        detect(&package)
            .into_iter()
            .map(|d| (d.standard, d.path, d.folder))
            .collect()
    }

    fn at_root(standard: Standard, path: &str) -> (Standard, String, String) {
        (standard, path.to_owned(), String::new())
    }

    #[test]
    fn each_standard_is_detected_from_its_descriptor() {
        assert_eq!(
            found(&[("imsmanifest.xml", b"m"), ("a/index.html", b"x")]),
            [at_root(Standard::Scorm, "imsmanifest.xml")]
        );
        assert_eq!(
            found(&[("cmi5.xml", b"c")]),
            [at_root(Standard::Cmi5, "cmi5.xml")]
        );
        assert_eq!(
            found(&[("tincan.xml", b"t"), ("index.html", b"x")]),
            [at_root(Standard::TinCan, "tincan.xml")]
        );
        assert_eq!(
            found(&[
                ("course.AU", b"a"),
                ("course.crs", b"c"),
                ("course.des", b"d"),
                ("course.cst", b"s"),
            ]),
            [at_root(Standard::Aicc, "course.crs")]
        );
        assert_eq!(
            found(&[("IMSManifest.XML", b"m")]),
            [at_root(Standard::Scorm, "IMSManifest.XML")]
        );
    }

    #[test]
    fn several_descriptors_come_in_priority_order() {
        assert_eq!(
            found(&[
                ("course.crs", b"c"),
                ("course.au", b"a"),
                ("course.des", b"d"),
                ("course.cst", b"s"),
                ("tincan.xml", b"t"),
                ("imsmanifest.xml", b"m"),
                ("cmi5.xml", b"c"),
            ]),
            [
                at_root(Standard::Cmi5, "cmi5.xml"),
                at_root(Standard::Scorm, "imsmanifest.xml"),
                at_root(Standard::TinCan, "tincan.xml"),
                at_root(Standard::Aicc, "course.crs"),
            ]
        );
    }

    #[test]
    fn nothing_is_detected_without_a_complete_descriptor_at_the_content_root() {
        assert!(found(&[("index.html", b"x")]).is_empty());
        assert!(found(&[("course.crs", b"c"), ("course.au", b"a")]).is_empty());
        assert!(found(&[("a/b/imsmanifest.xml", b"m")]).is_empty());
        assert!(found(&[("a/imsmanifest.xml", b"m"), ("b/cmi5.xml", b"c")]).is_empty());
        assert!(found(&[("a/imsmanifest.xml", b"m"), ("readme.txt", b"x")]).is_empty());
        assert!(found(&[("__MACOSX/imsmanifest.xml", b"m"), ("x.html", b"x")]).is_empty());
        assert!(found(&[("._imsmanifest.xml", b"junk")]).is_empty());
    }

    #[test]
    fn a_package_zipped_one_folder_too_high_is_detected_in_its_folder() {
        assert_eq!(
            found(&[
                ("course/cmi5.xml", b"c"),
                ("course/imsmanifest.xml", b"m"),
                ("course/sub/tincan.xml", b"t"),
                ("__MACOSX/course/._cmi5.xml", b"j"),
                (".DS_Store", b"j"),
            ]),
            [
                (
                    Standard::Cmi5,
                    "course/cmi5.xml".to_owned(),
                    "course".to_owned()
                ),
                (
                    Standard::Scorm,
                    "course/imsmanifest.xml".to_owned(),
                    "course".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn root_elements_name_their_standard() {
        for (namespace, local, expected) in [
            (
                Some(namespaces::IMSCP_SCORM_2004),
                "manifest",
                Some(Standard::Scorm),
            ),
            (
                Some(" http://www.imsproject.org/xsd/imscp_rootv1p1p2 "),
                "manifest",
                Some(Standard::Scorm),
            ),
            (
                Some(namespaces::CMI5[1]),
                "courseStructure",
                Some(Standard::Cmi5),
            ),
            (None, "courseStructure", Some(Standard::Cmi5)),
            (Some(namespaces::TINCAN), "tincan", Some(Standard::TinCan)),
            (None, "manifest", None),
            (None, "tincan", None),
            (Some("urn:x"), "courseStructure", None),
        ] {
            assert_eq!(
                Standard::from_root_element(namespace, local),
                expected,
                "{namespace:?} {local}"
            );
        }
    }
}
