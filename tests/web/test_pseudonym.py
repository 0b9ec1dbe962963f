from django.test import override_settings

from meedoen.web.components.pseudonym import person_key


def test_same_bsn_same_key_and_the_key_hides_the_bsn():
    key = person_key("999990019")
    assert key == person_key("999990019")
    assert key != person_key("999990020")
    assert len(key) == 16 and "999990019" not in key


def test_key_depends_on_the_deployment_secret():
    with override_settings(SECRET_KEY="another-deployment"):
        other = person_key("999990019")
    assert other != person_key("999990019")
