//! Bounded reading of files and standard input: never more than the limit plus one byte per item.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Opens `path` (`-` or `None`: standard input), buffered (the caller can see whether the next read
/// will wait for more input: [`BufReader::buffer`]).
pub(super) fn open(path: Option<&Path>) -> io::Result<BufReader<Box<dyn Read>>> {
    let input: Box<dyn Read> = match path {
        None => Box::new(io::stdin()),
        Some(path) if path.as_os_str() == "-" => Box::new(io::stdin()),
        Some(path) => Box::new(File::open(path)?),
    };
    Ok(BufReader::with_capacity(64 * 1024, input))
}

/// Reads at most `limit + 1` bytes.
pub(super) fn read_bounded(reader: impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a whole small file (keys, claims, JWKS), refusing one larger than `limit`.
pub(super) fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let file =
        File::open(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let bytes = read_bounded(file, limit)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if bytes.len() > limit {
        return Err(format!("{} is larger than {limit} bytes", path.display()));
    }
    Ok(bytes)
}

/// Reads the next line into `line` (cleared first), keeping at most `limit + 1` bytes of it (the rest of
/// a longer line is skipped, so memory stays bounded). False at the end of input.
pub(super) fn next_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<bool> {
    line.clear();
    let mut any = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(any);
        }
        any = true;
        let (chunk, found_newline) = match memchr::memchr(b'\n', available) {
            Some(end) => (available.get(..end).unwrap_or_default(), true),
            None => (available, false),
        };
        let room = limit.saturating_add(1).saturating_sub(line.len());
        line.extend_from_slice(chunk.get(..chunk.len().min(room)).unwrap_or_default());
        let consumed = chunk.len().saturating_add(usize::from(found_newline));
        reader.consume(consumed);
        if found_newline {
            return Ok(true);
        }
    }
}

/// Trims ASCII whitespace at both ends (a token file usually ends with a newline).
pub(super) fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |end| end.saturating_add(1));
    bytes.get(start..end).unwrap_or_default()
}
