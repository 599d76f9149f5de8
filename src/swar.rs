//! Eight bytes at a time: byte-class tests on eight bytes of text read as a
//! little-endian `u64`. Each test gives the high bit of every byte in the
//! class; [`pack`] turns those into one bit per byte. The document's word
//! scan, the date and number extractors and two rules share them.
//!
//! [`Sixteen`] runs the same tests on sixteen bytes at once with the
//! vector instructions every x86-64 processor has (SSE2, through the
//! `safe_arch` crate, so without `unsafe` here), and falls back to two
//! eight-byte words elsewhere.

/// `1` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is an ASCII byte from `lo` to `hi`
/// (`lo` > 0).
#[inline(always)]
pub(crate) const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // On the low seven bits neither sum carries out of its byte (each is at
    // most 0xff): the high bit of `low7 + 0x80 - lo` says `>= lo`, of
    // `low7 + 0x7f - hi` says `> hi`.
    let low7 = x & !HIGH;
    let at_least_lo = low7 + ONES * (0x80 - lo as u64);
    let above_hi = low7 + ONES * (0x7f - hi as u64);
    at_least_lo & !above_hi & !x & HIGH
}

/// The high bit of each ASCII letter of `x`.
#[inline(always)]
pub(crate) const fn letters(x: u64) -> u64 {
    in_range(x | (ONES * 0x20), b'a', b'z')
}

/// The high bit of each byte of `x` that is not an ASCII letter.
#[inline(always)]
pub(crate) const fn non_letters(x: u64) -> u64 {
    !letters(x) & HIGH
}

/// The high bit of each ASCII digit of `x`.
#[inline(always)]
pub(crate) const fn digits(x: u64) -> u64 {
    in_range(x, b'0', b'9')
}

/// The high bit of each byte of `x` that equals the ASCII byte `v`.
// On x86-64 only the tests and the other targets' `Sixteen` call it.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
pub(crate) const fn equal(x: u64, v: u8) -> u64 {
    equal_words(x, ONES * v as u64)
}

