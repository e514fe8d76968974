//! `zonewright export`: the project in the format the extension of `-o` names (PDF or Word
//! tender pack, SVG or PNG drawing, draw.io diagram, XLSX registers or compliance matrix, CSV
//! register), written atomically; an unknown extension writes nothing.

use crate::cli::{EXIT_OK, EXIT_UNREADABLE, PaperArg, load_project};
use crate::export::{Format, PngOptions, Request, Table};
use crate::file;
use crate::model::text::visible;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    Zones,
    Conduits,
    Assets,
    Requirements,
    Findings,
    Suppliers,
    /// The communication matrix: one row per data flow.
    Flows,
    /// The firewall rule schedule of every boundary device.
    Rules,
}

impl From<TableArg> for Table {
    fn from(t: TableArg) -> Table {
        match t {
            TableArg::Zones => Table::Zones,
            TableArg::Conduits => Table::Conduits,
            TableArg::Assets => Table::Assets,
            TableArg::Requirements => Table::Requirements,
            TableArg::Findings => Table::Findings,
            TableArg::Suppliers => Table::Suppliers,
            TableArg::Flows => Table::Flows,
            TableArg::Rules => Table::Rules,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Project file (.ron), or `sample:NAME` for an embedded sample.
    pub file: String,
    /// Where to write; the extension chooses the format: .pdf (tender pack), .docx (the tender
    /// pack as an editable Word document), .svg or .png
    /// (drawing), .drawio (diagrams.net), .xlsx (registers, or the compliance matrix with
    /// --compliance), .csv (one register, see --table), .nft, .fortios or .asa (one firewall's
    /// rules, see --device). Written atomically.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Paper of the (landscape) drawing page; text pages are A4 portrait. Also the shape of the
    /// SVG and PNG drawing.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Leave out the title page (PDF), or the title block under the drawing (SVG, PNG).
    #[arg(long)]
    pub no_title: bool,
    /// Leave out the architecture drawing (PDF).
    #[arg(long)]
    pub no_drawing: bool,
    /// Leave out the zone and conduit summary (PDF).
    #[arg(long)]
    pub no_summary: bool,
    /// Leave out the risk method, the initial risk assessment and the risk register (PDF).
    #[arg(long)]
    pub no_risk: bool,
    /// Leave out the per-zone and per-conduit details and requirement matrices (PDF).
    #[arg(long)]
    pub no_details: bool,
    /// Leave out the overview matrix (PDF).
    #[arg(long)]
    pub no_matrix: bool,
    /// Leave out the IEC 62443-4-2 component requirements for suppliers (PDF).
    #[arg(long)]
    pub no_components: bool,
    /// Leave out the communication matrix and the firewall rule schedules (PDF).
    #[arg(long)]
    pub no_flows: bool,
    /// Leave out the findings register (PDF).
    #[arg(long)]
    pub no_findings: bool,
    /// PDF: leave out the requirement rows nobody has assessed (the designer's default).
    #[arg(long, conflicts_with = "full")]
    pub compact: bool,
    /// PDF: every applicable requirement row, assessed or not (the default here).
    #[arg(long)]
    pub full: bool,
    /// Word: a company template (.docx or .dotx) whose styles, header, footer and first page
    /// the pack takes; the pack follows its first page.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// PDF and Word: the amendments since this older revision of the project (.ron): a
    /// register after the revision history, a revision mark on each changed zone and conduit
    /// of the drawing, a change bar beside each changed table row.
    #[arg(long, value_name = "OLD.ron")]
    pub changes_since: Option<String>,
    /// The register a .csv file holds.
    #[arg(long, value_enum)]
    pub table: Option<TableArg>,
    /// Write the supplier compliance matrix (.xlsx) instead of the registers.
    #[arg(long)]
    pub compliance: bool,
    /// A zone or conduit (name or ID such as Z3) for the compliance matrix; repeat for more.
    /// All of them by default.
    #[arg(long = "element", value_name = "NAME", requires = "compliance")]
    pub elements: Vec<String>,
    /// The boundary device (its name, the part of its name in brackets, or its tag) whose rule
    /// schedule a .nft (nftables), .fortios
    /// (FortiOS CLI) or .asa (Cisco ASA) file holds.
    #[arg(long, value_name = "NAME")]
    pub device: Option<String>,
    /// Width of the PNG in pixels (default 3000).
    #[arg(long, conflicts_with = "dpi")]
    pub width: Option<u32>,
    /// Resolution of the PNG in dots per inch of the paper.
    #[arg(long)]
    pub dpi: Option<f32>,
    /// A PNG without the white background.
    #[arg(long)]
    pub transparent: bool,
}

impl ExportArgs {
    /// The request the arguments make, or why they make none.
    pub fn request(&self) -> Result<Request, String> {
        let format = Format::from_path(&self.output).map_err(|e| e.to_string())?;
        let pdf_only = [
            (self.no_drawing, "--no-drawing"),
            (self.no_summary, "--no-summary"),
            (self.no_risk, "--no-risk"),
            (self.no_details, "--no-details"),
            (self.no_matrix, "--no-matrix"),
            (self.no_components, "--no-components"),
            (self.no_flows, "--no-flows"),
            (self.no_findings, "--no-findings"),
            (self.compact, "--compact"),
            (self.full, "--full"),
            (self.changes_since.is_some(), "--changes-since"),
        ];
        if !matches!(format, Format::Pdf | Format::Docx)
            && let Some((_, flag)) = pdf_only.iter().find(|(on, _)| *on)
        {
            return Err(format!("{flag} is only for PDF and Word files"));
        }
        if self.template.is_some() && format != Format::Docx {
            return Err("--template is only for Word files (.docx)".to_owned());
        }
        let mut request = Request::new(format);
        request.pdf.paper = match self.paper {
            PaperArg::A4 => crate::report::Paper::A4,
            PaperArg::A3 => crate::report::Paper::A3,
        };
        request.pdf.sections = crate::report::Sections {
            title: !self.no_title,
            drawing: !self.no_drawing,
            summary: !self.no_summary,
            risk: !self.no_risk,
            details: !self.no_details,
            matrix: !self.no_matrix,
            components: !self.no_components,
            flows: !self.no_flows,
            findings: !self.no_findings,
        };
        request.pdf.compact = self.compact;
        request.title_block = !self.no_title;
        request.table = self.table.map(Table::from);
        request.compliance = self.compliance.then(|| self.elements.clone());
        request.device = self.device.clone();
        if let Some(path) = &self.template {
            request.template = Some(crate::export::Template::read(path)?);
        }
        request.png = PngOptions {
            width: self.width,
            dpi: self.dpi,
            transparent: self.transparent,
        };
        Ok(request)
    }
}

/// Runs `export`; returns the exit status.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let fail = |err: &mut dyn Write, message: &str| {
        let _ = writeln!(err, "error: {}", visible(message));
        EXIT_UNREADABLE
    };
    // the format first: a wrong extension is reported before the project is read
    let request = match args.request() {
        Ok(r) => r,
        Err(message) => return fail(err, &message),
    };
    let project = match load_project(&args.file) {
        Ok(p) => p,
        Err(message) => return fail(err, &message),
    };
    let catalog = crate::catalog::Catalog::embedded();
    let mut request = request;
    if let Some(old_arg) = &args.changes_since {
        let old = match load_project(old_arg) {
            Ok(p) => p,
            Err(message) => return fail(err, &format!("--changes-since: {message}")),
        };
        let name = std::path::Path::new(old_arg)
            .file_name()
            .map_or_else(|| old_arg.clone(), |n| n.to_string_lossy().into_owned());
        request.amendments = Some(crate::report::amendments::Amendments::between(
            &old, &project, catalog, &name,
        ));
    }
    let mut cuts = crate::export::xlsx::Cuts::default();
    let bytes = match crate::export::export_noting(&project, catalog, &request, &mut cuts) {
        Ok(b) => b,
        Err(e) => return fail(err, &e.to_string()),
    };
    if let Err(e) = file::replace_atomic(&args.output, &bytes) {
        return fail(err, &e.to_string());
    }
    // texts longer than an Excel cell: cut visibly, listed in the workbook and here
    for c in &cuts.0 {
        let _ = writeln!(
            err,
            "warning: text cut to fit an Excel cell: {}",
            visible(c)
        );
    }
    // characters that print as boxes: said, but the file is written all the same
    if matches!(request.format, Format::Pdf | Format::Png | Format::Docx)
        && let Some(fonts) = crate::report::glyphs::shared_fonts()
    {
        for w in crate::report::glyphs::missing_glyphs(&project, fonts) {
            let _ = writeln!(err, "warning: {w}");
        }
    }
    match writeln!(
        out,
        "wrote {} ({}, {} KB)",
        visible(&args.output.display().to_string()),
        request.format.label(),
        bytes.len().div_ceil(1024)
    ) {
        Ok(()) => EXIT_OK,
        Err(e) => fail(err, &format!("cannot write the output: {e}")),
    }
}
