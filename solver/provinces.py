"""``solve --by-province``: a country solved province by province, side by side on Dask.

The scenario is split by ``trainplan.models.split`` (each province's part holds its share of
what provinces share); each part is one task on the executor of ``solver.distributed`` (a
local cluster by default, or an existing one by its scheduler address), so at most one model
per Dask worker exists at any time. The parts' plans are joined into one plan of the whole
scenario: each part keeps its share of every shared capacity, so the union keeps every rule
(``trainplan check`` against the whole scenario says so).

``--time-limit`` is the whole run's wall time: each task, as it starts, takes what is left
divided by the rounds of tasks still to run (``ProvinceJob.seconds``), so a province finished
early leaves its time to the others. HiGHS stops a province at ``PROVINCE_GAP``.

The combined objective is the sum of the parts' objectives. Its bound, always one of the whole
scenario (a missing bound counts as 0: no objective is ever below 0):

- nothing shared and no target split: the sum of the parts' bounds;
- something shared, no target split: the sum of the bounds of the parts with every shared
  capacity wholly their own (``Part.relaxed``, one more task each);
- a target split (its population spans provinces): a Lagrangian bound (``solver.lagrange``),
  found first: one task per province, each split target priced at the provinces' marginal cost
  of an official qualified. The prices also say where training is cheapest: each province is
  then asked, of each split target, a count in proportion to the officials it qualified at
  those prices (``_priced_then_planned``). Asking the same share everywhere cost 1.9 % more
  than the whole's optimum on a generated country of 8 x 500 officials; these counts reached
  that optimum. The provinces' own bounds and gap are said too, as such (``split_gap``).

``ProvinceDone`` reports each finished province with the running totals and gap.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from trainplan.models.fingerprint import input_hash
from trainplan.models.plan import ClassRow, Plan, SolverInfo, SolveStatus
from trainplan.models.scenario import Scenario
from trainplan.models.split import Part, Split, allocate, asking, split_by_province
from trainplan.solver.distributed import Cluster, run_tasks
from trainplan.solver.engines import solve
from trainplan.solver.lagrange import (
    SEARCH_ROUNDS,
    Term,
    province_term,
    search_prices,
    target_prices,
    whole_bound,
)
from trainplan.solver.parameters import Engine, SolveOptions

OBJECTIVES = ("targets", "money")
"""The stages whose values and bounds add up over provinces (``SolverInfo.objective``)."""
PROVINCE_GAP = 0.005
"""HiGHS stops a province within 0.5 % of its bound: a 3,360-official province took 17.6 s to
prove, 6–12 s to reach 0.25 % and 5 s to reach 0.5 % (benchmarks/README.md). The combined
gap is what is claimed, whatever each province's."""
LEAST_SECONDS = 20.0
"""The least time a task is given, however little of the run's time is left."""
SEARCH_SHARE = 0.25
"""The share of the run's time (``--time-limit``) the search of the prices may take: no try
starts after it (the first always runs)."""
PRICED = 6
"""Provinces the prices of the split targets are searched on at most (``_prices``; any prices
give a valid bound, good ones a close one)."""
SAMPLE_OFFICIALS = 3_000
"""Officials enough in the sample: 6 provinces of 500 (a 30,000-official country: combined gap
0.59 %), 2 of 3,360 (each try of the prices then costs two province solves, not six)."""


@dataclass(frozen=True)
class ProvinceJob:
    """What a Dask worker needs for one task: a province's part and the solve's options."""

    province: str
    scenario: Scenario
    kind: str
    """``plan`` (the part's plan), ``relaxed`` (the relaxed part's bound), ``prices`` (the LP
    duals of the targets in ``price``) or ``term`` (the province's term of the Lagrangian
    bound, ``prices`` given)."""
    deadline: float | None
    """When the whole run ends (``time.time()``); None: no limit."""
    rounds: int
    """Rounds of tasks left when this one starts, itself included."""
    seed: int
    workers: int
    engine: Engine
    price: tuple[str, ...] = ()
    """A ``prices`` task: the split targets to price."""
    prices: tuple[tuple[str, float], ...] = ()

    def seconds(self) -> float | None:
        """This task's time: what is left of the run over the rounds left, at least
        ``LEAST_SECONDS``."""
        if self.deadline is None:
            return None
        return max(LEAST_SECONDS, (self.deadline - time.time()) / self.rounds)


