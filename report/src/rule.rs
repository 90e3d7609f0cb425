//! The rule registry a checking crate keeps: one [`Rule`] per code, declared with [`rules!`](crate::rules).

use crate::{Code, Severity};

/// How a rule is reported.
///
/// A crate that checks documents under two profiles (learnwire-scorm and learnwire-cmi5: `Profile::Strict`
/// and `Profile::Lenient`) gives each rule a level; the crate maps it to a [`Severity`] for the profile in
/// use. Its registry lists the level's [`strictest`](Level::strictest) severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Level {
    /// Always an error.
    Error,
    /// An error under the crate's strict profile, a warning under its lenient one.
    StrictError,
    /// Always a warning.
    Warning,
}

impl Level {
    /// The severity in the strictest reading (the strict profile): `Error` for [`Level::Error`] and
    /// [`Level::StrictError`], `Warning` for [`Level::Warning`].
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_report::{Level, Severity};
    ///
    /// assert_eq!(Level::StrictError.strictest(), Severity::Error);
    /// assert_eq!(Level::Warning.strictest(), Severity::Warning);
    /// ```
    #[must_use]
    pub const fn strictest(self) -> Severity {
        match self {
            Self::Error | Self::StrictError => Severity::Error,
            Self::Warning => Severity::Warning,
        }
    }
}

/// One rule: its code, level, summary and the checklist or catalogue rules behind it.
///
/// A crate declares its rules with [`rules!`](crate::rules), which builds one constant per rule and the
/// crate's `ALL` and `CODES` lists from the same lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// The stable dotted code.
    pub code: Code,
    /// How it is reported.
    pub level: Level,
    /// What it checks, in one line.
    pub summary: &'static str,
    /// The rule ids behind it (`X-01, SCO-37`).
    pub reference: &'static str,
}

impl Rule {
    /// A rule with every field given; `code` is the stable dotted code.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_report::{Level, Rule};
    ///
    /// const MISSING: Rule = Rule::new("demo.thing.missing", Level::StrictError, "a thing is missing", "D-01");
    /// assert_eq!(MISSING.code.as_str(), "demo.thing.missing");
    /// assert_eq!(MISSING.level, Level::StrictError);
    /// assert_eq!((MISSING.summary, MISSING.reference), ("a thing is missing", "D-01"));
    /// ```
    #[must_use]
    pub const fn new(
        code: &'static str,
        level: Level,
        summary: &'static str,
        reference: &'static str,
    ) -> Self {
        Self {
            code: Code::new(code),
            level,
            summary,
            reference,
        }
    }
}

/// Declares a crate's rule registry: one [`Rule`](crate::Rule) constant per line, then `ALL` (every rule,
/// in the order given) and `CODES` (every code as a [`CodeInfo`](crate::CodeInfo) with the level's
/// [`strictest`](crate::Level::strictest) severity), all from the same lines.
///
/// The first item is the visibility of the rule constants (`pub` or `pub(crate)`, `pub(super)`,
/// `pub(in path)`) followed by `;`. Each rule is then
/// `NAME = "code", Level, "summary", "reference";`, where `Level` is a variant of
/// [`Level`](crate::Level). `ALL` and `CODES` are always `pub`. Each constant is documented as
/// `` `code`: summary [reference]. ``
///
/// The expansion names everything through `$crate`, so the caller imports nothing (the macro is used by
/// its path).
///
/// # Example
///
/// ```
/// mod rules {
///     learnwire_report::rules! {
///         pub(crate);
///         THING_MISSING = "demo.thing.missing", Error, "a thing is missing", "D-01";
///         THING_ODD = "demo.thing.odd", StrictError, "a thing looks odd", "D-02, D-03";
///         THING_OLD = "demo.thing.old", Warning, "a thing is old", "D-04";
///     }
/// }
///
/// use learnwire_report::{Level, Severity};
///
/// assert_eq!(rules::THING_ODD.code.as_str(), "demo.thing.odd");
/// assert_eq!(rules::THING_ODD.level, Level::StrictError);
/// assert_eq!(rules::ALL, &[rules::THING_MISSING, rules::THING_ODD, rules::THING_OLD]);
/// // CODES lists each rule with its strictest severity.
/// assert_eq!(rules::CODES.len(), 3);
/// assert_eq!(rules::CODES[1].code, rules::THING_ODD.code);
/// assert_eq!(rules::CODES[1].severity, Severity::Error);
/// assert_eq!(rules::CODES[2].severity, Severity::Warning);
/// assert_eq!(rules::CODES[1].reference, "D-02, D-03");
/// ```
#[macro_export]
macro_rules! rules {
    // The visibility is read as tokens (a `vis` fragment may not be followed by `;`), then once as a
    // `vis` so that every rule's line can use it.
    (
        $vis:ident $(($($restriction:tt)+))?;
        $($rule:tt)*
    ) => {
        $crate::rules! { @visibility [$vis $(($($restriction)+))?] $($rule)* }
    };
    (
        @visibility [$vis:vis]
        $($name:ident = $code:literal, $level:ident, $summary:literal, $reference:literal;)*
    ) => {
        $(
            #[doc = concat!("`", $code, "`: ", $summary, " [", $reference, "].")]
            $vis const $name: $crate::Rule =
                $crate::Rule::new($code, $crate::Level::$level, $summary, $reference);
        )*

        /// Every rule of this crate, in a stable order.
        pub const ALL: &[$crate::Rule] = &[$($name),*];

        /// Every code of this crate, built from [`ALL`], with its severity in the strictest reading (a rule
        /// that is an error only under the strict profile is listed as an error), summary and reference.
        pub const CODES: &[$crate::CodeInfo] = &[$(
            $crate::CodeInfo::new($code, $crate::Level::$level.strictest(), $summary, $reference)
        ),*];
    };
}

#[cfg(test)]
mod tests {
    use crate::{Level, Severity};

    // `ALL` and `CODES` are always `pub`; here their module is private.
    #[allow(unreachable_pub)]
    mod demo {
        crate::rules! {
            pub(super);
            FIRST = "demo.first", Error, "the first", "D-01";
            SECOND = "demo.second", StrictError, "the second", "D-02";
            THIRD = "demo.third", Warning, "the third", "D-03";
        }
    }

    #[test]
    fn a_strict_error_is_an_error_in_the_strictest_reading() {
        assert_eq!(Level::Error.strictest(), Severity::Error);
        assert_eq!(Level::StrictError.strictest(), Severity::Error);
        assert_eq!(Level::Warning.strictest(), Severity::Warning);
    }

    #[test]
    fn the_rules_macro_lists_every_rule_in_order_and_codes_follow_them() {
        assert_eq!(demo::ALL, &[demo::FIRST, demo::SECOND, demo::THIRD]);
        assert_eq!(demo::ALL.len(), demo::CODES.len());
        for (rule, info) in demo::ALL.iter().zip(demo::CODES) {
            assert_eq!(info.code, rule.code);
            assert_eq!(info.severity, rule.level.strictest());
            assert_eq!(
                (info.summary, info.reference),
                (rule.summary, rule.reference)
            );
        }
        assert_eq!(demo::SECOND.code.as_str(), "demo.second");
        assert_eq!(demo::SECOND.level, Level::StrictError);
    }
}
