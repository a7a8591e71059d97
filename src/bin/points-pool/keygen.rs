//! `keygen` and `member-secret`: the log's keys, the platform's tag secret, a member's secret.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use points_pool::tlog::hash::{from_hex, to_hex};
use points_pool::tlog::sign::NoteSigner;
use points_pool::tlog::tag::{self, SECRET_BYTES};
use serde_json::json;

use crate::output::Outcome;

pub fn run(name: &str, out: &Path) -> Outcome {
    let (mut seed, mut secret) = ([0u8; 32], [0u8; SECRET_BYTES]);
    if let Err(error) = getrandom::getrandom(&mut seed).and_then(|()| getrandom::getrandom(&mut secret)) {
        return Outcome::could_not_run(format!("no randomness from the system: {error}"));
    }
    let signer = match NoteSigner::from_seed(name, seed) {
        Ok(signer) => signer,
        Err(error) => return Outcome::could_not_run(error.to_string()),
    };
    let files = [
        ("log.key", format!("{}\n", signer.private_text()), true),
        ("log.vkey", format!("{}\n", signer.verifier_text()), false),
        ("tag.secret", format!("{}\n", to_hex(&secret)), true),
    ];
    for (file, _, _) in &files {
        if out.join(file).exists() {
            return Outcome::could_not_run(format!(
                "{} exists: keys are never overwritten",
                out.join(file).display()
            ));
        }
    }
    for (file, text, private) in &files {
        if let Err(error) = write_new(&out.join(file), text, *private) {
            return Outcome::could_not_run(format!("{}: {error}", out.join(file).display()));
        }
    }
    let vkey = signer.verifier_text();
    let text = format!(
        "verifier key (publish it; pages check with it):\n{vkey}\n\nwrote {0}/log.key and {0}/tag.secret (keep both secret) and {0}/log.vkey",
        out.display()
    );
    Outcome::Ok { text, json: json!({"ok": true, "verifierKey": vkey, "origin": name}) }
}

/// Creates a file that must not exist; private files are readable by their owner only.
fn write_new(path: &Path, text: &str, private: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    options.open(path)?.write_all(text.as_bytes())
}

/// The platform's tag secret from its file.
pub fn read_tag_secret(path: &Path) -> Result<[u8; SECRET_BYTES], String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    from_hex::<SECRET_BYTES>(text.trim())
        .ok_or_else(|| format!("{}: a tag secret is 64 lowercase hex digits", path.display()))
}

pub fn member_secret(member: &str, tag_secret: &Path) -> Outcome {
    match read_tag_secret(tag_secret) {
        Ok(secret) => {
            let member_secret = to_hex(&tag::member_secret(&secret, member));
            Outcome::Ok {
                text: member_secret.clone(),
                json: json!({"ok": true, "member": member, "memberSecret": member_secret}),
            }
        }
        Err(reason) => Outcome::could_not_run(reason),
    }
}
