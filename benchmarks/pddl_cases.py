"""Hard, labelled PDDL problem-equivalence pairs with an independent exact oracle.

    python benchmarks/pddl_cases.py [--out PATH] [--seed N]

Writes JSONL rows ``{"id", "kind": "pddl", "left", "right", "domain",
"expected", "tags"}`` (default ``tests/domains/pddl/data/hard_pairs.jsonl``).

Semantics labelled: problems P1, P2 of one domain are *equivalent* iff there is
a type-preserving bijection s of their objects (domain constants fixed) with
s(init1) = init2 exactly, and for every state reachable from init2,
s(goal1) holds iff goal2 holds.

Two kinds of labels:

* ``oracle:exact`` -- small problems decided by the oracle below, which is self
  contained (own s-expression reader, grounder, BFS over reachable states,
  enumeration of all bijections mapping init1 onto init2).  It does not use
  ``equivsolve``.
* ``oracle:construction`` -- large problems, labelled by how they were built;
  the argument for each family is in the comment of its generator.

The domains: blocksworld and gripper (untyped) are read from
``/work/shared/corpora/pddl/domains`` (Planetarium, BSD-3-Clause);
floor-tile, grippers, logistics-small and lights are in
``tests/domains/pddl/data/domains``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "domains" / "pddl" / "data"
OWN_DOMAINS = DATA / "domains"
SHARED_DOMAINS = Path("/work/shared/corpora/pddl/domains")

MAX_STATES = 50_000
MAX_PER_TYPE = 9  # floor-tile 3x3 has 9 tiles; everything else stays <= 7
MAX_BIJECTIONS = 20_000


class TooBig(Exception):
    pass


# --------------------------------------------------------------------------
# s-expressions
# --------------------------------------------------------------------------

def tokenize(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.split(";", 1)[0]
        out.extend(line.replace("(", " ( ").replace(")", " ) ").split())
    return [t.lower() for t in out]


def read_sexpr(text: str):
    toks = tokenize(text)
    pos = 0

    def rd():
        nonlocal pos
        t = toks[pos]
        pos += 1
        if t == "(":
            lst = []
            while toks[pos] != ")":
                lst.append(rd())
            pos += 1
            return lst
        if t == ")":
            raise ValueError("unbalanced )")
        return t

    e = rd()
    if pos != len(toks):
        raise ValueError("trailing tokens")
    return e


def sx(e) -> str:
    """Render an s-expression compactly."""
    if isinstance(e, (list, tuple)):
        return "(" + " ".join(sx(x) for x in e) + ")"
    return e


def typed_list(items: list) -> list[tuple[str, str]]:
    out, pending, i = [], [], 0
    while i < len(items):
        if items[i] == "-":
            t = items[i + 1]
            if isinstance(t, list):  # (either ...) -- unused here
                t = t[1]
            out.extend((p, t) for p in pending)
            pending = []
            i += 2
        else:
            pending.append(items[i])
            i += 1
    out.extend((p, "object") for p in pending)
    return out


# --------------------------------------------------------------------------
# domain / problem reader
# --------------------------------------------------------------------------

class ODomain:
    def __init__(self, text: str):
        e = read_sexpr(text)
        assert e[0] == "define" and e[1][0] == "domain"
        self.name = e[1][1]
        self.parent = {"object": None}
        self.constants: list[tuple[str, str]] = []
        self.actions = []
        for sec in e[2:]:
            key = sec[0]
            if key == ":types":
                for n, t in typed_list(sec[1:]):
                    self.parent[n] = t
                    self.parent.setdefault(t, "object" if t != "object" else None)
            elif key == ":constants":
                self.constants = typed_list(sec[1:])
            elif key == ":action":
                name = sec[1]
                fields = dict(zip(sec[2::2], sec[3::2]))
                params = typed_list(fields.get(":parameters", []))
                pre = fields.get(":precondition", ["and"])
                eff = fields.get(":effect", ["and"])
                self.actions.append((name, params, pre if pre != [] else ["and"], eff))
        self.parent["object"] = None

    def is_sub(self, t: str, sup: str) -> bool:
        while t is not None:
            if t == sup:
                return True
            t = self.parent.get(t, "object" if t != "object" else None)
        return False


class OProblem:
    def __init__(self, text: str, dom: ODomain):
        e = read_sexpr(text)
        assert e[0] == "define" and e[1][0] == "problem"
        self.objects: list[tuple[str, str]] = []
        self.init: frozenset = frozenset()
        self.goal = ["and"]
        for sec in e[2:]:
            key = sec[0]
            if key == ":domain":
                if sec[1] != dom.name:
                    raise ValueError(f"domain {sec[1]} != {dom.name}")
            elif key == ":objects":
                self.objects = typed_list(sec[1:])
            elif key == ":init":
                self.init = frozenset(tuple(a) for a in sec[1:])
            elif key == ":goal":
                self.goal = sec[1]


# --------------------------------------------------------------------------
# formulas
# --------------------------------------------------------------------------

class World:
    """Objects (problem + constants) of one problem, by type."""

    def __init__(self, dom: ODomain, objects):
        self.dom = dom
        self.all = list(objects) + list(dom.constants)
        self.cache = {}

    def of_type(self, t: str):
        if t not in self.cache:
            self.cache[t] = [o for o, ot in self.all if self.dom.is_sub(ot, t)]
        return self.cache[t]


def term(x, sub, ren):
    if x.startswith("?"):
        return sub[x]
    return ren.get(x, x) if ren else x


def holds(f, state, world: World, sub=None, ren=None) -> bool:
    """Evaluate goal/precondition f; ``ren`` renames the formula's objects."""
    sub = sub or {}
    h = f[0] if f else "and"
    if h == "and":
        return all(holds(g, state, world, sub, ren) for g in f[1:])
    if h == "or":
        return any(holds(g, state, world, sub, ren) for g in f[1:])
    if h == "not":
        return not holds(f[1], state, world, sub, ren)
    if h == "imply":
        return (not holds(f[1], state, world, sub, ren)) or holds(f[2], state, world, sub, ren)
    if h in ("exists", "forall"):
        vs = typed_list(f[1])
        combos = itertools.product(*[world.of_type(t) for _, t in vs])
        test = any if h == "exists" else all
        return test(
            holds(f[2], state, world, {**sub, **{v: o for (v, _), o in zip(vs, c)}}, ren)
            for c in combos
        )
    if h == "=":
        return term(f[1], sub, ren) == term(f[2], sub, ren)
    return (h, *[term(a, sub, ren) for a in f[1:]]) in state


