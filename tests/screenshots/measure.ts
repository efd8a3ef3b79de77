// Runs inside the page (serialised by Playwright): everything it needs is defined in the function body.

export interface LowContrast {
  text: string;
  ratio: number;
  color: string;
  background: string;
  fontSize: string;
}

export interface PageMeasures {
  /** How far the page is wider than the viewport, in CSS pixels (0 = no horizontal overflow). */
  overflowPx: number;
  /** The first elements that reach past the viewport's right edge, for the report. */
  overflowing: string[];
  textNodes: number;
  lowContrast: LowContrast[];
}

/**
 * Horizontal overflow and WCAG 2 contrast of every visible text node, from the browser's computed styles: the
 * text colour (with the opacity of its ancestors) over the composited background colours of its ancestors.
 * Disabled controls are exempt (WCAG 1.4.3 "incidental": inactive user interface components).
 */
export function measurePage(minRatio: number): PageMeasures {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) {
      return [0, 0, 0, 0];
    }
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) {
      return [0, 0, 0, 0];
    }
    const ch = (i: number) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
    return [ch(0), ch(1), ch(2), a];
  };
  const lum = (c: RGBA) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const background = (el: Element | null): RGBA => {
    const layers: RGBA[] = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) {
        layers.push(bg);
        if (bg[3] >= 1) {
          break;
        }
      }
    }
    let out: RGBA = parse(getComputedStyle(document.body).backgroundColor);
    if (out[3] < 1) {
      out = [255, 255, 255, 1];
    }
    for (let i = layers.length - 1; i >= 0; i--) {
      out = over(layers[i], out);
    }
    return out;
  };
  const opacity = (el: Element | null) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) {
      o *= Number(getComputedStyle(e).opacity);
    }
    return o;
  };
  const low: LowContrast[] = [];
  let textNodes = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent ?? '').trim();
    if (!el || text === '' || el.closest('script,style,noscript,[disabled],[aria-disabled="true"],[aria-hidden="true"]')) {
      continue;
    }
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (cs.visibility === 'hidden' || r.width < 2 || r.height < 2 || opacity(el) < 0.05) {
      continue;
    }
    textNodes++;
    const bg = background(el);
    const fgRaw = parse(cs.color);
    const fg = over([fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacity(el)], bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < minRatio) {
      const rgb = (c: RGBA) => `rgb(${c.slice(0, 3).map(Math.round).join(',')})`;
      low.push({ text: text.slice(0, 60), ratio: Math.round(ratio * 100) / 100, color: rgb(fg), background: rgb(bg), fontSize: cs.fontSize });
    }
  }
  const overflowing: string[] = [];
  document.querySelectorAll('body *').forEach((e) => {
    const r = e.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5 && overflowing.length < 5 && getComputedStyle(e).position !== 'fixed') {
      overflowing.push(`${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') ?? e.getAttribute('class') ?? ''}] in ${e.parentElement?.tagName.toLowerCase()}[${e.parentElement?.getAttribute('class') ?? ''}] right=${Math.round(r.right)}`);
    }
  });
  return { overflowPx: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), overflowing, textNodes, lowContrast: low };
}

/** Distinct colours and luminance spread of a PNG (a data URL), decoded by the browser: a blank image has ~1. */
export async function imageStats(dataUrl: string): Promise<{ width: number; height: number; colours: number; spread: number }> {
  const img = new Image();
  img.src = dataUrl;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width;
  c.height = img.height;
  const ctx = c.getContext('2d')!;
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, c.width, c.height).data;
  const colours = new Set<number>();
  let min = 255;
  let max = 0;
  for (let i = 0; i < px.length; i += 4 * 7) {
    colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    const l = 0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2];
    min = Math.min(min, l);
    max = Math.max(max, l);
  }
  return { width: c.width, height: c.height, colours: colours.size, spread: max - min };
}
