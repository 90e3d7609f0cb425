//! The course structure: model, content model, values, profiles, locations.

use learnwire_cmi5::{
    CourseNode, LaunchMethod, MasteryScore, MoveOn, Options, Profile, check_course_structure,
    parse_course_structure, validate_course_structure,
};

use crate::support::{NS, au, baseline, course, error_codes};

fn strict() -> Options {
    Options::new(Profile::Strict)
}

#[test]
fn the_baseline_reads_into_the_model() {
    let course = parse_course_structure(baseline().as_bytes(), &strict()).unwrap();
    assert_eq!(course.id, "https://example.com/course");
    assert_eq!(course.title.get("en-us"), Some("Course"));
    let au = course.au("https://example.com/au/1").unwrap();
    assert_eq!(au.move_on, MoveOn::CompletedOrPassed);
    assert_eq!(au.mastery_score, MasteryScore::parse("0.8").ok());
    assert_eq!(au.launch_method, LaunchMethod::AnyWindow);
    assert_eq!(au.url, "content/index.html");
    assert_eq!(au.description.first_text(), "");
}

#[test]
fn nested_blocks_objectives_and_opaque_values_are_kept() {
    let xml = format!(
        r#"<courseStructure xmlns="{NS}" xmlns:v="urn:vendor">
  <course id="https://e.com/c"><title><langstring>C</langstring></title><description><langstring/></description></course>
  <objectives><objective id="https://e.com/o/1"><description><langstring>D</langstring></description><title><langstring>O</langstring></title></objective></objectives>
  <block id="https://e.com/b/1" v:colour="red"><title><langstring>B</langstring></title><description><langstring/></description>
    <objectives><objective idref="https://e.com/o/1"/></objectives>
    <block id="https://e.com/b/2"><title><langstring>B2</langstring></title><description><langstring/></description>
      <au id="https://e.com/a/1" activityType="https://e.com/type" launchMethod="OwnWindow" moveOn="Passed" masteryScore=" 1.0 ">
        <title><langstring lang="fr">Un</langstring><langstring lang="en">One</langstring></title><description><langstring/></description>
        <objectives><objective idref="https://e.com/o/1"/></objectives>
        <url>  https://cdn.e.com/a/index.html  </url><launchParameters>{{"level":2}}</launchParameters><entitlementKey>K-1</entitlementKey>
        <v:keyword>safety</v:keyword>
      </au>
    </block>
  </block>
  <au id="https://e.com/a/2"><title><langstring>Two</langstring></title><description><langstring/></description><url>two.html</url></au>
</courseStructure>"#
    );
    let course = parse_course_structure(xml.as_bytes(), &strict()).unwrap();
    assert_eq!(course.objectives[0].title.first_text(), "O");
    let ids: Vec<&str> = course.nodes().map(CourseNode::id).collect();
    assert_eq!(
        ids,
        [
            "https://e.com/b/1",
            "https://e.com/b/2",
            "https://e.com/a/1",
            "https://e.com/a/2"
        ]
    );
    let au = course.au("https://e.com/a/1").unwrap();
    assert_eq!(au.url, "https://cdn.e.com/a/index.html");
    assert_eq!(au.launch_method, LaunchMethod::OwnWindow);
    assert_eq!(au.mastery_score, Some(MasteryScore::MAX));
    assert_eq!(au.launch_parameters.as_deref(), Some(r#"{"level":2}"#));
    assert_eq!(au.entitlement_key.as_deref(), Some("K-1"));
    assert_eq!(au.activity_type.as_deref(), Some("https://e.com/type"));
    assert_eq!(au.objectives, ["https://e.com/o/1"]);
    assert_eq!(au.title.get("EN"), Some("One"));
    assert_eq!(au.extensions[0].namespace.as_deref(), Some("urn:vendor"));
    assert_eq!(au.extensions[0].value, "safety");
    let block = course.block("https://e.com/b/1").unwrap();
    assert!(block.extensions[0].is_attribute && block.extensions[0].value == "red");
    assert_eq!(block.extensions[0].namespace.as_deref(), Some("urn:vendor"));
    assert_eq!(block.extensions[0].name, "colour");
    assert_eq!(course.aus().count(), 2);
}

#[test]
fn elements_are_matched_by_namespace_not_prefix() {
    let xml = format!(
        r#"<c:courseStructure xmlns:c="{NS}"><c:course id="https://e.com/c"><c:title><c:langstring>C</c:langstring></c:title><c:description><c:langstring/></c:description></c:course>
<c:au id="https://e.com/a"><c:title><c:langstring>A</c:langstring></c:title><c:description><c:langstring/></c:description><c:url>a.html</c:url></c:au></c:courseStructure>"#
    );
    assert!(parse_course_structure(xml.as_bytes(), &strict()).is_ok());
    let other = baseline().replace(NS, "urn:not-cmi5");
    let report = validate_course_structure(other.as_bytes(), &Options::default());
    assert_eq!(error_codes(&report), ["cmi5.structure.root"]);
}

#[test]
fn the_legacy_namespace_is_a_warning_when_lenient_and_an_error_when_strict() {
    let xml = baseline().replace(NS, "http://www.adlnet.gov/cmi5/CourseStructure.xsd");
    let lenient = check_course_structure(xml.as_bytes(), &Options::default());
    assert!(lenient.is_valid());
    assert!(lenient.report.has_code("cmi5.structure.legacy-namespace"));
    assert!(lenient.course.unwrap().legacy_namespace);
    let report = validate_course_structure(xml.as_bytes(), &strict());
    assert_eq!(error_codes(&report), ["cmi5.structure.legacy-namespace"]);
}

#[test]
fn schema_order_is_strict_only_and_located_with_a_line() {
    let xml = course(
        r#"<au id="https://e.com/a"><url>a.html</url><title><langstring>A</langstring></title><description><langstring/></description></au>"#,
    );
    assert!(check_course_structure(xml.as_bytes(), &Options::default()).is_valid());
    let report = validate_course_structure(xml.as_bytes(), &strict());
    assert!(
        error_codes(&report)
            .iter()
            .all(|code| *code == "cmi5.structure.order")
    );
    let issue = report.errors().next().unwrap();
    assert_eq!(
        issue.location.to_string(),
        "cmi5.xml:/courseStructure/au[1]/title (line 7, column 43)"
    );
}

#[test]
fn a_missing_description_is_strict_only_but_a_missing_url_is_an_error() {
    let xml = course(
        r#"<block id="https://e.com/b"><title><langstring>B</langstring></title>
<au id="https://e.com/a"><title><langstring>A</langstring></title><description><langstring/></description></au></block>"#,
    );
    let lenient = validate_course_structure(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&lenient), ["cmi5.structure.missing-element"]);
    assert!(lenient.has_code("cmi5.structure.missing-text"));
    let strict = validate_course_structure(xml.as_bytes(), &strict());
    assert!(error_codes(&strict).contains(&"cmi5.structure.missing-text"));
}

#[test]
fn a_course_without_aus_or_blocks_is_an_error() {
    let xml = course("");
    let report = validate_course_structure(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&report), ["cmi5.structure.missing-element"]);
}

