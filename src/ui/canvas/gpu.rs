//! The retained drawing on the GPU: its mesh is uploaded into a vertex buffer once per build
//! (or when other chunks scroll into view) and drawn by a glow paint callback with the view's
//! pan and zoom as uniforms, so that a frame in which the drawing did not change hands egui no
//! vertices to copy, tessellate and upload. Used only in the designer's own window (eframe's
//! glow renderer); tests and benchmarks without a GPU, and a driver that cannot compile the
//! shader, get the mesh drawn by egui as before.

use eframe::egui_glow;
use eframe::glow::{self, HasContext as _};
use egui::emath::TSTransform;
use egui::epaint::{Mesh, Vertex};
use std::sync::{Arc, Mutex, PoisonError};

/// The GPU side of the canvas, shared between the canvas (which hands it a mesh each frame)
/// and the paint callbacks (which run later, on the render thread, with the GL context).
#[derive(Clone, Default)]
pub struct GpuCanvas {
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for GpuCanvas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GpuCanvas")
            .field("usable", &self.usable())
            .finish()
    }
}

#[derive(Default)]
struct State {
    resources: Option<Resources>,
    /// The shader or a buffer could not be made: the canvas draws through egui from now on.
    failed: bool,
    /// The mesh now in the buffers.
    uploaded: Option<Arc<Mesh>>,
}

struct Resources {
    program: glow::Program,
    u_screen_size: glow::UniformLocation,
    u_scale: glow::UniformLocation,
    u_translation: glow::UniformLocation,
    u_sampler: glow::UniformLocation,
    a_pos: u32,
    a_tc: u32,
    a_srgba: u32,
    vao: Option<glow::VertexArray>,
    vbo: glow::Buffer,
    ebo: glow::Buffer,
    index_count: i32,
}

const VERTEX: &str = r#"
uniform vec2 u_screen_size;
uniform float u_scale;
uniform vec2 u_translation;
I vec2 a_pos;
I vec4 a_srgba;
I vec2 a_tc;
O vec4 v_rgba_in_gamma;
O vec2 v_tc;

void main() {
    // the drawing's screen position as built, moved and scaled to the view now
    vec2 p = a_pos * u_scale + u_translation;
    gl_Position = vec4(2.0 * p.x / u_screen_size.x - 1.0, 1.0 - 2.0 * p.y / u_screen_size.y, 0.0, 1.0);
    v_rgba_in_gamma = a_srgba / 255.0;
    v_tc = a_tc;
}
"#;

// As egui's own painter: colours are multiplied in gamma space (text looks right only so).
const FRAGMENT: &str = r#"
uniform sampler2D u_sampler;
IN vec4 v_rgba_in_gamma;
IN vec2 v_tc;
#if NEW_SHADER_INTERFACE
    out vec4 f_color;
    #define gl_FragColor f_color
    #define texture2D texture
#endif

void main() {
    gl_FragColor = v_rgba_in_gamma * texture2D(u_sampler, v_tc);
}
"#;

impl GpuCanvas {
    /// Whether the callback path may be used (nothing has failed on the GPU).
    pub fn usable(&self) -> bool {
        !self
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .failed
    }

    /// The paint callback that draws `mesh` (in the drawing's screen coordinates as built) moved
    /// and scaled by `layer` into `rect`.
    pub fn callback(&self, rect: egui::Rect, mesh: Arc<Mesh>, layer: TSTransform) -> egui::Shape {
        let state = self.state.clone();
        let draw = egui_glow::CallbackFn::new(move |info, painter| {
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            if let Err(e) = state.paint(painter, &info, &mesh, layer) {
                eprintln!("warning: the canvas is drawn without its GPU buffer: {e}");
                state.failed = true;
            }
        });
        egui::Shape::Callback(egui::PaintCallback {
            rect,
            callback: Arc::new(draw),
        })
    }

    /// Frees the GPU objects (when the window closes).
    pub fn destroy(&self, gl: &glow::Context) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(r) = state.resources.take() {
            // SAFETY: the objects were made on this context and are not used after this
            unsafe {
                gl.delete_program(r.program);
                gl.delete_buffer(r.vbo);
                gl.delete_buffer(r.ebo);
                if let Some(vao) = r.vao {
                    gl.delete_vertex_array(vao);
                }
            }
        }
        state.uploaded = None;
    }
}

