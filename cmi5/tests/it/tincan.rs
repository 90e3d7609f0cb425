//! TinCan packages: the descriptor, the package, the launch URL.

use learnwire_cmi5::Options;
use learnwire_cmi5::tincan::{
    LaunchParameters, LaunchUrlError, check_path, check_tincan, check_zip, launch_url, parse_tincan,
};
use url::Url;

use crate::support::{TempDir, error_codes, stored};

const NS: &str = "http://projecttincan.com/tincan.xsd";

fn descriptor(activities: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><t:tincan xmlns:t="{NS}"><t:activities>{activities}</t:activities></t:tincan>"#
    )
}

fn course_activity(launch: &str) -> String {
    format!(
        r#"<t:activity id="https://e.com/course" type="http://adlnet.gov/expapi/activities/course"><t:name lang="en">Safety</t:name><t:name lang="fr">Sécurité</t:name><t:description lang="en">About</t:description><t:launch lang="en">{launch}</t:launch></t:activity>"#
    )
}

#[test]
fn activities_are_read_by_namespace_with_names_and_launches() {
    let xml = descriptor(&format!(
        r#"{}<t:activity id="https://e.com/course/obj" type="http://adlnet.gov/expapi/activities/objective"><t:name>Objective</t:name></t:activity>"#,
        course_activity("index.html")
    ));
    let tincan = parse_tincan(xml.as_bytes(), &Options::default()).unwrap();
    assert_eq!(tincan.activities.len(), 2);
    let first = &tincan.activities[0];
    assert_eq!(first.name.get("fr"), Some("Sécurité"));
    assert_eq!(first.launches[0].lang.as_deref(), Some("en"));
    assert_eq!(tincan.launchable().count(), 1);
}

#[test]
fn an_iso_8859_1_descriptor_is_decoded() {
    let mut bytes = br#"<?xml version="1.0" encoding="ISO-8859-1"?><tincan xmlns="http://projecttincan.com/tincan.xsd"><activities><activity id="https://e.com/c" type="course"><name lang="und">Le&#231;on </name><description>caf"#.to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(br#"</description><launch lang="und">a001index.html</launch></activity></activities></tincan>"#);
    let check = check_tincan(&bytes, &Options::default());
    assert!(check.is_valid(), "{}", check.report);
    let activity = &check.tincan.unwrap().activities[0];
    assert_eq!(activity.description.first_text(), "café");
    assert_eq!(activity.name.first_text(), "Leçon");
}

#[test]
fn a_descriptor_in_another_namespace_is_refused() {
    let xml = descriptor(&course_activity("index.html")).replace(NS, "urn:other");
    let check = check_tincan(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&check.report), ["cmi5.tincan.root"]);
}

#[test]
fn a_descriptor_without_a_launch_is_refused() {
    let xml = descriptor(r#"<t:activity id="https://e.com/c"><t:name>C</t:name></t:activity>"#);
    let check = check_tincan(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&check.report), ["cmi5.tincan.no-activities"]);
}

#[test]
fn activity_ids_must_be_iris() {
    let xml =
        descriptor(&course_activity("index.html").replace("https://e.com/course", "not an iri"));
    let check = check_tincan(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&check.report), ["cmi5.tincan.activity-id"]);
}

#[test]
fn unsafe_launches_are_refused() {
    for launch in ["javascript:alert(1)", "../../etc/passwd", "/index.html"] {
        let xml = descriptor(&course_activity(launch));
        let check = check_tincan(xml.as_bytes(), &Options::default());
        assert_eq!(
            error_codes(&check.report),
            ["cmi5.tincan.launch-invalid"],
            "{launch}"
        );
    }
}

#[test]
fn a_package_needs_its_launch_file() {
    let xml = descriptor(&course_activity("story_html5.html?x=1"));
    let good = check_zip(
        stored(&[("tincan.xml", xml.as_bytes()), ("story_html5.html", b"x")]),
        &Options::default(),
    );
    assert!(good.is_valid(), "{}", good.report);
    assert_eq!(good.launches[0].path.as_deref(), Some("story_html5.html"));
    let case = check_zip(
        stored(&[("tincan.xml", xml.as_bytes()), ("Story_HTML5.html", b"x")]),
        &Options::new(learnwire_cmi5::Profile::Strict),
    );
    assert_eq!(error_codes(&case.report), ["cmi5.tincan.launch-file-case"]);
    let missing = check_zip(
        stored(&[("tincan.xml", xml.as_bytes())]),
        &Options::default(),
    );
    assert_eq!(
        error_codes(&missing.report),
        ["cmi5.tincan.launch-file-missing"]
    );
    let none = check_zip(stored(&[("index.html", b"x")]), &Options::default());
    assert_eq!(error_codes(&none.report), ["cmi5.tincan.no-descriptor"]);
    let slip = check_zip(
        stored(&[
            ("tincan.xml", xml.as_bytes()),
            ("story_html5.html", b"x"),
            ("../x", b"x"),
        ]),
        &Options::default(),
    );
    assert!(error_codes(&slip.report).contains(&"package.path-traversal"));
}

