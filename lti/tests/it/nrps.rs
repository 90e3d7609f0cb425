//! NRPS both ways: the membership request, pages and the differences link, statuses and roles, the
//! platform's parser and builder.

use learnwire_lti::claims::{Context, ContextRole, Role, RoleKind};
use learnwire_lti::http::{Request, Response};
use learnwire_lti::nrps::*;
use learnwire_lti::paging::{PageLinks, Pager};
use learnwire_lti::{Limits, Url};
use serde_json::json;

const MEMBERSHIPS: &str = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

fn page_body(members: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": "https://lms.example.edu/api/lti/courses/7/names_and_roles",
        "context": { "id": "ctx-7", "label": "CS-101", "title": "Programming" },
        "members": members,
    }))
    .unwrap()
}

#[test]
fn the_request_carries_the_filters_and_the_media_type() {
    let base = url("https://lms.example.edu/api/lti/courses/7/names_and_roles?x=1");
    let call = ListMembers::new(
        &base,
        &MembersQuery::default()
            .with_rlid("rl-1")
            .with_role(Role::from(ContextRole::Learner))
            .with_limit(50),
    );
    let request = call.to_http_request("tok").unwrap();
    assert_eq!(
        request.uri(),
        "https://lms.example.edu/api/lti/courses/7/names_and_roles?x=1&rlid=rl-1&role=http%3A%2F%2Fpurl.imsglobal.org%2Fvocab%2Flis%2Fv2%2Fmembership%23Learner&limit=50"
    );
    assert_eq!(request.headers()["accept"], MEMBERSHIPS);
    assert_eq!(request.headers()["authorization"], "Bearer tok");
    let plain = ListMembers::new(&url("https://lms.example.edu/m"), &MembersQuery::default());
    assert_eq!(plain.url().as_str(), "https://lms.example.edu/m");
}

#[test]
fn members_keep_status_roles_names_and_message_claims() {
    let body = page_body(json!([
        { "status": "Active", "user_id": "u1", "name": "Jane Q. Public", "given_name": "Jane",
          "family_name": "Public", "middle_name": "Q", "email": "jane@example.edu",
          "picture": "https://lms.example.edu/u1.png", "lis_person_sourcedid": "sis-1",
          "lti11_legacy_user_id": "legacy-1",
          "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor", "Learner"],
          "message": [{ "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
                        "https://purl.imsglobal.org/spec/lti/claim/custom": { "country": "ca" } }] },
        { "status": "Inactive", "user_id": "u2", "roles": ["urn:lti:role:ims/lis/Learner"] },
        { "status": "Deleted", "user_id": "u3", "roles": [] },
        { "user_id": "u4", "roles": ["https://example.edu/roles#Proctor"], "x-extra": 1 },
    ]));
    let call = ListMembers::new(
        &url("https://lms.example.edu/api/lti/courses/7/names_and_roles"),
        &MembersQuery::default(),
    );
    let answer = Response::builder()
        .header("content-type", MEMBERSHIPS)
        .header(
            "link",
            r#"<https://lms.example.edu/api/lti/courses/7/names_and_roles?since=abc>; rel="differences""#,
        )
        .body(body)
        .unwrap();
    let page = call.parse_http_response(answer).unwrap();
    let container = &page.items;
    assert_eq!(container.context.id.as_str(), "ctx-7");
    assert_eq!(container.context.label.as_deref(), Some("CS-101"));
    let members = &container.members;
    assert_eq!(
        members.iter().map(Member::status).collect::<Vec<_>>(),
        [
            MemberStatus::Active,
            MemberStatus::Inactive,
            MemberStatus::Deleted,
            MemberStatus::Active
        ]
    );
    assert!(members[0].roles[0].is_instructor());
    assert!(members[0].roles[1].is_learner());
    assert!(members[1].roles[0].is_learner());
    assert_eq!(members[3].roles[0].kind(), &RoleKind::Unrecognized);
    assert_eq!(members[0].lti11_legacy_user_id.as_deref(), Some("legacy-1"));
    assert_eq!(members[0].message.as_ref().unwrap().len(), 1);
    assert!(members[3].extensions.contains_key("x-extra"));
    assert_eq!(
        page.links.differences().unwrap().as_str(),
        "https://lms.example.edu/api/lti/courses/7/names_and_roles?since=abc"
    );
    assert!(page.links.next().is_none());
    // The differences link is fetched as given.
    let differences = ListMembers::page(page.links.differences().unwrap().clone());
    assert_eq!(
        differences.to_http_request("tok").unwrap().uri(),
        "https://lms.example.edu/api/lti/courses/7/names_and_roles?since=abc"
    );
}

