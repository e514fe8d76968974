//! Every export format but the PDF's own layout: the format chosen by the file extension, the
//! drawing as SVG and PNG (rendered from the one drawing description in `report`), draw.io,
//! the registers as XLSX and CSV, the supplier compliance matrix (written and read back), and
//! the tender pack as a Word document.

pub mod compliance;
mod csv;
pub mod docx;
pub mod drawio;
pub mod flows;
pub(crate) mod matrix_effect;
pub mod png;
mod risk_record;
pub mod rules;
mod suppliers;
pub mod svg;
mod tables;
pub mod xlsx;

pub(crate) use tables::element_id;

use crate::catalog::Catalog;
use crate::model::Project;
use crate::report::{ExportOptions, ReportError};
use std::path::Path;

/// A file format the project can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// The tender pack.
    #[default]
    Pdf,
    /// The tender pack as an editable Word document.
    Docx,
    /// The architecture drawing as vector graphics.
    Svg,
    /// The architecture drawing as a raster image.
    Png,
    /// The architecture for diagrams.net (uncompressed mxGraph XML).
    Drawio,
    /// The registers in one workbook, or the compliance matrix.
    Xlsx,
    /// One register as comma-separated values.
    Csv,
    /// One boundary device's rule schedule as an nftables rule set.
    Nftables,
    /// One boundary device's rule schedule as FortiOS CLI configuration.
    FortiOs,
    /// One boundary device's rule schedule as Cisco ASA configuration.
    Asa,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Pdf,
        Format::Docx,
        Format::Svg,
        Format::Png,
        Format::Drawio,
        Format::Xlsx,
        Format::Csv,
        Format::Nftables,
        Format::FortiOs,
        Format::Asa,
    ];

    /// A firewall configuration of one device (needs [`Request::device`]).
    pub(crate) fn is_rules(self) -> bool {
        matches!(self, Format::Nftables | Format::FortiOs | Format::Asa)
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Drawio => "drawio",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Nftables => "nft",
            Format::FortiOs => "fortios",
            Format::Asa => "asa",
        }
    }

    /// What a person calls it (menus, file dialog filters).
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF tender pack",
            Format::Docx => "Word tender pack",
            Format::Svg => "SVG drawing",
            Format::Png => "PNG drawing",
            Format::Drawio => "draw.io diagram",
            Format::Xlsx => "Excel workbook",
            Format::Csv => "CSV register",
            Format::Nftables => "nftables rule set",
            Format::FortiOs => "FortiOS configuration",
            Format::Asa => "Cisco ASA configuration",
        }
    }

    /// The format a file name asks for, by its extension (any case).
    pub fn from_path(path: &Path) -> Result<Format, ExportError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == ext)
            .ok_or_else(|| ExportError::UnknownFormat(path.display().to_string()))
    }
}

/// The registers, one per table of the workbook; one CSV file holds one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Zones,
    Conduits,
    Assets,
    Requirements,
    Findings,
    /// Per zone/conduit and component class: the IEC 62443-4-2 items to ask suppliers for.
    Suppliers,
    /// The communication matrix: one row per data flow.
    Flows,
    /// The rule schedule of every boundary device.
    Rules,
}

impl Table {
    pub const ALL: [Table; 8] = [
        Table::Zones,
        Table::Conduits,
        Table::Assets,
        Table::Requirements,
        Table::Findings,
        Table::Suppliers,
        Table::Flows,
        Table::Rules,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Zones => "zones",
            Table::Conduits => "conduits",
            Table::Assets => "assets",
            Table::Requirements => "requirements",
            Table::Findings => "findings",
            Table::Suppliers => "suppliers",
            Table::Flows => "flows",
            Table::Rules => "rules",
        }
    }
}

/// How the drawing is rasterised (PNG only).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PngOptions {
    /// Width in pixels; the default is [`png::DEFAULT_WIDTH`].
    pub width: Option<u32>,
    /// Dots per inch of the paper (wins over `width`).
    pub dpi: Option<f32>,
    /// No white background.
    pub transparent: bool,
}

