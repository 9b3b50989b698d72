"""The brief's air-defence section: per night and weapon class, how many were launched and how many
intercepted, and who claims each figure.

Launched figures come from attacks that state a number of weapons, intercepted ones from air-defence
events. An incident counts once: where its reports differ, the highest figure any of them gives is its
figure, and every report's claimant is named beside it (``Ukrainian Air Force: 14``), so a reader sees
"Ukrainian Air Force: 17 launched; reporting: 14 downed" rather than a silent pick. Rows are kept apart by
the side that launched, so that Russian drones downed over Ukraine and Ukrainian drones downed over
Belgorod are never added up. Example::

    >>> air_defence_table(select(corpus))      # doctest: +SKIP
    <HTML: air defence on 3 nights>
"""
from __future__ import annotations

import functools
import html

import numpy as np
import pandas as pd

from analysis.report.evidence import day, table, text
from analysis.report.figures import HTML, Chart, Note, new_figure, styled
from analysis.report.palette import color
from analysis.report.selection import isin
from analysis.report.words import count, join

ROLES = {"attack": "launched", "air_defense": "intercepted"}
AIR_DEFENCE_ROWS = 25    # nights × weapon classes listed at most (past that, the largest, by date)
CLAIM_FIGURES = 3        # figures of one claimant listed in a cell; past that, their range
CHART_ROWS = 12          # rows drawn in the chart at most


@functools.lru_cache(maxsize=512)
def _weapon_class(weapon: str) -> str | None:
    from analysis.incidents import weapon_class

    return weapon_class(weapon)


def figures(sel) -> pd.DataFrame:
    """One row per report that states a number of weapons launched or intercepted, for the selected
    incidents: ``incident_id, night, side, weapon_class, role, figure, claimed_by``. ``side`` is the side
    that launched (an attack's actor, an interception's target)."""
    ids = set(sel.counted().events["event_id"])
    ev = sel.corpus.events
    if "incident_id" not in ev.columns:
        ev = ev.assign(incident_id=ev["event_id"])
    ev = ev[ev["category"].isin(list(ROLES)) & ev["weapon_count"].notna()]   # the few first: isin is slow
    ev = ev[isin(ev["incident_id"], ids)]
    if ev.empty:
        return pd.DataFrame(columns=["incident_id", "night", "side", "weapon_class", "role", "figure", "claimed_by"])
    names = ev["weapon"].astype(object)
    classes = {w: (_weapon_class(str(w)) if pd.notna(w) else None) or "other weapon" for w in set(names)}
    cls = [classes[w] for w in names]
    side = ev["actor1"].where(ev["category"] == "attack", ev["actor2"])
    claimed = ev["claimed_by"] if "claimed_by" in ev.columns else pd.Series("reporting", index=ev.index)
    return pd.DataFrame({"incident_id": ev["incident_id"].to_numpy(), "night": pd.to_datetime(ev["event_date"]).to_numpy(),
                         "side": side.fillna("unknown side").astype(str).to_numpy(), "weapon_class": cls,
                         "role": ev["category"].map(ROLES).to_numpy(), "figure": ev["weapon_count"].astype(int).to_numpy(),
                         "claimed_by": claimed.fillna("reporting").astype(str).to_numpy()})


def _figures(figs: set[int]) -> str:
    """``14/17`` for up to CLAIM_FIGURES figures; past that their range, ``1–301 (5 figures)``, so that a
    claimant quoted on many incidents of one night does not fill the cell."""
    ordered_ = sorted(figs)
    if len(ordered_) <= CLAIM_FIGURES:
        return "/".join(str(v) for v in ordered_)
    return f"{ordered_[0]}–{ordered_[-1]} ({len(ordered_)} figures)"


