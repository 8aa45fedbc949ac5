"""The course data loads, validates, and says what the brief says (counts, codes, sources, spellings)."""

from __future__ import annotations

import json
import os
import re

import pandas as pd
import pytest

from support import BRIEF_TEXT, ROOT
from tracktwo.data import (
    DEFAULT_DATA_DIR,
    TABLES,
    CourseData,
    allowed_values,
    enum_descriptions,
    load_actors,
    load_all,
    load_events,
    load_glossary,
    load_institutions,
    load_periods,
    load_references,
    load_relations,
    parse_partial_date,
)

BRIEF = "jones2021myanmar"
FPNCC = {"uwsa", "ndaa", "sspp", "tnla", "mndaa", "kia", "aa"}
NCA_2015 = {"knu", "rcss", "pnlo", "dkba", "knu-knla-pc", "alp", "absdf", "cnf"}
NCA_2018 = {"nmsp", "ldu"}
PRINTED_ACRONYM_ENTRIES = [
    "AA/ULA",
    "ABSDF",
    "ASEAN",
    "BGF",
    "BSPP",
    "CBO",
    "CNF",
    "CRPH",
    "CSO",
    "EAO",
    "IED",
    "JICM",
    "JMC",
    "KIA",
    "KNPP",
    "KNU/KNLA",
    "LDU",
    "MI",
    "MNDAA",
    "MPC",
    "NCA",
    "NGO",
    "NLD",
    "NRPC",
    "NUCC",
    "NUG",
    "PDF",
    "RCSS",
    "SAC",
    "SAZ",
    "SSPP",
    "TNLA/PSLF",
    "UN",
    "UPC",
    "UPCC",
    "UPDJC",
    "UPWC",
    "USDP",
    "UWSA",
]
UNLISTED_ACRONYMS = {
    "MAS",
    "NSPCC",
    "NSPWC",
    "NSPC",
    "FPNCC",
    "NDAA",
    "PNLO",
    "DKBA",
    "ALP",
    "NMSP",
    "CDM",
    "UEC",
    "MIPS",
    "IDRC",
    "KIO",
    "NCA-S",
}
#: Acronyms of events after the brief (Part IV), sourced from the fact sheet facts-after-brief.md.
AFTER_BRIEF_ACRONYMS = {"3BHA", "NSPNC", "SSPC", "IDP"}
THEORY_TERMS = {
    "Track One",
    "Track 1.5",
    "Track Two",
    "Track Three",
    "Multi-track diplomacy",
    "Controlled communication",
    "Interactive problem solving",
    "Interactive conflict resolution",
    "Soft Track Two",
    "Circum-negotiation",
    "Ripeness",
    "Mutually hurting stalemate",
    "Way out",
    "Readiness",
    "Motivation",
    "Optimism",
    "Insider mediator",
    "Conflict management",
    "Conflict resolution",
    "Conflict transformation",
    "Local turn",
    "Norm diffusion",
    "Inclusion",
    "Pre-negotiation",
    "Deniability",
    "Early movers",
}


@pytest.fixture(scope="module")
def data() -> CourseData:
    return load_all()


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("id", drop=False)


# --- loading -------------------------------------------------------------------------------------


def test_every_table_loads_with_rows(data):
    for name in (*TABLES, "references"):
        frame = getattr(data, name)
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0, name


@pytest.mark.parametrize(
    "name,loader",
    [
        ("periods", load_periods),
        ("events", load_events),
        ("actors", load_actors),
        ("relations", load_relations),
        ("institutions", load_institutions),
        ("glossary", load_glossary),
    ],
)
def test_each_loader_gives_the_same_table_as_load_all(data, name, loader):
    pd.testing.assert_frame_equal(loader(), getattr(data, name))


def test_load_all_accepts_an_explicit_data_dir(data):
    again = load_all(DEFAULT_DATA_DIR)
    assert len(again.events) == len(data.events)
    assert load_references(str(DEFAULT_DATA_DIR))["key"].tolist() == data.references["key"].tolist()


