/*
 * What a reader notices on a page, measured in the page (tests/browser/test_reading.py evaluates these,
 * one call per check, several checks per page load). Each returns a list of problems as short
 * strings naming the element; an empty list means the reader sees nothing wrong.
 */
({
  /* Where an element is, for a problem line: tag, id or class, and its first words. */
  name(el) {
    const tag = el.tagName.toLowerCase();
    const id = el.id ? `#${el.id}` : "";
    const cls = !id && typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\s+/).slice(0, 2).join(".") : "";
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${tag}${id}${cls}> "${text}"`;
  },

  shown(el) {
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1; // visually hidden text (1 px, clipped) is for screen readers
  },

  /* The page does not scroll sideways: nothing sticks out of the screen. */
  overflow() {
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth <= width + 1) return [];
    // Name the outermost elements that stick out (not their children, nor what a scroller clips).
    const culprits = [];
    const walk = (el) => {
      for (const child of el.children) {
        const style = getComputedStyle(child);
        if (style.display === "none" || style.position === "fixed") continue;
        const box = child.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0) {
          culprits.push(`${this.name(child)} reaches ${Math.round(box.right)} px`);
          if (culprits.length >= 5) return;
          continue;
        }
        if (!/(auto|scroll|hidden|clip)/.test(style.overflowX)) walk(child);
      }
    };
    walk(document.body);
    return [`the page is ${root.scrollWidth} px wide on a ${width} px screen: ${culprits.join("; ")}`];
  },

  /* Every piece of text is at least 11 CSS px (12 in code), diagram labels included: a drawing's
     text is as large as its font size times the scale the drawing is shown at. */
  smallText() {
    const problems = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.data.trim()) continue;
      seen.add(el);
      if (el.closest("script, style, title, desc, noscript") || !this.shown(el)) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) {
        const matrix = el.getScreenCTM();
        size *= Math.hypot(matrix.a, matrix.b);
      }
      const least = el.closest("code, pre, kbd, samp") ? 12 : 11;
      if (size < least - 0.05) problems.push(`${this.name(el)} is ${size.toFixed(1)} px (at least ${least})`);
    }
    return problems;
  },

  /* An answer choice reads as lines of text, top to bottom: no word or code span of it starts
     above the line the previous one ended on (as when each became a column of its own). */
  choiceColumns() {
    const problems = [];
    for (const label of document.querySelectorAll(".quiz__choice label")) {
      if (!this.shown(label)) continue;
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      let lastTop = -Infinity;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        if (!rects.length) continue;
        if (rects[0].top < lastTop - 2) {
          problems.push(`${this.name(label)}: "${node.data.trim().slice(0, 20)}" starts above the line before it`);
          break;
        }
        lastTop = rects[rects.length - 1].top;
      }
      if (label.scrollWidth > label.clientWidth + 1) problems.push(`${this.name(label)} is wider than its box`);
    }
    return problems;
  },

  /* Code in the text (a command, a flag, a file name) wraps between words, or after a hyphen or
     slash, never between two letters or digits: a command squeezed into a narrow table column
     came out one syllable a line ("containe / r run"). */
  codeInWords() {
    const problems = [];
    for (const code of document.querySelectorAll(".md-content code")) {
      if (code.closest("pre") || !this.shown(code) || code.getClientRects().length < 2) continue;
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      let previous = null;  // [character, top of its line]
      let cut = null;
      for (let node = walker.nextNode(); node && !cut; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length && !cut; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const box = range.getClientRects()[0];
          if (!box) continue;
          const here = [node.data[i], Math.round(box.top)];
          if (previous && here[1] > previous[1] + 2 && /\w/.test(previous[0]) && /\w/.test(here[0])) {
            cut = `"${previous[0]}|${here[0]}"`;
          }
          previous = here;
        }
      }
      if (cut) problems.push(`${this.name(code)} is cut inside a word at ${cut}`);
    }
    return problems;
  },

  /* A diagram's labels stay inside the drawing and inside the box they sit in, and no two
     overlap: a label that runs out of its box or over another reads as a broken drawing. (A
     label moved clear of every box is not caught here: the screenshots show that.) */
  diagramLabels() {
    const problems = [];
    const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    for (const svg of document.querySelectorAll("figure.diagram svg")) {
      if (!this.shown(svg)) continue;
      const drawing = svg.getBoundingClientRect();
      const boxes = [...svg.querySelectorAll("rect")].map(r => r.getBoundingClientRect());
      const labels = [...svg.querySelectorAll("text")].map(t => [t, t.getBoundingClientRect()]);
      const where = `${svg.closest("figure").id} (${svg.getAttribute("class")})`;
      for (const [text, box] of labels) {
        const words = text.textContent.trim().slice(0, 30);
        if (!inside(box, drawing)) problems.push(`${where}: "${words}" runs out of the drawing`);
        // Inside a box, or clear of it: a label across a box's edge ran out of its box.
        const crossed = boxes.find(b => {
          const w = Math.min(box.right, b.right) - Math.max(box.left, b.left);
          const h = Math.min(box.bottom, b.bottom) - Math.max(box.top, b.top);
          return w > 1 && h > 1 && !inside(box, b);
        });
        if (crossed) problems.push(`${where}: "${words}" runs across the edge of a box`);
      }
      labels.forEach(([text, a], i) => labels.slice(i + 1).forEach(([other, b]) => {
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 3) problems.push(`${where}: "${text.textContent.trim().slice(0, 20)}" overlaps "${other.textContent.trim().slice(0, 20)}"`);
      }));
    }
    return problems;
  },

  /* WCAG contrast of a colour on the colour behind it. */
  rgba(text) {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  },
  over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1);
  },
  background(el) {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = this.rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = this.over(layer, result);
    return result;
  },
  contrast(fg, bg) {
    const lum = (c) => {
      const [r, g, b] = c.slice(0, 3).map(v => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  },

  /* The buttons with words on them in the page's content, one of each kind (the same classes
     look the same), marked so their states can be forced from outside. */
  sampleButtons() {
    const kinds = new Set();
    for (const button of document.querySelectorAll(".md-content button, .md-content .md-button, .md-content input[type=submit]")) {
      const kind = `${button.tagName} ${button.className}`;
      if (kinds.has(kind) || !this.shown(button) || !button.textContent.trim()) continue;
      kinds.add(kind);
      button.setAttribute("data-reading-sample", "");
    }
    return kinds.size;
  },
  buttonContrast(state) {
    return [...document.querySelectorAll("[data-reading-sample]")].map(button => {
      const bg = this.background(button);
      const fg = this.over(this.rgba(getComputedStyle(button).color), bg);
      const ratio = this.contrast(fg, bg);
      return ratio < 4.5 ? `${this.name(button)} ${state}: ${ratio.toFixed(2)}:1 (at least 4.5:1)` : null;
    }).filter(Boolean);
  },
})
