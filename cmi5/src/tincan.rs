//! TinCan packages (`tincan.xml`): xAPI courses packaged the way Articulate Storyline, Adobe Captivate
//! and Lectora publish them, launched with the TinCan query-string convention (`endpoint`, `auth`,
//! `actor`, `registration`, `activity_id`).
//!
//! This module lives in the cmi5 crate because it is the same job as cmi5's packaging: an xAPI course
//! in a zip with an XML descriptor at its root, read with the same bounded XML reader, checked with the
//! same zip safety (`learnwire-package`), its launch files resolved the same way, and detected by the
//! same rule (V-01, where cmi5 outranks TinCan). A separate crate would duplicate all of that for one
//! small descriptor; the cmi5 crate is also where an LMS that launches xAPI content already looks.
//!
//! There is no published checklist for `tincan.xml`; this module's rules (`TC-*` in
//! [`codes`](mod@crate::codes)) follow Rustici's TinCan launch document and `tincan.xsd`:
//!
//! | Rule | What |
//! |---|---|
//! | TC-01 | the root is `tincan` in `http://projecttincan.com/tincan.xsd` (read by namespace, never prefix) |
//! | TC-02 | at least one activity has a `launch` |
//! | TC-03 | every activity has an `id` that is an absolute IRI (duplicates warned) |
//! | TC-04 | a `launch` is an `http(s)` URL or a path inside the package (no `javascript:`, no `..` out) |
//! | TC-05 | a relative `launch` names a file of the package |
//! | TC-06 | the launch URL takes the caller's endpoint, auth, actor (JSON), registration and activity id |
//!
//! ```
//! use learnwire_cmi5::tincan::{check_tincan, launch_url, LaunchParameters};
//! use learnwire_cmi5::Options;
//!
//! let xml = br#"<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>
//!   <activity id="https://example.com/course" type="http://adlnet.gov/expapi/activities/course">
//!     <name lang="en">Safety</name><launch lang="en">index.html?mode=lms</launch></activity>
//! </activities></tincan>"#;
//! let check = check_tincan(xml, &Options::default());
//! assert!(check.is_valid(), "{}", check.report);
//! let activity = &check.tincan.as_ref().unwrap().activities[0];
//! let base = url::Url::parse("https://lms.example/content/course-1/")?;
//! let parameters = LaunchParameters::new(
//!     "https://lms.example/xapi/",
//!     "Basic dXNlcjpwYXNz",
//!     r#"{"objectType":"Agent","account":{"homePage":"https://lms.example","name":"42"}}"#,
//! );
//! let url = launch_url(&base, activity, &parameters)?;
//! assert!(url.as_str().starts_with("https://lms.example/content/course-1/index.html?mode=lms&endpoint=https%3A%2F%2Flms.example%2Fxapi%2F&auth=Basic%20dXNlcjpwYXNz&actor=%7B"));
//! assert!(url.as_str().ends_with("&activity_id=https%3A%2F%2Fexample.com%2Fcourse"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use learnwire_package::{Descriptor, Entry, Input, Package, Rerooted, detect};
use learnwire_report::{Code, Location, Report, Untrusted, quote};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use url::Url;

use crate::Options;
use crate::codes;
use crate::launch_path::{self, Target};
use crate::model::{LangString, LanguageMap};
use crate::package::{DescriptorRoot, descriptor_entry, locate_descriptor, push};
use crate::xml::ns::Ns;
use crate::xml::{self, Doc};

/// The name of the descriptor in a package.
pub const DESCRIPTOR_FILE: &str = "tincan.xml";

/// One `launch` of an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Launch {
    /// The launch location as written (trimmed): relative to the package root, or absolute.
    pub url: String,
    /// The `lang` attribute, when present.
    pub lang: Option<String>,
}

