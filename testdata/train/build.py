#!/usr/bin/python3
"""Build spinscan's training crawl from the development corpus.

    /usr/bin/python3 testdata/train/build.py ../shared/corpus testdata/train

writes testdata/train/samples.jsonl.gz (spinscan's labeled-sample format, every
page inline), testdata/train/synthetic.jsonl.gz (training-only augmentation:
wire reprints and farm translations) and testdata/train/spins.jsonl.gz (training
only, for the single-page model: synthetic spins).
Deterministic: the same corpus gives byte-identical files. Needs Debian's
python3-bs4 for the chrome reprints. See README.md beside this script for what
goes in and why.
"""
import gzip
import hashlib
import json
import os
import random
import re
import sys

from bs4 import BeautifulSoup

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
OUT = sys.argv[2] if len(sys.argv) > 2 else "testdata/train"
rng = random.Random(20261123)


def read_samples(ds):
    path = os.path.join(CORPUS, ds, "samples.jsonl")
    for line in open(path, encoding="utf-8"):
        o = json.loads(line)
        if "path" in o:
            p = os.path.join(CORPUS, ds, o.pop("path"))
            with open(p, "rb") as f:
                b = f.read()
            if p.endswith(".gz"):
                b = gzip.decompress(b)
            o["text"] = b.decode("utf-8", "replace")
        yield o


def sample(id, label, text=None, html=None, source_id=None, group=None, url=None, date=None, origin=None, lang=None):
    o = {"id": id, "label": label}
    if html is not None:
        o["html"] = html
    else:
        o["text"] = text
    if url:
        o["url"] = url
    if date:
        o["date"] = date
    if source_id:
        o["source_id"] = source_id
    o["group"] = group or id
    o["granularity"] = "document"
    if lang:
        o["lang"] = lang
    if origin:
        o["origin"] = origin
    return o


out = []

# 1. Clough & Stevenson short answers: all dev rows (cut=reprint,
#    light/heavy=spun, non/orig=original), with their Wikipedia sources.
for o in read_samples("clough-stevenson-short-answers"):
    out.append(sample(o["id"], o["label"], o["text"], source_id=o.get("source_id"), group=o.get("group"), origin="clough"))

# 2. WMT22/23: foreign sources (original), MT outputs (translated), human
#    references (null: in the crawl, not scored), English originals.
for ds in ("wmt22-general-mt", "wmt23-general-mt"):
    for o in read_samples(ds):
        out.append(sample(o["id"], o["label"], o["text"], source_id=o.get("source_id"), group=o.get("group"), lang=o.get("lang"), origin=ds))

# 3. PAN13 no-obfuscation: source documents (original) and the verbatim
#    passages copied from them (reprint); the passage's gold source is the
#    whole source document, which is what the crawl holds.
pan = {o["id"]: o for o in read_samples("pan13-text-alignment-noobf")}
for id, o in pan.items():
    if id.startswith("pan13:source-document"):
        out.append(sample(id, "original", o["text"], group=id, origin="pan13"))
for id, o in pan.items():
    m = re.match(r"pan13:case:s\d+:r(\d+):\d+:copy$", id)
    if not m:
        continue
    src = "pan13:source-document" + m.group(1)
    if src in pan:
        out.append(sample(id, "reprint", o["text"], source_id=src, group=src, origin="pan13"))
# The rest of the dataset's pages sit in the crawl unscored (null), as
# `spinscan eval` meets them: the suspicious documents that carry the copies
# and the source passages cut from the source documents. A source passage is
# its copy's text with other line breaks (400 of the 402 pairs), so nothing
# in the text says which of the two was cut from the source; the copies'
# label (an excerpt that a longer page carries) is the one trained on.
for id, o in pan.items():
    m = re.match(r"pan13:(?:suspicious-document(\d+)|case:s\d+:r(\d+):\d+:src)$", id)
    if not m:
        continue
    group = None
    if m.group(2):
        group = "pan13:source-document" + m.group(2)
    out.append(sample(id, None, o["text"], group=group, origin="pan13"))