def literal_conj(f):
    """(pos, neg, eqs, neqs) if f is a conjunction of literals, else None."""
    pos, neg, eqs, neqs = [], [], [], []
    items = f[1:] if f and f[0] == "and" else ([f] if f else [])
    for g in items:
        if g[0] == "not":
            a = g[1]
            if a[0] in ("and", "or", "not", "imply", "exists", "forall"):
                return None
            (neqs if a[0] == "=" else neg).append(a)
        elif g[0] in ("and", "or", "imply", "exists", "forall"):
            return None
        else:
            (eqs if g[0] == "=" else pos).append(g)
    return pos, neg, eqs, neqs


# --------------------------------------------------------------------------
# grounding and search
# --------------------------------------------------------------------------

def effect_preds(eff, out):
    h = eff[0] if eff else "and"
    if h == "and":
        for g in eff[1:]:
            effect_preds(g, out)
    elif h == "forall":
        effect_preds(eff[2], out)
    elif h == "when":
        effect_preds(eff[2], out)
    elif h == "not":
        out.add(eff[1][0])
    elif eff:
        out.add(h)


def flatten_effect(eff, sub, world, out, cond=None):
    """Append (cond, sub, adds, dels) for every (conditional) effect piece."""
    h = eff[0] if eff else "and"
    if h == "and":
        for g in eff[1:]:
            flatten_effect(g, sub, world, out, cond)
    elif h == "forall":
        vs = typed_list(eff[1])
        for c in itertools.product(*[world.of_type(t) for _, t in vs]):
            flatten_effect(eff[2], {**sub, **{v: o for (v, _), o in zip(vs, c)}}, world, out, cond)
    elif h == "when":
        flatten_effect(eff[2], sub, world, out, eff[1])
    elif h == "not":
        a = eff[1]
        out.append((cond, sub, (), ((a[0], *[term(x, sub, None) for x in a[1:]]),)))
    elif eff:
        out.append((cond, sub, ((h, *[term(x, sub, None) for x in eff[1:]]),), ()))


