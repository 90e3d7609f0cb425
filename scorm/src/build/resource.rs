//! `resources`, `resource`, `file`, `dependency`, and the hrefs in them.

use std::rc::Rc;

use learnwire_report::quote;

use super::manifest::{build_metadata, identifier_in_document, is_scorm_ns, unexpected, xml_base};
use super::values::collapse;
use super::{Ctx, FileRef, RefKind};
use crate::launch::Outcome;
use crate::manifest::{Resource, ResourceFile, Resources, ScormType};
use crate::parse::ns::Ns;
use crate::rules;

/// Builds `resources`; `bases` is the xml:base chain above it.
pub(crate) fn build_resources(ctx: &mut Ctx<'_, '_>, el: usize, bases: &[&str]) -> Resources {
    let mut resources = Resources {
        base: xml_base(ctx, el),
        ..Resources::default()
    };
    let own = resources.base.clone().unwrap_or_default();
    let mut chain = bases.to_vec();
    if resources.base.is_some() {
        chain.push(&own);
    }
    let count = ctx.count_kids(el, super::ns_is::cp, "resource");
    resources.list.reserve_exact(count);
    if ctx.building_root_resources {
        // The chain plus a resource's own href (its own xml:base, when any, grows the list).
        ctx.root_hrefs.reserve(count, chain.len() + 1);
    }
    for child in ctx.children(el) {
        let element = ctx.el(child);
        if element.ns.is_cp() && element.local == "resource" {
            let position = resources.list.len();
            let resource = build_resource(ctx, child, &chain, position);
            resources.list.push(resource);
        } else if is_scorm_ns(element.ns) {
            unexpected(ctx, child);
        }
    }
    resources
}

/// Builds one `resource` (the `position`-th of its list): its attributes, its href, its files,
/// dependencies and metadata.
fn build_resource(ctx: &mut Ctx<'_, '_>, el: usize, bases: &[&str], position: usize) -> Resource {
    let id = identifier_in_document(ctx, el, rules::RESOURCE_IDENTIFIER, "resource");
    let mut resource = Resource {
        identifier: id.clone().into_owned(),
        ..Resource::default()
    };
    ctx.resource_els.push((id, el));
    resource_attributes(ctx, el, &mut resource);
    resource.base = xml_base(ctx, el);
    let own = resource.base.clone();
    let with_own: Vec<&str>;
    let chain: &[&str] = match &own {
        Some(own) => {
            with_own = bases.iter().copied().chain([own.as_str()]).collect();
            &with_own
        }
        None => bases,
    };
    let shared_id: Rc<str> = Rc::from(resource.identifier.as_str());
    let mut href_path = None;
    if let Some(href) = ctx.plain(el, "href") {
        resource.href = Some(href.trim().to_owned());
        href_path = resolve_ref(ctx, el, chain, href, RefKind::ResourceHref, &shared_id);
        if ctx.building_root_resources {
            // The launch walk resolves the same href on the same chain again: it finds it here.
            ctx.root_hrefs.keep(position, &ctx.resolver);
        }
    }
    let files_from = ctx.refs.len();
    // Room for exactly the files listed (usually one), not the four a first push reserves.
    resource
        .files
        .reserve_exact(ctx.count_kids(el, super::ns_is::cp, "file"));
    for child in ctx.children(el) {
        resource_child(ctx, child, chain, &mut resource, &shared_id);
    }
    if let Some(href_at) = href_path {
        check_href_listed(ctx, el, href_at, files_from);
    }
    resource
}

/// `@type` (required), `adlcp:scormType` and the removed `adlcp:persistState`.
fn resource_attributes(ctx: &mut Ctx<'_, '_>, el: usize, resource: &mut Resource) {
    match ctx.plain(el, "type") {
        Some(kind) => {
            resource.resource_type = kind.trim().to_owned();
            if super::values::longer_than(&resource.resource_type, 1000) {
                ctx.emit(
                    rules::ATTRIBUTE_TOO_LONG,
                    el,
                    "resource/@type is longer than 1000 characters",
                );
            }
        }
        None => ctx.emit(rules::RESOURCE_TYPE, el, "resource has no type"),
    }
    resource.scorm_type = scorm_type(ctx, el);
    if ctx.attr(el, ns_adl_any, "persistState").is_some() {
        ctx.emit(
            rules::RESOURCE_PERSIST_STATE,
            el,
            "adlcp:persistState was removed in SCORM 2004 2nd Edition",
        );
    }
}