impl State {
    fn paint(
        &mut self,
        painter: &egui_glow::Painter,
        info: &egui::PaintCallbackInfo,
        mesh: &Arc<Mesh>,
        layer: TSTransform,
    ) -> Result<(), String> {
        if self.failed || mesh.indices.is_empty() {
            return Ok(());
        }
        let gl = painter.gl();
        if self.resources.is_none() {
            self.resources = Some(Resources::new(gl)?);
        }
        let Some(r) = self.resources.as_mut() else {
            return Ok(());
        };
        let Some(texture) = painter.texture(mesh.texture_id) else {
            return Ok(());
        };
        let fresh = !self.uploaded.as_ref().is_some_and(|m| Arc::ptr_eq(m, mesh));
        let [w_px, h_px] = info.screen_size_px;
        let ppp = info.pixels_per_point;
        // SAFETY: plain GL calls on the context egui paints with, on objects made on it; egui's
        // painter sets its own state again after every callback
        unsafe {
            // the callback's viewport is its rectangle; the vertices are in whole-screen points
            gl.viewport(0, 0, w_px as i32, h_px as i32);
            gl.use_program(Some(r.program));
            gl.uniform_2_f32(Some(&r.u_screen_size), w_px as f32 / ppp, h_px as f32 / ppp);
            gl.uniform_1_f32(Some(&r.u_scale), layer.scaling);
            gl.uniform_2_f32(
                Some(&r.u_translation),
                layer.translation.x,
                layer.translation.y,
            );
            gl.uniform_1_i32(Some(&r.u_sampler), 0);
            gl.active_texture(glow::TEXTURE0);
            gl.bind_texture(glow::TEXTURE_2D, Some(texture));
            if let Some(vao) = r.vao {
                gl.bind_vertex_array(Some(vao));
            }
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(r.vbo));
            gl.bind_buffer(glow::ELEMENT_ARRAY_BUFFER, Some(r.ebo));
            if fresh {
                gl.buffer_data_u8_slice(
                    glow::ARRAY_BUFFER,
                    bytemuck::cast_slice(&mesh.vertices),
                    glow::STATIC_DRAW,
                );
                gl.buffer_data_u8_slice(
                    glow::ELEMENT_ARRAY_BUFFER,
                    bytemuck::cast_slice(&mesh.indices),
                    glow::STATIC_DRAW,
                );
                r.index_count = i32::try_from(mesh.indices.len()).unwrap_or(i32::MAX);
            }
            let stride = std::mem::size_of::<Vertex>() as i32;
            for (location, size, kind, offset) in [
                (r.a_pos, 2, glow::FLOAT, std::mem::offset_of!(Vertex, pos)),
                (r.a_tc, 2, glow::FLOAT, std::mem::offset_of!(Vertex, uv)),
                (
                    r.a_srgba,
                    4,
                    glow::UNSIGNED_BYTE,
                    std::mem::offset_of!(Vertex, color),
                ),
            ] {
                gl.vertex_attrib_pointer_f32(location, size, kind, false, stride, offset as i32);
                gl.enable_vertex_attrib_array(location);
            }
            gl.draw_elements(glow::TRIANGLES, r.index_count, glow::UNSIGNED_INT, 0);
            if r.vao.is_some() {
                gl.bind_vertex_array(None);
            } else {
                for location in [r.a_pos, r.a_tc, r.a_srgba] {
                    gl.disable_vertex_attrib_array(location);
                }
            }
            let error = gl.get_error();
            if error != glow::NO_ERROR {
                return Err(format!("OpenGL error 0x{error:x} while drawing"));
            }
        }
        if fresh {
            self.uploaded = Some(mesh.clone());
        }
        Ok(())
    }
}

impl Resources {
    fn new(gl: &glow::Context) -> Result<Self, String> {
        let version = egui_glow::ShaderVersion::get(gl);
        let header = format!(
            "{}\n#define NEW_SHADER_INTERFACE {}\n{}\n",
            version.version_declaration(),
            i32::from(version.is_new_shader_interface()),
            if version.is_new_shader_interface() {
                "#define I in\n#define O out\n#define IN in"
            } else {
                "#define I attribute\n#define O varying\n#define IN varying"
            },
        );
        let precision = if version.is_embedded() {
            "precision mediump float;\n"
        } else {
            ""
        };
        // SAFETY: plain GL calls on the current context; every object made is kept or deleted
        unsafe {
            let vert = compile(gl, glow::VERTEX_SHADER, &format!("{header}{VERTEX}"))?;
            let frag = compile(
                gl,
                glow::FRAGMENT_SHADER,
                &format!("{header}{precision}{FRAGMENT}"),
            )
            .inspect_err(|_| gl.delete_shader(vert))?;
            let program = gl.create_program()?;
            gl.attach_shader(program, vert);
            gl.attach_shader(program, frag);
            gl.link_program(program);
            gl.detach_shader(program, vert);
            gl.detach_shader(program, frag);
            gl.delete_shader(vert);
            gl.delete_shader(frag);
            if !gl.get_program_link_status(program) {
                let log = gl.get_program_info_log(program);
                gl.delete_program(program);
                return Err(format!("the canvas shader does not link: {log}"));
            }
            let uniform = |name: &str| {
                gl.get_uniform_location(program, name)
                    .ok_or_else(|| format!("the canvas shader has no {name}"))
            };
            let attribute = |name: &str| {
                gl.get_attrib_location(program, name)
                    .ok_or_else(|| format!("the canvas shader has no {name}"))
            };
            let made = (|| {
                Ok::<_, String>(Resources {
                    program,
                    u_screen_size: uniform("u_screen_size")?,
                    u_scale: uniform("u_scale")?,
                    u_translation: uniform("u_translation")?,
                    u_sampler: uniform("u_sampler")?,
                    a_pos: attribute("a_pos")?,
                    a_tc: attribute("a_tc")?,
                    a_srgba: attribute("a_srgba")?,
                    // WebGL 1 / GLES 2 may lack vertex array objects: pointers are set per draw
                    vao: if version == egui_glow::ShaderVersion::Es100 {
                        None
                    } else {
                        gl.create_vertex_array().ok()
                    },
                    vbo: gl.create_buffer()?,
                    ebo: gl.create_buffer()?,
                    index_count: 0,
                })
            })();
            if made.is_err() {
                gl.delete_program(program);
            }
            made
        }
    }
}

/// Compiles one shader stage, or says why not.
///
/// # Safety
/// A GL context must be current.
unsafe fn compile(gl: &glow::Context, kind: u32, source: &str) -> Result<glow::Shader, String> {
    // SAFETY: as the caller promises
    unsafe {
        let shader = gl.create_shader(kind)?;
        gl.shader_source(shader, source);
        gl.compile_shader(shader);
        if gl.get_shader_compile_status(shader) {
            Ok(shader)
        } else {
            let log = gl.get_shader_info_log(shader);
            gl.delete_shader(shader);
            Err(format!("the canvas shader does not compile: {log}"))
        }
    }
}