@dataclass(frozen=True)
class ProvinceResult:
    plan: Plan | None
    prices: dict[str, float] = field(default_factory=dict)
    term: Term | None = None


def solve_province(job: ProvinceJob) -> ProvinceResult:
    """One task on a worker (module level, so workers can import it)."""
    options = SolveOptions(
        time_limit=job.seconds(),
        seed=job.seed,
        workers=job.workers,
        deterministic=job.kind == "plan",
        engine=job.engine,
    )
    if job.kind == "term":
        return ProvinceResult(
            None, term=province_term(job.scenario, dict(job.prices), options, PROVINCE_GAP)
        )
    if job.kind == "prices":
        return ProvinceResult(None, target_prices(job.scenario, job.price))
    return ProvinceResult(solve(job.scenario, options, PROVINCE_GAP, hinted=True))


@dataclass
class Totals:
    """The running sums over the provinces done; a stage's missing bound adds 0."""

    objective: dict[str, float] = field(default_factory=lambda: dict.fromkeys(OBJECTIVES, 0.0))
    bound: dict[str, float] = field(default_factory=lambda: dict.fromkeys(OBJECTIVES, 0.0))
    proven: bool = True
    unknown: int = 0
    """Provinces with no plan found in time: the sums lack them, no gap is claimed."""

    def add(self, info: SolverInfo, *, plan: bool, bound: bool) -> None:
        for name in OBJECTIVES:
            if plan:
                self.objective[name] += info.objective.get(name, 0.0)
            if bound:
                self.bound[name] += info.bound.get(name, 0.0)
        if plan:
            self.proven = self.proven and info.status == SolveStatus.OPTIMAL

    @property
    def gap(self) -> float:
        """Relative gap of the first stage the bound leaves open (shortfall, else money)."""
        return gap_of(self.objective, self.bound)


def gap_of(objective: Mapping[str, float], bound: Mapping[str, float]) -> float:
    """Relative gap of the first stage ``bound`` leaves open (shortfall, else money)."""
    for name in OBJECTIVES:
        value, least = objective.get(name, 0.0), bound.get(name, 0.0)
        if value - least > 1e-9 * max(1.0, abs(value)):
            return (value - least) / max(1.0, abs(value))
    return 0.0


@dataclass(frozen=True)
class ProvinceDone:
    """Progress: one more province finished (``done`` of ``count``), and the totals so far.
    ``bound_of`` says whose gap ``gap`` is: ``whole`` or ``split`` (the provinces' own
    problems', each asked its part of the split targets); ``phase`` is ``plan``, ``prices``
    (a try of the prices, on a sample of provinces), ``bound`` (the Lagrangian bound's tasks)
    or ``priced`` (the prices kept; each province now asked its counts): those come first."""

    province: str
    done: int
    count: int
    status: SolveStatus
    objective: dict[str, float]
    gap: float | None
    bound_of: str = "whole"
    phase: str = "plan"
    province_gap: float | None = None
    """The province's own gap (its plan against its bound)."""
    bound: float | None = None
    """Phase ``prices``: the sample's bound at the prices tried (``done`` of ``count``)."""
    provinces: int = 0
    """Phase ``prices``: the provinces in the sample."""
    prices: dict[str, float] = field(default_factory=dict)
    """Phase ``priced``: the prices kept, VND per official who qualifies, by target."""


@dataclass
class _Run:
    """One run's jobs, results and totals."""

    scenario: Scenario
    split: Split
    options: SolveOptions
    cluster: Cluster
    progress: Callable[[ProvinceDone], None] | None
    deadline: float | None
    lagrangian: bool
    plans: dict[str, Plan] = field(default_factory=dict)
    recorded: dict[str, object] = field(default_factory=dict)
    """Split targets: the prices (VND a head) and each province's counts, for plan.json."""
    totals: Totals = field(default_factory=Totals)
    whole: Totals = field(default_factory=Totals)
    """Bounds of the whole from the relaxed parts, by province done."""

    def job(
        self, province: str, scenario: Scenario, kind: str, left: int, **more: object
    ) -> ProvinceJob:
        """A task of ``kind``; ``left``: tasks of the run still to start, this one included
        (the rounds left share the run's time)."""
        rounds = max(1, math.ceil(left / max(1, self.cluster.jobs)))
        options = self.options
        return ProvinceJob(
            province,
            scenario,
            kind,
            self.deadline,
            rounds,
            options.seed,
            options.workers,
            options.engine,
            **more,  # type: ignore[arg-type]
        )

    @property
    def relaxing(self) -> bool:
        return not self.lagrangian and any(p.relaxed is not None for p in self.split.parts)

    def run(self, jobs: list[ProvinceJob]) -> Iterator[tuple[ProvinceJob, ProvinceResult]]:
        for index, result in run_tasks(solve_province, jobs, self.cluster, self.options.stop):
            yield jobs[index], result


