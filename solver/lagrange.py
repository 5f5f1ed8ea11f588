"""A bound of the whole scenario when targets span provinces (``solve --by-province``).

A target whose population spans provinces couples them: the whole scenario asks ``K`` of its
``N`` officials, wherever they are, while the split problem asks each province the same share
of its own. The split problem's bound is therefore no bound of the whole (a whole plan may
qualify more where it is cheap and fewer where it is dear). Lagrangian relaxation gives one:
for any prices ``λ_t >= 0`` (VND per official who qualifies for target ``t``) and every plan of
the whole that meets the targets (the shortfall stage at 0),

    money >= Σ_p min_p (money_p - Σ_t λ_t q_tp) + Σ_t λ_t K_t,

where ``q_tp`` counts province ``p``'s officials who qualify and ``min_p`` runs over province
``p``'s plans with every shared capacity wholly its own (``Part.relaxed``). Each province's
term is one MIP (``province_term``): its split targets asked of everyone (share 1, soft), each
official short priced at ``λ_t``; the shortfall is then ``N_tp - q_tp`` and the term is the
MIP's dual bound less ``Σ_t λ_t N_tp``. Its own targets (population in the province) are made
hard, which every plan with no shortfall keeps. The prices start from the provinces' LP duals
of the split targets' rows (``target_prices``: the marginal VND per official qualified) and are
searched on a sample of provinces (``search_prices``): the bound is concave in the prices and
rises in each while fewer officials qualify than the target needs.

Any prices give a valid bound; good ones a close one (a generated country of 30,000 officials:
0.59 % below the plan found, against 2.12 % at the LP duals). Every number is rounded down to
whole VND.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import highspy

from trainplan.models.plan import Plan
from trainplan.models.scenario import Scenario
from trainplan.solver.extract import plan_rows
from trainplan.solver.mip import MipModel, highs_of
from trainplan.solver.parameters import SolveOptions


def _target_rows(mip: MipModel) -> dict[str, int]:
    """The row of each soft target's count (``shortfall + qualified >= required``)."""
    columns = {var.index: target_id for target_id, var in mip.built.variables.shortfall.items()}
    found: dict[str, int] = {}
    for index, (_, terms, _) in enumerate(mip.rows):
        for column in terms:
            if column in columns and columns[column] not in found:
                found[columns[column]] = index
    return found


def target_prices(scenario: Scenario, targets: tuple[str, ...]) -> dict[str, float]:
    """VND per official who qualifies for each of ``targets``: the dual of its row in the LP
    relaxation of ``scenario`` (0 for a target the LP meets at no cost, or without a row)."""
    mip = MipModel(scenario)
    highs = highs_of(mip, SolveOptions(time_limit=None))
    highs.setOptionValue("solve_relaxation", True)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return dict.fromkeys(targets, 0.0)
    duals = highs.getSolution().row_dual
    scale = float(mip.money.scale)
    rows = _target_rows(mip)
    prices: dict[str, float] = {}
    for target_id in targets:
        row = rows.get(target_id)
        if row is None:
            prices[target_id] = 0.0
            continue
        divisor = math.gcd(*mip.rows[row][1].values()) or 1  # highs_of divided the row
        prices[target_id] = max(0.0, abs(duals[row]) / divisor / scale)
    return prices


def asked_of_everyone(scenario: Scenario, split: tuple[str, ...]) -> Scenario:
    """``scenario`` with each split target asked of its whole population (soft, share 1) and
    every other target hard: the province's term of the relaxation."""
    targets = tuple(
        target.model_copy(update={"share": 1.0, "hard": False})
        if target.id in split
        else target.model_copy(update={"hard": True})
        for target in scenario.settings.targets
    )
    settings = scenario.settings.model_copy(update={"targets": targets})
    return scenario.model_copy(update={"settings": settings})


@dataclass(frozen=True)
class Term:
    """A province's term of the bound, and the plan HiGHS found for it (its relaxed part at
    the prices: where qualifying is cheap it qualifies more), with that plan's money."""

    bound: float
    plan: Plan | None
    money: float
    qualified: dict[str, int]
    """Officials of the province who qualify for each priced target in that plan."""


