//! The picture of a learner's SWOT: laid out here, rasterised on the CPU with `vello_cpu` (the
//! renderer egui itself uses for glyphs, so no second graphics stack) using a font that has
//! Chinese, and encoded as PNG with `image`. Fonts come in as bytes; finding them is the caller's.

use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};
use vello_cpu::color::{AlphaColor, Srgb};
use vello_cpu::kurbo::{Affine, Rect, RoundedRect, Shape, Stroke};
use vello_cpu::{Glyph, Pixmap, RenderContext, Resources, peniko};

use crate::i18n::{Lang, T};
use crate::model::my_swot::MySwot;
use crate::model::{Pairing, Quadrant};

use super::{pairing_title, quadrant_title};

/// The bytes of a font file, shared (system fonts are memory-mapped).
pub type FontBlob = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One face of a font file.
#[derive(Clone)]
pub struct FontFace {
    pub data: FontBlob,
    pub index: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("no font that can draw Chinese was found")]
    NoChineseFont,
    #[error("the picture would be {0} pixels high, more than can be drawn")]
    TooLarge(u32),
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
}

/// Logical width of the picture; pixels are [`SCALE`] times as many, for sharp text.
const WIDTH: f64 = 1000.0;
const SCALE: f64 = 2.0;
const MARGIN: f64 = 40.0;
/// Taller pictures are refused (vello_cpu's canvas is at most 65535 pixels a side).
const MAX_HEIGHT_PX: u32 = 30_000;

type Color = AlphaColor<Srgb>;

const INK: Color = Color::from_rgb8(33, 37, 41);
const MUTED: Color = Color::from_rgb8(100, 106, 112);
const PAPER: Color = Color::from_rgb8(255, 255, 255);
const RULE: Color = Color::from_rgb8(206, 212, 218);

/// The grid colours, shared with the app so the picture looks like the screen.
pub fn quadrant_rgb(quadrant: Quadrant) -> [u8; 3] {
    match quadrant {
        Quadrant::Strength => [46, 125, 50],
        Quadrant::Weakness => [213, 110, 0],
        Quadrant::Opportunity => [25, 103, 190],
        Quadrant::Threat => [198, 40, 40],
    }
}

pub fn pairing_rgb(pairing: Pairing) -> [u8; 3] {
    match pairing {
        Pairing::SO => [46, 125, 50],
        Pairing::WO => [25, 103, 190],
        Pairing::ST => [213, 110, 0],
        Pairing::WT => [198, 40, 40],
    }
}

fn rgb(c: [u8; 3]) -> Color {
    Color::from_rgb8(c[0], c[1], c[2])
}

/// A pale tint of `c` on white.
fn tint(c: [u8; 3], amount: f32) -> Color {
    let mix = |v: u8| (255.0 - (255.0 - f32::from(v)) * amount).round() as u8;
    Color::from_rgb8(mix(c[0]), mix(c[1]), mix(c[2]))
}

struct LoadedFace<'a> {
    font: FontRef<'a>,
    data: peniko::FontData,
}

#[derive(Clone, Copy)]
struct PlacedGlyph {
    face: usize,
    id: u32,
    x: f32,
}

#[derive(Default)]
struct Line {
    glyphs: Vec<PlacedGlyph>,
    width: f32,
}

/// Breaks text into lines with simple per-character fallback between faces: enough for Chinese
/// and Latin, which need no shaping beyond advances.
struct Typesetter<'a> {
    faces: Vec<LoadedFace<'a>>,
}

impl<'a> Typesetter<'a> {
    fn new(faces: &'a [FontFace]) -> Self {
        let faces = faces
            .iter()
            .filter_map(|face| {
                let bytes: &'a [u8] = (*face.data).as_ref();
                let font = FontRef::from_index(bytes, face.index).ok()?;
                let data = peniko::FontData::new(peniko::Blob::new(face.data.clone()), face.index);
                Some(LoadedFace { font, data })
            })
            .collect();
        Self { faces }
    }

    /// The first face that has `c`, and its glyph; the first face's "missing" box otherwise.
    fn pick(&self, c: char) -> (usize, GlyphId) {
        self.faces
            .iter()
            .enumerate()
            .find_map(|(i, face)| face.font.charmap().map(c).map(|g| (i, g)))
            .unwrap_or((0, GlyphId::NOTDEF))
    }

    fn can_draw(&self, c: char) -> bool {
        self.faces
            .iter()
            .any(|face| face.font.charmap().map(c).is_some())
    }

