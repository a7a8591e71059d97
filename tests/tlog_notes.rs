#![cfg(not(target_arch = "wasm32"))]
//! Signed notes, keys and checkpoints against the published test vectors: C2SP signed-note.md
//! and tlog-checkpoint.md, and Go's golang.org/x/mod/sumdb/note tests.

use points_pool::tlog::checkpoint::Checkpoint;
use points_pool::tlog::note::{self, VerifierKey};
use points_pool::tlog::sign::{sign_note, NoteSigner};

const C2SP_KEY: &str = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const C2SP_NOTE: &str = "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

const PETER_KEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_PRIVATE: &str = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_KEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT: &str =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG: &str = "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

fn verify(text: &str, key: &str) -> Result<(), &'static str> {
    let key = VerifierKey::parse(key).unwrap();
    note::parse(text).and_then(|note| note::verify(&note, &key)).map_err(|error| error.code())
}

#[test]
fn the_c2sp_example_verifies() {
    assert_eq!(verify(C2SP_NOTE, C2SP_KEY), Ok(()));
    let note = note::parse(C2SP_NOTE).unwrap();
    assert_eq!(note.text, "This is an example message.\n");
    assert_eq!(note.signatures[0].id, 0x530d_903a);
}

#[test]
fn go_signs_and_opens_the_same_notes() {
    let signer = NoteSigner::parse(PETER_PRIVATE).unwrap();
    assert_eq!(signer.verifier_text(), PETER_KEY);
    assert_eq!(signer.private_text(), PETER_PRIVATE);
    assert_eq!(
        sign_note(TEXT, &[&signer]),
        format!("{TEXT}\n{PETER_SIG}"),
        "Ed25519 is deterministic: Go's bytes"
    );

    let both = format!("{TEXT}\n{PETER_SIG}{ENOCH_SIG}");
    assert_eq!(verify(&both, PETER_KEY), Ok(()), "Enoch's signature is unknown to Peter's key: ignored");
    assert_eq!(verify(&both, ENOCH_KEY), Ok(()));
    assert_eq!(verify(&format!("{TEXT}\n{ENOCH_SIG}"), PETER_KEY), Err("log_wrong_key"));
    let (head, tail) = PETER_SIG.split_at(60);
    assert_eq!(
        verify(&format!("{TEXT}\n{head}ABCD{tail}"), PETER_KEY),
        Err("log_bad_signature"),
        "as Go has it: an invalid signature"
    );
    let mut forged = PETER_SIG.to_owned();
    forged.replace_range(70..71, if &PETER_SIG[70..71] == "A" { "B" } else { "A" });
    assert_eq!(verify(&format!("{TEXT}\n{forged}"), PETER_KEY), Err("log_bad_signature"));
}

#[test]
fn malformed_notes_as_go_lists_them() {
    let bad = [
        TEXT.to_owned(),
        format!("{TEXT}\n"),
        format!("{TEXT}\n{}", &PETER_SIG[..PETER_SIG.len() - 1]),
        format!("\u{1}{TEXT}\n{PETER_SIG}"),
        format!("{TEXT}\n\u{2014} Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
        format!("{TEXT}\n{PETER_SIG}Unexpected line.\n"),
        format!("{TEXT}\n{}", PETER_SIG.repeat(101)),
    ];
    for text in bad {
        assert_eq!(verify(&text, PETER_KEY), Err("log_malformed_note"), "{text:?}");
    }
}

#[test]
fn every_mangled_key_is_refused() {
    // Go's TestNewVerifier: every proper substring and every byte changed.
    let bytes = PETER_KEY.as_bytes();
    for start in 0..bytes.len() {
        for end in start + 1..=bytes.len() {
            if (start, end) != (0, bytes.len()) {
                let part = String::from_utf8_lossy(&bytes[start..end]);
                assert!(VerifierKey::parse(&part).is_err(), "{part}");
            }
        }
    }
    for at in 0..bytes.len() {
        let mut changed = bytes.to_vec();
        changed[at] += 1;
        let text = String::from_utf8_lossy(&changed);
        assert_eq!(VerifierKey::parse(&text).unwrap_err().code(), "log_bad_key", "{text}");
    }
    assert!(VerifierKey::parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
        .is_err());
    assert!(VerifierKey::parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").is_err());
    assert!(NoteSigner::parse(&PETER_PRIVATE.replace("c74f20a3", "c74f20a4")).is_err());
}

#[test]
fn the_c2sp_checkpoint_example_reads() {
    let text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u{2014} example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
    let checkpoint = Checkpoint::read(text).unwrap();
    assert_eq!((checkpoint.origin.as_str(), checkpoint.size), ("example.com/behind-the-sofa", 20_852_163));
    assert_eq!(checkpoint.root[..4], [0x0a, 0xc5, 0x18, 0x6a]);
    for bad in [
        text.replace("20852163", "020852163"),
        text.replace("20852163", "-1"),
        text.replace("CsUYapGG", "CsUYapG"),
        text.replace("example.com/behind-the-sofa\n2", "\n2"),
    ] {
        assert_eq!(Checkpoint::read(&bad).unwrap_err().code(), "log_malformed_note", "{bad}");
    }
}
