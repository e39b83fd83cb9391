"""The JSON API described as OpenAPI 3.1, served at ``/api/openapi.json``.

The bodies' schemas come from the session file's own pydantic models (:mod:`designer.session_format`),
so the document cannot drift from what the API validates; the routes and their answers are listed
here, beside the API's own docstring in :mod:`designer.web.api`. The test suite fuzzes the API from
this document (``tests/hostile/test_api_fuzz.py``).
"""

from __future__ import annotations

__all__ = ["openapi_document"]

import functools
from typing import Any

from pydantic import TypeAdapter

from designer.framework import STEP_IDS
from designer.session_format import FORMAT, MAX_REQUEST_BYTES, PANEL_MODELS, SessionFile

_REF = "#/components/schemas/{model}"
_MAX_REVISION = 2**31 - 1


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": _REF.format(model="Error")}}},
    }


_ERRORS = {
    "400": _error("The request is malformed: not UTF-8, a bad header or parameter (the message names it)."),
    "403": _error("Who is asking may not do this."),
    "404": _error("No such session or revision."),
}
_WRITE_ERRORS = {
    **_ERRORS,
    "409": _error("The session changed since the revision in If-Match, or it was submitted."),
    "413": _error(
        f"Over a size limit: the request ({MAX_REQUEST_BYTES // (1024 * 1024)} MB), a text, the board."
    ),
    "415": _error("The body is not sent as application/json."),
    "422": _error("The body is not valid: each error has the JSON path of its field."),
    "428": _error("If-Match is missing."),
}
_SESSION_ID = {
    "name": "session_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "minLength": 1},
}
_NUMBER = {
    "name": "number",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": _MAX_REVISION},
}
_IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": "The revision this change is based on, as the ETag gave it (quotes optional).",
    "schema": {"type": "string", "pattern": '^(W/)?"?[0-9]{1,10}"?$'},
}
_CHANGE_ID = {
    "name": "X-Change-Id",
    "in": "header",
    "required": False,
    "description": "The page's id for this change: sending the same change twice makes one revision.",
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
}
_REPLACES = {
    "name": "X-Replaces",
    "in": "header",
    "required": False,
    "description": (
        "The ids of this page's earlier changes to the same thing whose answers never came: the "
        "revisions they made are no conflict with this change."
    ),
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64}){0,19}$"},
}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _saved() -> dict[str, Any]:
    return {
        "description": "Saved: the new revision (also the ETag).",
        "content": {"application/json": {"schema": {"$ref": _REF.format(model="Saved")}}},
    }


