"""The benchmark's reference: lofte's crime, visit and survey indicators as an analyst would
write them with pandas + openpyxl, ending in an xlsx report. Same files, same area, same
definitions (terms, baseline years, crime groups, Wilson intervals) as input/lofte.toml.

Usage: python reference.py INPUT_DIR OUTPUT_DIR
"""
import glob
import math
import os
import sys

import pandas as pd

AREA = "Karlslund"
TERMS = {"Vårtermin 2017": ("2017-01-10", "2017-06-14"), "Hösttermin 2017": ("2017-08-17", "2017-12-21")}
PLACES = ["Tusenskönans förskola", "Pilängsgårdens förskola", "Drömmens förskola", "Ungdomshuset Karlslund"]
Z = 1.959963984540054


def crime_group(category):
    c = str(category).lower()
    if c.startswith("narkotika") or c.startswith("brott mot narkotikastrafflagen"):
        return "narkotika"
    if c.startswith("vapen") or c.startswith("knivlagen") or c.startswith("lagen om förbud betr. knivar"):
        return "vapen"
    return None


def crime(inp):
    frames = [pd.read_excel(p, engine="openpyxl") for p in sorted(glob.glob(os.path.join(inp, "brott_*.xlsx")))]
    df = pd.concat(frames, ignore_index=True)
    df = df[df["Område"] == AREA].copy()
    df["grupp"] = df["Brottskategori"].map(crime_group)
    df = df.dropna(subset=["grupp"])
    df["Datum"] = pd.to_datetime(df["Datum"])
    df["år"] = df["Datum"].dt.year
    df["tertial"] = (df["Datum"].dt.month - 1) // 4 + 1
    per = df.groupby(["grupp", "år", "tertial"]).size().rename("antal").reset_index()
    base = per[per["år"].isin([2015, 2016])].groupby(["grupp", "tertial"])["antal"].mean().rename("baslinje")
    current = per[per["år"] == 2017].set_index(["grupp", "tertial"])["antal"]
    table = pd.concat([current, base], axis=1).reset_index()
    table["förändring"] = table["antal"] - table["baslinje"]
    table["förändring_pct"] = table["förändring"] / table["baslinje"]
    return table


def visits(inp):
    logs = pd.read_excel(os.path.join(inp, "logg_region_2017.xlsx"), engine="openpyxl")
    logs["Datum"] = pd.to_datetime(logs["Datum"])
    v = logs[logs["Typ"] == "Besök"]
    rows = []
    for term, (start, end) in TERMS.items():
        in_term = v[(v["Datum"] >= start) & (v["Datum"] <= end)]
        counts = in_term.groupby("Plats").size()
        for place in PLACES:
            rows.append((term, place, int(counts.get(place, 0))))
    return pd.DataFrame(rows, columns=["termin", "plats", "besök"])


def wilson(p, n):
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return c - h, c + h


def survey(inp):
    s = pd.read_excel(os.path.join(inp, "trygghetsmatning_region.xlsx"), engine="openpyxl")
    s = s[s["Område"] == AREA]
    out = []
    for name, col, yes in [
        ("Stort förtroende för polisen", "Förtroende för polisen", ["Mycket stort förtroende", "Ganska stort förtroende"]),
        ("Otrygg ute sent en kväll", "Trygghet ute sent en kväll", ["Ganska otrygg", "Mycket otrygg", "Går inte ut på grund av otrygghet"]),
    ]:
        d = s[s[col].notna() & (s[col] != "Vet ej")]
        for year, g in d.groupby("År"):
            w = g["Vikt"]
            p = float((g[col].isin(yes) * w).sum() / w.sum())
            n_eff = float(w.sum() ** 2 / (w**2).sum())
            lo, hi = wilson(p, n_eff)
            out.append((name, year, p, len(g), lo, hi))
    problems = ["Skottlossning", "Narkotikahandel", "Nedskräpning", "Bråk och stök"]
    idx = s[problems].apply(pd.to_numeric, errors="coerce").mean(axis=1)
    s = s.assign(index=idx).dropna(subset=["index"])
    for year, g in s.groupby("År"):
        w = g["Vikt"]
        m = float((g["index"] * w).sum() / w.sum())
        out.append(("Problemindex", year, m, len(g), None, None))
    return pd.DataFrame(out, columns=["indikator", "år", "värde", "n", "ki_undre", "ki_övre"])


def main():
    inp, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    tables = {"Brott": crime(inp), "Besök": visits(inp), "Trygghet": survey(inp)}
    with pd.ExcelWriter(os.path.join(outdir, "reference.xlsx"), engine="openpyxl") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=name, index=False)
    print({k: len(v) for k, v in tables.items()})


if __name__ == "__main__":
    main()
