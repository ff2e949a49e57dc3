"""PDDL planning domains and problems (parsing only, not yet a registered kind)."""
