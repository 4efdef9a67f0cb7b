"""The exposure model over the findings database: combinations completed across scans, the profile score.

The store reads and writes rows; what they are worth is decided here, so the model lives in one place
(`combination` and `profile` hold the rules, this module applies them to stored rows).
"""

from __future__ import annotations

from scanner.scoring.combination import complete_across, raised, strongest_for
from scanner.scoring.levels import Level, Risk
from scanner.scoring.profile import TOP_VALUES, ProfileScore, profile_from_tops
from scanner.store import Store


def raise_combinations(store: Store, linked: frozenset[str]) -> int:
    """Lift stored findings about the person that take part in a combination `linked` completes.

    Combinations are usually completed across scans (a name from the blog, a birth date from the
    archive); findings already carrying a combination factor are left as they are. Returns how many
    findings were raised.
    """
    completed = complete_across(linked)
    if not completed:
        return 0
    members = sorted(set().union(*(part for c in completed for part in c.parts)))
    updates = []
    for finding_id, entity, risk, level, factors in store.about_the_person(members):
        combination = strongest_for(entity, completed)
        if combination is None or any(factor.name == "combination" for factor in factors):
            continue
        updates.append((finding_id, raised(Risk(risk, Level(level), factors), combination,
                                           "across your sources")))
    store.update_risks(updates)
    return len(updates)


def stored_profile(store: Store, scan_id: int | None = None) -> ProfileScore:
    """The profile score of every finding not resolved (of one scan, if given), off the risk indexes.

    Only the riskiest ten distinct values of each group count (scanner.scoring.profile), so each
    group is read in risk order and left as soon as it has them: fast at a million findings.
    """
    return profile_from_tops(
        store.top_risks(TOP_VALUES, scan_id=scan_id),
        {name: store.top_risks(TOP_VALUES, "category", name, scan_id) for name in store.distinct("category")},
        {name: store.top_risks(TOP_VALUES, "source", name, scan_id) for name in store.distinct("source")},
        store.distinct_values(scan_id))
