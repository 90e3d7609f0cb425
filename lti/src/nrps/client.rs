//! The tool's side of NRPS.

use http::{Request, Response};
use url::Url;

use super::model::MembershipContainer;
use crate::Limits;
use crate::claims::Role;
use crate::paging::Page;
use crate::services::call::{Call, append_query, service_call};
use crate::services::{BuildRequestError, MEMBERSHIP_CONTAINER_MEDIA_TYPE, ServiceError};

/// The filters of a membership request (NRPS 2.0), read by [`ListMembers`] and by the platform's
/// [`MembersRequest`](super::MembersRequest).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MembersQuery {
    /// `rlid`: the members who can access this resource link, with its `message` claims.
    pub rlid: Option<String>,
    /// `role`: only the members with this role.
    pub role: Option<Role>,
    /// `limit`: at most this many members per page.
    pub limit: Option<u32>,
    /// Other parameters (the platform's own paging, `since` of a `differences` link), in order.
    pub other: Vec<(String, String)>,
}

impl MembersQuery {
    /// Sets `rlid`.
    #[must_use]
    pub fn with_rlid(mut self, rlid: impl Into<String>) -> Self {
        self.rlid = Some(rlid.into());
        self
    }

    /// Sets `role`.
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Self {
        self.role = Some(role);
        self
    }

    /// Sets `limit`.
    #[must_use]
    pub fn with_limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// `GET` the context's membership (NRPS 2.0). The answer is one page; its links hold `next` and, on
/// the last page, `differences`.
#[derive(Clone, Debug)]
pub struct ListMembers {
    url: Url,
    limits: Limits,
}

impl ListMembers {
    /// The first page: `context_memberships_url` with the filters appended to its query.
    pub fn new(context_memberships_url: &Url, query: &MembersQuery) -> Self {
        let mut url = context_memberships_url.clone();
        let limit = query.limit.map(|limit| limit.to_string());
        append_query(
            &mut url,
            [
                ("rlid", query.rlid.as_deref()),
                ("role", query.role.as_ref().map(Role::as_str)),
                ("limit", limit.as_deref()),
            ],
        );
        let other = query.other.iter();
        append_query(
            &mut url,
            other.map(|(name, value)| (name.as_str(), Some(value.as_str()))),
        );
        if url.query() == Some("") {
            url.set_query(None);
        }
        Self {
            url,
            limits: Limits::default(),
        }
    }

    /// The request: `GET`, `Authorization: Bearer`,
    /// `Accept: application/vnd.ims.lti-nrps.v2.membershipcontainer+json`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError`] for a bad URL or token.
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        self.get(access_token, MEMBERSHIP_CONTAINER_MEDIA_TYPE)
    }

    /// Reads one page of the membership container and its links.
    ///
    /// # Errors
    ///
    /// [`ServiceError`]: status, media type, size, JSON, shape, `Link` headers.
    pub fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<Page<MembershipContainer>, ServiceError> {
        let (container, links) = self.read_document(
            &response,
            MEMBERSHIP_CONTAINER_MEDIA_TYPE,
            "membership container",
        )?;
        Ok(Page::new(container, links))
    }
}

service_call!(
    ListMembers,
    paged MembershipContainer,
    |items| items.members.len(),
    "A later page or the differences: `url` (a `next` or `differences` link) exactly as given."
);