#[test]
fn a_canvas_style_roster_is_read_over_every_page() {
    let base = "https://canvas.example.edu/api/lti/courses/7/names_and_roles";
    let mut call = ListMembers::new(&url(base), &MembersQuery::default().with_limit(1));
    let mut pager = Pager::new(call.url(), &Limits::default());
    let mut users = Vec::new();
    loop {
        let request = call.to_http_request("tok").unwrap();
        let page: usize = url(&request.uri().to_string())
            .query_pairs()
            .find(|(k, _)| k == "page")
            .map_or(1, |(_, v)| v.parse().unwrap());
        let mut links = vec![format!("<{base}?page=1&limit=1>; rel=\"first\"")];
        if page < 4 {
            links.push(format!("<{base}?page={}&limit=1>; rel=\"next\"", page + 1));
        }
        let answer = Response::builder()
            .header("content-type", format!("{MEMBERSHIPS}; charset=utf-8"))
            .header("link", links.join(","))
            .body(page_body(
                json!([{ "user_id": format!("u{page}"), "roles": ["Learner"] }]),
            ))
            .unwrap();
        let read = call.parse_http_response(answer).unwrap();
        let count = read.items.members.len();
        users.extend(
            read.items
                .members
                .into_iter()
                .map(|m| m.user_id.as_str().to_owned()),
        );
        match pager.next_url(&read.links, count).unwrap() {
            Some(next) => call = ListMembers::page(next),
            None => break,
        }
    }
    assert_eq!(users, ["u1", "u2", "u3", "u4"]);
}

