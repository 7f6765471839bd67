"""Crawled pages -> a normalized schema: a form is an entity, its fields are attributes; a data
table is an entity whose headers are attributes (sample cells become example values); labelled
key elements of a page become an entity named after the page.
"""

from __future__ import annotations

import re

from tdm_agents.synthetic.naming import attribute_name, entity_name
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema, SchemaSource
from tdm_agents.synthetic.sources.crawl_models import (
    CrawlResult,
    FormCapture,
    FormField,
    PageCapture,
    TableCapture,
)
from tdm_agents.synthetic.sources.field_types import field_attribute

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_GENERIC_FORM_WORDS = re.compile(
    r"\b(form|page|new|create|edit|sign ?up|register|registration|details?)\b", re.I
)


def extract_html_schema(crawl_result: CrawlResult) -> NormalizedSchema:
    """Entities and attributes for every form, data table and set of key elements crawled."""
    entities: dict[str, Entity] = {}
    for page in crawl_result.pages:
        for index, form in enumerate(page.forms):
            _add(entities, _form_entity(page, form, index))
        for index, table in enumerate(page.tables):
            _add(entities, _table_entity(page, table, index))
        if page.key_elements:
            _add(entities, _key_element_entity(page))
    return NormalizedSchema(
        entities=[e for e in entities.values() if e.attributes],
        sources=[SchemaSource(kind="ui", reference=p.url) for p in crawl_result.pages],
    )


def _add(entities: dict[str, Entity], entity: Entity) -> None:
    existing = entities.get(entity.name)
    if existing is None:
        entities[entity.name] = entity
        return
    names = {a.name for a in existing.attributes}
    existing.attributes += [a for a in entity.attributes if a.name not in names]


def _name(*candidates: str, fallback: str) -> str:
    for candidate in candidates:
        cleaned = _GENERIC_FORM_WORDS.sub(" ", candidate or "").strip()
        if cleaned and entity_name(cleaned):
            return entity_name(cleaned)
    return entity_name(fallback)


def _form_entity(page: PageCapture, form: FormCapture, index: int) -> Entity:
    name = _name(form.name, form.id, form.label, page.title, fallback=f"form_{index + 1}")
    attributes = [_field_attribute(f) for f in form.fields]
    unique = list({a.name: a for a in attributes if a.name}.values())
    return Entity(name=name, attributes=unique, source="ui", description=form.label or None)


def _field_attribute(field: FormField) -> Attribute:
    name = field.name or field.id or field.label
    options = [o for o in field.options if o]
    input_type = "checkbox" if field.type == "checkbox" and not options else field.type
    attribute = field_attribute(
        name,
        "ui",
        [field.value] if field.value and field.type not in ("checkbox", "radio") else [],
        input_type=input_type,
        nullable=not field.required,
        pattern=field.pattern or None,
        max_length=field.maxlength,
        min_length=field.minlength,
        enum_values=options or None,
        description=field.label or None,
    )
    if attribute.type in ("integer", "decimal"):
        low, high = _bound(field.min), _bound(field.max)
        attribute.min, attribute.max = low, high
        if any(v is not None and not float(v).is_integer() for v in (low, high)):
            attribute.type = "decimal"
    elif attribute.type in ("date", "datetime"):
        attribute.min, attribute.max = field.min or None, field.max or None
    if options:
        attribute.type = "string"
    return attribute


def _bound(text: str | None) -> float | None:
    return float(text) if text and _NUMBER.match(text.strip()) else None


def _table_entity(page: PageCapture, table: TableCapture, index: int) -> Entity:
    name = _name(table.label, table.id, page.title, fallback=f"table_{index + 1}")
    attributes = []
    for position, header in enumerate(table.headers):
        if not header.strip() or not attribute_name(header):
            continue
        samples = [row[position] for row in table.rows if position < len(row) and row[position]]
        attributes.append(field_attribute(header, "ui", samples))
    return Entity(name=name, attributes=attributes, source="ui", description=table.label or None)


def _key_element_entity(page: PageCapture) -> Entity:
    attributes: dict[str, Attribute] = {}
    for element in page.key_elements:
        label = element.label.rstrip(":").strip()
        if label and attribute_name(label):
            attribute = field_attribute(label, "ui", [element.value] if element.value else [])
            attributes.setdefault(attribute.name, attribute)
    return Entity(name=_name(page.title, fallback="page"), attributes=list(attributes.values()), source="ui")
