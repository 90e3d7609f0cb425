//! Presence checks: every file the manifest names is in the package, and every package file is listed
//! (rules P-09..P-14).

mod folders;

use std::collections::BTreeSet;

use learnwire_report::{Location, quote};

use crate::PackageFiles;
use crate::build::{self, MANIFEST_FILE, RefKind};
use crate::rules;
use folders::FolderTree;

/// Reports every file the manifest names that `files` lacks, and every file no resource lists.
pub(crate) fn check_presence(
    ctx: &mut build::Ctx<'_, '_>,
    files: &dyn PackageFiles,
    launches: &[crate::Launch],
    has_manifest: bool,
) {
    let refs = std::mem::take(&mut ctx.refs);
    let paths = std::mem::take(&mut ctx.ref_paths);
    let missing_paths = missing_files(ctx, files, launches, &refs, &paths);
    let all_paths = files.paths();
    if missing_paths.len() >= 3 {
        check_flattened(ctx, &missing_paths, &all_paths);
    }
    if has_manifest {
        let listed: BTreeSet<&str> = refs.iter().map(|r| r.path(&paths)).collect();
        for path in &all_paths {
            if !listed.contains(path.as_str()) && !is_control_or_junk(path) {
                ctx.emit_at(
                    rules::PACKAGE_UNLISTED_FILE,
                    Location::entry(files.entry_name(path)),
                    format!("{} is not listed by any resource", quote(path)),
                );
            }
        }
    }
}

/// Reports each reference (`refs`, their paths in `paths`) that `files` lacks or has only in another
/// letter case (P-09, P-11, S12-04); returns the missing paths that have a folder, for the flattened
/// check.
fn missing_files<'r>(
    ctx: &mut build::Ctx<'_, '_>,
    files: &dyn PackageFiles,
    launches: &[crate::Launch],
    refs: &[build::FileRef],
    paths: &'r str,
) -> BTreeSet<&'r str> {
    let launched: BTreeSet<&str> = launches
        .iter()
        .map(|launch| launch.resource.as_str())
        .collect();
    let mut missing_paths: BTreeSet<&str> = BTreeSet::new();
    for reference in refs {
        let path = reference.path(paths);
        if path.is_empty() || files.contains(path) {
            continue;
        }
        let kind = match reference.kind {
            RefKind::ResourceHref if launched.contains(&*reference.resource) => RefKind::Launch,
            other => other,
        };
        let what = match kind {
            RefKind::Launch => "the launch file",
            RefKind::ResourceHref => "the resource file",
            RefKind::File => "the file",
            RefKind::Metadata => "the metadata file",
        };
        if let Some(found) = files.find_ignoring_case(path) {
            ctx.emit(
                rules::PACKAGE_FILE_CASE,
                reference.el,
                format!(
                    "{what} {} is in the package only as {} (breaks on case-sensitive servers)",
                    quote(path),
                    quote(&found)
                ),
            );
            continue;
        }
        if path.contains('/') {
            missing_paths.insert(path);
        }
        let rule = if kind == RefKind::Metadata {
            rules::PACKAGE_METADATA_MISSING
        } else {
            rules::PACKAGE_FILE_MISSING
        };
        ctx.emit(
            rule,
            reference.el,
            format!("{what} {} is not in the package", quote(path)),
        );
    }
    missing_paths
}

/// P-14: when at least half of the missing files exist in a parent folder, the archive looks flattened.
fn check_flattened(
    ctx: &mut build::Ctx<'_, '_>,
    missing_paths: &BTreeSet<&str>,
    all_paths: &[String],
) {
    let tree = FolderTree::new(all_paths);
    let found = missing_paths
        .iter()
        .filter(|path| tree.name_in_an_ancestor(path))
        .count();
    if found * 2 >= missing_paths.len() {
        ctx.emit_at(
            rules::PACKAGE_FLATTENED,
            Location::Whole,
            format!(
                "{found} of {} missing files exist in a parent folder: the archive looks flattened (its folder structure was lost)",
                missing_paths.len()
            ),
        );
    }
}

fn is_control_or_junk(path: &str) -> bool {
    path == MANIFEST_FILE
        || learnwire_package::is_os_junk(path)
        || path.ends_with(".xsd")
        || path.ends_with(".dtd")
}
