"""German default texts for the legal pages, shown until a municipality writes its own.

They are content, not UI: they stay German (marked lang="de") whatever the visitor's language, and are
plain text with paragraphs separated by blank lines, exactly like the texts Koordination writes; a paragraph
starting with "## " opens with a heading (the portal's `page_body` filter)."""

from __future__ import annotations

from dataclasses import dataclass

from teilhabe.core.models import Municipality
from teilhabe.pages.models import LegalPage

Kind = LegalPage.Kind


@dataclass(frozen=True)
class DefaultText:
    title: str
    body: str


_IMPRINT = """\
Herausgeberin dieses Portals ist die Kommune {name}.

Die Kommune hat ihr Impressum hier noch nicht eingetragen. Die vollständigen Angaben nach § 5 des \
Digitale-Dienste-Gesetzes (DDG) und § 18 des Medienstaatsvertrags (MStV) – Anschrift, vertretungsberechtigte \
Person, Kontakt und die für den Inhalt verantwortliche Stelle – finden Sie bis dahin im Impressum der \
Internetseite der Kommune {name}.

Das Portal wird mit der freien Software Teilhabe betrieben."""

_PRIVACY = """\
Verantwortlich für die Verarbeitung personenbezogener Daten in diesem Portal ist die Kommune {name}. \
Die Kommune hat ihre Datenschutzerklärung hier noch nicht eingetragen; die folgenden Angaben beschreiben, \
wie das Portal technisch arbeitet.

Das Portal kommt ohne Werbung, ohne Tracking und ohne Inhalte von fremden Servern aus. Schriften, Bilder \
und Programme werden vom Portal selbst ausgeliefert. Es werden keine Daten an Dritte übermittelt.

Cookies: Das Portal setzt nur technisch notwendige Cookies – eines, das sich Ihre Sprachwahl merkt, und \
eines zum Schutz von Formularen vor Missbrauch (CSRF-Schutz). Rechtsgrundlage ist § 25 Abs. 2 TDDDG.

Barriere melden: Wenn Sie eine Barriere melden, speichern wir Ihre Beschreibung, die betroffene Seite und – \
nur wenn Sie sie freiwillig angeben – Ihre Kontaktdaten, um die Barriere zu beheben und Ihnen zu antworten \
(Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit den Vorschriften zur barrierefreien Informationstechnik).

Ihre Rechte: Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und \
Widerspruch (Art. 15 bis 21 DSGVO) sowie das Recht, sich bei der Datenschutz-Aufsichtsbehörde Ihres Landes \
zu beschweren. Wenden Sie sich dazu an die Kommune {name} und ihre Datenschutzbeauftragte oder ihren \
Datenschutzbeauftragten."""

_ACCESSIBILITY = """\
Die Kommune {name} ist bemüht, dieses Portal im Einklang mit den Vorschriften zur barrierefreien \
Informationstechnik (Richtlinie (EU) 2016/2102, Behindertengleichstellungsgesetze von Bund und Land, \
Barrierefreie-Informationstechnik-Verordnung – BITV 2.0) barrierefrei zugänglich zu machen.

## Stand der Vereinbarkeit mit den Anforderungen

Das Portal wurde nach den Anforderungen der WCAG 2.1 auf Stufe AA (EN 301 549) entwickelt und wird \
automatisiert geprüft. Eine vollständige Prüfung durch eine unabhängige Stelle steht noch aus; bis dahin \
gilt das Portal als teilweise mit den Anforderungen vereinbar.

## Nicht barrierefreie Inhalte

Die Kommune hat hier noch keine bekannten Einschränkungen eingetragen. Inhalte, die von Vereinen und \
Organisationen eingestellt werden, können Barrieren enthalten.

## Erstellung dieser Erklärung

Diese Erklärung ist eine Vorlage der Software Teilhabe. Die Kommune {name} ergänzt sie mit dem Datum und \
der Methode ihrer Prüfung.

## Feedback und Kontaktangaben

Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten dieses Portals aufgefallen? Dann melden Sie uns \
die Barriere über das Formular „Barriere melden“ (Link am Ende jeder Seite). Die Koordinierungsstelle der \
Kommune {name} bearbeitet Ihre Meldung und antwortet Ihnen, wenn Sie Kontaktdaten angeben.

## Schlichtungsverfahren

Wenn auch nach Ihrem Feedback an uns keine zufriedenstellende Lösung gefunden wurde, können Sie sich an \
die Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG) wenden. Die Schlichtungsstelle \
BGG hat die Aufgabe, bei Konflikten zum Thema Barrierefreiheit zwischen Menschen mit Behinderungen und \
öffentlichen Stellen eine außergerichtliche Streitbeilegung zu unterstützen. Das Schlichtungsverfahren \
ist kostenlos. Es muss kein Rechtsbeistand eingeschaltet werden.

Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung \
für die Belange von Menschen mit Behinderungen
Mauerstraße 53, 10117 Berlin
Telefon: 030 18 527-2805
E-Mail: info@schlichtungsstelle-bgg.de
Internet: www.schlichtungsstelle-bgg.de

Ist für die Kommune eine Schlichtungs- oder Durchsetzungsstelle des Landes zuständig, nennt die Kommune \
sie hier."""

_EASY_LANGUAGE = """\
Das ist das Portal von {name}.

## Was finden Sie hier?

Hier finden Sie Informationen für Menschen, die neu in {name} sind.
Und für alle Menschen, die hier leben.

Es gibt Informationen zu:
Angeboten, zum Beispiel Sprach-Kurse und Beratung.
Terminen und Festen.

## Andere Sprache

Sie können die Sprache wechseln.
Das geht oben auf jeder Seite.

## Haben Sie ein Problem?

Gibt es auf einer Seite ein Problem für Sie?
Zum Beispiel: Sie können etwas nicht lesen.
Dann sagen Sie uns Bescheid.
Dafür gibt es unten auf jeder Seite den Link: Barriere melden."""

_SIGN_LANGUAGE = """\
Hier stellt die Kommune {name} Informationen in Deutscher Gebärdensprache (DGS) bereit.

Die Videos in Gebärdensprache werden gerade erstellt. Bis dahin können Sie sich mit Fragen schriftlich an \
die Kommune {name} wenden oder uns über das Formular „Barriere melden“ schreiben, welche Informationen Sie \
in Gebärdensprache brauchen."""

_DEFAULTS: dict[str, tuple[str, str]] = {
    Kind.IMPRINT: ("Impressum", _IMPRINT),
    Kind.PRIVACY: ("Datenschutzerklärung", _PRIVACY),
    Kind.ACCESSIBILITY: ("Erklärung zur Barrierefreiheit", _ACCESSIBILITY),
    Kind.EASY_LANGUAGE: ("Informationen in Leichter Sprache", _EASY_LANGUAGE),
    Kind.SIGN_LANGUAGE: ("Informationen in Deutscher Gebärdensprache", _SIGN_LANGUAGE),
}


def default_text(kind: str, municipality: Municipality) -> DefaultText:
    """The German default for a kind of legal page, naming the municipality."""
    title, body = _DEFAULTS[kind]
    return DefaultText(title=title, body=body.replace("{name}", municipality.name))
