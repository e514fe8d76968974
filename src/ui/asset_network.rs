//! The inspector section for an asset's network and identity fields (hostname, IP addresses,
//! MAC, VLAN, Purdue level, protocols, building, cabinet, tags). Each field edit is one undo
//! step; a field whose text does not parse keeps the typed text and says why, changing nothing.

use super::Intent;
use crate::command::Action;
use crate::command::form::FormAction;
use crate::model::network::{AssetNetwork, MacAddr, PurdueLevel};
use crate::model::{Asset, text::visible};

/// A list typed as one line: "Modbus/TCP, S7comm".
fn list_text(v: &[String]) -> String {
    v.join(", ")
}

fn parse_list(t: &str) -> Vec<String> {
    t.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

type Parse = fn(&str, &mut AssetNetwork) -> Result<(), String>;

fn parse_ips(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    let mut ips = Vec::new();
    for part in parse_list(t) {
        ips.push(
            part.parse()
                .map_err(|_| format!("\"{}\" is not an IP address", visible(&part)))?,
        );
    }
    if ips.len() > crate::file::limits::MAX_IPS_PER_ASSET {
        return Err(format!(
            "at most {} addresses",
            crate::file::limits::MAX_IPS_PER_ASSET
        ));
    }
    n.ip_addresses = ips;
    Ok(())
}

fn parse_mac(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    n.mac = if t.trim().is_empty() {
        None
    } else {
        Some(MacAddr::parse(t).ok_or("not a MAC address (aa:bb:cc:dd:ee:ff)")?)
    };
    Ok(())
}

fn parse_vlan(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    n.vlan = if t.trim().is_empty() {
        None
    } else {
        Some(
            t.trim()
                .parse::<u16>()
                .ok()
                .filter(|v| crate::model::VLAN_IDS.contains(v))
                .ok_or("a VLAN id is 1–4094")?,
        )
    };
    Ok(())
}

fn parse_protocols(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    n.protocols = parse_list(t);
    let max = crate::file::limits::MAX_PROTOCOLS_PER_ASSET;
    if n.protocols.len() > max {
        return Err(format!("at most {max} protocols"));
    }
    Ok(())
}

fn parse_tags(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    n.tags = parse_list(t);
    let max = crate::file::limits::MAX_TAGS_PER_ASSET;
    if n.tags.len() > max {
        return Err(format!("at most {max} tags"));
    }
    Ok(())
}

fn set_hostname(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    n.hostname = t.to_owned();
    Ok(())
}

fn set_building(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    n.building = t.to_owned();
    Ok(())
}

fn set_cabinet(t: &str, n: &mut AssetNetwork) -> Result<(), String> {
    n.cabinet = t.to_owned();
    Ok(())
}

/// The network section of the asset inspector; pushes one `Action::Form` per change.
pub(crate) fn asset_network_ui(ui: &mut egui::Ui, intents: &mut Vec<Intent>, a: &Asset) {
    let n = &a.network;
    ui.separator();
    ui.label(egui::RichText::new("Network and location").strong());
    let fields: [(&str, String, Parse); 8] = [
        ("Hostname", n.hostname.clone(), set_hostname),
        ("IP addresses (comma-separated)", n.ips_text(), parse_ips),
        (
            "MAC",
            n.mac.map(|m| m.to_string()).unwrap_or_default(),
            parse_mac,
        ),
        (
            "VLAN",
            n.vlan.map(|v| v.to_string()).unwrap_or_default(),
            parse_vlan,
        ),
        ("Protocols", list_text(&n.protocols), parse_protocols),
        ("Building", n.building.clone(), set_building),
        ("Cabinet", n.cabinet.clone(), set_cabinet),
        ("Tags", list_text(&n.tags), parse_tags),
    ];
    for (i, (label, current, parse)) in fields.into_iter().enumerate() {
        ui.label(egui::RichText::new(label).small().weak());
        let id = ui.make_persistent_id(("asset-network", a.id.0, i));
        // the text being typed, kept while the field has focus (it may not parse yet)
        let draft: Option<String> = ui.data(|d| d.get_temp(id));
        let mut text = draft.clone().unwrap_or_else(|| current.clone());
        let r = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(f32::INFINITY)
                .id_salt(id),
        );
        if r.changed() {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
            let mut next = a.clone();
            if parse(&text, &mut next.network).is_ok() && next.network != a.network {
                intents.push(Intent::Act(Action::Form {
                    label: format!("Edit asset {} {}", a.name, label.to_lowercase()),
                    form: Box::new(FormAction::Asset(next)),
                    merge_key: Some(format!("asset.{}.network.{i}", a.id.0)),
                }));
            }
        }
        if r.lost_focus() {
            ui.data_mut(|d| d.remove::<String>(id));
            intents.push(Intent::SealEdit);
        }
        if let Some(d) = &draft {
            let mut probe = a.network.clone();
            if let Err(e) = parse(d, &mut probe) {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        }
    }
    ui.label(egui::RichText::new("Purdue level").small().weak());
    let mut level = n.purdue_level;
    egui::ComboBox::from_id_salt(("asset-level", a.id.0))
        .selected_text(level.map_or("–", PurdueLevel::label))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut level, None, "–");
            for l in PurdueLevel::ALL {
                ui.selectable_value(&mut level, Some(l), l.label());
            }
        });
    if level != n.purdue_level {
        let mut next = a.clone();
        next.network.purdue_level = level;
        intents.push(Intent::Act(Action::Form {
            label: format!("Set Purdue level of asset {}", a.name),
            form: Box::new(FormAction::Asset(next)),
            merge_key: None,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fields_parse_or_say_why() {
        let mut n = AssetNetwork::default();
        assert!(parse_ips("10.0.0.1, fd00::1", &mut n).is_ok());
        assert_eq!(n.ip_addresses.len(), 2);
        assert!(parse_ips("10.0.0.300", &mut n).is_err());
        assert_eq!(n.ip_addresses.len(), 2, "a failed parse changes nothing");
        assert!(parse_mac("00:11:22:33:44:55", &mut n).is_ok());
        assert!(parse_mac("00:11", &mut n).is_err());
        assert!(parse_vlan("4095", &mut n).is_err());
        assert!(parse_vlan("", &mut n).is_ok());
        assert_eq!(n.vlan, None);
        assert!(parse_protocols("Modbus/TCP; S7comm", &mut n).is_ok());
        assert_eq!(n.protocols, ["Modbus/TCP", "S7comm"]);
    }
}