# 4. MTMPC (PAN-PC-10 Turker rewrites): consecutive rewrite pairs assembled
#    into six-sentence documents: the sources as an original, the rewrites as
#    its spun copy. Negative pairs (two sentences of one book that share
#    content words, not reuse) make pairs of independent originals.
mt = {o["id"]: o for o in read_samples("mtmpc-pan10-sentence-paraphrase")}
pairs = [json.loads(l) for l in open(os.path.join(CORPUS, "mtmpc-pan10-sentence-paraphrase", "pairs.jsonl"))]
pos = [p["pair_id"] for p in pairs if p["paraphrase"] == 1]
neg = [p["pair_id"] for p in pairs if p["paraphrase"] == 0]
mtdocs = [("mtmpc-doc:%s" % pos[k].split(":")[-1], pos[k:k + 6]) for k in range(0, min(len(pos), 6 * 250), 6)]
for did, chunk in mtdocs:
    s1 = " ".join(mt[c + ":s1"]["text"] for c in chunk)
    s2 = " ".join(mt[c + ":s2"]["text"] for c in chunk)
    out.append(sample(did + ":src", "original", s1, group=did, origin="mtmpc"))
    out.append(sample(did + ":rw", "spun", s2, source_id=did + ":src", group=did, origin="mtmpc"))
for k in range(0, min(len(neg), 6 * 100), 6):
    chunk = neg[k:k + 6]
    did = "mtmpc-neg:%s" % chunk[0].split(":")[-1]
    out.append(sample(did + ":a", "original", " ".join(mt[c + ":s1"]["text"] for c in chunk), group=did, origin="mtmpc"))
    out.append(sample(did + ":b", "original", " ".join(mt[c + ":s2"]["text"] for c in chunk), group=did, origin="mtmpc"))

# 5. Real-looking pages: English originals republished inside real site
#    chrome from web-pages-gold (the article container of a real page
#    replaced by an <article> of the original's paragraphs, and the host's
#    other paragraphs and articles removed, so that what the extractor
#    reads is the original in the host's chrome (menus, headers, footers,
#    link lists, scripts); until 2026-12-06 only the container's own <p>
#    children were replaced, and 98 of the 185 chrome pages read the host's
#    other paragraphs too, 11 now). Some are reprints, each
#    with its original on another real page (the plain version removed),
#    the original on the page of the two with the earlier date (a reprint
#    comes after what it copies); the others are originals alone on their
#    own site, so site chrome alone tells nothing. Until 2026-12-06 a
#    reprint's original stayed plain text, which no real crawl holds: a
#    page with none of a site's furniture around the same words, read as
#    copied from the page that had it.
web = [json.loads(l) for l in open(os.path.join(CORPUS, "web-pages-gold", "manifest.jsonl"))]
web = [w for w in web if w.get("lang") == "en"]
rng.shuffle(web)


def container(soup):
    best, score = None, 0
    for el in soup.find_all(["article", "div", "section", "main", "td"]):
        ps = el.find_all("p", recursive=False)
        s = sum(len(p.get_text(" ", strip=True)) for p in ps)
        if s > score:
            best, score = el, s
    return best if score > 400 else None


def wrap(text, w):
    raw = gzip.decompress(open(os.path.join(CORPUS, "web-pages-gold", w["path"]), "rb").read())
    soup = BeautifulSoup(raw.decode("utf-8", "replace"), "html.parser")
    el = container(soup)
    if el is None:
        return None
    art = soup.new_tag("article")
    for para in [p for p in text.split("\n") if p.strip()]:
        t = soup.new_tag("p")
        t.string = para.strip()
        art.append(t)
    el.replace_with(art)
    for other in soup.find_all(["p", "article"]):
        if other is not art and art not in other.parents and other not in art.parents:
            other.decompose()
    return str(soup)


en = [s for s in out if s["origin"] == "wmt22-general-mt" and s["id"].startswith("wmt22:en-orig:") and s["label"] == "original"]
en.sort(key=lambda s: s["id"])
rng.shuffle(en)
wi = 0


