//! `Accept-Language` (RFC 9110 §12.5.4, RFC 4647 basic filtering) applied to one language map at a time
//! (Communication §2.1.3 "Language Filtering Requirements for Canonical Format Statements").

use serde_json::{Map, Value};

/// Most language ranges read from one header.
const MAX_RANGES: usize = 32;

/// A parsed `Accept-Language` header: language ranges with their quality.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AcceptLanguage {
    ranges: Vec<(String, f32)>,
}

impl AcceptLanguage {
    /// Parses a header value such as `fr-CA, fr;q=0.8, *;q=0.1`. Malformed entries are skipped; at most 32
    /// ranges are read. An empty or absent header prefers nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_xapi::lrs::AcceptLanguage;
    /// use serde_json::json;
    ///
    /// let accept = AcceptLanguage::parse("fr-CA, en;q=0.5");
    /// let map = json!({"en-US": "answered", "fr-FR": "répondu"});
    /// assert_eq!(accept.best_key(map.as_object().unwrap()), Some("en-US"));
    /// let map = json!({"en-US": "answered", "fr-CA": "a répondu"});
    /// assert_eq!(accept.best_key(map.as_object().unwrap()), Some("fr-CA"));
    /// ```
    pub fn parse(header: &str) -> Self {
        let mut ranges = Vec::new();
        for item in header.split(',').take(MAX_RANGES) {
            let mut pieces = item.split(';');
            let range = pieces.next().unwrap_or("").trim();
            let valid_range = range == "*"
                || (!range.is_empty()
                    && range.split('-').all(|sub| {
                        (1..=8).contains(&sub.len())
                            && sub.bytes().all(|b| b.is_ascii_alphanumeric())
                    }));
            if !valid_range {
                continue;
            }
            let mut quality = 1.0f32;
            for param in pieces {
                if let Some(q) = param.trim().strip_prefix("q=") {
                    quality = q
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))
                        .unwrap_or(-1.0);
                }
            }
            if quality >= 0.0 {
                ranges.push((range.to_ascii_lowercase(), quality));
            }
        }
        Self { ranges }
    }

    /// The quality of `tag`: that of the longest matching range (RFC 2616 §14.4); `*` matches any tag; 0
    /// when no range matches.
    pub fn quality(&self, tag: &str) -> f32 {
        let tag = tag.to_ascii_lowercase();
        let mut best: Option<(usize, f32)> = None;
        for (range, quality) in &self.ranges {
            let length = if range == "*" {
                0
            } else if tag == *range
                || (tag.starts_with(range.as_str())
                    && tag.as_bytes().get(range.len()) == Some(&b'-'))
            {
                range.len()
            } else {
                continue;
            };
            if best.is_none_or(|(longest, _)| length > longest) {
                best = Some((length, *quality));
            }
        }
        best.map_or(0.0, |(_, quality)| quality)
    }

    /// The key of `map` to keep: the highest quality above 0, ties to the earlier key; with no
    /// acceptable key, `und` if present, else the first key (so one entry is always returned).
    pub fn best_key<'m>(&self, map: &'m Map<String, Value>) -> Option<&'m str> {
        let mut best: Option<(&str, f32)> = None;
        for key in map.keys() {
            let quality = self.quality(key);
            if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((key.as_str(), quality));
            }
        }
        best.map(|(key, _)| key)
            .or_else(|| {
                map.keys()
                    .find(|key| key.eq_ignore_ascii_case("und"))
                    .map(String::as_str)
            })
            .or_else(|| map.keys().next().map(String::as_str))
    }

    /// Reduces a language map to its best entry (a non-object value is left alone).
    pub fn filter_map(&self, value: &mut Value) {
        let Value::Object(map) = value else {
            return;
        };
        let Some(key) = self.best_key(map).map(str::to_owned) else {
            return;
        };
        map.retain(|name, _| *name == key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_range_wins() {
        let accept = AcceptLanguage::parse("en;q=0.2, en-GB;q=0.9, *;q=0.1, bad range, de;q=x");
        assert_eq!(accept.quality("en-GB"), 0.9);
        assert_eq!(accept.quality("en-US"), 0.2);
        assert_eq!(accept.quality("ja"), 0.1);
        assert_eq!(accept.quality("de"), 0.1);
        assert_eq!(AcceptLanguage::parse("").quality("en"), 0.0);
        assert_eq!(AcceptLanguage::parse("en").quality("eng"), 0.0);
    }
}
