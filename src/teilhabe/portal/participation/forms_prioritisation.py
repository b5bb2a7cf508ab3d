"""Forms of the public prioritisation pages: the ballot (number inputs for points, rank selects for a ranking)
and the request for a ballot link by e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.participation.models import Prioritisation, Proposal


class BallotForm(KernForm):
    """One field per proposal: points (0 … the limit) or a rank (none, 1 … n). The service checks the whole
    ballot (the sum, ranks without gaps) and says what is wrong."""

    def __init__(self, *args: Any, prioritisation: Prioritisation, proposals: Sequence[Proposal],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_fields: list[str] = []
        n = len(proposals)
        for proposal in proposals:
            name = f"p{proposal.pk}"
            if prioritisation.method == Prioritisation.Method.RANKING:
                self.fields[name] = forms.TypedChoiceField(
                    label=proposal.title, required=False, coerce=int, empty_value=None,
                    choices=[("", _("kein Rang")), *((r, _("Rang %(r)s") % {"r": r}) for r in range(1, n + 1))])
            else:
                limit = prioritisation.max_points_per_proposal or prioritisation.points_per_person
                self.fields[name] = forms.IntegerField(
                    label=proposal.title, required=False, min_value=0, max_value=limit,
                    widget=forms.NumberInput(attrs={"data-ballot-points": "", "inputmode": "numeric"}))
            self.choice_fields.append(name)

    def choices(self) -> dict[int, Any]:
        return {int(name[1:]): self.cleaned_data.get(name) for name in self.choice_fields}


class BallotLinkForm(KernForm):
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=254,
                             help_text=_("Wir schicken Ihnen einen Link zu Ihrem Stimmzettel. Die Adresse speichern "
                                         "wir nicht; wir merken uns nur, dass mit ihr abgestimmt wurde."))
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))  # a field only bots fill in

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))
