"""The coordinator's desk: the admin home as a dashboard, activity charts, exports and
the member import, and the public "cluster in numbers" page.

Pages
    ``/admin/`` (``desk.views.dashboard``, mounted before the admin site's own URLs):
    "needs attention now" (each number links to the admin list filtered to exactly the
    counted rows) and eight SVG charts for a chosen period, default the last 12 months,
    each with its data table and a CSV download (``/admin/desk/charts/<slug>.csv``).
    ``/admin/desk/export/`` (CSV or Excel of members, leads with interests,
    registrations, deliveries), ``/admin/desk/import-members/`` (CSV upload, dry run
    that saves nothing, then confirm), ``/admin/desk/leadinterest/`` (firms' interest,
    a read-only proxy of ``productions.LeadResponse``), ``/<lang>/numbers/`` (public).

Numbers
    ``desk.selectors`` counts in the database with a fixed number of aggregate queries,
    so the dashboard costs the same for ten firms or ten thousand. The public figures are
    cached in Redis for ten minutes per language and never invalidated: they may lag by
    that much, which is fine for a page of totals.

Permissions
    Migration ``0002_coordinator_group`` creates the "Coordinator" group with exactly
    what the cluster office needs (listed there, with what is left out and why); it
    creates the permissions itself with ``create_permissions`` because Django would only
    do so after every migration has run. Desk pages need ``desk.view_dashboard``,
    ``desk.export_data`` or ``desk.import_members``; staff without them see the plain
    admin home.
"""
