import { SafeHtml, html } from './html.ts';

const styles = `
  :root { --ink:#1f2d3d; --muted:#6b7a8c; --line:#e3e8ef; --green:#1a9e5c; --yellow:#c98a00; --red:#d0453b; --bg:#f5f7fa; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink); background:var(--bg); }
  header { background:#fff; border-bottom:1px solid var(--line); padding:14px 28px; display:flex; align-items:center; gap:16px; }
  header .brand { font-weight:700; letter-spacing:.02em; } header .tag { color:var(--muted); font-size:13px; }
  main { max-width:1080px; margin:24px auto; padding:0 24px; display:grid; grid-template-columns:1fr 1fr; gap:20px; }
  section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:18px 20px; }
  section.wide { grid-column:1 / -1; }
  h1 { font-size:24px; margin:0; } h2 { font-size:13px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:0 0 12px; }
  .muted { color:var(--muted); } .row { display:flex; gap:18px; align-items:center; flex-wrap:wrap; }
  .score { font-size:44px; font-weight:700; line-height:1; }
  .pill { display:inline-block; padding:2px 10px; border-radius:999px; font-size:13px; font-weight:600; background:#eef1f5; }
  .green { color:var(--green); } .yellow { color:var(--yellow); } .red { color:var(--red); }
  .pill.green, .pill.done, .pill.positive { background:#e3f5ec; color:var(--green); }
  .pill.yellow, .pill.behind, .pill.neutral { background:#fdf3dc; color:var(--yellow); }
  .pill.red, .pill.stuck, .pill.negative, .pill.dark, .pill.bad_fit { background:#fbe6e4; color:var(--red); }
  .pill.on_track { background:#e6effc; color:#2f6fd6; }
  .alert { grid-column:1 / -1; background:#fbe6e4; border:1px solid #f1c0bb; color:#8a2a22; border-radius:10px; padding:12px 16px; }
  table { width:100%; border-collapse:collapse; } td, th { padding:7px 6px; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; }
  th { font-size:12px; color:var(--muted); font-weight:600; text-transform:uppercase; letter-spacing:.05em; }
  tr.drag td { background:#fff6f5; } .bar { height:8px; background:#eef1f5; border-radius:4px; min-width:90px; }
  .bar span { display:block; height:100%; border-radius:4px; background:#5b8def; }
  ol.steps { margin:8px 0 0; padding-left:20px; }
  svg.trend { width:100%; height:auto; } svg.trend polyline { fill:none; stroke:#2f6fd6; stroke-width:2; }
  svg.trend circle { fill:#2f6fd6; } svg.trend .axis { font-size:10px; fill:var(--muted); }
  svg.trend .band-green { fill:#e3f5ec; } svg.trend .band-red { fill:#fbe6e4; }
  a { color:#2f6fd6; text-decoration:none; } a:hover { text-decoration:underline; }
  @media (max-width: 760px) { main { grid-template-columns:1fr; } }
`;

/** The frame of every sandbox preview page: what a CSM would see in HubSpot, without a HubSpot account. */
export const page = (title: string, body: SafeHtml): string =>
  html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Waypoint preview</title><style>${new SafeHtml(styles)}</style></head>
<body><header><span class="brand">Waypoint</span><span class="tag">Sandbox preview of the HubSpot company card</span>
<a href="/preview">Worklist</a></header>${body}</body></html>`.html;
