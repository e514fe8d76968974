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

/// One embedded template: a starting point for a new project (zones, conduits, a few assets and
/// SL-T set; no assessment, risk or approval).
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub name: &'static str,
    pub title: &'static str,
    /// One line for menus and `zonewright templates`.
    pub description: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: [Template; 5] = [
    Template {
        name: "purdue",
        title: "Purdue reference architecture",
        description: "Levels 0–5 with the industrial DMZ (3.5), a safety zone and vendor remote access",
        text: include_str!("../samples/templates/purdue.ron"),
    },
    Template {
        name: "process",
        title: "Process plant",
        description: "DCS operations and control network, SIS, packaged units, plant DMZ, vendor access",
        text: include_str!("../samples/templates/process.ron"),
    },
    Template {
        name: "water",
        title: "Water utility",
        description: "Central SCADA, treatment works, remote pumping stations over radio and cellular telemetry",
        text: include_str!("../samples/templates/water.ron"),
    },
    Template {
        name: "manufacturing",
        title: "Discrete manufacturing plant",
        description: "MES, assembly line, robot cell, machine safety, maintenance and remote access",
        text: include_str!("../samples/templates/manufacturing.ron"),
    },
    Template {
        name: "substation",
        title: "Substation (IEC 61850)",
        description: "Gateway to the control centre, station level, station bus with bays, protection IEDs, process bus",
        text: include_str!("../samples/templates/substation.ron"),
    },
];

/// The template with this short name.
pub(crate) fn find_template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

impl Template {
    /// The project to start from: the template with the title "Untitled (from template …)",
    /// and nothing assessed, rated or approved even if the file held some.
    pub fn project(&self) -> Result<crate::model::Project, crate::file::LoadError> {
        let mut p = crate::file::from_str(self.text)?;
        p.meta.title = format!("Untitled (from template {})", self.title);
        p.approval = None;
        for z in &mut p.zones {
            z.requirements.clear();
        }
        for c in &mut p.conduits {
            c.requirements.clear();
        }
        Ok(p)
    }
}
