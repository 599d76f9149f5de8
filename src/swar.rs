//! Eight bytes at a time: byte-class tests on eight bytes of text read as a
//! little-endian `u64`. Each test gives the high bit of every byte in the
//! class; [`pack`] turns those into one bit per byte. The document's word
//! scan, the date and number extractors and two rules share them.

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
#[inline(always)]
pub(crate) const fn equal(x: u64, v: u8) -> u64 {
    let t = x ^ (ONES * v as u64);
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

#[cfg(test)]
mod tests {
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
