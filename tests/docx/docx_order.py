#!/usr/bin/env python3
"""docx_order.py FILE.docx... — the package rules the XSD does not check (or models as choices):
children of w:pPr, w:rPr, w:tblPr, w:tcPr, w:sectPr in the order of the schema's sequences
(Word refuses other orders), sectPr last in the body, no newline in w:t, xml:space="preserve" on a
w:t that starts or ends with a space, unique relationship ids, an Override or Default for every
part, abstractNums before nums, every w:tc ending with a w:p, every w:num used by a paragraph.
Standard library only. Exit 1 naming each problem."""
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
           "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
           "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
           "vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
             "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings",
}
ORDER = {k: {n: i for i, n in enumerate(v.split())} for k, v in ORDER.items()}


def local(tag):
    return tag.split("}", 1)[1] if "}" in tag else tag


def check(path, problems):
    def bad(msg):
        problems.append(f"{path}: {msg}")

    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    used, nums = set(), set()
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    ctns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    defaults = {d.get("Extension") for d in ct.iter(ctns + "Default")}
    overrides = {o.get("PartName") for o in ct.iter(ctns + "Override")}
    for n in names:
        if n == "[Content_Types].xml" or n.endswith("/"):
            continue
        if "/" + n not in overrides and n.rsplit(".", 1)[-1] not in defaults:
            bad(f"{n} has no content type")
    for o in overrides:
        if o[1:] not in names:
            bad(f"Override for missing part {o}")
    for n in names:
        if n.endswith(".rels"):
            ids = [r.get("Id") for r in ET.fromstring(z.read(n))]
            if len(ids) != len(set(ids)):
                bad(f"{n}: relationship ids repeat")
    for part in ("word/document.xml", "word/footnotes.xml", "word/styles.xml", "word/numbering.xml"):
        if part not in names:
            continue
        root = ET.fromstring(z.read(part))
        for el in root.iter():
            name = local(el.tag)
            if name in ORDER and el.tag.startswith(W):
                seen = [local(c.tag) for c in el]
                pos = [ORDER[name].get(c, -1) for c in seen]
                if -1 in pos:
                    bad(f"{part}: w:{name} has a child it may not have: {seen}")
                elif pos != sorted(pos):
                    bad(f"{part}: w:{name} children out of order: {seen}")
            if el.tag == W + "t" and el.text:
                if "\n" in el.text:
                    bad(f"{part}: newline in w:t {el.text[:40]!r}")
                if (el.text[0] == " " or el.text[-1] == " ") and el.get(XML_SPACE) != "preserve":
                    bad(f"{part}: w:t {el.text[:40]!r} needs xml:space=preserve")
            if el.tag == W + "tc" and (len(el) == 0 or el[-1].tag != W + "p"):
                bad(f"{part}: a w:tc does not end with a w:p")
        if part == "word/document.xml":
            body = root.find(W + "body")
            if body is None or len(body) == 0 or body[-1].tag != W + "sectPr":
                bad("sectPr is not the last child of w:body")
        if part in ("word/document.xml", "word/footnotes.xml"):
            used |= {n.get(W + "val") for n in root.iter(W + "numId")}
        if part == "word/numbering.xml":
            kinds = [local(c.tag) for c in root]
            if "num" in kinds and "abstractNum" in kinds[kinds.index("num"):]:
                bad("numbering.xml: an abstractNum after a num")
            nums = {n.get(W + "numId") for n in root.iter(W + "num")}
    if "word/numbering.xml" in names and nums - used:
        bad(f"w:num never used: {sorted(nums - used)}")


def main():
    problems = []
    for f in sys.argv[1:]:
        try:
            check(f, problems)
        except Exception as e:  # a broken package is a failure, not a crash
            problems.append(f"{f}: {e}")
    for p in problems:
        print("FAIL:", p)
    if not problems:
        print(f"ok: {len(sys.argv) - 1} package(s) keep the element order and package rules")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
