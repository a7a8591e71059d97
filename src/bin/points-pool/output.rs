//! What a command reports: text for people, one JSON object with `--json`.

use points_pool::PoolError;
use serde_json::{json, Value};

/// How a command ended.
pub enum Outcome {
    /// Done: what to print, and the same as JSON.
    Ok { text: String, json: Value },
    /// A problem was found in the input (exit 1).
    Problem { error: PoolError },
    /// The command could not run (exit 2).
    CouldNotRun { reason: String },
}

impl Outcome {
    pub fn could_not_run(reason: impl Into<String>) -> Outcome {
        Outcome::CouldNotRun { reason: reason.into() }
    }

    /// A refusal: a key that cannot be read means the command could not run; anything else is
    /// a problem found in what was checked.
    pub fn refused(error: PoolError) -> Outcome {
        if error.code() == "log_bad_key" {
            return Outcome::could_not_run(error.to_string());
        }
        Outcome::Problem { error }
    }
}

/// The refusal as JSON: its code and every part it names.
pub fn error_json(error: &PoolError) -> Value {
    json!({
        "ok": false,
        "code": error.code(),
        "entry": error.entry(),
        "line": error.line(),
        "field": error.field(),
        "problem": error.problem(),
        "reason": error.reason(),
        "message": error.to_string(),
    })
}

pub fn print(outcome: &Outcome, as_json: bool) {
    match (outcome, as_json) {
        (Outcome::Ok { json, .. }, true) => println!("{json}"),
        (Outcome::Ok { text, .. }, false) => println!("{text}"),
        (Outcome::Problem { error }, true) => println!("{}", error_json(error)),
        (Outcome::Problem { error }, false) => eprintln!("problem: {error} [{}]", error.code()),
        (Outcome::CouldNotRun { reason }, true) => {
            println!("{}", json!({"ok": false, "code": "could_not_run", "reason": reason}))
        }
        (Outcome::CouldNotRun { reason }, false) => eprintln!("could not run: {reason}"),
    }
}

/// A progress bar on standard error, drawn only on a terminal and only for work that lasts.
pub fn progress(total: u64, unit: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total);
    let template = format!("{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {unit} ({{eta}} left)");
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}
