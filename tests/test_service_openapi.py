"""The published OpenAPI document, and the live server held to it by schemathesis."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from fuzzing import examples  # noqa: E402
from lint.service.openapi import render  # noqa: E402

EXAMPLES = 40  # per operation: seven operations, under 300 requests in all
DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def test_docs_openapi_json_is_what_the_service_serves(copydesk_server):
    served = copydesk_server.request("GET", "/openapi.json").json
    assert served == __import__("json").loads(render())
    assert DOCUMENT.read_text(encoding="utf-8") == render(), (
        "docs/openapi.json is out of date: python -m lint.service.openapi docs/openapi.json")


def test_rule_docs_have_the_fields_the_schema_publishes(copydesk_server):
    fields = set(copydesk_server.request("GET", "/openapi.json").json[
        "components"]["schemas"]["RuleDoc"]["properties"])
    rules = copydesk_server.request("GET", "/v1/rules").json
    assert {frozenset(rule) for rule in rules} == {frozenset(fields)}
    tiered = next(rule for rule in rules if rule["tiers"])
    assert set(tiered["tiers"][0]) == {"name", "severity", "help"}


# A schema-valid request may still name a rule that does not exist or carry a payload
# no reader knows (422), and an unsigned webhook is refused (401): so data the schema
# accepts is not required to succeed. Hypothesis drives each operation in turn
# (schemathesis' pytest fixture loader does not run under this pytest).
def test_the_live_server_keeps_to_its_schema(copydesk_server):
    schema = schemathesis.openapi.from_url(f"{copydesk_server.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=examples(EXAMPLES), deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def keeps_to_schema(case):
            case.call_and_validate(
                base_url=copydesk_server.url,
                excluded_checks=[schemathesis.checks.positive_data_acceptance])

        keeps_to_schema()
