//! An LTI 1.3 launch over real HTTP on loopback, with `std::net` only: a tool server, a platform server
//! and a scripted browser between them. Each server answers a fixed number of requests with timeouts,
//! so the example always stops by itself.
//!
//! The tool keeps no session store: the login state travels in a cookie, sealed with HMAC
//! (`StateSealer`), and the nonce store catches replays.
//!
//! Run with `cargo run -p learnwire-examples --example launch_over_http`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use chrono::Utc;
use learnwire_lti::keys::{KeySet, KeySetOptions, SigningKey};
use learnwire_lti::launch::{LaunchForm, LaunchVerifier};
use learnwire_lti::login::{LoginInitiation, StateSealer, start_login};
use learnwire_lti::platform::{LaunchMessage, ToolAuthRequest, ToolRegistration};
use learnwire_lti::{InMemoryNonceStore, Limits, PlatformRegistration};
use url::Url;

type Error = Box<dyn std::error::Error + Send + Sync>;
/// A response as the browser sees it: status, lower-cased headers, body.
type Fetched = (u16, BTreeMap<String, String>, Vec<u8>);

const PLATFORM: &str = "https://lms.example.edu";
const CLIENT_ID: &str = "tool-client-1";
const MAX_MESSAGE: u64 = 256 * 1024;

/// A request as the servers see it.
struct Request {
    method: String,
    target: String,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

fn main() -> Result<(), Error> {
    let tool_listener = TcpListener::bind("127.0.0.1:0")?;
    let platform_listener = TcpListener::bind("127.0.0.1:0")?;
    let tool_base = format!("http://{}", tool_listener.local_addr()?);
    let platform_base = format!("http://{}", platform_listener.local_addr()?);

    // Keys and registrations.
    let platform_key = SigningKey::generate(None)?;
    let jwks = serde_json::json!({ "keys": [platform_key.public_jwk()] }).to_string();
    let launch_url = Url::parse(&format!("{tool_base}/launch"))?;
    let mut registration = PlatformRegistration::new(
        PLATFORM,
        CLIENT_ID,
        Url::parse(&format!("{platform_base}/auth"))?,
        launch_url.clone(),
        Arc::new(KeySet::from_jwks(
            jwks.as_bytes(),
            &KeySetOptions::default(),
        )?),
    );
    registration
        .deployment_ids
        .insert("deployment-1".to_owned());
    let mut tool = ToolRegistration::new(
        CLIENT_ID,
        vec![launch_url.to_string()],
        Arc::new(KeySet::default()),
    );
    tool.deployment_ids.insert("deployment-1".to_owned());

    // The tool: GET /login, then POST /launch.
    let sealer = StateSealer::generate()?;
    let nonces = InMemoryNonceStore::default();
    let tool_server = thread::spawn(move || {
        serve(&tool_listener, 2, |request| {
            match (request.method.as_str(), path(&request.target)) {
                ("GET", "/login") => {
                    let query = request
                        .target
                        .split_once('?')
                        .map(|(_, q)| q)
                        .unwrap_or_default();
                    let initiation = LoginInitiation::from_query(query, &Limits::default())?;
                    let (auth, state) = start_login(
                        &initiation,
                        |iss, _| (iss == registration.issuer).then_some(&registration),
                        Utc::now(),
                    )?;
                    let mut response = auth.to_http_response();
                    let cookie = format!(
                        "lti_state={}; HttpOnly; SameSite=None; Path=/launch",
                        sealer.seal(&state)?
                    );
                    response
                        .headers_mut()
                        .insert(http::header::SET_COOKIE, cookie.parse()?);
                    Ok(response)
                }
                ("POST", "/launch") => {
                    let cookie = request
                        .headers
                        .get("cookie")
                        .and_then(|c| c.strip_prefix("lti_state="))
                        .unwrap_or_default();
                    let state = sealer.open(cookie, Utc::now())?;
                    let form = LaunchForm::parse(&request.body, &Limits::default())?;
                    // The same lookup as at login: one verifier serves every registered platform.
                    let launch = LaunchVerifier::new().verify(
                        |iss, _| (iss == registration.issuer).then_some(&registration),
                        &form,
                        &state,
                        &nonces,
                        Utc::now(),
                    )?;
                    let body = format!(
                        "Welcome, {}! ({})\n",
                        launch.subject().unwrap_or("anonymous"),
                        launch.message_type()
                    );
                    Ok(http::Response::new(body.into_bytes()))
                }
                _ => Ok(status(404)),
            }
        })
    });

    // The platform: GET /auth answers with the auto-submitting form.
    let platform_server = thread::spawn(move || {
        serve(&platform_listener, 1, |request| {
            let query = request
                .target
                .split_once('?')
                .map(|(_, q)| q)
                .unwrap_or_default();
            let checked = ToolAuthRequest::parse(query.as_bytes(), &Limits::default())?.check(
                |id| (id == tool.client_id).then_some(&tool),
                |hint, _| (hint == "user-42").then(|| hint.to_owned()),
            )?;
            let message = LaunchMessage::resource_link(
                "deployment-1",
                checked.redirect_uri(),
                "resource-link-1",
                ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            )
            .subject(checked.user());
            Ok(message
                .sign(PLATFORM, &platform_key, &checked, Utc::now())?
                .form_post()
                .to_http_response())
        })
    });

    // The browser.
    let login = format!(
        "{tool_base}/login?iss={}&login_hint=user-42&target_link_uri={}&client_id={CLIENT_ID}",
        encode(PLATFORM),
        encode(launch_url.as_str())
    );
    let (code, headers, _) = fetch("GET", &login, None, &[])?;
    println!("browser: GET /login -> {code}");
    let location = headers.get("location").ok_or("no redirect")?.clone();
    let cookie = headers
        .get("set-cookie")
        .and_then(|c| c.split(';').next())
        .ok_or("no cookie")?
        .to_owned();
    let (code, _, html) = fetch("GET", &location, None, &[])?;
    println!("browser: GET platform /auth -> {code}, an auto-submitting form");
    let fields = hidden_inputs(&String::from_utf8_lossy(&html));
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&fields)
        .finish();
    let (code, _, page) = fetch(
        "POST",
        launch_url.as_str(),
        Some(body.as_bytes()),
        &[("Cookie", &cookie)],
    )?;
    println!(
        "browser: POST /launch -> {code}: {}",
        String::from_utf8_lossy(&page).trim()
    );

