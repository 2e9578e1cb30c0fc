"""The rows of issue 14's table and how they are printed: measured beside goal, method beneath."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    key: str
    figure: str
    goal: str
    measured: str = "not measured"
    method: str = ""
    met: bool | None = None
    notes: list[str] = field(default_factory=list)


def rows() -> dict[str, Row]:
    table = [
        Row("1", "key-down → first audio frame at the server (warm)", "≤ 8 ms p95"),
        Row("2", "key-up → last padding byte at the server - 200 ms tail", "≤ 15 ms p95"),
        Row(
            "3",
            "server sends translated audio → output device - pacat floor",
            "≤ 30 ms p95, 0 underruns",
        ),
        Row("4", "CPU at rest, window hidden (% of a core)", "≤ 0.2 % mic released, ≤ 1.5 % warm"),
        Row("5", "CPU while streaming (% of a core)", "≤ 3 %"),
        Row("6", "cold start to window shown vs bare PySide6 window", "≤ 1.5x"),
        Row("7", "RSS after start / growth per 500 utterances", "≤ 120 MB, ≤ 5 MB per 500"),
    ]
    return {row.key: row for row in table}


def _verdict(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "NOT met")


def render(selected: list[Row], load_start: str, load_end: str, header: str) -> str:
    fig_w = max(len(r.figure) for r in selected)
    meas_w = max(len(r.measured) for r in selected)
    goal_w = max(len(r.goal) for r in selected)
    lines = [header, f"load average at start: {load_start}", ""]
    lines.append(f"{'#':<2} {'figure':<{fig_w}}  {'measured':<{meas_w}}  {'goal':<{goal_w}}")
    lines.append("-" * (2 + fig_w + meas_w + goal_w + 14))
    for r in selected:
        lines.append(
            f"{r.key:<2} {r.figure:<{fig_w}}  {r.measured:<{meas_w}}  {r.goal:<{goal_w}}"
            f"  {_verdict(r.met)}".rstrip()
        )
        if r.method:
            lines.append(f"   method: {r.method}")
        lines += [f"   note: {note}" for note in r.notes]
    lines += ["", f"load average at end: {load_end}"]
    return "\n".join(lines)


def render_markdown(selected: list[Row], load_start: str, load_end: str) -> str:
    lines = ["| # | figure | measured | goal | |", "|---|---|---|---|---|"]
    for r in selected:
        lines.append(f"| {r.key} | {r.figure} | {r.measured} | {r.goal} | {_verdict(r.met)} |")
    lines.append("")
    lines.append(f"Load average (1/5/15 min): {load_start} at start, {load_end} at end.")
    lines += [f"{r.key}. {r.method}" for r in selected if r.method]
    return "\n".join(lines)