/// Everything an export needs besides the project.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub format: Format,
    /// The PDF's paper and sections; the paper also sizes the drawing of SVG, PNG.
    pub pdf: ExportOptions,
    /// The title block under the SVG and PNG drawing (the legend is always drawn).
    pub title_block: bool,
    pub png: PngOptions,
    /// The register of a CSV file.
    pub table: Option<Table>,
    /// An XLSX compliance matrix instead of the registers: the names or ids of the zones and
    /// conduits to include (empty: all).
    pub compliance: Option<Vec<String>>,
    /// The boundary device (name or tag) whose rule schedule a firewall configuration holds.
    pub device: Option<String>,
    /// Word: the company template (.docx or .dotx) the pack is written on.
    pub template: Option<Template>,
    /// PDF and Word: the amendments since an older revision (`--changes-since`).
    pub amendments: Option<crate::report::amendments::Amendments>,
}

/// A company Word template, read by whoever asks for the export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    /// The file's name, for messages.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The largest Word template read (a company template with its logos is far smaller).
pub const MAX_TEMPLATE_BYTES: u64 = 64 << 20;

impl Template {
    /// Reads a template file, refusing one larger than [`MAX_TEMPLATE_BYTES`].
    pub fn read(path: &Path) -> Result<Template, String> {
        use std::io::Read;
        let name = path.display().to_string();
        // a folder, a named pipe or a device is refused before it is opened (a pipe would
        // wait for a writer)
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read the Word template {name}: {e}"))?;
        if let Some(what) = crate::file::not_a_file(&meta.file_type()) {
            return Err(format!(
                "the Word template {name} is {what}; only regular files are read"
            ));
        }
        let file = std::fs::File::open(path)
            .map_err(|e| format!("cannot read the Word template {name}: {e}"))?;
        let mut bytes = Vec::new();
        file.take(MAX_TEMPLATE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read the Word template {name}: {e}"))?;
        if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
            return Err(format!(
                "the Word template {name} is larger than {} MB",
                MAX_TEMPLATE_BYTES >> 20
            ));
        }
        Ok(Template { name, bytes })
    }
}

impl Request {
    pub fn new(format: Format) -> Request {
        Request {
            format,
            title_block: true,
            ..Request::default()
        }
    }
}

/// Why an export could not be made. Nothing has been written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{0}: unknown export format; the file name must end in .pdf, .docx, .svg, .png, .drawio, .xlsx, .csv, .nft, .fortios or .asa"
    )]
    UnknownFormat(String),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(
        "a CSV file holds one register: choose it with --table zones|conduits|assets|requirements|findings|suppliers|flows|rules"
    )]
    NoTable,
    #[error("--{option} is only for {format} files")]
    Misplaced {
        option: &'static str,
        format: &'static str,
    },
    #[error("cannot make the PNG: {0}")]
    Png(String),
    #[error("cannot make the workbook: {0}")]
    Xlsx(String),
    #[error("{0}")]
    Compliance(String),
    /// No device, or one that enforces no flow: the message lists those that do.
    #[error("{0}")]
    Device(String),
    #[error("cannot write the CSV file: {0}")]
    Csv(String),
    #[error("cannot make the Word document: {0}")]
    Docx(String),
    #[error(transparent)]
    Template(#[from] docx::TemplateError),
}

/// The exported file's bytes. Deterministic for every format but XLSX (whose zip records the
/// time it was written).
pub fn export(
    project: &Project,
    catalog: &Catalog,
    request: &Request,
) -> Result<Vec<u8>, ExportError> {
    export_noting(project, catalog, request, &mut xlsx::Cuts::default())
}

