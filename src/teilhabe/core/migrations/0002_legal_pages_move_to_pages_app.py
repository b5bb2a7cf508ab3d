# LegalPage and BarrierReport moved to the pages app (teilhabe.pages). Their tables stay where they are
# (core_legalpage, core_barrierreport): core forgets the models here, pages/0001 takes them over. Nothing
# happens in the database.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='BarrierReport'),
                migrations.DeleteModel(name='LegalPage'),
            ],
            database_operations=[],
        ),
    ]