def test_columns_are_typed(data):
    ev = data.events
    assert pd.api.types.is_datetime64_any_dtype(ev["start"]) and pd.api.types.is_datetime64_any_dtype(ev["end"])
    assert all(isinstance(v, list) for col in ("tracks", "actors", "other_sources") for v in ev[col])
    assert pd.api.types.is_datetime64_any_dtype(data.periods["start"])
    assert pd.api.types.is_bool_dtype(data.glossary["in_brief_acronym_list"])
    assert pd.api.types.is_integer_dtype(data.relations["table_row"])
    assert all(isinstance(v, list) and v for v in data.relations["actor_b"])
    assert all(isinstance(v, list) for v in data.actors["memberships"])
    assert all(isinstance(n, int) for notes in data.references["endnotes"] for n in notes)


def test_partial_dates_become_the_first_day_of_their_precision(data):
    ev = _by_id(data.events)
    assert ev.loc["bgf-scheme", "start"] == pd.Timestamp("2009-04-01") and ev.loc["bgf-scheme", "start_text"] == "2009-04"
    assert ev.loc["mi-purge", "start"] == pd.Timestamp("2005-01-01") and ev.loc["mi-purge", "precision"] == "year"
    assert ev.loc["nca-signed", "start"] == pd.Timestamp("2015-10-15")
    assert ev.loc["junta-ceasefire-network", "end"] == pd.Timestamp("2011-01-01")
    assert pd.isna(ev.loc["nca-signed", "end"]) and ev.loc["nca-signed", "end_text"] == ""
    assert parse_partial_date("2015-02-30") is None and parse_partial_date("2015-13") is None
    assert parse_partial_date("2016-02-29") == (pd.Timestamp("2016-02-29"), "day")


# --- periods ---------------------------------------------------------------------------------------


def test_periods_are_the_five_of_the_brief_then_the_years_after_it_and_touch(data):
    p = data.periods.sort_values("start")
    assert p["id"].tolist() == ["pre1988", "junta", "usdp", "nld", "postcoup", "postbrief"]
    assert (p["start"].iloc[1:].to_numpy() == p["end"].iloc[:-1].to_numpy()).all()
    # the brief's account ends with September 2021; the course's added years run to the sheet's last fact
    assert p.set_index("id").loc["postbrief", "start"] == pd.Timestamp("2021-10-01")
    assert p["end"].iloc[-1] >= data.events["start"].max()
    assert p["start"].iloc[0] == pd.Timestamp("1948-01-04")
    assert all("Boundary years touch" in n for n in p["note"].iloc[:-1])
    assert "facts-after-brief" in p["note"].iloc[-1]


# --- events ----------------------------------------------------------------------------------------


def test_at_least_45_events_of_the_brief_from_independence_to_september_2021(data):
    ev = data.events
    brief = ev[ev["period"] != "postbrief"]
    assert len(brief) >= 45
    assert ev["start"].min() == pd.Timestamp("1948-01-04")
    assert brief["start"].max() <= pd.Timestamp("2021-09-30")
    assert ev[ev["period"] == "postbrief"]["start"].min() >= pd.Timestamp("2021-10-01")
    assert set(ev["period"]) == set(data.periods["id"])


def test_every_period_has_events_and_the_key_events_are_there(data):
    ids = set(data.events["id"])
    for needed in [
        "coup-1962",
        "uprising-1988",
        "mi-purge",
        "bgf-scheme",
        "election-2010",
        "peace-process-announced-2011",
        "nca-signed",
        "nmsp-ldu-sign-nca",
        "coup-2021",
        "sac-established",
        "crph-formed",
        "nucc-formed",
        "nug-formed",
        "pdf-formed",
        "nug-calls-uprising",
        "sac-peace-committees",
        "crackdown-toll-aapp",
    ]:
        assert needed in ids, needed
    assert data.events.groupby("period").size().min() >= 5


