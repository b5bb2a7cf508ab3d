"""The municipality's calendar: engine result + variants + Bundesland + overrides + own − hidden."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from teilhabe.calendar import engine, selectors, services
from teilhabe.calendar.models import CalendarSettings, DateOverride, HiddenObservance, OwnObservance
from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry
from teilhabe.core.tenancy import actor_for


def _version(municipality):
    """The calendar version a form would show (and send back)."""
    return selectors.calendar_setup(municipality).version


def by_key(occurrences):
    result = {}
    for o in occurrences:
        result.setdefault(o.key, []).append(o)
    return result


def test_without_adjustments_it_is_the_engine_year_for_the_land(municipality):
    assert selectors.observances_for(municipality, 2026) == engine.compute_year(2026, land="BW")


def test_statutory_holidays_follow_the_municipalitys_land(municipality, other_municipality):
    # Heilige Drei Könige is a holiday in Baden-Württemberg, not in Nordrhein-Westfalen.
    bw = by_key(selectors.observances_for(municipality, 2026))["epiphany"][0]
    nw = by_key(selectors.observances_for(other_municipality, 2026))["epiphany"][0]
    assert (bw.is_statutory_holiday, nw.is_statutory_holiday) == (True, False)
    assert selectors.statutory_holidays(municipality, 2026)[dt.date(2026, 1, 6)] == "Heilige Drei Könige"


def test_variants_change_the_dates(municipality, coord_actor):
    assert by_key(selectors.observances_for(municipality, 2026))["ramadan-start"][0].date == dt.date(2026, 2, 19)
    services.set_variants(actor=coord_actor, municipality=municipality, expected_version=_version(municipality),
                          variants={"islamic": "umm-al-qura", "orthodox-christmas": "armenian"})
    year = by_key(selectors.observances_for(municipality, 2026))
    assert year["ramadan-start"][0].date == dt.date(2026, 2, 18)
    assert year["ramadan-start"][0].variant == "umm-al-qura"
    assert year["orthodox-christmas"][0].date == dt.date(2026, 1, 6)
    # Defaults are not stored: choosing them again empties the choice.
    services.set_variants(actor=coord_actor, municipality=municipality, expected_version=_version(municipality),
                          variants={"islamic": "diyanet", "orthodox-christmas": "julian"})
    assert CalendarSettings.objects.get(municipality=municipality).variants == {}


def test_unknown_variant_is_refused(municipality, coord_actor):
    with pytest.raises(ServiceError):
        services.set_variants(actor=coord_actor, municipality=municipality, expected_version=1,
                              variants={"islamic": "lunar"})
    with pytest.raises(ServiceError):
        services.set_variants(actor=coord_actor, municipality=municipality, expected_version=1,
                              variants={"nope": "diyanet"})


def test_variant_groups_cover_every_engine_choice():
    groups = selectors.variant_groups()
    assert {"islamic", "orthodox-christmas", "nowruz", "vesak", "vaisakhi"} <= set(groups)
    for key, group in groups.items():
        assert engine.variant_choices()[key] == group.choices
        assert all(group.choice_label(c) != c for c in group.choices), f"label missing for {key}"


def test_override_moves_the_date_keeps_the_span_and_ends_provisional(municipality, coord_actor):
    computed = by_key(selectors.observances_for(municipality, 2027))["eid-al-fitr"][0]
    assert computed.provisional and computed.days == 3
    first = services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="eid-al-fitr",
                                       expected_version=0, year=2027, date=computed.date + dt.timedelta(days=1),
                                       note="Bekanntgabe der DITIB")
    moved = by_key(selectors.observances_for(municipality, 2027))["eid-al-fitr"][0]
    assert moved.date == computed.date + dt.timedelta(days=1)
    assert moved.days == 3 and not moved.provisional
    setup = selectors.calendar_setup(municipality)
    assert setup.note("eid-al-fitr", 2027) == "Bekanntgabe der DITIB"
    # Setting it again replaces the override; an explicit end date shortens the span.
    services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="eid-al-fitr",
                               expected_version=first.version, year=2027, date=computed.date,
                               end_date=computed.date + dt.timedelta(days=1))
    assert DateOverride.objects.of(municipality).count() == 1
    assert by_key(selectors.observances_for(municipality, 2027))["eid-al-fitr"][0].days == 2
    # Other years are untouched.
    assert by_key(selectors.observances_for(municipality, 2028))["eid-al-fitr"][0].provisional


def test_override_is_checked(municipality, coord_actor):
    with pytest.raises(ServiceError, match="im Jahr 2027"):
        services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="eid-al-fitr",
                                   expected_version=0, year=2027, date=dt.date(2026, 3, 20))
    with pytest.raises(ServiceError, match="gibt es nicht"):
        services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="no-such-day",
                                   expected_version=0, year=2027, date=dt.date(2027, 3, 20))
    with pytest.raises(ServiceError, match="zwischen 1900 und 2100"):
        services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="easter",
                                   expected_version=0, year=2101, date=dt.date(2101, 3, 27))
    with pytest.raises(ServiceError, match="letzte Tag"):
        services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="easter",
                                   expected_version=0, year=2027, date=dt.date(2027, 3, 28),
                                   end_date=dt.date(2027, 3, 27))
    assert not DateOverride.objects.exists()


def test_delete_override_restores_the_computed_date(municipality, coord_actor):
    override = services.set_date_override(actor=coord_actor, municipality=municipality, expected_version=0,
                                          observance_key="ashura", year=2026, date=dt.date(2026, 6, 26))
    services.delete_date_override(actor=coord_actor, override=override, expected_version=override.version)
    assert selectors.observances_for(municipality, 2026) == engine.compute_year(2026, land="BW")


def test_hidden_observances_are_left_out(municipality, coord_actor):
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="first-advent")
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="first-advent")  # no-op
    assert HiddenObservance.objects.of(municipality).count() == 1
    keys = {o.key for o in selectors.observances_for(municipality, 2026)}
    assert "first-advent" not in keys
    assert "first-advent" in {o.key for o in selectors.observances_for(municipality, 2026, include_hidden=True)}
    services.unhide_observance(actor=coord_actor, municipality=municipality, observance_key="first-advent")
    assert "first-advent" in {o.key for o in selectors.observances_for(municipality, 2026)}


def test_own_observance_with_a_fixed_day(municipality, own_observance):
    occurrence = by_key(selectors.observances_for(municipality, 2026))["fest-der-kulturen"][0]
    assert (occurrence.date, occurrence.end_date) == (dt.date(2026, 6, 14), dt.date(2026, 6, 15))
    assert occurrence.names["ar"] == "مهرجان الثقافات"
    assert occurrence.community == "eigene-stadtgesellschaft"
    setup = selectors.calendar_setup(municipality)
    assert setup.community("eigene-stadtgesellschaft").name_de == "Stadtgesellschaft"
    assert "eigene-stadtgesellschaft" in {c.key for c in selectors.used_communities(setup)}
    assert setup.description("fest-der-kulturen") == "Das Fest aller Vereine auf dem Marktplatz."


def test_own_observance_with_dates_per_year_in_an_existing_community(municipality, coord_actor):
    services.create_own_observance(actor=coord_actor, municipality=municipality, values={
        "key": "iftar-am-rathaus", "names": {"de": "Iftar am Rathaus"}, "community": "islamic",
        "rule": OwnObservance.Rule.DATES, "dates": [dt.date(2026, 3, 7), dt.date(2027, 2, 27)], "length_days": 1,
    })
    assert [o.date for o in selectors.observances_for(municipality, 2026, communities=["islamic"])
            if o.key == "iftar-am-rathaus"] == [dt.date(2026, 3, 7)]
    assert "iftar-am-rathaus" not in {o.key for o in selectors.observances_for(municipality, 2028)}


def test_community_filter(municipality, own_observance):
    result = selectors.observances_for(municipality, 2026, communities=["jewish", "eigene-stadtgesellschaft"])
    assert {o.community for o in result} == {"jewish", "eigene-stadtgesellschaft"}
    assert "pesach" in {o.key for o in result}


@pytest.mark.parametrize(("values", "field"), [
    ({"key": "easter"}, "key"),
    ({"names": {"en": "Only English"}}, "names"),
    ({"names": {"de": "<script>alert(1)</script>"}}, "names"),
    ({"month": 2, "day": 29}, "day"),
    ({"month": None}, "day"),
    ({"community": "", "own_community": ""}, "own_community"),
    ({"community": "martians"}, "community"),
    ({"length_days": 0}, "length_days"),
    ({"rule": OwnObservance.Rule.DATES, "dates": []}, "dates"),
    ({"rule": OwnObservance.Rule.DATES, "dates": ["1850-01-01"]}, "dates"),
])
def test_own_observance_is_validated(municipality, coord_actor, values, field):
    base = {"key": "mein-tag", "names": {"de": "Mein Tag"}, "community": "international", "own_community": "",
            "rule": OwnObservance.Rule.FIXED, "month": 5, "day": 3, "length_days": 1}
    with pytest.raises(ValidationError) as error:
        services.create_own_observance(actor=coord_actor, municipality=municipality, values={**base, **values})
    assert field in error.value.message_dict
    assert not OwnObservance.objects.exists()


def test_changing_an_own_key_carries_overrides_and_hiding_along(municipality, coord_actor, own_observance):
    services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="fest-der-kulturen",
                               expected_version=0, year=2026, date=dt.date(2026, 6, 20))
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="fest-der-kulturen")
    updated = services.update_own_observance(actor=coord_actor, observance=own_observance,
                                             expected_version=own_observance.version, values={"key": "kulturfest"})
    setup = selectors.calendar_setup(municipality)
    assert ("kulturfest", 2026) in setup.overrides and "kulturfest" in setup.hidden
    services.delete_own_observance(actor=coord_actor, observance=updated, expected_version=updated.version)
    setup = selectors.calendar_setup(municipality)
    assert not setup.overrides and not setup.hidden and not setup.own


def test_every_change_is_audited_and_bumps_the_version(municipality, coord_actor, own_observance):
    version = selectors.calendar_setup(municipality).version
    services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="easter", year=2027,
                               expected_version=0, date=dt.date(2027, 3, 28))
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="ashura")
    services.set_variants(actor=coord_actor, municipality=municipality, expected_version=version + 2,
                          variants={"nowruz": "fixed-21-march"})
    assert selectors.calendar_setup(municipality).version == version + 3
    types = list(AuditEntry.objects.of(municipality).values_list("object_type", flat=True))
    assert {"calendar.ownobservance", "calendar.dateoverride", "calendar.hiddenobservance",
            "calendar.calendarsettings"} <= set(types)


def test_only_koordination_of_the_same_municipality_may_change(municipality, fachstelle, lesend, foreign_user,
                                                               other_municipality, coord_actor):
    for user, where in [(fachstelle, municipality), (lesend, municipality), (foreign_user, other_municipality)]:
        actor = actor_for(user, where)
        with pytest.raises(NotAllowed):
            services.hide_observance(actor=actor, municipality=municipality, observance_key="easter")
        with pytest.raises(NotAllowed):
            services.set_variants(actor=actor, municipality=municipality, expected_version=1, variants={})
    assert not AuditEntry.objects.filter(object_type__startswith="calendar.").exists()


def test_setup_reads_a_fixed_number_of_queries(municipality, coord_actor, django_assert_num_queries):
    for year in range(2020, 2030):
        services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="easter",
                                   expected_version=0, year=year, date=dt.date(year, 4, 1))
    with django_assert_num_queries(4):
        setup = selectors.calendar_setup(municipality)
        selectors.observances_between(municipality, 2020, 2029, setup=setup)