/// One `activity` of a `tincan.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Activity {
    /// The activity id (an IRI).
    pub id: String,
    /// The `type` attribute (an activity type IRI, or a bare word some tools write), when present.
    pub activity_type: Option<String>,
    /// Its `name` elements.
    pub name: LanguageMap,
    /// Its `description` elements.
    pub description: LanguageMap,
    /// Its `launch` elements (most activities have none; the course activity has one).
    pub launches: Vec<Launch>,
}

/// A TinCan descriptor: its activities in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TinCan {
    /// Every activity.
    pub activities: Vec<Activity>,
}

impl TinCan {
    /// The activities that can be launched (they have a `launch`).
    pub fn launchable(&self) -> impl Iterator<Item = &Activity> {
        self.activities
            .iter()
            .filter(|activity| !activity.launches.is_empty())
    }
}

/// One launchable activity as an LMS launches it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActivityLaunch {
    /// The activity id.
    pub activity: String,
    /// The first launch as written.
    pub url: String,
    /// For a relative launch, the package file it names.
    pub path: Option<String>,
}

/// A checked TinCan descriptor or package.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct TinCanCheck {
    /// The descriptor, when it was read as one.
    pub tincan: Option<TinCan>,
    /// Every problem found.
    pub report: Report,
    /// Each launchable activity with a valid first launch.
    pub launches: Vec<ActivityLaunch>,
    /// Set when the package was read from a single top folder.
    pub content_root: Option<String>,
    /// Every course descriptor at the content root, in priority order (rule V-01).
    pub descriptors: Vec<Descriptor>,
}

impl TinCanCheck {
    /// True when the report has no error.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.report.is_valid()
    }

    /// A check that stopped at `issue` (an unreadable path, a refused zip).
    fn refused(issue: learnwire_report::Issue) -> Self {
        let mut report = Report::new();
        report.push(issue);
        Self {
            report,
            ..Self::default()
        }
    }
}

/// Reads and validates a `tincan.xml` in memory (launch files are not looked for: see
/// [`check_path`], [`check_zip`]).
#[must_use]
pub fn check_tincan(bytes: &[u8], options: &Options) -> TinCanCheck {
    let (tincan, report, targets) = read_document(bytes, options, DESCRIPTOR_FILE);
    let launches = launches(tincan.as_ref(), &targets);
    TinCanCheck {
        tincan,
        report,
        launches,
        ..TinCanCheck::default()
    }
}

/// The descriptor, or the report when it has an error.
///
/// # Errors
/// The [`Report`] of every issue when at least one is an error.
pub fn parse_tincan(bytes: &[u8], options: &Options) -> Result<TinCan, Report> {
    let check = check_tincan(bytes, options);
    match check.tincan {
        Some(tincan) if check.report.is_valid() => Ok(tincan),
        _ => Err(check.report),
    }
}

/// Every issue of a `tincan.xml` in memory.
#[must_use]
pub fn validate_tincan(bytes: &[u8], options: &Options) -> Report {
    check_tincan(bytes, options).report
}

/// Checks a TinCan package on disk: a `.zip`, a folder, or a lone `tincan.xml` (its relative launches
/// are then not looked for).
#[must_use]
pub fn check_path(path: &Path, options: &Options) -> TinCanCheck {
    let max_bytes = options.limits.max_input_bytes();
    match Input::open(path, &options.package_limits, max_bytes) {
        Input::Package(package) => check_package(&package, options),
        Input::Document { bytes, name } => check_standalone(&bytes, &name, options),
        Input::Refused(issue) => TinCanCheck::refused(issue),
    }
}

/// Checks a lone `tincan.xml` already read (`name` is its file name, for locations), as
/// [`check_path`] checks one on disk (its relative launches are not looked for). For a caller that
/// read the file itself and should not open it a second time.
///
/// ```
/// use learnwire_cmi5::{tincan, Options};
///
/// let check = tincan::check_standalone(b"<tincan/>", "tincan.xml", &Options::default());
/// assert!(!check.is_valid());
/// ```
#[must_use]
pub fn check_standalone(bytes: &[u8], name: &str, options: &Options) -> TinCanCheck {
    let (tincan, report, targets) = read_document(bytes, options, name);
    let descriptors = Descriptor::of_document(bytes, name.to_owned())
        .into_iter()
        .collect();
    TinCanCheck {
        launches: launches(tincan.as_ref(), &targets),
        tincan,
        report,
        descriptors,
        content_root: None,
    }
}

