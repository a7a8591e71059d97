#![cfg(not(target_arch = "wasm32"))]
//! The Merkle code against an independent implementation (the `ct-merkle` crate, RFC 6962):
//! tree hashes, inclusion and consistency proofs made from leaves and from tiles, and the
//! RFC 9162 verifiers, which must accept its proofs and refuse every corrupted one.

use ct_merkle::mem_backed_tree::MemoryBackedTree;
use ct_merkle::{ConsistencyProof, InclusionProof};
use points_pool::tlog::builder::TileBuilder;
use points_pool::tlog::hash::{leaf_hash, Hash};
use points_pool::tlog::tile::TileId;
use points_pool::tlog::tileset::{tiles_for, TileSet};
use points_pool::tlog::tree::{
    consistency_proof, inclusion_proof, tree_hash, verify_consistency, verify_inclusion, Leaves, Wanted,
};
use proptest::prelude::*;
use sha2_oracle::Sha256;

type Oracle = MemoryBackedTree<Sha256, Vec<u8>>;

fn leaves(count: usize, salt: u8) -> Vec<Vec<u8>> {
    (0..count).map(|i| format!("entry {i} {salt}").into_bytes()).collect()
}

fn oracle(entries: &[Vec<u8>]) -> Oracle {
    let mut tree = Oracle::new();
    for entry in entries {
        tree.push(entry.clone());
    }
    tree
}

fn hashes(proof: &[u8]) -> Vec<Hash> {
    proof.chunks_exact(32).map(|chunk| chunk.try_into().unwrap()).collect()
}

/// Tiles with their bytes.
type Tiles = Vec<(TileId, Vec<u8>)>;

/// `size` leaves, and every tile of their tree (full ones and the partial right edge).
fn every_tile(size: u64) -> (Vec<Hash>, TileBuilder, Tiles) {
    let leaf_hashes: Vec<Hash> = (0..size).map(|i| leaf_hash(&i.to_be_bytes())).collect();
    let mut builder = TileBuilder::default();
    let mut tiles = Vec::new();
    for hash in &leaf_hashes {
        builder.push(*hash);
        tiles.extend(builder.take_finished());
    }
    tiles.extend(builder.partial_tiles());
    (leaf_hashes, builder, tiles)
}

