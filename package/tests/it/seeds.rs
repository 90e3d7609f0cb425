//! Replays the committed fuzz seeds (`fuzz/seeds/package_zip`) through the fuzz target's oracles, and
//! regenerates them when `LEARNWIRE_WRITE_SEEDS=1`.

use std::path::PathBuf;

use learnwire_package::{Limits, Package};

use crate::zipgen::{Layout, Spec, baseline, build, build_with, local_record};

fn seed_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/seeds/package_zip"
    ))
}

/// The same oracles as `fuzz/fuzz_targets/package_zip.rs`.
fn run_oracles(bytes: &[u8]) {
    let limits = Limits::default()
        .with_max_entries(64)
        .with_max_total_uncompressed(1 << 20)
        .with_max_name_bytes(256);
    let Ok(package) = Package::from_zip_bytes(bytes.to_vec(), &limits) else {
        return;
    };
    let verdict = package.verify_contents();
    assert!(verdict.issues().len() >= package.report().issues().len());
    for entry in package.files() {
        assert!(
            !entry.path.is_empty() && !entry.path.starts_with('/') && !entry.path.contains('\\')
        );
        assert!(
            !entry
                .path
                .split('/')
                .any(|c| c == ".." || c == "." || c.is_empty())
        );
        assert_eq!(package.file(&entry.path), Some(entry));
        if let Ok(data) = package.read_to_vec(entry, 64 * 1024) {
            assert_eq!(data.len() as u64, entry.size);
        }
    }
}

fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut dup = baseline();
    dup.push(Spec::stored("imsmanifest.xml", b"<two/>"));
    let mut descriptor = Spec::deflated("content/index.html", b"streamed data streamed data");
    descriptor.flags |= 8;
    descriptor.descriptor = true;
    let mut symlink = Spec::stored("content/passwd", b"/etc/passwd");
    symlink.ext_attr = 0o120_777 << 16;
    let mut lying = Spec::deflated("a.bin", &[0u8; 4096]);
    lying.size = 16;
    let mut crc = Spec::stored("b.txt", b"hello");
    crc.crc ^= 1;
    let mut overlap = Spec::stored("k1", b"kernel");
    overlap.point_at = Some(0);
    // A stored entry ended by a descriptor, smuggling a local header (package.stream-split).
    let mut smuggling_data = b"hello".to_vec();
    smuggling_data.extend_from_slice(b"PK\x07\x08");
    smuggling_data.extend_from_slice(&crc32fast::hash(b"hello").to_le_bytes());
    smuggling_data.extend_from_slice(&[5, 0, 0, 0, 5, 0, 0, 0]);
    smuggling_data.extend_from_slice(&local_record(&Spec::stored("../evil.txt", b"pwned")));
    let mut smuggling = Spec::stored("content/index.html", &smuggling_data);
    smuggling.flags |= 8;
    smuggling.descriptor = true;
    // A deflate stream that ends before its declared compressed size, a local header after it.
    let page = b"<p>page</p>".repeat(8);
    let mut early = Spec::deflated("index.html", &page);
    early
        .payload
        .extend_from_slice(&local_record(&Spec::stored("../evil.txt", b"pwned")));
    early.csize = u32::try_from(early.payload.len()).unwrap();
    vec![
        ("clean.zip", build(&baseline())),
        (
            "cmi5.zip",
            build(&[
                Spec::stored("cmi5.xml", b"<courseStructure/>"),
                Spec::dir("au/"),
            ]),
        ),
        ("duplicate.zip", build(&dup)),
        (
            "zipslip.zip",
            build(&[
                Spec::stored("../../evil.txt", b"x"),
                Spec::stored("C:\\x", b"y"),
            ]),
        ),
        ("descriptor.zip", build(&[descriptor])),
        ("symlink.zip", build(&[symlink])),
        ("lying-size.zip", build(&[lying])),
        ("crc.zip", build(&[crc])),
        (
            "overlap.zip",
            build(&[Spec::stored("k0", b"kernel"), overlap]),
        ),
        (
            "case.zip",
            build(&[Spec::stored("a.html", b"1"), Spec::stored("A.HTML", b"2")]),
        ),
        (
            "zip64.zip",
            build_with(
                &[Spec::stored("z", b"zip64")],
                &Layout {
                    zip64_count: Some(1),
                    ..Layout::default()
                },
            ),
        ),
        ("empty.zip", build(&[])),
        ("stored-descriptor-smuggling.zip", build(&[smuggling])),
        ("deflate-early-end.zip", build(&[early])),
    ]
}

#[test]
fn fuzz_seeds_replay() {
    let dir = seed_dir();
    if std::env::var_os("LEARNWIRE_WRITE_SEEDS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in seeds() {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    let Ok(listing) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no seeds at {}", dir.display());
        return;
    };
    let mut count = 0;
    for entry in listing.flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let outcome = std::panic::catch_unwind(|| run_oracles(&bytes));
        assert!(
            outcome.is_ok(),
            "seed {} broke an oracle",
            entry.path().display()
        );
        count += 1;
    }
    assert!(count >= 5, "expected the committed seeds, found {count}");
    // The generated seeds must also pass, whether or not they were written.
    for (name, bytes) in seeds() {
        assert!(
            std::panic::catch_unwind(|| run_oracles(&bytes)).is_ok(),
            "{name}"
        );
    }
}

/// A small deterministic mutation run over the seeds (a stand-in for the fuzzer in CI): no panic, oracles hold.
#[test]
fn mutated_seeds_keep_the_oracles() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (name, seed) in seeds() {
        let rounds = std::env::var("LEARNWIRE_MUTATION_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300);
        for round in 0..rounds {
            let mut bytes = seed.clone();
            if bytes.is_empty() {
                continue;
            }
            for _ in 0..1 + next() % 4 {
                let at = (next() % bytes.len() as u64) as usize;
                match next() % 5 {
                    0 => bytes[at] ^= 1 << (next() % 8),
                    1 => bytes[at] = [0, 0xFF, 0x7F, 0x80, b'/', b'.'][(next() % 6) as usize],
                    2 => bytes.truncate(at.max(1)),
                    3 => {
                        let chunk = bytes[at..].iter().take(16).copied().collect::<Vec<_>>();
                        bytes.splice(at..at, chunk);
                    }
                    _ => bytes[at] = bytes[at].wrapping_add(1),
                }
            }
            let outcome = std::panic::catch_unwind(|| run_oracles(&bytes));
            assert!(
                outcome.is_ok(),
                "{name} mutation {round} broke an oracle: {bytes:?}"
            );
        }
    }
}
