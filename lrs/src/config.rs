//! The server's own configuration: what `learnwire-xapi`'s `Limits` do not cover because it is the
//! server's answer, not a bound on what it reads (the query page size), and where it keeps its data.

use learnwire_xapi::XapiVersion;

/// The default [`Config::page_size`]: 100 statements per `GET /statements` answer.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// How an LRS is set up. Private fields; build with [`Config::new`] and the `with_*` setters.
///
/// ```
/// use learnwire_lrs::Config;
///
/// let config = Config::new("lrs.sqlite", "U", "P").with_page_size(250);
/// assert_eq!(config.page_size(), 250);
/// ```
#[derive(Clone)]
pub struct Config {
    db: String,
    user: String,
    password: String,
    xapi_versions: Vec<XapiVersion>,
    page_size: u64,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("db", &self.db)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("xapi_versions", &self.xapi_versions)
            .field("page_size", &self.page_size)
            .finish()
    }
}

impl Config {
    /// A server on the SQLite database at `db` (created when missing), with HTTP Basic credentials
    /// `user`/`password`, serving 1.0.3 and 2.0.0, pages of [`DEFAULT_PAGE_SIZE`] statements.
    #[must_use]
    pub fn new(
        db: impl Into<String>,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        Self {
            db: db.into(),
            user: user.into(),
            password: password.into(),
            xapi_versions: vec![XapiVersion::V1_0_3, XapiVersion::V2_0_0],
            page_size: DEFAULT_PAGE_SIZE,
        }
    }

    /// The SQLite database file.
    #[must_use]
    pub fn db(&self) -> &str {
        &self.db
    }

    /// The HTTP Basic user name (also the name in the `authority` of stored statements).
    #[must_use]
    pub fn user(&self) -> &str {
        &self.user
    }

    pub(crate) fn password(&self) -> &str {
        &self.password
    }

    /// The xAPI versions served (default 1.0.3 and 2.0.0). A request without
    /// `X-Experience-API-Version` is refused and labelled with the latest.
    #[must_use]
    pub fn xapi_versions(&self) -> &[XapiVersion] {
        &self.xapi_versions
    }

    /// Serves `versions` only.
    #[must_use]
    pub fn with_xapi_versions(mut self, versions: &[XapiVersion]) -> Self {
        self.xapi_versions = versions.to_vec();
        self
    }

    /// The most statements one `GET /statements` answer holds (default [`DEFAULT_PAGE_SIZE`], 100): a
    /// query with `limit=0` or no `limit` gets pages of this size, a larger `limit` is cut to it, and
    /// the rest is reached through `more` (xAPI Communication 2.1.3: `limit` 0 means "the server
    /// maximum").
    #[must_use]
    pub fn page_size(&self) -> u64 {
        self.page_size
    }

    /// Sets [`Config::page_size`]; 0 is read as 1 (a page always holds a statement, or `more` would
    /// never advance).
    #[must_use]
    pub fn with_page_size(mut self, value: u64) -> Self {
        self.page_size = value.max(1);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_defaults_to_100_and_is_configurable() {
        let config = Config::new("db", "u", "p");
        assert_eq!(config.page_size(), 100);
        assert_eq!(config.with_page_size(7).page_size(), 7);
        assert_eq!(Config::new("db", "u", "p").with_page_size(0).page_size(), 1);
    }

    #[test]
    fn debug_does_not_show_the_password() {
        let shown = format!("{:?}", Config::new("db", "u", "hunter2"));
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