class Ground:
    def __init__(self, dom: ODomain, world: World, init: frozenset):
        self.world = world
        fluent = set()
        for _, _, _, eff in dom.actions:
            effect_preds(eff, fluent)
        self.actions = []
        for name, params, pre, eff in dom.actions:
            lc = literal_conj(pre)
            for combo in itertools.product(*[world.of_type(t) for _, t in params]):
                sub = {v: o for (v, _), o in zip(params, combo)}
                if lc is not None:
                    pos, neg, eqs, neqs = lc
                    if any(term(a[1], sub, None) != term(a[2], sub, None) for a in eqs):
                        continue
                    if any(term(a[1], sub, None) == term(a[2], sub, None) for a in neqs):
                        continue
                    gpos = [(a[0], *[term(x, sub, None) for x in a[1:]]) for a in pos]
                    gneg = [(a[0], *[term(x, sub, None) for x in a[1:]]) for a in neg]
                    # static atoms: decided by init once and for all
                    if any(a[0] not in fluent and a not in init for a in gpos):
                        continue
                    if any(a[0] not in fluent and a in init for a in gneg):
                        continue
                    check = (frozenset(a for a in gpos if a[0] in fluent),
                             frozenset(a for a in gneg if a[0] in fluent), None)
                else:
                    check = (frozenset(), frozenset(), (pre, sub))
                effs = []
                flatten_effect(eff, sub, world, effs)
                self.actions.append((check, effs))

    def successors(self, s: frozenset):
        w = self.world
        for (pos, neg, gen), effs in self.actions:
            if not pos <= s or not neg.isdisjoint(s):
                continue
            if gen is not None and not holds(gen[0], s, w, gen[1]):
                continue
            adds, dels = set(), set()
            for cond, sub, a, d in effs:  # conditions read the old state
                if cond is None or holds(cond, s, w, sub):
                    adds.update(a)
                    dels.update(d)
            yield (s - dels) | adds


def reachable(dom: ODomain, prob: OProblem) -> list[frozenset]:
    world = World(dom, prob.objects)
    g = Ground(dom, world, prob.init)
    seen = {prob.init}
    order = [prob.init]
    i = 0
    while i < len(order):
        s = order[i]
        i += 1
        for t in g.successors(s):
            if t not in seen:
                seen.add(t)
                order.append(t)
                if len(order) > MAX_STATES:
                    raise TooBig("state space")
    return order


def bijections(p1: OProblem, p2: OProblem):
    """All type-preserving bijections s of objects with s(init1) = init2."""
    if len(p1.init) != len(p2.init):
        return
    t1 = Counter(t for _, t in p1.objects)
    t2 = Counter(t for _, t in p2.objects)
    if t1 != t2 or len(set(o for o, _ in p1.objects)) != len(p1.objects):
        return

    def sigs(p):
        sig = defaultdict(Counter)
        names = {o for o, _ in p.objects}
        for a in p.init:
            for i, x in enumerate(a[1:]):
                if x in names:
                    # constants in the atom are part of the signature
                    shape = tuple(y if y not in names else ("#" if y == x else "_") for y in a[1:])
                    sig[x][(a[0], i, shape)] += 1
        return {o: (t, tuple(sorted(sig[o].items(), key=repr))) for o, t in p.objects}

    s1, s2 = sigs(p1), sigs(p2)
    if Counter(s1.values()) != Counter(s2.values()):
        return
    by_sig = defaultdict(list)
    for o, s in s2.items():
        by_sig[s].append(o)
    names1 = {o for o, _ in p1.objects}
    # most constrained first: objects in small classes
    order = sorted(names1, key=lambda o: (len(by_sig[s1[o]]), o))
    idx = {o: i for i, o in enumerate(order)}
    atoms_at = defaultdict(list)  # atom checked when its last object is assigned
    for a in p1.init:
        objs = [x for x in a[1:] if x in names1]
        last = max((idx[x] for x in objs), default=-1)
        atoms_at[last].append(a)
    for a in atoms_at[-1]:  # atoms over constants only
        if a not in p2.init:
            return
    sigma, used = {}, set()

    def rec(k):
        if k == len(order):
            yield dict(sigma)
            return
        o = order[k]
        for c in by_sig[s1[o]]:
            if c in used:
                continue
            sigma[o] = c
            if all((a[0], *[sigma.get(x, x) for x in a[1:]]) in p2.init for a in atoms_at[k]):
                used.add(c)
                yield from rec(k + 1)
                used.discard(c)
            del sigma[o]

    yield from rec(0)


