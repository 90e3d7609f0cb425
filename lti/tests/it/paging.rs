//! RFC 8288 `Link` headers and the page follower: the shapes platforms write, and hostile ones.

use learnwire_lti::http::{HeaderMap, HeaderValue};
use learnwire_lti::paging::{LinkError, Links, PageLinks, Pager, PagingError};
use learnwire_lti::{Limits, Url};

fn base() -> Url {
    Url::parse("https://lms.example.edu/api/lti/courses/7/line_items?per_page=1").unwrap()
}

fn parse(value: &str) -> Links {
    Links::parse(value, &base(), &Limits::default()).unwrap()
}

#[test]
fn an_unquoted_rel_next_is_read() {
    // lti1p3platform writes rel=next without quotes (RFC 8288 allows a token); pylti1p3 missed it.
    let links = parse("<https://lms.example.edu/lineitems?page=2>; rel=next");
    assert_eq!(
        links.next().unwrap().as_str(),
        "https://lms.example.edu/lineitems?page=2"
    );
    assert!(links.problems().is_empty());
}

#[test]
fn several_links_in_one_field_are_all_read() {
    let links = parse(concat!(
        r#"<https://lms.example.edu/l?page=2&per_page=1>; rel="next","#,
        r#" <https://lms.example.edu/l?page=1&per_page=1>; rel="current","#,
        r#"<https://lms.example.edu/l?page=1&per_page=1>; rel="first","#,
        r#"<https://lms.example.edu/l?page=5&per_page=1>; rel="last""#
    ));
    assert_eq!(links.len(), 4);
    assert!(
        links
            .next()
            .unwrap()
            .as_str()
            .ends_with("page=2&per_page=1")
    );
    assert!(
        links
            .first()
            .unwrap()
            .as_str()
            .ends_with("page=1&per_page=1")
    );
    assert!(
        links
            .last()
            .unwrap()
            .as_str()
            .ends_with("page=5&per_page=1")
    );
    assert_eq!(links.prev(), None);
}

#[test]
fn several_link_fields_are_all_read_and_the_name_is_case_insensitive() {
    let mut headers = HeaderMap::new();
    headers.append(
        "LINK",
        HeaderValue::from_static("<https://lms.example.edu/l/2/>; rel=\"next\""),
    );
    headers.append(
        "link",
        HeaderValue::from_static("<https://lms.example.edu/l/0/>; rel=prev"),
    );
    let links = Links::from_headers(&headers, &base(), &Limits::default()).unwrap();
    assert_eq!(
        links.next().unwrap().as_str(),
        "https://lms.example.edu/l/2/"
    );
    assert_eq!(
        links.prev().unwrap().as_str(),
        "https://lms.example.edu/l/0/"
    );
}

