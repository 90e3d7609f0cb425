//! AGS both ways: requests built by the tool, responses in the styles of Canvas, Brightspace, Moodle
//! and lti1p3platform (fixtures written here), hostile responses, and the platform's request parser and
//! response builders.

use learnwire_lti::ags::*;
use learnwire_lti::claims::AgsScope;
use learnwire_lti::http::{Request, Response};
use learnwire_lti::paging::{PageLinks, Pager};
use learnwire_lti::services::{BuildRequestError, ServiceError, ServiceRequestError};
use learnwire_lti::{Code, Limits, Url, http};
use serde_json::{Value, json};

const CONTAINER: &str = "application/vnd.ims.lis.v2.lineitemcontainer+json";
const LINE_ITEM: &str = "application/vnd.ims.lis.v2.lineitem+json";
const RESULTS: &str = "application/vnd.ims.lis.v2.resultcontainer+json";

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

fn item_json(base: &str, n: usize) -> Value {
    json!({
        "id": format!("{base}/{n}"),
        "label": format!("Quiz {n}"),
        "scoreMaximum": 10,
        "resourceLinkId": "rl-1",
        "tag": "quiz",
    })
}

fn response(media_type: &str, links: &[&str], body: Vec<u8>) -> Response<Vec<u8>> {
    let mut builder = Response::builder().header("content-type", media_type);
    for link in links {
        builder = builder.header("link", *link);
    }
    builder.body(body).unwrap()
}

/// Follows every page of a line items listing against `serve`, as a client loop would.
fn list_all(
    first: ListLineItems,
    serve: impl Fn(&Request<Vec<u8>>) -> Response<Vec<u8>>,
) -> Result<Vec<LineItem>, Code> {
    let mut pager = Pager::new(first.url(), &Limits::default());
    let mut call = first;
    let mut all = Vec::new();
    loop {
        let request = call.to_http_request("token-1").unwrap();
        assert_eq!(request.headers()["authorization"], "Bearer token-1");
        assert_eq!(request.headers()["accept"], CONTAINER);
        let page = call
            .parse_http_response(serve(&request))
            .map_err(|e| e.code())?;
        let count = page.items.len();
        all.extend(page.items);
        match pager.next_url(&page.links, count).map_err(|e| e.code())? {
            Some(next) => call = ListLineItems::page(next),
            None => return Ok(all),
        }
    }
}

fn page_number(request: &Request<Vec<u8>>, name: &str) -> usize {
    url(&request.uri().to_string())
        .query_pairs()
        .find(|(key, _)| key == name)
        .map_or(1, |(_, value)| value.parse().unwrap())
}

#[test]
fn canvas_style_pages_of_one_item_with_every_rel_quoted_in_one_field_read_all_five() {
    let base = "https://canvas.example.edu/api/lti/courses/7/line_items";
    let serve = |request: &Request<Vec<u8>>| {
        let page = page_number(request, "page");
        let link = |p: usize, rel: &str| format!("<{base}?page={p}&per_page=1>; rel=\"{rel}\"");
        let mut rels = vec![link(page, "current"), link(1, "first"), link(5, "last")];
        if page < 5 {
            rels.insert(1, link(page + 1, "next"));
        }
        if page > 1 {
            rels.push(link(page - 1, "prev"));
        }
        response(
            "application/vnd.ims.lis.v2.lineitemcontainer+json; charset=utf-8",
            &[&rels.join(",")],
            serde_json::to_vec(&json!([item_json(base, page)])).unwrap(),
        )
    };
    let first = ListLineItems::new(
        &url(&format!("{base}?per_page=1")),
        &LineItemsQuery::default(),
    );
    let items = list_all(first, serve).unwrap();
    assert_eq!(
        items.iter().map(|i| i.label.as_str()).collect::<Vec<_>>(),
        ["Quiz 1", "Quiz 2", "Quiz 3", "Quiz 4", "Quiz 5"]
    );
}

#[test]
fn lti1p3platform_style_unquoted_rel_next_reads_all_five_not_two() {
    let base = "https://platform.example.org/lti/lineitems";
    let serve = |request: &Request<Vec<u8>>| {
        let page = page_number(request, "page");
        let links = if page < 5 {
            vec![format!("<{base}?limit=1&page={}>; rel=next", page + 1)]
        } else {
            vec![]
        };
        let links: Vec<&str> = links.iter().map(String::as_str).collect();
        response(
            CONTAINER,
            &links,
            serde_json::to_vec(&json!([item_json(base, page)])).unwrap(),
        )
    };
    let first = ListLineItems::new(&url(base), &LineItemsQuery::default().with_limit(1));
    assert_eq!(first.url().as_str(), format!("{base}?limit=1"));
    assert_eq!(list_all(first, serve).unwrap().len(), 5);
}

#[test]
fn brightspace_style_separate_link_fields_and_trailing_slashes_are_followed() {
    let base =
        "https://d2l.example.edu/d2l/api/lti/ags/2.0/deployment/dep-1/orgunit/6606/lineitems/";
    let serve = |request: &Request<Vec<u8>>| {
        let page = page_number(request, "page");
        let next = format!("<{base}?page={}>; rel=\"next\"", page + 1);
        let first = format!("<{base}?page=1>; rel=\"first\"");
        let mut links = vec![first.as_str()];
        if page < 3 {
            links.push(next.as_str());
        }
        response(
            CONTAINER,
            &links,
            serde_json::to_vec(&json!([item_json(base.trim_end_matches('/'), page)])).unwrap(),
        )
    };
    let items = list_all(
        ListLineItems::new(&url(base), &LineItemsQuery::default()),
        serve,
    )
    .unwrap();
    assert_eq!(items.len(), 3);
    // A scores URL built from a line item URL with a trailing slash does not double it.
    let post = PostScore::new(&url(&format!("{base}42/")), score()).unwrap();
    assert_eq!(post.url().as_str(), format!("{base}42/scores"));
}

