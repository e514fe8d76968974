//! The egui user interface.

pub mod topology;
