//! A JSON pointer built lazily: a chain of borrowed segments on the stack, turned into a
//! [`JsonPointer`] only when an issue is reported, and then at most [`Limits::max_pointer_bytes`] long.
//!
//! [`Limits::max_pointer_bytes`]: crate::Limits::max_pointer_bytes

use learnwire_report::JsonPointer;

/// Where the walker is, without allocating.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    /// The document root.
    Root,
    /// A property of the parent.
    Key(&'a Path<'a>, &'a str),
    /// An element of the parent array.
    Index(&'a Path<'a>, usize),
}

/// A pointer built for a report.
#[derive(Debug)]
pub(crate) struct Bounded {
    /// The pointer, or that of the nearest ancestor whose pointer fits the bound.
    pub(crate) pointer: JsonPointer,
    /// True when `pointer` designates an ancestor because the full pointer was too long.
    pub(crate) shortened: bool,
}

impl Bounded {
    /// Appended to the message of an issue located at an ancestor.
    pub(crate) const NOTE: &'static str =
        " (found inside this value: its full pointer is longer than the pointer limit)";

    /// The message, with [`Self::NOTE`] when the pointer was shortened.
    pub(crate) fn message(&self, mut message: String) -> String {
        if self.shortened {
            message.push_str(Self::NOTE);
        }
        message
    }
}

impl<'a> Path<'a> {
    /// The child at property `name`.
    pub(crate) fn key(&'a self, name: &'a str) -> Path<'a> {
        Path::Key(self, name)
    }

    /// The child at array index `index`.
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The owned pointer when its text fits in `max_bytes`; otherwise the pointer of the deepest
    /// ancestor that fits (the root at worst), marked as shortened.
    ///
    /// Costs O(depth + `max_bytes`) whatever the lengths of the keys on the way: a key is looked
    /// at only as far as the bound reaches.
    pub(crate) fn pointer_within(&self, max_bytes: usize) -> Bounded {
        let mut segments = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, name) => {
                    segments.push(Segment::Key(name));
                    at = parent;
                }
                Path::Index(parent, index) => {
                    segments.push(Segment::Index(*index));
                    at = parent;
                }
            }
        }
        let mut pointer = JsonPointer::root();
        let mut used = 0usize;
        for segment in segments.iter().rev() {
            let cost = segment.escaped_len_within(max_bytes);
            used = used.saturating_add(cost);
            if used > max_bytes {
                return Bounded {
                    pointer,
                    shortened: true,
                };
            }
            pointer = match segment {
                Segment::Key(name) => pointer.key(name),
                Segment::Index(index) => pointer.index(*index),
            };
        }
        Bounded {
            pointer,
            shortened: false,
        }
    }

    /// The owned pointer, whole (for tests).
    #[cfg(test)]
    pub(crate) fn pointer(&self) -> JsonPointer {
        self.pointer_within(usize::MAX).pointer
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

impl Segment<'_> {
    /// Bytes this segment adds to a pointer (`/` and the escaped token), counted only up to just
    /// past `bound` so a long key is never scanned whole.
    fn escaped_len_within(&self, bound: usize) -> usize {
        match self {
            Segment::Index(index) => {
                let mut digits = 1usize;
                let mut rest = *index / 10;
                while rest > 0 {
                    digits += 1;
                    rest /= 10;
                }
                digits.saturating_add(1)
            }
            Segment::Key(name) => {
                let mut length = 1usize;
                for byte in name.bytes() {
                    length = length.saturating_add(if matches!(byte, b'~' | b'/') { 2 } else { 1 });
                    if length > bound {
                        break;
                    }
                }
                length
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn builds_escaped_pointers() {
        let root = Path::Root;
        let a = root.key("context");
        let b = a.key("a/b~c");
        let c = b.index(3);
        assert_eq!(c.pointer().as_str(), "/context/a~1b~0c/3");
        assert_eq!(root.pointer().as_str(), "");
    }

    #[test]
    fn a_pointer_past_the_bound_stops_at_the_deepest_ancestor_that_fits() {
        let long = "k".repeat(10_000);
        let root = Path::Root;
        let a = root.key("result");
        let b = a.key(&long);
        let c = b.key("x");
        let bounded = c.pointer_within(64);
        assert_eq!(bounded.pointer.as_str(), "/result");
        assert!(bounded.shortened);
        let fits = a.index(12).pointer_within(10);
        assert_eq!(fits.pointer.as_str(), "/result/12");
        assert!(!fits.shortened);
        let escaped = root.key("~~~~~").pointer_within(10);
        assert_eq!(escaped.pointer.as_str(), "", "escapes count double");
        assert!(escaped.shortened);
        let first = b.pointer_within(5);
        assert_eq!(first.pointer.as_str(), "");
        assert!(first.shortened);
    }
}