/// One child of a resource (`chain` is its xml:base chain, its own included): a `file`, a
/// `dependency` or its `metadata`.
fn resource_child(
    ctx: &mut Ctx<'_, '_>,
    child: usize,
    chain: &[&str],
    resource: &mut Resource,
    shared_id: &Rc<str>,
) {
    let element = ctx.el(child);
    match (element.ns, element.local) {
        (ns, "file") if ns.is_cp() => {
            let Some(href) = ctx.plain(child, "href") else {
                ctx.emit(rules::FILE_HREF_MISSING, child, "file has no href");
                return;
            };
            let metadata = ctx
                .kids(child, super::ns_is::cp, "metadata")
                .first()
                .map(|m| Box::new(build_metadata(ctx, *m)));
            if let Some(location) = metadata.as_ref().and_then(|m| m.location.clone()) {
                metadata_ref(ctx, child, chain, &location);
            }
            let _ = resolve_ref(ctx, child, chain, href, RefKind::File, shared_id);
            resource.files.push(ResourceFile {
                href: href.trim().to_owned(),
                metadata,
            });
        }
        (ns, "dependency") if ns.is_cp() => match ctx.plain(child, "identifierref") {
            Some(target) => {
                let target = collapse(target).into_owned();
                ctx.dep_refs.push((target.clone(), child));
                resource.dependencies.push(target);
            }
            None => ctx.emit(
                rules::DEPENDENCY_REF_MISSING,
                child,
                "dependency has no identifierref",
            ),
        },
        (ns, "metadata") if ns.is_cp() => {
            let metadata = build_metadata(ctx, child);
            if let Some(location) = &metadata.location {
                let location = location.clone();
                metadata_ref(ctx, child, chain, &location);
            }
            resource.metadata = Some(Box::new(metadata));
        }
        (ns, _) if is_scorm_ns(ns) => unexpected(ctx, child),
        _ => {}
    }
}

/// The resource's href (the reference at `href_at`) is one of its files (the references recorded from
/// `files_from` on): S04-32 in 2004, a recommendation in 1.2 (S12-17).
fn check_href_listed(ctx: &mut Ctx<'_, '_>, el: usize, href_at: usize, files_from: usize) {
    let mut files = ctx
        .refs
        .get(files_from..)
        .unwrap_or(&[])
        .iter()
        .filter(|reference| reference.kind == RefKind::File);
    let Some(path) = ctx.refs.get(href_at).map(|href| href.path(&ctx.ref_paths)) else {
        return;
    };
    if files.any(|file| file.path(&ctx.ref_paths) == path) {
        return;
    }
    let path = path.to_owned();
    // REQ_30.7.3.9.1.1 makes this a 2004 rule (S04-32); SCORM 1.2 only recommends it (S12-17).
    let rule = if ctx.is_2004 {
        rules::RESOURCE_HREF_NOT_IN_FILES
    } else {
        rules::RESOURCE_HREF_NOT_IN_FILES_12
    };
    ctx.emit(
        rule,
        el,
        format!(
            "the resource's href {} is not listed as one of its files",
            quote(&path)
        ),
    );
}

fn ns_adl_any(ns: Ns) -> bool {
    ns.is_adlcp()
}

