"""Background work (issue 19 item 3, issue 21 item 5): mail, follow-ups and other slow work leave the request.

On PostgreSQL the jobs go to procrastinate (``procrastinate.contrib.django``): a job is a row written in
the same transaction as the request's own data, a worker process (``manage.py queue_worker``, started by
``make demo``) runs it, retries it with backoff, and a job whose worker died is put back by
:func:`meedoen.web.queue.tasks.retry_stalled_jobs`. Admins see the jobs under /beheer/procrastinate/.
On SQLite (the embedded default) procrastinate cannot run, so :func:`enqueue` runs the job at once in
the request's process (documented in docs/decisions.md): the same task functions, no second code path.
"""
