"""The project's settings for the catalogue benchmark, plus two things of its own: a bare
view at /bench/bare/ (bench.support.urls) and a header with the SQL queries of each request."""

from cluster_portal.settings import *  # noqa: F403
from cluster_portal.settings import MIDDLEWARE

ROOT_URLCONF = "bench.support.urls"
MIDDLEWARE = ["bench.support.queries.QueryCountMiddleware", *MIDDLEWARE]
