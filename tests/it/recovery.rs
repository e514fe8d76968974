//! Crash recovery end to end: a thread panics with the hook installed, and the unsaved project
//! is found again in the recovery store.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use zonewright::file::recovery::{RecoveryStore, Snapshot, SnapshotDoc, install_panic_hook};
use zonewright::model::{Asset, AssetId, Project, Rect, Zone, ZoneId, ZoneKind};

fn project() -> Project {
    let mut p = Project::default();
    p.meta.title = "Unsaved plant — 未保存".into();
    let mut z = Zone::new(
        ZoneId(7),
        "Safety \"SIS\"",
        ZoneKind::Safety,
        Rect::new(5.0, 5.0, 120.0, 80.0),
    );
    z.assets.push(Asset::new(AssetId(1), "SIS-1", "plc"));
    p.zones.push(z);
    p
}

#[test]
fn panic_in_a_thread_writes_the_snapshot_and_find_returns_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let source = PathBuf::from("/plants/sis.ron");
    let snapshot: Snapshot = Arc::new(Mutex::new(None));
    install_panic_hook(store.clone(), snapshot.clone());

    assert_eq!(store.find(), Ok(None), "nothing written before the panic");
    *snapshot.lock().expect("not poisoned") = Some(SnapshotDoc {
        key: "f0123456789abcdef".into(),
        source: Some(source.clone()),
        project: project(),
    });

    let worker = std::thread::spawn(|| {
        panic!("simulated crash in the designer");
    });
    assert!(worker.join().is_err(), "the thread panicked");

    let recovered = store
        .find()
        .expect("the recovery file is readable")
        .expect("the panic hook wrote a recovery");
    assert_eq!(recovered.project, project());
    assert_eq!(recovered.source, Some(source));
    assert_eq!(recovered.key.as_deref(), Some("f0123456789abcdef"));
    assert_eq!(recovered.file, store.file_for("f0123456789abcdef"));
    store.discard_file(&recovered.file);
    assert_eq!(store.find(), Ok(None));
}