def solve_by_province(
    scenario: Scenario,
    options: SolveOptions,
    cluster: Cluster,
    progress: Callable[[ProvinceDone], None] | None = None,
    split: Split | None = None,
) -> tuple[Plan, Split]:
    """The plan of the whole ``scenario`` joined from its provinces' plans, and the split.

    Raises
    ------
    InputError
        When a unit names no province, or when re-planning (``models.split``).
    Infeasible
        When a province's hard rules leave it no plan (names them).
    """
    started = time.monotonic()
    split = split or split_by_province(scenario)
    deadline = None if options.time_limit is None else time.time() + options.time_limit
    run = _Run(scenario, split, options, cluster, progress, deadline, bool(split.split_targets))
    if run.lagrangian:
        bound = _priced_then_planned(run)
    else:
        _plan_round(run, {part.province: part.scenario for part in split.parts})
        bound = dict(run.whole.bound if run.relaxing else run.totals.bound)
    plan = joined(scenario, split, run.plans, run.totals, options, started, bound, run.recorded)
    return plan, split


def _plan_round(run: _Run, scenarios: Mapping[str, Scenario]) -> None:
    """Each province's plan of ``scenarios`` (its part), and its relaxed part's bound when
    capacities are shared and no target is split."""
    jobs: list[ProvinceJob] = []
    for part in run.split.parts:
        left = len(run.split.parts) * (2 if run.relaxing else 1) - len(jobs)
        jobs.append(run.job(part.province, scenarios[part.province], "plan", left))
        if run.relaxing and part.relaxed is not None:
            jobs.append(run.job(part.province, part.relaxed, "relaxed", left - 1))
    bounded: set[str] = set()
    for job, result in run.run(jobs):
        plan = result.plan
        assert plan is not None and plan.solver is not None
        if job.kind == "relaxed":
            run.whole.add(plan.solver, plan=False, bound=True)
            bounded.add(job.province)
            continue
        run.totals.add(plan.solver, plan=True, bound=True)
        if not run.relaxing:
            bounded.add(job.province)
        if plan.solver.status == SolveStatus.UNKNOWN:  # no plan in time: the province plans
            run.totals.proven = False  # nothing, and the totals miss its objective
            run.totals.unknown += 1
        run.plans[job.province] = plan
        if run.progress is not None:
            run.progress(_done(run, job.province, plan.solver.status, bounded))


def _done(run: _Run, province: str, status: SolveStatus, bounded: set[str]) -> ProvinceDone:
    """Progress after a province's plan: the gap so far, over the provinces planned and
    bounded (relaxed parts arrive apart), of the whole or of the split problem."""
    totals, info = run.totals, run.plans[province].solver
    if run.lagrangian:
        gap: float | None = totals.gap
    elif run.relaxing:
        both = bounded & set(run.plans)
        infos = [run.plans[p].solver for p in both]
        objective = {
            name: sum(info.objective.get(name, 0.0) for info in infos if info is not None)
            for name in OBJECTIVES
        }
        gap = gap_of(objective, run.whole.bound) if both == bounded else None
    else:
        gap = totals.gap
    return ProvinceDone(
        province,
        len(run.plans),
        len(run.split.parts),
        status,
        dict(totals.objective),
        gap,
        "split" if run.lagrangian else "whole",
        province_gap=None if info is None else info.gap,
    )


