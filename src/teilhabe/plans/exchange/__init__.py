"""Plan exchange: a municipality's measure list in and out as XLSX, a whole plan as JSON.

read_file → PlanDraft (what the file says) → plan_import → Preview (what would be created, every problem)
→ import_plan (all or nothing, through the services). export_plan / export_plan_json write the same shape.
"""
