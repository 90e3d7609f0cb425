//! moveOn and satisfaction (rules MO-01…MO-05, cmi5 §9.3.9, §9.6.1, §13.1.4): whether each AU, block
//! and the course is satisfied in a registration, and the `satisfied` statements the LMS issues when a
//! block or the course becomes satisfied.
//!
//! The spec issues `satisfied` for blocks and the course only (§9.3.9; an AU's satisfaction is
//! its moveOn criterion, [`crate::session::AuProgress::satisfies`]); CATAPULT does the same.
//!
//! ```
//! use learnwire_cmi5::MoveOn;
//! use learnwire_cmi5::move_on::{MoveOnTree, Registration, SatisfiedContext};
//! use learnwire_cmi5::session::AuProgress;
//! use learnwire_xapi::statement::{Account, Agent, Ifi};
//! use learnwire_xapi::types::{Iri, Timestamp, XapiUuid};
//!
//! let mut tree = MoveOnTree::new("https://example.com/course", "https://lms.example.com/c/1")?;
//! let block = tree.add_block(tree.root(), "https://example.com/block", "https://lms.example.com/b/1")?;
//! tree.add_au(block, "https://example.com/au/1", MoveOn::Passed)?;
//! let mut registration = Registration::new(tree);
//! let actor = Agent::new(Ifi::Account(Account::new(Iri::parse("https://lms.example.com")?, "7")));
//! let context = SatisfiedContext::new(actor, XapiUuid::parse("4eb0e063-669b-479a-86b3-f9be9ac88a1d")?,
//!     "session-1", Timestamp::parse("2024-05-01T10:00:00Z")?);
//! let mut ids = || XapiUuid::parse("a6a9f4a4-6a36-466c-91a0-6daea4e0a5a4").map_err(|_| ());
//! assert!(registration.evaluate(&context, &mut ids)?.is_empty());
//! let mut passed = AuProgress::new();
//! passed.passed = true;
//! registration.set_progress("https://example.com/au/1", passed)?;
//! let issued = registration.evaluate(&context, &mut ids)?;
//! assert_eq!(issued.len(), 2); // the block, then the course
//! assert!(registration.is_course_satisfied());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use learnwire_report::Code;
use learnwire_xapi::statement::{
    Activity, ActivityDefinition, Actor, Agent, Context, ContextActivities, Extensions, Statement,
    StatementObject,
};
use learnwire_xapi::types::{Iri, Timestamp, XapiUuid};

use crate::MoveOn;
use crate::launch::SESSION_ID_EXTENSION;
use crate::session::AuProgress;
use crate::session::{CMI5_CATEGORY, Cmi5Verb};

/// The block activity type (cmi5 §9.3.9).
pub const BLOCK_ACTIVITY_TYPE: &str = "https://w3id.org/xapi/cmi5/activitytype/block";
/// The course activity type (cmi5 §9.3.9).
pub const COURSE_ACTIVITY_TYPE: &str = "https://w3id.org/xapi/cmi5/activitytype/course";

/// A node of a [`MoveOnTree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(usize);

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NodeKind {
    /// The course (the root).
    Course,
    /// A block.
    Block,
    /// An AU with its moveOn.
    Au(MoveOn),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    kind: NodeKind,
    publisher_id: String,
    lms_id: Option<Iri>,
    children: Vec<usize>,
}

/// Why a tree or a registration refused a value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MoveOnError {
    /// No AU with this publisher id.
    UnknownAu(String),
    /// A block or course LMS id equal to its publisher id ([9.3.9.0-4], [9.3.9.0-8]).
    LmsIdIsPublisherId(String),
    /// An LMS id that is not an IRI, or a node id that is not in the tree.
    NotAnIri(String),
    /// The caller's id source failed.
    Ids,
}

impl MoveOnError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> Code {
        Code::new(match self {
            MoveOnError::UnknownAu(_) | MoveOnError::Ids => "cmi5.moveon.unknown-au",
            MoveOnError::LmsIdIsPublisherId(_) | MoveOnError::NotAnIri(_) => "cmi5.moveon.lms-id",
        })
    }
}