fn flat(proof: &[Hash]) -> Vec<u8> {
    proof.concat()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tree_hashes_and_proofs_agree_with_ct_merkle(size in 1usize..700, salt in any::<u8>(), pick in any::<u64>()) {
        let entries = leaves(size, salt);
        let oracle = oracle(&entries);
        let leaf_hashes: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
        let root = tree_hash(size as u64, &mut Leaves(&leaf_hashes)).unwrap();
        let their_root = oracle.root();
        prop_assert_eq!(&root[..], &their_root.as_bytes()[..]);

        let index = pick % size as u64;
        let proof = inclusion_proof(size as u64, index, &mut Leaves(&leaf_hashes)).unwrap();
        let theirs = oracle.prove_inclusion(index as usize);
        prop_assert_eq!(flat(&proof), theirs.as_bytes().to_vec());
        prop_assert!(verify_inclusion(index, size as u64, &leaf_hashes[index as usize], &hashes(theirs.as_bytes()), &root));
        let mine = InclusionProof::<Sha256>::from_bytes(flat(&proof));
        prop_assert!(oracle.root().verify_inclusion(&entries[index as usize], index, &mine).is_ok());

        let old = 1 + pick % size as u64;
        let old_root = tree_hash(old, &mut Leaves(&leaf_hashes)).unwrap();
        let proof = consistency_proof(size as u64, old, &mut Leaves(&leaf_hashes)).unwrap();
        if old < size as u64 {
            let theirs = oracle.prove_consistency((size as u64 - old) as usize);
            prop_assert_eq!(flat(&proof), theirs.as_bytes().to_vec());
            let mine = ConsistencyProof::<Sha256>::try_from_bytes(flat(&proof)).unwrap();
            let old_oracle = ct_merkle::RootHash::<Sha256>::new(old_root.into(), old);
            prop_assert!(oracle.root().verify_consistency(&old_oracle, &mine).is_ok());
        }
        prop_assert!(verify_consistency(old, size as u64, &proof, &old_root, &root));
    }

    #[test]
    fn every_corrupted_proof_is_refused(size in 2usize..300, pick in any::<u64>(), bit in 0usize..256) {
        let leaf_hashes: Vec<Hash> = leaves(size, 0).iter().map(|e| leaf_hash(e)).collect();
        let size = size as u64;
        let root = tree_hash(size, &mut Leaves(&leaf_hashes)).unwrap();
        let index = pick % size;
        let mut proof = inclusion_proof(size, index, &mut Leaves(&leaf_hashes)).unwrap();
        for k in 0..proof.len() {
            proof[k][bit / 8] ^= 1 << (bit % 8);
            prop_assert!(!verify_inclusion(index, size, &leaf_hashes[index as usize], &proof, &root));
            proof[k][bit / 8] ^= 1 << (bit % 8);
        }
        let old = 1 + pick % (size - 1);
        let old_root = tree_hash(old, &mut Leaves(&leaf_hashes)).unwrap();
        let mut proof = consistency_proof(size, old, &mut Leaves(&leaf_hashes)).unwrap();
        for k in 0..proof.len() {
            proof[k][bit / 8] ^= 1 << (bit % 8);
            prop_assert!(!verify_consistency(old, size, &proof, &old_root, &root));
            proof[k][bit / 8] ^= 1 << (bit % 8);
        }
        let mut wrong_old = old_root;
        wrong_old[0] ^= 1;
        prop_assert!(!verify_consistency(old, size, &proof, &wrong_old, &root));
    }

    #[test]
    fn tiles_give_the_same_hashes_and_proofs_as_the_leaves(size in 1u64..140_000, pick in any::<u64>()) {
        let (leaf_hashes, builder, tiles) = every_tile(size);
        let root = tree_hash(size, &mut Leaves(&leaf_hashes)).unwrap();
        prop_assert_eq!(builder.root(), root);

        // Only the tiles the proofs say they need, as a client would fetch them.
        let (index, old) = (pick % size, 1 + pick % size);
        let mut wanted = Wanted::default();
        wanted.subtrees.push((0, index));
        inclusion_proof(size, index, &mut wanted).unwrap();
        consistency_proof(size, old, &mut wanted).unwrap();
        let needed = tiles_for(size, &wanted.subtrees);
        prop_assert!(needed.len() <= 8, "{} tiles", needed.len());
        let mut set = TileSet::new(size);
        for (tile, bytes) in &tiles {
            if needed.contains(tile) {
                set.insert(*tile, bytes).unwrap();
            }
        }
        set.prove(&root).unwrap();
        prop_assert_eq!(
            inclusion_proof(size, index, &mut set).unwrap(),
            inclusion_proof(size, index, &mut Leaves(&leaf_hashes)).unwrap()
        );
        prop_assert_eq!(
            consistency_proof(size, old, &mut set).unwrap(),
            consistency_proof(size, old, &mut Leaves(&leaf_hashes)).unwrap()
        );
        prop_assert_eq!(set.leaves(index / 256).unwrap()[(index % 256) as usize], leaf_hashes[index as usize]);
    }
}

#[test]
fn a_tile_that_does_not_fit_is_refused() {
    let size = 70_000u64;
    let (_, builder, tiles) = every_tile(size);
    let mut wanted = Wanted::default();
    wanted.subtrees.push((0, 5));
    let needed = tiles_for(size, &wanted.subtrees);
    for corrupt in needed.iter() {
        let mut set = TileSet::new(size);
        for (tile, bytes) in &tiles {
            if needed.contains(tile) {
                let mut bytes = bytes.clone();
                if tile == corrupt {
                    let last = bytes.len() - 1;
                    bytes[last] ^= 1;
                }
                set.insert(*tile, &bytes).unwrap();
            }
        }
        let error = set.prove(&builder.root()).unwrap_err();
        assert_eq!(error.code(), "log_bad_proof", "{}", corrupt.path());
    }
}
