//! The diagram's stylesheet and arrowheads, shared word for word by the page's `<svg>` and the
//! exported file, so both look the same.
//!
//! Colours are CSS custom properties, set once for light and once for dark
//! (`prefers-color-scheme`). Every text colour passes WCAG AA (4.5:1) on the fill it is drawn
//! on, and every line colour passes the 3:1 of non-text contrast on the canvas;
//! `tests/scene.rs` computes the ratios from this text. Allowed and denied differ by line
//! style (solid, dashed) and glyph (✓, ✗) as well as colour.

/// The stylesheet: every `rm-*` class of `Class`, light and dark.
pub const SCENE_CSS: &str = r#":root {
  --rm-bg: #ffffff;
  --rm-text: #1f2328;
  --rm-muted: #4b535d;
  --rm-frame: #f6f8fa;
  --rm-frame-line: #6e7781;
  --rm-frame-text: #32383f;
  --rm-outside-frame: #fff8e6;
  --rm-pod: #e3efff;
  --rm-pod-line: #2f6cb3;
  --rm-service: #f1eaff;
  --rm-service-line: #6f42c1;
  --rm-access: #eef1f4;
  --rm-access-line: #57606a;
  --rm-outside: #fff1c9;
  --rm-outside-line: #9a6700;
  --rm-badge: #d6e6ff;
  --rm-badge-text: #0a3069;
  --rm-isolated: #ffe2cc;
  --rm-isolated-text: #7a2e00;
  --rm-admin-tier: #eadcff;
  --rm-admin-tier-text: #4c1d95;
  --rm-baseline-tier: #d4f2ea;
  --rm-baseline-tier-text: #0b4f44;
  --rm-warning: #a40e26;
  --rm-allowed: #1a7f37;
  --rm-denied: #cf222e;
  --rm-depends: #9a6700;
  --rm-selects: #2f6cb3;
  --rm-reaches: #57606a;
  --rm-focus: #0550ae;
  --rm-dim: #d0d7de;
}
@media (prefers-color-scheme: dark) {
  :root {
    --rm-bg: #0d1117;
    --rm-text: #e6edf3;
    --rm-muted: #b1bac4;
    --rm-frame: #161b22;
    --rm-frame-line: #8b949e;
    --rm-frame-text: #d1d7e0;
    --rm-outside-frame: #1f1a0e;
    --rm-pod: #10243e;
    --rm-pod-line: #58a6ff;
    --rm-service: #231a3d;
    --rm-service-line: #a371f7;
    --rm-access: #21262d;
    --rm-access-line: #8b949e;
    --rm-outside: #2e2508;
    --rm-outside-line: #d29922;
    --rm-badge: #0c2d6b;
    --rm-badge-text: #cae8ff;
    --rm-isolated: #4a2300;
    --rm-isolated-text: #ffd8b5;
    --rm-admin-tier: #2e1a52;
    --rm-admin-tier-text: #e2ccff;
    --rm-baseline-tier: #0f3a33;
    --rm-baseline-tier-text: #b8f0e4;
    --rm-warning: #ffa198;
    --rm-allowed: #3fb950;
    --rm-denied: #f85149;
    --rm-depends: #d29922;
    --rm-selects: #58a6ff;
    --rm-reaches: #8b949e;
    --rm-focus: #79c0ff;
    --rm-dim: #30363d;
  }
}
rect.rm-canvas { fill: var(--rm-bg); }
text.rm-title, text.rm-detail, text.rm-warning, text.rm-badge-text, text.rm-edge-label,
text.rm-glyph, text.rm-note, text.rm-heading {
  font-family: "DejaVu Sans", Verdana, "Bitstream Vera Sans", sans-serif;
}
text.rm-heading { font-size: 14px; font-weight: 700; fill: var(--rm-text); }
text.rm-note { font-size: 12px; fill: var(--rm-muted); }
rect.rm-namespace, rect.rm-outside-frame {
  fill: var(--rm-frame); stroke: var(--rm-frame-line); stroke-width: 1.5; stroke-dasharray: 6 4;
}
rect.rm-outside-frame { fill: var(--rm-outside-frame); stroke: var(--rm-outside-line); }
g.rm-namespace > text.rm-title, g.rm-outside-frame > text.rm-title {
  font-size: 12px; fill: var(--rm-frame-text);
}
rect.rm-node { stroke-width: 1.5; }
rect.rm-node.rm-pod, rect.rm-node.rm-workload { fill: var(--rm-pod); stroke: var(--rm-pod-line); }
rect.rm-node.rm-service { fill: var(--rm-service); stroke: var(--rm-service-line); }
rect.rm-node.rm-access { fill: var(--rm-access); stroke: var(--rm-access-line); }
rect.rm-node.rm-outside { fill: var(--rm-outside); stroke: var(--rm-outside-line); }
rect.rm-node.rm-rejected {
  fill: var(--rm-frame); stroke: var(--rm-frame-line); stroke-dasharray: 5 4;
}
rect.rm-node.rm-namespace { fill: var(--rm-frame); stroke: var(--rm-frame-line); stroke-dasharray: none; stroke-width: 2; }
text.rm-title { font-size: 13px; font-weight: 700; fill: var(--rm-text); }
text.rm-detail { font-size: 11px; fill: var(--rm-muted); }
text.rm-warning { font-size: 11px; font-weight: 700; fill: var(--rm-warning); }
rect.rm-badge { fill: var(--rm-badge); }
rect.rm-badge.rm-isolated { fill: var(--rm-isolated); }
text.rm-badge-text { font-size: 10px; font-weight: 700; fill: var(--rm-badge-text); }
text.rm-badge-text.rm-isolated { fill: var(--rm-isolated-text); }
rect.rm-badge.rm-admin-tier { fill: var(--rm-admin-tier); }
text.rm-badge-text.rm-admin-tier { fill: var(--rm-admin-tier-text); }
rect.rm-badge.rm-baseline-tier { fill: var(--rm-baseline-tier); }
text.rm-badge-text.rm-baseline-tier { fill: var(--rm-baseline-tier-text); }
path.rm-edge { fill: none; stroke: var(--rm-reaches); stroke-width: 1.6; stroke-linejoin: round; }
path.rm-selects { stroke: var(--rm-selects); }
path.rm-allowed { stroke: var(--rm-allowed); }
path.rm-denied { stroke: var(--rm-denied); stroke-dasharray: 7 4; }
path.rm-depends { stroke: var(--rm-depends); stroke-dasharray: 9 3 2 3; }
path.rm-broken { stroke: var(--rm-denied); stroke-dasharray: 2 3; stroke-width: 2; }
path.rm-bundle { stroke-width: 2.6; }
path.rm-opened { stroke: var(--rm-allowed); stroke-width: 3.2; }
path.rm-closed { stroke: var(--rm-denied); stroke-width: 3.2; stroke-dasharray: 7 4; }
text.rm-edge-label, text.rm-glyph {
  paint-order: stroke; stroke: var(--rm-bg); stroke-width: 4px; stroke-linejoin: round;
}
text.rm-edge-label { font-size: 11px; fill: var(--rm-text); }
text.rm-glyph { font-size: 13px; font-weight: 700; fill: var(--rm-text); }
text.rm-glyph.rm-allowed { fill: var(--rm-allowed); }
text.rm-glyph.rm-denied { fill: var(--rm-denied); }
text.rm-glyph.rm-depends { fill: var(--rm-depends); }
g.rm-node, g.rm-edge { cursor: pointer; }
g.rm-node:hover > rect.rm-node, g.rm-node:focus-visible > rect.rm-node { stroke-width: 3; }
g.rm-edge:hover > path.rm-edge, g.rm-edge:focus-visible > path.rm-edge { stroke-width: 3; }
g.rm-node:focus-visible, g.rm-edge:focus-visible { outline: none; }
g.rm-focus > rect.rm-node { stroke: var(--rm-focus); stroke-width: 3.5; }
g.rm-related > rect.rm-node { stroke-width: 2.5; }
g.rm-focus > path.rm-edge { stroke-width: 3; }
g.rm-dim { opacity: 0.35; }
g.rm-edge.rm-dim { opacity: 1; }
path.rm-edge.rm-dim { stroke: var(--rm-dim); }
g.rm-edge.rm-dim > text { opacity: 0.35; }
marker.rm-marker > path { stroke: none; }
#rm-arrow-allowed > path { fill: var(--rm-allowed); }
#rm-arrow-denied > path, #rm-arrow-broken > path { fill: var(--rm-denied); }
#rm-arrow-depends > path { fill: var(--rm-depends); }
#rm-arrow-selects > path { fill: var(--rm-selects); }
#rm-arrow-reaches > path { fill: var(--rm-reaches); }
#rm-arrow-dim > path { fill: var(--rm-dim); }
"#;

/// The inside of `<defs>`: one arrowhead marker per edge class (`Path::marker` names them),
/// so each arrowhead has its line's colour in both themes.
pub const DEFS: &str = concat!(
    r#"<marker id="rm-arrow-allowed" class="rm-marker" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>"#,
    r#"<marker id="rm-arrow-denied" class="rm-marker" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>"#,
    r#"<marker id="rm-arrow-depends" class="rm-marker" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>"#,
    r#"<marker id="rm-arrow-broken" class="rm-marker" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>"#,
    r#"<marker id="rm-arrow-selects" class="rm-marker" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>"#,
    r#"<marker id="rm-arrow-reaches" class="rm-marker" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>"#,
    r#"<marker id="rm-arrow-dim" class="rm-marker" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>"#,
);
