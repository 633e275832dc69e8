//! The background saver: the UI thread hands over a snapshot (an `Arc` of the document, so the
//! hand-over costs microseconds), and a worker thread encodes it, writes it atomically, and
//! reports back on a channel. A failed write (disk full, permission denied) keeps the newest
//! bytes and is retried with back-off until it succeeds; nothing is dropped.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::store::{Filesystem, SaveError, encode_ron, save_atomic, save_atomic_with};

/// Encodes a snapshot into the file's bytes (run on the worker).
pub type Encode = Box<dyn FnOnce() -> Result<Vec<u8>, String> + Send>;
/// Writes bytes to a path; [`save_atomic`] except in tests that simulate a full disk.
pub type Writer = Arc<dyn Fn(&Path, &[u8]) -> Result<(), SaveError> + Send + Sync>;
/// Called after each event so an idle UI wakes up to show it.
pub type Waker = Arc<dyn Fn() + Send + Sync>;
/// Other file work that must not overlap with saves (backups): it runs on the worker, in order.
pub type Task = Box<dyn FnOnce() -> Result<String, String> + Send>;

/// The first retry comes after this; each further one waits twice as long, up to [`MAX_RETRY`].
pub const FIRST_RETRY: Duration = Duration::from_millis(1000);
pub const MAX_RETRY: Duration = Duration::from_secs(10);

enum Job {
    Save {
        path: PathBuf,
        generation: u64,
        encode: Encode,
    },
    Task {
        name: String,
        run: Task,
    },
    Flush(Sender<bool>),
    Stop,
}

/// What the worker reports.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveEvent {
    Saved {
        path: PathBuf,
        generation: u64,
        took: Duration,
        bytes: usize,
    },
    /// The write failed; the bytes are kept and retried after `retry_in`.
    Failed {
        path: PathBuf,
        generation: u64,
        error: String,
        attempt: u32,
        retry_in: Duration,
    },
    TaskDone {
        name: String,
        result: Result<String, String>,
    },
}

pub struct Saver {
    jobs: Sender<Job>,
    events: Receiver<SaveEvent>,
    worker: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts a saver writing with [`save_atomic`].
    pub fn start(name: &str, waker: Option<Waker>) -> Self {
        Self::with_writer(name, Arc::new(save_atomic), waker)
    }

    /// Starts a saver writing atomically through `fs` (the real disk, or one with an injected
    /// fault).
    pub fn start_on(name: &str, fs: Filesystem, waker: Option<Waker>) -> Self {
        Self::with_writer(
            name,
            Arc::new(move |path: &Path, bytes: &[u8]| save_atomic_with(fs, path, bytes)),
            waker,
        )
    }

    pub fn with_writer(name: &str, writer: Writer, waker: Option<Waker>) -> Self {
        let (jobs, job_rx) = mpsc::channel();
        let (event_tx, events) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name(format!("saver {name}"))
            .spawn(move || {
                Worker {
                    writer,
                    waker,
                    events: event_tx,
                    pending: BTreeMap::new(),
                    tasks: VecDeque::new(),
                }
                .run(&job_rx)
            });
        let worker = match worker {
            Ok(handle) => Some(handle),
            Err(err) => {
                // Without a thread nothing would ever be saved; the jobs channel is then closed
                // and `save` reports it, so the app shows the error instead of losing work.
                log::error!("cannot start the saver thread: {err}");
                None
            }
        };
        Self {
            jobs,
            events,
            worker,
        }
    }

    /// Queues bytes-to-be for `path`. A newer generation for the same path replaces an older one
    /// that is not written yet.
    pub fn save(&self, path: PathBuf, generation: u64, encode: Encode) -> Result<(), String> {
        self.jobs
            .send(Job::Save {
                path,
                generation,
                encode,
            })
            .map_err(|_| "the saver thread is not running".to_owned())
    }

