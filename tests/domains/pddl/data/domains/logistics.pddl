;; Small typed logistics: trucks move packages between locations of one city.
(define (domain logistics-small)
  (:requirements :strips :typing)
  (:types truck package - locatable
          locatable location city - object)
  (:predicates
    (at ?o - locatable ?l - location)
    (in ?p - package ?t - truck)
    (in-city ?l - location ?c - city))
  (:action load
    :parameters (?p - package ?t - truck ?l - location)
    :precondition (and (at ?t ?l) (at ?p ?l))
    :effect (and (not (at ?p ?l)) (in ?p ?t)))
  (:action unload
    :parameters (?p - package ?t - truck ?l - location)
    :precondition (and (at ?t ?l) (in ?p ?t))
    :effect (and (not (in ?p ?t)) (at ?p ?l)))
  (:action drive
    :parameters (?t - truck ?from - location ?to - location ?c - city)
    :precondition (and (at ?t ?from) (in-city ?from ?c) (in-city ?to ?c))
    :effect (and (not (at ?t ?from)) (at ?t ?to))))