#[test]
fn moodle_style_query_in_the_container_url_keeps_its_parameters_and_pages_by_from() {
    let base = "https://moodle.example.edu/mod/lti/services.php/2/lineitems";
    let serve = |request: &Request<Vec<u8>>| {
        let from = page_number(request, "from").saturating_sub(1);
        assert!(request.uri().to_string().contains("type_id=1"));
        let links = if from < 3 {
            vec![format!(
                "<{base}?type_id=1&limit=1&from={}>; rel=\"next\"",
                from + 2
            )]
        } else {
            vec![]
        };
        let links: Vec<&str> = links.iter().map(String::as_str).collect();
        response(
            CONTAINER,
            &links,
            serde_json::to_vec(&json!([item_json(base, from + 1)])).unwrap(),
        )
    };
    let first = ListLineItems::new(
        &url(&format!("{base}?type_id=1")),
        &LineItemsQuery::default()
            .with_resource_link_id("rl 1&x")
            .with_limit(1),
    );
    assert_eq!(
        first.url().as_str(),
        format!("{base}?type_id=1&resource_link_id=rl+1%26x&limit=1")
    );
    assert_eq!(list_all(first, serve).unwrap().len(), 4);
    // Moodle's line item URL: the scores and results paths go before the query.
    let line_item = url(&format!("{base}/5/lineitem?type_id=1"));
    assert_eq!(
        PostScore::new(&line_item, score()).unwrap().url().as_str(),
        format!("{base}/5/lineitem/scores?type_id=1")
    );
    assert_eq!(
        ListResults::new(&line_item, Some("u 1"), Some(10))
            .unwrap()
            .url()
            .as_str(),
        format!("{base}/5/lineitem/results?type_id=1&user_id=u+1&limit=10")
    );
}

#[test]
fn a_next_link_to_another_host_ends_the_listing_with_its_code() {
    let serve = |_: &Request<Vec<u8>>| {
        response(
            CONTAINER,
            &["<https://collector.example.net/steal?page=2>; rel=next"],
            b"[]".to_vec(),
        )
    };
    let first = ListLineItems::new(
        &url("https://lms.example.edu/lineitems"),
        &LineItemsQuery::default(),
    );
    assert_eq!(
        list_all(first, serve).unwrap_err().as_str(),
        "lti.paging.cross-origin"
    );
}

#[test]
fn a_page_loop_ends_the_listing_with_its_code() {
    let serve = |request: &Request<Vec<u8>>| {
        // Page 2 points back to page 1: a reader without loop detection never stops.
        let next = if page_number(request, "page") == 1 {
            2
        } else {
            1
        };
        response(
            CONTAINER,
            &[&format!(
                "<https://lms.example.edu/lineitems?page={next}>; rel=next"
            )],
            b"[]".to_vec(),
        )
    };
    let first = ListLineItems::new(
        &url("https://lms.example.edu/lineitems?page=1"),
        &LineItemsQuery::default(),
    );
    assert_eq!(
        list_all(first, serve).unwrap_err().as_str(),
        "lti.paging.loop"
    );
}

#[test]
fn a_fifty_megabyte_body_is_refused_before_parsing() {
    let call = GetLineItem::new(url("https://lms.example.edu/lineitems/1"));
    let body = vec![b' '; 50 * 1024 * 1024];
    let error = call
        .parse_http_response(response(LINE_ITEM, &[], body))
        .unwrap_err();
    assert!(matches!(error, ServiceError::TooLarge { .. }));
    assert_eq!(error.code().as_str(), "lti.service.too-large");
}

#[test]
fn a_body_over_a_configured_limit_is_refused() {
    let call = ListLineItems::new(
        &url("https://lms.example.edu/lineitems"),
        &LineItemsQuery::default(),
    )
    .with_limits(Limits::default().with_max_service_body_bytes(100));
    let body = serde_json::to_vec(&json!([
        item_json("https://lms.example.edu/lineitems", 1),
        item_json("https://lms.example.edu/lineitems", 2)
    ]))
    .unwrap();
    let error = call
        .parse_http_response(response(CONTAINER, &[], body))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.too-large");
}

#[test]
fn a_wrong_media_type_is_refused() {
    let call = ListLineItems::new(
        &url("https://lms.example.edu/lineitems"),
        &LineItemsQuery::default(),
    );
    for media_type in ["text/html; charset=utf-8", "application/json", LINE_ITEM] {
        let error = call
            .parse_http_response(response(media_type, &[], b"[]".to_vec()))
            .unwrap_err();
        assert!(
            matches!(error, ServiceError::MediaType { .. }),
            "{media_type}"
        );
        assert_eq!(error.code().as_str(), "lti.service.media-type");
    }
    let missing = Response::builder().body(b"[]".to_vec()).unwrap();
    assert_eq!(
        call.parse_http_response(missing)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.service.media-type"
    );
}

#[test]
fn the_media_type_check_tolerates_parameters_and_case() {
    let call = ListLineItems::new(
        &url("https://lms.example.edu/lineitems"),
        &LineItemsQuery::default(),
    );
    let page = call
        .parse_http_response(response(
            "Application/VND.IMS.lis.v2.LineItemContainer+JSON ; charset=UTF-8",
            &[],
            b"[]".to_vec(),
        ))
        .unwrap();
    assert!(page.items.is_empty());
}

#[test]
fn an_error_status_is_refused_with_the_start_of_its_body() {
    let call = GetLineItem::new(url("https://lms.example.edu/lineitems/1"));
    let mut answer = response(
        "application/json",
        &[],
        br#"{"error":"unauthorized"}"#.to_vec(),
    );
    *answer.status_mut() = http::StatusCode::UNAUTHORIZED;
    let error = call.parse_http_response(answer).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.status");
    assert!(error.to_string().contains("401"));
}

#[test]
fn a_container_wrapped_in_an_object_is_refused_as_the_wrong_shape() {
    let call = ListLineItems::new(
        &url("https://lms.example.edu/lineitems"),
        &LineItemsQuery::default(),
    );
    let body = br#"{"lineItems":[]}"#.to_vec();
    let error = call
        .parse_http_response(response(CONTAINER, &[], body))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.shape");
}

#[test]
fn a_duplicate_member_in_a_response_is_refused() {
    let call = GetLineItem::new(url("https://lms.example.edu/lineitems/1"));
    let body = br#"{"label":"a","label":"b","scoreMaximum":1}"#.to_vec();
    let error = call
        .parse_http_response(response(LINE_ITEM, &[], body))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.json");
}

#[test]
fn a_line_item_keeps_every_member_and_its_extensions() {
    let body = json!({
        "id": "https://lms.example.edu/lineitems/1",
        "label": "Essay", "scoreMaximum": 25.5, "resourceLinkId": "rl-1", "resourceId": "essay-1",
        "tag": "final", "startDateTime": "2026-09-01T08:00:00.000-04:00",
        "endDateTime": "2026-12-01T23:59:59.999-05:00", "gradesReleased": true,
        "submissionReview": { "reviewableStatus": ["Submitted"], "label": "Review" },
        "https://canvas.instructure.com/lti/submission_type": { "type": "external_tool" }
    });
    let call = GetLineItem::new(url("https://lms.example.edu/lineitems/1"));
    let item = call
        .parse_http_response(response(LINE_ITEM, &[], serde_json::to_vec(&body).unwrap()))
        .unwrap();
    assert_eq!(item.score_maximum, 25.5);
    assert_eq!(item.grades_released, Some(true));
    assert_eq!(
        item.end_date_time.as_ref().unwrap().as_str(),
        "2026-12-01T23:59:59.999-05:00"
    );
    assert!(
        item.extensions
            .contains_key("https://canvas.instructure.com/lti/submission_type")
    );
    assert_eq!(serde_json::to_value(&item).unwrap(), body);
}