    tool_server.join().map_err(|_| "tool server panicked")??;
    platform_server
        .join()
        .map_err(|_| "platform server panicked")??;
    if code != 200 {
        return Err("the launch was refused".into());
    }
    Ok(())
}

/// Answers exactly `count` requests, then returns. Errors become 400 answers naming the error.
fn serve(
    listener: &TcpListener,
    count: usize,
    mut handler: impl FnMut(Request) -> Result<http::Response<Vec<u8>>, Error>,
) -> Result<(), Error> {
    for _ in 0..count {
        let (mut stream, _) = listener.accept()?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let response = match read_request(&stream) {
            Ok(request) => handler(request).unwrap_or_else(|error| {
                let mut response = status(400);
                *response.body_mut() = format!("refused: {error}\n").into_bytes();
                response
            }),
            Err(_) => status(400),
        };
        write_response(&mut stream, &response)?;
    }
    Ok(())
}

fn read_request(stream: &TcpStream) -> Result<Request, Error> {
    let mut reader = BufReader::new(stream.take(MAX_MESSAGE));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default().to_owned(),
        parts.next().unwrap_or_default().to_owned(),
    );
    let headers = read_headers(&mut reader)?;
    let length: u64 = headers
        .get("content-length")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut body = Vec::new();
    reader
        .take(length.min(MAX_MESSAGE))
        .read_to_end(&mut body)?;
    Ok(Request {
        method,
        target,
        headers,
        body,
    })
}

fn read_headers(reader: &mut impl BufRead) -> Result<BTreeMap<String, String>, Error> {
    let mut headers = BTreeMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            return Ok(headers);
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
}

fn write_response(stream: &mut TcpStream, response: &http::Response<Vec<u8>>) -> Result<(), Error> {
    let mut head = format!("HTTP/1.1 {}\r\n", response.status());
    for (name, value) in response.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str()?));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        response.body().len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(response.body())?;
    Ok(())
}

/// A one-request HTTP/1.1 client: (status, lower-cased headers, body).
fn fetch(
    method: &str,
    url: &str,
    body: Option<&[u8]>,
    extra: &[(&str, &str)],
) -> Result<Fetched, Error> {
    let url = Url::parse(url)?;
    let address: SocketAddr = format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port().unwrap_or(80)
    )
    .parse()?;
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let target = &url[url::Position::BeforePath..];
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in extra {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    stream.write_all(body.unwrap_or_default())?;
    let mut reader = BufReader::new(stream.take(MAX_MESSAGE));
    let mut status_line = String::new();
    reader.read_line(&mut status_line)?;
    let code = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or("bad status line")?;
    let headers = read_headers(&mut reader)?;
    let mut body = Vec::new();
    reader.read_to_end(&mut body)?;
    Ok((code, headers, body))
}

/// The `name`/`value` pairs of the form's hidden inputs (values are base64url and URLs here, so
/// unescaping `&amp;` is all that is needed).
fn hidden_inputs(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" ")
        .skip(1)
        .filter_map(|input| {
            let name = input.split("name=\"").nth(1)?.split('"').next()?;
            let value = input.split("value=\"").nth(1)?.split('"').next()?;
            Some((name.to_owned(), value.replace("&amp;", "&")))
        })
        .collect()
}

fn path(target: &str) -> &str {
    target.split('?').next().unwrap_or_default()
}

fn status(code: u16) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() =
        http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::BAD_REQUEST);
    response
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