#[test]
fn a_descriptor_named_in_other_case_is_strict_only() {
    let xml = descriptor(&course_activity("index.html"));
    let zip = stored(&[("TinCan.xml", xml.as_bytes()), ("index.html", b"x")]);
    let lenient = check_zip(zip.clone(), &Options::default());
    assert!(lenient.is_valid(), "{}", lenient.report);
    assert!(lenient.report.has_code("cmi5.package.name-case"));
    let strict = check_zip(zip, &Options::new(learnwire_cmi5::Profile::Strict));
    assert_eq!(error_codes(&strict.report), ["cmi5.package.name-case"]);
}

#[test]
fn a_lone_descriptor_and_a_folder_are_checked() {
    let dir = TempDir::new("tincan");
    let path = dir.write(
        "tincan.xml",
        descriptor(&course_activity("index.html")).as_bytes(),
    );
    assert!(check_path(&path, &Options::default()).is_valid());
    dir.write("index.html", b"x");
    let folder = check_path(&dir.0, &Options::default());
    assert!(folder.is_valid(), "{}", folder.report);
    assert_eq!(folder.launches.len(), 1);
}

fn activity(launch: &str) -> learnwire_cmi5::tincan::Activity {
    let xml = descriptor(&course_activity(launch));
    parse_tincan(xml.as_bytes(), &Options::default())
        .unwrap()
        .activities
        .remove(0)
}

const ACTOR: &str = r#"{"objectType":"Agent","name":"Ann Lee+","mbox":"mailto:ann@example.com"}"#;

#[test]
fn the_launch_url_keeps_the_query_and_encodes_every_value() {
    let base = Url::parse("https://lms.example/content/c1").unwrap();
    let parameters = LaunchParameters::new("https://lrs.example/xapi/", "Basic YTpi", ACTOR)
        .with_registration("760e3480-ba55-4991-94b0-01820dbd23a2");
    let url = launch_url(&base, &activity("index.html?mode=lms#top"), &parameters).unwrap();
    assert_eq!(
        url.as_str(),
        "https://lms.example/content/c1/index.html?mode=lms\
         &endpoint=https%3A%2F%2Flrs.example%2Fxapi%2F\
         &auth=Basic%20YTpi\
         &actor=%7B%22objectType%22%3A%22Agent%22%2C%22name%22%3A%22Ann%20Lee%2B%22%2C%22mbox%22%3A%22mailto%3Aann%40example.com%22%7D\
         &registration=760e3480-ba55-4991-94b0-01820dbd23a2\
         &activity_id=https%3A%2F%2Fe.com%2Fcourse#top"
    );
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    assert_eq!(pairs[3].1, ACTOR);
}

#[test]
fn an_absolute_launch_is_used_as_it_is() {
    let base = Url::parse("https://lms.example/content/c1/").unwrap();
    let parameters = LaunchParameters::new("https://lrs.example/xapi/", "Basic YTpi", ACTOR)
        .with_activity_id("https://lms.example/activity/9");
    let url = launch_url(
        &base,
        &activity("https://cdn.example/c/index.html"),
        &parameters,
    )
    .unwrap();
    assert!(
        url.as_str()
            .starts_with("https://cdn.example/c/index.html?endpoint=")
    );
    assert!(
        url.as_str()
            .ends_with("&activity_id=https%3A%2F%2Flms.example%2Factivity%2F9")
    );
}

#[test]
fn launch_url_refusals_carry_their_code() {
    let base = Url::parse("https://lms.example/c/").unwrap();
    let good = LaunchParameters::new("https://lrs.example/", "Basic x", ACTOR);
    let cases: Vec<(Url, LaunchParameters)> = vec![
        (Url::parse("file:///c/").unwrap(), good.clone()),
        (
            base.clone(),
            LaunchParameters::new("javascript:x", "Basic x", ACTOR),
        ),
        (
            base.clone(),
            LaunchParameters::new("https://lrs.example/", "Basic x", "not json"),
        ),
        (
            base.clone(),
            LaunchParameters::new("https://lrs.example/", "Basic x", "[1]"),
        ),
        (base.clone(), good.clone().with_registration("nope")),
    ];
    for (base, parameters) in cases {
        let error = launch_url(&base, &activity("index.html"), &parameters).unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.tincan.launch-url");
        assert!(
            error.to_string().starts_with("cmi5.tincan.launch-url: "),
            "{error}"
        );
    }
    let mut no_launch = activity("index.html");
    no_launch.launches.clear();
    assert_eq!(
        launch_url(&base, &no_launch, &good),
        Err(LaunchUrlError::NoLaunch)
    );
}

#[test]
fn a_lone_descriptor_read_by_the_caller_is_checked_as_check_path_checks_the_file() {
    let dir = TempDir::new("tincan-read");
    for (name, xml) in [
        ("tincan.xml", descriptor(&course_activity("index.html"))),
        (
            "other.xml",
            descriptor(&course_activity("https://cdn.example.com/a.html")),
        ),
        ("broken.xml", "<tincan".to_owned()),
    ] {
        let path = dir.write(name, xml.as_bytes());
        let from_disk = check_path(&path, &Options::default());
        let read =
            learnwire_cmi5::tincan::check_standalone(xml.as_bytes(), name, &Options::default());
        assert_eq!(format!("{read:?}"), format!("{from_disk:?}"), "{name}");
    }
}
