"""Hostile diagram files, generated: each one the issue measured holding a worker, eating memory, or
importing what the product then refuses. Shared by the tests and ``benchmarks/fuzz.py``."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable

EXCALIDRAW_SVG_HEAD = "<svg><!-- payload-type:application/vnd.excalidraw+json --><!-- payload-version:2 -->"


def _deflated_page(size: int) -> str:
    """A page as draw.io compresses it, inflating to ``size`` bytes of valid XML (mostly blanks)."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (1024 * 1024)
    data = deflater.compress(b"<mxGraphModel><root>")
    data += b"".join(deflater.compress(chunk) for _ in range(size // len(chunk)))
    data += deflater.compress(b"</root></mxGraphModel>") + deflater.flush()
    return base64.b64encode(data).decode()


def _drawio_pages(pages: int, megabytes: int) -> bytes:
    payload = _deflated_page(megabytes * 1024 * 1024)
    body = "".join(f'<diagram name="p{i}">{payload}</diagram>' for i in range(pages))
    return f"<mxfile>{body}</mxfile>".encode()


def _designer_comment(meta: object) -> bytes:
    return f"flowchart LR\n  a[Cache] --> b[API]\n%% designer: {json.dumps(meta)}\n".encode()


#: name → (file name, a function that makes its bytes). Made on demand: some are megabytes.
FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "mermaid-amp-line": ("amp.mmd", lambda: ("flowchart LR\n" + "a & " * 470_000 + "a\n").encode()),
    "mermaid-chain": ("chain.mmd", lambda: ("flowchart LR\n" + "a --> " * 300_000 + "a\n").encode()),
    "mermaid-fan-out": (
        "fan.mmd",
        lambda: (
            "flowchart LR\n"
            + " & ".join(f"a{i}" for i in range(2000))
            + " --> "
            + " & ".join(f"b{i}" for i in range(2000))
            + "\n"
        ).encode(),
    ),
    "mermaid-long-label": (
        "label.mmd",
        lambda: ("flowchart LR\n  a[" + "x" * 1_000_000 + "] --> b\n").encode(),
    ),
    "mermaid-long-id": ("id.mmd", lambda: ("flowchart LR\n  " + "a" * 100_000 + " --> b\n").encode()),
    "mermaid-many-boxes": (
        "many.mmd",
        lambda: ("flowchart LR\n" + "\n".join(f"  n{i} --> n{i + 1}" for i in range(3000)) + "\n").encode(),
    ),
    "mermaid-designer-list": ("c1.mmd", lambda: _designer_comment([1, 2])),
    "mermaid-designer-nodes-list": ("c2.mmd", lambda: _designer_comment({"nodes": ["a"]})),
    "mermaid-designer-node-text": ("c3.mmd", lambda: _designer_comment({"nodes": {"a": "cache"}})),
    "mermaid-designer-replicas": (
        "c4.mmd",
        lambda: _designer_comment({"nodes": {"a": {"kind": "cache", "replicas": "many"}}, "edges": []}),
    ),
    "mermaid-designer-replicas-huge": (
        "c5.mmd",
        lambda: _designer_comment({"nodes": {"a": {"kind": "cache", "replicas": 10**15}}}),
    ),
    "mermaid-designer-edges-list": ("c6.mmd", lambda: _designer_comment({"edges": [["e1", "async"]]})),
    "mermaid-architecture-designer": (
        "arch.mmd",
        lambda: b'architecture-beta\n  service a(database)[DB]\n%% designer: {"nodes": 5}\n',
    ),
    "mermaid-deep-designer": (
        "deep.mmd",
        lambda: b"flowchart LR\n a --> b\n%% designer: {" + b'"x":[' * 5000 + b"}",
    ),
    "excalidraw-svg-unterminated": (
        "scene.excalidraw.svg",
        lambda: (EXCALIDRAW_SVG_HEAD + "<!-- payload-start -->" * 86_000 + "</svg>").encode(),
    ),
    "excalidraw-svg-unterminated-spaced": (
        "scene2.svg",
        lambda: (EXCALIDRAW_SVG_HEAD + "<!--   payload-start   " * 60_000 + "</svg>").encode(),
    ),
    "excalidraw-deep": (
        "deep.excalidraw",
        lambda: b'{"type": "excalidraw", "elements": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ),
    "excalidraw-long-text": (
        "long.excalidraw",
        lambda: json.dumps(
            {
                "type": "excalidraw",
                "elements": [
                    {"id": "r", "type": "rectangle", "x": 0, "y": 0, "width": 10, "height": 10},
                    {"id": "t", "type": "text", "x": 1, "y": 1, "text": "x" * 500_000, "containerId": "r"},
                ],
            }
        ).encode(),
    ),
    "excalidraw-texts-on-stacked-boxes": (
        "stacked.excalidraw",
        lambda: json.dumps(
            {
                "type": "excalidraw",
                "elements": [
                    {"id": f"r{i}", "type": "rectangle", "x": 0, "y": 0, "width": 10, "height": 10}
                    for i in range(1_900)
                ]
                + [
                    {"id": f"t{i}", "type": "text", "x": 1, "y": 1, "width": 5, "height": 5, "text": "x"}
                    for i in range(18_000)
                ],
            }
        ).encode(),
    ),
    "excalidraw-far-away": (
        "far.excalidraw",
        lambda: json.dumps(
            {
                "type": "excalidraw",
                "elements": [
                    {
                        "id": "r",
                        "type": "rectangle",
                        "x": 1.7e308,
                        "y": 1.7e308,
                        "width": 1.7e308,
                        "height": 1.7e308,
                    },
                    {
                        "id": "t",
                        "type": "text",
                        "x": 1.7e308,
                        "y": 0,
                        "width": 1.7e308,
                        "height": 5,
                        "text": "x",
                    },
                ],
            }
        ).encode(),
    ),
    "drawio-seven-pages": ("pages.drawio", lambda: _drawio_pages(7, 45)),
    "drawio-one-big-page": ("big.drawio", lambda: _drawio_pages(1, 49)),
    "drawio-tiny-elements": (
        "tiny.drawio",
        lambda: b"<mxGraphModel><root>" + b"<a/>" * 450_000 + b"</root></mxGraphModel>",
    ),
}
