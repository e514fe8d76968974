//! The embedded catalog: IEC 62443-3-3 requirements, IEC 62443-4-2 component requirements,
//! component types and conduit controls, parsed once from `catalog/*.ron`.

mod component_requirements;
pub mod protocols;

pub use component_requirements::ComponentRequirement;
pub use protocols::Protocol;

use crate::model::{Fr, SlVector};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// System requirement or requirement enhancement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequirementKind {
    Sr,
    Re,
}

/// One SR or RE of IEC 62443-3-3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// "SR 1.1" or "SR 1.1 RE 1".
    pub id: String,
    pub fr: Fr,
    /// The standard's short title.
    pub title: String,
    /// Lowest SL (1–4) at which the item is required; required at every level above too.
    pub level: u8,
    /// What an engineer has to provide, in our own words.
    pub explanation: String,
}

impl Requirement {
    pub fn kind(&self) -> RequirementKind {
        if self.id.contains(" RE ") {
            RequirementKind::Re
        } else {
            RequirementKind::Sr
        }
    }
}

/// IEC 62443-4-2 component class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ComponentClass {
    EmbeddedDevice,
    HostDevice,
    NetworkDevice,
    SoftwareApplication,
}

impl ComponentClass {
    pub fn label(self) -> &'static str {
        match self {
            ComponentClass::EmbeddedDevice => "Embedded device",
            ComponentClass::HostDevice => "Host device",
            ComponentClass::NetworkDevice => "Network device",
            ComponentClass::SoftwareApplication => "Software application",
        }
    }
}

/// A kind of component that architects draw, with a typical capability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentType {
    pub id: String,
    pub name: String,
    /// Palette group, e.g. "Control", "Network".
    pub group: String,
    pub class: ComponentClass,
    /// Typical SL-C of products of this type; override from the vendor's 4-2 certificate.
    pub sl_c: SlVector,
    /// Whether it separates zones on a conduit (firewall, unidirectional gateway …).
    #[serde(default)]
    pub boundary: bool,
    #[serde(default)]
    pub business_it: bool,
    #[serde(default)]
    pub safety: bool,
    #[serde(default)]
    pub wireless: bool,
    #[serde(default)]
    pub temporary: bool,
    #[serde(default)]
    pub external: bool,
    /// Short label for icons and tight spaces (2–4 characters).
    pub icon: String,
    pub description: String,
}

/// A security control that can be applied to a conduit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// The whole catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub requirements: Vec<Requirement>,
    pub components: Vec<ComponentType>,
    pub controls: Vec<Control>,
    /// IEC 62443-4-2 rows, in the standard's order (empty in catalogs built by `new`).
    pub component_requirements: Vec<ComponentRequirement>,
    /// Application protocols for data flows (empty in catalogs built by `new`).
    pub protocols: Vec<Protocol>,
    requirement_index: HashMap<String, usize>,
    component_index: HashMap<String, usize>,
    control_index: HashMap<String, usize>,
    component_requirement_index: HashMap<String, usize>,
}

const REQUIREMENTS_RON: &str = include_str!("../../catalog/iec62443-3-3.ron");
const COMPONENTS_RON: &str = include_str!("../../catalog/components.ron");
const CONTROLS_RON: &str = include_str!("../../catalog/controls.ron");
const COMPONENT_REQUIREMENTS_RON: &str = include_str!("../../catalog/iec62443-4-2.ron");
const PROTOCOLS_RON: &str = include_str!("../../catalog/protocols.ron");

/// A catalog file that does not parse (only possible for a broken build; tests catch it).
#[derive(Debug, thiserror::Error)]
#[error("catalog file {file}: {source}")]
pub struct CatalogError {
    pub file: &'static str,
    #[source]
    pub source: ron::error::SpannedError,
}

impl Catalog {
    /// Parses the embedded catalog files.
    pub(crate) fn parse_embedded() -> Result<Catalog, CatalogError> {
        let requirements = ron::from_str(REQUIREMENTS_RON).map_err(|source| CatalogError {
            file: "catalog/iec62443-3-3.ron",
            source,
        })?;
        let components = ron::from_str(COMPONENTS_RON).map_err(|source| CatalogError {
            file: "catalog/components.ron",
            source,
        })?;
        let controls = ron::from_str(CONTROLS_RON).map_err(|source| CatalogError {
            file: "catalog/controls.ron",
            source,
        })?;
        let component_requirements =
            ron::from_str(COMPONENT_REQUIREMENTS_RON).map_err(|source| CatalogError {
                file: "catalog/iec62443-4-2.ron",
                source,
            })?;
        let protocols = ron::from_str(PROTOCOLS_RON).map_err(|source| CatalogError {
            file: "catalog/protocols.ron",
            source,
        })?;
        Ok(Catalog::new(requirements, components, controls)
            .with_component_requirements(component_requirements)
            .with_protocols(protocols))
    }