fn score() -> Score {
    Score::new(
        "user-1".try_into().unwrap(),
        Timestamp::parse("2026-12-03T14:05:06.123456+01:00").unwrap(),
        ActivityProgress::Completed,
        GradingProgress::FullyGraded,
    )
}

#[test]
fn a_score_is_posted_with_its_media_type_and_every_member() {
    let mut score = score().with_score(8.5, 10.0).with_comment("Well done");
    score.submission = Some(Submission::default());
    score.submission.as_mut().unwrap().submitted_at =
        Some(Timestamp::parse("2026-12-03T14:00:00Z").unwrap());
    let call = PostScore::new(&url("https://lms.example.edu/lineitems/1"), score).unwrap();
    let request = call.to_http_request("tok").unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "https://lms.example.edu/lineitems/1/scores");
    assert_eq!(
        request.headers()["content-type"],
        "application/vnd.ims.lis.v1.score+json"
    );
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        body,
        json!({
            "userId": "user-1", "scoreGiven": 8.5, "scoreMaximum": 10.0, "comment": "Well done",
            "timestamp": "2026-12-03T14:05:06.123456+01:00", "activityProgress": "Completed",
            "gradingProgress": "FullyGraded", "submission": { "submittedAt": "2026-12-03T14:00:00Z" }
        })
    );
    let accepted = Response::builder().status(204).body(Vec::new()).unwrap();
    call.parse_http_response(accepted).unwrap();
}

#[test]
fn a_score_given_without_a_maximum_is_not_sent() {
    let mut score = score();
    score.score_given = Some(3.0);
    let error = PostScore::new(&url("https://lms.example.edu/lineitems/1"), score)
        .unwrap()
        .to_http_request("tok")
        .unwrap_err();
    let BuildRequestError::Invalid { report } = &error else {
        panic!("{error}")
    };
    assert_eq!(error.code().as_str(), "lti.service.invalid");
    assert!(report.has_code("lti.ags.score-given"));
    assert_eq!(report.issues()[0].location.to_string(), "/scoreMaximum");
}

#[test]
fn negative_scores_are_not_sent() {
    let score = score().with_score(-1.0, -10.0);
    let report = score.validate();
    let pointers: Vec<String> = report
        .issues()
        .iter()
        .map(|i| i.location.to_string())
        .collect();
    assert_eq!(pointers, ["/scoreGiven", "/scoreMaximum"]);
    assert!(
        report
            .issues()
            .iter()
            .all(|i| i.code.as_str() == "lti.ags.score-given")
    );
}

