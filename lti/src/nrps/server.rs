//! The platform's side of NRPS.

use http::{Request, Response, StatusCode};

use super::client::MembersQuery;
use super::model::{Member, MembershipContainer};
use crate::Limits;
use crate::claims::{Role, RoleKind};
use crate::paging::PageLinks;
use crate::service_token::Scope;
use crate::services::{
    MEMBERSHIP_CONTAINER_MEDIA_TYPE, ServiceRequestError, check_request, json_response,
    parse_limit, query_pairs,
};

/// The NRPS scope: `https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly`. The
/// same value as [`Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY`], where it is defined (next to the AGS
/// scopes); either name may be used.
pub const NRPS_SCOPE: &str = Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY;

const METHODS: &[&str] = &["GET"];

/// A membership request a platform received, read and checked.
///
/// # Example
///
/// ```
/// use learnwire_lti::nrps::MembersRequest;
/// use learnwire_lti::{Limits, http};
///
/// let request = http::Request::get("https://lms.example.edu/memberships?rlid=rl-1&role=Learner&limit=10")
///     .header("authorization", "Bearer t")
///     .body(Vec::new())?;
/// let read = MembersRequest::from_http_request(&request, &Limits::default())?;
/// assert!(read.query.role.as_ref().unwrap().is_learner());
/// assert_eq!(read.required_scope(), learnwire_lti::nrps::NRPS_SCOPE);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MembersRequest {
    /// The filters: `rlid`, `role` (read in the crate's role vocabulary: a short `Learner` and the
    /// full URI compare alike with [`Role::kind`]), `limit`, and the other parameters.
    pub query: MembersQuery,
}

impl MembersRequest {
    /// Reads the request: `GET` only (405), a bearer token present (401), `Accept` allowing the
    /// membership container (406), `rlid`, `role` and `limit` at most once each and `limit` a whole
    /// number above zero, the query at most [`Limits::max_query_bytes`] long (400).
    ///
    /// # Errors
    ///
    /// A [`ServiceRequestError`]; answer with its
    /// [`to_http_response`](ServiceRequestError::to_http_response).
    pub fn from_http_request(
        request: &Request<Vec<u8>>,
        limits: &Limits,
    ) -> Result<Self, ServiceRequestError> {
        check_request(request, METHODS, Some(MEMBERSHIP_CONTAINER_MEDIA_TYPE))?;
        let mut query = MembersQuery::default();
        for (name, value) in query_pairs(request, &["rlid", "role", "limit"], limits)? {
            match name.as_str() {
                "rlid" => query.rlid = Some(value),
                "role" => query.role = Some(Role::parse(value)),
                "limit" => query.limit = Some(parse_limit(&value)?),
                _ => query.other.push((name, value)),
            }
        }
        Ok(Self { query })
    }

    /// The scope the access token must grant: [`NRPS_SCOPE`].
    pub fn required_scope(&self) -> &'static str {
        NRPS_SCOPE
    }

    /// Whether `member` passes the `role` filter: no filter, or one of the member's roles is the same
    /// role (compared by meaning, so `Learner`, `urn:lti:role:ims/lis/Learner` and the full LIS URI
    /// match each other; an unrecognized role only by its exact text).
    pub fn role_matches(&self, member: &Member) -> bool {
        let Some(wanted) = &self.query.role else {
            return true;
        };
        member.roles.iter().any(|role| {
            role.as_str() == wanted.as_str()
                || (*role.kind() != RoleKind::Unrecognized && role.kind() == wanted.kind())
        })
    }
}

/// A platform's answer to a [`MembersRequest`]: one page of the membership container and its links
/// (`next` while pages follow, `differences` when the platform keeps changes).
///
/// # Example
///
/// ```
/// use learnwire_lti::claims::{Context, ContextRole, Role};
/// use learnwire_lti::nrps::{Member, MembersResponse, MembershipContainer};
/// use learnwire_lti::paging::PageLinks;
///
/// let member = Member::new("u1".try_into()?, vec![Role::from(ContextRole::Learner)]);
/// let page = MembershipContainer::new("https://lms.example.edu/m", Context::new("c1".try_into()?), vec![member]);
/// let answer = MembersResponse::new(page, PageLinks::new()).to_http_response();
/// assert_eq!(answer.headers()["content-type"], "application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MembersResponse {
    /// The page.
    pub container: MembershipContainer,
    /// Its links.
    pub links: PageLinks,
}

impl MembersResponse {
    /// A page with its links.
    pub fn new(container: MembershipContainer, links: PageLinks) -> Self {
        Self { container, links }
    }

    /// The HTTP response: 200, the media type, the JSON body, the `Link` header.
    pub fn to_http_response(&self) -> Response<Vec<u8>> {
        let mut response = json_response(
            StatusCode::OK,
            MEMBERSHIP_CONTAINER_MEDIA_TYPE,
            &self.container,
        );
        self.links.apply(&mut response);
        response
    }
}