impl fmt::Display for MoveOnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            MoveOnError::UnknownAu(id) => {
                write!(f, "no AU {} in the course", learnwire_report::quote(id))
            }
            MoveOnError::LmsIdIsPublisherId(id) => write!(
                f,
                "the LMS id of {} must differ from its publisher id (cmi5 §9.3.9)",
                learnwire_report::quote(id)
            ),
            MoveOnError::NotAnIri(id) => write!(
                f,
                "{} is not an IRI or not a node of the tree",
                learnwire_report::quote(id)
            ),
            MoveOnError::Ids => f.write_str("the statement id source failed"),
        }
    }
}

impl std::error::Error for MoveOnError {}

/// The course tree as moveOn sees it: the course, its blocks (with the LMS-generated ids used as
/// `satisfied` objects) and its AUs (publisher id and moveOn). Stored flat: evaluation needs no
/// recursion, however deep the blocks nest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveOnTree {
    nodes: Vec<Node>,
}

impl MoveOnTree {
    /// A course with no children yet.
    ///
    /// # Errors
    /// [`MoveOnError`] when `lms_id` is not an IRI or equals the publisher id.
    pub fn new(publisher_id: &str, lms_id: &str) -> Result<Self, MoveOnError> {
        let lms = checked_lms_id(publisher_id, lms_id)?;
        Ok(Self {
            nodes: vec![Node {
                kind: NodeKind::Course,
                publisher_id: publisher_id.to_owned(),
                lms_id: Some(lms),
                children: Vec::new(),
            }],
        })
    }

    /// The tree of a parsed course structure. `lms_id` gives the LMS-generated id of the course and
    /// of each block from its publisher id (a stable mapping the LMS keeps, cmi5 §9.3.9).
    ///
    /// # Errors
    /// [`MoveOnError`] when an LMS id is not an IRI or equals its publisher id.
    pub fn from_course(
        course: &crate::Course,
        lms_id: &mut dyn FnMut(&str) -> String,
    ) -> Result<Self, MoveOnError> {
        let mut tree = Self::new(&course.id, &lms_id(&course.id))?;
        let mut pending = vec![(tree.root(), course.children.iter())];
        while let Some((parent, mut children)) = pending.pop() {
            let Some(child) = children.next() else {
                continue;
            };
            pending.push((parent, children));
            match child {
                crate::CourseNode::Au(au) => {
                    tree.add_au(parent, &au.id, au.move_on)?;
                }
                crate::CourseNode::Block(block) => {
                    let node = tree.add_block(parent, &block.id, &lms_id(&block.id))?;
                    pending.push((node, block.children.iter()));
                }
            }
        }
        Ok(tree)
    }

    /// The course node.
    #[must_use]
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// Adds a block under `parent` (the course or a block).
    ///
    /// # Errors
    /// [`MoveOnError`] for a bad LMS id or a parent that is not a course or block of this tree.
    pub fn add_block(
        &mut self,
        parent: NodeId,
        publisher_id: &str,
        lms_id: &str,
    ) -> Result<NodeId, MoveOnError> {
        let lms = checked_lms_id(publisher_id, lms_id)?;
        self.push(parent, NodeKind::Block, publisher_id, Some(lms))
    }

    /// Adds an AU under `parent`.
    ///
    /// # Errors
    /// [`MoveOnError::NotAnIri`] when `parent` is not a course or block of this tree.
    pub fn add_au(
        &mut self,
        parent: NodeId,
        publisher_id: &str,
        move_on: MoveOn,
    ) -> Result<NodeId, MoveOnError> {
        self.push(parent, NodeKind::Au(move_on), publisher_id, None)
    }

    fn push(
        &mut self,
        parent: NodeId,
        kind: NodeKind,
        publisher_id: &str,
        lms_id: Option<Iri>,
    ) -> Result<NodeId, MoveOnError> {
        let index = self.nodes.len();
        match self.nodes.get_mut(parent.0) {
            Some(node) if !matches!(node.kind, NodeKind::Au(_)) => node.children.push(index),
            _ => return Err(MoveOnError::NotAnIri(publisher_id.to_owned())),
        }
        self.nodes.push(Node {
            kind,
            publisher_id: publisher_id.to_owned(),
            lms_id,
            children: Vec::new(),
        });
        Ok(NodeId(index))
    }

