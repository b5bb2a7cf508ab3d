"""The REST API (django-ninja): one router per domain, mounted under /api/v1/<municipality>/…"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    description="REST-API von Teilhabe. Alle Pfade enthalten die Kurzbezeichnung der Kommune.",
    urls_namespace="api",
    docs_url="/docs",
)
