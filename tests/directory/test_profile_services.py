"""Saving profiles: editors of untrusted organisations propose, Koordination publishes or returns; trusted
organisations publish directly; editors are confined to their own organisation; bad input changes nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.directory import selectors, services
from teilhabe.directory.models import OrganisationProfile
from teilhabe.moderation import selectors as moderation_selectors
from teilhabe.moderation import services as moderation
from teilhabe.moderation.models import Revision
from teilhabe.plans.models import TargetGroup

pytestmark = pytest.mark.django_db


def _values(**extra: Any) -> dict[str, Any]:
    return {"short_description": "Beratung und Treffpunkt für Familien.",
            "description": "<h2>Wer wir sind</h2><p>Ein Verein.</p>", "languages": ["de", "ar"],
            "fields_of_activity": ["family", "counselling"], "district": "Bergheim", **extra}


def png(size: tuple[int, int] = (800, 400), fmt: str = "PNG", **save: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt, **save)
    return out.getvalue()


def test_an_untrusted_editor_proposes_and_koordination_publishes(profile: OrganisationProfile, editor_actor: Actor,
                                                                  coord_actor: Actor) -> None:
    saved = services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version,
                                  values=_values())
    assert saved.revision is not None and saved.revision.state == Revision.State.PENDING
    profile.refresh_from_db()
    assert profile.short_description == "" and not profile.published
    assert selectors.published_profile(profile.organisation_id) is None
    assert list(moderation_selectors.queue()) == [saved.revision]

    moderation.publish(actor=coord_actor, revision=saved.revision)
    shown = selectors.published_profile(profile.organisation_id)
    assert shown is not None and shown.short_description == "Beratung und Treffpunkt für Familien."
    assert shown.languages == ["de", "ar"]
    saved.revision.refresh_from_db()
    assert saved.revision.state == Revision.State.PUBLISHED
    # Every version is kept: the revision and the audit trail of the profile.
    assert AuditEntry.objects.filter(object_type="directory.organisationprofile", object_id=profile.pk,
                                     action=AuditEntry.Action.UPDATE).exists()


def test_returned_with_a_comment_the_editor_sees_it_and_resubmits(profile: OrganisationProfile,
                                                                  editor_actor: Actor, coord_actor: Actor) -> None:
    first = services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version,
                                  values=_values()).revision
    assert first is not None
    with pytest.raises(ServiceError):
        moderation.return_revision(actor=coord_actor, revision=first, comment="  ")
    moderation.return_revision(actor=coord_actor, revision=first, comment="Bitte den Stadtteil prüfen.")
    latest = moderation_selectors.latest_by_object("directory.organisationprofile", [profile.pk])[profile.pk]
    assert latest.state == Revision.State.RETURNED and latest.comment == "Bitte den Stadtteil prüfen."
    with pytest.raises(ServiceError):  # decided already
        moderation.publish(actor=coord_actor, revision=first)
    second = services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version,
                                   values=_values(district="Weststadt")).revision
    assert second is not None and second.state == Revision.State.PENDING
    moderation.publish(actor=coord_actor, revision=second)
    profile.refresh_from_db()
    assert profile.district == "Weststadt" and profile.published


def test_a_newer_proposal_supersedes_the_pending_one(profile: OrganisationProfile, editor_actor: Actor) -> None:
    first = services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version,
                                  values=_values()).revision
    second = services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version,
                                   values=_values(district="Altstadt")).revision
    assert first is not None and second is not None
    first.refresh_from_db()
    assert first.state == Revision.State.SUPERSEDED
    assert list(moderation_selectors.queue()) == [second]


def test_a_trusted_organisation_publishes_directly(profile: OrganisationProfile, editor_actor: Actor,
                                                   coord_actor: Actor) -> None:
    saved = services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version,
                                  values={}, trusted=True)
    profile = saved.profile
    assert profile.trusted
    saved = services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version,
                                  values=_values())
    assert saved.published_directly
    assert selectors.published_profile(profile.organisation_id) is not None
    assert moderation_selectors.pending_count() == 0


def test_editors_may_not_touch_another_organisation(other_profile: OrganisationProfile, editor_actor: Actor,
                                                    profile: OrganisationProfile) -> None:
    with pytest.raises(NotAllowed):
        services.save_profile(actor=editor_actor, profile=other_profile, expected_version=other_profile.version,
                              values=_values())
    with pytest.raises(NotAllowed):  # trust and publishing are Koordination's
        services.save_profile(actor=editor_actor, profile=profile, expected_version=profile.version, values={},
                              trusted=True)
    with pytest.raises(NotAllowed):
        moderation.publish(actor=editor_actor, revision=services.save_profile(
            actor=editor_actor, profile=profile, expected_version=profile.version, values=_values()).revision)
    assert Revision.objects.filter(object_id=other_profile.pk).count() == 0


def test_hostile_html_is_sanitised_and_inaccessible_html_refused(profile: OrganisationProfile,
                                                                 coord_actor: Actor) -> None:
    saved = services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version, values={
        "description": '<p onclick="x()">Hallo<script>alert(1)</script></p><img src=x onerror=alert(1)>'})
    assert saved.profile.description == "<p>Hallo</p>"
    with pytest.raises(ValidationError) as info:
        services.save_profile(actor=coord_actor, profile=saved.profile, expected_version=saved.profile.version,
                              values={"description": '<p><a href="https://example.org">hier</a></p>'})
    assert "description" in info.value.message_dict


def test_forged_target_groups_and_unknown_codes_change_nothing(profile: OrganisationProfile, coord_actor: Actor,
                                                               other_municipality: Municipality) -> None:
    from teilhabe.core.tenancy import municipality_scope

    with municipality_scope(other_municipality):
        foreign = TargetGroup.objects.create(municipality=other_municipality, name="Fremde Gruppe")
    for bad in ({"target_groups": [foreign.pk]}, {"target_groups": ["x"]}, {"languages": ["xx"]},
                {"fields_of_activity": ["hacking"]}, {"links": [{"label": "a", "url": "javascript:alert(1)"}]},
                {"trusted": True}):
        with pytest.raises(ValidationError):
            services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version, values=bad)
    profile.refresh_from_db()
    assert profile.version == 1 and not profile.trusted


def test_a_logo_is_resized_and_reencoded_without_metadata(profile: OrganisationProfile, coord_actor: Actor) -> None:
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    upload = SimpleUploadedFile("logo.jpg", png((2000, 1000), "JPEG", exif=exif.tobytes()) + b"PAYLOAD<?php ?>")
    saved = services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version,
                                  values={"logo_alt": "Logo des Vereins"}, logo=upload)
    with saved.profile.logo.open("rb") as stored:
        data = stored.read()
    assert b"PAYLOAD" not in data and b"secret" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and max(image.size) == 512


@pytest.mark.parametrize("content", [b"<?php system($_GET['c']); ?>", b"GIF89a" + b"\x00" * 50,
                                     b"%PDF-1.4 not a logo"])
def test_a_file_that_is_no_image_is_refused(profile: OrganisationProfile, coord_actor: Actor, content: bytes) -> None:
    with pytest.raises(ValidationError) as info:
        services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version,
                              values={"logo_alt": "Logo"}, logo=SimpleUploadedFile("logo.png", content))
    assert "logo" in info.value.message_dict
    profile.refresh_from_db()
    assert not profile.logo and profile.version == 1


def test_a_huge_upload_and_a_missing_alt_text_are_refused(profile: OrganisationProfile, coord_actor: Actor) -> None:
    huge = SimpleUploadedFile("logo.png", png() + b"\x00" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError) as info:
        services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version,
                              values={"logo_alt": "Logo"}, logo=huge)
    assert "5 MB" in str(info.value)
    with pytest.raises(ValidationError) as info:
        services.save_profile(actor=coord_actor, profile=profile, expected_version=profile.version,
                              values={"logo_alt": ""}, logo=SimpleUploadedFile("logo.png", png()))
    assert "logo_alt" in info.value.message_dict
    profile.refresh_from_db()
    assert not profile.logo


def test_a_stale_version_is_a_conflict(profile: OrganisationProfile, coord_actor: Actor) -> None:
    from teilhabe.core.errors import ConcurrentEdit

    services.save_profile(actor=coord_actor, profile=profile, expected_version=1, values=_values())
    with pytest.raises(ConcurrentEdit):
        services.save_profile(actor=coord_actor, profile=profile, expected_version=1, values=_values(district="X"))
