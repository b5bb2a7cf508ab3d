from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from teilhabe.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Legt die Demokommunen (Heidelberg, Waiblingen, Herdecke) mit Plänen, Maßnahmen und Demo-Zugängen an. "
        "Vorhandene Kommunen bleiben unverändert; der Befehl kann beliebig oft laufen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Adresse, unter der die Zugänge angezeigt werden",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        for slug in result.created:
            self.stdout.write(f"Demokommune /{slug}/ angelegt.")
        for slug in result.skipped:
            self.stdout.write(f"Kommune /{slug}/ gibt es schon – unverändert gelassen.")
        base = options["base_url"].rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(
            "Demo-Zugänge (nur zum Ausprobieren – das Passwort ist öffentlich bekannt):"))
        self.stdout.write(f"  Anmeldung: {base}/konto/anmelden/    Passwort für alle: {DEMO_PASSWORD}")
        user_width = max(len(login.username) for login in result.logins)
        role_width = max(len(login.role) for login in result.logins)
        for login in result.logins:
            self.stdout.write(
                f"  {login.username.ljust(user_width)}  {login.role.ljust(role_width)}  {base}{login.url}")
