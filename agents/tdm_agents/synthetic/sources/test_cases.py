"""Test-case files -> fields with example values.

Cucumber `.feature` files give fields from Scenario Outline `Examples` tables and from quoted
values in steps (the field name is read from the step text). Playwright scripts (TS/JS/Python)
give fields from `fill`/`type`/`selectOption`/`check` targets; Selenium scripts (Java/Python)
from `send_keys`/`sendKeys` on `find_element(By...)` targets. Each file becomes one entity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import PurePosixPath

from tdm_agents.synthetic.errors import TestCaseParseError
from tdm_agents.synthetic.naming import entity_name
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema, SchemaSource
from tdm_agents.synthetic.sources.field_types import field_attribute

Fields = dict[str, list[str]]
_MAX_FILE_BYTES = 2_000_000

# --- Cucumber -------------------------------------------------------------------------------
_STEP = re.compile(r"^\s*(Given|When|Then|And|But|\*)\s+(.*)$")
_QUOTED = re.compile(r'"([^"]*)"|\'([^\']*)\'')
_FILL_WITH = re.compile(
    r'(?:fill(?: in)?|enter|type|set|select)\s+(?:the\s+)?"([^"]+)"\s+(?:with|to|as)\s+"([^"]*)"', re.I
)
_VALUE_INTO = re.compile(
    r'"([^"]*)"\s+(?:in|into|for|as)\s+(?:the\s+|my\s+)?([\w ]+?)(?:\s+(?:field|box|input))?\s*$', re.I
)
_NAME_IS = re.compile(r'(?:the\s+|my\s+|a\s+|an\s+)?([\w ]+?)\s+(?:is|of|equals|=|as)\s+"([^"]*)"', re.I)
_STOP = frozenset(
    {
        "i",
        "the",
        "a",
        "an",
        "my",
        "enter",
        "type",
        "fill",
        "in",
        "with",
        "and",
        "should",
        "see",
        "user",
        "provide",
        "use",
        "given",
        "set",
        "field",
        "value",
        "into",
        "has",
        "have",
        "to",
    }
)


def parse_feature(text: str) -> tuple[str | None, Fields]:
    """Feature title and fields -> example values, from Examples tables and quoted step values."""
    fields: Fields = defaultdict(list)
    title, header = None, None
    in_examples = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("Feature:") and title is None:
            title = stripped.removeprefix("Feature:").strip()
        if stripped.startswith("Examples:") or stripped.startswith("Scenarios:"):
            in_examples, header = True, None
            continue
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if in_examples and header is None:
                header = cells
            elif in_examples and header is not None:
                for name, value in zip(header, cells, strict=False):
                    fields[name].append(value)
            continue
        in_examples = in_examples and not stripped.startswith(("Scenario", "Feature", "Background", "Rule"))
        if step := _STEP.match(line):
            for name, value in _step_fields(step.group(2)):
                fields[name].append(value)
    return title, dict(fields)


def _step_fields(step: str) -> list[tuple[str, str]]:
    if match := _FILL_WITH.search(step):
        return [(match.group(1), match.group(2))]
    if match := _VALUE_INTO.search(step):
        return [(match.group(2), match.group(1))]
    found = []
    for match in _NAME_IS.finditer(step):
        name = _name_words(match.group(1))
        if name:
            found.append((name, match.group(2)))
    if found:
        return found
    for match in _QUOTED.finditer(step):
        before = _name_words(step[: match.start()])
        if before:
            found.append((before, match.group(1) or match.group(2) or ""))
    return found


def _name_words(text: str) -> str | None:
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", text) if w.lower() not in _STOP]
    return " ".join(words[-2:]) if words else None


# --- Playwright and Selenium ------------------------------------------------------------------
_STR = r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`)"""
_PW_DIRECT = re.compile(rf"\.(?:fill|type|select_option|selectOption)\(\s*{_STR}\s*,\s*{_STR}")
_PW_LOCATOR = re.compile(
    rf"\.(locator|getByLabel|get_by_label|getByPlaceholder|get_by_placeholder|getByTestId|get_by_test_id)\(\s*{_STR}"
    rf"[^)]*\)\s*\.(fill|type|pressSequentially|press_sequentially|selectOption|select_option|check)\(\s*(?:{_STR})?"
)
_PW_ROLE = re.compile(
    rf"\.(?:getByRole|get_by_role)\([^)]*?name\s*[:=]\s*{_STR}[^)]*\)\s*\.(?:fill|type)\(\s*{_STR}"
)
_PW_CHECK = re.compile(rf"\.(?:check|uncheck)\(\s*{_STR}\s*\)")
_BY = rf"By\.(ID|NAME|CSS_SELECTOR|XPATH|id|name|cssSelector|xpath)\s*(?:,\s*|\(\s*){_STR}\s*\)?"
_SE_CHAINED = re.compile(rf"find_?[eE]lement\(\s*{_BY}\s*\)\s*\.\s*(?:send_keys|sendKeys)\(\s*{_STR}")
_SE_ASSIGN = re.compile(rf"(\w+)\s*=\s*\w+\.find_?[eE]lement\(\s*{_BY}\s*\)")
_SE_VARIABLE_KEYS = re.compile(rf"\b(\w+)\s*\.\s*(?:send_keys|sendKeys)\(\s*{_STR}")
_SELECTOR_NAME = re.compile(
    r"""(?:\[(?:name|id|data-testid|data-test|aria-label)\s*=\s*["']?([\w\- ]+)["']?\]|#([\w\-]+)|@(?:name|id)\s*=\s*["']([\w\-]+)["'])"""
)