def test_event_categories_and_tracks_come_from_the_data_package(data):
    assert set(data.events["category"]) <= set(allowed_values("events", "category"))
    assert {t for ts in data.events["tracks"] for t in ts} <= set(allowed_values("events", "tracks"))
    assert set(enum_descriptions("events", "category")) == set(allowed_values("events", "category"))


def test_summaries_are_short_and_figures_only_the_brief_gives_are_attributed(data):
    for _, row in data.events.iterrows():
        assert 20 <= len(row["summary"]) <= 420, row["id"]
        assert len(row["title"]) <= 60, row["id"]
    ev = _by_id(data.events)
    for event_id, figure in [
        ("crackdown-toll-aapp", "1,100"),
        ("sac-figures-on-attacks", "2,390"),
        ("usdp-track-one-point-five", "3,000"),
        ("junta-ceasefire-network", "40"),
        ("pdf-formed", "350"),
    ]:
        summary = ev.loc[event_id, "summary"]
        assert figure in summary and "The brief reports" in summary, event_id


def test_discrepancies_are_recorded_and_the_brief_is_followed(data):
    ev = _by_id(data.events)
    assert ev.loc["mi-purge", "start_text"] == "2005"
    assert "October 2004" in ev.loc["mi-purge", "note"] and "DISCREPANCY" in ev.loc["mi-purge", "note"]
    assert "8 March 2021" in ev.loc["nucc-formed", "note"] and "16 April 2021" in ev.loc["nucc-formed", "note"]
    assert "1,089" in ev.loc["crackdown-toll-aapp", "note"]
    assert "22" in ev.loc["junta-ceasefire-network", "note"]
    assert "NSPNC" in ev.loc["sac-peace-committees", "note"]
    assert "13 November 2010" in ev.loc["assk-released-2010", "note"]
    assert "five" in ev.loc["upc-january-2016", "note"]


def test_outside_dates_cite_an_outside_source(data):
    """A day or month the brief does not give must come with a non-brief source."""
    ev = _by_id(data.events)
    for event_id in [
        "independence",
        "coup-1962",
        "nca-signed",
        "crph-formed",
        "nug-formed",
        "pdf-formed",
        "kia-seizes-hill",
        "mpc-founded",
        "election-2015",
    ]:
        row = ev.loc[event_id]
        assert {row["source"], *row["other_sources"]} - {BRIEF}, event_id


# --- actors ----------------------------------------------------------------------------------------


def _members(actors: pd.DataFrame, prefix: str) -> dict[str, str]:
    out = {}
    for _, row in actors.iterrows():
        for m in row["memberships"]:
            group, _, detail = m.partition(":")
            if group == prefix:
                out[row["id"]] = detail
    return out


def test_the_seven_fpncc_members(data):
    assert set(_members(data.actors, "fpncc")) == FPNCC


def test_the_ten_nca_signatories_with_their_years(data):
    nca = _members(data.actors, "nca")
    assert len(nca) == 10
    assert {a for a, y in nca.items() if y == "2015"} == NCA_2015
    assert {a for a, y in nca.items() if y == "2018"} == NCA_2018


def test_actors_include_every_organisation_of_table_1_and_the_main_actors(data):
    ids = set(data.actors["id"])
    assert (
        FPNCC
        | NCA_2015
        | NCA_2018
        | {
            "knpp",
            "sac",
            "tatmadaw",
            "nug",
            "crph",
            "nucc",
            "pdf",
            "nld",
            "usdp",
            "political-parties",
            "mi",
            "mas",
            "mpc",
            "asean",
            "fpncc",
            "civil-society-forum-for-peace",
            "myanmar-egress",
            "ebo",
        }
        <= ids
    )
    assert set(data.actors["type"]) <= set(allowed_values("actors", "type"))


def test_no_civil_society_group_the_brief_does_not_name(data):
    named_by_brief = {
        "cdm",
        "civil-society-forum-for-peace",
        "aapp",
        "myanmar-egress",
        "ebo",
        "ottawa-dialogue",
        "mips",
        "idrc",
        "csos",
    }
    groups = data.actors[data.actors["type"].isin(["civil-society", "intermediary", "research", "donor", "collective"])]
    assert set(groups["id"]) - {"eaos"} <= named_by_brief


