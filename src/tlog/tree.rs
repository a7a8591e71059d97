//! Merkle tree hashes and proofs exactly as RFC 6962 §2.1 defines them (RFC 9162 §2.1.3–2.1.4
//! for the verification algorithms). Hashes are read through a [`HashSource`]: the complete
//! subtree at `level` (2^level leaves) and position `index`. A tile set and an in-memory tree
//! are both sources, so proofs are made the same way from either.

use crate::error::Result;
use crate::tlog::hash::{empty_root, node_hash, Hash};

/// Where the hashes of complete subtrees come from.
pub trait HashSource {
    /// The hash of leaves `[index·2^level, (index+1)·2^level)`.
    fn subtree(&mut self, level: u32, index: u64) -> Result<Hash>;
}

/// The largest power of two strictly below `n` (n ≥ 2): RFC 6962's split point `k`.
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// MTH(D[lo:hi]) for a range aligned as RFC 6962's recursion makes them: the complete subtrees
/// that cover it, left to right, folded from the right.
pub fn range_hash(lo: u64, hi: u64, source: &mut dyn HashSource) -> Result<Hash> {
    debug_assert!(lo < hi);
    let mut parts = Vec::new();
    let mut start = lo;
    while start < hi {
        let width = if hi - start == 1 { 1 } else { split(hi - start + 1) };
        debug_assert!(start % width == 0, "RFC 6962 ranges are aligned");
        parts.push(source.subtree(width.trailing_zeros(), start / width)?);
        start += width;
    }
    let mut hash = parts.pop().unwrap_or_else(empty_root);
    while let Some(left) = parts.pop() {
        hash = node_hash(&left, &hash);
    }
    Ok(hash)
}

/// The root hash of the first `size` leaves.
pub fn tree_hash(size: u64, source: &mut dyn HashSource) -> Result<Hash> {
    if size == 0 {
        return Ok(empty_root());
    }
    range_hash(0, size, source)
}

/// RFC 6962 PATH(m, D[0:n]): the audit path of leaf `index` in the tree of `size` leaves, from
/// the leaf's sibling up.
pub fn inclusion_proof(size: u64, index: u64, source: &mut dyn HashSource) -> Result<Vec<Hash>> {
    debug_assert!(index < size);
    let mut path = Vec::new();
    let (mut lo, mut hi) = (0, size);
    // Walk down, recording the subtree not taken; the path lists them bottom-up.
    while hi - lo > 1 {
        let k = split(hi - lo);
        if index < lo + k {
            path.push(range_hash(lo + k, hi, source)?);
            hi = lo + k;
        } else {
            path.push(range_hash(lo, lo + k, source)?);
            lo += k;
        }
    }
    path.reverse();
    Ok(path)
}

/// RFC 6962 PROOF(m, D[0:n]): the consistency proof from the tree of `old_size` leaves to the one
/// of `size` leaves (0 < old_size ≤ size).
pub fn consistency_proof(size: u64, old_size: u64, source: &mut dyn HashSource) -> Result<Vec<Hash>> {
    debug_assert!(0 < old_size && old_size <= size);
    let mut proof = Vec::new();
    let (mut lo, mut hi, mut whole_old_tree) = (0, size, true);
    // SUBPROOF(m, D[lo:hi], b), iteratively: each step records one sibling, bottom-up at the end.
    while old_size != hi {
        let k = split(hi - lo);
        if old_size <= lo + k {
            proof.push(range_hash(lo + k, hi, source)?);
            hi = lo + k;
        } else {
            proof.push(range_hash(lo, lo + k, source)?);
            lo += k;
            whole_old_tree = false;
        }
    }
    if !whole_old_tree {
        proof.push(range_hash(lo, hi, source)?);
    }
    proof.reverse();
    Ok(proof)
}

/// RFC 9162 §2.1.3.2: whether `proof` shows `leaf` at `index` in the tree of `size` leaves
/// whose root is `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut hash = *leaf;
    for sibling in proof {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            hash = node_hash(sibling, &hash);
            while fn_ & 1 == 0 && fn_ != 0 {
                fn_ >>= 1;
                sn >>= 1;
            }
        } else {
            hash = node_hash(&hash, sibling);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && hash == *root
}

/// RFC 9162 §2.1.4.2: whether `proof` shows the tree of `old_size` leaves with root `old_root`
/// is a prefix of the tree of `size` leaves with root `root`.
pub fn verify_consistency(old_size: u64, size: u64, proof: &[Hash], old_root: &Hash, root: &Hash) -> bool {
    if old_size == size {
        return proof.is_empty() && old_root == root;
    }
    if old_size == 0 || old_size > size || proof.is_empty() {
        return false;
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut fn_, mut sn) = (old_size - 1, size - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut first, mut second) = (path[0], path[0]);
    for node in &path[1..] {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            first = node_hash(node, &first);
            second = node_hash(node, &second);
            while fn_ & 1 == 0 && fn_ != 0 {
                fn_ >>= 1;
                sn >>= 1;
            }
        } else {
            second = node_hash(&second, node);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    first == *old_root && second == *root && sn == 0
}

/// A source that records which subtrees were asked for (and answers with zeros): how a client
/// learns which tiles a proof needs before fetching any.
#[derive(Default)]
pub struct Wanted {
    pub subtrees: Vec<(u32, u64)>,
}

impl HashSource for Wanted {
    fn subtree(&mut self, level: u32, index: u64) -> Result<Hash> {
        self.subtrees.push((level, index));
        Ok([0; 32])
    }
}

/// Every leaf hash in memory: the reference source for tests and small trees.
pub struct Leaves<'a>(pub &'a [Hash]);

impl HashSource for Leaves<'_> {
    fn subtree(&mut self, level: u32, index: u64) -> Result<Hash> {
        let width = 1usize << level;
        let start = usize::try_from(index).unwrap_or(usize::MAX).saturating_mul(width);
        let leaves = self.0.get(start..start.saturating_add(width)).unwrap_or(&[]);
        assert_eq!(leaves.len(), width, "a subtree past the end of the leaves");
        Ok(crate::tlog::hash::perfect_root(leaves))
    }
}
