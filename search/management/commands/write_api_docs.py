"""Write the generated part of docs/api.md from the API's OpenAPI document."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.api import openapi_schema

DOCS = Path(settings.BASE_DIR) / "docs" / "api.md"
START = "<!-- generated: manage.py write_api_docs -->"
END = "<!-- end generated -->"


def _type(node: dict[str, Any], schema: dict[str, Any]) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _type(schema["components"]["schemas"][name], schema) if name else ""
    if "anyOf" in node:
        kinds = [_type(option, schema) for option in node["anyOf"] if option.get("type") != "null"]
        nullable = any(option.get("type") == "null" for option in node["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if "enum" in node:
        return " \\| ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type", "object")
    if kind == "array":
        return f"list of {_type(node['items'], schema)}"
    if kind == "object" and "title" in node and "properties" in node:
        return node["title"]
    if kind == "object" and "additionalProperties" in node:
        return f"{{name: {_type(node['additionalProperties'], schema)}}}"
    limits = [f"{word} {node[key]}" for key, word in
              (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "at most"))
              if key in node]  # fmt: skip
    fmt = f" ({node['format']})" if "format" in node else ""
    return kind + fmt + (f", {', '.join(limits)}" if limits else "")


def _default(node: dict[str, Any]) -> str:
    default = node.get("default")
    return f"`{default}`" if default not in (None, "", []) else ""


def reference(schema: dict[str, Any]) -> str:
    """Markdown tables of the parameters, the response fields and the status codes."""
    operation = schema["paths"]["/search"]["get"]
    lines = [START, "", "| parameter | type | default | meaning |", "|---|---|---|---|"]
    for parameter in operation["parameters"]:
        node = parameter["schema"]
        lines.append(
            f"| `{parameter['name']}` | {_type(node, schema)} | {_default(node)} "
            f"| {parameter.get('description', '')} |"
        )
    components = schema["components"]["schemas"]
    for name in ("SearchResponse", "Result", "FacetValue", "Error", "Invalid"):
        model = components[name]
        lines += ["", f"`{name}`:", "", "| field | type | meaning |", "|---|---|---|"]
        for field, node in model["properties"].items():
            lines.append(f"| `{field}` | {_type(node, schema)} | {node.get('description', '')} |")
    lines += ["", "| status | body |", "|---|---|"]
    for status, response in operation["responses"].items():
        content = response.get("content", {}).get("application/json", {}).get("schema", {})
        lines.append(f"| `{status}` | {_type(content, schema)} ({response['description']}) |")
    return "\n".join([*lines, "", END])


def rewrite(text: str, generated: str) -> str:
    before, start, rest = text.partition(START)
    if not start:
        raise CommandError(f"{DOCS} has no '{START}' line to write after.")
    _old, end, after = rest.partition(END)
    if not end:
        raise CommandError(f"{DOCS} has no '{END}' line after '{START}'.")
    return before + generated + after


class Command(BaseCommand):
    help = "Write the parameter and response tables in docs/api.md from the OpenAPI document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Fail if docs/api.md differs; change nothing."
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        text = DOCS.read_text(encoding="utf-8")
        updated = rewrite(text, reference(openapi_schema()))
        if check:
            if updated != text:
                raise CommandError("docs/api.md is out of date: run manage.py write_api_docs.")
            self.stdout.write("docs/api.md matches the OpenAPI document.")
            return
        DOCS.write_text(updated, encoding="utf-8")
        self.stdout.write(f"Wrote {DOCS}.")
