//! `publish LEDGER --log DIR`: the ledger's new rows appended, the checkpoint signed last.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use points_pool::tlog::publish::{publish, Publish, PublishError};
use points_pool::tlog::sign::NoteSigner;
use points_pool::Config;
use serde_json::json;

use crate::files::Folder;
use crate::keygen::read_tag_secret;
use crate::output::{progress, Outcome};

pub struct Args {
    pub ledger: PathBuf,
    pub log: PathBuf,
    pub key: PathBuf,
    pub tag_secret: PathBuf,
    pub config: Option<PathBuf>,
    pub rotate_to: Option<PathBuf>,
}

pub fn run(args: &Args) -> Outcome {
    match prepare(args) {
        Ok((signer, next, secret, config, ledger)) => {
            let request =
                Publish { signer: &signer, rotate_to: next.as_ref(), platform_secret: secret, config };
            go(args, &request, ledger)
        }
        Err(outcome) => outcome,
    }
}

type Prepared = (NoteSigner, Option<NoteSigner>, [u8; 32], Option<Config>, File);

fn prepare(args: &Args) -> Result<Prepared, Outcome> {
    let signer = read_signer(&args.key)?;
    let next = args.rotate_to.as_deref().map(read_signer).transpose()?;
    let secret = read_tag_secret(&args.tag_secret).map_err(Outcome::could_not_run)?;
    let config = args.config.as_deref().map(read_config).transpose()?;
    let ledger = File::open(&args.ledger)
        .map_err(|e| Outcome::could_not_run(format!("{}: {e}", args.ledger.display())))?;
    Ok((signer, next, secret, config, ledger))
}

fn go(args: &Args, request: &Publish<'_>, ledger: File) -> Outcome {
    let length = ledger.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress(length, "bytes");
    let reader = BufReader::with_capacity(1 << 16, bar.wrap_read(ledger));
    let mut folder = Folder(args.log.clone());
    let outcome = publish(&mut folder, reader, request, &mut |_| {});
    bar.finish_and_clear();
    match outcome {
        Ok(done) => {
            let text = if done.rows_added == 0 && done.size == done.size_before {
                format!(
                    "nothing new: the log already holds all {} rows (size {}); nothing was written",
                    done.rows, done.size
                )
            } else {
                format!(
                    "published {} new rows ({} in all): log size {} → {}, {} files written, checkpoint last",
                    done.rows_added, done.rows, done.size_before, done.size, done.files_written
                )
            };
            let json = json!({"ok": true, "rows": done.rows, "rowsAdded": done.rows_added, "sizeBefore": done.size_before,
                "size": done.size, "filesWritten": done.files_written, "checkpoint": done.checkpoint});
            Outcome::Ok { text, json }
        }
        Err(PublishError::Refused(error)) => Outcome::refused(error),
        Err(PublishError::Io { path, error }) => Outcome::could_not_run(format!("{path}: {error}")),
    }
}

fn read_signer(path: &Path) -> Result<NoteSigner, Outcome> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Outcome::could_not_run(format!("{}: {e}", path.display())))?;
    NoteSigner::parse(&text).map_err(|e| Outcome::could_not_run(format!("{}: {e}", path.display())))
}

pub fn read_config(path: &Path) -> Result<Config, Outcome> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Outcome::could_not_run(format!("{}: {e}", path.display())))?;
    let value = serde_json::from_str(&text)
        .map_err(|e| Outcome::could_not_run(format!("{}: not JSON: {e}", path.display())))?;
    points_pool::wire::config_from_value(value)
        .map_err(|e| Outcome::could_not_run(format!("{}: {e}", path.display())))
}