/// [`export`], noting in `cuts` the texts cut to fit a format's own limits (Excel's cells):
/// each with its sheet, row, element and field.
pub(crate) fn export_noting(
    project: &Project,
    catalog: &Catalog,
    request: &Request,
    cuts: &mut xlsx::Cuts,
) -> Result<Vec<u8>, ExportError> {
    check(request)?;
    match request.format {
        Format::Pdf => Ok(crate::report::export_pdf_amended(
            project,
            catalog,
            &request.pdf,
            request.amendments.as_ref(),
        )?),
        Format::Docx => docx::export_docx_amended(
            project,
            catalog,
            &request.pdf,
            request
                .template
                .as_ref()
                .map(|t| (t.name.as_str(), t.bytes.as_slice())),
            request.amendments.as_ref(),
        ),
        Format::Svg => Ok(svg::drawing_svg(
            project,
            catalog,
            request.pdf.paper,
            request.title_block,
            true,
        )?
        .into_bytes()),
        Format::Png => png::drawing_png(project, catalog, request.pdf.paper, request),
        Format::Drawio => Ok(drawio::drawio(project, catalog).into_bytes()),
        Format::Xlsx => match &request.compliance {
            Some(elements) => compliance::export_matrix_noting(project, catalog, elements, cuts),
            None => xlsx::registers_noting(project, catalog, cuts),
        },
        Format::Csv => {
            let table = request.table.ok_or(ExportError::NoTable)?;
            csv::table(project, catalog, table)
        }
        Format::Nftables | Format::FortiOs | Format::Asa => {
            let s = device_schedule(project, catalog, request.device.as_deref())?;
            Ok(match request.format {
                Format::Nftables => rules::nftables(&s),
                Format::FortiOs => rules::fortios(&s),
                _ => rules::asa(&s),
            }
            .into_bytes())
        }
    }
}

/// The rule schedule of the device named (name or tag, case and spacing ignored).
pub(crate) fn device_schedule(
    project: &Project,
    catalog: &Catalog,
    device: Option<&str>,
) -> Result<crate::analysis::rules::Schedule, ExportError> {
    let a = crate::analysis::assess(project, catalog);
    let schedules = crate::analysis::rules::schedules(project, catalog, &a.flows);
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let names: Vec<String> = schedules
        .iter()
        .map(|s| format!("\"{}\"", s.device_name))
        .collect();
    let which = if names.is_empty() {
        "no boundary device enforces a data flow in this project".to_owned()
    } else {
        format!("devices with rules: {}", names.join(", "))
    };
    let Some(want) = device else {
        return Err(ExportError::Device(format!(
            "a firewall configuration is for one device: choose it with --device NAME ({which})"
        )));
    };
    // the name, the part in its closing brackets ("DMZ/OT firewall (FW-DMZ-OT-01)"), or the tag
    let bracketed = |n: &str| {
        n.strip_suffix(')')
            .and_then(|r| r.rsplit_once('('))
            .map(|(_, inner)| norm(inner))
    };
    let found = schedules.into_iter().find(|s| {
        norm(&s.device_name) == norm(want)
            || bracketed(&s.device_name).is_some_and(|b| b == norm(want))
            || project
                .asset(s.device)
                .is_some_and(|(a, _)| !a.tag.is_empty() && norm(&a.tag) == norm(want))
    });
    found.ok_or_else(|| {
        ExportError::Device(format!(
            "no boundary device \"{}\" enforces a data flow ({which})",
            crate::model::text::visible(want)
        ))
    })
}

/// Options that make no sense for the format are refused (rather than silently ignored).
fn check(request: &Request) -> Result<(), ExportError> {
    if request.table.is_some() && request.format != Format::Csv {
        return Err(ExportError::Misplaced {
            option: "table",
            format: "CSV",
        });
    }
    if request.device.is_some() && !request.format.is_rules() {
        return Err(ExportError::Misplaced {
            option: "device",
            format: "nftables, FortiOS and ASA",
        });
    }
    if request.compliance.is_some() && request.format != Format::Xlsx {
        return Err(ExportError::Misplaced {
            option: "compliance",
            format: "XLSX",
        });
    }
    if request.template.is_some() && request.format != Format::Docx {
        return Err(ExportError::Misplaced {
            option: "template",
            format: "Word (.docx)",
        });
    }
    let png = request.png;
    if (png.width.is_some() || png.dpi.is_some() || png.transparent)
        && request.format != Format::Png
    {
        return Err(ExportError::Misplaced {
            option: "width, --dpi and --transparent",
            format: "PNG",
        });
    }
    Ok(())
}