_REACH_CACHE: dict = {}


def oracle(dom_text: str, left: str, right: str) -> str:
    """'equivalent' / 'not_equivalent', exactly; raises TooBig."""
    dom = ODomain(dom_text)
    p1, p2 = OProblem(left, dom), OProblem(right, dom)
    for p in (p1, p2):
        per = Counter(t for _, t in p.objects)
        if per and max(per.values()) > MAX_PER_TYPE:
            raise TooBig("objects")
    key = (dom_text, tuple(sorted(p2.objects)), p2.init)
    if key not in _REACH_CACHE:
        _REACH_CACHE[key] = reachable(dom, p2)
    states = _REACH_CACHE[key]
    w2 = World(dom, p2.objects)
    mask2 = [holds(p2.goal, s, w2) for s in states]
    n = 0
    for sigma in bijections(p1, p2):
        n += 1
        if n > MAX_BIJECTIONS:
            raise TooBig("bijections")
        if all(holds(p1.goal, s, w2, None, sigma) == m for s, m in zip(states, mask2)):
            return "equivalent"
    return "not_equivalent"


def goal_profile(dom_text: str, prob_text: str):
    """(reachable states, goal-state list) of one problem, for case building."""
    dom = ODomain(dom_text)
    p = OProblem(prob_text, dom)
    key = (dom_text, tuple(sorted(p.objects)), p.init)
    if key not in _REACH_CACHE:
        _REACH_CACHE[key] = reachable(dom, p)
    states = _REACH_CACHE[key]
    w = World(dom, p.objects)
    return states, [s for s in states if holds(p.goal, s, w)]


# --------------------------------------------------------------------------
# problem building
# --------------------------------------------------------------------------

def render(dname, pname, objects, typed, init, goal) -> str:
    if typed:
        objs = " ".join(f"{o} - {t}" for o, t in objects)
    else:
        objs = " ".join(o for o, _ in objects)
    return (f"(define (problem {pname}) (:domain {dname})\n (:objects {objs})\n"
            f" (:init {' '.join(sx(a) for a in init)})\n (:goal {sx(goal)}))\n")


def subst(f, ren):
    if isinstance(f, (list, tuple)):
        return [subst(x, ren) for x in f]
    return ren.get(f, f)


def shuffle_f(f, rng):
    if isinstance(f, (list, tuple)) and f and f[0] in ("and", "or"):
        args = [shuffle_f(x, rng) for x in f[1:]]
        rng.shuffle(args)
        return [f[0], *args]
    if isinstance(f, (list, tuple)):
        return [shuffle_f(x, rng) if isinstance(x, list) and x and x[0] in ("and", "or", "not", "imply") else x for x in f]
    return f


def renamed(objects, init, goal, rng, tag="o"):
    """A random non-trivial renaming of the objects, facts and goal shuffled."""
    names = [o for o, _ in objects]
    fresh = [f"{tag}{i}" for i in rng.sample(range(10 * len(names) + 10), len(names))]
    ren = dict(zip(names, fresh))
    objs = [(ren[o], t) for o, t in objects]
    rng.shuffle(objs)
    ini = [tuple(subst(list(a), ren)) for a in init]
    rng.shuffle(ini)
    return objs, ini, shuffle_f(subst(goal, ren), rng)


def conj(atoms):
    return ["and", *[list(a) for a in atoms]]


