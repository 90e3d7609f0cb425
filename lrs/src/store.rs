//! Storage behind a trait: [`Store`] says what the server needs, [`SqliteStore`] keeps it in one SQLite
//! file (rusqlite, bundled). A batch of statements is written in one transaction or not at all.

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

/// A storage failure (answered `500`).
#[derive(Debug, thiserror::Error)]
#[error("lrs.store: {0}")]
pub(crate) struct StoreError(String);

impl StoreError {
    /// A failure described by `text`.
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        Self(error.to_string())
    }
}

/// A statement as stored.
#[derive(Debug, Clone)]
pub(crate) struct StoredStatement {
    /// Insertion order (the `more` cursor).
    pub(crate) seq: i64,
    /// The statement JSON with `stored`, `authority`, `version`, `timestamp` set.
    pub(crate) body: String,
    /// `stored`, microseconds since the epoch.
    pub(crate) stored_us: i64,
    /// Whether a voiding statement voided it.
    pub(crate) voided: bool,
}

/// A statement to store, with what the queries filter on.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewStatement {
    pub(crate) id: String,
    pub(crate) body: String,
    pub(crate) stored_us: i64,
    pub(crate) verb: String,
    pub(crate) registration: Option<String>,
    /// The id of the statement its object references (StatementRef), if any.
    pub(crate) ref_target: Option<String>,
    /// The statement it voids (a voiding statement whose target exists and is not voiding).
    pub(crate) voids: Option<String>,
    /// Agent keys, `true` for actor/object (the plain `agent` filter), `false` for related only.
    pub(crate) agents: Vec<(String, bool)>,
    /// Activity ids, `true` for the object, `false` for related only.
    pub(crate) activities: Vec<(String, bool)>,
    /// Agent JSON per agent key (for the Person object).
    pub(crate) agent_objects: Vec<(String, String)>,
    /// Activity definitions seen (id, JSON of the Activity object).
    pub(crate) activity_objects: Vec<(String, String)>,
}

/// An attachment's bytes.
#[derive(Debug, Clone)]
pub(crate) struct StoredAttachment {
    pub(crate) sha2: String,
    pub(crate) content_type: String,
    pub(crate) content: Vec<u8>,
}

/// The statement filters other than time and order (matched on the statement or the one it references).
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    pub(crate) agent: Option<String>,
    pub(crate) related_agents: bool,
    pub(crate) verb: Option<String>,
    pub(crate) activity: Option<String>,
    pub(crate) related_activities: bool,
    pub(crate) registration: Option<String>,
}

/// A statement query.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pub(crate) filter: Filter,
    pub(crate) since_us: Option<i64>,
    pub(crate) until_us: Option<i64>,
    pub(crate) ascending: bool,
    /// Continue after this `seq` (the `more` cursor).
    pub(crate) after_seq: Option<i64>,
    /// Rows to return (the server asks one more than the page to know whether there is a next).
    pub(crate) limit: i64,
}

/// Which document: resource, activity, agent key, registration, id (`""` for absent parts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DocumentKey {
    pub(crate) resource: &'static str,
    pub(crate) activity: String,
    pub(crate) agent: String,
    pub(crate) registration: String,
    pub(crate) id: String,
}

/// A stored document.
#[derive(Debug, Clone)]
pub(crate) struct StoredDocument {
    pub(crate) content_type: String,
    pub(crate) content: Vec<u8>,
    pub(crate) etag: String,
    pub(crate) updated_us: i64,
}

