#!/usr/bin/env python3
"""PDF/UA-1 and PDF/A-2b check of lofte's PDFs: the machine-checkable conditions of the
Matterhorn Protocol 1.1 (PDF/UA-1) and of ISO 19005-2 level B that do not need a human,
written with pikepdf (qpdf) because veraPDF cannot be installed from the registries this
machine reaches (Maven Central and verapdf.org are not among them).

Usage: pdf_check.py FILE.pdf ...        checks every file, exits 1 on any failure
       pdf_check.py --self-test FILE.pdf damages copies of a good file and checks that
                                        every damage is found (the checker can fail)

Checked (Matterhorn failure condition or PDF/A clause in brackets):
  content tagged or artifact, never both nested   [01-003, 01-004, 01-005]
  every MCID in content is in the structure tree and the parent tree, and back [01-005 basis]
  only standard structure types, no role map needed [02-001, 02-004]
  table, list and figure nesting; TH has Scope      [09-004, 15-003]
  figures have Alt or ActualText                   [13-004]
  headings: first is H1, no level skipped          [14-002, 14-003]
  metadata stream, pdfuaid:part, dc:title          [06-001, 06-002, 06-003]
  DisplayDocTitle true                             [07-001, 07-002]
  document language, valid language tags           [11-006, 11-001..005 form]
  fonts embedded, ToUnicode, CIDToGIDMap           [31-001 ff., PDF/A 6.2.11]
  annotations tagged (OBJR in Link), Contents, tab order S, print flag
                                                   [28-002, 28-008, 28-011, PDF/A 6.3.2]
  MarkInfo Marked, StructTreeRoot                  [01 basis, 06 basis]
  output intent GTS_PDFA1 with ICC profile, trailer ID, no encryption, pdfaid part 2 / B,
  no JavaScript or Launch actions                  [PDF/A 6.2.3, 6.1.3, 6.6.4, 6.5.1]
  qpdf's structural check (xref, streams)          [PDF/A 6.1]

Left unchecked (need a human or a full validator):
  that alt texts, headings and reading order say the right thing (Matterhorn's
  human-checkable conditions, e.g. 01-006, 09-001, 13-005, 14-001); colour contrast
  (04-001); glyph-level font checks (31-0xx widths against the font program, every glyph
  used having a Unicode value) and the ICC profile's validity; XMP schema validation beyond
  the identification keys; transparency and blend colour spaces (PDF/A 6.2.10).
"""
import io
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}
ALLOWED_CHILDREN = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"},
    "TR": {"TH", "TD"},
    "L": {"LI", "Caption", "L"},
    "LI": {"Lbl", "LBody"},
}
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do",
            "sh", "BI", "INLINE IMAGE"}
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class Findings:
    def __init__(self, name):
        self.name = name
        self.items = []
        self.counts = {"pages": 0, "tagged": 0, "artifacts": 0, "elements": 0, "annotations": 0}

    def fail(self, rule, text):
        self.items.append(f"{rule}: {text}")


def name_of(obj):
    return str(obj)[1:] if isinstance(obj, Name) else None


