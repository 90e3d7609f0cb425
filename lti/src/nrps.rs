//! Names and Role Provisioning Services 2.0 (<https://www.imsglobal.org/spec/lti-nrps/v2p0>), both
//! ways, sans-IO: a tool builds the membership request ([`ListMembers`]) and reads a page of the
//! [`MembershipContainer`]; a platform reads the request ([`MembersRequest`]) and answers with a
//! [`MembersResponse`].
//!
//! | Call | Tool: build, read | Platform: read, answer |
//! |---|---|---|
//! | members of the context (`rlid`, `role`, `limit`, paged, `differences` link) | [`ListMembers`] → [`Page`](crate::paging::Page)`<MembershipContainer>` | [`MembersRequest`], [`MembersResponse`] |
//!
//! The media type is `application/vnd.ims.lti-nrps.v2.membershipcontainer+json`; the scope the
//! platform checks is [`NRPS_SCOPE`].
//!
//! # Example
//!
//! ```
//! use learnwire_lti::nrps::{ListMembers, MembersQuery};
//! use learnwire_lti::{Url, http};
//!
//! let url = Url::parse("https://lms.example.edu/api/lti/courses/1/names_and_roles")?;
//! let call = ListMembers::new(&url, &MembersQuery::default().with_limit(2));
//! let response = http::Response::builder()
//!     .header("content-type", "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
//!     .header("link", "<https://lms.example.edu/api/lti/courses/1/names_and_roles?page=2&limit=2>; rel=next")
//!     .body(br#"{"id":"x","context":{"id":"c1"},"members":[{"user_id":"u1","roles":["Learner"]}]}"#.to_vec())?;
//! let page = call.parse_http_response(response)?;
//! assert_eq!(page.items.members[0].user_id.as_str(), "u1");
//! assert!(page.links.next().is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod client;
mod model;
mod server;

pub use client::{ListMembers, MembersQuery};
pub use model::{Member, MemberStatus, MembershipContainer};
pub use server::{MembersRequest, MembersResponse, NRPS_SCOPE};
