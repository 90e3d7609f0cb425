//! Reading entry data: bounded, streaming, never trusting declared sizes.

mod inflate;

use std::fs::File;
use std::io::{BufReader, Read};

use learnwire_report::{Location, Report};

use crate::entry::{Entry, EntryLocation};
use crate::folder;
use crate::source::Source;
use crate::{Package, PackageError};
use inflate::Inflate;

const CHUNK: usize = 64 * 1024;
/// Compression methods (APPNOTE 6.3 §4.4.5): the only two a package may use.
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

impl Package {
    /// Reads one entry into memory, at most `max_bytes` bytes.
    ///
    /// The data is streamed: output stops one byte past `max_bytes` or past the declared size, whichever is
    /// smaller, so a lying header cannot make it allocate or inflate more. The ratio and total limits are
    /// enforced while streaming, the size must equal the declared one, and the CRC-32 is checked at the end.
    /// For a manifest, use [`read_manifest`](Self::read_manifest), which enforces
    /// [`Limits::max_manifest_bytes`](crate::Limits::max_manifest_bytes).
    ///
    /// # Errors
    ///
    /// [`PackageError::EntryTooLarge`] (declared or real size over `max_bytes`),
    /// [`PackageError::SizeMismatch`], [`PackageError::CrcMismatch`], [`PackageError::RatioExceeded`],
    /// [`PackageError::TotalTooLarge`], [`PackageError::CorruptData`], [`PackageError::Io`], and
    /// [`PackageError::UnknownEntry`] for an entry of another package.
    pub fn read_to_vec(&self, entry: &Entry, max_bytes: u64) -> Result<Vec<u8>, PackageError> {
        self.check_owned(entry)?;
        let budget = self.limits.max_total_uncompressed();
        let initial = entry.size.min(max_bytes).min(budget).min(16 * 1024 * 1024);
        let mut out = Vec::with_capacity(usize::try_from(initial).unwrap_or(0));
        self.stream(entry, max_bytes, budget, &mut |chunk| {
            out.extend_from_slice(chunk)
        })?;
        Ok(out)
    }

