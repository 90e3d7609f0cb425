//! JSON-level cases of the security catalogue (XAPI-01..20).