    fn wrap(&self, text: &str, px: f32, max_width: f32) -> Vec<Line> {
        let metrics: Vec<GlyphMetrics<'_>> = self
            .faces
            .iter()
            .map(|f| f.font.glyph_metrics(Size::new(px), LocationRef::default()))
            .collect();
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = Line::default();
            // Index of the glyph after the last space, where a Latin word may be carried over.
            let mut word_start: Option<usize> = None;
            for c in paragraph.chars() {
                let (face, id) = self.pick(c);
                let advance = metrics
                    .get(face)
                    .and_then(|m| m.advance_width(id))
                    .unwrap_or(px * 0.5);
                let overflows = line.width + advance > max_width && !line.glyphs.is_empty();
                if overflows && c.is_whitespace() {
                    // A space where the line is full ends it, and is not drawn.
                    lines.push(std::mem::take(&mut line));
                    word_start = None;
                    continue;
                }
                // Closing punctuation hangs at the line end instead of starting a line.
                if overflows && !is_closing_punctuation(c) {
                    let carried = match word_start {
                        Some(start) if c.is_ascii_alphanumeric() && start > 0 => {
                            line.glyphs.split_off(start)
                        }
                        _ => Vec::new(),
                    };
                    let shift = carried.first().map_or(0.0, |g| g.x);
                    line.width = measure(&line, &metrics);
                    lines.push(std::mem::take(&mut line));
                    for mut glyph in carried {
                        glyph.x -= shift;
                        line.glyphs.push(glyph);
                    }
                    line.width = measure(&line, &metrics);
                    word_start = None;
                }
                if c == ' ' {
                    word_start = Some(line.glyphs.len() + 1);
                }
                if c == ' ' && line.glyphs.is_empty() {
                    continue;
                }
                line.glyphs.push(PlacedGlyph {
                    face,
                    id: id.to_u32(),
                    x: line.width,
                });
                line.width += advance;
            }
            lines.push(line);
        }
        lines
    }
}

/// The width of a line from its last glyph's position and advance.
fn measure(line: &Line, metrics: &[GlyphMetrics<'_>]) -> f32 {
    line.glyphs.last().map_or(0.0, |g| {
        g.x + metrics
            .get(g.face)
            .and_then(|m| m.advance_width(GlyphId::new(g.id)))
            .unwrap_or(0.0)
    })
}

fn is_closing_punctuation(c: char) -> bool {
    "，。、；：？！）》」』】,.;:?!)".contains(c)
}

/// A drawing operation, in logical units.
enum Op {
    Fill(RoundedRect, Color),
    Outline(RoundedRect, Color, f64),
    Text {
        lines: Vec<Line>,
        x: f64,
        y: f64,
        px: f32,
        color: Color,
        /// Rotated a quarter turn anticlockwise around (x, y), for the side axis labels.
        vertical: bool,
        centered_in: Option<f64>,
    },
}

fn line_height(px: f32) -> f64 {
    f64::from(px) * 1.5
}

struct Layout<'a> {
    setter: &'a Typesetter<'a>,
    ops: Vec<Op>,
}

