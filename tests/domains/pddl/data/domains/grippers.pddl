;; Typed multi-robot gripper domain: every robot has its own grippers.
(define (domain grippers)
  (:requirements :strips :typing)
  (:types robot room ball gripper - object)
  (:predicates
    (at-robby ?r - robot ?x - room)
    (at ?b - ball ?x - room)
    (free ?r - robot ?g - gripper)
    (carry ?r - robot ?o - ball ?g - gripper))
  (:action move
    :parameters (?r - robot ?from - room ?to - room)
    :precondition (at-robby ?r ?from)
    :effect (and (at-robby ?r ?to) (not (at-robby ?r ?from))))
  (:action pick
    :parameters (?r - robot ?obj - ball ?room - room ?g - gripper)
    :precondition (and (at ?obj ?room) (at-robby ?r ?room) (free ?r ?g))
    :effect (and (carry ?r ?obj ?g) (not (at ?obj ?room)) (not (free ?r ?g))))
  (:action drop
    :parameters (?r - robot ?obj - ball ?room - room ?g - gripper)
    :precondition (and (carry ?r ?obj ?g) (at-robby ?r ?room))
    :effect (and (at ?obj ?room) (free ?r ?g) (not (carry ?r ?obj ?g)))))
