;; ADL toy domain: an agent walks between rooms (doors, locks, one key in the
;; hall) and flips room switches.  A room switch toggles every light of the
;; room at once (conditional effects, read in the old state); broken lights
;; can be switched off but never on; the hall's master switch turns all off.
(define (domain lights)
  (:requirements :typing :negative-preconditions :equality
                 :disjunctive-preconditions :existential-preconditions
                 :conditional-effects)
  (:types room light)
  (:constants hall - room)
  (:predicates
    (agent-at ?r - room)
    (in ?l - light ?r - room)
    (on ?l - light)
    (broken ?l - light)
    (door ?r1 - room ?r2 - room)
    (locked ?r - room)
    (has-key))
  (:action move
    :parameters (?from - room ?to - room)
    :precondition (and (agent-at ?from) (not (= ?from ?to))
                       (or (door ?from ?to) (door ?to ?from))
                       (not (locked ?to)))
    :effect (and (agent-at ?to) (not (agent-at ?from))))
  (:action take-key
    :parameters ()
    :precondition (and (agent-at hall) (not (has-key)))
    :effect (has-key))
  (:action unlock
    :parameters (?r - room)
    :precondition (and (has-key) (locked ?r)
                       (exists (?x - room)
                         (and (agent-at ?x) (or (door ?x ?r) (door ?r ?x)))))
    :effect (not (locked ?r)))
  (:action toggle
    :parameters (?r - room)
    :precondition (agent-at ?r)
    :effect (forall (?l - light)
              (and (when (and (in ?l ?r) (on ?l)) (not (on ?l)))
                   (when (and (in ?l ?r) (not (on ?l)) (not (broken ?l)))
                         (on ?l)))))
  (:action all-off
    :parameters ()
    :precondition (agent-at hall)
    :effect (forall (?l - light) (when (on ?l) (not (on ?l))))))
