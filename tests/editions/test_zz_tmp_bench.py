import time
from teilhabe.plans import services
from teilhabe.plans.editions import start_new_edition, compare_editions
from tests.editions.conftest import build_bulk

def test_bench(coord_actor, municipality, edition):
    big = services.create_plan(actor=coord_actor, municipality=municipality, title="G").editions.get()
    build_bulk(big, fields=50, goals_per_field=20, measures_per_goal=10)
    t = time.perf_counter()
    new = start_new_edition(actor=coord_actor, edition=big, name="N")
    t1 = time.perf_counter()
    third = start_new_edition(actor=coord_actor, edition=new, name="N3")
    t2 = time.perf_counter()
    r = compare_editions(big, third)
    t3 = time.perf_counter()
    print(f"\nCOPY {t1-t:.2f}s COPY2 {t2-t1:.2f} COMPARE {t3-t2:.2f}s", r.measures.unchanged)
