"""gunicorn settings for production: threads per worker, sized for the machine's cores.

Start with ``gunicorn -c python:meedoen.web.gunicorn_conf meedoen.web.wsgi:application``; each value
can be overridden with the environment (GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_BIND).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
timeout = 30
max_requests = 10000  # recycle workers now and then (memory), with jitter so they do not all restart at once
max_requests_jitter = 1000
accesslog = os.environ.get("GUNICORN_ACCESSLOG")  # off unless asked for: the proxy logs requests
