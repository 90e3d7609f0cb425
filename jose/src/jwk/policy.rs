//! Which RSA public keys are accepted.

/// The smallest modulus accepted by default, in bits (RFC 7518 §3.3).
const DEFAULT_MIN_BITS: usize = 2048;
/// The smallest modulus [`KeyPolicy::danger_with_min_bits`] lets through.
const DANGER_MIN_BITS: usize = 1024;
/// The largest modulus ever accepted: verification cost grows with it, and aws-lc-rs stops there.
const MAX_BITS: usize = 8192;

/// Which RSA public keys are accepted: the modulus size range (2048–8192 bits by default) and, always,
/// the public exponent 65537 (RFC 8017 allows others; nothing we meet uses them, and `e = 1` or `e = 3`
/// keys are an attack surface, see the security catalogue's LTI-18).
///
/// # Example
///
/// ```
/// use learnwire_jose::KeyPolicy;
///
/// assert_eq!(KeyPolicy::default().min_bits(), 2048);
/// assert_eq!(KeyPolicy::default().with_min_bits(3072).min_bits(), 3072);
/// // Lowering the minimum below 2048 needs the danger_ setter.
/// assert_eq!(KeyPolicy::default().with_min_bits(1024).min_bits(), 2048);
/// assert_eq!(KeyPolicy::default().danger_with_min_bits(1024).min_bits(), 1024);
/// assert_eq!(KeyPolicy::default().danger_with_min_bits(512).min_bits(), 1024);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPolicy {
    min_bits: usize,
    max_bits: usize,
}

impl Default for KeyPolicy {
    fn default() -> Self {
        Self {
            min_bits: DEFAULT_MIN_BITS,
            max_bits: MAX_BITS,
        }
    }
}

impl KeyPolicy {
    /// The default policy: 2048–8192 bits, e = 65537.
    pub fn new() -> Self {
        Self::default()
    }

    /// The smallest modulus accepted, in bits (default 2048).
    pub fn min_bits(&self) -> usize {
        self.min_bits
    }

    /// The largest modulus accepted, in bits (default and at most 8192).
    pub fn max_bits(&self) -> usize {
        self.max_bits
    }

    /// Sets [`min_bits`](Self::min_bits), kept within 2048..=[`max_bits`](Self::max_bits).
    #[must_use]
    pub fn with_min_bits(mut self, bits: usize) -> Self {
        self.min_bits = bits.clamp(DEFAULT_MIN_BITS, self.max_bits);
        self
    }

    /// Sets [`max_bits`](Self::max_bits), kept within [`min_bits`](Self::min_bits)..=8192.
    #[must_use]
    pub fn with_max_bits(mut self, bits: usize) -> Self {
        self.max_bits = bits.clamp(self.min_bits, MAX_BITS);
        self
    }

    /// DANGER: sets [`min_bits`](Self::min_bits) below 2048, down to 1024 (kept within
    /// 1024..=[`max_bits`](Self::max_bits)), for test platforms only: RFC 7518 §3.3 requires 2048. Keys
    /// under 2048 bits verify RS256 and RS512 only: aws-lc-rs has no small-key RS384 profile.
    #[must_use]
    pub fn danger_with_min_bits(mut self, bits: usize) -> Self {
        self.min_bits = bits.clamp(DANGER_MIN_BITS, self.max_bits);
        self
    }

    /// True when keys under 2048 bits are accepted (selects aws-lc-rs's legacy profiles).
    pub(crate) fn allows_small(&self) -> bool {
        self.min_bits < DEFAULT_MIN_BITS
    }
}
