"""``reports/index.html``: every rendered run with its headline numbers, self-contained and offline."""

from __future__ import annotations

import html
import json
from pathlib import Path

from .atomic import atomic_write_text

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ddd; padding: 4px 8px;
text-align: left; font-size: 14px; } th { background: #f3f3f3; } .failed { color: #b2182b; font-weight: bold; }
.excerpt { color: #b2182b; } td:nth-child(2) { min-width: 12em; } .note { color: #555; font-size: 13px; }
"""


def _cell(v) -> str:
    return "–" if v is None else html.escape(str(v))


def _row(region_dir: Path, summary_file: Path, failed: set[str]) -> str:
    stem = summary_file.name.removesuffix(".summary.json")
    h = json.loads(summary_file.read_text(encoding="utf-8"))
    a, lt = h["plan"]["annual"], h["plan"]["long_term"]
    ev = h["evidence_items"]
    fu = h["followups_of_last_year"]
    status = '<span class="failed">latest run failed; showing the last good report</span>' if stem in failed else ""
    coverage = '<span class="excerpt">excerpt</span>' if h.get("coverage") == "excerpt" else "full"
    link = (
        f'<a href="{html.escape(region_dir.name)}/{html.escape(stem)}.html">{_cell(h["region"])} {_cell(h["year"])}'
        f"{' (' + html.escape(stem.split('.', 1)[1]) + ')' if '.' in stem else ''}</a>"
    )
    return ("<tr>" + "".join(f"<td>{x}</td>" for x in [
        link, _cell(h.get("title")), coverage, "curated" if h.get("curated") else "uncurated draft",
        _cell(a.get("announced")), _cell(a.get("assigned")), _cell(a.get("completed_on_time")), _cell(a.get("delayed")),
        _cell(lt.get("assigned")), f"{ev['evidenced']}/{ev['mentioned']}/{ev['claimed']}", _cell(h["figures"]),
        _cell(h["problems"]), f"{fu['evidenced'] + fu['mentioned']}/{sum(fu.values())}", status]) + "</tr>")


def write_index(out_dir: Path, outcomes) -> Path:
    """Link every run that has HTML in ``out_dir`` (this invocation's and earlier ones) and each
    region's trends page; mark runs whose latest execution failed."""
    failed = {f"{o.region}/{o.stem}" for o in outcomes if not o.ok}
    rows, trends = [], []
    for region_dir in sorted(p for p in out_dir.iterdir() if p.is_dir()):
        region_failed = {x.split("/", 1)[1] for x in failed if x.startswith(region_dir.name + "/")}
        for summary in sorted(region_dir.glob("*.summary.json")):
            stem = summary.name.removesuffix(".summary.json")
            if (region_dir / f"{stem}.html").exists():
                rows.append(_row(region_dir, summary, region_failed))
        for page in sorted(region_dir.glob("trends*.html")):
            trends.append(f'<li><a href="{html.escape(region_dir.name)}/{html.escape(page.name)}">'
                          f'{html.escape(region_dir.name)}: {html.escape(page.stem)}</a></li>')
    header = "".join(f"<th>{h}</th>" for h in [
        "run", "report", "text", "data", "annual announced", "annual assigned", "annual on time", "annual delayed",
        "long-term assigned", "evidence items (evidenced/mentioned/claimed)", "figures", "problems",
        "last year's commitments shown", "status"])
    failures = "".join(f"<li class='failed'>{html.escape(o.failure_line())}</li>" for o in outcomes if not o.ok)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Rule-of-law report reviews</title><style>{_STYLE}</style></head>
<body><main>
<h1>Rule-of-law government report reviews</h1>
<p class="note">Each run reviews one region's report for one year against its plan. “Not reported” means the
report says nothing about it, not that the work was not done. Every number links back to its quoted passage
in the run's page.</p>
{f"<h2>Failed in the latest run</h2><ul>{failures}</ul>" if failures else ""}
<h2>Runs</h2>
<div style="overflow-x:auto"><table><thead><tr>{header}</tr></thead><tbody>
{chr(10).join(rows) if rows else '<tr><td colspan="14">no runs yet</td></tr>'}
</tbody></table></div>
<h2>Trends</h2><ul>{"".join(trends) or "<li>none yet</li>"}</ul>
</main></body></html>
"""
    return atomic_write_text(out_dir / "index.html", page)
