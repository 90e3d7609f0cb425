//! Element names: dot notation with decimal indices (rules P-01, P-10), turned into a template of the
//! data model (`n` for indices) and the steps to walk the attempt's records.

use super::types::is_uri_identifier;

/// A parsed element name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Path {
    /// The template: indices replaced by `n`, a navigation target by `{target=}`.
    pub(crate) template: String,
    /// The collections walked: key (`cmi.interactions` at the root, `objectives` inside a record) and
    /// index (`usize::MAX` when too large).
    pub(crate) steps: Vec<(String, usize)>,
    /// The key of the value in the innermost record (`id`, or `cmi.score.raw` at the root).
    pub(crate) leaf: String,
    /// An index was written with a leading zero (`01`).
    pub(crate) leading_zero: bool,
    /// The last segment is `_children`, `_count` or `_version`.
    pub(crate) keyword: Option<Keyword>,
}

/// The three keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keyword {
    Children,
    Count,
    Version,
}

impl Path {
    /// Parses `name`; `None` when it cannot name any element (empty segment, no root).
    pub(crate) fn parse(name: &str) -> Option<Self> {
        for prefix in [
            "adl.nav.request_valid.choice.",
            "adl.nav.request_valid.jump.",
        ] {
            if let Some(target) = name.strip_prefix(prefix) {
                let id = target.strip_prefix("{target=")?.strip_suffix('}')?;
                if !is_uri_identifier(id) {
                    return None;
                }
                return Some(Self {
                    template: format!("{prefix}{{target=}}"),
                    steps: Vec::new(),
                    leaf: name.to_owned(),
                    leading_zero: false,
                    keyword: None,
                });
            }
        }
        let mut template = String::with_capacity(name.len());
        let mut steps = Vec::new();
        let mut leading_zero = false;
        let mut pending = String::new();
        let mut last = "";
        for segment in name.split('.') {
            if segment.is_empty() {
                return None;
            }
            if !template.is_empty() {
                template.push('.');
            }
            if segment.bytes().all(|b| b.is_ascii_digit()) {
                if pending.is_empty() {
                    return None;
                }
                leading_zero |= segment.len() > 1 && segment.starts_with('0');
                let index = segment.parse().unwrap_or(usize::MAX);
                steps.push((std::mem::take(&mut pending), index));
                template.push('n');
            } else {
                if !pending.is_empty() {
                    pending.push('.');
                }
                pending.push_str(segment);
                template.push_str(segment);
            }
            last = segment;
        }
        if pending.is_empty() {
            return None;
        }
        let keyword = match last {
            "_children" => Some(Keyword::Children),
            "_count" => Some(Keyword::Count),
            "_version" => Some(Keyword::Version),
            _ => None,
        };
        Some(Self {
            template,
            steps,
            leaf: pending,
            leading_zero,
            keyword,
        })
    }

    /// The template without its last segment (the element a keyword is asked of).
    pub(crate) fn parent_template(&self) -> &str {
        self.template
            .rsplit_once('.')
            .map_or(self.template.as_str(), |(parent, _)| parent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_templates_and_steps() {
        let path = Path::parse("cmi.interactions.3.objectives.01.id").unwrap();
        assert_eq!(path.template, "cmi.interactions.n.objectives.n.id");
        assert_eq!(
            path.steps,
            vec![
                ("cmi.interactions".to_owned(), 3),
                ("objectives".to_owned(), 1)
            ]
        );
        assert_eq!(path.leaf, "id");
        assert!(path.leading_zero);
        let path = Path::parse("cmi.objectives._count").unwrap();
        assert_eq!(path.keyword, Some(Keyword::Count));
        assert_eq!(path.parent_template(), "cmi.objectives");
        for bad in ["", "cmi..x", "cmi.", ".cmi", "3.x", "cmi.interactions.0"] {
            assert!(Path::parse(bad).is_none(), "{bad}");
        }
        let path = Path::parse("adl.nav.request_valid.choice.{target=a.b}").unwrap();
        assert_eq!(path.template, "adl.nav.request_valid.choice.{target=}");
        assert!(Path::parse("adl.nav.request_valid.choice.{target=}").is_none());
        assert_eq!(
            Path::parse("cmi.x.99999999999999999999999.y")
                .unwrap()
                .steps[0]
                .1,
            usize::MAX
        );
    }
}
