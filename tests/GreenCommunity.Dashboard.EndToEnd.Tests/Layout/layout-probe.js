// Finds what a reader would see as broken on the page as laid out now: the page scrolling sideways, text cut off at the
// screen's edge, text boxes overlapping each other, and labels squeezed to one or two characters per line.
// Returns a list of readable problems (empty when the page reads well).
() => {
  const problems = [];
  const vw = window.innerWidth;
  const page = document.documentElement;
  if (page.scrollWidth > vw + 1) {
    problems.push(`page scrolls sideways: ${page.scrollWidth}px wide in a ${vw}px window`);
  }

  const visible = el => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) === 0) return false;
      if (e.getAttribute('aria-hidden') === 'true' && e.tagName !== 'svg') return false;
    }
    return true;
  };
  // Text inside a box that scrolls sideways on purpose (a wide table or chart on a phone) may run past the screen.
  const scrollsSideways = el => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth) return e;
    }
    return null;
  };
  // The part of a rectangle that its element and their ancestors let through (a scroll box shows only its viewport;
  // text kept for screen readers sits in a 1px clipped box).
  const clipped = (el, r) => {
    let { left, top, right, bottom } = r;
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const c = e.getBoundingClientRect();
        left = Math.max(left, c.left); right = Math.min(right, c.right);
        top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom);
      }
    }
    return right - left > 1.5 && bottom - top > 1.5 ? { left, top, right, bottom } : null;
  };
  const describe = (text, el) => {
    const owner = el.closest('[data-testid]');
    const where = owner ? `[${owner.getAttribute('data-testid')}]` : el.tagName.toLowerCase();
    return `"${text.trim().slice(0, 40)}" in ${where}`;
  };

  // Every piece of visible text, as the boxes of its lines.
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!text || !text.trim()) continue;
    const el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE', 'OPTION', 'TEMPLATE'].includes(el.tagName)) continue;
    if (!visible(el)) continue;
    let rects;
    if (el instanceof SVGElement) {
      rects = [el.getBoundingClientRect()];   // an SVG label is one box
    } else {
      const range = document.createRange();
      range.selectNodeContents(node);
      rects = [...range.getClientRects()];
    }
    rects = rects.filter(r => r.width > 0.5 && r.height > 0.5);
    if (rects.length === 0) continue;
    const shown = rects.map(r => clipped(el, r)).filter(r => r);
    if (shown.length === 0) continue;   // scrolled out of its box, or clipped on purpose
    pieces.push({ node, el, text, rects: shown, label: describe(text, el) });

    // Cut off at the screen's edge, unless its own box scrolls.
    if (rects.some(r => r.right > vw + 1 || r.left < -1) && !scrollsSideways(el)) {
      problems.push(`cut off at the screen's edge: ${describe(text, el)}`);
    }
    // One or two characters a line: a label squeezed into a column too narrow for it.
    const chars = [...text.trim()].length;
    if (!(el instanceof SVGElement) && rects.length >= 3 && chars / rects.length < 3) {
      problems.push(`squeezed to ${rects.length} lines of ${(chars / rects.length).toFixed(1)} characters: ${describe(text, el)}`);
    }
    // A date reads as one word: "2026-11-" above "30" is misread.
    for (const date of text.matchAll(/\d{4}-\d{2}(-\d{2})?/g)) {
      const range = document.createRange();
      range.setStart(node, date.index);
      range.setEnd(node, date.index + date[0].length);
      if (!(el instanceof SVGElement) && new Set([...range.getClientRects()].filter(r => r.width > 0.5).map(r => Math.round(r.top))).size > 1) {
        problems.push(`date broken across lines: ${describe(text, el)}`);
      }
    }
    // A button's label reads as one phrase: wrapped, it reads as two ("Sign / out").
    if (el.closest('button, a.mud-button-root') && new Set(rects.map(r => Math.round(r.top))).size > 1) {
      problems.push(`button label wraps: ${describe(text, el)}`);
    }
  }

  // A field whose shown value does not fit ("1 month(s) p…").
  for (const field of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range]), textarea')) {
    if (!field.value || !visible(field) || field.clientWidth === 0) continue;
    if (field.tagName === 'INPUT' && field.scrollWidth > field.clientWidth + 1) {
      problems.push(`value cut off in a field: "${field.value.slice(0, 40)}" in ${describe('', field)}`);
    }
  }
  // A select shows its value as text in the field, cut with an ellipsis when it does not fit.
  for (const box of document.querySelectorAll('.mud-input-control *')) {
    if (box.children.length > 0 || !box.textContent.trim() || !visible(box)) continue;
    if (getComputedStyle(box).textOverflow === 'ellipsis' && box.scrollWidth > box.clientWidth + 1) {
      problems.push(`value cut off in a field: ${describe(box.textContent, box)}`);
    }
  }

  // Two different texts whose boxes overlap by more than a hairline: one is drawn over the other.
  const overlaps = (a, b) => {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 3 && h > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
  };
  const reported = new Set();
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i], b = pieces[j];
      if (a.rects.some(r => b.rects.some(s => overlaps(r, s)))) {
        const key = `${a.label} / ${b.label}`;
        if (!reported.has(key)) {
          reported.add(key);
          problems.push(`overlapping text: ${key}`);
        }
      }
    }
  }
  return problems;
}