    /// The AU with this publisher id.
    #[must_use]
    pub fn au(&self, publisher_id: &str) -> Option<NodeId> {
        self.nodes
            .iter()
            .position(|node| {
                matches!(node.kind, NodeKind::Au(_)) && node.publisher_id == publisher_id
            })
            .map(NodeId)
    }

    /// A node's kind.
    #[must_use]
    pub fn kind(&self, node: NodeId) -> Option<NodeKind> {
        self.nodes.get(node.0).map(|node| node.kind)
    }

    /// A node's publisher id.
    #[must_use]
    pub fn publisher_id(&self, node: NodeId) -> Option<&str> {
        self.nodes
            .get(node.0)
            .map(|node| node.publisher_id.as_str())
    }

    /// How many nodes (course, blocks, AUs).
    #[must_use]
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: the course node is always there.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

fn checked_lms_id(publisher_id: &str, lms_id: &str) -> Result<Iri, MoveOnError> {
    if lms_id == publisher_id {
        return Err(MoveOnError::LmsIdIsPublisherId(publisher_id.to_owned()));
    }
    Iri::parse(lms_id).map_err(|_| MoveOnError::NotAnIri(lms_id.to_owned()))
}

/// Who and when for the `satisfied` statements: the actor, the registration, the session id (the AU
/// launch session that triggered them, or a new one outside a session, [9.3.9.0-9], §9.6.1) and the
/// timestamp.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SatisfiedContext {
    /// The learner.
    pub actor: Agent,
    /// The registration.
    pub registration: XapiUuid,
    /// The session id.
    pub session_id: String,
    /// The statements' timestamp.
    pub timestamp: Timestamp,
}

impl SatisfiedContext {
    /// The context of a batch of `satisfied` statements.
    #[must_use]
    pub fn new(
        actor: Agent,
        registration: XapiUuid,
        session_id: impl Into<String>,
        timestamp: Timestamp,
    ) -> Self {
        Self {
            actor,
            registration,
            session_id: session_id.into(),
            timestamp,
        }
    }
}

/// One learner's registration in a course, as far as moveOn goes: each AU's progress, which blocks
/// and whether the course were already announced satisfied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    tree: MoveOnTree,
    progress: Vec<AuProgress>,
    announced: Vec<bool>,
}

impl Registration {
    /// A new registration: nothing recorded, nothing announced. Call [`Registration::evaluate`] at
    /// once (MO-03): `NotApplicable` AUs may satisfy blocks and the course before any launch.
    #[must_use]
    pub fn new(tree: MoveOnTree) -> Self {
        let count = tree.nodes.len();
        Self {
            tree,
            progress: vec![AuProgress::default(); count],
            announced: vec![false; count],
        }
    }

    /// The tree.
    #[must_use]
    pub fn tree(&self) -> &MoveOnTree {
        &self.tree
    }

    /// Records what an AU has done (from [`crate::session::SessionJudge::progress`]).
    ///
    /// # Errors
    /// [`MoveOnError::UnknownAu`] for an id that is no AU of the course.
    pub fn set_progress(&mut self, au: &str, progress: AuProgress) -> Result<(), MoveOnError> {
        let node = self
            .tree
            .au(au)
            .ok_or_else(|| MoveOnError::UnknownAu(au.to_owned()))?;
        if let Some(slot) = self.progress.get_mut(node.0) {
            *slot = progress;
        }
        Ok(())
    }

    /// What an AU has done.
    #[must_use]
    pub fn progress(&self, au: &str) -> Option<AuProgress> {
        let node = self.tree.au(au)?;
        self.progress.get(node.0).copied()
    }