def next_wrap(text):
    """Wraps text in the next web page that has an article container."""
    global wi
    while wi < len(web):
        w = web[wi]
        wi += 1
        h = wrap(text, w)
        if h:
            return h, w
    return None, None


def gold_date(w):
    return w.get("gold", {}).get("htmldate_publication_date") or ""


made = {"reprint": 0, "original": 0}
for i, s in enumerate(en[:240]):
    if i % 2 == 0:
        # A reprint and its original, each on a site of its own, the
        # original on the page of the two with the earlier date: a reprint
        # comes after what it copies.
        h1, w1 = next_wrap(s["text"])
        h2, w2 = next_wrap(s["text"])
        if h2 is None:
            break
        if gold_date(w2) < gold_date(w1):
            (h1, w1), (h2, w2) = (h2, w2), (h1, w1)
        out.remove(s)
        out.append(sample(s["id"], "original", html=h1, url=w1.get("url"), group=s["group"], origin="chrome:" + w1["id"]))
        out.append(sample(s["id"] + ":reprint", "reprint", html=h2, url=w2.get("url"), source_id=s["id"], group=s["group"], origin="chrome:" + w2["id"]))
        made["reprint"] += 1
        made["original"] += 1
    else:
        h, w = next_wrap(s["text"])
        if h is None:
            break
        out.remove(s)
        out.append(sample(s["id"], "original", html=h, url=w.get("url"), group=s["group"], origin="chrome:" + w["id"]))
        made["original"] += 1

for s in out:
    s.pop("origin", None)
    s.pop("lang", None)

os.makedirs(OUT, exist_ok=True)


def write(path, rows):
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as g:
            for r in rows:
                g.write((json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))


write(os.path.join(OUT, "samples.jsonl.gz"), out)

# 6. Synthetic augmentation (training only, never evaluated): a synonym
#    spinner of the kind article spinners use, run over English originals,
#    each spin placed with its source in a crawl of their own ("spin"): the
#    source there is a train-only copy of the real original (":spin-src"),
#    so no evaluated row has a synthetic peer. With the spins beside the
#    real originals, 109 of those 200 originals were read wrong out of fold
#    (against 71 of 288 originals without a synthetic sibling), and the
#    real originals' figures measured the augmentation as much as the model.
#    They go to spins.jsonl.gz: the single-page model trains on them (its
#    seeds need them: without, the three seed spins alone read as
#    original), the crawl model does not (with splines, macro-F1 0.902
#    without them and 0.882 with them, EVALUATION.md).
SPIN = {
    "said": ["stated", "remarked", "disclosed"], "says": ["states", "remarks"],
    "use": ["utilize"], "used": ["utilized"], "help": ["facilitate", "assist"],
    "start": ["commence"], "started": ["commenced"], "began": ["commenced"],
    "before": ["prior to"], "about": ["regarding", "concerning"], "show": ["demonstrate"],
    "shows": ["demonstrates"], "former": ["erstwhile"], "among": ["amidst"], "amid": ["amidst"],
    "tried": ["endeavored", "attempted"], "try": ["endeavor"], "big": ["substantial"],
    "large": ["sizable", "substantial"], "important": ["pivotal", "crucial"], "many": ["numerous"],
    "also": ["additionally", "furthermore"], "but": ["however,"], "need": ["necessitate"],
    "get": ["obtain"], "got": ["obtained"], "buy": ["procure"], "meet": ["convene"],
    "went": ["proceeded"], "go": ["proceed"], "enough": ["sufficient"], "end": ["conclusion"],
    "main": ["primary", "principal"], "whole": ["entire"], "often": ["frequently"],
    "because": ["owing to the fact that"], "so": ["consequently"], "then": ["subsequently"],
    "first": ["initial"], "give": ["provide"], "gave": ["provided"], "ask": ["inquire"],
    "asked": ["queried"], "told": ["informed"], "think": ["believe"], "thinks": ["believes"],
    "country": ["nation"], "countries": ["nations"], "people": ["individuals"], "job": ["occupation"],
    "problem": ["issue", "predicament"], "problems": ["issues"], "change": ["alteration"],
    "changes": ["alterations"], "building": ["edifice"], "money": ["funds"], "fast": ["rapid"],
    "quickly": ["rapidly", "swiftly"], "hard": ["arduous"], "old": ["aged"], "new": ["novel"],
    "find": ["discover"], "found": ["discovered"], "keep": ["retain"], "kept": ["retained"],
    "shown": ["demonstrated"], "planned": ["slated"], "expected": ["anticipated"],
    "support": ["backing"], "ties": ["bonds"], "visit": ["journey"], "talks": ["discussions"],
}


