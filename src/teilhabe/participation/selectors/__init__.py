"""Named, tenant-aware reads of participation that already do their select_related/prefetch_related, by
subject like the services."""
