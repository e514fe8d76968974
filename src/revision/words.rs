//! Field paths in words an EPC reader follows: `sl_t` is "SL-T", `characteristics ›
//! assumptions` is "Assumptions".

/// The label of one step of a field path.
fn step_label(step: &str) -> String {
    let known = match step {
        "sl_t" => "SL-T",
        "sl_t_override" => "SL-T (entered)",
        "sl_c_override" => "SL-C from certificate",
        "compensation" => "Compensating countermeasure",
        "kind" => "Kind",
        "name" => "Name",
        "description" => "Description",
        "direction" => "Direction",
        "from" => "From zone",
        "to" => "To zone",
        "controls" => "Controls",
        "flows" => "Data flows",
        "owner" => "Owner",
        "purpose" => "Purpose",
        "test_method" => "Test method",
        "component" => "Component type",
        "firmware" => "Firmware",
        "parent" => "Placed in",
        "requirements" => "Requirement",
        "status" => "status",
        "text" => "countermeasure or justification",
        "evidence" => "evidence",
        "notes" => "Notes",
        "risk" => "Risk",
        "approval" => "Approval",
        "meta" => "Document",
        "characteristics" => "",
        "network" => "Network",
        "criticality" => "Criticality",
        "certificate" => "Certificate",
        "component_checks" => "IEC 62443-4-2 checks",
        "scenarios" => "Threat scenarios",
        _ => "",
    };
    if !known.is_empty() || step == "characteristics" {
        return known.to_owned();
    }
    let spaced = step.replace('_', " ");
    let mut c = spaced.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A field path in words: `["requirements", "SR 1.1", "status"]` → "Requirement SR 1.1
/// status"; `["characteristics", "assumptions"]` → "Assumptions".
pub fn field_words(path: &[String]) -> String {
    if let [first, id, rest @ ..] = path
        && first == "requirements"
    {
        let mut out = format!("Requirement {id}");
        for step in rest {
            out.push(' ');
            out.push_str(&step_label(step));
        }
        return out;
    }
    let labels: Vec<String> = path
        .iter()
        .map(|s| step_label(s))
        .filter(|l| !l.is_empty())
        .collect();
    if labels.is_empty() {
        "the whole element".to_owned()
    } else {
        labels.join(" › ")
    }
}
