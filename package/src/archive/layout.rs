//! Where the entries sit in the file: no two share bytes, and the bytes between them hide nothing.

use learnwire_report::{Location, Report, quote};

use super::streaming;
use crate::codes;
use crate::entry::Candidate;
use crate::source::Source;

/// Every entry's `[local header, end of data)` must be disjoint from every other's. Returns, by candidate
/// index, which entries overlap another.
pub(crate) fn check_overlaps(
    ranges: &mut [(u64, u64, usize)],
    candidates: &mut [Candidate],
    report: &mut Report,
) -> Vec<bool> {
    ranges.sort_unstable();
    let mut overlapping = vec![false; candidates.len()];
    let mut furthest: Option<(u64, usize)> = None;
    for &(start, end, index) in ranges.iter() {
        if let Some((max_end, owner)) = furthest {
            if start < max_end {
                for i in [index, owner] {
                    if let Some(flag) = overlapping.get_mut(i) {
                        *flag = true;
                    }
                }
                let owner_name = candidates
                    .get(owner)
                    .map(|c| c.raw_name.clone())
                    .unwrap_or_default();
                if let Some(candidate) = candidates.get_mut(index) {
                    candidate.safe = false;
                    report.error(
                        codes::OVERLAPPING_ENTRIES,
                        Location::entry(candidate.raw_name.clone()),
                        format!(
                            "the entry's bytes overlap those of entry {} (an overlapping-entries zip bomb?)",
                            quote(&owner_name)
                        ),
                    );
                }
                if let Some(other) = candidates.get_mut(owner)
                    && other.safe
                {
                    other.safe = false;
                    report.error(
                        codes::OVERLAPPING_ENTRIES,
                        Location::entry(other.raw_name.clone()),
                        "other entries' bytes overlap this entry's (an overlapping-entries zip bomb?)",
                    );
                }
            }
            if end > max_end {
                furthest = Some((end, index));
            }
        } else {
            furthest = Some((end, index));
        }
    }
    overlapping
}

/// Bytes between entries belong to no entry. A streaming extractor skips them looking for the next local
/// header (libarchive does), so a local header signature anywhere in them is an entry the central directory
/// hides, and a central-directory or end-record signature before the last entry ends the archive early for
/// such a reader. Other bytes are only a warning.
pub(crate) fn check_gaps(
    source: &Source,
    sorted: &[(u64, u64, usize)],
    cd_offset: u64,
    report: &mut Report,
) {
    let mut reached = sorted.first().map_or(cd_offset, |r| r.0);
    let mut gaps = Vec::new();
    if reached > 0 {
        gaps.push((0, reached));
    }
    for &(start, end, _) in sorted {
        if start > reached {
            gaps.push((reached, start));
        }
        reached = reached.max(end);
    }
    let last_entry_end = reached;
    if cd_offset > reached {
        gaps.push((reached, cd_offset));
    }
    let mut unreferenced = 0u64;
    for (start, end) in gaps {
        let before_an_entry = end < last_entry_end;
        let mut hidden = false;
        let scanned = streaming::scan_signatures(
            source,
            start,
            end,
            &[
                streaming::LOCAL,
                streaming::CENTRAL,
                streaming::END,
                streaming::END64,
            ],
            &mut |offset, signature| {
                if signature == streaming::LOCAL {
                    hidden = true;
                    report.error(
                        codes::HIDDEN_ENTRY,
                        Location::Whole,
                        format!("a local header at offset {offset} is not listed in the central directory (a streaming extractor would see a hidden entry)"),
                    );
                } else if before_an_entry {
                    report.error(
                        codes::STREAM_SPLIT,
                        Location::Whole,
                        format!(
                            "{} at offset {offset}, before the last entry: a streaming extractor stops there and misses the entries after it",
                            streaming::signature_name(signature)
                        ),
                    );
                }
                true
            },
        );
        if scanned.is_err() {
            report.error(
                codes::IO,
                Location::Whole,
                format!("the bytes at offset {start} cannot be read"),
            );
        }
        if !hidden && start > 0 {
            unreferenced = unreferenced.saturating_add(end.saturating_sub(start));
        }
    }
    if unreferenced > 0 {
        report.warning(
            codes::UNREFERENCED_DATA,
            Location::Whole,
            format!("{unreferenced} bytes between the entries belong to no entry"),
        );
    }
}