#[test]
fn a_timestamp_keeps_its_sub_second_digits_and_offset_and_refuses_other_forms() {
    let at = Timestamp::parse("2017-04-16T18:54:36.7+05:30").unwrap();
    assert_eq!(
        serde_json::to_value(&at).unwrap(),
        "2017-04-16T18:54:36.7+05:30"
    );
    for bad in [
        "2017-04-16",
        "2017-04-16T18:54:36",
        "yesterday",
        "2017-04-16T25:00:00Z",
    ] {
        assert!(Timestamp::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn an_invalid_line_item_is_not_sent_and_every_problem_is_listed() {
    let mut item = LineItem::new(" ", 0.0).with_resource_link_id("");
    item.start_date_time = Some(Timestamp::parse("2026-12-02T00:00:00Z").unwrap());
    item.end_date_time = Some(Timestamp::parse("2026-12-01T00:00:00Z").unwrap());
    let error = CreateLineItem::new(url("https://lms.example.edu/lineitems"), item)
        .to_http_request("tok")
        .unwrap_err();
    let BuildRequestError::Invalid { report } = error else {
        panic!()
    };
    let found: Vec<(&str, String)> = report
        .issues()
        .iter()
        .map(|i| (i.code.as_str(), i.location.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("lti.ags.label", "/label".to_owned()),
            ("lti.ags.score-maximum", "/scoreMaximum".to_owned()),
            ("lti.ags.id", "/resourceLinkId".to_owned()),
            ("lti.ags.dates", "/endDateTime".to_owned()),
        ]
    );
}

#[test]
fn create_update_delete_build_the_right_requests() {
    let container = url("https://lms.example.edu/lineitems");
    let create = CreateLineItem::new(container, LineItem::new("Quiz", 10.0).with_tag("t"));
    let request = create.to_http_request("tok").unwrap();
    assert_eq!(
        (
            request.method().as_str(),
            request.headers()["accept"].to_str().unwrap()
        ),
        ("POST", LINE_ITEM)
    );
    let mut created = LineItem::new("Quiz", 10.0);
    created.id = Some(url("https://lms.example.edu/lineitems/9"));
    let answer = Response::builder()
        .status(201)
        .header("content-type", LINE_ITEM)
        .body(serde_json::to_vec(&created).unwrap())
        .unwrap();
    let created = create.parse_http_response(answer).unwrap();
    let update = UpdateLineItem::of(created.clone()).unwrap();
    let request = update.to_http_request("tok").unwrap();
    assert_eq!(
        (
            request.method().as_str(),
            request.uri().to_string().as_str()
        ),
        ("PUT", "https://lms.example.edu/lineitems/9")
    );
    assert_eq!(
        UpdateLineItem::of(LineItem::new("x", 1.0))
            .unwrap_err()
            .code()
            .as_str(),
        "lti.service.url"
    );
    let delete = DeleteLineItem::new(created.id.unwrap());
    let request = delete.to_http_request("tok").unwrap();
    assert_eq!(request.method(), "DELETE");
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn an_unusable_token_or_url_is_refused_before_sending() {
    let call = GetLineItem::new(url("https://lms.example.edu/lineitems/1"));
    for token in ["", "a b", "line\nbreak"] {
        assert_eq!(
            call.to_http_request(token).unwrap_err().code().as_str(),
            "lti.service.token"
        );
    }
    let call = GetLineItem::new(url("mailto:grades@example.edu"));
    assert_eq!(
        call.to_http_request("t").unwrap_err().code().as_str(),
        "lti.service.url"
    );
    assert_eq!(
        PostScore::new(&url("data:text/plain,x"), score())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.service.url"
    );
}

#[test]
fn results_are_read_page_by_page() {
    let line_item = url("https://lms.example.edu/lineitems/1");
    let call = ListResults::new(&line_item, None, Some(1)).unwrap();
    let request = call.to_http_request("tok").unwrap();
    assert_eq!(request.headers()["accept"], RESULTS);
    let body = json!([{
        "id": "https://lms.example.edu/lineitems/1/results/5", "scoreOf": "https://lms.example.edu/lineitems/1",
        "userId": "user-5", "resultScore": 0.83, "resultMaximum": 1, "comment": "ok"
    }]);
    let page = call
        .parse_http_response(response(
            RESULTS,
            &["<https://lms.example.edu/lineitems/1/results?limit=1&page=2>; rel=next"],
            serde_json::to_vec(&body).unwrap(),
        ))
        .unwrap();
    assert_eq!(page.items[0].user_id.as_str(), "user-5");
    assert_eq!(page.items[0].result_score, Some(0.83));
    let next = ListResults::page(page.links.next().unwrap().clone());
    assert_eq!(
        next.url().as_str(),
        "https://lms.example.edu/lineitems/1/results?limit=1&page=2"
    );
}

// ---- Platform side ----

fn platform_request(
    method: &str,
    uri: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Request<Vec<u8>> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", "Bearer tok");
    if let Some(content_type) = content_type {
        builder = builder.header("content-type", content_type);
    }
    builder.body(body.to_vec()).unwrap()
}

fn refused(request: &Request<Vec<u8>>, resource: AgsResource) -> ServiceRequestError {
    AgsRequest::from_http_request(request, resource, &Limits::default()).unwrap_err()
}

#[test]
fn the_platform_reads_each_operation_and_its_scope() {
    let limits = Limits::default();
    let cases: Vec<(Request<Vec<u8>>, AgsResource, AgsScope)> = vec![
        (
            platform_request(
                "GET",
                "https://lms.example.edu/lineitems?tag=a&page=3",
                None,
                b"",
            ),
            AgsResource::LineItems,
            AgsScope::LineItemReadOnly,
        ),
        (
            platform_request(
                "POST",
                "https://lms.example.edu/lineitems",
                Some(LINE_ITEM),
                br#"{"label":"Q","scoreMaximum":5}"#,
            ),
            AgsResource::LineItems,
            AgsScope::LineItem,
        ),
        (
            platform_request("GET", "https://lms.example.edu/lineitems/1", None, b""),
            AgsResource::LineItem,
            AgsScope::LineItemReadOnly,
        ),
        (
            platform_request(
                "PUT",
                "https://lms.example.edu/lineitems/1",
                Some(LINE_ITEM),
                br#"{"label":"Q","scoreMaximum":5}"#,
            ),
            AgsResource::LineItem,
            AgsScope::LineItem,
        ),
        (
            platform_request("DELETE", "https://lms.example.edu/lineitems/1", None, b""),
            AgsResource::LineItem,
            AgsScope::LineItem,
        ),
        (
            platform_request(
                "POST",
                "https://lms.example.edu/lineitems/1/scores",
                Some("application/vnd.ims.lis.v1.score+json"),
                serde_json::to_vec(&score()).unwrap().as_slice(),
            ),
            AgsResource::Scores,
            AgsScope::Score,
        ),
        (
            platform_request(
                "GET",
                "https://lms.example.edu/lineitems/1/results?user_id=u1&limit=2",
                None,
                b"",
            ),
            AgsResource::Results,
            AgsScope::ResultReadOnly,
        ),
    ];
    for (request, resource, scope) in cases {
        let read = AgsRequest::from_http_request(&request, resource, &limits).unwrap();
        assert_eq!(read.required_scope(), scope, "{read:?}");
        assert!(read.is_allowed_by(&scope));
    }
    let list = AgsRequest::from_http_request(
        &platform_request(
            "GET",
            "https://lms.example.edu/lineitems?tag=a&page=3",
            None,
            b"",
        ),
        AgsResource::LineItems,
        &limits,
    )
    .unwrap();
    assert!(list.is_allowed_by(&AgsScope::LineItem));
    assert!(!list.is_allowed_by(&AgsScope::Score));
    let AgsRequest::ListLineItems(query) = list else {
        panic!()
    };
    assert_eq!(query.tag.as_deref(), Some("a"));
    assert_eq!(query.other, [("page".to_owned(), "3".to_owned())]);
}

#[test]
fn the_platform_refuses_a_line_item_breaking_the_rules_with_400_listing_every_problem() {
    let request = platform_request(
        "POST",
        "https://lms.example.edu/lineitems",
        Some(LINE_ITEM),
        br#"{"label":"","scoreMaximum":-1}"#,
    );
    let error = refused(&request, AgsResource::LineItems);
    assert_eq!(error.code().as_str(), "lti.service.invalid");
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 400);
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(body["error"], "lti.service.invalid");
    assert_eq!(body["problems"][0]["code"], "lti.ags.label");
    assert_eq!(body["problems"][1]["location"], "/scoreMaximum");
}

#[test]
fn the_platform_refuses_a_score_breaking_the_rules() {
    let body = br#"{"userId":"","scoreGiven":2,"timestamp":"now","activityProgress":"Done","gradingProgress":"FullyGraded"}"#;
    let request = platform_request(
        "POST",
        "https://lms.example.edu/lineitems/1/scores",
        Some("application/vnd.ims.lis.v1.score+json"),
        body,
    );
    let ServiceRequestError::Invalid { report } = refused(&request, AgsResource::Scores) else {
        panic!()
    };
    let codes: Vec<&str> = report.issues().iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "lti.ags.id",
            "lti.ags.score-given",
            "lti.ags.timestamp",
            "lti.ags.progress"
        ]
    );
}

#[test]
fn the_platform_answers_a_wrong_method_with_405_and_allow() {
    let request = platform_request("PATCH", "https://lms.example.edu/lineitems/1", None, b"");
    let error = refused(&request, AgsResource::LineItem);
    assert_eq!(error.code().as_str(), "lti.service.method");
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 405);
    assert_eq!(answer.headers()["allow"], "GET, PUT, DELETE");
}

#[test]
fn the_platform_answers_a_wrong_content_type_with_415() {
    let request = platform_request(
        "POST",
        "https://lms.example.edu/lineitems/1/scores",
        Some("application/json"),
        b"{}",
    );
    let error = refused(&request, AgsResource::Scores);
    assert_eq!(error.code().as_str(), "lti.service.unsupported-media-type");
    assert_eq!(error.to_http_response().status(), 415);
}

#[test]
fn the_platform_answers_an_accept_without_its_media_type_with_406() {
    let mut request = platform_request(
        "GET",
        "https://lms.example.edu/lineitems/1/results",
        None,
        b"",
    );
    request.headers_mut().insert(
        "accept",
        http::HeaderValue::from_static("text/html, application/json;q=0.9"),
    );
    let error = refused(&request, AgsResource::Results);
    assert_eq!(error.code().as_str(), "lti.service.not-acceptable");
    assert_eq!(error.to_http_response().status(), 406);
    request.headers_mut().insert(
        "accept",
        http::HeaderValue::from_static("application/*;q=0"),
    );
    assert_eq!(
        refused(&request, AgsResource::Results).code().as_str(),
        "lti.service.not-acceptable"
    );
    request.headers_mut().insert(
        "accept",
        http::HeaderValue::from_static("text/html, */*;q=0.1"),
    );
    AgsRequest::from_http_request(&request, AgsResource::Results, &Limits::default()).unwrap();
}