def blocks_config(blocks, rng):
    bl = list(blocks)
    rng.shuffle(bl)
    towers, cur = [], []
    for b in bl:
        cur.append(b)
        if rng.random() < 0.4:
            towers.append(cur)
            cur = []
    if cur:
        towers.append(cur)
    atoms = []
    for t in towers:
        atoms.append(("on-table", t[0]))
        atoms += [("on", t[i + 1], t[i]) for i in range(len(t) - 1)]
        atoms.append(("clear", t[-1]))
    return atoms


def base_blocks(rng):
    n = rng.choice([2, 3, 3, 4, 4, 5])
    bl = "abcdefg"[:n]
    init = blocks_config(bl, rng) + [("arm-empty",)]
    g = [a for a in blocks_config(bl, rng) if a[0] == "on" or rng.random() < 0.5]
    return [(b, "object") for b in bl], init, g or [("arm-empty",)]


def base_gripper(rng):
    rooms = ["rooma", "roomb", "roomc"][: rng.choice([2, 2, 3])]
    balls = [f"ball{i}" for i in range(1, rng.choice([2, 3, 4]))]
    objs = [(o, "object") for o in rooms + balls + ["left", "right"]]
    init = [("room", r) for r in rooms] + [("ball", b) for b in balls] + [("gripper", "left"), ("gripper", "right")]
    init += [("at-robby", rooms[0]), ("free", "left"), ("free", "right")]
    init += [("at", b, rng.choice(rooms)) for b in balls]
    g = [("at", b, rng.choice(rooms)) for b in balls if rng.random() < 0.8] or [("at-robby", rooms[1])]
    return objs, init, g


def base_grippers(rng):
    robots = ["r1", "r2"][: rng.choice([1, 2])]
    rooms = ["k1", "k2"]
    balls = [f"b{i}" for i in range(1, rng.choice([2, 3, 4]))]
    grips = ["g1", "g2"]
    objs = [(o, "robot") for o in robots] + [(o, "room") for o in rooms] + [(o, "ball") for o in balls] + [(o, "gripper") for o in grips]
    init = [("at-robby", r, rng.choice(rooms)) for r in robots] + [("free", r, g) for r in robots for g in grips]
    init += [("at", b, rng.choice(rooms)) for b in balls]
    g = [("at", b, rng.choice(rooms)) for b in balls]
    return objs, init, g


def base_logistics(rng):
    cities = ["c1", "c2"][: rng.choice([1, 2])]
    locs = {c: [f"{c}l{i}" for i in range(1, 3)] for c in cities}
    trucks = [f"t{i}" for i in range(1, len(cities) + 1)]
    pk = [f"p{i}" for i in range(1, rng.choice([2, 3, 4]))]
    objs = [(c, "city") for c in cities] + [(l, "location") for c in cities for l in locs[c]] + [(t, "truck") for t in trucks] + [(p, "package") for p in pk]
    init = [("in-city", l, c) for c in cities for l in locs[c]] + [("at", t, rng.choice(locs[c])) for t, c in zip(trucks, cities)]
    home = {p: rng.choice(cities) for p in pk}
    init += [("at", p, rng.choice(locs[home[p]])) for p in pk]
    g = [("at", p, rng.choice(locs[home[p]])) for p in pk]
    return objs, init, g


def base_floortile(rng):
    rows, cols = rng.choice([(2, 2), (2, 3), (3, 2)])
    tiles = [f"tile_{r}-{c}" for r in range(rows) for c in range(cols)]
    robots = ["robot1", "robot2"][: rng.choice([1, 1, 2])]
    objs = [(r, "robot") for r in robots] + [(t, "tile") for t in tiles] + [("white", "color"), ("black", "color")]
    init = []
    for r in range(rows):
        for c in range(cols):
            if r + 1 < rows:
                init += [("up", f"tile_{r+1}-{c}", f"tile_{r}-{c}"), ("down", f"tile_{r}-{c}", f"tile_{r+1}-{c}")]
            if c + 1 < cols:
                init += [("right", f"tile_{r}-{c+1}", f"tile_{r}-{c}"), ("left", f"tile_{r}-{c}", f"tile_{r}-{c+1}")]
    pos = rng.sample(tiles, len(robots))
    init += [("robot-at", r, p) for r, p in zip(robots, pos)] + [("clear", t) for t in tiles if t not in pos]
    init += [("robot-has", r, rng.choice(["white", "black"])) for r in robots]
    init += [("available-color", c) for c in (["white", "black"] if rng.random() < 0.8 else ["white"])]
    g = [("painted", t, rng.choice(["white", "black"])) for t in rng.sample(tiles, rng.choice([1, 2, 3]))]
    return objs, init, g