def spin(text, r):
    paras = []
    for para in text.split("\n"):
        words = para.split(" ")
        for i, w in enumerate(words):
            core = w.strip(".,;:!?\"'()")
            low = core.lower()
            if low in SPIN and r.random() < 0.7:
                rep = r.choice(SPIN[low])
                if core[:1].isupper():
                    rep = rep[:1].upper() + rep[1:]
                words[i] = w.replace(core, rep, 1)
        sents = re.split(r"(?<=[.!?])\s+", " ".join(words))
        for j in range(0, len(sents) - 1, 2):
            if r.random() < 0.3:
                sents[j], sents[j + 1] = sents[j + 1], sents[j]
        paras.append(" ".join(sents))
    return "\n".join(paras)


base = [s for s in out if s["label"] == "original" and "text" in s and s["id"].startswith(("wmt22:en-orig:", "pan13:source-document"))]
base.sort(key=lambda s: s["id"])
rng.shuffle(base)
spins = []
for s in base[:200]:
    src = sample(s["id"] + ":spin-src", "original", s["text"], group=s["group"])
    copy = sample(s["id"] + ":spin", "spun", spin(s["text"], rng), source_id=src["id"], group=s["group"])
    for r in (src, copy):
        r["crawl"] = "spin"
        spins.append(r)
write(os.path.join(OUT, "spins.jsonl.gz"), spins)
syn = []

# 7. Synthetic wire syndication (training only): no real sample carries a
#    news-agency dateline, so nothing teaches the model what one means on a
#    page. A syndicated wire story republished elsewhere keeps the agency's
#    dateline ("CITY (AP) —"): other English originals, given such a
#    dateline, become reprints of them. Each stands alone in a crawl of its
#    own ("wire"): next to its plain original, the dateline made the
#    original look copied from it (the page that presents itself as the
#    wire text is the likelier source), and 139 of those 147 real originals
#    were read as reprints out of fold. A farm's spin of the wire story sits
#    beside it (as the seed spins sit beside the AP reprint), so the model
#    also sees a dateline page that others are copied from; the spin is
#    unlabelled (in the crawl, not trained on: labelled spun, these 147
#    spins outweighed the real rewrites, macro-F1 0.657 against 0.686 with
#    the wire pages alone), and the spins use a generator of their own,
#    which leaves the rows below unchanged.
CITIES = ["WASHINGTON", "LONDON", "NEW YORK", "PARIS", "BERLIN", "TOKYO", "NAIROBI",
          "SYDNEY, Australia", "CHICAGO", "MEXICO CITY", "JOHANNESBURG", "SEOUL, South Korea"]
AGENCIES = ["AP", "Reuters", "AFP"]
wire = [s for s in base[200:] if s["id"].startswith("wmt22:en-orig:")][:150]
wire_rng = random.Random(20261206)
for s in wire:
    head = "%s (%s) — " % (rng.choice(CITIES), rng.choice(AGENCIES))
    row = sample(s["id"] + ":wire", "reprint", head + s["text"], group=s["group"])
    copy = sample(s["id"] + ":wire-spin", None, spin(row["text"], wire_rng), source_id=row["id"], group=s["group"])
    for r in (row, copy):
        r["crawl"] = "wire"
        syn.append(r)

