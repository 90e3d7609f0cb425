//! Name collisions: exact duplicates, case and Unicode-normalisation collisions, file/directory conflicts.

use std::collections::BTreeMap;

use learnwire_report::{Code, Location, Report, Severity, quote};
use unicode_normalization::UnicodeNormalization;

use crate::codes;
use crate::entry::Candidate;

/// The key two names collide on: NFC, lowercased, and trailing dots and spaces of each component dropped
/// (Windows drops them when it creates a file).
pub(crate) fn fold_key(path: &str) -> String {
    let folded: String = path.nfc().flat_map(char::to_lowercase).collect();
    if !folded.contains(['.', ' ']) {
        return folded;
    }
    folded
        .split('/')
        .map(|c| match c.trim_end_matches(['.', ' ']) {
            "" => c,
            trimmed => trimmed,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A collision found: its code, the first entry and the one that collides with it.
type Collision = (Code, usize, usize);

/// Finds every collision among the candidates, reports it, and marks the entries involved unsafe
/// (ambiguous content fails closed). Directory-only collisions are warnings.
pub(crate) fn check_collisions(candidates: &mut [Candidate], report: &mut Report) {
    let (mut found, keys, file_keys) = name_collisions(candidates);
    file_dir_conflicts(candidates, &keys, &file_keys, &mut found);
    for collision in found {
        report_collision(candidates, collision, report);
    }
}

/// Exact duplicates (or a file and a directory of one name), then names equal once folded
/// ([`fold_key`]). Also returns each candidate's folded key (`None` for an empty name or an exact
/// duplicate) and the first file with each key.
fn name_collisions(
    candidates: &[Candidate],
) -> (Vec<Collision>, Vec<Option<String>>, BTreeMap<String, usize>) {
    let mut found: Vec<Collision> = Vec::new();
    let mut exact: BTreeMap<&str, usize> = BTreeMap::new();
    let mut folded: BTreeMap<String, usize> = BTreeMap::new();
    let mut file_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut keys: Vec<Option<String>> = Vec::with_capacity(candidates.len());
    for (index, candidate) in candidates.iter().enumerate() {
        if candidate.path.is_empty() {
            keys.push(None);
            continue;
        }
        if let Some(&first) = exact.get(candidate.path.as_str()) {
            let first_is_dir = candidates.get(first).is_some_and(|c| c.is_dir);
            let code = if first_is_dir == candidate.is_dir {
                codes::DUPLICATE
            } else {
                codes::FILE_DIR_CONFLICT
            };
            found.push((code, first, index));
            keys.push(None);
            continue;
        }
        exact.insert(&candidate.path, index);
        let key = fold_key(&candidate.path);
        if let Some(&first) = folded.get(&key) {
            let first_path = candidates
                .get(first)
                .map(|c| c.path.as_str())
                .unwrap_or_default();
            let code = if first_path.nfc().eq(candidate.path.nfc()) {
                codes::UNICODE_COLLISION
            } else {
                codes::CASE_COLLISION
            };
            found.push((code, first, index));
        } else {
            folded.insert(key.clone(), index);
        }
        if !candidate.is_dir {
            file_keys.entry(key.clone()).or_insert(index);
        }
        keys.push(Some(key));
    }
    (found, keys, file_keys)
}

/// A file that is also a directory: an explicit directory entry with its name, or a path under it.
fn file_dir_conflicts(
    candidates: &[Candidate],
    keys: &[Option<String>],
    file_keys: &BTreeMap<String, usize>,
    found: &mut Vec<Collision>,
) {
    for (index, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        let is_dir = candidates.get(index).is_some_and(|c| c.is_dir);
        let mut conflict = None;
        if is_dir {
            conflict = file_keys.get(key.as_str()).copied();
        }
        for (at, _) in key.match_indices('/') {
            if conflict.is_some() {
                break;
            }
            conflict = key
                .get(..at)
                .and_then(|prefix| file_keys.get(prefix))
                .copied();
        }
        if let Some(file) = conflict {
            found.push((codes::FILE_DIR_CONFLICT, file, index));
        }
    }
}

/// Reports one collision at the second entry and, unless both are directories, marks both unsafe.
fn report_collision(
    candidates: &mut [Candidate],
    (code, first, second): Collision,
    report: &mut Report,
) {
    let both_dirs = [first, second]
        .iter()
        .all(|&i| candidates.get(i).is_some_and(|c| c.is_dir));
    let first_name = candidates
        .get(first)
        .map(|c| c.raw_name.clone())
        .unwrap_or_default();
    let Some(candidate) = candidates.get(second) else {
        return;
    };
    let message = match code {
        c if c == codes::DUPLICATE => {
            format!("another entry is also named {}", quote(&first_name))
        }
        c if c == codes::FILE_DIR_CONFLICT => {
            format!(
                "the file {} is also used as a directory",
                quote(&first_name)
            )
        }
        c if c == codes::UNICODE_COLLISION => format!(
            "the name equals {} once Unicode-normalised (NFC)",
            quote(&first_name)
        ),
        _ => format!(
            "the name equals {} ignoring case or trailing dots and spaces (they overwrite each other on Windows and macOS)",
            quote(&first_name)
        ),
    };
    let severity = if both_dirs {
        Severity::Warning
    } else {
        Severity::Error
    };
    report.push(learnwire_report::Issue::new(
        code,
        severity,
        Location::entry(candidate.raw_name.clone()),
        message,
    ));
    if !both_dirs {
        for index in [first, second] {
            if let Some(c) = candidates.get_mut(index) {
                c.safe = false;
            }
        }
    }
}