def _priced_then_planned(run: _Run) -> dict[str, float] | None:
    """Targets split: prices, a round of the bound's tasks, then the plans. Each split
    target is priced per official qualified (``_prices``: searched on a sample of provinces
    from their LP duals); each province's relaxed part at
    those prices gives its term of the bound of the whole and how many it then qualifies; the
    target's count is split among the provinces in proportion (``models.split.allocate``: each
    trains where it is cheapest, whole classes rather than the same share everywhere), and each
    province plans for its counts. The bound of the whole, when the joined plan misses no
    target; None otherwise (a stop, no term in time, a missed target: then, with no term,
    every province is asked the same share)."""
    split, scenario = run.split, run.scenario
    required = {
        t.id: scenario.required(t) for t in scenario.settings.targets if t.id in split.split_targets
    }
    found = _prices(run, required)
    prices, terms = found if found is not None else (None, None)
    if prices is not None and terms is None and not _late(run):
        terms = _price_round(run, prices)
    elif terms is not None:  # the sample is every province: its best try's terms
        for done, province in enumerate(terms, start=1):
            _bound_found(run, province, done)
    if prices is None or terms is None:
        _plan_round(run, {part.province: part.scenario for part in split.parts})
        return None
    counts: dict[str, dict[str, int]] = {part.province: {} for part in split.parts}
    for target_id, count in required.items():
        target = next(t for t in scenario.settings.targets if t.id == target_id)
        population = {p.province: len(p.scenario.population(target)) for p in split.parts}
        reached = {p: terms[p].qualified.get(target_id, 0) for p in population}
        for province, share in allocate(count, reached, population).items():
            counts[province][target_id] = share
    run.recorded = {
        "prices": {target: round(price) for target, price in prices.items()},
        "counts": counts,
    }
    if run.progress is not None:
        kept = ProvinceDone("", 0, 0, SolveStatus.FEASIBLE, {}, None, phase="priced")
        run.progress(replace(kept, prices=dict(prices)))
    _plan_round(run, {p.province: asking(p.scenario, counts[p.province]) for p in split.parts})
    bound = whole_bound([term.bound for term in terms.values()], prices, required)
    complete = len(run.plans) == len(split.parts) and not run.totals.unknown
    if not complete or run.totals.objective["targets"] > 0:
        return None
    return {"targets": 0.0, "money": bound}


def _late(run: _Run) -> bool:
    """The run's time is up: no round of the bound's tasks (each would still take
    ``LEAST_SECONDS``); the provinces are asked the same share, with no bound of the whole."""
    return run.deadline is not None and time.time() >= run.deadline


