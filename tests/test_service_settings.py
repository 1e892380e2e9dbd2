"""The service's settings: the `serve` table, and where webhook secrets come from."""

from __future__ import annotations

import pytest

from lint.config import ConfigError, from_mapping
from lint.service.settings import MIB, load_settings


def settings(tmp_path, serve=None, environ=None, secrets_file=None):
    if secrets_file is not None:
        (tmp_path / "secrets.toml").write_text(secrets_file)
        serve = {**(serve or {}), "secrets-file": "secrets.toml"}
    config = from_mapping({"serve": serve or {}}, tmp_path / "copydesk.toml")
    return load_settings(config, environ or {})


def test_defaults(tmp_path):
    loaded = settings(tmp_path)
    assert (loaded.max_body_bytes, loaded.rate_limit, loaded.time_budget) == (2 * MIB, 0, 5.0)
    assert all(not secrets for secrets in loaded.secrets.values())


def test_secrets_from_the_environment_one_scheme_over_the_shared(tmp_path):
    loaded = settings(tmp_path, environ={
        "COPYDESK_WEBHOOK_SECRET": "whsec_bmV3LXNoYXJlZC1zZWNyZXQ= whsec_b2xkLXNoYXJlZC1zZWNyZXQ=",
        "COPYDESK_WEBHOOK_SECRET_SANITY": "sanity-only"})
    assert loaded.secrets["standard"] == ("whsec_bmV3LXNoYXJlZC1zZWNyZXQ=",
                                          "whsec_b2xkLXNoYXJlZC1zZWNyZXQ=")
    assert loaded.secrets["sanity"] == ("sanity-only",)


def test_secrets_from_a_file_named_in_the_config(tmp_path):
    loaded = settings(tmp_path, secrets_file='default = "shared"\narc = ["new", "old"]\n',
                      environ={"COPYDESK_WEBHOOK_SECRET_CONTENTFUL": "from-env"})
    assert loaded.secrets["arc"] == ("new", "old")
    assert loaded.secrets["sanity"] == ("shared",)
    assert loaded.secrets["contentful"] == ("from-env",)
    assert "shared" not in repr(loaded)


@pytest.mark.parametrize("serve, environ, secrets_file, message", [
    ({"max-body-bytes": 0}, {}, None, "serve.max-body-bytes"),
    ({"rate-limit": 1.5}, {}, None, "serve.rate-limit"),
    ({"time-budget": True}, {}, None, "serve.time-budget"),
    ({"port": 1}, {}, None, "unknown configuration key `serve.port`"),
    ({}, {"COPYDESK_WEBHOOK_SECRET_STANDARD": "whsec_not base64!"}, None, "`standard`"),
    ({}, {}, 'wordpres = "typo"\n', "unknown scheme `wordpres`"),
    ({}, {}, "default = [1]\n", "`default`"),
    ({}, {}, "default = \n", "cannot read the secrets file"),
])
def test_mistakes_are_one_clear_error_without_the_secret(tmp_path, serve, environ, secrets_file,
                                                         message):
    with pytest.raises(ConfigError) as caught:
        settings(tmp_path, serve, environ, secrets_file)
    assert message in str(caught.value)
    assert "not base64!" not in str(caught.value)