#[test]
fn a_roster_in_a_wrong_media_type_or_shape_is_refused() {
    let call = ListMembers::new(&url("https://lms.example.edu/m"), &MembersQuery::default());
    let answer = Response::builder()
        .header("content-type", "application/json")
        .body(page_body(json!([])))
        .unwrap();
    assert_eq!(
        call.parse_http_response(answer)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.service.media-type"
    );
    let answer = Response::builder()
        .header("content-type", MEMBERSHIPS)
        .body(br#"{"members":[]}"#.to_vec())
        .unwrap();
    assert_eq!(
        call.parse_http_response(answer)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.service.shape"
    );
}

#[test]
fn the_platform_reads_the_membership_request_and_builds_the_page() {
    let request = Request::get("https://lms.example.edu/m?rlid=rl-1&role=http%3A%2F%2Fpurl.imsglobal.org%2Fvocab%2Flis%2Fv2%2Fmembership%23Instructor&limit=2&page=2")
        .header("authorization", "Bearer tok")
        .header("accept", MEMBERSHIPS)
        .body(Vec::new())
        .unwrap();
    let read = MembersRequest::from_http_request(&request, &Limits::default()).unwrap();
    assert_eq!(read.query.rlid.as_deref(), Some("rl-1"));
    assert!(read.query.role.as_ref().unwrap().is_instructor());
    assert_eq!(read.query.limit, Some(2));
    assert_eq!(read.query.other, [("page".to_owned(), "2".to_owned())]);
    assert_eq!(
        read.required_scope(),
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
    );
    let context = Context::new("ctx-7".try_into().unwrap());
    let member = Member::new(
        "u1".try_into().unwrap(),
        vec![Role::from(ContextRole::Instructor)],
    );
    let response = MembersResponse::new(
        MembershipContainer::new("https://lms.example.edu/m", context, vec![member]),
        PageLinks::new()
            .with_next(url("https://lms.example.edu/m?page=3"))
            .with_differences(url("https://lms.example.edu/m?since=9")),
    )
    .to_http_response();
    assert_eq!(response.headers()["content-type"], MEMBERSHIPS);
    // The client reads what the platform wrote.
    let page = ListMembers::new(&url("https://lms.example.edu/m"), &MembersQuery::default())
        .parse_http_response(response)
        .unwrap();
    assert_eq!(page.items.members[0].user_id.as_str(), "u1");
    assert_eq!(
        page.links.next().unwrap().as_str(),
        "https://lms.example.edu/m?page=3"
    );
    assert_eq!(
        page.links.differences().unwrap().as_str(),
        "https://lms.example.edu/m?since=9"
    );
}

#[test]
fn the_platform_refuses_a_bad_membership_request_with_its_status() {
    let cases = [
        (
            "POST",
            "https://lms.example.edu/m",
            true,
            "lti.service.method",
            405,
        ),
        (
            "GET",
            "https://lms.example.edu/m?role=a&role=b",
            true,
            "lti.service.query",
            400,
        ),
        (
            "GET",
            "https://lms.example.edu/m?limit=0",
            true,
            "lti.service.query",
            400,
        ),
        (
            "GET",
            "https://lms.example.edu/m",
            false,
            "lti.service.unauthorized",
            401,
        ),
    ];
    for (method, uri, token, code, status) in cases {
        let mut builder = Request::builder().method(method).uri(uri);
        if token {
            builder = builder.header("authorization", "Bearer tok");
        }
        let error = MembersRequest::from_http_request(
            &builder.body(Vec::new()).unwrap(),
            &Limits::default(),
        )
        .unwrap_err();
        assert_eq!(error.code().as_str(), code, "{uri}");
        assert_eq!(error.to_http_response().status().as_u16(), status, "{uri}");
    }
}

#[test]
fn the_role_filter_matches_a_role_by_meaning_whatever_its_spelling() {
    let request = Request::get("https://lms.example.edu/m?role=Learner")
        .header("authorization", "Bearer tok")
        .body(Vec::new())
        .unwrap();
    let read = MembersRequest::from_http_request(&request, &Limits::default()).unwrap();
    let member = |role: &str| Member::new("u1".try_into().unwrap(), vec![Role::parse(role)]);
    assert!(read.role_matches(&member(
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
    )));
    assert!(read.role_matches(&member("urn:lti:role:ims/lis/Learner")));
    assert!(!read.role_matches(&member(
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
    )));
    assert!(!read.role_matches(&member("https://example.edu/roles#Proctor")));
    let unfiltered = Request::get("https://lms.example.edu/m")
        .header("authorization", "Bearer tok")
        .body(Vec::new())
        .unwrap();
    let read = MembersRequest::from_http_request(&unfiltered, &Limits::default()).unwrap();
    assert!(read.role_matches(&member("anything")));
}

#[test]
fn a_page_follower_reads_the_whole_roster_then_the_differences_link_is_on_the_last_page() {
    use learnwire_lti::paging::PageFollower;
    let base =
        "https://moodle.example.edu/mod/lti/services.php/CourseSection/2/bindings/1/memberships";
    let first = ListMembers::new(&url(base), &MembersQuery::default().with_limit(2));
    let mut follower = PageFollower::new(first, &Limits::default());
    let mut users = Vec::new();
    let mut differences = None;
    let mut from = 0;
    while let Some(request) = follower.next_request("tok").unwrap() {
        assert_eq!(request.headers()["accept"], MEMBERSHIPS);
        let link = if from < 4 {
            format!("<{base}?limit=2&from={}>; rel=\"next\"", from + 2)
        } else {
            format!("<{base}?since=77>; rel=\"differences\"")
        };
        let members = json!([
            { "user_id": format!("u{}", from + 1), "roles": ["Learner"] },
            { "user_id": format!("u{}", from + 2), "roles": ["Learner"] },
        ]);
        let answer = Response::builder()
            .header("content-type", MEMBERSHIPS)
            .header("link", link)
            .body(page_body(members))
            .unwrap();
        let page = follower.read(answer).unwrap();
        users.extend(
            page.items
                .members
                .into_iter()
                .map(|m| m.user_id.as_str().to_owned()),
        );
        if follower.is_done() {
            differences = page.links.differences().map(|url| url.to_string());
        }
        from += 2;
    }
    assert_eq!(users, ["u1", "u2", "u3", "u4", "u5", "u6"]);
    assert_eq!(differences.as_deref(), Some(&*format!("{base}?since=77")));
}

#[test]
fn the_nrps_scope_constants_are_one_value() {
    use learnwire_lti::service_token::Scope;
    assert_eq!(NRPS_SCOPE, Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY);
    assert_eq!(
        NRPS_SCOPE,
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
    );
    let request = Request::get("https://lms.example.edu/memberships")
        .header("authorization", "Bearer t")
        .body(Vec::new())
        .unwrap();
    let read = MembersRequest::from_http_request(&request, &Limits::default()).unwrap();
    assert_eq!(
        read.required_scope(),
        Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY
    );
}