/// What the server needs from storage. Implementations serialise writes (the server holds the store
/// behind a lock for the whole of a request that decides on stored data, so a precondition checked is
/// still true when the write happens).
pub(crate) trait Store: Send {
    /// One statement by id.
    fn statement(&self, id: &str) -> Result<Option<StoredStatement>, StoreError>;
    /// Stores a batch and its attachments in one transaction, voiding what it voids.
    fn insert_statements(
        &mut self,
        batch: &[NewStatement],
        attachments: &[StoredAttachment],
    ) -> Result<(), StoreError>;
    /// Statements matching `query`, not voided, in `seq` order (which is `stored` order: see
    /// [`SqliteStore`]).
    fn query(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError>;
    /// The latest `stored` of any statement (`None` when there is none): a new batch's `stored` is at
    /// least this, so `stored` never decreases in `seq` order.
    fn latest_stored_us(&self) -> Result<Option<i64>, StoreError>;
    /// An attachment by SHA-2.
    fn attachment(&self, sha2: &str) -> Result<Option<StoredAttachment>, StoreError>;
    /// One document.
    fn document(&self, key: &DocumentKey) -> Result<Option<StoredDocument>, StoreError>;
    /// The ids of the documents sharing `key` but its id, updated after `since_us`.
    fn document_ids(
        &self,
        key: &DocumentKey,
        since_us: Option<i64>,
    ) -> Result<Vec<String>, StoreError>;
    /// Writes one document.
    fn put_document(
        &mut self,
        key: &DocumentKey,
        document: &StoredDocument,
    ) -> Result<(), StoreError>;
    /// Deletes one document (`key.id` set) or every document sharing `key` but its id.
    fn delete_documents(&mut self, key: &DocumentKey, all: bool) -> Result<(), StoreError>;
    /// The latest Activity object stored for `id`.
    fn activity(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// The Agent objects seen with agent key `key`.
    fn agents(&self, key: &str) -> Result<Vec<String>, StoreError>;
}

/// [`Store`] in one SQLite database.
///
/// Statements are kept in `seq` (insertion) order and every query pages on `seq`. `stored` never
/// decreases in `seq` order: a batch's `stored` is at least the latest one stored (the server takes it
/// from [`Store::latest_stored_us`] under the store lock, and [`Store::insert_statements`] refuses a
/// batch that would break the order), and statements of one batch share one `stored`. So "ascending
/// (descending) `stored` order" is `seq` order, ties included, and a `since`/`until` window is a `seq`
/// range: its ends are looked up in the index on `stored_us` (`statements_stored`) and the query walks
/// the primary key (or the agent/activity index) within them instead of testing every statement.
///
/// A database written before this order was kept (`PRAGMA user_version` 0) is checked once when
/// opened: in order, it is marked [`STORED_IN_SEQ_ORDER`]; otherwise [`STORED_OUT_OF_ORDER`], and its
/// windows are tested statement by statement as before (correct, not faster). One server per file:
/// the order is kept under the server's lock.
pub(crate) struct SqliteStore {
    connection: Connection,
    /// Whether `stored` never decreases in `seq` order (the window may be turned into a `seq` range).
    stored_in_seq_order: bool,
}

/// `PRAGMA user_version` of a database whose `stored` never decreases in `seq` order (checked when
/// opened or created, kept by every insert).
pub(crate) const STORED_IN_SEQ_ORDER: i64 = 1;

/// `PRAGMA user_version` of a database written before the order was kept, holding a statement stored
/// earlier than one inserted before it (the clock went back): windows are tested row by row.
pub(crate) const STORED_OUT_OF_ORDER: i64 = 2;

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS statements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    stored_us INTEGER NOT NULL,
    verb TEXT NOT NULL,
    registration TEXT,
    ref_target TEXT,
    voided INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS statements_ref ON statements(ref_target);
-- The ends of a since/until window (stored_us, then seq: the rowid every index ends with).
CREATE INDEX IF NOT EXISTS statements_stored ON statements(stored_us);
-- The referring statements in seq order (filters that match a StatementRef target).
CREATE INDEX IF NOT EXISTS statements_referring ON statements(seq) WHERE ref_target IS NOT NULL;
CREATE TABLE IF NOT EXISTS statement_agents (
    seq INTEGER NOT NULL REFERENCES statements(seq),
    agent TEXT NOT NULL,
    direct INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statement_agents_agent ON statement_agents(agent, seq);
CREATE TABLE IF NOT EXISTS statement_activities (
    seq INTEGER NOT NULL REFERENCES statements(seq),
    activity TEXT NOT NULL,
    direct INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statement_activities_activity ON statement_activities(activity, seq);
CREATE TABLE IF NOT EXISTS attachments (
    sha2 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    resource TEXT NOT NULL,
    activity TEXT NOT NULL,
    agent TEXT NOT NULL,
    registration TEXT NOT NULL,
    id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL,
    etag TEXT NOT NULL,
    updated_us INTEGER NOT NULL,
    PRIMARY KEY (resource, activity, agent, registration, id)
);
CREATE TABLE IF NOT EXISTS activities (
    id TEXT PRIMARY KEY,
    activity TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS agents (
    agent TEXT NOT NULL,
    object TEXT NOT NULL,
    PRIMARY KEY (agent, object)
);
";

impl SqliteStore {
    /// Opens (or creates) the database at `path`.
    pub(crate) fn open(path: &str) -> Result<Self, StoreError> {
        let connection = Connection::open(path)?;
        connection.execute_batch(SCHEMA)?;
        let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let stored_in_seq_order = match version {
            STORED_IN_SEQ_ORDER => true,
            STORED_OUT_OF_ORDER => false,
            _ => {
                // Written before the order was kept (or new): one pass over the statements.
                let out_of_order: bool = connection.query_row(
                    "SELECT EXISTS (SELECT 1 FROM (SELECT stored_us, \
                     lag(stored_us) OVER (ORDER BY seq) AS before FROM statements) \
                     WHERE stored_us < before)",
                    [],
                    |row| row.get(0),
                )?;
                let mark = if out_of_order {
                    STORED_OUT_OF_ORDER
                } else {
                    STORED_IN_SEQ_ORDER
                };
                connection.pragma_update(None, "user_version", mark)?;
                !out_of_order
            }
        };
        Ok(Self {
            connection,
            stored_in_seq_order,
        })
    }
}

impl SqliteStore {
    /// A query without agent or activity filter: statements in `seq` order, each tested (on itself
    /// or, through a StatementRef, on its target).
    fn scan(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError> {
        let (sql, values) = self.scan_sql(query);
        self.rows(&sql, values)
    }

    /// The SQL of [`SqliteStore::scan`] and its parameters.
    fn scan_sql(&self, query: &Query) -> (String, Vec<rusqlite::types::Value>) {
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let own = filter_sql(&query.filter, "s", &mut values);
        let mut sql = String::from(
            "SELECT s.seq, s.body, s.stored_us, s.voided FROM statements s WHERE s.voided = 0",
        );
        if own != "1" {
            let mut target_values = Vec::new();
            let target = filter_sql(&query.filter, "t", &mut target_values);
            sql.push_str(&format!(
                " AND ({own} OR EXISTS (SELECT 1 FROM statements t WHERE t.id = s.ref_target AND {target}))"
            ));
            values.extend(target_values);
        }
        self.window_sql(query, "s.seq", &mut sql, &mut values);
        order_sql(query, "s.seq", &mut sql, &mut values);
        (sql, values)
    }

    /// The statements matching the filter themselves, walked from the agent (or activity) index in
    /// `seq` order, at most `limit`.
    fn driven(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError> {
        match self.driven_sql(query) {
            Some((sql, values)) => self.rows(&sql, values),
            None => Ok(Vec::new()),
        }
    }

    /// The SQL of [`SqliteStore::driven`] and its parameters (`None` without agent or activity).
    fn driven_sql(&self, query: &Query) -> Option<(String, Vec<rusqlite::types::Value>)> {
        let filter = &query.filter;
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let mut sql = String::from("SELECT s.seq, s.body, s.stored_us, s.voided FROM ");
        if let Some(agent) = &filter.agent {
            sql.push_str(
                "statement_agents d CROSS JOIN statements s ON s.seq = d.seq WHERE d.agent = ?",
            );
            if !filter.related_agents {
                sql.push_str(" AND d.direct = 1");
            }
            values.push(agent.clone().into());
        } else if let Some(activity) = &filter.activity {
            sql.push_str(
                "statement_activities d CROSS JOIN statements s ON s.seq = d.seq WHERE d.activity = ?",
            );
            if !filter.related_activities {
                sql.push_str(" AND d.direct = 1");
            }
            values.push(activity.clone().into());
        } else {
            return None;
        }
        let own = filter_sql(filter, "s", &mut values);
        sql.push_str(&format!(" AND s.voided = 0 AND {own}"));
        // One row per statement (an agent can be both actor and object), in the index's order.
        self.window_sql(query, "d.seq", &mut sql, &mut values);
        sql.push_str(" GROUP BY d.seq");
        order_sql(query, "d.seq", &mut sql, &mut values);
        Some((sql, values))
    }

    /// The statements whose StatementRef target matches the filter, from the partial index of
    /// referring statements, at most `limit`.
    fn referring(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError> {
        let (sql, values) = self.referring_sql(query);
        self.rows(&sql, values)
    }

    /// The SQL of [`SqliteStore::referring`] and its parameters.
    fn referring_sql(&self, query: &Query) -> (String, Vec<rusqlite::types::Value>) {
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let target = filter_sql(&query.filter, "t", &mut values);
        let mut sql = format!(
            "SELECT s.seq, s.body, s.stored_us, s.voided FROM statements s INDEXED BY statements_referring \
             WHERE s.ref_target IS NOT NULL AND s.voided = 0 \
             AND EXISTS (SELECT 1 FROM statements t WHERE t.id = s.ref_target AND {target})"
        );
        self.window_sql(query, "s.seq", &mut sql, &mut values);
        order_sql(query, "s.seq", &mut sql, &mut values);
        (sql, values)
    }

    /// Appends the time window and the `more` cursor of `query` (the cursor on `seq`, the column that
    /// orders the rows). Where `stored` follows `seq` order the window's ends become a `seq` range:
    /// the first statement stored after `since` and the last stored at or before `until`, each one
    /// step into the index on `stored_us`; the range is walked on `seq` (the `stored_us` tests, kept
    /// for exactness, are not allowed to pick the index: `+`). A window without a statement in it
    /// finds no end (NULL) and matches nothing.
    fn window_sql(
        &self,
        query: &Query,
        seq: &str,
        sql: &mut String,
        values: &mut Vec<rusqlite::types::Value>,
    ) {
        let ranged = self.stored_in_seq_order;
        let stored = if ranged {
            "+s.stored_us"
        } else {
            "s.stored_us"
        };
        if let Some(since) = query.since_us {
            sql.push_str(&format!(" AND {stored} > ?"));
            values.push(since.into());
            if ranged {
                sql.push_str(&format!(
                    " AND {seq} >= (SELECT w.seq FROM statements w WHERE w.stored_us > ? \
                     ORDER BY w.stored_us ASC, w.seq ASC LIMIT 1)"
                ));
                values.push(since.into());
            }
        }
        if let Some(until) = query.until_us {
            sql.push_str(&format!(" AND {stored} <= ?"));
            values.push(until.into());
            if ranged {
                sql.push_str(&format!(
                    " AND {seq} <= (SELECT w.seq FROM statements w WHERE w.stored_us <= ? \
                     ORDER BY w.stored_us DESC, w.seq DESC LIMIT 1)"
                ));
                values.push(until.into());
            }
        }
        if let Some(after) = query.after_seq {
            let comparison = if query.ascending { ">" } else { "<" };
            sql.push_str(&format!(" AND {seq} {comparison} ?"));
            values.push(after.into());
        }
    }

    fn rows(
        &self,
        sql: &str,
        values: Vec<rusqlite::types::Value>,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        let mut statement = self.connection.prepare(sql)?;
        let rows = statement.query_map(params_from_iter(values), stored_statement)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// Runs `sql` through the connection's prepared-statement cache.
fn execute_cached(
    connection: &Connection,
    sql: &str,
    values: impl rusqlite::Params,
) -> rusqlite::Result<usize> {
    connection.prepare_cached(sql)?.execute(values)
}

/// Appends the order on `seq` and the limit of `query`.
fn order_sql(query: &Query, seq: &str, sql: &mut String, values: &mut Vec<rusqlite::types::Value>) {
    let direction = if query.ascending { "ASC" } else { "DESC" };
    sql.push_str(&format!(" ORDER BY {seq} {direction} LIMIT ?"));
    values.push(query.limit.into());
}

fn stored_statement(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredStatement> {
    Ok(StoredStatement {
        seq: row.get(0)?,
        body: row.get(1)?,
        stored_us: row.get(2)?,
        voided: row.get::<_, i64>(3)? != 0,
    })
}

/// The SQL condition of `filter` on the statement aliased `alias`, with its parameters.
fn filter_sql(filter: &Filter, alias: &str, out: &mut Vec<rusqlite::types::Value>) -> String {
    let mut parts = Vec::new();
    if let Some(agent) = &filter.agent {
        let direct = if filter.related_agents {
            ""
        } else {
            " AND a.direct = 1"
        };
        parts.push(format!(
            "EXISTS (SELECT 1 FROM statement_agents a WHERE a.seq = {alias}.seq AND a.agent = ?{direct})"
        ));
        out.push(agent.clone().into());
    }
    if let Some(verb) = &filter.verb {
        parts.push(format!("{alias}.verb = ?"));
        out.push(verb.clone().into());
    }
    if let Some(activity) = &filter.activity {
        let direct = if filter.related_activities {
            ""
        } else {
            " AND c.direct = 1"
        };
        parts.push(format!(
            "EXISTS (SELECT 1 FROM statement_activities c WHERE c.seq = {alias}.seq AND c.activity = ?{direct})"
        ));
        out.push(activity.clone().into());
    }
    if let Some(registration) = &filter.registration {
        parts.push(format!("{alias}.registration = ?"));
        out.push(registration.clone().into());
    }
    if parts.is_empty() {
        "1".to_owned()
    } else {
        parts.join(" AND ")
    }
}

impl Store for SqliteStore {
    fn statement(&self, id: &str) -> Result<Option<StoredStatement>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT seq, body, stored_us, voided FROM statements WHERE id = ?1",
                params![id],
                stored_statement,
            )
            .optional()?)
    }

    fn insert_statements(
        &mut self,
        batch: &[NewStatement],
        attachments: &[StoredAttachment],
    ) -> Result<(), StoreError> {
        // Cached prepared statements: a batch runs the same few statements many times.
        let transaction = self.connection.transaction()?;
        // `stored` never decreases in `seq` order (the windows rely on it): checked in the transaction.
        let latest: Option<i64> = transaction
            .prepare_cached("SELECT max(stored_us) FROM statements")?
            .query_row([], |row| row.get(0))?;
        let mut floor = latest.unwrap_or(i64::MIN);
        for statement in batch {
            if statement.stored_us < floor {
                return Err(StoreError::new(format!(
                    "statement {} would be stored at {} µs, before {floor} µs, the latest stored: \
                     stored must not decrease in insertion order",
                    statement.id, statement.stored_us
                )));
            }
            floor = statement.stored_us;
            execute_cached(
                &transaction,
                "INSERT INTO statements (id, body, stored_us, verb, registration, ref_target) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    statement.id,
                    statement.body,
                    statement.stored_us,
                    statement.verb,
                    statement.registration,
                    statement.ref_target
                ],
            )?;
            let seq = transaction.last_insert_rowid();
            for (agent, direct) in &statement.agents {
                execute_cached(
                    &transaction,
                    "INSERT INTO statement_agents (seq, agent, direct) VALUES (?1, ?2, ?3)",
                    params![seq, agent, i64::from(*direct)],
                )?;
            }
            for (activity, direct) in &statement.activities {
                execute_cached(
                    &transaction,
                    "INSERT INTO statement_activities (seq, activity, direct) VALUES (?1, ?2, ?3)",
                    params![seq, activity, i64::from(*direct)],
                )?;
            }
            for (agent, object) in &statement.agent_objects {
                execute_cached(
                    &transaction,
                    "INSERT OR IGNORE INTO agents (agent, object) VALUES (?1, ?2)",
                    params![agent, object],
                )?;
            }
            for (id, activity) in &statement.activity_objects {
                let existing: Option<String> = transaction
                    .prepare_cached("SELECT activity FROM activities WHERE id = ?1")?
                    .query_row(params![id], |row| row.get(0))
                    .optional()?;
                let merged = match existing {
                    Some(existing) => crate::index::merge_activity(&existing, activity),
                    None => activity.clone(),
                };
                execute_cached(
                    &transaction,
                    "INSERT INTO activities (id, activity) VALUES (?1, ?2) \
                     ON CONFLICT(id) DO UPDATE SET activity = excluded.activity",
                    params![id, merged],
                )?;
            }
            if let Some(target) = &statement.voids {
                execute_cached(
                    &transaction,
                    "UPDATE statements SET voided = 1 WHERE id = ?1",
                    params![target],
                )?;
            }
        }
        for attachment in attachments {
            execute_cached(
                &transaction,
                "INSERT OR IGNORE INTO attachments (sha2, content_type, content) VALUES (?1, ?2, ?3)",
                params![attachment.sha2, attachment.content_type, attachment.content],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }

    fn query(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError> {
        if query.filter.agent.is_none() && query.filter.activity.is_none() {
            return self.scan(query);
        }
        // An agent or activity filter: the statements that match themselves, walked from the index
        // (newest or oldest first), then those whose StatementRef target matches, walked from the
        // partial index of referring statements; the page is the first `limit` of both. A scan in
        // `seq` order testing each statement (`scan`) reads most of the table for a rare agent.
        let mut rows = self.driven(query)?;
        rows.extend(self.referring(query)?);
        if query.ascending {
            rows.sort_by_key(|row| row.seq);
        } else {
            rows.sort_by_key(|row| std::cmp::Reverse(row.seq));
        }
        rows.dedup_by_key(|row| row.seq);
        rows.truncate(usize::try_from(query.limit).unwrap_or(usize::MAX));
        Ok(rows)
    }

    fn latest_stored_us(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .connection
            .prepare_cached("SELECT max(stored_us) FROM statements")?
            .query_row([], |row| row.get(0))?)
    }

    fn attachment(&self, sha2: &str) -> Result<Option<StoredAttachment>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT sha2, content_type, content FROM attachments WHERE sha2 = ?1",
                params![sha2],
                |row| {
                    Ok(StoredAttachment {
                        sha2: row.get(0)?,
                        content_type: row.get(1)?,
                        content: row.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    fn document(&self, key: &DocumentKey) -> Result<Option<StoredDocument>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT content_type, content, etag, updated_us FROM documents WHERE resource = ?1 \
                 AND activity = ?2 AND agent = ?3 AND registration = ?4 AND id = ?5",
                params![
                    key.resource,
                    key.activity,
                    key.agent,
                    key.registration,
                    key.id
                ],
                |row| {
                    Ok(StoredDocument {
                        content_type: row.get(0)?,
                        content: row.get(1)?,
                        etag: row.get(2)?,
                        updated_us: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    fn document_ids(
        &self,
        key: &DocumentKey,
        since_us: Option<i64>,
    ) -> Result<Vec<String>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT id FROM documents WHERE resource = ?1 AND activity = ?2 AND agent = ?3 \
             AND registration = ?4 AND updated_us > ?5 ORDER BY id",
        )?;
        let rows = statement.query_map(
            params![
                key.resource,
                key.activity,
                key.agent,
                key.registration,
                since_us.unwrap_or(i64::MIN)
            ],
            |row| row.get(0),
        )?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    }

    fn put_document(
        &mut self,
        key: &DocumentKey,
        document: &StoredDocument,
    ) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO documents (resource, activity, agent, registration, id, content_type, \
             content, etag, updated_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
             ON CONFLICT(resource, activity, agent, registration, id) DO UPDATE SET \
             content_type = excluded.content_type, content = excluded.content, \
             etag = excluded.etag, updated_us = excluded.updated_us",
            params![
                key.resource,
                key.activity,
                key.agent,
                key.registration,
                key.id,
                document.content_type,
                document.content,
                document.etag,
                document.updated_us
            ],
        )?;
        Ok(())
    }

    fn delete_documents(&mut self, key: &DocumentKey, all: bool) -> Result<(), StoreError> {
        if all {
            self.connection.execute(
                "DELETE FROM documents WHERE resource = ?1 AND activity = ?2 AND agent = ?3 \
                 AND (?4 = '' OR registration = ?4)",
                params![key.resource, key.activity, key.agent, key.registration],
            )?;
        } else {
            self.connection.execute(
                "DELETE FROM documents WHERE resource = ?1 AND activity = ?2 AND agent = ?3 \
                 AND registration = ?4 AND id = ?5",
                params![
                    key.resource,
                    key.activity,
                    key.agent,
                    key.registration,
                    key.id
                ],
            )?;
        }
        Ok(())
    }

    fn activity(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT activity FROM activities WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )
            .optional()?)
    }

    fn agents(&self, key: &str) -> Result<Vec<String>, StoreError> {
        let mut statement = self
            .connection
            .prepare("SELECT object FROM agents WHERE agent = ?1 ORDER BY rowid")?;
        let rows = statement.query_map(params![key], |row| row.get(0))?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        reason = "tests on known inputs"
    )]

    use super::*;

    /// A database file in the temporary folder, removed (with its WAL files) when dropped.
    struct TempDb(std::path::PathBuf);

    impl TempDb {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "learnwire-lrs-store-{name}-{}.sqlite",
                std::process::id()
            ));
            let db = Self(path);
            db.remove();
            db
        }

        fn path(&self) -> &str {
            self.0.to_str().expect("a UTF-8 temporary path")
        }

        fn remove(&self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
            }
        }
    }

    impl Drop for TempDb {
        fn drop(&mut self) {
            self.remove();
        }
    }

    /// The schema as it was before the index on `stored_us` (and before `user_version` was set).
    fn schema_before_the_index() -> String {
        let line = "CREATE INDEX IF NOT EXISTS statements_stored ON statements(stored_us);\n";
        assert!(SCHEMA.contains(line));
        SCHEMA.replace(line, "")
    }

    /// `stored_us` of each statement in insertion order: batches (one `stored` each) of several
    /// statements sharing a `stored`, so pages end inside a run of equal `stored`.
    const STORED: [i64; 12] = [
        1_000, 1_000, 1_000, 2_000, 3_000, 3_000, 3_000, 3_000, 5_000, 8_000, 8_000, 9_000,
    ];

    fn new_statement(index: usize, stored_us: i64) -> NewStatement {
        NewStatement {
            id: format!("00000000-0000-4000-8000-{index:012}"),
            body: format!("{{\"n\":{index}}}"),
            stored_us,
            verb: "http://example.com/verbs/did".to_owned(),
            agents: vec![("mbox mailto:a@example.com".to_owned(), true)],
            ..NewStatement::default()
        }
    }

    /// Stores [`STORED`] through the store, one batch per run of equal `stored`.
    fn fill(store: &mut SqliteStore) {
        let mut index = 0;
        while index < STORED.len() {
            let mut batch = Vec::new();
            let stored = STORED[index];
            while index < STORED.len() && STORED[index] == stored {
                batch.push(new_statement(index, stored));
                index += 1;
            }
            store.insert_statements(&batch, &[]).unwrap();
        }
    }

    /// Writes `stored` with bare SQL (as the LRS before this change did), in the given schema.
    fn fill_raw(connection: &Connection, stored: &[i64]) {
        for (index, stored_us) in stored.iter().enumerate() {
            let new = new_statement(index, *stored_us);
            connection
                .execute(
                    "INSERT INTO statements (id, body, stored_us, verb) VALUES (?1, ?2, ?3, ?4)",
                    params![new.id, new.body, new.stored_us, new.verb],
                )
                .unwrap();
            connection
                .execute(
                    "INSERT INTO statement_agents (seq, agent, direct) VALUES (?1, ?2, 1)",
                    params![connection.last_insert_rowid(), "mbox mailto:a@example.com"],
                )
                .unwrap();
        }
    }

    /// Every page of `query` (pages of `page`, each asked with one more row, as the server asks),
    /// followed through the `more` cursor: the `n` of each statement, page by page.
    fn pages(store: &SqliteStore, query: &Query, page: usize) -> Vec<Vec<usize>> {
        let mut query = query.clone();
        query.limit = i64::try_from(page).unwrap() + 1;
        let mut pages = Vec::new();
        loop {
            let mut rows = store.query(&query).unwrap();
            let more = rows.len() > page;
            rows.truncate(page);
            pages.push(rows.iter().map(|row| body_index(&row.body)).collect());
            if !more {
                return pages;
            }
            query.after_seq = rows.last().map(|row| row.seq);
        }
    }

    fn body_index(body: &str) -> usize {
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        usize::try_from(value["n"].as_u64().unwrap()).unwrap()
    }

    /// What xAPI asks: `stored` after `since` (exclusive) and at or before `until` (inclusive), in
    /// `stored` order (ties in insertion order), cut into pages of `page`.
    fn expected(
        stored: &[i64],
        since: Option<i64>,
        until: Option<i64>,
        ascending: bool,
        page: usize,
    ) -> Vec<Vec<usize>> {
        let mut matching: Vec<usize> = (0..stored.len())
            .filter(|&index| since.is_none_or(|since| stored[index] > since))
            .filter(|&index| until.is_none_or(|until| stored[index] <= until))
            .collect();
        matching.sort_by_key(|&index| (stored[index], index));
        if !ascending {
            matching.reverse();
        }
        if matching.is_empty() {
            return vec![Vec::new()];
        }
        matching.chunks(page).map(<[usize]>::to_vec).collect()
    }

    /// Every window whose ends are on, between, before and after the stored values, both orders,
    /// pages of 1 to 4, with and without an agent filter: the pages equal [`expected`].
    fn assert_windows_follow_xapi(store: &SqliteStore, stored: &[i64]) {
        let ends = [
            None,
            Some(0),
            Some(999),
            Some(1_000),
            Some(1_001),
            Some(2_000),
            Some(3_000),
            Some(4_000),
            Some(8_000),
            Some(9_000),
            Some(10_000),
        ];
        for since in ends {
            for until in ends {
                for ascending in [true, false] {
                    for page in 1..=4 {
                        for agent in [None, Some("mbox mailto:a@example.com".to_owned())] {
                            let query = Query {
                                filter: Filter {
                                    agent: agent.clone(),
                                    ..Filter::default()
                                },
                                since_us: since,
                                until_us: until,
                                ascending,
                                ..Query::default()
                            };
                            assert_eq!(
                                pages(store, &query, page),
                                expected(stored, since, until, ascending, page),
                                "since {since:?} until {until:?} ascending {ascending} page {page} \
                                 agent {agent:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// The query plan of `sql` with `values`, one detail per line.
    fn plan(store: &SqliteStore, sql: &str, values: Vec<rusqlite::types::Value>) -> String {
        let mut statement = store
            .connection
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = statement
            .query_map(params_from_iter(values), |row| row.get::<_, String>(3))
            .unwrap();
        rows.collect::<Result<Vec<_>, _>>().unwrap().join("\n")
    }

    /// The plans of a since, an until and a since+until query in both orders, without filter and
    /// with an agent filter: each end is one search of `statements_stored`, the rows are walked on
    /// the primary key (or the agent index) within them, never a full scan of the statements.
    fn assert_windows_use_the_stored_index(store: &SqliteStore) {
        let windows = [
            (Some(2_000), None),
            (None, Some(5_000)),
            (Some(1_000), Some(8_000)),
        ];
        for (since_us, until_us) in windows {
            for ascending in [true, false] {
                let query = Query {
                    since_us,
                    until_us,
                    ascending,
                    limit: 26,
                    ..Query::default()
                };
                let (sql, values) = store.scan_sql(&query);
                let shown = plan(store, &sql, values);
                let context = format!("{since_us:?} {until_us:?} ascending {ascending}:\n{shown}");
                let ends = usize::from(since_us.is_some()) + usize::from(until_us.is_some());
                assert_eq!(
                    shown
                        .matches("USING COVERING INDEX statements_stored")
                        .count(),
                    ends,
                    "{context}"
                );
                assert!(
                    shown.contains("SEARCH s USING INTEGER PRIMARY KEY (rowid"),
                    "{context}"
                );
                assert!(!shown.contains("SCAN"), "{context}");
                assert!(!shown.contains("TEMP B-TREE"), "{context}");
                let agent = Query {
                    filter: Filter {
                        agent: Some("mbox mailto:a@example.com".to_owned()),
                        ..Filter::default()
                    },
                    ..query
                };
                let (sql, values) = store.driven_sql(&agent).unwrap();
                let shown = plan(store, &sql, values);
                let context = format!("agent {context}\n{shown}");
                assert!(
                    shown.contains("SEARCH d USING INDEX statement_agents_agent (agent=? AND seq"),
                    "{context}"
                );
                assert!(shown.contains("statements_stored"), "{context}");
                assert!(!shown.contains("SCAN"), "{context}");
            }
        }
    }

    #[test]
    fn since_is_exclusive_until_inclusive_in_stored_order_with_more_across_equal_stored() {
        let db = TempDb::new("windows-new");
        let mut store = SqliteStore::open(db.path()).unwrap();
        fill(&mut store);
        assert!(store.stored_in_seq_order);
        assert_windows_follow_xapi(&store, &STORED);
    }

    #[test]
    fn since_and_until_use_the_stored_index_not_a_scan_on_a_new_database() {
        let db = TempDb::new("plan-new");
        let mut store = SqliteStore::open(db.path()).unwrap();
        fill(&mut store);
        assert_windows_use_the_stored_index(&store);
    }

    #[test]
    fn a_database_created_before_the_index_gains_it_on_open_and_keeps_the_semantics() {
        let db = TempDb::new("before-index");
        {
            let connection = Connection::open(db.path()).unwrap();
            connection
                .execute_batch(&schema_before_the_index())
                .unwrap();
            fill_raw(&connection, &STORED);
        }
        let store = SqliteStore::open(db.path()).unwrap();
        let version: i64 = store
            .connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, STORED_IN_SEQ_ORDER);
        assert!(store.stored_in_seq_order);
        assert_windows_use_the_stored_index(&store);
        assert_windows_follow_xapi(&store, &STORED);
        // Opened again: the mark is read, not checked again; new batches keep the order.
        drop(store);
        let mut store = SqliteStore::open(db.path()).unwrap();
        assert!(store.stored_in_seq_order);
        let later = [new_statement(STORED.len(), 9_000)];
        store.insert_statements(&later, &[]).unwrap();
        let mut stored = STORED.to_vec();
        stored.push(9_000);
        assert_windows_follow_xapi(&store, &stored);
    }

    #[test]
    fn a_database_with_stored_out_of_insertion_order_is_marked_and_tests_every_row() {
        // The clock went back before the order was kept: statement 2 was stored before statement 1.
        let stored = [1_000, 3_000, 2_000, 4_000];
        let db = TempDb::new("out-of-order");
        {
            let connection = Connection::open(db.path()).unwrap();
            connection
                .execute_batch(&schema_before_the_index())
                .unwrap();
            fill_raw(&connection, &stored);
        }
        let store = SqliteStore::open(db.path()).unwrap();
        assert!(!store.stored_in_seq_order);
        let version: i64 = store
            .connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, STORED_OUT_OF_ORDER);
        // Each window still holds exactly the statements stored in it (in insertion order, as before).
        let query = Query {
            since_us: Some(1_500),
            until_us: Some(3_000),
            ascending: true,
            limit: 10,
            ..Query::default()
        };
        let found: Vec<usize> = store
            .query(&query)
            .unwrap()
            .iter()
            .map(|row| body_index(&row.body))
            .collect();
        assert_eq!(found, [1, 2]);
        let (sql, _) = store.scan_sql(&query);
        assert!(!sql.contains("statements w"), "no seq range: {sql}");
    }

    #[test]
    fn a_batch_stored_before_the_latest_stored_is_refused_and_nothing_is_written() {
        let db = TempDb::new("refuse-earlier");
        let mut store = SqliteStore::open(db.path()).unwrap();
        store
            .insert_statements(&[new_statement(0, 2_000)], &[])
            .unwrap();
        assert_eq!(store.latest_stored_us().unwrap(), Some(2_000));
        let refused = store
            .insert_statements(&[new_statement(1, 2_000), new_statement(2, 1_999)], &[])
            .unwrap_err();
        assert!(
            refused.to_string().contains("must not decrease"),
            "{refused}"
        );
        assert!(store.statement(&new_statement(1, 0).id).unwrap().is_none());
        // Equal to the latest is fine (one batch, or two in the same millisecond).
        store
            .insert_statements(&[new_statement(1, 2_000)], &[])
            .unwrap();
        assert_eq!(store.latest_stored_us().unwrap(), Some(2_000));
    }
}
