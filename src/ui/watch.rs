//! Watches the open document's file on a background thread: its size and modification time
//! every few seconds, waking the window only when they change — so an idle designer with a file
//! open never repaints. What changed is then judged on the UI thread (`check_disk_now`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

/// Longest sleep between looks at the stop flag, so that dropping a watch is quick.
const STOP_CHECK: Duration = Duration::from_millis(100);

/// What the watcher compares: the file's size and modification time.
fn metadata_of(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// A running watch of one file; stopped (and its thread joined) when dropped.
pub struct FileWatch {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    changed: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FileWatch {
    /// Starts watching `path` every `interval`. The first [`FileWatch::take_changed`] answers
    /// `true`, so that a change between loading and starting the watch is not missed.
    pub fn start(ctx: egui::Context, path: PathBuf, interval: Duration) -> FileWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let changed = Arc::new(AtomicBool::new(true));
        // read before the thread starts: a change after `start` returns is always noticed
        let mut last = metadata_of(&path);
        let thread = {
            let (stop, changed, path) = (stop.clone(), changed.clone(), path.clone());
            std::thread::Builder::new()
                .name("zonewright file watch".to_owned())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let started = Instant::now();
                        while started.elapsed() < interval {
                            if stop.load(Ordering::Relaxed) {
                                return;
                            }
                            std::thread::sleep(STOP_CHECK.min(interval));
                        }
                        let now = metadata_of(&path);
                        if now != last {
                            last = now;
                            changed.store(true, Ordering::Relaxed);
                            ctx.request_repaint();
                        }
                    }
                })
                .ok()
        };
        FileWatch {
            path,
            stop,
            changed,
            thread,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file's size or time changed since the last call.
    pub(crate) fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::Relaxed)
    }
}

impl Drop for FileWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_the_file_is_noticed_and_wakes_the_window() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.ron");
        std::fs::write(&path, "one").expect("write");
        let ctx = egui::Context::default();
        let watch = FileWatch::start(ctx, path.clone(), Duration::from_millis(20));
        assert!(watch.take_changed(), "the first look always checks");
        assert!(!watch.take_changed());
        std::fs::write(&path, "two, longer").expect("write");
        let started = Instant::now();
        while !watch.take_changed() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the change was not noticed"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        drop(watch);
    }
}