impl Layout<'_> {
    /// Lays out wrapped text at (x, y); returns its height.
    fn text(&mut self, text: &str, x: f64, y: f64, width: f64, px: f32, color: Color) -> f64 {
        let lines = self.setter.wrap(text, px, width as f32);
        let height = lines.len() as f64 * line_height(px);
        self.ops.push(Op::Text {
            lines,
            x,
            y,
            px,
            color,
            vertical: false,
            centered_in: None,
        });
        height
    }

    fn centered(&mut self, text: &str, x: f64, y: f64, width: f64, px: f32, color: Color) {
        let lines = self.setter.wrap(text, px, width as f32);
        self.ops.push(Op::Text {
            lines,
            x,
            y,
            px,
            color,
            vertical: false,
            centered_in: Some(width),
        });
    }

    /// Text rotated to read bottom-to-top, centred on a vertical band from `y` of `height`.
    fn vertical(&mut self, text: &str, x: f64, y: f64, height: f64, px: f32, color: Color) {
        let lines = self.setter.wrap(text, px, height as f32);
        self.ops.push(Op::Text {
            lines,
            x,
            y: y + height,
            px,
            color,
            vertical: true,
            centered_in: Some(height),
        });
    }

    /// A bulleted list; returns its height.
    fn bullets(&mut self, items: &[String], x: f64, y: f64, width: f64, color: Color) -> f64 {
        let px = 15.0;
        let mut height = 0.0;
        for item in items {
            self.ops.push(Op::Fill(
                RoundedRect::new(x, y + height + 9.0, x + 6.0, y + height + 15.0, 3.0),
                color,
            ));
            height += self.text(item, x + 14.0, y + height, width - 14.0, px, INK) + 6.0;
        }
        height
    }

    /// A coloured box with a header and a bulleted list; laid out at a given height later.
    fn boxed_list(
        &mut self,
        title: &str,
        items: &[String],
        rect: Rect,
        color: [u8; 3],
        empty: &str,
    ) -> f64 {
        let header = 40.0;
        let fill_at = self.ops.len();
        self.ops
            .push(Op::Fill(RoundedRect::new(0.0, 0.0, 0.0, 0.0, 0.0), PAPER));
        let header_at = self.ops.len();
        self.ops
            .push(Op::Fill(RoundedRect::new(0.0, 0.0, 0.0, 0.0, 0.0), PAPER));
        self.text(
            title,
            rect.x0 + 14.0,
            rect.y0 + 8.0,
            rect.width() - 28.0,
            17.0,
            PAPER,
        );
        let body_y = rect.y0 + header + 10.0;
        let mut height = if items.is_empty() {
            self.text(
                empty,
                rect.x0 + 14.0,
                body_y,
                rect.width() - 28.0,
                14.0,
                MUTED,
            )
        } else {
            self.bullets(
                items,
                rect.x0 + 14.0,
                body_y,
                rect.width() - 28.0,
                rgb(color),
            )
        };
        height = (header + 10.0 + height + 12.0).max(rect.height());
        let outer = RoundedRect::new(rect.x0, rect.y0, rect.x1, rect.y0 + height, 8.0);
        self.ops[fill_at] = Op::Fill(outer, tint(color, 0.09));
        self.ops[header_at] = Op::Fill(
            RoundedRect::from_rect(
                Rect::new(rect.x0, rect.y0, rect.x1, rect.y0 + header),
                (8.0, 8.0, 0.0, 0.0),
            ),
            rgb(color),
        );
        self.ops.push(Op::Outline(outer, tint(color, 0.5), 1.0));
        height
    }
}