def test_corrected_names_keep_the_briefs_spelling_in_a_note(data):
    a = _by_id(data.actors)
    # MAS: the fact sheet (facts.md B12) asks for the brief's term first, with the usual rendering
    # beside it (audit 2026-12, old finding 25).
    assert a.loc["mas", "name"] == "Military Security Affairs" and "Military Affairs Security" in a.loc["mas", "note"]
    assert a.loc["bspp", "name"] == "Burma Socialist Programme Party" and "Burmese Socialist Program" in a.loc["bspp", "note"]
    assert a.loc["crph", "acronym"] == "CRPH" and "CPRH" in a.loc["crph", "note"]
    assert a.loc["pdf", "name"] == "People's Defence Force" and "People Defense Force" in a.loc["pdf", "note"]
    assert "State Administrative Council" in a.loc["sac", "note"]
    assert a.loc["aapp", "name"].startswith("Assistance") and "Assistant" in a.loc["aapp", "note"]


# --- relations (Table 1) ---------------------------------------------------------------------------


def test_exactly_21_relations_in_table_order(data):
    rel = data.relations
    assert len(rel) == 21
    assert rel["table_row"].tolist() == list(range(1, 22))


def test_relations_keep_the_briefs_words(data):
    rel = data.relations.set_index("table_row")
    assert (rel.loc[1, "actor_b"], rel.loc[1, "conflict_status"], rel.loc[1, "dialogue_status"]) == (
        ["uwsa"],
        "Bilateral Ceasefire",
        "Regular contact; non-active dialogue",
    )
    assert rel.loc[7, "conflict_status"] == "De Facto Ceasefire; no fighting"
    assert rel.loc[8, "conflict_status"] == "NCA signatories; frequent low intensity fighting"
    assert rel.loc[17, "dialogue_status"] == "No contact"
    assert rel.loc[20, "actor_b"] == ["nug", "pdf"] and rel.loc[20, "conflict_status"] == "Outlawed; active fighting"
    assert rel.loc[21, "dialogue_status"] == "Some dialogue with some parties"


def test_table_1_markers_match_the_memberships(data):
    rel = data.relations
    fp = {b[0] for b, text in zip(rel["actor_b"], rel["actor_b_text"]) if "(FPNCC)" in text}
    nca = {b[0] for b, text in zip(rel["actor_b"], rel["actor_b_text"]) if "(NCA-S)" in text}
    assert fp == FPNCC and nca == NCA_2015 | NCA_2018
    assert set(rel.loc[rel["actor_b_text"].str.contains("NCA-S"), "conflict_code"]) == {"nca-signatory"}


def test_garbled_rows_record_our_reading(data):
    rel = data.relations.set_index("table_row")
    knpp, nucc = rel.loc[18], rel.loc[19]
    assert knpp["actor_a"] == "sac" and knpp["actor_b"] == ["knpp"] and "GARBLED" in knpp["note"]
    assert knpp["dialogue_code"] == "intermediary-contact" and knpp["fighting"] == "frequent"
    assert nucc["actor_a"] == "nucc" and nucc["conflict_code"] == "opposition-platform"
    assert nucc["dialogue_code"] == "active-dialogue" and "GARBLED" in nucc["note"]
    assert nucc["conflict_status"].endswith("represents all group.")


def test_relation_codes_are_documented(data):
    for field in ("conflict_code", "fighting", "dialogue_code"):
        allowed = allowed_values("relations", field)
        assert set(data.relations[field]) <= set(allowed)
        assert set(enum_descriptions("relations", field)) == set(allowed)


# --- institutions ----------------------------------------------------------------------------------


