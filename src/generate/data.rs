//! The generator's static data: the component types each kind of zone holds, real products
//! per component type, and what a conduit between two kinds of zone carries.

use crate::model::ZoneKind;

/// Component types that belong in a zone of this kind, with relative frequencies.
pub(super) fn components_for(kind: ZoneKind) -> &'static [(usize, &'static str)] {
    match kind {
        ZoneKind::Enterprise => &[
            (12, "corporate_workstation"),
            (2, "erp_server"),
            (1, "email_server"),
        ],
        ZoneKind::External => &[
            (3, "cloud_service"),
            (2, "iiot_gateway"),
            (2, "cellular_router"),
        ],
        ZoneKind::Dmz => &[
            (3, "historian"),
            (2, "patch_server"),
            (2, "antimalware_server"),
            (2, "opc_ua_server"),
            (1, "backup_server"),
        ],
        ZoneKind::RemoteAccess => &[(3, "jump_host"), (1, "remote_access_gateway")],
        ZoneKind::Supervisory => &[
            (8, "operator_workstation"),
            (2, "engineering_workstation"),
            (2, "scada_server"),
            (1, "historian"),
            (1, "domain_controller"),
            (1, "opc_ua_server"),
            (1, "mes_server"),
            (1, "backup_server"),
            (1, "managed_switch"),
        ],
        ZoneKind::Control => &[
            (8, "plc"),
            (4, "dcs_controller"),
            (3, "hmi_panel"),
            (2, "drive"),
            (1, "robot_controller"),
            (1, "rtu"),
            (2, "managed_switch"),
        ],
        ZoneKind::Safety => &[(6, "safety_plc"), (1, "sis_engineering_workstation")],
        ZoneKind::Field => &[
            (10, "field_instrument"),
            (3, "drive"),
            (1, "rtu"),
            (1, "managed_switch"),
        ],
        ZoneKind::Wireless => &[
            (3, "wireless_ap"),
            (3, "wireless_gateway"),
            (1, "radio_modem"),
        ],
        ZoneKind::Other => &[(4, "maintenance_laptop"), (1, "router")],
    }
}

/// Products seen in plants, per component type: (vendor, model, firmware versions).
pub(super) type Product = (&'static str, &'static str, &'static [&'static str]);

