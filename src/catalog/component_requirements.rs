//! IEC 62443-4-2 component requirements: the embedded rows, the component class each
//! device-specific row is for, and the crosswalk to the 3-3 system requirements.

use super::{ComponentClass, RequirementKind};
use crate::model::Fr;
use serde::{Deserialize, Serialize};

/// One CR, RE or device-specific row (SAR, EDR, HDR, NDR) of IEC 62443-4-2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentRequirement {
    /// "CR 1.1", "CR 1.1 RE 1", "NDR 1.6" or "EDR 3.14 RE 1".
    pub id: String,
    pub fr: Fr,
    /// The standard's short title.
    pub title: String,
    /// Lowest SL-C (1–4) at which the item is required; required at every level above too.
    pub level: u8,
    /// What a supplier has to show, in our own words.
    pub explanation: String,
}

impl ComponentRequirement {
    pub fn kind(&self) -> RequirementKind {
        if self.id.contains(" RE ") {
            RequirementKind::Re
        } else {
            RequirementKind::Sr
        }
    }

    /// The class a device-specific row is for; `None` for CR rows, which every class meets.
    pub fn class(&self) -> Option<ComponentClass> {
        class_of_prefix(self.id.split(' ').next().unwrap_or_default())
    }

    /// Whether the row applies to a component of `class`.
    pub(crate) fn applies_to(&self, class: ComponentClass) -> bool {
        self.class().is_none_or(|c| c == class)
    }

    /// The requirement number, "1.1" of "NDR 1.1 RE 1".
    pub fn number(&self) -> &str {
        self.id.split(' ').nth(1).unwrap_or_default()
    }

    #[cfg(test)]
    /// For an enhancement, the id of its base row ("CR 1.1" of "CR 1.1 RE 1").
    pub(crate) fn base_id(&self) -> Option<&str> {
        self.id.find(" RE ").map(|i| &self.id[..i])
    }

    /// Whether this row supports the 3-3 system requirement `sr_id` ("SR 1.1" or
    /// "SR 1.1 RE 2"): the same number, base rows for an SR and for its enhancements alike.
    pub(crate) fn supports_sr(&self, sr_id: &str) -> bool {
        let sr_number = sr_id.split(' ').nth(1).unwrap_or_default();
        sr_id.starts_with("SR ") && !sr_number.is_empty() && sr_number == self.number()
    }
}

/// The class named by an id prefix; `None` for "CR" and anything else.
pub(crate) fn class_of_prefix(prefix: &str) -> Option<ComponentClass> {
    match prefix {
        "SAR" => Some(ComponentClass::SoftwareApplication),
        "EDR" => Some(ComponentClass::EmbeddedDevice),
        "HDR" => Some(ComponentClass::HostDevice),
        "NDR" => Some(ComponentClass::NetworkDevice),
        _ => None,
    }
}

impl ComponentClass {
    pub const ALL: [ComponentClass; 4] = [
        ComponentClass::SoftwareApplication,
        ComponentClass::EmbeddedDevice,
        ComponentClass::HostDevice,
        ComponentClass::NetworkDevice,
    ];

    /// The prefix of the class's own rows in IEC 62443-4-2.
    pub fn prefix(self) -> &'static str {
        match self {
            ComponentClass::SoftwareApplication => "SAR",
            ComponentClass::EmbeddedDevice => "EDR",
            ComponentClass::HostDevice => "HDR",
            ComponentClass::NetworkDevice => "NDR",
        }
    }
}

#[cfg(test)]
mod tests;
