//! The architecture as a draw.io diagram (uncompressed mxGraph XML): zones as containers with
//! their assets as child shapes, conduits as edges between the containers with their names and
//! direction arrows, boundary devices as small shapes on the middle of their edge, gap colours
//! as styles, and SL-T, SL-C, SL-A and the other fields as shape data (`<object>` attributes).

use super::svg::escape;
use crate::analysis::{Assessment, ElementAssessment, GapSeverity, assess};
use crate::catalog::Catalog;
use crate::model::{Asset, Direction, Project, Rect, SlVector, format_levels, layout};
use crate::report::layout::Rgb;
use crate::report::{gap_colors, gap_tint};
use std::fmt::Write;

/// The draw.io file of `project`. Deterministic: the same project gives the same text.
pub fn drawio(project: &Project, catalog: &Catalog) -> String {
    let a = assess(project, catalog);
    let mut s = String::with_capacity(4096 + 600 * project.asset_count());
    let name = if project.meta.title.is_empty() {
        "zonewright project"
    } else {
        &project.meta.title
    };
    let _ = writeln!(
        s,
        r#"<mxfile host="zonewright" agent="zonewright {}">
  <diagram id="zones-and-conduits" name="{}">
    <mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0">
      <root>
        <mxCell id="0"/>
        <mxCell id="1" parent="0"/>"#,
        env!("CARGO_PKG_VERSION"),
        escape(name)
    );
    for (z, e) in a.zones_of(project) {
        let chips = layout::asset_chips(&z.rect, z.assets.len());
        // a zone too small for every chip grows downwards: every asset is a shape of its own
        let (need_w, need_h) = layout::zone_size_for(z.assets.len(), chips.columns);
        let rect = if chips.hidden > 0 {
            Rect::new(
                z.rect.x,
                z.rect.y,
                z.rect.w.max(need_w),
                z.rect.h.max(need_h),
            )
        } else {
            z.rect
        };
        let slots = layout::asset_chips(&rect, z.assets.len()).slots;
        let (stroke, _) = gap_colors(e.worst);
        let style = format!(
            "swimlane;container=1;collapsible=0;startSize={};rounded=0;whiteSpace=wrap;html=0;fontStyle=1;align=left;spacingLeft=8;fillColor={};swimlaneFillColor={};strokeColor={};strokeWidth=2;",
            layout::HEADER_H * 0.5,
            hex(gap_tint(e.worst)),
            hex(gap_tint(e.worst)),
            hex(stroke)
        );
        let label = format!("{}  [{}]", z.name, e.worst.letter());
        let fields = [
            ("zonewrightId", z.id.to_string()),
            ("name", z.name.clone()),
            ("kind", z.kind.label().to_owned()),
            ("description", z.description.clone()),
        ];
        open_object(&mut s, &z.id.to_string(), &label, &fields, e);
        let _ = writeln!(
            s,
            r#"          <mxCell style="{}" vertex="1" parent="1">
            <mxGeometry x="{}" y="{}" width="{}" height="{}" as="geometry"/>
          </mxCell>
        </object>"#,
            style,
            n(rect.x),
            n(rect.y),
            n(rect.w),
            n(rect.h)
        );
        for (asset, slot) in z.assets.iter().zip(&slots) {
            let geometry = Rect::new(slot.x - rect.x, slot.y - rect.y, slot.w, slot.h);
            asset_shape(&mut s, asset, catalog, &a, &z.id.to_string(), geometry);
        }
    }
    for (c, e) in a.conduits_of(project) {
        if project.zone(c.from).is_none() || project.zone(c.to).is_none() {
            continue;
        }
        let (color, _) = gap_colors(e.worst);
        let (start, end) = match c.direction {
            Direction::OneWay => ("none", "block"),
            Direction::Both => ("none", "none"),
        };
        let dashed = u8::from(e.worst == GapSeverity::Unknown);
        let style = format!(
            "edgeStyle=none;html=0;rounded=0;startArrow={start};endArrow={end};endFill=1;strokeColor={};strokeWidth=2;dashed={dashed};labelBackgroundColor=#ffffff;",
            hex(color)
        );
        let fields = [
            ("zonewrightId", c.id.to_string()),
            ("name", c.name.clone()),
            (
                "direction",
                match c.direction {
                    Direction::OneWay => "one-way".to_owned(),
                    Direction::Both => "two-way".to_owned(),
                },
            ),
            ("owner", c.owner.clone()),
            ("purpose", c.purpose.clone()),
            ("testMethod", c.test_method.clone()),
            ("controls", c.controls.join(", ")),
            (
                "flows",
                c.flows
                    .iter()
                    .map(|f| {
                        format!("{} {}", f.protocol, f.ports_label())
                            .trim()
                            .to_owned()
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ("description", c.description.clone()),
        ];
        let id = c.id.to_string();
        open_object(&mut s, &id, &c.name, &fields, e);
        let _ = writeln!(
            s,
            r#"          <mxCell style="{style}" edge="1" parent="1" source="{}" target="{}">
            <mxGeometry relative="1" as="geometry"/>
          </mxCell>
        </object>"#,
            c.from, c.to
        );
        // devices on the conduit: small shapes on the edge, spread along its middle
        let count = c.devices.len();
        for (k, d) in c.devices.iter().enumerate() {
            let along = if count <= 1 {
                0.0
            } else {
                -0.5 + k as f32 / (count - 1) as f32
            };
            device_shape(&mut s, d, catalog, &a, &id, along);
        }
    }
    s.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    s
}

/// `<object id label …fields slT slC slA gaps>` of a zone or conduit (closed by the caller).
fn open_object(
    s: &mut String,
    id: &str,
    label: &str,
    fields: &[(&str, String)],
    e: &ElementAssessment,
) {
    let _ = write!(
        s,
        r#"        <object id="{}" label="{}""#,
        escape(id),
        escape(label)
    );
    for (key, value) in fields {
        let _ = write!(s, r#" {key}="{}""#, escape(value));
    }
    let _ = writeln!(
        s,
        r#" slT="{}" slC="{}" slA="{}" capabilityGap="{}" achievementGap="{}" worstGap="{}">"#,
        e.sl_t
            .as_ref()
            .map_or_else(|| "not set".to_owned(), SlVector::to_string),
        escape(&format_levels(&e.sl_c)),
        escape(&format_levels(&e.sl_a)),
        escape(&format_levels(&e.capability_gap)),
        escape(&format_levels(&e.achievement_gap)),
        e.worst.label()
    );
}

fn asset_fields(asset: &Asset, catalog: &Catalog, a: &Assessment) -> String {
    let component = catalog
        .component(&asset.component)
        .map_or(asset.component.as_str(), |c| c.name.as_str());
    let mut s = String::new();
    for (key, value) in [
        ("zonewrightId", asset.id.to_string()),
        ("component", component.to_owned()),
        ("vendor", asset.vendor.clone()),
        ("model", asset.model.clone()),
        ("firmware", asset.firmware.clone()),
        ("tag", asset.tag.clone()),
        ("serialNumber", asset.serial_number.clone()),
        ("criticality", asset.criticality.label().to_owned()),
        (
            "slC",
            crate::report::sl_c_text(asset, a.assets.iter().find(|c| c.asset == asset.id)),
        ),
    ] {
        let _ = write!(s, r#" {key}="{}""#, escape(&value));
    }
    s
}

fn asset_shape(
    s: &mut String,
    asset: &Asset,
    catalog: &Catalog,
    a: &Assessment,
    parent: &str,
    g: Rect,
) {
    let icon = catalog
        .component(&asset.component)
        .map_or("?", |c| c.icon.as_str());
    let _ = writeln!(
        s,
        r#"        <object id="{}" label="{}"{}>
          <mxCell style="rounded=1;whiteSpace=wrap;html=0;fillColor=#ffffff;strokeColor=#969696;align=left;spacingLeft=6;fontSize=11;" vertex="1" parent="{}">
            <mxGeometry x="{}" y="{}" width="{}" height="{}" as="geometry"/>
          </mxCell>
        </object>"#,
        asset.id,
        escape(&format!("{icon}  {}", asset.name)),
        asset_fields(asset, catalog, a),
        escape(parent),
        n(g.x),
        n(g.y),
        n(g.w),
        n(g.h)
    );
}

/// A device as a child of its conduit's edge: `along` in -1..1 from the edge's start to its end.
fn device_shape(
    s: &mut String,
    asset: &Asset,
    catalog: &Catalog,
    a: &Assessment,
    edge: &str,
    along: f32,
) {
    let component = catalog.component(&asset.component);
    let icon = component.map_or("?", |c| c.icon.as_str());
    let boundary = component.is_some_and(|c| c.boundary);
    let fill = Rgb::of(if boundary {
        crate::palette::BOUNDARY_DEVICE
    } else {
        crate::palette::DEVICE_LIGHT
    });
    let (w, h) = (44.0, 22.0);
    let _ = writeln!(
        s,
        r#"        <object id="{}" label="{}" boundaryDevice="{}" deviceName="{}"{}>
          <mxCell style="rounded=1;whiteSpace=wrap;html=0;fillColor={};strokeColor=#ffffff;fontColor=#ffffff;fontStyle=1;fontSize=10;" vertex="1" connectable="0" parent="{}">
            <mxGeometry x="{}" y="0" width="{w}" height="{h}" relative="1" as="geometry">
              <mxPoint x="{}" y="{}" as="offset"/>
            </mxGeometry>
          </mxCell>
        </object>"#,
        asset.id,
        escape(icon),
        if boundary { "yes" } else { "no" },
        escape(&asset.name),
        asset_fields(asset, catalog, a),
        hex(fill),
        escape(edge),
        n(along),
        n(-w / 2.0),
        n(-h / 2.0),
    );
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn n(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}