#[test]
fn an_element_twice_is_an_error() {
    let xml = course(
        r#"<au id="https://e.com/a"><title><langstring>A</langstring></title><description><langstring/></description><url>a.html</url><url>b.html</url></au>"#,
    );
    let report = validate_course_structure(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&report), ["cmi5.structure.duplicate-element"]);
}

#[test]
fn unknown_cmi5_elements_and_attributes_are_strict_only() {
    let xml = course(
        r#"<au id="https://e.com/a" passIsFinal="true"><title><langstring>A</langstring></title><description><langstring/></description><url>a.html</url><moveOn>Passed</moveOn></au>"#,
    );
    assert!(check_course_structure(xml.as_bytes(), &Options::default()).is_valid());
    let report = validate_course_structure(xml.as_bytes(), &strict());
    let codes = error_codes(&report);
    assert!(codes.contains(&"cmi5.attribute.unknown"), "{codes:?}");
    assert!(
        codes.contains(&"cmi5.structure.unexpected-element"),
        "{codes:?}"
    );
}

#[test]
fn xml_namespace_attributes_are_extensions_not_errors() {
    let xml = baseline().replace(
        r#"<langstring lang="en-US">Course</langstring>"#,
        r#"<langstring lang="en-US" xml:space="preserve">Course</langstring>"#,
    );
    assert!(validate_course_structure(xml.as_bytes(), &strict()).is_valid());
}

#[test]
fn values_are_trimmed_before_they_are_read() {
    let xml = course(&au(
        "  https://e.com/a  ",
        r#"moveOn=" Passed " launchMethod=" OwnWindow ""#,
        "\n  a.html\n",
    ));
    let course = parse_course_structure(xml.as_bytes(), &strict()).unwrap();
    let au = course.aus().next().unwrap();
    assert_eq!(
        (
            au.id.as_str(),
            au.move_on,
            au.launch_method,
            au.url.as_str()
        ),
        (
            "https://e.com/a",
            MoveOn::Passed,
            LaunchMethod::OwnWindow,
            "a.html"
        )
    );
}

#[test]
fn a_dangling_objective_reference_is_an_error() {
    let xml = course(
        r#"<au id="https://e.com/a"><title><langstring>A</langstring></title><description><langstring/></description><objectives><objective idref="https://e.com/none"/></objectives><url>a.html</url></au>"#,
    );
    let report = validate_course_structure(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&report), ["cmi5.objective.unresolved"]);
}

