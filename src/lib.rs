//! zonewright: design IEC 62443 zone-and-conduit architectures of industrial plants.

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod edit;
pub mod file;
pub mod generate;
pub mod model;
pub mod report;
pub mod samples;
pub mod ui;
