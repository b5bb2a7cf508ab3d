# LegalPage and BarrierReport, taken over from core (see core/0002): the models keep their tables
# (core_legalpage, core_barrierreport) and rows, so only the migration state is created here. Afterwards the
# audit trail and the content types name the models by their new app label (pages.legalpage, …).

import django.db.models.deletion
from django.db import migrations, models

import teilhabe.core.validators

MOVED = ['legalpage', 'barrierreport']


def _relabel(apps, schema_editor, old, new):
    AuditEntry = apps.get_model('core', 'AuditEntry')
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    for model in MOVED:
        AuditEntry.objects.using(db).filter(object_type=f'{old}.{model}').update(object_type=f'{new}.{model}')
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, 'core', 'pages')


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, 'pages', 'core')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0002_legal_pages_move_to_pages_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BarrierReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('page_url', models.CharField(blank=True, max_length=500, validators=[teilhabe.core.validators.validate_no_markup], verbose_name='Seite')),
                        ('description', models.TextField(max_length=5000, validators=[teilhabe.core.validators.validate_no_markup], verbose_name='Beschreibung der Barriere')),
                        ('contact', models.CharField(blank=True, max_length=200, validators=[teilhabe.core.validators.validate_no_markup], verbose_name='Kontakt (freiwillig)')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.municipality')),
                    ],
                    options={
                        'verbose_name': 'Barrieremeldung',
                        'verbose_name_plural': 'Barrieremeldungen',
                        'db_table': 'core_barrierreport',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='LegalPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('impressum', 'Impressum'), ('datenschutz', 'Datenschutz'), ('barrierefreiheit', 'Erklärung zur Barrierefreiheit'), ('leichte-sprache', 'Leichte Sprache'), ('gebaerdensprache', 'Gebärdensprache')], max_length=20)),
                        ('language', models.CharField(default='de', max_length=10)),
                        ('title', models.CharField(max_length=200, validators=[teilhabe.core.validators.validate_no_markup], verbose_name='Titel')),
                        ('body', models.TextField(help_text='Absätze durch Leerzeilen trennen.', validators=[teilhabe.core.validators.validate_no_markup], verbose_name='Text')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.municipality')),
                    ],
                    options={
                        'verbose_name': 'Pflichtseite',
                        'verbose_name_plural': 'Pflichtseiten',
                        'db_table': 'core_legalpage',
                        'constraints': [models.UniqueConstraint(fields=('municipality', 'kind', 'language'), name='legalpage_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
