"""The registry of checks: one explicit mapping from check id to module, sorted by id.

Rubrics name checks only by id. A check's id is its module's path under ``designer/checks/``
(``graph.no_single_point_of_failure``), stable and never reused.
"""

from __future__ import annotations

__all__ = ["CHECKS", "get_check", "all_checks", "close_matches"]

import difflib
import importlib
from functools import cache

from designer.checks.base import Check

CHECKS: dict[str, str] = {
    "api.endpoints_present": "designer.checks.api.endpoints_present",
    "api.realtime_channel": "designer.checks.api.realtime_channel",
    "api.rest_conventions": "designer.checks.api.rest_conventions",
    "database.access_patterns_indexed": "designer.checks.database.access_patterns_indexed",
    "database.choice_justified": "designer.checks.database.choice_justified",
    "database.nosql_partition_key": "designer.checks.database.nosql_partition_key",
    "database.tables_have_primary_keys": "designer.checks.database.tables_have_primary_keys",
    "detailed.datastores_discussed": "designer.checks.detailed.datastores_discussed",
    "detailed.deep_dives_on_the_board": "designer.checks.detailed.deep_dives_on_the_board",
    "estimates.bandwidth_fits": "designer.checks.estimates.bandwidth_fits",
    "estimates.consistency": "designer.checks.estimates.consistency",
    "estimates.quantities_present": "designer.checks.estimates.quantities_present",
    "estimates.rows_evaluate": "designer.checks.estimates.rows_evaluate",
    "estimates.stated_figures_agree": "designer.checks.estimates.stated_figures_agree",
    "estimates.value_in_range": "designer.checks.estimates.value_in_range",
    "graph.async_through_queue": "designer.checks.graph.async_through_queue",
    "graph.board_size": "designer.checks.graph.board_size",
    "graph.cache_on_read_path": "designer.checks.graph.cache_on_read_path",
    "graph.cdn_for_media": "designer.checks.graph.cdn_for_media",
    "graph.component_present": "designer.checks.graph.component_present",
    "graph.datastores_replicated": "designer.checks.graph.datastores_replicated",
    "graph.labelled": "designer.checks.graph.labelled",
    "graph.load_balancer_in_front_of_pool": "designer.checks.graph.load_balancer_in_front_of_pool",
    "graph.no_direct_datastore_access": "designer.checks.graph.no_direct_datastore_access",
    "graph.no_orphans": "designer.checks.graph.no_orphans",
    "graph.no_single_point_of_failure": "designer.checks.graph.no_single_point_of_failure",
    "graph.no_unused_components": "designer.checks.graph.no_unused_components",
    "graph.path_exists": "designer.checks.graph.path_exists",
    "graph.workers_fed_by_queue": "designer.checks.graph.workers_fed_by_queue",
    "process.questions_before_design": "designer.checks.process.questions_before_design",
    "process.requirements_before_design": "designer.checks.process.requirements_before_design",
    "process.start_simple": "designer.checks.process.start_simple",
    "process.time_per_step": "designer.checks.process.time_per_step",
    "requirements.functional_present": "designer.checks.requirements.functional_present",
    "requirements.mentions_concepts": "designer.checks.requirements.mentions_concepts",
    "requirements.non_functional_present": "designer.checks.requirements.non_functional_present",
    "requirements.out_of_scope_stated": "designer.checks.requirements.out_of_scope_stated",
    "requirements.questions_asked": "designer.checks.requirements.questions_asked",
    "scale.bottlenecks_with_fixes": "designer.checks.scale.bottlenecks_with_fixes",
    "scale.capacity_meets_peak": "designer.checks.scale.capacity_meets_peak",
    "scale.survives_single_failure": "designer.checks.scale.survives_single_failure",
    "scale.tradeoffs_stated": "designer.checks.scale.tradeoffs_stated",
    "wrap_up.alerts_with_thresholds": "designer.checks.wrap_up.alerts_with_thresholds",
    "wrap_up.failure_cases": "designer.checks.wrap_up.failure_cases",
    "wrap_up.spofs_discussed": "designer.checks.wrap_up.spofs_discussed",
    "wrap_up.summary_and_improvements": "designer.checks.wrap_up.summary_and_improvements",
}


@cache
def get_check(check_id: str) -> Check:
    """Return the check with this id; raise KeyError naming the nearest ids when there is none."""
    if check_id not in CHECKS:
        raise KeyError(check_id)
    check = importlib.import_module(CHECKS[check_id]).CHECK
    assert check.id == check_id, f"{CHECKS[check_id]} declares {check.id!r}"
    return check


def all_checks() -> list[Check]:
    """Return every registered check, sorted by id."""
    return [get_check(check_id) for check_id in CHECKS]


def _similarity(wanted: str, known: str) -> float:
    ratio = difflib.SequenceMatcher(None, wanted, known).ratio()
    wanted_area, _, wanted_name = wanted.rpartition(".")
    known_area, _, known_name = known.rpartition(".")
    ratio = max(ratio, difflib.SequenceMatcher(None, wanted_name, known_name).ratio() - 0.05)
    # "no_spofs" for "no_single_point_of_failure": compare the word initials too.
    words = [w for w in wanted_name.split("_") if w]
    initials = "".join(w[0] for w in known_name.split("_") if w)
    squeezed = "".join(w if len(w) > 2 else w[0] for w in words).rstrip("s")  # no_spofs → nspof
    if len(initials) >= 3 and squeezed == initials:
        ratio = 1.0
    if wanted_area and wanted_area == known_area:
        ratio += 0.05
    return ratio


def close_matches(check_id: str, limit: int = 3) -> list[str]:
    """Return the registered ids nearest to a misspelt one, nearest first.

    Examples
    --------
    >>> close_matches("graph.no_spofs")[0]
    'graph.no_single_point_of_failure'
    >>> close_matches("graph.cache_on_read")[0]
    'graph.cache_on_read_path'
    """
    scored = sorted(CHECKS, key=lambda known: -_similarity(check_id, known))
    return [known for known in scored if _similarity(check_id, known) >= 0.5][:limit]
