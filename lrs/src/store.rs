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
    /// Statements matching `query`, not voided, in `seq` order.
    fn query(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError>;
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
pub(crate) struct SqliteStore {
    connection: Connection,
}

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
        Ok(Self { connection })
    }
}

impl SqliteStore {
    /// A query without agent or activity filter: statements in `seq` order, each tested (on itself
    /// or, through a StatementRef, on its target).
    fn scan(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError> {
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
        window_sql(query, "s.seq", &mut sql, &mut values);
        order_sql(query, "s.seq", &mut sql, &mut values);
        self.rows(&sql, values)
    }

    /// The statements matching the filter themselves, walked from the agent (or activity) index in
    /// `seq` order, at most `limit`.
    fn driven(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError> {
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
            return Ok(Vec::new());
        }
        let own = filter_sql(filter, "s", &mut values);
        sql.push_str(&format!(" AND s.voided = 0 AND {own}"));
        // One row per statement (an agent can be both actor and object), in the index's order.
        window_sql(query, "d.seq", &mut sql, &mut values);
        sql.push_str(" GROUP BY d.seq");
        order_sql(query, "d.seq", &mut sql, &mut values);
        self.rows(&sql, values)
    }

    /// The statements whose StatementRef target matches the filter, from the partial index of
    /// referring statements, at most `limit`.
    fn referring(&self, query: &Query) -> Result<Vec<StoredStatement>, StoreError> {
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        let target = filter_sql(&query.filter, "t", &mut values);
        let mut sql = format!(
            "SELECT s.seq, s.body, s.stored_us, s.voided FROM statements s INDEXED BY statements_referring \
             WHERE s.ref_target IS NOT NULL AND s.voided = 0 \
             AND EXISTS (SELECT 1 FROM statements t WHERE t.id = s.ref_target AND {target})"
        );
        window_sql(query, "s.seq", &mut sql, &mut values);
        order_sql(query, "s.seq", &mut sql, &mut values);
        self.rows(&sql, values)
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

/// Appends the time window and the `more` cursor of `query` (the cursor on `seq`, the column that
/// orders the rows).
fn window_sql(
    query: &Query,
    seq: &str,
    sql: &mut String,
    values: &mut Vec<rusqlite::types::Value>,
) {
    if let Some(since) = query.since_us {
        sql.push_str(" AND s.stored_us > ?");
        values.push(since.into());
    }
    if let Some(until) = query.until_us {
        sql.push_str(" AND s.stored_us <= ?");
        values.push(until.into());
    }
    if let Some(after) = query.after_seq {
        let comparison = if query.ascending { ">" } else { "<" };
        sql.push_str(&format!(" AND {seq} {comparison} ?"));
        values.push(after.into());
    }
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
        for statement in batch {
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