    /// Queues a snapshot to be written as pretty RON.
    pub fn save_ron<T: Serialize + Send + Sync + 'static>(
        &self,
        path: PathBuf,
        generation: u64,
        value: Arc<T>,
    ) -> Result<(), String> {
        self.save(
            path,
            generation,
            Box::new(move || encode_ron(&*value).map(String::into_bytes)),
        )
    }

    /// Runs `run` on the worker after the saves queued before it.
    pub fn run_task(&self, name: &str, run: Task) -> Result<(), String> {
        self.jobs
            .send(Job::Task {
                name: name.to_owned(),
                run,
            })
            .map_err(|_| "the saver thread is not running".to_owned())
    }

    /// Events reported since the last call.
    pub fn poll(&self) -> Vec<SaveEvent> {
        self.events.try_iter().collect()
    }

    /// Waits up to `timeout` for the next event.
    pub fn wait_event(&self, timeout: Duration) -> Option<SaveEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Writes everything queued now, retrying failures once, and waits up to `timeout`.
    /// Returns whether everything is on disk.
    pub fn flush(&self, timeout: Duration) -> bool {
        let (ack, done) = mpsc::channel();
        if self.jobs.send(Job::Flush(ack)).is_err() {
            return false;
        }
        done.recv_timeout(timeout).unwrap_or(false)
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // The worker writes what is still pending before it stops.
        let _ = self.jobs.send(Job::Stop);
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

struct Pending {
    bytes: Vec<u8>,
    generation: u64,
    attempts: u32,
    next_try: Instant,
}

struct Worker {
    writer: Writer,
    waker: Option<Waker>,
    events: Sender<SaveEvent>,
    pending: BTreeMap<PathBuf, Pending>,
    tasks: VecDeque<(String, Task)>,
}

impl Worker {
    fn run(mut self, jobs: &Receiver<Job>) {
        loop {
            let job = match self.next_retry() {
                Some(at) => match jobs.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(job) => Some(job),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => Some(Job::Stop),
                },
                None => Some(jobs.recv().unwrap_or(Job::Stop)),
            };
            let mut flushes = Vec::new();
            let mut stop = false;
            // Take everything already queued, so ten quick saves of one file are one write.
            let mut next = job;
            while let Some(job) = next {
                match job {
                    Job::Save {
                        path,
                        generation,
                        encode,
                    } => self.accept(path, generation, encode),
                    Job::Task { name, run } => self.tasks.push_back((name, run)),
                    Job::Flush(ack) => flushes.push(ack),
                    Job::Stop => stop = true,
                }
                next = jobs.try_recv().ok();
            }
            let force = stop || !flushes.is_empty();
            self.write_due(force);
            while let Some((name, run)) = self.tasks.pop_front() {
                let result = run();
                self.send(SaveEvent::TaskDone { name, result });
            }
            for ack in flushes {
                let _ = ack.send(self.pending.is_empty());
            }
            if stop {
                for (path, pending) in &self.pending {
                    log::error!(
                        "{} was not saved ({} bytes lost with this exit)",
                        path.display(),
                        pending.bytes.len()
                    );
                }
                return;
            }
        }
    }

    fn accept(&mut self, path: PathBuf, generation: u64, encode: Encode) {
        match encode() {
            Ok(bytes) => {
                let attempts = self.pending.get(&path).map_or(0, |p| p.attempts);
                self.pending.insert(
                    path,
                    Pending {
                        bytes,
                        generation,
                        attempts,
                        // New content is tried at once, even while an older write waits.
                        next_try: Instant::now(),
                    },
                );
            }
            Err(error) => self.send(SaveEvent::Failed {
                path,
                generation,
                error,
                attempt: 0,
                retry_in: Duration::ZERO,
            }),
        }
    }

    fn next_retry(&self) -> Option<Instant> {
        self.pending.values().map(|p| p.next_try).min()
    }

    fn write_due(&mut self, force: bool) {
        let now = Instant::now();
        let due: Vec<PathBuf> = self
            .pending
            .iter()
            .filter(|(_, p)| force || p.next_try <= now)
            .map(|(path, _)| path.clone())
            .collect();
        for path in due {
            let Some(mut pending) = self.pending.remove(&path) else {
                continue;
            };
            let started = Instant::now();
            match (self.writer)(&path, &pending.bytes) {
                Ok(()) => self.send(SaveEvent::Saved {
                    path,
                    generation: pending.generation,
                    took: started.elapsed(),
                    bytes: pending.bytes.len(),
                }),
                Err(err) => {
                    pending.attempts += 1;
                    let retry_in = FIRST_RETRY
                        .saturating_mul(1 << pending.attempts.saturating_sub(1).min(4))
                        .min(MAX_RETRY);
                    pending.next_try = Instant::now() + retry_in;
                    self.send(SaveEvent::Failed {
                        path: path.clone(),
                        generation: pending.generation,
                        error: match &err {
                            SaveError::Io { source, .. } => source.to_string(),
                            SaveError::Encode { message, .. } => message.clone(),
                        },
                        attempt: pending.attempts,
                        retry_in,
                    });
                    self.pending.insert(path, pending);
                }
            }
        }
    }

    fn send(&self, event: SaveEvent) {
        let _ = self.events.send(event);
        if let Some(wake) = &self.waker {
            wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn snapshots_are_written_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let saver = Saver::start("test", None);
        let path = dir.path().join("a.ron");
        saver
            .save_ron(path.clone(), 1, Arc::new(vec![1, 2]))
            .unwrap();
        saver.save_ron(path.clone(), 2, Arc::new(vec![3])).unwrap();
        assert!(saver.flush(Duration::from_secs(5)));
        assert_eq!(crate::store::load_ron::<Vec<i32>>(&path).unwrap(), vec![3]);
        let saved: Vec<u64> = saver
            .poll()
            .into_iter()
            .filter_map(|e| match e {
                SaveEvent::Saved { generation, .. } => Some(generation),
                _ => None,
            })
            .collect();
        assert_eq!(saved.last(), Some(&2));
    }

    #[test]
    fn a_full_disk_keeps_the_data_and_retries_until_it_is_written() {
        let failures = Arc::new(AtomicU32::new(2));
        let written = Arc::new(Mutex::new(Vec::new()));
        let writer: Writer = {
            let failures = Arc::clone(&failures);
            let written = Arc::clone(&written);
            Arc::new(move |path: &Path, bytes: &[u8]| {
                if failures
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
                {
                    return Err(SaveError::Io {
                        path: path.to_owned(),
                        source: std::io::Error::from(std::io::ErrorKind::StorageFull),
                    });
                }
                written.lock().unwrap().push(bytes.to_vec());
                Ok(())
            })
        };
        let saver = Saver::with_writer("full", writer, None);
        saver
            .save(PathBuf::from("x"), 7, Box::new(|| Ok(b"typed".to_vec())))
            .unwrap();
        let first = saver.wait_event(Duration::from_secs(5)).unwrap();
        assert!(
            matches!(&first, SaveEvent::Failed { attempt: 1, error, .. } if error.contains("full") || error.contains("space")),
            "{first:?}"
        );
        let second = saver.wait_event(Duration::from_secs(5)).unwrap();
        assert!(matches!(second, SaveEvent::Failed { attempt: 2, .. }));
        let third = saver.wait_event(Duration::from_secs(10)).unwrap();
        assert!(
            matches!(third, SaveEvent::Saved { generation: 7, .. }),
            "{third:?}"
        );
        assert_eq!(written.lock().unwrap().as_slice(), [b"typed".to_vec()]);
    }

    #[test]
    fn tasks_run_after_the_saves_queued_before_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        let saver = Saver::start("order", None);
        saver.save_ron(path.clone(), 1, Arc::new(5)).unwrap();
        let seen = path.clone();
        saver
            .run_task(
                "check",
                Box::new(move || std::fs::read_to_string(&seen).map_err(|e| e.to_string())),
            )
            .unwrap();
        assert!(saver.flush(Duration::from_secs(5)));
        let events = saver.poll();
        assert!(events.contains(&SaveEvent::TaskDone {
            name: "check".to_owned(),
            result: Ok("5".to_owned())
        }));
    }
}