/// Draws `swot` as a picture: title, situation, the 2×2 grid with its axes and, if any, the
/// strategies per pairing. `faces` in order of preference; the first should have Chinese.
pub fn render_my_swot(
    swot: &MySwot,
    faces: &[FontFace],
    lang: Lang,
    footer: &str,
) -> Result<image::RgbaImage, PictureError> {
    let setter = Typesetter::new(faces);
    // The learner's text and the labels in the picture's language.
    let labels = quadrant_title(Quadrant::Strength, lang);
    let texts = [swot.title.as_str(), swot.context.as_str(), labels.as_str()]
        .into_iter()
        .chain(
            Quadrant::ALL
                .iter()
                .flat_map(|q| swot.items(*q).iter().map(String::as_str)),
        )
        .chain(
            Pairing::ALL
                .iter()
                .flat_map(|p| swot.strategies(*p).iter().map(String::as_str)),
        );
    let missing_chinese = texts
        .flat_map(str::chars)
        .any(|c| crate::text::is_cjk(c) && !setter.can_draw(c));
    if setter.faces.is_empty() || missing_chinese {
        return Err(PictureError::NoChineseFont);
    }

    let mut layout = Layout {
        setter: &setter,
        ops: Vec::new(),
    };
    let inner = WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN;
    let title = if swot.title.trim().is_empty() {
        T::MySwot.get(lang)
    } else {
        swot.title.as_str()
    };
    y += layout.text(title, MARGIN, y, inner, 28.0, INK);
    if !swot.context.trim().is_empty() {
        y += 4.0 + layout.text(&swot.context, MARGIN, y + 4.0, inner, 14.0, MUTED);
    }
    y += 18.0;

    // The grid: helpful | harmful across, internal / external down.
    let axis = 40.0;
    let gap = 12.0;
    let column = (inner - axis - gap) / 2.0;
    let left = MARGIN + axis;
    for (i, label) in [T::Helpful, T::Harmful].into_iter().enumerate() {
        let x = left + i as f64 * (column + gap);
        layout.centered(label.get(lang), x, y, column, 15.0, MUTED);
    }
    y += 30.0;
    let empty = T::NothingYet.get(lang);
    for (axis_label, quadrants) in [
        (T::Internal, [Quadrant::Strength, Quadrant::Weakness]),
        (T::External, [Quadrant::Opportunity, Quadrant::Threat]),
    ] {
        let mut height: f64 = 150.0;
        let start = layout.ops.len();
        // Lay out both once to learn the row height, then again at that height.
        for (i, q) in quadrants.iter().enumerate() {
            let x = left + i as f64 * (column + gap);
            let rect = Rect::new(x, y, x + column, y + 150.0);
            height = height.max(layout.boxed_list(
                &quadrant_title(*q, lang),
                swot.items(*q),
                rect,
                quadrant_rgb(*q),
                empty,
            ));
        }
        layout.ops.truncate(start);
        for (i, q) in quadrants.iter().enumerate() {
            let x = left + i as f64 * (column + gap);
            let rect = Rect::new(x, y, x + column, y + height);
            layout.boxed_list(
                &quadrant_title(*q, lang),
                swot.items(*q),
                rect,
                quadrant_rgb(*q),
                empty,
            );
        }
        layout.ops.push(Op::Fill(
            RoundedRect::new(MARGIN + 4.0, y, MARGIN + 8.0, y + height, 2.0),
            RULE,
        ));
        layout.vertical(axis_label.get(lang), MARGIN + 14.0, y, height, 15.0, MUTED);
        y += height + gap;
    }

    if Pairing::ALL.iter().any(|p| !swot.strategies(*p).is_empty()) {
        y += 14.0;
        y += layout.text(T::TowsStrategies.get(lang), MARGIN, y, inner, 20.0, INK) + 8.0;
        let column = (inner - gap) / 2.0;
        for pair in [[Pairing::SO, Pairing::WO], [Pairing::ST, Pairing::WT]] {
            let start = layout.ops.len();
            let mut height: f64 = 90.0;
            for (i, p) in pair.iter().enumerate() {
                let x = MARGIN + i as f64 * (column + gap);
                let rect = Rect::new(x, y, x + column, y + 90.0);
                height = height.max(layout.boxed_list(
                    &pairing_title(*p, lang),
                    swot.strategies(*p),
                    rect,
                    pairing_rgb(*p),
                    empty,
                ));
            }
            layout.ops.truncate(start);
            for (i, p) in pair.iter().enumerate() {
                let x = MARGIN + i as f64 * (column + gap);
                let rect = Rect::new(x, y, x + column, y + height);
                layout.boxed_list(
                    &pairing_title(*p, lang),
                    swot.strategies(*p),
                    rect,
                    pairing_rgb(*p),
                    empty,
                );
            }
            y += height + gap;
        }
    }
    y += 8.0;
    layout.text(footer, MARGIN, y, inner, 12.0, MUTED);
    y += line_height(12.0) + MARGIN / 2.0;

    let width_px = (WIDTH * SCALE).round() as u32;
    let height_px = (y * SCALE).ceil() as u32;
    if height_px > MAX_HEIGHT_PX {
        return Err(PictureError::TooLarge(height_px));
    }
    let (Ok(w), Ok(h)) = (u16::try_from(width_px), u16::try_from(height_px)) else {
        return Err(PictureError::TooLarge(height_px));
    };
    let mut ctx = RenderContext::new(w, h);
    let mut resources = Resources::new();
    let scale = Affine::scale(SCALE);
    ctx.set_transform(scale);
    ctx.set_paint(PAPER);
    ctx.fill_rect(&Rect::new(0.0, 0.0, WIDTH, y));
    for op in &layout.ops {
        draw(&mut ctx, &mut resources, &setter, op, scale);
    }
    let mut pixmap = Pixmap::new(w, h);
    ctx.flush();
    ctx.render(&mut pixmap, &mut resources);
    let bytes: Vec<u8> = pixmap
        .take_unpremultiplied()
        .into_iter()
        .flat_map(|p| [p.r, p.g, p.b, p.a])
        .collect();
    image::RgbaImage::from_raw(width_px, height_px, bytes)
        .ok_or_else(|| PictureError::Encode("pixel buffer size mismatch".to_owned()))
}

