"""Print the SQL that gives the app's PostgreSQL role its rights; the owner runs it after ``migrate``:
``python -m meedoen.web.manage database_grants --app-role meedoen_app | psql "$OWNER_DATABASE_URL"``."""

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from meedoen.web.audit.grants import current_tables, grant_statements


class Command(BaseCommand):
    help = "Print the GRANT statements for the app's database role (audit log: SELECT and INSERT only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--app-role", default="meedoen_app")

    def handle(self, *args, app_role: str, **options) -> None:
        for statement in grant_statements(app_role, current_tables(connection)):
            self.stdout.write(statement + ";")