fn scorm_type(ctx: &mut Ctx<'_, '_>, el: usize) -> Option<ScormType> {
    let expected = if ctx.is_2004 {
        "scormType"
    } else {
        "scormtype"
    };
    let attr = ctx
        .attrs_of(el)
        .iter()
        .find(|attr| attr.local.eq_ignore_ascii_case("scormtype"));
    let Some(attr) = attr else {
        ctx.emit(
            rules::RESOURCE_SCORM_TYPE_MISSING,
            el,
            format!(
                "resource has no adlcp:{expected}; LMSs differ on whether it is a SCO or an asset"
            ),
        );
        return None;
    };
    let (local, ns, value) = (attr.local, attr.ns, attr.value.clone());
    if !ns.is_adlcp() {
        ctx.emit(
            rules::RESOURCE_SCORM_TYPE_SPELLING,
            el,
            format!("{} is not in the ADL CP namespace", quote(local)),
        );
    } else if local != expected {
        ctx.emit(
            rules::RESOURCE_SCORM_TYPE_SPELLING,
            el,
            format!(
                "this edition spells the attribute adlcp:{expected}, not {}",
                quote(local)
            ),
        );
    }
    let value = collapse(&value);
    match value.as_ref() {
        "sco" => Some(ScormType::Sco),
        "asset" => Some(ScormType::Asset),
        other if other.eq_ignore_ascii_case("sco") || other.eq_ignore_ascii_case("asset") => {
            ctx.emit(
                rules::RESOURCE_SCORM_TYPE_SPELLING,
                el,
                format!("scormType {} must be lower case", quote(other)),
            );
            Some(if other.eq_ignore_ascii_case("sco") {
                ScormType::Sco
            } else {
                ScormType::Asset
            })
        }
        other => {
            ctx.emit(
                rules::RESOURCE_SCORM_TYPE_INVALID,
                el,
                format!("scormType {} is neither sco nor asset", quote(other)),
            );
            None
        }
    }
}

/// Resolves an href against the chain, reports its problems, records the package path; returns the
/// index of the recorded reference in `ctx.refs`.
pub(crate) fn resolve_ref(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    bases: &[&str],
    href: &str,
    kind: RefKind,
    resource: &Rc<str>,
) -> Option<usize> {
    if super::values::longer_than(href, 2000) {
        ctx.emit(
            rules::ATTRIBUTE_TOO_LONG,
            el,
            "href is longer than 2000 characters",
        );
    }
    let mut resolver = std::mem::take(&mut ctx.resolver);
    // A file's href is usually its resource's href on the same chain: resolved once.
    let outcome = resolver.run_remembering(bases, href);
    for issue in resolver.issues.drain(..) {
        ctx.emit(issue.rule, el, issue.message);
    }
    let recorded = match outcome {
        Some(Outcome::Package) => record_path(ctx, el, href, kind, resource, &resolver),
        Some(Outcome::External(url)) => {
            if !ctx.options.allow_external_launch_urls_silently {
                ctx.emit(
                    rules::HREF_EXTERNAL,
                    el,
                    format!(
                        "{} is external: it is launched as is and cannot reach the LMS API across domains",
                        quote(url.as_str())
                    ),
                );
            }
            None
        }
        None => None,
    };
    ctx.resolver = resolver;
    recorded
}

/// Records the package path `resolver` just found for `href` (a [`FileRef`], its index returned), unless
/// it names no file (the root or a folder: never looked for, never launched) or
/// [`Limits::max_reference_bytes`](crate::Limits::max_reference_bytes) is reached (reported once).
fn record_path(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    href: &str,
    kind: RefKind,
    resource: &Rc<str>,
    resolver: &crate::launch::Resolver,
) -> Option<usize> {
    if !resolver.names_file() {
        match kind {
            RefKind::File => ctx.emit(
                rules::HREF_NO_FILE,
                el,
                format!(
                    "file href {} names no file (the package root or a folder)",
                    quote(href)
                ),
            ),
            RefKind::ResourceHref | RefKind::Launch => {
                ctx.nameless_hrefs.insert(Rc::clone(resource));
            }
            RefKind::Metadata => {}
        }
        return None;
    }
    let limit = ctx.options.limits.max_reference_bytes();
    if ctx.ref_paths.len().saturating_add(resolver.path().len()) > limit {
        if !ctx.references_capped {
            ctx.references_capped = true;
            ctx.emit(
                rules::LIMIT_REFERENCES,
                el,
                format!(
                    "the package paths the manifest names take more than {limit} bytes: from here on they are not looked for in the package"
                ),
            );
        }
        return None;
    }
    let start = ctx.ref_paths.len();
    ctx.ref_paths.push_str(resolver.path());
    ctx.refs.push(FileRef {
        path: start..ctx.ref_paths.len(),
        kind,
        resource: Rc::clone(resource),
        el,
    });
    Some(ctx.refs.len() - 1)
}

/// Records an `adlcp:location` metadata file.
pub(crate) fn metadata_ref(ctx: &mut Ctx<'_, '_>, el: usize, bases: &[&str], location: &str) {
    let _ = resolve_ref(ctx, el, bases, location, RefKind::Metadata, &Rc::from(""));
}