#[test]
fn the_platform_answers_a_request_without_a_bearer_token_with_401() {
    let request = Request::get("https://lms.example.edu/lineitems")
        .body(Vec::new())
        .unwrap();
    let error = refused(&request, AgsResource::LineItems);
    assert_eq!(error.code().as_str(), "lti.service.unauthorized");
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 401);
    assert_eq!(answer.headers()["www-authenticate"], "Bearer");
}

#[test]
fn the_platform_answers_a_body_over_the_limit_with_413() {
    let request = platform_request(
        "POST",
        "https://lms.example.edu/lineitems",
        Some(LINE_ITEM),
        &vec![b' '; 2048],
    );
    let error = AgsRequest::from_http_request(
        &request,
        AgsResource::LineItems,
        &Limits::default().with_max_service_body_bytes(1024),
    )
    .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.too-large");
    assert_eq!(error.to_http_response().status(), 413);
}

#[test]
fn the_platform_answers_bad_query_parameters_with_400() {
    for uri in [
        "https://lms.example.edu/lineitems?limit=0",
        "https://lms.example.edu/lineitems?limit=-3",
        "https://lms.example.edu/lineitems?limit=ten",
        "https://lms.example.edu/lineitems?tag=a&tag=b",
    ] {
        let error = refused(
            &platform_request("GET", uri, None, b""),
            AgsResource::LineItems,
        );
        assert_eq!(error.code().as_str(), "lti.service.query", "{uri}");
        assert_eq!(error.to_http_response().status(), 400);
    }
}

#[test]
fn the_platform_answers_malformed_json_with_400() {
    for body in [&b"{"[..], br#"{"label":"a","label":"b","scoreMaximum":1}"#] {
        let request = platform_request(
            "POST",
            "https://lms.example.edu/lineitems",
            Some(LINE_ITEM),
            body,
        );
        let error = refused(&request, AgsResource::LineItems);
        assert_eq!(error.code().as_str(), "lti.service.json");
        assert_eq!(error.to_http_response().status(), 400);
    }
}

#[test]
fn the_platforms_own_refusals_have_their_status_and_code() {
    let not_found = ServiceRequestError::not_found("line item 9");
    assert_eq!(
        (not_found.code().as_str(), not_found.status().as_u16()),
        ("lti.service.not-found", 404)
    );
    let scope = ServiceRequestError::insufficient_scope(
        "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    );
    let answer = scope.to_http_response();
    assert_eq!(answer.status(), 403);
    assert!(
        answer.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("insufficient_scope")
    );
}

#[test]
fn the_platforms_pages_are_read_back_by_the_client() {
    let base = "https://lms.example.edu/lineitems";
    let serve = |request: &Request<Vec<u8>>| {
        let read =
            AgsRequest::from_http_request(request, AgsResource::LineItems, &Limits::default())
                .unwrap();
        let AgsRequest::ListLineItems(query) = read else {
            panic!()
        };
        let page: usize = query
            .other
            .iter()
            .find(|(k, _)| k == "page")
            .map_or(1, |(_, v)| v.parse().unwrap());
        let mut item: LineItem = serde_json::from_value(item_json(base, page)).unwrap();
        item.tag = query.tag.clone();
        let mut links = PageLinks::new().with_first(url(&format!("{base}?tag=quiz&page=1")));
        if page < 3 {
            links = links.with_next(url(&format!("{base}?tag=quiz&page={}", page + 1)));
        }
        AgsResponse::LineItems {
            items: vec![item],
            links,
        }
        .to_http_response()
    };
    let items = list_all(
        ListLineItems::new(&url(base), &LineItemsQuery::default().with_tag("quiz")),
        serve,
    )
    .unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| i.tag.as_deref() == Some("quiz")));
}

#[test]
fn the_platforms_other_answers_have_their_status_and_media_type() {
    let item = LineItem::new("Quiz", 10.0);
    let created = AgsResponse::Created(item.clone()).to_http_response();
    assert_eq!(
        (
            created.status().as_u16(),
            created.headers()["content-type"].to_str().unwrap()
        ),
        (201, LINE_ITEM)
    );
    let results = AgsResponse::Results {
        results: vec![LineItemResult::new("u1".try_into().unwrap())],
        links: PageLinks::new(),
    }
    .to_http_response();
    assert_eq!(results.headers()["content-type"], RESULTS);
    assert!(results.headers().get("link").is_none());
    assert_eq!(AgsResponse::NoContent.to_http_response().status(), 204);
}

