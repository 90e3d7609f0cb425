//! The auto-submitting HTML form that carries a signed message through the browser (OIDC form post).

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use url::Url;

/// The script that submits the form; its hash goes into the Content-Security-Policy.
const SUBMIT_SCRIPT: &str = "document.forms[0].submit();";

/// An HTML page that posts `fields` to `action` as soon as it loads (with a button when scripts are off).
/// Every value is HTML-escaped.
///
/// # Example
///
/// ```
/// use learnwire_lti::platform::FormPost;
///
/// let post = FormPost::new(url::Url::parse("https://tool.example.com/launch")?, vec![
///     ("id_token".to_owned(), "a.b.c".to_owned()),
///     ("state".to_owned(), "\"><script>".to_owned()),
/// ]);
/// let html = post.to_html();
/// assert!(html.contains("&quot;&gt;&lt;script&gt;"));
/// assert_eq!(post.to_http_response().status(), 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormPost {
    /// Where the form posts.
    pub action: Url,
    /// The fields, in order.
    pub fields: Vec<(String, String)>,
}

impl std::fmt::Debug for FormPost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.fields.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("FormPost")
            .field("action", &self.action.as_str())
            .field("fields", &names)
            .finish()
    }
}

impl FormPost {
    /// A form post.
    pub fn new(action: Url, fields: Vec<(String, String)>) -> Self {
        Self { action, fields }
    }

    /// The HTML page.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(
            512 + self
                .fields
                .iter()
                .map(|(n, v)| n.len() + v.len())
                .sum::<usize>(),
        );
        html.push_str(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Continue</title></head>\n",
        );
        html.push_str("<body><form method=\"post\" action=\"");
        escape_into(&mut html, self.action.as_str());
        html.push_str("\">\n");
        for (name, value) in &self.fields {
            html.push_str("<input type=\"hidden\" name=\"");
            escape_into(&mut html, name);
            html.push_str("\" value=\"");
            escape_into(&mut html, value);
            html.push_str("\">\n");
        }
        html.push_str("<noscript><button type=\"submit\">Continue</button></noscript>\n</form>\n");
        let _ = write!(html, "<script>{SUBMIT_SCRIPT}</script>\n</body></html>\n");
        html
    }

    /// A `200 OK` response with the page, `Cache-Control: no-store`, and a Content-Security-Policy that
    /// allows only this page's submit script and form posts to the action's origin.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.to_html().into_bytes());
        let script_hash = STANDARD.encode(Sha256::digest(SUBMIT_SCRIPT.as_bytes()));
        let origin = self.action.origin().ascii_serialization();
        let csp =
            format!("default-src 'none'; script-src 'sha256-{script_hash}'; form-action {origin}");
        let headers = response.headers_mut();
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
        headers.insert(
            http::header::REFERRER_POLICY,
            http::HeaderValue::from_static("no-referrer"),
        );
        if let Ok(value) = http::HeaderValue::from_str(&csp) {
            headers.insert(http::header::CONTENT_SECURITY_POLICY, value);
        }
        response
    }
}

/// Escapes text for an HTML attribute value or text node.
fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}
