import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """A model change without its migration fails here (and so in CI)."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_admin_is_for_system_admins_only_and_read_only(client, make_user, fund_a, treasurer_a):
    from tests.conftest import PASSWORD

    client.login(username="treasurer_a", password=PASSWORD)
    assert client.get("/admin/ledger/account/").status_code == 302  # a treasurer is sent to the admin login

    make_user("root", is_superuser=True)
    client.login(username="root", password=PASSWORD)
    page = client.get("/admin/ledger/account/")
    assert page.status_code == 200 and "1101" in page.content.decode()
    entry_add = client.get("/admin/ledger/journalentry/add/")
    assert entry_add.status_code == 403  # no entry is ever written through admin forms
