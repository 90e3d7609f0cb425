//! The whole-run formats of `learnwire check` (`sarif`, `junit`, `html`): unlike text and JSON Lines,
//! which print each path as it is checked, these write one document for all the paths, so each checked
//! path is summarised into a [`Checked`] (owned, small: the issues and the course tree, not the model)
//! and the document is written once the last path is checked.
//!
//! Where the document goes: `--output FILE` when given, standard output otherwise (for every one of
//! the three, `html` included, so a pipeline can redirect it).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use learnwire_report::{Issue, Location, Severity, quote};
use learnwire_scorm::manifest::ScormType;
use learnwire_scorm::{CourseItem, ManifestCheck};

use super::{Outcome, Standard};

mod html;
mod junit;
pub(crate) mod sarif;
pub(crate) mod xml_escape;

/// `--format` of `learnwire check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// A readable report.
    #[default]
    Text,
    /// One JSON object per path, one per line (JSON Lines).
    Json,
    /// One SARIF 2.1.0 log for all paths (GitHub code scanning, IDEs).
    Sarif,
    /// One JUnit XML document: a test case per path, failed when the package is invalid.
    Junit,
    /// One self-contained HTML page: verdicts, course trees and issues.
    Html,
}

/// What kind of path was checked: tells where an issue's file lives on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PathKind {
    /// A folder: an issue's file is a real file below it.
    Folder,
    /// A zip (or any other file that is not a lone descriptor): the issue's file is an entry inside it.
    Archive,
    /// A lone descriptor (`imsmanifest.xml`, `cmi5.xml`, `tincan.xml`): the issue's file is the path.
    Descriptor,
}

/// One node of the course tree as the reports show it.
pub(super) struct Node {
    /// 0 for an organization or a course, one more per parent.
    pub(super) depth: usize,
    /// The identifier in the descriptor (item, block or AU id; the organization's identifier).
    pub(super) id: String,
    /// The title (package text).
    pub(super) title: String,
    /// What the node is: `organization`, `item`, `course`, `block`, `AU`, `activity`.
    pub(super) kind: &'static str,
    /// What it launches (`SCO`, `asset`, `AU`, `launch`) and the URL.
    pub(super) launch: Option<(&'static str, String)>,
    /// Short notes: hidden, moveOn, sequencing at a glance.
    pub(super) notes: Vec<String>,
    /// The descriptor file and the XML path of the node's element as the checks name it in their
    /// locations (`imsmanifest.xml`, `/manifest/organizations/organization[1]/item[2]`), when known.
    pub(super) xml: Option<(&'static str, String)>,
}

/// The summary of one checked path.
pub(super) struct Checked {
    pub(super) path: PathBuf,
    pub(super) kind: PathKind,
    pub(super) standard: Standard,
    /// `SCORM 2004 4th Edition`, `cmi5`…
    pub(super) label: String,
    pub(super) version: Option<&'static str>,
    pub(super) valid: bool,
    pub(super) issues: Vec<Issue>,
    /// Issues past the report's limit, counted but not kept.
    pub(super) dropped: usize,
    pub(super) tree: Vec<Node>,
    /// The folder of the package the descriptor was read from when the package was re-rooted (zipped
    /// one folder too high): XML locations name files relative to it.
    pub(super) content_root: Option<String>,
}

impl Checked {
    /// The errors.
    pub(super) fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|issue| issue.severity == Severity::Error)
    }

    /// Everything that is not an error.
    pub(super) fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|issue| issue.severity != Severity::Error)
    }

    /// The standard's name as the JUnit class name and the JSON output spell it.
    pub(super) fn standard_name(&self) -> &'static str {
        match self.standard {
            Standard::Scorm => "scorm",
            Standard::Cmi5 => "cmi5",
            Standard::Tincan => "tincan",
            Standard::Aicc => "aicc",
            Standard::Unknown => "unknown",
        }
    }
}

/// Collects the checked paths of a whole-run format and writes its document at the end.
pub(super) struct Collector {
    format: CheckFormat,
    checked: Vec<Checked>,
}

impl Collector {
    pub(super) fn new(format: CheckFormat) -> Self {
        Self {
            format,
            checked: Vec::new(),
        }
    }

    /// Keeps the summary of one checked path.
    pub(super) fn add(&mut self, path: &Path, outcome: &Outcome, valid: bool) {
        self.checked.push(summarise(path, outcome, valid));
    }