# 8. Synthetic farm translations (training only): a content farm that
#    machine-translates a foreign outlet's story credits the outlet ("Source:
#    TASS") and the crawl rarely holds the foreign original. No real sample
#    has either, so nothing teaches the model that an attribution to a
#    foreign outlet means a translation, or that a translation may have only
#    English peers. For some WMT ru/ja/uk stories, a separate crawl
#    ("farm-mt") holds one of the machine translations, ending in such a
#    credit, next to the human reference (in the crawl, not scored), and no
#    foreign source: a farm's translation sits beside English text of the
#    same story, not beside another machine translation. (Until 2026-12-06
#    night it held two of the translations, the second without the credit:
#    two English pages rewording each other with no direction then meant a
#    translation, and Clough's light revisions read as translated; out of
#    fold Clough 0.624 -> 0.642, documents 0.898 either way, EVALUATION.md.)
#    The second translation is still drawn, so the random stream, and every
#    row after this one, stays as before.
OUTLETS = {"ru": ["TASS", "RIA Novosti", "Interfax", "Kommersant"], "ja": ["Kyodo", "NHK", "Jiji", "Asahi"],
           "uk": ["Ukrinform", "UNIAN"]}
stories = {}
for s in out:
    if s["id"].startswith(("wmt22:", "wmt23:")) and s["label"] != "original" and s.get("source_id"):
        stories.setdefault(s["source_id"], []).append(s)
farm = []
for sid in sorted(stories):
    docs = stories[sid]
    hyps = sorted((d for d in docs if d["label"] == "translated"), key=lambda d: d["id"])
    refs = [d for d in docs if d["label"] is None]
    lang = sid.split(":")[1].split("-")[0]  # "wmt22:ru-en:<doc>:src"
    if len(hyps) < 2 or not refs or lang not in OUTLETS:
        continue
    farm.append((lang, hyps, refs[0]))
rng.shuffle(farm)
nfarm = 0
for lang, hyps, ref in farm[:150]:
    a, b = rng.sample(hyps, 2)
    credit = rng.choice(["Source: %s", "Source: %s", "(%s)", "With %s"]) % rng.choice(OUTLETS[lang])
    del b  # drawn for the random stream only (see above)
    for d, text in ((a, a["text"].rstrip() + "\n\n" + credit), (ref, ref["text"])):
        row = sample(d["id"] + ":farm", d["label"], text, group=d["group"])
        row["crawl"] = "farm-mt"
        syn.append(row)
    nfarm += 1

# 9. Condensed rewrites (training only): a farm's rewrite often drops part
#    of its source (the last paragraphs, a detail), so it covers less of the
#    source than the source covers of it; the real rewrites above restate
#    every sentence, and with them alone a reworded page that covers a third
#    less than its wire source (seed 003) read as spun by only 0.55 against
#    0.44 original. For each MTMPC document, a crawl of its own
#    ("condensed") holds its source (in the crawl, not scored) and the
#    rewrite of its first 5 of 6 sentences (spun). Same groups as the real
#    documents, so a fold never trains on its own held-out text. Out of
#    fold, documents 0.895 against 0.898 without them (mean of four splits);
#    seed 003 spun 0.95. Dropping a random one of the six instead: 0.898 and
#    0.894 (two draws); keeping 3-4 or 4-5 of the 6 cost 0.008 and 0.005
#    (WMT translations of one source, which differ in what they leave out,
#    read as spun); keeping all 6 (the same crawls, nothing dropped) left
#    seed 003 at 0.61 (EVALUATION.md, "Condensed rewrites").
ncond = 0
for did, chunk in mtdocs:
    src = sample(did + ":cond-src", None, " ".join(mt[c + ":s1"]["text"] for c in chunk), group=did)
    rw = sample(did + ":cond", "spun", " ".join(mt[c + ":s2"]["text"] for c in chunk[:5]), source_id=src["id"], group=did)
    for r in (src, rw):
        r["crawl"] = "condensed"
        syn.append(r)
    ncond += 1

