//! `points-pool`: publish a pool's ledger as a signed, append-only log, and verify one
//! (docs/verification.md). Exit status: 0 all is well, 1 a problem was found (a refused log, a
//! ledger row, a published price), 2 the command could not run (arguments, files, network).

mod audit;
mod files;
mod keygen;
mod output;
mod publish;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use output::Outcome;

/// Publish and verify the consumption-appreciation pool's transparency log.
#[derive(Parser)]
#[command(name = "points-pool", version, about, long_about = None)]
struct Cli {
    /// Print one JSON object instead of text (for pipelines).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make a log's signing key, its verifier key and the platform's tag secret.
    Keygen {
        /// The log's name and origin, a schema-less URL such as `shop.example/points`.
        #[arg(long)]
        name: String,
        /// Where to write log.key, log.vkey and tag.secret (never over existing files).
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Append a ledger's new rows to the log in DIR and sign the new checkpoint.
    Publish {
        /// The ledger: CSV `seq,type,member,value[,priceAfter]` or JSON Lines.
        ledger: PathBuf,
        /// The log's folder (created when new); upload it as it is, `checkpoint` last.
        #[arg(long)]
        log: PathBuf,
        /// The private key file keygen wrote.
        #[arg(long)]
        key: PathBuf,
        /// The platform's tag secret file keygen wrote (64 hex digits).
        #[arg(long)]
        tag_secret: PathBuf,
        /// The pool's parameters (JSON, docs/model.md §2); a new log takes the seed's defaults without it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Hand the log over to this private key: a key entry signed by --key.
        #[arg(long)]
        rotate_to: Option<PathBuf>,
    },
    /// Verify a log in full: signature, every hash and tile, every row replayed.
    Verify {
        /// The log's folder, or its URL (http:// or https://).
        log: String,
        /// The log's verifier key, or a file holding it.
        #[arg(long)]
        key: String,
        /// The expected origin (default: the key's name).
        #[arg(long)]
        origin: Option<String>,
    },
    /// Replay a ledger and audit its published prices (today's audit, for pipelines).
    Audit {
        ledger: PathBuf,
        /// The pool's parameters (JSON); the seed's defaults without it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Start from this snapshot instead of an empty pool.
        #[arg(long)]
        snapshot: Option<PathBuf>,
    },
    /// Print the secret a member is given to find their own rows.
    MemberSecret {
        member: String,
        #[arg(long)]
        tag_secret: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Keygen { name, out } => keygen::run(&name, &out),
        Command::Publish { ledger, log, key, tag_secret, config, rotate_to } => {
            publish::run(&publish::Args { ledger, log, key, tag_secret, config, rotate_to })
        }
        Command::Verify { log, key, origin } => verify::run(&log, &key, origin.as_deref()),
        Command::Audit { ledger, config, snapshot } => {
            audit::run(&ledger, config.as_deref(), snapshot.as_deref())
        }
        Command::MemberSecret { member, tag_secret } => keygen::member_secret(&member, &tag_secret),
    };
    output::print(&outcome, cli.json);
    ExitCode::from(outcome.status())
}

impl Outcome {
    fn status(&self) -> u8 {
        match self {
            Outcome::Ok { .. } => 0,
            Outcome::Problem { .. } => 1,
            Outcome::CouldNotRun { .. } => 2,
        }
    }
}
