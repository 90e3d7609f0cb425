//! The root `manifest`, sub-manifests, `metadata` and version detection.

use std::borrow::Cow;

use learnwire_report::quote;

use super::values::{collapse, is_ncname};
use super::{Ctx, ns_is};
use crate::Version;
use crate::manifest::{Manifest, Metadata, Sequencing};
use crate::parse::ns::Ns;
use crate::rules;

/// Builds the model of the whole document (element 0 is the root), or `None` when the root is not a
/// manifest.
pub(crate) fn build_manifest(ctx: &mut Ctx<'_, '_>) -> Option<Manifest> {
    let root = ctx.el(0);
    if root.local != "manifest" || !root.ns.is_cp() {
        let found = if root.qname.is_empty() {
            "nothing"
        } else {
            root.qname
        };
        ctx.emit(
            rules::MANIFEST_ROOT,
            0,
            format!(
                "the root element is {}, not an IMS Content Packaging manifest (namespaces are matched by URI)",
                quote(found)
            ),
        );
        return None;
    }
    ctx.is_2004 = root.ns == Ns::Cp2004;
    ctx.version = detect_version(ctx);
    let mut manifest = manifest_element(ctx, 0, &[], true);
    manifest.scorm_version = ctx.version;
    crate::validate::cross_check(ctx, &manifest);
    Some(manifest)
}

/// The children of one `manifest` element, sorted by kind.
#[derive(Default)]
struct Parts {
    metadata: Vec<usize>,
    organizations: Vec<usize>,
    resources: Vec<usize>,
    collections: Vec<usize>,
    subs: Vec<usize>,
}

/// Builds one `manifest` element (root or sub-manifest): metadata, sub-manifests, resources, then
/// organizations (whose items need the resources) and the sequencing collection.
fn manifest_element(ctx: &mut Ctx<'_, '_>, el: usize, bases: &[&str], is_root: bool) -> Manifest {
    let mut manifest = Manifest::new(identifier(ctx, el, rules::MANIFEST_IDENTIFIER, "manifest"));
    manifest.version = ctx.plain(el, "version").map(str::to_owned);
    if let Some(version) = &manifest.version
        && super::values::longer_than(version, 20)
    {
        ctx.emit(
            rules::ATTRIBUTE_TOO_LONG,
            el,
            "manifest/@version is longer than 20 characters",
        );
    }
    manifest.base = xml_base(ctx, el);
    let mut chain: Vec<&str> = bases.to_vec();
    let own_base = manifest.base.clone().unwrap_or_default();
    if manifest.base.is_some() {
        chain.push(&own_base);
    }
    let parts = manifest_parts(ctx, el);
    manifest_metadata(ctx, el, &parts.metadata, &chain, is_root, &mut manifest);
    for sub in &parts.subs {
        let built = manifest_element(ctx, *sub, &chain, false);
        manifest.sub_manifests.push(built);
    }
    if let Some(first) = first_of(ctx, el, &parts.resources, "resources") {
        ctx.building_root_resources = is_root;
        manifest.resources = super::resource::build_resources(ctx, first, &chain);
        ctx.building_root_resources = false;
        report_extra(ctx, &parts.resources, "resources");
    }
    let index = super::organization::ResourceIndex::new(&manifest, &ctx.nameless_hrefs);
    if let Some(first) = first_of(ctx, el, &parts.organizations, "organizations") {
        manifest.organizations = super::organization::build_organizations(ctx, first, &index);
        report_extra(ctx, &parts.organizations, "organizations");
    }
    if let Some(collection) = parts.collections.first() {
        manifest.sequencing_collection = sequencing_collection(ctx, *collection);
    }
    manifest
}

/// Sorts the children of `el`; unknown elements of a SCORM namespace are reported, and so are a second
/// `metadata` or `sequencingCollection`.
fn manifest_parts(ctx: &mut Ctx<'_, '_>, el: usize) -> Parts {
    let mut parts = Parts::default();
    for child in ctx.children(el) {
        let element = ctx.el(child);
        match (element.ns, element.local) {
            (ns, "metadata") if ns.is_cp() => parts.metadata.push(child),
            (ns, "organizations") if ns.is_cp() => parts.organizations.push(child),
            (ns, "resources") if ns.is_cp() => parts.resources.push(child),
            (ns, "manifest") if ns.is_cp() => parts.subs.push(child),
            (Ns::Imsss, "sequencingCollection") => parts.collections.push(child),
            (ns, _) if is_scorm_ns(ns) => unexpected(ctx, child),
            _ => {}
        }
    }
    for extra in parts
        .metadata
        .iter()
        .skip(1)
        .chain(parts.collections.iter().skip(1))
    {
        ctx.emit(
            rules::MANIFEST_DUPLICATE_CHILD,
            *extra,
            "this element may appear only once here",
        );
    }
    parts
}