    /// Whether each node is satisfied now (MO-01, MO-02), by node index.
    fn satisfied(&self) -> Vec<bool> {
        let mut satisfied = vec![false; self.tree.nodes.len()];
        // Children always have larger indices than their parent: walk backwards.
        for (index, node) in self.tree.nodes.iter().enumerate().rev() {
            let value = match node.kind {
                NodeKind::Au(move_on) => self
                    .progress
                    .get(index)
                    .is_some_and(|progress| progress.satisfies(move_on)),
                NodeKind::Block | NodeKind::Course => node
                    .children
                    .iter()
                    .all(|child| satisfied.get(*child).copied().unwrap_or(false)),
            };
            if let Some(slot) = satisfied.get_mut(index) {
                *slot = value;
            }
        }
        satisfied
    }

    /// Whether a node is satisfied now.
    #[must_use]
    pub fn is_satisfied(&self, node: NodeId) -> bool {
        self.satisfied().get(node.0).copied().unwrap_or(false)
    }

    /// Whether the course is satisfied now.
    #[must_use]
    pub fn is_course_satisfied(&self) -> bool {
        self.is_satisfied(self.tree.root())
    }

    /// The `satisfied` statements to issue now (MO-04): one per block or course that is satisfied and
    /// was not announced before in this registration, inner blocks first, the course last. Marks them
    /// announced. `ids` gives each statement's id.
    ///
    /// # Errors
    /// [`MoveOnError::Ids`] when `ids` fails; nothing is marked announced then.
    pub fn evaluate<E>(
        &mut self,
        context: &SatisfiedContext,
        ids: &mut dyn FnMut() -> Result<XapiUuid, E>,
    ) -> Result<Vec<Statement>, MoveOnError> {
        let satisfied = self.satisfied();
        let mut statements = Vec::new();
        let mut newly = Vec::new();
        for (index, node) in self.tree.nodes.iter().enumerate().rev() {
            let (Some(lms_id), false) = (&node.lms_id, matches!(node.kind, NodeKind::Au(_))) else {
                continue;
            };
            if satisfied.get(index).copied().unwrap_or(false)
                && !self.announced.get(index).copied().unwrap_or(true)
            {
                let id = ids().map_err(|_| MoveOnError::Ids)?;
                statements.push(satisfied_statement(node, lms_id, context, id)?);
                newly.push(index);
            }
        }
        for index in newly {
            if let Some(slot) = self.announced.get_mut(index) {
                *slot = true;
            }
        }
        Ok(statements)
    }
}

fn satisfied_statement(
    node: &Node,
    lms_id: &Iri,
    context: &SatisfiedContext,
    id: XapiUuid,
) -> Result<Statement, MoveOnError> {
    let iri = |text: &str| Iri::parse(text).map_err(|_| MoveOnError::NotAnIri(text.to_owned()));
    let mut definition = ActivityDefinition::new();
    definition.activity_type = Some(iri(if node.kind == NodeKind::Course {
        COURSE_ACTIVITY_TYPE
    } else {
        BLOCK_ACTIVITY_TYPE
    })?);
    let mut object = Activity::new(lms_id.clone());
    object.definition = Some(definition);
    let mut activities = ContextActivities::new();
    activities.category = Some(vec![Activity::new(iri(CMI5_CATEGORY)?)]);
    activities.grouping = Some(vec![Activity::new(iri(&node.publisher_id)?)]);
    let mut extensions = Extensions::new();
    extensions.insert(
        iri(SESSION_ID_EXTENSION)?,
        serde_json::Value::from(context.session_id.as_str()),
    );
    let mut statement_context = Context::new();
    statement_context.registration = Some(context.registration.clone());
    statement_context.context_activities = Some(activities);
    statement_context.extensions = Some(extensions);
    let verb = crate::session::lms_verb(Cmi5Verb::Satisfied)
        .map_err(|_| MoveOnError::NotAnIri(Cmi5Verb::Satisfied.iri().to_owned()))?;
    let mut statement = Statement::new(
        Actor::Agent(context.actor.clone()),
        verb,
        StatementObject::Activity(object),
    );
    statement.id = Some(id);
    statement.timestamp = Some(context.timestamp.clone());
    statement.context = Some(statement_context);
    Ok(statement)
}