    /// Builds a catalog from parts (used by tests and by `parse_embedded`).
    pub fn new(
        requirements: Vec<Requirement>,
        components: Vec<ComponentType>,
        controls: Vec<Control>,
    ) -> Catalog {
        let requirement_index = requirements
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let component_index = components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let control_index = controls
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Catalog {
            requirements,
            components,
            controls,
            requirement_index,
            component_index,
            control_index,
            component_requirements: Vec::new(),
            protocols: Vec::new(),
            component_requirement_index: HashMap::new(),
        }
    }

    /// The catalog with these application protocols.
    pub(crate) fn with_protocols(mut self, protocols: Vec<Protocol>) -> Catalog {
        self.protocols = protocols;
        self
    }

    /// The protocol a flow's protocol text names (id, name or alias), if any.
    pub fn protocol(&self, text: &str) -> Option<&Protocol> {
        protocols::find(&self.protocols, text)
    }

    /// The catalog with these IEC 62443-4-2 rows.
    pub(crate) fn with_component_requirements(
        mut self,
        rows: Vec<ComponentRequirement>,
    ) -> Catalog {
        self.component_requirement_index = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        self.component_requirements = rows;
        self
    }

    pub(crate) fn component_requirement(&self, id: &str) -> Option<&ComponentRequirement> {
        self.component_requirement_index
            .get(id)
            .map(|&i| &self.component_requirements[i])
    }

    /// The 4-2 rows that apply to a component of `class`: every CR row and the class's own.
    pub(crate) fn component_requirements_for(
        &self,
        class: ComponentClass,
    ) -> impl Iterator<Item = &ComponentRequirement> {
        self.component_requirements
            .iter()
            .filter(move |r| r.applies_to(class))
    }

    /// The embedded catalog, parsed on first use.
    ///
    /// The catalog is compiled into the binary and validated by the test suite, so a parse
    /// failure here is a build defect, not a user error.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::parse_embedded() {
            Ok(c) => c,
            Err(e) => panic!("the embedded catalog is broken: {e}"),
        })
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirement_index
            .get(id)
            .map(|&i| &self.requirements[i])
    }

    pub(crate) fn requirement_position(&self, id: &str) -> Option<usize> {
        self.requirement_index.get(id).copied()
    }

    pub fn component(&self, id: &str) -> Option<&ComponentType> {
        self.component_index.get(id).map(|&i| &self.components[i])
    }

    /// The short code of a component type, as its assets' tags and groups show it: its
    /// catalog icon ("PLC", "DCS"), else the letters of its id in capitals ("custom_box" →
    /// "CUSTOMBOX"), else "A".
    pub(crate) fn short_code(&self, component: &str) -> String {
        let code = self
            .component(component)
            .map(|c| c.icon.as_str())
            .filter(|icon| !icon.trim().is_empty())
            .map_or_else(
                || {
                    component
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .take(12)
                        .collect::<String>()
                        .to_ascii_uppercase()
                },
                |icon| icon.trim().to_owned(),
            );
        if code.is_empty() {
            "A".to_owned()
        } else {
            code
        }
    }

    pub fn control(&self, id: &str) -> Option<&Control> {
        self.control_index.get(id).map(|&i| &self.controls[i])
    }

    #[cfg(test)]
    /// Requirements of one FR, in catalog order.
    pub(crate) fn requirements_of(&self, fr: Fr) -> impl Iterator<Item = &Requirement> {
        self.requirements.iter().filter(move |r| r.fr == fr)
    }

    /// Palette groups in first-seen order.
    pub(crate) fn component_groups(&self) -> Vec<&str> {
        let mut groups: Vec<&str> = Vec::new();
        for c in &self.components {
            if !groups.contains(&c.group.as_str()) {
                groups.push(&c.group);
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests;