def base_lights(rng):
    rooms = ["ra", "rb"][: rng.choice([1, 2])]
    lights = [f"l{i}" for i in range(1, rng.choice([3, 4, 5]))]
    objs = [(r, "room") for r in rooms] + [(l, "light") for l in lights]
    init = [("agent-at", "hall"), ("door", "hall", rooms[0])] + ([("door", rooms[0], rooms[1])] if len(rooms) > 1 else [])
    if rng.random() < 0.5:
        init.append(("locked", rooms[-1]))
    for l in lights:
        init.append(("in", l, rng.choice(rooms + ["hall"])))
        if rng.random() < 0.3:
            init.append(("on", l))
        if rng.random() < 0.2:
            init.append(("broken", l))
    g = [("on", l) for l in lights if rng.random() < 0.6] or [("on", lights[0])]
    return objs, init, g


DOMAINS = {
    "blocksworld": (SHARED_DOMAINS / "blocksworld.pddl", False, base_blocks),
    "gripper": (SHARED_DOMAINS / "gripper.pddl", False, base_gripper),
    "grippers": (OWN_DOMAINS / "grippers.pddl", True, base_grippers),
    "logistics": (OWN_DOMAINS / "logistics.pddl", True, base_logistics),
    "floortile": (OWN_DOMAINS / "floortile.pddl", True, base_floortile),
    "lights": (OWN_DOMAINS / "lights.pddl", True, base_lights),
}