pub(super) fn products(component: &str) -> &'static [Product] {
    match component {
        "plc" => &[
            (
                "Siemens",
                "SIMATIC S7-1500",
                &["V2.9.7", "V3.0.3", "V3.1.0"],
            ),
            (
                "Rockwell Automation",
                "ControlLogix 5580",
                &["33.011", "34.014", "35.011"],
            ),
            ("Schneider Electric", "Modicon M580", &["SV4.10", "SV4.20"]),
        ],
        "dcs_controller" => &[
            ("Yokogawa", "CENTUM VP FCS", &["R6.10.10", "R6.11.10"]),
            ("Emerson", "DeltaV PK controller", &["14.3.1", "15.1"]),
            ("ABB", "800xA AC 800M", &["6.1.1", "6.2"]),
        ],
        "rtu" => &[
            ("Schneider Electric", "SCADAPack 470", &["9.2", "9.3"]),
            ("Siemens", "SICAM A8000", &["V05.40", "V06.00"]),
        ],
        "robot_controller" => &[
            ("KUKA", "KR C5", &["8.7.4", "8.7.6"]),
            ("FANUC", "R-30iB Plus", &["V9.40", "V9.30"]),
        ],
        "drive" => &[
            ("ABB", "ACS880", &["3.51", "3.60"]),
            ("Siemens", "SINAMICS G120", &["4.7 SP14", "6.1"]),
            ("Danfoss", "VLT AutomationDrive FC 302", &["8.52"]),
        ],
        "field_instrument" => &[
            ("Endress+Hauser", "Promag 300", &["01.06.00", "01.07.02"]),
            ("Emerson", "Rosemount 3051S", &["7.2", "8.0"]),
            ("VEGA", "VEGAPULS 64", &["2.1.0", "2.3.0"]),
            ("Samson", "TROVIS SAFE 3793", &["1.10"]),
        ],
        "safety_plc" => &[
            ("HIMA", "HIMax", &["V8.2", "V10.1"]),
            ("Triconex", "Tricon CX", &["11.6", "11.7"]),
            ("Siemens", "SIMATIC S7-1500F", &["V3.0.3"]),
        ],
        "sis_engineering_workstation" => &[
            ("HIMA", "SILworX station", &["13.0.2", "14.0"]),
            ("Schneider Electric", "TriStation 1131", &["4.16", "4.17"]),
        ],
        "hmi_panel" => &[
            (
                "Siemens",
                "SIMATIC HMI TP1200 Comfort",
                &["V17 Upd 6", "V18"],
            ),
            ("Rockwell Automation", "PanelView 5510", &["8.001", "9.001"]),
        ],
        "scada_server" => &[
            ("AVEVA", "System Platform 2023", &["R2 SP1", "P01"]),
            ("Siemens", "WinCC OA", &["3.19 P012", "3.20"]),
            ("Inductive Automation", "Ignition", &["8.1.38", "8.1.44"]),
        ],
        "operator_workstation" | "engineering_workstation" => &[
            (
                "Dell",
                "Precision 3680 Tower",
                &["Windows 10 LTSC 2021", "Windows 11 IoT LTSC"],
            ),
            (
                "HP",
                "Z2 G9",
                &["Windows 10 LTSC 2021", "Windows 11 IoT LTSC"],
            ),
            ("Siemens", "SIMATIC IPC847E", &["Windows 10 LTSC 2019"]),
        ],
        "historian" => &[
            ("AVEVA", "PI Server 2024", &["2024 SP1", "2023 SP1"]),
            ("Canary Labs", "Canary Historian", &["24.1", "23.3"]),
        ],
        "opc_ua_server" => &[
            ("Kepware", "KEPServerEX", &["6.15", "6.16"]),
            ("Softing", "dataFEED OPC Suite", &["5.30", "5.40"]),
        ],
        "mes_server" => &[
            ("Siemens", "Opcenter Execution", &["2404", "2310"]),
            (
                "Rockwell Automation",
                "FactoryTalk ProductionCentre",
                &["10.4"],
            ),
        ],
        "domain_controller" | "patch_server" | "backup_server" => &[
            ("Microsoft", "Windows Server 2022", &["21H2", "20348.2340"]),
            ("Microsoft", "Windows Server 2019", &["1809"]),
        ],
        "antimalware_server" => &[
            ("Trend Micro", "Apex One server", &["14.0.12", "14.0.13"]),
            ("Sophos", "Central on-premise relay", &["2023.2"]),
        ],
        "jump_host" => &[
            ("Microsoft", "Windows Server 2022 RDS", &["21H2"]),
            ("CyberArk", "Privileged Session Manager", &["13.2", "14.0"]),
        ],
        "remote_access_gateway" => &[
            ("Siemens", "SINEMA Remote Connect", &["3.2", "3.3"]),
            ("Secomea", "GateManager", &["11.2"]),
        ],
        "firewall" => &[
            (
                "Palo Alto Networks",
                "PA-3410",
                &["PAN-OS 11.1.4", "PAN-OS 10.2.9"],
            ),
            (
                "Cisco",
                "Secure Firewall ISA3000",
                &["FTD 7.4.1", "FTD 7.2.5"],
            ),
            (
                "Fortinet",
                "FortiGate Rugged 70F",
                &["FortiOS 7.4.5", "FortiOS 7.2.8"],
            ),
        ],
        "dpi_firewall" => &[
            ("Fortinet", "FortiGate Rugged 60F", &["FortiOS 7.4.5"]),
            ("Tofino", "Xenon Security Appliance", &["4.2"]),
            ("Claroty", "xDome Secure Access", &["2.9"]),
        ],
        "unidirectional_gateway" => &[
            (
                "Waterfall Security",
                "Unidirectional Security Gateway",
                &["8.4", "9.0"],
            ),
            ("Owl Cyber Defense", "OPDS-1000", &["3.4"]),
        ],
        "managed_switch" => &[
            ("Cisco", "IE-9320", &["IOS XE 17.12", "IOS XE 17.9"]),
            ("Hirschmann", "RSP35", &["HiOS 09.4", "HiOS 10.0"]),
            ("Moxa", "EDS-G4012", &["4.0", "4.1"]),
        ],
        "router" => &[
            ("Cisco", "IR1101", &["IOS XE 17.12"]),
            ("Siemens", "SCALANCE M876-4", &["V7.2"]),
        ],
        "wireless_ap" => &[
            ("Siemens", "SCALANCE W1788", &["V3.0", "V3.1"]),
            ("Cisco", "Catalyst IW9167", &["17.12"]),
        ],
        "wireless_gateway" => &[
            ("Emerson", "Wireless 1410S Gateway", &["4.7.84"]),
            ("Honeywell", "OneWireless WDM", &["R320"]),
        ],
        "radio_modem" => &[
            ("Satel", "SATELLAR XT 5RC", &["1.8"]),
            ("Moxa", "AWK-1137C", &["1.7"]),
        ],
        "maintenance_laptop" | "vendor_laptop" => &[
            ("Panasonic", "Toughbook 40", &["Windows 11 23H2"]),
            (
                "Dell",
                "Latitude 7330 Rugged",
                &["Windows 10 22H2", "Windows 11 23H2"],
            ),
        ],
        "corporate_workstation" => &[
            ("Dell", "OptiPlex 7010", &["Windows 11 23H2"]),
            (
                "HP",
                "EliteDesk 800 G9",
                &["Windows 11 23H2", "Windows 11 24H2"],
            ),
            ("Lenovo", "ThinkCentre M90q", &["Windows 11 23H2"]),
        ],
        "erp_server" => &[("SAP", "S/4HANA 2023", &["FPS02", "FPS01"])],
        "email_server" => &[("Microsoft", "Exchange Server SE", &["CU1", "RTM"])],
        "cloud_service" => &[
            ("Microsoft", "Azure IoT Hub", &["2024-03"]),
            ("Siemens", "Insights Hub", &["2024.2"]),
        ],
        "iiot_gateway" => &[
            ("Siemens", "SIMATIC IOT2050", &["1.4.0", "1.3.1"]),
            ("Moxa", "UC-8200", &["3.2"]),
        ],
        "cellular_router" => &[
            ("Teltonika", "RUTX50", &["RUTX_R_00.07.08"]),
            ("Sierra Wireless", "AirLink RX55", &["4.17"]),
        ],
        _ => &[("Generic", "Unbranded", &["1.0"])],
    }
}