/// Every code the AGS, NRPS and paging errors and rules emit, with the error's message where there
/// is one (for the crate-wide codes test).
pub(crate) fn emitted_codes() -> Vec<(Code, Option<String>)> {
    use learnwire_lti::Untrusted;
    use learnwire_lti::paging::{LinkError, PagingError};
    let text = || Untrusted::new("x");
    let json_error =
        learnwire_jose::read_json(b"{", &learnwire_jose::Limits::default()).unwrap_err();
    let json_error2 =
        learnwire_jose::read_json(b"{", &learnwire_jose::Limits::default()).unwrap_err();
    let link = LinkError::Malformed {
        value: text(),
        position: 0,
        reason: "x",
    };
    let mut codes: Vec<(Code, Option<String>)> = Vec::new();
    let client = [
        ServiceError::Status {
            status: http::StatusCode::BAD_GATEWAY,
            body: text(),
        },
        ServiceError::MediaType {
            expected: CONTAINER,
            found: text(),
        },
        ServiceError::TooLarge {
            length: 2,
            limit: 1,
        },
        ServiceError::Json { source: json_error },
        ServiceError::Shape {
            expected: "line item",
            reason: text(),
        },
        ServiceError::Link(LinkError::TooLarge {
            length: 2,
            limit: 1,
        }),
        ServiceError::Link(LinkError::TooMany { limit: 1 }),
    ];
    codes.extend(client.iter().map(|e| (e.code(), Some(e.to_string()))));
    let build = [
        BuildRequestError::Url {
            url: text(),
            reason: "x",
        },
        BuildRequestError::Token,
        BuildRequestError::Invalid {
            report: learnwire_lti::Report::new(),
        },
    ];
    codes.extend(build.iter().map(|e| (e.code(), Some(e.to_string()))));
    let server = [
        ServiceRequestError::Method {
            method: text(),
            allowed: &["GET"],
        },
        ServiceRequestError::NotAcceptable {
            expected: CONTAINER,
        },
        ServiceRequestError::UnsupportedMediaType {
            expected: LINE_ITEM,
            found: text(),
        },
        ServiceRequestError::TooLarge {
            length: 2,
            limit: 1,
        },
        ServiceRequestError::Json {
            source: json_error2,
        },
        ServiceRequestError::Shape {
            expected: "score",
            reason: text(),
        },
        ServiceRequestError::Invalid {
            report: learnwire_lti::Report::new(),
        },
        ServiceRequestError::Query {
            parameter: text(),
            reason: "x",
        },
        ServiceRequestError::not_found("x"),
        ServiceRequestError::unauthorized(),
        ServiceRequestError::insufficient_scope("s"),
    ];
    codes.extend(server.iter().map(|e| (e.code(), Some(e.to_string()))));
    let paging = [
        PagingError::CrossOrigin {
            next: text(),
            origin: "https://a".into(),
        },
        PagingError::Loop { next: text() },
        PagingError::TooManyPages { limit: 1 },
        PagingError::TooManyItems { limit: 1 },
        PagingError::Link(link),
    ];
    codes.extend(paging.iter().map(|e| (e.code(), Some(e.to_string()))));
    // The rules of line items and scores, as report issues.
    let mut item = LineItem::new("", 0.0).with_resource_link_id("");
    item.start_date_time = Some(Timestamp::parse("2026-12-02T00:00:00Z").unwrap());
    item.end_date_time = Some(Timestamp::parse("2026-12-01T00:00:00Z").unwrap());
    let mut bad_score = score();
    bad_score.score_given = Some(-1.0);
    bad_score.activity_progress = ActivityProgress::parse("Done");
    let request = platform_request("POST", "https://lms.example.edu/s", Some("application/vnd.ims.lis.v1.score+json"), br#"{"userId":"u","timestamp":"x","activityProgress":"Started","gradingProgress":"Pending"}"#);
    let ServiceRequestError::Invalid { report: timestamp } = refused(&request, AgsResource::Scores)
    else {
        panic!()
    };
    let put = put_line_item(
        "https://lms.example.edu/lineitems/1",
        &json!({"id": "https://lms.example.edu/lineitems/2", "label": "Q", "scoreMaximum": 5}),
    );
    let ServiceRequestError::Invalid { report: mismatch } = refused(&put, AgsResource::LineItem)
    else {
        panic!()
    };
    for report in [item.validate(), bad_score.validate(), timestamp, mismatch] {
        codes.extend(report.issues().iter().map(|issue| (issue.code, None)));
    }
    codes
}

#[test]
fn the_platform_answers_a_query_over_the_limit_with_400() {
    let uri = format!("https://lms.example.edu/lineitems?tag={}", "a".repeat(200));
    let request = platform_request("GET", &uri, None, b"");
    let error = AgsRequest::from_http_request(
        &request,
        AgsResource::LineItems,
        &Limits::default().with_max_query_bytes(100),
    )
    .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.query");
    assert_eq!(error.to_http_response().status(), 400);
}

#[test]
fn a_link_field_that_is_not_visible_ascii_is_a_malformed_link_and_stops_paging() {
    let mut answer = response(CONTAINER, &[], b"[]".to_vec());
    answer.headers_mut().insert(
        "link",
        http::HeaderValue::from_bytes(b"<https://lms.example.edu/l?p=\xe9>; rel=next").unwrap(),
    );
    let call = ListLineItems::new(
        &url("https://lms.example.edu/l"),
        &LineItemsQuery::default(),
    );
    let page = call.parse_http_response(answer).unwrap();
    assert_eq!(
        page.links.problems()[0].code().as_str(),
        "lti.link.malformed"
    );
    let mut pager = Pager::new(call.url(), &Limits::default());
    assert_eq!(
        pager.next_url(&page.links, 0).unwrap_err().code().as_str(),
        "lti.link.malformed"
    );
}

#[test]
fn reading_line_items_is_allowed_by_either_line_item_scope_and_nothing_else() {
    let request = platform_request("GET", "https://lms.example.edu/lineitems/1", None, b"");
    let read =
        AgsRequest::from_http_request(&request, AgsResource::LineItem, &Limits::default()).unwrap();
    assert_eq!(
        read.accepted_scopes(),
        [
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
        ]
    );
    let delete = platform_request("DELETE", "https://lms.example.edu/lineitems/1", None, b"");
    let read =
        AgsRequest::from_http_request(&delete, AgsResource::LineItem, &Limits::default()).unwrap();
    assert_eq!(
        read.accepted_scopes(),
        ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"]
    );
    assert!(!read.is_allowed_by(&AgsScope::LineItemReadOnly));
}

#[test]
fn a_paging_error_converts_into_a_service_error_with_its_code() {
    let first = url("https://lms.example.edu/l");
    let links = learnwire_lti::paging::Links::parse(
        "<https://elsewhere.example/l>; rel=next",
        &first,
        &Limits::default(),
    )
    .unwrap();
    let paging = Pager::new(&first, &Limits::default())
        .next_url(&links, 0)
        .unwrap_err();
    let error = ServiceError::from(paging);
    assert_eq!(error.code().as_str(), "lti.paging.cross-origin");
    assert!(error.to_string().starts_with("lti.paging.cross-origin: "));
}

#[test]
fn every_call_built_by_the_tool_is_read_by_the_platform_and_answered_back() {
    let limits = Limits::default();
    let container = url("https://lms.example.edu/ctx/1/lineitems?type_id=4");
    let item_url = url("https://lms.example.edu/ctx/1/lineitems/9?type_id=4");
    let read = |request: Request<Vec<u8>>, resource| {
        AgsRequest::from_http_request(&request, resource, &limits).unwrap()
    };
    // Create.
    let create = CreateLineItem::new(
        container.clone(),
        LineItem::new("Quiz", 10.0).with_resource_id("q1"),
    );
    let AgsRequest::CreateLineItem(mut received) =
        read(create.to_http_request("t").unwrap(), AgsResource::LineItems)
    else {
        panic!()
    };
    assert_eq!(received.resource_id.as_deref(), Some("q1"));
    received.id = Some(item_url.clone());
    let created = create
        .parse_http_response(AgsResponse::Created(received.clone()).to_http_response())
        .unwrap();
    assert_eq!(created, received);
    // List with filters.
    let list = ListLineItems::new(
        &container,
        &LineItemsQuery::default()
            .with_resource_id("q1")
            .with_limit(10),
    );
    let AgsRequest::ListLineItems(query) =
        read(list.to_http_request("t").unwrap(), AgsResource::LineItems)
    else {
        panic!()
    };
    assert_eq!(
        (query.resource_id.as_deref(), query.limit),
        (Some("q1"), Some(10))
    );
    assert_eq!(query.other, [("type_id".to_owned(), "4".to_owned())]);
    let page = list
        .parse_http_response(
            AgsResponse::LineItems {
                items: vec![created.clone()],
                links: PageLinks::new(),
            }
            .to_http_response(),
        )
        .unwrap();
    assert_eq!(page.items, std::slice::from_ref(&created));
    // Get, update, delete.
    let get = GetLineItem::new(item_url.clone());
    assert_eq!(
        read(get.to_http_request("t").unwrap(), AgsResource::LineItem),
        AgsRequest::GetLineItem
    );
    assert_eq!(
        get.parse_http_response(AgsResponse::LineItem(created.clone()).to_http_response())
            .unwrap(),
        created
    );
    let mut renamed = created.clone();
    renamed.label = "Quiz (final)".to_owned();
    let update = UpdateLineItem::of(renamed.clone()).unwrap();
    assert_eq!(
        read(update.to_http_request("t").unwrap(), AgsResource::LineItem),
        AgsRequest::UpdateLineItem(renamed.clone())
    );
    let delete = DeleteLineItem::new(item_url.clone());
    assert_eq!(
        read(delete.to_http_request("t").unwrap(), AgsResource::LineItem),
        AgsRequest::DeleteLineItem
    );
    delete
        .parse_http_response(AgsResponse::NoContent.to_http_response())
        .unwrap();
    // Score and results.
    let post = PostScore::new(&item_url, score().with_score(9.0, 10.0)).unwrap();
    let request = post.to_http_request("t").unwrap();
    assert_eq!(
        request.uri(),
        "https://lms.example.edu/ctx/1/lineitems/9/scores?type_id=4"
    );
    assert_eq!(
        read(request, AgsResource::Scores),
        AgsRequest::PostScore(score().with_score(9.0, 10.0))
    );
    post.parse_http_response(AgsResponse::NoContent.to_http_response())
        .unwrap();
    let results = ListResults::new(&item_url, Some("user-1"), None).unwrap();
    let AgsRequest::ListResults(query) =
        read(results.to_http_request("t").unwrap(), AgsResource::Results)
    else {
        panic!()
    };
    assert_eq!(query.user_id.as_deref(), Some("user-1"));
    let mut result = LineItemResult::new("user-1".try_into().unwrap());
    result.result_score = Some(0.9);
    let page = results
        .parse_http_response(
            AgsResponse::Results {
                results: vec![result.clone()],
                links: PageLinks::new(),
            }
            .to_http_response(),
        )
        .unwrap();
    assert_eq!(page.items, [result]);
}

#[test]
fn a_page_follower_reads_results_to_the_last_page_keeping_the_first_calls_limits() {
    use learnwire_lti::paging::PageFollower;
    let line_item = url("https://lms.example.edu/lineitems/1");
    let first = ListResults::new(&line_item, None, Some(1))
        .unwrap()
        .with_limits(Limits::default().with_max_service_body_bytes(300));
    let mut follower = PageFollower::new(first, &Limits::default());
    let mut users = Vec::new();
    while let Some(request) = follower.next_request("tok").unwrap() {
        let page = page_number(&request, "page");
        let links = if page < 3 {
            vec![format!(
                "<https://lms.example.edu/lineitems/1/results?limit=1&page={}>; rel=\"next\"",
                page + 1
            )]
        } else {
            vec![]
        };
        let links: Vec<&str> = links.iter().map(String::as_str).collect();
        let body = json!([{ "userId": format!("user-{page}"), "resultScore": 1 }]);
        let results = follower
            .read(response(
                RESULTS,
                &links,
                serde_json::to_vec(&body).unwrap(),
            ))
            .unwrap();
        users.extend(
            results
                .items
                .into_iter()
                .map(|r| r.user_id.as_str().to_owned()),
        );
    }
    assert_eq!(users, ["user-1", "user-2", "user-3"]);
    assert_eq!(follower.pages(), 3);
    assert!(follower.is_done());

    // The first call's limits hold on later pages too: a second page over 300 bytes is refused.
    let first = ListResults::new(&line_item, None, Some(1))
        .unwrap()
        .with_limits(Limits::default().with_max_service_body_bytes(300));
    let mut follower = PageFollower::new(first, &Limits::default());
    follower.next_request("tok").unwrap().unwrap();
    let next = ["<https://lms.example.edu/lineitems/1/results?page=2>; rel=next"];
    follower
        .read(response(RESULTS, &next, b"[]".to_vec()))
        .unwrap();
    follower.next_request("tok").unwrap().unwrap();
    let big = format!("[{{\"userId\":\"u\",\"comment\":\"{}\"}}]", "x".repeat(400));
    let error = follower
        .read(response(RESULTS, &[], big.into_bytes()))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.too-large");
    assert!(follower.is_done());
}

#[test]
fn a_page_follower_stops_at_a_next_link_to_another_host() {
    use learnwire_lti::paging::PageFollower;
    let first = ListLineItems::new(
        &url("https://lms.example.edu/lineitems"),
        &LineItemsQuery::default(),
    );
    let mut follower = PageFollower::new(first, &Limits::default());
    let request = follower.next_request("tok").unwrap().unwrap();
    assert_eq!(request.uri(), "https://lms.example.edu/lineitems");
    let answer = response(
        CONTAINER,
        &["<https://evil.example/lineitems?page=2>; rel=next"],
        b"[]".to_vec(),
    );
    let error = follower.read(answer).unwrap_err();
    assert!(matches!(error, ServiceError::Paging(_)));
    assert_eq!(error.code().as_str(), "lti.paging.cross-origin");
    assert!(follower.next_request("tok").unwrap().is_none());
}

#[test]
fn a_response_nested_ten_thousand_deep_is_refused_as_json_without_a_stack_overflow() {
    let call = ListLineItems::new(
        &url("https://lms.example.edu/lineitems"),
        &LineItemsQuery::default(),
    );
    let body = format!("[{}{}]", "[".repeat(10_000), "]".repeat(10_000)).into_bytes();
    let error = call
        .parse_http_response(response(CONTAINER, &[], body))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.service.json");
}

fn put_line_item(uri: &str, body: &Value) -> Request<Vec<u8>> {
    platform_request(
        "PUT",
        uri,
        Some(LINE_ITEM),
        serde_json::to_vec(body).unwrap().as_slice(),
    )
}

fn update_problems(request: &Request<Vec<u8>>) -> Vec<(String, String)> {
    let ServiceRequestError::Invalid { report } = refused(request, AgsResource::LineItem) else {
        panic!("not a report")
    };
    report
        .issues()
        .iter()
        .map(|issue| (issue.code.as_str().to_owned(), issue.location.to_string()))
        .collect()
}

#[test]
fn a_line_item_put_whose_id_is_another_line_item_is_refused_with_400_lti_ags_id_mismatch() {
    let request = put_line_item(
        "https://lms.example.edu/lineitems/1",
        &json!({"id": "https://lms.example.edu/lineitems/2", "label": "Q", "scoreMaximum": 5}),
    );
    let error = refused(&request, AgsResource::LineItem);
    assert_eq!(error.code().as_str(), "lti.service.invalid");
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 400);
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(body["problems"][0]["code"], "lti.ags.id-mismatch");
    assert_eq!(body["problems"][0]["location"], "/id");
    assert_eq!(body["problems"].as_array().unwrap().len(), 1);
    assert!(learnwire_lti::find_code(learnwire_lti::CODES, "lti.ags.id-mismatch").is_some());
}