/// Checks zip bytes held in memory: opened with [`Options::package_limits`], then as
/// [`check_package`].
#[must_use]
pub fn check_zip(bytes: Vec<u8>, options: &Options) -> TinCanCheck {
    match Package::from_zip_bytes(bytes, &options.package_limits) {
        Ok(package) => check_package(&package, options),
        Err(error) => TinCanCheck::refused(error.to_issue()),
    }
}

/// Checks an opened package: `tincan.xml` at the root (or in a single top folder, reported as for
/// cmi5), the descriptor, every relative launch naming a file (TC-05), and the package's own checks.
#[must_use]
pub fn check_package(package: &Package, options: &Options) -> TinCanCheck {
    let descriptors = detect(package);
    let mut report = Report::new();
    let mut check = TinCanCheck::default();
    let view = match locate_descriptor(
        package,
        options,
        DESCRIPTOR_FILE,
        "the descriptor",
        "",
        &mut report,
    ) {
        DescriptorRoot::View(view) => Some(view),
        DescriptorRoot::Refused => None,
        DescriptorRoot::Missing { .. } => {
            push(
                &mut report,
                options,
                codes::TINCAN_NO_DESCRIPTOR,
                Location::Whole,
                "no tincan.xml at the package root",
            );
            None
        }
    };
    if let Some(view) = view {
        if !view.folder().is_empty() {
            check.content_root = Some(view.folder().to_owned());
        }
        if let Some(entry) = descriptor_entry(
            &view,
            options,
            DESCRIPTOR_FILE,
            "the descriptor",
            &mut report,
        ) {
            check_entry(&view, entry, options, &mut report, &mut check);
        }
    }
    check.descriptors = descriptors;
    report.merge(package.verify_contents());
    check.report = report;
    check
}

fn check_entry(
    view: &Rerooted<'_>,
    entry: &Entry,
    options: &Options,
    report: &mut Report,
    check: &mut TinCanCheck,
) {
    let limit = u64::try_from(options.limits.max_input_bytes()).unwrap_or(u64::MAX);
    if entry.size > limit {
        let message = format!(
            "tincan.xml declares {} bytes, more than the limit of {limit}",
            entry.size
        );
        push(
            report,
            options,
            codes::LIMIT_INPUT_SIZE,
            Location::entry(entry.raw_name.clone()),
            message,
        );
        return;
    }
    let bytes = match view.package().read_manifest(entry) {
        Ok(bytes) => bytes,
        Err(error) => {
            let mut issue = error.to_issue();
            issue.location = Location::entry(entry.raw_name.clone());
            report.push(issue);
            push(
                report,
                options,
                codes::PACKAGE_UNREADABLE,
                Location::entry(entry.raw_name.clone()),
                "tincan.xml could not be read from the package",
            );
            return;
        }
    };
    let (tincan, document, targets) = read_document(&bytes, options, &entry.path);
    report.merge(document);
    for (target, location) in &targets {
        let Some(Target::Relative(path)) = target else {
            continue;
        };
        if view.file(path).is_some() {
            continue;
        }
        match view.file_ignoring_case(path) {
            Some(found) => push(
                report,
                options,
                codes::TINCAN_LAUNCH_FILE_CASE,
                location.clone(),
                format!(
                    "the launch names {}, which the package holds only as {} (letter case differs)",
                    quote(path),
                    quote(&found.path)
                ),
            ),
            None => push(
                report,
                options,
                codes::TINCAN_LAUNCH_FILE_MISSING,
                location.clone(),
                format!(
                    "the launch names {}, which is not in the package",
                    quote(path)
                ),
            ),
        }
    }
    check.launches = launches(tincan.as_ref(), &targets);
    check.tincan = tincan;
}