@functools.cache
def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI 3.1 document (built once: it depends on nothing but the code)."""
    session_schema = TypeAdapter(SessionFile).json_schema(ref_template=_REF)
    schemas: dict[str, Any] = dict(session_schema.pop("$defs", {}))
    schemas["SessionFile"] = session_schema
    schemas["Error"] = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
    }
    schemas["Saved"] = {
        "type": "object",
        "required": ["id", "revision"],
        "properties": {"id": {"type": "string"}, "revision": {"type": "integer"}},
    }
    schemas["NewSession"] = {
        "type": "object",
        "properties": {
            "problem": {"type": "string", "description": "A problem's id, such as chat-app."},
            "mode": {"enum": ["practice", "interview"]},
            "candidate": {"type": "string"},
        },
    }
    panels = {"anyOf": [TypeAdapter(model).json_schema(ref_template=_REF) for model in PANEL_MODELS.values()]}
    for variant in panels["anyOf"]:
        schemas.update(variant.pop("$defs", {}))
    session = {"$ref": _REF.format(model="SessionFile")}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "designer",
            "version": "1",
            "description": (
                f"The workspace's operations for scripts, tests and benchmarks. A session is a {FORMAT} "
                "file; writes carry If-Match with the revision they are based on."
            ),
        },
        "paths": {
            "/api/sessions": {
                "post": {
                    "summary": "Start a session on a problem, or import a whole session file.",
                    "requestBody": _json_body(
                        {"anyOf": [{"$ref": _REF.format(model="NewSession")}, session]}
                    ),
                    "responses": {"201": {"description": "Started."}, **_WRITE_ERRORS},
                }
            },
            "/api/sessions/{session_id}": {
                "get": {
                    "summary": "The session file, with its revision as the ETag.",
                    "parameters": [
                        _SESSION_ID,
                        {"name": "history", "in": "query", "schema": {"enum": ["0", "1"]}},
                    ],
                    "responses": {
                        "200": {
                            "description": "The session.",
                            "content": {"application/json": {"schema": session}},
                        },
                        **_ERRORS,
                    },
                }
            },
            "/api/sessions/{session_id}/board": {
                "put": {
                    "summary": "Replace the board (Cytoscape elements JSON).",
                    "parameters": [_SESSION_ID, _IF_MATCH, _CHANGE_ID, _REPLACES],
                    "requestBody": _json_body({"$ref": _REF.format(model="Board")}),
                    "responses": {"200": _saved(), **_WRITE_ERRORS},
                }
            },
            "/api/sessions/{session_id}/panels/{step}": {
                "put": {
                    "summary": "Replace one step's panel.",
                    "parameters": [
                        _SESSION_ID,
                        {
                            "name": "step",
                            "in": "path",
                            "required": True,
                            "schema": {"enum": list(PANEL_MODELS)},
                        },
                        _IF_MATCH,
                        _CHANGE_ID,
                        _REPLACES,
                    ],
                    "requestBody": _json_body(panels),
                    "responses": {"200": _saved(), **_WRITE_ERRORS},
                }
            },
            "/api/sessions/{session_id}/steps": {
                "post": {
                    "summary": "Record that the candidate entered a step.",
                    "parameters": [_SESSION_ID],
                    "requestBody": _json_body(
                        {
                            "type": "object",
                            "required": ["step"],
                            "properties": {"step": {"enum": list(STEP_IDS)}},
                        }
                    ),
                    "responses": {"200": {"description": "The steps so far."}, **_WRITE_ERRORS},
                }
            },
            "/api/sessions/{session_id}/revisions": {
                "get": {
                    "summary": "The revisions: number, time and what changed.",
                    "parameters": [_SESSION_ID],
                    "responses": {"200": {"description": "The revisions, oldest first."}, **_ERRORS},
                }
            },
            "/api/sessions/{session_id}/revisions/{number}": {
                "get": {
                    "summary": "One revision's board and panels.",
                    "parameters": [_SESSION_ID, _NUMBER],
                    "responses": {"200": {"description": "The revision."}, **_ERRORS},
                }
            },
            "/api/sessions/{session_id}/revisions/{number}/restore": {
                "post": {
                    "summary": "Make an old revision the newest (adds a revision, deletes none).",
                    "parameters": [_SESSION_ID, _NUMBER, _IF_MATCH],
                    "requestBody": _json_body({"type": "object"}),
                    "responses": {"200": _saved(), **_WRITE_ERRORS},
                }
            },
            "/api/sessions/{session_id}/revisions/{number}/merge": {
                "post": {
                    "summary": "Keep both: add what an old revision had of the board or one panel to the "
                    "newest, as a new revision.",
                    "parameters": [_SESSION_ID, _NUMBER, _IF_MATCH],
                    "requestBody": _json_body(
                        {
                            "type": "object",
                            "required": ["part"],
                            "properties": {"part": {"enum": ["board", *PANEL_MODELS]}},
                        }
                    ),
                    "responses": {"200": _saved(), **_WRITE_ERRORS},
                }
            },
            "/api/sessions/{session_id}/submit": {
                "post": {
                    "summary": "End the session; it is read-only from then on.",
                    "parameters": [_SESSION_ID],
                    "requestBody": _json_body({"type": "object"}),
                    "responses": {"200": {"description": "Submitted."}, **_WRITE_ERRORS},
                }
            },
            "/api/ping": {
                "get": {"summary": "Answer at once.", "responses": {"200": {"description": "Alive."}}},
                **{
                    method: {
                        "summary": "Parse the body and answer (the autosave benchmark's baseline).",
                        "requestBody": _json_body({}),
                        "responses": {"200": {"description": "Alive."}, **_WRITE_ERRORS},
                    }
                    for method in ("post", "put")
                },
            },
        },
        "components": {"schemas": schemas},
    }