def kids(elem):
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def walk_structure(pdf, f):
    """Returns the MCIDs the structure tree claims, per page object id, and checks
    types, nesting, alt texts, headings, scopes and annotation references."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        f.fail("01", "no StructTreeRoot")
        return {}, set()
    if root.get("/RoleMap") is not None:
        for k, v in root.RoleMap.items():
            if name_of(v) not in STANDARD_TYPES:
                f.fail("02-001", f"role {k} maps to non-standard {v}")
    claimed = {}
    objrs = set()
    headings = []

    def visit(elem, page, path):
        if isinstance(elem, int):
            if page is None:
                f.fail("01-005", f"MCID {elem} under {path} has no page")
            else:
                claimed.setdefault(page, set()).add(int(elem))
            return
        if not isinstance(elem, Dictionary):
            return
        kind = name_of(elem.get("/Type"))
        if kind == "MCR":
            pg = elem.get("/Pg") or page
            claimed.setdefault(pg.objgen if pg is not None else None, set()).add(int(elem.MCID))
            return
        if kind == "OBJR":
            objrs.add(elem.Obj.objgen)
            return
        s = name_of(elem.get("/S"))
        f.counts["elements"] += 1
        if s is None:
            f.fail("02", f"structure element without /S under {path}")
            return
        if s not in STANDARD_TYPES and (root.get("/RoleMap") is None or Name("/" + s) not in root.RoleMap):
            f.fail("02-004", f"non-standard type {s} not role-mapped ({path})")
        if s == "Figure" and elem.get("/Alt") is None and elem.get("/ActualText") is None:
            f.fail("13-004", f"Figure without Alt or ActualText ({path})")
        if re.fullmatch(r"H[1-6]", s):
            headings.append(int(s[1]))
        if s == "TH" and not has_scope(elem):
            f.fail("15-003", f"TH without Scope ({path})")
        lang = elem.get("/Lang")
        if lang is not None and not LANG_TAG.match(str(lang)):
            f.fail("11-001", f"invalid language tag {str(lang)!r} ({path})")
        pg = elem.get("/Pg")
        page_here = pg.objgen if pg is not None else page
        allowed = ALLOWED_CHILDREN.get(s)
        for child in kids(elem):
            if allowed is not None and isinstance(child, Dictionary) and child.get("/S") is not None:
                cs = name_of(child.get("/S"))
                if cs not in allowed:
                    f.fail("09-004", f"{cs} inside {s} ({path})")
            visit(child, page_here, f"{path}/{s}")

    for top in kids(root):
        visit(top, None, "")
    if headings and headings[0] != 1:
        f.fail("14-002", f"first heading is H{headings[0]}, not H1")
    for a, b in zip(headings, headings[1:]):
        if b > a + 1:
            f.fail("14-003", f"heading level skipped: H{a} followed by H{b}")
            break
    return claimed, objrs


def has_scope(elem):
    attrs = elem.get("/A")
    if attrs is None:
        return False
    for a in (list(attrs) if isinstance(attrs, Array) else [attrs]):
        if isinstance(a, Dictionary) and name_of(a.get("/O")) == "Table" and a.get("/Scope") is not None:
            return True
    return False


def marked_content(pdf, page, f, number):
    """MCIDs in a page's content, checking that every painting operator sits in tagged
    content or an artifact and that the two are never nested in each other."""
    found = set()
    stack = []
    props = page.get("/Resources", Dictionary()).get("/Properties", Dictionary())
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = name_of(operands[0])
            mcid = None
            if op == "BDC":
                d = operands[1]
                if isinstance(d, Name):
                    d = props.get(d, Dictionary())
                if isinstance(d, Dictionary) and d.get("/MCID") is not None:
                    mcid = int(d.MCID)
            kind = "artifact" if tag == "Artifact" else ("tagged" if mcid is not None else "other")
            if kind != "other":
                f.counts[kind if kind == "tagged" else "artifacts"] += 1
            if kind == "artifact" and any(k == "tagged" for k, _ in stack):
                f.fail("01-003", f"page {number}: artifact inside tagged content")
            if kind == "tagged" and any(k == "artifact" for k, _ in stack):
                f.fail("01-004", f"page {number}: MCID {mcid} inside an artifact")
            if mcid is not None:
                if mcid in found:
                    f.fail("01-005", f"page {number}: MCID {mcid} used twice")
                found.add(mcid)
            stack.append((kind, mcid))
        elif op == "EMC":
            if not stack:
                f.fail("01", f"page {number}: EMC without BDC")
            else:
                stack.pop()
        elif op in PAINTING:
            if not any(k in ("artifact", "tagged") for k, _ in stack):
                f.fail("01-005", f"page {number}: '{op}' neither tagged nor artifact")
    if stack:
        f.fail("01", f"page {number}: {len(stack)} marked-content sequences left open")
    return found


def parent_tree_entries(pdf):
    tree = pdf.Root.StructTreeRoot.get("/ParentTree")
    out = {}

    def visit(node):
        if node.get("/Nums") is not None:
            nums = list(node.Nums)
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for k in node.get("/Kids", Array()):
            visit(k)

    if tree is not None:
        visit(tree)
    return out


def check_pages(pdf, f, claimed, objrs):
    parents = parent_tree_entries(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        f.counts["pages"] += 1
        found = marked_content(pdf, obj, f, number)
        want = claimed.get(obj.objgen, set())
        if found - want:
            f.fail("01-005", f"page {number}: MCIDs {sorted(found - want)[:5]} not in the structure tree")
        if want - found:
            f.fail("01-005", f"page {number}: structure tree names MCIDs {sorted(want - found)[:5]} absent from the content")
        if found:
            key = obj.get("/StructParents")
            entry = parents.get(int(key)) if key is not None else None
            if entry is None or not isinstance(entry, Array) or len(entry) <= max(found):
                f.fail("01-005", f"page {number}: parent tree lacks the page's MCIDs")
        annots = obj.get("/Annots", Array())
        if len(annots) and name_of(obj.get("/Tabs")) != "S":
            f.fail("28-008", f"page {number}: annotations but tab order is not S")
        for a in annots:
            f.counts["annotations"] += 1
            sub = name_of(a.get("/Subtype"))
            if sub == "Popup":
                continue
            if a.objgen not in objrs:
                f.fail("28-002", f"page {number}: {sub} annotation not in the structure tree")
            if a.get("/StructParent") is None or int(a.StructParent) not in parents:
                f.fail("28-002", f"page {number}: {sub} annotation without StructParent")
            if sub == "Link" and a.get("/Contents") is None:
                f.fail("28-011", f"page {number}: link without Contents")
            flags = int(a.get("/F", 0))
            if not flags & 4 or flags & 2 or flags & 1:
                f.fail("PDF/A 6.3.2", f"page {number}: {sub} annotation flags {flags} (Print must be set, Hidden/Invisible not)")
            action = a.get("/A")
            if action is not None and name_of(action.get("/S")) in ("JavaScript", "Launch"):
                f.fail("PDF/A 6.6.1", f"page {number}: {action.S} action")


def check_fonts(pdf, f):
    seen = set()
    for number, page in enumerate(pdf.pages, start=1):
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for key, font in fonts.items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            label = f"font {font.get('/BaseFont')}"
            if font.get("/ToUnicode") is None:
                f.fail("31-027", f"{label} has no ToUnicode")
            descendants = font.get("/DescendantFonts")
            targets = list(descendants) if descendants is not None else [font]
            for d in targets:
                desc = d.get("/FontDescriptor")
                if desc is None or all(desc.get(k) is None for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    f.fail("31-001", f"{label} is not embedded")
                if name_of(d.get("/Subtype")) == "CIDFontType2" and d.get("/CIDToGIDMap") is None:
                    f.fail("PDF/A 6.2.11.3.2", f"{label} has no CIDToGIDMap")


def xmp_values(pdf):
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return None
    tree = ET.parse(io.BytesIO(meta.read_bytes()))
    values = {}
    for el in tree.iter():
        local = el.tag.split("}")[-1]
        text = "".join(el.itertext()).strip()
        if text:
            values.setdefault(local, text)
    return values


def check_document(pdf, f):
    root = pdf.Root
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        f.fail("01", "MarkInfo Marked is not true")
    values = xmp_values(pdf)
    if values is None:
        f.fail("06-001", "no metadata stream")
    else:
        if values.get("part") is None or "pdfuaid" not in pdf.Root.Metadata.read_bytes().decode("utf-8", "replace"):
            f.fail("06-002", "metadata has no pdfuaid:part")
        if values.get("title") is None:
            f.fail("06-003", "metadata has no dc:title")
        raw = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")
        if not re.search(r"<pdfaid:part>2</pdfaid:part>", raw) or not re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", raw):
            f.fail("PDF/A 6.6.4", "metadata lacks pdfaid:part 2 / conformance B")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or prefs.get("/DisplayDocTitle") is None:
        f.fail("07-001", "ViewerPreferences has no DisplayDocTitle")
    elif not bool(prefs.DisplayDocTitle):
        f.fail("07-002", "DisplayDocTitle is false")
    lang = root.get("/Lang")
    if lang is None or not str(lang).strip():
        f.fail("11-006", "catalog has no Lang")
    elif not LANG_TAG.match(str(lang)):
        f.fail("11-001", f"catalog Lang {str(lang)!r} is not a language tag")
    intents = root.get("/OutputIntents", Array())
    if not any(name_of(i.get("/S")) == "GTS_PDFA1" and i.get("/DestOutputProfile") is not None for i in intents):
        f.fail("PDF/A 6.2.3", "no GTS_PDFA1 output intent with an ICC profile")
    if pdf.trailer.get("/ID") is None:
        f.fail("PDF/A 6.1.3", "trailer has no ID")
    if pdf.is_encrypted:
        f.fail("PDF/A 6.1.3", "the file is encrypted")
    if root.get("/Names", Dictionary()).get("/JavaScript") is not None or root.get("/OpenAction") is not None:
        f.fail("PDF/A 6.6.1", "document JavaScript or open action")
    for problem in pdf.check_pdf_syntax():
        f.fail("PDF/A 6.1 (qpdf)", str(problem))


def check(path):
    f = Findings(path)
    with pikepdf.open(path) as pdf:
        check_document(pdf, f)
        claimed, objrs = walk_structure(pdf, f)
        check_pages(pdf, f, claimed, objrs)
        check_fonts(pdf, f)
    return f


def damaged_copies(path):
    """Each damage with the rule that must catch it."""
    def drop_lang(pdf):
        del pdf.Root["/Lang"]

    def drop_alt(pdf):
        def visit(e):
            if isinstance(e, Dictionary) and e.get("/S") == Name.Figure:
                for k in ("/Alt", "/ActualText"):
                    if k in e:
                        del e[k]
                return True
            return any(visit(k) for k in kids(e)) if isinstance(e, Dictionary) else False
        assert visit(pdf.Root.StructTreeRoot), "the good file has no Figure"

    def untagged_text(pdf):
        page = pdf.pages[0]
        page.contents_add(pdf.make_stream(b"BT /F1 9 Tf 20 20 Td (x) Tj ET"), prepend=False)

    def drop_title_pref(pdf):
        pdf.Root.ViewerPreferences.DisplayDocTitle = False

    def drop_scope(pdf):
        def visit(e):
            if isinstance(e, Dictionary) and e.get("/S") == Name.TH and "/A" in e:
                del e["/A"]
                return True
            return any(visit(k) for k in kids(e)) if isinstance(e, Dictionary) else False
        assert visit(pdf.Root.StructTreeRoot), "the good file has no TH"

    def skip_heading(pdf):
        def visit(e):
            if isinstance(e, Dictionary) and e.get("/S") == Name.H2:
                e.S = Name.H4
                return True
            return any(visit(k) for k in kids(e)) if isinstance(e, Dictionary) else False
        assert visit(pdf.Root.StructTreeRoot), "the good file has no H2"

    def drop_intent(pdf):
        del pdf.Root["/OutputIntents"]

    return [("11-006", drop_lang), ("13-004", drop_alt), ("01-005", untagged_text),
            ("07-002", drop_title_pref), ("15-003", drop_scope), ("14-003", skip_heading),
            ("PDF/A 6.2.3", drop_intent)]


def self_test(path):
    good = check(path)
    if good.items:
        print(f"self-test needs a file that passes; {path} has {len(good.items)} findings")
        return 1
    missed = 0
    for rule, damage in damaged_copies(path):
        with pikepdf.open(path) as pdf:
            damage(pdf)
            buf = io.BytesIO()
            pdf.save(buf)
        buf.seek(0)
        tmp = f"/tmp/lofte-pdfcheck-{rule.replace('/', '').replace(' ', '')}.pdf"
        with open(tmp, "wb") as out:
            out.write(buf.read())
        found = check(tmp).items
        caught = any(item.startswith(rule + ":") for item in found)
        print(f"  damage for {rule:12} {'caught' if caught else 'MISSED'}")
        missed += not caught
    return 1 if missed else 0


def main(args):
    if args[:1] == ["--self-test"]:
        return self_test(args[1])
    failed = 0
    for path in args:
        f = check(path)
        if f.items:
            failed += 1
            print(f"FAIL {path}: {len(f.items)} findings")
            for item in f.items[:40]:
                print(f"  {item}")
        else:
            c = f.counts
            print(f"ok   {path} ({c['pages']} pages, {c['elements']} structure elements, "
                  f"{c['tagged']} tagged and {c['artifacts']} artifact sequences, {c['annotations']} links)")
    print(f"{len(args) - failed} of {len(args)} PDFs pass the PDF/UA-1 and PDF/A-2b checks")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