/// Each launchable activity's first launch as classified, in [`TinCan::launchable`] order.
type Targets = Vec<(Option<Target>, Location)>;

fn launches(tincan: Option<&TinCan>, targets: &Targets) -> Vec<ActivityLaunch> {
    let Some(tincan) = tincan else {
        return Vec::new();
    };
    tincan
        .launchable()
        .zip(targets)
        .filter_map(|(activity, (target, _))| {
            let target = target.as_ref()?;
            let launch = activity.launches.first()?;
            Some(ActivityLaunch {
                activity: activity.id.clone(),
                url: launch.url.clone(),
                path: match target {
                    Target::Relative(path) => Some(path.clone()),
                    Target::Absolute(_) => None,
                },
            })
        })
        .collect()
}

fn read_document(bytes: &[u8], options: &Options, file: &str) -> (Option<TinCan>, Report, Targets) {
    let mut report = Report::new();
    let mut targets = Vec::new();
    let profile = options.profile;
    let tincan =
        xml::decode_into(bytes, &options.limits, file, &mut report, profile).and_then(|decoded| {
            let doc = xml::read(&decoded, &options.limits, file, &mut report, profile)?;
            build(&doc, options, &mut report, &mut targets)
        });
    (tincan, report, targets)
}

fn build(
    doc: &Doc<'_>,
    options: &Options,
    report: &mut Report,
    targets: &mut Targets,
) -> Option<TinCan> {
    let root = doc.root()?;
    let element = doc.el(root)?;
    if element.local != "tincan" || element.ns != Ns::TinCan {
        let message = format!(
            "the root element is {}; a TinCan descriptor is tincan in the namespace {}",
            quote(element.qname),
            crate::xml::ns::TINCAN
        );
        doc.emit(report, codes::TINCAN_ROOT, root, message);
        return None;
    }
    let mut tincan = TinCan::default();
    let mut ids: BTreeMap<String, ()> = BTreeMap::new();
    let own =
        |el: &crate::xml::dom::Element<'_>, name: &str| el.ns == Ns::TinCan && el.local == name;
    let lists: Vec<usize> = doc
        .children(root)
        .filter(|(_, el)| own(el, "activities"))
        .map(|(index, _)| index)
        .collect();
    for list in lists {
        for (at, activity_el) in doc.children(list) {
            if !own(activity_el, "activity") {
                continue;
            }
            if tincan.activities.len() >= options.limits.max_course_nodes() {
                let message = format!("more than {} activities", options.limits.max_course_nodes());
                doc.emit(report, codes::LIMIT_COURSE_SIZE, at, message);
                break;
            }
            let id = doc.attr(at, "id").map(str::trim).unwrap_or("").to_owned();
            if id.is_empty() || iri_string::types::IriStr::new(&id).is_err() {
                let message = if id.is_empty() {
                    "an activity without id".to_owned()
                } else {
                    format!("the activity id {} is not an absolute IRI", quote(&id))
                };
                doc.emit(report, codes::TINCAN_ACTIVITY_ID, at, message);
            } else if ids.insert(id.clone(), ()).is_some() {
                let message = format!("the activity id {} appears twice", quote(&id));
                doc.emit(report, codes::TINCAN_DUPLICATE_ID, at, message);
            }
            let mut activity = Activity {
                id,
                activity_type: doc.attr(at, "type").map(|text| text.trim().to_owned()),
                name: LanguageMap::default(),
                description: LanguageMap::default(),
                launches: Vec::new(),
            };
            let mut names = Vec::new();
            let mut descriptions = Vec::new();
            let mut first_launch = None;
            for (child_at, child) in doc.children(at) {
                let lang = || {
                    doc.attr(child_at, "lang")
                        .map(|lang| lang.trim().to_owned())
                };
                let text = doc.text_of(child_at).trim().to_owned();
                if own(child, "name") {
                    names.push(LangString::new(lang(), text));
                } else if own(child, "description") {
                    descriptions.push(LangString::new(lang(), text));
                } else if own(child, "launch") {
                    first_launch.get_or_insert(child_at);
                    activity.launches.push(Launch {
                        url: text,
                        lang: lang(),
                    });
                }
            }
            activity.name = LanguageMap::new(names);
            activity.description = LanguageMap::new(descriptions);
            if let (Some(launch_at), Some(launch)) = (first_launch, activity.launches.first()) {
                let target =
                    match launch_path::classify(&launch.url, options.limits.max_url_bytes()) {
                        Ok(target) => Some(target),
                        Err(why) => {
                            let message = format!("the launch {} {why}", quote(&launch.url));
                            doc.emit(report, codes::TINCAN_LAUNCH_INVALID, launch_at, message);
                            None
                        }
                    };
                targets.push((target, doc.at(launch_at)));
            }
            tincan.activities.push(activity);
        }
    }
    if tincan.launchable().next().is_none() {
        doc.emit(
            report,
            codes::TINCAN_NO_ACTIVITIES,
            root,
            "no activity has a launch: there is nothing to launch",
        );
    }
    Some(tincan)
}

