"""The data protection authorities as a picker (kicheck/authorities.py)."""

import pytest

from kicheck.authorities import authority_options, chosen_authority, country_name


def test_laender_first_then_countries(kb):
    """The 16 German Länder come first, then the 30 EU/EEA countries; every option resolves to its record."""
    options = authority_options(kb, "de")
    assert [o.group for o in options] == ["land"] * 16 + ["country"] * 30
    assert all(chosen_authority(kb, o.id) is not None for o in options)


@pytest.mark.parametrize(
    ("lang", "lands", "countries"),
    [
        ("de", ["Baden-Württemberg", "Bayern", "Berlin"], ["Belgien", "Bulgarien", "Dänemark"]),
        ("en", ["Baden-Württemberg", "Bavaria", "Berlin"], ["Austria", "Belgium", "Bulgaria"]),
    ],
)
def test_sorted_by_name_in_the_page_language(kb, lang, lands, countries):
    """Each group is sorted by the region's name as the page's language spells it."""
    options = authority_options(kb, lang)
    assert [o.region for o in options[:3]] == lands
    assert [o.region for o in options[16:19]] == countries


def test_umlauts_sort_like_their_base_letter(kb):
    """Österreich sits between Norwegen and Polen, where a German reader looks for it."""
    regions = [o.region for o in authority_options(kb, "de") if o.group == "country"]
    assert regions.index("Norwegen") + 1 == regions.index("Österreich") == regions.index("Polen") - 1


def test_label_names_region_and_authority(kb):
    """A picker entry names the region first, then the authority, so people find their own."""
    options = {o.id: o for o in authority_options(kb, "en")}
    assert options["de-hh"].label.startswith("Hamburg – Hamburg Commissioner for Data Protection")
    assert options["ie"].label.startswith("Ireland – Data Protection Commission")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("de-hh", "de-hh"),
        (" DE-HH ", "de-hh"),  # as typed into a link
        ("ie", "ie"),
        (None, None),  # nothing chosen: no default the person never chose
        ("", None),
        ("xx", None),  # unknown: the page says so
    ],
)
def test_chosen_authority(kb, given, expected):
    """The authority chosen is found by its id (as typed into a link too); an unknown or empty choice gives none,
    never a default the person did not choose."""
    chosen = chosen_authority(kb, given)
    assert (chosen.id if chosen else None) == expected


def test_country_names_come_from_cldr():
    """Country names come from Babel's CLDR data in the page's language, not from hand-written lists."""
    assert (country_name("AT", "de"), country_name("AT", "en")) == ("Österreich", "Austria")
