"""Short citations: one, two, three authors; names without commas; no author at all."""

import pandas as pd

from tracktwo.citations import short_citation, short_citations


def test_author_counts():
    assert short_citation(["Burton, John W."], 1969) == "Burton (1969)"
    assert short_citation(["Pring, Jamie", "Palmiano Federer, Julia"], "2020") == "Pring and Palmiano Federer (2020)"
    assert short_citation(["Jones, Peter", "Min Zaw Oo", "Palmiano Federer, Julia"], 2021) == "Jones et al. (2021)"


def test_bibtex_and_others_reads_et_al():
    assert short_citation(["Coleman, Peter T.", "others"], 2008) == "Coleman et al. (2008)"


def test_undated_sources_are_told_apart_by_title():
    assert short_citation(["Wikipedia"], None, "1962 Burmese coup d'etat") == 'Wikipedia, "1962 Burmese coup d\'etat" (n.d.)'


def test_names_without_commas_and_missing_parts():
    assert short_citation(["Min Zaw Oo"], 2014) == "Min Zaw Oo (2014)"
    assert short_citation(["{Crisis Group}"], 2021) == "Crisis Group (2021)"
    assert (
        short_citation([], None, "An Agenda for Peace: Preventive Diplomacy, Peacemaking")
        == "An Agenda for Peace: Preventive... (n.d.)"
    )


def test_every_key_in_the_real_bibliography_gets_a_citation():
    from tracktwo.data import load_references

    refs = load_references()
    cites = short_citations(refs)
    assert set(cites) == set(refs["key"])
    assert cites["jones2021myanmar"] == "Jones et al. (2021)"
    assert all(c.endswith(")") and "(" in c for c in cites.values())


def test_editors_stand_in_for_missing_authors():
    refs = pd.DataFrame([{"key": "k", "authors": [], "editors": ["Crocker, Chester"], "year": "1996", "title": "T"}])
    assert short_citations(refs) == {"k": "Crocker (1996)"}


def test_a_bracketed_title_is_a_description_and_a_missing_title_is_never_shown():
    """The bibliography writes "[...]" for a page whose title it describes, and "[title not returned:
    slug ...]" where the page gave none: neither is shown as if it were the page's title."""
    assert short_citation(["The Irrawaddy"], None, "[title not returned: slug nine-police-dead]") == (
        "The Irrawaddy, untitled web page (n.d.)"
    )
    assert short_citation(["Wikipedia"], None, "[Current events archive, 30 March 2016]") == (
        "Wikipedia, Current events archive, 30 March 2016 (n.d.)"
    )