def oracle_cases(key, rng, n_bases):
    path, typed, base = DOMAINS[key]
    dtext = path.read_text()
    dname = ODomain(dtext).name
    rows = []
    for k in range(n_bases):
        objs, init, g = base(rng)
        left = render(dname, f"p{k}", objs, typed, init, conj(g))
        try:
            states, gs = goal_profile(dtext, left)
        except TooBig:
            continue
        universe = set().union(*states)
        cands = []
        if gs:
            inter = frozenset.intersection(*gs)
            union = frozenset().union(*gs)
            implied = sorted(inter - set(g))
            nonimp = sorted(union - inter - set(g))
            never = sorted(universe - union)
            if implied:
                cands.append(("implied-fact", conj(g + rng.sample(implied, rng.randint(1, len(implied))))))
            if nonimp:
                cands.append(("nonimplied-fact", conj(g + [rng.choice(nonimp)])))
                f = list(rng.choice(nonimp))
                cands.append(("disjunction", ["or", conj(g + [f]), ["and", *[list(a) for a in g], ["not", f]]]))
            if never:
                cands.append(("negative", ["and", *[list(a) for a in g], ["not", list(rng.choice(never))]]))
            if nonimp:
                cands.append(("negative", ["and", *[list(a) for a in g], ["not", list(rng.choice(nonimp))]]))
            other = [s for s in states if s not in set(gs)]
            if other:
                s = rng.choice(other)
                cands.append(("disjunction", ["or", conj(g), conj(rng.sample(sorted(s), min(2, len(s))))]))
        if len(g) > 1:
            cands.append(("drop-fact", conj([a for a in g if a != rng.choice(g)])))
        # unreachable pair of atoms
        us = sorted(universe)
        U = None
        for _ in range(200):
            a, b = rng.sample(us, 2)
            if not any(a in s and b in s for s in states):
                U = conj([a, b])
                break
        if U is not None and len(g) > 1:
            g0, rest = g[0], g[1:]
            cands.append(("imply", ["and", *[list(a) for a in rest], ["imply", ["not", list(g0)], U]]))
            cands.append(("unreachable", U if not gs else None))
            cands.append(("unreachable-one-side", U))
        # swap two same-typed objects in the goal
        bytype = defaultdict(list)
        for o, t in objs:
            bytype[t].append(o)
        grp = [v for v in bytype.values() if len(v) > 1]
        if grp:
            a, b = rng.sample(rng.choice(grp), 2)
            cands.append(("symmetric-swap", subst(conj(g), {a: b, b: a})))
        # exists over an object of the goal
        gobjs = sorted({x for a in g for x in a[1:]} & {o for o, _ in objs})
        if gobjs:
            o = rng.choice(gobjs)
            t = dict(objs)[o]
            var = ["?x", "-", t] if typed else ["?x"]
            cands.append(("exists", ["exists", var, subst(conj(g), {o: "?x"})]))
            inst = [subst(conj(g), {o: p}) for p, tt in objs if tt == t]
            cands.append(("exists-expanded", ("pair", ["exists", var, subst(conj(g), {o: "?x"})], ["or", *inst])))
            cands.append(("forall-expanded", ("pair", ["forall", var, ["not", subst(conj(g), {o: "?x"})]], ["and", *[["not", i] for i in inst]])))
        cands.append(("extra-object", "extra"))
        for typ, rg in cands:
            if rg is None:
                continue
            lg = conj(g)
            if isinstance(rg, tuple) and rg[0] == "pair":
                lg, rg = rg[1], rg[2]
            if typ == "unreachable-one-side":
                lg = conj(g)
            robjs = list(objs)
            if rg == "extra":
                rg = conj(g)
                robjs = robjs + [("zz", objs[-1][1])]
            if typ == "unreachable" and U is not None:
                # both sides unreachable, with different formulas
                lg = ["and", *[list(a) for a in g], *U[1:]]
                rg = U
            rinit = list(init)
            tags = []
            if rng.random() < 0.6:
                robjs, rinit, rg = renamed(robjs, rinit, rg, rng)
                tags.append("x:renamed")
            L = render(dname, f"p{k}a", objs, typed, init, lg)
            R = render(dname, f"p{k}b", robjs, typed, rinit, rg)
            if rng.random() < 0.5:
                L, R = R, L
            try:
                lab = oracle(dtext, L, R)
            except TooBig:
                continue
            rows.append({"kind": "pddl", "left": L, "right": R, "domain": dtext, "expected": lab,
                         "tags": [f"domain:{key}", f"t:{typ}", "oracle:exact", *tags]})
    return rows


# --------------------------------------------------------------------------
# large rows, labelled by construction
# --------------------------------------------------------------------------

def construction_blocks(rng, n_rows):
    """Blocksworld, 20-60 blocks, initial state a single tower.

    * rename: a renaming with facts/goal shuffled is equivalent (the renaming
      itself is the bijection, the goal maps onto the goal).
    * swap: the initial state is one tower, whose only automorphism is the
      identity (bottom is the unique on-table block, the chain fixes the rest),
      so the renaming pi is the *only* bijection mapping init1 onto init2.  The
      goals fully specify two different arrangements (two blocks swapped):
      disjoint sets of states, and every arm-empty arrangement is reachable in
      blocksworld, so pi(goal1) and goal2 differ -> not equivalent.
    * implied: goal a full tower of all blocks (on chain + on-table bottom) vs
      the same plus (clear top) (arm-empty): every block is on something, so
      nothing is held (arm-empty) and nothing is on top (clear) -> equivalent.
    """
    dtext = (SHARED_DOMAINS / "blocksworld.pddl").read_text()
    rows = []
    for k in range(n_rows):
        n = rng.randint(20, 60)
        bl = [f"b{i}" for i in range(n)]
        order = bl[:]
        rng.shuffle(order)
        init = [("on-table", order[0])] + [("on", order[i + 1], order[i]) for i in range(n - 1)] + [("clear", order[-1]), ("arm-empty",)]
        goal_order = bl[:]
        rng.shuffle(goal_order)
        full = [("on-table", goal_order[0])] + [("on", goal_order[i + 1], goal_order[i]) for i in range(n - 1)]
        objs = [(b, "object") for b in bl]
        typ = ["rename", "swap", "implied"][k % 3]
        lg, rg = conj(full), conj(full)
        lab = "equivalent"
        if typ == "swap":
            i, j = rng.sample(range(n), 2)
            a, b = goal_order[i], goal_order[j]
            rg = subst(conj(full), {a: b, b: a})
            lab = "not_equivalent"
        elif typ == "implied":
            rg = conj(full + [("clear", goal_order[-1]), ("arm-empty",)])
        robjs, rinit, rg = renamed(objs, init, rg, rng, "blk")
        L = render("blocksworld", f"big{k}", objs, False, init, lg)
        R = render("blocksworld", f"big{k}r", robjs, False, rinit, rg)
        rows.append({"kind": "pddl", "left": L, "right": R, "domain": dtext, "expected": lab,
                     "tags": ["domain:blocksworld", f"t:{typ}", "oracle:construction", "x:renamed"]})
    return rows


