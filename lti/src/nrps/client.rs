//! The tool's side of NRPS.

use http::{Method, Request, Response};
use url::Url;

use super::model::MembershipContainer;
use crate::Limits;
use crate::claims::Role;
use crate::paging::{Page, PagedCall};
use crate::services::{
    BuildRequestError, MEMBERSHIP_CONTAINER_MEDIA_TYPE, ServiceError, bearer_request, from_value,
    read_response,
};

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
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(rlid) = &query.rlid {
                pairs.append_pair("rlid", rlid);
            }
            if let Some(role) = &query.role {
                pairs.append_pair("role", role.as_str());
            }
            if let Some(limit) = query.limit {
                pairs.append_pair("limit", &limit.to_string());
            }
            for (name, value) in &query.other {
                pairs.append_pair(name, value);
            }
        }
        if url.query() == Some("") {
            url.set_query(None);
        }
        Self {
            url,
            limits: Limits::default(),
        }
    }

    /// A later page or the differences: `url` (a `next` or `differences` link) exactly as given.
    pub fn page(url: Url) -> Self {
        Self {
            url,
            limits: Limits::default(),
        }
    }

    /// Reads the response under `limits` instead of the defaults.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The URL the request goes to.
    pub fn url(&self) -> &Url {
        &self.url
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
        bearer_request(
            Method::GET,
            &self.url,
            access_token,
            Some(MEMBERSHIP_CONTAINER_MEDIA_TYPE),
            None,
        )
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
        let (value, links) = read_response(
            &response,
            Some(MEMBERSHIP_CONTAINER_MEDIA_TYPE),
            &self.url,
            &self.limits,
        )?;
        let container =
            from_value(value.unwrap_or_default()).map_err(|reason| ServiceError::Shape {
                expected: "membership container",
                reason,
            })?;
        Ok(Page::new(container, links))
    }
}

impl PagedCall for ListMembers {
    type Items = MembershipContainer;

    fn url(&self) -> &Url {
        &self.url
    }

    fn for_page(&self, url: Url) -> Self {
        Self {
            url,
            limits: self.limits.clone(),
        }
    }

    fn to_http_request(&self, access_token: &str) -> Result<Request<Vec<u8>>, BuildRequestError> {
        Self::to_http_request(self, access_token)
    }

    fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<Page<Self::Items>, ServiceError> {
        Self::parse_http_response(self, response)
    }

    fn item_count(items: &Self::Items) -> usize {
        items.members.len()
    }
}
