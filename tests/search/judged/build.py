"""Write the judged corpus (corpus.jsonl) from topics.py and the record grades into dev/test.json.

    python -m tests.search.judged.build

Each query in dev.json and test.json names the topics it is about with a grade (3 answers it,
2 closely related, 1 touches it) and, for queries such as "review of ...", the record type
asked for. A record's grade is its topic's grade (one less when the type differs), 1 for a
record that mentions the topic in one sentence, else 0. The "relevant" maps are derived from
those topic judgments and the corpus, never from search results.
"""

import json
from pathlib import Path

from .topics import AREAS, DISTRACTORS, TOPICS

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl"
SPLITS = (HERE / "dev.json", HERE / "test.json")
KINDS = ("bright_spot", "barrier", "review")
RECORDS_PER_TOPIC = 8
CATEGORIES = ["service-design", "information-sharing", "commissioning", "workforce", "policy"]
LEVELS = ["service", "system", "individual"]


def _title(topic, index, kind):
    titles = topic["titles"]
    title = titles[index % len(titles)]
    if index >= len(titles):
        title = (
            {"review": "Review: ", "barrier": "Again: ", "bright_spot": "What worked: "}[kind]
            + title[0].lower()
            + title[1:]
        )
    elif kind == "review" and index % 2 == 0:
        title = "Review: " + title[0].lower() + title[1:]
    return title


def build_records():
    """[(record dict, primary topic, secondary topic or None)] in a fixed order."""
    names = list(TOPICS)
    records = []
    for number, name in enumerate(names):
        topic = TOPICS[name]
        sentences = topic["sentences"]
        for index in range(RECORDS_PER_TOPIC):
            kind = KINDS[(number + index) % len(KINDS)]
            own = [sentences[(index + step) % len(sentences)] for step in (0, 3, 5)]
            secondary = None
            if index in (2, 5):
                secondary = names[(number + 7 + index) % len(names)]
                other = TOPICS[secondary]["sentences"]
                own.append(other[(number + index) % len(other)])
            record = {
                "id": f"{name}-{index + 1}",
                "type": kind,
                "title": _title(topic, index, kind),
                "date": f"{2021 + (number + index) % 5}-{1 + (index * 5 + number) % 12:02d}-15",
                "area": AREAS[(number * 3 + index) % len(AREAS)],
                "agencies": topic["agencies"][: 1 + index % 2],
                "needs": topic["needs"][: 1 + (index + 1) % len(topic["needs"])],
            }
            if kind == "bright_spot":
                record.update(
                    summary=own[0],
                    body=" ".join(own[1:]),
                    principles=topic["principles"],
                    what_made_the_difference=own[1],
                )
            elif kind == "barrier":
                record.update(
                    body=" ".join(own),
                    level=LEVELS[index % len(LEVELS)],
                    category=CATEGORIES[(number + index) % len(CATEGORIES)],
                    themes=topic["themes"],
                    status="open",
                )
            else:
                record.update(
                    body=own[0],
                    principles=topic["principles"][:1],
                    kind="informal" if index % 2 else "formal",
                    answers=[
                        {"question": "What actually happened?", "answer": own[1]},
                        {"question": "Why was there a difference?", "answer": " ".join(own[2:])},
                    ],
                    lessons=[{"kind": "improve", "text": own[-1]}],
                )
            records.append((record, name, secondary))
    for index, (title, summary, body) in enumerate(DISTRACTORS):
        kind = KINDS[index % len(KINDS)]
        record = {"id": f"general-{index + 1}", "type": kind, "title": title, "body": body}
        if kind == "review":
            record["answers"] = [{"question": "What actually happened?", "answer": summary}]
        else:
            record["summary" if kind == "bright_spot" else "body"] = (
                summary if kind == "bright_spot" else f"{summary} {body}"
            )
        records.append((record, None, None))
    return records


def grade(query, record, primary, secondary):
    best = 0
    for topic, topic_grade in query["topics"].items():
        if topic not in TOPICS:
            raise KeyError(f"{query['query']!r}: unknown topic {topic!r}")
        if primary == topic:
            wanted = query.get("type")
            best = max(best, topic_grade - (1 if wanted and record["type"] != wanted else 0))
        elif secondary == topic and topic_grade == 3:
            best = max(best, 1)
    return best


def main():
    records = build_records()
    with open(CORPUS, "w", encoding="utf-8") as handle:
        for record, _primary, _secondary in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    for path in SPLITS:
        data = json.loads(path.read_text(encoding="utf-8"))
        for query in data["queries"]:
            relevant = {}
            for record, primary, secondary in records:
                value = grade(query, record, primary, secondary)
                if value:
                    relevant[record["id"]] = value
            query["relevant"] = relevant
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(records)} records")  # noqa: T201


if __name__ == "__main__":
    main()