/// What a TinCan launch carries besides the launch file (Rustici's TinCan launch convention): the LRS
/// endpoint, the `Authorization` value the content sends, the learner (an xAPI Agent as JSON), and
/// optionally the registration and the activity id (default: the activity's own id).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LaunchParameters {
    /// The LRS endpoint (absolute `http(s)` URL).
    pub endpoint: String,
    /// The `Authorization` header value the content uses (`Basic …`).
    pub auth: String,
    /// The learner as xAPI Agent JSON.
    pub actor: String,
    /// The registration (a UUID), when the launch belongs to one.
    pub registration: Option<String>,
    /// The activity id to report under; `None`: the activity's id.
    pub activity_id: Option<String>,
}

impl LaunchParameters {
    /// Parameters with the three required values.
    #[must_use]
    pub fn new(
        endpoint: impl Into<String>,
        auth: impl Into<String>,
        actor: impl Into<String>,
    ) -> Self {
        Self {
            endpoint: endpoint.into(),
            auth: auth.into(),
            actor: actor.into(),
            registration: None,
            activity_id: None,
        }
    }

    /// With a registration.
    #[must_use]
    pub fn with_registration(mut self, registration: impl Into<String>) -> Self {
        self.registration = Some(registration.into());
        self
    }

    /// With an activity id other than the activity's own.
    #[must_use]
    pub fn with_activity_id(mut self, activity_id: impl Into<String>) -> Self {
        self.activity_id = Some(activity_id.into());
        self
    }
}

/// Why a TinCan launch URL was not built (`cmi5.tincan.launch-url`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LaunchUrlError {
    /// The content base is not an absolute `http(s)` URL.
    ContentBase(Untrusted),
    /// The activity has no launch.
    NoLaunch,
    /// The activity's launch is not safe to launch (TC-04); the reason.
    Launch(Untrusted),
    /// The endpoint is not an absolute `http(s)` URL.
    Endpoint(Untrusted),
    /// The actor is not a JSON object.
    Actor,
    /// The registration is not a UUID.
    Registration(Untrusted),
}

impl LaunchUrlError {
    /// The stable code: always `cmi5.tincan.launch-url`.
    #[must_use]
    pub fn code(&self) -> Code {
        codes::TINCAN_LAUNCH_URL.code
    }
}

