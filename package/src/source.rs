//! Where the package bytes come from: memory, a zip file, or a folder.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The backing store of a [`Package`](crate::Package).
pub(crate) enum Source {
    /// Zip bytes in memory.
    Bytes(Vec<u8>),
    /// A zip file, read by offset (the lock keeps seek and read together).
    File {
        file: Mutex<File>,
        len: u64,
        path: PathBuf,
    },
    /// A folder on disk.
    Folder { root: PathBuf },
}

impl Source {
    /// The length of the zip data (0 for a folder).
    pub(crate) fn len(&self) -> u64 {
        match self {
            Self::Bytes(bytes) => u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            Self::File { len, .. } => *len,
            Self::Folder { .. } => 0,
        }
    }

    /// The path the package came from, if any.
    pub(crate) fn path(&self) -> Option<&Path> {
        match self {
            Self::Bytes(_) => None,
            Self::File { path, .. } => Some(path),
            Self::Folder { root } => Some(root),
        }
    }

    /// Fills `buf` from `offset`; `UnexpectedEof` when the data ends first.
    pub(crate) fn read_exact_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        match self {
            Self::Bytes(bytes) => {
                let start = usize::try_from(offset).map_err(|_| eof())?;
                let end = start.checked_add(buf.len()).ok_or_else(eof)?;
                let slice = bytes.get(start..end).ok_or_else(eof)?;
                buf.copy_from_slice(slice);
                Ok(())
            }
            Self::File { file, .. } => {
                let mut file = file
                    .lock()
                    .map_err(|_| io::Error::other("package file lock poisoned"))?;
                file.seek(SeekFrom::Start(offset))?;
                file.read_exact(buf)
            }
            Self::Folder { .. } => Err(eof()),
        }
    }

    /// A reader over `[start, end)`.
    pub(crate) fn range(&self, start: u64, end: u64) -> RangeReader<'_> {
        RangeReader {
            source: self,
            pos: start,
            end,
        }
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::File { path, len, .. } => write!(f, "File({}, {len} bytes)", path.display()),
            Self::Folder { root } => write!(f, "Folder({})", root.display()),
        }
    }
}

fn eof() -> io::Error {
    io::Error::from(io::ErrorKind::UnexpectedEof)
}

/// Reads a byte range of a [`Source`]; wrap it in a `BufReader`.
#[derive(Debug)]
pub(crate) struct RangeReader<'a> {
    source: &'a Source,
    pos: u64,
    end: u64,
}

impl RangeReader<'_> {
    /// Bytes left in the range.
    pub(crate) fn remaining(&self) -> u64 {
        self.end.saturating_sub(self.pos)
    }
}

impl Read for RangeReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = usize::try_from(self.remaining())
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let Some(target) = buf.get_mut(..want) else {
            return Ok(0);
        };
        if want == 0 {
            return Ok(0);
        }
        self.source.read_exact_at(self.pos, target)?;
        self.pos = self
            .pos
            .saturating_add(u64::try_from(want).unwrap_or(u64::MAX));
        Ok(want)
    }
}