# 10. Wire stories with their dates (training only): the agency's own page
#     carries its dateline too, so a dateline alone does not make a page a
#     reprint; which of two copies of one text came first is then in their
#     dates. Section 7's wire reprints are undated, and with them alone the
#     model read the AP's own page, dated before its copies, as a reprint of
#     the later copy that reprints it (EVALUATION.md, "Wire originals"). For
#     English originals (a random stream of its own, so every row above
#     stays as it was), three kinds of crawl, each kind in a crawl of its
#     own, dates written on the page as sites write them:
#     (a) the agency's page (original, dated D) beside a verbatim reprint
#         of it (reprint, dated D + 2..700 days) and a farm spin of it
#         (unlabelled, dated D + 1..400 days);
#     (b) the reprint alone with the spin, the spin dated before the
#         reprint (seed 004, dated 2025, is the source of spins dated 2023
#         and 2024): a dateline page dated after a copy of itself;
#     (c) the agency's page (original, dated D) beside the spin only.
#     Spins unlabelled, as in section 7.
DATE_LINES = ["Published %B %-d, %Y", "Updated %-I:%M %p EDT, %B %-d, %Y", "Date:%Y-%m-%d %H:%M:%S",
              "%B %-d, %Y", "%d %B %Y", "Posted on %B %-d, %Y"]


def dated(text, day, r):
    import datetime
    t = datetime.datetime(2019, 1, 1) + datetime.timedelta(days=day, minutes=r.randrange(24 * 60))
    return t.strftime(r.choice(DATE_LINES)) + "\n" + text


worig_rng = random.Random(20261207)
pool = sorted((s for s in out if s["id"].startswith("wmt22:en-orig:") and "text" in s), key=lambda s: s["id"])
worig_rng.shuffle(pool)
nworig = {"a": 0, "b": 0, "c": 0}
for i, s in enumerate(pool[:180]):
    kind = "abc"[i % 3]
    head = "%s (%s) — " % (worig_rng.choice(CITIES), worig_rng.choice(AGENCIES))
    text = head + s["text"]
    d0 = worig_rng.randrange(0, 5 * 365)
    k = worig_rng.randrange(2, 701)
    j = worig_rng.randrange(1, 401)
    if kind == "b":
        j = worig_rng.randrange(1, k)  # the spin before the reprint
    rows = []
    orig_id = s["id"] + ":worig"
    if kind in "ac":
        rows.append(sample(orig_id, "original", dated(text, d0, worig_rng), group=s["group"]))
    if kind in "ab":
        rows.append(sample(s["id"] + ":worig-copy", "reprint", dated(text, d0 + k, worig_rng),
                           source_id=orig_id if kind == "a" else None, group=s["group"]))
    rows.append(sample(s["id"] + ":worig-spin", None, dated(spin(text, worig_rng), d0 + j, worig_rng), group=s["group"]))
    for r in rows:
        r["crawl"] = "wire-dated-" + kind
        syn.append(r)
    nworig[kind] += 1

# 11. Lone wire reprints (training only): a newspaper or a farm that runs an
#     agency's story keeps its dateline, and the crawl often holds no other
#     copy of it. Every dateline page above has a peer, and the agency's own
#     pages of section 10 (site unknown, dated first) are originals, so the
#     model read a lone page with an agency dateline on a newspaper's site
#     as original (two of three web-pages-gold pages; EVALUATION-HISTORY.md,
#     "Lone wire reprints"). Here such pages stand alone, each with the url of a real
#     English web-pages-gold page that is not an agency's site (so the
#     dateline counts, as it does in production), half of them dated; the
#     texts are WMT English originals drawn anew (some also serve above, in
#     crawls of their own and in the same cross-validation group).
#     A random stream of its own, so every row above stays as it was.
lone_rng = random.Random(20261208)
hosts = sorted({w["url"] for w in web if w.get("url") and w.get("lang") == "en"
                and not any(a in w["url"] for a in ("apnews.", "reuters.", "afp.", "upi.", "bloomberg.", "cnn."))})