impl fmt::Display for LaunchUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            Self::ContentBase(base) => {
                write!(f, "the content base {base} is not an absolute http(s) URL")
            }
            Self::NoLaunch => f.write_str("the activity has no launch"),
            Self::Launch(why) => write!(f, "the activity's launch cannot be launched: {why}"),
            Self::Endpoint(endpoint) => {
                write!(f, "the endpoint {endpoint} is not an absolute http(s) URL")
            }
            Self::Actor => f.write_str("the actor is not a JSON object (an xAPI Agent)"),
            Self::Registration(registration) => {
                write!(f, "the registration {registration} is not a UUID")
            }
        }
    }
}

impl std::error::Error for LaunchUrlError {}

/// Query values are percent-encoded as `encodeURIComponent` does (everything but ASCII letters, digits
/// and `-_.!~*'()`), so a space is `%20` and `+` is `%2B`: content reading them with
/// `decodeURIComponent` or as form data gets the same value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The URL that launches `activity` from a package served at `content_base` (its root; a missing
/// trailing `/` is added): the first launch resolved against the base, its own query kept, then
/// `endpoint`, `auth`, `actor` (the caller's JSON text as given, once checked to be a JSON object),
/// `registration` (when given) and `activity_id` appended, each value percent-encoded. An absolute launch URL is used as it is (its query kept). The fragment stays last.
///
/// # Errors
/// [`LaunchUrlError`] when the base, the launch, the endpoint, the actor or the registration is not
/// usable.
pub fn launch_url(
    content_base: &Url,
    activity: &Activity,
    parameters: &LaunchParameters,
) -> Result<Url, LaunchUrlError> {
    if !matches!(content_base.scheme(), "http" | "https") || content_base.host().is_none() {
        return Err(LaunchUrlError::ContentBase(Untrusted::new(
            content_base.as_str(),
        )));
    }
    let launch = activity.launches.first().ok_or(LaunchUrlError::NoLaunch)?;
    let mut url = match launch_path::classify(&launch.url, usize::MAX) {
        Ok(Target::Absolute(url)) => url,
        Ok(Target::Relative(_)) => {
            let mut base = content_base.clone();
            if !base.path().ends_with('/') {
                let path = format!("{}/", base.path());
                base.set_path(&path);
            }
            base.join(&launch.url)
                .map_err(|error| LaunchUrlError::Launch(Untrusted::new(&error.to_string())))?
        }
        Err(why) => return Err(LaunchUrlError::Launch(Untrusted::new(&why))),
    };
    let endpoint = Url::parse(&parameters.endpoint)
        .ok()
        .filter(|endpoint| {
            matches!(endpoint.scheme(), "http" | "https") && endpoint.host().is_some()
        })
        .ok_or_else(|| LaunchUrlError::Endpoint(Untrusted::new(&parameters.endpoint)))?;
    let actor: serde_json::Value =
        serde_json::from_str(&parameters.actor).map_err(|_| LaunchUrlError::Actor)?;
    if !actor.is_object() {
        return Err(LaunchUrlError::Actor);
    }
    if let Some(registration) = &parameters.registration
        && !is_uuid(registration)
    {
        return Err(LaunchUrlError::Registration(Untrusted::new(registration)));
    }
    let activity_id = parameters.activity_id.as_deref().unwrap_or(&activity.id);
    let mut pairs: Vec<(&str, String)> = vec![
        ("endpoint", endpoint.to_string()),
        ("auth", parameters.auth.clone()),
        ("actor", parameters.actor.trim().to_owned()),
    ];
    if let Some(registration) = &parameters.registration {
        pairs.push(("registration", registration.clone()));
    }
    pairs.push(("activity_id", activity_id.to_owned()));
    let mut query = url.query().unwrap_or("").to_owned();
    for (name, value) in pairs {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(name);
        query.push('=');
        query.extend(utf8_percent_encode(&value, COMPONENT));
    }
    url.set_query(Some(&query));
    Ok(url)
}

/// A UUID (read by the `uuid` crate).
fn is_uuid(text: &str) -> bool {
    uuid::Uuid::try_parse(text).is_ok()
}