def _text(groups: tuple[str | None, ...]) -> str | None:
    return next((g for g in groups if g is not None), None)


def selector_field(selector: str) -> str:
    """A field name from a CSS/XPath selector (`#email`, `input[name="email"]`, `//input[@id='e']`)."""
    if match := _SELECTOR_NAME.search(selector):
        return _text(match.groups()) or selector
    return re.sub(r"^[.#]", "", selector.strip())


def parse_script(text: str) -> Fields:
    """Fields -> values typed into them by a Playwright or Selenium script."""
    fields: Fields = defaultdict(list)
    for match in _PW_DIRECT.finditer(text):
        fields[selector_field(_text(match.groups()[0:3]) or "")].append(_text(match.groups()[3:6]) or "")
    for match in _PW_LOCATOR.finditer(text):
        how, target, action = match.group(1), _text(match.groups()[1:4]) or "", match.group(5)
        name = selector_field(target) if how == "locator" else target
        fields[name].append("true" if action == "check" else _text(match.groups()[5:8]) or "")
    for match in _PW_ROLE.finditer(text):
        fields[_text(match.groups()[0:3]) or ""].append(_text(match.groups()[3:6]) or "")
    for match in _PW_CHECK.finditer(text):
        fields[selector_field(_text(match.groups()) or "")].append("true")
    _selenium(text, fields)
    return {k: v for k, v in fields.items() if k.strip()}


def _selenium(text: str, fields: Fields) -> None:
    for match in _SE_CHAINED.finditer(text):
        fields[_by_field(match.group(1), _text(match.groups()[1:4]) or "")].append(
            _text(match.groups()[4:7]) or ""
        )
    variables = {
        m.group(1): _by_field(m.group(2), _text(m.groups()[2:5]) or "") for m in _SE_ASSIGN.finditer(text)
    }
    for match in _SE_VARIABLE_KEYS.finditer(text):
        if match.group(1) in variables:
            fields[variables[match.group(1)]].append(_text(match.groups()[1:4]) or "")


def _by_field(how: str, target: str) -> str:
    return target if how.lower() in ("id", "name") else selector_field(target)


# --- Entry points -----------------------------------------------------------------------------
def parse_test_case(text: str, filename: str, entity: str | None = None) -> NormalizedSchema:
    """One test-case file as a one-entity schema (entity named after the feature or the file)."""
    if len(text.encode("utf-8")) > _MAX_FILE_BYTES:
        raise TestCaseParseError(f"{filename}: larger than {_MAX_FILE_BYTES} bytes")
    suffix = PurePosixPath(filename).suffix.lower()
    title = None
    if suffix == ".feature":
        title, fields = parse_feature(text)
    elif suffix in (".py", ".ts", ".js", ".mjs", ".java", ".tsx", ".jsx"):
        fields = parse_script(text)
    else:
        raise TestCaseParseError(f"{filename}: unsupported test-case file type {suffix or '(none)'}")
    name = entity or entity_name(title or _stem(filename))
    attributes: dict[str, Attribute] = {}
    for field, values in fields.items():
        attribute = field_attribute(field, "test_cases", [v for v in values if not v.startswith("<")])
        attributes.setdefault(attribute.name, attribute)
    if not attributes:
        raise TestCaseParseError(f"{filename}: no fields found")
    return NormalizedSchema(
        entities=[Entity(name=name, attributes=list(attributes.values()), source="test_cases")],
        sources=[SchemaSource(kind="test_cases", reference=filename)],
    )


def _stem(filename: str) -> str:
    stem = PurePosixPath(filename).name.split(".")[0]
    return re.sub(r"(?i)(_?(test|spec|steps?))+$", "", stem) or stem


def parse_test_cases(files: Mapping[str, str], entity: str | None = None) -> list[NormalizedSchema]:
    """Every file parsed on its own; `merge_schemas` combines them with the other sources."""
    return [parse_test_case(text, name, entity) for name, text in files.items()]
