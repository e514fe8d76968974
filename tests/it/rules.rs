//! The communication matrix and the firewall rule schedule of a small plant, through the
//! command line: the nftables and ASA texts compared line by line with ones written by hand,
//! the nftables text checked by `nft -c` where nft is installed, the CSV and XLSX registers
//! read back, the matrix rows in `check --format json`.
//!
//! The plant (tests/data/small_plant_flows.ron): Plant DMZ (HIST-01 10.10.1.10, JH-01
//! 10.10.1.20) and Control (PLC-101 10.20.1.11, EWS-01 10.20.1.50, HMI-02 without an IP),
//! one conduit with firewall FW-DMZ-01 and five flows: Modbus HIST-01 → PLC-101, RDP JH-01 →
//! EWS-01, Syslog from the whole Control zone to the DMZ subnet (open: HMI-02 has no IP), ICMP
//! from both DMZ hosts to EWS-01 (a group), TCP 8530-8531 HIST-01 → HMI-02 (open).

use calamine::{Data, Reader, Xlsx};
use std::process::{Command, Output};

const PLANT: &str = "tests/data/small_plant_flows.ron";

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn export(name: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join(name);
    let mut args = vec!["export", PLANT, "-o", out.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    let o = zonewright(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(&out).expect("written")
}

/// Written by hand from the plant above: one set per address the active rules name, the
/// rules in flow order, the two open items as comments, the default deny last.
const NFT: &str = r#"# nftables rule set for FW-DMZ-01 — written by zonewright from the project's data flows.
# Rule ids are the flows' ids; the default deny is last.
# OPEN ITEM C1-F3: source: no IPv4 address for HMI-02
# OPEN ITEM C1-F5: destination: no IPv4 address for HMI-02
table inet zonewright {
	set HIST_01 {
		type ipv4_addr
		flags interval
		elements = { 10.10.1.10 }
	}
	set PLC_101 {
		type ipv4_addr
		flags interval
		elements = { 10.20.1.11 }
	}
	set JH_01 {
		type ipv4_addr
		flags interval
		elements = { 10.10.1.20 }
	}
	set EWS_01 {
		type ipv4_addr
		flags interval
		elements = { 10.20.1.50 }
	}
	set Plant_DMZ_C1_F4_src {
		type ipv4_addr
		flags interval
		elements = { 10.10.1.10, 10.10.1.20 }
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		ip saddr @HIST_01 ip daddr @PLC_101 tcp dport { 502 } ct state new accept comment "C1-F1 Modbus/TCP DMZ-Control"
		ip saddr @JH_01 ip daddr @EWS_01 tcp dport { 3389 } ct state new accept comment "C1-F2 RDP DMZ-Control"
		# C1-F3 (open item, not active)
		ip saddr @Plant_DMZ_C1_F4_src ip daddr @EWS_01 meta l4proto icmp ct state new accept comment "C1-F4 ICMP (ping) DMZ-Control"
		# C1-F5 (open item, not active)
		log prefix "DEFAULT-DENY " counter drop comment "DEFAULT-DENY"
	}
}
"#;

const ASA_RULES: &str = "access-list FW_DMZ_01 remark C1-F1 Modbus/TCP DMZ-Control
access-list FW_DMZ_01 extended permit object-group modbus_tcp object HIST_01 object PLC_101 log
access-list FW_DMZ_01 remark C1-F2 RDP DMZ-Control
access-list FW_DMZ_01 extended permit object-group rdp object JH_01 object EWS_01 log
! C1-F3 (open item, not configured)
access-list FW_DMZ_01 remark C1-F4 ICMP (ping) DMZ-Control
access-list FW_DMZ_01 extended permit object-group icmp object-group Plant_DMZ_C1_F4_src object EWS_01 log
! C1-F5 (open item, not configured)
access-list FW_DMZ_01 remark DEFAULT-DENY
access-list FW_DMZ_01 extended deny ip any any log
";

fn same_lines(got: &str, want: &str) {
    for (n, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "line {}", n + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count(), "{got}");
}

#[test]
fn the_nftables_rule_set_is_the_hand_written_one_and_nft_accepts_it() {
    // the device by name, any case
    let text = export("rules.nft", &["--device", "fw-dmz-01"]);
    same_lines(&text, NFT);
    let nft = ["/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(nft) = nft else {
        eprintln!("nft is not installed: the nftables syntax check is skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("rules.nft");
    std::fs::write(&file, &text).expect("write");
    let o = Command::new(nft)
        .arg("-c")
        .arg("-f")
        .arg(&file)
        .output()
        .expect("nft runs");
    let err = String::from_utf8_lossy(&o.stderr);
    if !o.status.success() && (err.contains("Operation not permitted") || err.contains("netlink")) {
        eprintln!("nft -c needs privileges here ({err}): the syntax check is skipped");
        return;
    }
    assert!(o.status.success(), "nft -c refused the rule set: {err}");
}

#[test]
fn the_asa_access_list_is_the_hand_written_one_with_its_objects() {
    let text = export("rules.asa", &["--device", "FW-DMZ-01"]);
    let acl: String = text
        .lines()
        .filter(|l| l.starts_with("access-list") || l.starts_with("! C1"))
        .map(|l| format!("{l}\n"))
        .collect();
    same_lines(&acl, ASA_RULES);
    for object in [
        "object network HIST_01\n host 10.10.1.10\n",
        "object network net_10_10_1_0_24\n subnet 10.10.1.0 255.255.255.0\n",
        "object-group network Plant_DMZ_C1_F4_src\n description assets of zone Plant DMZ in flow C1-F4\n network-object object HIST_01\n network-object object JH_01\n",
        "object-group service tcp_8530_8531\n service-object tcp destination range 8530 8531\n",
        "object-group service icmp\n service-object icmp\n",
    ] {
        assert!(text.contains(object), "{object} missing from\n{text}");
    }
}

#[test]
fn the_fortios_policies_are_in_flow_order_with_the_deny_last() {
    let text = export("rules.fortios", &["--device", "FW-DMZ-01"]);
    let names: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("set name "))
        .collect();
    assert_eq!(
        names,
        ["\"C1-F1\"", "\"C1-F2\"", "\"C1-F4\"", "\"DEFAULT-DENY\""]
    );
    assert!(text.contains("    edit \"HIST_01\"\n        set subnet 10.10.1.10 255.255.255.255\n"));
    assert!(text.contains("    edit \"tcp_8530_8531\"\n        set protocol TCP/UDP/SCTP\n        set tcp-portrange 8530-8531\n"));
    assert!(text.contains(
        "        set srcaddr \"all\"\n        set dstaddr \"all\"\n        set action deny\n"
    ));
    assert!(text.contains("# OPEN ITEM C1-F5: destination: no IPv4 address for HMI-02"));
}

#[test]
fn a_rule_file_needs_a_device_that_enforces_flows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("rules.nft");
    let o = zonewright(&["export", PLANT, "-o", out.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--device") && err.contains("\"FW-DMZ-01\""),
        "{err}"
    );
    let o = zonewright(&[
        "export",
        PLANT,
        "-o",
        out.to_str().expect("utf-8"),
        "--device",
        "FW-9",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no boundary device \"FW-9\""));
    assert!(!out.exists(), "nothing is written");
    // --device is only for rule files
    let o = zonewright(&[
        "export",
        PLANT,
        "-o",
        dir.path().join("p.svg").to_str().expect("utf-8"),
        "--device",
        "FW-DMZ-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_rule_schedule_and_the_matrix_read_back_from_csv_and_xlsx() {
    let csv = export("rules.csv", &["--table", "rules"]);
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows[0],
        "Device,No.,Rule,Action,Source,Source addresses,Destination,Destination addresses,Service,Transport / ports,Protocol,Conduit,Justification,Open item"
    );
    assert_eq!(
        rows[1],
        "FW-DMZ-01,1,C1-F1,allow,HIST_01,10.10.1.10,PLC_101,10.20.1.11,modbus_tcp,TCP 502,Modbus/TCP,DMZ-Control,Historian polls the PLC,"
    );
    assert_eq!(
        rows[3],
        "FW-DMZ-01,3,C1-F3,allow,(Control: whole zone),,net_10_10_1_0_24,10.10.1.0/24,syslog,UDP 514,Syslog,DMZ-Control,Events to the log collector,source: no IPv4 address for HMI-02"
    );
    assert_eq!(
        rows[6],
        "FW-DMZ-01,6,DEFAULT-DENY,deny,any,,any,,any,,,,Everything not allowed above is dropped and logged.,"
    );
    assert_eq!(rows.len(), 7);
    let flows = export("flows.csv", &["--table", "flows"]);
    let rows: Vec<&str> = flows.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows.len(), 6, "{flows}");
    assert_eq!(
        rows[1],
        "C1-F1,Plant DMZ,HIST-01 (10.10.1.10),Control,PLC-101 (10.20.1.11),TCP,502,Modbus/TCP,no,no,HIST-01,DMZ-Control,FW-DMZ-01,Historian polls the PLC,\"(2,2,2,2,2,2,2)\",\"(2,2,2,2,2,2,2)\","
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("plant.xlsx");
    let o = zonewright(&["export", PLANT, "-o", out.to_str().expect("utf-8")]);
    assert!(o.status.success());
    let mut book: Xlsx<_> = calamine::open_workbook(&out).expect("a workbook");
    let flows = book.worksheet_range("Flows").expect("Flows");
    let cell = |r: &calamine::Range<Data>, row: usize, col: usize| {
        r.get((row, col))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert_eq!(cell(&flows, 0, 0), "Flow");
    assert_eq!(cell(&flows, 4, 0), "C1-F4");
    assert_eq!(
        cell(&flows, 4, 2),
        "HIST-01 (10.10.1.10), JH-01 (10.10.1.20)"
    );
    assert_eq!(cell(&flows, 4, 5), "ICMP");
    assert_eq!(cell(&flows, 5, 4), "HMI-02 (no IP)");
    let rules = book.worksheet_range("Rules").expect("Rules");
    assert_eq!(cell(&rules, 5, 2), "C1-F5");
    assert_eq!(
        cell(&rules, 5, 13),
        "destination: no IPv4 address for HMI-02"
    );
    assert_eq!(rules.get((1, 1)), Some(&Data::Float(1.0)));
}

#[test]
fn check_json_carries_the_matrix_rows() {
    let o = zonewright(&["check", PLANT, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let flows = v["flows"].as_array().expect("flows");
    assert_eq!(flows.len(), 5);
    assert_eq!(flows[1]["id"], "C1-F2");
    assert_eq!(flows[1]["protocol"], "RDP");
    assert_eq!(flows[1]["ports"], "3389");
    assert_eq!(flows[1]["source"]["hosts"][0]["name"], "JH-01");
    assert_eq!(flows[1]["devices"][0]["name"], "FW-DMZ-01");
}

#[test]
fn the_tender_pack_has_the_matrix_and_each_rule_schedule() {
    use zonewright::report::{ExportOptions, Paper, Sections, export_pdf};
    let project = zonewright::file::load(std::path::Path::new(PLANT)).expect("loads");
    let options = |sections| ExportOptions {
        paper: Paper::A4,
        compact: false,
        sections,
    };
    let bytes = export_pdf(
        &project,
        zonewright::catalog::Catalog::embedded(),
        &options(Sections {
            flows: true,
            ..crate::pdf_text::NONE
        }),
    )
    .expect("export");
    let text = crate::pdf_text::pdf_text(&bytes);
    for part in [
        "Communication matrix",
        "HIST-01 (10.10.1.10), JH-01 (10.10.1.20)",
        "Modbus/TCP — TCP 502",
        "Firewall rule schedule: FW-DMZ-01",
        "6 rules in this order, the default deny last; 2 rules cannot be configured yet",
        "DEFAULT-DENY",
        "no IPv4 address for HMI-02",
    ] {
        assert!(text.contains(part), "{part} missing from\n{text}");
    }
    let bytes = export_pdf(
        &project,
        zonewright::catalog::Catalog::embedded(),
        &options(Sections {
            summary: true,
            ..crate::pdf_text::NONE
        }),
    )
    .expect("export");
    assert!(!crate::pdf_text::pdf_text(&bytes).contains("Firewall rule schedule"));
}
