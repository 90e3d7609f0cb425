//! Namespace scopes, kept by the reading loop with quick-xml's `NamespaceResolver`.
//!
//! `NsReader` hands every start tag to [`NamespaceResolver::push`], which parses all its attributes a
//! second time to find namespace declarations. A declaration's name starts with `xmlns`, so a tag
//! whose attribute text does not contain those bytes declares nothing: for it, only the level goes up
//! (with the same depth check `push` makes). Tags that may declare go through `push` itself, so
//! bindings, errors and their order are `NsReader`'s.

use quick_xml::events::BytesStart;
use quick_xml::name::{NamespaceError, NamespaceResolver};

/// The namespace bindings in scope while reading.
#[derive(Debug, Default)]
pub(super) struct Scopes {
    resolver: NamespaceResolver,
}

impl Scopes {
    /// Opens the scope of a start tag: its declarations are in force until [`leave`](Self::leave).
    #[inline]
    pub(super) fn enter(&mut self, start: &BytesStart<'_>) -> Result<(), NamespaceError> {
        if start.attributes_raw().contains("xmlns") {
            return self.resolver.push(start);
        }
        let level = self
            .resolver
            .level()
            .checked_add(1)
            .ok_or(NamespaceError::TooDeeplyNested(usize::from(u16::MAX)))?;
        self.resolver.set_level(level);
        Ok(())
    }

    /// Closes the innermost scope.
    #[inline]
    pub(super) fn leave(&mut self) {
        self.resolver.pop();
    }

    /// The bindings in scope.
    #[inline]
    pub(super) fn resolver(&self) -> &NamespaceResolver {
        &self.resolver
    }
}
