//! The registry of every code the crate can emit: [`CODES`], built from the rules ([`Rule::ALL`]) and from
//! each error type's own table, never kept by hand a second time.

use learnwire_report::CodeInfo;

use crate::Rule;
use crate::lrs::{
    AlternateError, MoreIrlError, ReceiveError, ResultError, about, documents, multipart, query,
    signature,
};

/// Gives an error type its codes from one table: `CODES` (every code it can have, with a one-line summary
/// and its spec reference) and `code()`, so the two never disagree and the match stays exhaustive. A
/// variant under `delegate` takes the code of its field, whose type lists its own codes.
macro_rules! error_codes {
    (
        $ty:ident {
            $( $variant:ident => $code:literal, $summary:literal, $reference:literal; )*
        }
        $( delegate { $( $dvariant:ident . $field:tt => $how:path; )* } )?
    ) => {
        impl $ty {
            /// Every code of this error with its summary and spec reference (part of the crate's
            #[doc = "[`CODES`](crate::CODES))."]
            pub const CODES: &'static [learnwire_report::CodeInfo] = &[
                $( learnwire_report::CodeInfo::error($code, $summary, $reference), )*
            ];

            /// The stable code of this error, listed with its summary and spec reference in the crate's
            #[doc = "[`CODES`](crate::CODES)."]
            pub fn code(&self) -> learnwire_report::Code {
                match self {
                    $( Self::$variant { .. } => learnwire_report::Code::new($code), )*
                    $( $( Self::$dvariant { $field: inner, .. } => $how(inner), )* )?
                }
            }
        }
    };
    (struct $ty:ident => $code:literal, $summary:literal, $reference:literal) => {
        impl $ty {
            /// The code of this error with its summary and spec reference (part of the crate's
            #[doc = "[`CODES`](crate::CODES))."]
            pub const CODES: &'static [learnwire_report::CodeInfo] =
                &[learnwire_report::CodeInfo::error($code, $summary, $reference)];

            /// The stable code of this error.
            pub fn code(&self) -> learnwire_report::Code {
                learnwire_report::Code::new($code)
            }
        }
    };
}

pub(crate) use error_codes;

/// Every list that makes up [`CODES`], in order.
const LISTS: &[&[CodeInfo]] = &[
    Rule::CODES,
    query::PARAMETER_CODES,
    ReceiveError::CODES,
    multipart::MultipartError::CODES,
    multipart::MultipartLimit::CODES,
    multipart::BuildError::CODES,
    signature::SignatureError::CODES,
    signature::SignError::CODES,
    signature::InvalidKey::CODES,
    about::AboutError::CODES,
    about::VersionError::CODES,
    AlternateError::CODES,
    documents::MergeError::CODES,
    documents::InvalidPrecondition::CODES,
    documents::Decision::CODES,
    query::QueryRequestError::CODES,
    ResultError::CODES,
    MoreIrlError::CODES,
    crate::UnknownXapiVersion::CODES,
];

const fn total(lists: &[&[CodeInfo]]) -> usize {
    let mut count = 0;
    let mut rest = lists;
    while let Some((list, tail)) = rest.split_first() {
        count += list.len();
        rest = tail;
    }
    count
}

const fn concat<const N: usize>(lists: &[&[CodeInfo]]) -> [CodeInfo; N] {
    let mut out = [CodeInfo::error("", "", ""); N];
    let mut slots: &mut [CodeInfo] = &mut out;
    let mut rest = lists;
    while let Some((list, tail)) = rest.split_first() {
        let mut items: &[CodeInfo] = list;
        while let Some((item, more)) = items.split_first() {
            let current = slots;
            slots = match current.split_first_mut() {
                Some((slot, free)) => {
                    *slot = *item;
                    free
                }
                None => &mut [],
            };
            items = more;
        }
        rest = tail;
    }
    out
}

const ALL: [CodeInfo; total(LISTS)] = concat(LISTS);

/// Every code this crate can emit, in reports (the statement rules of [`Rule`], the request parameter
/// codes) and in the `code()` of its errors, each with its severity (a warning only for
/// `xapi.voiding.target`), a one-line summary and the rule id of the xAPI rules list or the spec section
/// it implements. No code appears twice; every one starts with `xapi.`.
///
/// # Example
///
/// ```
/// use learnwire_xapi::{CODES, Severity};
///
/// let find = |code: &str| CODES.iter().find(|info| info.code.as_str() == code);
/// let mbox = find("xapi.agent.mbox").unwrap();
/// assert_eq!(mbox.severity, Severity::Error);
/// assert_eq!(mbox.reference, "R-D09");
/// assert_eq!(find("xapi.voiding.target").unwrap().severity, Severity::Warning);
/// assert!(find("xapi.signature.invalid").is_some());
/// assert!(find("xapi.request.content-type").is_some());
/// ```
pub const CODES: &[CodeInfo] = &ALL;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_are_unique_in_the_xapi_family_with_a_summary_and_a_reference() {
        let mut seen = BTreeSet::new();
        for info in CODES {
            let code = info.code.as_str();
            assert!(code.starts_with("xapi."), "{code}");
            assert!(seen.insert(code), "{code} listed twice");
            assert!(!info.summary.trim().is_empty(), "{code}");
            assert!(!info.reference.trim().is_empty(), "{code}");
        }
        assert_eq!(
            CODES.len(),
            LISTS.iter().map(|list| list.len()).sum::<usize>()
        );
    }

    #[test]
    fn every_rule_is_listed_with_its_severity() {
        for rule in Rule::ALL {
            let info = learnwire_report::find_code(CODES, rule.code().as_str()).unwrap();
            assert_eq!(info.severity, rule.severity(), "{}", rule.code());
        }
    }
}