    /// Writes the document to `output` (standard output when `None`). `Err` names the file that could
    /// not be written.
    pub(super) fn finish(self, output: Option<&Path>) -> Result<(), String> {
        let document = match self.format {
            CheckFormat::Sarif => sarif::render(&self.checked),
            CheckFormat::Junit => junit::render(&self.checked),
            CheckFormat::Html => html::render(&self.checked),
            CheckFormat::Text | CheckFormat::Json => return Ok(()),
        };
        match output {
            Some(file) => {
                let written = File::create(file).and_then(|created| {
                    let mut writer = BufWriter::new(created);
                    writer.write_all(document.as_bytes())?;
                    writer.flush()
                });
                written.map_err(|error| format!("cannot write {}: {error}", file.display()))
            }
            None => {
                // A closed pipe is not worth an error.
                let _ = std::io::stdout().lock().write_all(document.as_bytes());
                Ok(())
            }
        }
    }
}

fn summarise(path: &Path, outcome: &Outcome, valid: bool) -> Checked {
    let kind = if path.is_dir() {
        PathKind::Folder
    } else if path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("xml"))
    {
        PathKind::Descriptor
    } else {
        PathKind::Archive
    };
    let version = outcome.version().map(learnwire_scorm::Version::as_str);
    let label = match (outcome.standard, version) {
        (Standard::Scorm, Some(version)) => format!("SCORM {version}"),
        (Standard::Scorm, None) => "SCORM (version unknown)".to_owned(),
        (Standard::Cmi5, _) => "cmi5".to_owned(),
        (Standard::Tincan, _) => "TinCan (xAPI)".to_owned(),
        (Standard::Aicc, _) => "AICC".to_owned(),
        (Standard::Unknown, _) => "unknown standard".to_owned(),
    };
    let mut tree = Vec::new();
    if let Some(check) = &outcome.scorm {
        scorm_tree(&mut tree, check);
    }
    if let Some(check) = &outcome.cmi5
        && let Some(course) = &check.course
    {
        tree.push(Node {
            depth: 0,
            id: course.id.clone(),
            title: course.title.first_text().to_owned(),
            kind: "course",
            launch: None,
            notes: Vec::new(),
            xml: Some((CMI5, "/courseStructure/course[1]".to_owned())),
        });
        cmi5_nodes(&mut tree, &course.children, 1, "/courseStructure");
    }
    if let Some(check) = &outcome.tincan
        && let Some(tincan) = &check.tincan
    {
        for activity in tincan.launchable() {
            tree.push(Node {
                depth: 0,
                id: activity.id.clone(),
                title: activity.name.first_text().to_owned(),
                kind: "activity",
                launch: activity
                    .launches
                    .first()
                    .map(|launch| ("launch", launch.url.clone())),
                notes: Vec::new(),
                xml: None,
            });
        }
    }
    let content_root = outcome
        .scorm
        .as_ref()
        .and_then(|check| check.content_root.clone())
        .or_else(|| {
            outcome
                .cmi5
                .as_ref()
                .and_then(|check| check.content_root.clone())
        })
        .or_else(|| {
            outcome
                .tincan
                .as_ref()
                .and_then(|check| check.content_root.clone())
        });
    Checked {
        content_root,
        path: path.to_path_buf(),
        kind,
        standard: outcome.standard,
        label,
        version,
        valid,
        issues: outcome.report.issues().to_vec(),
        dropped: outcome.report.dropped(),
        tree,
    }
}

/// The SCORM descriptor's name, as issue locations spell it.
const MANIFEST: &str = "imsmanifest.xml";

fn scorm_tree(tree: &mut Vec<Node>, check: &ManifestCheck) {
    let Some(manifest) = &check.manifest else {
        return;
    };
    let default = manifest
        .default_organization()
        .map(|org| org.identifier.as_str());
    let mut items = check.items().peekable();
    for (index, organization) in manifest.organizations.list.iter().enumerate() {
        let organization_path = format!(
            "/manifest/organizations/organization[{}]",
            index.saturating_add(1)
        );
        // The 1-based index of the item being walked at each depth, for its XML path. The items of a
        // sub-manifest met below an item get paths that are not the sub-manifest's own (their issues
        // name the sub-manifest's paths): an issue there is simply not linked.
        let mut counters: Vec<usize> = Vec::new();
        let mut notes = Vec::new();
        if Some(organization.identifier.as_str()) == default {
            notes.push("default".to_owned());
        }
        tree.push(Node {
            depth: 0,
            id: organization.identifier.clone(),
            title: organization.title.clone(),
            kind: "organization",
            launch: None,
            notes,
            xml: Some((MANIFEST, organization_path.clone())),
        });
        while let Some(entry) =
            items.next_if(|entry| std::ptr::eq(entry.organization, organization))
        {
            counters.truncate(entry.depth.saturating_add(1));
            counters.resize(entry.depth.saturating_add(1), 0);
            if let Some(last) = counters.last_mut() {
                *last = last.saturating_add(1);
            }
            let mut path = organization_path.clone();
            for counter in &counters {
                path.push_str(&format!("/item[{counter}]"));
            }
            let mut node = scorm_item(&entry);
            node.xml = Some((MANIFEST, path));
            tree.push(node);
        }
    }
}