#[test]
fn one_rel_may_hold_several_relation_types() {
    let links = parse(r#"<https://lms.example.edu/l?page=1>; rel="first prev""#);
    assert_eq!(links.first(), links.prev());
    assert!(links.first().is_some());
    let link = links.iter().next().unwrap();
    assert_eq!(link.relations().collect::<Vec<_>>(), ["first", "prev"]);
}

#[test]
fn parameter_names_and_relation_types_compare_without_case() {
    let links = parse(r#"<https://lms.example.edu/l?page=2>; REL="Next"; Title="Page 2""#);
    assert!(links.next().is_some());
    assert_eq!(links.iter().next().unwrap().param("title"), Some("Page 2"));
}

#[test]
fn targets_are_kept_as_written_never_lower_cased() {
    // pylti1p3 PR #139 lower-cased the URL; a case-sensitive cursor then broke.
    let links = parse("<https://lms.example.edu/Line_Items?Cursor=AbC%2Fd>; rel=next");
    let next = links.next().unwrap();
    assert_eq!(
        next.as_str(),
        "https://lms.example.edu/Line_Items?Cursor=AbC%2Fd"
    );
    assert_eq!(
        links.iter().next().unwrap().target_as_written(),
        "https://lms.example.edu/Line_Items?Cursor=AbC%2Fd"
    );
}

#[test]
fn a_relative_target_is_resolved_against_the_request_url() {
    let links = parse("</api/lti/courses/7/line_items?page=2&per_page=1>; rel=next");
    assert_eq!(
        links.next().unwrap().as_str(),
        "https://lms.example.edu/api/lti/courses/7/line_items?page=2&per_page=1"
    );
    let links = parse("<?page=3>; rel=next");
    assert_eq!(
        links.next().unwrap().as_str(),
        "https://lms.example.edu/api/lti/courses/7/line_items?page=3"
    );
}

#[test]
fn a_comma_inside_a_target_or_a_quoted_string_does_not_split_links() {
    let links = parse(
        r#"<https://lms.example.edu/l?ids=1,2,3>; rel="next"; title="a, b; c", <https://lms.example.edu/l?ids=0>; rel=prev"#,
    );
    assert_eq!(links.len(), 2);
    assert_eq!(
        links.next().unwrap().as_str(),
        "https://lms.example.edu/l?ids=1,2,3"
    );
    assert_eq!(links.iter().next().unwrap().param("title"), Some("a, b; c"));
}

#[test]
fn a_malformed_link_is_refused_with_its_code_and_its_neighbours_are_kept() {
    let links = parse(concat!(
        "https://no-brackets.example/; rel=last, ",
        "<https://lms.example.edu/l?page=2>; rel=next, ",
        r#"<https://lms.example.edu/l?page=1>; rel="first"#
    ));
    assert_eq!(
        links.next().unwrap().as_str(),
        "https://lms.example.edu/l?page=2"
    );
    assert_eq!(links.len(), 1);
    assert_eq!(links.problems().len(), 2);
    for problem in links.problems() {
        assert_eq!(problem.code().as_str(), "lti.link.malformed");
        assert!(problem.to_string().starts_with("lti.link.malformed: "));
    }
}

#[test]
fn a_header_named_rel_next_is_not_a_link() {
    // atomic-lti looked for a header literally named rel="next"; only Link fields hold links.
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-rel-next",
        HeaderValue::from_static("<https://lms.example.edu/l?page=2>"),
    );
    let links = Links::from_headers(&headers, &base(), &Limits::default()).unwrap();
    assert!(links.is_empty() && links.next().is_none());
}

#[test]
fn a_link_about_another_resource_is_not_this_responses_next() {
    let links = parse(r#"<https://lms.example.edu/l?page=2>; rel=next; anchor="/other""#);
    assert_eq!(links.len(), 1);
    assert_eq!(links.next(), None);
}

#[test]
fn link_headers_over_the_byte_limit_are_refused() {
    let limits = Limits::default().with_max_link_header_bytes(64);
    let value = format!("<https://lms.example.edu/{}>; rel=next", "a".repeat(100));
    let error = Links::parse(&value, &base(), &limits).unwrap_err();
    assert!(matches!(error, LinkError::TooLarge { .. }));
    assert_eq!(error.code().as_str(), "lti.link.too-large");
}

#[test]
fn more_links_than_the_limit_are_refused() {
    let limits = Limits::default().with_max_links(3);
    let value = ["<https://lms.example.edu/x>; rel=item"; 4].join(", ");
    let error = Links::parse(&value, &base(), &limits).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.link.too-many");
}

#[test]
fn page_links_written_by_a_platform_read_back() {
    let written = PageLinks::new()
        .with_next(Url::parse("https://lms.example.edu/l?page=2").unwrap())
        .with_first(Url::parse("https://lms.example.edu/l?page=1").unwrap())
        .with_differences(Url::parse("https://lms.example.edu/m?since=42").unwrap());
    let value = written.header_value().unwrap();
    let links = parse(value.to_str().unwrap());
    assert_eq!(links.next(), written.next.as_ref());
    assert_eq!(links.first(), written.first.as_ref());
    assert_eq!(links.differences(), written.differences.as_ref());
    assert_eq!(PageLinks::new().header_value(), None);
}

fn pager() -> Pager {
    Pager::new(&base(), &Limits::default())
}

#[test]
fn a_next_link_to_another_host_is_refused() {
    let links = parse("<https://attacker.example/collect>; rel=next");
    let error = pager().next_url(&links, 1).unwrap_err();
    assert!(matches!(error, PagingError::CrossOrigin { .. }));
    assert_eq!(error.code().as_str(), "lti.paging.cross-origin");
}

#[test]
fn a_next_link_downgrading_to_http_or_another_port_is_refused() {
    for next in [
        "<http://lms.example.edu/l?page=2>; rel=next",
        "<https://lms.example.edu:8443/l?page=2>; rel=next",
    ] {
        let error = pager().next_url(&parse(next), 1).unwrap_err();
        assert_eq!(error.code().as_str(), "lti.paging.cross-origin", "{next}");
    }
}

#[test]
fn a_page_loop_is_refused() {
    let mut pager = pager();
    let page2 = pager
        .next_url(&parse("<https://lms.example.edu/l?page=2>; rel=next"), 1)
        .unwrap()
        .unwrap();
    assert_eq!(page2.as_str(), "https://lms.example.edu/l?page=2");
    let error = pager
        .next_url(&parse(&format!("<{}>; rel=next", base())), 1)
        .unwrap_err();
    assert!(matches!(error, PagingError::Loop { .. }));
    assert_eq!(error.code().as_str(), "lti.paging.loop");
}

#[test]
fn a_next_link_to_the_same_page_is_a_loop() {
    let mut pager = pager();
    let url = pager
        .next_url(&parse("<https://lms.example.edu/l?page=2>; rel=next"), 1)
        .unwrap()
        .unwrap();
    let again = Links::parse("<?page=2>; rel=next", &url, &Limits::default()).unwrap();
    assert_eq!(
        pager.next_url(&again, 1).unwrap_err().code().as_str(),
        "lti.paging.loop"
    );
}

#[test]
fn pages_beyond_the_limit_are_refused() {
    let mut pager = Pager::new(&base(), &Limits::default().with_max_pages(2));
    assert!(
        pager
            .next_url(&parse("<https://lms.example.edu/l?page=2>; rel=next"), 1)
            .unwrap()
            .is_some()
    );
    let error = pager
        .next_url(&parse("<https://lms.example.edu/l?page=3>; rel=next"), 1)
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.paging.too-many-pages");
    assert_eq!(pager.pages(), 2);
}

#[test]
fn items_beyond_the_limit_are_refused() {
    let mut pager = Pager::new(&base(), &Limits::default().with_max_paged_items(10));
    let next = parse("<https://lms.example.edu/l?page=2>; rel=next");
    assert!(pager.next_url(&next, 6).unwrap().is_some());
    let error = pager.next_url(&Links::default(), 6).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.paging.too-many-items");
}

#[test]
fn a_malformed_link_on_a_page_without_next_stops_with_its_code() {
    // The bad value may have been the next link: stopping quietly would drop pages.
    let links = parse(r#"<https://lms.example.edu/l?page=2>; rel="next"#);
    assert!(links.next().is_none());
    let error = pager().next_url(&links, 1).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.link.malformed");
}

#[test]
fn the_last_page_ends_the_listing() {
    let mut pager = pager();
    let last = parse(r#"<https://lms.example.edu/l?page=1>; rel="first""#);
    assert_eq!(pager.next_url(&last, 1).unwrap(), None);
    assert_eq!((pager.pages(), pager.items()), (1, 1));
}

#[test]
fn arbitrary_link_values_never_panic_or_hang() {
    // A small deterministic generator over the characters the grammar cares about.
    let alphabet: Vec<char> = "<>;=,\" \t\\/:?#abcRELnext%é\u{0}".chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let limits = Limits::default();
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let length = (state % 40) as usize;
        let mut text = String::new();
        let mut s = state;
        for _ in 0..length {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            text.push(alphabet[(s >> 33) as usize % alphabet.len()]);
        }
        if let Ok(links) = Links::parse(&text, &base(), &limits) {
            let _ = (links.next(), links.problems().len());
            let _ = Pager::new(&base(), &limits).next_url(&links, 1);
        }
    }
}