def test_peace_architecture_of_each_period(data):
    inst = _by_id(data.institutions)
    assert {
        "mi-liaison-system",
        "upcc",
        "upwc",
        "mpc",
        "nrpc",
        "peace-commission",
        "jmc",
        "updjc",
        "jicm",
        "upc",
        "nspcc",
        "nspwc",
        "nspc",
    } == set(inst.index)
    assert inst.loc["jicm", "tracks"] == ["1"] and inst.loc["jicm", "functions"] == ["deadlock-breaking"]
    assert inst.loc["jmc", "tracks"] == ["1.5", "2", "3"] == inst.loc["updjc", "tracks"]
    assert inst.loc["upcc", "functions"] == ["decision"] and inst.loc["upwc", "functions"] == ["negotiation"]
    assert "NSPNC" in inst.loc["nspc", "note"]
    assert inst.loc["nrpc", "established"] == pd.Timestamp("2016-05-16")
    assert pd.isna(inst.loc["peace-commission", "established"])


# --- glossary --------------------------------------------------------------------------------------


def test_the_briefs_acronym_list_39_entries_42_acronyms(data):
    listed = data.glossary[data.glossary["in_brief_acronym_list"]]
    assert sorted(listed["term"]) == sorted(PRINTED_ACRONYM_ENTRIES)
    assert len(listed) == 39
    assert sum(len(t.split("/")) for t in listed["term"]) == 42


@pytest.mark.skipif(
    not BRIEF_TEXT.exists() and not os.environ.get("CI"), reason="the brief's text (../shared/source) is not beside this checkout"
)
def test_acronym_count_matches_the_briefs_text(data):
    text = BRIEF_TEXT.read_text(encoding="utf-8")
    block = text[text.index("\nAcronyms\n") :]
    printed = re.findall(r"^- ⇒ ([A-Z/]+):", block, flags=re.M)[:39]
    assert len(printed) == 39 and printed[-1] == "UWSA"
    fixes = {"CPRH": "CRPH", "MNDA": "MNDAA"}
    assert sorted(fixes.get(p, p) for p in printed) == sorted(PRINTED_ACRONYM_ENTRIES)


def test_glossary_has_unlisted_acronyms_and_theory_terms(data):
    g = data.glossary
    unlisted = g[(g["kind"] == "acronym") & ~g["in_brief_acronym_list"]]
    assert set(unlisted["term"]) == UNLISTED_ACRONYMS | AFTER_BRIEF_ACRONYMS
    theory = g[g["kind"] == "theory"]
    assert set(theory["term"]) == THEORY_TERMS
    assert not theory["in_brief_acronym_list"].any()
    assert len(g) == 39 + len(UNLISTED_ACRONYMS) + len(AFTER_BRIEF_ACRONYMS) + len(THEORY_TERMS)


def test_glossary_keeps_the_briefs_misspellings_as_notes(data):
    g = data.glossary.set_index("term")
    assert "CPRH" in g.loc["CRPH", "note"] and "MNDA" in g.loc["MNDAA", "aliases"]
    assert "People Defense Force" in g.loc["PDF", "note"]
    assert "Burmese Socialist Program Party" in g.loc["BSPP", "note"]
    assert "Military Security Affairs" in g.loc["MAS", "note"] and g.loc["MAS", "expansion"] == "Military Security Affairs"
    assert g.loc["AA/ULA", "aliases"] == ["AA", "ULA"]


# --- references ------------------------------------------------------------------------------------


def test_references_cover_every_endnote(data):
    refs = data.references
    cited = refs[refs["endnotes"].map(len) > 0]
    assert len(cited) >= 38
    covered = {n for notes in refs["endnotes"] for n in notes}
    assert covered == set(range(1, 39))
    assert BRIEF in set(refs["key"])
    assert refs["key"].is_unique


def test_every_rows_sources_resolve(data):
    keys = set(data.references["key"])
    for name in TABLES:
        frame = getattr(data, name)
        for _, row in frame.iterrows():
            assert row["source"] in keys, (name, row["id"])
            assert set(row["other_sources"]) <= keys, (name, row["id"])
            assert row["locator"], (name, row["id"])


