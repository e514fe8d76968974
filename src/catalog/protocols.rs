//! The protocol catalog (`catalog/protocols.ron`): application protocols with their default
//! transport and ports and whether they authenticate and encrypt, and the lookup of a flow's
//! protocol text in it.

use crate::model::{PortRange, Transport};
use serde::{Deserialize, Serialize};

/// One application protocol a data flow can carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    pub id: String,
    pub name: String,
    /// Other names it goes by ("Modbus", "S7").
    #[serde(default)]
    pub aliases: Vec<String>,
    pub transport: Transport,
    /// Default destination ports.
    pub ports: Vec<PortRange>,
    /// Whether it authenticates its peers as commonly deployed.
    pub authenticates: bool,
    /// Whether it encrypts its data as commonly deployed.
    pub encrypts: bool,
    /// An industrial (IACS) protocol: deep packet inspection applies to it.
    pub industrial: bool,
    pub description: String,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The protocol a flow's text names: its id, its name or an alias (case and spacing ignored),
/// also when a remark in brackets follows ("HTTPS (PI Vision)").
pub fn find<'a>(protocols: &'a [Protocol], text: &str) -> Option<&'a Protocol> {
    let exact = |t: &str| {
        let t = norm(t);
        if t.is_empty() {
            return None;
        }
        protocols
            .iter()
            .find(|p| p.id == t || norm(&p.name) == t || p.aliases.iter().any(|a| norm(a) == t))
    };
    exact(text).or_else(|| {
        let (head, _) = text.split_once('(')?;
        exact(head)
    })
}
