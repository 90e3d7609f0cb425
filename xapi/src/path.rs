//! A JSON pointer built lazily: a chain of borrowed segments on the stack, turned into a
//! [`JsonPointer`] only when an issue is reported.

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

impl<'a> Path<'a> {
    /// The child at property `name`.
    pub(crate) fn key(&'a self, name: &'a str) -> Path<'a> {
        Path::Key(self, name)
    }

    /// The child at array index `index`.
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The owned pointer (allocates; call only when reporting).
    pub(crate) fn pointer(&self) -> JsonPointer {
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
        for segment in segments.iter().rev() {
            pointer = match segment {
                Segment::Key(name) => pointer.key(name),
                Segment::Index(index) => pointer.index(*index),
            };
        }
        pointer
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
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
}