def _sample(run: _Run) -> tuple[Part, ...]:
    """The provinces the prices are searched on: spread over the list, at least two, and
    no more than hold ``SAMPLE_OFFICIALS`` (or ``PRICED`` provinces)."""
    parts = run.split.parts
    spread = parts[:: max(1, len(parts) // PRICED)][:PRICED]
    sample: list[Part] = []
    for part in spread:
        if len(sample) >= 2 and sum(len(p.scenario.officials) for p in sample) >= SAMPLE_OFFICIALS:
            break
        sample.append(part)
    return tuple(sample)


def _prices(
    run: _Run, required: Mapping[str, int]
) -> tuple[dict[str, float], dict[str, Term] | None] | None:
    """Each split target's price (None on a stop): from the sample's LP duals, averaged, a
    search on the sample's terms for the prices with the highest bound (``search_prices``);
    the sample asked the target's share of its own population. With them, the terms at those
    prices when the sample is every province (None: a round of them is still to run)."""
    sample, targets = _sample(run), run.split.split_targets
    jobs = [run.job(p.province, p.scenario, "prices", 0, price=targets) for p in sample]
    found = [result.prices for _, result in run.run(jobs)]
    if run.options.stop.is_set() or len(found) < len(jobs):
        return None
    start = {t: sum(prices.get(t, 0.0) for prices in found) / len(found) for t in targets}
    by_id = {target.id: target for target in run.scenario.settings.targets}
    asked = {
        t: required[t]
        * sum(len(p.scenario.population(by_id[t])) for p in sample)
        / max(1, len(run.scenario.population(by_id[t])))
        for t in targets
    }
    tries: list[int] = []
    every = len(sample) == len(run.split.parts)
    until = (
        None if run.deadline is None else time.time() + SEARCH_SHARE * (run.deadline - time.time())
    )
    seen: dict[tuple[tuple[str, float], ...], dict[str, Term]] = {}

    def evaluate(prices: dict[str, float]) -> tuple[float, dict[str, int]] | None:
        if tries and until is not None and time.time() >= until:
            return None  # the search's share of the run's time is spent: the best so far
        left = (SEARCH_ROUNDS - len(tries)) * len(sample) + 2 * len(run.split.parts)
        priced = tuple(prices.items())
        jobs = [
            run.job(p.province, p.relaxed or p.scenario, "term", left - i, prices=priced)
            for i, p in enumerate(sample)
        ]
        terms = [result.term for _, result in run.run(jobs) if result.term is not None]
        if run.options.stop.is_set() or len(terms) < len(jobs):
            return None
        tries.append(1)
        if every:
            seen[priced] = {p.province: term for p, term in zip(sample, terms, strict=True)}
        bound = sum(t.bound for t in terms) + sum(prices[t] * asked[t] for t in targets)
        qualified = {t: sum(term.qualified.get(t, 0) for term in terms) for t in targets}
        if run.progress is not None:
            status, tried = SolveStatus.FEASIBLE, len(tries)
            done = ProvinceDone("", tried, SEARCH_ROUNDS, status, {}, None, phase="prices")
            run.progress(replace(done, bound=bound, provinces=len(sample)))
        return bound, qualified

    best = search_prices(evaluate, start, asked)
    return best, seen.get(tuple(best.items()))


def _price_round(run: _Run, prices: dict[str, float]) -> dict[str, Term] | None:
    """One round of the bound's tasks at ``prices``: each province's term; None when one
    found none (or a stop)."""
    if run.options.stop.is_set():
        return None
    parts, priced = run.split.parts, tuple(prices.items())
    jobs = [  # a term, then a plan, for each province: the run's time for both rounds
        run.job(p.province, p.relaxed or p.scenario, "term", 2 * len(parts) - i, prices=priced)
        for i, p in enumerate(parts)
    ]
    terms: dict[str, Term] = {}
    for job, result in run.run(jobs):
        if result.term is None:
            return None
        terms[job.province] = result.term
        _bound_found(run, job.province, len(terms))
    return terms if len(terms) == len(jobs) else None


def _bound_found(run: _Run, province: str, done: int) -> None:
    """Progress: the province's term of the bound found, ``done`` of them so far."""
    if run.progress is not None:
        count, status = len(run.split.parts), SolveStatus.FEASIBLE
        run.progress(ProvinceDone(province, done, count, status, {}, None, phase="bound"))


def joined(
    scenario: Scenario,
    split: Split,
    plans: dict[str, Plan],
    totals: Totals,
    options: SolveOptions,
    started: float,
    bound: dict[str, float] | None = None,
    more: Mapping[str, object] | None = None,
) -> Plan:
    """One plan of the whole scenario from the provinces' plans; classes of one course and
    year in several provinces are numbered on from each other. ``bound``: of the whole
    scenario (None: unknown beyond a shortfall of at least 0). ``more``: parameters to
    record besides (the split targets' prices and counts)."""
    enrollments = [e for plan in plans.values() for e in plan.enrollments]
    classes: list[ClassRow] = []
    numbered: dict[tuple[str, int], int] = defaultdict(int)
    for province in sorted(plans):
        offset = dict(numbered)
        for row in plans[province].classes:
            key = (row.course_id, row.year)
            number = offset.get(key, 0) + row.class_no
            classes.append(
                ClassRow(row.course_id, row.year, number, row.learners, row.lecturer_id, row.hours)
            )
            numbered[key] = max(numbered[key], number)
    complete = len(plans) == len(split.parts) and not totals.unknown
    interrupted = options.stop.is_set() or not complete
    whole = {"targets": 0.0} if bound is None else bound
    gap = gap_of(totals.objective, whole) if complete and "money" in whole else None
    status = (
        SolveStatus.OPTIMAL
        if complete and gap == 0
        else SolveStatus.FEASIBLE
        if plans
        else SolveStatus.UNKNOWN
    )
    info = SolverInfo(
        status=status,
        objective=dict(totals.objective),
        bound=whole,
        gap=gap,
        seconds=round(time.monotonic() - started, 3),
        seed=options.seed,
        workers=options.workers,
        time_limit=options.time_limit,
        interrupted=interrupted,
        parameters={
            "by_province": len(split.parts),
            "engine": str(options.engine),
            "province_gap": PROVINCE_GAP,
            "shared": len(split.shared),
            "split_targets": list(split.split_targets),
            "bound_of": "whole" if bound is not None else "none",
            "bound_by": (
                "lagrangian" if split.split_targets else "relaxed" if split.shared else "exact"
            ),
            "split_bound": dict(totals.bound),
            "split_gap": totals.gap if complete else None,
            **(more or {}),
        },
        input_hash=input_hash(scenario),
    )
    return Plan(tuple(enrollments), tuple(classes), info)