nlone = 0
for s in lone_rng.sample(pool, 60):
    text = "%s (%s) — %s" % (lone_rng.choice(CITIES), lone_rng.choice(AGENCIES), s["text"])
    if lone_rng.random() < 0.5:
        text = dated(text, lone_rng.randrange(0, 5 * 365), lone_rng)
    row = sample(s["id"] + ":wire-lone", "reprint", text, url=lone_rng.choice(hosts), group=s["group"])
    row["crawl"] = "wire-lone"
    syn.append(row)
    nlone += 1

# 12. LLM leftovers (training only): AI news farms publish a language
#     model's reply as it came, with what the model said around the
#     rewrite ("Here is a rewritten version of the article:", "As an AI
#     language model, ..."), the labels of the template it was asked to
#     fill ("Headline:", "Lede", "Meta Description:"), or, when the farm's
#     pipeline sent no text, only the model's request for it ("Please
#     provide the text you would like me to rewrite as a news article").
#     No real sample has such leftovers (`paraphrase.llm_artifacts`), so
#     nothing would teach the model what they mean. 40 English originals
#     drawn anew, each given one kind of leftover and labelled spun, stand
#     in a crawl of unrelated stories ("llm"); 20 replies that ask for the
#     text, put together from a few phrasings and dated as a farm dates
#     its posts, stand together in a crawl of their own ("llm-replies"),
#     near-copies of one another as a farm's are. The wording is this
#     project's own. A random stream of its own, so every row above stays
#     as it was (EVALUATION-HISTORY.md, "LLM leftovers").
LLM_BEFORE = ["Here is a rewritten version of the article:", "Sure! Here's a rewritten version of the news article:",
              "Certainly! Here is the revised article, written for a general audience:",
              "Here's a unique, SEO-optimized version of the article:"]
LLM_AFTER = ["Note: As an AI language model, I cannot verify events after my knowledge cutoff.",
             "As an AI model, I do not have access to the latest updates on this story.",
             "Please note that as of my last knowledge update, some details may have changed."]
LLM_ASK = ["Please provide the text you would like me to rewrite as a news article.",
           "Please provide me with the article you want me to summarize and rewrite.",
           "Please provide the content of the story you want me to turn into a news report."]
LLM_NEED = ["I need the text to be able to complete your request.", "I need the content of the article to do this.",
            "Without the source text I cannot write the article."]
LLM_PLAN = ["Once you provide the text, I will summarize the main points and write a headline, a lede and supporting paragraphs in a neutral tone.",
            "Once you provide it, I will identify the key facts, write a catchy headline and structure the story in the inverted pyramid style.",
            "Once you provide the text, I will rewrite it in a journalistic style with a clear headline, an engaging introduction and proper attribution."]
llm_rng = random.Random(20261209)
nllm = {"before": 0, "after": 0, "template": 0, "reply": 0}
for i, s in enumerate(llm_rng.sample(pool, 40)):
    kind = ("before", "before", "after", "template")[i % 4]
    text = s["text"].strip()
    if kind == "before":
        text = llm_rng.choice(LLM_BEFORE) + "\n\n" + text
    elif kind == "after":
        text = text + "\n\n" + llm_rng.choice(LLM_AFTER)
    else:
        words = text.split()
        text = ("Headline: " + " ".join(words[:8]) + "\n\nLede\n\n" + text +
                "\n\nMeta Description: " + " ".join(words[:14]))
    row = sample(s["id"] + ":llm", "spun", text, group=s["group"])
    row["crawl"] = "llm"
    syn.append(row)
    nllm[kind] += 1
for i in range(20):
    text = " ".join([llm_rng.choice(LLM_ASK), llm_rng.choice(LLM_NEED), llm_rng.choice(LLM_PLAN)])
    row = sample("llm-reply:%02d" % i, "spun", dated(text, llm_rng.randrange(5 * 365, 7 * 365), llm_rng),
                 group="llm-replies")
    row["crawl"] = "llm-replies"
    syn.append(row)
    nllm["reply"] += 1