def province_term(
    scenario: Scenario,
    prices: Mapping[str, float],
    options: SolveOptions,
    relative_gap: float,
) -> Term | None:
    """``min (money - Σ_t λ_t q_t)`` over ``scenario``'s plans, from below, in VND: the
    province's term of the bound (``scenario`` is its relaxed part). None when HiGHS found no
    bound in time, or the province's own targets cannot be met."""
    asked = asked_of_everyone(scenario, tuple(prices))
    mip = MipModel(asked)
    scale = float(mip.money.scale)
    costs = [0.0] * len(mip.lower)
    for var, coef in mip.money.terms:
        costs[var.index] += coef
    everyone = 0.0
    by_id = {target.id: target for target in asked.settings.targets}
    population: dict[str, int] = {}
    for target_id, var in mip.built.variables.shortfall.items():
        price = prices.get(target_id, 0.0)
        costs[var.index] += price * scale
        population[target_id] = len(asked.population(by_id[target_id]))
        everyone += price * population[target_id]
    highs = highs_of(mip, options, costs=costs)
    highs.setOptionValue("mip_rel_gap", relative_gap)
    highs.setOptionValue("mip_abs_gap", 0.0)
    highs.run()
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    info = highs.getInfo()
    bound = info.mip_dual_bound
    if not math.isfinite(bound) or bound <= -highspy.kHighsInf:
        return None
    plan, money, qualified = None, 0.0, {}
    if info.primal_solution_status == 2:  # kSolutionStatusFeasible
        columns = highs.getSolution().col_value
        variables = mip.built.variables
        values = {var.name: round(columns[var.index]) for var in variables.decision_vars()}
        enrollments, classes = plan_rows(asked, variables, values)
        plan = Plan(tuple(enrollments), tuple(classes))
        raw = sum(coef * round(columns[var.index]) for var, coef in mip.money.terms)
        money = float(mip.money.value(raw))
        qualified = {
            target_id: population[target_id] - round(columns[var.index])
            for target_id, var in variables.shortfall.items()
            if target_id in prices
        }
    # -1: no float error can make the term too high
    return Term(math.floor(bound / scale - everyone) - 1.0, plan, money, qualified)


def whole_bound(
    terms: list[float], prices: Mapping[str, float], required: Mapping[str, int]
) -> float:
    """The bound of the whole scenario's money at no shortfall: the provinces' terms plus
    ``Σ_t λ_t K_t`` (``required``: each split target's ``K`` in the whole scenario)."""
    return max(0.0, math.floor(sum(terms) + sum(prices[t] * required[t] for t in prices)))


SEARCH_ROUNDS = 8
"""Evaluations of the bound on the sample of provinces while searching the prices."""
FLOOR = 0.05
"""A price first tried for a target too few meet at price 0: this share of the dearest
starting price (a million VND when every starting price is 0)."""


@dataclass
class _Bracket:
    """What is known of one target's best price: too few qualify at ``low``, too many at
    ``high`` (the bound rises towards the price where as many qualify as the target needs)."""

    low: float | None = None
    high: float | None = None

    def seen(self, price: float, short: float) -> None:
        if short > 0:
            self.low = price
            if self.high is not None and self.high <= price:
                self.high = None  # stale: the other targets' prices moved since
        elif short < 0:
            self.high = price
            if self.low is not None and self.low >= price:
                self.low = None

    def next(self, price: float, floor: float) -> float:
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        if self.low is not None:  # too few at every price tried: dearer
            return max(self.low * 1.5, floor)
        if self.high is not None:  # too many: cheaper, down to 0
            return 0.0 if self.high <= floor / 4 else self.high * 0.75
        return price


def search_prices(
    evaluate: Callable[[dict[str, float]], tuple[float, Mapping[str, int]] | None],
    start: Mapping[str, float],
    required: Mapping[str, float],
    rounds: int = SEARCH_ROUNDS,
) -> dict[str, float]:
    """The prices giving the highest bound found in ``rounds`` evaluations from ``start``.

    ``evaluate(prices)`` gives the bound at ``prices`` (on a sample of provinces, say) and how
    many of the sample qualify for each target (None: stop searching); ``required`` is how
    many the sample should qualify. The bound is concave in the prices and, in each price,
    rises while fewer qualify than required: each price is bracketed between one where too few
    qualify and one where too many do, and halved (all prices at once, each by its own
    target's count). Any prices give a valid bound: this only chooses good ones."""
    prices = dict(start)
    floor = FLOOR * max([*prices.values(), 0.0]) or 1_000_000.0
    brackets = {target: _Bracket() for target in prices}
    best, best_bound = dict(prices), -math.inf
    for _ in range(rounds):
        found = evaluate(dict(prices))
        if found is None:
            break
        bound, qualified = found
        if bound > best_bound:
            best, best_bound = dict(prices), bound
        for target, bracket in brackets.items():
            bracket.seen(prices[target], required[target] - qualified.get(target, 0))
        prices = {t: bracket.next(prices[t], floor) for t, bracket in brackets.items()}
    return best
