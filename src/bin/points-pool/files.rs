//! A log's files in a folder, and a published log read from a folder or over HTTP.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use points_pool::tlog::publish::LogFiles;

/// A log folder, written the way uploads should be: each file whole (written aside, then
/// renamed into place), never over an existing one, the checkpoint last.
pub struct Folder(pub PathBuf);

impl LogFiles for Folder {
    fn read(&self, path: &str) -> std::io::Result<Option<Vec<u8>>> {
        match fs::read(self.0.join(path)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    fn create(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let target = self.0.join(path);
        if target.exists() {
            return Err(std::io::Error::new(ErrorKind::AlreadyExists, "a published file is never rewritten"));
        }
        write_whole(&target, bytes)
    }

    fn replace_checkpoint(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        write_whole(&self.0.join("checkpoint"), bytes)
    }
}

/// Writes `bytes` beside `target`, flushes, and renames: readers never see half a file.
fn write_whole(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    let aside = target.with_extension(format!("tmp-{}", std::process::id()));
    let mut file = fs::File::create(&aside)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    fs::rename(&aside, target)
}

/// Where a published log is read from.
pub enum Published {
    Folder(PathBuf),
    Url { prefix: String, agent: ureq::Agent },
}

impl Published {
    pub fn open(location: &str) -> Published {
        if location.starts_with("http://") || location.starts_with("https://") {
            let prefix = if location.ends_with('/') { location.to_owned() } else { format!("{location}/") };
            // A log that stops answering must not hang a pipeline.
            let agent = ureq::AgentBuilder::new()
                .timeout_connect(std::time::Duration::from_secs(10))
                .timeout_read(std::time::Duration::from_secs(60))
                .build();
            Published::Url { prefix, agent }
        } else {
            Published::Folder(PathBuf::from(location))
        }
    }

    /// A file of the log; `Ok(None)` when the log has no such file (404), `Err` when it could
    /// not be asked.
    pub fn fetch(&self, path: &str) -> Result<Option<Vec<u8>>, String> {
        match self {
            Published::Folder(folder) => {
                Folder(folder.clone()).read(path).map_err(|e| format!("{path}: {e}"))
            }
            Published::Url { prefix, agent } => {
                let url = format!("{prefix}{path}");
                match agent.get(&url).call() {
                    Ok(response) => {
                        let mut bytes = Vec::new();
                        std::io::Read::read_to_end(&mut response.into_reader(), &mut bytes)
                            .map_err(|e| format!("{url}: {e}"))?;
                        Ok(Some(bytes))
                    }
                    Err(ureq::Error::Status(404 | 410, _)) => Ok(None),
                    Err(error) => Err(format!("{url}: {error}")),
                }
            }
        }
    }
}
