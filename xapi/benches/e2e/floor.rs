//! The floor of `learnwire xapi validate --lines` for `xapi/benches/e2e.sh`, shared by the validate
//! bench (`floor-lines` mode, the system allocator) and `floor_mimalloc` (the allocator of the
//! `learnwire` binary).

use std::hint::black_box;
use std::io::{BufRead, BufReader};

use serde_json::Value;

/// Reads `path` line by line (64 KiB buffer, one line buffer reused), runs
/// `serde_json::from_slice::<Value>` on each non-empty line and prints how many parsed. Nothing else
/// is read, so a process running this costs the floor and its start.
pub(crate) fn floor_lines(path: &str) {
    let mut reader = BufReader::with_capacity(64 * 1024, std::fs::File::open(path).unwrap());
    let mut line = Vec::with_capacity(4096);
    let (mut lines, mut parsed) = (0u64, 0u64);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).unwrap() == 0 {
            break;
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        if text.is_empty() {
            continue;
        }
        lines += 1;
        parsed += u64::from(serde_json::from_slice::<Value>(black_box(text)).is_ok());
    }
    println!("{lines} lines, {parsed} parsed by serde_json::from_slice::<Value>");
}
