//! A fixed-size bitset, the unit of the fast connectivity matrix.

/// A set of indices `0..len` (pod group classes in the matrices), 64 to a word; bits past
/// `len` stay clear. The binary operations expect two sets of the same `len`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// The empty set of `len` indices.
    pub fn zeros(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The full set: every index in `0..len`.
    pub fn ones(len: usize) -> Bits {
        let mut b = Bits {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        b.trim();
        b
    }

    /// Clears the bits past `len` in the last word, so counts stay exact.
    fn trim(&mut self) {
        let extra = self.words.len() * 64 - self.len;
        if extra > 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= u64::MAX >> extra;
            }
        }
    }

    /// How many indices it can hold (not how many are set).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds no index at all (`len` is 0), not whether none is set: see `any`.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether index `i` is in the set; panics past the last word.
    pub fn get(&self, i: usize) -> bool {
        self.words[i / 64] >> (i % 64) & 1 == 1
    }

    /// Adds index `i`, which must be below `len`.
    pub fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Removes index `i`.
    pub fn clear(&mut self, i: usize) {
        self.words[i / 64] &= !(1 << (i % 64));
    }

    /// `self |= other`.
    pub fn or_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// `self &= other`.
    pub fn and_with(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// `self |= a & b`.
    pub fn or_and(&mut self, a: &Bits, b: &Bits) {
        for ((x, y), z) in self.words.iter_mut().zip(&a.words).zip(&b.words) {
            *x |= y & z;
        }
    }

    /// `self &= !other`.
    pub fn and_not(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    /// Whether every index in `0..len` is set.
    pub fn all(&self) -> bool {
        *self == Bits::ones(self.len)
    }

    /// Whether some index is set.
    pub fn any(&self) -> bool {
        self.words.iter().any(|w| *w != 0)
    }

    /// The indices of the set bits, in order.
    pub fn ones_iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let t = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + t)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_iterate() {
        let mut b = Bits::zeros(130);
        b.set(0);
        b.set(64);
        b.set(129);
        assert!(b.get(64) && !b.get(63));
        assert_eq!(b.ones_iter().collect::<Vec<_>>(), vec![0, 64, 129]);
        b.clear(64);
        assert_eq!(b.ones_iter().count(), 2);
        assert_eq!(Bits::ones(130).ones_iter().count(), 130);
        assert!(Bits::ones(130).all());
        assert!(!b.all());
    }
}