def construction_gripper(rng, n_rows):
    """Gripper (untyped), 20-100 balls, 3 rooms, robby and all balls in rooma.

    * rename: equivalent.
    * implied: goal every ball at some room vs also (free left) (free right):
      a ball at a room is not carried, free g <-> g carries nothing -> equivalent.
    * count: goals assign every ball a room; the number of balls whose goal room
      is their initial room is invariant under any bijection mapping init onto
      init; changing one ball's goal from roomb to rooma changes it, so no
      bijection maps goal1 onto goal2; both full assignments are reachable and
      mutually exclusive -> not equivalent.
    """
    dtext = (SHARED_DOMAINS / "gripper.pddl").read_text()
    rows = []
    for k in range(n_rows):
        n = rng.randint(20, 100)
        rooms = ["rooma", "roomb", "roomc"]
        balls = [f"ball{i}" for i in range(n)]
        objs = [(o, "object") for o in rooms + balls + ["left", "right"]]
        init = [("room", r) for r in rooms] + [("ball", b) for b in balls] + [("gripper", "left"), ("gripper", "right"),
                ("at-robby", "rooma"), ("free", "left"), ("free", "right")] + [("at", b, "rooma") for b in balls]
        goal = [("at", b, rng.choice(["roomb", "roomc"])) for b in balls]
        typ = ["rename", "implied", "count"][k % 3]
        rg, lab = conj(goal), "equivalent"
        if typ == "implied":
            rg = conj(goal + [("free", "left"), ("free", "right")])
        elif typ == "count":
            i = rng.randrange(n)
            rg = conj(goal[:i] + [("at", balls[i], "rooma")] + goal[i + 1:])
            lab = "not_equivalent"
        robjs, rinit, rg = renamed(objs, init, rg, rng, "x")
        L = render("gripper", f"big{k}", objs, False, init, conj(goal))
        R = render("gripper", f"big{k}r", robjs, False, rinit, rg)
        rows.append({"kind": "pddl", "left": L, "right": R, "domain": dtext, "expected": lab,
                     "tags": ["domain:gripper", f"t:{typ}", "oracle:construction", "x:renamed"]})
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(DATA / "hard_pairs.jsonl"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.time()
    rows = []
    for key, nb in [("blocksworld", 9), ("gripper", 7), ("grippers", 6), ("logistics", 6), ("floortile", 7), ("lights", 8)]:
        r = oracle_cases(key, rng, nb)
        print(f"{key}: {len(r)} rows, {time.time() - t0:.1f}s", file=sys.stderr)
        rows += r
    rows += construction_blocks(rng, 24)
    rows += construction_gripper(rng, 18)
    for i, r in enumerate(rows):
        r["id"] = f"pddl-hard-{i:04d}"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        for r in rows:
            f.write(json.dumps({"id": r["id"], **{k: v for k, v in r.items() if k != "id"}}) + "\n")
    c = Counter((t[0][7:], t[1][2:], r["expected"]) for r in rows for t in [r["tags"]])
    for k, v in sorted(c.items()):
        print(*k, v, file=sys.stderr)
    print(f"{len(rows)} rows in {time.time() - t0:.1f}s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