    /// Reads a course descriptor (`imsmanifest.xml`, `cmi5.xml`, `tincan.xml`) into memory, at most
    /// [`Limits::max_manifest_bytes`](crate::Limits::max_manifest_bytes) of the limits the package was opened
    /// with (16 MiB by default; SCO-08, CMI-17): [`read_to_vec`](Self::read_to_vec) with that cap, and a
    /// descriptor over it is refused with its own code, `package.manifest-too-large`.
    ///
    /// # Errors
    ///
    /// [`PackageError::ManifestTooLarge`] (declared or real size over the limit), otherwise as
    /// [`read_to_vec`](Self::read_to_vec).
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_package::{Limits, Package, PackageError};
    ///
    /// # let zip = learnwire_testkit::tiny_zip(&[("imsmanifest.xml", &[b' '; 2048])]);
    /// let limits = Limits::default().with_max_manifest_bytes(1024);
    /// let package = Package::from_zip_bytes(zip, &limits)?;
    /// let manifest = package.file("imsmanifest.xml").expect("present");
    /// let err = package.read_manifest(manifest).unwrap_err();
    /// assert!(matches!(err, PackageError::ManifestTooLarge { limit: 1024, .. }));
    /// assert_eq!(err.code().as_str(), "package.manifest-too-large");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_manifest(&self, entry: &Entry) -> Result<Vec<u8>, PackageError> {
        self.read_to_vec(entry, self.limits.max_manifest_bytes())
            .map_err(|error| match error {
                PackageError::EntryTooLarge { entry, limit } => {
                    PackageError::ManifestTooLarge { entry, limit }
                }
                other => other,
            })
    }

    /// Checks every file against the limits and the declared sizes: a zip entry is streamed through
    /// decompression (real size, CRC-32, ratio, total); a folder file is checked from its metadata only (still
    /// the same regular file, same size, total), since a folder has no CRC-32 to verify and reading every
    /// byte of a large course would only cost time.
    ///
    /// Returns a copy of [`report`](Self::report) followed by the problems found (same `package.*` codes as
    /// [`PackageError::code`]), so this one report is the complete verdict; do not merge it with `report()`
    /// again. Stops early only when the total limit is hit.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_package::{Limits, Package};
    ///
    /// # let zip = learnwire_testkit::tiny_zip(&[("../evil.txt", b"x"), ("a.html", b"ok")]);
    /// let package = Package::from_zip_bytes(zip, &Limits::default())?;
    /// let verdict = package.verify_contents();
    /// assert!(!verdict.is_valid());
    /// assert!(verdict.has_code("package.path-traversal"));
    /// assert_eq!(package.files().count(), 1, "only a.html is readable");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_contents(&self) -> Report {
        let mut report = self.report().clone();
        let mut budget = self.limits.max_total_uncompressed();
        for entry in &self.entries {
            let mut seen = 0u64;
            let result = match (&self.source, &entry.location) {
                (Source::Folder { root }, EntryLocation::Folder { identity }) => {
                    folder::recheck(root, entry, *identity).and_then(|_| {
                        if entry.size > budget {
                            return Err(PackageError::TotalTooLarge {
                                limit: self.limits.max_total_uncompressed(),
                            });
                        }
                        seen = entry.size;
                        Ok(())
                    })
                }
                _ => self.stream(entry, u64::MAX, budget, &mut |chunk| {
                    seen = seen.saturating_add(u64::try_from(chunk.len()).unwrap_or(u64::MAX));
                }),
            };
            budget = budget.saturating_sub(seen);
            if let Err(error) = result {
                let stop = matches!(error, PackageError::TotalTooLarge { .. });
                report.error(
                    error.code(),
                    Location::entry(entry.raw_name.clone()),
                    error.message(),
                );
                if stop {
                    break;
                }
            }
        }
        report
    }

    fn check_owned(&self, entry: &Entry) -> Result<(), PackageError> {
        match self.entries.get(entry.index) {
            Some(own) if own == entry => Ok(()),
            _ => Err(PackageError::UnknownEntry {
                entry: entry.path.clone(),
            }),
        }
    }

    /// Streams the entry's data into `sink`, enforcing `cap` (per entry) and `budget` (total).
    fn stream(
        &self,
        entry: &Entry,
        cap: u64,
        budget: u64,
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<(), PackageError> {
        let mut meter = Meter::new(self, entry, cap, budget)?;
        match (&self.source, &entry.location) {
            (Source::Folder { root }, EntryLocation::Folder { identity }) => {
                // The metadata first, so a file swapped for a FIFO or a link is never opened.
                let path = folder::recheck(root, entry, *identity)?;
                let file = File::open(&path).map_err(|e| PackageError::io(Some(&path), e))?;
                let metadata = file
                    .metadata()
                    .map_err(|e| PackageError::io(Some(&path), e))?;
                if !metadata.is_file()
                    || (identity.is_some() && folder::identity(&metadata) != *identity)
                {
                    return Err(folder::replaced(&path));
                }
                meter.pump(&mut BufReader::new(file), sink)?;
                meter.finish(None)
            }
            (
                Source::Bytes(_) | Source::File { .. },
                EntryLocation::Zip {
                    data_start,
                    data_end,
                    crc,
                    method,
                    ..
                },
            ) => {
                let mut raw =
                    BufReader::with_capacity(CHUNK, self.source.range(*data_start, *data_end));
                match *method {
                    STORED => {
                        meter.pump(&mut raw, sink)?;
                        meter.finish(Some(*crc))
                    }
                    DEFLATED => {
                        let mut inflate = Inflate::new(raw);
                        meter.pump(&mut inflate, sink)?;
                        meter.finish(Some(*crc))?;
                        check_stream_end(&inflate, entry)
                    }
                    method => Err(PackageError::UnsupportedMethod {
                        entry: entry.path.clone(),
                        method,
                    }),
                }
            }
            _ => Err(PackageError::UnknownEntry {
                entry: entry.path.clone(),
            }),
        }
    }
}