/// What a conduit between two kinds of zone usually carries and who owns it.
pub(super) struct ConduitStyle {
    pub(super) flows: &'static [(&'static str, &'static str, &'static str)],
    pub(super) controls: &'static [&'static str],
    pub(super) owner: &'static str,
    pub(super) purpose: &'static str,
    pub(super) test: &'static str,
}

pub(super) fn style(a: ZoneKind, b: ZoneKind) -> ConduitStyle {
    use ZoneKind::*;
    let has = |k: ZoneKind| a == k || b == k;
    if has(Enterprise) && a == b {
        ConduitStyle {
            flows: &[
                (
                    "IPsec VPN",
                    "500/udp, 4500/udp",
                    "Site office networks over the WAN",
                ),
                (
                    "Active Directory replication",
                    "389/tcp, 88/tcp",
                    "Domain controllers",
                ),
            ],
            controls: &["encryption", "stateful_firewall"],
            owner: "Group IT network operations",
            purpose: "Connect the site office networks over the corporate WAN.",
            test: "Annual WAN rule review and penetration test by group IT.",
        }
    } else if has(Enterprise) {
        ConduitStyle {
            flows: &[
                (
                    "HTTPS (historian web)",
                    "443/tcp",
                    "Business users' trend and report views",
                ),
                (
                    "WSUS upstream sync",
                    "8531/tcp",
                    "Patch staging fetches updates",
                ),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "Group IT network operations",
            purpose: "Give the business read access to process data and bring updates into OT.",
            test: "Quarterly rule-base review against the flow list; annual external scan.",
        }
    } else if has(External) {
        ConduitStyle {
            flows: &[
                (
                    "MQTT over TLS",
                    "8883/tcp",
                    "Telemetry to the cloud analytics service",
                ),
                (
                    "IPsec VPN",
                    "500/udp, 4500/udp",
                    "Vendor remote service tunnel",
                ),
            ],
            controls: &["encryption", "mfa"],
            owner: "OT security",
            purpose: "Connect cloud services and remote vendors through controlled entry points.",
            test: "Monthly review of tunnel logs; annual penetration test from the Internet.",
        }
    } else if has(RemoteAccess) {
        ConduitStyle {
            flows: &[
                (
                    "RDP via jump host",
                    "3389/tcp",
                    "Vendor engineers' supervised sessions",
                ),
                ("SSH", "22/tcp", "Network device maintenance"),
            ],
            controls: &[
                "jump_host",
                "mfa",
                "session_recording",
                "time_limited_access",
            ],
            owner: "OT security",
            purpose: "Supervised, time-limited vendor access to named systems only.",
            test: "Review of recorded sessions after each access; quarterly account review.",
        }
    } else if has(Dmz) {
        ConduitStyle {
            flows: &[
                ("OPC UA", "4840/tcp", "Process values to the DMZ historian"),
                ("WSUS", "8530/tcp", "Approved patches for OT hosts"),
                ("Anti-malware agent", "8080/tcp", "Signature updates"),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "OT security",
            purpose: "Bring maintenance services into OT and process data out of it.",
            test: "Rule review at every MOC; annual comparison of a traffic capture with the flow list.",
        }
    } else if has(Safety) {
        ConduitStyle {
            flows: &[
                (
                    "Modbus/TCP (read only)",
                    "502/tcp",
                    "SIS status and trips to the BPCS",
                ),
                (
                    "Vendor safety protocol",
                    "1502/tcp",
                    "SIS engineering downloads",
                ),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "Process control engineering (SIS team)",
            purpose: "Show SIS status to operators; engineer safety logic under MOC.",
            test: "Proof test of the write protection at every SIS proof-test interval.",
        }
    } else if has(Wireless) {
        ConduitStyle {
            flows: &[
                (
                    "WirelessHART via gateway",
                    "5094/tcp",
                    "Wireless transmitters",
                ),
                (
                    "RADIUS (WPA3-Enterprise)",
                    "1812/udp",
                    "Tablets and AGVs authenticate",
                ),
            ],
            controls: &["encryption", "allow_list"],
            owner: "Instrumentation and control maintenance",
            purpose: "Bring wireless measurements into the control system.",
            test: "Annual wireless survey and key rotation check.",
        }
    } else if has(Other) {
        ConduitStyle {
            flows: &[(
                "S7comm / EtherNet/IP",
                "102/tcp, 44818/tcp",
                "Maintenance laptops while connected",
            )],
            controls: &["time_limited_access", "allow_list"],
            owner: "Maintenance",
            purpose: "Connect maintenance laptops for diagnostics under a work permit.",
            test: "Check of the connection log against work permits every month.",
        }
    } else if has(Field) {
        ConduitStyle {
            flows: &[
                (
                    "PROFINET",
                    "34962-34964/udp",
                    "Cyclic I/O with field devices",
                ),
                ("HART-IP", "5094/tcp", "Instrument diagnostics"),
            ],
            controls: &["allow_list"],
            owner: "Instrumentation and control maintenance",
            purpose: "Cyclic I/O between controllers and field devices.",
            test: "Comparison of a traffic capture with the engineered I/O list at each turnaround.",
        }
    } else {
        ConduitStyle {
            flows: &[
                (
                    "S7comm / EtherNet/IP",
                    "102/tcp, 44818/tcp",
                    "Controller programming",
                ),
                ("OPC UA", "4840/tcp", "Operator displays and alarms"),
                ("Modbus/TCP", "502/tcp", "Values from package units"),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "Process control engineering",
            purpose: "Operation and engineering of the controllers from the control room.",
            test: "Rule review at every MOC; annual comparison of a traffic capture with the flow list.",
        }
    }
}
