//! The element tree as it grows while reading: open elements, siblings, text.

use std::borrow::Cow;

use quick_xml::events::BytesStart;
use quick_xml::name::NamespaceResolver;

use super::element::element;
use super::siblings::bump;
use super::{
    Attr, Dom, DomError, Element, NO_PARENT, Namespace, Open, fail, is_blank, reborrow, wellformed,
};
use crate::xml::{Limits, Problem};

/// The elements read so far and where reading is.
pub(super) struct Tree<'a, N> {
    elements: Vec<Element<'a, N>>,
    attrs: Vec<Attr<'a, N>>,
    /// The open elements, the innermost last.
    stack: Vec<Open<'a, N>>,
    /// Child-name counters of the open elements (see [`bump`]).
    counters: Vec<((N, &'a str), u32)>,
    /// A buffer for the attribute names of one start tag.
    attr_names: Vec<&'a str>,
    /// True once the root element is closed.
    root_done: bool,
}

impl<'a, N: Namespace> Tree<'a, N> {
    /// An empty tree with room for `elements` elements and `attrs` attributes.
    pub(super) fn with_capacity(elements: usize, attrs: usize) -> Self {
        Self {
            elements: Vec::with_capacity(elements),
            attrs: Vec::with_capacity(attrs),
            stack: Vec::new(),
            counters: Vec::new(),
            attr_names: Vec::new(),
            root_done: false,
        }
    }

    /// True outside the root element (before it opens or after it closes).
    pub(super) fn outside_root(&self) -> bool {
        self.stack.is_empty()
    }

    /// A start tag (`empty` for `<a/>`) at `at`: one root only, within the depth and element limits,
    /// linked to its parent and previous sibling.
    pub(super) fn open(
        &mut self,
        resolver: &NamespaceResolver,
        text: &'a str,
        start: &BytesStart<'_>,
        empty: bool,
        at: usize,
        limits: &Limits,
    ) -> Result<(), DomError> {
        if self.root_done {
            return fail(Problem::MultipleRoots, "a second root element", at);
        }
        if self.stack.len() >= limits.max_depth() {
            return fail(
                Problem::LimitDepth,
                format!("elements nest deeper than {}", limits.max_depth()),
                at,
            );
        }
        if self.elements.len() >= limits.max_elements() {
            return fail(
                Problem::LimitElements,
                format!("more than {} elements", limits.max_elements()),
                at,
            );
        }
        let mut element = element(
            resolver,
            text,
            start,
            at,
            limits,
            &mut self.attrs,
            &mut self.attr_names,
        )?;
        let index = self.elements.len();
        if let Some(parent) = self.stack.last_mut() {
            element.parent = parent.index;
            element.nth = bump(&mut self.counters, parent, (element.ns, element.local));
            if parent.last_child == NO_PARENT {
                if let Some(parent_element) = self.elements.get_mut(parent.index) {
                    parent_element.first_child = index;
                }
            } else if let Some(previous) = self.elements.get_mut(parent.last_child) {
                previous.next_sibling = index;
            }
            parent.last_child = index;
        }
        self.elements.push(element);
        if empty {
            self.root_done |= self.stack.is_empty();
        } else {
            self.stack.push(Open {
                index,
                last_child: NO_PARENT,
                counters_from: self.counters.len(),
                many: None,
                text_bytes: 0,
            });
        }
        Ok(())
    }

    /// An end tag.
    pub(super) fn close(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.counters.truncate(open.counters_from);
        }
        self.root_done |= self.stack.is_empty();
    }

    /// Text of the innermost open element (at `at`), within [`Limits::max_text_bytes`]: white space
    /// between child elements is dropped once the element has other text.
    pub(super) fn push_text(
        &mut self,
        input: &'a str,
        piece: Cow<'_, str>,
        at: usize,
        limits: &Limits,
    ) -> Result<(), DomError> {
        let Some(open) = self.stack.last_mut() else {
            if wellformed::first_non_space(&piece).is_none() {
                return Ok(());
            }
            return fail(Problem::Malformed, "text outside the root element", at);
        };
        if piece.is_empty() {
            return Ok(());
        }
        open.text_bytes = open.text_bytes.saturating_add(piece.len());
        if open.text_bytes > limits.max_text_bytes() {
            return fail(
                Problem::LimitTextLength,
                format!("text longer than {} bytes", limits.max_text_bytes()),
                at,
            );
        }
        let Some(element) = self.elements.get_mut(open.index) else {
            return Ok(());
        };
        let piece_blank = is_blank(&piece);
        if element.text.is_empty() || is_blank(&element.text) && !piece_blank {
            element.text = reborrow(input, piece);
        } else if !piece_blank || !is_blank(&element.text) {
            element.text.to_mut().push_str(&piece);
        }
        Ok(())
    }

    /// The end of the document (`len` bytes): every element closed, and a root element read.
    pub(super) fn finish(self, len: usize) -> Result<Dom<'a, N>, DomError> {
        if !self.stack.is_empty() {
            return fail(
                Problem::UnexpectedEof,
                "the document ends inside an element",
                len,
            );
        }
        if self.elements.is_empty() {
            return fail(Problem::NoRoot, "the document has no root element", len);
        }
        Ok(Dom {
            elements: self.elements,
            attrs: self.attrs,
        })
    }
}