def _claims(f: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per ``keys`` and role, ``Ukrainian Air Force: 14; own reporting: 17/18``: each claimant (in the order
    of its first report) with the figures it gives. Plain Python over the rows, because a groupby-apply
    per night and weapon class costs seconds once a corpus has thousands of nights."""
    per: dict = {}
    for *key, role, who, fig in zip(*(f[k] for k in keys), f["role"], f["claimed_by"], f["figure"]):
        per.setdefault((*key, role), {}).setdefault(who, set()).add(int(fig))
    rows = [(*key, "; ".join(f"{'own reporting' if who == 'reporting' else who}: {_figures(figs)}"
                             for who, figs in by.items()))
            for key, by in per.items()]
    return pd.DataFrame(rows, columns=[*keys, "role", "by"])


def nights(sel) -> pd.DataFrame:
    """Per night, launching side and weapon class: ``launched``, ``intercepted`` (each incident's highest
    figure, summed over incidents; NA when no report gives one) and who claims each."""
    f = figures(sel)
    cols = ["night", "side", "weapon_class", "launched", "intercepted", "launched_by", "intercepted_by"]
    if f.empty:
        return pd.DataFrame(columns=cols)
    keys = ["night", "side", "weapon_class"]
    per_incident = f.groupby([*keys, "role", "incident_id"], dropna=False)["figure"].max().reset_index()
    out = per_incident.groupby([*keys, "role"], dropna=False)["figure"].sum().unstack("role").reset_index()
    claims = _claims(f, keys)
    for role in ROLES.values():
        out[role] = out[role].astype("Int64") if role in out else pd.Series(pd.NA, index=out.index, dtype="Int64")
        by = claims[claims["role"] == role].drop(columns="role").rename(columns={"by": f"{role}_by"})
        out = out.merge(by, on=keys, how="left")   # null keys (undated nights) match each other
    return out.sort_values(["night", "side", "weapon_class"], na_position="last", kind="stable")[cols].reset_index(drop=True)


def largest(t: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` rows of ``nights`` with the largest figure (launched or intercepted), in date order: over
    thousands of nights the first ``n`` by date would be a few early two-missile nights, not the raids
    a reader looks for."""
    if len(t) <= n:
        return t
    most = t[["launched", "intercepted"]].astype("Float64").max(axis=1).fillna(0)
    return t.loc[most.nlargest(n, keep="first").index].sort_index()


def _cell(n, by) -> str:
    if n is None or pd.isna(n):
        return '<span class="nf-muted">not stated</span>'
    return f'<b>{int(n):,}</b><br/><span class="nf-muted">{text(by)}</span>'


def air_defence_table(sel, table_: pd.DataFrame | None = None) -> HTML | Note:
    """The air-defence table: night, launching side, weapon class, launched and intercepted with who
    claims each figure, and the share intercepted where both are stated (``table_``: ``nights(sel)``
    when the caller has it already)."""
    table_ = nights(sel) if table_ is None else table_
    if table_.empty:
        return Note("No selected incident states how many weapons were launched or intercepted.", kind="info")
    rows = []
    for _, r in largest(table_, AIR_DEFENCE_ROWS).iterrows():
        share = ""
        if pd.notna(r["launched"]) and pd.notna(r["intercepted"]) and r["launched"] > 0:
            share = f"{min(int(r['intercepted']) / int(r['launched']), 1):.0%}"
        rows.append([day(r["night"]) if pd.notna(r["night"]) else "undated", text(r["side"]),
                     text(r["weapon_class"]), _cell(r["launched"], r["launched_by"]),
                     _cell(r["intercepted"], r["intercepted_by"]), share])
    note = ""
    if len(table_) > AIR_DEFENCE_ROWS:
        note = (f'<p class="nf-note nf-info">The {AIR_DEFENCE_ROWS} largest of {count(len(table_), "row")} '
                "(by the larger of the two figures; listed by date) are shown; every figure is in events.csv.</p>")
    markup = note + table(["Night", "Launched by", "Weapon", "Launched (who says)", "Intercepted (who says)",
                           "Intercepted (share)"], rows, "nf-airdefence", ["12%", "12%", "14%", "24%", "24%", "14%"])
    return HTML(markup, f"<HTML: air defence on {count(table_['night'].nunique(), 'night')}>")


@styled
def air_defence_chart(sel, t: pd.DataFrame | None = None) -> Chart | Note:
    """Launched and intercepted side by side for each night and weapon class that states both or either,
    the largest figures first when there are more than CHART_ROWS (``t``: ``nights(sel)`` if known)."""
    t = nights(sel) if t is None else t
    if t.empty:
        return Note("No selected incident states how many weapons were launched or intercepted.", kind="info")
    t = t.assign(_most=t[["launched", "intercepted"]].astype("Float64").max(axis=1).fillna(0))
    left_out = max(len(t) - CHART_ROWS, 0)
    t = t.nlargest(CHART_ROWS, "_most", keep="first").sort_values(["night", "side", "weapon_class"], kind="stable")
    t = t.iloc[::-1]
    fig, ax = new_figure(1.1 + 0.42 * len(t))
    y = np.arange(len(t))
    launched = t["launched"].astype("Float64").fillna(0).to_numpy(float)
    intercepted = t["intercepted"].astype("Float64").fillna(0).to_numpy(float)
    ax.barh(y + 0.19, launched, 0.36, color=color("attack"), label="launched")
    ax.barh(y - 0.19, intercepted, 0.36, color=color("air_defense"), label="intercepted")
    top = max(launched.max(), intercepted.max(), 1)
    for yi, a, b in zip(y, launched, intercepted):
        for off, v in ((0.19, a), (-0.19, b)):
            if v:
                ax.text(v + top * 0.01, yi + off, f"{int(v):,}", va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([f"{day(r.night) if pd.notna(r.night) else 'undated'} · {r.weapon_class}s by {r.side}"
                        for r in t.itertuples()], fontsize=8.5)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("weapons (as stated; an incident's highest figure)")
    ax.set_title("Launched and intercepted, per night and weapon class")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    caption = ("Weapons launched (attacks) and intercepted (air defence) as the reports state them, per night, "
               "launching side and weapon class; a missing bar means no report gives that figure. The table "
               "below names who claims each figure.")
    if left_out:
        caption += f" {count(left_out, 'smaller row')} {'is' if left_out == 1 else 'are'} left to the table."
    return Chart(fig, caption, alt="Bar chart of weapons launched and intercepted per night")


def summary_line(sel, t: pd.DataFrame | None = None) -> str:
    """One sentence over the section, side by side (never Russian and Ukrainian weapons added up):
    ``Over 3 nights, the reports state for Russia's weapons 260 launched and 190 intercepted; for
    Ukraine's, 4 intercepted``; empty when nothing is stated (``t``: ``nights(sel)`` if known)."""
    t = nights(sel) if t is None else t
    if t.empty:
        return ""
    sides = []
    for side, grp in t.groupby("side", sort=False):
        parts = [f"{int(grp[r].sum(min_count=1)):,} {r}" for r in ROLES.values() if grp[r].notna().any()]
        sides.append(f"weapons of {side}: {join(parts)}")
    return html.escape(f"Over {count(t['night'].nunique(), 'night')}, the reports state {'; '.join(sides)} "
                       "(summed over incidents; an incident whose reports differ counts its highest figure).")


def section(sel) -> HTML | Note:
    """The whole section in one cell: a sentence, the chart and the table; one line when no report states
    a number launched or intercepted."""
    t = nights(sel)   # once: the sentence, the chart and the table all read it
    line = summary_line(sel, t)
    if not line:
        return Note("No selected incident states how many weapons were launched or intercepted, so there is "
                    "no air-defence balance to show.", kind="info")
    chart = air_defence_chart(sel, t)
    markup = f'<p class="nf-legend">{line}</p>' + chart._repr_html_() + air_defence_table(sel, t).markup
    return HTML(markup, f"<HTML: air defence, {line}>")