def test_every_outside_source_is_cited_somewhere(data):
    used = set()
    for name in TABLES:
        frame = getattr(data, name)
        used |= set(frame["source"]) | {k for ks in frame["other_sources"] for k in ks}
    # ... or in a chapter's prose (e.g. the orientation chapter's sources on names)
    for page in sorted((ROOT / "book").rglob("*.md")):
        for keys in re.findall(r"\{cite:[pt]\}`([^`]+)`", page.read_text(encoding="utf-8")):
            used |= {k.strip() for k in keys.split(",")}
    refs = data.references
    outside = set(refs.loc[refs["endnotes"].map(len) == 0, "key"])
    # An entry marked "Duplicate of KEY" (same URL as KEY) is kept only so that an old key still
    # resolves; it must not be cited (audit 2026-12, finding 12: a figure cited to the wrong copy).
    duplicate = set(refs.loc[refs["note"].fillna("").astype(str).str.startswith("Duplicate of "), "key"])
    assert not duplicate & used, sorted(duplicate & used)
    assert outside - duplicate <= used, sorted(outside - duplicate - used)


def test_citation_spellings_are_corrected_with_a_note(data):
    refs = data.references.set_index("key")
    assert "McDonald, John W." in refs.loc["diamond1996multitrack", "authors"]
    assert "MacDonald" in refs.loc["diamond1996multitrack", "note"]
    assert refs.loc["lieberfeld2002evaluating", "authors"] == ["Lieberfeld, Daniel"]
    assert "El Horr, J." in refs.loc["nan2009unofficial", "authors"]
    assert "Aall, Pamela" in refs.loc["saunders1996prenegotiation", "editors"]
    assert "Aall, P." in refs.loc["egeland2003oslo", "editors"]
    assert refs.loc["unsc2000resolution1325", "authors"] == ["United Nations Security Council"]
    assert refs.loc["aapp2021website", "authors"] == ["Assistance Association for Political Prisoners"]
    for key in [
        "diamond1996multitrack",
        "lieberfeld2002evaluating",
        "nan2009unofficial",
        "saunders1996prenegotiation",
        "unsc2000resolution1325",
        "aapp2021website",
    ]:
        assert refs.loc[key, "note"], key


def test_titles_are_plain(data):
    for title in data.references["title"]:
        assert "\\" not in title and "{" not in title and "}" not in title


def test_urls_only_where_given(data):
    """URLs where the brief gives them, and on every source from the fact sheet facts-after-brief.md
    (keys fab-...), which lists each source by its URL."""
    refs = data.references
    fab = refs["key"].str.startswith("fab-")
    assert (refs.loc[fab, "url"] != "").all(), list(refs.loc[fab & (refs["url"] == ""), "key"])
    with_url = set(refs.loc[~fab & (refs["url"] != ""), "key"])
    assert with_url == {
        "palmianofederer2019beyond",
        "aapp2021website",
        "bni2016deciphering",
        "minzawoo2015ten",
        "crisisgroup2021taking",
    }


def test_pybtex_reads_the_same_entries(data):
    pybtex_db = pytest.importorskip("pybtex.database")
    db = pybtex_db.parse_file(str(DEFAULT_DATA_DIR / "references.bib"))
    assert set(db.entries.keys()) == set(data.references["key"])


# --- the data package is the single source of allowed values ------------------------------------


def test_list_patterns_in_the_package_match_their_item_enums():
    package = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for res in package["resources"]:
        for field in res.get("schema", {}).get("fields", []):
            items = field.get("tracktwo", {}).get("itemEnum")
            if items is None:
                continue
            alt = "|".join(re.escape(v) for v in items)
            assert field["constraints"]["pattern"] == f"(?:{alt})(?:;(?:{alt}))*", (res["name"], field["name"])
            checked += 1
    assert checked >= 4


def test_allowed_values_reads_the_package():
    assert allowed_values("events", "precision") == ["day", "month", "year"]
    assert "ceasefire-agreement" in allowed_values("events", "category")
    assert allowed_values("actors", "memberships") == ["fpncc", "nca:2015", "nca:2018"]
    with pytest.raises(KeyError):
        allowed_values("events", "summary")