/// The deflate stream must end, and end exactly at the declared compressed size: a streaming reader reads
/// the next record where the stream ends.
fn check_stream_end<R>(inflate: &Inflate<R>, entry: &Entry) -> Result<(), PackageError>
where
    R: std::io::BufRead,
{
    if !inflate.ended() {
        return Err(PackageError::CorruptData {
            entry: entry.path.clone(),
            source: "the deflate stream does not end within the declared compressed size".into(),
        });
    }
    if inflate.consumed() != entry.compressed_size {
        return Err(PackageError::StreamSplit {
            entry: entry.path.clone(),
            consumed: inflate.consumed(),
            declared: entry.compressed_size,
        });
    }
    Ok(())
}

/// Counts what is streamed and stops at the first limit.
struct Meter<'a> {
    package: &'a Package,
    entry: &'a Entry,
    cap: u64,
    budget: u64,
    read: u64,
    hasher: crc32fast::Hasher,
}

impl<'a> Meter<'a> {
    fn new(
        package: &'a Package,
        entry: &'a Entry,
        cap: u64,
        budget: u64,
    ) -> Result<Self, PackageError> {
        if entry.size > cap {
            return Err(PackageError::EntryTooLarge {
                entry: entry.path.clone(),
                limit: cap,
            });
        }
        if entry.size > budget {
            return Err(PackageError::TotalTooLarge {
                limit: package.limits.max_total_uncompressed(),
            });
        }
        Ok(Self {
            package,
            entry,
            cap,
            budget,
            read: 0,
            hasher: crc32fast::Hasher::new(),
        })
    }

    /// Reads until EOF or one byte past the declared size; never asks for more than that.
    fn pump(
        &mut self,
        reader: &mut dyn Read,
        sink: &mut dyn FnMut(&[u8]),
    ) -> Result<(), PackageError> {
        // Sized for the entry (its declared size plus the one byte that proves it longer), at most CHUNK:
        // a small entry does not pay for zeroing 64 KiB.
        let first_window = self.entry.size.saturating_add(1).saturating_sub(self.read);
        let mut buf = vec![0u8; usize::try_from(first_window).unwrap_or(CHUNK).min(CHUNK)];
        loop {
            let allowed = self.entry.size.saturating_add(1).saturating_sub(self.read);
            let want = usize::try_from(allowed).unwrap_or(CHUNK).min(CHUNK);
            let Some(window) = buf.get_mut(..want) else {
                return Ok(());
            };
            let n = match reader.read(window) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.read_error(e)),
            };
            let chunk = window.get(..n).unwrap_or_default();
            self.read = self
                .read
                .saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
            self.check()?;
            self.hasher.update(chunk);
            sink(chunk);
        }
    }

    fn check(&self) -> Result<(), PackageError> {
        let entry = || self.entry.path.clone();
        let limits = &self.package.limits;
        if self.read > self.entry.size {
            return Err(PackageError::SizeMismatch {
                entry: entry(),
                declared: self.entry.size,
                larger: true,
            });
        }
        if self.read > self.cap {
            return Err(PackageError::EntryTooLarge {
                entry: entry(),
                limit: self.cap,
            });
        }
        if self.read > self.budget {
            return Err(PackageError::TotalTooLarge {
                limit: limits.max_total_uncompressed(),
            });
        }
        if limits.ratio_exceeded(self.read, self.entry.compressed_size) {
            return Err(PackageError::RatioExceeded {
                entry: entry(),
                limit: limits.max_entry_ratio(),
            });
        }
        Ok(())
    }

    fn finish(self, declared_crc: Option<u32>) -> Result<(), PackageError> {
        if self.read != self.entry.size {
            return Err(PackageError::SizeMismatch {
                entry: self.entry.path.clone(),
                declared: self.entry.size,
                larger: self.read > self.entry.size,
            });
        }
        let actual = self.hasher.finalize();
        match declared_crc {
            Some(declared) if declared != actual => Err(PackageError::CrcMismatch {
                entry: self.entry.path.clone(),
                declared,
                actual,
            }),
            _ => Ok(()),
        }
    }

    fn read_error(&self, error: std::io::Error) -> PackageError {
        match (&self.package.source, error.kind()) {
            (Source::Folder { .. }, _) => PackageError::io(self.package.source.path(), error),
            (Source::File { .. }, kind) if kind != std::io::ErrorKind::InvalidData => {
                PackageError::io(self.package.source.path(), error)
            }
            _ => PackageError::CorruptData {
                entry: self.entry.path.clone(),
                source: Box::new(error),
            },
        }
    }
}