write(os.path.join(OUT, "synthetic.jsonl.gz"), syn)

# 13. Padded scrapes (training only): a scraper that copies a story word
#     for word often pads it with text of its own, an opening that promises
#     to explain the news and a closing that asks readers to share it or
#     says the page will be updated, so a fifth or more of the copy's
#     sentences are in no other page. Every verbatim copy above is the
#     source's text alone or a part of it, and such a copy, beside its
#     source, read original 0.63 (the AP text of seed 004 between two
#     paragraphs of padding; EVALUATION-HISTORY.md, "Padded scrapes"). 60
#     English originals drawn anew, each in a crawl of padded copies with its
#     copy (reprint), padded before, after or both with sentences drawn from
#     this project's own phrasings; half of the pairs dated, the copy after
#     its source. The source is in the crawl, not trained on: labelled
#     original, a page whose every sentence a peer carries taught the model
#     that such a page is an original, and PAN13's source documents and the
#     chrome reprints paid for it (EVALUATION-HISTORY.md, "Padded scrapes"). They go to
#     padded.jsonl.gz, for the crawl model only: the single-page model reads
#     each page alone, where a padded copy has nothing to show it is one.
#     A random stream of its own.
PAD_OPEN = ["Are you wondering what is going on with this story? Here is everything you need to know.",
            "In this article we explain the latest news, why it matters and what could happen next.",
            "This is a developing story, and many readers have been asking about it.",
            "Let us take a closer look at the details of this report.",
            "If you have been following the news lately, you may have heard about this already."]
PAD_CLOSE = ["In conclusion, the situation remains unclear and many people will be watching closely in the coming weeks.",
             "We will keep updating this page as more information becomes available, so stay tuned.",
             "What do you think about this news? Let us know in the comments below.",
             "Do not forget to share this article with your friends and family on social media.",
             "Stay with us for more updates on this and other important stories.",
             "Only time will tell how this will play out, but it is certainly a story worth following."]
padded = []
pad_rng = random.Random(20261210)
npad = {"open": 0, "close": 0, "both": 0}
for i, s in enumerate(pad_rng.sample(pool, 60)):
    kind = ("open", "close", "both")[i % 3]
    text = s["text"].strip()
    body = text
    if kind in ("open", "both"):
        body = " ".join(pad_rng.sample(PAD_OPEN, pad_rng.randint(1, 2))) + "\n\n" + body
    if kind in ("close", "both"):
        body = body + "\n\n" + " ".join(pad_rng.sample(PAD_CLOSE, pad_rng.randint(2, 3)))
    src_id, copy_id = s["id"] + ":pad-src", s["id"] + ":pad"
    if i % 2 == 0:
        d0 = pad_rng.randrange(0, 5 * 365)
        text, body = dated(text, d0, pad_rng), dated(body, d0 + pad_rng.randrange(1, 60), pad_rng)
    for r in (sample(src_id, None, text, group=s["group"]),
              sample(copy_id, "reprint", body, source_id=src_id, group=s["group"])):
        r["crawl"] = "padded"
        padded.append(r)
    npad[kind] += 1
write(os.path.join(OUT, "padded.jsonl.gz"), padded)

counts = {}
for s in out:
    counts[s["label"]] = counts.get(s["label"], 0) + 1
print("samples.jsonl.gz:", len(out), counts, "chrome pages:", made)
print("spins.jsonl.gz:", len(spins), "rows (training only): 200 spun and their sources")
print("synthetic.jsonl.gz:", len(syn), "rows (training only): %d wire reprints and their spins, %d farm-translation stories, %d condensed rewrites, dated wire stories %s, %d lone wire reprints, LLM leftovers %s" % (len(wire), nfarm, ncond, nworig, nlone, nllm))
print("padded.jsonl.gz:", len(padded), "rows (training only, crawl model): padded scrapes %s and their sources" % npad)