#[test]
fn a_line_item_put_id_mismatch_is_reported_with_every_other_problem() {
    let request = put_line_item(
        "https://lms.example.edu/lineitems/1",
        &json!({"id": "https://lms.example.edu/lineitems/2", "label": "", "scoreMaximum": 0}),
    );
    assert_eq!(
        update_problems(&request),
        [
            ("lti.ags.label".to_owned(), "/label".to_owned()),
            (
                "lti.ags.score-maximum".to_owned(),
                "/scoreMaximum".to_owned()
            ),
            ("lti.ags.id-mismatch".to_owned(), "/id".to_owned()),
        ]
    );
}

#[test]
fn a_line_item_put_whose_id_is_its_url_or_absent_is_accepted() {
    let accepted = [
        (
            "https://lms.example.edu/lineitems/1",
            json!({"id": "https://lms.example.edu/lineitems/1", "label": "Q", "scoreMaximum": 5}),
        ),
        // Scheme and host letter case, a default port and dot segments are URL parsing, not identity.
        (
            "https://lms.example.edu/lineitems/1",
            json!({"id": "HTTPS://LMS.Example.EDU:443/a/../lineitems/1", "label": "Q", "scoreMaximum": 5}),
        ),
        // Moodle's line item URLs carry a query: it is part of the URL and compared.
        (
            "https://moodle.example.edu/mod/lti/services.php/2/lineitems/3/lineitem?type_id=1",
            json!({"id": "https://moodle.example.edu/mod/lti/services.php/2/lineitems/3/lineitem?type_id=1", "label": "Q", "scoreMaximum": 5}),
        ),
        // Origin form (an HTTP/1.1 server's request URI): path and query compared.
        (
            "/lineitems/1?x=y",
            json!({"id": "https://lms.example.edu/lineitems/1?x=y", "label": "Q", "scoreMaximum": 5}),
        ),
        // No id: nothing to compare.
        (
            "https://lms.example.edu/lineitems/1",
            json!({"label": "Q", "scoreMaximum": 5}),
        ),
    ];
    for (uri, body) in accepted {
        let read = AgsRequest::from_http_request(
            &put_line_item(uri, &body),
            AgsResource::LineItem,
            &Limits::default(),
        );
        assert!(
            matches!(read, Ok(AgsRequest::UpdateLineItem(_))),
            "{uri} {body}: {read:?}"
        );
    }
}

