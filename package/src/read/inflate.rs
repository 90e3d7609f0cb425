//! Raw deflate (APPNOTE 6.3 §4.4.5, method 8) over an entry's compressed bytes, telling where the stream
//! ended.
//!
//! A streaming extractor inflates until the deflate stream's final block ends and reads the next record
//! right there, whatever the declared compressed size says. So the stream must end exactly at the declared
//! size: [`ended`](Inflate::ended) and [`consumed`](Inflate::consumed) let the reader check both.

use std::io::{self, BufRead, Read};

use flate2::{Decompress, FlushDecompress, Status};

/// Inflates a raw deflate stream read from `input`; stops at the end of the stream.
pub(crate) struct Inflate<R> {
    input: R,
    state: Decompress,
    ended: bool,
}

impl<R: BufRead> Inflate<R> {
    pub(crate) fn new(input: R) -> Self {
        Self {
            input,
            state: Decompress::new(false),
            ended: false,
        }
    }

    /// The final block of the stream has ended.
    pub(crate) fn ended(&self) -> bool {
        self.ended
    }

    /// Compressed bytes the stream used so far.
    pub(crate) fn consumed(&self) -> u64 {
        self.state.total_in()
    }
}

impl<R: BufRead> Read for Inflate<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.ended || out.is_empty() {
            return Ok(0);
        }
        loop {
            let input = self.input.fill_buf()?;
            let at_eof = input.is_empty();
            let (in_before, out_before) = (self.state.total_in(), self.state.total_out());
            let status = self
                .state
                .decompress(input, out, FlushDecompress::None)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            let used = self.state.total_in().saturating_sub(in_before);
            let produced = self.state.total_out().saturating_sub(out_before);
            self.input.consume(usize::try_from(used).unwrap_or(0));
            let produced = usize::try_from(produced).unwrap_or(usize::MAX);
            if status == Status::StreamEnd {
                self.ended = true;
                return Ok(produced);
            }
            if produced > 0 || at_eof {
                // At the end of the input without the end of the stream: the caller sees `ended() == false`.
                return Ok(produced);
            }
            if used == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the deflate stream makes no progress",
                ));
            }
        }
    }
}
