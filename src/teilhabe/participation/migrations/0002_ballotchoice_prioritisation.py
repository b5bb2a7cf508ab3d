"""A ballot choice names its prioritisation (from its ballot), with the index the tally reads."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    BallotChoice = apps.get_model("participation", "BallotChoice")
    Ballot = apps.get_model("participation", "Ballot")
    BallotChoice.objects.update(prioritisation_id=models.Subquery(
        Ballot.objects.filter(pk=models.OuterRef("ballot_id")).values("prioritisation_id")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("participation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="ballotchoice",
            name="prioritisation",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="participation.prioritisation"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ballotchoice",
            name="prioritisation",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="participation.prioritisation"),
        ),
        migrations.AddIndex(
            model_name="ballotchoice",
            index=models.Index(fields=["prioritisation", "proposal", "municipality", "points", "rank"],
                               name="ballotchoice_tally"),
        ),
    ]