#[test]
fn mastery_score_with_five_decimals_is_refused() {
    let xml = course(&au(
        "https://e.com/a",
        r#"masteryScore="0.12345""#,
        "a.html",
    ));
    let report = validate_course_structure(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&report), ["cmi5.au.mastery-score"]);
}

#[test]
fn activity_type_must_be_an_iri_only_when_strict() {
    let xml = course(&au("https://e.com/a", r#"activityType="lesson""#, "a.html"));
    assert!(check_course_structure(xml.as_bytes(), &Options::default()).is_valid());
    let report = validate_course_structure(xml.as_bytes(), &strict());
    assert_eq!(error_codes(&report), ["cmi5.au.activity-type"]);
}

#[test]
fn reserved_launch_parameter_names_in_the_url_are_refused() {
    for name in ["endpoint", "fetch", "actor", "registration", "activityId"] {
        let url = format!("a.html?x=1&amp;{name}=2");
        let xml = course(&au("https://e.com/a", "", &url));
        let report = validate_course_structure(xml.as_bytes(), &Options::default());
        assert_eq!(
            error_codes(&report),
            ["cmi5.au.url-reserved-parameter"],
            "{name}"
        );
    }
    let xml = course(&au("https://e.com/a", "", "a.html?activityid=2#endpoint=3"));
    assert!(validate_course_structure(xml.as_bytes(), &Options::default()).is_valid());
}

#[test]
fn an_invalid_language_tag_is_an_error() {
    let xml = baseline().replace(r#"lang="en-US">Course"#, r#"lang="en_US">Course"#);
    let report = validate_course_structure(xml.as_bytes(), &Options::default());
    assert_eq!(error_codes(&report), ["cmi5.langstring.lang"]);
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let xml = course(&format!(
        "{}{}",
        au(
            "not an iri",
            r#"moveOn="Whenever" launchMethod="Popup""#,
            "javascript:alert(1)"
        ),
        au(
            "https://e.com/a",
            r#"masteryScore="NaN""#,
            "../../etc/passwd"
        )
    ));
    let report = validate_course_structure(xml.as_bytes(), &Options::default());
    let codes = error_codes(&report);
    for code in [
        "cmi5.id.not-iri",
        "cmi5.au.move-on",
        "cmi5.au.launch-method",
        "cmi5.au.url-invalid",
        "cmi5.au.mastery-score",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == "cmi5.au.url-invalid")
            .count(),
        2
    );
}

#[test]
fn one_thousand_aus_are_accepted() {
    let members: String = (0..1001)
        .map(|n| au(&format!("https://e.com/a/{n}"), "", "https://e.com/x.html"))
        .collect();
    let course = parse_course_structure(course(&members).as_bytes(), &strict()).unwrap();
    assert_eq!(course.aus().count(), 1001);
}

#[test]
fn the_course_size_limit_is_configurable() {
    let members: String = (0..5)
        .map(|n| au(&format!("https://e.com/a/{n}"), "", "a.html"))
        .collect();
    let mut options = Options::default();
    options.limits = options.limits.with_max_course_nodes(4);
    let report = validate_course_structure(course(&members).as_bytes(), &options);
    assert_eq!(error_codes(&report), ["cmi5.limit.course-size"]);
}

#[test]
fn parse_returns_the_report_when_there_is_an_error() {
    let xml = course(&au("https://e.com/a", r#"moveOn="passed""#, "a.html"));
    let report = parse_course_structure(xml.as_bytes(), &Options::default()).unwrap_err();
    assert!(report.has_code("cmi5.au.move-on"));
    assert!(report.to_string().contains("cmi5.au.move-on"), "{report}");
}

#[test]
fn every_code_emitted_is_registered() {
    let xml = course(&au("x", r#"moveOn="x""#, ""));
    for issue in validate_course_structure(xml.as_bytes(), &strict()).issues() {
        assert!(
            learnwire_cmi5::CODES
                .iter()
                .any(|info| info.code == issue.code),
            "{}",
            issue.code
        );
    }
}

#[test]
fn problems_past_the_report_limit_are_counted_not_kept() {
    let members: String = (0..6_000)
        .map(|n| {
            au(
                &format!("https://e.com/a/{n}"),
                r#"moveOn="x" launchMethod="y""#,
                "a.html",
            )
        })
        .collect();
    let report = validate_course_structure(course(&members).as_bytes(), &Options::default());
    assert_eq!(
        report.issues().len(),
        learnwire_cmi5::Report::DEFAULT_ISSUE_LIMIT
    );
    assert_eq!(report.dropped(), 2_000);
    assert!(!report.is_valid());
}
