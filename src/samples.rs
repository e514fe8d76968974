//! The sample plants shipped inside the binary, so the app and the CLI can offer them anywhere.

/// One embedded sample: a short name, a title for menus, and the project file text.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub name: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

pub const SAMPLES: [Sample; 3] = [
    Sample {
        name: "refinery",
        title: "Refinery (SIS, BPCS, historian DMZ, vendor remote access)",
        text: include_str!("../samples/refinery.ron"),
    },
    Sample {
        name: "water",
        title: "Water utility (central SCADA, remote pumping stations, wireless telemetry)",
        text: include_str!("../samples/water.ron"),
    },
    Sample {
        name: "manufacturing",
        title: "Discrete manufacturing (assembly and robot cells, MES, maintenance)",
        text: include_str!("../samples/manufacturing.ron"),
    },
];

/// The sample with this short name.
pub fn find(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.name == name)
}
