"""scripts/audit_site.py's report of Lighthouse runs: the medians of the scores and of the metrics behind them."""

import importlib.util

from sitetools import ROOT


def load_audit_site():
    spec = importlib.util.spec_from_file_location("audit_site", ROOT / "scripts" / "audit_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_report_gives_each_score_and_each_metric_as_the_median_of_the_runs():
    audit_site = load_audit_site()
    runs = [
        {"performance": 90, "seo": 100, "FCP": 1200.4, "LCP": 1900, "TBT": 300, "SI": 1500, "CLS": 0.0},
        {"performance": 97, "seo": 100, "FCP": 1000, "LCP": 1500, "TBT": 90, "SI": 1100, "CLS": 0.01},
        {"performance": 95, "seo": 100, "FCP": 1100, "LCP": 1400, "TBT": 120, "SI": 1000, "CLS": 0.0},
    ]
    assert audit_site.medians(runs) == "performance 95, seo 100; FCP 1100 ms, LCP 1500 ms, TBT 120 ms, SI 1100 ms, CLS 0.000"
    assert set(audit_site.METRICS.values()) == {"FCP", "LCP", "TBT", "SI", "CLS"}
