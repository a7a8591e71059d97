//! One small sort for the whole engine: a heap sort. The standard library's sorts are
//! 2–3 KB of wasm for every element type they are used with (twiggy: pdqsort's
//! `quicksort` 2.7 KB for the Monte Carlo percentiles alone); this is a few hundred bytes,
//! and O(n log n) is all a percentile or a snapshot's member order needs.

/// Sorts `values` ascending by `less` (not stable; no two members share an id, and equal
/// floats are alike).
pub fn heap_sort_by<T>(values: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let len = values.len();
    for start in (0..len / 2).rev() {
        sift_down(values, start, len, &mut less);
    }
    for end in (1..len).rev() {
        values.swap(0, end);
        sift_down(values, 0, end, &mut less);
    }
}

/// Moves `values[root]` down until the max-heap `values[..end]` holds again.
fn sift_down<T>(values: &mut [T], mut root: usize, end: usize, less: &mut impl FnMut(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&values[child], &values[child + 1]) {
            child += 1;
        }
        if !less(&values[root], &values[child]) {
            return;
        }
        values.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::heap_sort_by;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut state = 12345u64;
        for len in 0..200 {
            let mut values: Vec<u64> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    state >> 58
                })
                .collect();
            let mut expected = values.clone();
            expected.sort();
            heap_sort_by(&mut values, |a, b| a < b);
            assert_eq!(values, expected, "length {len}");
        }
    }
}
