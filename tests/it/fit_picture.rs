//! Pictures of the screens the layout walk checks (`layout_fit`), drawn on the CPU from the last
//! frame's shapes: the test machines have no GPU for kittest's wgpu renderer. Only for looking
//! at (`SERVICECRAFT_FIT_PNG=/tmp/fit cargo test --test it layout_fit::`); no test depends on
//! them. Drawn at one pixel a point. Triangles are filled by their pixel centres, textured from the font atlas (other
//! textures, such as pack images, are drawn as their vertex colour), and blended premultiplied.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, ColorImage, TextureId};

/// Draws the harness's last frame and saves it as `folder/name.png`.
pub fn save(ctx: &egui::Context, output: &egui::FullOutput, folder: &std::path::Path, name: &str) {
    // One pixel a point: at 200 % text half the pixels of the window, and four times faster to
    // draw unoptimised; enough to judge a layout by.
    let ppp = 1.0;
    let size = ctx.content_rect().size() * ppp;
    let (w, h) = (size.x.round() as usize, size.y.round() as usize);
    let font = ctx.fonts(|f| f.image());
    let primitives = ctx.tessellate(output.shapes.clone(), ppp);
    let background = ctx.global_style().visuals.panel_fill;
    let mut pixels = vec![background; w * h];
    for ClippedPrimitive {
        clip_rect,
        primitive,
    } in &primitives
    {
        let Primitive::Mesh(mesh) = primitive else {
            continue;
        };
        let clip = [
            (clip_rect.min.x * ppp).max(0.0),
            (clip_rect.min.y * ppp).max(0.0),
            (clip_rect.max.x * ppp).min(w as f32),
            (clip_rect.max.y * ppp).min(h as f32),
        ];
        let texture = (mesh.texture_id == TextureId::default()).then_some(&font);
        for tri in mesh.indices.chunks_exact(3) {
            let v = [0, 1, 2].map(|k| &mesh.vertices[tri[k] as usize]);
            triangle(&mut pixels, w, clip, ppp, v, texture);
        }
    }
    let mut image = image::RgbaImage::new(w as u32, h as u32);
    for (i, c) in pixels.iter().enumerate() {
        let [r, g, b, _] = c.to_array();
        image.put_pixel((i % w) as u32, (i / w) as u32, image::Rgba([r, g, b, 255]));
    }
    std::fs::create_dir_all(folder).unwrap();
    image.save(folder.join(format!("{name}.png"))).unwrap();
}

fn triangle(
    pixels: &mut [Color32],
    w: usize,
    clip: [f32; 4],
    ppp: f32,
    v: [&Vertex; 3],
    texture: Option<&ColorImage>,
) {
    let p = v.map(|v| (v.pos.x * ppp, v.pos.y * ppp));
    let area = (p[1].0 - p[0].0) * (p[2].1 - p[0].1) - (p[2].0 - p[0].0) * (p[1].1 - p[0].1);
    if area.abs() < 1e-6 {
        return;
    }
    let x0 = p.iter().map(|q| q.0).fold(f32::MAX, f32::min).max(clip[0]);
    let x1 = p.iter().map(|q| q.0).fold(f32::MIN, f32::max).min(clip[2]);
    let y0 = p.iter().map(|q| q.1).fold(f32::MAX, f32::min).max(clip[1]);
    let y1 = p.iter().map(|q| q.1).fold(f32::MIN, f32::max).min(clip[3]);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    for y in y0.floor() as usize..(y1.ceil() as usize) {
        for x in x0.floor() as usize..(x1.ceil() as usize) {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            if px < clip[0] || px >= clip[2] || py < clip[1] || py >= clip[3] {
                continue;
            }
            let edge = |a: (f32, f32), b: (f32, f32)| {
                ((b.0 - a.0) * (py - a.1) - (px - a.0) * (b.1 - a.1)) / area
            };
            let (l0, l1, l2) = (edge(p[1], p[2]), edge(p[2], p[0]), edge(p[0], p[1]));
            if l0 < 0.0 || l1 < 0.0 || l2 < 0.0 {
                continue;
            }
            let mix = |f: &dyn Fn(&Vertex) -> f32| l0 * f(v[0]) + l1 * f(v[1]) + l2 * f(v[2]);
            let mut src = [0, 1, 2, 3].map(|k| mix(&|vx: &Vertex| vx.color[k] as f32) / 255.0);
            if let Some(tex) = texture {
                let u = (mix(&|vx: &Vertex| vx.uv.x) * tex.size[0] as f32) as usize;
                let t = (mix(&|vx: &Vertex| vx.uv.y) * tex.size[1] as f32) as usize;
                let texel =
                    tex.pixels[t.min(tex.size[1] - 1) * tex.size[0] + u.min(tex.size[0] - 1)];
                for (k, s) in src.iter_mut().enumerate() {
                    *s *= texel[k] as f32 / 255.0;
                }
            }
            let dst = &mut pixels[y * w + x];
            let out = [0, 1, 2, 3].map(|k| src[k] + dst[k] as f32 / 255.0 * (1.0 - src[3]));
            let [r, g, b, a] = out.map(|c| (c.clamp(0.0, 1.0) * 255.0) as u8);
            *dst = Color32::from_rgba_premultiplied(r, g, b, a);
        }
    }
}