fn scorm_item(entry: &CourseItem<'_>) -> Node {
    let mut notes = Vec::new();
    if !entry.item.isvisible {
        notes.push("hidden".to_owned());
    }
    if let Some(prerequisites) = &entry.item.prerequisites {
        notes.push(format!("prerequisites {}", quote(prerequisites)));
    }
    if let Some(sequencing) = entry.sequencing() {
        let mode = &sequencing.control_mode;
        let mut flags = Vec::new();
        if mode.choice {
            flags.push("choice");
        }
        if mode.flow {
            flags.push("flow");
        }
        if mode.forward_only {
            flags.push("forward only");
        }
        if flags.is_empty() {
            flags.push("no choice, no flow");
        }
        notes.push(format!("sequencing: {}", flags.join(", ")));
    }
    let launch = entry.launch.map(|launch| {
        let kind = match launch.scorm_type {
            Some(ScormType::Sco) => "SCO",
            Some(ScormType::Asset) => "asset",
            _ => "launch",
        };
        (kind, launch.url.clone())
    });
    Node {
        depth: entry.depth + 1,
        id: entry.item.identifier.clone(),
        title: entry.item.title.clone(),
        kind: "item",
        launch,
        notes,
        xml: None,
    }
}

/// The cmi5 descriptor's name, as issue locations spell it.
const CMI5: &str = "cmi5.xml";

/// The blocks and AUs below `parent` (an XML path), each with its path (indexes among same-named
/// siblings, as the cmi5 checks count them).
fn cmi5_nodes(
    tree: &mut Vec<Node>,
    nodes: &[learnwire_cmi5::CourseNode],
    depth: usize,
    parent: &str,
) {
    let (mut blocks, mut aus) = (0_usize, 0_usize);
    for node in nodes {
        match node {
            learnwire_cmi5::CourseNode::Block(block) => {
                blocks = blocks.saturating_add(1);
                let path = format!("{parent}/block[{blocks}]");
                tree.push(Node {
                    depth,
                    id: block.id.clone(),
                    title: block.title.first_text().to_owned(),
                    kind: "block",
                    launch: None,
                    notes: Vec::new(),
                    xml: Some((CMI5, path.clone())),
                });
                cmi5_nodes(tree, &block.children, depth.saturating_add(1), &path);
            }
            learnwire_cmi5::CourseNode::Au(au) => {
                aus = aus.saturating_add(1);
                tree.push(Node {
                    depth,
                    id: au.id.clone(),
                    title: au.title.first_text().to_owned(),
                    kind: "AU",
                    launch: Some(("AU", au.url.clone())),
                    notes: vec![format!("moveOn {}", au.move_on)],
                    xml: Some((CMI5, format!("{parent}/au[{aus}]"))),
                });
            }
            _ => {}
        }
    }
}

/// Finds the tree node an issue concerns: the deepest node whose XML element holds the issue's location
/// (same descriptor file; the node's path equal to the issue's or one of its ancestors), else the node
/// whose identifier the message quotes (the checks quote identifiers with [`quote`]). Lookups are in
/// ordered maps, so a 40 000-item tree with thousands of issues stays fast.
pub(super) struct NodeIndex<'t> {
    by_path: BTreeMap<(&'static str, &'t str), usize>,
    by_quoted_id: BTreeMap<String, usize>,
}

impl<'t> NodeIndex<'t> {
    pub(super) fn new(tree: &'t [Node]) -> Self {
        let mut by_path = BTreeMap::new();
        let mut by_quoted_id = BTreeMap::new();
        for (index, node) in tree.iter().enumerate() {
            if let Some((file, path)) = &node.xml {
                by_path.entry((*file, path.as_str())).or_insert(index);
            }
            if !node.id.is_empty() {
                by_quoted_id.entry(quote(&node.id)).or_insert(index);
            }
        }
        Self {
            by_path,
            by_quoted_id,
        }
    }

    /// The index in the tree of the node `issue` concerns, if any.
    pub(super) fn find(&self, issue: &Issue) -> Option<usize> {
        if let Location::Xml { file, path, .. } = &issue.location {
            let files: &[&'static str] = match file.as_str() {
                "" => &[MANIFEST, CMI5],
                MANIFEST => &[MANIFEST],
                CMI5 => &[CMI5],
                _ => &[],
            };
            let mut path = path.as_str();
            while !path.is_empty() {
                for file in files {
                    if let Some(index) = self.by_path.get(&(*file, path)) {
                        return Some(*index);
                    }
                }
                path = path.rsplit_once('/').map_or("", |(parent, _)| parent);
            }
        }
        // Quoted strings of the message: every other piece between double quotes.
        issue
            .message
            .split('"')
            .skip(1)
            .step_by(2)
            .find_map(|quoted| self.by_quoted_id.get(&format!("\"{quoted}\"")))
            .copied()
    }
}
