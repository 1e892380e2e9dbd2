"""JUnit XML, read by Jenkins and GitLab: a test suite a file, a test case a finding.

A finding that reaches its file's failing severity (`fail-on`) is a failure; one
below it (an `info` finding, by default) is a passing test case that carries its
message, so the XML fails exactly when the run does.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from lint.results import Report


def render(report: Report) -> str:
    suites = ET.Element("testsuites", name="copydesk")
    total = failed = 0
    for result in report.results:
        tests = len(result.findings) + bool(result.error)
        failures = sum(1 for f in result.findings if report.fails(result, f)) + bool(result.error)
        total, failed = total + tests, failed + failures
        suite = ET.SubElement(suites, "testsuite", name=result.path, tests=str(tests),
                              failures=str(failures))
        if result.error:
            case = ET.SubElement(suite, "testcase", name=f"copydesk.{result.error.code}",
                                 classname=result.path)
            ET.SubElement(case, "failure", message=result.error.message).text = result.error.message
        for f in result.findings:
            loc = f.location
            case = ET.SubElement(suite, "testcase", name=f"copydesk.{f.rule}",
                                 classname=result.path, line=str(loc.line), column=str(loc.column))
            detail = f"line {loc.line}, col {loc.column}, {f.severity}: {f.message}"
            if report.fails(result, f):
                ET.SubElement(case, "failure", message=f.message).text = detail
            else:
                ET.SubElement(case, "system-out").text = detail
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
