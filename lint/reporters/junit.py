"""JUnit XML, read by Jenkins and GitLab: a test suite a file, a failing test case a finding."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from lint.results import Report


def render(report: Report) -> str:
    total = sum(len(r.findings) + bool(r.error) for r in report.results)
    suites = ET.Element("testsuites", name="copydesk", tests=str(total), failures=str(total))
    for result in report.results:
        suite = ET.SubElement(suites, "testsuite", name=result.path,
                              tests=str(len(result.findings) + bool(result.error)),
                              failures=str(len(result.findings) + bool(result.error)))
        if result.error:
            case = ET.SubElement(suite, "testcase", name=f"copydesk.{result.error.code}",
                                 classname=result.path)
            ET.SubElement(case, "failure", message=result.error.message).text = result.error.message
        for f in result.findings:
            loc = f.location
            case = ET.SubElement(suite, "testcase", name=f"copydesk.{f.rule}",
                                 classname=result.path, line=str(loc.line), column=str(loc.column))
            failure = ET.SubElement(case, "failure", message=f.message)
            failure.text = f"line {loc.line}, col {loc.column}, {f.message}"
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