/// The manifest's `metadata` (the first one), its `adlcp:location` looked for in the package, and for
/// the root the SCORM metadata rules.
fn manifest_metadata(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    metadata: &[usize],
    chain: &[&str],
    is_root: bool,
    manifest: &mut Manifest,
) {
    manifest.metadata = metadata.first().map(|m| Box::new(build_metadata(ctx, *m)));
    if let (Some(location), Some(&at)) = (
        manifest.metadata.as_ref().and_then(|m| m.location.clone()),
        metadata.first(),
    ) {
        let location_el = ctx
            .kids(at, ns_is::adlcp, "location")
            .first()
            .copied()
            .unwrap_or(at);
        super::resource::metadata_ref(ctx, location_el, chain, &location);
    }
    if is_root {
        check_root_metadata(ctx, el, manifest.metadata.as_deref());
    }
}

/// The first `name` child of the manifest `el` among `found`; none is reported (S12-03, S04-05).
fn first_of(ctx: &mut Ctx<'_, '_>, el: usize, found: &[usize], name: &str) -> Option<usize> {
    let first = found.first().copied();
    if first.is_none() {
        ctx.emit(
            rules::MANIFEST_CHILD_COUNT,
            el,
            format!("the manifest has no {name} element"),
        );
    }
    first
}

/// Reports every `name` child after the first (a manifest has exactly one).
fn report_extra(ctx: &mut Ctx<'_, '_>, found: &[usize], name: &str) {
    for extra in found.iter().skip(1) {
        ctx.emit(
            rules::MANIFEST_CHILD_COUNT,
            *extra,
            format!("a manifest has exactly one {name} element"),
        );
    }
}

/// The members of `imsss:sequencingCollection` (at least one, S04-41).
fn sequencing_collection(ctx: &mut Ctx<'_, '_>, collection: usize) -> Vec<Sequencing> {
    let mut list = Vec::new();
    let members: Vec<usize> = ctx.children(collection).collect();
    for member in members {
        let element = ctx.el(member);
        if element.ns == Ns::Imsss && element.local == "sequencing" {
            list.push(super::sequencing::build_sequencing(
                ctx,
                member,
                super::sequencing::Place::Collection,
            ));
        } else if is_scorm_ns(element.ns) {
            unexpected(ctx, member);
        }
    }
    if list.is_empty() {
        ctx.emit(
            rules::SEQ_STRUCTURE,
            collection,
            "sequencingCollection needs at least one sequencing",
        );
    }
    list
}

/// True for the namespaces whose content model this crate knows.
pub(crate) fn is_scorm_ns(ns: Ns) -> bool {
    matches!(
        ns,
        Ns::Cp12 | Ns::Cp2004 | Ns::Adlcp12 | Ns::Adlcp2004 | Ns::Imsss | Ns::Adlseq | Ns::Adlnav
    )
}

/// Reports an element of a SCORM namespace where the content model has none.
pub(crate) fn unexpected(ctx: &mut Ctx<'_, '_>, el: usize) {
    let element = ctx.el(el);
    let parent = ctx.el(element.parent).local;
    ctx.emit(
        rules::MANIFEST_UNEXPECTED,
        el,
        format!(
            "{} is not allowed inside {}",
            quote(element.qname),
            quote(parent)
        ),
    );
}

/// Reads a required xs:ID attribute `identifier`, collapsed, records it, reports when missing.
pub(crate) fn identifier(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    missing: rules::Rule,
    what: &str,
) -> String {
    identifier_in_document(ctx, el, missing, what).into_owned()
}

/// [`identifier`], borrowed from the document when collapsing changed nothing.
pub(crate) fn identifier_in_document<'d>(
    ctx: &mut Ctx<'d, '_>,
    el: usize,
    missing: rules::Rule,
    what: &str,
) -> Cow<'d, str> {
    match ctx.plain(el, "identifier") {
        Some(raw) => {
            let value = collapse(raw);
            if value.is_empty() {
                ctx.emit(missing, el, format!("{what}/@identifier is empty"));
            } else {
                if !is_ncname(&value) {
                    ctx.emit(
                        rules::ID_NOT_NCNAME,
                        el,
                        format!("identifier {} is not a valid xs:ID", quote(&value)),
                    );
                }
                ctx.declare_id(value.clone(), el);
            }
            value
        }
        None => {
            ctx.emit(missing, el, format!("{what} has no identifier"));
            Cow::Borrowed("")
        }
    }
}

/// Reads `@xml:base` and checks it ends with `/`.
pub(crate) fn xml_base(ctx: &mut Ctx<'_, '_>, el: usize) -> Option<String> {
    let base = ctx.attr(el, ns_is::xml, "base")?.trim().to_owned();
    if !base.is_empty() && !base.ends_with('/') {
        ctx.emit(
            rules::XML_BASE_INVALID,
            el,
            format!("xml:base {} does not end with '/'", quote(&base)),
        );
    }
    if super::values::longer_than(&base, 2000) {
        ctx.emit(
            rules::ATTRIBUTE_TOO_LONG,
            el,
            "xml:base is longer than 2000 characters",
        );
    }
    Some(base)
}