#[test]
fn a_line_item_put_id_differing_by_trailing_slash_query_host_or_fragment_is_lti_ags_id_mismatch() {
    let mismatches = [
        (
            "https://lms.example.edu/lineitems/1",
            "https://lms.example.edu/lineitems/1/",
        ),
        (
            "https://lms.example.edu/lineitems/1/",
            "https://lms.example.edu/lineitems/1",
        ),
        (
            "https://lms.example.edu/lineitems/1?type_id=1",
            "https://lms.example.edu/lineitems/1",
        ),
        (
            "https://lms.example.edu/lineitems/1",
            "https://lms.example.edu/lineitems/1?type_id=1",
        ),
        (
            "https://lms.example.edu/lineitems/1?a=1",
            "https://lms.example.edu/lineitems/1?a=2",
        ),
        (
            "https://lms.example.edu/lineitems/1",
            "https://elsewhere.example/lineitems/1",
        ),
        (
            "https://lms.example.edu/lineitems/1",
            "http://lms.example.edu/lineitems/1",
        ),
        (
            "https://lms.example.edu/lineitems/1",
            "https://lms.example.edu:8443/lineitems/1",
        ),
        (
            "https://lms.example.edu/lineitems/1",
            "https://lms.example.edu/lineitems/1#x",
        ),
        (
            "https://lms.example.edu/lineitems/1",
            "https://lms.example.edu/LineItems/1",
        ),
        (
            "https://lms.example.edu/lineitems/1",
            "https://lms.example.edu/line%69tems/1",
        ),
        ("/lineitems/1", "https://lms.example.edu/lineitems/2"),
        ("/lineitems/1", "https://lms.example.edu/lineitems/1?x=y"),
        ("/lineitems/1", "https://lms.example.edu/lineitems/1#x"),
    ];
    for (uri, id) in mismatches {
        let request = put_line_item(uri, &json!({"id": id, "label": "Q", "scoreMaximum": 5}));
        assert_eq!(
            update_problems(&request),
            [("lti.ags.id-mismatch".to_owned(), "/id".to_owned())],
            "{uri} vs {id}"
        );
    }
}

#[test]
fn a_line_item_put_id_that_is_not_a_url_stays_lti_ags_id_and_is_not_compared() {
    let request = put_line_item(
        "https://lms.example.edu/lineitems/1",
        &json!({"id": "not a url", "label": "Q", "scoreMaximum": 5}),
    );
    assert_eq!(
        update_problems(&request),
        [("lti.ags.id".to_owned(), "/id".to_owned())]
    );
}

#[test]
fn a_line_item_post_to_the_container_is_not_compared_with_the_request_url() {
    let request = platform_request(
        "POST",
        "https://lms.example.edu/lineitems",
        Some(LINE_ITEM),
        br#"{"id":"https://lms.example.edu/lineitems/9","label":"Q","scoreMaximum":5}"#,
    );
    assert!(matches!(
        AgsRequest::from_http_request(&request, AgsResource::LineItems, &Limits::default()),
        Ok(AgsRequest::CreateLineItem(_))
    ));
}

#[test]
fn the_ags_scopes_of_the_claim_vocabulary_and_the_service_token_are_the_same_values() {
    use learnwire_lti::service_token::Scope;
    let pairs = [
        (AgsScope::LineItem, Scope::AGS_LINE_ITEM),
        (AgsScope::LineItemReadOnly, Scope::AGS_LINE_ITEM_READONLY),
        (AgsScope::ResultReadOnly, Scope::AGS_RESULT_READONLY),
        (AgsScope::Score, Scope::AGS_SCORE),
    ];
    for (claim, token) in pairs {
        assert_eq!(claim.as_str(), token);
    }
}