fn draw(
    ctx: &mut RenderContext,
    resources: &mut Resources,
    setter: &Typesetter<'_>,
    op: &Op,
    scale: Affine,
) {
    match op {
        Op::Fill(rect, color) => {
            ctx.set_transform(scale);
            ctx.set_paint(*color);
            ctx.fill_path(&rect.to_path(0.1));
        }
        Op::Outline(rect, color, width) => {
            ctx.set_transform(scale);
            ctx.set_paint(*color);
            ctx.set_stroke(Stroke::new(*width));
            ctx.stroke_path(&rect.to_path(0.1));
        }
        Op::Text {
            lines,
            x,
            y,
            px,
            color,
            vertical,
            centered_in,
        } => {
            let transform = if *vertical {
                scale * Affine::translate((*x, *y)) * Affine::rotate(-std::f64::consts::FRAC_PI_2)
            } else {
                scale * Affine::translate((*x, *y))
            };
            ctx.set_transform(transform);
            ctx.set_paint(*color);
            let height = line_height(*px);
            let baseline = (height - f64::from(*px)) / 2.0 + f64::from(*px) * 0.88;
            for (n, line) in lines.iter().enumerate() {
                let shift =
                    centered_in.map_or(0.0, |w| ((w - f64::from(line.width)) / 2.0).max(0.0));
                let line_y = n as f64 * height + baseline;
                let mut start = 0;
                while start < line.glyphs.len() {
                    let face = line.glyphs[start].face;
                    let end = line.glyphs[start..]
                        .iter()
                        .position(|g| g.face != face)
                        .map_or(line.glyphs.len(), |p| start + p);
                    if let Some(loaded) = setter.faces.get(face) {
                        let glyphs: Vec<Glyph> = line.glyphs[start..end]
                            .iter()
                            .map(|g| Glyph {
                                id: g.id,
                                x: (f64::from(g.x) + shift) as f32,
                                y: line_y as f32,
                            })
                            .collect();
                        ctx.glyph_run(resources, &loaded.data)
                            .font_size(*px)
                            .hint(false)
                            .fill_glyphs(glyphs.into_iter());
                    }
                    start = end;
                }
            }
        }
    }
}

/// Encodes a picture as PNG bytes.
pub fn encode_png(picture: &image::RgbaImage) -> Result<Vec<u8>, PictureError> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|err| PictureError::Encode(err.to_string()))?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Latin font egui ships (from its font crate, which has no egui in it), always available.
    fn latin_face() -> FontFace {
        FontFace {
            data: Arc::new(epaint_default_fonts::UBUNTU_LIGHT),
            index: 0,
        }
    }

    fn sample(title: &str) -> MySwot {
        let mut swot = MySwot {
            title: title.to_owned(),
            ..MySwot::default()
        };
        swot.add_item(Quadrant::Strength, "Experienced agents");
        swot.add_item(
            Quadrant::Threat,
            "Competitors answer online within seconds, which customers expect now",
        );
        swot.add_strategy(Pairing::SO, "Use veterans to train the bot");
        swot
    }

    /// Whether any pixel in the rectangle (in logical units) is clearly darker than the paper.
    fn has_ink(image: &image::RgbaImage, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
        let (x0, y0) = ((x0 * SCALE) as u32, (y0 * SCALE) as u32);
        let (x1, y1) = ((x1 * SCALE) as u32, (y1 * SCALE) as u32);
        (y0..y1.min(image.height()))
            .any(|y| (x0..x1.min(image.width())).any(|x| image.get_pixel(x, y).0[0] < 160))
    }

    #[test]
    fn a_latin_swot_is_drawn_with_text_in_place() {
        let picture = render_my_swot(
            &sample("Hotline"),
            &[latin_face()],
            Lang::En,
            "ServiceCraft",
        )
        .unwrap();
        assert_eq!(picture.width(), 2000);
        assert!(picture.height() > 600, "{}", picture.height());
        // The title sits in the top margin band; the corner stays paper.
        assert!(has_ink(&picture, MARGIN, MARGIN, 400.0, MARGIN + 40.0));
        assert!(!has_ink(&picture, 0.0, 0.0, MARGIN - 5.0, MARGIN - 5.0));
        let png = encode_png(&picture).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }

    #[test]
    fn chinese_without_a_chinese_font_is_refused() {
        let result = render_my_swot(&sample("客服热线"), &[latin_face()], Lang::Zh, "");
        assert!(matches!(result, Err(PictureError::NoChineseFont)));
        assert!(matches!(
            render_my_swot(&sample("x"), &[], Lang::En, ""),
            Err(PictureError::NoChineseFont)
        ));
    }

    #[test]
    fn long_text_wraps_inside_its_width() {
        let face = [latin_face()];
        let setter = Typesetter::new(&face);
        let lines = setter.wrap(
            "one two three four five six seven eight nine ten",
            15.0,
            120.0,
        );
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 120.5, "{}", line.width);
        }
        // Words are not split: every line starts with a letter of a whole word.
        assert_eq!(setter.wrap("a\nb", 15.0, 500.0).len(), 2);
    }
}
