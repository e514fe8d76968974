//! Without a state folder the designer works on, and says once, in the status line, that crash
//! recovery and locks are off (on stderr too, from `ui::run`).

use crate::common;

use common::harness_with;
use egui_kittest::kittest::Queryable;
use zonewright::model::ZoneKind;
use zonewright::ui::Intent;
use zonewright::ui::recovery::NO_STATE_FOLDER;

#[test]
fn without_a_state_folder_the_status_line_says_recovery_and_locks_are_off() {
    let mut h = harness_with(Vec::new());
    h.run();
    assert!(h.query_by_label(NO_STATE_FOLDER).is_none());
    h.state_mut().set_recovery(None);
    h.run();
    assert!(
        h.query_by_label(NO_STATE_FOLDER).is_some(),
        "shown in the status line"
    );
    assert!(
        NO_STATE_FOLDER.contains("recovery") && NO_STATE_FOLDER.contains("ZONEWRIGHT_STATE_DIR")
    );

    // the designer works on without it: a new project takes an edit, nothing is written
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
            kind: ZoneKind::Wireless,
            center: (400.0, 400.0),
        }));
    h.run();
    assert!(h.state().autosave.store.is_none());
}