/// The high bit of each byte where `x` and `y` hold the same byte.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
const fn equal_words(x: u64, y: u64) -> u64 {
    let t = x ^ y;
    // The high bit of `(t & 7f) + 7f` says the low seven bits of `t` are not
    // all zero; `t`'s own high bit says the byte's is not.
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

/// One bit per byte (bit `k` for byte `k`) from the high bits of a mask.
#[inline(always)]
pub(crate) const fn pack(high: u64) -> u64 {
    // Each bit lands at 56 + k with no carries: the partial products are all
    // at different positions.
    ((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Sixteen bytes of text; each test gives one bit per byte in its class
/// (bit `k` for byte `k`). On x86-64 a test is a few SSE2 instructions and
/// one `pmovmskb`; elsewhere it is the eight-byte tests on two words.
#[derive(Clone, Copy)]
pub(crate) struct Sixteen(
    #[cfg(target_arch = "x86_64")] safe_arch::m128i,
    #[cfg(not(target_arch = "x86_64"))] [u64; 2],
);

#[cfg(target_arch = "x86_64")]
impl Sixteen {
    #[inline(always)]
    pub(crate) fn new(bytes: &[u8; 16]) -> Sixteen {
        Sixteen(safe_arch::load_unaligned_m128i(bytes))
    }

    /// Bytes from `lo` to `hi`, both ASCII (`lo` <= `hi` < 0x80).
    #[inline(always)]
    pub(crate) fn in_range(self, lo: u8, hi: u8) -> u16 {
        use safe_arch::*;
        // `byte - lo` wraps below `lo`, and a non-ASCII byte lands above
        // `hi - lo` too: the saturating subtraction leaves zero exactly on
        // the bytes in range.
        let offset = sub_i8_m128i(self.0, set_splat_i8_m128i(lo as i8));
        let over = sub_saturating_u8_m128i(offset, set_splat_i8_m128i((hi - lo) as i8));
        move_mask_i8_m128i(cmp_eq_mask_i8_m128i(over, zeroed_m128i())) as u16
    }

    /// ASCII letters.
    #[inline(always)]
    pub(crate) fn letters(self) -> u16 {
        Sixteen(safe_arch::bitor_m128i(self.0, safe_arch::set_splat_i8_m128i(0x20))).in_range(b'a', b'z')
    }

    /// Bytes equal to `v`.
    #[inline(always)]
    pub(crate) fn equal(self, v: u8) -> u16 {
        self.matches(Sixteen::splat(v))
    }

    /// Sixteen copies of `v`, for [`Sixteen::matches`].
    #[inline(always)]
    pub(crate) fn splat(v: u8) -> Sixteen {
        Sixteen(safe_arch::set_splat_i8_m128i(v as i8))
    }

    /// Bytes equal to the byte at the same place of `other`.
    #[inline(always)]
    pub(crate) fn matches(self, other: Sixteen) -> u16 {
        safe_arch::move_mask_i8_m128i(safe_arch::cmp_eq_mask_i8_m128i(self.0, other.0)) as u16
    }

    /// Bytes that are not ASCII (high bit set).
    #[inline(always)]
    pub(crate) fn wide(self) -> u16 {
        safe_arch::move_mask_i8_m128i(self.0) as u16
    }
}

#[cfg(not(target_arch = "x86_64"))]
impl Sixteen {
    #[inline(always)]
    pub(crate) fn new(bytes: &[u8; 16]) -> Sixteen {
        let word = |k: usize| u64::from_le_bytes(bytes[8 * k..8 * k + 8].try_into().expect("eight bytes"));
        Sixteen([word(0), word(1)])
    }

    #[inline(always)]
    fn both(self, test: impl Fn(u64) -> u64) -> u16 {
        (pack(test(self.0[0])) | pack(test(self.0[1])) << 8) as u16
    }

    /// Bytes from `lo` to `hi`, both ASCII (0 < `lo` <= `hi` < 0x80).
    #[inline(always)]
    pub(crate) fn in_range(self, lo: u8, hi: u8) -> u16 {
        self.both(|x| in_range(x, lo, hi))
    }

    /// ASCII letters.
    #[inline(always)]
    pub(crate) fn letters(self) -> u16 {
        self.both(letters)
    }

    /// Bytes equal to `v`.
    #[inline(always)]
    pub(crate) fn equal(self, v: u8) -> u16 {
        self.both(|x| equal(x, v))
    }

    /// Sixteen copies of `v`, for [`Sixteen::matches`].
    #[inline(always)]
    pub(crate) fn splat(v: u8) -> Sixteen {
        Sixteen([ONES * u64::from(v); 2])
    }

    /// Bytes equal to the byte at the same place of `other`.
    #[inline(always)]
    pub(crate) fn matches(self, other: Sixteen) -> u16 {
        (pack(equal_words(self.0[0], other.0[0])) | pack(equal_words(self.0[1], other.0[1])) << 8) as u16
    }

    /// Bytes that are not ASCII (high bit set).
    #[inline(always)]
    pub(crate) fn wide(self) -> u16 {
        self.both(|x| x & HIGH)
    }
}

/// A byte class of a [`Sixteen`] kept in vector form, so that classes
/// can be joined with `|` before their bits are read once with
/// [`Lanes::bits`].
#[derive(Clone, Copy)]
pub(crate) struct Lanes(
    #[cfg(target_arch = "x86_64")] safe_arch::m128i,
    #[cfg(not(target_arch = "x86_64"))] [u64; 2],
);

#[cfg(target_arch = "x86_64")]
impl Sixteen {
    /// The bytes from `lo` to `hi`, both ASCII (`lo` <= `hi` < 0x80).
    #[inline(always)]
    pub(crate) fn range_lanes(self, lo: u8, hi: u8) -> Lanes {
        use safe_arch::*;
        let offset = sub_i8_m128i(self.0, set_splat_i8_m128i(lo as i8));
        let over = sub_saturating_u8_m128i(offset, set_splat_i8_m128i((hi - lo) as i8));
        Lanes(cmp_eq_mask_i8_m128i(over, zeroed_m128i()))
    }

    /// The ASCII letters.
    #[inline(always)]
    pub(crate) fn letter_lanes(self) -> Lanes {
        Sixteen(safe_arch::bitor_m128i(self.0, safe_arch::set_splat_i8_m128i(0x20))).range_lanes(b'a', b'z')
    }

    /// The bytes equal to `v`.
    #[inline(always)]
    pub(crate) fn eq_lanes(self, v: u8) -> Lanes {
        Lanes(safe_arch::cmp_eq_mask_i8_m128i(
            self.0,
            safe_arch::set_splat_i8_m128i(v as i8),
        ))
    }
}

#[cfg(target_arch = "x86_64")]
impl Lanes {
    /// One bit per byte of the class (bit `k` for byte `k`).
    #[inline(always)]
    pub(crate) fn bits(self) -> u16 {
        safe_arch::move_mask_i8_m128i(self.0) as u16
    }
}

#[cfg(target_arch = "x86_64")]
impl std::ops::BitOr for Lanes {
    type Output = Lanes;

    #[inline(always)]
    fn bitor(self, other: Lanes) -> Lanes {
        Lanes(safe_arch::bitor_m128i(self.0, other.0))
    }
}

#[cfg(not(target_arch = "x86_64"))]
impl Sixteen {
    /// The bytes from `lo` to `hi`, both ASCII (0 < `lo` <= `hi` < 0x80).
    #[inline(always)]
    pub(crate) fn range_lanes(self, lo: u8, hi: u8) -> Lanes {
        Lanes(self.0.map(|x| in_range(x, lo, hi)))
    }

    /// The ASCII letters.
    #[inline(always)]
    pub(crate) fn letter_lanes(self) -> Lanes {
        Lanes(self.0.map(letters))
    }

    /// The bytes equal to `v`.
    #[inline(always)]
    pub(crate) fn eq_lanes(self, v: u8) -> Lanes {
        Lanes(self.0.map(|x| equal(x, v)))
    }
}

#[cfg(not(target_arch = "x86_64"))]
impl Lanes {
    /// One bit per byte of the class (bit `k` for byte `k`).
    #[inline(always)]
    pub(crate) fn bits(self) -> u16 {
        (pack(self.0[0]) | pack(self.0[1]) << 8) as u16
    }
}

#[cfg(not(target_arch = "x86_64"))]
impl std::ops::BitOr for Lanes {
    type Output = Lanes;

    #[inline(always)]
    fn bitor(self, other: Lanes) -> Lanes {
        Lanes([self.0[0] | other.0[0], self.0[1] | other.0[1]])
    }
}

impl Sixteen {
    /// ASCII digits.
    #[inline(always)]
    pub(crate) fn digits(self) -> u16 {
        self.in_range(b'0', b'9')
    }
}

/// Two bitmaps over all of `bytes`, of the bytes in `a` and of those in
/// `b`: bit `i % 64` of word `i / 64` tells byte `i` is in the set. Every
/// byte is read once, sixteen at a time; [`Bits`] then gives the places.
// The document builds its maps with more classes in its own pass.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn bitmaps<const A: usize, const B: usize>(bytes: &[u8], a: [u8; A], b: [u8; B]) -> [Vec<u64>; 2] {
    let (a, b) = (a.map(Sixteen::splat), b.map(Sixteen::splat));
    let block = |chunk: &[u8; 64]| {
        let (mut x, mut y) = (0u64, 0u64);
        for (k, sixteen) in chunk.chunks_exact(16).enumerate() {
            let v = Sixteen::new(sixteen.try_into().expect("sixteen bytes"));
            x |= u64::from(a.iter().fold(0, |m, &n| m | v.matches(n))) << (16 * k);
            y |= u64::from(b.iter().fold(0, |m, &n| m | v.matches(n))) << (16 * k);
        }
        (x, y)
    };
    let words = bytes.len().div_ceil(64);
    let (mut in_a, mut in_b) = (vec![0u64; words], vec![0u64; words]);
    let mut blocks = bytes.chunks_exact(64);
    for ((chunk, x), y) in blocks.by_ref().zip(in_a.iter_mut()).zip(in_b.iter_mut()) {
        (*x, *y) = block(chunk.try_into().expect("64 bytes"));
    }
    let tail = blocks.remainder();
    if let (Some(x), Some(y)) = (in_a.last_mut(), in_b.last_mut())
        && !tail.is_empty()
    {
        let mut padded = [0u8; 64];
        padded[..tail.len()].copy_from_slice(tail);
        // The padding is not text.
        let valid = u64::MAX >> (64 - tail.len());
        let (tx, ty) = block(&padded);
        (*x, *y) = (tx & valid, ty & valid);
    }
    [in_a, in_b]
}

/// The places a bitmap of [`bitmaps`] marks in a range of the text, in
/// order.
pub(crate) struct Bits<'a> {
    map: &'a [u64],
    end: usize,
    /// The word of the map being read.
    word: usize,
    /// Its places not given yet.
    bits: u64,
}

impl<'a> Bits<'a> {
    /// The places in `from..end` (`end` no further than the mapped text).
    pub(crate) fn new(map: &'a [u64], from: usize, end: usize) -> Bits<'a> {
        let word = from / 64;
        let bits = map.get(word).map_or(0, |w| w & (u64::MAX << (from % 64)));
        Bits { map, end, word, bits }
    }

    /// The first place at or after `from`, which must not lie before the
    /// last place given.
    #[inline]
    pub(crate) fn next_from(&mut self, from: usize) -> Option<usize> {
        let word = from / 64;
        debug_assert!(word >= self.word, "places are found forwards only");
        if word > self.word {
            self.word = word;
            self.bits = self.map.get(word).copied().unwrap_or(0);
        }
        self.bits &= u64::MAX << (from % 64);
        self.next()
    }
}

impl Iterator for Bits<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.bits != 0 {
                let place = self.word * 64 + self.bits.trailing_zeros() as usize;
                self.bits &= self.bits - 1;
                return (place < self.end).then_some(place);
            }
            self.word += 1;
            if self.word * 64 >= self.end {
                return None;
            }
            self.bits = self.map.get(self.word).copied().unwrap_or(0);
        }
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn bits_are_the_set_bytes_in_order(
            text in proptest::collection::vec(proptest::sample::select(b"ab.\n\r?\0\xe2".to_vec()), 0..300),
            from in 0usize..320,
            end_cut in 0usize..80,
            steps in proptest::collection::vec(0usize..90, 0..12),
        ) {
            let [dots, breaks] = bitmaps(&text, *b".\0", *b"\n\r");
            let end = text.len().saturating_sub(end_cut);
            let places = |set: &[u8]| -> Vec<usize> { (from..end).filter(|&i| set.contains(&text[i])).collect() };
            let want = places(b".\0");
            proptest::prop_assert_eq!(Bits::new(&dots, from, end).collect::<Vec<_>>(), want.clone());
            proptest::prop_assert_eq!(Bits::new(&breaks, from, end).collect::<Vec<_>>(), places(b"\n\r"));
            // Jumping forwards: each answer is the first place at or after
            // the position asked.
            let mut bits = Bits::new(&dots, from, end);
            let mut at = from;
            for step in steps {
                at += step;
                let first = want.iter().copied().find(|&p| p >= at);
                let got = bits.next_from(at);
                proptest::prop_assert_eq!(got, first);
                match got {
                    Some(p) => at = p + 1,
                    None => break,
                }
            }
        }
    }

    #[test]
    fn sixteen_marks_exactly_its_bytes_in_every_position() {
        for c in 0..=255u8 {
            for k in 0..16 {
                let mut bytes = [b' '; 16];
                bytes[k] = c;
                let v = Sixteen::new(&bytes);
                let at = |m: u16| m >> k & 1 == 1;
                assert_eq!(at(v.letters()), c.is_ascii_alphabetic(), "{c:#x} at {k}");
                assert_eq!(at(v.digits()), c.is_ascii_digit(), "{c:#x} at {k}");
                assert_eq!(at(v.in_range(b'A', b'Z')), c.is_ascii_uppercase(), "{c:#x} at {k}");
                assert_eq!(at(v.in_range(b' ', b' ')), c == b' ', "{c:#x} at {k}");
                assert_eq!(at(v.equal(b'\'')), c == b'\'', "{c:#x} at {k}");
                assert_eq!(at(v.equal(0xe2)), c == 0xe2, "{c:#x} at {k}");
                assert_eq!(at(v.wide()), !c.is_ascii(), "{c:#x} at {k}");
                assert_eq!(at(v.letter_lanes().bits()), c.is_ascii_alphabetic(), "{c:#x} at {k}");
                assert_eq!(
                    at(v.range_lanes(b'0', b'9').bits()),
                    c.is_ascii_digit(),
                    "{c:#x} at {k}"
                );
                assert_eq!(
                    at((v.eq_lanes(b'.') | v.eq_lanes(b'\n')).bits()),
                    c == b'.' || c == b'\n'
                );
                assert_eq!(at(v.eq_lanes(0xe2).bits()), c == 0xe2, "{c:#x} at {k}");
                // The other fifteen bytes, spaces, are in none of the classes.
                assert_eq!((v.letters() | v.digits()) & !(1 << k), 0);
                assert_eq!(v.equal(b' '), !(u16::from(c != b' ') << k));
            }
        }
    }

    use super::*;

    #[test]
    fn every_class_marks_exactly_its_bytes_in_every_position() {
        for c in 0..=255u8 {
            for k in 0..8 {
                let mut bytes = [b' '; 8];
                bytes[k] = c;
                let x = u64::from_le_bytes(bytes);
                let at = |m: u64| pack(m) >> k & 1 == 1;
                assert_eq!(at(letters(x)), c.is_ascii_alphabetic(), "{c:#x} at {k}");
                assert_eq!(at(non_letters(x)), !c.is_ascii_alphabetic(), "{c:#x} at {k}");
                assert_eq!(at(digits(x)), c.is_ascii_digit(), "{c:#x} at {k}");
                assert_eq!(at(in_range(x, b'A', b'Z')), c.is_ascii_uppercase(), "{c:#x} at {k}");
                assert_eq!(at(equal(x, b'\'')), c == b'\'', "{c:#x} at {k}");
                // The other seven bytes, spaces, are in none of the classes.
                assert_eq!(pack(letters(x) | digits(x)) & !(1 << k), 0);
                assert_eq!(pack(equal(x, b' ')), 0xff & !(u64::from(c != b' ') << k));
            }
        }
    }
}
