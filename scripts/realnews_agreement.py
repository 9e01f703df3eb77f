"""Inter-coder agreement of the project's real-news coding, per frame and per sentiment label
(no texts needed), and NewsMTSC train's labels against the project's sentiment guideline (needs
NewsMTSC train in ../shared; skipped without it).

Usage::

    python scripts/realnews_agreement.py
"""

from __future__ import annotations

from framing.errors import FramingError
from framing.labels import FRAMES
from framing.measure import coded_sentiment
from framing.measure.realnews import CORPORA, OPT_IN_CORPORA, coder_agreement


def main() -> None:
    for corpus in (*CORPORA, *OPT_IN_CORPORA):
        agr = coder_agreement(corpus)
        print(f"{corpus}: {agr['units']} (sentence, party) units; micro F1 A vs B "
              f"{agr['micro_f1']:.3f}")
        print(f"  {'frame':13} {'F1 A vs B':>9} {'alpha':>6} {'A vs gold':>9} {'B vs gold':>9}"
              f" {'A':>5} {'B':>5}")
        for f in FRAMES:
            v = agr["per_frame"][f]
            n_a = v["a_vs_b"]["tp"] + v["a_vs_b"]["fp"]
            n_b = v["b_vs_a"]["tp"] + v["b_vs_a"]["fp"]
            print(f"  {f:13} {v['f1']:9.3f} {v['alpha']:6.3f} {v['a_vs_gold']:9.3f} "
                  f"{v['b_vs_gold']:9.3f} {n_a:5} {n_b:5}")
    agr = coded_sentiment.coder_agreement()
    print(f"sentiment toward parties: {agr['units']} (sentence, party) units; same label "
          f"{agr['agreement']:.1%}, alpha {agr['alpha']:.3f}")
    print(f"  {'label':13} {'alpha':>6} {'A':>5} {'B':>5} {'adjudicated':>11}")
    for label, v in agr["per_label"].items():
        print(f"  {label:13} {v['alpha']:6.3f} {v['A']:5} {v['B']:5} {v['adjudicated']:11}")
    try:
        conv = coded_sentiment.newsmtsc_convention()
    except FramingError as e:
        print(f"NewsMTSC against the project's guideline: skipped ({e})")
        return
    c, n = conv["coders"], conv["newsmtsc"]
    print(f"NewsMTSC train, multi-target targets coded by the project's guideline: "
          f"{c['units']} targets, coders agree {c['agreement']:.1%} (alpha {c['alpha']:.3f}); "
          f"against NewsMTSC's labels on {n['units']}: {n['agreement']:.1%} "
          f"(alpha {n['alpha']:.3f})")
    for (theirs, ours), k in sorted(n["differences"].items(), key=lambda x: -x[1]):
        print(f"  NewsMTSC {theirs:8} coders {ours:8} {k:5}")


if __name__ == "__main__":
    main()