/// Builds a `metadata` element.
pub(crate) fn build_metadata(ctx: &mut Ctx<'_, '_>, el: usize) -> Metadata {
    let mut metadata = Metadata::default();
    for child in ctx.children(el) {
        let element = ctx.el(child);
        match (element.ns, element.local) {
            (ns, "schema") if ns.is_cp() => metadata.schema = Some(ctx.text_of(child).to_owned()),
            (ns, "schemaversion") if ns.is_cp() => {
                metadata.schemaversion = Some(ctx.text_of(child).to_owned());
            }
            (ns, "location") if ns.is_adlcp() => {
                let location = ctx.text_of(child).to_owned();
                if super::values::longer_than(&location, 2000) {
                    ctx.emit(
                        rules::METADATA_LOCATION_LENGTH,
                        child,
                        "adlcp:location is longer than 2000 characters",
                    );
                }
                metadata.location = Some(location);
            }
            (Ns::Metadata, "lom") => metadata.has_inline_lom = true,
            _ => {}
        }
    }
    metadata
}

fn check_root_metadata(ctx: &mut Ctx<'_, '_>, el: usize, metadata: Option<&Metadata>) {
    let Some(metadata) = metadata else {
        ctx.emit(
            rules::METADATA_MISSING,
            el,
            "the manifest has no metadata (schema and schemaversion)",
        );
        return;
    };
    match metadata.schema.as_deref() {
        Some("ADL SCORM") => {}
        Some(other) => ctx.emit(
            rules::METADATA_SCHEMA,
            el,
            format!("metadata/schema is {}, not \"ADL SCORM\"", quote(other)),
        ),
        None => ctx.emit(rules::METADATA_MISSING, el, "metadata has no schema"),
    }
    if metadata.schemaversion.is_none() {
        ctx.emit(rules::METADATA_MISSING, el, "metadata has no schemaversion");
    }
}

/// Detects the version from schemaversion, then namespaces (V-02..V-06).
fn detect_version(ctx: &mut Ctx<'_, '_>) -> Option<Version> {
    let metadata = ctx.kids(0, ns_is::cp, "metadata");
    let mut schemaversion = None;
    let mut schema = None;
    if let Some(&metadata) = metadata.first() {
        if let Some(&sv) = ctx.kids(metadata, ns_is::cp, "schemaversion").first() {
            schemaversion = Some(ctx.text_of(sv));
        }
        if let Some(&s) = ctx.kids(metadata, ns_is::cp, "schema").first() {
            schema = Some(ctx.text_of(s));
        }
    }
    let declared = schemaversion.and_then(Version::from_schemaversion);
    let inferred = infer_from_namespaces(ctx);
    match (declared, inferred) {
        (Some(declared), Some(inferred)) if declared.is_2004() != inferred.is_2004() => {
            ctx.emit(
                rules::VERSION_CONFLICT,
                0,
                format!(
                    "schemaversion says SCORM {declared} but the namespaces are those of SCORM {}; read as the namespaces say",
                    if inferred.is_2004() { "2004" } else { "1.2" }
                ),
            );
            Some(inferred)
        }
        (Some(declared), _) => Some(declared),
        (None, Some(inferred)) => {
            let has_adl =
                ctx.dom.elements.iter().any(|element| {
                    matches!(
                        element.ns,
                        Ns::Adlcp12 | Ns::Adlcp2004 | Ns::Imsss | Ns::Adlseq | Ns::Adlnav
                    ) || ctx.dom.attrs_of(element).iter().any(|attr| {
                        attr.ns.is_adlcp() || attr.local.eq_ignore_ascii_case("scormtype")
                    })
                });
            if !has_adl && schema != Some("ADL SCORM") {
                ctx.emit(
                    rules::VERSION_UNKNOWN,
                    0,
                    "a plain IMS content package (no schemaversion, no ADL namespace): not SCORM",
                );
                return None;
            }
            let said = match schemaversion {
                Some(value) => format!("schemaversion {} is not a SCORM version", quote(value)),
                None => "there is no schemaversion".to_owned(),
            };
            ctx.emit(
                rules::VERSION_INFERRED,
                0,
                format!("{said}; read as SCORM {inferred} from the namespaces"),
            );
            Some(inferred)
        }
        (None, None) => {
            ctx.emit(
                rules::VERSION_UNKNOWN,
                0,
                "the SCORM version cannot be determined",
            );
            None
        }
    }
}

fn infer_from_namespaces(ctx: &Ctx<'_, '_>) -> Option<Version> {
    if !ctx.is_2004 {
        return Some(Version::Scorm12);
    }
    let fourth = ctx
        .dom
        .elements
        .iter()
        .any(|element| match (element.ns, element.local) {
            (Ns::Adlcp2004, "data" | "map") => true,
            (Ns::Adlcp2004, "completionThreshold") => !ctx.dom.attrs_of(element).is_empty(),
            (Ns::Adlnav, "hideLMSUI") => {
                matches!(element.text.trim(), "suspendAll" | "exitAll" | "abandonAll")
            }
            _ => false,
        });
    Some(if fourth {
        Version::Scorm2004Edition4
    } else {
        Version::Scorm2004Edition3
    })
}
