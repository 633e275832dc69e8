# Generates the built-in syllabus's teaching diagrams (PNG) into lessons/assets/; run: python3 assets/diagrams/make_diagrams.py
"""Draws three flat teaching diagrams with Pillow and the Noto Sans CJK font.

* satisfaction-formula.png  — 客户满意度 = 可感知效果 − 期望值 and its three cases (chapter 4)
* relationship-levels.png   — Kotler's five customer-relationship levels as a ladder (chapter 5)
* service-profit-chain.png  — the service-profit chain (chapter 6)

Everything is drawn at twice the final size and scaled down for smooth edges, then reduced to a
small palette so each file stays well under 150 KB. Requires: pip install pillow.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "lessons" / "assets"
FONT_DIR = Path("/usr/share/fonts/opentype/noto")
REGULAR = FONT_DIR / "NotoSansCJK-Regular.ttc"
BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
SC = 2  # supersampling factor
FONT_INDEX_SC = 2  # index of "Noto Sans CJK SC" inside the .ttc collection

BG = (250, 251, 253)
INK = (38, 50, 56)
MUTED = (96, 110, 120)


def font(size, bold=False):
    path = BOLD if bold else REGULAR
    try:
        return ImageFont.truetype(str(path), size * SC, index=FONT_INDEX_SC)
    except OSError:
        return ImageFont.truetype(str(path), size * SC)


class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.img = Image.new("RGB", (w * SC, h * SC), BG)
        self.d = ImageDraw.Draw(self.img)

    def box(self, x, y, w, h, fill, outline=None, radius=18, width=0):
        self.d.rounded_rectangle(
            [x * SC, y * SC, (x + w) * SC, (y + h) * SC],
            radius=radius * SC,
            fill=fill,
            outline=outline,
            width=width * SC,
        )

    def rect(self, x, y, w, h, fill):
        self.d.rectangle([x * SC, y * SC, (x + w) * SC, (y + h) * SC], fill=fill)

    def text(self, x, y, s, size, color=INK, bold=False, anchor="mm"):
        self.d.text((x * SC, y * SC), s, font=font(size, bold), fill=color, anchor=anchor)

    def lines(self, cx, cy, rows, size, color=INK, bold=False, gap=1.3):
        """Centred multi-line text around (cx, cy)."""
        n = len(rows)
        step = size * gap
        top = cy - step * (n - 1) / 2
        for i, r in enumerate(rows):
            self.text(cx, top + i * step, r, size, color, bold)

    def line(self, pts, color, width):
        self.d.line([(x * SC, y * SC) for x, y in pts], fill=color, width=width * SC, joint="curve")

    def arrow(self, x1, y1, x2, y2, color=MUTED, width=5, head=16):
        """Straight arrow from (x1, y1) to (x2, y2); the head ends exactly at (x2, y2)."""
        import math

        ang = math.atan2(y2 - y1, x2 - x1)
        bx, by = x2 - head * math.cos(ang), y2 - head * math.sin(ang)
        self.line([(x1, y1), (bx, by)], color, width)
        left = (bx + head * 0.6 * math.sin(ang), by - head * 0.6 * math.cos(ang))
        right = (bx - head * 0.6 * math.sin(ang), by + head * 0.6 * math.cos(ang))
        self.d.polygon([(x2 * SC, y2 * SC), (left[0] * SC, left[1] * SC), (right[0] * SC, right[1] * SC)], fill=color)

    def save(self, name, colors=48):
        img = self.img.resize((self.w, self.h), Image.LANCZOS)
        img = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / name
        img.save(path, optimize=True)
        print(f"{path.relative_to(ROOT)}: {self.w}x{self.h}, {path.stat().st_size // 1024} KB")


# ---------------------------------------------------------------- 1. satisfaction formula
def satisfaction_formula():
    c = Canvas(1400, 700)
    # formula banner
    c.box(170, 40, 1060, 120, fill=(232, 240, 254), outline=(120, 150, 210), width=2, radius=24)
    c.text(700, 100, "客户满意度 ＝ 可感知效果 − 期望值", 50, INK, bold=True)
    c.text(700, 200, "把客户实际感受到的效果，和他事先的期望放在一起比较：", 26, MUTED)

    cases = [
        ("可感知效果 ＜ 期望值", "不满意", "易抱怨、投诉，甚至流失", 170, 100, (214, 69, 65), (253, 236, 234)),
        ("可感知效果 ＝ 期望值", "基本满意", "期望刚好被满足", 135, 135, (196, 138, 24), (253, 244, 224)),
        ("可感知效果 ＞ 期望值", "满意 / 惊喜", "效果超出了客户的期望", 105, 180, (46, 140, 87), (231, 246, 236)),
    ]
    cw, ch, gap = 400, 420, 40
    x0 = (1400 - 3 * cw - 2 * gap) // 2
    y0 = 245
    for i, (cond, verdict, note, exp_h, per_h, strong, soft) in enumerate(cases):
        x = x0 + i * (cw + gap)
        c.box(x, y0, cw, ch, fill=soft, outline=strong, width=3, radius=22)
        c.text(x + cw / 2, y0 + 42, cond, 28, INK, bold=True)
        # mini bar chart: expectation vs perceived effect
        base = y0 + 270
        bw = 84
        bx1 = x + cw / 2 - bw - 22
        bx2 = x + cw / 2 + 22
        c.rect(bx1, base - exp_h, bw, exp_h, fill=(160, 170, 180))
        c.rect(bx2, base - per_h, bw, per_h, fill=strong)
        c.line([(x + 40, base), (x + cw - 40, base)], (120, 130, 140), 2)
        c.text(bx1 + bw / 2, base + 22, "期望值", 22, MUTED)
        c.text(bx2 + bw / 2, base + 22, "可感知效果", 22, MUTED)
        # verdict
        c.text(x + cw / 2, y0 + ch - 68, "→ " + verdict, 36, strong, bold=True)
        c.text(x + cw / 2, y0 + ch - 24, note, 22, MUTED)
    c.save("satisfaction-formula.png")


# ---------------------------------------------------------------- 2. Kotler's relationship levels
def relationship_levels():
    c = Canvas(1400, 700)
    c.text(700, 48, "科特勒的五种客户关系水平（由低到高）", 40, INK, bold=True)
    levels = [
        ("基本型", ["卖出产品后", "不再联系客户"]),
        ("被动型", ["鼓励客户有问题", "或意见时来联系"]),
        ("负责型", ["售后不久主动回访，", "收集改进意见"]),
        ("能动型", ["经常主动联系，", "提供建议和新品信息"]),
        ("伙伴型", ["持续合作，共同为", "客户提升价值"]),
    ]
    palette = [(176, 196, 222), (140, 172, 214), (100, 146, 204), (62, 118, 188), (30, 88, 160)]
    n = len(levels)
    sw, gap = 252, 10
    x0 = (1400 - n * sw - (n - 1) * gap) // 2
    floor = 590
    step_h, base_h = 72, 100
    for i, (name, gloss) in enumerate(levels):
        x = x0 + i * (sw + gap)
        h = base_h + i * step_h
        top = floor - h
        c.box(x, top, sw, h, fill=palette[i], radius=14)
        white = (255, 255, 255)
        dark_text = i < 2
        tc = INK if dark_text else white
        c.text(x + sw / 2, top + 38, f"{i + 1}  {name}", 34, tc, bold=True)
        # gloss sits above each step on the background
        c.lines(x + sw / 2, top - 62, gloss, 23, INK)
    # rising arrow along the left
    c.arrow(x0, floor + 24, x0 + n * (sw + gap) - gap, floor + 24, color=(120, 130, 140), width=4, head=18)
    c.text(x0, floor + 54, "关系水平 由低 → 高", 23, MUTED, anchor="lm")
    c.text(x0 + n * (sw + gap) - gap, floor + 54, "边际利润低、客户极多 → 多用基本型；客户少、利润高 → 值得建立伙伴型", 23, MUTED, anchor="rm")
    c.save("relationship-levels.png")


# ---------------------------------------------------------------- 3. service-profit chain
def service_profit_chain():
    c = Canvas(1400, 700)
    c.text(700, 48, "服务利润链", 42, INK, bold=True)
    c.text(700, 100, "从企业内部到客户，再到企业的利润：每一环推动下一环", 25, MUTED)
    blue, purple, green, orange = (52, 110, 180), (122, 86, 170), (46, 140, 87), (214, 118, 30)
    soft = {blue: (229, 239, 250), purple: (240, 233, 249), green: (230, 245, 235), orange: (253, 240, 226)}
    nodes = [
        ("内部服务质量", blue),
        ("员工满意", blue),
        ("员工忠诚·生产率", blue),
        ("服务价值", purple),
        ("客户满意", green),
        ("客户忠诚", green),
        ("收入增长与利润", orange),
    ]
    bw, bh = 285, 110
    gx = 50
    x0 = (1400 - 4 * bw - 3 * gx) // 2
    y1, y2 = 190, 470
    pos = []
    for i in range(4):  # top row, left to right
        pos.append((x0 + i * (bw + gx), y1))
    for j, col in enumerate([3, 2, 1]):  # bottom row, right to left under columns 4, 3, 2
        pos.append((x0 + col * (bw + gx), y2))
    for k, ((label, col), (x, y)) in enumerate(zip(nodes, pos)):
        c.box(x, y, bw, bh, fill=soft[col], outline=col, width=3, radius=20)
        # number badge
        c.d.ellipse([(x + 8) * SC, (y - 22) * SC, (x + 52) * SC, (y + 22) * SC], fill=col)
        c.text(x + 30, y, str(k + 1), 24, (255, 255, 255), bold=True)
        c.text(x + bw / 2, y + bh / 2 + 4, label, 30 if len(label) < 8 else 28, INK, bold=True)
    # arrows along the chain
    for k in range(len(pos) - 1):
        (xa, ya), (xb, yb) = pos[k], pos[k + 1]
        if ya == yb and xb > xa:  # rightwards
            c.arrow(xa + bw + 6, ya + bh / 2, xb - 6, yb + bh / 2, color=(120, 130, 140))
        elif ya == yb:  # leftwards
            c.arrow(xa - 6, ya + bh / 2, xb + bw + 6, yb + bh / 2, color=(120, 130, 140))
        else:  # down the right-hand side
            c.arrow(xa + bw / 2, ya + bh + 28, xb + bw / 2, yb - 30, color=(120, 130, 140))
    # group labels
    c.text(x0 + (3 * bw + 2 * gx) / 2, y1 + bh + 46, "企业内部：员工", 24, blue, bold=True)
    c.text(pos[5][0] + (bw * 2 + gx) / 2, y2 + bh + 44, "企业外部：客户", 24, green, bold=True)
    c.text(pos[6][0] + bw / 2, y2 + bh + 44, "企业的收益", 24, orange, bold=True)
    c.lines(x0 + bw / 2, y2 + bh / 2, ["员工满意，", "客户才会满意；", "客户忠诚，", "企业才有利润"], 23, MUTED, gap=1.35)
    c.save("service-profit-chain.png")


if __name__ == "__main__":
    satisfaction_formula()
    relationship_levels()
    service_profit_chain()
