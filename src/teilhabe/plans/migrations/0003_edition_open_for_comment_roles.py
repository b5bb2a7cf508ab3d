# A draft edition can be opened for comment („zur Beratung freigegeben“) to chosen roles.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0002_measure_title_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='edition',
            name='open_for_comment_roles',
            field=models.JSONField(blank=True, default=list, verbose_name='zur Beratung freigegeben für'),
        ),
    ]
