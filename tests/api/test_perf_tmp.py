import time
from bench.plan import build_plan
from django.db import connection
from django.test.utils import CaptureQueriesContext
def test_perf(client, db):
    d = build_plan()
    client.force_login(d.user)
    for path in [f"/api/v1/{d.slug}/editions/{d.edition_id}/tree", f"/api/v1/{d.slug}/measures?ordering=title&page=3",
                 f"/api/v1/{d.slug}/measures?page_size=200&ordering=-lead", f"/api/v1/{d.slug}/plans"]:
        client.get(path)
        best = 1e9
        for _ in range(3):
            t = time.perf_counter()
            with CaptureQueriesContext(connection) as c:
                r = client.get(path)
            best = min(best, time.perf_counter() - t)
        print(path, r.status_code, round(best * 1000), "ms", len(c.captured_queries), "queries", len(r.content))
