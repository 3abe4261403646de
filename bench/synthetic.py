"""Write a synthetic corpus of N templates (Meta create shape) for benchmarks.

Usage: python bench/synthetic.py N OUT.jsonl|OUT.json  (seeded: the same N gives the same file)
The texts are assembled from a few parts on purpose: this measures speed, not the classifier.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

OPENINGS = ["Hi {{1}},", "Hello {{1}},", "Dear {{1}},", "Olá {{1}},", "Hola {{1}},", "Hallo {{1}},"]
MIDDLES = [
    "your order {{2}} has shipped and should arrive on {{3}} at the address you gave us.",
    "your appointment with {{2}} is confirmed for {{3}}; reply to this message to change it.",
    "the invoice {{2}} of {{3}} is ready in your account and due at the end of the month.",
    "we received your payment for order {{2}} on {{3}}. Thank you for shopping with us.",
]
ENDINGS = ["", " Thanks!", "\n\nReply STOP to opt out.", " 📦 See you soon.", " Use code {{4}} for 10% off."]


def template(number: int, rng: random.Random) -> dict:
    body = f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}{rng.choice(ENDINGS)}"
    count = body.count("{{")
    components: list[dict] = [{"type": "BODY", "text": body,
                               "example": {"body_text": [[f"value{i}" for i in range(1, count + 1)]]}}]
    if rng.random() < 0.5:
        components.insert(0, {"type": "HEADER", "format": "TEXT", "text": "Update {{1}}",
                              "example": {"header_text": ["A1"]}})
    if rng.random() < 0.5:
        components.append({"type": "BUTTONS", "buttons": [
            {"type": "URL", "text": "Open", "url": "https://example.com/o/{{1}}",
             "example": ["https://example.com/o/1"]},
            {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+14155552671"}]})
    return {"name": f"template_update_{number}", "language": rng.choice(["en_US", "pt_BR", "es"]),
            "category": rng.choice(["UTILITY", "MARKETING"]), "components": components}


def main(count: int, out: Path) -> None:
    rng = random.Random(count)
    templates = (template(n, rng) for n in range(count))
    with out.open("w", encoding="utf-8") as handle:
        if out.suffix == ".json":
            json.dump(list(templates), handle, ensure_ascii=False, indent=1)
        else:
            for item in templates:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
